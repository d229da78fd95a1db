/**
 * Instructions with secret-share operands. Classification follows the official VM: the clear cases are
 * tried first (by the callers), then share pairs, then share-with-integer-scalar; only once an operation is
 * known to be valid is the MPC engine needed, so type errors and the specific "not supported" messages do
 * not depend on whether an engine is configured. Without one, valid share operations fail with
 * `MPC engine not configured`.
 *
 * For ADD/SUB/MUL/DIV a *share object* (an Object whose `"__type"` entry is the String `"Share"` and whose
 * `"__data"` entry is a Share) counts as its share; `mpc.binary` receives the unwrapped share, and clear
 * scalars unchanged. The other instructions see share objects as ordinary objects.
 */
import { VmError } from '../errors.js';
import type { MpcEngine } from '../mpc/engine.js';
import { I64_MAX, Share, VmFloat, VmInt, VmObject, isI64, type ShareType, type Value } from '../values.js';
import { typeError, type OpName } from './errors.js';

type ArithOp = 'ADD' | 'SUB' | 'MUL' | 'DIV';
type BitOp = 'AND' | 'OR' | 'XOR';

export function engine(mpc: MpcEngine | null): MpcEngine {
  if (mpc === null) throw new VmError('MPC engine not configured', 'Mpc');
  return mpc;
}

export function sameShareType(a: ShareType, b: ShareType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'fixed') return b.kind === 'fixed' && a.totalBits === b.totalBits && a.fracBits === b.fracBits;
  return a.bits === (b as { bits: number }).bits;
}

/** A secret bool is `SecretInt { bit_length: 1 }`. */
export function isBoolShareType(t: ShareType): boolean {
  return t.kind === 'int' && t.bits === 1;
}

/** The share an ADD/SUB/MUL/DIV operand stands for: a raw share or a well-formed share object. */
export function arithShare(v: Value): Share | null {
  if (v instanceof Share) return v;
  if (v instanceof VmObject && v.entries.get('__type')?.value === 'Share') {
    const data = v.entries.get('__data')?.value;
    if (data instanceof Share) return data;
  }
  return null;
}

function mismatch(op: OpName): VmError {
  return new VmError(`Share type mismatch in ${op} operation`, 'Mpc');
}

function unsupported(message: string): VmError {
  return new VmError(message, 'Mpc');
}

function isIntegerValue(v: Value): boolean {
  return isI64(v) || v instanceof VmInt;
}

/** A clear integer used as a share scalar must fit in i64 (only a large U64 does not). */
function checkScalar(v: Value): void {
  if (v instanceof VmInt && v.kind === 'u64' && (v.v as bigint) > I64_MAX) {
    throw new VmError('share scalar exceeds i64 range', 'Value');
  }
}

/** `round(d · 2^f)` fits in i64: the official fixed-point division path accepts the divisor. */
function fixedDivisorAccepted(fracBits: number, divisor: Value): boolean {
  let d: number;
  if (divisor instanceof VmFloat) d = divisor.v;
  else if (isI64(divisor)) d = Number(divisor);
  else if (divisor instanceof VmInt) d = Number(divisor.v);
  else return false;
  const scaled = d * 2 ** fracBits;
  // Rust's f64::round rounds half away from zero.
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return Number.isFinite(rounded) && rounded >= -(2 ** 63) && rounded < 2 ** 63;
}

/** ADD/SUB/MUL/DIV after the clear cases failed. */
export function shareArith(op: ArithOp, a: Value, b: Value, mpc: MpcEngine | null): Value {
  const sa = arithShare(a);
  const sb = arithShare(b);
  if (sa !== null && sb !== null) {
    if (!sameShareType(sa.type, sb.type)) throw mismatch(op);
    if (op === 'DIV') throw unsupported('Share/Share division is not supported on secret shares');
    return engine(mpc).binary(op, sa, sb);
  }
  if (sa !== null) {
    if (op === 'DIV' && sa.type.kind === 'fixed' && fixedDivisorAccepted(sa.type.fracBits, b)) {
      return engine(mpc).binary(op, sa, b);
    }
    if (isIntegerValue(b)) {
      checkScalar(b);
      return engine(mpc).binary(op, sa, b);
    }
    // Secret × public float exists only in engine-backed execution (mpc-model.md §5.1).
    if (op === 'MUL' && b instanceof VmFloat && mpc !== null) return mpc.binary(op, sa, b);
  } else if (sb !== null && op !== 'DIV') {
    if (isIntegerValue(a)) {
      checkScalar(a);
      return engine(mpc).binary(op, a, sb);
    }
    if (op === 'MUL' && a instanceof VmFloat && mpc !== null) return mpc.binary(op, a, sb);
  }
  throw typeError(op);
}

/** MOD after the clear cases failed: shares are never supported. */
export function shareMod(a: Value, b: Value): never {
  if (a instanceof Share && b instanceof Share) {
    if (!sameShareType(a.type, b.type)) throw mismatch('MOD');
    throw unsupported('Share/Share modulo is not supported on secret shares');
  }
  throw typeError('MOD');
}

function onlyBool(op: BitOp | 'NOT'): VmError {
  return unsupported(`Bitwise ${op} is only supported on secret bool shares`);
}

/** AND/OR/XOR after the clear cases failed: only two secret bools of the same type. */
export function shareBitwise(op: BitOp, a: Value, b: Value, mpc: MpcEngine | null): Value {
  const aShare = a instanceof Share;
  const bShare = b instanceof Share;
  if (aShare && bShare) {
    if (!sameShareType(a.type, b.type)) throw mismatch(op);
    if (!isBoolShareType(a.type)) throw onlyBool(op);
    return engine(mpc).binary(op, a, b);
  }
  if (aShare || bShare) throw onlyBool(op);
  throw typeError(op);
}

/** NOT after the clear cases failed. */
export function shareNot(a: Value, mpc: MpcEngine | null): Value {
  if (a instanceof Share) {
    if (!isBoolShareType(a.type)) throw onlyBool('NOT');
    return engine(mpc).not(a);
  }
  throw typeError('NOT');
}

/** SHL/SHR after the clear cases failed. */
export function shiftFailure(op: 'SHL' | 'SHR', a: Value, b: Value): never {
  if (a instanceof Share || b instanceof Share) {
    throw unsupported(op === 'SHL' ? 'Left shift is not supported on secret shares' : 'Right shift is not supported on secret shares');
  }
  throw typeError(op);
}
