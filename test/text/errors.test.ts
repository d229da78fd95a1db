/** Malformed sources: an `AsmError` with the right line, column and reason, and never anything else. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AsmError, assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';
import { arbProgram } from './arbitraries.js';

function errorOf(source: string): AsmError {
  try {
    assemble(source);
  } catch (e) {
    if (e instanceof AsmError) return e;
    throw e;
  }
  throw new Error(`assembled without error: ${JSON.stringify(source)}`);
}

/** [source, line, column, part of the reason] */
const CASES: Array<[string, number, number, string]> = [
  ['.function f\n  LDI r0, 300u8', 2, 11, '300 is out of range for u8 (0 to 255)'],
  ['.function f\n  LDI r0, -1u64', 2, 12, 'out of range for u64'],
  ['.function f\n  LDI r0, 9223372036854775808', 2, 11, 'out of range for i64'],
  ['.function f\n  LDI r0, 1.5i32', 2, 11, 'must be a whole number'],
  ['.function f\n  LDI r0, 1x', 2, 11, "unknown literal suffix 'x'"],
  ['.function f\n  LDI r0, 1.2.3', 2, 11, 'malformed number'],
  ['.function f\n  LDI r0, nan(0x1)', 2, 15, 'not the bit pattern of a NaN'],
  ['.function f\n  LDI r0,', 2, 10, 'expected a literal, found end of line'],
  ['.function f\n  ADD r0, r1', 2, 13, "expected ',', found end of line"],
  ['.function f\n  ADD r0, r1, 5', 2, 15, 'expected a register (r0, r1, ...), found number'],
  ['.function f\n  MOV r4294967296, r0', 2, 7, 'beyond r4294967295'],
  ['.function f\n  RET r0 r1', 2, 10, "unexpected 'r1' after RET"],
  ['.function f\n  FROB r0', 2, 3, 'expected an instruction mnemonic or a label'],
  ['.function f\n  LD r0, 2147483648', 2, 10, 'out of range for a stack offset'],
  ['LDI r0, 1', 1, 1, 'outside a function'],
  ['.registers 3', 1, 1, '.registers outside a function'],
  ['.frobnicate', 1, 1, "unknown directive '.frobnicate'"],
  ['.function f\n.version 9', 2, 1, '.version must come before the first .function'],
  ['.const 1\n.version 9', 2, 1, '.version must be the first statement'],
  ['.function f\n.end\n.const 1', 3, 1, '.const must come before the first .function'],
  ['.const #1 5', 1, 9, 'constant #1 is listed where #0 comes next'],
  ['.const i32 1u8', 1, 12, 'expected a value of kind i32, found a literal of kind u8'],
  ['.const bool 256', 1, 13, 'out of range for a bool byte'],
  ['.const string 5', 1, 15, 'expected a value of kind string, found a number'],
  ['.const "abc', 1, 8, 'unterminated string'],
  ['.const "a\\qb"', 1, 10, 'unknown escape sequence \\q'],
  ['.const "\\u{D800}"', 1, 9, 'surrogate'],
  ['.const "\\u{110000}"', 1, 9, 'beyond the last code point'],
  ['.const "\\u{}"', 1, 9, 'malformed \\u escape'],
  ['.const $', 1, 8, 'unexpected character U+0024'],
  ['.version 10', 1, 10, 'out of range for a format version (0 to 9)'],
  ['.version 3\n.curve bn254', 2, 1, '.curve needs format version 4 or later (this program is version 3)'],
  ['.version 1\n.client 0', 2, 1, '.client needs format version 2'],
  ['.version 7\n.demand triples=1', 2, 1, '.demand needs format version 8'],
  ['.backend honeybadger\n.backend avss', 2, 1, 'duplicate .backend'],
  ['.curve p-384', 1, 8, 'expected an MPC curve'],
  ['.client 0 inputs(fixed(8, 8))', 1, 27, 'fractional bits must be less than total bits'],
  ['.client 0 inputs(int0)', 1, 18, 'bit width 0 is out of range'],
  ['.client 0 outputs(int8) inputs(int8)', 1, 25, 'inputs(...) must come before outputs(...)'],
  ['.demand triples=1 triples=2', 1, 19, "duplicate demand field 'triples'"],
  ['.demand dynamic=256', 1, 17, 'out of range'],
  ['.version 4\n.function f(a: int64)', 2, 14, 'type metadata needs format version 5'],
  ['.version 4\n.function f -> int64', 2, 13, 'type metadata needs format version 5'],
  ['.function f(a: int0)', 1, 16, 'bit width 0 is out of range (1 to 255)'],
  ['.function f(a: int256)', 1, 16, 'out of range (1 to 255)'],
  ['.function f(a: fixed(64, medium))', 1, 26, 'expected short or long'],
  ['.function f(a: fixed(32, short))', 1, 26, 'the short fixed-point form is always 64 bits'],
  ['.function f(a: blob)', 1, 16, "expected a type, found 'blob'"],
  ['.function f(a b)', 1, 15, "expected ',' or ')'"],
  ['.function f\n  .registers 65536', 2, 14, 'out of range for a register count'],
  ['.function f\n  .registers 1\n  .registers 2', 3, 3, 'duplicate .registers'],
  ['.function f\n  .label_order a, b\na:\n  NOP', 2, 19, "label 'b' more often than it is defined"],
  ['.function f\n  .label_order a\na:\nb:\n  NOP', 4, 1, "label 'b' is missing from .label_order"],
  ['.function f\n  .label_order a@1\na:\n  NOP', 2, 16, "label 'a' at 1 more often than it is defined"],
  ['.function f\n  LDS r70000, 0', 1, 1, 'register count 70001 exceeds 65535'],
  ['.trailing "abc"', 1, 11, 'pairs of hex digits'],
  ['.trailing "00"\n.function f', 2, 1, 'only more .trailing lines may follow .trailing'],
  // Columns count code points: the emoji is one column (two UTF-16 units).
  ['.function "😀" x', 1, 15, "unexpected 'x' after the function header"],
];

