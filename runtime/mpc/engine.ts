/**
 * The MPC engine as the VM sees it: the protocol-agnostic interface that secret values go through.
 * The interpreter and compiled code call it for bank-crossing MOVs, clear writes into secret registers
 * and instructions with share operands; the MPC builtins (`Share.*`, `ClientStore.*`, …) are bound to it.
 * Without an engine those paths fail with the official "MPC engine not configured" errors.
 */
import type { Builtin } from '../builtins/types.js';
import type { Share, Value } from '../values.js';

export type ShareBinaryOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR';

export interface MpcEngine {
  readonly partyId: number;
  readonly nParties: number;
  readonly threshold: number;
  /** Secret-shares a clear value (clear write into a secret register, clear→secret MOV). */
  shareClear(value: Value): Share;
  /** Opens a share to its clear value, decoded by the share's type (secret→clear MOV). */
  open(share: Share): Value;
  /** An arithmetic/bitwise instruction where at least one operand is a share (or share object). */
  binary(op: ShareBinaryOp, a: Value, b: Value): Value;
  /** `NOT` of a share. */
  not(a: Share): Value;
  /** The MPC builtins bound to this engine, by canonical name. */
  readonly builtins: ReadonlyMap<string, Builtin>;
}
