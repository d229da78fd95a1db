/** Constant-pool entries as runtime values (architecture.md "Values"). */
import { VmFloat, VmInt, i64, type Value } from '../../runtime/values.js';
import type { Constant } from './model.js';

const scratch = new DataView(new ArrayBuffer(8));

/** The f64 whose IEEE-754 bit pattern is `bits` (an unsigned 64-bit integer). */
export function floatFromBits(bits: bigint): number {
  scratch.setBigUint64(0, bits, true);
  return scratch.getFloat64(0, true);
}

export function constantValue(c: Constant): Value {
  switch (c.kind) {
    case 'unit': return undefined;
    case 'i64': return i64(c.value);
    case 'u64': return new VmInt('u64', c.value);
    case 'i32': case 'i16': case 'i8': case 'u8': case 'u16': case 'u32':
      return new VmInt(c.kind, c.value);
    case 'float': return new VmFloat(floatFromBits(c.bits));
    case 'bool': return c.byte !== 0;
    case 'string': return c.value;
  }
}
