/** CMP exactness (semantics.md §9.6, handmade compare_values) and code-point string order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare } from '../../runtime/ops/index.js';
import { VmFloat, VmInt, type Value } from '../../runtime/values.js';
import { errorOf } from './helpers.js';

const f = (v: number) => new VmFloat(v);
const u64 = (v: bigint) => new VmInt('u64', v);
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

describe('numeric CMP', () => {
  it('matches the compare_values fixture', () => {
    const cases: [Value, Value, number][] = [
      [-1, u64(0n), -1],
      [u64(2n ** 64n - 1n), I64_MAX, 1],
      [new VmInt('i8', -1), new VmInt('u8', 255), -1],
      [new VmInt('i16', 300), 300, 0],
      [f(0), 0, 0],
      [f(-0), f(0), 0],
      [u64(2n ** 53n + 1n), f(2 ** 53), 1],
      [2n ** 53n + 1n, f(2 ** 53), 1],
      [new VmInt('i32', 5), f(5.5), -1],
      [f(Infinity), I64_MAX, 1],
      [f(-Infinity), I64_MIN, -1],
    ];
    for (const [a, b, want] of cases) {
      expect(compare(a, b)).toBe(want);
      expect(compare(b, a)).toBe(0 - want || 0);
    }
  });

  it('is exact where rounding through f64 would not be', () => {
    expect(compare(u64(0n), f(5e-324))).toBe(-1);
    expect(compare(f(-5e-324), u64(0n))).toBe(-1);
    expect(compare(I64_MAX, f(2 ** 63))).toBe(-1);
    expect(compare(I64_MIN, f(-(2 ** 63)))).toBe(0);
    expect(compare(u64(2n ** 64n - 1n), f(2 ** 64))).toBe(-1);
    expect(compare(2n ** 53n + 1n, f(2 ** 53 + 2))).toBe(-1);
    expect(compare(9007199254740993n, f(9007199254740992.5))).toBe(1);
    expect(compare(-(2n ** 60n) - 1n, f(-(2 ** 60)))).toBe(-1);
    expect(compare(new VmInt("u32", 7), f(7 + 2 ** -40))).toBe(-1);
  });

  it('compares multiples of 2^128 exactly (deliberate difference from the official VM)', () => {
    expect(compare(5, f(2 ** 128))).toBe(-1);
    expect(compare(u64(0n), f(2 ** 128))).toBe(-1);
    expect(compare(-5, f(-(2 ** 128)))).toBe(1);
    expect(compare(f(1.5 * 2 ** 129), I64_MAX)).toBe(1);
  });

  it('fails on NaN with Debug forms', () => {
    expect(errorOf(() => compare(f(NaN), f(0)))).toBe('Cannot compare NaNf64 and 0f64');
    expect(errorOf(() => compare(0, f(NaN)))).toBe('Cannot compare 0 and NaNf64');
    expect(errorOf(() => compare(f(NaN), f(NaN)))).toBe('Cannot compare NaNf64 and NaNf64');
    expect(errorOf(() => compare(u64(7n), f(NaN)))).toBe('Cannot compare 7u64 and NaNf64');
  });

  it('orders any integer against any finite float like exact rationals', () => {
    // Reference: decompose the double into sign · m · 2^e with integers and compare by cross-multiplying.
    const exact = (x: bigint, y: number): number => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, y);
      const bits = view.getBigUint64(0);
      const neg = bits >> 63n === 1n;
      const expBits = Number((bits >> 52n) & 0x7ffn);
      const frac = bits & ((1n << 52n) - 1n);
      const m = expBits === 0 ? frac : frac | (1n << 52n);
      const e = (expBits === 0 ? 1 : expBits) - 1075;
      const sm = neg ? -m : m;
      const [l, r] = e >= 0 ? [x, sm << BigInt(e)] : [x << BigInt(-e), sm];
      return l < r ? -1 : l > r ? 1 : 0;
    };
    const ints = fc.oneof(
      fc.bigInt(I64_MIN, I64_MAX),
      fc.bigInt(-(2n ** 54n), 2n ** 54n),
      fc.bigInt(-1000n, 1000n),
    );
    const floats = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      ints.map((v) => Number(v)),
      fc.tuple(ints, fc.constantFrom(0.5, 0.25, -0.5, 1e-9)).map(([v, d]) => Number(v) + d),
    );
    fc.assert(
      fc.property(ints, floats, (x, y) => {
        const iv: Value = x >= -(2n ** 53n - 1n) && x <= 2n ** 53n - 1n ? Number(x) : x;
        expect(compare(iv, f(y))).toBe(exact(x, y));
        expect(compare(f(y), iv)).toBe(0 - exact(x, y) || 0);
        if (x >= 0n && x < 2n ** 64n) expect(compare(u64(x), f(y))).toBe(exact(x, y));
      }),
      { numRuns: 3000 },
    );
  });

  it('orders floats by IEEE with -0 = 0', () => {
    expect(compare(f(-Infinity), f(-1e308))).toBe(-1);
    expect(compare(f(1), f(1))).toBe(0);
    expect(compare(f(-0), 0)).toBe(0);
  });
});

describe('string and bool CMP', () => {
  it('orders strings by code points, not UTF-16 units', () => {
    const cases: [string, string, number][] = [
      ['apple', 'banana', -1],
      ['abc', 'abc', 0],
      ['abd', 'abc', 1],
      ['', 'a', -1],
      ['ab', 'abc', -1],
      ['Z', 'a', -1],
      ['é', 'z', 1],
      ['\u{E000}', '\u{1F600}', -1],
      ['\u{FFFF}', '\u{10000}', -1],
      ['a\u{1F600}', 'a\u{FF61}', 1],
      ['\u{1F600}', '\u{1F601}', -1],
      ['\u{10FFFF}', '\u{FFFD}', 1],
    ];
    for (const [a, b, want] of cases) {
      expect(compare(a, b)).toBe(want);
      expect(compare(b, a)).toBe(0 - want || 0);
    }
  });

  it('matches UTF-8 byte order on random strings', () => {
    const enc = new TextEncoder();
    const byteOrder = (a: string, b: string) => {
      const x = enc.encode(a);
      const y = enc.encode(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    };
    const str = fc.string({ unit: fc.oneof(fc.constantFrom('a', '\u{E000}', '\u{FFFF}', '\u{1F600}', '\u{10000}'), fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c))) });
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(compare(a, b)).toBe(byteOrder(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders false before true', () => {
    expect(compare(false, true)).toBe(-1);
    expect(compare(true, true)).toBe(0);
    expect(compare(true, false)).toBe(1);
  });
});
