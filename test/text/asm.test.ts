/** Hand-written sources: inline literals, defaults and every directive, against models built by hand. */
import { describe, expect, test } from 'vitest';
import type { Constant, FunctionRecord } from '../../src/bytecode/model.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';

/** The worked example of bytecode-format.md §9, copied from the hex dump there. */
const WORKED_EXAMPLE_HEX =
  '53 54 46 4c 09 00 02 00 00 00 01 29 00 00 00 00 00 00 00 01 01 00 00 00 00 00 00 00 02 00 00 00 04 00 6d 61 ' +
  '69 6e 01 00 00 00 00 00 00 01 40 00 00 00 00 00 04 00 00 00 01 00 00 00 00 00 00 00 00 13 00 00 00 00 11 04 ' +
  '00 61 64 64 31 12 00 00 00 00 04 00 61 64 64 31 02 00 01 00 01 00 78 01 00 00 01 40 00 01 40 00 00 00 01 00 ' +
  '04 00 64 6f 6e 65 03 00 00 00 04 00 00 00 01 01 00 00 00 01 00 00 00 03 00 00 00 00 00 00 00 00 01 00 00 00 ' +
  '0e 04 00 64 6f 6e 65 12 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ' +
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00';

function bytesOf(hex: string): Uint8Array {
  return Uint8Array.from(hex.trim().split(/\s+/), (h) => parseInt(h, 16));
}

const unknown = { tag: 'unknown' } as const;

/** A v9 function record with unknown types and no metadata, as the assembler's defaults give. */
function plain(name: string, registerCount: number, instructions: FunctionRecord['instructions']): FunctionRecord {
  return { name, registerCount, paramNames: [], paramTypes: [], returnType: unknown, upvalueNames: [], parent: null, labels: [], instructions };
}

const defaultManifest = {
  backend: 'honeybadger',
  curve: 'bls12-381',
  clients: [],
  demand: { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 },
};

