/**
 * The snapshot encoding behind `LocalStorage.store` / `load` (builtins-core.md §5): values are copied
 * deeply, tables become fresh tables on load (new ids, allocated in pre-order: a table before its
 * contents, an object key before its value), and the array hole layout survives the round trip.
 *
 * Layout (stoffel-jit's own; the official redb layout is not reproduced): the magic `SJV1`, then one value:
 * a tag byte and its payload, little-endian. Strings are a u32 byte length plus UTF-8. An array is its u32
 * length followed by one item per index (a value, or the HOLE tag); an object is its u32 entry count
 * followed by key/value pairs in insertion order. A share (only with an MPC persistence context, see
 * share-codec.ts) is a u32 length plus the bytes the engine's codec produced.
 *
 * Both directions use an explicit stack, so arbitrarily deep nesting cannot overflow the JS stack.
 */
import type { Heap } from '../host.js';
import type { ShareCodec } from './share-codec.js';
import { arrayWrite, createArray, createObject, objectSet } from '../tables.js';
import {
  HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, i64, typeName,
  type IntKind, type Value,
} from '../values.js';

/** Why a value could not be stored or loaded; the message is the official `<reason>` text. */
export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

const MAGIC = [0x53, 0x4a, 0x56, 0x31]; // "SJV1"

const Tag = {
  Unit: 0, I64: 1, I32: 2, I16: 3, I8: 4, U8: 5, U16: 6, U32: 7, U64: 8, Float: 9, Bool: 10,
  String: 11, Object: 12, Array: 13, Hole: 14, Share: 15,
} as const;

const NO_SHARE_CONTEXT = 'cannot persist or load share values without MPC persistence context';

const INT_TAGS: Readonly<Record<IntKind, number>> = {
  i32: Tag.I32, i16: Tag.I16, i8: Tag.I8, u8: Tag.U8, u16: Tag.U16, u32: Tag.U32, u64: Tag.U64,
};

// ---------------------------------------------------------------------------------------------------------
// Encoding

class Writer {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private reserve(n: number): number {
    if (this.len + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      bigger.set(this.buf);
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    }
    const at = this.len;
    this.len += n;
    return at;
  }

  // `reserve` may replace the buffer, so it runs before the view/buffer is read.
  u8(v: number): void { const at = this.reserve(1); this.view.setUint8(at, v); }
  u16(v: number): void { const at = this.reserve(2); this.view.setUint16(at, v, true); }
  u32(v: number): void { const at = this.reserve(4); this.view.setUint32(at, v, true); }
  i64(v: bigint): void { const at = this.reserve(8); this.view.setBigInt64(at, v, true); }
  u64(v: bigint): void { const at = this.reserve(8); this.view.setBigUint64(at, v, true); }
  f64(v: number): void { const at = this.reserve(8); this.view.setFloat64(at, v, true); }
  bytes(b: Uint8Array): void { const at = this.reserve(b.length); this.buf.set(b, at); }
  result(): Uint8Array { return this.buf.slice(0, this.len); }
}

const utf8 = new TextEncoder();

/** Marks, on the work stack, the end of a table's contents (it is no longer "being stored"). */
class Exit {
  constructor(readonly table: VmArray | VmObject) {}
}

/**
 * Encodes a deep snapshot of `value`. Fails (CodecError) on closures, foreign handles, tables that contain
 * themselves, and shares unless `shares` (the engine's persistence context for this key) is given.
 */
export function encodeValue(value: Value, shares?: ShareCodec): Uint8Array {
  const w = new Writer();
  for (const b of MAGIC) w.u8(b);
  const active = new Set<VmArray | VmObject>();
  const work: (Value | typeof HOLE | Exit)[] = [value];
  while (work.length > 0) {
    const v = work.pop();
    if (v instanceof Exit) {
      active.delete(v.table);
      continue;
    }
    if (v === HOLE) {
      w.u8(Tag.Hole);
      continue;
    }
    if (v instanceof VmArray || v instanceof VmObject) {
      if (active.has(v)) {
        throw new CodecError(`cannot persist cyclic ${v instanceof VmArray ? 'array' : 'object'} value with id ${v.id}`);
      }
      active.add(v);
      work.push(new Exit(v));
      if (v instanceof VmArray) {
        w.u8(Tag.Array);
        w.u32(v.items.length);
        for (let i = v.items.length - 1; i >= 0; i--) work.push(v.items[i]);
      } else {
        w.u8(Tag.Object);
        w.u32(v.entries.size);
        const entries = [...v.entries.values()];
        for (let i = entries.length - 1; i >= 0; i--) work.push(entries[i].value, entries[i].key);
      }
      continue;
    }
    writeScalar(w, v, shares);
  }
  return w.result();
}

