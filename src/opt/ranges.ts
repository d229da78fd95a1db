/**
 * Range inference for I64 values: for every SSA value an interval that holds whenever the value is an I64,
 * at its definition and, refined by the compares of dominating branches, at each block.
 *
 * Sources of facts: constants, arithmetic (checked: a result outside i64 is an error, so results are clamped
 * to the i64 range), DIV/MOD/AND/OR/XOR/NOT/SHL/SHR bounds, non-negative lengths, and the two edges of every
 * `brcmp` (and of `br` on a `cmp` flag): `a < b` bounds both sides on the taken edge, `a >= b` on the other.
 * Loop-carried parameters are solved by an optimistic fixed point with widening to a few thresholds (0, ±1,
 * ±(2^53-1), the i64 limits), then narrowed by two plain iterations.
 *
 * The emitter combines a range with the inferred types: a value whose type is within I64 and whose range
 * lies in ±(2^53-1) is a JS number, and arithmetic whose result range is safe needs no overflow check.
 * An empty interval (lo > hi) means the value is never produced as an I64 there (the code is unreachable
 * or always throws first).
 */
import { dominators } from '../ir/cfg.js';
import { successors, type Cond, type Edge, type Inst, type IrFunction, type Term, type ValueId } from '../ir/ir.js';
import { I64, T, within, type TypeSet } from './types.js';

export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

export const I64_MIN = -(1n << 63n);
export const I64_MAX = (1n << 63n) - 1n;
export const SAFE_MAX = (1n << 53n) - 1n;

export const FULL: Interval = { lo: I64_MIN, hi: I64_MAX };
export const EMPTY: Interval = { lo: 1n, hi: 0n };
/** The I64 values JS holds as numbers. */
export const SAFE: Interval = { lo: -SAFE_MAX, hi: SAFE_MAX };
/** Where JS bitwise operators are exact. */
export const INT32: Interval = { lo: -(1n << 31n), hi: (1n << 31n) - 1n };

export const isEmpty = (r: Interval): boolean => r.lo > r.hi;
/** `r` ⊆ `outer` (the empty interval is within everything). */
export const inside = (r: Interval, outer: Interval): boolean => isEmpty(r) || (r.lo >= outer.lo && r.hi <= outer.hi);
export const contains = (r: Interval, v: bigint): boolean => r.lo <= v && v <= r.hi;

export interface Ranges {
  /** The interval of `v` (when it is an I64) wherever it is available. */
  def(v: ValueId): Interval;
  /** The interval of `v` in block `b` (its instructions and terminator), refined by dominating branches. */
  at(b: number, v: ValueId): Interval;
}

/** Builtins whose result is a non-negative length (a safe integer). */
const LENGTHS: ReadonlySet<string> = new Set(['len', 'array_length', 'array_push']);
/** Operands that may be secret make results opaque (share arithmetic never yields an I64 we can bound). */
const OPAQUE = T.SHARE | T.TABLE;
const WIDEN_AFTER = 3;
const NARROW_ROUNDS = 2;
const THRESHOLDS: readonly bigint[] = [I64_MIN, -SAFE_MAX, -1n, 0n, 1n, SAFE_MAX, I64_MAX];
const THRESHOLDS_DOWN = [...THRESHOLDS].reverse();

interface Incoming {
  readonly from: number;
  readonly edge: Edge;
  /** Which side of a two-way branch the edge is (null for a jump). */
  readonly taken: boolean | null;
}

