/**
 * `Crypto.*` curve helpers (builtins-mpc §7). They take an explicit curve name and need no engine.
 * (`Crypto.sha256` / `Crypto.sha512` are core builtins.)
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import type { Value } from '../../values.js';
import { parseCurve, type CurveConfig } from '../curves.js';
import { beBytesToBigint, bigintToBeBytes, leBytesToBigint, PrimeField } from '../field.js';
import { P256_CODEC, SECP256K1_CODEC } from '../groups.js';
import { newByteArray, readByteArray, requireExact, requireMin } from '../vm-values.js';

function curveArg(v: Value): CurveConfig {
  if (typeof v !== 'string') throw new BuiltinError('curve_name must be a string');
  try {
    return parseCurve(v);
  } catch (err) {
    throw new BuiltinError(`Invalid curve name: ${(err as Error).message}`);
  }
}

/** The ECDSA curves' point codecs, or the official "supports secp256k1 and p-256" error. */
function ecdsaCodec(builtin: string, curve: CurveConfig) {
  if (curve.name === 'secp256k1') return SECP256K1_CODEC;
  if (curve.name === 'p-256') return P256_CODEC;
  throw new BuiltinError(`${builtin} supports secp256k1 and p-256, got ${curve.name}`);
}

function decodeAffine(builtin: string, curve: CurveConfig, bytes: Uint8Array): { x: bigint; y: bigint } {
  const codec = ecdsaCodec(builtin, curve);
  let point;
  try {
    point = codec.decode(bytes);
  } catch (err) {
    if (err instanceof BuiltinError) throw new BuiltinError(`deserialize point: ${err.message}`);
    throw err;
  }
  if (point === null) throw new BuiltinError('point is the point at infinity');
  return point.toAffine();
}

const BLS_FP = new PrimeField(bls12_381.fields.Fp.ORDER);
/** Effective G1 cofactor used by arkworks' `clear_cofactor` (1 - x for the BLS parameter x). */
const G1_EFFECTIVE_COFACTOR = 0xd201000000010001n;

/** Try-and-increment hash to BLS12-381 G1 (builtins-mpc §7). */
function hashToG1(msg: Uint8Array): Uint8Array {
  const f = BLS_FP;
  for (let counter = 0; counter < 256; counter++) {
    const ctr = new Uint8Array(4);
    new DataView(ctr.buffer).setUint32(0, counter, true);
    const input = new Uint8Array(msg.length + 4);
    input.set(msg);
    input.set(ctr, msg.length);
    const x = f.reduce(beBytesToBigint(sha256(input)));
    const y = f.sqrt(f.add(f.mul(f.mul(x, x), x), 4n)); // y^2 = x^3 + 4; the smaller root
    if (y === null) continue;
    const point = bls12_381.G1.Point.fromAffine({ x, y });
    if (point.is0()) continue;
    const cleared = point.multiplyUnsafe(G1_EFFECTIVE_COFACTOR);
    if (!cleared.is0()) return cleared.toBytes(true);
  }
  throw new BuiltinError('hash_to_g1: failed to find valid point after 256 attempts');
}

export function cryptoBuiltins(): [string, Builtin][] {
  return [
    ['Crypto.hash_to_field', (host, args) => {
      requireMin('Crypto.hash_to_field', args, 2, '2 arguments: hash_bytes, curve_name');
      const bytes = readByteArray(args[0]);
      const curve = curveArg(args[1]);
      const little = curve.name === 'curve25519' || curve.name === 'ed25519';
      const x = curve.field.reduce(little ? leBytesToBigint(bytes) : beBytesToBigint(bytes));
      return newByteArray(host.heap, curve.field.toBytes(x));
    }],
    ['Crypto.field_inv', (host, args) => {
      requireExact('Crypto.field_inv', args, 2, '2 arguments: field_bytes, curve_name');
      const bytes = readByteArray(args[0]);
      const curve = curveArg(args[1]);
      const x = curve.field.fromBytes(bytes);
      if (x === 0n) throw new BuiltinError('field inverse is undefined for zero');
      return newByteArray(host.heap, curve.field.toBytes(curve.field.inv(x)));
    }],
    ['Crypto.point_x_to_field', (host, args) => {
      requireExact('Crypto.point_x_to_field', args, 2, '2 arguments: point_bytes, curve_name');
      const bytes = readByteArray(args[0]);
      const curve = curveArg(args[1]);
      const { x } = decodeAffine('Crypto.point_x_to_field', curve, bytes);
      return newByteArray(host.heap, curve.field.toBytes(curve.field.reduce(x)));
    }],
    ['Crypto.field_to_scalar_bytes', (host, args) => {
      requireExact('Crypto.field_to_scalar_bytes', args, 2, '2 arguments: field_bytes, curve_name');
      const bytes = readByteArray(args[0]);
      const curve = curveArg(args[1]);
      ecdsaCodec('Crypto.field_to_scalar_bytes', curve);
      return newByteArray(host.heap, bigintToBeBytes(curve.field.fromBytes(bytes), 32));
    }],
    ['Crypto.point_to_sec1', (host, args) => {
      requireExact('Crypto.point_to_sec1', args, 2, '2 arguments: point_bytes, curve_name');
      const bytes = readByteArray(args[0]);
      const curve = curveArg(args[1]);
      const { x, y } = decodeAffine('Crypto.point_to_sec1', curve, bytes);
      const out = new Uint8Array(33);
      out[0] = (y & 1n) === 1n ? 0x03 : 0x02;
      out.set(bigintToBeBytes(x, 32), 1);
      return newByteArray(host.heap, out);
    }],
    ['Crypto.hash_to_g1', (host, args) => {
      requireExact('Crypto.hash_to_g1', args, 1, '1 argument: data (byte array)');
      return newByteArray(host.heap, hashToG1(readByteArray(args[0])));
    }],
  ];
}
