/**
 * `npm run bench`: times the reference interpreter, compiled modules and hand-written JavaScript on the
 * programs of bench/programs/, checks that all three agree, and prints a table (or JSON with --json).
 * Progress goes to stderr, one line per benchmark. Exit code: 0 when every result matched, 1 on a
 * mismatch or engine failure, 2 on bad usage.
 */
import type { BenchmarkResult } from './benchmark-run.js';
import { runBenchmark } from './benchmark-run.js';
import { loadCompiler, ModuleDir } from './compiled.js';
import { machineFacts } from './machine.js';
import { USAGE, UsageError, parseOptions, sizesFor, type RunnerOptions } from './options.js';
import { buildReport, formatReport } from './report.js';
import { BENCHMARKS } from './suite.js';

function progress(i: number, total: number, r: BenchmarkResult): string {
  const e = r.engines;
  const ms = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(2)} ms`);
  const parts = [
    `interp ${ms(e.interp?.medianMs)} at ${r.interpSize}`,
    `compiled ${r.compiledUnavailable ? 'unavailable' : ms(e.compiled?.medianMs)}`,
    `hand-written ${ms(e.handwritten?.medianMs)}`,
    `compile ${ms(r.compile?.medianMs)}`,
  ];
  const status = r.failures.length ? `  FAILED (${r.failures.length})` : '';
  return `[${i}/${total}] ${r.bench.name} (size ${r.size}): ${parts.join(', ')}${status}\n`;
}

function listBenchmarks(options: RunnerOptions): string {
  return BENCHMARKS.map((b) => {
    const { size, interpSize } = sizesFor(b, options);
    return `${b.name.padEnd(16)} size ${String(size).padStart(9)}  interp ${String(interpSize).padStart(8)}  ${b.description}`;
  }).join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: RunnerOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.list) {
    process.stdout.write(`${listBenchmarks(options)}\n`);
    return 0;
  }
  const machine = machineFacts();
  const compiler = options.engines.has('compiled') ? await loadCompiler() : ({ available: false, reason: 'not selected' } as const);
  if (options.engines.has('compiled') && !compiler.available) {
    process.stderr.write(`bench: compiled engine unavailable (${compiler.reason}); measuring the others\n`);
  }
  const dir = new ModuleDir();
  const results: BenchmarkResult[] = [];
  try {
    for (const [i, bench] of options.benchmarks.entries()) {
      const result = await runBenchmark(bench, options, compiler, dir);
      results.push(result);
      process.stderr.write(progress(i + 1, options.benchmarks.length, result));
    }
  } finally {
    dir.dispose();
  }
  const report = buildReport(results, machine, options);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
