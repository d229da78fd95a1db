/**
 * Prime-field arithmetic on canonical bigints (0 <= x < p) and the arkworks field-element encoding
 * (mpc-model §2): the canonical representative as 32 little-endian bytes for every supported field.
 */
import { Field, type IField } from '@noble/curves/abstract/modular.js';
import { BuiltinError } from '../errors.js';

/** Number of bytes of an encoded field element (all six supported fields fit in 32). */
export const FIELD_BYTES = 32;

/** arkworks' message for input shorter than 32 bytes (std `read_exact` hitting end of input). */
const SHORT_INPUT =
  'I/O error: Error { kind: UnexpectedEof, message: "failed to fill whole buffer" }';
/** arkworks' message for a non-canonical value (x >= p). */
const INVALID_DATA = 'the input buffer contained invalid data';

export class PrimeField {
  readonly half: bigint;
  private readonly noble: IField<bigint>;

  constructor(readonly p: bigint) {
    this.half = (p - 1n) / 2n;
    this.noble = Field(p);
  }

  reduce(x: bigint): bigint {
    const r = x % this.p;
    return r < 0n ? r + this.p : r;
  }
  add(a: bigint, b: bigint): bigint {
    const r = a + b;
    return r >= this.p ? r - this.p : r;
  }
  sub(a: bigint, b: bigint): bigint {
    const r = a - b;
    return r < 0n ? r + this.p : r;
  }
  neg(a: bigint): bigint {
    return a === 0n ? 0n : this.p - a;
  }
  mul(a: bigint, b: bigint): bigint {
    return (a * b) % this.p;
  }
  /** Multiplicative inverse; the caller rules out zero. */
  inv(a: bigint): bigint {
    return this.noble.inv(a);
  }
  pow(a: bigint, e: bigint): bigint {
    return this.noble.pow(a, e);
  }
  /** The canonical square root (the root r with r <= p - r), or null for a non-residue. */
  sqrt(a: bigint): bigint | null {
    let r: bigint;
    try {
      r = this.noble.sqrt(a);
    } catch {
      return null;
    }
    const other = this.neg(r);
    return other < r ? other : r;
  }
  /** Centered lift: x if x <= (p-1)/2, else x - p. */
  centered(x: bigint): bigint {
    return x <= this.half ? x : x - this.p;
  }

  /** 32-byte little-endian canonical encoding. */
  toBytes(x: bigint): Uint8Array {
    const out = new Uint8Array(FIELD_BYTES);
    let v = x;
    for (let i = 0; i < FIELD_BYTES; i++) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return out;
  }

  /**
   * Decodes the first 32 bytes (little-endian) as a canonical element; extra bytes are ignored and
   * short or non-canonical input is rejected as `<context>: <arkworks reason>`.
   */
  fromBytes(bytes: Uint8Array, context = 'deserialize field element'): bigint {
    if (bytes.length < FIELD_BYTES) throw new BuiltinError(`${context}: ${SHORT_INPUT}`);
    const x = leBytesToBigint(bytes.subarray(0, FIELD_BYTES));
    if (x >= this.p) throw new BuiltinError(`${context}: ${INVALID_DATA}`);
    return x;
  }
}

export function leBytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

export function beBytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Big-endian encoding in exactly `width` bytes (the value must fit). */
export function bigintToBeBytes(x: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let v = x;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
