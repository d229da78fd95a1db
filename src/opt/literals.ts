/** Conversions between IR literals and runtime values, for evaluating instructions at compile time. */
import { floatFromBits } from '../bytecode/constant-value.js';
import { VmFloat, VmInt, i64, type Value } from '../../runtime/values.js';
import type { Lit } from '../ir/ir.js';

const scratch = new DataView(new ArrayBuffer(8));

export function floatBits(x: number): bigint {
  scratch.setFloat64(0, x, true);
  return scratch.getBigUint64(0, true);
}

/** The runtime value of a literal (flags have none). */
export function litValue(l: Lit): Value {
  switch (l.kind) {
    case 'unit':
      return undefined;
    case 'i64':
      return i64(l.value);
    case 'int':
      return new VmInt(l.int, l.int === 'u64' ? l.value : Number(l.value));
    case 'float':
      return new VmFloat(floatFromBits(l.bits));
    case 'bool':
      return l.value;
    case 'string':
      return l.value;
    case 'flag':
      throw new Error('a compare flag is not a VM value');
  }
}

/** The literal for a scalar runtime value, or null for values literals cannot express (tables, shares…). */
export function valueLit(v: Value): Lit | null {
  switch (typeof v) {
    case 'undefined':
      return { kind: 'unit' };
    case 'number':
    case 'bigint':
      return { kind: 'i64', value: BigInt(v) };
    case 'boolean':
      return { kind: 'bool', value: v };
    case 'string':
      return { kind: 'string', value: v };
  }
  if (v instanceof VmInt) return { kind: 'int', int: v.kind, value: BigInt(v.v) };
  if (v instanceof VmFloat) return { kind: 'float', bits: floatBits(v.v) };
  return null;
}
