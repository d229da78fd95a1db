/**
 * What an execution engine is given: the seam between the CLI / public API and the engines (the reference
 * interpreter here; the compiled-module engine implements the same interface).
 */
import type { RunOptions } from '../../runtime/run-options.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';

export type { HostFunction } from '../../runtime/compiled/calls.js';
export type { RunOptions } from '../../runtime/run-options.js';


export interface Engine {
  readonly name: string;
  /** Runs `entry` with `args`; returns its result or throws a `VmError`. */
  run(loaded: LoadedProgram, entry: string, args: readonly Value[], options?: RunOptions): Value;
}
