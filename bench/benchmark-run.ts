/**
 * Measuring one benchmark: compile (timed), warm up, then rounds in which the engines run in the fixed
 * order interpreter, compiled, hand-written; then one memory run per engine. Every run's result is
 * checked against the hand-written version's result at the same size.
 */
import { compileBenchmark, type CompiledBenchmark, type CompilerStatus, type ModuleDir } from './compiled.js';
import { measureMemory, median, timeRun } from './measure.js';
import type { EngineName, RunnerOptions } from './options.js';
import { sizesFor } from './options.js';
import { ignore, jsResultKey, prepareProgram, runInterpreter, vmResultKey, type PreparedProgram } from './program.js';
import type { Benchmark } from './suite.js';

export interface EngineResult {
  /** Median of the measured runs, in ms, at the engine's own size. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly heapPeakBytes: number;
  readonly rssBytes: number;
}

export interface CompileResult {
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly loadMs: number;
  readonly codeBytes: number;
}

export interface BenchmarkResult {
  readonly bench: Benchmark;
  readonly size: number;
  readonly interpSize: number;
  /** work(size) / work(interpSize): the factor applied to the interpreter's time. */
  readonly interpScale: number;
  readonly instructions: number;
  readonly checksum: string;
  readonly engines: Partial<Record<EngineName, EngineResult>>;
  readonly compile: CompileResult | null;
  /** Why the compiled engine did not run, when it was selected but unavailable. */
  readonly compiledUnavailable: string | null;
  /** Result mismatches and engine failures; any entry fails the run. */
  readonly failures: readonly string[];
}

interface Runner {
  readonly name: EngineName;
  readonly size: number;
  readonly expected: string;
  readonly call: () => unknown;
  readonly key: (v: unknown) => string;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function makeRunners(
  prepared: PreparedProgram,
  options: RunnerOptions,
  compiled: CompiledBenchmark | null,
  expected: (n: number) => string,
): Runner[] {
  const { bench } = prepared;
  const { size, interpSize } = sizesFor(bench, options);
  const vmKey = (v: unknown) => vmResultKey(v as never);
  const runners: Runner[] = [];
  if (options.engines.has('interp')) {
    runners.push({ name: 'interp', size: interpSize, expected: expected(interpSize), call: () => runInterpreter(prepared, interpSize), key: vmKey });
  }
  if (compiled) {
    const mod = compiled.module;
    runners.push({ name: 'compiled', size, expected: expected(size), call: () => mod.run('main', [size], { print: ignore }), key: vmKey });
  }
  if (options.engines.has('handwritten')) {
    runners.push({
      name: 'handwritten',
      size,
      expected: expected(size),
      call: () => bench.handwritten(size),
      key: (v) => jsResultKey(v as number | bigint, bench.result),
    });
  }
  return runners;
}

export async function runBenchmark(
  bench: Benchmark,
  options: RunnerOptions,
  compiler: CompilerStatus,
  dir: ModuleDir,
): Promise<BenchmarkResult> {
  const prepared = prepareProgram(bench);
  const { size, interpSize } = sizesFor(bench, options);
  const failures: string[] = [];
  const expectedBySize = new Map<number, string>();
  const expected = (n: number) => {
    let key = expectedBySize.get(n);
    if (key === undefined) expectedBySize.set(n, (key = jsResultKey(bench.handwritten(n), bench.result)));
    return key;
  };

  let compiled: CompiledBenchmark | null = null;
  let compiledUnavailable: string | null = null;
  if (options.engines.has('compiled')) {
    if (!compiler.available) {
      compiledUnavailable = compiler.reason;
    } else {
      try {
        compiled = await compileBenchmark(prepared, compiler.compile, dir, options.warmup, options.runs);
      } catch (err) {
        failures.push(`compiled: compilation failed: ${describe(err)}`);
      }
    }
  }

  const runners = makeRunners(prepared, options, compiled, expected);
  const failed = new Set<EngineName>();
  const check = (r: Runner, run: () => unknown): unknown => {
    try {
      const value = run();
      const got = r.key(value);
      if (got !== r.expected) {
        failures.push(`${r.name}: main(${r.size}) returned ${got}, hand-written gives ${r.expected}`);
        failed.add(r.name);
      }
      return value;
    } catch (err) {
      failures.push(`${r.name}: main(${r.size}) failed: ${describe(err)}`);
      failed.add(r.name);
      return undefined;
    }
  };

  for (let w = 0; w < options.warmup; w++) {
    for (const r of runners) if (!failed.has(r.name)) check(r, r.call);
  }
  const times = new Map<EngineName, number[]>(runners.map((r) => [r.name, []]));
  for (let round = 0; round < options.runs; round++) {
    for (const r of runners) {
      if (failed.has(r.name)) continue;
      check(r, () => {
        const { ms, value } = timeRun(r.call);
        times.get(r.name)!.push(ms);
        return value;
      });
    }
  }
  const engines: Partial<Record<EngineName, EngineResult>> = {};
  for (const r of runners) {
    if (failed.has(r.name)) continue;
    let memory = { heapPeakBytes: 0, rssBytes: 0 };
    check(r, () => {
      const m = measureMemory(r.call);
      memory = m;
      return m.value;
    });
    const runsMs = times.get(r.name)!;
    engines[r.name] = { medianMs: median(runsMs), runsMs, heapPeakBytes: memory.heapPeakBytes, rssBytes: memory.rssBytes };
  }

  const compile = compiled
    ? { medianMs: median(compiled.compileMs), runsMs: compiled.compileMs, loadMs: compiled.loadMs, codeBytes: compiled.codeBytes }
    : null;
  return {
    bench,
    size,
    interpSize,
    interpScale: bench.work(size) / bench.work(interpSize),
    instructions: prepared.instructions,
    checksum: expected(size),
    engines,
    compile,
    compiledUnavailable,
    failures,
  };
}
