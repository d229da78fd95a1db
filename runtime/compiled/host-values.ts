/**
 * Checks what a host function returned: a VM value in its canonical representation (runtime/values.ts),
 * which compiled fast paths rely on (an I64 is a safe-integer number or an out-of-range bigint, never -0).
 */
import { I64_MAX, I64_MIN, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, i64, type Value } from '../values.js';

export function checkHostResult(v: unknown): Value {
  switch (typeof v) {
    case 'undefined':
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
      throw new TypeError(`returned the number ${v}, which is not an I64 (use VmFloat for floats)`);
    case 'bigint':
      if (v < I64_MIN || v > I64_MAX) throw new TypeError(`returned ${v}, which is outside the I64 range`);
      return i64(v);
    case 'object':
      if (
        v instanceof VmInt ||
        v instanceof VmFloat ||
        v instanceof VmObject ||
        v instanceof VmArray ||
        v instanceof VmClosure ||
        v instanceof VmForeign ||
        v instanceof Share
      ) {
        return v;
      }
  }
  throw new TypeError('returned a value that is not a VM value');
}
