/**
 * A parties-mode run (architecture A, docs/mpc.md): n worker threads run the program, one per party,
 * each with an engine holding only its own shares; the calling thread coordinates them (coordinator.ts)
 * and ends the run like `stoffel run`: a returned raw share was opened collectively, every party's
 * formatted return value must agree, party 0's output and value are the run's, and the clients' outputs
 * are reconstructed from the parties' shares.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { VmError } from '../../../runtime/errors.js';
import { Dealer } from '../../../runtime/mpc/dealer.js';
import { Drbg, randomSeed, seedBytes } from '../../../runtime/mpc/drbg.js';
import {
  CoordinatorChannel, createChannelBuffers, createDoorbell, Doorbell, type ChannelBuffers,
} from '../../../runtime/mpc/party-channel.js';
import { MpcConfigError } from '../../../runtime/mpc/simulated-engine.js';
import type { Value } from '../../../runtime/values.js';
import type { LoadedProgram } from '../../bytecode/loaded.js';
import { writeProgram } from '../../bytecode/writer.js';
import type { MpcOptions } from '../options.js';
import { createProgramEngine, type MpcRunResult } from '../session.js';
import { Coordinator, type CoordinatorOutcome } from './coordinator.js';
import type { PartyEngineName, PartyWorkerData } from './protocol-messages.js';
import { fromWire, toWire } from './value-wire.js';
import { partyWorkerScript } from './worker-script.js';

export interface PartiesRunOptions {
  /** The execution engine every party runs: its name (`interp`, `compiled`), default `interp`. */
  readonly engine?: string;
  /** Receives party 0's printed lines (default `console.log`). */
  readonly print?: (line: string) => void;
  readonly maxInstructions?: number;
  readonly maxCallDepth?: number;
  /** Payload area of each party's channel in bytes (default 64 KiB); longer messages go in chunks. */
  readonly channelBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 180_000;

/**
 * Runs `entry` as n parties. Throws `MpcConfigError` for options the run cannot use, `VmError` when the
 * run fails: a party's execution error (the lowest-numbered failing party's), diverging parties,
 * inconsistent return values, or the time limit.
 */
export function runParties(
  loaded: LoadedProgram,
  entry: string,
  args: readonly Value[],
  mpc: MpcOptions,
  options: PartiesRunOptions = {},
): MpcRunResult {
  const engine = partyEngine(options.engine ?? 'interp');
  if (mpc.partyId !== undefined) throw new MpcConfigError('partyId cannot be chosen in parties mode (every party runs)');
  const seed = mpc.seed === undefined ? randomSeed() : seedBytes(mpc.seed);
  const partyOptions: MpcOptions = { ...mpc, seed, mode: undefined, timeoutMs: undefined };
  // Checks the options (topology, curve, client inputs) here, before any thread starts.
  const probe = createProgramEngine(loaded, partyOptions);
  if (probe.backend !== 'honeybadger') {
    throw new MpcConfigError(`parties mode supports the honeybadger backend only, not '${probe.backend}'`);
  }
  const timeoutMs = mpc.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new MpcConfigError(`timeoutMs must be positive, got ${timeoutMs}`);

  const n = probe.nParties;
  const doorbell = createDoorbell();
  const buffers: ChannelBuffers[] = Array.from({ length: n }, () => createChannelBuffers(doorbell, options.channelBytes));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const program = writeProgram(loaded.program);
  const wireArgs = args.map(toWire);
  const script = partyWorkerScript();
  try {
    for (let partyId = 0; partyId < n; partyId++) {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1);
      const workerData: PartyWorkerData = {
        partyId, program, entry, args: wireArgs, engine, mpc: partyOptions,
        maxInstructions: options.maxInstructions, maxCallDepth: options.maxCallDepth,
        buffers: buffers[partyId]!, port: port2,
      };
      const worker = new Worker(script.url, { workerData, transferList: [port2], execArgv: [...script.execArgv] });
      // Workers report failures on their port; an 'error' event without a listener would crash the host.
      worker.on('error', () => {});
      worker.unref();
      workers.push(worker);
    }
    const outcome = new Coordinator({
      scheme: probe.protocol.scheme,
      dealer: new Dealer(probe.protocol.scheme, new Drbg(seed, 'dealer')),
      policy: mpc.onCorruption ?? 'error',
      channels: buffers.map((b) => new CoordinatorChannel(b)),
      ports,
      doorbell: new Doorbell(doorbell),
      print: options.print ?? ((line) => console.log(line)),
      timeoutMs,
    }).run();
    return result(outcome);
  } finally {
    for (const w of workers) void w.terminate().catch(() => {});
    for (const p of ports) p.close();
  }
}

function partyEngine(name: string): PartyEngineName {
  if (name === 'interp' || name === 'compiled') return name;
  throw new MpcConfigError(`parties mode runs the 'interp' or 'compiled' engine, not '${name}'`);
}

function result(outcome: CoordinatorOutcome): MpcRunResult {
  switch (outcome.kind) {
    case 'error':
      throw new VmError(outcome.message, 'Mpc');
    case 'failed': {
      const { message, vmKind } = outcome.report;
      throw vmKind === null ? new Error(message) : new VmError(message, vmKind);
    }
    case 'done': {
      const [leader, ...others] = outcome.reports;
      const differing = others.findIndex((r) => r.formatted !== leader!.formatted);
      if (differing >= 0) {
        throw new VmError(
          'local coordinator run did not produce consistent VM return values: ' +
            `local party party${differing + 1} returned [${rustDebug(others[differing]!.formatted)}], ` +
            `expected [${rustDebug(leader!.formatted)}] from party leader`,
          'Mpc',
        );
      }
      return {
        value: fromWire(leader!.value!),
        returned: fromWire(leader!.returned!),
        revealed: leader!.revealed,
        clientOutputs: outcome.clientOutputs,
      };
    }
  }
}

/** A string as Rust's `{:?}` prints it (the reference formats the parties' return lists that way). */
function rustDebug(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 0) out += '\\0';
    else if (c < 0x20 || c === 0x7f) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The run options of the public API, as far as a parties run can honour them. */
export interface ApiRunOptions {
  readonly engine?: { readonly name: string };
  readonly print?: (line: string) => void;
  readonly hooks?: { hasEnabled(): boolean };
  readonly hostFunctions?: unknown;
  readonly maxInstructions?: number;
  readonly maxCallDepth?: number;
}

/** `runParties` for the API's run options: hooks and host functions cannot reach the party threads. */
export function runPartiesWithApiOptions(
  loaded: LoadedProgram,
  entry: string,
  args: readonly Value[],
  mpc: MpcOptions,
  options: ApiRunOptions,
): MpcRunResult {
  if (options.hooks?.hasEnabled()) throw new MpcConfigError('hooks are not supported in parties mode');
  if (options.hostFunctions !== undefined) throw new MpcConfigError('host functions are not supported in parties mode');
  return runParties(loaded, entry, args, mpc, {
    engine: options.engine?.name,
    print: options.print,
    maxInstructions: options.maxInstructions,
    maxCallDepth: options.maxCallDepth,
  });
}

/** True for MPC options (not an engine) that ask for parties mode. */
export function wantsParties(mpc: object): mpc is MpcOptions {
  return typeof (mpc as { finishRun?: unknown }).finishRun !== 'function' && (mpc as MpcOptions).mode === 'parties';
}
