/**
 * Shamir secret sharing of degree t among n parties over a prime field, with error-detecting and
 * error-correcting reconstruction.
 *
 * Party i holds f(x_i) with x_i = i + 1. The reference places shares at ω^i of a radix-2 FFT domain;
 * any distinct non-zero points open to the same values (mpc-model §3.3), and i + 1 also works for the
 * Curve25519 field, whose 2-adicity is too small for an 8-point domain.
 */
import { BuiltinError } from '../errors.js';
import type { Drbg } from './drbg.js';
import type { PrimeField } from './field.js';

/** How an opening treats shares that do not lie on one degree-t polynomial. */
export type CorruptionPolicy =
  /** Any inconsistency is an error naming the parties (the simulator has no adversary, so it is a bug). */
  | 'error'
  /** Correct up to floor((n - t - 1) / 2) bad shares like the robust protocol; more is an error. */
  | 'correct';

export class ShamirScheme {
  readonly points: readonly bigint[];
  /** Largest number of bad shares that robust decoding can correct. */
  readonly maxErrors: number;
  /** Lagrange coefficients of points 0..t, evaluated at 0. */
  private readonly atZero: readonly bigint[];
  /** For each point j > t: Lagrange coefficients of points 0..t evaluated at x_j. */
  private readonly atOthers: readonly (readonly bigint[])[];

  constructor(
    readonly field: PrimeField,
    readonly n: number,
    readonly t: number,
  ) {
    this.points = Array.from({ length: n }, (_, i) => BigInt(i + 1));
    this.maxErrors = Math.floor((n - t - 1) / 2);
    const base = this.points.slice(0, t + 1);
    this.atZero = this.lagrange(base, 0n);
    this.atOthers = this.points.slice(t + 1).map((x) => this.lagrange(base, x));
  }

  /** Shares of `secret` on a fresh random polynomial of degree t. */
  share(secret: bigint, rng: Drbg): bigint[] {
    const f = this.field;
    const coeffs = [secret];
    for (let k = 1; k <= this.t; k++) coeffs.push(rng.below(f.p));
    return this.points.map((x) => {
      let acc = 0n;
      for (let k = coeffs.length - 1; k >= 0; k--) acc = f.add(f.mul(acc, x), coeffs[k]!);
      return acc;
    });
  }

  /** The constant polynomial: every party's share is the value itself (public-constant sharing). */
  constant(value: bigint): bigint[] {
    return this.points.map(() => value);
  }

  /** f(0) from all n shares, checking that they lie on one polynomial of degree <= t. */
  reconstruct(ys: readonly bigint[], policy: CorruptionPolicy): bigint {
    const f = this.field;
    const base = ys.slice(0, this.t + 1);
    const consistent = this.atOthers.every((coeffs, j) => dot(f, coeffs, base) === ys[this.t + 1 + j]);
    if (consistent) return dot(f, this.atZero, base);
    const decoded = this.decodeWithErrors(ys);
    if (decoded === null) {
      throw new BuiltinError(
        `Failed to recover secret: shares are inconsistent beyond what robust decoding can correct ` +
          `(at most ${this.maxErrors} corrupted of ${this.n}, degree ${this.t})`,
      );
    }
    if (policy === 'error') {
      throw new BuiltinError(
        `Failed to recover secret: corrupted share detected from ${plural(decoded.bad.length, 'party', 'parties')} ` +
          `${decoded.bad.join(', ')}`,
      );
    }
    return decoded.secret;
  }

  /** f(0) from (x, y) pairs with distinct x, using the first t + 1 and requiring the rest to agree. */
  interpolatePairs(pairs: readonly (readonly [bigint, bigint])[]): bigint | null {
    const f = this.field;
    const base = pairs.slice(0, this.t + 1);
    const xs = base.map(([x]) => x);
    const ys = base.map(([, y]) => y);
    for (const [x, y] of pairs.slice(this.t + 1)) {
      if (dot(f, this.lagrange(xs, x), ys) !== y) return null;
    }
    return dot(f, this.lagrange(xs, 0n), ys);
  }

  /**
   * Unique decoding: the degree-t polynomial that agrees with at least n - maxErrors shares (two such
   * polynomials would share t + 1 points, so it is unique), found by trying every (t+1)-subset.
   */
  private decodeWithErrors(ys: readonly bigint[]): { secret: bigint; bad: number[] } | null {
    const f = this.field;
    for (const subset of subsets(this.n, this.t + 1)) {
      const xs = subset.map((i) => this.points[i]!);
      const sub = subset.map((i) => ys[i]!);
      const bad: number[] = [];
      for (let j = 0; j < this.n && bad.length <= this.maxErrors; j++) {
        if (dot(f, this.lagrange(xs, this.points[j]!), sub) !== ys[j]) bad.push(j);
      }
      if (bad.length <= this.maxErrors) return { secret: dot(f, this.lagrange(xs, 0n), sub), bad };
    }
    return null;
  }

  /** Lagrange basis coefficients for the nodes `xs`, evaluated at `at`. */
  private lagrange(xs: readonly bigint[], at: bigint): bigint[] {
    const f = this.field;
    return xs.map((xi, i) => {
      let num = 1n;
      let den = 1n;
      xs.forEach((xj, j) => {
        if (j === i) return;
        num = f.mul(num, f.sub(f.reduce(at), xj));
        den = f.mul(den, f.sub(xi, xj));
      });
      return f.mul(num, f.inv(den));
    });
  }
}

function dot(f: PrimeField, coeffs: readonly bigint[], ys: readonly bigint[]): bigint {
  let acc = 0n;
  coeffs.forEach((c, i) => {
    acc = f.add(acc, f.mul(c, ys[i]!));
  });
  return acc;
}

function* subsets(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
