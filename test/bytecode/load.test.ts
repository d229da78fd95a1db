import { describe, expect, test } from 'vitest';
import { VmFloat, VmInt } from '../../runtime/values.js';
import { linkProgram, loadProgramBytes } from '../../src/bytecode/load.js';
import type { Constant, FunctionRecord, Instruction, Program } from '../../src/bytecode/model.js';
import { cat, expectBytecodeError, file, fn, ins, u16, u32, u64 } from './helpers.js';

function record(over: Partial<FunctionRecord> = {}): FunctionRecord {
  return {
    name: 'main', registerCount: 1, paramNames: [], upvalueNames: [], parent: null, labels: [], instructions: [],
    ...over,
  };
}

function program(functions: FunctionRecord[], constants: Constant[] = [], extra: Partial<Program> = {}): Program {
  return { version: 1, constants, functions, manifest: null, trailing: new Uint8Array(0), ...extra };
}

const link = (functions: FunctionRecord[], constants: Constant[] = []) => () => linkProgram(program(functions, constants));
const jmp = (label: string): Instruction => ({ op: 'JMP', label });

describe('constant references (§7.1)', () => {
  test('an LDI index must be below the pool size', () => {
    const err = expectBytecodeError(
      link([record({ name: 'f', instructions: [{ op: 'NOP' }, { op: 'LDI', dst: 0, index: 2 }] })], [{ kind: 'unit' }, { kind: 'unit' }]),
      'InvalidData', 'Function f instruction 1 references constant 2 but constant pool has 2 values');
    expect(err.message).toBe(err.reason);
    expect(err.function).toBe('f');
    expect(err.instruction).toBe(1);
    expect(() => linkProgram(program([record({ instructions: [{ op: 'LDI', dst: 0, index: 1 }] })],
      [{ kind: 'unit' }, { kind: 'unit' }]))).not.toThrow();
  });
});

describe('labels (§7.3, decisions.md)', () => {
  test('a jump to an unknown label', () => {
    expectBytecodeError(link([record({ name: 'f', instructions: [jmp('nowhere')] })]), 'InvalidData',
      "Function f references unknown label 'nowhere'");
  });

  test('a referenced label past the end', () => {
    expectBytecodeError(link([record({ name: 'f', labels: [{ name: 'L', target: 2 }], instructions: [jmp('L')] })]),
      'InvalidData', "Function f label 'L' points past the instruction stream: 2 > 1");
  });

  test('a label equal to the instruction count means the end', () => {
    const loaded = linkProgram(program([record({ labels: [{ name: 'end', target: 2 }], instructions: [{ op: 'NOP' }, jmp('end')] })]));
    expect(Array.from(loaded.functions.get('main')!.jumpTargets)).toEqual([-1, 2]);
  });

  test('an unused label may point anywhere', () => {
    expect(() => linkProgram(program([record({ labels: [{ name: 'far', target: 0xffff_ffff }] })]))).not.toThrow();
  });

  test('the later duplicate label wins, for validation and resolution', () => {
    const loaded = linkProgram(program([record({
      labels: [{ name: 'L', target: 99 }, { name: 'L', target: 0 }],
      instructions: [jmp('L'), { op: 'NOP' }],
    })]));
    expect(Array.from(loaded.functions.get('main')!.jumpTargets)).toEqual([0, -1]);
    expectBytecodeError(link([record({ labels: [{ name: 'L', target: 0 }, { name: 'L', target: 99 }], instructions: [jmp('L')] })]),
      'InvalidData', "Function main label 'L' points past the instruction stream: 99 > 1");
  });

  test('every jump opcode is resolved', () => {
    const ops = ['JMP', 'JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT'] as const;
    const loaded = linkProgram(program([record({
      labels: [{ name: 'a', target: 4 }, { name: 'b', target: 1 }],
      instructions: ops.map((op, i): Instruction => ({ op, label: i % 2 === 0 ? 'a' : 'b' })),
    })]));
    expect(Array.from(loaded.functions.get('main')!.jumpTargets)).toEqual([4, 1, 4, 1, 4]);
  });
});

