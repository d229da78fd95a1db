/**
 * Where the benchmark sources live. The runner executes from dist/bench/ (compiled) and the tests import
 * bench/ directly, so the folder holding programs/ is found from either place.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The source folder bench/ (the one with programs/ and handwritten/). */
export const BENCH_DIR: string = (() => {
  for (const candidate of [here, resolve(here, '../../bench')]) {
    if (existsSync(join(candidate, 'programs'))) return candidate;
  }
  throw new Error(`cannot find bench/programs from ${here}`);
})();

export function programPath(name: string): string {
  return join(BENCH_DIR, 'programs', `${name}.stfasm`);
}

export function handwrittenSourcePath(name: string): string {
  return join(BENCH_DIR, 'handwritten', `${name}.ts`);
}
