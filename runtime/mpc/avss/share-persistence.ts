/**
 * How the simulated engine persists its shares in `LocalStorage` (both backends; AVSS key shares are its
 * main use). The reference writes a share envelope — backend, curve, field, node identity, n, t, a digest
 * of the storage key and of the payload — and refuses to load a share whose envelope does not match the
 * running engine. This codec keeps that contract with the reference's error texts; the bytes are
 * stoffel-jit's own:
 *
 *   u8 version (1) · string backend · string curve · string field · u32 n · u32 t ·
 *   sha256(storage key) · sha256(payload) · payload
 *   payload = share type (u8 tag 0 int / 1 fixed / 2 uint, then u32 bits or u32 k, u32 f) ·
 *             u8 format (0 robust, 1 Feldman) · u32 degree · n × 32-byte share values
 *
 * Strings are a u32 length plus UTF-8; integers little-endian. The simulator holds every party's share,
 * so it stores all n (the union of the n parties' stores); Feldman commitments are not stored because
 * they follow from the shares (see feldman.ts). There is no node identity: the simulated parties are
 * the same across runs.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ShareCodec } from '../../storage/share-codec.js';
import { Share, type ShareType } from '../../values.js';
import { FIELD_BYTES, leBytesToBigint, type PrimeField } from '../field.js';
import type { SimShares } from '../sim-shares.js';
import { FeldmanShares } from './feldman.js';

/** What a stored share is bound to. */
export interface PersistenceContext {
  readonly backend: string;
  readonly curve: string;
  readonly field: PrimeField;
  readonly fieldName: string;
  readonly nParties: number;
  readonly threshold: number;
}

/** The engine side: its shares, and re-creating one from stored values. */
export interface PersistentShares {
  /** The all-party shares of a share made by this engine (throws for a foreign share). */
  sim(share: Share): SimShares;
  /** Wraps stored share values in this engine's payload. */
  restore(ys: readonly bigint[], degree: number): SimShares;
}

const VERSION = 1;
const FORMAT_ROBUST = 0;
const FORMAT_FELDMAN = 1;
const TYPE_TAGS = { int: 0, fixed: 1, uint: 2 } as const;

class PersistenceError extends Error {}

function invalid(reason: string): PersistenceError {
  return new PersistenceError(`invalid persistent value data: ${reason}`);
}

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

function text(s: string): Uint8Array {
  const b = utf8ToBytes(s);
  return concatBytes(u32(b.length), b);
}

class Cursor {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw invalid('unexpected end of share data');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  }
  text(): string {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(this.take(this.u32()));
    } catch (err) {
      if (err instanceof PersistenceError) throw err;
      throw invalid('string is not valid UTF-8');
    }
  }
  rest(): Uint8Array {
    return this.take(this.bytes.length - this.at);
  }
  done(): boolean {
    return this.at === this.bytes.length;
  }
}

function encodeType(t: ShareType): Uint8Array {
  return t.kind === 'fixed'
    ? concatBytes(Uint8Array.of(TYPE_TAGS.fixed), u32(t.totalBits), u32(t.fracBits))
    : concatBytes(Uint8Array.of(TYPE_TAGS[t.kind]), u32(t.bits));
}

function decodeType(c: Cursor): ShareType {
  const tag = c.u8();
  switch (tag) {
    case TYPE_TAGS.int:
    case TYPE_TAGS.uint: {
      const bits = c.u32();
      if (bits === 0) throw invalid('bit_length must be a positive integer');
      return { kind: tag === TYPE_TAGS.int ? 'int' : 'uint', bits };
    }
    case TYPE_TAGS.fixed: {
      const totalBits = c.u32();
      const fracBits = c.u32();
      if (totalBits === 0 || fracBits >= totalBits) throw invalid('invalid fixed-point precision');
      return { kind: 'fixed', totalBits, fracBits };
    }
  }
  throw invalid(`unknown share type tag ${tag}`);
}

function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The persistence context of `engine` for the storage key `key`. */
export function sharePersistence(ctx: PersistenceContext, engine: PersistentShares, key: Uint8Array): ShareCodec {
  const keyDigest = sha256(key);

  const requireSame = (field: string, expected: string | number, actual: string | number): void => {
    if (expected !== actual) {
      throw new PersistenceError(`persistent share metadata mismatch for ${field}: expected ${expected}, got ${actual}`);
    }
  };

  return {
    encode(share) {
      const sim = engine.sim(share);
      const payload = concatBytes(
        encodeType(share.type),
        Uint8Array.of(sim instanceof FeldmanShares ? FORMAT_FELDMAN : FORMAT_ROBUST),
        u32(sim.degree),
        ...sim.ys.map((y) => ctx.field.toBytes(y)),
      );
      return concatBytes(
        Uint8Array.of(VERSION),
        text(ctx.backend), text(ctx.curve), text(ctx.fieldName),
        u32(ctx.nParties), u32(ctx.threshold),
        keyDigest, sha256(payload), payload,
      );
    },

    decode(bytes) {
      const c = new Cursor(bytes);
      const version = c.u8();
      if (version !== VERSION) throw invalid(`unsupported persistent share envelope version ${version}`);
      requireSame('backend', ctx.backend, c.text());
      requireSame('curve', ctx.curve, c.text());
      requireSame('field', ctx.fieldName, c.text());
      requireSame('n_parties', ctx.nParties, c.u32());
      requireSame('threshold', ctx.threshold, c.u32());
      if (!sameDigest(c.take(32), keyDigest)) throw new PersistenceError('persistent share digest mismatch for key_id');
      const payloadDigest = c.take(32);
      const payload = c.rest();
      if (!sameDigest(payloadDigest, sha256(payload))) {
        throw new PersistenceError('persistent share digest mismatch for share_payload');
      }
      const p = new Cursor(payload);
      const type = decodeType(p);
      const format = p.u8();
      if (format !== FORMAT_ROBUST && format !== FORMAT_FELDMAN) throw invalid(`unknown share data tag ${format}`);
      const degree = p.u32();
      if (degree !== ctx.threshold) throw invalid(`share degree ${degree} does not match threshold ${ctx.threshold}`);
      const ys = Array.from({ length: ctx.nParties }, () => {
        const y = leBytesToBigint(p.take(FIELD_BYTES));
        if (y >= ctx.field.p) throw invalid('share value is not a canonical field element');
        return y;
      });
      if (!p.done()) throw new PersistenceError('persistent value contains trailing bytes');
      const restored = engine.restore(ys, degree);
      if ((restored instanceof FeldmanShares) !== (format === FORMAT_FELDMAN)) {
        throw invalid('share data format does not match the backend');
      }
      return new Share(type, restored);
    },
  };
}