function writeScalar(w: Writer, v: Value, shares: ShareCodec | undefined): void {
  switch (typeof v) {
    case 'undefined':
      w.u8(Tag.Unit);
      return;
    case 'number':
    case 'bigint':
      w.u8(Tag.I64);
      w.i64(BigInt(v));
      return;
    case 'boolean':
      w.u8(Tag.Bool);
      w.u8(v ? 1 : 0);
      return;
    case 'string': {
      const b = utf8.encode(v);
      w.u8(Tag.String);
      w.u32(b.length);
      w.bytes(b);
      return;
    }
  }
  if (v instanceof VmInt) {
    w.u8(INT_TAGS[v.kind]);
    const n = v.v;
    switch (v.kind) {
      case 'i8': case 'u8': w.u8(Number(n) & 0xff); return;
      case 'i16': case 'u16': w.u16(Number(n) & 0xffff); return;
      case 'i32': case 'u32': w.u32(Number(n) >>> 0); return;
      case 'u64': w.u64(BigInt(n)); return;
    }
  }
  if (v instanceof VmFloat) {
    w.u8(Tag.Float);
    w.f64(v.v);
    return;
  }
  if (v instanceof VmClosure || v instanceof VmForeign) {
    throw new CodecError(`cannot persist ${typeName(v)} values`);
  }
  if (v instanceof Share) {
    if (shares === undefined) throw new CodecError(NO_SHARE_CONTEXT);
    const bytes = shares.encode(v);
    w.u8(Tag.Share);
    w.u32(bytes.length);
    w.bytes(bytes);
    return;
  }
  throw new CodecError(`cannot persist ${typeName(v)} values`);
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

function invalid(reason: string): CodecError {
  return new CodecError(`invalid persistent value data: ${reason}`);
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private take(n: number): number {
    if (this.pos + n > this.bytes.length) throw invalid('unexpected end of data');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  get remaining(): number { return this.bytes.length - this.pos; }
  u8(): number { return this.view.getUint8(this.take(1)); }
  u16(): number { return this.view.getUint16(this.take(2), true); }
  u32(): number { return this.view.getUint32(this.take(4), true); }
  i64(): bigint { return this.view.getBigInt64(this.take(8), true); }
  u64(): bigint { return this.view.getBigUint64(this.take(8), true); }
  f64(): number { return this.view.getFloat64(this.take(8), true); }
  slice(n: number): Uint8Array { const at = this.take(n); return this.bytes.subarray(at, at + n); }

  /** A count of items that each take at least one byte (so corrupt data cannot demand huge tables). */
  count(): number {
    const n = this.u32();
    if (n > this.remaining) throw invalid(`count ${n} exceeds the remaining ${this.remaining} bytes`);
    return n;
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** A table whose contents are still being read. */
type Pending =
  | { readonly kind: 'array'; readonly table: VmArray; readonly len: number; next: number }
  | { readonly kind: 'object'; readonly table: VmObject; remaining: number; key: Value | typeof HOLE };

/** Rebuilds a stored value; every table gets a fresh id from `heap`; shares go through `shares`. */
export function decodeValue(bytes: Uint8Array, heap: Heap, shares?: ShareCodec): Value {
  const r = new Reader(bytes);
  for (const b of MAGIC) if (r.remaining === 0 || r.u8() !== b) throw invalid('unknown persistent value format');
  const stack: Pending[] = [];
  for (;;) {
    let value: Value | typeof HOLE;
    const tag = r.u8();
    if (tag === Tag.Array) {
      const table = createArray(heap);
      const len = r.count();
      if (len > 0) {
        stack.push({ kind: 'array', table, len, next: 0 });
        continue;
      }
      value = table;
    } else if (tag === Tag.Object) {
      const table = createObject(heap);
      const remaining = r.count();
      if (remaining > 0) {
        stack.push({ kind: 'object', table, remaining, key: HOLE });
        continue;
      }
      value = table;
    } else {
      value = readScalar(r, tag, shares);
    }
    // Hand the finished value to the innermost open table; finished tables are handed further out.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (value === HOLE) throw invalid('hole outside an array');
        if (r.remaining !== 0) throw new CodecError('persistent value contains trailing bytes');
        return value;
      }
      if (top.kind === 'array') {
        if (value !== HOLE) arrayWrite(top.table, top.next, value);
        if (++top.next < top.len) break;
      } else {
        if (value === HOLE) throw invalid('hole inside an object');
        if (top.key === HOLE) {
          top.key = value;
          break;
        }
        objectSet(top.table, top.key, value);
        top.key = HOLE;
        if (--top.remaining > 0) break;
      }
      stack.pop();
      value = top.table;
    }
  }
}

function readScalar(r: Reader, tag: number, shares: ShareCodec | undefined): Value | typeof HOLE {
  switch (tag) {
    case Tag.Unit: return undefined;
    case Tag.I64: return i64(r.i64());
    case Tag.I32: return new VmInt('i32', r.u32() | 0);
    case Tag.I16: return new VmInt('i16', (r.u16() << 16) >> 16);
    case Tag.I8: return new VmInt('i8', (r.u8() << 24) >> 24);
    case Tag.U8: return new VmInt('u8', r.u8());
    case Tag.U16: return new VmInt('u16', r.u16());
    case Tag.U32: return new VmInt('u32', r.u32());
    case Tag.U64: return new VmInt('u64', r.u64());
    case Tag.Float: return new VmFloat(r.f64());
    case Tag.Bool: {
      const b = r.u8();
      if (b > 1) throw invalid(`invalid boolean byte ${b}`);
      return b === 1;
    }
    case Tag.String: {
      const n = r.u32();
      try {
        return utf8Strict.decode(r.slice(n));
      } catch (e) {
        if (e instanceof CodecError) throw e;
        throw invalid('string is not valid UTF-8');
      }
    }
    case Tag.Hole: return HOLE;
    case Tag.Share: {
      const n = r.u32();
      if (shares === undefined) throw new CodecError(NO_SHARE_CONTEXT);
      return shares.decode(r.slice(n));
    }
  }
  throw invalid(`unknown value tag ${tag}`);
}
