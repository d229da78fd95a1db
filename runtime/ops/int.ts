/**
 * Integer helpers shared by the ops: kind bounds and exact I64 results.
 * I64 values are numbers when safe and canonical bigints otherwise (values.ts); narrow kinds hold numbers,
 * u64 holds a bigint.
 */
import { I64_MAX, I64_MIN, type IntKind } from '../values.js';
import { overflowError, type OpName } from './errors.js';

/** The kinds whose `VmInt.v` is a number. */
export type NarrowKind = Exclude<IntKind, 'u64'>;

export const NARROW_MIN: Readonly<Record<NarrowKind, number>> = {
  i32: -0x80000000, i16: -0x8000, i8: -0x80, u8: 0, u16: 0, u32: 0,
};

export const NARROW_MAX: Readonly<Record<NarrowKind, number>> = {
  i32: 0x7fffffff, i16: 0x7fff, i8: 0x7f, u8: 0xff, u16: 0xffff, u32: 0xffffffff,
};

export const U64_MAX = (1n << 64n) - 1n;

export function toBig(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

const SAFE_MAX_BIG = 9007199254740991n;

/** The canonical I64 for an exact result, or the overflow error of `op`. */
export function checkedI64(op: OpName, r: bigint): number | bigint {
  // Two BigInt compares for the common cases (safe, or beyond 2^53 but in range) instead of four.
  if (r > SAFE_MAX_BIG) {
    if (r > I64_MAX) throw overflowError(op);
    return r;
  }
  if (r < -SAFE_MAX_BIG) {
    if (r < I64_MIN) throw overflowError(op);
    return r;
  }
  return Number(r);
}
