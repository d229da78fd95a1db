/**
 * Checks what a host function returned: it must be a VM value in its canonical representation
 * (runtime/values.ts), since the rest of the VM relies on that (e.g. I64 equality by `===`).
 */
import { I64_MAX, I64_MIN, Share, type Value, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, i64 } from '../../runtime/values.js';

export function checkHostResult(v: unknown): Value {
  switch (typeof v) {
    case 'undefined':
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      if (Number.isSafeInteger(v)) return v === 0 ? 0 : v; // folds -0 into 0
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
