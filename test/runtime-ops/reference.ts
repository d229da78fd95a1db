/**
 * An independent reference model of the integer instructions: exact BigInt arithmetic, then the range
 * check of the kind (semantics.md §9.1–9.5). Values are handled as bigints throughout.
 */
import { VmInt, type AnyIntKind, type Value } from '../../runtime/values.js';

export const BITS: Record<AnyIntKind, number> = { i64: 64, i32: 32, i16: 16, i8: 8, u8: 8, u16: 16, u32: 32, u64: 64 };
export const SIGNED = (k: AnyIntKind) => k.startsWith('i');
export const MIN = (k: AnyIntKind) => (SIGNED(k) ? -(1n << BigInt(BITS[k] - 1)) : 0n);
export const MAX = (k: AnyIntKind) => (SIGNED(k) ? (1n << BigInt(BITS[k] - 1)) - 1n : (1n << BigInt(BITS[k])) - 1n);

export type RefOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR' | 'SHL' | 'SHR';
export type RefResult = { value: bigint } | { error: string };

function wrap(k: AnyIntKind, v: bigint): bigint {
  return SIGNED(k) ? BigInt.asIntN(BITS[k], v) : BigInt.asUintN(BITS[k], v);
}

function fits(k: AnyIntKind, v: bigint): boolean {
  return v >= MIN(k) && v <= MAX(k);
}

export function reference(op: RefOp, k: AnyIntKind, a: bigint, b: bigint): RefResult {
  const checked = (v: bigint): RefResult => (fits(k, v) ? { value: v } : { error: `Integer overflow in ${op} operation` });
  switch (op) {
    case 'ADD':
      return checked(a + b);
    case 'SUB':
      return checked(a - b);
    case 'MUL':
      return checked(a * b);
    case 'DIV':
      if (b === 0n) return { error: 'Division by zero' };
      return checked(a / b);
    case 'MOD':
      if (b === 0n) return { error: 'Modulo by zero' };
      if (SIGNED(k) && a === MIN(k) && b === -1n) return { error: 'Integer overflow in MOD operation' };
      return { value: a % b };
    case 'AND':
      return { value: wrap(k, a & b) };
    case 'OR':
      return { value: wrap(k, a | b) };
    case 'XOR':
      return { value: wrap(k, a ^ b) };
    case 'SHL':
    case 'SHR': {
      if (k === 'u64' && b > (1n << 63n) - 1n) return { error: `Shift amount 4294967295 out of range in ${op} operation` };
      if (b < 0n || b > 0xffffffffn) return { error: `Invalid shift amount ${b} in ${op} operation` };
      if (b >= BigInt(BITS[k])) return { error: `Shift amount ${b} out of range in ${op} operation` };
      return { value: op === 'SHL' ? wrap(k, a << b) : a >> b };
    }
  }
}

export function refNot(k: AnyIntKind, a: bigint): bigint {
  return wrap(k, ~a);
}

/** Builds the canonical VM value of kind `k` (an I64 is a number exactly when |v| <= 2^53 - 1). */
export function mk(k: AnyIntKind, v: bigint): Value {
  if (k === 'i64') return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v;
  if (k === 'u64') return new VmInt('u64', v);
  return new VmInt(k, Number(v));
}

/** Reads an integer result back, asserting the representation is canonical for `k`. */
export function readInt(k: AnyIntKind, v: Value): bigint {
  if (k === 'i64') {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw new Error(`non-canonical I64 number ${v}`);
      return BigInt(v);
    }
    if (typeof v === 'bigint') {
      if (v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n) throw new Error(`non-canonical I64 bigint ${v}`);
      return v;
    }
    throw new Error(`not an I64: ${String(v)}`);
  }
  if (!(v instanceof VmInt) || v.kind !== k) throw new Error(`expected ${k}`);
  if (k === 'u64') {
    if (typeof v.v !== 'bigint') throw new Error('u64 must hold a bigint');
    return v.v;
  }
  if (typeof v.v !== 'number' || !Number.isInteger(v.v) || Object.is(v.v, -0)) throw new Error(`bad ${k} payload`);
  return BigInt(v.v);
}
