import { describe, expect, test } from 'vitest';
import { BytecodeError } from '../../src/bytecode/errors.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { loadFixtures } from './helpers.js';

const fixtures = loadFixtures();

describe('fixtures', () => {
  test('the expected set is present (49 files: 18 x v1, 5 x v3, 26 x v9)', () => {
    const versions = fixtures.map((f) => f.bytes[4]! | (f.bytes[5]! << 8));
    expect(fixtures.length).toBe(49);
    expect(versions.filter((v) => v === 1).length).toBe(18);
    expect(versions.filter((v) => v === 3).length).toBe(5);
    expect(versions.filter((v) => v === 9).length).toBe(26);
  });

  test.each(fixtures.map((f) => [f.name, f] as const))('%s reads, links and round-trips', (_, f) => {
    const program = readProgram(f.bytes);
    expect(program.version).toBe(f.bytes[4]);
    expect(program.trailing.length).toBe(0);
    expect(program.manifest === null).toBe(program.version < 2);
    const loaded = linkProgram(program);
    expect(loaded.functions.has('main')).toBe(true);
    expect(loaded.constants.length).toBe(program.constants.length);
    expect(Array.from(writeProgram(program))).toEqual(Array.from(f.bytes));
  });

  test('files with several identical main records link to one main (first record kept)', () => {
    const withDuplicates = fixtures.filter((f) =>
      readProgram(f.bytes).functions.filter((fn) => fn.name === 'main').length > 1);
    expect(withDuplicates.map((f) => f.name)).toEqual([
      'stoffel/lang-fizzbuzz.stflb',
      'stoffel/lang-main_with_import.stflb',
      'stoffel/vm-matrix_average_fixed_point.stflb',
      'stoffel/vm-threshold_bls_bls12381.stflb',
      'stoffel/vm-threshold_eddsa_ed25519.stflb',
      'stoffel/vm-threshold_schnorr_ed25519.stflb',
    ]);
    for (const f of withDuplicates) {
      const program = readProgram(f.bytes);
      const loaded = linkProgram(program);
      expect(loaded.functions.get('main')!.record).toBe(program.functions[0]);
      expect(loaded.functions.size).toBe(new Set(program.functions.map((fn) => fn.name)).size);
    }
  });

  test('truncation at every offset of every fixture is an unexpected end of file', () => {
    for (const f of fixtures) {
      for (let len = 0; len < f.bytes.length; len++) {
        let caught: unknown;
        try {
          readProgram(f.bytes.subarray(0, len));
        } catch (e) {
          caught = e;
        }
        if (!(caught instanceof BytecodeError) || caught.kind !== 'UnexpectedEof') {
          throw new Error(`${f.name} truncated to ${len} bytes: ${String(caught)}`);
        }
      }
    }
  });
});
