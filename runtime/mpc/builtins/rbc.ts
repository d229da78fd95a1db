/**
 * `Rbc.*`: the reference's plain best-effort broadcast (builtins-mpc §6), over the engine's transport
 * (broadcast.ts: the single-view simulation, or the coordinator of a parties run).
 */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { VmObject } from '../../values.js';
import type { RbcTransport } from '../broadcast.js';
import { toUnsigned, toUsize } from '../codec.js';
import { requireExact, requireMin } from '../vm-values.js';

/** A timeout as milliseconds (u64 values beyond 2^53 wait "forever"). */
function millis(v: bigint): number {
  return Number(v > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : v);
}

export function rbcBuiltins(rbc: RbcTransport): [string, Builtin][] {
  return [
    ['Rbc.broadcast', (_host, args) => {
      requireExact('Rbc.broadcast', args, 1, '1 argument: message');
      const message = args[0];
      if (typeof message !== 'string') throw new BuiltinError('Message must be a string');
      return rbc.broadcast(message);
    }],
    ['Rbc.receive', (_host, args) => {
      requireMin('Rbc.receive', args, 2, '2 arguments: from_party, timeout_ms');
      const from = toUsize(args[0], 'from_party');
      return rbc.receive(from, millis(toUnsigned(args[1], 'timeout_ms')));
    }],
    ['Rbc.receive_any', (host, args) => {
      requireExact('Rbc.receive_any', args, 1, '1 argument: timeout_ms');
      const { party, message } = rbc.receiveAny(millis(toUnsigned(args[0], 'timeout_ms')));
      const obj = new VmObject(host.heap.nextId());
      obj.entries.set('party_id', { key: 'party_id', value: party });
      obj.entries.set('message', { key: 'message', value: message });
      return obj;
    }],
  ];
}
