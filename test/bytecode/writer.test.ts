import { describe, expect, test } from 'vitest';
import type { Constant, FunctionRecord, FunctionType, Instruction, Manifest, Program } from '../../src/bytecode/model.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { expectBytecodeError, file, fn } from './helpers.js';

function record(over: Partial<FunctionRecord> = {}): FunctionRecord {
  return {
    name: 'main', registerCount: 1, paramNames: [], upvalueNames: [], parent: null, labels: [], instructions: [],
    ...over,
  };
}

const v1 = (functions: FunctionRecord[], constants: Constant[] = []): Program =>
  ({ version: 1, constants, functions, manifest: null, trailing: new Uint8Array(0) });

const V9_MANIFEST: Manifest = {
  backend: 'honeybadger', curve: 'bls12-381', clients: [],
  demand: { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 },
};
const typed = (over: Partial<FunctionRecord> = {}): FunctionRecord => record({ paramTypes: [], returnType: { tag: 'unknown' }, ...over });
const v9 = (functions: FunctionRecord[], manifest: Manifest | null = V9_MANIFEST): Program =>
  ({ version: 9, constants: [], functions, manifest, trailing: new Uint8Array(0) });

const write = (p: Program) => () => writeProgram(p);
const invalid = (p: Program, reason: string) => expectBytecodeError(write(p), 'InvalidData', reason);

describe('field widths', () => {
  test('u16 fields', () => {
    invalid(v1([record({ registerCount: 70000 })]), 'register count 70000 exceeds u16::MAX');
    invalid(v1([record({ name: 'x'.repeat(65536) })]), 'function name length 65536 exceeds u16::MAX');
    invalid(v1([record({ paramNames: Array(65536).fill('p') })]), 'parameter count 65536 exceeds u16::MAX');
    invalid(v1([record({ instructions: [{ op: 'CALL', name: 'é'.repeat(40000) }] })]), 'CALL function name length 80000 exceeds u16::MAX');
  });

  test('u32 operands and label offsets', () => {
    const err = invalid(v1([record({ instructions: [{ op: 'NOP' }, { op: 'RET', src: 2 ** 32 }] })]), 'RET register 4294967296 exceeds u32::MAX');
    expect(err.function).toBe('main');
    expect(err.instruction).toBe(1);
    expect(err.message).toBe("RET register 4294967296 exceeds u32::MAX (function 'main', instruction 1)");
    invalid(v1([record({ labels: [{ name: 'L', target: 2 ** 32 }] })]), 'label offset 4294967296 exceeds u32::MAX');
    invalid(v1([record({ instructions: [{ op: 'LDI', dst: -1, index: 0 }] })]), 'LDI register -1 is not a valid u32');
    invalid(v1([record({ instructions: [{ op: 'STS', slot: 1.5, src: 0 }] })]), 'STS slot 1.5 is not a valid u32');
    invalid(v1([record({ instructions: [{ op: 'LD', dst: 0, offset: 2 ** 31 }] })]), 'LD stack offset 2147483648 is not a valid i32');
  });

  test('constants', () => {
    invalid(v1([], [{ kind: 'i64', value: 2n ** 63n }]), 'I64 constant 9223372036854775808 is not a valid i64');
    invalid(v1([], [{ kind: 'u64', value: -1n }]), 'U64 constant -1 is not a valid u64');
    invalid(v1([], [{ kind: 'i8', value: 128 }]), 'I8 constant 128 is not a valid i8');
    invalid(v1([], [{ kind: 'u16', value: 65536 }]), 'U16 constant 65536 exceeds u16::MAX');
    invalid(v1([], [{ kind: 'bool', byte: 256 }]), 'Bool constant byte 256 exceeds u8::MAX');
    invalid(v1([], [{ kind: 'float', bits: 2n ** 64n }]), 'Float constant bit pattern 18446744073709551616 is not a valid u64');
    invalid(v1([], [{ kind: 'string', value: 'a'.repeat(16_777_217) }]), 'string length 16777217 exceeds maximum supported 16777216');
    invalid(v1([], [{ kind: 'share' } as unknown as Constant]), 'Unsupported value type for serialization: share');
  });

  test('strings must be well-formed Unicode', () => {
    invalid(v1([record({ name: 'a\ud800' })]), 'function name contains an unpaired surrogate, which UTF-8 cannot encode');
    invalid(v1([], [{ kind: 'string', value: '\udc00' }]), 'string contains an unpaired surrogate, which UTF-8 cannot encode');
  });

  test('unknown opcodes', () => {
    invalid(v1([record({ instructions: [{ op: 'HALT' } as unknown as Instruction] })]), 'Unsupported instruction for serialization: HALT');
  });
});

