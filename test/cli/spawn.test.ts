/**
 * A few end-to-end runs of the built command (`node dist/src/cli/main.js`), checking real stdout/stderr
 * separation and exit codes. The project is built first (the `npm test` script builds too).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/text/asm.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { FIXTURES } from '../interp/helpers.js';

const root = join(import.meta.dirname, '../..');
const main = join(root, 'dist/src/cli/main.js');
const fixture = (name: string) => join(FIXTURES, 'handmade', `${name}.stflb`);

function stoffelJit(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; the runs below show whether it works.
  }
}, 120_000);

describe('the built stoffel-jit command', () => {
  it('prints program output, then the result, on stdout', () => {
    const r = stoffelJit('run', fixture('closure_counter'));
    expect(r).toEqual({ code: 0, stdout: 'Function(increment_counter) function\n15 22\nProgram returned: 37\n', stderr: '' });
  });

  it('puts the error on stderr and exits 4', () => {
    const r = stoffelJit('run', fixture('err_div_zero'));
    expect(r).toEqual({ code: 4, stdout: '3\n', stderr: "Execution error in 'main': Division by zero\n" });
  });

  it('writes traces to stderr', () => {
    const r = stoffelJit('run', fixture('ret_const'), '--trace-instr');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[instr\]\[depth 1\]\[main\]\[pc 0\] BEFORE LDI\(0, /);
    expect(r.stdout).toMatch(/^Program returned: /);
  });

  it('exits 2 on a file that is not a program and 1 on bad usage', () => {
    expect(stoffelJit('run', join(FIXTURES, 'handmade', 'README.md')).code).toBe(2);
    expect(stoffelJit('run').code).toBe(1);
  });

  it('runs compiled recursion far deeper than the default JavaScript stack allows', () => {
    // sum(n) = n + sum(n - 1), not a tail call: one JS frame per bytecode call.
    const depth = 300_000;
    const source = `
      .function main() -> int64
        LDI r1, ${depth}
        PUSHARG r1
        CALL sum
        RET r0
      .function sum(n: int64) -> int64
        LDI r1, 0
        CMP r0, r1
        JMPEQ base
        MOV r2, r0
        LDI r1, 1
        SUB r3, r2, r1
        PUSHARG r3
        CALL sum
        ADD r0, r0, r2
      base:
        RET r0
    `;
    const file = join(mkdtempSync(join(tmpdir(), 'stoffel-deep-')), 'deep.stflb');
    writeFileSync(file, writeProgram(assemble(source)));
    const r = stoffelJit('run', file, '--engine', 'compiled');
    expect(r).toEqual({ code: 0, stdout: `Program returned: ${(depth * (depth + 1)) / 2}\n`, stderr: '' });
  });
});
