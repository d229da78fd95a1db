/**
 * The public API of stoffel-jit.
 *
 *   const program = loadProgram(bytes);              // parse + validate + link (throws BytecodeError)
 *   const result = program.run('main', [], { print: (line) => console.log(line) });
 *   const { value, output } = program.runWithOutput(); // collects printed lines instead
 *   program.runWithOutput('main', [], { mpc: { seed: 1, clientInputs: { 0: [12n, 8n] } } }).clientOutputs
 *
 * Runs go through an `Engine` (default: the reference interpreter). Errors at run time are `VmError`s
 * carrying the official StoffelVM message.
 */
import { fromJs, toJs } from '../runtime/convert.js';
import type { LocalStore } from '../runtime/host.js';
import { MemoryLocalStore } from '../runtime/storage/index.js';
import type { Value } from '../runtime/values.js';
import type { LoadedProgram } from './bytecode/loaded.js';
import { linkProgram } from './bytecode/load.js';
import type { Program } from './bytecode/model.js';
import { readProgram } from './bytecode/reader.js';
import { disassemble } from './text/disasm.js';
import type { Engine, RunOptions } from './interp/engine.js';
import { TableHeap } from './interp/heap.js';
import { interpreterEngine } from './interp/index.js';
import type { ClientOutput, MpcEngine } from '../runtime/mpc/engine.js';
import type { MpcOptions } from './mpc/options.js';
import { createProgramEngine, finishMpcRun, type MpcRunResult } from './mpc/session.js';
import { runPartiesWithApiOptions, wantsParties } from './mpc/parties/run.js';

export interface ProgramRunOptions extends Omit<RunOptions, 'mpc'> {
  /** The engine to run with (default: the reference interpreter). */
  readonly engine?: Engine;
  /**
   * MPC: an engine, or options for the simulated engine built from the program's manifest (`{}` for the
   * defaults: 5 parties, threshold 1, the manifest's curve). Without it secret operations fail with the
   * official engine-less errors. An MPC run ends as `stoffel run` does: client outputs are delivered and
   * a returned raw share is opened (see `runWithOutput` for the outputs).
   */
  readonly mpc?: MpcEngine | MpcOptions | null;
}

/**
 * `LocalStorage.*` works out of the box: each `StoffelProgram` has an in-memory store that its runs share
 * (pass `storage` to use another, or `storage: null` for the official "not configured" behaviour).
 */
function withDefaultStorage(options: ProgramRunOptions, fallback: LocalStore): ProgramRunOptions {
  return options.storage === undefined ? { ...options, storage: fallback } : options;
}

export interface RunOutput {
  readonly value: Value;
  /** The lines the program printed, in order. */
  readonly output: string[];
  /** What each known client received; present for MPC runs only. */
  readonly clientOutputs?: readonly ClientOutput[];
}

export class StoffelProgram {
  constructor(
    /** The file as typed data. */
    readonly program: Program,
    /** The validated, linked form the engines run. */
    readonly loaded: LoadedProgram,
  ) {}

  /** The in-memory `LocalStorage` shared by this program's runs unless a run passes its own. */
  readonly storage: LocalStore = new MemoryLocalStore();

  /** Names of the program's functions, in file order. */
  get functionNames(): string[] {
    return [...this.loaded.functions.keys()];
  }

  /**
   * Runs `entry` with VM-value arguments and returns its result. Printed lines go to `options.print`
   * (default: `console.log`). Throws `VmError` on a run-time failure.
   */
  run(entry = 'main', args: readonly Value[] = [], options: ProgramRunOptions = {}): Value {
    return this.execute(entry, args, options).value;
  }

  /** Runs with an MPC engine (`options.mpc`, default `{}`: the simulated engine) and returns the end of the run. */
  runMpc(entry = 'main', args: readonly Value[] = [], options: ProgramRunOptions = {}): MpcRunResult {
    return this.mpcRun(entry, args, options, options.mpc ?? {});
  }

  private execute(entry: string, args: readonly Value[], options: ProgramRunOptions): { value: Value; mpc?: MpcRunResult } {
    if (options.mpc == null) return { value: this.runWith(entry, args, options, null) };
    const result = this.mpcRun(entry, args, options, options.mpc);
    return { value: result.value, mpc: result };
  }

  /** An MPC run: on one engine, or (`mode: 'parties'`) as n parties in worker threads. */
  private mpcRun(entry: string, args: readonly Value[], options: ProgramRunOptions, mpc: MpcEngine | MpcOptions): MpcRunResult {
    if (wantsParties(mpc)) return runPartiesWithApiOptions(this.loaded, entry, args, mpc, options);
    const engine = this.mpcEngine(mpc);
    return finishMpcRun(engine, this.runWith(entry, args, options, engine));
  }

