/** Every fixture: bytes -> model -> text -> model -> bytes gives the original bytes. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';

const FIXTURE_ROOT = new URL('../../../shared/fixtures/', import.meta.url).pathname;

const fixtures = ['stoffel', 'handmade', 'handmade/v1'].flatMap((dir) =>
  readdirSync(join(FIXTURE_ROOT, dir))
    .filter((f) => f.endsWith('.stflb'))
    .sort()
    .map((f) => `${dir}/${f}`),
);

describe('fixture round trip through the text form', () => {
  test('the fixture set is there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
  });

  test.each(fixtures)('%s', (name) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURE_ROOT, name)));
    const program = readProgram(bytes);
    const text = disassemble(program);
    const reassembled = assemble(text);
    expect(reassembled).toStrictEqual(program);
    expect(Buffer.from(writeProgram(reassembled)).equals(Buffer.from(bytes))).toBe(true);
    // The listing is stable: printing the reassembled program gives the same text.
    expect(disassemble(reassembled)).toBe(text);
  });

  test('real compiler output keeps its hash-ordered label tables', () => {
    const program = readProgram(new Uint8Array(readFileSync(join(FIXTURE_ROOT, 'stoffel/lang-fizzbuzz.stflb'))));
    const text = disassemble(program);
    expect(text).toContain('.label_order ');
    const main = assemble(text).functions[0]!;
    expect(main.labels.map((l) => l.name)).toEqual(program.functions[0]!.labels.map((l) => l.name));
  });
});
