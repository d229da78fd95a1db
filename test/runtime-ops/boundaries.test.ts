/** Spec examples and boundary values of semantics.md §9, written out case by case. */
import { describe, expect, it } from 'vitest';
import * as ops from '../../runtime/ops/index.js';
import { VmFloat, VmInt, type Value } from '../../runtime/values.js';
import { errorOf } from './helpers.js';

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);
const SAFE = 2 ** 53 - 1;
const int = (kind: 'i32' | 'i16' | 'i8' | 'u8' | 'u16' | 'u32', v: number) => new VmInt(kind, v);
const u64 = (v: bigint) => new VmInt('u64', v);
const f = (v: number) => new VmFloat(v);

describe('checked integer arithmetic', () => {
  it('overflows at exactly the I64 bounds', () => {
    expect(ops.add(I64_MAX - 1n, 1, null)).toBe(I64_MAX);
    expect(errorOf(() => ops.add(I64_MAX, 1, null))).toBe('Integer overflow in ADD operation');
    expect(ops.sub(I64_MIN + 1n, 1, null)).toBe(I64_MIN);
    expect(errorOf(() => ops.sub(I64_MIN, 1, null))).toBe('Integer overflow in SUB operation');
    expect(errorOf(() => ops.mul(I64_MIN, -1, null))).toBe('Integer overflow in MUL operation');
    expect(ops.mul(-(2n ** 62n), 2, null)).toBe(I64_MIN);
    expect(errorOf(() => ops.mul(2n ** 62n, 2, null))).toBe('Integer overflow in MUL operation');
  });

  it('overflows at exactly the bounds of every narrow kind', () => {
    const bounds = { i32: [-(2 ** 31), 2 ** 31 - 1], i16: [-32768, 32767], i8: [-128, 127], u8: [0, 255], u16: [0, 65535], u32: [0, 2 ** 32 - 1] } as const;
    for (const [kind, [min, max]] of Object.entries(bounds) as [keyof typeof bounds, readonly [number, number]][]) {
      expect(ops.add(int(kind, max - 1), int(kind, 1), null)).toEqual(int(kind, max));
      expect(errorOf(() => ops.add(int(kind, max), int(kind, 1), null))).toBe('Integer overflow in ADD operation');
      expect(ops.sub(int(kind, min + 1), int(kind, 1), null)).toEqual(int(kind, min));
      expect(errorOf(() => ops.sub(int(kind, min), int(kind, 1), null))).toBe('Integer overflow in SUB operation');
      expect(errorOf(() => ops.mul(int(kind, max), int(kind, 2), null))).toBe('Integer overflow in MUL operation');
    }
    expect(ops.mul(int('u32', 65535), int('u32', 65537), null)).toEqual(int('u32', 2 ** 32 - 1));
    expect(errorOf(() => ops.mul(int('u32', 65536), int('u32', 65536), null))).toBe('Integer overflow in MUL operation');
    expect(errorOf(() => ops.sub(int('u8', 0), int('u8', 1), null))).toBe('Integer overflow in SUB operation');
    expect(errorOf(() => ops.add(u64(2n ** 64n - 1n), u64(1n), null))).toBe('Integer overflow in ADD operation');
    expect(errorOf(() => ops.sub(u64(0n), u64(1n), null))).toBe('Integer overflow in SUB operation');
  });

  it('leaves the safe-number range exactly and comes back canonically', () => {
    expect(ops.add(SAFE, 1, null)).toBe(2n ** 53n);
    expect(ops.sub(2n ** 53n, 1, null)).toBe(SAFE);
    expect(ops.mul(2 ** 31, 2 ** 31, null)).toBe(2n ** 62n);
    expect(errorOf(() => ops.mul(SAFE, SAFE, null))).toBe('Integer overflow in MUL operation');
    expect(ops.mul(2 ** 52, 2, null)).toBe(2n ** 53n);
    expect(ops.sub(-SAFE, 1, null)).toBe(-(2n ** 53n));
    expect(ops.add(2n ** 60n, -(2n ** 60n), null)).toBe(0);
  });

  it('never produces -0', () => {
    for (const v of [ops.mul(-5, 0, null), ops.div(3, -5, null), ops.div(0, -5, null), ops.mod(-4, 2, null), ops.mod(-4, -2, null)]) {
      expect(Object.is(v, 0)).toBe(true);
    }
    expect(Object.is((ops.mul(int('i8', -5), int('i8', 0), null) as VmInt).v, 0)).toBe(true);
    expect(Object.is((ops.mod(int('i32', -4), int('i32', 2), null) as VmInt).v, 0)).toBe(true);
    expect(Object.is((ops.div(int('i16', 3), int('i16', -5), null) as VmInt).v, 0)).toBe(true);
  });
});

