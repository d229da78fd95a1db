import { describe, expect, it } from 'vitest';
import {
  decodeField, encodeClear, fixedFromFloat, inferShareType, roundScaled,
} from '../../runtime/mpc/codec.js';
import { parseCurve } from '../../runtime/mpc/curves.js';
import { VmFloat, VmInt, VmObject, type ShareType, type Value } from '../../runtime/values.js';

const f = parseCurve('bls12-381').field;
const p = f.p;
const int = (bits: number): ShareType => ({ kind: 'int', bits });
const uint = (bits: number): ShareType => ({ kind: 'uint', bits });
const fixed = (k: number, fr: number): ShareType => ({ kind: 'fixed', totalBits: k, fracBits: fr });

describe('clear -> field (mpc-model §3.4)', () => {
  const rows: [string, ShareType, Value, bigint][] = [
    ['positive int', int(64), 42, 42n],
    ['negative int', int(64), -7, p - 7n],
    ['i64::MIN', int(64), -(2n ** 63n), p - 2n ** 63n],
    ['no range check', int(8), 300, 300n],
    ['narrow kind', int(64), new VmInt('i8', -3), p - 3n],
    ['u64 within i64 as int', int(64), new VmInt('u64', 5n), 5n],
    ['bool true as 1-bit', int(1), true, 1n],
    ['bool false as 1-bit', int(1), false, 0n],
    ['uint', uint(64), new VmInt('u64', 2n ** 64n - 1n), 2n ** 64n - 1n],
    ['fixed 1.5', fixed(64, 16), new VmFloat(1.5), 98304n],
    ['fixed truncates toward zero', fixed(64, 16), new VmFloat(-1.00001), p - 65536n],
    ['fixed from int', fixed(64, 16), 3, 196608n],
    ['fixed small', fixed(32, 4), new VmFloat(0.99), 15n],
  ];
  it.each(rows)('%s', (_name, type, value, expected) => {
    expect(encodeClear(f, type, value)).toBe(expected);
  });

  it('rejects unusable values with the official texts', () => {
    expect(() => encodeClear(f, int(64), new VmInt('u64', 2n ** 63n))).toThrow('clear integer exceeds i64 range');
    expect(() => encodeClear(f, uint(8), -1)).toThrow('clear unsigned integer must be a non-negative integer');
    expect(() => encodeClear(f, int(8), true)).toThrow('Cannot create SecretInt { bit_length: 8 } share from true');
    expect(() => encodeClear(f, int(64), new VmFloat(1.5))).toThrow('Cannot create SecretInt { bit_length: 64 } share from 1.5f64');
    expect(() => encodeClear(f, fixed(64, 16), 'x')).toThrow(
      'Cannot create SecretFixedPoint { precision: FixedPointPrecision { total_bits: 64, fractional_bits: 16 } } share from "x"',
    );
    expect(() => encodeClear(f, fixed(64, 16), new VmFloat(NaN))).toThrow('Fixed-point input must be finite');
    expect(() => encodeClear(f, fixed(64, 16), new VmFloat(1e300))).toThrow('Fixed-point scaled input exceeds i64 range');
    expect(() => fixedFromFloat(1.5, 1100)).toThrow('Fixed-point scale is not finite');
    expect(() => fixedFromFloat(1e308, 16)).toThrow('Fixed-point scaled input is not finite');
  });

  it('infers types: integers -> SecretInt{64}, Float -> fixed(64,16), Bool -> SecretInt{1}', () => {
    expect(inferShareType(new VmInt('u8', 1))).toEqual(int(64));
    expect(inferShareType(new VmFloat(1))).toEqual(fixed(64, 16));
    expect(inferShareType(true)).toEqual(int(1));
    expect(() => inferShareType(undefined)).toThrow('Cannot create share from value type: ()');
    expect(() => inferShareType(new VmObject(3))).toThrow('Cannot create share from value type: Object(3)');
  });

  it('rounds scaled scalars half away from zero', () => {
    expect(roundScaled(2.5 / 65536, 16)).toBe(3n);
    expect(roundScaled(-2.5 / 65536, 16)).toBe(-3n);
    expect(roundScaled(Infinity, 16)).toBeNull();
    expect(roundScaled(2 ** 47, 16)).toBeNull();
  });
});

describe('field -> clear (mpc-model §3.5)', () => {
  const rows: [string, ShareType, bigint, Value][] = [
    ['bool zero', int(1), 0n, false],
    ['bool any non-zero', int(1), 2n, true],
    ['bool -1', int(1), p - 1n, true],
    ['i64 negative', int(64), p - 5n, -5],
    ['i64 wraps 2^64 product', int(64), (2n ** 63n - 1n) ** 2n, 1],
    ['i8', int(8), 300n, new VmInt('i8', 44)],
    ['i8 negative', int(8), p - 1n, new VmInt('i8', -1)],
    ['i16', int(16), 40000n, new VmInt('i16', 40000 - 65536)],
    ['i32', int(32), p - 2n ** 31n, new VmInt('i32', -(2 ** 31))],
    ['odd width sign-extends into I64', int(12), 4095n, -1],
    ['wide int exact', int(128), p - 10n, -10],
    ['u8 wraps', uint(8), 256n + 7n, new VmInt('u8', 7)],
    ['u8 of negative', uint(8), p - 1n, new VmInt('u8', 255)],
    ['u16', uint(16), 65535n, new VmInt('u16', 65535)],
    ['u32', uint(32), 2n ** 32n + 1n, new VmInt('u32', 1)],
    ['u64', uint(64), p - 1n, new VmInt('u64', 2n ** 64n - 1n)],
    ['fixed', fixed(64, 16), 98304n, new VmFloat(1.5)],
    ['fixed negative', fixed(64, 16), p - 32768n, new VmFloat(-0.5)],
  ];
  it.each(rows)('%s', (_name, type, x, expected) => {
    expect(decodeField(f, type, x)).toEqual(expected);
  });

  it('reports values outside i64 where required', () => {
    expect(() => decodeField(f, int(65), 2n ** 63n)).toThrow('Field element exceeds i64::MAX');
    expect(() => decodeField(f, int(65), p - 2n ** 63n - 1n)).toThrow('Field element is below i64::MIN');
    expect(decodeField(f, int(65), p - 2n ** 63n)).toBe(-(2n ** 63n));
    expect(() => decodeField(f, uint(65), 1n)).toThrow('Field element exceeds i64::MAX');
    expect(() => decodeField(f, fixed(64, 16), 2n ** 64n)).toThrow('Field element exceeds i64::MAX');
  });
});
