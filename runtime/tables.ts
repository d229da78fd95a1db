/**
 * The table heap's read/write rules (builtins-core.md §2.3–2.6, semantics.md §11).
 *
 * Arrays keep their elements in a plain JS array (`VmArray.items`) so that element access stays a bounds
 * check plus an indexed load. The official VM stores indices below 32 densely and the rest in a sparse
 * map; the observable consequence is reproduced with the `HOLE` sentinel: an index below the length that
 * the official VM would not find. Writing index k < 32 extends the dense part (HOLEs below k become Unit);
 * writing k ≥ 32 beyond the end leaves the gap as HOLEs.
 *
 * Compiled code calls `getField` / `setField` / `getOrCreateArrayField` directly; they throw
 * `BuiltinError` with the bare message, like the builtins they implement.
 */
import { BuiltinError } from './errors.js';
import type { HookEvent } from './hooks.js';
import type { Heap } from './host.js';
import {
  HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject,
  type TableEntry, type TableKey, type Value, typeName,
} from './values.js';

/** Emits hook events; null when no hook is enabled (callers then build no events). */
export type Emit = ((event: HookEvent) => void) | null;

/** Index keys below this go to the official VM's dense vector. */
export const DENSE_LIMIT = 32;

/**
 * Longest array this runtime builds. The official VM's sparse storage accepts any index; a JS array has to
 * materialize every slot, so a write far beyond the end (or a huge `range`) would exhaust memory instead of
 * failing cleanly. 2^27 slots is about 1 GiB of element pointers.
 */
export const MAX_ARRAY_LENGTH = 2 ** 27;

// ---------------------------------------------------------------------------------------------------------
// Keys

/**
 * Maps a value to a primitive such that Map lookup coincides with VM value equality: strings, I64 and bools
 * map to themselves, Unit to `undefined`, tables and foreign handles to themselves (identity), and every
 * other kind to a `Symbol.for` of a canonical text (floats normalized: one NaN, -0 = +0).
 */
export function tableKey(v: Value): TableKey {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return v;
  }
  if (v instanceof VmObject || v instanceof VmArray || v instanceof VmForeign) return v;
  return Symbol.for(canonicalText(v));
}

/** A text that identifies a value under VM value equality (tables by their id, which is never reused). */
function canonicalText(v: Value): string {
  switch (typeof v) {
    case 'undefined':
      return 'unit';
    case 'boolean':
      return v ? 'bool:true' : 'bool:false';
    case 'number':
    case 'bigint':
      return `i64:${v}`;
    case 'string':
      return `str:${JSON.stringify(v)}`;
  }
  if (v instanceof VmInt) return `${v.kind}:${v.v}`;
  if (v instanceof VmFloat) return `f64:${floatText(v.v)}`;
  if (v instanceof VmArray) return `array:${v.id}`;
  if (v instanceof VmObject) return `object:${v.id}`;
  if (v instanceof VmForeign) return `foreign:${v.id}`;
  if (v instanceof VmClosure) {
    return `closure:${JSON.stringify([v.fn, ...v.upvalues.map(([name, value]) => [name, canonicalText(value)])])}`;
  }
  return `share:${JSON.stringify(shareTypeText(v))}:${v.payload.key()}`;
}

function floatText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  return x === 0 ? '0' : String(x);
}

function shareTypeText(s: Share): string {
  const t = s.type;
  return t.kind === 'fixed' ? `fixed(${t.totalBits},${t.fracBits})` : `${t.kind}(${t.bits})`;
}

// ---------------------------------------------------------------------------------------------------------
// Creation

/** A new empty object; consumes one id from the shared counter. */
export function createObject(heap: Heap): VmObject {
  return new VmObject(heap.nextId());
}

/** A new empty array; consumes one id from the shared counter. */
export function createArray(heap: Heap): VmArray {
  return new VmArray(heap.nextId());
}

/** A new array holding `values` (already materialized: no HOLEs); consumes one id. */
export function arrayOf(heap: Heap, values: Value[]): VmArray {
  if (values.length > MAX_ARRAY_LENGTH) throw tooLong(values.length);
  const arr = new VmArray(heap.nextId());
  for (let i = 0; i < values.length; i++) arr.items.push(values[i]);
  return arr;
}

// ---------------------------------------------------------------------------------------------------------
// Arrays

/** `array index <k> out of range (length <n>)`. */
function indexOutOfRange(k: number | bigint, len: number): BuiltinError {
  return new BuiltinError(`array index ${k} out of range (length ${len})`);
}

function tooLong(len: number | bigint): BuiltinError {
  return new BuiltinError(`array length ${len} exceeds the supported maximum of ${MAX_ARRAY_LENGTH}`);
}

