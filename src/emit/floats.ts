/**
 * Float code for the function emitter: unboxed doubles, inline Float fast paths, and float entries
 * (specialized copies of small float functions).
 *
 * Unboxed doubles. A value proven to be a Float (types.ts) that is computed by float arithmetic, returned
 * as a double by a float entry, or is a block parameter fed by such values, lives in a JS double variable
 * `d<N>` instead of a `VmFloat` box. It is boxed where it escapes (calls, stores, returns, parameters that
 * stay boxed, generic ops): at its definition into `v<N>` when it escapes more than once or from another
 * block (so a loop never boxes it more often than the generic code allocated), else at the single use.
 *
 * Exactness: every fast path computes what runtime/ops computes for these operand kinds. ADD/SUB/MUL/DIV/
 * MOD of Float with Float or I64 are the IEEE operation on the doubles, the I64 converted with `Number`
 * (round-half-even, as in ops); a zero divisor raises the ops' error text; CMP orders two doubles (or a
 * double and a safe-integer I64, both exact) with `<`/`>`/`===` (so -0 == +0) and hands NaN to the exact
 * `compare`, which raises `Cannot compare …`.
 *
 * Float entries. Bytecode parameters are untyped, so nothing inside `sqrt(a)` is provably a Float. A small
 * function whose parameter meets a float literal in arithmetic also gets a copy `f<N>_name$f` typed for
 * Float arguments, taking them as doubles (and returning a double when every return is a proven Float).
 * The function itself starts with `if (a instanceof VmFloat) return f$f(a.v)`; call sites whose
 * arguments are proven Floats call the entry directly, so float values cross calls unboxed and the
 * entry is small enough for V8 to inline. A function that always returns a Float (whatever its
 * arguments) is only `return new VmFloat(f$f(…))` around its entry.
 */
import type * as ES from 'estree';
import { floatFromBits } from '../bytecode/constant-value.js';
import { successors, type Cond, type Inst, type IrFunction, type Lit, type ValueId } from '../ir/ir.js';
import { ANY, I64, T, inferTypes, within, type TypeSet } from '../opt/types.js';
import * as js from './js.js';

/** A function's float entry. */
export interface FloatEntry {
  /** The JS function of the specialized copy. */
  readonly ident: string;
  /** Argument positions passed as doubles (the function's Float parameters). */
  readonly params: readonly number[];
  /** The entry returns a double (every return is a proven Float), not a VM value. */
  readonly returnsDouble: boolean;
}

/** What the function emitter provides. */
export interface FloatHost {
  ty(v: ValueId): TypeSet;
  /** The boxed (VM value) expression of a value: its literal, its box, or its variable. */
  val(v: ValueId): ES.Expression;
  /** Declares a function-local variable. */
  declare(name: string): void;
  alias(name: string): ES.Identifier;
  /** The float entry of a direct call's callee, when the call passes the right number of arguments. */
  floatEntry(i: Inst): FloatEntry | undefined;
}

type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
const ARITH: Readonly<Record<ArithOp, ES.BinaryOperator>> = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' };
const ZERO_DIVISOR: Readonly<Partial<Record<ArithOp, string>>> = { div: 'Division by zero', mod: 'Modulo by zero' };

const isArith = (op: Inst['op']): op is ArithOp => op in ARITH;

/** A value that converts to a double exactly as ops does: a Float, or an I64. */
const doubleable = (t: TypeSet): boolean => within(t, T.FLOAT) || within(t, I64);

/** The float entry a call reaches when its Float arguments are proven (`ty`), else undefined. */
function entryCall(i: Inst, entry: FloatEntry | undefined, ty: (v: ValueId) => TypeSet): FloatEntry | undefined {
  return entry && entry.params.every((k) => within(ty(i.args[k]!), T.FLOAT)) ? entry : undefined;
}

/**
 * Call results for type inference: a call that reaches a double-returning float entry yields a Float
 * (0 while an argument's type is still unknown, keeping the inference monotone).
 */
export function floatCallTypes(entryOf: (i: Inst) => FloatEntry | undefined): (i: Inst, ty: (v: ValueId) => TypeSet) => TypeSet {
  return (i, ty) => {
    const entry = entryOf(i);
    if (!entry?.returnsDouble) return ANY;
    if (entry.params.some((k) => ty(i.args[k]!) === 0)) return 0;
    return entryCall(i, entry, ty) ? T.FLOAT : ANY;
  };
}

