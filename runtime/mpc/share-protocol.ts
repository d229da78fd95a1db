/**
 * The protocol layer under the MPC engine and its builtins: what they do with the share payload of a
 * secret. Two implementations:
 * - `SimProtocol` (protocol.ts): the single-process simulator, every party's share in one payload;
 *   interactive steps are computed from all shares at once.
 * - `PartyProtocol` (party-protocol.ts): one party of an n-party run (architecture A), holding only its
 *   own share; interactive steps go through a rendezvous channel to a coordinator.
 *
 * Local operations act on shares alone. Interactive ones take a `label` naming the operation's share type
 * (`int-64`, `fixed-64-16`, …; see `shareTypeKey`): the parties of a run must issue the same operations
 * in the same order, and a coordinator compares labels to detect parties that diverged.
 */
import type { SharePayload } from '../values.js';
import type { PrimeField } from './field.js';
import type { ShamirScheme } from './shamir.js';

/** A sharing as a protocol holds it. */
export interface ProtocolShares extends SharePayload {
  /** Polynomial degree recorded in the share (t for all normal shares). */
  readonly degree: number;
}

export interface ShareProtocol {
  readonly field: PrimeField;
  readonly scheme: ShamirScheme;
  /** The party whose view the VM runs as. */
  readonly view: number;
  /** Whether `payload` is a sharing of this protocol (and of this topology). */
  owns(payload: SharePayload): boolean;
  /** The viewing party's own share value. */
  ownShare(s: ProtocolShares): bigint;

  // ---- local -----------------------------------------------------------------------------------
  /** Public-constant sharing (constant polynomial), as `from_clear` does. */
  constant(x: bigint): ProtocolShares;
  add(a: ProtocolShares, b: ProtocolShares): ProtocolShares;
  sub(a: ProtocolShares, b: ProtocolShares): ProtocolShares;
  neg(a: ProtocolShares): ProtocolShares;
  /** Adds a public field element to the secret. */
  addConst(a: ProtocolShares, c: bigint): ProtocolShares;
  /** c - secret. */
  constSub(c: bigint, a: ProtocolShares): ProtocolShares;
  mulConst(a: ProtocolShares, c: bigint): ProtocolShares;
  /** Field inverse of a public scalar, with the official error texts. */
  scalarInverse(c: bigint): bigint;

  // ---- interactive -----------------------------------------------------------------------------
  /** A client input x (already encoded as a field element), shared by the input protocol. */
  input(x: bigint): ProtocolShares;
  /** Robust opening. */
  open(s: ProtocolShares, label?: string): bigint;
  /** Opens several sharings in one round (`batch_open`). */
  openMany(list: readonly ProtocolShares[], label?: string): bigint[];
  /** Beaver multiplication. */
  mul(x: ProtocolShares, y: ProtocolShares, label?: string): ProtocolShares;
  /** TruncPr by m bits for a value of bit size `bitSize` (|z| < 2^(bitSize-1)). */
  truncPr(z: ProtocolShares, m: number, bitSize: number, label?: string): ProtocolShares;
  /** A jointly random uniform field element. */
  randomField(): ProtocolShares;
  /** PRandInt: a non-negative random mask of roughly `bits` bits. */
  randomInt(bits: number): ProtocolShares;
}

/**
 * One party's share of x·y after a Beaver round: from its triple shares (a_i, b_i, c_i) and the opened
 * d = x - a, e = y - b, [xy]_i = c_i + d b_i + e a_i + d e.
 */
export function beaverShare(f: PrimeField, a: bigint, b: bigint, c: bigint, d: bigint, e: bigint): bigint {
  return f.add(f.add(f.add(c, f.mul(d, b)), f.mul(e, a)), f.mul(d, e));
}

/**
 * One party's share after TruncPr: with the opened c = 2^(bitSize-1) + z + r and its share of the mask's
 * low part r', [z'] = ([z] - (c mod 2^m - [r'])) / 2^m. The result is floor(z / 2^m) + u with u = 1 with
 * probability (z mod 2^m) / 2^m.
 */
export function truncatedShare(f: PrimeField, z: bigint, low: bigint, c: bigint, m: number): bigint {
  const cLow = c & ((1n << BigInt(m)) - 1n);
  return f.mul(f.sub(f.add(z, low), f.reduce(cLow)), f.inv(f.reduce(1n << BigInt(m))));
}
