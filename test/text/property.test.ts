import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';
import { arbProgram } from './arbitraries.js';

describe('random programs round-trip through the text form', () => {
  test('assemble(disassemble(p)) equals p', () => {
    fc.assert(
      fc.property(arbProgram, (p) => {
        expect(assemble(disassemble(p))).toStrictEqual(p);
      }),
      { numRuns: 400 },
    );
  });

  test('what the text gives back writes the same bytes and reads back unchanged', () => {
    fc.assert(
      fc.property(arbProgram, (p) => {
        const bytes = writeProgram(p);
        const q = assemble(disassemble(readProgram(bytes)));
        expect(Buffer.from(writeProgram(q)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
