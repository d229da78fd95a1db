/**
 * The compiled engine for the runner: compile a prepared program with `compileProgram` (timed), write the
 * module to a temporary file and import it. The module imports the same runtime build the interpreter
 * uses (dist/runtime/index.js), so both engines share one set of value classes.
 *
 * The compiler is loaded dynamically: when it is missing or fails to load, the runner reports the compiled
 * engine as unavailable instead of failing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompileOptions, CompiledModuleExports, CompiledProgram } from '../src/compile.js';
import type { LoadedProgram } from '../src/bytecode/loaded.js';
import type { PreparedProgram } from './program.js';

type Compile = (loaded: LoadedProgram, options?: CompileOptions) => CompiledProgram;

export type CompilerStatus = { readonly available: true; readonly compile: Compile } | { readonly available: false; readonly reason: string };

export async function loadCompiler(): Promise<CompilerStatus> {
  try {
    const mod = (await import('../src/compile.js')) as { compileProgram?: unknown };
    if (typeof mod.compileProgram !== 'function') return { available: false, reason: 'src/compile.js exports no compileProgram' };
    return { available: true, compile: mod.compileProgram as Compile };
  } catch (err) {
    return { available: false, reason: `cannot load the compiler: ${(err as Error).message}` };
  }
}

/** The runtime the generated modules import: the build next to this file (dist/runtime/index.js). */
const RUNTIME_URL = new URL('../runtime/index.js', import.meta.url).href;

export interface CompiledBenchmark {
  readonly module: CompiledModuleExports;
  /** Each timed compile, in ms. */
  readonly compileMs: number[];
  readonly codeBytes: number;
  /** Writing and importing the module (V8 parses it), in ms. */
  readonly loadMs: number;
}

/** Temporary folder for generated modules; call `dispose` when done. */
export class ModuleDir {
  private readonly dir = mkdtempSync(join(tmpdir(), 'stoffel-jit-bench-'));
  private count = 0;

  async load(code: string): Promise<CompiledModuleExports> {
    const file = join(this.dir, `m${this.count++}.mjs`);
    writeFileSync(file, code);
    return (await import(pathToFileURL(file).href)) as CompiledModuleExports;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function compileBenchmark(
  prepared: PreparedProgram,
  compile: Compile,
  dir: ModuleDir,
  warmup: number,
  runs: number,
): Promise<CompiledBenchmark> {
  // The build `stoffel-jit run` and `program.run` use when no call-depth or instruction limit is set: no
  // depth counter; imported, never debugged: no source map (bench/README.md, How it measures).
  const options: CompileOptions = {
    runtimeImport: RUNTIME_URL,
    sourceName: `${prepared.bench.name}.stflb`,
    sourceMap: false,
    callDepth: false,
  };
  const loaded = prepared.program.loaded;
  for (let i = 0; i < warmup; i++) compile(loaded, options);
  const compileMs: number[] = [];
  let code = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    code = compile(loaded, options).code;
    compileMs.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const module = await dir.load(code);
  const loadMs = performance.now() - t0;
  return { module, compileMs, codeBytes: code.length, loadMs };
}
