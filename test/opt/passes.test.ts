import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IrFunction } from '../../src/ir/ir.js';
import { parseIr } from '../../src/ir/parse.js';
import { printFunctions } from '../../src/ir/print.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { inlineCalls } from '../../src/opt/inline.js';
import { PASSES } from '../../src/opt/pipeline.js';
import { resolveCalls } from '../../src/opt/resolve.js';
import { goldenFiles, readGolden } from '../ir/golden.js';

const DIR = join(import.meta.dirname, 'golden');

function runPass(name: string, fn: IrFunction, g: Map<string, string>): void {
  if (name === 'resolve') return resolveCalls(fn, new Set((g.get('functions') ?? '').trim().split(/\s+/)));
  const pass = PASSES.find(([n]) => n === name);
  if (!pass) throw new Error(`unknown pass ${name}`);
  pass[1](fn);
}

describe('optimizer passes (IR text in -> IR text out)', () => {
  it.each(goldenFiles(DIR))('%s', (file) => {
    const g = readGolden(DIR, file);
    const fns = parseIr(g.get('input')!);
    fns.forEach(verifyFunction);
    // Inlining is whole-program: callers are only verified after it (no other pass runs).
    if (g.get('pass')!.trim() === 'inline') inlineCalls(fns, { reoptimize: verifyFunction });
    else for (const fn of fns) {
      runPass(g.get('pass')!.trim(), fn, g);
      verifyFunction(fn);
    }
    expect(printFunctions(fns)).toBe(printFunctions(parseIr(g.get('output')!)));
  });
});
