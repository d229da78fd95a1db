/**
 * The simulated AVSS protocol: the HoneyBadger simulator's share arithmetic, with every sharing a
 * Feldman-committed one (the reference's AVSS engine produces only `ShareData::Feldman` shares).
 * Differences from HoneyBadger that programs can observe (mpc-model §4):
 * - a public constant (`Share.from_clear*`, a clear value written into a secret register) is dealt on a
 *   fresh random polynomial, as AVSS runs a real sharing round for it instead of the constant polynomial;
 * - `Share.random_int` returns a uniform random field element (AVSS has no PRandInt).
 * Fixed-point multiplication without truncation and the missing fixed-point division are engine-level
 * rules (see `SimulatedEngine`).
 */
import type { Drbg } from '../drbg.js';
import type { Group } from '../groups.js';
import { SimProtocol } from '../protocol.js';
import type { CorruptionPolicy, ShamirScheme } from '../shamir.js';
import { FeldmanScheme, FeldmanShares } from './feldman.js';

export class AvssProtocol extends SimProtocol {
  readonly feldman: FeldmanScheme;

  constructor(scheme: ShamirScheme, dealer: Drbg, policy: CorruptionPolicy, view: number, group: Group) {
    super(scheme, dealer, policy, view);
    this.feldman = new FeldmanScheme(scheme.field, group, scheme.points);
  }

  override wrap(ys: readonly bigint[]): FeldmanShares {
    return new FeldmanShares(ys, this.scheme.t, this.view, this.feldman);
  }

  /** AVSS's `input_share` deals the value with a random polynomial (a sharing round with a dealer). */
  override constant(x: bigint): FeldmanShares {
    return this.deal(x) as FeldmanShares;
  }

  override randomInt(): FeldmanShares {
    return this.randomField() as FeldmanShares;
  }
}
