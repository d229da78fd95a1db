import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';
import { FIXTURES, fixturesIn, readExpected } from '../interp/helpers.js';
import { cli } from './helpers.js';

const handmade = join(FIXTURES, 'handmade');
const binary = (text: string) => writeProgram(assemble(text));

describe('stoffel-jit run on the handmade fixtures', () => {
  it.each([...fixturesIn(handmade), ...fixturesIn(join(handmade, 'v1'))])('%s', (_name, path, expectedPath) => {
    const expected = readExpected(expectedPath);
    const r = cli(['run', path]);
    expect(r.code).toBe(expected.exit);
    const printed = expected.lines.map((l) => `${l}\n`).join('');
    if (expected.error !== undefined) {
      expect(r.stdout).toBe(printed);
      expect(r.stderr).toMatch(/^Execution error in 'main': .*\n$/);
      expect(r.stderr).toContain(expected.error);
    } else {
      expect(r.stdout).toBe(`${printed}Program returned: ${expected.result}\n`);
      expect(r.stderr).toBe('');
    }
  });
});

describe('stoffel-jit run', () => {
  const params = binary('.function main()\nLDI r0, 1\n.end\n.function f(a, b, c, d, e)\nPUSHARG r0\nPUSHARG r1\nPUSHARG r2\nPUSHARG r3\nPUSHARG r4\nCALL print\nMOV r0, r1\n.end\n');

  it('takes an entry and --arg values of every kind', () => {
    const r = cli(['run', 'p.stflb', 'f', '--arg', '-9223372036854775808', '--arg', '2.50', '--arg', 'true', '--arg', '"a b"', '--arg', '()'], {
      'p.stflb': params,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('-9223372036854775808 2.5f64 true a b ()\nProgram returned: 2.5\n');
    expect(r.code).toBe(0);
  });

  it('takes entry arguments positionally after the entry, before any --arg values', () => {
    const r = cli(['run', 'p.stflb', 'f', '7', '"x"', '--arg', '()', '--', '-2', 'false'], { 'p.stflb': params });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('7 x -2 false ()\nProgram returned: "x"\n');
    expect(r.code).toBe(0);
  });

  it('refuses an unreadable --arg and an out-of-range integer (usage errors, exit 1)', () => {
    expect(cli(['run', 'p.stflb', 'f', '--arg', 'bare'], { 'p.stflb': params }).code).toBe(1);
    const r = cli(['run', 'p.stflb', '--arg', '9223372036854775808'], { 'p.stflb': params });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: integer argument 9223372036854775808 is outside the int64 range\n');
  });

  it('reports entry errors as execution errors', () => {
    const r = cli(['run', 'p.stflb', 'f'], { 'p.stflb': params });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("Execution error in 'f': Function f expects 5 arguments but got 0\n");
  });

  it('--engine selects the engine; an unknown engine is a usage error', () => {
    const args = ['run', 'p.stflb', 'f', '--arg', '1', '--arg', '2', '--arg', '3', '--arg', '4', '--arg', '5'];
    const compiled = cli([...args, '--engine', 'compiled'], { 'p.stflb': params });
    expect(compiled).toMatchObject({ code: 0, stdout: '1 2 3 4 5\nProgram returned: 2\n', stderr: '' });
    expect(cli([...args, '--engine', 'interp'], { 'p.stflb': params })).toEqual(compiled);
    expect(cli(['run', 'p.stflb', '--engine', 'jit'], { 'p.stflb': params }).code).toBe(1);
  });

  it('a malformed or missing file exits 2 with one line', () => {
    const bad = cli(['run', 'bad.stflb'], { 'bad.stflb': new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: failed to deserialize compiled program 'bad.stflb': .*InvalidMagicBytes|magic/i);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    const missing = cli(['run', '/nonexistent/x.stflb']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Error: failed to open compiled program '\/nonexistent\/x.stflb': /);
  });

  it('a function named like a builtin exits 3', () => {
    const r = cli(['run', 'p.stflb'], { 'p.stflb': binary('.function main()\n.end\n.function print()\n.end\n') });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("Error: invalid VM function: Function 'print' is already registered\n");
  });

  it('a program without functions exits 3', () => {
    const r = cli(['run', 'p.stflb'], { 'p.stflb': binary('.version 9\n') });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('Error: compiled program contains no functions\n');
  });

  it('a failed load check (a jump to an unknown label) exits 2', () => {
    const valid = assemble('.function main()\nNOP\n.end\n');
    const main = valid.functions[0]!;
    const broken = { ...valid, functions: [{ ...main, instructions: [{ op: 'JMP' as const, label: 'nowhere' }] }] };
    const r = cli(['run', 'p.stflb'], { 'p.stflb': writeProgram(broken) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: invalid compiled program 'p.stflb': .*nowhere.*\n$/);
  });

  it('trace flags write to stderr, independently of each other', () => {
    const p = binary('.function main()\nLDI r0, 7\n.end\n');
    const regs = cli(['run', 'p.stflb', '--trace-regs'], { 'p.stflb': p });
    expect(regs.stdout).toBe('Program returned: 7\n');
    expect(regs.stderr).toBe('[regs][depth 1][main] R0 (clear[0]): () -> 7\n');
    const instr = cli(['run', 'p.stflb', '--trace-instr', '--trace-stack'], { 'p.stflb': p });
    expect(instr.stderr).toBe(
      '[instr][depth 1][main][pc 0] BEFORE LDI(0, 7)\n[instr][depth 1][main][pc 0] AFTER  LDI(0, 7)\n',
    );
  });

  it('--max-instructions and --max-depth end the run with exit 4', () => {
    const p = binary('.function main()\ntop:\nJMP top\n.end\n.function f()\nCALL f\n.end\n');
    const steps = cli(['run', 'p.stflb', '--max-instructions', '5'], { 'p.stflb': p });
    expect(steps.code).toBe(4);
    expect(steps.stderr).toBe("Execution error in 'main': Instruction limit of 5 exceeded in function 'main' at instruction 0\n");
    const depth = cli(['run', 'p.stflb', 'f', '--max-depth', '3'], { 'p.stflb': p });
    expect(depth.stderr).toBe("Execution error in 'f': Call depth limit of 3 exceeded calling function 'f'\n");
    expect(cli(['run', 'p.stflb', '--max-depth', 'x'], { 'p.stflb': p }).code).toBe(1);
  });

  it('bad usage exits 1', () => {
    expect(cli([]).code).toBe(1);
    expect(cli(['run']).code).toBe(1);
    expect(cli(['run', 'x', '--no-such-flag']).code).toBe(1);
    expect(cli(['frobnicate']).code).toBe(1);
    expect(cli(['--help']).code).toBe(0);
  });
});

describe('stoffel-jit disasm / asm', () => {
  it('asm of disasm reproduces every handmade fixture byte for byte', () => {
    for (const [name, path] of fixturesIn(handmade)) {
      const text = cli(['disasm', path]);
      expect(text.code, name).toBe(0);
      const out = cli(['asm', 'x.stfasm', '-o', 'x.stflb'], { 'x.stfasm': text.stdout });
      expect(out.code, name).toBe(0);
      expect(out.written.get('x.stflb'), name).toEqual(new Uint8Array(readFileSync(path)));
    }
  });

  it('asm reports assembler errors with exit 2 and needs -o', () => {
    const r = cli(['asm', 'x.stfasm', '-o', 'y'], { 'x.stfasm': '.function main(\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: x.stfasm: line 1/);
    expect(r.written.size).toBe(0);
    expect(cli(['asm', 'x.stfasm'], { 'x.stfasm': '' }).code).toBe(1);
  });

  it('disasm of a malformed file exits 2', () => {
    expect(cli(['disasm', 'b'], { b: new Uint8Array(3) }).code).toBe(2);
  });
});