export class FloatValues {
  /** Values held as JS doubles `d<N>`. */
  readonly unboxed = new Set<ValueId>();
  /** Unboxed values also boxed into `v<N>` right at their definition. */
  private readonly boxAtDef = new Set<ValueId>();

  /**
   * `entry`: emitting a float entry, whose `params` (entry parameter ids) arrive as doubles `d<N>` and
   * which returns doubles when `returnsDouble`.
   */
  constructor(
    private readonly fn: IrFunction,
    private readonly consts: ReadonlyMap<ValueId, Lit>,
    private readonly host: FloatHost,
    private readonly entry: { readonly params: readonly ValueId[]; readonly returnsDouble: boolean } | null,
    types: Uint16Array,
  ) {
    // Nothing to unbox without a proven Float (the common case for integer code).
    if (entry || types.some((t) => within(t, T.FLOAT))) this.plan();
  }

  // ---- analysis ----

  /** ADD…MOD computed on doubles: both operands convert exactly, at least one is a Float. */
  isFloatArith(i: Inst): boolean {
    if (!isArith(i.op)) return false;
    const [ta, tb] = [this.host.ty(i.args[0]!), this.host.ty(i.args[1]!)];
    return doubleable(ta) && doubleable(tb) && (within(ta, T.FLOAT) || within(tb, T.FLOAT));
  }

  /** CMP computed on doubles: Float against Float or a safe-integer I64 (bigints compare `===` wrongly). */
  isFloatCompare(x: ValueId, y: ValueId): boolean {
    const [tx, ty] = [this.host.ty(x), this.host.ty(y)];
    const ok = (t: TypeSet) => within(t, T.FLOAT) || within(t, T.INT);
    return ok(tx) && ok(ty) && (within(tx, T.FLOAT) || within(ty, T.FLOAT));
  }

  /** The float entry a direct call goes to. */
  private floatCall(i: Inst): FloatEntry | undefined {
    return i.op === 'call' && i.direct ? entryCall(i, this.host.floatEntry(i), (v) => this.host.ty(v)) : undefined;
  }

  private isFloatConst(v: ValueId): boolean {
    return this.consts.get(v)?.kind === 'float';
  }

  /** Per operand: read as a double (true) or as a VM value. */
  private doubleArgs(i: Inst): boolean[] {
    if (this.unboxed.has(i.dst) && i.op !== 'call') return i.args.map(() => true);
    if (i.op === 'cmp' && this.isFloatCompare(i.args[0]!, i.args[1]!)) return [true, true];
    const entry = this.floatCall(i);
    return i.args.map((_, k) => entry !== undefined && entry.params.includes(k));
  }

