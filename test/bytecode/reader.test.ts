import { describe, expect, test } from 'vitest';
import { BytecodeError } from '../../src/bytecode/errors.js';
import type { FunctionType } from '../../src/bytecode/model.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import {
  cat, constI64, emptyManifest, expectBytecodeError, file, fn, header, ins, str16, str32, u16, u32, u64, u8, utf8,
} from './helpers.js';

const BAD_UTF8 = Uint8Array.of(0x66, 0xff, 0x6f); // 0xff never occurs in UTF-8
const read = (bytes: Uint8Array) => () => readProgram(bytes);
const roundTrips = (bytes: Uint8Array): void => {
  expect(Array.from(writeProgram(readProgram(bytes)))).toEqual(Array.from(bytes));
};

describe('header', () => {
  test('bad magic', () => {
    const err = expectBytecodeError(read(cat(utf8('STFX'), u16(1))), 'InvalidMagicBytes', 'InvalidMagicBytes');
    expect(err.offset).toBe(0);
  });

  test('version above 9', () => {
    const err = expectBytecodeError(read(file(10, [], [])), 'UnsupportedVersion', 'UnsupportedVersion(10)');
    expect(err.offset).toBe(4);
    expectBytecodeError(read(cat(header(0xffff), u32(0), u32(0))), 'UnsupportedVersion', 'UnsupportedVersion(65535)');
  });

  test('empty and short inputs', () => {
    expectBytecodeError(read(new Uint8Array(0)), 'UnexpectedEof', 'unexpected end of file');
    expectBytecodeError(read(utf8('STFL')), 'UnexpectedEof', 'unexpected end of file');
  });

  test('version 0 is laid out like version 1', () => {
    const bytes = file(0, [constI64(7n)], [fn(0, { instrs: [ins.LDI(0, 0), ins.RET(0)] })]);
    const p = readProgram(bytes);
    expect(p.version).toBe(0);
    expect(p.manifest).toBeNull();
    expect(p.functions[0]!.paramTypes).toBeUndefined();
    roundTrips(bytes);
  });
});

describe('constants', () => {
  test('every tag, with raw float bits and raw bool bytes kept', () => {
    const nanWithPayload = 0x7ff8_0000_dead_beefn;
    const negZero = 0x8000_0000_0000_0000n;
    const consts = [
      u8(0),
      constI64(-(1n << 63n)),
      cat([2], u32(0x8000_0000)), // i32 min
      cat([3], u16(0xffff)), // i16 -1
      cat([4], [0x80]), // i8 -128
      cat([5], [0xff]),
      cat([6], u16(0xffff)),
      cat([7], u32(0xffff_ffff)),
      cat([8], u64((1n << 64n) - 1n)),
      cat([9], u64(nanWithPayload)),
      cat([9], u64(negZero)),
      cat([10], [2]),
      cat([11], str32('\u{feff}héllo 🌍')),
    ];
    const bytes = file(1, consts, []);
    expect(readProgram(bytes).constants).toEqual([
      { kind: 'unit' },
      { kind: 'i64', value: -(1n << 63n) },
      { kind: 'i32', value: -(2 ** 31) },
      { kind: 'i16', value: -1 },
      { kind: 'i8', value: -128 },
      { kind: 'u8', value: 255 },
      { kind: 'u16', value: 65535 },
      { kind: 'u32', value: 2 ** 32 - 1 },
      { kind: 'u64', value: (1n << 64n) - 1n },
      { kind: 'float', bits: nanWithPayload },
      { kind: 'float', bits: negZero },
      { kind: 'bool', byte: 2 },
      { kind: 'string', value: '\u{feff}héllo 🌍' },
    ]);
    roundTrips(bytes);
  });

  test('unknown tag', () => {
    const err = expectBytecodeError(read(file(1, [u8(12)], [])), 'InvalidData', 'Unknown value type tag: 12');
    expect(err.offset).toBe(10);
    expect(err.message).toBe('Unknown value type tag: 12 (at byte 0xa)');
  });

  test('count limit is checked before anything else', () => {
    expectBytecodeError(read(cat(header(1), u32(1_000_001))), 'InvalidData',
      'constant count 1000001 exceeds maximum supported 1000000');
  });

  test('a forged count that cannot fit fails at once', () => {
    const err = expectBytecodeError(read(cat(header(1), u32(1_000_000), [0, 0])), 'UnexpectedEof', 'unexpected end of file');
    expect(err.offset).toBe(6);
    expect(err.message).toContain('constant count 1000000');
  });

  test('string length limit and UTF-8', () => {
    expectBytecodeError(read(file(1, [cat([11], u32(16_777_217))], [])), 'InvalidData',
      'string length 16777217 exceeds maximum supported 16777216');
    // at the limit it is only a truncation
    expectBytecodeError(read(file(1, [cat([11], u32(16_777_216))], [])), 'UnexpectedEof', 'unexpected end of file');
    expectBytecodeError(read(file(1, [cat([11], str32(BAD_UTF8))], [])), 'InvalidData', 'Invalid UTF-8 in string');
    // UTF-8 encoded surrogates are invalid, as in Rust
    expectBytecodeError(read(file(1, [cat([11], str32(Uint8Array.of(0xed, 0xa0, 0x80)))], [])), 'InvalidData',
      'Invalid UTF-8 in string');
  });
});

