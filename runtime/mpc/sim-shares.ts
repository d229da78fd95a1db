/**
 * The single-process simulator's share payload: the shares of all n parties of one secret, plus the
 * party whose view the VM runs as. Only that party's share is "local"; the others stand in for the
 * messages a real run would exchange.
 */
import type { SharePayload } from '../values.js';
import { FIELD_BYTES, type PrimeField } from './field.js';

export class SimShares implements SharePayload {
  constructor(
    /** ys[i] = party i's share value. */
    readonly ys: readonly bigint[],
    /** Polynomial degree recorded in every share (t for all normal shares). */
    readonly degree: number,
    /** The party whose local share identifies this value under VM equality. */
    readonly view: number,
  ) {}

  /** Two shares are equal when their type and the viewing party's share bytes are (mpc-model §11). */
  key(): string {
    return `hb:${this.view}:${this.degree}:${this.ys[this.view]!.toString(16)}`;
  }
}

/** Length of a HoneyBadger robust share encoding. */
export const SHARE_BYTES = FIELD_BYTES + 16;

/** 48-byte robust share: y (32 bytes LE), party id (u64 LE), degree (u64 LE) (mpc-model §3.3). */
export function encodeShare(field: PrimeField, y: bigint, id: number, degree: number): Uint8Array {
  const out = new Uint8Array(SHARE_BYTES);
  out.set(field.toBytes(y), 0);
  const view = new DataView(out.buffer);
  view.setBigUint64(FIELD_BYTES, BigInt(id), true);
  view.setBigUint64(FIELD_BYTES + 8, BigInt(degree), true);
  return out;
}
