/**
 * `Rbc.*`: the reference's plain best-effort broadcast (builtins-mpc §6). In the single-view simulator
 * a broadcast by the viewing party stands for the same broadcast by every party (architecture B's
 * premise: parties run the same program), so messages "from" other parties are the viewing party's
 * messages with the same per-sender session ids. Nothing ever arrives later, so a receive with nothing
 * pending times out immediately with the reference's timeout error.
 */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { VmObject } from '../../values.js';
import { toUnsigned, toUsize } from '../codec.js';
import type { SimulatedEngine } from '../simulated-engine.js';
import { requireExact, requireMin } from '../vm-values.js';

export function rbcBuiltins(e: SimulatedEngine): [string, Builtin][] {
  /** Messages broadcast so far, in session order (the same list for every sender). */
  const sessions: string[] = [];
  /** Per sender: how many of its sessions were already delivered to this receiver. */
  const delivered = new Array<number>(e.nParties).fill(0);

  return [
    ['Rbc.broadcast', (_host, args) => {
      requireExact('Rbc.broadcast', args, 1, '1 argument: message');
      const message = args[0];
      if (typeof message !== 'string') throw new BuiltinError('Message must be a string');
      sessions.push(message);
      return sessions.length - 1;
    }],
    ['Rbc.receive', (_host, args) => {
      requireMin('Rbc.receive', args, 2, '2 arguments: from_party, timeout_ms');
      const from = toUsize(args[0], 'from_party');
      toUnsigned(args[1], 'timeout_ms');
      if (from >= e.nParties || delivered[from]! >= sessions.length) {
        throw new BuiltinError(`RBC receive timeout waiting for message from party ${from}`);
      }
      return sessions[delivered[from]!++]!;
    }],
    ['Rbc.receive_any', (host, args) => {
      requireExact('Rbc.receive_any', args, 1, '1 argument: timeout_ms');
      toUnsigned(args[0], 'timeout_ms');
      let best = -1;
      for (let party = 0; party < e.nParties; party++) {
        if (party === e.partyId || delivered[party]! >= sessions.length) continue;
        if (best < 0 || delivered[party]! < delivered[best]!) best = party;
      }
      if (best < 0) throw new BuiltinError('RBC receive_any timeout waiting for message from any party');
      const message = sessions[delivered[best]!++]!;
      const obj = new VmObject(host.heap.nextId());
      obj.entries.set('party_id', { key: 'party_id', value: best });
      obj.entries.set('message', { key: 'message', value: message });
      return obj;
    }],
  ];
}
