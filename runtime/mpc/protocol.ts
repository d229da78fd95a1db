/**
 * The simulated HoneyBadger protocol: share-wise local operations, robust openings, Beaver
 * multiplication, probabilistic truncation (TruncPr), fixed-point division by a public constant and
 * preprocessing randomness, all on real Shamir shares held for every party at once. A trusted dealer
 * (one seeded generator) stands in for the distributed offline phase (local-simulation §7.4).
 */
import { BuiltinError } from '../errors.js';
import type { Drbg } from './drbg.js';
import type { PrimeField } from './field.js';
import type { CorruptionPolicy, ShamirScheme } from './shamir.js';
import { SimShares } from './sim-shares.js';

/** Statistical security parameter of the truncation mask. */
const KAPPA = 40;

export class SimProtocol {
  readonly field: PrimeField;

  constructor(
    readonly scheme: ShamirScheme,
    private readonly dealer: Drbg,
    private readonly policy: CorruptionPolicy,
    /** The party whose view the VM runs as. */
    readonly view: number,
  ) {
    this.field = scheme.field;
  }

  wrap(ys: readonly bigint[]): SimShares {
    return new SimShares(ys, this.scheme.t, this.view);
  }

  /** Public-constant sharing (constant polynomial), as `from_clear` does. */
  constant(x: bigint): SimShares {
    return this.wrap(this.scheme.constant(x));
  }

  /** A fresh random degree-t sharing of `x` from the dealer. */
  deal(x: bigint): SimShares {
    return this.wrap(this.scheme.share(x, this.dealer));
  }

  open(s: SimShares): bigint {
    return this.scheme.reconstruct(s.ys, this.policy);
  }

  add(a: SimShares, b: SimShares): SimShares {
    const f = this.field;
    return this.wrap(a.ys.map((y, i) => f.add(y, b.ys[i]!)));
  }
  sub(a: SimShares, b: SimShares): SimShares {
    const f = this.field;
    return this.wrap(a.ys.map((y, i) => f.sub(y, b.ys[i]!)));
  }
  neg(a: SimShares): SimShares {
    const f = this.field;
    return this.wrap(a.ys.map((y) => f.neg(y)));
  }
  /** Adds a public field element to the secret (every share moves by c). */
  addConst(a: SimShares, c: bigint): SimShares {
    const f = this.field;
    const k = f.reduce(c);
    return this.wrap(a.ys.map((y) => f.add(y, k)));
  }
  /** c - secret. */
  constSub(c: bigint, a: SimShares): SimShares {
    return this.addConst(this.neg(a), c);
  }
  mulConst(a: SimShares, c: bigint): SimShares {
    const f = this.field;
    const k = f.reduce(c);
    return this.wrap(a.ys.map((y) => f.mul(y, k)));
  }

  /**
   * Beaver multiplication: with a dealt triple ([a], [b], [ab]), open d = x - a and e = y - b, then
   * [xy] = [ab] + d[b] + e[a] + de.
   */
  mul(x: SimShares, y: SimShares): SimShares {
    const f = this.field;
    const a = this.dealer.below(f.p);
    const b = this.dealer.below(f.p);
    const sa = this.deal(a);
    const sb = this.deal(b);
    const sc = this.deal(f.mul(a, b));
    const d = this.open(this.sub(x, sa));
    const e = this.open(this.sub(y, sb));
    const z = this.add(this.add(sc, this.mulConst(sb, d)), this.mulConst(sa, e));
    return this.addConst(z, f.mul(d, e));
  }

  /**
   * TruncPr by m bits for a value of bit size `bitSize` (|z| < 2^(bitSize-1)): open c = 2^(bitSize-1) + z + r
   * with r = 2^m r_int + r', then [z'] = ([z] - (c mod 2^m - [r'])) / 2^m. The result is
   * floor(z / 2^m) + u with u = 1 with probability (z mod 2^m) / 2^m.
   */
  truncPr(z: SimShares, m: number, bitSize: number): SimShares {
    const f = this.field;
    const maskBits = Math.max(Math.min(bitSize + KAPPA, f.p.toString(2).length - 2) - m, 0);
    const rLow = this.dealer.bits(m);
    const rHigh = this.dealer.bits(maskBits);
    const sLow = this.deal(rLow);
    const sR = this.deal((rHigh << BigInt(m)) + rLow);
    const c = this.open(this.addConst(this.add(z, sR), 1n << BigInt(bitSize - 1)));
    const cLow = c & ((1n << BigInt(m)) - 1n);
    const adjusted = this.addConst(this.add(z, sLow), -cLow);
    return this.mulConst(adjusted, f.inv(f.reduce(1n << BigInt(m))));
  }

  /** A jointly random uniform field element (RanSha output). */
  randomField(): SimShares {
    return this.deal(this.dealer.below(this.field.p));
  }

  /**
   * PRandInt: the sum of n * C(n, t) independent contributions, each uniform in [0, 2^min(bits, 56))
   * (mpc-model §4.3): a non-negative random mask of roughly `bits` bits.
   */
  randomInt(bits: number): SimShares {
    const { n, t } = this.scheme;
    const terms = n * binomial(n, t);
    const width = Math.min(bits, 56);
    let sum = 0n;
    for (let i = 0; i < terms; i++) sum += this.dealer.bits(width);
    return this.deal(this.field.reduce(sum));
  }

  /** Field inverse of a public scalar, with the official error texts. */
  scalarInverse(c: bigint): bigint {
    if (c === 0n) throw new BuiltinError('Division by zero');
    const k = this.field.reduce(c);
    if (k === 0n) throw new BuiltinError('Scalar has no inverse in field');
    return this.field.inv(k);
  }
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
