/**
 * Test harness shared by the compiler tests (and reusable by a program generator/fuzzer): compile a
 * loaded program with the IR verifier after every pass, load the module, run it and the reference
 * interpreter, and describe each outcome as plain data (output lines, result in the CLI format, or the
 * error message and kind) so the two can be compared with `toEqual`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VmError } from '../../runtime/errors.js';
import { resultString } from '../../runtime/format.js';
import type { CompiledRunOptions } from '../../runtime/compiled/run.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../../src/bytecode/loaded.js';
import { compileProgram, type CompileOptions, type CompiledModuleExports } from '../../src/compile.js';
import type { IrFunction } from '../../src/ir/ir.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { interpret, type RunOptions } from '../../src/interp/index.js';

/** The runtime source, so compiled modules share one runtime instance with the tests (same classes). */
export const RUNTIME_SOURCE = join(import.meta.dirname, '../../runtime/index.ts');

/** What a run produced, as comparable data. */
export interface Outcome {
  readonly output: readonly string[];
  readonly result?: string;
  readonly error?: { readonly message: string; readonly kind: string };
}

let moduleCounter = 0;
const moduleDir = mkdtempSync(join(tmpdir(), 'stoffel-jit-test-'));

/** Compiles with the verifier after every pass; throws on invalid IR. */
export function compileVerified(loaded: LoadedProgram, options: CompileOptions = {}) {
  const verify = (pass: string, fn: IrFunction) => {
    try {
      verifyFunction(fn);
    } catch (err) {
      throw new Error(`after ${pass}: ${(err as Error).message}`);
    }
  };
  return compileProgram(loaded, { runtimeImport: RUNTIME_SOURCE, onPass: verify, ...options });
}

/** Loads module code through the test runner (so its runtime import resolves to the TS sources). */
export async function loadModule(code: string): Promise<CompiledModuleExports> {
  const file = join(moduleDir, `m${moduleCounter++}.mjs`);
  writeFileSync(file, code);
  return (await import(file)) as CompiledModuleExports;
}

export async function compileAndLoad(loaded: LoadedProgram, options: CompileOptions = {}): Promise<CompiledModuleExports> {
  return loadModule(compileVerified(loaded, options).code);
}

function capture(run: (print: (line: string) => void) => Value): Outcome {
  const output: string[] = [];
  try {
    const v = run((line) => output.push(line));
    return { output, result: resultString(v) };
  } catch (err) {
    if (err instanceof VmError) return { output, error: { message: err.message, kind: err.kind } };
    throw err;
  }
}

export function runInterpreter(loaded: LoadedProgram, entry = 'main', args: readonly Value[] = [], options: RunOptions = {}): Outcome {
  return capture((print) => interpret(loaded, entry, args, { ...options, print }));
}

export function runModule(mod: CompiledModuleExports, entry = 'main', args: readonly Value[] = [], options: CompiledRunOptions = {}): Outcome {
  return capture((print) => mod.run(entry, args, { ...options, print }));
}

/** Both engines on the same program; `fresh` builds arguments anew for each run (tables have identity). */
export async function runBoth(
  loaded: LoadedProgram,
  entry = 'main',
  fresh: () => Value[] = () => [],
  options: RunOptions = {},
): Promise<{ interp: Outcome; compiled: Outcome }> {
  const interp = runInterpreter(loaded, entry, fresh(), options);
  const mod = await compileAndLoad(loaded);
  const compiled = runModule(mod, entry, fresh(), options);
  return { interp, compiled };
}
