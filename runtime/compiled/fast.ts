/**
 * Fast paths for the hot table builtins, called by compiled code with fixed arity instead of through an
 * argument array, the bound external and the builtin's argument checks. Each handles only the common case
 * whose result it can produce exactly (an array with a stored element at a non-negative I64 index, an
 * object with a string key) and otherwise calls `slow`, the call site's bound external, so every error,
 * edge case (negative or bigint index, holes, extra fields, strings) and message stays the builtin's own.
 * Builtin names are reserved (no host function can take them, and program functions with such names are
 * bound directly at compile time), and non-hooked builds have no read/write events, so skipping the generic
 * builtin is unobservable. Instrumented (hooked) builds never use these. The optimizing emitter also
 * inlines the commonest case at each call site (src/emit/tables.ts) and calls these for the rest.
 */
import { scalarLength, MAX_ARRAY_LENGTH } from '../tables.js';
import { VmArray, VmObject, type Value } from '../values.js';
import type { ExternalCall } from './calls.js';

// Class tests through `constructor`, which V8 folds to a map check; `instanceof` against an imported
// class is a generic call here. Exact: no subclass of either exists (and a miss only means `slow`).
// Likewise `typeof e !== 'symbol'` tests an element for `HOLE`, the only symbol `items` can hold.
const isArray = (v: Value): v is VmArray => typeof v === 'object' && v.constructor === VmArray;
const isObject = (v: Value): v is VmObject => typeof v === 'object' && v.constructor === VmObject;

/** `get_field(t, k)`. */
export function fastGetField(slow: ExternalCall, t: Value, k: Value): Value {
  if (isArray(t)) {
    const items = t.items;
    if (typeof k === 'number' && k >= 0 && k < items.length) {
      const v = items[k];
      if (typeof v !== 'symbol') return v;
    }
  } else if (isObject(t) && typeof k === 'string') {
    const entry = t.entries.get(k);
    return entry === undefined ? undefined : entry.value;
  }
  return slow([t, k]);
}

/** `set_field(t, k, v)`: overwriting a stored array element, or any string-keyed object field. */
export function fastSetField(slow: ExternalCall, t: Value, k: Value, v: Value): Value {
  if (isArray(t)) {
    const items = t.items;
    if (typeof k === 'number' && k >= 0 && k < items.length && typeof items[k] !== 'symbol') {
      items[k] = v;
      return undefined;
    }
  } else if (isObject(t) && typeof k === 'string') {
    const entry = t.entries.get(k);
    if (entry === undefined) t.entries.set(k, { key: k, value: v });
    else entry.value = v;
    return undefined;
  }
  return slow([t, k, v]);
}

/** `array_push(arr, v)`: the new length. */
export function fastArrayPush(slow: ExternalCall, arr: Value, v: Value): Value {
  if (isArray(arr) && arr.items.length < MAX_ARRAY_LENGTH) return arr.items.push(v);
  return slow([arr, v]);
}

/** `append(arr, v)`: Unit. */
export function fastAppend(slow: ExternalCall, arr: Value, v: Value): Value {
  if (isArray(arr) && arr.items.length < MAX_ARRAY_LENGTH) {
    arr.items.push(v);
    return undefined;
  }
  return slow([arr, v]);
}

/** `len(x)` / `array_length(x)`. */
export function fastLength(slow: ExternalCall, x: Value): Value {
  if (isArray(x)) return x.items.length;
  if (typeof x === 'string') return scalarLength(x);
  return slow([x]);
}

/** `to_string(x)` of an I64: its decimal digits (the print format). */
export function fastToString(slow: ExternalCall, x: Value): Value {
  if (typeof x === 'number' || typeof x === 'bigint') return String(x);
  return slow([x]);
}

/** Builtin name -> fast path and the argument count it handles. */
export const FAST_BUILTINS: ReadonlyMap<string, { readonly helper: string; readonly arity: number }> = new Map([
  ['get_field', { helper: 'fastGetField', arity: 2 }],
  ['set_field', { helper: 'fastSetField', arity: 3 }],
  ['array_push', { helper: 'fastArrayPush', arity: 2 }],
  ['append', { helper: 'fastAppend', arity: 2 }],
  ['len', { helper: 'fastLength', arity: 1 }],
  ['array_length', { helper: 'fastLength', arity: 1 }],
  ['to_string', { helper: 'fastToString', arity: 1 }],
]);