describe('function records', () => {
  test('all fields, labels in file order with duplicates', () => {
    const bytes = file(1, [], [fn(1, {
      name: 'utils.math::add',
      registers: 3,
      params: ['a', 'a'],
      upvalues: ['u'],
      parent: 'utils',
      labels: [['L', 9], ['M', 0], ['L', 1]],
      instrs: [ins.NOP()],
    })]);
    const f = readProgram(bytes).functions[0]!;
    expect(f).toEqual({
      name: 'utils.math::add',
      registerCount: 3,
      paramNames: ['a', 'a'],
      upvalueNames: ['u'],
      parent: 'utils',
      labels: [{ name: 'L', target: 9 }, { name: 'M', target: 0 }, { name: 'L', target: 1 }],
      instructions: [{ op: 'NOP' }],
    });
    roundTrips(bytes);
  });

  test('every opcode with its operands', () => {
    const ops = [
      cat([0x00], u32(1), u32(0xffff_fffd)), // LD r1, -3
      ins.LDI(2, 7), ins.MOV(3, 4),
      ...[3, 4, 5, 6, 7, 8, 9, 10, 12, 13].map((op) => cat([op], u32(1), u32(2), u32(3))),
      cat([0x0b], u32(5), u32(6)),
      ...[0x0e, 0x0f, 0x10, 0x15, 0x16].map((op) => cat([op], str16('l'))),
      ins.CALL('print'), ins.RET(9), cat([0x13], u32(8)), ins.CMP(1, 2), ins.NOP(), ins.LDS(4, 100), ins.STS(100, 5),
    ];
    const bytes = file(1, [], [fn(1, { instrs: ops })]);
    expect(readProgram(bytes).functions[0]!.instructions).toEqual([
      { op: 'LD', dst: 1, offset: -3 },
      { op: 'LDI', dst: 2, index: 7 },
      { op: 'MOV', dst: 3, src: 4 },
      ...['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR'].map((op) => ({ op, dst: 1, lhs: 2, rhs: 3 })),
      { op: 'NOT', dst: 5, src: 6 },
      ...['JMP', 'JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT'].map((op) => ({ op, label: 'l' })),
      { op: 'CALL', name: 'print' },
      { op: 'RET', src: 9 },
      { op: 'PUSHARG', src: 8 },
      { op: 'CMP', lhs: 1, rhs: 2 },
      { op: 'NOP' },
      { op: 'LDS', dst: 4, slot: 100 },
      { op: 'STS', slot: 100, src: 5 },
    ]);
    roundTrips(bytes);
  });

  test('unknown opcode names the byte, function and instruction', () => {
    const fnStart = 4 + 2 + 4 + 4; // header, empty constant pool, function count
    const record = fn(1, { name: 'main', instrs: [ins.NOP(), Uint8Array.of(99)] });
    const opcodeOffset = fnStart + record.length - 1;
    const err = expectBytecodeError(read(file(1, [], [record])), 'InvalidData', 'Unknown opcode: 99');
    expect(err.message).toBe(`Unknown opcode: 99 (at byte 0x${opcodeOffset.toString(16)}, function 'main', instruction 1)`);
    expect(err.offset).toBe(opcodeOffset);
    expect(err.function).toBe('main');
    expect(err.instruction).toBe(1);
    expectBytecodeError(read(file(1, [], [fn(1, { instrs: [u8(0x1a)] })])), 'InvalidData', 'Unknown opcode: 26');
    expectBytecodeError(read(file(1, [], [fn(1, { instrs: [u8(0xff)] })])), 'InvalidData', 'Unknown opcode: 255');
  });

  test('the second function is named in errors', () => {
    const err = expectBytecodeError(read(file(1, [], [fn(1, { name: 'a' }), fn(1, { name: 'b', parentFlag: 7 })])),
      'InvalidData', 'Invalid parent presence flag: 7');
    expect(err.function).toBe('b');
    expect(err.functionIndex).toBe(1);
    expect(err.instruction).toBeUndefined();
  });

  test('invalid UTF-8 in every kind of name', () => {
    const cases: [Uint8Array, string][] = [
      [fn(1, { name: BAD_UTF8 }), 'Invalid UTF-8 in function name'],
      [fn(1, { params: [BAD_UTF8] }), 'Invalid UTF-8 in parameter name'],
      [fn(1, { upvalues: [BAD_UTF8] }), 'Invalid UTF-8 in upvalue name'],
      [fn(1, { parent: BAD_UTF8 }), 'Invalid UTF-8 in parent function name'],
      [fn(1, { labels: [[BAD_UTF8, 0]] }), 'Invalid UTF-8 in label name'],
      [fn(1, { instrs: [ins.JMP(BAD_UTF8)] }), 'Invalid UTF-8 in label'],
      [fn(1, { instrs: [ins.CALL(BAD_UTF8)] }), 'Invalid UTF-8 in function name'],
    ];
    for (const [record, reason] of cases) expectBytecodeError(read(file(1, [], [record])), 'InvalidData', reason);
  });

  test('function and instruction count limits', () => {
    expectBytecodeError(read(cat(header(1), u32(0), u32(1_000_001))), 'InvalidData',
      'function count 1000001 exceeds maximum supported 1000000');
    expectBytecodeError(read(file(1, [], [fn(1, { count: 8_000_001 })])), 'InvalidData',
      'instruction count 8000001 exceeds maximum supported 8000000');
    expectBytecodeError(read(file(1, [], [fn(1, { count: 8_000_000 })])), 'UnexpectedEof', 'unexpected end of file');
    expectBytecodeError(read(cat(header(1), u32(0), u32(1_000_000))), 'UnexpectedEof', 'unexpected end of file');
  });

  test('forged u16 counts fail before looping', () => {
    for (const spec of [{ params: [] as string[] }, {}]) {
      const record = fn(1, spec);
      // patch the parameter count (after name "main" and register count) to 65535
      const patched = record.slice();
      patched.set(u16(0xffff), 2 + 4 + 2);
      expectBytecodeError(read(file(1, [], [patched])), 'UnexpectedEof', 'unexpected end of file');
    }
  });
});