describe('sections must match the version', () => {
  test('version range', () => {
    expectBytecodeError(write({ ...v1([]), version: 10 }), 'UnsupportedVersion', 'UnsupportedVersion(10)');
    expectBytecodeError(write({ ...v1([]), version: -1 }), 'UnsupportedVersion', 'UnsupportedVersion(-1)');
  });

  test('manifest presence', () => {
    invalid({ ...v1([]), manifest: { clients: [] } }, 'format version 1 cannot store a manifest (needs 2 or later)');
    invalid(v9([typed()], null), 'format version 9 requires a manifest');
    invalid({ ...v9([]), version: 3, manifest: { backend: 'avss', curve: 'bn254', clients: [] } },
      'format version 3 cannot store the manifest MPC curve (needs 4 or later)');
    invalid(v9([], { backend: 'avss', curve: 'bn254', clients: [] }), 'format version 9 requires the manifest preprocessing demand');
    invalid({ ...v9([]), version: 2, manifest: { backend: 'avss', clients: [] } },
      'format version 2 cannot store the manifest MPC backend (needs 3 or later)');
  });

  test('type metadata presence', () => {
    invalid(v1([typed()]), 'format version 1 cannot store function type metadata (needs 5 or later)');
    invalid(v9([record()]), 'format version 9 requires parameter and return types on every function');
    invalid(v9([typed({ paramNames: ['a'] })]), "function 'main' declares 1 parameter name(s) but 0 parameter type(s)");
  });
});

describe('metadata the reader would reject', () => {
  const ret = (returnType: FunctionType) => v9([typed({ returnType })]);

  test('function types', () => {
    invalid(ret({ tag: 'int', signedByte: 1, bits: 0 }), 'integer function type bit width must be non-zero');
    invalid(ret({ tag: 'fixed', bits: 0, short: false }), 'fixed-point function type bit width must be non-zero');
    invalid(ret({ tag: 'fixed', bits: 32, short: true }), 'fixed-point function type in short form must have 64 bits, not 32');
    invalid(ret({ tag: 'int', signedByte: 1, bits: 256 }), 'int type bit width 256 exceeds u8::MAX');
  });

  test('type nesting is capped like in the reader', () => {
    const nest = (depth: number): FunctionType => {
      let t: FunctionType = { tag: 'bool' };
      for (let i = 0; i < depth; i++) t = { tag: 'list', inner: t };
      return t;
    };
    expect(() => writeProgram(ret(nest(256)))).not.toThrow();
    invalid(ret(nest(257)), 'function type nesting exceeds maximum supported depth 256');
    invalid(ret(nest(100_000)), 'function type nesting exceeds maximum supported depth 256');
  });

  test('share types', () => {
    const withInput = (t: Manifest['clients'][number]['inputs'][number]) =>
      v9([typed()], { ...V9_MANIFEST, clients: [{ slot: 0n, inputs: [t], outputs: [] }] });
    invalid(withInput({ kind: 'int', bits: 0 }), 'invalid SecretInt metadata in IO manifest: bit_length must be a positive integer');
    invalid(withInput({ kind: 'uint', bits: 0 }), 'invalid SecretUInt metadata in IO manifest: bit_length must be a positive integer');
    invalid(withInput({ kind: 'fixed', totalBits: 0, fracBits: 0 }),
      'invalid SecretFixedPoint metadata in IO manifest: total_bits must be a positive integer');
    invalid(withInput({ kind: 'fixed', totalBits: 8, fracBits: 9 }),
      'invalid SecretFixedPoint metadata in IO manifest: frac_bits must be less than total_bits');
  });

  test('count limits', () => {
    invalid(v1([], new Array<Constant>(1_000_001)), 'constant count 1000001 exceeds maximum supported 1000000');
  });
});

test('parent, upvalues and labels are written as stored', () => {
  const p = v1([record({ parent: 'outer', upvalueNames: ['u', 'v'], labels: [{ name: 'b', target: 1 }, { name: 'a', target: 0 }] })]);
  const expected = file(1, [], [fn(1, { parent: 'outer', upvalues: ['u', 'v'], labels: [['b', 1], ['a', 0]] })]);
  expect(Array.from(writeProgram(p))).toEqual(Array.from(expected));
});
