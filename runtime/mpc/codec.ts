/**
 * Share types and the clear <-> field-element conversions of mpc-model §3.4 / §3.5: how a clear VM value
 * becomes a field element for a given share type, and how a reconstructed element opens to a clear value.
 */
import { BuiltinError } from '../errors.js';
import { i64, I64_MAX, I64_MIN, VmFloat, VmInt, type ShareType, type Value } from '../values.js';
import { shareTypeDebug, debugString, formatF64 } from '../format.js';
import type { PrimeField } from './field.js';

export const SECRET_INT64: ShareType = { kind: 'int', bits: 64 };
export const SECRET_BOOL: ShareType = { kind: 'int', bits: 1 };
export const DEFAULT_FIXED: ShareType = { kind: 'fixed', totalBits: 64, fracBits: 16 };

export function sameShareType(a: ShareType, b: ShareType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'fixed') return b.kind === 'fixed' && a.totalBits === b.totalBits && a.fracBits === b.fracBits;
  return a.bits === (b as { bits: number }).bits;
}

export function isBoolType(t: ShareType): boolean {
  return t.kind === 'int' && t.bits === 1;
}

/** `SecretInt{bits}` with the official validation text. */
export function secretIntType(bits: number): ShareType {
  if (bits === 0) throw new BuiltinError('bit_length must be a positive integer');
  return { kind: 'int', bits };
}

export function secretUIntType(bits: number): ShareType {
  if (bits === 0) throw new BuiltinError('bit_length must be a positive integer');
  return { kind: 'uint', bits };
}

export function fixedType(totalBits: number, fracBits: number): ShareType {
  if (totalBits === 0) throw new BuiltinError('total_bits must be a positive integer');
  if (fracBits >= totalBits) throw new BuiltinError('frac_bits must be less than total_bits');
  return { kind: 'fixed', totalBits, fracBits };
}

// ---- clear integer arguments -------------------------------------------------------------------

/** The integer inside any of the eight integer kinds, or null for other values. */
export function clearInteger(v: Value): bigint | null {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (v instanceof VmInt) return BigInt(v.v);
  return null;
}

/** An integer argument as i64 (`<label> must be an integer` / `<label> exceeds i64 range`). */
export function toI64(v: Value, label: string): bigint {
  const n = clearInteger(v);
  if (n === null) throw new BuiltinError(`${label} must be an integer`);
  if (n > I64_MAX) throw new BuiltinError(`${label} exceeds i64 range`);
  return n;
}

/** A non-negative integer argument (`<label> must be a non-negative integer`). */
export function toUnsigned(v: Value, label: string): bigint {
  const n = clearInteger(v);
  if (n === null || n < 0n) throw new BuiltinError(`${label} must be a non-negative integer`);
  return n;
}

