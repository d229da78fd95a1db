/**
 * The MPC options of `stoffel-jit run` (local-simulation §2–3): registration, validation, and the end of
 * an MPC run on the console.
 *
 * A program that needs MPC (see `programUsesMpc`) — or any run given an MPC option — gets the simulated
 * engine: n = 5, t = 1, curve and backend from the manifest unless overridden. `--no-mpc` runs without an
 * engine, like `stoffel-run` in local mode. `--mpc-mode parties` runs the program as n parties in worker
 * threads instead (docs/mpc.md, architecture A).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Seed } from '../../runtime/mpc/drbg.js';
import type { ClientOutput } from '../../runtime/mpc/engine.js';
import { MpcConfigError, type ClientInputValue, type SimulatedEngine } from '../../runtime/mpc/simulated-engine.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import type { Engine, RunOptions } from '../interp/engine.js';
import { MPC_MODES, type MpcMode, type MpcOptions } from '../mpc/options.js';
import { runParties } from '../mpc/parties/run.js';
import { ClientInputSyntaxError, parseClientInputFlag } from '../mpc/client-input-syntax.js';
import { programUsesMpc } from '../mpc/detect.js';
import { clientOutputLines } from '../mpc/format.js';
import { createProgramEngine, finishMpcRun, type MpcRunResult } from '../mpc/session.js';
import type { CliIo } from './io.js';

/** The flags `addMpcOptions` registers, as commander hands them over. */
export interface MpcFlags {
  /** False with `--no-mpc`. */
  readonly mpc: boolean;
  readonly parties?: number;
  readonly threshold?: number;
  readonly curve?: string;
  readonly field?: string;
  readonly backend?: string;
  readonly protocol?: string;
  readonly seed?: string;
  /** `--client-input` and `--client-inputs` values together, in command-line order. */
  readonly clientInput?: readonly string[];
  readonly clientInputs?: readonly string[];
  readonly expectedOutputClients?: number;
  readonly showClientOutputs?: boolean;
  readonly mpcMode?: MpcMode;
  readonly timeoutSecs?: number;
  /** The `run` command's trace flags: hooks cannot reach the party threads of parties mode. */
  readonly traceInstr?: boolean;
  readonly traceRegs?: boolean;
  readonly traceStack?: boolean;
}

const HELP = `
MPC: a program that uses secret values, ClientStore or MPC builtins runs on the simulated engine
(one process, real Shamir shares for all parties; prints party 0's output). With --mpc-mode parties
each party runs the program in its own thread holding only its own shares; diverging parties and
inconsistent return values fail the run. Accepted spellings:
  --client-input SLOT=VALUE (alias --client-inputs), repeatable; values for one slot keep flag order.
      VALUE: integer (i64 or u64, optional suffix i8..i64, u8..u64), true/false, 0x hex bytes,
      [a, b] or a,b (several inputs). Fixed-point inputs are given scaled by 2^16.
  --expected-output-clients N, --parties N, --threshold T, --curve NAME (alias --field),
  --backend honeybadger|avss (alias --protocol; parties mode: honeybadger only), --seed S (integer, 0x bytes or text).
  --timeout-secs S (parties mode: fail the run after S seconds, default 180).
Not supported: --client-input-file, --client-output-count, --input NAME=VALUE.`;

/** Registers the MPC options on the `run` command. */
export function addMpcOptions(command: Command): Command {
  // Both spellings append to one list so inputs for a slot keep their command-line order.
  const inputs: string[] = [];
  const collectInput = (value: string): string[] => {
    inputs.push(value);
    return inputs;
  };
  return command
    .option('--no-mpc', 'run without an MPC engine even if the program uses secret values')
    .option('--parties <n>', 'number of MPC parties (default 5)', positive)
    .option('--threshold <t>', 'corruption threshold (default 1; n >= 3t + 1)', nonNegative)
    .option('--curve <name>', "MPC curve (default: the program's manifest curve)")
    .addOption(new Option('--field <name>').hideHelp())
    .option('--backend <name>', "MPC backend (default: the program's manifest backend)")
    .addOption(new Option('--protocol <name>').hideHelp())
    .option('--seed <seed>', 'seed for all MPC randomness (the same seed gives the same run)')
    .addOption(new Option('--client-input <SLOT=VALUE>', 'a client input (repeatable)').argParser(collectInput))
    .addOption(new Option('--client-inputs <SLOT=VALUE>').hideHelp().argParser(collectInput))
    .option('--expected-output-clients <n>', 'declare client slots 0..N-1 as known clients', nonNegative)
    .option('--show-client-outputs', 'print what each client received, decoded by the manifest types')
    .addOption(new Option('--mpc-mode <mode>', 'single (one simulated process) or parties (a thread per party)').choices(MPC_MODES))
    .option('--timeout-secs <s>', 'parties mode: fail the run after this many seconds (default 180)', positive)
    .addHelpText('after', HELP);
}

