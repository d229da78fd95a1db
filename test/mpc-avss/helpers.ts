/**
 * Independent reference computations for the AVSS tests: arkworks point encodings written from @noble
 * points (not through runtime/mpc/groups.ts), polynomial interpolation over a prime field, and decoding
 * of the Feldman share payload a client receives.
 */
import { readFileSync } from 'node:fs';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { BuiltinHost } from '../../runtime/builtins/types.js';
import { VmArray, VmInt, type Value } from '../../runtime/values.js';
import { loadProgram, type StoffelProgram } from '../../src/index.js';
import { fixture } from '../mpc-run/helpers.js';

export const load = (name: string): StoffelProgram => loadProgram(readFileSync(fixture(name)));

export function bytesOf(v: Value): Uint8Array {
  if (!(v instanceof VmArray)) throw new Error('expected a byte array');
  return Uint8Array.from(v.items, (b) => Number((b as VmInt).v));
}

export const le = (bytes: Uint8Array): bigint => bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
export const be = (bytes: Uint8Array): bigint => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);

function leBytes(x: bigint, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => Number((x >> BigInt(8 * i)) & 0xffn));
}

export const mod = (x: bigint, p: bigint): bigint => ((x % p) + p) % p;

export function inv(a: bigint, p: bigint): bigint {
  let [r, newR, t, newT] = [p, mod(a, p), 0n, 1n];
  while (newR !== 0n) {
    const q = r / newR;
    [r, newR] = [newR, r - q * newR];
    [t, newT] = [newT, t - q * newT];
  }
  return mod(t, p);
}

/** Coefficients of the degree < k polynomial through k points (naive Lagrange, coefficient form). */
export function polynomialThrough(points: readonly (readonly [bigint, bigint])[], p: bigint): bigint[] {
  const out = points.map(() => 0n);
  points.forEach(([xi, yi], i) => {
    let basis = [1n];
    let den = 1n;
    points.forEach(([xj], j) => {
      if (i === j) return;
      basis = [...basis.map((c) => mod(-c * xj, p)), 0n].map((c, k) => mod(c + (k > 0 ? basis[k - 1]! : 0n), p));
      den = mod(den * (xi - xj), p);
    });
    basis.forEach((c, k) => (out[k] = mod(out[k]! + c * yi * inv(den, p), p)));
  });
  return out;
}

export const evaluate = (coeffs: readonly bigint[], x: bigint, p: bigint): bigint =>
  coeffs.reduceRight((acc, c) => mod(acc * x + c, p), 0n);

interface Affine {
  toAffine(): { x: bigint; y: bigint };
  is0(): boolean;
}

/** arkworks' short-Weierstrass compression for a 256-bit base field: x LE + a flag byte. */
export function weierstrassBytes(point: Affine, fp: bigint): Uint8Array {
  const out = new Uint8Array(33);
  if (point.is0()) {
    out[32] = 0x40;
    return out;
  }
  const { x, y } = point.toAffine();
  out.set(leBytes(x, 32));
  if (y > (fp - 1n) / 2n) out[32] = 0x80;
  return out;
}

/** arkworks' twisted-Edwards compression: y LE, top bit set when x > (p - 1) / 2. */
export function edwardsBytes(point: Affine): Uint8Array {
  const fp = ed25519.Point.CURVE().p;
  const { x, y } = point.toAffine();
  const out = leBytes(y, 32);
  if (x > (fp - 1n) / 2n) out[31]! |= 0x80;
  return out;
}

/** An arkworks Edwards encoding as a noble point. */
export function edwardsPoint(bytes: Uint8Array): InstanceType<typeof ed25519.Point> {
  const fp = ed25519.Point.CURVE().p;
  const rfc = bytes.slice();
  const negative = (rfc[31]! & 0x80) !== 0;
  rfc[31]! &= 0x7f; // RFC 8032 sign bit 0: the even root of x
  const even = ed25519.Point.fromBytes(rfc);
  return (even.toAffine().x > (fp - 1n) / 2n) === negative ? even : even.negate();
}

/** Per curve: the scalar field order and k · G in arkworks' compressed encoding. */
export const CURVES = {
  'bls12-381': { order: bls12_381.fields.Fr.ORDER, commit: (k: bigint) => (k === 0n ? bls12_381.G1.Point.ZERO : bls12_381.G1.Point.BASE.multiply(k)).toBytes(true) },
  secp256k1: { order: secp256k1.Point.CURVE().n, commit: (k: bigint) => weierstrassBytes(k === 0n ? secp256k1.Point.ZERO : secp256k1.Point.BASE.multiply(k), secp256k1.Point.CURVE().p) },
  'p-256': { order: p256.Point.CURVE().n, commit: (k: bigint) => weierstrassBytes(k === 0n ? p256.Point.ZERO : p256.Point.BASE.multiply(k), p256.Point.CURVE().p) },
  ed25519: { order: ed25519.Point.CURVE().n, commit: (k: bigint) => edwardsBytes(k === 0n ? ed25519.Point.ZERO : ed25519.Point.BASE.multiply(k)) },
} as const;

export type TestCurve = keyof typeof CURVES;

/** A Feldman share payload as a client receives it: y (32 LE), id (u64), degree (u64), count, points. */
export function decodeFeldmanShare(bytes: Uint8Array, pointSize: number) {
  const u64 = (at: number) => le(bytes.slice(at, at + 8));
  const count = Number(u64(48));
  const commitments = Array.from({ length: count }, (_, j) => bytes.slice(56 + j * pointSize, 56 + (j + 1) * pointSize));
  return { y: le(bytes.slice(0, 32)), id: u64(32), degree: u64(40), commitments, length: 56 + count * pointSize };
}

/** A minimal builtin host: a heap and the engine (enough for the MPC builtins). */
export function builtinHost(mpc: BuiltinHost['mpc']): BuiltinHost {
  let id = 1;
  return { heap: { nextId: () => id++ }, mpc, storage: null, emit: null } as unknown as BuiltinHost;
}