export function inferRanges(fn: IrFunction, types: ArrayLike<TypeSet>): Ranges {
  const dom = dominators(fn);
  const n = fn.blocks.length;
  const defs: Interval[] = new Array<Interval>(fn.valueCount).fill(EMPTY);
  for (const p of fn.blocks[0]!.params) defs[p] = FULL;
  const defInst: (Inst | undefined)[] = new Array<Inst | undefined>(fn.valueCount);
  const incoming: Incoming[][] = fn.blocks.map(() => []);
  for (const b of dom.rpo) {
    const block = fn.blocks[b]!;
    for (const i of block.insts) if (i.dst >= 0) defInst[i.dst] = i;
    const t = block.term;
    if (t.op === 'br' || t.op === 'brcmp') {
      incoming[t.then.block]!.push({ from: b, edge: t.then, taken: true });
      incoming[t.else.block]!.push({ from: b, edge: t.else, taken: false });
    } else for (const e of successors(t)) incoming[e.block]!.push({ from: b, edge: e, taken: null });
  }
  /** Per block: operand intervals known on entry from its only incoming edge. */
  const refs: (Map<ValueId, Interval> | null)[] = new Array(n).fill(null);
  const updates = new Uint8Array(fn.valueCount);
  const ty = (v: ValueId): TypeSet => types[v] ?? 0;

  let anyRefs = false;
  const at = (b: number, v: ValueId): Interval => {
    if (!anyRefs) return defs[v]!;
    for (let x = b; x >= 0; x = dom.idom[x]!) {
      const r = refs[x]?.get(v);
      if (r) return r;
      if (x === 0) break;
    }
    return defs[v]!;
  };

  /** The operand intervals implied by taking one side of `t` (null: nothing learned). */
  const branchFacts = (b: number, t: Term, taken: boolean): Map<ValueId, Interval> | null => {
    let x: ValueId;
    let y: ValueId;
    if (t.op === 'brcmp') [x, y] = t.args as [ValueId, ValueId];
    else if (t.op === 'br') {
      const d = defInst[t.args[0]!];
      if (d?.op !== 'cmp') return null;
      [x, y] = d.args as [ValueId, ValueId];
    } else return null;
    // Both operands must be I64 for an I64 interval to say anything about the other side.
    if (x === y || !within(ty(x), I64) || !within(ty(y), I64)) return null;
    const [rx, ry] = relate(relation(t.cond, taken), at(b, x), at(b, y));
    return new Map([
      [x, rx],
      [y, ry],
    ]);
  };

  const edgeFacts = (inc: Incoming): Map<ValueId, Interval> | null =>
    inc.taken === null ? null : branchFacts(inc.from, fn.blocks[inc.from]!.term, inc.taken);

  const transfer = (i: Inst, b: number): Interval => {
    const A = () => at(b, i.args[0]!);
    const B = () => at(b, i.args[1]!);
    switch (i.op) {
      case 'const':
        return i.lit.kind === 'i64' ? point(i.lit.value) : FULL;
      case 'copy':
        return A();
      case 'refresh':
        return B();
      case 'mark':
        return { lo: 0n, hi: SAFE_MAX };
      case 'call':
        return !i.direct && LENGTHS.has(i.name) ? { lo: 0n, hi: SAFE_MAX } : FULL;
      case 'not':
        return ty(i.args[0]!) & OPAQUE ? FULL : mapNonEmpty([A()], (a) => ({ lo: -a.hi - 1n, hi: -a.lo - 1n }));
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'mod':
      case 'and':
      case 'or':
      case 'xor':
      case 'shl':
      case 'shr':
        if ((ty(i.args[0]!) | ty(i.args[1]!)) & OPAQUE) return FULL;
        return mapNonEmpty([A(), B()], (a, b2) => binary(i.op, a, b2!));
      default:
        return FULL;
    }
  };

  /** One sweep in reverse postorder; returns whether anything changed. */
  const sweep = (narrowing: boolean): boolean => {
    let changed = false;
    for (const b of dom.rpo) {
      const block = fn.blocks[b]!;
      if (b !== 0) {
        const inc = incoming[b]!;
        const facts = block.params.length > 0 ? inc.map(edgeFacts) : [];
        block.params.forEach((p, k) => {
          let r = EMPTY;
          inc.forEach((e, j) => {
            const a = e.edge.args[k]!;
            r = join(r, facts[j]?.get(a) ?? at(e.from, a));
          });
          const old = defs[p]!;
          if (!narrowing) {
            r = join(old, r);
            if (!same(r, old) && ++updates[p]! > WIDEN_AFTER) r = widen(old, r);
          }
          if (!same(r, old)) {
            defs[p] = r;
            changed = true;
          }
        });
        refs[b] = inc.length === 1 ? edgeFacts(inc[0]!) : null;
        if (refs[b]) anyRefs = true;
      }
      for (const i of block.insts) {
        if (i.dst < 0) continue;
        const r = transfer(i, b);
        if (!same(r, defs[i.dst]!)) {
          defs[i.dst] = r;
          changed = true;
        }
      }
    }
    return changed;
  };

  while (sweep(false));
  for (let k = 0; k < NARROW_ROUNDS && sweep(true); k++);
  return { def: (v) => defs[v] ?? FULL, at: (b, v) => (dom.idom[b] === -1 ? FULL : at(b, v)) };
}

