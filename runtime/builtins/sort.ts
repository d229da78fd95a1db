/**
 * `sort(arr)` (builtins-core.md §2.9): a stable ascending sort with its own order, unlike `CMP`:
 * integers of all kinds compare exactly across kinds, but any comparison involving a float is done in f64
 * after converting the integer (which can round); strings by UTF-8 bytes; bools false < true. Anything
 * else — and NaN — is an error raised by the comparison that meets it.
 */
import { BuiltinError } from '../errors.js';
import { compareCodePoints } from '../ops/compare.js';
import { arrayValues } from '../tables.js';
import { VmFloat, VmInt, typeName, type Value } from '../values.js';
import { arrayArg, requireExact } from './args.js';
import type { Builtin } from './types.js';

/**
 * Up to this length the official insertion sort is replayed comparison by comparison, so the same pair
 * raises the error; longer arrays use a merge sort (same result whenever the order is consistent).
 */
const REPLAY_LIMIT = 64;

/** -1, 0 or 1, or a BuiltinError for pairs the sort does not order. */
function compareForSort(a: Value, b: Value): number {
  const x = sortNumber(a);
  const y = sortNumber(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === 'object' || typeof y === 'object') {
      // At least one float: compare in f64.
      const fx = typeof x === 'object' ? x.f : Number(x);
      const fy = typeof y === 'object' ? y.f : Number(y);
      if (Number.isNaN(fx) || Number.isNaN(fy)) throw new BuiltinError('list sort does not support NaN values');
      return fx < fy ? -1 : fx > fy ? 1 : 0;
    }
    // Integers (number or bigint): JS relational operators compare them exactly.
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // Strings by UTF-8 bytes, i.e. by code points.
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  throw new BuiltinError(`list sort does not support comparing ${typeName(a)} and ${typeName(b)}`);
}

/** An integer's exact value, `{ f }` for a float, undefined for non-numbers. */
function sortNumber(v: Value): number | bigint | { f: number } | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof VmInt) return v.v;
  if (v instanceof VmFloat) return { f: v.v };
  return undefined;
}

/** Sorts `values` in place, stably. */
export function sortValues(values: Value[]): void {
  if (values.length <= REPLAY_LIMIT) insertionSort(values, 0, values.length);
  else mergeSort(values, 0, values.length, new Array<Value>(values.length));
}

/** The official algorithm on values[lo..hi): move each element left while it is Less than its neighbour. */
function insertionSort(values: Value[], lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    for (let cur = i; cur > lo && compareForSort(values[cur], values[cur - 1]) < 0; cur--) {
      const t = values[cur];
      values[cur] = values[cur - 1];
      values[cur - 1] = t;
    }
  }
}

function mergeSort(values: Value[], lo: number, hi: number, tmp: Value[]): void {
  if (hi - lo <= 16) {
    insertionSort(values, lo, hi);
    return;
  }
  const mid = (lo + hi) >>> 1;
  mergeSort(values, lo, mid, tmp);
  mergeSort(values, mid, hi, tmp);
  let i = lo;
  let j = mid;
  let k = lo;
  // Take from the right run only when strictly smaller: keeps equal elements in order (stable).
  while (i < mid && j < hi) tmp[k++] = compareForSort(values[j], values[i]) < 0 ? values[j++] : values[i++];
  while (i < mid) tmp[k++] = values[i++];
  while (j < hi) tmp[k++] = values[j++];
  for (k = lo; k < hi; k++) values[k] = tmp[k];
}

const sort: Builtin = (_host, args) => {
  requireExact('sort', args, 1, '1 argument: array');
  const arr = arrayArg(args[0], 'First');
  const values = arrayValues(arr);
  sortValues(values);
  // Rebuild: the array now holds exactly the sorted values (holes became Unit).
  for (let i = 0; i < values.length; i++) arr.items[i] = values[i];
  return undefined;
};

export const SORT_BUILTINS: ReadonlyMap<string, Builtin> = new Map([['sort', sort]]);
