/**
 * Elliptic-curve groups for "open in the exponent" and the `Crypto.*` point helpers, with arkworks'
 * compressed point encodings (builtins-mpc §7): BLS12-381 in the zcash format (48/96 bytes, big-endian,
 * flag bits on top); short Weierstrass curves as x little-endian with the flags (bit 7 "y is the larger
 * root", bit 6 infinity) in the spare top bits of the last byte, or in one extra byte when the base field
 * fills all 256 bits (secp256k1, P-256: 33 bytes); twisted Edwards as y little-endian with bit 7 of the
 * last byte set when x is the larger root.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bn254 } from '@noble/curves/bn254.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { BuiltinError } from '../errors.js';
import type { CurveConfig } from './curves.js';
import { leBytesToBigint, PrimeField } from './field.js';

/** The subset of a noble point this module uses. */
interface NoblePoint<P> {
  multiply(k: bigint): P;
  toAffine(): { x: bigint; y: bigint };
  is0(): boolean;
}

interface NoblePointClass<P extends NoblePoint<P>> {
  BASE: P;
  ZERO: P;
  fromAffine(a: { x: bigint; y: bigint }): P;
}

/** Encodes, decodes and multiplies points of one group. */
export interface Group {
  readonly name: string;
  /** k * generator as compressed bytes. */
  mulBase(k: bigint): Uint8Array;
  /** k * (decoded point) as compressed bytes; throws BuiltinError for an invalid encoding. */
  mulEncoded(point: Uint8Array, k: bigint): Uint8Array;
}

const INVALID = 'the input buffer contained invalid data';

function mulOrZero<P extends NoblePoint<P>>(cls: NoblePointClass<P>, point: P, k: bigint): P {
  return k === 0n ? cls.ZERO : point.multiply(k);
}

/** Affine coordinates of a short-Weierstrass point in arkworks' compressed form (null = infinity). */
export class WeierstrassCodec<P extends NoblePoint<P>> {
  readonly fp: PrimeField;
  private readonly extraFlagByte: boolean;

  constructor(
    readonly cls: NoblePointClass<P>,
    p: bigint,
    private readonly a: bigint,
    private readonly b: bigint,
  ) {
    this.fp = new PrimeField(p);
    this.extraFlagByte = p.toString(2).length > 254;
  }

  get length(): number {
    return this.extraFlagByte ? 33 : 32;
  }

  encode(point: P): Uint8Array {
    const out = new Uint8Array(this.length);
    if (point.is0()) {
      out[this.length - 1] = 0x40;
      return out;
    }
    const { x, y } = point.toAffine();
    out.set(this.fp.toBytes(x), 0);
    if (y > this.fp.half) out[this.length - 1]! |= 0x80;
    return out;
  }

  /** Decodes (validating the curve equation); throws `BuiltinError(<reason>)` for bad input. */
  decode(bytes: Uint8Array): P | null {
    if (bytes.length < this.length) throw new BuiltinError(INVALID);
    const flags = bytes[this.length - 1]! & 0xc0;
    const xBytes = bytes.slice(0, 32);
    if (!this.extraFlagByte) xBytes[31]! &= 0x3f;
    else if ((bytes[32]! & 0x3f) !== 0) throw new BuiltinError(INVALID);
    const x = leBytesToBigint(xBytes);
    if (flags === 0x40) {
      if (x !== 0n) throw new BuiltinError(INVALID);
      return null;
    }
    if (flags === 0xc0 || x >= this.fp.p) throw new BuiltinError(INVALID);
    const f = this.fp;
    const rhs = f.add(f.add(f.mul(f.mul(x, x), x), f.mul(this.a, x)), this.b);
    const root = f.sqrt(rhs);
    if (root === null) throw new BuiltinError(INVALID);
    // `root` is the smaller root; flag 0x80 selects the larger one
    return this.cls.fromAffine({ x, y: flags === 0x80 ? f.neg(root) : root });
  }
}

function weierstrassGroup<P extends NoblePoint<P>>(name: string, codec: WeierstrassCodec<P>): Group {
  return {
    name,
    mulBase: (k) => codec.encode(mulOrZero(codec.cls, codec.cls.BASE, k)),
    mulEncoded: (bytes, k) => {
      const point = codec.decode(bytes);
      return codec.encode(point === null ? codec.cls.ZERO : mulOrZero(codec.cls, point, k));
    },
  };
}

function edwardsGroup(name: string): Group {
  const cls = ed25519.Point;
  const { p, d, a } = cls.CURVE();
  const f = new PrimeField(p);
  const encode = (point: typeof cls.BASE): Uint8Array => {
    const { x, y } = point.toAffine();
    const out = f.toBytes(y);
    if (x > f.half) out[31]! |= 0x80;
    return out;
  };
  const decode = (bytes: Uint8Array): typeof cls.BASE => {
    if (bytes.length < 32) throw new BuiltinError(INVALID);
    const yBytes = bytes.slice(0, 32);
    const negative = (yBytes[31]! & 0x80) !== 0;
    yBytes[31]! &= 0x7f;
    const y = leBytesToBigint(yBytes);
    if (y >= p) throw new BuiltinError(INVALID);
    // a x^2 + y^2 = 1 + d x^2 y^2  =>  x^2 = (y^2 - 1) / (d y^2 - a)
    const y2 = f.mul(y, y);
    const den = f.sub(f.mul(d, y2), a);
    if (den === 0n) throw new BuiltinError(INVALID);
    const root = f.sqrt(f.mul(f.sub(y2, 1n), f.inv(den)));
    if (root === null) throw new BuiltinError(INVALID);
    const point = cls.fromAffine({ x: negative ? f.neg(root) : root, y });
    if (!point.isTorsionFree()) throw new BuiltinError(INVALID);
    return point;
  };
  return {
    name,
    mulBase: (k) => encode(mulOrZero(cls, cls.BASE, k)),
    mulEncoded: (bytes, k) => encode(mulOrZero(cls, decode(bytes), k)),
  };
}

