import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bn254 } from '@noble/curves/bn254.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { ENGINE_FREE_MPC_BUILTINS } from '../../runtime/mpc/index.js';
import { VmArray, VmObject, type Value } from '../../runtime/values.js';
import { byteArray, bytesOf, fromLe, harness, le32, makeHost } from './helpers.js';

function expectFail(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VmError);
    expect((err as Error).message).toBe(message);
    return;
  }
  throw new Error(`expected failure: ${message}`);
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const beToBig = (b: Uint8Array) => BigInt(`0x${hex(b) || '0'}`);

/** arkworks' 33-byte compressed form of a secp256k1 / P-256 point, built from noble's affine coordinates. */
function arkworksSw(pt: { toAffine(): { x: bigint; y: bigint } }, p: bigint): Uint8Array {
  const { x, y } = pt.toAffine();
  return Uint8Array.from([...le32(x), y > (p - 1n) / 2n ? 0x80 : 0]);
}

describe('Share.open_exp / open_exp_custom', () => {
  it('BLS12-381: secret * G in G1 and G2 (zcash encoding)', () => {
    const h = harness({ clientInputs: new Map([[0, [123456789]]]) });
    const s = h.call('ClientStore.take_share', 0, 0);
    expect(hex(bytesOf(h.call('Share.open_exp', s, 'bls12-381-g1')))).toBe(
      hex(bls12_381.G1.Point.BASE.multiply(123456789n).toBytes(true)),
    );
    expect(hex(bytesOf(h.call('Share.open_exp', s, ' BLS12-381-G2 ')))).toBe(
      hex(bls12_381.G2.Point.BASE.multiply(123456789n).toBytes(true)),
    );
    const gen = bls12_381.G1.Point.BASE.multiply(7n);
    expect(hex(bytesOf(h.call('Share.open_exp_custom', s, byteArray(h, gen.toBytes(true)))))).toBe(
      hex(gen.multiply(123456789n).toBytes(true)),
    );
    expect(hex(bytesOf(h.call('Share.open_exp', h.call('Share.from_clear', 0), 'bls12-381-g1')))).toBe(
      hex(bls12_381.G1.Point.ZERO.toBytes(true)),
    );
  });
  it('rejects unknown and unsupported groups', () => {
    const h = harness();
    const s = h.call('Share.from_clear', 5);
    expectFail(() => h.call('Share.open_exp', s, 'foo-g9'), 'Foreign function Share.open_exp failed: Unsupported curve: foo-g9');
    expectFail(() => h.call('Share.open_exp', s, 'secp256k1'), "Foreign function Share.open_exp failed: MPC backend 'honeybadger-mpc' does not support Share.open_exp for secp256k1");
    expectFail(() => h.call('Share.open_exp', s, 5), 'Foreign function Share.open_exp failed: curve_name must be a string');
    expectFail(() => h.call('Share.open_exp_custom', s, byteArray(h, new Uint8Array(48).fill(0xff))), 'Foreign function Share.open_exp_custom failed: deserialize generator: the input buffer contained invalid data');
  });
  it('BN254: arkworks little-endian x with flag bits (generator (1, 2))', () => {
    const h = harness({ curve: 'bn254' });
    expect(Array.from(bytesOf(h.call('Share.open_exp', h.call('Share.from_clear', 1), 'bn254-g1')))).toEqual([1, ...new Array(31).fill(0)]);
    const k = 987654321n;
    const { x, y } = bn254.G1.Point.BASE.multiply(k).toAffine();
    const expected = le32(x);
    if (y > (bn254.G1.Point.CURVE().p - 1n) / 2n) expected[31]! |= 0x80;
    const out = bytesOf(h.call('Share.open_exp', h.call('Share.from_clear', Number(k)), 'bn254-g1'));
    expect(hex(out)).toBe(hex(expected));
    expect(hex(bytesOf(h.call('Share.open_exp_custom', h.call('Share.from_clear', 1), byteArray(h, out))))).toBe(hex(out));
  });
  it('Ed25519: y little-endian with the sign of x (base point = RFC 8032 encoding)', () => {
    const h = harness({ curve: 'ed25519', parties: 4, threshold: 1 });
    expect(hex(bytesOf(h.call('Share.open_exp', h.call('Share.from_clear', 1), 'ed25519-edwards')))).toBe(
      '5866666666666666666666666666666666666666666666666666666666666666',
    );
    const p5 = bytesOf(h.call('Share.open_exp', h.call('Share.from_clear', 5), 'ed25519-edwards'));
    const custom = bytesOf(h.call('Share.open_exp_custom', h.call('Share.from_clear', 5),
      h.call('Share.open_exp', h.call('Share.from_clear', 1), 'ed25519-edwards')));
    expect(hex(custom)).toBe(hex(p5));
  });
});

