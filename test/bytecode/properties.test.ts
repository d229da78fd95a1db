/** Property tests: hostile input never escapes as anything but BytecodeError; valid models round-trip. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BytecodeError } from '../../src/bytecode/errors.js';
import { linkProgram } from '../../src/bytecode/load.js';
import {
  MPC_BACKENDS, MPC_CURVES,
  type ClientSchema, type Constant, type FunctionRecord, type FunctionType, type Instruction, type Label, type Manifest,
  type Program, type ShareType,
} from '../../src/bytecode/model.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { loadFixtures } from './helpers.js';

const fixtures = loadFixtures();

/** One edit of a byte string; positions are fractions of the current length so they always apply. */
type Edit =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'truncate'; at: number };

/** A fraction in [0, 1), spread evenly (fc.double would favour the extremes). */
const position = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })).map((n) => n / 2 ** 30);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, len: fc.integer({ min: 1, max: 16 }) }),
  // forge a count / length / operand: small, near a limit, or huge
  fc.record({
    kind: fc.constant('u32' as const), at: position,
    value: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(999_999, 1_000_000, 8_000_000, 16_777_216, 0xffff_ffff),
      fc.integer({ min: 0, max: 0xffff_ffff })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function apply(bytes: Uint8Array, e: Edit): Uint8Array {
  const at = Math.floor(e.at * bytes.length);
  switch (e.kind) {
    case 'set': {
      const out = bytes.slice();
      if (out.length > 0) out[at] = e.byte;
      return out;
    }
    case 'insert': {
      const out = new Uint8Array(bytes.length + e.bytes.length);
      out.set(bytes.subarray(0, at));
      out.set(e.bytes, at);
      out.set(bytes.subarray(at), at + e.bytes.length);
      return out;
    }
    case 'delete': {
      const tail = bytes.subarray(Math.min(bytes.length, at + e.len));
      const out = new Uint8Array(at + tail.length);
      out.set(bytes.subarray(0, at));
      out.set(tail, at);
      return out;
    }
    case 'u32': {
      const out = bytes.slice();
      if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, e.value, true);
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

function describeInput(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * The contract for any input: reading and linking raise nothing but BytecodeError, quickly; and bytes that
 * read successfully write back identically. Returns whether the input was accepted by the reader.
 */
function checkHostile(bytes: Uint8Array): boolean {
  const started = performance.now();
  let program: Program;
  try {
    program = readProgram(bytes);
  } catch (e) {
    if (e instanceof BytecodeError) return false;
    throw new Error(`${String(e)} on ${describeInput(bytes)}`);
  }
  if (!Buffer.from(writeProgram(program)).equals(Buffer.from(bytes))) {
    throw new Error(`round trip changed ${describeInput(bytes)}`);
  }
  try {
    linkProgram(program);
  } catch (e) {
    if (!(e instanceof BytecodeError)) throw new Error(`${String(e)} on ${describeInput(bytes)}`);
  }
  expect(performance.now() - started).toBeLessThan(2000);
  return true;
}

const fixtureIndex = fc.integer({ min: 0, max: fixtures.length - 1 });

describe('hostile input', () => {
  test('mutated fixtures (edits, insertions, deletions, forged counts, truncation)', () => {
    fc.assert(
      fc.property(fixtureIndex, fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
        checkHostile(edits.reduce(apply, fixtures[which]!.bytes));
      }),
      { numRuns: 3000 },
    );
  });

  test('fixtures with a few bytes overwritten (often still readable: exercises the round trip)', () => {
    let accepted = 0;
    const setEdit = fc.record({ kind: fc.constant('set' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fixtureIndex, fc.array(setEdit, { minLength: 1, maxLength: 2 }), (which, edits) => {
        if (checkHostile(edits.reduce(apply, fixtures[which]!.bytes))) accepted++;
      }),
      { numRuns: 2000 },
    );
    // About half of these inputs stay readable (changes inside operands, names, constants).
    expect(accepted).toBeGreaterThan(600);
  });

  test('random bytes behind a valid header only raise BytecodeError', () => {
    const headerFor = (v: number) => Uint8Array.of(0x53, 0x54, 0x46, 0x4c, v, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.uint8Array({ maxLength: 200 }), (version, body) => {
        const bytes = new Uint8Array(6 + body.length);
        bytes.set(headerFor(version));
        bytes.set(body, 6);
        try {
          linkProgram(readProgram(bytes));
        } catch (e) {
          if (!(e instanceof BytecodeError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// ---- random valid models ----

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const name = fc.string({ unit: 'binary', maxLength: 12 });

const constant: fc.Arbitrary<Constant> = fc.oneof(
  fc.constant<Constant>({ kind: 'unit' }),
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((value): Constant => ({ kind: 'i64', value })),
  u64.map((value): Constant => ({ kind: 'u64', value })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value): Constant => ({ kind: 'i32', value })),
  fc.integer({ min: -32768, max: 32767 }).map((value): Constant => ({ kind: 'i16', value })),
  fc.integer({ min: -128, max: 127 }).map((value): Constant => ({ kind: 'i8', value })),
  fc.integer({ min: 0, max: 255 }).map((value): Constant => ({ kind: 'u8', value })),
  fc.integer({ min: 0, max: 65535 }).map((value): Constant => ({ kind: 'u16', value })),
  u32.map((value): Constant => ({ kind: 'u32', value })),
  u64.map((bits): Constant => ({ kind: 'float', bits })),
  fc.integer({ min: 0, max: 255 }).map((byte): Constant => ({ kind: 'bool', byte })),
  fc.string({ unit: 'binary', maxLength: 30 }).map((value): Constant => ({ kind: 'string', value })),
);

const functionType: fc.Arbitrary<FunctionType> = fc.letrec<{ t: FunctionType }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag: fc.constant('int' as const), signedByte: fc.integer({ min: 0, max: 255 }), bits: fc.integer({ min: 1, max: 255 }) }),
    fc.constantFrom<FunctionType>({ tag: 'float' }, { tag: 'string' }, { tag: 'bool' }, { tag: 'nil' }, { tag: 'void' }, { tag: 'unknown' }),
    fc.constant<FunctionType>({ tag: 'fixed', bits: 64, short: true }),
    fc.integer({ min: 1, max: 255 }).map((bits): FunctionType => ({ tag: 'fixed', bits, short: false })),
    fc.record({ tag: fc.constantFrom('secret' as const, 'list' as const), inner: tie('t') }),
    fc.record({ tag: fc.constant('dict' as const), key: tie('t'), value: tie('t') }),
    fc.record({ tag: fc.constantFrom('object' as const, 'typevar' as const), name }),
    fc.record({ tag: fc.constant('generic' as const), name, params: fc.array(tie('t'), { maxLength: 3 }) }),
  ),
})).t;

const instruction: fc.Arbitrary<Instruction> = fc.oneof(
  fc.record({ op: fc.constant('LD' as const), dst: u32, offset: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
  fc.record({ op: fc.constant('LDI' as const), dst: u32, index: u32 }),
  fc.record({ op: fc.constantFrom('MOV' as const, 'NOT' as const), dst: u32, src: u32 }),
  fc.record({
    op: fc.constantFrom('ADD' as const, 'SUB' as const, 'MUL' as const, 'DIV' as const, 'MOD' as const, 'AND' as const,
      'OR' as const, 'XOR' as const, 'SHL' as const, 'SHR' as const),
    dst: u32, lhs: u32, rhs: u32,
  }),
  fc.record({ op: fc.constantFrom('JMP' as const, 'JMPEQ' as const, 'JMPNEQ' as const, 'JMPLT' as const, 'JMPGT' as const), label: name }),
  fc.record({ op: fc.constant('CALL' as const), name }),
  fc.record({ op: fc.constantFrom('RET' as const, 'PUSHARG' as const), src: u32 }),
  fc.record({ op: fc.constant('CMP' as const), lhs: u32, rhs: u32 }),
  fc.constant<Instruction>({ op: 'NOP' }),
  fc.record({ op: fc.constant('LDS' as const), dst: u32, slot: u32 }),
  fc.record({ op: fc.constant('STS' as const), slot: u32, src: u32 }),
);

const label: fc.Arbitrary<Label> = fc.record({ name, target: u32 });

function functionRecord(version: number): fc.Arbitrary<FunctionRecord> {
  return fc.array(name, { maxLength: 4 }).chain((paramNames) => fc.record({
    name,
    registerCount: fc.integer({ min: 0, max: 65535 }),
    paramNames: fc.constant(paramNames),
    types: version >= 5
      ? fc.record({ paramTypes: fc.array(functionType, { minLength: paramNames.length, maxLength: paramNames.length }), returnType: functionType })
      : fc.constant(undefined),
    upvalueNames: fc.array(name, { maxLength: 3 }),
    parent: fc.option(name, { nil: null }),
    labels: fc.array(label, { maxLength: 4 }),
    instructions: fc.array(instruction, { maxLength: 12 }),
  })).map(({ types, ...rest }): FunctionRecord => ({
    name: rest.name,
    registerCount: rest.registerCount,
    paramNames: rest.paramNames,
    ...types,
    upvalueNames: rest.upvalueNames,
    parent: rest.parent,
    labels: rest.labels,
    instructions: rest.instructions,
  }));
}

const shareType: fc.Arbitrary<ShareType> = fc.oneof(
  fc.record({ kind: fc.constantFrom('int' as const, 'uint' as const), bits: fc.integer({ min: 1, max: 0xffff_ffff }) }),
  fc.integer({ min: 1, max: 0xffff_ffff }).chain((totalBits) =>
    fc.integer({ min: 0, max: totalBits - 1 }).map((fracBits): ShareType => ({ kind: 'fixed', totalBits, fracBits }))),
);

const client: fc.Arbitrary<ClientSchema> = fc.record({
  slot: u64,
  inputs: fc.array(shareType, { maxLength: 3 }),
  outputs: fc.array(shareType, { maxLength: 3 }),
});

function manifest(version: number): fc.Arbitrary<Manifest | null> {
  if (version < 2) return fc.constant(null);
  return fc.record({
    backend: fc.constantFrom(...MPC_BACKENDS),
    curve: fc.constantFrom(...MPC_CURVES),
    clients: fc.array(client, { maxLength: 3 }),
    demand: fc.record({ triples: u64, randoms: u64, prandbits: u64, prandints: u64, dynamic: fc.integer({ min: 0, max: 255 }) }),
  }).map(({ backend, curve, clients, demand }): Manifest => ({
    ...(version >= 3 ? { backend } : {}),
    ...(version >= 4 ? { curve } : {}),
    clients,
    ...(version >= 8 ? { demand } : {}),
  }));
}

const program: fc.Arbitrary<Program> = fc.integer({ min: 0, max: 9 }).chain((version) => fc.record({
  version: fc.constant(version),
  constants: fc.array(constant, { maxLength: 10 }),
  functions: fc.array(functionRecord(version), { maxLength: 4 }),
  manifest: manifest(version),
  trailing: fc.uint8Array({ maxLength: 4 }),
}));

describe('valid models', () => {
  test('write then read gives the model back; linking raises nothing but BytecodeError', () => {
    fc.assert(
      fc.property(program, (p) => {
        const bytes = writeProgram(p);
        expect(readProgram(bytes)).toEqual(p);
        try {
          linkProgram(p);
        } catch (e) {
          if (!(e instanceof BytecodeError)) throw e;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
