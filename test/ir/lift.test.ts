import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { liftFunction } from '../../src/ir/lift.js';
import { parseIr } from '../../src/ir/parse.js';
import type { IrFunction } from '../../src/ir/ir.js';
import { printFunction } from '../../src/ir/print.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { assemble } from '../../src/text/asm.js';
import { canonicalValues, goldenFiles, readGolden } from './golden.js';

const DIR = join(import.meta.dirname, 'golden');

describe('lifter golden files (.stfasm -> IR)', () => {
  it.each(goldenFiles(DIR))('%s', (file) => {
    const g = readGolden(DIR, file);
    const refresh = (g.get('options') ?? '').includes('refresh');
    const loaded = linkProgram(assemble(g.get('stfasm')!));
    const fns = [...loaded.functions.values()].map((f) => liftFunction(f, loaded.program.constants, { refreshClosures: refresh }));
    fns.forEach(verifyFunction);
    const canonical = (list: IrFunction[]) => list.map((f) => canonicalValues(printFunction(f)));
    expect(canonical(fns)).toEqual(canonical(parseIr(g.get('ir')!)));
  });
});

describe('lifter robustness', () => {
  it('lifts a very long function with many blocks without recursion', () => {
    const n = 20000;
    const lines = ['.function main()', '  LDI r1, 0', '  LDI r2, 1'];
    for (let i = 0; i < n; i++) lines.push(`  CMP r1, r2`, `  JMPEQ l${i}`, `  ADD r1, r1, r2`, `l${i}:`);
    lines.push('  RET r1');
    const loaded = linkProgram(assemble(lines.join('\n')));
    const ir = liftFunction(loaded.functions.get('main')!, loaded.program.constants, { refreshClosures: false });
    verifyFunction(ir);
    expect(ir.blocks.length).toBeGreaterThan(2 * n);
  });

  it('gives every function a synthetic entry with no predecessors, even when instruction 0 is a loop head', () => {
    const loaded = linkProgram(assemble('.function main()\ntop:\n  ADD r0, r0, r0\n  JMP top'));
    const ir = liftFunction(loaded.functions.get('main')!, loaded.program.constants, { refreshClosures: false });
    verifyFunction(ir);
    expect(printFunction(ir)).toContain('b0():');
  });

  it('lifts an empty function to a return of r0', () => {
    const loaded = linkProgram(assemble('.function main(a)\n.function other()'));
    const ir = liftFunction(loaded.functions.get('main')!, loaded.program.constants, { refreshClosures: false });
    expect(canonicalValues(printFunction(ir))).toBe('func "main" arity 1 {\nb0(v0):\n  jump b1()\nb1():\n  ret v0\n}\n');
  });
});
