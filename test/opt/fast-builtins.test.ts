/**
 * Compiled code calls get_field / set_field / array_push / append / len / array_length / to_string through
 * fixed-arity fast paths (runtime/compiled/fast.ts) that handle the common case and defer everything else
 * to the builtin. These programs hit both sides of every guard; the compiled outcome must equal the
 * interpreter's, and the values the spec fixes are asserted independently.
 */
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compileVerified, runBoth, type Outcome } from '../compile/harness.js';

async function both(text: string): Promise<Outcome> {
  const { interp, compiled } = await runBoth(linkProgram(assemble(text)), 'main');
  expect(compiled).toEqual(interp);
  return compiled;
}

const call = (name: string, ...regs: string[]) => [...regs.map((r) => `  PUSHARG ${r}`), `  CALL ${name}`].join('\n');
const show = (reg = 'r0') => call('print', reg);

describe('table builtin fast paths', () => {
  it('are what compiled calls with the handled arity use (other arities keep the generic call)', () => {
    const { code } = compileVerified(
      linkProgram(assemble(`.function main(a)\n  LDI r1, 0\n${call('get_field', 'r0', 'r1')}\n${call('get_field', 'r0', 'r1', 'r1')}\n  RET r0`)),
    );
    expect(code.match(/\$fastGetField\(\$x\[\d+\], /g)?.length).toBe(1);
  });

  it('arrays: push, overwrite, negative index, length, sparse write, hole read error', async () => {
    const out = await both(`.function main()
  LDI r1, 0
${call('create_array', 'r1')}
  MOV r2, r0
  LDI r3, 10
${call('array_push', 'r2', 'r3')}
${show()}
  LDI r3, 20
${call('append', 'r2', 'r3')}
${show()}
  LDI r4, 1
  LDI r5, 25
${call('set_field', 'r2', 'r4', 'r5')}
  LDI r4, -1
${call('get_field', 'r2', 'r4')}
${show()}
  LDI r4, 0
${call('get_field', 'r2', 'r4')}
${show()}
${call('len', 'r2')}
${show()}
  LDI r4, 40
${call('set_field', 'r2', 'r4', 'r5')}
${call('array_length', 'r2')}
${show()}
  LDI r4, 40
${call('get_field', 'r2', 'r4')}
${show()}
  LDI r4, 35
${call('get_field', 'r2', 'r4')}
${show()}
  RET r0`);
    expect(out.output).toEqual(['1', '()', '25', '10', '2', '41', '25']);
    expect(out.error?.message).toMatch(/35/);
  });

  it('objects and strings: string keys, missing keys, non-string keys, len, to_string', async () => {
    const out = await both(`.function main()
${call('create_object')}
  MOV r2, r0
  LDI r3, "k"
  LDI r4, 7
${call('set_field', 'r2', 'r3', 'r4')}
  LDI r4, 8
${call('set_field', 'r2', 'r3', 'r4')}
${call('get_field', 'r2', 'r3')}
${show()}
  LDI r3, 1
${call('set_field', 'r2', 'r3', 'r4')}
${call('get_field', 'r2', 'r3')}
${show()}
  LDI r3, "missing"
${call('get_field', 'r2', 'r3')}
${show()}
  LDI r3, "a😀é"
${call('len', 'r3')}
${show()}
  LDI r3, 9007199254740993
${call('to_string', 'r3')}
${show()}
  LDI r3, -12
${call('to_string', 'r3')}
${show()}
  LDI r3, true
${call('to_string', 'r3')}
${show()}
${call('len', 'r2')}
  RET r0`);
    expect(out.output).toEqual(['8', '8', '()', '3', '9007199254740993', '-12', 'true']);
    expect(out.error?.message).toContain('Foreign function len failed');
  });

  it('string concatenation with a known string: inline when both are strings, the exact ADD otherwise', async () => {
    const out = await both(`.function main()
  LDI r1, 12
${call('to_string', 'r1')}
  MOV r2, r0
  LDI r3, ","
  ADD r4, r2, r3
${show('r4')}
  LDI r1, 0
${call('create_array', 'r1')}
  MOV r5, r0
${call('array_push', 'r5', 'r3')}
  LDI r1, 0
${call('get_field', 'r5', 'r1')}
  ADD r4, r3, r0
${show('r4')}
  LDI r1, 7
  ADD r4, r3, r1
  RET r4`);
    expect(out.output).toEqual(['12,', ',,']);
    expect(out.error?.message).toBeDefined();
  });
});