/**
 * The element at non-negative I64 index `k`, or `HOLE` when the official VM finds no entry there (a hole,
 * or `k ≥ len`).
 */
export function arrayLookup(arr: VmArray, k: number | bigint): Value | typeof HOLE {
  const items = arr.items;
  if (typeof k === 'bigint' || k >= items.length) return HOLE;
  return items[k];
}

/** Reads non-negative I64 index `k`; a hole or `k ≥ len` is the official out-of-range error. */
export function arrayRead(arr: VmArray, k: number | bigint): Value {
  const v = arrayLookup(arr, k);
  if (v === HOLE) throw indexOutOfRange(k, arr.items.length);
  return v;
}

/** Writes non-negative I64 index `k` with the dense/sparse rules; writing past the end extends the length. */
export function arrayWrite(arr: VmArray, k: number | bigint, value: Value): void {
  const items = arr.items;
  const len = items.length;
  if (typeof k === 'number' && k < len) {
    if (k < DENSE_LIMIT && items[k] === HOLE) {
      // Extending the dense vector to k+1 turns the holes below k into Unit.
      for (let i = k - 1; i >= 0 && items[i] === HOLE; i--) items[i] = undefined;
    }
    items[k] = value;
    return;
  }
  if (typeof k === 'bigint' || k >= MAX_ARRAY_LENGTH) throw tooLong(BigInt(k) + 1n);
  // k >= len. Below 32 there can be no holes (they only arise once some index >= 32 was written).
  const gap = k < DENSE_LIMIT ? undefined : HOLE;
  for (let i = len; i < k; i++) items.push(gap);
  items.push(value);
}

/** Appends at index `len` (the `array_push` / `append` rule). */
export function arrayPush(arr: VmArray, value: Value): void {
  const items = arr.items;
  if (items.length >= MAX_ARRAY_LENGTH) throw tooLong(items.length + 1);
  items.push(value);
}

/** Fails with the length-limit error when `arr` cannot take `extra` more elements. */
export function checkGrowth(arr: VmArray, extra: number): void {
  const len = arr.items.length + extra;
  if (len > MAX_ARRAY_LENGTH) throw tooLong(len);
}

/** The values at indices `0..len`, holes read as Unit (what enumerating builtins see). */
export function arrayValues(arr: VmArray): Value[] {
  const items = arr.items;
  const out: Value[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    out[i] = v === HOLE ? undefined : v;
  }
  return out;
}

/** Turns every hole into a real Unit (what the rebuilding builtins `pop`, `insert`, … do first). */
export function materialize(arr: VmArray): void {
  const items = arr.items;
  for (let i = 0; i < items.length; i++) if (items[i] === HOLE) items[i] = undefined;
}

/** The integer value of any of the 8 integer kinds, or undefined for every other value. */
export function integerOf(v: Value): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof VmInt) return v.v;
  return undefined;
}

/**
 * Python-style key normalization on arrays (§2.3): a negative integer of any kind becomes `I64(k + len)`;
 * still negative → out-of-range error with the original k. Everything else is returned unchanged (so
 * non-negative non-I64 integers stay extra-field keys — the official quirk).
 */
export function normalizeArrayKey(arr: VmArray, key: Value): Value {
  if (typeof key === 'number') {
    if (key >= 0) return key;
    const n = key + arr.items.length;
    if (n < 0) throw indexOutOfRange(key, arr.items.length);
    return n;
  }
  const k = integerOf(key);
  if (k === undefined || k >= 0) return key;
  const len = arr.items.length;
  const n = typeof k === 'bigint' ? k + BigInt(len) : k + len;
  if (n < 0) throw indexOutOfRange(k, len);
  return Number(n);
}

/** True for a key the array stores as an index (a non-negative I64). */
function isIndexKey(key: Value): key is number | bigint {
  return (typeof key === 'number' || typeof key === 'bigint') && key >= 0;
}

/** Reads an already normalized key: index, or extra field. HOLE when nothing is stored. */
function arrayGetNormalized(arr: VmArray, key: Value): Value | typeof HOLE {
  if (isIndexKey(key)) return arrayLookup(arr, key);
  const entry = arr.extra.get(tableKey(key));
  return entry === undefined ? HOLE : entry.value;
}

function arraySetNormalized(arr: VmArray, key: Value, value: Value): void {
  if (isIndexKey(key)) arrayWrite(arr, key, value);
  else setEntry(arr.extra, key, value);
}

// ---------------------------------------------------------------------------------------------------------
// Objects and extra fields

function setEntry(map: Map<TableKey, TableEntry>, key: Value, value: Value): void {
  const k = tableKey(key);
  const entry = map.get(k);
  if (entry === undefined) map.set(k, { key, value });
  else entry.value = value;
}

