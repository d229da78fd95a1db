/**
 * Differential test: every fixture runs in the reference interpreter and as a compiled module; output,
 * result and error (message and kind) must be identical. Handmade fixtures are also checked against their
 * `.expected` files, independently of the interpreter.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProgramBytes } from '../../src/bytecode/load.js';
import { runBoth } from './harness.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

function stflb(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.stflb')).sort();
}

/** `.expected`: printed lines, then `Program returned: …` or `error: …`, then `exit: N`. */
function readExpected(path: string): { lines: string[]; result?: string; error?: string } {
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  lines.pop(); // exit: N
  const last = lines.pop()!;
  if (last.startsWith('error: ')) return { lines, error: last.slice('error: '.length) };
  return { lines, result: last.slice('Program returned: '.length) };
}

describe.each([
  ['handmade', join(FIXTURES, 'handmade')],
  ['handmade/v1', join(FIXTURES, 'handmade', 'v1')],
])('%s: compiled = interpreter = expected', (_label, dir) => {
  it.each(stflb(dir))('%s', async (file) => {
    const loaded = loadProgramBytes(readFileSync(join(dir, file)));
    const { interp, compiled } = await runBoth(loaded);
    expect(compiled).toEqual(interp);
    const expected = readExpected(join(dir, file.replace(/\.stflb$/, '.expected')));
    expect(compiled.output).toEqual(expected.lines);
    if (expected.error !== undefined) expect(compiled.error?.message).toContain(expected.error);
    else expect(compiled.result).toBe(expected.result);
  });
});

describe('official stoffel fixtures (no MPC engine): compiled = interpreter', () => {
  const dir = join(FIXTURES, 'stoffel');
  it.each(stflb(dir))('%s', async (file) => {
    const loaded = loadProgramBytes(readFileSync(join(dir, file)));
    const { interp, compiled } = await runBoth(loaded);
    expect(compiled).toEqual(interp);
  });
});
