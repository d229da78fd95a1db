/**
 * The CI differential batch: a fixed range of seeds, each program run in the interpreter and in one of
 * the three compiled variants (normal, instruction counting, unoptimized). Any divergence fails the test
 * with the reduced reproducer in the message. Reproduce one program with
 * `stoffel-jit fuzz --seed <seed> --count 1 --max-size 10`.
 */
import { describe, expect, it } from 'vitest';
import { VmFloat } from '../../runtime/values.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { runFuzz } from '../../src/fuzz/command.js';
import { compareOutcomes, runDifferential } from '../../src/fuzz/differential.js';
import { RUN_LIMITS } from '../../src/fuzz/generate.js';
import { capture, structure } from '../../src/fuzz/outcome.js';
import { assemble } from '../../src/text/asm.js';
import { compiledFuzzEngine } from '../../src/fuzz/engines.js';

const CANDIDATES = [compiledFuzzEngine(), compiledFuzzEngine({ countInstructions: true }), compiledFuzzEngine({ optimize: false })];

describe('differential fuzzing (interpreter vs compiled module)', () => {
  it('agrees on 2000 generated programs (seeds 1..2000, max size 10)', async () => {
    const result = await runFuzz({ count: 2000, seed: 1, maxSize: 10, candidates: CANDIDATES, maxDivergences: 3 });
    expect(result.programs).toBe(2000);
    expect(result.divergences, result.report).toEqual([]);
    expect(result.exitCode).toBe(0);
  }, 180_000);

  it('agrees on 300 larger programs (seeds 100000.., max size 30)', async () => {
    const result = await runFuzz({ count: 300, seed: 100_000, maxSize: 30, candidates: CANDIDATES, maxDivergences: 3 });
    expect(result.divergences, result.report).toEqual([]);
  }, 180_000);

  it('agrees on 300 programs that also touch secret registers (seeds 200000..)', async () => {
    const result = await runFuzz({ count: 300, seed: 200_000, maxSize: 12, secretRegisters: true, candidates: CANDIDATES, maxDivergences: 3 });
    expect(result.divergences, result.report).toEqual([]);
  }, 180_000);
});

describe('outcome comparison', () => {
  const returned = (output: string[], v: unknown) => capture((print) => {
    output.forEach(print);
    return v as never;
  });

  it('tells apart values that print alike', () => {
    expect(structure(1)).not.toBe(structure(new VmFloat(1)));
    expect(structure(new VmFloat(0))).not.toBe(structure(new VmFloat(-0)));
    expect(compareOutcomes(returned([], 1), returned([], new VmFloat(1)))?.kind).toBe('result');
    expect(compareOutcomes(returned(['a'], 1), returned(['b'], 1))?.kind).toBe('output');
    expect(compareOutcomes(returned(['a'], 1), returned(['a', 'b'], 1))?.kind).toBe('output');
    expect(compareOutcomes(returned(['a'], 1), returned(['a'], 1))).toBeNull();
  });

  it('reports a crash (a non-VmError exception) as a divergence even when both engines crash', () => {
    const crash = capture(() => {
      throw new TypeError('boom');
    });
    expect(crash).toMatchObject({ status: 'crash', message: 'TypeError: boom' });
    expect(compareOutcomes(crash, crash)).toMatchObject({ kind: 'crash', side: 'both' });
  });

  it('compares the instruction-limit error exactly when the candidate counts instructions', async () => {
    const loaded = linkProgram(assemble(`
.function main
  LDI r1, 1
top:
  PUSHARG r1
  CALL print
  JMP top
`));
    const limits = { ...RUN_LIMITS, maxInstructions: 10 };
    const counted = await runDifferential(loaded, { candidate: CANDIDATES[1]!, limits });
    expect(counted.verdict).toBe('same');
    expect(counted.reference).toMatchObject({ status: 'error', kind: 'Limit', output: ['1', '1', '1'] });
    const uncounted = await runDifferential(loaded, { candidate: CANDIDATES[0]!, limits });
    expect(uncounted.verdict).toBe('skipped');
  });
});