describe('type metadata (v5+)', () => {
  const typed = (types: Uint8Array, params: string[] = []) => file(5, [], [fn(5, { params, types })]);

  test('every FunctionType encoding reads and round-trips', () => {
    const paramTypes = cat(
      [0, 0, 8], [0, 7, 32], [1], [2], [3], [4], [5], [12], [13], [14, 32],
      [6, 7, 1], [8, 2, 11], str16('K'), [9], str16('Point'), [10], str16('Map'), u16(2), [2, 3], [10], str16('Unit'), u16(0),
    );
    const names = Array.from({ length: 15 }, (_, i) => `p${i}`);
    const bytes = typed(cat(u16(15), paramTypes, [5]), names);
    const f = readProgram(bytes).functions[0]!;
    const expected: FunctionType[] = [
      { tag: 'int', signedByte: 0, bits: 8 },
      { tag: 'int', signedByte: 7, bits: 32 },
      { tag: 'float' }, { tag: 'string' }, { tag: 'bool' }, { tag: 'nil' }, { tag: 'void' }, { tag: 'unknown' },
      { tag: 'fixed', bits: 64, short: true },
      { tag: 'fixed', bits: 32, short: false },
      { tag: 'secret', inner: { tag: 'list', inner: { tag: 'float' } } },
      { tag: 'dict', key: { tag: 'string' }, value: { tag: 'typevar', name: 'K' } },
      { tag: 'object', name: 'Point' },
      { tag: 'generic', name: 'Map', params: [{ tag: 'string' }, { tag: 'bool' }] },
      { tag: 'generic', name: 'Unit', params: [] },
    ];
    expect(f.paramTypes).toEqual(expected);
    expect(f.returnType).toEqual({ tag: 'void' });
    roundTrips(bytes);
  });

  test('errors', () => {
    expectBytecodeError(read(typed(cat(u16(0), [0, 1, 0]))), 'InvalidData', 'integer function type bit width must be non-zero');
    expectBytecodeError(read(typed(cat(u16(0), [14, 0]))), 'InvalidData', 'fixed-point function type bit width must be non-zero');
    expectBytecodeError(read(typed(cat(u16(0), [15]))), 'InvalidData', 'unknown function type tag 15');
    expectBytecodeError(read(typed(cat(u16(0), [9], str16(BAD_UTF8)))), 'InvalidData', 'Invalid UTF-8 in function type object name');
    expectBytecodeError(read(typed(cat(u16(0), [10], str16(BAD_UTF8), u16(0)))), 'InvalidData', 'Invalid UTF-8 in function generic type name');
    expectBytecodeError(read(typed(cat(u16(0), [11], str16(BAD_UTF8)))), 'InvalidData', 'Invalid UTF-8 in function type variable name');
    expectBytecodeError(read(typed(cat(u16(1), [12, 12]))), 'InvalidData', "function 'main' declares 0 parameter name(s) but 1 parameter type(s)");
    expectBytecodeError(read(typed(cat(u16(0), [12]), ['x'])), 'InvalidData', "function 'main' declares 1 parameter name(s) but 0 parameter type(s)");
  });

  test('nesting is capped at depth 256 without recursion', () => {
    const nested = (depth: number) => typed(cat(u16(0), new Uint8Array(depth).fill(6), [1]));
    const ok = readProgram(nested(256)).functions[0]!.returnType!;
    let depth = 0;
    for (let t: FunctionType = ok; t.tag === 'secret'; t = t.inner) depth++;
    expect(depth).toBe(256);
    roundTrips(nested(256));
    expectBytecodeError(read(nested(257)), 'InvalidData', 'function type nesting exceeds maximum supported depth 256');
    expectBytecodeError(read(nested(1_000_000)), 'InvalidData', 'function type nesting exceeds maximum supported depth 256');
    // dict/generic chains count as nesting too
    const dicts = typed(cat(u16(0), new Uint8Array(300).fill(8), [1]));
    expectBytecodeError(read(dicts), 'InvalidData', 'function type nesting exceeds maximum supported depth 256');
  });
});

