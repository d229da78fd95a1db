/**
 * Timing and memory measurement. A full GC runs before each timed run (outside the timing) so one engine's
 * garbage is not collected on another's clock. Memory is measured on a separate run per engine with V8's
 * GC profiler: the heap high-water is the largest used-heap size seen just before any GC during the run,
 * or at its end (the used heap only grows between collections).
 */
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** A full garbage collection (`global.gc`, made available on first use without a command-line flag). */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export interface Timed<T> {
  readonly ms: number;
  readonly value: T;
}

export function timeRun<T>(run: () => T): Timed<T> {
  collectGarbage();
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}

export interface MemoryUse {
  /** Highest used JS heap during the run, above the heap in use just before it. */
  readonly heapPeakBytes: number;
  /** Process resident set size at the end of the run. */
  readonly rssBytes: number;
}

export function measureMemory<T>(run: () => T): MemoryUse & { readonly value: T } {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  const profiler = new GCProfiler();
  profiler.start();
  const value = run();
  const end = process.memoryUsage();
  const { statistics } = profiler.stop();
  let peak = end.heapUsed;
  for (const gc of statistics) peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
  return { value, heapPeakBytes: Math.max(0, peak - baseline), rssBytes: end.rss };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
}
