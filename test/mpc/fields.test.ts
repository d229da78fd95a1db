import { describe, expect, it } from 'vitest';
import { BuiltinError } from '../../runtime/errors.js';
import { CURVES, parseCurve } from '../../runtime/mpc/curves.js';
import { PrimeField } from '../../runtime/mpc/field.js';
import { fromLe, le32 } from './helpers.js';

describe('curve configurations (mpc-model §2)', () => {
  const table: [string, string, string, bigint, number, boolean][] = [
    ['bls12-381', 'bls12-381', 'bls12-381-fr', 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n, 0, true],
    ['bn254', 'bn254', 'bn254-fr', 21888242871839275222246405745257275088548364400416034343698204186575808495617n, 1, true],
    ['curve25519', 'curve25519', 'curve25519-fr', 2n ** 252n + 27742317777372353535851937790883648493n, 2, true],
    ['ed25519', 'ed25519', 'curve25519-fr', 2n ** 252n + 27742317777372353535851937790883648493n, 3, true],
    ['secp256k1', 'secp256k1', 'secp256k1-fr', 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, 4, false],
    ['p-256', 'p-256', 'p-256-fr', 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, 5, false],
  ];
  it.each(table)('%s', (input, name, fieldName, p, tag, hb) => {
    const c = parseCurve(input);
    expect(c.name).toBe(name);
    expect(c.fieldName).toBe(fieldName);
    expect(c.field.p).toBe(p);
    expect(c.tag).toBe(tag);
    expect(c.honeyBadger).toBe(hb);
  });

  it('accepts every alias case-insensitively and trimmed', () => {
    const aliases: [string, string][] = [
      ['BLS12_381', 'bls12-381'], [' bls12381 ', 'bls12-381'], ['Curve-25519', 'curve25519'], ['ED-25519', 'ed25519'],
      ['secp256-k1', 'secp256k1'], ['P256', 'p-256'], ['nist-p256', 'p-256'], ['secp256r1', 'p-256'], ['secp256-r1', 'p-256'],
    ];
    for (const [alias, name] of aliases) expect(parseCurve(alias).name).toBe(name);
  });

  it('rejects unknown names with the official text', () => {
    expect(() => parseCurve(' Foo ')).toThrow(
      new BuiltinError("Unknown MPC curve 'foo'. Supported curves: bls12-381, bn254, curve25519, ed25519, secp256k1, p-256"),
    );
  });

  it('curve25519 and ed25519 share one field', () => {
    expect(CURVES.get('curve25519')!.field).toBe(CURVES.get('ed25519')!.field);
  });
});

describe('field element encoding', () => {
  const f = parseCurve('bls12-381').field;
  it('is 32-byte little-endian canonical', () => {
    expect(Array.from(f.toBytes(1n))).toEqual([1, ...new Array(31).fill(0)]);
    expect(Array.from(f.toBytes(0x0102n)).slice(0, 3)).toEqual([2, 1, 0]);
    expect(fromLe(f.toBytes(f.p - 1n))).toBe(f.p - 1n);
  });
  it('decodes, ignores extra bytes, rejects short and non-canonical input', () => {
    expect(f.fromBytes(new Uint8Array([...le32(5n), 9, 9]))).toBe(5n);
    expect(() => f.fromBytes(le32(f.p))).toThrow('deserialize field element: the input buffer contained invalid data');
    expect(() => f.fromBytes(new Uint8Array(31))).toThrow(/^deserialize field element: I\/O error/);
    expect(() => f.fromBytes(le32(f.p), 'Failed to deserialize field element')).toThrow(/^Failed to deserialize/);
  });
});

describe('PrimeField', () => {
  it.each([...CURVES.values()].map((c) => [c.name, c.field] as const))('%s arithmetic and canonical sqrt', (_n, f) => {
    const a = 123456789n;
    expect(f.mul(a, f.inv(a))).toBe(1n);
    expect(f.add(f.neg(a), a)).toBe(0n);
    expect(f.reduce(-5n)).toBe(f.p - 5n);
    expect(f.centered(f.p - 5n)).toBe(-5n);
    expect(f.centered(f.half)).toBe(f.half);
    expect(f.centered(f.half + 1n)).toBe(f.half + 1n - f.p);
    for (const r of [3n, f.p - 3n, 987654321987654321n]) {
      const s = f.sqrt(f.mul(r, r))!;
      expect(f.mul(s, s)).toBe(f.mul(r, r));
      expect(s <= f.p - s).toBe(true);
    }
  });
  it('reports non-residues as null', () => {
    const f = new PrimeField(13n);
    expect(f.sqrt(5n)).toBeNull(); // squares mod 13: 0 1 3 4 9 10 12
    expect(f.sqrt(4n)).toBe(2n);
    expect(f.sqrt(10n)).toBe(6n); // 6^2 = 36 = 10, 7^2 = 49 = 10
  });
});