  private plan(): void {
    const { fn, unboxed } = this;
    const defBlock = new Map<ValueId, number>();
    for (const p of this.entry?.params ?? []) unboxed.add(p);
    // Optimistic: every float-typed parameter and copy, then drop those not fed by an unboxed value.
    const incoming = new Map<ValueId, ValueId[]>();
    fn.blocks.forEach((b, bi) => {
      for (const p of b.params) {
        defBlock.set(p, bi);
        if (bi > 0 && within(this.host.ty(p), T.FLOAT)) {
          unboxed.add(p);
          incoming.set(p, []);
        }
      }
      for (const i of b.insts) {
        defBlock.set(i.dst, bi);
        if (this.isFloatArith(i) || this.floatCall(i)?.returnsDouble) unboxed.add(i.dst);
        else if (i.op === 'copy' && within(this.host.ty(i.dst), T.FLOAT)) {
          unboxed.add(i.dst);
          incoming.set(i.dst, [i.args[0]!]);
        }
      }
    });
    for (const b of fn.blocks) {
      for (const e of successors(b.term)) {
        fn.blocks[e.block]!.params.forEach((p, k) => incoming.get(p)?.push(e.args[k]!));
      }
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const [v, srcs] of incoming) {
        if (unboxed.has(v) && !srcs.some((a) => a !== v && (unboxed.has(a) || this.isFloatConst(a)))) {
          unboxed.delete(v);
          changed = true;
        }
      }
    }
    // Boxed uses per unboxed value: the blocks they are in (returns box at the use: at most once a call).
    const boxedUses = new Map<ValueId, number[]>();
    const boxedUse = (v: ValueId, block: number) => {
      if (unboxed.has(v)) boxedUses.set(v, [...(boxedUses.get(v) ?? []), block]);
    };
    fn.blocks.forEach((b, bi) => {
      for (const i of b.insts) {
        const doubles = this.doubleArgs(i);
        i.args.forEach((a, k) => doubles[k] || boxedUse(a, bi));
      }
      const t = b.term;
      // A float compare reads doubles; a return boxes at the use (at most once per call).
      if ((t.op === 'br' || t.op === 'brcmp') && !(t.op === 'brcmp' && this.isFloatCompare(t.args[0]!, t.args[1]!))) {
        for (const a of t.args) boxedUse(a, bi);
      }
      for (const e of successors(t)) {
        fn.blocks[e.block]!.params.forEach((p, k) => {
          if (!unboxed.has(p)) boxedUse(e.args[k]!, bi);
        });
      }
    });
    for (const [v, blocks] of boxedUses) {
      if (blocks.length > 1 || blocks[0] !== defBlock.get(v)) this.boxAtDef.add(v);
    }
  }

  // ---- expressions ----

  /** A Float or I64 value as a double. */
  dbl(v: ValueId): ES.Expression {
    const lit = this.consts.get(v);
    if (lit?.kind === 'float') return js.num(floatFromBits(lit.bits));
    if (lit?.kind === 'i64') return js.num(Number(lit.value));
    if (this.unboxed.has(v)) return js.id(`d${v}`);
    const t = this.host.ty(v);
    if (within(t, T.FLOAT)) return js.member(this.host.val(v), 'v');
    if (within(t, T.INT)) return this.host.val(v);
    return js.call(js.id('Number'), [this.host.val(v)]);
  }

  /** The VM value of an unboxed value. */
  box(v: ValueId): ES.Expression {
    if (this.boxAtDef.has(v)) return js.id(`v${v}`);
    return this.newFloat(js.id(`d${v}`));
  }

  /** The double variable of an unboxed block parameter (edge copies assign it). */
  param(p: ValueId): ES.Identifier {
    this.host.declare(`d${p}`);
    return js.id(`d${p}`);
  }

  private newFloat(x: ES.Expression): ES.Expression {
    return { type: 'NewExpression', callee: this.host.alias('VmFloat'), arguments: [x] };
  }

  private defineDouble(v: ValueId, e: ES.Expression, loc?: js.Pos): ES.Statement[] {
    const d = js.id(`d${v}`);
    this.host.declare(d.name);
    const out: ES.Statement[] = [js.expr(js.assign(d, e), loc)];
    if (this.boxAtDef.has(v)) out.push(this.boxStatement(v));
    return out;
  }

  private boxStatement(v: ValueId): ES.Statement {
    this.host.declare(`v${v}`);
    return js.expr(js.assign(js.id(`v${v}`), this.newFloat(js.id(`d${v}`))));
  }

  // ---- statements ----

  /** At a block's start: box parameters that escape. */
  blockStart(b: number): ES.Statement[] {
    return this.fn.blocks[b]!.params.filter((p) => this.boxAtDef.has(p)).map((p) => this.boxStatement(p));
  }

  /** The JS parameter of an entry parameter. */
  paramName(p: ValueId): string {
    return this.unboxed.has(p) ? `d${p}` : `v${p}`;
  }

  /** What a return returns: a double from a double-returning float entry, else the VM value. */
  returned(v: ValueId): ES.Expression {
    return this.entry?.returnsDouble ? this.dbl(v) : this.host.val(v);
  }

  /** An instruction computed on doubles, or null for the generic emitter. */
  inst(i: Inst, loc?: js.Pos): ES.Statement[] | null {
    const plain = (e: ES.Expression) => {
      this.host.declare(`v${i.dst}`);
      return [js.expr(js.assign(js.id(`v${i.dst}`), e), loc)];
    };
    const entry = this.floatCall(i);
    if (entry) {
      const args = i.args.map((a, k) => (entry.params.includes(k) ? this.dbl(a) : this.host.val(a)));
      const call = js.call(js.id(entry.ident), args);
      if (!entry.returnsDouble) return plain(call);
      return this.unboxed.has(i.dst) ? this.defineDouble(i.dst, call, loc) : plain(this.newFloat(call));
    }
    if (i.op === 'cmp' && this.isFloatCompare(i.args[0]!, i.args[1]!)) {
      return plain(this.order(this.dbl(i.args[0]!), this.dbl(i.args[1]!), this.exactCompare(i.args[0]!, i.args[1]!)));
    }
    if (!this.unboxed.has(i.dst)) return null;
    if (i.op === 'copy') return this.defineDouble(i.dst, this.dbl(i.args[0]!), loc);
    if (!isArith(i.op)) throw new Error(`unboxed v${i.dst} defined by ${i.op}`);
    const op = i.op;
    const [a, b] = [this.dbl(i.args[0]!), this.dbl(i.args[1]!)];
    let e: ES.Expression = js.bin(ARITH[op], a, b);
    const message = ZERO_DIVISOR[op];
    if (message !== undefined && !this.nonZeroConst(i.args[1]!)) {
      e = js.cond(js.bin('===', this.dbl(i.args[1]!), js.num(0)), js.call(this.host.alias('fail'), [js.str(message)]), e);
    }
    return this.defineDouble(i.dst, e, loc);
  }

  private nonZeroConst(v: ValueId): boolean {
    const lit = this.consts.get(v);
    if (lit?.kind === 'float') return floatFromBits(lit.bits) !== 0;
    return lit?.kind === 'i64' && lit.value !== 0n;
  }

  /** The branch test of a fused compare on doubles, or null. */
  compareTest(c: Cond, x: ValueId, y: ValueId): ES.Expression | null {
    if (!this.isFloatCompare(x, y)) return null;
    return this.condTest(c, this.dbl(x), this.dbl(y), this.exactCompare(x, y));
  }

  private exactCompare(x: ValueId, y: ValueId): ES.Expression {
    return js.call(this.host.alias('compare'), [this.host.val(x), this.host.val(y)]);
  }

  /** The CMP flag of two doubles; unordered (NaN) goes to `exact`, which throws. */
  private order(x: ES.Expression, y: ES.Expression, exact: ES.Expression): ES.Expression {
    return js.cond(
      js.bin('<', x, y),
      js.num(-1),
      js.cond(js.bin('>', x, y), js.num(1), js.cond(js.bin('===', x, y), js.num(0), exact)),
    );
  }

  /** `cond` on the CMP of two doubles without materializing the flag. */
  private condTest(c: Cond, x: ES.Expression, y: ES.Expression, exact: ES.Expression): ES.Expression {
    const nan = flagHolds(c, exact);
    switch (c) {
      case 'lt':
        return js.cond(js.bin('<', x, y), js.bool(true), js.cond(js.bin('>=', x, y), js.bool(false), nan));
      case 'gt':
        return js.cond(js.bin('>', x, y), js.bool(true), js.cond(js.bin('<=', x, y), js.bool(false), nan));
      case 'eq':
      case 'ne': {
        const ordered = js.logical('||', js.bin('<', x, y), js.bin('>', x, y));
        return js.cond(js.bin('===', x, y), js.bool(c === 'eq'), js.cond(ordered, js.bool(c === 'ne'), nan));
      }
    }
  }

  // ---- fast paths in front of generic fallbacks ----

  /**
   * ADD…MOD whose operands may be boxed Floats: `a instanceof VmFloat && b instanceof VmFloat ?
   * new VmFloat(a.v op b.v) : fallback` (a zero divisor goes to the fallback, which throws).
   */
  arithFallback(i: Inst, fallback: ES.Expression): ES.Expression {
    if (!isArith(i.op)) return fallback;
    const boxed = this.boxedOperands(i.args);
    if (boxed === null) return fallback;
    const { checks, operands } = boxed;
    if (ZERO_DIVISOR[i.op] !== undefined) checks.push(js.bin('!==', operands[1]!, js.num(0)));
    return js.cond(js.chain('&&', checks), this.newFloat(js.bin(ARITH[i.op], operands[0]!, operands[1]!)), fallback);
  }

  /** CMP of operands that may be boxed Floats: their order when both are, else `fallback` (a flag). */
  compareFallback(x: ValueId, y: ValueId, fallback: ES.Expression): ES.Expression {
    const boxed = this.boxedOperands([x, y]);
    if (boxed === null) return fallback;
    const { checks, operands } = boxed;
    return js.cond(js.chain('&&', checks), this.order(operands[0]!, operands[1]!, fallback), fallback);
  }

  /**
   * Operands that are or may be Floats as doubles, with the `instanceof VmFloat` tests the possibly-boxed
   * ones need; null when one cannot be a Float or none needs a test (the caller's fallback handles it).
   */
  private boxedOperands(args: readonly ValueId[]): { checks: ES.Expression[]; operands: ES.Expression[] } | null {
    const checks: ES.Expression[] = [];
    const operands: ES.Expression[] = [];
    for (const v of args) {
      const t = this.host.ty(v);
      if (within(t, T.FLOAT)) operands.push(this.dbl(v));
      else if (t & T.FLOAT) {
        checks.push(js.bin('instanceof', this.host.val(v), this.host.alias('VmFloat')));
        operands.push(js.member(this.host.val(v), 'v'));
      } else return null;
    }
    return checks.length === 0 ? null : { checks, operands };
  }
}

