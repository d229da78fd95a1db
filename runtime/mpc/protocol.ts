/**
 * The simulated HoneyBadger protocol: share-wise local operations, robust openings, Beaver
 * multiplication, probabilistic truncation (TruncPr) and preprocessing randomness, all on real Shamir
 * shares held for every party at once. A trusted dealer (one seeded generator, see dealer.ts) stands in
 * for the distributed offline phase (local-simulation §7.4).
 */
import { BuiltinError } from '../errors.js';
import type { SharePayload } from '../values.js';
import { Dealer } from './dealer.js';
import type { Drbg } from './drbg.js';
import type { PrimeField } from './field.js';
import type { CorruptionPolicy, ShamirScheme } from './shamir.js';
import { beaverShare, truncatedShare, type ShareProtocol } from './share-protocol.js';
import { SimShares } from './sim-shares.js';

export class SimProtocol implements ShareProtocol {
  readonly field: PrimeField;
  private readonly dealer: Dealer;

  constructor(
    readonly scheme: ShamirScheme,
    rng: Drbg,
    private readonly policy: CorruptionPolicy,
    /** The party whose view the VM runs as. */
    readonly view: number,
  ) {
    this.field = scheme.field;
    this.dealer = new Dealer(scheme, rng);
  }

  wrap(ys: readonly bigint[]): SimShares {
    return new SimShares(ys, this.scheme.t, this.view);
  }

  owns(payload: SharePayload): boolean {
    return payload instanceof SimShares && payload.ys.length === this.scheme.n;
  }

  ownShare(s: SimShares): bigint {
    return s.ys[this.view]!;
  }

  /** Public-constant sharing (constant polynomial), as `from_clear` does. */
  constant(x: bigint): SimShares {
    return this.wrap(this.scheme.constant(x));
  }

  /** A fresh random degree-t sharing of `x` from the dealer. */
  deal(x: bigint): SimShares {
    return this.wrap(this.dealer.deal(x));
  }

  /** A client input: the dealer shares it (the mask-based input protocol gives the same distribution). */
  input(x: bigint): SimShares {
    return this.deal(x);
  }

  open(s: SimShares): bigint {
    return this.scheme.reconstruct(s.ys, this.policy);
  }

  openMany(list: readonly SimShares[]): bigint[] {
    return list.map((s) => this.open(s));
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
    const { a, b, c } = this.dealer.triple();
    const d = this.open(this.sub(x, this.wrap(a)));
    const e = this.open(this.sub(y, this.wrap(b)));
    return this.wrap(c.map((ci, i) => beaverShare(this.field, a[i]!, b[i]!, ci, d, e)));
  }

  /** TruncPr by m bits: open c = 2^(bitSize-1) + z + r for a dealt mask r, then see `truncatedShare`. */
  truncPr(z: SimShares, m: number, bitSize: number): SimShares {
    const mask = this.dealer.truncationMask(m, bitSize);
    const c = this.open(this.addConst(this.add(z, this.wrap(mask.full)), 1n << BigInt(bitSize - 1)));
    return this.wrap(z.ys.map((zi, i) => truncatedShare(this.field, zi, mask.low[i]!, c, m)));
  }

  /** A jointly random uniform field element (RanSha output). */
  randomField(): SimShares {
    return this.wrap(this.dealer.randomField());
  }

  /** PRandInt (mpc-model §4.3): a non-negative random mask of roughly `bits` bits. */
  randomInt(bits: number): SimShares {
    return this.wrap(this.dealer.randomInt(bits));
  }

  /** Field inverse of a public scalar, with the official error texts. */
  scalarInverse(c: bigint): bigint {
    if (c === 0n) throw new BuiltinError('Division by zero');
    const k = this.field.reduce(c);
    if (k === 0n) throw new BuiltinError('Scalar has no inverse in field');
    return this.field.inv(k);
  }
}
