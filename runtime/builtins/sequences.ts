/**
 * `range` and `slice` (builtins-core.md §2.10–2.11): Python semantics, exact 64-bit arithmetic, and the
 * official quirks (range adds `step` once more after the last element; an I64 bound equal to i64::MAX
 * means "omitted").
 */
import { BuiltinError } from '../errors.js';
import { MAX_ARRAY_LENGTH, arrayOf, arrayValues, scalarValues } from '../tables.js';
import { I64_MAX, I64_MIN, VmArray, i64, typeName, type Value } from '../values.js';
import { clampIndex, i64Arg, indexArg, requireMin } from './args.js';
import type { Builtin } from './types.js';

const range: Builtin = (host, args) => {
  requireMin('range', args, 2, 'at least 2 arguments: start and stop');
  if (args.length > 3) throw new BuiltinError('range expects at most 3 arguments: start, stop, and step');
  const start = BigInt(i64Arg(args[0], 'range start'));
  const stop = BigInt(i64Arg(args[1], 'range stop'));
  const step = args.length > 2 ? BigInt(i64Arg(args[2], 'range step')) : 1n;
  if (step === 0n) throw new BuiltinError('range step argument must not be zero');
  const span = step > 0n ? stop - start : start - stop;
  const magnitude = step > 0n ? step : -step;
  const count = span > 0n ? (span + magnitude - 1n) / magnitude : 0n;
  if (count > BigInt(MAX_ARRAY_LENGTH)) throw new BuiltinError('range length is too large');
  if (count > 0n) {
    // The generator computes `last + step` before noticing it is done, and that addition is checked.
    const next = start + (count - 1n) * step + step;
    if (next > I64_MAX || next < I64_MIN) throw new BuiltinError('range value overflowed i64');
  }
  const n = Number(count);
  const values: Value[] = new Array(n);
  const small = Number.isSafeInteger(Number(start)) && Number.isSafeInteger(Number(start + (count - 1n) * step));
  if (small) {
    const s = Number(start);
    const d = Number(step);
    for (let i = 0; i < n; i++) values[i] = s + i * d;
  } else {
    for (let i = 0; i < n; i++) values[i] = i64(start + BigInt(i) * step);
  }
  return arrayOf(host.heap, values);
};

/** A slice bound: Unit or exactly I64(i64::MAX) mean "omitted" (the compiler's encoding). */
function sliceBound(v: Value, label: string): number | bigint | null {
  if (v === undefined || v === I64_MAX) return null;
  return indexArg(v, label);
}

/** The selected positions of a sequence of length `len` (Python slice semantics with clamping). */
function sliceIndices(len: number, start: number | bigint | null, stop: number | bigint | null, step: number | bigint): number[] {
  const out: number[] = [];
  if (step > 0) {
    const from = start === null ? 0 : clampIndex(start, len, 0, len);
    const to = stop === null ? len : clampIndex(stop, len, 0, len);
    const d = step > len ? len + 1 : Number(step);
    for (let i = from; i < to; i += d) out.push(i);
  } else {
    const from = start === null ? len - 1 : clampIndex(start, len, -1, len - 1);
    const to = stop === null ? -1 : clampIndex(stop, len, -1, len - 1);
    const d = -step > len ? len + 1 : -Number(step);
    for (let i = from; i > to; i -= d) out.push(i);
  }
  return out;
}

const slice: Builtin = (host, args) => {
  requireMin('slice', args, 3, 'at least 3 arguments: value, start, and stop');
  if (args.length > 4) throw new BuiltinError('slice expects at most 4 arguments: value, start, stop, and step');
  const target = args[0];
  if (typeof target !== 'string' && !(target instanceof VmArray)) {
    throw new BuiltinError(`slice requires a list or string, found ${typeName(target)}`);
  }
  const step = args.length > 3 && args[3] !== undefined ? indexArg(args[3], 'slice step') : 1;
  if (Number(step) === 0) throw new BuiltinError('slice step cannot be zero');
  const start = sliceBound(args[1], 'slice start');
  const stop = sliceBound(args[2], 'slice stop');
  if (typeof target === 'string') {
    const chars = scalarValues(target);
    return sliceIndices(chars.length, start, stop, step).map((i) => chars[i]).join('');
  }
  const values = arrayValues(target);
  return arrayOf(host.heap, sliceIndices(values.length, start, stop, step).map((i) => values[i]));
};

export const SEQUENCE_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['range', range],
  ['slice', slice],
]);
