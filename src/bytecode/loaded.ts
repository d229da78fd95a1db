/**
 * A program ready to run: validated, with jumps resolved and frame sizes normalized
 * (bytecode-format.md §7, semantics.md §3). Produced by `linkProgram` (load.ts); consumed by the
 * interpreter and the compiler.
 */
import type { Value } from '../../runtime/values.js';
import type { FunctionRecord, MpcBackend, MpcCurve, Program } from './model.js';

export interface LoadedFunction {
  readonly name: string;
  readonly record: FunctionRecord;
  /** max(registerCount, 1, paramCount, highest register operand + 1). */
  readonly frameSize: number;
  readonly arity: number;
  /**
   * For each instruction: the resolved target of a jump (0..=instruction count, the count meaning
   * "return r0"), or -1 for non-jumps. Labels are resolved with the later duplicate winning.
   */
  readonly jumpTargets: Int32Array;
}

export interface LoadedProgram {
  readonly program: Program;
  /** The constant pool as runtime values. */
  readonly constants: readonly Value[];
  /** Registered functions by name (identical duplicate records skipped), in file order. */
  readonly functions: ReadonlyMap<string, LoadedFunction>;
  readonly backend: MpcBackend;
  readonly curve: MpcCurve;
}
