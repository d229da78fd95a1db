/**
 * Call-removing passes (src/opt/tailcall.ts, src/opt/inline.ts): compiled = interpreter where they apply
 * (the plain build: no call-depth counter, no counting, no frames), and the builds that can observe calls
 * (maxCallDepth, maxInstructions) keep every call and their exact errors.
 */
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import type { LoadedProgram } from '../../src/bytecode/loaded.js';
import { compileProgram, compileToIr, programFacts, type CompileOptions } from '../../src/compile.js';
import { instantiateModule } from '../../src/compiled-engine.js';
import { runModule as runLinked } from '../../runtime/compiled/run.js';
import { runDifferential } from '../../src/fuzz/differential.js';
import type { FuzzEngine } from '../../src/fuzz/engines.js';
import { RUN_LIMITS, generateProgram } from '../../src/fuzz/generate.js';
import type { IrFunction } from '../../src/ir/ir.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { assemble } from '../../src/text/asm.js';
import { compileAndLoad, runInterpreter, runModule } from './harness.js';

const PLAIN: CompileOptions = { callDepth: false };

const load = (text: string) => linkProgram(assemble(text));

/** Direct calls left in each function of the build's IR, as `caller->callee`. */
function callsIn(loaded: LoadedProgram, options: CompileOptions): string[] {
  const out: string[] = [];
  for (const fn of compileToIr(loaded, { ...options, onPass: (_, f) => verifyFunction(f) })) {
    for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'call' && i.direct) out.push(`${fn.name}->${i.name}`);
  }
  return out.sort();
}

// sum(n, acc) = sum(n - 1, acc + n), a self tail call returned with RET r0.
const SUM = `
.function main(n: int64) -> int64
  MOV r1, r0
  LDI r2, 0
  PUSHARG r1
  PUSHARG r2
  CALL sum
  RET r0

.function sum(n: int64, acc: int64) -> int64
  LDI r2, 0
  CMP r0, r2
  JMPEQ done
  ADD r1, r1, r0
  LDI r2, 1
  SUB r0, r0, r2
  PUSHARG r0
  PUSHARG r1
  CALL sum
  RET r0
done:
  RET r1
`;

// down(n) prints at 0; its tail call falls off the end (the synthetic exit returns r0).
const DOWN = `
.function main(n: int64) -> int64
  PUSHARG r0
  CALL down
  RET r0

.function down(n: int64) -> int64
  LDI r1, 0
  CMP r0, r1
  JMPEQ bottom
  LDI r1, 1
  SUB r0, r0, r1
  PUSHARG r0
  CALL down
  JMP end
bottom:
  LDI r1, "bottom"
  PUSHARG r1
  CALL print
  LDI r0, 7
end:
`;

describe('self tail calls', () => {
  it('become loops in the plain build only', () => {
    const loaded = load(SUM);
    expect(callsIn(loaded, PLAIN)).toEqual([]); // the loop, then `sum` inlined into main
    expect(callsIn(loaded, {})).toEqual(['main->sum', 'sum->sum']);
    expect(callsIn(loaded, { callDepth: false, countInstructions: true })).toEqual(['main->sum', 'sum->sum']);
  });

  it('1,000,000 deep works compiled and matches the interpreter', async () => {
    const loaded = load(SUM);
    const n = 1_000_000;
    const mod = await compileAndLoad(loaded, PLAIN);
    const compiled = runModule(mod, 'main', [n]);
    expect(compiled.result).toBe(String((n * (n + 1)) / 2));
    expect(compiled).toEqual(runInterpreter(loaded, 'main', [n]));
  });

  it('through a fall-off-the-end return, with output', async () => {
    const loaded = load(DOWN);
    expect(callsIn(loaded, PLAIN)).toEqual([]);
    const mod = await compileAndLoad(loaded, PLAIN);
    for (const n of [0, 3, 200_000]) {
      const compiled = runModule(mod, 'main', [n]);
      expect(compiled).toEqual({ output: ['bottom'], result: '7' });
      expect(compiled).toEqual(runInterpreter(loaded, 'main', [n]));
    }
  });

  it('maxCallDepth: the depth error at the same call as the interpreter', async () => {
    const loaded = load(DOWN);
    const mod = await compileAndLoad(loaded);
    for (const [n, depth] of [[10, 5], [10, 12], [3, 5], [100, 100]] as const) {
      const compiled = runModule(mod, 'main', [n], { maxCallDepth: depth });
      expect(compiled).toEqual(runInterpreter(loaded, 'main', [n], { maxCallDepth: depth }));
      expect(compiled.error !== undefined).toBe(n + 2 > depth);
    }
  });

  it('maxInstructions: the limit error at the same instruction as the interpreter', async () => {
    const loaded = load(SUM);
    const mod = await compileAndLoad(loaded, { countInstructions: true });
    for (let limit = 0; limit <= 80; limit += 3) {
      const compiled = runModule(mod, 'main', [6], { maxInstructions: limit });
      expect(compiled).toEqual(runInterpreter(loaded, 'main', [6], { maxInstructions: limit }));
    }
  });
});

