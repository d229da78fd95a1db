/**
 * A benchmark program made ready to run: assembled from its `.stfasm` text, written to bytecode and loaded
 * through the public API (the path a user's file takes), plus the comparison of results across engines.
 */
import { readFileSync } from 'node:fs';
import { VmFloat, type Value } from '../runtime/values.js';
import { resultString } from '../runtime/format.js';
import { loadProgram, type StoffelProgram } from '../src/index.js';
import { writeProgram } from '../src/bytecode/writer.js';
import { assemble } from '../src/text/asm.js';
import { programPath } from './paths.js';
import type { Benchmark, ResultKind } from './suite.js';

export interface PreparedProgram {
  readonly bench: Benchmark;
  readonly program: StoffelProgram;
  /** Instructions over the program's registered functions. */
  readonly instructions: number;
}

export function prepareProgram(bench: Benchmark): PreparedProgram {
  const text = readFileSync(programPath(bench.name), 'utf8');
  const bytes = writeProgram(assemble(text));
  const program = loadProgram(bytes);
  let instructions = 0;
  for (const fn of program.loaded.functions.values()) instructions += fn.record.instructions.length;
  return { bench, program, instructions };
}

/** Runs `main(n)` in the reference interpreter (printed lines are dropped). */
export function runInterpreter(prepared: PreparedProgram, n: number): Value {
  return prepared.program.run('main', [n], { print: ignore, storage: null });
}

export function ignore(): void {}

/**
 * A comparable text for a result: `int <decimal>` for an I64, `float <shortest decimal>` for a Float.
 * Anything else (or a JS number that is not an exact integer where an I64 is expected) gets a text that
 * matches nothing valid, so it fails the comparison visibly.
 */
export function vmResultKey(v: Value): string {
  if (typeof v === 'number' || typeof v === 'bigint') return `int ${v}`;
  if (v instanceof VmFloat) return `float ${v.v}`;
  return `unexpected ${resultString(v)}`;
}

export function jsResultKey(v: number | bigint, kind: ResultKind): string {
  if (kind === 'float') return typeof v === 'number' ? `float ${v}` : `unexpected bigint ${v}`;
  if (typeof v === 'bigint') return `int ${v}`;
  return Number.isSafeInteger(v) ? `int ${v}` : `unexpected inexact number ${v}`;
}
