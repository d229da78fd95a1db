/**
 * The public API of stoffel-jit.
 *
 *   const program = loadProgram(bytes);              // parse + validate + link (throws BytecodeError)
 *   const result = program.run('main', [], { print: (line) => console.log(line) });
 *   const { value, output } = program.runWithOutput(); // collects printed lines instead
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

export interface ProgramRunOptions extends RunOptions {
  /** The engine to run with (default: the reference interpreter). */
  readonly engine?: Engine;
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
    const engine = options.engine ?? interpreterEngine;
    return engine.run(this.loaded, entry, args, withDefaultStorage(options, this.storage));
  }

  /** Like `run`, collecting the printed lines (also passed on to `options.print` when given). */
  runWithOutput(entry = 'main', args: readonly Value[] = [], options: ProgramRunOptions = {}): RunOutput {
    const output: string[] = [];
    const forward = options.print;
    const value = this.run(entry, args, {
      ...options,
      print: (line) => {
        output.push(line);
        forward?.(line);
      },
    });
    return { value, output };
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
export type { Engine, HostFunction, RunOptions } from './interp/engine.js';
export { interpret, interpreterEngine, instructionText } from './interp/index.js';
export { TableHeap } from './interp/heap.js';

// Bytecode and text form
export type * from './bytecode/model.js';
export { FORMAT_VERSION, OPCODES, CONSTANT_TAGS } from './bytecode/model.js';
export type { LoadedFunction, LoadedProgram } from './bytecode/loaded.js';
export { readProgram } from './bytecode/reader.js';
export { writeProgram } from './bytecode/writer.js';
export { linkProgram, type LinkOptions } from './bytecode/load.js';
export { assemble } from './text/asm.js';
export { disassemble } from './text/disasm.js';