/** The object's value under `key`, or `HOLE` when the key is absent. */
export function objectLookup(obj: VmObject, key: Value): Value | typeof HOLE {
  const entry = obj.entries.get(tableKey(key));
  return entry === undefined ? HOLE : entry.value;
}

/** Inserts or replaces (a replaced key keeps its insertion position). */
export function objectSet(obj: VmObject, key: Value, value: Value): void {
  setEntry(obj.entries, key, value);
}

// ---------------------------------------------------------------------------------------------------------
// get_field / set_field / get_or_create_array_field semantics

/** `get_field(target, key)` (§2.4), including string indexing and the read hook events. */
export function getField(target: Value, key: Value, emit: Emit): Value {
  if (target instanceof VmArray) {
    if (typeof key === 'number' && key >= 0) {
      // Fast path: a stored non-Unit element.
      const v = target.items[key];
      if (v !== undefined && v !== HOLE) {
        if (emit !== null) emit({ type: 'ArrayElementRead', table: target, key, value: v });
        return v;
      }
    }
    const k = normalizeArrayKey(target, key);
    const found = arrayGetNormalized(target, k);
    let value: Value;
    if (found !== HOLE) value = found;
    else {
      const index = integerOf(k);
      if (index !== undefined) throw indexOutOfRange(index, target.items.length);
      value = undefined;
    }
    if (emit !== null) emit({ type: 'ArrayElementRead', table: target, key: k, value });
    return value;
  }
  if (target instanceof VmObject) {
    const found = objectLookup(target, key);
    const value = found === HOLE ? undefined : found;
    if (emit !== null) emit({ type: 'ObjectFieldRead', table: target, key, value });
    return value;
  }
  if (typeof target === 'string') return stringIndex(target, key);
  return undefined;
}

/** `set_field(table, key, value)` on a table already known to be an object or array (§2.5). */
export function setField(table: VmObject | VmArray, key: Value, value: Value, emit: Emit): void {
  if (table instanceof VmArray) {
    if (emit === null && typeof key === 'number' && key >= 0) {
      arrayWrite(table, key, value);
      return;
    }
    const k = normalizeArrayKey(table, key);
    if (emit === null) {
      arraySetNormalized(table, k, value);
      return;
    }
    const old = arrayGetNormalized(table, k);
    arraySetNormalized(table, k, value);
    emit({ type: 'ArrayElementWrite', table, key: k, previous: old === HOLE ? undefined : old, value });
    return;
  }
  if (emit === null) {
    objectSet(table, key, value);
    return;
  }
  const old = objectLookup(table, key);
  objectSet(table, key, value);
  emit({ type: 'ObjectFieldWrite', table, key, previous: old === HOLE ? undefined : old, value });
}

/**
 * `get_or_create_array_field(table, key)` (§2.6): the table/array stored under the key, or a new array
 * stored there when the slot is missing or Unit.
 */
export function getOrCreateArrayField(heap: Heap, table: VmObject | VmArray, key: Value): VmObject | VmArray {
  let k = key;
  let current: Value | typeof HOLE;
  if (table instanceof VmArray) {
    k = normalizeArrayKey(table, key);
    current = arrayGetNormalized(table, k);
  } else {
    current = objectLookup(table, key);
  }
  if (current instanceof VmArray || current instanceof VmObject) return current;
  if (current !== HOLE && current !== undefined) {
    throw new BuiltinError('Cannot autovivify nested list through a non-list value');
  }
  const created = createArray(heap);
  if (table instanceof VmArray) arraySetNormalized(table, k, created);
  else objectSet(table, key, created);
  return created;
}

// ---------------------------------------------------------------------------------------------------------
// Strings (indexed by Unicode scalar values)

const SURROGATE = /[\uD800-\uDFFF]/;

/** The string's Unicode scalar values (one JS string each). */
export function scalarValues(s: string): string[] {
  return SURROGATE.test(s) ? Array.from(s) : s.split('');
}

/** Number of Unicode scalar values. */
export function scalarLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function stringIndex(s: string, key: Value): string {
  const k = integerOf(key);
  if (k === undefined) throw new BuiltinError(`string index must be an integer, found ${typeName(key)}`);
  const chars = scalarValues(s);
  const len = chars.length;
  let index: number | bigint = k;
  if (k < 0) {
    index = typeof k === 'bigint' ? k + BigInt(len) : k + len;
    if (index < 0) throw new BuiltinError(`string index ${k} out of range (length ${len})`);
  }
  if (index >= len) throw new BuiltinError(`string index ${index} out of range (length ${len})`);
  return chars[Number(index)];
}