describe('duplicate records (§7.2)', () => {
  const body = { registerCount: 2, instructions: [jmp('x'), { op: 'RET', src: 1 } as Instruction] };

  test('an identical later record is skipped; labels compare as a set', () => {
    const first = record({ ...body, labels: [{ name: 'x', target: 1 }, { name: 'y', target: 0 }] });
    const second = record({ ...body, labels: [{ name: 'y', target: 0 }, { name: 'x', target: 5 }, { name: 'x', target: 1 }] });
    const loaded = linkProgram(program([first, record({ name: 'g' }), second]));
    expect([...loaded.functions.keys()]).toEqual(['main', 'g']);
    expect(loaded.functions.get('main')!.record).toBe(first);
  });

  test('type metadata compares by meaning', () => {
    const a = record({ paramTypes: [], returnType: { tag: 'int', signedByte: 1, bits: 64 } });
    const b = record({ paramTypes: [], returnType: { tag: 'int', signedByte: 2, bits: 64 } });
    const c = record({ paramTypes: [], returnType: { tag: 'fixed', bits: 64, short: true } });
    const d = record({ paramTypes: [], returnType: { tag: 'fixed', bits: 64, short: false } });
    expect(() => linkProgram(program([a, b], [], { version: 9 }))).not.toThrow();
    expect(() => linkProgram(program([c, d], [], { version: 9 }))).not.toThrow();
    expectBytecodeError(() => linkProgram(program([a, c], [], { version: 9 })), 'InvalidData',
      "duplicate function 'main' has conflicting definitions");
  });

  test.each<[string, Partial<FunctionRecord>]>([
    ['register count', { registerCount: 3 }],
    ['parameters', { paramNames: ['p'] }],
    ['upvalues', { upvalueNames: ['u'] }],
    ['parent', { parent: 'p' }],
    ['labels', { labels: [{ name: 'x', target: 0 }, { name: 'z', target: 0 }] }],
    ['a label target', { labels: [{ name: 'x', target: 0 }] }],
    ['instructions', { instructions: [jmp('x'), { op: 'RET', src: 0 }] }],
    ['return type', { paramTypes: [], returnType: { tag: 'unknown' } }],
  ])('records differing in %s conflict', (_, change) => {
    const first = record({ ...body, labels: [{ name: 'x', target: 1 }] });
    const second = record({ ...body, labels: [{ name: 'x', target: 1 }], ...change });
    const err = expectBytecodeError(link([first, second]), 'InvalidData', "duplicate function 'main' has conflicting definitions");
    expect(err.functionIndex).toBe(1);
  });
});

describe('builtin names (§7.5)', () => {
  test('a function named like a builtin cannot be registered', () => {
    expectBytecodeError(link([record(), record({ name: 'print' })]), 'Registration', "Function 'print' is already registered");
    expectBytecodeError(link([record({ name: 'Share.open' })]), 'Registration', "Function 'Share.open' is already registered");
  });

  test('bare method names are allowed', () => {
    expect(() => linkProgram(program([record(), record({ name: 'add' }), record({ name: 'open' })]))).not.toThrow();
  });

  test('the reserved set can be replaced', () => {
    expect(() => linkProgram(program([record({ name: 'print' })]), { reservedNames: new Set() })).not.toThrow();
    expectBytecodeError(() => linkProgram(program([record({ name: 'x' })]), { reservedNames: new Set(['x']) }),
      'Registration', "Function 'x' is already registered");
  });

  test('load checks of every record come before registration', () => {
    expectBytecodeError(link([record({ name: 'print' }), record({ name: 'f', instructions: [jmp('L')] })]),
      'InvalidData', "Function f references unknown label 'L'");
  });
});

describe('frame size', () => {
  const size = (over: Partial<FunctionRecord>) => linkProgram(program([record(over)])).functions.get('main')!.frameSize;

  test('max(register count, 1, parameter count, highest register operand + 1)', () => {
    expect(size({ registerCount: 0 })).toBe(1);
    expect(size({ registerCount: 7 })).toBe(7);
    expect(size({ registerCount: 0, paramNames: ['a', 'b', 'c'] })).toBe(3);
    // compact count as the compiler writes it, with a secret register in use
    expect(size({ registerCount: 5, instructions: [{ op: 'MOV', dst: 16, src: 0 }] })).toBe(17);
    expect(size({ registerCount: 1, instructions: [{ op: 'ADD', dst: 0, lhs: 0, rhs: 9 }] })).toBe(10);
    expect(size({ registerCount: 1, instructions: [{ op: 'CMP', lhs: 4, rhs: 2 }] })).toBe(5);
    expect(size({ registerCount: 1, instructions: [{ op: 'RET', src: 11 }] })).toBe(12);
    expect(size({ registerCount: 1, instructions: [{ op: 'PUSHARG', src: 3 }] })).toBe(4);
    expect(size({ registerCount: 1, instructions: [{ op: 'NOT', dst: 2, src: 6 }] })).toBe(7);
    expect(size({ registerCount: 1, instructions: [{ op: 'LD', dst: 20, offset: -1 }] })).toBe(21);
  });

  test('LDS/STS register operands count, their slots and LDI constant indices do not', () => {
    expect(size({ registerCount: 1, instructions: [{ op: 'LDS', dst: 5, slot: 1000 }] })).toBe(6);
    expect(size({ registerCount: 1, instructions: [{ op: 'STS', slot: 1000, src: 8 }] })).toBe(9);
    const constants: Constant[] = Array.from({ length: 50 }, () => ({ kind: 'unit' }));
    const loaded = linkProgram(program([record({ instructions: [{ op: 'LDI', dst: 2, index: 40 }] })], constants));
    expect(loaded.functions.get('main')!.frameSize).toBe(3);
  });
});

