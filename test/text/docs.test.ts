/** The examples in docs/text-format.md are real: the listing is what the disassembler prints. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';

const doc = readFileSync(new URL('../../docs/text-format.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('the short hand-written example and the full listing describe the same program', () => {
  const [listing, handWritten] = blocks;
  expect(listing).toBeDefined();
  expect(handWritten).toBeDefined();
  const program = assemble(handWritten!);
  expect(assemble(listing!)).toStrictEqual(program);
  expect(disassemble(program)).toBe(listing);
});

test('the syntax sketch at the top of asm.ts assembles', () => {
  const source = readFileSync(new URL('../../src/text/asm.ts', import.meta.url), 'utf8');
  const sketch = source
    .split('\n')
    .filter((line) => line.startsWith(' *   '))
    .map((line) => line.slice(5))
    .join('\n');
  const program = assemble(sketch);
  expect(program.functions.map((f) => f.name)).toEqual(['add1']);
  expect(program.functions[0]!.labels).toEqual([
    { name: 'done', target: 4 },
    { name: 'top', target: 0 },
    { name: 'far', target: 99 },
  ]);
  expect(program.constants).toStrictEqual([
    { kind: 'i64', value: 41n },
    { kind: 'string', value: 'hi' },
    { kind: 'i64', value: 1n },
  ]);
  expect(program.manifest?.clients).toHaveLength(1);
  expect(program.trailing).toStrictEqual(Uint8Array.of(0x00, 0xff));
});