function flagHolds(c: Cond, flag: ES.Expression): ES.Expression {
  const op: Record<Cond, ES.BinaryOperator> = { eq: '===', ne: '!==', lt: '<', gt: '>' };
  return js.bin(op[c], flag, js.num(0));
}

/** Functions larger than this (IR instructions) get no float entry: their body would be emitted twice. */
const MAX_SPECIALIZED = 120;

/** A function of the module, as float-entry planning sees it. */
export interface EntryCandidate {
  readonly ir: IrFunction;
  readonly types: Uint16Array;
  readonly ident: string;
}

/**
 * The float entry of each function (undefined: none). A parameter is specialized when, assumed a Float,
 * it makes some arithmetic with a proven-Float operand (e.g. a float literal) provably float — evidence
 * the parameter is a float. The entry returns a double when every return is then a proven Float. A
 * function without such parameters whose returns are all proven Floats gets an entry without guard.
 */
export function planFloatEntries(functions: readonly EntryCandidate[]): (FloatEntry | undefined)[] {
  return functions.map(({ ir, types, ident }) => {
    const rets = ir.blocks.flatMap((b) => (b.term.op === 'ret' ? [b.term.args[0]!] : []));
    const floatReturns = (t: Uint16Array) => rets.length > 0 && rets.every((v) => within(t[v]!, T.FLOAT));
    const chosen = floatParams(ir, types);
    // Without float parameters, an entry still pays when it returns a double: the function becomes
    // `return new VmFloat(f$f(…))` (no second body, so any size).
    if (chosen.length === 0) return floatReturns(types) ? { ident: `${ident}$f`, params: [], returnsDouble: true } : undefined;
    return { ident: `${ident}$f`, params: chosen, returnsDouble: floatReturns(assumeFloats(ir, chosen)) };
  });
}

