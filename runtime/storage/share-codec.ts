/**
 * The MPC persistence context of `LocalStorage` (builtins-core §5): share values can only be stored and
 * loaded through the engine that made them, which binds each stored share to its backend, curve, field,
 * topology and storage key. `encodeValue` / `decodeValue` take one for the key being accessed; without
 * one a share fails with `cannot persist or load share values without MPC persistence context`.
 */
import type { Share } from '../values.js';

export interface ShareCodec {
  /** The share's persistent bytes; throws an Error whose message is the storage failure reason. */
  encode(share: Share): Uint8Array;
  /** A share from bytes written by `encode` (validated against this context). */
  decode(bytes: Uint8Array): Share;
}
