/**
 * The structurer (src/emit/structure.ts) on hand-made and random CFGs: irreducible loops run through a
 * dispatch region holding exactly their blocks, the rest stays structured, and the emitted JS visits
 * blocks in the same order as walking the CFG directly (same branch decisions).
 */
import { generate } from 'astring';
import type * as ES from 'estree';
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import type { IrFunction, Term } from '../../src/ir/ir.js';
import { parseIr } from '../../src/ir/parse.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { DISPATCH_VAR, structureFunction, type BlockEmitter } from '../../src/emit/structure.js';
import * as js from '../../src/emit/js.js';
import { assemble } from '../../src/text/asm.js';
import { compileVerified, runBoth } from '../compile/harness.js';

/** Blocks push their id on `trace`; a two-way branch asks `pick()`; `ret` returns. */
const tracer = (fn: IrFunction): BlockEmitter => ({
  body: (b) => [js.expr(js.call(js.member(js.id('trace'), 'push'), [js.num(b)]))],
  terminator: (b, branch) => {
    const t = fn.blocks[b]!.term;
    switch (t.op) {
      case 'jump':
        return branch(t.to);
      case 'br':
      case 'brcmp':
        return [js.ifs(js.call(js.id('pick'), []), branch(t.then)), ...branch(t.else)];
      default:
        return [js.ret(js.num(0))];
    }
  },
  edgeCopies: () => [],
});

interface Emitted {
  readonly code: string;
  readonly dispatch: boolean;
  /** Runs the code with the branch decisions `bits` (true: then-arm); the visited blocks. */
  run(bits: readonly boolean[]): number[];
}

function emit(fn: IrFunction): Emitted {
  const { statements, dispatch } = structureFunction(fn, tracer(fn));
  const code = generate({ type: 'Program', sourceType: 'script', body: statements } as ES.Program);
  const body = new Function('trace', 'pick', `let ${DISPATCH_VAR};\n${code}`) as (t: number[], p: () => boolean) => void;
  return {
    code,
    dispatch,
    run(bits) {
      const trace: number[] = [];
      let k = 0;
      try {
        body(trace, () => {
          if (k >= bits.length) throw new RangeError('out of decisions');
          return bits[k++]!;
        });
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
      return trace;
    },
  };
}

/** The blocks a direct walk of the CFG visits with the same decisions. */
function walk(fn: IrFunction, bits: readonly boolean[]): number[] {
  const trace: number[] = [];
  let k = 0;
  for (let b = 0; ; ) {
    trace.push(b);
    const t: Term = fn.blocks[b]!.term;
    if (t.op === 'jump') b = t.to.block;
    else if (t.op === 'br' || t.op === 'brcmp') {
      if (k >= bits.length) return trace;
      b = bits[k++] ? t.then.block : t.else.block;
    } else return trace;
  }
}

/** The case labels of the code's `switch`es. */
function switchCases(code: string): number[] {
  return [...code.matchAll(/case (\d+):/g)].map((c) => Number(c[1]));
}

/** mulberry32: a small seeded generator of integers below `n`. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

const bitsFor = (seed: number, n: number) => {
  const rand = rng(seed);
  return Array.from({ length: n }, () => rand(2) === 1);
};

// b1 -> {b2, b3} both enter the loop b2 <-> b3: irreducible. Before it a diamond (b0..), after it a
// natural loop b5 <-> b6: both must stay structured.
const IRREDUCIBLE = `
func "f" arity 1 {
b0(v0):
  v1 = const i64 0
  brcmp.lt v0, v1, b7(), b8()
b7():
  jump b1()
b8():
  jump b1()
b1():
  brcmp.eq v0, v1, b2(), b3()
b2():
  brcmp.gt v0, v1, b3(), b4()
b3():
  brcmp.gt v0, v1, b2(), b4()
b4():
  jump b5()
b5():
  brcmp.eq v0, v1, b6(), b9()
b6():
  jump b5()
b9():
  ret v0
}`;

describe('irreducible regions', () => {
  const [fn] = parseIr(renumber(IRREDUCIBLE));
  verifyFunction(fn!);

  it('only the irreducible loop goes through the switch', () => {
    const out = emit(fn!);
    expect(out.dispatch).toBe(true);
    // The loop {b2, b3} (ids after renumbering, see `renumber`).
    expect(switchCases(out.code)).toEqual([4, 5]);
    // The natural loop and the diamond stay structured: a labeled loop, an if, one switch only.
    expect(out.code).toMatch(/L\d+: for \(; ; \)/);
    expect(out.code.match(/switch/g)).toHaveLength(1);
  });

  it('visits the same blocks as the CFG for any decisions', () => {
    const out = emit(fn!);
    for (let seed = 1; seed <= 200; seed++) {
      const bits = bitsFor(seed, 1 + (seed % 23));
      expect(out.run(bits)).toEqual(walk(fn!, bits));
    }
  });

  it('a reducible CFG has no switch', () => {
    const [g] = parseIr(`func "g" arity 1 {
b0(v0):
  v1 = const i64 0
  jump b1()
b1():
  brcmp.eq v0, v1, b2(), b3()
b2():
  jump b1()
b3():
  ret v0
}`);
    const out = emit(g!);
    expect(out.dispatch).toBe(false);
    expect(out.code).not.toContain('switch');
  });
});

/** Random CFGs (many irreducible): emitted JS = direct walk, for many decision sequences. */
describe('random CFGs', () => {
  it('agree with a direct walk', () => {
    let irreducible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const fn = randomCfg(seed);
      verifyFunction(fn);
      const out = emit(fn);
      if (out.dispatch) {
        irreducible++;
        // A region never holds the entry, and never the whole function.
        const cases = switchCases(out.code);
        expect(cases).not.toContain(0);
        expect(cases.length).toBeLessThan(fn.blocks.length);
      }
      for (let k = 1; k <= 20; k++) {
        const bits = bitsFor(seed * 31 + k, k * 3);
        expect(out.run(bits)).toEqual(walk(fn, bits));
      }
    }
    expect(irreducible).toBeGreaterThan(30);
  });
});

