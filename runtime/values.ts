/**
 * StoffelVM values as JavaScript values. Shared by the reference interpreter and compiled modules,
 * so both see the same representation and the compiled code can keep common values unboxed.
 *
 * | VM value        | JS representation                                                          |
 * |-----------------|----------------------------------------------------------------------------|
 * | `I64`           | `number` when it is a safe integer (never -0), otherwise `bigint`          |
 * | other integers  | `VmInt` (kind + number; `u64` holds a bigint)                              |
 * | `Float`         | `VmFloat` (boxed so that `Float(3.0)` and `I64(3)` stay distinct)          |
 * | `Bool`          | `boolean`                                                                  |
 * | `String`        | `string` (always well-formed: it comes from valid UTF-8)                   |
 * | `Unit`          | `undefined`                                                                |
 * | `Object`/`Array`| `VmObject` / `VmArray` (handles: identity is the table)                    |
 * | `Closure`       | `VmClosure`                                                                |
 * | `Foreign`       | `VmForeign`                                                                |
 * | `Share`         | `Share`                                                                    |
 *
 * The I64 rule is canonical: a `bigint` I64 is always outside [-(2^53-1), 2^53-1], so two I64 values are
 * equal iff `===` holds, and `typeof v === 'number'` identifies an I64 without a class check.
 */

/** Integer kinds other than I64. */
export type IntKind = 'i32' | 'i16' | 'i8' | 'u8' | 'u16' | 'u32' | 'u64';

/** Every integer kind, I64 included. */
export type AnyIntKind = 'i64' | IntKind;

export interface IntKindInfo {
  readonly bits: 8 | 16 | 32 | 64;
  readonly signed: boolean;
  /** The `type()` name. */
  readonly typeName: string;
  /** Suffix of the Debug form (`42i32`); empty for i64. */
  readonly suffix: string;
}

export const INT_KINDS: Readonly<Record<AnyIntKind, IntKindInfo>> = {
  i64: { bits: 64, signed: true, typeName: 'int64', suffix: '' },
  i32: { bits: 32, signed: true, typeName: 'int32', suffix: 'i32' },
  i16: { bits: 16, signed: true, typeName: 'int16', suffix: 'i16' },
  i8: { bits: 8, signed: true, typeName: 'int8', suffix: 'i8' },
  u8: { bits: 8, signed: false, typeName: 'uint8', suffix: 'u8' },
  u16: { bits: 16, signed: false, typeName: 'uint16', suffix: 'u16' },
  u32: { bits: 32, signed: false, typeName: 'uint32', suffix: 'u32' },
  u64: { bits: 64, signed: false, typeName: 'uint64', suffix: 'u64' },
};

/** A non-I64 integer. `v` is a number for 8/16/32-bit kinds and a bigint for u64. */
export class VmInt {
  constructor(
    readonly kind: IntKind,
    readonly v: number | bigint,
  ) {}
}

/** A `Float` (IEEE-754 binary64). */
export class VmFloat {
  constructor(readonly v: number) {}
}

/** The string-keyed entries of an object as properties (see `EntryMap`). */
export interface StringEntries {
  [key: string]: TableEntry | undefined;
}

/**
 * Makes `StringEntries` records: fast-mode objects (`Object.create(null)` would make dictionary-mode ones)
 * whose prototype chain has no Object.prototype, so no key ("__proto__", "constructor", "toString") ever
 * resolves to an inherited member or hits the `__proto__` setter.
 */
const StringEntriesRecord = function StringEntries() {} as unknown as new () => StringEntries;
StringEntriesRecord.prototype = Object.create(null);

/**
 * V8 holds the hidden class of a `props` record weakly, so once every object with a given key sequence is
 * garbage (between two runs, say) a full GC frees it and compiled code whose inline caches name it is
 * thrown away. `keepObjectShapes` (called when a compiled run ends) keeps a key-for-key twin of the objects
 * that got their first key during the run, so a program run again keeps its optimized code. The records
 * are noted weakly: objects made outside compiled runs (by the interpreter, say) are never kept alive.
 */
const recentRecords: WeakRef<StringEntries>[] = [];
const shapeTwins = new Map<string, StringEntries>();
const MAX_RECENT = 256;
const MAX_TWINS = 256;

function noteFirstKey(props: StringEntries): void {
  if (recentRecords.length < MAX_RECENT) recentRecords.push(new WeakRef(props));
}

/** Array-index keys live in a JS object's elements, not in its hidden class. */
const isIndexKey = (k: string): boolean => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;

export function keepObjectShapes(): void {
  for (const ref of recentRecords) {
    const record = ref.deref();
    if (record === undefined) continue;
    if (shapeTwins.size >= MAX_TWINS) break;
    const keys = Object.keys(record).filter((k) => !isIndexKey(k));
    const signature = JSON.stringify(keys);
    if (shapeTwins.has(signature)) continue;
    const twin = new StringEntriesRecord();
    for (const key of keys) twin[key] = { key, value: undefined };
    shapeTwins.set(signature, twin);
  }
  recentRecords.length = 0;
}

