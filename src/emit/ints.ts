/**
 * Inline I64 code for arithmetic, DIV/MOD, bitwise ops, NOT, shifts and compare guards.
 *
 * The fast path runs on JS numbers and falls back to the exact runtime op for anything else. Ranges
 * (opt/ranges.ts) shrink it: an operand proven to be a safe integer needs no `typeof` test, a result whose
 * interval is within ±(2^53-1) needs no overflow test, a divisor that excludes 0 needs no zero test, and
 * operands within int32 need no truncation test before JS bitwise operators.
 */
import type * as ES from 'estree';
import type { Inst, ValueId } from '../ir/ir.js';
import { EMPTY, FULL, INT32, SAFE, SAFE_MAX, binary, contains, inside, isEmpty, type Interval } from '../opt/ranges.js';
import { I64, T, within, type TypeSet } from '../opt/types.js';
import * as js from './js.js';

const MAX_SAFE = Number(SAFE_MAX);

/** What the function emitter provides, at the block being emitted. */
export interface IntContext {
  val(v: ValueId): ES.Expression;
  /** Inferred type, narrowed to `T.INT` where the range proves a safe integer. */
  ty(v: ValueId): TypeSet;
  /** The value's interval in the current block (meaningful when it is an I64). */
  range(v: ValueId): Interval;
  def(v: ValueId): ES.Identifier;
  alias(name: string): ES.Identifier;
  /** The MPC engine argument of runtime ops. */
  mpc(): ES.Expression;
  /** Wraps the exact runtime call of ADD/SUB/MUL/DIV/MOD (float results, floats.ts). */
  fallback(i: Inst, call: ES.Expression): ES.Expression;
  /** Source position of an instruction. */
  loc(i: Inst): js.Pos | undefined;
}

const isInt = (cx: IntContext, v: ValueId): boolean => within(cx.ty(v), T.INT);

/** `typeof x !== "number"` for each distinct operand not known to be a number. */
function notNumbers(cx: IntContext, args: readonly ValueId[]): ES.Expression[] {
  return [...new Set(args)].filter((v) => !isInt(cx, v)).map((v) => js.typeofIsNot(cx.val(v), 'number'));
}

/**
 * The interval of the I64 results of `op` on the operands' intervals. Empty when an operand is never an
 * I64 here (the code is unreachable); full when every result overflows (the inline operation must still
 * detect that and let the runtime op raise the error).
 */
function resultRange(cx: IntContext, i: Inst): Interval {
  const a = cx.range(i.args[0]!);
  const b = cx.range(i.args[1]!);
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  const r = binary(i.op, a, b);
  return isEmpty(r) ? FULL : r;
}

/** `if (guards) d = slow; else d = fast`, or just `d = fast` without guards. */
function guarded(cx: IntContext, i: Inst, guards: ES.Expression[], fast: ES.Expression, slow: ES.Expression): ES.Statement[] {
  const d = cx.def(i.dst);
  if (guards.length === 0) return [js.expr(js.assign(d, fast), cx.loc(i))];
  return [js.ifs(js.chain('||', guards), [js.expr(js.assign(d, slow))], [js.expr(js.assign(d, fast))], cx.loc(i))];
}

function slowCall(cx: IntContext, i: Inst): ES.Expression {
  return js.call(cx.alias(i.op), [...i.args.map((v) => cx.val(v)), cx.mpc()]);
}

/** ADD/SUB/MUL: `if (!numbers || (d = a op b) out of range) d = exact(a, b)`, range tests only where needed. */
export function checkedArith(cx: IntContext, i: Inst, op: '+' | '-' | '*'): ES.Statement[] {
  const d = cx.def(i.dst);
  const [x, y] = i.args as [ValueId, ValueId];
  let raw: ES.Expression = js.bin(op, cx.val(x), cx.val(y));
  // An I64 is never -0: `-5 * 0` is -0 in JS; possible only with a zero and a negative operand.
  if (op === '*' && mayBeNegativeZero(cx.range(x), cx.range(y))) raw = js.bin('+', raw, js.num(0));
  const r = resultRange(cx, i);
  const guards = notNumbers(cx, [x, y]);
  const high = !isEmpty(r) && r.hi > SAFE_MAX;
  const low = !isEmpty(r) && r.lo < -SAFE_MAX;
  if (!high && !low) return guarded(cx, i, guards, raw, cx.fallback(i, slowCall(cx, i)));
  const stored = js.assign(d, raw);
  if (high) guards.push(js.bin('>', stored, js.num(MAX_SAFE)));
  if (low) guards.push(js.bin('<', high ? d : stored, js.num(-MAX_SAFE)));
  return [js.ifs(js.chain('||', guards), [js.expr(js.assign(d, cx.fallback(i, slowCall(cx, i))))], undefined, cx.loc(i))];
}

function mayBeNegativeZero(a: Interval, b: Interval): boolean {
  return (contains(a, 0n) && b.lo < 0n) || (contains(b, 0n) && a.lo < 0n);
}