function blsGroup(name: string, cls: typeof bls12_381.G1.Point | typeof bls12_381.G2.Point): Group {
  const decode = (bytes: Uint8Array) => {
    try {
      return cls.fromBytes(bytes.slice(0, cls.BASE.toBytes(true).length));
    } catch {
      throw new BuiltinError(INVALID);
    }
  };
  return {
    name,
    mulBase: (k) => (k === 0n ? cls.ZERO : cls.BASE.multiply(k)).toBytes(true),
    mulEncoded: (bytes, k) => {
      const point = decode(bytes);
      return (k === 0n ? cls.ZERO : point.multiply(k)).toBytes(true);
    },
  };
}

const bnCurve = bn254.G1.Point.CURVE();
const k1Curve = secp256k1.Point.CURVE();
const r1Curve = p256.Point.CURVE();

export const SECP256K1_CODEC = new WeierstrassCodec(secp256k1.Point, k1Curve.p, k1Curve.a, k1Curve.b);
export const P256_CODEC = new WeierstrassCodec(p256.Point, r1Curve.p, r1Curve.a, r1Curve.b);

const GROUPS: ReadonlyMap<string, Group> = new Map([
  ['bls12-381-g1', blsGroup('bls12-381-g1', bls12_381.G1.Point)],
  ['bls12-381-g2', blsGroup('bls12-381-g2', bls12_381.G2.Point)],
  ['bn254-g1', weierstrassGroup('bn254-g1', new WeierstrassCodec(bn254.G1.Point, bnCurve.p, bnCurve.a, bnCurve.b))],
  ['curve25519-edwards', edwardsGroup('curve25519-edwards')],
  ['ed25519-edwards', edwardsGroup('ed25519-edwards')],
  ['secp256k1', weierstrassGroup('secp256k1', SECP256K1_CODEC)],
  ['p-256', weierstrassGroup('p-256', P256_CODEC)],
]);

const GROUP_ALIASES: ReadonlyMap<string, string> = new Map([
  ['bls12-381-g1', 'bls12-381-g1'], ['bls12-381-g2', 'bls12-381-g2'], ['bn254-g1', 'bn254-g1'],
  ['curve25519-edwards', 'curve25519-edwards'], ['ed25519-edwards', 'ed25519-edwards'],
  ['secp256k1', 'secp256k1'], ['secp256k1-g', 'secp256k1'], ['secp256k1-g1', 'secp256k1'],
  ['p-256', 'p-256'], ['p256', 'p-256'], ['nist-p256', 'p-256'], ['secp256r1', 'p-256'],
  ['secp256r1-g', 'p-256'], ['secp256r1-g1', 'p-256'],
]);

/** The group whose scalar field is the curve's (what HoneyBadger opens in by default). */
const NATIVE_GROUP: Readonly<Record<CurveConfig['name'], string>> = {
  'bls12-381': 'bls12-381-g1',
  bn254: 'bn254-g1',
  curve25519: 'curve25519-edwards',
  ed25519: 'ed25519-edwards',
  secp256k1: 'secp256k1',
  'p-256': 'p-256',
};

export function groupByName(name: string): Group {
  return GROUPS.get(name)!;
}

/** The group whose scalar field is the curve's: where Feldman commitments and native `open_exp` live. */
export function nativeGroup(curve: CurveConfig): Group {
  return groupByName(NATIVE_GROUP[curve.name]);
}

/** `Share.open_exp`: secret * G for a named group the engine supports. */
export function openInExponent(curve: CurveConfig, groupName: string, secret: bigint, protocolName: string): Uint8Array {
  const trimmed = groupName.trim();
  const name = GROUP_ALIASES.get(trimmed.toLowerCase());
  if (name === undefined) throw new BuiltinError(`Unsupported curve: ${trimmed}`);
  const supported = name === NATIVE_GROUP[curve.name] || (name === 'bls12-381-g2' && curve.name === 'bls12-381');
  if (!supported) throw new BuiltinError(`MPC backend '${protocolName}' does not support Share.open_exp for ${name}`);
  return groupByName(name).mulBase(secret);
}

/** `Share.open_exp_custom`: secret * generator in the engine's native group. */
export function openInExponentCustom(curve: CurveConfig, generator: Uint8Array, secret: bigint): Uint8Array {
  try {
    return groupByName(NATIVE_GROUP[curve.name]).mulEncoded(generator, secret);
  } catch (err) {
    if (err instanceof BuiltinError) throw new BuiltinError(`deserialize generator: ${err.message}`);
    throw err;
  }
}
