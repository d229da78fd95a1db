/**
 * A small deterministic random generator: SHA-256 in counter mode over (seed, stream label, counter).
 * Each stream label gives an independent sequence, so e.g. a party's local `Mpc.rand` calls do not
 * shift the dealer's preprocessing randomness. Not for secrets that must resist a real adversary.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export type Seed = number | bigint | string | Uint8Array;

export function seedBytes(seed: Seed): Uint8Array {
  if (seed instanceof Uint8Array) return seed;
  return utf8ToBytes(typeof seed === 'string' ? `s:${seed}` : `n:${BigInt(seed)}`);
}

/** 32 fresh bytes from the platform's CSPRNG (Web Crypto; available in browsers and Node 20). */
export function randomSeed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

export class Drbg {
  private readonly prefix: Uint8Array;
  private counter = 0n;
  private buffer = new Uint8Array(0);
  private offset = 0;

  constructor(seed: Uint8Array, label: string) {
    const labelBytes = utf8ToBytes(label);
    this.prefix = concatBytes(u32le(seed.length), seed, u32le(labelBytes.length), labelBytes);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.offset === this.buffer.length) this.refill();
      out[i] = this.buffer[this.offset++]!;
    }
    return out;
  }

  /** Uniform integer in [0, 2^k). */
  bits(k: number): bigint {
    const nBytes = Math.ceil(k / 8);
    let v = 0n;
    for (const b of this.bytes(nBytes)) v = (v << 8n) | BigInt(b);
    return v & ((1n << BigInt(k)) - 1n);
  }

  /** Uniform integer in [0, bound) by rejection sampling. */
  below(bound: bigint): bigint {
    const k = bound.toString(2).length;
    for (;;) {
      const v = this.bits(k);
      if (v < bound) return v;
    }
  }

  private refill(): void {
    const ctr = new Uint8Array(8);
    new DataView(ctr.buffer).setBigUint64(0, this.counter++, true);
    this.buffer = sha256(concatBytes(this.prefix, ctr));
    this.offset = 0;
  }
}

function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}
