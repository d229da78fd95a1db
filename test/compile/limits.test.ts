/**
 * Instruction counting: a module compiled with `countInstructions` stops at exactly the same instruction
 * as the interpreter, with the same error, for every limit (checked densely for small limits and sampled
 * beyond), and output printed before the stop is identical.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProgramBytes, linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compileAndLoad, runInterpreter, runModule } from './harness.js';

const HANDMADE = join(import.meta.dirname, '../../../shared/fixtures/handmade');

/** Limits 0..60, then a geometric spread up to just past the program's total. */
function limits(total: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i <= Math.min(60, total + 1); i++) out.add(i);
  for (let x = 61; x < total; x = Math.ceil(x * 1.37)) out.add(x);
  out.add(total - 1).add(total).add(total + 1);
  return [...out].filter((x) => x >= 0).sort((a, b) => a - b);
}

/** Instructions the interpreter executes for a full run (binary search on the limit). */
function totalSteps(run: (limit: number) => boolean): number {
  let lo = 0;
  let hi = 1;
  while (!run(hi)) hi *= 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (run(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

describe('maxInstructions: compiled = interpreter at every limit', () => {
  const files = readdirSync(HANDMADE).filter((f) => f.endsWith('.stflb')).sort();
  it.each(files)('%s', async (file) => {
    const loaded = loadProgramBytes(readFileSync(join(HANDMADE, file)));
    const mod = await compileAndLoad(loaded, { countInstructions: true });
    const total = totalSteps((n) => runInterpreter(loaded, 'main', [], { maxInstructions: n }).error?.kind !== 'Limit');
    for (const n of limits(total)) {
      expect(runModule(mod, 'main', [], { maxInstructions: n }), `limit ${n}`).toEqual(
        runInterpreter(loaded, 'main', [], { maxInstructions: n }),
      );
    }
  });

  it('counts through calls, closures, spills, dynamic stacks and failing LDs', async () => {
    const text = `
.function main()
  LDI r1, 0
  LDI r2, 4
  LDI r3, 1
top:
  CMP r1, r2
  JMPEQ done
  PUSHARG r1
  STS 2, r1
  NOP
  ADD r1, r1, r3
  JMP top
done:
  CALL f
  LD r5, 0
.function f(a, b, c, d)
  PUSHARG r3
  CALL print
  ADD r0, r0, r0`;
    const loaded = linkProgram(assemble(text));
    const mod = await compileAndLoad(loaded, { countInstructions: true });
    for (let n = 0; n < 60; n++) {
      expect(runModule(mod, 'main', [], { maxInstructions: n }), `limit ${n}`).toEqual(
        runInterpreter(loaded, 'main', [], { maxInstructions: n }),
      );
    }
  });

  it('a module compiled without counting refuses maxInstructions', async () => {
    const loaded = linkProgram(assemble('.function main()\n  RET r0'));
    const mod = await compileAndLoad(loaded);
    expect(runModule(mod, 'main', [], { maxInstructions: 10 }).error?.message).toBe(
      'maxInstructions needs a module compiled with instruction counting (countInstructions)',
    );
  });
});
