/** Command-line options of the benchmark runner (`npm run bench -- [options] [benchmark ...]`). */
import { parseArgs } from 'node:util';
import { BENCHMARKS, benchmarkByName, type Benchmark } from './suite.js';

export const ENGINES = ['interp', 'compiled', 'handwritten'] as const;
export type EngineName = (typeof ENGINES)[number];

export const MIN_RUNS = 5;

export const USAGE = `usage: npm run bench -- [options] [benchmark ...]

Times the reference interpreter, the compiled module and the hand-written JavaScript on each program of
bench/programs/ (default: all) and checks that all three give the same result.

  --quick              small sizes for a fast smoke run (all engines at the same size)
  --json               print one JSON object on stdout instead of the table
  --runs N             measured runs per engine, median reported (default 7, quick ${MIN_RUNS}; at least ${MIN_RUNS})
  --warmup N           warm-up runs per engine before measuring (default 2, quick 1; at least 1)
  --size N             problem size for the compiled and hand-written runs of the selected benchmarks
  --interp-size N      problem size for the interpreter (its time is scaled to --size by the work model)
  --engines LIST       comma-separated subset of ${ENGINES.join(',')} (default: all)
  --list               list the benchmarks with their sizes and exit
  -h, --help           this text

benchmarks: ${BENCHMARKS.map((b) => b.name).join(' ')}`;

export interface RunnerOptions {
  readonly benchmarks: readonly Benchmark[];
  readonly json: boolean;
  readonly quick: boolean;
  readonly runs: number;
  readonly warmup: number;
  readonly size: number | null;
  readonly interpSize: number | null;
  readonly engines: ReadonlySet<EngineName>;
  readonly list: boolean;
  readonly help: boolean;
}

export class UsageError extends Error {}

function count(text: string | undefined, what: string, min: number): number | null {
  if (text === undefined) return null;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${what} must be an integer >= ${min}, got '${text}'`);
  return Number(text);
}

export function parseOptions(argv: readonly string[]): RunnerOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        runs: { type: 'string' },
        warmup: { type: 'string' },
        size: { type: 'string' },
        'interp-size': { type: 'string' },
        engines: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const benchmarks = positionals.length === 0 ? BENCHMARKS : positionals.map((name) => {
    const b = benchmarkByName(name);
    if (!b) throw new UsageError(`unknown benchmark '${name}'`);
    return b;
  });
  const engines = new Set<EngineName>();
  for (const name of (values.engines ?? ENGINES.join(',')).split(',')) {
    if (!(ENGINES as readonly string[]).includes(name)) throw new UsageError(`unknown engine '${name}' (${ENGINES.join(', ')})`);
    engines.add(name as EngineName);
  }
  return {
    benchmarks,
    json: values.json,
    quick: values.quick,
    runs: count(values.runs, '--runs', MIN_RUNS) ?? (values.quick ? MIN_RUNS : 7),
    warmup: count(values.warmup, '--warmup', 1) ?? (values.quick ? 1 : 2),
    size: count(values.size, '--size', 0),
    interpSize: count(values['interp-size'], '--interp-size', 0),
    engines,
    list: values.list,
    help: values.help,
  };
}

export interface BenchmarkSizes {
  /** Size of the compiled and hand-written runs. */
  readonly size: number;
  /** Size of the interpreter runs. */
  readonly interpSize: number;
}

export function sizesFor(bench: Benchmark, options: RunnerOptions): BenchmarkSizes {
  const size = options.size ?? (options.quick ? bench.sizes.quick : bench.sizes.full);
  const interpSize = options.interpSize ?? (options.quick ? size : Math.min(size, bench.sizes.interp));
  return { size, interpSize };
}