describe('DIV and MOD', () => {
  it('truncate toward zero; the remainder takes the dividend sign', () => {
    expect(ops.div(-7, 2, null)).toBe(-3);
    expect(ops.div(7, -2, null)).toBe(-3);
    expect(ops.mod(-7, 2, null)).toBe(-1);
    expect(ops.mod(7, -2, null)).toBe(1);
    expect(ops.div(I64_MIN, 2, null)).toBe(-(2n ** 62n));
    expect(ops.mod(I64_MIN, 10, null)).toBe(-8);
    expect(ops.div(int('i8', -7), int('i8', 2), null)).toEqual(int('i8', -3));
    expect(ops.div(int('u32', 2 ** 32 - 1), int('u32', 2 ** 32 - 2), null)).toEqual(int('u32', 1));
    expect(ops.div(int('i32', -(2 ** 31)), int('i32', 2 ** 31 - 1), null)).toEqual(int('i32', -1));
  });

  it('reject zero divisors and signed MIN / -1, MIN % -1', () => {
    expect(errorOf(() => ops.div(1, 0, null))).toBe('Division by zero');
    expect(errorOf(() => ops.mod(1, 0, null))).toBe('Modulo by zero');
    expect(errorOf(() => ops.div(I64_MIN, 0, null))).toBe('Division by zero');
    expect(errorOf(() => ops.div(I64_MIN, -1, null))).toBe('Integer overflow in DIV operation');
    expect(errorOf(() => ops.mod(I64_MIN, -1, null))).toBe('Integer overflow in MOD operation');
    expect(errorOf(() => ops.div(int('i8', -128), int('i8', -1), null))).toBe('Integer overflow in DIV operation');
    expect(errorOf(() => ops.mod(int('i8', -128), int('i8', -1), null))).toBe('Integer overflow in MOD operation');
    expect(errorOf(() => ops.div(int('i32', -(2 ** 31)), int('i32', -1), null))).toBe('Integer overflow in DIV operation');
    expect(errorOf(() => ops.div(int('u8', 1), int('u8', 0), null))).toBe('Division by zero');
    expect(errorOf(() => ops.mod(u64(1n), u64(0n), null))).toBe('Modulo by zero');
    expect(ops.mod(int('i8', -127), int('i8', -1), null)).toEqual(int('i8', 0));
  });
});

describe('floats', () => {
  const fv = (v: Value) => (v as VmFloat).v;
  it('mix only with I64, converting it to the nearest f64 (ties to even)', () => {
    expect(fv(ops.add(f(0.1), f(0.2), null))).toBe(0.30000000000000004);
    expect(fv(ops.mul(f(1.5), 4, null))).toBe(6);
    expect(fv(ops.add(2n ** 53n + 1n, f(0), null))).toBe(2 ** 53);
    expect(fv(ops.add(2n ** 53n + 3n, f(0), null))).toBe(2 ** 53 + 4);
    expect(fv(ops.sub(I64_MAX, f(0), null))).toBe(2 ** 63);
    expect(fv(ops.div(7, f(2), null))).toBe(3.5);
    expect(errorOf(() => ops.add(f(1), int('i32', 1), null))).toBe('Type error in ADD operation');
    expect(errorOf(() => ops.add(u64(1n), f(1), null))).toBe('Type error in ADD operation');
  });

  it('follow IEEE for inf and NaN without errors', () => {
    expect(fv(ops.mul(f(1e308), 10, null))).toBe(Infinity);
    expect(fv(ops.add(f(Infinity), f(-Infinity), null))).toBeNaN();
    expect(fv(ops.sub(f(0), f(0), null))).toBe(0);
  });

  it('treat a zero divisor as an error, also -0.0 and I64 0', () => {
    for (const [a, b] of [[f(1), f(0)], [f(1), f(-0)], [f(1), 0], [1, f(0)], [1, f(-0)], [f(NaN), f(0)]] as [Value, Value][]) {
      expect(errorOf(() => ops.div(a, b, null))).toBe('Division by zero');
      expect(errorOf(() => ops.mod(a, b, null))).toBe('Modulo by zero');
    }
  });

  it('take fmod remainders', () => {
    expect(fv(ops.mod(f(7.5), f(2), null))).toBe(1.5);
    expect(fv(ops.mod(7, f(2.5), null))).toBe(2);
    expect(fv(ops.mod(f(-7.5), 2, null))).toBe(-1.5);
    expect(Object.is(fv(ops.mod(f(-4), f(2), null)), -0)).toBe(true);
  });

  it('concatenate strings with ADD only', () => {
    expect(ops.add('ab', 'c', null)).toBe('abc');
    expect(ops.add('', '', null)).toBe('');
    for (const op of [ops.sub, ops.mul, ops.div, ops.mod, ops.and]) expect(errorOf(() => op('a', 'b', null))).toMatch(/^Type error in/);
  });
});

