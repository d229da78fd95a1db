/** The runner's output: the JSON document (`--json`) and the text table, both built from the same summary. */
import type { BenchmarkResult, EngineResult } from './benchmark-run.js';
import type { MachineFacts } from './machine.js';
import { geomean } from './measure.js';
import type { RunnerOptions } from './options.js';

export const TARGETS = {
  compiledOverHandwritten: 1.2,
  interpOverCompiled: 50,
  compileMsPer10k: 20,
} as const;

const MB = 2 ** 20;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

export interface BenchmarkRow {
  readonly name: string;
  readonly description: string;
  readonly size: number;
  readonly interp_size: number;
  /** Interpreter time scaled to `size` (measured at `interp_size`, multiplied by `interp_scale`). */
  readonly interp_ms: number | null;
  readonly interp_measured_ms: number | null;
  readonly interp_scale: number;
  readonly compiled_ms: number | null;
  readonly handwritten_ms: number | null;
  /** Fastest measured runs (less sensitive than medians to other load on a shared machine); interp scaled like interp_ms. */
  readonly interp_min_ms: number | null;
  readonly compiled_min_ms: number | null;
  readonly handwritten_min_ms: number | null;
  readonly compiled_over_handwritten: number | null;
  readonly interp_over_compiled: number | null;
  readonly compile_ms: number | null;
  readonly module_load_ms: number | null;
  readonly instructions: number;
  readonly compile_ms_per_10k_instructions: number | null;
  readonly generated_code_bytes: number | null;
  readonly interp_peak_heap_mb: number | null;
  readonly compiled_peak_heap_mb: number | null;
  readonly handwritten_peak_heap_mb: number | null;
  readonly interp_rss_mb: number | null;
  readonly compiled_rss_mb: number | null;
  readonly handwritten_rss_mb: number | null;
  readonly checksum: string;
  readonly runs_ms: { readonly interp: readonly number[] | null; readonly compiled: readonly number[] | null; readonly handwritten: readonly number[] | null };
  readonly compiled_unavailable: string | null;
  readonly failures: readonly string[];
}

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly value: number | null;
  /** null when not measured (an engine was unavailable or not selected). */
  readonly met: boolean | null;
}

export interface Summary {
  readonly geomean_compiled_over_handwritten: number | null;
  readonly geomean_interp_over_compiled: number | null;
  readonly compile_ms_total: number | null;
  readonly instructions_total: number;
  readonly compile_ms_per_10k_instructions: number | null;
  readonly targets: readonly Target[];
}

export interface Report {
  readonly machine: MachineFacts;
  readonly settings: { readonly quick: boolean; readonly runs: number; readonly warmup: number; readonly engines: readonly string[] };
  readonly benchmarks: readonly BenchmarkRow[];
  readonly summary: Summary;
  readonly ok: boolean;
  readonly failures: readonly string[];
}

const mb = (e: EngineResult | undefined) => (e ? round(e.heapPeakBytes / MB, 2) : null);
const rss = (e: EngineResult | undefined) => (e ? round(e.rssBytes / MB, 1) : null);

function row(r: BenchmarkResult): BenchmarkRow {
  const { interp, compiled, handwritten } = r.engines;
  const interpMs = interp ? interp.medianMs * r.interpScale : null;
  const compiledMs = compiled ? compiled.medianMs : null;
  const handMs = handwritten ? handwritten.medianMs : null;
  const compileMs = r.compile ? r.compile.medianMs : null;
  const maybe = (x: number | null, digits = 3) => (x === null ? null : round(x, digits));
  return {
    name: r.bench.name,
    description: r.bench.description,
    size: r.size,
    interp_size: r.interpSize,
    interp_ms: maybe(interpMs),
    interp_measured_ms: maybe(interp ? interp.medianMs : null),
    interp_scale: round(r.interpScale, 4),
    compiled_ms: maybe(compiledMs),
    handwritten_ms: maybe(handMs),
    interp_min_ms: maybe(interp ? Math.min(...interp.runsMs) * r.interpScale : null),
    compiled_min_ms: maybe(compiled ? Math.min(...compiled.runsMs) : null),
    handwritten_min_ms: maybe(handwritten ? Math.min(...handwritten.runsMs) : null),
    compiled_over_handwritten: maybe(ratio(compiledMs, handMs)),
    interp_over_compiled: maybe(ratio(interpMs, compiledMs), 1),
    compile_ms: maybe(compileMs),
    module_load_ms: maybe(r.compile ? r.compile.loadMs : null),
    instructions: r.instructions,
    compile_ms_per_10k_instructions: maybe(compileMs === null ? null : (compileMs / r.instructions) * 10_000),
    generated_code_bytes: r.compile ? r.compile.codeBytes : null,
    interp_peak_heap_mb: mb(interp),
    compiled_peak_heap_mb: mb(compiled),
    handwritten_peak_heap_mb: mb(handwritten),
    interp_rss_mb: rss(interp),
    compiled_rss_mb: rss(compiled),
    handwritten_rss_mb: rss(handwritten),
    checksum: r.checksum,
    runs_ms: {
      interp: interp ? interp.runsMs.map((x) => round(x)) : null,
      compiled: compiled ? compiled.runsMs.map((x) => round(x)) : null,
      handwritten: handwritten ? handwritten.runsMs.map((x) => round(x)) : null,
    },
    compiled_unavailable: r.compiledUnavailable,
    failures: r.failures,
  };
}

function geo(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && v > 0);
  return present.length === 0 ? null : round(geomean(present));
}

function target(name: string, text: string, value: number | null, met: (v: number) => boolean): Target {
  return { name, target: text, value, met: value === null ? null : met(value) };
}

