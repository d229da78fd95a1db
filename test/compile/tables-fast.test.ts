/**
 * The inline table paths of compiled code (src/emit/tables.ts, the `EntryMap` string-key record): every
 * program runs in the interpreter and as a compiled module and the outcomes must be identical. The keys
 * that could reach a JS prototype or behave specially as property names ("__proto__", "constructor",
 * index-like strings, …) and every array case the inline code must hand to the fallback (holes, gaps,
 * negative and bigint indices, writes at or beyond the end, other target kinds) are covered; the
 * expected values are also asserted independently from builtins-core.md §2.
 */
import { describe, expect, it } from 'vitest';
import { objectSet } from '../../runtime/tables.js';
import { EntryMap, VmObject, type TableEntry, type Value } from '../../runtime/values.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compileVerified, runBoth, type Outcome } from './harness.js';

/** A stfasm string literal. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `CALL name` with the given registers pushed as arguments. */
function call(name: string, ...regs: string[]): string {
  return [...regs.map((r) => `  PUSHARG ${r}`), `  CALL ${name}`].join('\n');
}

/** Both engines agree; returns the outcome. Also checks that the compiled code has the inline path. */
async function both(text: string, inlineMarker?: string): Promise<Outcome> {
  const loaded = linkProgram(assemble(text));
  if (inlineMarker !== undefined) expect(compileVerified(loaded).code).toContain(inlineMarker);
  const { interp, compiled } = await runBoth(loaded);
  expect(compiled).toEqual(interp);
  return compiled;
}

const EDGE_KEYS = [
  'x',
  '0',
  '12',
  '4294967295',
  '-1',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'length',
  'props',
  '',
  'k'.repeat(5000),
  'with "quotes" and \\ backslash',
  'é✓',
];

describe('objects: constant string keys', () => {
  for (const key of EDGE_KEYS) {
    it(`key ${JSON.stringify(key.length > 20 ? `${key.slice(0, 20)}…` : key)}: missing, insert, replace, order`, async () => {
      const out = await both(
        `
.function main()
${call('create_object')}
  MOV r1, r0
  LDI r2, ${quote(key)}
${call('get_field', 'r1', 'r2')}
  MOV r3, r0
${call('type', 'r3')}
  MOV r3, r0
${call('print', 'r3')}
  LDI r4, 7
${call('set_field', 'r1', 'r2', 'r4')}
  LDI r5, "a"
  LDI r6, 1
${call('set_field', 'r1', 'r5', 'r6')}
  LDI r4, 8
${call('set_field', 'r1', 'r2', 'r4')}
${call('get_field', 'r1', 'r2')}
  MOV r3, r0
${call('print', 'r3')}
${call('get_field', 'r1', 'r5')}
  MOV r3, r0
${call('print', 'r3')}
  RET r1`,
        `.entries.props[${JSON.stringify(key)}]`,
      );
      // Missing -> Unit; a replaced key keeps its first position (insertion order).
      expect(out.output.slice(0, 3)).toEqual(['nil', '8', '1']);
      expect(out.result!.indexOf(JSON.stringify(key).slice(1, -1).slice(0, 20))).toBeLessThan(out.result!.indexOf('"a"'));
    });
  }

  it('never finds inherited members: Object.prototype names read as Unit on a fresh object', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
    const lines = names.map((n, i) => `  LDI r2, ${quote(n)}\n${call('get_field', 'r1', 'r2')}\n  MOV r${3 + i}, r0`);
    const regs = names.map((_, i) => `r${3 + i}`);
    const out = await both(`
.function main()
${call('create_object')}
  MOV r1, r0
${lines.join('\n')}
${call('print', ...regs)}
  RET r1`);
    expect(out.output).toEqual([names.map(() => '()').join(' ')]);
    expect(out.result).toBe('{}');
  });

  it('objects built in different key orders at the same sites keep each insertion order', async () => {
    const out = await both(`
.function make(first, second)
  MOV r4, r0
${call('create_object')}
  MOV r2, r0
  LDI r3, 1
${call('set_field', 'r2', 'r4', 'r3')}
  LDI r3, 2
${call('set_field', 'r2', 'r1', 'r3')}
  RET r2
.function bump(o)
  MOV r5, r0
  LDI r1, "p"
${call('get_field', 'r5', 'r1')}
  MOV r2, r0
  LDI r3, 10
  ADD r2, r2, r3
${call('set_field', 'r5', 'r1', 'r2')}
  LDI r1, "q"
${call('get_field', 'r5', 'r1')}
  MOV r2, r0
  LDI r3, 100
  ADD r2, r2, r3
${call('set_field', 'r5', 'r1', 'r2')}
  RET r5
.function main()
  LDI r1, "p"
  LDI r2, "q"
${call('make', 'r1', 'r2')}
  MOV r3, r0
${call('make', 'r2', 'r1')}
  MOV r4, r0
${call('bump', 'r3')}
${call('bump', 'r4')}
${call('bump', 'r3')}
${call('print', 'r3', 'r4')}
  RET r3`);
    expect(out.output).toEqual(['{p: 21, q: 202} {q: 101, p: 12}']);
  });

  it('a constant string key on other targets: array extra field, string error, Unit, set on a non-table', async () => {
    const out = await both(`
.function main()
${call('create_array')}
  MOV r1, r0
  LDI r2, "x"
${call('get_field', 'r1', 'r2')}
  MOV r3, r0
  LDI r4, 5
${call('set_field', 'r1', 'r2', 'r4')}
${call('get_field', 'r1', 'r2')}
  MOV r5, r0
${call('len', 'r1')}
  MOV r6, r0
${call('print', 'r3', 'r5', 'r6')}
  LDI r7, ()
${call('get_field', 'r7', 'r2')}
  MOV r3, r0
${call('print', 'r3')}
  LDI r7, "abc"
${call('get_field', 'r7', 'r2')}
  RET r0`);
    expect(out.output).toEqual(['() 5 0', '()']);
    expect(out.error?.message).toBe('Foreign function get_field failed: string index must be an integer, found string');
  });

  it('objects built by the runtime (an entry argument) are read and updated through the inline path', async () => {
    const fresh = (): Value[] => {
      const o = new VmObject(1000);
      objectSet(o, 'x', 5);
      objectSet(o, 7, 'seven');
      objectSet(o, '__proto__', 9);
      return [o];
    };
    const loaded = linkProgram(
      assemble(`
.function main(o)
  MOV r1, r0
  LDI r2, "x"
${call('get_field', 'r1', 'r2')}
  MOV r3, r0
  LDI r2, "__proto__"
${call('get_field', 'r1', 'r2')}
  MOV r4, r0
  LDI r5, 1
${call('set_field', 'r1', 'r2', 'r5')}
  LDI r2, "y"
${call('set_field', 'r1', 'r2', 'r5')}
${call('print', 'r3', 'r4', 'r1')}
  RET r1`),
    );
    const { interp, compiled } = await runBoth(loaded, 'main', fresh);
    expect(compiled).toEqual(interp);
    expect(compiled.output).toEqual(['5 9 {x: 5, 7: seven, __proto__: 1, y: 1}']);
  });

  it('set_field with a constant key on a non-table fails like the builtin', async () => {
    const out = await both(`
.function main()
  LDI r1, 3
  LDI r2, "x"
${call('set_field', 'r1', 'r2', 'r1')}
  RET r0`);
    expect(out.error?.message).toBe('Foreign function set_field failed: Expected object or array');
  });
});

