/**
 * A few end-to-end runs of the built command (`node dist/src/cli/main.js`), checking real stdout/stderr
 * separation and exit codes. The project is built first (the `npm test` script builds too).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
});