describe('manifest', () => {
  const v = (version: number, manifest: Uint8Array) => file(version, [], [fn(version)], manifest);
  const shareInt = (bits: number) => cat([0], u32(bits));

  test('sections per version', () => {
    expect(readProgram(v(2, u32(0))).manifest).toEqual({ clients: [] });
    expect(readProgram(v(3, cat([1], u32(0)))).manifest).toEqual({ backend: 'avss', clients: [] });
    expect(readProgram(v(4, cat([1, 5], u32(0)))).manifest).toEqual({ backend: 'avss', curve: 'p-256', clients: [] });
    const demand = cat(u64(1n), u64(2n), u64(3n), u64((1n << 64n) - 1n), [9]);
    expect(readProgram(v(8, cat([0, 4], u32(0), demand))).manifest).toEqual({
      backend: 'honeybadger', curve: 'secp256k1', clients: [],
      demand: { triples: 1n, randoms: 2n, prandbits: 3n, prandints: (1n << 64n) - 1n, dynamic: 9 },
    });
  });

  test('client schemas', () => {
    const client = cat(u64(7n), u32(2), shareInt(1), cat([1], u32(64), u32(16)), u32(1), cat([2], u32(8)));
    const bytes = v(4, cat([0, 0], u32(1), client));
    expect(readProgram(bytes).manifest!.clients).toEqual([{
      slot: 7n,
      inputs: [{ kind: 'int', bits: 1 }, { kind: 'fixed', totalBits: 64, fracBits: 16 }],
      outputs: [{ kind: 'uint', bits: 8 }],
    }]);
    roundTrips(bytes);
  });

  test('errors', () => {
    expectBytecodeError(read(v(3, cat([2], u32(0)))), 'InvalidData', 'unknown MPC backend tag 2 in IO manifest');
    expectBytecodeError(read(v(4, cat([0, 6], u32(0)))), 'InvalidData', 'unknown MPC curve tag 6 in IO manifest');
    expectBytecodeError(read(v(2, u32(1_000_001))), 'InvalidData', 'client IO schema count 1000001 exceeds maximum supported 1000000');
    expectBytecodeError(read(v(2, cat(u32(1), u64(0n), u32(1_000_001), u32(0)))), 'InvalidData',
      'client IO input count 1000001 exceeds maximum supported 1000000');
    // Deliberate: a schema count that cannot fit in the bytes left is reported as a truncation at once,
    // even where the reference would first have read (and rejected) a count inside the short remainder.
    expectBytecodeError(read(v(2, cat(u32(1), u64(0n), u32(1_000_001)))), 'UnexpectedEof', 'unexpected end of file');
    expectBytecodeError(read(v(2, cat(u32(1), u64(0n), u32(0), u32(1_000_001)))), 'InvalidData',
      'client IO output count 1000001 exceeds maximum supported 1000000');
    const oneInput = (share: Uint8Array) => v(2, cat(u32(1), u64(0n), u32(1), share, u32(0)));
    expectBytecodeError(read(oneInput(u8(3))), 'InvalidData', 'unknown ShareType tag 3 in IO manifest');
    expectBytecodeError(read(oneInput(shareInt(0))), 'InvalidData',
      'invalid SecretInt metadata in IO manifest: bit_length must be a positive integer');
    expectBytecodeError(read(oneInput(cat([2], u32(0)))), 'InvalidData',
      'invalid SecretUInt metadata in IO manifest: bit_length must be a positive integer');
    expectBytecodeError(read(oneInput(cat([1], u32(0), u32(0)))), 'InvalidData',
      'invalid SecretFixedPoint metadata in IO manifest: total_bits must be a positive integer');
    expectBytecodeError(read(oneInput(cat([1], u32(16), u32(16)))), 'InvalidData',
      'invalid SecretFixedPoint metadata in IO manifest: frac_bits must be less than total_bits');
    // a truncated demand block is a truncation, not a default
    expectBytecodeError(read(v(8, cat([0, 0], u32(0), new Uint8Array(32)))), 'UnexpectedEof', 'unexpected end of file');
  });
});

