/**
 * ADD / SUB / MUL (semantics.md §9.1): same integer kind with checked overflow, Float with Float or I64
 * (IEEE, the I64 rounded to the nearest f64), String + String concatenation for ADD; shares via shares.ts.
 */
import type { MpcEngine } from '../mpc/engine.js';
import { MAX_SAFE, VmFloat, VmInt, isI64, type Value } from '../values.js';
import { overflowError } from './errors.js';
import { NARROW_MAX, NARROW_MIN, U64_MAX, checkedI64, toBig, type NarrowKind } from './int.js';
import { shareArith } from './shares.js';

type ArithOp = 'ADD' | 'SUB' | 'MUL';

/*
 * Fast paths: for safe-integer operands the double result is exact whenever its magnitude is at most
 * 2^53 − 1 (a true result beyond that rounds to a double of magnitude ≥ 2^53, so the check is exact).
 * Then I64 pairs with a bigint (values beyond 2^53) go straight to BigInt, converting only the number.
 */

export function add(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      const r = a + b;
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
    } else if (typeof b === 'bigint') return checkedI64('ADD', BigInt(a) + b);
  } else if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return checkedI64('ADD', a + b);
    if (typeof b === 'number') return checkedI64('ADD', a + BigInt(b));
  }
  return arith('ADD', a, b, mpc);
}

export function sub(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      const r = a - b;
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
    } else if (typeof b === 'bigint') return checkedI64('SUB', BigInt(a) - b);
  } else if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return checkedI64('SUB', a - b);
    if (typeof b === 'number') return checkedI64('SUB', a - BigInt(b));
  }
  return arith('SUB', a, b, mpc);
}

export function mul(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      const r = a * b;
      // `+ 0` turns the -0 of e.g. -5 * 0 into 0 (an I64 is never -0).
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return r + 0;
    } else if (typeof b === 'bigint') return checkedI64('MUL', BigInt(a) * b);
  } else if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return checkedI64('MUL', a * b);
    if (typeof b === 'number') return checkedI64('MUL', a * BigInt(b));
  }
  return arith('MUL', a, b, mpc);
}

function arith(op: ArithOp, a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (isI64(a)) {
    if (isI64(b)) return checkedI64(op, bigOp(op, toBig(a), toBig(b)));
    if (b instanceof VmFloat) return new VmFloat(floatOp(op, Number(a), b.v));
  } else if (a instanceof VmFloat) {
    if (b instanceof VmFloat) return new VmFloat(floatOp(op, a.v, b.v));
    if (isI64(b)) return new VmFloat(floatOp(op, a.v, Number(b)));
  } else if (a instanceof VmInt) {
    if (b instanceof VmInt && b.kind === a.kind) return intOp(op, a, b);
  } else if (typeof a === 'string' && typeof b === 'string' && op === 'ADD') {
    return a + b;
  }
  return shareArith(op, a, b, mpc);
}

function bigOp(op: ArithOp, a: bigint, b: bigint): bigint {
  return op === 'ADD' ? a + b : op === 'SUB' ? a - b : a * b;
}

function floatOp(op: ArithOp, a: number, b: number): number {
  return op === 'ADD' ? a + b : op === 'SUB' ? a - b : a * b;
}

/** Same non-I64 kind. */
function intOp(op: ArithOp, a: VmInt, b: VmInt): VmInt {
  if (a.kind === 'u64') {
    const r = bigOp(op, a.v as bigint, b.v as bigint);
    if (r < 0n || r > U64_MAX) throw overflowError(op);
    return new VmInt('u64', r);
  }
  const kind = a.kind as NarrowKind;
  // Exact or, for 32-bit products, rounded monotonically, so the bound check on the double is exact.
  const r = floatOp(op, a.v as number, b.v as number);
  if (r < NARROW_MIN[kind] || r > NARROW_MAX[kind]) throw overflowError(op);
  return new VmInt(kind, r + 0);
}
