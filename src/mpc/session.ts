/**
 * One MPC run of a program (local-simulation §7): the simulated engine built from the program's manifest
 * (clients, curve, backend) and the caller's options, and the end of the run — client outputs delivered,
 * a returned raw share opened.
 */
import type { ClientOutput, MpcEngine } from '../../runtime/mpc/engine.js';
import {
  createSimulatedEngine, MpcConfigError, type SimulatedEngine, type SimulatedEngineOptions,
} from '../../runtime/mpc/simulated-engine.js';
import { Share, type Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import { clientInputMap, MPC_MODES, type MpcOptions } from './options.js';

export interface MpcRunResult {
  /** What the run printed as its result: the returned value, a raw share opened to its clear value. */
  readonly value: Value;
  /** The entry's return value as the VM produced it. */
  readonly returned: Value;
  /** True when `returned` was a raw share that had to be opened. */
  readonly revealed: boolean;
  /** Per known client (sorted slots): the returned secret first, if any, then every `send_to_client`. */
  readonly clientOutputs: readonly ClientOutput[];
}

/**
 * The simulated engine for `loaded` (throws `MpcConfigError` for a topology, curve, backend or client
 * inputs the simulator cannot run). The manifest's clients type the client inputs and outputs.
 */
export function createProgramEngine(loaded: LoadedProgram, options: MpcOptions = {}): SimulatedEngine {
  return createSimulatedEngine(programEngineOptions(loaded, options));
}

/** The simulated-engine options for `loaded`: the caller's options over the program's manifest. */
export function programEngineOptions(loaded: LoadedProgram, options: MpcOptions): SimulatedEngineOptions {
  if (options.mode !== undefined && !MPC_MODES.includes(options.mode)) {
    throw new MpcConfigError(`MPC mode must be one of ${MPC_MODES.join(', ')}, got '${String(options.mode)}'`);
  }
  return {
    parties: options.parties,
    threshold: options.threshold,
    curve: options.curve ?? loaded.curve,
    backend: options.backend ?? loaded.backend,
    seed: options.seed,
    partyId: options.partyId,
    clients: loaded.program.manifest?.clients ?? [],
    clientInputs: clientInputMap(options.clientInputs),
    expectedOutputClients: options.expectedOutputClients,
    instanceId: options.instanceId,
    onCorruption: options.onCorruption,
  };
}

/**
 * The end of a run (local-simulation §7.7): client outputs first (a send to an unknown client index fails
 * the run, as it makes every party fail at output time), then a returned raw share is opened. Throws
 * `VmError`.
 */
export function finishMpcRun(engine: MpcEngine, returned: Value): MpcRunResult {
  const clientOutputs = engine.finishRun(returned);
  if (!(returned instanceof Share)) return { value: returned, returned, revealed: false, clientOutputs };
  return { value: engine.open(returned), returned, revealed: true, clientOutputs };
}

