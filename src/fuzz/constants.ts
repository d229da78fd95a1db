/**
 * Constant-pool building and the "interesting" constants the generator draws from: integers near 0, near
 * ±2^53 (where compiled code leaves its plain-number fast path) and near ±2^63 (overflow), the bounds of
 * every narrow kind, special floats (NaN, ±inf, -0, subnormals, values Rust and JS print differently) and
 * strings with non-BMP characters (code-point vs UTF-16 ordering and lengths).
 */
import type { Constant } from '../bytecode/model.js';
import { constantKey, f64ToBits } from '../text/constants.js';
import type { Rng } from './random.js';

/** The constant kinds the generator materializes (every pool kind). */
export type ScalarKind = Constant['kind'];

export type IntegerKind = 'i64' | 'i32' | 'i16' | 'i8' | 'u8' | 'u16' | 'u32' | 'u64';
export const INTEGER_KINDS: readonly IntegerKind[] = ['i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64'];

const BOUNDS: Readonly<Record<IntegerKind, readonly [bigint, bigint]>> = {
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  i16: [-(2n ** 15n), 2n ** 15n - 1n],
  i8: [-128n, 127n],
  u8: [0n, 255n],
  u16: [0n, 65535n],
  u32: [0n, 2n ** 32n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

export function integerBounds(kind: IntegerKind): readonly [bigint, bigint] {
  return BOUNDS[kind];
}

export function integerBits(kind: IntegerKind): number {
  return Number(kind.slice(1));
}

/** Deduplicating constant pool: equal entries share one index. */
export class ConstantPool {
  readonly entries: Constant[] = [];
  private readonly index = new Map<string, number>();

  add(c: Constant): number {
    const key = constantKey(c);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.entries.length;
      this.entries.push(c);
      this.index.set(key, i);
    }
    return i;
  }
}

export function intConstant(kind: IntegerKind, value: bigint): Constant {
  return kind === 'i64' || kind === 'u64' ? { kind, value } : { kind, value: Number(value) };
}

export function floatConstant(x: number): Constant {
  return { kind: 'float', bits: f64ToBits(x) };
}

const TWO53 = 2n ** 53n;

/**
 * An integer of `kind`, biased to small values and (when `wild`) to the edges of the kind's range. Tame
 * programs still meet ±2^53 but rarely overflow, so they run deeper.
 */
export function sampleInteger(rng: Rng, kind: IntegerKind, wild = true): bigint {
  const [min, max] = BOUNDS[kind];
  const clamp = (v: bigint) => (v < min ? min : v > max ? max : v);
  const wide = kind === 'i64' || kind === 'u64';
  const weights = wild
    ? { small: 50, edge: 14, near53: wide ? 14 : 0, pow2: 10, any: 6 }
    : { small: 80, edge: 0, near53: wide ? 8 : 0, pow2: 6, any: 0 };
  switch (rng.weighted(weights)) {
    case 'small':
      return clamp(BigInt(rng.range(min < 0n ? -4 : 0, 9)));
    case 'edge':
      return rng.chance(0.5) ? max - BigInt(rng.int(3)) : min + BigInt(rng.int(3));
    case 'near53': {
      const v = TWO53 + BigInt(rng.range(-2, 2));
      return clamp(min < 0n && rng.chance(0.5) ? -v : v);
    }
    case 'pow2': {
      const bits = wild ? integerBits(kind) : integerBits(kind) / 2;
      const v = 1n << BigInt(rng.int(bits));
      return clamp(min < 0n && rng.chance(0.3) ? -v : v);
    }
    default: {
      const span = max - min + 1n;
      return min + (rng.bits64() % span);
    }
  }
}

/** Small non-negative I64 values for indices, counts and loop bounds. */
export function smallIndex(rng: Rng, max = 4): bigint {
  return BigInt(rng.int(max + 1));
}

const SPECIAL_FLOATS: readonly number[] = [
  0, -0, 0.5, 1.5, -2.5, 3, 7.25, -7.5, 0.1, 1 / 3, NaN, Infinity, -Infinity, 1e21, 1e-7, 5e-324,
  2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740992, 9007199254740994, -9007199254740992,
  9223372036854775808, -9223372036854775808, 123456789.125, 1e300, 2 ** 128,
];

/** A float constant's bit pattern, including a NaN with a payload now and then. */
export function sampleFloatBits(rng: Rng): bigint {
  switch (rng.weighted({ special: 70, small: 20, payloadNan: 3, any: 7 })) {
    case 'special':
      return f64ToBits(rng.pick(SPECIAL_FLOATS));
    case 'small':
      return f64ToBits(rng.range(-40, 40) / 4);
    case 'payloadNan':
      return 0x7ff8000000000001n + BigInt(rng.int(1000));
    default:
      return rng.bits64();
  }
}

/** Strings with multi-byte and non-BMP characters, digits, and near-duplicates for ordering. */
export const SAMPLE_STRINGS: readonly string[] = [
  '', 'a', 'b', 'ab', 'abc', 'Z', 'hello', 'héllo', '10', '-3', 'x y', '😀', 'a😀b', '\u{10FFFF}', '\uE000',
  '\uFFFF', 'é', '日本', '__type', 'Share', 'n', 'key', 'print',
];

export function sampleString(rng: Rng): string {
  if (rng.chance(0.08)) {
    // A short random mix of ASCII, BMP and astral characters.
    const pool = ['a', 'z', '0', ' ', 'é', 'ß', '\u4e2d', '\uE000', '\u{1F600}', '\u{1D11E}', '\u{10000}'];
    let s = '';
    for (let i = rng.int(5); i > 0; i--) s += rng.pick(pool);
    return s;
  }
  return rng.pick(SAMPLE_STRINGS);
}

/** A constant of the given kind. */
export function sampleConstant(rng: Rng, kind: ScalarKind, wild = true): Constant {
  switch (kind) {
    case 'unit':
      return { kind: 'unit' };
    case 'float':
      return { kind: 'float', bits: sampleFloatBits(rng) };
    case 'bool':
      // A raw byte other than 0/1 still reads as true (bytecode-format.md); exercise it rarely.
      return { kind: 'bool', byte: rng.chance(0.05) ? rng.range(2, 255) : rng.int(2) };
    case 'string':
      return { kind: 'string', value: sampleString(rng) };
    default:
      return intConstant(kind, sampleInteger(rng, kind, wild));
  }
}
