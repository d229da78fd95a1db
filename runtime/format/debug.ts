/**
 * The Rust Debug form of values (semantics.md §2), used by error messages (`Cannot compare "a" and 1`),
 * traces, and by `print`/`to_string` for scalars.
 */
import {
  INT_KINDS, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject,
  type ShareType, type Value,
} from '../values.js';
import { formatF64 } from './float.js';

/** `SecretInt { bit_length: 64 }`, `SecretUInt { bit_length: 32 }`, `SecretFixedPoint { precision: … }`. */
export function shareTypeDebug(t: ShareType): string {
  switch (t.kind) {
    case 'int':
      return `SecretInt { bit_length: ${t.bits} }`;
    case 'uint':
      return `SecretUInt { bit_length: ${t.bits} }`;
    case 'fixed':
      return `SecretFixedPoint { precision: FixedPointPrecision { total_bits: ${t.totalBits}, fractional_bits: ${t.fracBits} } }`;
  }
}

/**
 * `42`, `42i32`, `7u64`, `1.5f64`, `true`, `"text"` (quoted, no escaping), `()`, `Object(3)`, `Array(4)`,
 * `Function(name)`, `Foreign(1)`, `Share(SecretInt { bit_length: 64 })`.
 */
export function debugString(v: Value): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return String(v);
    case 'string':
      return `"${v}"`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '()';
  }
  if (v instanceof VmInt) return String(v.v) + INT_KINDS[v.kind].suffix;
  if (v instanceof VmFloat) return formatF64(v.v) + 'f64';
  if (v instanceof VmArray) return `Array(${v.id})`;
  if (v instanceof VmObject) return `Object(${v.id})`;
  if (v instanceof VmClosure) return `Function(${v.fn})`;
  if (v instanceof VmForeign) return `Foreign(${v.id})`;
  return shareDebug(v);
}

/** `Share(<share type Debug>)`. */
export function shareDebug(v: Share): string {
  return `Share(${shareTypeDebug(v.type)})`;
}