function floatParams(fn: IrFunction, types: Uint16Array): number[] {
  const entry = fn.blocks[0]!.params;
  let size = 0;
  for (const b of fn.blocks) size += b.insts.length;
  if (entry.length === 0 || size > MAX_SPECIALIZED) return [];
  // Only arithmetic with a proven-Float operand can be evidence (this also skips most functions cheaply).
  const arith = fn.blocks.flatMap((b) => b.insts.filter((i) => isArith(i.op) && i.args.some((a) => within(types[a]!, T.FLOAT))));
  if (arith.length === 0) return [];
  const chosen: number[] = [];
  entry.forEach((p, k) => {
    if (!(types[p]! & T.FLOAT) || within(types[p]!, T.FLOAT)) return;
    const t = assumeFloats(fn, [k]);
    const gains = arith.some((i) => within(t[i.dst]!, T.FLOAT) && !within(types[i.dst]!, T.FLOAT));
    if (gains) chosen.push(k);
  });
  return chosen;
}

/** Types with the given argument positions Floats (direct calls: `directCall`, else anything). */
export function assumeFloats(
  fn: IrFunction,
  params: readonly number[],
  directCall?: (i: Inst, ty: (v: ValueId) => TypeSet) => TypeSet,
): Uint16Array {
  const entry = fn.blocks[0]!.params.map((_, k) => (params.includes(k) ? T.FLOAT : undefined));
  return inferTypes(fn, directCall ? { entry, directCall } : { entry });
}