describe('hand-written sources', () => {
  test('the short form of the worked example assembles to its exact bytes', () => {
    const source = [
      '; add one to 41',
      '.function main() -> int64',
      '  LDI r0, 41',
      '  PUSHARG r0',
      '  CALL add1',
      '  RET r0',
      '',
      '.function add1(x: int64) -> int64',
      '  LDI r1, 1',
      '  ADD r0, r0, r1',
      '  JMP done',
      'done:',
      '  RET r0',
    ].join('\n');
    const expected = bytesOf(WORKED_EXAMPLE_HEX);
    expect(expected).toHaveLength(195);
    const program = assemble(source);
    expect(Buffer.from(writeProgram(program)).equals(Buffer.from(expected))).toBe(true);
    expect(program).toStrictEqual(readProgram(expected));
  });

  test('defaults: version 9, default manifest, empty pool, no functions', () => {
    expect(assemble('')).toStrictEqual({
      version: 9,
      constants: [],
      functions: [],
      manifest: defaultManifest,
      trailing: new Uint8Array(0),
    });
    expect(assemble('; only a comment\n\n   \n').functions).toEqual([]);
  });

  test('inline literals of every kind are interned in first-use order', () => {
    const literals = [
      '42', '-9223372036854775808', '0x7fffffffffffffff', '-5i32', '300i16', '-128i8', '255u8', '65535u16',
      '4294967295u32', '18446744073709551615u64', '1.5', '-0.0', '0.0', '1e21', '2f64', 'inf', '-inf', 'nan',
      'nan(0x7ff0000000000001)', 'true', 'false', '"hi"', '"a\\"b\\\\c\\n\\u{1F600}\\0"', '()', '42', '42i32', '2.0',
    ];
    const source = `.function main\n${literals.map((l, i) => `  LDI r${i}, ${l}\n`).join('')}`;
    const f64 = (x: number): bigint => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      return view.getBigUint64(0);
    };
    const expected: Constant[] = [
      { kind: 'i64', value: 42n },
      { kind: 'i64', value: -(2n ** 63n) },
      { kind: 'i64', value: 2n ** 63n - 1n },
      { kind: 'i32', value: -5 },
      { kind: 'i16', value: 300 },
      { kind: 'i8', value: -128 },
      { kind: 'u8', value: 255 },
      { kind: 'u16', value: 65535 },
      { kind: 'u32', value: 4294967295 },
      { kind: 'u64', value: 2n ** 64n - 1n },
      { kind: 'float', bits: 0x3ff8000000000000n },
      { kind: 'float', bits: 0x8000000000000000n },
      { kind: 'float', bits: 0n },
      { kind: 'float', bits: f64(1e21) },
      { kind: 'float', bits: 0x4000000000000000n },
      { kind: 'float', bits: 0x7ff0000000000000n },
      { kind: 'float', bits: 0xfff0000000000000n },
      { kind: 'float', bits: 0x7ff8000000000000n },
      { kind: 'float', bits: 0x7ff0000000000001n },
      { kind: 'bool', byte: 1 },
      { kind: 'bool', byte: 0 },
      { kind: 'string', value: 'hi' },
      { kind: 'string', value: 'a"b\\c\n\u{1F600}\0' },
      { kind: 'unit' },
      // 42 (i64) again is de-duplicated; 42i32 is a different kind; 2.0 equals 2f64.
      { kind: 'i32', value: 42 },
    ];
    const program = assemble(source);
    expect(program.constants).toStrictEqual(expected);
    const indices = program.functions[0]!.instructions.map((ins) => (ins.op === 'LDI' ? ins.index : -1));
    expect(indices).toEqual([...Array(24).keys(), 0, 24, 14]);
    expect(program.functions[0]!.registerCount).toBe(literals.length);
  });

  test('.const lists the pool (duplicates kept) and inline literals reuse its first match', () => {
    const program = assemble(
      [
        '.const #0 i64 7',
        '.const 7',
        '.const float 3',
        '.const bool 2',
        '.const u8 9',
        '.const #5 string "s"',
        '.const unit ()',
        '.function main',
        '  LDI r0, 7',
        '  LDI r1, 3.0',
        '  LDI r2, #1',
        '  LDI r3, 8u8',
      ].join('\n'),
    );
    expect(program.constants).toStrictEqual([
      { kind: 'i64', value: 7n },
      { kind: 'i64', value: 7n },
      { kind: 'float', bits: 0x4008000000000000n },
      { kind: 'bool', byte: 2 },
      { kind: 'u8', value: 9 },
      { kind: 'string', value: 's' },
      { kind: 'unit' },
      { kind: 'u8', value: 8 },
    ]);
    expect(program.functions[0]!.instructions).toEqual([
      { op: 'LDI', dst: 0, index: 0 },
      { op: 'LDI', dst: 1, index: 2 },
      { op: 'LDI', dst: 2, index: 1 },
      { op: 'LDI', dst: 3, index: 7 },
    ]);
  });

  test('every instruction form, case-insensitive mnemonics, labels on instruction lines', () => {
    const program = assemble(
      [
        '.function main',
        'top: ld r1, -2',
        '  MOV r2, r1',
        '  not r3, r2',
        '  ADD r4, r1, r2',
        '  SUB r4, r1, r2',
        '  MUL r4, r1, r2',
        '  DIV r4, r1, r2',
        '  MOD r4, r1, r2',
        '  AND r4, r1, r2',
        '  OR r4, r1, r2',
        '  XOR r4, r1, r2',
        '  SHL r4, r1, r2',
        '  SHR r4, r1, r2',
        '  CMP r1, r2',
        '  JMP top',
        '  JMPEQ top',
        '  JMPNEQ top',
        '  JMPLT "top"',
        '  JMPGT top',
        '  CALL utils.math.add',
        '  PUSHARG r5',
        '  NOP',
        '  LDS r6, 3',
        '  STS 4, r7',
        'a: b: RET r0',
      ].join('\n'),
    );
    const f = program.functions[0]!;
    expect(f.labels).toEqual([
      { name: 'top', target: 0 },
      { name: 'a', target: 24 },
      { name: 'b', target: 24 },
    ]);
    expect(f.registerCount).toBe(8);
    expect(f.instructions).toEqual([
      { op: 'LD', dst: 1, offset: -2 },
      { op: 'MOV', dst: 2, src: 1 },
      { op: 'NOT', dst: 3, src: 2 },
      ...(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR'] as const).map((op) => ({ op, dst: 4, lhs: 1, rhs: 2 })),
      { op: 'CMP', lhs: 1, rhs: 2 },
      ...(['JMP', 'JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT'] as const).map((op) => ({ op, label: 'top' })),
      { op: 'CALL', name: 'utils.math.add' },
      { op: 'PUSHARG', src: 5 },
      { op: 'NOP' },
      { op: 'LDS', dst: 6, slot: 3 },
      { op: 'STS', slot: 4, src: 7 },
      { op: 'RET', src: 0 },
    ]);
  });

  test('function metadata and the register count default', () => {
    const program = assemble(
      [
        '.function counter(start: int64, "step size": fixed(64, long), raw: int(32, 7)) -> secret(list(uint8))',
        '  .upvalues total, "the count"',
        '  .parent make::counter',
        '  RET r0',
        '.end',
        '.function big',
        '  .registers 40',
        '  RET r3',
        '.function spill',
        '  LDS r70, 1000',
      ].join('\n'),
    );
    const [counter, big, spill] = program.functions;
    expect(counter).toStrictEqual({
      name: 'counter',
      registerCount: 3,
      paramNames: ['start', 'step size', 'raw'],
      paramTypes: [
        { tag: 'int', signedByte: 1, bits: 64 },
        { tag: 'fixed', bits: 64, short: false },
        { tag: 'int', signedByte: 7, bits: 32 },
      ],
      returnType: { tag: 'secret', inner: { tag: 'list', inner: { tag: 'int', signedByte: 0, bits: 8 } } },
      upvalueNames: ['total', 'the count'],
      parent: 'make::counter',
      labels: [],
      instructions: [{ op: 'RET', src: 0 }],
    });
    expect(big!.registerCount).toBe(40);
    expect(spill).toStrictEqual(plain('spill', 71, [{ op: 'LDS', dst: 70, slot: 1000 }]));
  });

  test('every type form', () => {
    const types = 'int8, uint16, int(64, 0), fixed64, fixed32, fixed(64, short), float, string, bool, nil, void, unknown, ' +
      'list(int64), dict(string, list(bool)), object(Point), typevar("T x"), generic(Map, string, int64), generic(Empty)';
    const f = assemble(`.function f() -> generic(Pair, ${types})`).functions[0]!;
    expect(f.returnType).toStrictEqual({
      tag: 'generic',
      name: 'Pair',
      params: [
        { tag: 'int', signedByte: 1, bits: 8 },
        { tag: 'int', signedByte: 0, bits: 16 },
        { tag: 'int', signedByte: 0, bits: 64 },
        { tag: 'fixed', bits: 64, short: true },
        { tag: 'fixed', bits: 32, short: false },
        { tag: 'fixed', bits: 64, short: true },
        { tag: 'float' },
        { tag: 'string' },
        { tag: 'bool' },
        { tag: 'nil' },
        { tag: 'void' },
        { tag: 'unknown' },
        { tag: 'list', inner: { tag: 'int', signedByte: 1, bits: 64 } },
        { tag: 'dict', key: { tag: 'string' }, value: { tag: 'list', inner: { tag: 'bool' } } },
        { tag: 'object', name: 'Point' },
        { tag: 'typevar', name: 'T x' },
        { tag: 'generic', name: 'Map', params: [{ tag: 'string' }, { tag: 'int', signedByte: 1, bits: 64 }] },
        { tag: 'generic', name: 'Empty', params: [] },
      ],
    });
  });

  test('manifest directives and version gating of sections', () => {
    const program = assemble(
      [
        '.version 8',
        '.backend AVSS',
        '.curve secp256r1',
        '.client 7 inputs(int64, fixed(64, 16))',
        '.client 18446744073709551615 outputs(uint1)',
        '.client 2',
        '.demand prandbits=9 dynamic=2',
      ].join('\n'),
    );
    expect(program.manifest).toStrictEqual({
      backend: 'avss',
      curve: 'p-256',
      clients: [
        { slot: 7n, inputs: [{ kind: 'int', bits: 64 }, { kind: 'fixed', totalBits: 64, fracBits: 16 }], outputs: [] },
        { slot: 2n ** 64n - 1n, inputs: [], outputs: [{ kind: 'uint', bits: 1 }] },
        { slot: 2n, inputs: [], outputs: [] },
      ],
      demand: { triples: 0n, randoms: 0n, prandbits: 9n, prandints: 0n, dynamic: 2 },
    });
    expect(assemble('.version 1').manifest).toBeNull();
    expect(assemble('.version 2').manifest).toStrictEqual({ clients: [] });
    expect(assemble('.version 3').manifest).toStrictEqual({ backend: 'honeybadger', clients: [] });
    expect(assemble('.version 7').manifest).toStrictEqual({ backend: 'honeybadger', curve: 'bls12-381', clients: [] });
    // Before v5 functions carry no type metadata at all.
    expect(assemble('.version 4\n.function f(a)').functions[0]).toStrictEqual({
      name: 'f',
      registerCount: 1,
      paramNames: ['a'],
      upvalueNames: [],
      parent: null,
      labels: [],
      instructions: [],
    });
  });

  test('labels: explicit targets, duplicates and .label_order', () => {
    const f = assemble(
      [
        '.function f',
        '  .label_order exit, a@2, top, a@0, far',
        'top:',
        'a:',
        '  NOP',
        '  NOP',
        'a:',
        'exit:',
        '  .label far = 1000',
      ].join('\n'),
    ).functions[0]!;
    expect(f.labels).toEqual([
      { name: 'exit', target: 2 },
      { name: 'a', target: 2 },
      { name: 'top', target: 0 },
      { name: 'a', target: 0 },
      { name: 'far', target: 1000 },
    ]);
  });

  test('trailing bytes', () => {
    const program = assemble('.function f\n.trailing "00 ff"\n.trailing "7F"');
    expect(program.trailing).toStrictEqual(Uint8Array.of(0x00, 0xff, 0x7f));
    expect(program.functions).toHaveLength(1);
  });

  test('a disassembled hand-written program reassembles to the same model', () => {
    const source = '.function main() -> int64\n  LDI r0, 1.5\n  LDI r1, "x"\n  RET r0';
    const program = assemble(source);
    expect(assemble(disassemble(program))).toStrictEqual(program);
  });
});

