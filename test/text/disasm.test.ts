/** What a listing shows, checked line by line on programs built by hand. */
import { describe, expect, test } from 'vitest';
import type { FunctionRecord, Program } from '../../src/bytecode/model.js';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';

const int64 = { tag: 'int', signedByte: 1, bits: 64 } as const;
const defaultManifest = {
  backend: 'honeybadger',
  curve: 'bls12-381',
  clients: [],
  demand: { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 },
} as const;

function fn(overrides: Partial<FunctionRecord> & Pick<FunctionRecord, 'name'>): FunctionRecord {
  return {
    registerCount: 1,
    paramNames: [],
    paramTypes: [],
    returnType: int64,
    upvalueNames: [],
    parent: null,
    labels: [],
    instructions: [],
    ...overrides,
  };
}

function program(overrides: Partial<Program>): Program {
  return { version: 9, constants: [], functions: [], manifest: defaultManifest, trailing: new Uint8Array(0), ...overrides };
}

/** The worked example of bytecode-format.md §9. */
const workedExample = program({
  constants: [
    { kind: 'i64', value: 41n },
    { kind: 'i64', value: 1n },
  ],
  functions: [
    fn({
      name: 'main',
      instructions: [{ op: 'LDI', dst: 0, index: 0 }, { op: 'PUSHARG', src: 0 }, { op: 'CALL', name: 'add1' }, { op: 'RET', src: 0 }],
    }),
    fn({
      name: 'add1',
      registerCount: 2,
      paramNames: ['x'],
      paramTypes: [int64],
      labels: [{ name: 'done', target: 3 }],
      instructions: [
        { op: 'LDI', dst: 1, index: 1 },
        { op: 'ADD', dst: 0, lhs: 0, rhs: 1 },
        { op: 'JMP', label: 'done' },
        { op: 'RET', src: 0 },
      ],
    }),
  ],
});

/** Lines without comments and surrounding spaces, blank lines dropped. */
function statements(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/;.*$/, '').trim())
    .filter((l) => l !== '');
}

function lineWith(text: string, needle: string): string {
  const line = text.split('\n').find((l) => l.includes(needle));
  if (line === undefined) throw new Error(`no line contains ${needle}`);
  return line;
}

describe('disassembly listing', () => {
  const text = disassemble(workedExample);

  test('shows the version, the manifest and the constant pool with index, kind and value', () => {
    expect(statements(text).slice(0, 7)).toEqual([
      '.version 9',
      '.backend honeybadger',
      '.curve bls12-381',
      '.demand triples=0 randoms=0 prandbits=0 prandints=0 dynamic=false',
      '.const #0 i64    41',
      '.const #1 i64    1',
      '.function main() -> int64',
    ]);
  });

  test('shows each function with its metadata, instructions, indices and labels at their positions', () => {
    expect(statements(text).slice(6)).toEqual([
      '.function main() -> int64',
      '.registers 1',
      'LDI r0, #0',
      'PUSHARG r0',
      'CALL add1',
      'RET r0',
      '.end',
      '.function add1(x: int64) -> int64',
      '.registers 2',
      'LDI r1, #1',
      'ADD r0, r0, r1',
      'JMP done',
      'done:',
      'RET r0',
      '.end',
    ]);
    expect(lineWith(text, 'JMP done')).toMatch(/; \[2\]$/);
    expect(lineWith(text, 'ADD r0, r0, r1')).toMatch(/; \[1\]$/);
  });

  test('LDI comments show the constant value with its kind readable', () => {
    expect(lineWith(text, 'LDI r0, #0')).toMatch(/; \[0\] 41$/);
    const kinds = program({
      constants: [
        { kind: 'u8', value: 7 },
        { kind: 'string', value: 'a\nb' },
        { kind: 'float', bits: 0x3ff8000000000000n },
        { kind: 'unit' },
      ],
      functions: [
        fn({
          name: 'main',
          instructions: [0, 1, 2, 3, 9].map((index) => ({ op: 'LDI' as const, dst: 0, index })),
        }),
      ],
    });
    const listing = disassemble(kinds);
    expect(lineWith(listing, 'LDI r0, #0')).toMatch(/; \[0\] 7u8$/);
    expect(lineWith(listing, 'LDI r0, #1')).toMatch(/; \[1\] "a\\nb"$/);
    expect(lineWith(listing, 'LDI r0, #2')).toMatch(/; \[2\] 1\.5$/);
    expect(lineWith(listing, 'LDI r0, #3')).toMatch(/; \[3\] \(\)$/);
    expect(lineWith(listing, 'LDI r0, #9')).toMatch(/; \[4\] \(no such constant\)$/);
  });

  test('labels at the end and past the end of a function', () => {
    const f = fn({
      name: 'f',
      labels: [
        { name: 'start', target: 0 },
        { name: 'exit', target: 2 },
        { name: 'far', target: 9 },
      ],
      instructions: [{ op: 'NOP' }, { op: 'JMP', label: 'exit' }],
    });
    expect(statements(disassemble(program({ functions: [f] }))).slice(-7)).toEqual([
      '.registers 1',
      'start:',
      'NOP',
      'JMP exit',
      'exit:',
      '.label far = 9',
      '.end',
    ]);
  });

  test('.label_order appears only when the file order differs from the order of positions', () => {
    const ordered = fn({
      name: 'f',
      labels: [
        { name: 'a', target: 0 },
        { name: 'b', target: 1 },
      ],
      instructions: [{ op: 'NOP' }, { op: 'NOP' }],
    });
    expect(disassemble(program({ functions: [ordered] }))).not.toContain('.label_order');
    const hashed = { ...ordered, labels: [...ordered.labels].reverse() };
    expect(statements(disassemble(program({ functions: [hashed] })))).toContain('.label_order b, a');
    // A name defined twice at different targets needs @target to say which definition comes first.
    const duplicated = { ...ordered, labels: [{ name: 'a', target: 1 }, { name: 'a', target: 0 }] };
    expect(statements(disassemble(program({ functions: [duplicated] })))).toContain('.label_order a@1, a@0');
  });

  test('older versions show no manifest and no types', () => {
    const untyped: FunctionRecord = {
      name: 'f',
      registerCount: 1,
      paramNames: ['a', 'b'],
      upvalueNames: [],
      parent: null,
      labels: [],
      instructions: [],
    };
    const v1 = program({ version: 1, manifest: null, functions: [untyped] });
    expect(statements(disassemble(v1))).toEqual(['.version 1', '.function f(a, b)', '.registers 1', '.end']);
    const v4 = program({ version: 4, manifest: { backend: 'avss', curve: 'ed25519', clients: [] } });
    expect(statements(disassemble(v4))).toEqual(['.version 4', '.backend avss', '.curve ed25519']);
  });

  test('clients, demand, upvalues, parent and trailing bytes', () => {
    const p = program({
      manifest: {
        backend: 'honeybadger',
        curve: 'bn254',
        clients: [
          {
            slot: 3n,
            inputs: [{ kind: 'int', bits: 64 }, { kind: 'fixed', totalBits: 64, fracBits: 16 }],
            outputs: [{ kind: 'uint', bits: 8 }],
          },
        ],
        demand: { triples: 5n, randoms: 0n, prandbits: 2n ** 64n - 1n, prandints: 1n, dynamic: 1 },
      },
      functions: [fn({ name: 'inner', upvalueNames: ['count', 'step'], parent: 'outer' })],
      trailing: Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
    });
    const lines = statements(disassemble(p));
    expect(lines).toContain('.client 3 inputs(int64, fixed(64, 16)) outputs(uint8)');
    expect(lines).toContain('.demand triples=5 randoms=0 prandbits=18446744073709551615 prandints=1 dynamic=true');
    expect(lines).toContain('.upvalues count, step');
    expect(lines).toContain('.parent outer');
    expect(lines.at(-1)).toBe('.trailing "deadbeef"');
  });

  test('an identical duplicate record is pointed out', () => {
    const f = fn({ name: 'main', instructions: [{ op: 'RET', src: 0 }] });
    const text = disassemble(program({ functions: [f, f] }));
    expect(text).toContain('; function #1: 1 instruction(s), an identical copy of function #0');
  });
});