describe('arrays: inline element access and its fallbacks', () => {
  /** An array [10, 20, 30] in r1. */
  const prelude = `
.function main()
${call('create_array')}
  MOV r1, r0
  LDI r2, 10
  LDI r3, 20
  LDI r4, 30
${call('array_push', 'r1', 'r2')}
${call('array_push', 'r1', 'r3')}
${call('array_push', 'r1', 'r4')}
  MOV r9, r0`;

  it('reads, overwrites, negative indices, push results and lengths', async () => {
    const out = await both(
      `${prelude}
  LDI r2, 1
${call('get_field', 'r1', 'r2')}
  MOV r5, r0
  LDI r3, 99
${call('set_field', 'r1', 'r2', 'r3')}
${call('get_field', 'r1', 'r2')}
  MOV r6, r0
  LDI r2, -1
${call('get_field', 'r1', 'r2')}
  MOV r7, r0
  LDI r3, 77
${call('set_field', 'r1', 'r2', 'r3')}
${call('array_length', 'r1')}
  MOV r8, r0
  LDI r3, 5
${call('append', 'r1', 'r3')}
  MOV r2, r0
${call('print', 'r9', 'r5', 'r6', 'r7', 'r8', 'r2', 'r1')}
  RET r1`,
      'typeof ($e = $e[1]) !== "symbol"',
    );
    expect(out.output).toEqual(['3 20 99 30 3 () [10, 99, 77, 5]']);
  });

  it('writing at the end and beyond (dense gaps become Unit, sparse gaps stay holes)', async () => {
    const out = await both(`${prelude}
  LDI r2, 3
  LDI r3, 40
${call('set_field', 'r1', 'r2', 'r3')}
  LDI r2, 6
${call('set_field', 'r1', 'r2', 'r3')}
  LDI r2, 5
${call('get_field', 'r1', 'r2')}
  MOV r5, r0
  LDI r2, 40
${call('set_field', 'r1', 'r2', 'r3')}
${call('len', 'r1')}
  MOV r6, r0
${call('print', 'r5', 'r6')}
  LDI r2, 35
${call('get_field', 'r1', 'r2')}
  RET r0`);
    expect(out.output).toEqual(['() 41']);
    expect(out.error?.message).toBe('Foreign function get_field failed: array index 35 out of range (length 41)');
  });

  it('a hole below 32 is filled by a write (the holes below it become Unit)', async () => {
    const out = await both(`
.function main()
${call('create_array')}
  MOV r1, r0
  LDI r2, 40
  LDI r3, 1
${call('set_field', 'r1', 'r2', 'r3')}
  LDI r2, 20
${call('set_field', 'r1', 'r2', 'r3')}
  LDI r2, 3
${call('get_field', 'r1', 'r2')}
  MOV r4, r0
${call('print', 'r4')}
  LDI r2, 33
${call('get_field', 'r1', 'r2')}
  RET r0`);
    expect(out.output).toEqual(['()']);
    expect(out.error?.message).toBe('Foreign function get_field failed: array index 33 out of range (length 41)');
  });

  for (const [index, message] of [
    ['3', 'array index 3 out of range (length 3)'],
    ['-4', 'array index -4 out of range (length 3)'],
    ['9223372036854775807', 'array index 9223372036854775807 out of range (length 3)'],
  ] as const) {
    it(`get_field index ${index} fails like the builtin`, async () => {
      const out = await both(`${prelude}
  LDI r2, ${index}
${call('get_field', 'r1', 'r2')}
  RET r0`);
      expect(out.error?.message).toBe(`Foreign function get_field failed: ${message}`);
    });
  }

  it('set_field with a huge index fails like the builtin; length of an object fails', async () => {
    const big = await both(`${prelude}
  LDI r2, 9223372036854775807
${call('set_field', 'r1', 'r2', 'r2')}
  RET r0`);
    expect(big).toEqual(
      expect.objectContaining({ error: expect.objectContaining({ message: expect.stringContaining('exceeds the supported maximum') }) }),
    );
    const len = await both(`
.function main()
${call('create_object')}
  MOV r1, r0
${call('len', 'r1')}
  RET r0`);
    expect(len.error?.message).toBe('Foreign function len failed: First argument must be an array or string');
  });

  it('array_push / append on a non-array fail like the builtin; len of a string counts scalar values', async () => {
    const push = await both(`
.function main()
${call('create_object')}
  MOV r1, r0
${call('array_push', 'r1', 'r1')}
  RET r0`);
    expect(push.error?.message).toMatch(/^Foreign function array_push failed: /);
    const str = await both(`
.function main()
  LDI r1, "a✓\u{1F600}"
${call('len', 'r1')}
  RET r0`);
    expect(str.result).toBe('3');
  });

  it('a loop over an array read through the inline path matches element by element', async () => {
    const out = await both(`${prelude}
  LDI r5, 0
  LDI r6, 0
  LDI r8, 1
loop:
${call('len', 'r1')}
  CMP r5, r0
  JMPEQ done
${call('get_field', 'r1', 'r5')}
  ADD r6, r6, r0
  ADD r5, r5, r8
  JMP loop
done:
  RET r6`);
    expect(out.result).toBe('60');
  });
});

describe('EntryMap keeps its string-key record in sync', () => {
  const entry = (key: string, value: number): TableEntry => ({ key, value });

  it('set / replace / delete / clear', () => {
    const m = new EntryMap();
    const a = entry('a', 1);
    m.set('a', a);
    m.set(1, entry('1', 2)); // a number key is not a string key
    expect(m.props['a']).toBe(a);
    expect(m.props['1']).toBeUndefined();
    const a2 = entry('a', 3);
    m.set('a', a2);
    expect(m.props['a']).toBe(a2);
    expect([...m.keys()]).toEqual(['a', 1]);
    expect(m.delete('a')).toBe(true);
    expect(m.props['a']).toBeUndefined();
    m.set('__proto__', a);
    expect(m.props['__proto__']).toBe(a);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.props['__proto__']).toBeUndefined();
  });

  it('the record has no inherited members and "__proto__" is an own data property', () => {
    const o = new VmObject(1);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(o.entries.props[name]).toBeUndefined();
    }
    const e = entry('__proto__', 5);
    o.entries.set('__proto__', e);
    expect(Object.getOwnPropertyDescriptor(o.entries.props, '__proto__')?.value).toBe(e);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(o.entries.props))).toBeNull();
  });
});
