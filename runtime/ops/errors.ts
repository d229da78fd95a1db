/** The instruction-level error texts of semantics.md §9/§13. */
import { VmError } from '../errors.js';

/** Operation names as they appear in messages. */
export type OpName = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR' | 'NOT' | 'SHL' | 'SHR';

export function typeError(op: OpName): VmError {
  return new VmError(`Type error in ${op} operation`);
}

export function overflowError(op: OpName): VmError {
  return new VmError(`Integer overflow in ${op} operation`);
}

export function divisionByZero(): VmError {
  return new VmError('Division by zero');
}

export function moduloByZero(): VmError {
  return new VmError('Modulo by zero');
}
