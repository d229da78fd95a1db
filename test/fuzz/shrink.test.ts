import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import type { Instruction, Program } from '../../src/bytecode/model.js';
import { runFuzz } from '../../src/fuzz/command.js';
import { runDifferential } from '../../src/fuzz/differential.js';
import { removeInstructions } from '../../src/fuzz/edit.js';
import type { FuzzEngine } from '../../src/fuzz/engines.js';
import { generateProgram, RUN_LIMITS } from '../../src/fuzz/generate.js';
import { shrinkProgram } from '../../src/fuzz/shrink.js';
import { interpret } from '../../src/interp/index.js';
import { assemble } from '../../src/text/asm.js';

/** An engine that is the interpreter except that it executes MUL as ADD. */
const mulAsAdd: FuzzEngine = {
  name: 'mul-as-add',
  countsInstructions: true,
  prepare(loaded) {
    const program: Program = {
      ...loaded.program,
      functions: loaded.program.functions.map((f) => ({
        ...f,
        instructions: f.instructions.map((i): Instruction => (i.op === 'MUL' ? { ...i, op: 'ADD' } : i)),
      })),
    };
    const fake = linkProgram(program);
    return (entry, args, options) => interpret(fake, entry, args, options);
  },
};

const options = { candidate: mulAsAdd, limits: RUN_LIMITS };

async function firstDivergentSeed(from: number): Promise<number> {
  for (let seed = from; ; seed++) {
    const v = await runDifferential(linkProgram(generateProgram(seed, { size: 10 })), options);
    if (v.verdict === 'diverged') return seed;
  }
}

describe('shrinker', () => {
  it('reduces a MUL divergence to a handful of instructions around a MUL', async () => {
    const seed = await firstDivergentSeed(0);
    const original = generateProgram(seed, { size: 10 });
    const target = (await runDifferential(linkProgram(original), options)) as { verdict: 'diverged'; divergence: { kind: string } };
    const { program } = await shrinkProgram(original, async (loaded) => {
      const v = await runDifferential(loaded, options);
      return v.verdict === 'diverged' && v.divergence.kind === target.divergence.kind;
    });
    const instructions = program.functions.flatMap((f) => f.instructions);
    expect(instructions.length).toBeLessThanOrEqual(6);
    expect(instructions.length).toBeLessThan(original.functions.flatMap((f) => f.instructions).length);
    expect(instructions.some((i) => i.op === 'MUL')).toBe(true);
    // Still a valid program on which the interpreter and the fake disagree.
    const loaded = linkProgram(program);
    const v = await runDifferential(loaded, options);
    expect(v.verdict).toBe('diverged');
  });

  it('keeps a hand-written divergence and drops everything unrelated', async () => {
    const program = assemble(`
.function main
  LDI r1, "noise"
  PUSHARG r1
  CALL print
  LDI r2, 3
  LDI r3, 5
  CALL helper
  MUL r4, r2, r3
  RET r4
.function helper
  LDI r0, 1
  RET r0
`);
    // Executing MUL as ADD also changes a type error's text; keep the divergence in the returned value.
    const { program: reduced } = await shrinkProgram(program, async (loaded) => {
      const v = await runDifferential(loaded, options);
      return v.verdict === 'diverged' && v.divergence.kind === 'result';
    });
    expect(reduced.functions.map((f) => f.name)).toEqual(['main']);
    expect(reduced.functions[0]!.instructions.map((i) => i.op)).toEqual(['LDI', 'LDI', 'MUL', 'RET']);
  });

  it('moves labels with the code when removing instructions', () => {
    const f = assemble(`
.function main
  NOP
  NOP
a:
  NOP
b:
  NOP
c:
`).functions[0]!;
    const out = removeInstructions(f, 1, 3);
    expect(out.instructions).toHaveLength(2);
    expect(out.labels).toEqual([{ name: 'a', target: 1 }, { name: 'b', target: 1 }, { name: 'c', target: 2 }]);
  });

  it('runFuzz reports a reduced reproducer and a non-zero exit code', async () => {
    const lines: string[] = [];
    const result = await runFuzz({ count: 200, seed: 0, maxSize: 10, candidates: [mulAsAdd], onProgress: (l) => lines.push(l) });
    expect(result.exitCode).not.toBe(0);
    expect(result.divergences).toHaveLength(1);
    const d = result.divergences[0]!;
    expect(d.reducedInstructions).toBeLessThanOrEqual(6);
    expect(d.reproducer).toMatch(/MUL r\d+, r\d+, r\d+/);
    expect(result.report).toContain(`fuzz --seed ${d.seed} --count 1 --max-size 10`);
    expect(result.report).toContain(d.reproducer.trimEnd());
    // The reproducer text assembles back into a program that still diverges.
    const v = await runDifferential(linkProgram(assemble(d.reproducer)), options);
    expect(v.verdict).toBe('diverged');
    expect(lines.at(-1)).toMatch(/^fuzz: \d+\/200 programs, 1 divergence/);
  });

  it('runFuzz exits 0 when the engines agree', async () => {
    const interpAgain: FuzzEngine = { ...mulAsAdd, name: 'interp-again', prepare: (l) => (e, a, o) => interpret(l, e, a, o) };
    const result = await runFuzz({ count: 30, seed: 7, maxSize: 6, candidates: [interpAgain] });
    expect(result.exitCode).toBe(0);
    expect(result.programs).toBe(30);
    expect(result.report).toMatch(/^fuzz: 30 program\(s\) from seed 7 \(max size 6\): 0 divergence/);
  });
});