  private runWith(entry: string, args: readonly Value[], options: ProgramRunOptions, mpc: MpcEngine | null): Value {
    const engine = options.engine ?? interpreterEngine;
    return engine.run(this.loaded, entry, args, { ...withDefaultStorage(options, this.storage), mpc });
  }

  private mpcEngine(mpc: MpcEngine | MpcOptions): MpcEngine {
    return typeof (mpc as Partial<MpcEngine>).finishRun === 'function'
      ? (mpc as MpcEngine)
      : createProgramEngine(this.loaded, mpc as MpcOptions);
  }

  /** Like `run`, collecting the printed lines (also passed on to `options.print` when given). */
  runWithOutput(entry = 'main', args: readonly Value[] = [], options: ProgramRunOptions = {}): RunOutput {
    const output: string[] = [];
    const forward = options.print;
    const result = this.execute(entry, args, {
      ...options,
      print: (line) => {
        output.push(line);
        forward?.(line);
      },
    });
    return result.mpc ? { value: result.value, output, clientOutputs: result.mpc.clientOutputs } : { value: result.value, output };
  }

  /**
   * Runs `entry` with plain JS arguments (converted by `fromJs`, tables taking ids from the run's heap)
   * and returns the result converted by `toJs`.
   */
  runJs(entry = 'main', args: readonly unknown[] = [], options: ProgramRunOptions = {}): unknown {
    const heap = options.heap ?? new TableHeap();
    const vmArgs = args.map((a) => fromJs(a, heap));
    return toJs(this.run(entry, vmArgs, { ...options, heap }));
  }

  /** The text form (.stfasm). */
  disassemble(): string {
    return disassemble(this.program);
  }
}

/** Parses (unless given a `Program`), validates and links a program. Throws `BytecodeError`. */
export function loadProgram(input: Uint8Array | Program): StoffelProgram {
  const program = input instanceof Uint8Array ? readProgram(input) : input;
  return new StoffelProgram(program, linkProgram(program));
}

// Values and conversions
export * from '../runtime/values.js';
export { fromJs, toJs, type JsClosure, type JsForeign, type JsShare } from '../runtime/convert.js';
export { debugString, printString, resultString, formatF64 } from '../runtime/format.js';
export { valueEquals } from '../runtime/equality.js';

// Errors
export { VmError, BuiltinError, wrapBuiltinError, type VmErrorKind } from '../runtime/errors.js';
export { BytecodeError, type BytecodeErrorKind, type BytecodeErrorDetails } from './bytecode/errors.js';
export { AsmError } from './text/errors.js';

// Hooks
export type * from '../runtime/hooks.js';
export * from '../runtime/hooks/index.js';

// Hosts, engines, MPC
export { NOT_FOUND, type Heap, type LocalStore, type VmHost } from '../runtime/host.js';
export { MemoryLocalStore } from '../runtime/storage/index.js';
export type { Builtin, BuiltinHost } from '../runtime/builtins/types.js';
export type { MpcEngine, ShareBinaryOp } from '../runtime/mpc/engine.js';
export type { ClientOutput, ClientOutputValue } from '../runtime/mpc/engine.js';
export {
  createSimulatedEngine, MpcConfigError, SimulatedEngine, CURVES, parseCurve,
  type ClientInputValue, type SimulatedEngineOptions, type CurveConfig, type CurveName, type CorruptionPolicy, type Seed,
} from '../runtime/mpc/index.js';
export * from './mpc/index.js';
export type { Engine, HostFunction, RunOptions } from './interp/engine.js';
export { interpret, interpreterEngine, instructionText } from './interp/index.js';
export { TableHeap } from './interp/heap.js';

// The compiler
export { compiledEngine } from './compiled-engine.js';
export { compileProgram, DEFAULT_RUNTIME_IMPORT, type CompileOptions, type CompiledProgram } from './compile.js';
export type { CompiledRunOptions } from '../runtime/compiled/run.js';

// Bytecode and text form
export type * from './bytecode/model.js';
export { FORMAT_VERSION, OPCODES, CONSTANT_TAGS } from './bytecode/model.js';
export type { LoadedFunction, LoadedProgram } from './bytecode/loaded.js';
export { readProgram } from './bytecode/reader.js';
export { writeProgram } from './bytecode/writer.js';
export { linkProgram, type LinkOptions } from './bytecode/load.js';
export { assemble } from './text/asm.js';
export { disassemble } from './text/disasm.js';