type Relation = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';

/** What `x ? y` satisfies on the taken (or not taken) side of a branch on `cond`. */
function relation(cond: Cond, taken: boolean): Relation {
  switch (cond) {
    case 'lt':
      return taken ? 'lt' : 'ge';
    case 'gt':
      return taken ? 'gt' : 'le';
    case 'eq':
      return taken ? 'eq' : 'ne';
    case 'ne':
      return taken ? 'ne' : 'eq';
  }
}

/** The intervals of x and y restricted to pairs satisfying `x rel y`. */
export function relate(rel: Relation, x: Interval, y: Interval): [Interval, Interval] {
  switch (rel) {
    case 'lt':
      return [norm(x.lo, min(x.hi, y.hi - 1n)), norm(max(y.lo, x.lo + 1n), y.hi)];
    case 'le':
      return [norm(x.lo, min(x.hi, y.hi)), norm(max(y.lo, x.lo), y.hi)];
    case 'gt': {
      const [ry, rx] = relate('lt', y, x);
      return [rx, ry];
    }
    case 'ge': {
      const [ry, rx] = relate('le', y, x);
      return [rx, ry];
    }
    case 'eq': {
      const r = meet(x, y);
      return [r, r];
    }
    case 'ne':
      return [exclude(x, y), exclude(y, x)];
  }
}

/** `x` without the single value of `y` when `y` is a point at an end of `x`. */
function exclude(x: Interval, y: Interval): Interval {
  if (y.lo !== y.hi || isEmpty(x)) return x;
  if (x.lo === y.lo) return norm(x.lo + 1n, x.hi);
  if (x.hi === y.lo) return norm(x.lo, x.hi - 1n);
  return x;
}

/** The interval of `a op b` for I64 operands in `a` and `b` (never empty inputs). */
export function binary(op: Inst['op'], a: Interval, b: Interval): Interval {
  switch (op) {
    case 'add':
      return clamp(a.lo + b.lo, a.hi + b.hi);
    case 'sub':
      return clamp(a.lo - b.hi, a.hi - b.lo);
    case 'mul': {
      const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return clamp(minOf(c), maxOf(c));
    }
    case 'div':
      // Truncated division is monotone in each operand for a divisor of fixed sign: corners bound it.
      return join(divCorners(a, meet(b, { lo: 1n, hi: I64_MAX })), divCorners(a, meet(b, { lo: I64_MIN, hi: -1n })));
    case 'mod':
      return modRange(a, b);
    case 'and':
      if (a.lo >= 0n && b.lo >= 0n) return { lo: 0n, hi: min(a.hi, b.hi) };
      if (a.lo >= 0n) return { lo: 0n, hi: a.hi };
      if (b.lo >= 0n) return { lo: 0n, hi: b.hi };
      return meet(widthRange(a, b), { lo: I64_MIN, hi: max(a.hi, b.hi) });
    case 'or':
    case 'xor':
      if (a.lo >= 0n && b.lo >= 0n) return { lo: 0n, hi: (1n << BigInt(bitLength(max(a.hi, b.hi)))) - 1n };
      return widthRange(a, b);
    case 'shl': {
      const k = meet(b, { lo: 0n, hi: 63n });
      if (isEmpty(k)) return EMPTY;
      const lo = a.lo < 0n ? a.lo << k.hi : a.lo << k.lo;
      const hi = a.hi > 0n ? a.hi << k.hi : a.hi << k.lo;
      // Bits shifted out are dropped (no error): only a shift that cannot wrap keeps the bound.
      return lo >= I64_MIN && hi <= I64_MAX ? { lo, hi } : FULL;
    }
    case 'shr': {
      const k = meet(b, { lo: 0n, hi: 63n });
      if (isEmpty(k)) return EMPTY;
      // Arithmetic shift: moves toward 0 (non-negative) or -1 (negative) as the amount grows.
      return { lo: a.lo < 0n ? a.lo >> k.lo : a.lo >> k.hi, hi: a.hi < 0n ? a.hi >> k.hi : a.hi >> k.lo };
    }
    default:
      return FULL;
  }
}