/** An MPC run on the console. */
export class CliMpcRun {
  constructor(
    /** The single-mode engine (in parties mode: only built to check the options). */
    private readonly engine: SimulatedEngine,
    private readonly options: MpcOptions,
    private readonly showClientOutputs: boolean,
  ) {}

  private clientOutputs: readonly ClientOutput[] = [];

  /**
   * Runs the entry with `engine` — on the simulated engine, or as n parties — and ends the run: client
   * outputs delivered, a returned raw share opened (announced on stderr as the reference does). Returns
   * the value to print. Throws `VmError`.
   */
  run(io: CliIo, engine: Engine, loaded: LoadedProgram, entry: string, args: readonly Value[], options: RunOptions): Value {
    const result: MpcRunResult = this.options.mode === 'parties'
      ? runParties(loaded, entry, args, this.options, {
        engine: engine.name,
        print: options.print,
        maxInstructions: options.maxInstructions,
        maxCallDepth: options.maxCallDepth,
      })
      : finishMpcRun(this.engine, engine.run(loaded, entry, args, { ...options, mpc: this.engine }));
    if (result.revealed) io.stderr('Program returned a secret share, revealing...\n');
    this.clientOutputs = result.clientOutputs;
    return result.value;
  }

  /** Prints the client outputs after the result line when asked to. */
  report(io: CliIo): void {
    if (!this.showClientOutputs) return;
    for (const line of clientOutputLines(this.clientOutputs)) io.stdout(`${line}\n`);
  }
}

/**
 * The MPC run the flags ask for: null when the run needs no engine, or the error message (client-input
 * syntax and validation errors carry the official texts).
 */
export function mpcRunFromFlags(loaded: LoadedProgram, flags: MpcFlags): CliMpcRun | null | string {
  const inputs = flags.clientInput ?? flags.clientInputs ?? [];
  const curve = flags.curve ?? flags.field;
  const backend = flags.backend ?? flags.protocol;
  const given = [flags.parties, flags.threshold, curve, backend, flags.seed, flags.expectedOutputClients, flags.mpcMode, flags.timeoutSecs]
    .some((v) => v !== undefined) || inputs.length > 0 || flags.showClientOutputs === true;
  if (!flags.mpc) return given ? '--no-mpc cannot be combined with MPC options' : null;
  if (flags.mpcMode === 'parties' && (flags.traceInstr || flags.traceRegs || flags.traceStack)) {
    return 'trace flags cannot be combined with --mpc-mode parties';
  }
  if (!given && !programUsesMpc(loaded)) return null;
  try {
    const clientInputs = new Map<bigint, ClientInputValue[]>();
    for (const raw of inputs) {
      const { slot, values } = parseClientInputFlag(raw);
      clientInputs.set(slot, [...(clientInputs.get(slot) ?? []), ...values]);
    }
    const options: MpcOptions = {
      parties: flags.parties,
      threshold: flags.threshold,
      curve,
      backend,
      seed: flags.seed === undefined ? undefined : parseSeed(flags.seed),
      clientInputs,
      expectedOutputClients: flags.expectedOutputClients,
      mode: flags.mpcMode,
      timeoutMs: flags.timeoutSecs === undefined ? undefined : flags.timeoutSecs * 1000,
    };
    const engine = createProgramEngine(loaded, options);
    if (options.mode === 'parties' && engine.backend !== 'honeybadger') {
      return `parties mode supports the honeybadger backend only, not '${engine.backend}'`;
    }
    return new CliMpcRun(engine, options, flags.showClientOutputs === true);
  } catch (err) {
    if (err instanceof ClientInputSyntaxError || err instanceof MpcConfigError) return err.message;
    throw err;
  }
}

/** `0x…` (an even number of hex digits) is raw seed bytes, a decimal integer a number, anything else text. */
export function parseSeed(text: string): Seed {
  if (/^0x([0-9a-f]{2})+$/i.test(text)) {
    return Uint8Array.from(text.slice(2).match(/../g)!, (pair) => parseInt(pair, 16));
  }
  return /^\d+$/.test(text) ? BigInt(text) : text;
}

function positive(text: string): number {
  const n = nonNegative(text);
  if (n === 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegative(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError('expected a non-negative integer');
  }
  return Number(text);
}
