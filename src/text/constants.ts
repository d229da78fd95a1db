/**
 * Printing of constant-pool values and the value ranges the assembler checks. Floats print as the shortest
 * decimal that reads back to the same bits; the only bit patterns without such a decimal are NaNs other
 * than the canonical quiet NaN, which print as `nan(0x<all 64 bits>)`.
 */
import type { Constant, ConstantKind } from '../bytecode/model.js';
import { quoteString } from './escapes.js';

/** Bits of the NaN that `nan` stands for (the quiet NaN Rust's `f64::NAN` and JS produce). */
export const CANONICAL_NAN_BITS = 0x7ff8000000000000n;

const POSITIVE_INFINITY_BITS = 0x7ff0000000000000n;
const NEGATIVE_INFINITY_BITS = 0xfff0000000000000n;
const EXPONENT_MASK = 0x7ff0000000000000n;
const MANTISSA_MASK = 0x000fffffffffffffn;

const scratch = new DataView(new ArrayBuffer(8));

export function f64ToBits(x: number): bigint {
  scratch.setFloat64(0, x);
  return scratch.getBigUint64(0);
}

export function bitsToF64(bits: bigint): number {
  scratch.setBigUint64(0, bits);
  return scratch.getFloat64(0);
}

export function isNanBits(bits: bigint): boolean {
  return (bits & EXPONENT_MASK) === EXPONENT_MASK && (bits & MANTISSA_MASK) !== 0n;
}

/** `1.5`, `3.0`, `-0.0`, `1e+21`, `inf`, `-inf`, `nan`, `nan(0x7ff8000000000001)`. */
export function formatFloatBits(bits: bigint): string {
  if (bits === POSITIVE_INFINITY_BITS) return 'inf';
  if (bits === NEGATIVE_INFINITY_BITS) return '-inf';
  if (bits === CANONICAL_NAN_BITS) return 'nan';
  if (isNanBits(bits)) return `nan(0x${bits.toString(16).padStart(16, '0')})`;
  const x = bitsToF64(bits);
  if (Object.is(x, -0)) return '-0.0';
  // JS prints the shortest digits that read back to the same double; keep a '.' or exponent so the
  // literal stays a float.
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Inclusive value range of each integer constant kind. */
export const INTEGER_RANGES: ReadonlyMap<ConstantKind, readonly [bigint, bigint]> = new Map<
  ConstantKind,
  readonly [bigint, bigint]
>([
  ['i64', [-(2n ** 63n), 2n ** 63n - 1n]],
  ['i32', [-(2n ** 31n), 2n ** 31n - 1n]],
  ['i16', [-(2n ** 15n), 2n ** 15n - 1n]],
  ['i8', [-128n, 127n]],
  ['u8', [0n, 255n]],
  ['u16', [0n, 65535n]],
  ['u32', [0n, 2n ** 32n - 1n]],
  ['u64', [0n, 2n ** 64n - 1n]],
]);

/** The value as written after its kind in a `.const` line (no suffix; raw bool bytes as a number). */
export function formatConstantValue(c: Constant): string {
  switch (c.kind) {
    case 'unit':
      return '()';
    case 'float':
      return formatFloatBits(c.bits);
    case 'bool':
      return c.byte === 0 ? 'false' : c.byte === 1 ? 'true' : String(c.byte);
    case 'string':
      return quoteString(c.value);
    default:
      return String(c.value);
  }
}

/**
 * The value as an inline literal (`42`, `7u8`, `1.5`, `"hi"`, `()`): its own kind is readable from it.
 * Used in `LDI` comments; a raw bool byte shows as the truth value it reads as.
 */
export function formatLiteral(c: Constant): string {
  switch (c.kind) {
    case 'unit':
    case 'float':
    case 'string':
    case 'i64':
      return formatConstantValue(c);
    case 'bool':
      return c.byte === 0 ? 'false' : 'true';
    default:
      return `${c.value}${c.kind}`;
  }
}

/** A key equal for two constants exactly when they are the same pool entry bit for bit. */
export function constantKey(c: Constant): string {
  switch (c.kind) {
    case 'unit':
      return 'unit';
    case 'float':
      return `float:${c.bits}`;
    case 'bool':
      return `bool:${c.byte}`;
    case 'string':
      return `string:${c.value}`;
    default:
      return `${c.kind}:${c.value}`;
  }
}
