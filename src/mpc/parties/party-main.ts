/**
 * What one party's worker does: link the program and run the entry with the chosen execution engine,
 * unchanged and synchronously; only its MPC engine differs — it holds this party's shares and blocks on
 * the rendezvous channel for interactive steps. Reports the outcome (and party 0's printed lines).
 */
import { VmError } from '../../../runtime/errors.js';
import { resultString } from '../../../runtime/format.js';
import type { Heap } from '../../../runtime/host.js';
import type { PartyChannel } from '../../../runtime/mpc/party-channel.js';
import { createSimulatedEngine } from '../../../runtime/mpc/simulated-engine.js';
import { MemoryLocalStore } from '../../../runtime/storage/index.js';
import { linkProgram } from '../../bytecode/load.js';
import { readProgram } from '../../bytecode/reader.js';
import { compiledEngine } from '../../compiled-engine.js';
import type { Engine } from '../../interp/engine.js';
import { interpreterEngine } from '../../interp/index.js';
import { finishMpcRun, programEngineOptions } from '../session.js';
import type { PartyEngineName, PartyReport, PartyWorkerData } from './protocol-messages.js';
import { fromWire, toWire, type WireGraph } from './value-wire.js';

const ENGINES: Readonly<Record<PartyEngineName, Engine>> = { interp: interpreterEngine, compiled: compiledEngine };

export function runParty(data: PartyWorkerData, channel: PartyChannel, report: (r: PartyReport) => void): void {
  try {
    const loaded = linkProgram(readProgram(data.program));
    const engine = createSimulatedEngine({ ...programEngineOptions(loaded, data.mpc), partyId: data.partyId, channel });
    const value = ENGINES[data.engine].run(loaded, data.entry, data.args.map(fromWire), {
      print: data.partyId === 0 ? (line) => report({ kind: 'print', line }) : () => {},
      storage: new MemoryLocalStore(),
      heap: heapAfter(data.args),
      mpc: engine,
      maxInstructions: data.maxInstructions,
      maxCallDepth: data.maxCallDepth,
    });
    const result = finishMpcRun(engine, value);
    report({
      kind: 'done',
      formatted: resultString(result.value),
      revealed: result.revealed,
      ...(data.partyId === 0 ? { value: toWire(result.value), returned: toWire(result.returned) } : {}),
    });
  } catch (err) {
    report({ kind: 'failed', message: err instanceof Error ? err.message : String(err), vmKind: err instanceof VmError ? err.kind : null });
  }
}

/** Table ids for the run, after those of the entry arguments. */
function heapAfter(args: readonly WireGraph[]): Heap {
  let next = 1 + Math.max(0, ...args.flatMap((a) => a.tables.map((t) => t.id)));
  return { nextId: () => next++ };
}