// Small callees, one failing by division by zero, one by i64 overflow, one by an arity error inside.
const CALLEES = `
.function main(n: int64) -> int64
  MOV r3, r0
  PUSHARG r3
  CALL inv
  MOV r1, r0
  PUSHARG r1
  CALL print
  PUSHARG r3
  CALL grow
  MOV r2, r0
  ADD r1, r1, r2
  PUSHARG r3
  CALL bad
  ADD r0, r1, r0
  RET r0

.function inv(x: int64) -> int64
  LDI r1, 100
  DIV r0, r1, r0
  RET r0

.function grow(x: int64) -> int64
  LDI r1, 2305843009213693952
  MUL r0, r0, r1
  RET r0

.function bad(x: int64) -> int64
  LDI r1, 2
  CMP r0, r1
  JMPNEQ ok
  PUSHARG r0
  PUSHARG r0
  CALL inv
ok:
  RET r0
`;

describe('inlining', () => {
  it('inlines small non-recursive callees in the plain build only', () => {
    const loaded = load(CALLEES);
    // `bad` keeps its arity-error call (wrong argument count), and is itself inlined into main.
    expect(callsIn(loaded, PLAIN)).toEqual(['bad->inv', 'main->inv']);
    expect(callsIn(loaded, {})).toEqual(['bad->inv', 'main->bad', 'main->grow', 'main->inv']);
  });

  it('errors raised inside inlined callees have the interpreter texts', async () => {
    const loaded = load(CALLEES);
    const mod = await compileAndLoad(loaded, PLAIN);
    const seen = new Set<string>();
    for (const n of [0, 1, 2, 3, 5, -7]) {
      const compiled = runModule(mod, 'main', [n]);
      expect(compiled).toEqual(runInterpreter(loaded, 'main', [n]));
      seen.add(compiled.error?.message ?? 'ok');
    }
    // Each failure inside an inlined callee was reached: n = 0, n = 2, n = 5 and -7.
    expect([...seen].sort()).toEqual([
      'Division by zero',
      'Function inv expects 1 arguments but got 2',
      'Integer overflow in MUL operation',
      'ok',
    ]);
  });
});

/** The plain build as a fuzz candidate: `maxCallDepth` cannot be set, so the generous default is dropped. */
const plainEngine: FuzzEngine = {
  name: 'compiled+plain',
  countsInstructions: false,
  prepare(loaded) {
    const mod = instantiateModule(compileProgram(loaded, { format: 'function', callDepth: false, onPass: (_, f) => verifyFunction(f) }).code);
    return (entry, args, options) => runLinked(mod, entry, args, { ...options, maxCallDepth: undefined });
  },
};

describe('generated programs, plain build = interpreter', () => {
  it('agree on frame-free programs (where the passes apply)', async () => {
    let changed = 0;
    let compared = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const loaded = linkProgram(generateProgram(seed, { size: 10 }));
      if (programFacts(loaded).frames) continue;
      const passes = new Set<string>();
      compileToIr(loaded, { ...PLAIN, onPass: (p: string, fn: IrFunction) => (p === 'inline' || hasTailLoop(fn)) && passes.add(fn.name) });
      if (passes.size > 0) changed++;
      const v = await runDifferential(loaded, { candidate: plainEngine, limits: RUN_LIMITS });
      if (v.verdict === 'skipped' || (v.reference.status === 'error' && v.reference.kind === 'Limit')) continue;
      expect(v.verdict === 'diverged' ? `seed ${seed}: ${v.divergence.summary}` : 'same').toBe('same');
      compared++;
    }
    expect(changed).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(50);
  }, 120_000);
});

/** A function whose entry only jumps to its last block: the shape the tail-call pass leaves. */
function hasTailLoop(fn: IrFunction): boolean {
  const t = fn.blocks[0]!.term;
  return fn.blocks[0]!.insts.length === 0 && t.op === 'jump' && t.pos === -1 && t.to.block === fn.blocks.length - 1 && fn.arity > 0;
}