export function buildReport(results: readonly BenchmarkResult[], machine: MachineFacts, options: RunnerOptions): Report {
  const benchmarks = results.map(row);
  const compiledRows = benchmarks.filter((b) => b.compile_ms !== null);
  const compileTotal = compiledRows.length ? compiledRows.reduce((s, b) => s + b.compile_ms!, 0) : null;
  const instrTotal = compiledRows.reduce((s, b) => s + b.instructions, 0);
  const per10k = compileTotal === null || instrTotal === 0 ? null : round((compileTotal / instrTotal) * 10_000);
  const gCH = geo(benchmarks.map((b) => b.compiled_over_handwritten));
  const gIC = geo(benchmarks.map((b) => b.interp_over_compiled));
  const failures = benchmarks.flatMap((b) => b.failures.map((f) => `${b.name}: ${f}`));
  return {
    machine,
    settings: { quick: options.quick, runs: options.runs, warmup: options.warmup, engines: [...options.engines] },
    benchmarks,
    summary: {
      geomean_compiled_over_handwritten: gCH,
      geomean_interp_over_compiled: gIC,
      compile_ms_total: compileTotal === null ? null : round(compileTotal),
      instructions_total: instrTotal,
      compile_ms_per_10k_instructions: per10k,
      targets: [
        target('compiled_vs_handwritten', `geomean compiled/hand-written <= ${TARGETS.compiledOverHandwritten}`, gCH, (v) => v <= TARGETS.compiledOverHandwritten),
        target('interp_vs_compiled', `geomean interpreter/compiled >= ${TARGETS.interpOverCompiled}`, gIC, (v) => v >= TARGETS.interpOverCompiled),
        target('compile_time', `compile time < ${TARGETS.compileMsPer10k} ms per 10,000 instructions`, per10k, (v) => v < TARGETS.compileMsPer10k),
      ],
    },
    ok: failures.length === 0,
    failures,
  };
}

function fmt(x: number | null, digits = 1, suffix = ''): string {
  if (x === null) return '-';
  return `${x.toFixed(digits)}${suffix}`;
}

function table(rows: readonly string[][], rightAligned: (col: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export function formatReport(report: Report): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(`stoffel-jit benchmarks: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}`);
  out.push(`Node ${m.node} (V8 ${m.v8}), load average ${m.load_average} at start, commit ${m.commit ?? 'unknown'}, ${m.date}`);
  const s = report.settings;
  out.push(`median of ${s.runs} runs after ${s.warmup} warm-up runs per engine${s.quick ? ' (quick sizes)' : ''}; engines: ${s.engines.join(', ')}`);
  out.push('');
  const scaled = report.benchmarks.some((b) => b.interp_size !== b.size && b.interp_ms !== null);
  const header = ['benchmark', 'size', 'interp ms', 'compiled ms', 'hand ms', 'comp/hand', 'interp/comp', 'compile ms', 'instrs', 'ms/10k', 'peak heap MB i/c/h'];
  const rows = [header];
  for (const b of report.benchmarks) {
    const star = b.interp_ms !== null && b.interp_size !== b.size ? '*' : '';
    rows.push([
      b.name,
      String(b.size),
      b.interp_ms === null ? '-' : `${fmt(b.interp_ms)}${star}`,
      b.compiled_ms === null ? (b.compiled_unavailable ? 'unavailable' : '-') : fmt(b.compiled_ms, 2),
      fmt(b.handwritten_ms, 2),
      fmt(b.compiled_over_handwritten, 2, 'x'),
      fmt(b.interp_over_compiled, 0, 'x'),
      fmt(b.compile_ms, 2),
      String(b.instructions),
      fmt(b.compile_ms_per_10k_instructions, 1),
      [b.interp_peak_heap_mb, b.compiled_peak_heap_mb, b.handwritten_peak_heap_mb].map((x) => fmt(x, 1)).join('/'),
    ]);
  }
  const sum = report.summary;
  rows.push(['geomean', '', '', '', '', fmt(sum.geomean_compiled_over_handwritten, 2, 'x'), fmt(sum.geomean_interp_over_compiled, 0, 'x'), '', '', '', '']);
  out.push(table(rows, (c) => c > 0));
  out.push('');
  if (scaled) {
    out.push('* interpreter run at a smaller size and its time scaled to the full size by the work model:');
    out.push(
      '  ' +
        report.benchmarks
          .filter((b) => b.interp_ms !== null && b.interp_size !== b.size)
          .map((b) => `${b.name} ${b.interp_size} (x${fmt(b.interp_scale, 1)})`)
          .join(', '),
    );
  }
  const unavailable = report.benchmarks.find((b) => b.compiled_unavailable);
  if (unavailable) out.push(`compiled engine UNAVAILABLE: ${unavailable.compiled_unavailable}`);
  if (sum.compile_ms_total !== null) {
    out.push(
      `compile time: ${fmt(sum.compile_ms_total, 1)} ms for ${sum.instructions_total} instructions = ${fmt(sum.compile_ms_per_10k_instructions, 2)} ms per 10,000 instructions`,
    );
  }
  out.push('');
  out.push('targets:');
  for (const t of sum.targets) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met';
    out.push(`  ${t.target.padEnd(56)} ${fmt(t.value, 2).padStart(8)}  ${verdict}`);
  }
  if (report.failures.length > 0) {
    out.push('');
    out.push(`FAILED: ${report.failures.length} result mismatch(es) or engine failure(s):`);
    for (const f of report.failures) out.push(`  ${f}`);
  }
  return out.join('\n');
}