describe('compiled programs with irreducible loops', () => {
  it('keep their structured parts and match the interpreter', async () => {
    // A counting loop before and after an irreducible loop {a, b} entered at a or b.
    const text = `
.function main(n)
  LDI r1, 0
  LDI r2, 1
  LDI r3, 5
  LDI r4, 0
pre:
  ADD r4, r4, r2
  CMP r4, r3
  JMPLT pre
  CMP r0, r1
  JMPEQ b
a:
  ADD r1, r1, r2
  CMP r1, r3
  JMPGT done
b:
  ADD r1, r1, r2
  ADD r1, r1, r2
  JMP a
done:
  ADD r4, r4, r2
  CMP r4, r3
  JMPLT done
  ADD r1, r1, r4
  RET r1`;
    const loaded = linkProgram(assemble(text));
    const code = compileVerified(loaded).code;
    expect(code.match(/switch/g)).toHaveLength(1);
    expect(code.match(/L\d+: for \(; ; \)/g)?.length).toBeGreaterThanOrEqual(2);
    for (const n of [0, 1, 2]) {
      const { interp, compiled } = await runBoth(loaded, 'main', () => [n]);
      expect(compiled).toEqual(interp);
    }
  });
});

/** Text IR needs blocks in index order: renames `b<k>` by order of definition. */
function renumber(text: string): string {
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/^(b\d+)\(/gm)) ids.set(m[1]!, `b${ids.size}`);
  return text.replace(/\bb\d+\b/g, (b) => ids.get(b) ?? b);
}

/** A random CFG of 2..12 blocks; every block reachable, some returns. */
function randomCfg(seed: number): IrFunction {
  const rand = rng(seed);
  const n = 2 + rand(11);
  const lines = ['func "r" arity 1 {', 'b0(v0):', '  v1 = const i64 0'];
  for (let b = 0; b < n; b++) {
    if (b > 0) lines.push(`b${b}():`);
    // A forward edge to b+1 keeps every block reachable; the other edge goes anywhere but the entry.
    const next = b + 1 < n ? b + 1 : -1;
    const other = 1 + rand(n - 1);
    if (next < 0) lines.push(rand(3) === 0 ? `  brcmp.eq v0, v1, b${other}(), b${1 + rand(n - 1)}()` : '  ret v0');
    else if (rand(4) === 0) lines.push(`  jump b${next}()`);
    else lines.push(rand(2) ? `  brcmp.eq v0, v1, b${next}(), b${other}()` : `  brcmp.eq v0, v1, b${other}(), b${next}()`);
  }
  lines.push('}');
  return parseIr(lines.join('\n'))[0]!;
}