function divCorners(a: Interval, b: Interval): Interval {
  if (isEmpty(b)) return EMPTY;
  const c = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
  return clamp(minOf(c), maxOf(c)); // I64_MIN / -1 overflows: an error, not a result
}

/** Remainder with the dividend's sign, smaller in magnitude than the divisor and at most the dividend. */
function modRange(a: Interval, b: Interval): Interval {
  const m = max(abs(b.lo), abs(b.hi));
  if (m === 0n) return EMPTY; // always `Modulo by zero`
  const least = b.lo > 0n ? b.lo : b.hi < 0n ? -b.hi : 0n;
  if (a.lo >= 0n && a.hi < least) return a;
  if (a.hi <= 0n && -a.lo < least) return a;
  return clamp(a.lo >= 0n ? 0n : max(a.lo, 1n - m), a.hi <= 0n ? 0n : min(a.hi, m - 1n));
}

/** Two's complement AND/OR/XOR of w-bit signed values are w-bit signed values. */
function widthRange(a: Interval, b: Interval): Interval {
  const w = BigInt(Math.max(width(a.lo), width(a.hi), width(b.lo), width(b.hi)));
  return clamp(-(1n << (w - 1n)), (1n << (w - 1n)) - 1n);
}

/** Bits of the smallest two's complement width holding `v`. */
function width(v: bigint): number {
  return bitLength(v < 0n ? -v - 1n : v) + 1;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

function mapNonEmpty(rs: Interval[], f: (a: Interval, b?: Interval) => Interval): Interval {
  return rs.some(isEmpty) ? EMPTY : f(rs[0]!, rs[1]);
}

function widen(old: Interval, r: Interval): Interval {
  if (isEmpty(old)) return r;
  const lo = r.lo < old.lo ? THRESHOLDS_DOWN.find((t) => t <= r.lo)! : r.lo;
  const hi = r.hi > old.hi ? THRESHOLDS.find((t) => t >= r.hi)! : r.hi;
  return { lo, hi };
}

const point = (v: bigint): Interval => ({ lo: v, hi: v });
const norm = (lo: bigint, hi: bigint): Interval => (lo > hi ? EMPTY : { lo, hi });
const clamp = (lo: bigint, hi: bigint): Interval => norm(max(lo, I64_MIN), min(hi, I64_MAX));
const same = (a: Interval, b: Interval): boolean => (isEmpty(a) && isEmpty(b)) || (a.lo === b.lo && a.hi === b.hi);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const minOf = (xs: bigint[]): bigint => xs.reduce(min);
const maxOf = (xs: bigint[]): bigint => xs.reduce(max);

export function join(a: Interval, b: Interval): Interval {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return { lo: min(a.lo, b.lo), hi: max(a.hi, b.hi) };
}

export function meet(a: Interval, b: Interval): Interval {
  return isEmpty(a) || isEmpty(b) ? EMPTY : norm(max(a.lo, b.lo), min(a.hi, b.hi));
}
