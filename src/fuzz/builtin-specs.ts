/**
 * The builtins the generator calls, with the argument shapes that usually make each call succeed and
 * the type of what it returns. The shapes are a bias, not a guarantee: indices may still be out of range
 * and values may still be of the wrong kind, which is what the error comparison is for.
 */
import type { Ty } from './abstract-types.js';

/**
 * How an argument is produced: `any` an existing register; `array`/`object`/`table` an existing register
 * of that kind; `seq` an array or a string; `string` a fresh or existing string; `true` a fresh `true`;
 * `index` a small I64 index (sometimes negative or past the end); `count` a small non-negative I64;
 * `step` a non-zero small I64; `key` an object key; `endpoint` an index that is never far out (a `range`
 * between far-apart endpoints builds a huge array, making both engines crawl without testing anything new).
 */
export type ArgShape =
  | 'any' | 'array' | 'object' | 'table' | 'seq' | 'string' | 'true'
  | 'index' | 'count' | 'step' | 'key' | 'endpoint';

export interface BuiltinSpec {
  readonly name: string;
  readonly args: readonly ArgShape[];
  /** Further optional arguments of which a random prefix is passed. */
  readonly optional?: readonly ArgShape[];
  /** Result type given the types of the arguments passed. */
  readonly result: Ty | ((args: readonly Ty[]) => Ty);
  readonly weight: number;
}

const sameAsFirst = (args: readonly Ty[]): Ty => args[0] ?? 'unknown';

export const BUILTIN_SPECS: readonly BuiltinSpec[] = [
  { name: 'array_push', args: ['array', 'any'], optional: ['any'], result: 'i64', weight: 10 },
  { name: 'append', args: ['array', 'any'], result: 'unit', weight: 3 },
  { name: 'get_field', args: ['array', 'index'], result: 'unknown', weight: 8 },
  { name: 'get_field', args: ['object', 'key'], result: 'unknown', weight: 6 },
  { name: 'get_field', args: ['string', 'index'], result: 'string', weight: 3 },
  { name: 'get_field', args: ['any', 'any'], result: 'unknown', weight: 1 },
  { name: 'set_field', args: ['array', 'index', 'any'], result: 'unit', weight: 7 },
  { name: 'set_field', args: ['object', 'key', 'any'], result: 'unit', weight: 7 },
  { name: 'get_or_create_array_field', args: ['table', 'key'], result: 'unknown', weight: 2 },
  { name: 'array_length', args: ['seq'], result: 'i64', weight: 4 },
  { name: 'len', args: ['seq'], result: 'i64', weight: 4 },
  { name: 'to_string', args: ['any'], result: 'string', weight: 5 },
  { name: 'type', args: ['any'], result: 'string', weight: 4 },
  { name: 'contains', args: ['array', 'any'], result: 'bool', weight: 2 },
  { name: 'contains', args: ['string', 'string'], result: 'bool', weight: 2 },
  { name: 'contains', args: ['object', 'key'], result: 'bool', weight: 2 },
  { name: 'copy', args: ['array'], result: 'array', weight: 2 },
  { name: 'slice', args: ['seq', 'index', 'index'], optional: ['step'], result: sameAsFirst, weight: 4 },
  { name: 'range', args: ['endpoint', 'endpoint'], optional: ['step'], result: 'array', weight: 3 },
  { name: 'array_concat', args: ['array', 'array'], result: 'array', weight: 2 },
  { name: 'array_repeat', args: ['array', 'count'], result: 'array', weight: 2 },
  { name: 'array_equals', args: ['array', 'array'], result: 'bool', weight: 2 },
  { name: 'extend', args: ['array', 'array'], result: 'unit', weight: 1 },
  { name: 'reverse', args: ['array'], result: 'unit', weight: 1 },
  { name: 'sort', args: ['array'], result: 'unit', weight: 1 },
  { name: 'pop', args: ['array'], result: 'unknown', weight: 2 },
  { name: 'insert', args: ['array', 'index', 'any'], result: 'unit', weight: 1 },
  { name: 'remove', args: ['array', 'any'], result: 'unknown', weight: 1 },
  { name: 'index', args: ['array', 'any'], result: 'i64', weight: 1 },
  { name: 'count', args: ['array', 'any'], result: 'i64', weight: 1 },
  { name: 'delete', args: ['array', 'index'], result: 'unknown', weight: 1 },
  { name: 'clear', args: ['array'], result: 'unit', weight: 1 },
  { name: 'assert', args: ['true'], optional: ['string'], result: 'unit', weight: 1 },
  { name: 'Bytes.from_string', args: ['string'], result: 'array', weight: 1 },
  { name: 'Crypto.sha256', args: ['array'], result: 'array', weight: 1 },
  { name: 'Mpc.is_ready', args: [], result: 'bool', weight: 1 },
  { name: 'ClientStore.get_number_clients', args: [], result: 'i64', weight: 1 },
];
