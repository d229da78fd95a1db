/**
 * The engines a differential run compares. A `FuzzEngine` prepares a linked program once (the compiler
 * compiles it and loads the module in-process, sharing this process's runtime) and then runs it like
 * `Engine.run`.
 */
import { runModule } from '../../runtime/compiled/run.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import { compileProgram, type CompileOptions } from '../compile.js';
import { instantiateModule } from '../compiled-engine.js';
import type { RunOptions } from '../interp/engine.js';
import { interpret } from '../interp/index.js';
import { verifyFunction } from '../ir/verify.js';

export type PreparedProgram = (entry: string, args: readonly Value[], options: RunOptions) => Value;

export interface FuzzEngine {
  readonly name: string;
  /** Whether runs honour `maxInstructions` (otherwise the runner does not pass it). */
  readonly countsInstructions: boolean;
  prepare(loaded: LoadedProgram): PreparedProgram | Promise<PreparedProgram>;
}

export const interpreterFuzzEngine: FuzzEngine = {
  name: 'interp',
  countsInstructions: true,
  prepare: (loaded) => (entry, args, options) => interpret(loaded, entry, args, options),
};

export interface CompiledEngineOptions {
  /** Compile with instruction counting, so runs can use `maxInstructions` (default false). */
  readonly countInstructions?: boolean;
  /** Run the optimizer (default true). */
  readonly optimize?: boolean;
  /** Check the IR after lifting and after every pass (default true). */
  readonly verifyIr?: boolean;
}

/** The AOT compiler (src/compile.ts) plus module loading, as a fuzz engine. */
export function compiledFuzzEngine(options: CompiledEngineOptions = {}): FuzzEngine {
  const count = options.countInstructions === true;
  const compileOptions: CompileOptions = {
    format: 'function',
    countInstructions: count,
    optimize: options.optimize ?? true,
    ...(options.verifyIr === false
      ? {}
      : {
          onPass: (pass, fn) => {
            try {
              verifyFunction(fn);
            } catch (err) {
              throw new Error(`invalid IR after ${pass} in ${fn.name}: ${(err as Error).message}`);
            }
          },
        }),
  };
  return {
    name: `compiled${count ? '+count' : ''}${compileOptions.optimize ? '' : '+noopt'}`,
    countsInstructions: count,
    prepare(loaded) {
      const mod = instantiateModule(compileProgram(loaded, compileOptions).code);
      return (entry, args, runOptions) => runModule(mod, entry, args, runOptions);
    },
  };
}