/**
 * An object's entries in insertion order, keyed by `tableKey(key)`, which also keeps every string-keyed
 * entry (the same entry object) in `props`, so compiled code can read a constant key as a property load
 * with its own inline cache instead of a Map lookup. `set`/`delete`/`clear` keep the two in sync.
 */
export class EntryMap extends Map<TableKey, TableEntry> {
  props: StringEntries = new StringEntriesRecord();
  constructor() {
    super();
  }
  override set(key: TableKey, entry: TableEntry): this {
    if (typeof key === 'string') {
      if (this.size === 0) noteFirstKey(this.props);
      this.props[key] = entry;
    }
    return super.set(key, entry);
  }
  override delete(key: TableKey): boolean {
    if (typeof key === 'string' && this.props[key] !== undefined) delete this.props[key];
    return super.delete(key);
  }
  override clear(): void {
    this.props = new StringEntriesRecord();
    super.clear();
  }
}

/** Table ids come from one counter shared by objects and arrays, starting at 1 (see `Heap`). */
export class VmObject {
  /** Entries in insertion order, keyed by `tableKey(key)`. */
  readonly entries = new EntryMap();
  constructor(readonly id: number) {}
}

/**
 * An array. `items[i]` is the value at index i, or `HOLE` where the official VM's dense/sparse split
 * leaves no entry (reading a hole is an "out of range" error; enumerating yields Unit).
 * `items.length` is the array length. Non-index keys live in `extra`.
 */
export class VmArray {
  readonly items: (Value | typeof HOLE)[] = [];
  readonly extra = new Map<TableKey, TableEntry>();
  constructor(readonly id: number) {}
}

/** Marks an index below the length that has no stored entry. Never a Value. */
export const HOLE: unique symbol = Symbol('hole');

export interface TableEntry {
  readonly key: Value;
  value: Value;
}

/** A primitive that identifies a key under VM value equality (see `tableKey` in tables.ts). */
export type TableKey = number | bigint | string | boolean | symbol | undefined | object;

/**
 * A closure: a function name and its captured (name, value) list in capture order. The VM treats it as an
 * immutable value whose `set_upvalue` makes a new instance (builtins-core.md §4.4). The list is never edited;
 * only a compiled run replaces it, for an instance that never `escaped` (see runtime/compiled/host.ts).
 */
export class VmClosure {
  /**
   * Set once the instance may be held anywhere but a live frame's registers: a table, an argument snapshot,
   * an upvalue list, a host function. Compiled runs mark it; the interpreter never reads it.
   */
  escaped = false;
  constructor(
    readonly fn: string,
    public upvalues: [name: string, value: Value][],
  ) {}
}

/** Marks `v` as escaped when it is a closure (see `VmClosure.escaped`). */
export function noteEscape(v: Value): void {
  if (v instanceof VmClosure) v.escaped = true;
}

/** A handle to a host object (`cffi_function`). */
export class VmForeign {
  constructor(readonly id: number) {}
}

/** Share types: `SecretInt{bits}` (a secret bool is `int` with 1 bit), `SecretUInt{bits}`, `SecretFixedPoint`. */
export type ShareType =
  | { readonly kind: 'int'; readonly bits: number }
  | { readonly kind: 'uint'; readonly bits: number }
  | { readonly kind: 'fixed'; readonly totalBits: number; readonly fracBits: number };

/**
 * What a `Share` carries besides its type: one party's share, or (in the single-process simulator) every
 * party's. Defined by the MPC engine that made it; `key()` identifies it under VM value equality.
 */
export interface SharePayload {
  key(): string;
}

/** A secret-shared value (the only secret value kind). */
export class Share {
  constructor(
    readonly type: ShareType,
    readonly payload: SharePayload,
  ) {}
}

export type Value =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | VmInt
  | VmFloat
  | VmObject
  | VmArray
  | VmClosure
  | VmForeign
  | Share;

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const I64_MIN = -(1n << 63n);
export const I64_MAX = (1n << 63n) - 1n;

/** The canonical I64 for an exact integer already known to lie in i64 range. */
export function i64(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** True for an I64 value (number or canonical bigint). */
export function isI64(v: Value): v is number | bigint {
  const t = typeof v;
  return t === 'number' || t === 'bigint';
}

/** The `type()` name of a value. */
export function typeName(v: Value): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'int64';
    case 'string':
      return 'string';
  }
  if (v instanceof VmInt) return INT_KINDS[v.kind].typeName;
  if (v instanceof VmFloat) return 'float';
  if (v instanceof VmArray) return 'array';
  if (v instanceof VmObject) return 'object';
  if (v instanceof VmClosure) return 'function';
  if (v instanceof VmForeign) return 'cffi_function';
  return 'share';
}
