/**
 * AND / OR / XOR / NOT (semantics.md §9.4): logical on two Bools, bitwise on two's complement for two
 * values of the same integer kind (never an error); shares via shares.ts.
 */
import type { MpcEngine } from '../mpc/engine.js';
import { MAX_SAFE, VmInt, i64, isI64, type Value } from '../values.js';
import { U64_MAX, toBig } from './int.js';
import { shareBitwise, shareNot } from './shares.js';

type BitOp = 'AND' | 'OR' | 'XOR';

/** True for numbers that JS bitwise operators handle without truncation (the int32 range). */
function isInt32(x: number): boolean {
  return (x | 0) === x;
}

export function and(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a & b;
  // A bigint masked by a non-negative int32 (`x & 1`): only the low 31 bits of x matter.
  if (typeof a === 'bigint' && typeof b === 'number' && b >= 0 && isInt32(b)) return Number(BigInt.asUintN(31, a)) & b;
  return bitwise('AND', a, b, mpc);
}

export function or(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a | b;
  return bitwise('OR', a, b, mpc);
}

export function xor(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a ^ b;
  return bitwise('XOR', a, b, mpc);
}

export function not(a: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number') {
    // -a - 1 leaves the safe range only for a = 2^53 - 1.
    return a < MAX_SAFE ? -a - 1 : i64(-BigInt(a) - 1n);
  }
  if (typeof a === 'bigint') return i64(-a - 1n);
  if (typeof a === 'boolean') return !a;
  if (a instanceof VmInt) {
    switch (a.kind) {
      case 'u64':
        return new VmInt('u64', U64_MAX ^ (a.v as bigint));
      case 'u32':
        return new VmInt('u32', ~(a.v as number) >>> 0);
      case 'u16':
        return new VmInt('u16', ~(a.v as number) & 0xffff);
      case 'u8':
        return new VmInt('u8', ~(a.v as number) & 0xff);
      default:
        return new VmInt(a.kind, ~(a.v as number));
    }
  }
  return shareNot(a, mpc);
}

function bitwise(op: BitOp, a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (isI64(a)) {
    // Two's-complement BigInt operators on in-range operands stay in range.
    if (isI64(b)) return i64(bigOp(op, toBig(a), toBig(b)));
  } else if (typeof a === 'boolean') {
    if (typeof b === 'boolean') return op === 'AND' ? a && b : op === 'OR' ? a || b : a !== b;
  } else if (a instanceof VmInt) {
    if (b instanceof VmInt && b.kind === a.kind) {
      if (a.kind === 'u64') return new VmInt('u64', bigOp(op, a.v as bigint, b.v as bigint));
      // Narrow values are sign-extended int32s (or < 2^32 for u32, fixed up by >>> 0).
      const r = numOp(op, a.v as number, b.v as number);
      return new VmInt(a.kind, a.kind === 'u32' ? r >>> 0 : r);
    }
  }
  return shareBitwise(op, a, b, mpc);
}

function bigOp(op: BitOp, a: bigint, b: bigint): bigint {
  return op === 'AND' ? a & b : op === 'OR' ? a | b : a ^ b;
}

function numOp(op: BitOp, a: number, b: number): number {
  return op === 'AND' ? a & b : op === 'OR' ? a | b : a ^ b;
}
