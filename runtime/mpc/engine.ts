/**
 * The MPC engine as the VM sees it: the protocol-agnostic interface that secret values go through.
 * The interpreter and compiled code call it for bank-crossing MOVs, clear writes into secret registers
 * and instructions with share operands; the MPC builtins (`Share.*`, `ClientStore.*`, …) are bound to it.
 * Without an engine those paths fail with the official "MPC engine not configured" errors.
 *
 * Engine methods throw `VmError` (kind `Mpc`) with the official message; builtins throw `BuiltinError`.
 */
import type { Builtin } from '../builtins/types.js';
import type { ShareCodec } from '../storage/share-codec.js';
import type { Share, ShareType, Value } from '../values.js';

export type ShareBinaryOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR';

/** One value a client received, decoded by the manifest output type (or the share's own type). */
export interface ClientOutputValue {
  readonly type: ShareType;
  readonly value: Value;
  /** What the client received: each party's share in the 48-byte robust encoding (mpc-model §3.3). */
  readonly shares: readonly Uint8Array[];
}

/** Everything delivered to one known client, in delivery order. */
export interface ClientOutput {
  /** Position in the sorted roster of known client slots (what `send_to_client` addresses). */
  readonly clientIndex: number;
  readonly slot: bigint;
  readonly values: readonly ClientOutputValue[];
}

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
  /**
   * End of a run (local-simulation §7.7): if the entry returned a secret (raw share or share object) and
   * clients are known, it is delivered first to every client; then all `send_to_client` records in
   * program order. Fails (VmError) when a record targets an index with no known client.
   */
  finishRun(returned: Value): readonly ClientOutput[];
  /**
   * The MPC persistence context for `LocalStorage` under storage key `key`: how this engine's shares are
   * stored and loaded. An engine without it cannot persist shares.
   */
  shareCodec?(key: Uint8Array): ShareCodec;
}
