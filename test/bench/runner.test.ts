/** The benchmark runner's option parsing and report arithmetic (no timing). */
import { describe, expect, it } from 'vitest';
import type { BenchmarkResult, EngineResult } from '../../bench/benchmark-run.js';
import type { MachineFacts } from '../../bench/machine.js';
import { UsageError, parseOptions, sizesFor } from '../../bench/options.js';
import { buildReport, formatReport } from '../../bench/report.js';
import { BENCHMARKS, benchmarkByName } from '../../bench/suite.js';

describe('runner options', () => {
  it('defaults to every benchmark and engine, 7 runs after 2 warm-ups', () => {
    const o = parseOptions([]);
    expect(o.benchmarks).toEqual(BENCHMARKS);
    expect([...o.engines]).toEqual(['interp', 'compiled', 'handwritten']);
    expect([o.runs, o.warmup, o.json, o.quick]).toEqual([7, 2, false, false]);
  });

  it('selects benchmarks and engines, and sizes them', () => {
    const o = parseOptions(['--quick', '--engines', 'interp,handwritten', 'fib', 'loop']);
    expect(o.benchmarks.map((b) => b.name)).toEqual(['fib', 'loop']);
    expect([...o.engines]).toEqual(['interp', 'handwritten']);
    const fib = benchmarkByName('fib')!;
    expect(sizesFor(fib, o)).toEqual({ size: fib.sizes.quick, interpSize: fib.sizes.quick });
    expect(sizesFor(fib, parseOptions([]))).toEqual({ size: fib.sizes.full, interpSize: fib.sizes.interp });
    // An explicit size below the interpreter's default runs the interpreter at that size too.
    expect(sizesFor(fib, parseOptions(['--size', '12']))).toEqual({ size: 12, interpSize: 12 });
    expect(sizesFor(fib, parseOptions(['--size', '40', '--interp-size', '20']))).toEqual({ size: 40, interpSize: 20 });
  });

  it('rejects fewer than 5 runs, unknown names and unknown flags', () => {
    expect(() => parseOptions(['--runs', '4'])).toThrow(UsageError);
    expect(() => parseOptions(['--runs', 'x'])).toThrow(UsageError);
    expect(() => parseOptions(['nope'])).toThrow(/unknown benchmark 'nope'/);
    expect(() => parseOptions(['--engines', 'jit'])).toThrow(/unknown engine 'jit'/);
    expect(() => parseOptions(['--fast'])).toThrow(UsageError);
  });
});

const machine: MachineFacts = {
  cpu: 'test cpu',
  cores: 2,
  memory_gb: 4,
  os: 'test',
  node: 'v20',
  v8: '11',
  load_average: 0,
  commit: null,
  date: '2026-01-01T00:00:00.000Z',
};

const engine = (ms: number): EngineResult => ({ medianMs: ms, runsMs: [ms, ms, ms, ms, ms], heapPeakBytes: 2 ** 20, rssBytes: 2 ** 26 });

function result(name: string, times: { interp: number; compiled: number; hand: number }, interpScale = 1): BenchmarkResult {
  return {
    bench: benchmarkByName(name)!,
    size: 10,
    interpSize: interpScale === 1 ? 10 : 5,
    interpScale,
    instructions: 5000,
    checksum: 'int 1',
    engines: { interp: engine(times.interp), compiled: engine(times.compiled), handwritten: engine(times.hand) },
    compile: { medianMs: 4, runsMs: [4, 4, 4, 4, 4], loadMs: 1, codeBytes: 100 },
    compiledUnavailable: null,
    failures: [],
  };
}

describe('runner report', () => {
  it('computes ratios, geometric means, compile time per 10k instructions and target verdicts', () => {
    const results = [result('fib', { interp: 100, compiled: 2, hand: 2 }), result('loop', { interp: 40, compiled: 8, hand: 2 }, 10)];
    const report = buildReport(results, machine, parseOptions([]));
    const [fib, loop] = report.benchmarks;
    expect(fib!.compiled_over_handwritten).toBe(1);
    expect(fib!.interp_over_compiled).toBe(50);
    // The interpreter ran at a smaller size: 40 ms measured, x10 by the work model.
    expect(loop!.interp_ms).toBe(400);
    expect(loop!.interp_measured_ms).toBe(40);
    expect(loop!.interp_over_compiled).toBe(50);
    expect(loop!.compiled_over_handwritten).toBe(4);
    expect(report.summary.geomean_compiled_over_handwritten).toBe(2);
    expect(report.summary.geomean_interp_over_compiled).toBe(50);
    // 8 ms over 10,000 instructions.
    expect(report.summary.compile_ms_per_10k_instructions).toBe(8);
    expect(report.summary.targets.map((t) => t.met)).toEqual([false, true, true]);
    expect(report.ok).toBe(true);
    expect(formatReport(report)).toMatch(/400\.0\*/);
  });

  it('reports an unavailable compiler and fails on mismatches', () => {
    const base = result('fib', { interp: 100, compiled: 2, hand: 2 });
    const noCompiler: BenchmarkResult = {
      ...base,
      engines: { interp: base.engines.interp!, handwritten: base.engines.handwritten! },
      compile: null,
      compiledUnavailable: 'cannot load the compiler',
      failures: ['interp: main(10) returned int 2, hand-written gives int 1'],
    };
    const report = buildReport([noCompiler], machine, parseOptions([]));
    expect(report.benchmarks[0]!.compiled_ms).toBeNull();
    expect(report.summary.targets.every((t) => t.met === null)).toBe(true);
    expect(report.ok).toBe(false);
    const text = formatReport(report);
    expect(text).toMatch(/compiled engine UNAVAILABLE: cannot load the compiler/);
    expect(text).toMatch(/FAILED: 1 result mismatch/);
  });
});
