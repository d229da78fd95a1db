/**
 * A growable little-endian output buffer that refuses any value that does not fit its field, with the
 * official writer's wording (`register count 70000 exceeds u16::MAX`).
 */
import { BytecodeError } from './errors.js';

const utf8 = new TextEncoder();
/** With the `u` flag only unpaired surrogates match; they have no UTF-8 encoding. */
const LONE_SURROGATE = /\p{Cs}/u;

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  /** Where the writer is, added to every error (plain fields: set once per function/instruction). */
  functionName: string | undefined;
  functionIndex: number | undefined;
  instruction: number | undefined;

  fail(reason: string): BytecodeError {
    return new BytecodeError('InvalidData', reason, {
      function: this.functionName, functionIndex: this.functionIndex, instruction: this.instruction,
    });
  }

  /** Claims `n` bytes and returns their offset. Read `buf`/`view` only after calling it: it may replace them. */
  private reserve(n: number): number {
    const at = this.len;
    if (at + n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < at + n) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.len = at + n;
    return at;
  }

  private checkInt(v: number, min: number, max: number, field: string, type: string): void {
    if (!Number.isInteger(v) || v < min) throw this.fail(`${field} ${v} is not a valid ${type}`);
    if (v > max) throw this.fail(`${field} ${v} exceeds ${type}::MAX`);
  }

  u8(v: number, field: string): void {
    this.checkInt(v, 0, 0xff, field, 'u8');
    const at = this.reserve(1);
    this.buf[at] = v;
  }

  u16(v: number, field: string): void {
    this.checkInt(v, 0, 0xffff, field, 'u16');
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }

  u32(v: number, field: string): void {
    this.checkInt(v, 0, 0xffff_ffff, field, 'u32');
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
  }

  i8(v: number, field: string): void {
    this.checkSigned(v, 8, field);
    const at = this.reserve(1);
    this.view.setInt8(at, v);
  }

  i16(v: number, field: string): void {
    this.checkSigned(v, 16, field);
    const at = this.reserve(2);
    this.view.setInt16(at, v, true);
  }

  i32(v: number, field: string): void {
    this.checkSigned(v, 32, field);
    const at = this.reserve(4);
    this.view.setInt32(at, v, true);
  }

  private checkSigned(v: number, bits: number, field: string): void {
    const limit = 2 ** (bits - 1);
    if (!Number.isInteger(v) || v < -limit || v >= limit) throw this.fail(`${field} ${v} is not a valid i${bits}`);
  }

  u64(v: bigint, field: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw this.fail(`${field} ${String(v)} is not a valid u64`);
    const at = this.reserve(8);
    this.view.setBigUint64(at, v, true);
  }

  i64(v: bigint, field: string): void {
    if (typeof v !== 'bigint' || v < I64_MIN || v > I64_MAX) throw this.fail(`${field} ${String(v)} is not a valid i64`);
    const at = this.reserve(8);
    this.view.setBigInt64(at, v, true);
  }

  raw(bytes: Uint8Array): void {
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
  }

  /** UTF-8 bytes of a well-formed string (a lone surrogate would silently become U+FFFD). */
  private encode(s: string, field: string): Uint8Array {
    if (typeof s !== 'string') throw this.fail(`${field} is not a string`);
    if (LONE_SURROGATE.test(s)) throw this.fail(`${field} contains an unpaired surrogate, which UTF-8 cannot encode`);
    return utf8.encode(s);
  }

  /** `str16`: u16 byte length + UTF-8. */
  str16(s: string, field: string): void {
    // Names are short and almost always ASCII: copying them directly is much faster than TextEncoder.
    if (typeof s === 'string' && s.length <= 32) {
      let i = 0;
      while (i < s.length && s.charCodeAt(i) < 0x80) i++;
      if (i === s.length) {
        this.u16(s.length, field);
        const at = this.reserve(s.length);
        for (let j = 0; j < s.length; j++) this.buf[at + j] = s.charCodeAt(j);
        return;
      }
    }
    const bytes = this.encode(s, field);
    if (bytes.length > 0xffff) throw this.fail(`${field} length ${bytes.length} exceeds u16::MAX`);
    this.u16(bytes.length, field);
    this.raw(bytes);
  }

  /** `str32`: u32 byte length (at most `max`) + UTF-8. */
  str32(s: string, field: string, max: number): void {
    const bytes = this.encode(s, field);
    if (bytes.length > max) throw this.fail(`${field} length ${bytes.length} exceeds maximum supported ${max}`);
    this.u32(bytes.length, field);
    this.raw(bytes);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