describe('Crypto.* (engine-free)', () => {
  const host = makeHost(null);
  const h = harness();
  const call = (name: string, ...args: Value[]): Value => {
    try {
      return ENGINE_FREE_MPC_BUILTINS.get(name)!(host, args);
    } catch (err) {
      throw new VmError(`Foreign function ${name} failed: ${(err as Error).message}`);
    }
  };
  const bytes = (b: Uint8Array) => byteArray(h, b);
  const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;

  it('hash_to_field reduces big-endian (little-endian for the 25519 curves)', () => {
    const digest = sha256(new TextEncoder().encode('abc'));
    expect(fromLe(bytesOf(call('Crypto.hash_to_field', bytes(digest), 'bls12-381')))).toBe(beToBig(digest) % R);
    expect(fromLe(bytesOf(call('Crypto.hash_to_field', bytes(digest), 'Ed25519')))).toBe(fromLe(digest) % L);
    expectFail(() => call('Crypto.hash_to_field', bytes(digest), 'nope'), "Foreign function Crypto.hash_to_field failed: Invalid curve name: Unknown MPC curve 'nope'. Supported curves: bls12-381, bn254, curve25519, ed25519, secp256k1, p-256");
    expectFail(() => call('Crypto.hash_to_field', bytes(digest), 1), 'Foreign function Crypto.hash_to_field failed: curve_name must be a string');
  });
  it('field_inv inverts in the named scalar field', () => {
    const n = secp256k1.Point.CURVE().n;
    const inv = fromLe(bytesOf(call('Crypto.field_inv', bytes(le32(3n)), 'secp256k1')));
    expect((3n * inv) % n).toBe(1n);
    expectFail(() => call('Crypto.field_inv', bytes(le32(0n)), 'p-256'), 'Foreign function Crypto.field_inv failed: field inverse is undefined for zero');
  });
  it('point_x_to_field, point_to_sec1 and field_to_scalar_bytes on secp256k1 / P-256', () => {
    for (const [name, curve] of [['secp256k1', secp256k1], ['p-256', p256]] as const) {
      const { p, n } = curve.Point.CURVE();
      for (const k of [1n, 2n, 12345678901234567890n]) {
        const pt = curve.Point.BASE.multiply(k);
        const enc = bytes(arkworksSw(pt, p));
        expect(fromLe(bytesOf(call('Crypto.point_x_to_field', enc, name)))).toBe(pt.toAffine().x % n);
        expect(hex(bytesOf(call('Crypto.point_to_sec1', enc, name)))).toBe(hex(pt.toBytes(true)));
      }
      expect(hex(bytesOf(call('Crypto.field_to_scalar_bytes', bytes(le32(258n)), name)))).toBe(`${'00'.repeat(30)}0102`);
      const infinity = new Uint8Array(33);
      infinity[32] = 0x40;
      expectFail(() => call('Crypto.point_to_sec1', bytes(infinity), name), 'Foreign function Crypto.point_to_sec1 failed: point is the point at infinity');
    }
    expectFail(() => call('Crypto.point_x_to_field', bytes(new Uint8Array(33)), 'bls12-381'), 'Foreign function Crypto.point_x_to_field failed: Crypto.point_x_to_field supports secp256k1 and p-256, got bls12-381');
    expectFail(() => call('Crypto.point_to_sec1', bytes(Uint8Array.from([...le32(5n), 0])), 'secp256k1'), 'Foreign function Crypto.point_to_sec1 failed: deserialize point: the input buffer contained invalid data');
  });
  it('hash_to_g1 gives a deterministic non-identity point of the G1 subgroup', () => {
    const msg = bytes(new TextEncoder().encode('stoffel'));
    const out = bytesOf(call('Crypto.hash_to_g1', msg));
    expect(out.length).toBe(48);
    const pt = bls12_381.G1.Point.fromBytes(out);
    pt.assertValidity();
    expect(pt.is0()).toBe(false);
    expect(hex(bytesOf(call('Crypto.hash_to_g1', msg)))).toBe(hex(out));
    expect(hex(bytesOf(call('Crypto.hash_to_g1', bytes(new Uint8Array([1])))))).not.toBe(hex(out));
  });
});

describe('Avss.* (engine-free)', () => {
  const host = makeHost(null);
  it('reads AVSS share objects and rejects other values', () => {
    const h = harness();
    const obj = h.call('Share.from_clear', 1);
    expect(ENGINE_FREE_MPC_BUILTINS.get('Avss.is_avss_share')!(host, [obj])).toBe(false);
    expect(() => ENGINE_FREE_MPC_BUILTINS.get('Avss.get_key_name')!(host, [obj])).toThrow('Argument must be an AVSS share object');
    expect(() => ENGINE_FREE_MPC_BUILTINS.get('Avss.get_commitment')!(host, [obj, 0])).toThrow('First argument must be an AVSS share object');
    const avss = new VmObject(h.host.heap.nextId());
    const commitments = new VmArray(h.host.heap.nextId());
    commitments.items.push(byteArray(h, new Uint8Array([1, 2, 3])));
    for (const [k, v] of [['__type', 'AvssShare'], ['__key_name', 'k1'], ['__commitments', commitments]] as const) {
      avss.entries.set(k, { key: k, value: v });
    }
    const get = (name: string, ...args: Value[]) => ENGINE_FREE_MPC_BUILTINS.get(name)!(host, args);
    expect(get('Avss.is_avss_share', avss)).toBe(true);
    expect(get('Avss.get_key_name', avss)).toBe('k1');
    expect(get('Avss.commitment_count', avss)).toBe(1);
    expect(Array.from(bytesOf(get('Avss.get_commitment', avss, 0)))).toEqual([1, 2, 3]);
    expect(() => get('Avss.get_commitment', avss, 1)).toThrow('AVSS commitments index 1 out of bounds (len: 1)');
  });
});
