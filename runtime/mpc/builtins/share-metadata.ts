/**
 * `Share.*` metadata builtins that need no engine (builtins-core §7): they only read the share's type,
 * its share object or its data (the Feldman commitments of an AVSS share). `Share.get_party_id` needs
 * the engine only for a raw share.
 */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { Share, VmObject } from '../../values.js';
import { shareCommitments } from '../avss/feldman.js';
import { secretIntType, toI64, toUsize } from '../codec.js';
import { newByteArray, objectPartyId, requireExact, requireMin, shareArg } from '../vm-values.js';

const SHARE_TYPE_NAMES = { int: 'SecretInt', uint: 'SecretUInt', fixed: 'SecretFixedPoint' } as const;

export const SHARE_METADATA_BUILTINS: readonly [string, Builtin][] = [
  ['Share.get_type', (_host, args) => {
    requireExact('Share.get_type', args, 1, '1 argument: share');
    return SHARE_TYPE_NAMES[shareArg(args[0]).type.kind];
  }],
  ['Share.retag', (_host, args) => {
    requireExact('Share.retag', args, 2, '2 arguments: share, bit_length');
    const bits = toI64(args[1], 'bit_length');
    if (bits < 0n) throw new BuiltinError('bit_length must be non-negative');
    const s = shareArg(args[0]);
    if (s.type.kind === 'fixed') throw new BuiltinError('Share.retag requires an integer share');
    return new Share(secretIntType(Number(bits)), s.payload);
  }],
  ['Share.get_party_id', (host, args) => {
    requireExact('Share.get_party_id', args, 1, '1 argument: share');
    const v = args[0];
    if (v instanceof VmObject) {
      shareArg(v);
      return objectPartyId(v);
    }
    shareArg(v);
    if (host.mpc === null) throw new BuiltinError('MPC engine not configured');
    return host.mpc.partyId;
  }],
  ['Share.get_commitment', (host, args) => {
    requireMin('Share.get_commitment', args, 2, '2 arguments: share, index');
    const share = shareArg(args[0]);
    const index = toUsize(args[1], 'index');
    // HoneyBadger shares are opaque robust shares: only AVSS (Feldman) shares carry commitments.
    const commitments = shareCommitments(share.payload);
    if (commitments === null) throw new BuiltinError('Share does not have Feldman commitments (requires AVSS backend)');
    const commitment = commitments[index];
    if (commitment === undefined) {
      throw new BuiltinError(`Commitment index ${index} out of bounds (have ${commitments.length})`);
    }
    return newByteArray(host.heap, commitment);
  }],
  ['Share.commitment_count', (_host, args) => {
    requireExact('Share.commitment_count', args, 1, '1 argument: share');
    return shareCommitments(shareArg(args[0]).payload)?.length ?? 0;
  }],
  ['Share.has_commitments', (_host, args) => {
    requireExact('Share.has_commitments', args, 1, '1 argument: share');
    return shareCommitments(shareArg(args[0]).payload) !== null;
  }],
];
