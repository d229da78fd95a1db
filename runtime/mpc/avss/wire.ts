/**
 * What one party's AVSS share looks like as bytes (a client output payload, `__share_data` of an
 * `AvssShare` object): arkworks' compressed layout of the reference's `FeldmanShamirShare` — the share
 * value (32 bytes, little-endian), its 1-based id and its degree (u64 LE each), then the commitment
 * count (u64 LE) and each compressed commitment point.
 */
import { FIELD_BYTES, type PrimeField } from '../field.js';
import type { FeldmanShares } from './feldman.js';

export function encodeFeldmanShare(field: PrimeField, shares: FeldmanShares, party: number): Uint8Array {
  const commitments = shares.commitments();
  const size = FIELD_BYTES + 24 + commitments.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(field.toBytes(shares.ys[party]!), 0);
  view.setBigUint64(FIELD_BYTES, BigInt(party + 1), true);
  view.setBigUint64(FIELD_BYTES + 8, BigInt(shares.degree), true);
  view.setBigUint64(FIELD_BYTES + 16, BigInt(commitments.length), true);
  let at = FIELD_BYTES + 24;
  for (const c of commitments) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
