/**
 * DIV/MOD by a non-zero constant divisor skip the zero test in compiled code; results must still be the
 * VM's truncating division and sign-of-dividend remainder, with bigint and overflow cases exact.
 */
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { runBoth } from '../compile/harness.js';

describe('DIV/MOD by constants', () => {
  it('match the interpreter and truncate toward zero', async () => {
    // f(x) divides its parameter by constants, so the divisions stay in the compiled code (not folded).
    const divisors = ['2', '-3', '9007199254740993'];
    const f = divisors.flatMap((y) => [
      `  LDI r1, ${y}`, '  DIV r2, r3, r1', '  PUSHARG r2', '  CALL print', '  MOD r2, r3, r1', '  PUSHARG r2', '  CALL print',
    ]);
    const main = ['-7', '9007199254740993', '10'].flatMap((x) => [`  LDI r1, ${x}`, '  PUSHARG r1', '  CALL f']);
    const loaded = linkProgram(assemble(`.function main()\n${main.join('\n')}\n  RET r0\n.function f(x)\n  MOV r3, r0\n${f.join('\n')}\n  RET r0`));
    const { interp, compiled } = await runBoth(loaded, 'main');
    expect(compiled).toEqual(interp);
    expect(compiled.output).toEqual([
      '-3', '-1', '2', '-1', '0', '-7',
      '4503599627370496', '1', '-3002399751580331', '0', '1', '0',
      '5', '0', '-3', '1', '0', '10',
    ]);
  });
});
