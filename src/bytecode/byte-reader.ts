/**
 * A bounds-checked little-endian cursor over the input. Every overrun becomes the official
 * "unexpected end of file" error; every string is decoded strictly (invalid UTF-8 is an error, a leading
 * BOM is kept so writing the string back reproduces the bytes).
 */
import { BytecodeError, type BytecodeErrorKind } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where the reader currently is, added to every error it raises. */
export interface ReadContext {
  function?: string;
  functionIndex?: number;
  instruction?: number;
}

export class ByteReader {
  private readonly view: DataView;
  /** Offset of the next byte to read. */
  pos = 0;
  readonly context: ReadContext = {};

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** An error located at `offset` (default: the current position) in the current function/instruction. */
  error(kind: BytecodeErrorKind, reason: string, offset = this.pos, detail?: string): BytecodeError {
    return new BytecodeError(kind, reason, { ...this.context, offset, detail });
  }

  invalid(reason: string, offset = this.pos): BytecodeError {
    return this.error('InvalidData', reason, offset);
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) {
      throw this.error('UnexpectedEof', 'unexpected end of file', this.pos,
        `reading ${what}: ${n} byte(s) needed, ${this.remaining} left`);
    }
  }

  /**
   * Rejects a count whose elements (each at least `minEach` bytes) cannot fit in the rest of the input,
   * before anything is allocated or looped over. The reference reader would hit the end of the file.
   */
  checkFits(count: number, minEach: number, what: string, offset: number): void {
    if (count * minEach > this.remaining) {
      throw this.error('UnexpectedEof', 'unexpected end of file', offset,
        `${what} ${count} needs at least ${count * minEach} more byte(s), ${this.remaining} left`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i8(what: string): number {
    this.need(1, what);
    return this.view.getInt8(this.pos++);
  }

  i16(what: string): number {
    this.need(2, what);
    const v = this.view.getInt16(this.pos, true);
    this.pos += 2;
    return v;
  }

  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(what: string): bigint {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  i64(what: string): bigint {
    this.need(8, what);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** `len` raw bytes (a view, not a copy). */
  bytesOf(len: number, what: string): Uint8Array {
    this.need(len, what);
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** A `str16`; `utf8Error` is the official text for invalid UTF-8 (e.g. `Invalid UTF-8 in label name`). */
  str16(what: string, utf8Error: string): string {
    const len = this.u16(what);
    return this.utf8(len, what, utf8Error);
  }

  /** `len` bytes of strict UTF-8 starting at the current position. */
  utf8(len: number, what: string, utf8Error: string): string {
    const start = this.pos;
    const raw = this.bytesOf(len, what);
    // Names are short and almost always ASCII: decoding them directly is much faster than TextDecoder.
    if (len <= 32) {
      let ascii = '';
      let i = 0;
      for (; i < len && raw[i]! < 0x80; i++) ascii += String.fromCharCode(raw[i]!);
      if (i === len) return ascii;
    }
    try {
      return utf8.decode(raw);
    } catch {
      throw this.invalid(utf8Error, start);
    }
  }
}
