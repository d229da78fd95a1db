/**
 * Argument checks shared by the builtins, with the official message texts (builtins-core.md §1 table).
 * "Integer" always means one of the 8 integer kinds; floats, bools and strings never qualify.
 */
import { BuiltinError } from '../errors.js';
import { integerOf } from '../tables.js';
import { I64_MAX, VmArray, VmObject, typeName, type Value } from '../values.js';

/** `<name> expects <expectation>` unless there are at least `min` arguments. */
export function requireMin(name: string, args: readonly Value[], min: number, expectation: string): void {
  if (args.length < min) throw new BuiltinError(`${name} expects ${expectation}`);
}

/** `<name> expects <expectation>` unless there are exactly `n` arguments. */
export function requireExact(name: string, args: readonly Value[], n: number, expectation: string): void {
  if (args.length !== n) throw new BuiltinError(`${name} expects ${expectation}`);
}

/** `<which> argument must be an array`. */
export function arrayArg(v: Value, which: 'First' | 'Second'): VmArray {
  if (v instanceof VmArray) return v;
  throw new BuiltinError(`${which} argument must be an array`);
}

/** `Expected object or array`. */
export function tableArg(v: Value): VmObject | VmArray {
  if (v instanceof VmObject || v instanceof VmArray) return v;
  throw new BuiltinError('Expected object or array');
}

/** `<label> must be a string`. */
export function stringArg(v: Value, label: string): string {
  if (typeof v === 'string') return v;
  throw new BuiltinError(`${label} must be a string`);
}

/** A signed 64-bit integer: `<label> must be an integer`, `<label> exceeds i64 range` (a U64 above 2^63−1). */
export function i64Arg(v: Value, label: string): number | bigint {
  const k = integerOf(v);
  if (k === undefined) throw new BuiltinError(`${label} must be an integer`);
  if (typeof k === 'bigint' && k > I64_MAX) throw new BuiltinError(`${label} exceeds i64 range`);
  return k;
}

/** A non-negative integer (`usize`): `<label> must be a non-negative integer`. */
export function usizeArg(v: Value, label: string): number | bigint {
  const k = integerOf(v);
  if (k === undefined || k < 0) throw new BuiltinError(`${label} must be a non-negative integer`);
  return k;
}

/** A signed index for the Python-style helpers: `<label> must be an integer, found <type>`. */
export function indexArg(v: Value, label: string): number | bigint {
  const k = integerOf(v);
  if (k === undefined) throw new BuiltinError(`${label} must be an integer, found ${typeName(v)}`);
  return k;
}

/** Python-style clamping of an index or bound: negative += len, then clamped to [lo, hi]. */
export function clampIndex(k: number | bigint, len: number, lo: number, hi: number): number {
  let n = k;
  if (n < 0) n = typeof n === 'bigint' ? n + BigInt(len) : n + len;
  if (n < lo) return lo;
  if (n > hi) return hi;
  return Number(n);
}