describe('trailing bytes', () => {
  test.each([1, 3, 9])('are kept after the last section of a v%i file', (version) => {
    const bytes = cat(file(version, [], [fn(version)]), [0xde, 0xad]);
    expect(Array.from(readProgram(bytes).trailing)).toEqual([0xde, 0xad]);
    roundTrips(bytes);
  });

  test('are copied out of the input (a Node Buffer or a view into a larger buffer works too)', () => {
    const inner = cat(file(1, [], [fn(1)]), [7]);
    const backing = Buffer.from(cat([0xaa, 0xbb], inner, [0xcc]));
    const view = backing.subarray(2, 2 + inner.length);
    const p = readProgram(view);
    expect(Array.from(p.trailing)).toEqual([7]);
    backing[backing.length - 2] = 8;
    expect(Array.from(p.trailing)).toEqual([7]);
    expect(Buffer.isBuffer(p.trailing)).toBe(false);
  });

  test('a v1 file that ends where a manifest would start has no trailing bytes', () => {
    expect(readProgram(file(1, [], [fn(1)], emptyManifest(1))).trailing.length).toBe(0);
  });
});

test('the error is a BytecodeError and an Error', () => {
  const err = expectBytecodeError(read(u8(0)), 'UnexpectedEof', 'unexpected end of file');
  expect(err).toBeInstanceOf(Error);
  expect(err.name).toBe('BytecodeError');
  expect(err).toBeInstanceOf(BytecodeError);
});
