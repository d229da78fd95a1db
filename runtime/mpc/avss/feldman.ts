/**
 * Feldman commitments for the simulated AVSS backend (mpc-model §3.3 `ShareData::Feldman`).
 *
 * An AVSS sharing of degree t is a polynomial f(X) = a_0 + a_1 X + … + a_t X^t with party i holding
 * f(i + 1); its commitments are C_j = a_j · G in the curve's native group (C_0 = secret · G, the public
 * key). Every local operation of the reference (share + share, share · c, share + c) maps the
 * commitments homomorphically, and interactive ones (multiplication, random and input sharings) produce
 * fresh commitments of the result polynomial — so the commitments of any share are exactly those of the
 * polynomial its n shares lie on. The simulator holds all n shares, so it derives them from that
 * polynomial on demand instead of carrying points through every operation (point multiplications are
 * costly and most shares never have their commitments read).
 */
import type { SharePayload } from '../../values.js';
import type { PrimeField } from '../field.js';
import type { Group } from '../groups.js';
import { SimShares } from '../sim-shares.js';

export class FeldmanScheme {
  constructor(
    readonly field: PrimeField,
    readonly group: Group,
    /** Evaluation point of each party: x_i = i + 1 (the reference's 1-based AVSS share ids). */
    readonly points: readonly bigint[],
  ) {}

  /** Coefficients a_0..a_degree of the polynomial through the first degree + 1 shares. */
  coefficients(ys: readonly bigint[], degree: number): bigint[] {
    const f = this.field;
    const xs = this.points.slice(0, degree + 1);
    const out = new Array<bigint>(degree + 1).fill(0n);
    xs.forEach((xi, i) => {
      // basis polynomial prod_{j != i} (X - x_j) / (x_i - x_j), built up in coefficient form
      let basis = [1n];
      let denom = 1n;
      xs.forEach((xj, j) => {
        if (j === i) return;
        const next = new Array<bigint>(basis.length + 1).fill(0n);
        basis.forEach((c, k) => {
          next[k + 1] = f.add(next[k + 1]!, c);
          next[k] = f.sub(next[k]!, f.mul(c, xj));
        });
        basis = next;
        denom = f.mul(denom, f.sub(xi, xj));
      });
      const scale = f.mul(ys[i]!, f.inv(denom));
      basis.forEach((c, k) => {
        out[k] = f.add(out[k]!, f.mul(c, scale));
      });
    });
    return out;
  }

  /** The compressed commitments C_0..C_degree. */
  commit(ys: readonly bigint[], degree: number): Uint8Array[] {
    return this.coefficients(ys, degree).map((a) => this.group.mulBase(a));
  }
}

/** The shares of one AVSS secret: all n parties' values plus (derived) Feldman commitments. */
export class FeldmanShares extends SimShares implements SharePayload {
  private cached: readonly Uint8Array[] | null = null;

  constructor(ys: readonly bigint[], degree: number, view: number, readonly scheme: FeldmanScheme) {
    super(ys, degree, view);
  }

  /** C_0..C_t as compressed points (C_0 = secret · G). */
  commitments(): readonly Uint8Array[] {
    this.cached ??= this.scheme.commit(this.ys, this.degree);
    return this.cached;
  }

  /**
   * A party's Feldman share data is its value plus the commitments, and the commitments are fixed by
   * the whole polynomial — so two AVSS shares are equal exactly when all n values agree.
   */
  override key(): string {
    return `avss:${this.view}:${this.degree}:${this.ys.map((y) => y.toString(16)).join(',')}`;
  }
}

/** The commitments of an AVSS share, or null for a share without them (HoneyBadger). */
export function shareCommitments(payload: SharePayload): readonly Uint8Array[] | null {
  return payload instanceof FeldmanShares ? payload.commitments() : null;
}