describe('hostile names', () => {
  const names = ['say "hi"', 'back\\slash', 'two\nlines', 'x\u2028y', 'semi;colon', 'with space', '', 'bell\u0007'];

  test('are quoted with escapes, one statement per line', () => {
    const f = fn({
      name: names[0]!,
      paramNames: names,
      paramTypes: names.map(() => int64),
      upvalueNames: names,
      parent: names[2]!,
      labels: names.map((name) => ({ name, target: 0 })),
      instructions: names.map((name) => ({ op: 'CALL' as const, name })),
    });
    const text = disassemble(program({ functions: [f], constants: names.map((value) => ({ kind: 'string' as const, value })) }));
    expect(text).toContain('.function "say \\"hi\\""(');
    expect(text).toContain('"back\\\\slash": int64');
    expect(text).toContain('.parent "two\\nlines"');
    expect(text).toContain('CALL "x\\u{2028}y"');
    expect(text).toContain('"semi;colon":');
    expect(text).toContain('.const #6 string ""');
    expect(text).toContain('"bell\\u{7}"');
    expect(text).not.toMatch(/[\u0007\u2028]/);
    // Header comment, version, manifest (3), pool comment, pool (8), function comment, header, .registers,
    // .upvalues, .parent, 8 labels, 8 calls, .end: nothing is split across lines.
    expect(text.trimEnd().split('\n').filter((l) => l !== '')).toHaveLength(2 + 3 + 1 + 8 + 1 + 4 + 8 + 8 + 1);
    expect(assemble(text)).toStrictEqual(program({ functions: [f], constants: names.map((value) => ({ kind: 'string' as const, value })) }));
  });

  test('plain identifiers stay bare', () => {
    const f = fn({ name: 'utils.math.add', parent: 'Point::new', instructions: [{ op: 'CALL', name: 'print' }] });
    const lines = statements(disassemble(program({ functions: [f] })));
    expect(lines).toContain('.function utils.math.add() -> int64');
    expect(lines).toContain('.parent Point::new');
    expect(lines).toContain('CALL print');
  });

  test('very long names survive', () => {
    const long = 'n'.repeat(20000);
    const p = program({ functions: [fn({ name: long, labels: [{ name: long, target: 0 }] })] });
    expect(disassemble(p)).toContain(`.function "${long}"()`);
    expect(assemble(disassemble(p))).toStrictEqual(p);
  });
});