describe('exact encodings survive text and bytes', () => {
  const cases: Array<[string, string]> = [
    ['NaN payloads, negative NaN and -0', '.const nan(0x7ff0000000000001)\n.const nan(0xfff8000000000000)\n.const -0.0\n.const nan'],
    ['raw bool bytes', '.const bool 0\n.const bool 1\n.const bool 2\n.const bool 255'],
    ['int types with raw signedness bytes', '.version 5\n.function f(a: int(8, 2), b: int(8, 255)) -> int(64, 0)'],
    ['fixed types, short and long', '.function f(a: fixed64, b: fixed(64, long), c: fixed16) -> fixed(1, long)'],
    ['duplicate constants', '.const 1\n.const 1\n.const "a"\n.const "a"'],
    ['label order differing from positions, duplicates, labels past the end', '.function f\n  .label_order z@5, a@1, a@0, y, z@1\na:\n  NOP\na:\ny:\nz:\n  .label z = 5\n  JMP a'],
    ['trailing bytes', '.version 1\n.function main\n  RET r0\n.trailing "deadbeef00"'],
    ['identical duplicate records', '.function main\n  RET r0\n.function main\n  RET r0'],
  ];

  test.each(cases)('%s', (_name, source) => {
    const program = assemble(source);
    const bytes = writeProgram(program);
    const back = readProgram(bytes);
    expect(back).toStrictEqual(program);
    expect(assemble(disassemble(back))).toStrictEqual(program);
  });

  test('floats print as the shortest exact decimal, NaN payloads as bits', () => {
    const text = disassemble(assemble('.const nan(0x7ff0000000000001)\n.const -0.0\n.const 0.1\n.const 1e21\n.const 5e-324\n.const 3f64'));
    const values = text
      .split('\n')
      .filter((l) => l.startsWith('.const'))
      .map((l) => l.split(/\s+/).slice(3).join(' '));
    expect(values).toEqual(['nan(0x7ff0000000000001)', '-0.0', '0.1', '1e+21', '5e-324', '3.0']);
  });
});