/** DIV/MOD on numbers: exact truncated quotient / remainder with the dividend's sign. */
export function divMod(cx: IntContext, i: Inst): ES.Statement[] {
  const [x, y] = i.args as [ValueId, ValueId];
  const a = cx.val(x);
  const b = cx.val(y);
  const rb = cx.range(y);
  const guards = [...notNumbers(cx, [x, y]), ...(contains(rb, 0n) ? [js.bin('===', b, js.num(0))] : [])];
  let fast: ES.Expression;
  if (i.op === 'div') {
    // `a - a % b` is an exact multiple of b; a negative divisor can make a zero quotient -0.
    fast = js.bin('/', js.bin('-', a, js.bin('%', a, b)), b);
    if (rb.lo < 0n) fast = js.bin('+', fast, js.num(0));
  } else {
    fast = js.bin('%', a, b);
    if (cx.range(x).lo < 0n) fast = js.bin('+', fast, js.num(0)); // -4 % 2 is -0
  }
  return guarded(cx, i, guards, fast, cx.fallback(i, slowCall(cx, i)));
}

/** AND/OR/XOR on numbers through JS bitwise operators where they are exact. */
export function bitwise(cx: IntContext, i: Inst, op: '&' | '|' | '^'): ES.Statement[] {
  const [x, y] = i.args as [ValueId, ValueId];
  const int32 = (v: ValueId) => isInt(cx, v) && inside(cx.range(v), INT32);
  const mask = (v: ValueId) => int32(v) && cx.range(v).lo >= 0n;
  const tests: ES.Expression[] = [];
  for (const v of new Set([x, y])) if (!isInt(cx, v)) tests.push(js.typeofIs(cx.val(v), 'number'));
  // JS operators truncate to the low 32 bits. Exact when both operands are int32, and for AND also when
  // one is a non-negative int32: its bits 31..63 are 0, so only the other's low 32 bits matter.
  const other = op === '&' ? (mask(x) ? y : mask(y) ? x : -1) : -1;
  if (other < 0) {
    for (const v of new Set([x, y])) {
      if (!int32(v)) tests.push(js.bin('===', js.bin('|', cx.val(v), js.num(0)), cx.val(v)));
    }
  }
  const fast = js.bin(op, cx.val(x), cx.val(y));
  if (tests.length === 0) return [js.expr(js.assign(cx.def(i.dst), fast), cx.loc(i))];
  const d = cx.def(i.dst);
  return [js.ifs(js.chain('&&', tests), [js.expr(js.assign(d, fast))], [js.expr(js.assign(d, slowCall(cx, i)))], cx.loc(i))];
}

/** NOT on a number: `-1 - a`, which leaves the safe range only for a = 2^53-1. */
export function bitNot(cx: IntContext, i: Inst): ES.Statement[] {
  const x = i.args[0]!;
  const tests = [...notNumbers(cx, [x])];
  if (contains(cx.range(x), SAFE_MAX)) tests.push(js.bin('===', cx.val(x), js.num(MAX_SAFE)));
  return guarded(cx, i, tests, js.bin('-', js.num(-1), cx.val(x)), slowCall(cx, i));
}

/**
 * SHL/SHR by a constant amount k in 0..63 on a number: SHR is `Math.floor(a / 2^k)` (`a >> k` within
 * int32), SHL is `a * 2^k` when the result interval proves it stays safe (no bits dropped). Anything
 * else goes to the runtime op.
 */
export function shift(cx: IntContext, i: Inst, amount: bigint | undefined): ES.Statement[] {
  const x = i.args[0]!;
  if (amount === undefined || amount < 0n || amount > 63n) return [js.expr(js.assign(cx.def(i.dst), slowCall(cx, i)), cx.loc(i))];
  const k = Number(amount);
  const a = cx.val(x);
  const tests = notNumbers(cx, [x]);
  let fast: ES.Expression;
  if (i.op === 'shr') {
    fast =
      isInt(cx, x) && inside(cx.range(x), INT32) && k < 32
        ? js.bin('>>', a, js.num(k))
        : js.call(js.member(js.id('Math'), 'floor'), [js.bin('/', a, js.num(2 ** k))]);
  } else {
    if (!inside(resultRange(cx, i), SAFE)) return [js.expr(js.assign(cx.def(i.dst), slowCall(cx, i)), cx.loc(i))];
    fast = js.bin('*', a, js.num(2 ** k));
  }
  return guarded(cx, i, tests, fast, slowCall(cx, i));
}

/**
 * The tests under which JS `<`, `>`, `===` order two operands exactly as CMP does: both I64 (relational
 * operators compare a number and a bigint by exact value, and the canonical representation makes `===`
 * value equality), or both bools (false < true in both). Empty when types prove it. A compare involving a
 * known bool (official code tests materialized bools against `false`) checks for bools; anything else
 * checks for I64s (a number, else a bigint). Other cases fall to the exact `compare`.
 */
export function compareGuard(cx: IntContext, x: ValueId, y: ValueId): ES.Expression[] {
  const tx = cx.ty(x);
  const ty = cx.ty(y);
  if (within(tx, I64) && within(ty, I64)) return [];
  if (within(tx, T.BOOL) && within(ty, T.BOOL)) return [];
  if (within(tx, T.BOOL) || within(ty, T.BOOL)) {
    return [...new Set([x, y])].filter((v) => !within(cx.ty(v), T.BOOL)).map((v) => js.typeofIs(cx.val(v), 'boolean'));
  }
  return [...new Set([x, y])]
    .filter((v) => !within(cx.ty(v), I64))
    .map((v) => (cx.ty(v) & T.BIG ? js.logical('||', js.typeofIs(cx.val(v), 'number'), js.typeofIs(cx.val(v), 'bigint')) : js.typeofIs(cx.val(v), 'number')));
}
