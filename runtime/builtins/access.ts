/**
 * Table creation and element access: create_object, create_array, get_field, set_field,
 * get_or_create_array_field, array_length, len, array_push, append (builtins-core.md §2.1–2.8).
 */
import { BuiltinError } from '../errors.js';
import {
  arrayPush, createArray, createObject, getField, getOrCreateArrayField, scalarLength, setField,
} from '../tables.js';
import { VmArray, type Value } from '../values.js';
import { arrayArg, requireExact, requireMin, tableArg, usizeArg } from './args.js';
import type { Builtin } from './types.js';

const create_object: Builtin = (host) => createObject(host.heap);

const create_array: Builtin = (host, args) => {
  // The capacity is only a hint: the new array is empty either way.
  if (args.length > 0) usizeArg(args[0], 'array capacity');
  return createArray(host.heap);
};

const get_field: Builtin = (host, args) => {
  requireMin('get_field', args, 2, 'at least 2 arguments: object and key');
  return getField(args[0], args[1], host.emit);
};

const set_field: Builtin = (host, args) => {
  requireMin('set_field', args, 3, '3 arguments: object, key, and value');
  setField(tableArg(args[0]), args[1], args[2], host.emit);
  return undefined;
};

const get_or_create_array_field: Builtin = (host, args) => {
  requireMin('get_or_create_array_field', args, 2, 'at least 2 arguments: object and key');
  return getOrCreateArrayField(host.heap, tableArg(args[0]), args[1]);
};

function lengthOf(name: string, args: Value[]): number {
  requireExact(name, args, 1, '1 argument: array');
  const v = args[0];
  if (typeof v === 'string') return scalarLength(v);
  if (v instanceof VmArray) return v.items.length;
  throw new BuiltinError('First argument must be an array or string');
}

const array_length: Builtin = (_host, args) => lengthOf('array_length', args);
const len: Builtin = (_host, args) => lengthOf('len', args);

function pushRest(name: string, args: Value[]): VmArray {
  requireMin(name, args, 2, 'at least 2 arguments: array and value');
  const arr = arrayArg(args[0], 'First');
  for (let i = 1; i < args.length; i++) arrayPush(arr, args[i]);
  return arr;
}

const array_push: Builtin = (_host, args) => pushRest('array_push', args).items.length;

const append: Builtin = (_host, args) => {
  pushRest('append', args);
  return undefined;
};

export const ACCESS_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['create_object', create_object],
  ['create_array', create_array],
  ['get_field', get_field],
  ['set_field', set_field],
  ['get_or_create_array_field', get_or_create_array_field],
  ['array_length', array_length],
  ['len', len],
  ['array_push', array_push],
  ['append', append],
]);