describe('bitwise', () => {
  it('work on the two\'s complement of the kind', () => {
    expect(ops.not(0, null)).toBe(-1);
    expect(ops.not(int('u8', 0), null)).toEqual(int('u8', 255));
    expect(ops.not(int('i8', 0), null)).toEqual(int('i8', -1));
    expect(ops.not(int('u32', 0), null)).toEqual(int('u32', 2 ** 32 - 1));
    expect(ops.not(u64(0n), null)).toEqual(u64(2n ** 64n - 1n));
    expect(ops.not(SAFE, null)).toBe(-(2n ** 53n));
    expect(ops.not(-(2n ** 53n), null)).toBe(SAFE);
    expect(ops.not(I64_MIN, null)).toBe(I64_MAX);
    expect(ops.and(-1, I64_MIN, null)).toBe(I64_MIN);
    expect(ops.or(2 ** 40, 1, null)).toBe(2 ** 40 + 1);
    expect(ops.xor(-1, 2 ** 52, null)).toBe(-(2 ** 52) - 1);
    expect(ops.or(int('u32', 0x80000000), int('u32', 1), null)).toEqual(int('u32', 2147483649));
    expect(ops.xor(int('i32', 0x0f0f0f0f), int('i32', -1), null)).toEqual(int('i32', -252645136));
    expect(ops.and(true, false, null)).toBe(false);
    expect(ops.or(false, true, null)).toBe(true);
    expect(ops.xor(true, true, null)).toBe(false);
    expect(ops.not(false, null)).toBe(true);
  });
});

describe('shifts', () => {
  it('drop bits shifted out and shift right arithmetically or logically', () => {
    expect(ops.shl(1, 63, null)).toBe(I64_MIN);
    expect(ops.shl(3, 62, null)).toBe(-(2n ** 62n));
    expect(ops.shl(int('i8', 64), int('i8', 1), null)).toEqual(int('i8', -128));
    expect(ops.shl(int('u8', 0xff), int('u8', 7), null)).toEqual(int('u8', 128));
    expect(ops.shl(int('u32', 0xffffffff), int('u32', 31), null)).toEqual(int('u32', 2 ** 31));
    expect(ops.shl(int('i16', 1), int('i16', 15), null)).toEqual(int('i16', -32768));
    expect(ops.shr(int('i8', -16), int('i8', 2), null)).toEqual(int('i8', -4));
    expect(ops.shr(int('u8', 0xf0), int('u8', 4), null)).toEqual(int('u8', 15));
    expect(ops.shr(int('u32', 2 ** 32 - 1), int('u32', 31), null)).toEqual(int('u32', 1));
    expect(ops.shr(-1, 63, null)).toBe(-1);
    expect(ops.shr(I64_MIN, 63, null)).toBe(-1);
    expect(ops.shr(-16, 2, null)).toBe(-4);
    expect(ops.shr(-(2 ** 53) + 1, 1, null)).toBe(-(2 ** 52));
    expect(ops.shr(u64(2n ** 64n - 1n), u64(63n), null)).toEqual(u64(1n));
  });

  it('report invalid and out-of-range amounts with the official numbers', () => {
    const msg = (a: Value, b: Value, op = ops.shl) => errorOf(() => op(a, b, null));
    expect(msg(1, -1)).toBe('Invalid shift amount -1 in SHL operation');
    expect(msg(1, 1099511627776, ops.shr)).toBe('Invalid shift amount 1099511627776 in SHR operation');
    expect(msg(1, I64_MIN)).toBe(`Invalid shift amount ${I64_MIN} in SHL operation`);
    expect(msg(1, 2 ** 32)).toBe('Invalid shift amount 4294967296 in SHL operation');
    expect(msg(1, 2 ** 32 - 1)).toBe('Shift amount 4294967295 out of range in SHL operation');
    expect(msg(1, 64, ops.shr)).toBe('Shift amount 64 out of range in SHR operation');
    expect(msg(int('i8', 1), int('i8', 8))).toBe('Shift amount 8 out of range in SHL operation');
    expect(msg(int('i8', 1), int('i8', -128))).toBe('Invalid shift amount -128 in SHL operation');
    expect(msg(int('i32', 1), int('i32', 32))).toBe('Shift amount 32 out of range in SHL operation');
    expect(msg(int('u32', 1), int('u32', 2 ** 32 - 1))).toBe('Shift amount 4294967295 out of range in SHL operation');
    expect(msg(u64(1n), u64(2n ** 32n))).toBe('Invalid shift amount 4294967296 in SHL operation');
    expect(msg(u64(1n), u64(I64_MAX))).toBe(`Invalid shift amount ${I64_MAX} in SHL operation`);
    expect(msg(u64(1n), u64(2n ** 63n), ops.shr)).toBe('Shift amount 4294967295 out of range in SHR operation');
    expect(msg(u64(1n), u64(2n ** 64n - 1n))).toBe('Shift amount 4294967295 out of range in SHL operation');
    expect(msg(1, int('i32', 1))).toBe('Type error in SHL operation');
    expect(msg(f(1), 1)).toBe('Type error in SHL operation');
  });
});