describe('AsmError cases', () => {
  test.each(CASES)('%j -> line %i, column %i', (source, line, column, reason) => {
    const error = errorOf(source);
    expect(error.reason).toContain(reason);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toBe(`line ${line}, column ${column}: ${error.reason}`);
    expect(error.name).toBe('AsmError');
  });

  test('deeply nested types are refused, not a stack overflow', () => {
    const deep = `${'list('.repeat(5000)}int64${')'.repeat(5000)}`;
    expect(errorOf(`.function f() -> ${deep}`).reason).toContain('nested deeper than 256 levels');
  });

  test('huge numerals are refused without parsing them', () => {
    const error = errorOf(`.function f\n  LDI r0, ${'9'.repeat(100000)}`);
    expect(error.reason).toContain('is out of range for i64');
  });

  test('names longer than the format allows are refused', () => {
    expect(errorOf(`.function "${'é'.repeat(40000)}"`).reason).toContain('longer than 65535 bytes of UTF-8');
  });
});

describe('garbage in, AsmError out', () => {
  function onlyAsmErrors(source: string): void {
    try {
      assemble(source);
    } catch (e) {
      if (!(e instanceof AsmError)) throw e;
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
    }
  }

  const tokens = fc.constantFrom(
    '.function', '.end', '.const', '.label', '.label_order', '.registers', '.version', '.client', '.demand', '.trailing',
    '.upvalues', '.parent', '.backend', '.curve', 'LDI', 'ADD', 'JMP', 'r0', 'r1', '#0', '#', '42', '-', '1.5', 'nan', 'inf',
    '"x"', '"', '(', ')', ',', ':', '->', '@', '=', '\n', ' ', ';', 'int64', 'fixed(', 'list(', 'u8', '\\', '\u2028', '😀',
  );

  test('random token soup', () => {
    fc.assert(fc.property(fc.array(tokens, { maxLength: 40 }), (parts) => onlyAsmErrors(parts.join(' '))), { numRuns: 2000 });
  });

  test('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), onlyAsmErrors), { numRuns: 1000 });
  });

  test('mutated listings', () => {
    const mutation = fc.tuple(arbProgram, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(mutation, ([program, edits]) => {
        let text = disassemble(program);
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        onlyAsmErrors(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scale', () => {
  test('large listings assemble in linear time', () => {
    const labels = 30000;
    const lines = ['.function big', `  .label_order ${Array.from({ length: labels }, () => 'l').join(', ')}`];
    for (let i = 0; i < labels; i++) lines.push('l:', `  LDI r${i % 16}, ${i}`);
    const started = performance.now();
    const program = assemble(lines.join('\n'));
    expect(program.functions[0]!.labels).toHaveLength(labels);
    expect(program.constants).toHaveLength(labels);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