/** A usize argument as a JS number (values beyond 2^53 are far beyond any valid index or width). */
export function toUsize(v: Value, label: string): number {
  const n = toUnsigned(v, label);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

// ---- clear -> field ----------------------------------------------------------------------------

/** The share type a clear value gets when none is given (§3.4 "Type inference"). */
export function inferShareType(v: Value): ShareType {
  if (clearInteger(v) !== null) return SECRET_INT64;
  if (v instanceof VmFloat) return DEFAULT_FIXED;
  if (typeof v === 'boolean') return SECRET_BOOL;
  throw new BuiltinError(`Cannot create share from value type: ${debugString(v)}`);
}

/** trunc(value * 2^f) as an i64, with the official errors for non-finite / out-of-range input. */
export function fixedFromFloat(value: number, fracBits: number): bigint {
  if (!Number.isFinite(value)) throw new BuiltinError('Fixed-point input must be finite');
  const scale = 2 ** fracBits;
  if (!Number.isFinite(scale)) throw new BuiltinError('Fixed-point scale is not finite');
  const scaled = value * scale;
  if (!Number.isFinite(scaled)) throw new BuiltinError('Fixed-point scaled input is not finite');
  const truncated = Math.trunc(scaled);
  if (truncated < -(2 ** 63) || truncated >= 2 ** 63) {
    throw new BuiltinError('Fixed-point scaled input exceeds i64 range');
  }
  return BigInt(truncated);
}

/**
 * round-half-away-from-zero(value * 2^f) as an i64, or null when not finite or outside i64
 * (Rust `f64::round` then the `[i64::MIN, 2^63)` check used by scalar and divisor scaling).
 */
export function roundScaled(value: number, fracBits: number): bigint | null {
  const scaled = value * 2 ** fracBits;
  if (!Number.isFinite(scaled)) return null;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  if (rounded < -(2 ** 63) || rounded >= 2 ** 63) return null;
  return BigInt(rounded);
}

/** `Share.mul_scalar`'s float scaling with its error text. */
export function fixedScalar(value: number, fracBits: number): bigint {
  const r = roundScaled(value, fracBits);
  if (r === null) throw new BuiltinError(`fixed-point scalar ${formatF64(value)} out of range`);
  return r;
}

/**
 * The field element for a clear value shared as `type` (§3.4). No range check against the bit width:
 * integers are stored as they are and wrap only when opened.
 */
export function encodeClear(field: PrimeField, type: ShareType, v: Value): bigint {
  const n = clearInteger(v);
  switch (type.kind) {
    case 'int':
      if (n !== null) return field.reduce(toI64(v, 'clear integer'));
      if (typeof v === 'boolean' && type.bits === 1) return v ? 1n : 0n;
      break;
    case 'uint':
      if (n !== null) return field.reduce(toUnsigned(v, 'clear unsigned integer'));
      break;
    case 'fixed': {
      if (v instanceof VmFloat) return field.reduce(fixedFromFloat(v.v, type.fracBits));
      if (n !== null) return field.reduce(fixedFromFloat(Number(toI64(v, 'clear integer')), type.fracBits));
      break;
    }
  }
  throw new BuiltinError(`Cannot create ${shareTypeDebug(type)} share from ${debugString(v)}`);
}

// ---- field -> clear ----------------------------------------------------------------------------

function liftToI64(field: PrimeField, x: bigint): bigint {
  const s = field.centered(x);
  if (s > I64_MAX) throw new BuiltinError('Field element exceeds i64::MAX');
  if (s < I64_MIN) throw new BuiltinError('Field element is below i64::MIN');
  return s;
}

/** Opens a reconstructed element `x` as the clear value of `type` (§3.5). */
export function decodeField(field: PrimeField, type: ShareType, x: bigint): Value {
  switch (type.kind) {
    case 'int': {
      if (type.bits === 1) return x !== 0n;
      const s = type.bits > 64 ? liftToI64(field, x) : BigInt.asIntN(type.bits, field.centered(x));
      switch (type.bits) {
        case 8:
          return new VmInt('i8', Number(s));
        case 16:
          return new VmInt('i16', Number(s));
        case 32:
          return new VmInt('i32', Number(s));
        default:
          return i64(s);
      }
    }
    case 'uint': {
      if (type.bits > 64) throw new BuiltinError('Field element exceeds i64::MAX');
      const u = BigInt.asUintN(type.bits, field.centered(x));
      switch (type.bits) {
        case 8:
          return new VmInt('u8', Number(u));
        case 16:
          return new VmInt('u16', Number(u));
        case 32:
          return new VmInt('u32', Number(u));
        default:
          return new VmInt('u64', u);
      }
    }
    case 'fixed': {
      const s = liftToI64(field, x);
      const scale = 2 ** type.fracBits;
      if (!Number.isFinite(scale)) throw new BuiltinError('Fixed-point scale is not finite');
      return new VmFloat(Number(s) / scale);
    }
  }
}

/** A share type as a short key (`int-64`, `uint-8`, `fixed-64-16`), like the reference's open type keys. */
export function shareTypeKey(t: ShareType): string {
  return t.kind === 'fixed' ? `fixed-${t.totalBits}-${t.fracBits}` : `${t.kind}-${t.bits}`;
}
