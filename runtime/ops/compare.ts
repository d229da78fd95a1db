/**
 * CMP (semantics.md §9.6): exact ordering of any two numeric values (all integer kinds and Float), strings
 * by code points, bools; everything else fails with `Cannot compare <Debug a> and <Debug b>`.
 *
 * Deliberate difference (decisions.md): integers are compared with floats by exact mathematical value,
 * also for floats that are multiples of 2^128, where the official VM treats the float as 0.
 */
import { VmError } from '../errors.js';
import { debugString } from '../format/debug.js';
import { Share, VmFloat, VmInt, type Value } from '../values.js';

export type Ordering = -1 | 0 | 1;

export function compare(a: Value, b: Value): Ordering {
  const ta = typeof a;
  const tb = typeof b;
  // Two I64s (numbers or bigints, never NaN): JS relational operators compare a mix by exact value.
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  return compareSlow(a, b);
}

/** The exact numeric value: an integer as number/bigint, a Float as number; null for non-numbers. */
function numeric(v: Value): number | bigint | null {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return v;
  }
  if (v instanceof VmInt) return v.v;
  if (v instanceof VmFloat) return v.v;
  return null;
}

function compareSlow(a: Value, b: Value): Ordering {
  const x = numeric(a);
  if (x !== null) {
    const y = numeric(b);
    if (y !== null) {
      // JS relational operators compare number/bigint mixes by exact mathematical value
      // (infinities included); only NaN is unordered.
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === x && y === y) return 0;
      throw cannotCompare(a, b);
    }
  } else if (typeof a === 'string') {
    if (typeof b === 'string') return compareCodePoints(a, b);
  } else if (typeof a === 'boolean') {
    if (typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  }
  if (a instanceof Share || b instanceof Share) {
    throw new VmError('CMP on secret shares is not supported without an MPC comparison protocol', 'Mpc');
  }
  throw cannotCompare(a, b);
}

function cannotCompare(a: Value, b: Value): VmError {
  return new VmError(`Cannot compare ${debugString(a)} and ${debugString(b)}`);
}

/**
 * Code point order (= UTF-8 byte order). UTF-16 unit order differs only where a surrogate meets a unit in
 * U+E000..U+FFFF at the first difference; moving the surrogate range above that block restores it.
 */
export function compareCodePoints(a: string, b: string): Ordering {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}
