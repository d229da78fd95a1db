/**
 * The engines a differential run compares. A `FuzzEngine` prepares a linked program once (the compiler
 * compiles and loads a module, which is asynchronous) and then runs it like `Engine.run`.
 */
import type { CompiledRunOptions } from '../../runtime/compiled/run.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import { compileProgram, loadCompiledModule, type CompileOptions, type CompiledModuleExports } from '../compile.js';
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
  /**
   * Module specifier generated code imports the runtime from. Default: the runtime next to this module
   * (`dist/runtime/index.js` when running from dist), so compiled code and the runner share one runtime.
   */
  readonly runtimeImport?: string;
  /** Loads generated code (default `loadCompiledModule`, a `data:` URL import). */
  readonly load?: (code: string) => Promise<CompiledModuleExports>;
}

/** The runtime module sitting next to this file, in the same form (`.ts` sources or built `.js`). */
export function siblingRuntimeUrl(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`../../runtime/index${ext}`, import.meta.url).href;
}

/** The AOT compiler (src/compile.ts) plus module loading, as a fuzz engine. */
export function compiledFuzzEngine(options: CompiledEngineOptions = {}): FuzzEngine {
  const count = options.countInstructions === true;
  const compileOptions: CompileOptions = {
    runtimeImport: options.runtimeImport ?? siblingRuntimeUrl(),
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
  const load = options.load ?? loadCompiledModule;
  return {
    name: `compiled${count ? '+count' : ''}${compileOptions.optimize ? '' : '+noopt'}`,
    countsInstructions: count,
    async prepare(loaded) {
      const mod = await load(compileProgram(loaded, compileOptions).code);
      return (entry, args, runOptions) => mod.run(entry, args, runOptions as CompiledRunOptions);
    },
  };
}
