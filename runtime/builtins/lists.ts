/**
 * Whole-array operations (builtins-core.md §2.9, §2.12): array_concat, array_repeat, array_equals, extend,
 * copy, count, index, pop, remove, insert, delete, clear, reverse, contains.
 *
 * Enumerating builtins read holes as Unit; the rebuilding ones (`pop`, `remove`, `insert`, `delete`,
 * `reverse`) materialize every hole first, as the official VM rebuilds the array from its values.
 */
import { valueEquals } from '../equality.js';
import { BuiltinError } from '../errors.js';
import {
  MAX_ARRAY_LENGTH, arrayOf, arrayPush, arrayValues, checkGrowth, materialize, objectLookup,
} from '../tables.js';
import { HOLE, VmArray, VmObject, typeName, type Value } from '../values.js';
import { arrayArg, clampIndex, i64Arg, indexArg, requireExact, requireMin } from './args.js';
import type { Builtin } from './types.js';

const array_concat: Builtin = (host, args) => {
  requireExact('array_concat', args, 2, '2 arguments: left array and right array');
  const left = arrayArg(args[0], 'First');
  const right = arrayArg(args[1], 'Second');
  if (left.items.length + right.items.length > MAX_ARRAY_LENGTH) {
    throw new BuiltinError('array_concat result length is too large');
  }
  return arrayOf(host.heap, [...arrayValues(left), ...arrayValues(right)]);
};

const array_repeat: Builtin = (host, args) => {
  requireExact('array_repeat', args, 2, '2 arguments: array and count');
  const count = i64Arg(args[1], 'repeat count');
  const values = arrayValues(arrayArg(args[0], 'First'));
  const times = count > 0 ? count : 0;
  if (values.length > 0 && BigInt(values.length) * BigInt(times) > MAX_ARRAY_LENGTH) {
    throw new BuiltinError('array_repeat result length is too large');
  }
  const n = values.length === 0 ? 0 : Number(times);
  const out: Value[] = [];
  for (let i = 0; i < n; i++) for (const v of values) out.push(v);
  return arrayOf(host.heap, out);
};

const array_equals: Builtin = (_host, args) => {
  requireExact('array_equals', args, 2, '2 arguments: left array and right array');
  return valueEquals(arrayArg(args[0], 'First'), arrayArg(args[1], 'Second'));
};

const extend: Builtin = (_host, args) => {
  requireExact('extend', args, 2, '2 arguments: array and values');
  const target = arrayArg(args[0], 'First');
  // Snapshot first, so that extend(a, a) doubles a.
  const values = arrayValues(arrayArg(args[1], 'Second'));
  for (const v of values) arrayPush(target, v);
  return undefined;
};

const copy: Builtin = (host, args) => {
  requireExact('copy', args, 1, '1 argument: array');
  return arrayOf(host.heap, arrayValues(arrayArg(args[0], 'First')));
};

const count: Builtin = (_host, args) => {
  requireExact('count', args, 2, '2 arguments: array and value');
  const needle = args[1];
  let n = 0;
  for (const v of arrayValues(arrayArg(args[0], 'First'))) if (valueEquals(v, needle)) n++;
  return n;
};

const index: Builtin = (_host, args) => {
  requireMin('index', args, 2, 'at least 2 arguments: array and value');
  if (args.length > 4) throw new BuiltinError('index expects at most 4 arguments: array, value, start, and stop');
  const values = arrayValues(arrayArg(args[0], 'First'));
  const len = values.length;
  const start = args.length > 2 ? clampIndex(indexArg(args[2], 'index bound'), len, 0, len) : 0;
  const stop = Math.max(args.length > 3 ? clampIndex(indexArg(args[3], 'index bound'), len, 0, len) : len, start);
  for (let i = start; i < stop; i++) if (valueEquals(values[i], args[1])) return i;
  throw new BuiltinError('value is not in list');
};

/** An existing position for `pop`/`delete`: negative += len, must end in [0, len). */
function existingIndex(v: Value, len: number): number {
  const k = i64Arg(v, 'index');
  const n = k < 0 ? (typeof k === 'bigint' ? k + BigInt(len) : k + len) : k;
  if (n < 0 || n >= len) throw new BuiltinError('list index out of range');
  return Number(n);
}

/** Removes position `i` (after materializing holes) and returns the removed value. */
function removeAt(arr: VmArray, i: number): Value {
  materialize(arr);
  const [removed] = arr.items.splice(i, 1);
  return removed === HOLE ? undefined : removed;
}

const pop: Builtin = (_host, args) => {
  requireMin('pop', args, 1, 'at least 1 argument: array');
  if (args.length > 2) throw new BuiltinError('pop expects at most 2 arguments: array and optional index');
  const arr = arrayArg(args[0], 'First');
  const len = arr.items.length;
  if (len === 0) throw new BuiltinError('pop from empty list');
  return removeAt(arr, args.length === 2 ? existingIndex(args[1], len) : len - 1);
};

const remove: Builtin = (_host, args) => {
  requireExact('remove', args, 2, '2 arguments: array and value');
  const arr = arrayArg(args[0], 'First');
  const i = arrayValues(arr).findIndex((v) => valueEquals(v, args[1]));
  if (i < 0) throw new BuiltinError('value is not in list');
  removeAt(arr, i);
  return undefined;
};

const insert: Builtin = (_host, args) => {
  requireExact('insert', args, 3, '3 arguments: array, index, and value');
  const arr = arrayArg(args[0], 'First');
  const len = arr.items.length;
  const at = clampIndex(i64Arg(args[1], 'index'), len, 0, len);
  checkGrowth(arr, 1);
  materialize(arr);
  arr.items.splice(at, 0, args[2]);
  return undefined;
};

const delete_: Builtin = (_host, args) => {
  requireExact('delete', args, 2, '2 arguments: array and index');
  const arr = arrayArg(args[0], 'First');
  removeAt(arr, existingIndex(args[1], arr.items.length));
  return undefined;
};

const clear: Builtin = (_host, args) => {
  requireExact('clear', args, 1, '1 argument: array');
  arrayArg(args[0], 'First').items.length = 0;
  return undefined;
};

const reverse: Builtin = (_host, args) => {
  requireExact('reverse', args, 1, '1 argument: array');
  const arr = arrayArg(args[0], 'First');
  materialize(arr);
  arr.items.reverse();
  return undefined;
};

const contains: Builtin = (_host, args) => {
  requireExact('contains', args, 2, '2 arguments: container and value');
  const [container, needle] = args;
  if (typeof container === 'string') {
    if (typeof needle !== 'string') throw new BuiltinError("'in' on a string requires a string operand");
    return container.includes(needle);
  }
  if (container instanceof VmArray) return arrayValues(container).some((v) => valueEquals(v, needle));
  if (container instanceof VmObject) return objectLookup(container, needle) !== HOLE;
  throw new BuiltinError(`'in' requires a list, dict, or string container, found ${typeName(container)}`);
};

export const LIST_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['array_concat', array_concat],
  ['array_repeat', array_repeat],
  ['array_equals', array_equals],
  ['extend', extend],
  ['copy', copy],
  ['count', count],
  ['index', index],
  ['pop', pop],
  ['remove', remove],
  ['insert', insert],
  ['delete', delete_],
  ['clear', clear],
  ['reverse', reverse],
  ['contains', contains],
]);
