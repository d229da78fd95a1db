/**
 * The compiler as an `Engine`: `loadProgram(bytes).run(entry, args, { engine: compiledEngine })` and
 * `stoffel-jit run --engine compiled`. Each `LoadedProgram` is compiled once per build variant (plain;
 * with the call-depth counter for `maxCallDepth`; instruction-counting (and depth) for `maxInstructions`; instrumented when a hook is enabled) and loaded in-process, synchronously: the generated code is
 * evaluated as a function body with the runtime passed in, so it shares the runtime (value classes,
 * `VmError`) with the caller.
 */
import * as runtime from '../runtime/index.js';
import type { LinkedModule } from '../runtime/compiled/module.js';
import { runModule } from '../runtime/compiled/run.js';
import type { Value } from '../runtime/values.js';
import type { LoadedProgram } from './bytecode/loaded.js';
import { compileProgram } from './compile.js';
import type { Engine, RunOptions } from './interp/engine.js';

/** The builds of one program the engine may need. */
export type BuildVariant = 'plain' | 'depth' | 'counting' | 'hooks';

const builds = new WeakMap<LoadedProgram, Map<BuildVariant, LinkedModule>>();

/** Evaluates code compiled with `format: 'function'` and returns its linked module. */
export function instantiateModule(code: string): LinkedModule {
  // The code is generated: identifiers are the compiler's own and program data appear only as literals.
  const factory = new Function('$rt', code) as (rt: typeof runtime) => LinkedModule;
  return factory(runtime);
}

/** The program compiled as `variant`, compiled and loaded on first use. */
export function compiledModule(loaded: LoadedProgram, variant: BuildVariant): LinkedModule {
  let byVariant = builds.get(loaded);
  if (!byVariant) {
    byVariant = new Map();
    builds.set(loaded, byVariant);
  }
  let mod = byVariant.get(variant);
  if (!mod) {
    const { code } = compileProgram(loaded, {
      format: 'function',
      countInstructions: variant === 'counting',
      // The plain build drops the call-depth counter: without `maxCallDepth` only JS stack exhaustion limits recursion.
      callDepth: variant !== 'plain',
      hooks: variant === 'hooks',
    });
    mod = instantiateModule(code);
    byVariant.set(variant, mod);
  }
  return mod;
}

/** Which build a run needs. */
export function variantFor(options: RunOptions): BuildVariant {
  if (options.hooks?.hasEnabled()) return 'hooks';
  if (options.maxInstructions !== undefined) return 'counting';
  return options.maxCallDepth !== undefined ? 'depth' : 'plain';
}

export const compiledEngine: Engine = {
  name: 'compiled',
  run(loaded: LoadedProgram, entry: string, args: readonly Value[], options: RunOptions = {}): Value {
    return runModule(compiledModule(loaded, variantFor(options)), entry, args, options);
  },
};
