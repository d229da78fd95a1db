/**
 * Type inference: for every SSA value, the set of value kinds it may hold (a bitset), by an optimistic
 * fixed-point iteration over the CFG. Used to prove instructions cannot throw (DCE), to drop closure
 * refreshes of non-closures, and by the emitter to skip `typeof` guards.
 *
 * `INT` is an I64 held as a JS number (|v| <= 2^53-1); `BIG` an I64 held as a bigint.
 */
import { reversePostorder } from '../ir/cfg.js';
import { successors, type Inst, type IrFunction, type Lit } from '../ir/ir.js';

export const T = {
  INT: 1,
  BIG: 2,
  NARROW: 4,
  FLOAT: 8,
  BOOL: 16,
  STR: 32,
  UNIT: 64,
  TABLE: 128,
  CLOSURE: 256,
  FOREIGN: 512,
  SHARE: 1024,
  /** A compare flag (-1/0/1): compiler-only, never a VM value. */
  FLAG: 2048,
} as const;

export const I64 = T.INT | T.BIG;
/** Any VM value. */
export const ANY = 0x7ff;

export type TypeSet = number;

export const within = (t: TypeSet, allowed: TypeSet): boolean => t !== 0 && (t & ~allowed) === 0;

export function litType(l: Lit): TypeSet {
  switch (l.kind) {
    case 'unit':
      return T.UNIT;
    case 'i64':
      return l.value >= -9007199254740991n && l.value <= 9007199254740991n ? T.INT : T.BIG;
    case 'int':
      return T.NARROW;
    case 'float':
      return T.FLOAT;
    case 'bool':
      return T.BOOL;
    case 'string':
      return T.STR;
    case 'flag':
      return T.FLAG;
  }
}

/** Operands that may be secret (a share, or a table that may be a share object) make the result opaque. */
const OPAQUE = T.SHARE | T.TABLE;
/** What an opaque arithmetic result may be: anything the MPC engine returns, never a closure. */
const OPAQUE_RESULT = ANY & ~T.CLOSURE;

function arithType(op: Inst['op'], a: TypeSet, b: TypeSet): TypeSet {
  if ((a | b) & OPAQUE) return OPAQUE_RESULT;
  let r = 0;
  if (a & I64 && b & I64) r |= I64;
  if ((a & T.FLOAT && b & (T.FLOAT | I64)) || (a & I64 && b & T.FLOAT)) r |= T.FLOAT;
  if (a & T.NARROW && b & T.NARROW) r |= T.NARROW;
  if (op === 'add' && a & T.STR && b & T.STR) r |= T.STR;
  return r;
}

function bitType(a: TypeSet, b: TypeSet): TypeSet {
  if ((a | b) & T.SHARE) return OPAQUE_RESULT;
  let r = 0;
  if (a & I64 && b & I64) r |= I64;
  if (a & T.NARROW && b & T.NARROW) r |= T.NARROW;
  if (a & T.BOOL && b & T.BOOL) r |= T.BOOL;
  return r;
}

function instType(i: Inst, ty: (v: number) => TypeSet): TypeSet {
  const a = i.args.length > 0 ? ty(i.args[0]!) : 0;
  const b = i.args.length > 1 ? ty(i.args[1]!) : 0;
  switch (i.op) {
    case 'const':
      return litType(i.lit);
    case 'copy':
      return a;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod':
      return arithType(i.op, a, b);
    case 'and':
    case 'or':
    case 'xor':
      return bitType(a, b);
    case 'shl':
    case 'shr':
      return (a | b) & T.SHARE ? ANY : (a & I64 && b & I64 ? I64 : 0) | (a & T.NARROW && b & T.NARROW ? T.NARROW : 0);
    case 'not':
      return a & T.SHARE ? ANY : (a & I64 ? I64 : 0) | (a & T.NARROW) | (a & T.BOOL);
    case 'cmp':
      return T.FLAG;
    case 'mark':
      return T.INT;
    case 'refresh':
      return b;
    case 'tosecret':
      return T.SHARE | T.UNIT;
    case 'call':
      return i.direct ? ANY : (BUILTIN_RESULTS.get(i.name) ?? ANY);
    default:
      return ANY;
  }
}

/**
 * Result kinds of builtins whose result kind never depends on their arguments (when they return at all).
 * A call not bound directly to a program function with such a name reaches the builtin: builtin names are
 * reserved against host functions.
 */
const BUILTIN_RESULTS: ReadonlyMap<string, TypeSet> = new Map([
  ['to_string', T.STR],
  ['len', T.INT],
  ['array_length', T.INT],
  ['array_push', T.INT],
]);

/** What the emitter knows beyond one function's code (its float specialization, src/emit/floats.ts). */
export interface InferOptions {
  /** `entry[k]`, when given, is what the k-th argument is (checked at entry); others may be anything. */
  readonly entry?: readonly (TypeSet | undefined)[];
  /** The result of a direct call (monotone in the argument types; 0 while they are still unknown). */
  readonly directCall?: (i: Inst, ty: (v: number) => TypeSet) => TypeSet;
}

/** Inferred types per value id. */
export function inferTypes(fn: IrFunction, options: InferOptions = {}): Uint16Array {
  const types = new Uint16Array(fn.valueCount);
  const ty = (v: number) => types[v]!;
  const rpo = reversePostorder(fn);
  const { entry, directCall } = options;
  fn.blocks[0]!.params.forEach((p, k) => (types[p] = entry?.[k] ?? ANY));
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of rpo) {
      const b = fn.blocks[id]!;
      for (const i of b.insts) {
        if (i.dst < 0) continue;
        const t = (directCall && i.op === 'call' && i.direct ? directCall(i, ty) : instType(i, ty)) | types[i.dst]!;
        if (t !== types[i.dst]) {
          types[i.dst] = t;
          changed = true;
        }
      }
      for (const e of successors(b.term)) {
        const params = fn.blocks[e.block]!.params;
        e.args.forEach((a, k) => {
          const p = params[k]!;
          const t = types[p]! | types[a]!;
          if (t !== types[p]) {
            types[p] = t;
            changed = true;
          }
        });
      }
    }
  }
  return types;
}

/** False only when the instruction provably cannot throw and has no effect besides its result. */
export function mayThrow(i: Inst, ty: (v: number) => TypeSet): boolean {
  const a = i.args.length > 0 ? ty(i.args[0]!) : 0;
  const b = i.args.length > 1 ? ty(i.args[1]!) : 0;
  switch (i.op) {
    case 'const':
    case 'copy':
    case 'mark':
    case 'refresh':
      return false;
    case 'add':
    case 'sub':
      return !(
        (within(a, T.INT) && within(b, T.INT)) ||
        (within(a, T.FLOAT | I64) && within(b, T.FLOAT | I64) && (within(a, T.FLOAT) || within(b, T.FLOAT))) ||
        (i.op === 'add' && within(a, T.STR) && within(b, T.STR))
      );
    case 'mul':
      return !(within(a, T.FLOAT | I64) && within(b, T.FLOAT | I64) && (within(a, T.FLOAT) || within(b, T.FLOAT)));
    case 'and':
    case 'or':
    case 'xor':
      return !((within(a, I64) && within(b, I64)) || (within(a, T.BOOL) && within(b, T.BOOL)));
    case 'not':
      return !within(a, I64 | T.BOOL);
    case 'cmp':
      return !((within(a, I64) && within(b, I64)) || (within(a, T.STR) && within(b, T.STR)) || (within(a, T.BOOL) && within(b, T.BOOL)));
    case 'tosecret':
      return !within(a, T.UNIT | T.SHARE);
    default:
      return true;
  }
}