describe('constants as runtime values', () => {
  test('each kind', () => {
    const bits = (x: number): bigint => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x, true);
      return v.getBigUint64(0, true);
    };
    const constants: Constant[] = [
      { kind: 'unit' },
      { kind: 'i64', value: 42n },
      { kind: 'i64', value: -(2n ** 53n) + 1n },
      { kind: 'i64', value: 2n ** 53n },
      { kind: 'i64', value: -(2n ** 63n) },
      { kind: 'i32', value: -5 },
      { kind: 'u8', value: 200 },
      { kind: 'u64', value: 2n ** 64n - 1n },
      { kind: 'float', bits: bits(1.5) },
      { kind: 'float', bits: 0x8000_0000_0000_0000n },
      { kind: 'float', bits: 0x7ff8_0000_0000_0001n },
      { kind: 'float', bits: 0x7ff0_0000_0000_0000n },
      { kind: 'bool', byte: 0 },
      { kind: 'bool', byte: 0x80 },
      { kind: 'string', value: 'hi' },
    ];
    const values = linkProgram(program([record()], constants)).constants;
    expect(values[0]).toBeUndefined();
    expect(values[1]).toBe(42);
    expect(values[2]).toBe(-(2 ** 53) + 1);
    expect(values[3]).toBe(2n ** 53n);
    expect(values[4]).toBe(-(2n ** 63n));
    expect(values[5]).toEqual(new VmInt('i32', -5));
    expect(values[6]).toEqual(new VmInt('u8', 200));
    expect(values[7]).toEqual(new VmInt('u64', 2n ** 64n - 1n));
    expect((values[8] as VmFloat).v).toBe(1.5);
    expect(Object.is((values[9] as VmFloat).v, -0)).toBe(true);
    expect(Number.isNaN((values[10] as VmFloat).v)).toBe(true);
    expect((values[11] as VmFloat).v).toBe(Infinity);
    expect(values.slice(12)).toEqual([false, true, 'hi']);
    expect(values[8]).toBeInstanceOf(VmFloat);
  });
});

describe('manifest defaults and loadProgramBytes', () => {
  test('v1 files get HoneyBadger / BLS12-381; v4 files use their own', () => {
    const main = fn(1, { instrs: [ins.RET(0)] });
    expect(loadProgramBytes(file(1, [], [main]))).toMatchObject({ backend: 'honeybadger', curve: 'bls12-381' });
    expect(loadProgramBytes(file(3, [], [main], cat([1], u32(0))))).toMatchObject({ backend: 'avss', curve: 'bls12-381' });
    expect(loadProgramBytes(file(4, [], [main], cat([1, 3], u32(0))))).toMatchObject({ backend: 'avss', curve: 'ed25519' });
  });

  test('read and link errors both surface as BytecodeError', () => {
    expectBytecodeError(() => loadProgramBytes(file(1, [], [fn(1, { instrs: [ins.LDI(0, 0)] })])), 'InvalidData',
      'Function main instruction 0 references constant 0 but constant pool has 0 values');
    expectBytecodeError(() => loadProgramBytes(file(1, [cat([1], u64(1n))], [fn(1, { name: 'len' })])), 'Registration',
      "Function 'len' is already registered");
    expectBytecodeError(() => loadProgramBytes(cat(file(1, [], []), u16(0)).subarray(0, 9)), 'UnexpectedEof',
      'unexpected end of file');
  });
});
