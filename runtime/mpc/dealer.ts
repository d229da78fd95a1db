/**
 * The trusted dealer that stands in for HoneyBadger's distributed preprocessing (local-simulation §7.4):
 * Beaver triples, truncation masks and random sharings, all drawn from one seeded generator. It hands out
 * every party's share (`ys[i]` = party i's), so the single-process simulator and the coordinator of a
 * parties run draw the same material in the same order from the same seed.
 */
import type { Drbg } from './drbg.js';
import type { ShamirScheme } from './shamir.js';

/** Statistical security parameter of the truncation mask. */
const KAPPA = 40;

export interface DealtTriple {
  readonly a: bigint[];
  readonly b: bigint[];
  /** Shares of a * b. */
  readonly c: bigint[];
}

export interface TruncationMask {
  /** Shares of r' (the low m bits of the mask). */
  readonly low: bigint[];
  /** Shares of r = 2^m r_int + r'. */
  readonly full: bigint[];
}

export class Dealer {
  constructor(
    readonly scheme: ShamirScheme,
    private readonly rng: Drbg,
  ) {}

  /** A fresh random degree-t sharing of `x`. */
  deal(x: bigint): bigint[] {
    return this.scheme.share(x, this.rng);
  }

  /** A Beaver triple ([a], [b], [ab]) with a, b uniform. */
  triple(): DealtTriple {
    const f = this.scheme.field;
    const a = this.rng.below(f.p);
    const b = this.rng.below(f.p);
    return { a: this.deal(a), b: this.deal(b), c: this.deal(f.mul(a, b)) };
  }

  /**
   * The mask of TruncPr by m bits for values of bit size `bitSize`: r' of m random bits and r_int of
   * bitSize + κ − m bits (capped below the field size).
   */
  truncationMask(m: number, bitSize: number): TruncationMask {
    const maskBits = Math.max(Math.min(bitSize + KAPPA, this.scheme.field.p.toString(2).length - 2) - m, 0);
    const rLow = this.rng.bits(m);
    const rHigh = this.rng.bits(maskBits);
    return { low: this.deal(rLow), full: this.deal((rHigh << BigInt(m)) + rLow) };
  }

  /** A jointly random uniform field element (RanSha output). */
  randomField(): bigint[] {
    return this.deal(this.rng.below(this.scheme.field.p));
  }

  /**
   * PRandInt: the sum of n * C(n, t) independent contributions, each uniform in [0, 2^min(bits, 56))
   * (mpc-model §4.3): a non-negative random mask of roughly `bits` bits.
   */
  randomInt(bits: number): bigint[] {
    const { n, t } = this.scheme;
    const terms = n * binomial(n, t);
    const width = Math.min(bits, 56);
    let sum = 0n;
    for (let i = 0; i < terms; i++) sum += this.rng.bits(width);
    return this.deal(this.scheme.field.reduce(sum));
  }
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
