/**
 * SHL / SHR (semantics.md §9.5): value and amount of the same integer kind; the amount must be in
 * 0 .. 2^32−1 (`Invalid shift amount …`) and below the bit width (`Shift amount … out of range`). SHL
 * drops the bits shifted out (no overflow error); SHR is arithmetic for signed kinds, logical for unsigned.
 */
import { VmError } from '../errors.js';
import type { MpcEngine } from '../mpc/engine.js';
import { I64_MAX, INT_KINDS, MAX_SAFE, VmInt, i64, isI64, type Value } from '../values.js';
import type { NarrowKind } from './int.js';
import { shiftFailure } from './shares.js';

type ShiftOp = 'SHL' | 'SHR';

const MAX_AMOUNT = 0xffffffff;
/** Shift amounts as bigints, so shifting a bigint I64 allocates only the result. */
const BIG_AMOUNTS: readonly bigint[] = Array.from({ length: 64 }, (_, k) => BigInt(k));

/*
 * Safe-integer fast paths: scaling by a power of two is exact in doubles, so the result is right whenever
 * it stays in the safe range; `Math.floor` of the exact quotient is the arithmetic right shift.
 */

export function shl(a: Value, b: Value, _mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && b >= 0 && b < 64) {
    const r = a * 2 ** b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return shift('SHL', a, b);
}

export function shr(a: Value, b: Value, _mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && b >= 0 && b < 64) return Math.floor(a / 2 ** b);
  if (typeof a === 'bigint' && typeof b === 'number' && b >= 0 && b < 64) return i64(a >> BIG_AMOUNTS[b]!);
  return shift('SHR', a, b);
}

function shift(op: ShiftOp, a: Value, b: Value): Value {
  if (isI64(a) && isI64(b)) {
    const n = BigInt(checkAmount(op, b, 64));
    const x = BigInt(a);
    return i64(op === 'SHL' ? BigInt.asIntN(64, x << n) : x >> n);
  }
  if (a instanceof VmInt && b instanceof VmInt && a.kind === b.kind) {
    if (a.kind === 'u64') {
      const n = BigInt(checkU64Amount(op, b.v as bigint));
      const x = a.v as bigint;
      return new VmInt('u64', op === 'SHL' ? BigInt.asUintN(64, x << n) : x >> n);
    }
    const kind = a.kind as NarrowKind;
    const { bits, signed } = INT_KINDS[kind];
    const n = checkAmount(op, b.v as number, bits);
    const x = a.v as number;
    // Work in int32 lanes: shift, then move the kind's top bit to bit 31 and back (sign- or zero-filling).
    const pad = 32 - bits;
    let r: number;
    if (op === 'SHL') r = signed ? ((x << n) << pad) >> pad : ((x << n) << pad) >>> pad;
    else r = signed ? x >> n : x >>> n;
    return new VmInt(kind, r);
  }
  return shiftFailure(op, a, b);
}

/** The amount as a shift count below `bits`, or the official error. */
function checkAmount(op: ShiftOp, amount: number | bigint, bits: number): number {
  if (amount < 0 || amount > MAX_AMOUNT) {
    throw new VmError(`Invalid shift amount ${amount} in ${op} operation`);
  }
  const n = Number(amount);
  if (n >= bits) throw new VmError(`Shift amount ${n} out of range in ${op} operation`);
  return n;
}

/** A U64 amount that does not fit in i64 reports the fixed placeholder 4294967295 (semantics.md §9.5). */
function checkU64Amount(op: ShiftOp, amount: bigint): number {
  if (amount > I64_MAX) throw new VmError(`Shift amount ${MAX_AMOUNT} out of range in ${op} operation`);
  return checkAmount(op, amount, 64);
}
