/**
 * fast-check generators for random `Program` models covering every constant kind, opcode, type tag,
 * label arrangement and manifest shape the model can hold (within what the file format can encode).
 */
import fc from 'fast-check';
import {
  FORMAT_VERSION,
  MPC_BACKENDS,
  MPC_CURVES,
  type ClientSchema,
  type Constant,
  type FunctionRecord,
  type FunctionType,
  type Instruction,
  type Label,
  type Manifest,
  type Program,
  type ShareType,
} from '../../src/bytecode/model.js';

const U32_MAX = 0xffffffff;

/** Names that stress quoting: separators, quotes, escapes, keywords, registers, invisible characters. */
export const HOSTILE_NAMES = [
  '',
  ' ',
  'a b',
  '"',
  'say "hi"',
  '\\',
  'back\\slash',
  'line\nbreak',
  'cr\rlf',
  'tab\there',
  'nul\0byte',
  '\u2028',
  'para\u2029graph',
  'bidi\u202Eevil',
  'zero\u200Bwidth',
  '\uFEFFbom',
  'nbsp\u00A0x',
  '\u0085next',
  ';comment',
  'semi;colon',
  'colon:',
  'a:b',
  'r0',
  'R12',
  'main',
  'end',
  '.end',
  '.function',
  'NOP',
  'true',
  'nan',
  'inf',
  '#1',
  '@',
  '->',
  '-',
  'a-b',
  '()',
  '1abc',
  '42',
  'utils.math.add',
  'Point::new',
  'a.',
  'a::',
  '::a',
  'é',
  '名前',
  '😀 emoji',
  '\u{10FFFF}',
  'x'.repeat(300),
];

/** Any code points (never lone surrogates, which UTF-8 cannot hold), plus the hostile names. */
export const arbName: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
);

const arbU32 = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: U32_MAX }));

const SPECIAL_FLOAT_BITS = [
  0n, // 0.0
  0x8000000000000000n, // -0.0
  0x7ff0000000000000n, // inf
  0xfff0000000000000n, // -inf
  0x7ff8000000000000n, // canonical NaN
  0xfff8000000000000n, // negative NaN
  0x7ff0000000000001n, // signalling NaN
  0x7fffffffffffffffn, // NaN, all payload bits
  0x0000000000000001n, // smallest subnormal
  0x7fefffffffffffffn, // largest finite
  0x3ff0000000000000n, // 1.0
  0x4415af1d78b58c40n, // 1e20
  0x444b1ae4d6e2ef50n, // 1e21 (JS switches to exponent notation here)
];

const arbFloatBits = fc.oneof(
  fc.constantFrom(...SPECIAL_FLOAT_BITS),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.double().map((x) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    return view.getBigUint64(0);
  }),
);

export const arbConstant: fc.Arbitrary<Constant> = fc.oneof(
  fc.constant<Constant>({ kind: 'unit' }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value): Constant => ({ kind: 'i64', value })),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value): Constant => ({ kind: 'u64', value })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value): Constant => ({ kind: 'i32', value })),
  fc.integer({ min: -(2 ** 15), max: 2 ** 15 - 1 }).map((value): Constant => ({ kind: 'i16', value })),
  fc.integer({ min: -128, max: 127 }).map((value): Constant => ({ kind: 'i8', value })),
  fc.integer({ min: 0, max: 255 }).map((value): Constant => ({ kind: 'u8', value })),
  fc.integer({ min: 0, max: 65535 }).map((value): Constant => ({ kind: 'u16', value })),
  fc.integer({ min: 0, max: U32_MAX }).map((value): Constant => ({ kind: 'u32', value })),
  arbFloatBits.map((bits): Constant => ({ kind: 'float', bits })),
  fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 255 })).map((byte): Constant => ({ kind: 'bool', byte })),
  fc.oneof(arbName, fc.string({ unit: 'binary', maxLength: 30 })).map((value): Constant => ({ kind: 'string', value })),
);

const { functionType: arbFunctionType } = fc.letrec<{ functionType: FunctionType }>((tie) => ({
  functionType: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      tag: fc.constant('int' as const),
      signedByte: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 255 })),
      bits: fc.integer({ min: 1, max: 255 }),
    }),
    fc.constantFrom('float', 'string', 'bool', 'nil', 'void', 'unknown').map((tag): FunctionType => ({ tag })),
    fc.record({ tag: fc.constantFrom('secret' as const, 'list' as const), inner: tie('functionType') }),
    fc.record({ tag: fc.constant('dict' as const), key: tie('functionType'), value: tie('functionType') }),
    fc.record({ tag: fc.constantFrom('object' as const, 'typevar' as const), name: arbName }),
    fc.record({
      tag: fc.constant('generic' as const),
      name: arbName,
      params: fc.array(tie('functionType'), { maxLength: 3 }),
    }),
    fc.oneof(
      fc.integer({ min: 1, max: 255 }).map((bits): FunctionType => ({ tag: 'fixed', bits, short: bits === 64 })),
      fc.constant<FunctionType>({ tag: 'fixed', bits: 64, short: false }),
      fc.integer({ min: 1, max: 255 }).map((bits): FunctionType => ({ tag: 'fixed', bits, short: false })),
    ),
  ),
}));
export { arbFunctionType };

const arbRegister = arbU32;

function arbInstruction(labelNames: fc.Arbitrary<string>): fc.Arbitrary<Instruction> {
  return fc.oneof(
    fc.record({ op: fc.constant('LD' as const), dst: arbRegister, offset: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
    fc.record({ op: fc.constant('LDI' as const), dst: arbRegister, index: arbU32 }),
    fc.record({ op: fc.constantFrom('MOV' as const, 'NOT' as const), dst: arbRegister, src: arbRegister }),
    fc.record({
      op: fc.constantFrom('ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR') as fc.Arbitrary<
        'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR' | 'SHL' | 'SHR'
      >,
      dst: arbRegister,
      lhs: arbRegister,
      rhs: arbRegister,
    }),
    fc.record({
      op: fc.constantFrom('JMP', 'JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT') as fc.Arbitrary<
        'JMP' | 'JMPEQ' | 'JMPNEQ' | 'JMPLT' | 'JMPGT'
      >,
      label: labelNames,
    }),
    fc.record({ op: fc.constant('CALL' as const), name: arbName }),
    fc.record({ op: fc.constantFrom('RET' as const, 'PUSHARG' as const), src: arbRegister }),
    fc.record({ op: fc.constant('CMP' as const), lhs: arbRegister, rhs: arbRegister }),
    fc.constant<Instruction>({ op: 'NOP' }),
    fc.record({ op: fc.constant('LDS' as const), dst: arbRegister, slot: arbU32 }),
    fc.record({ op: fc.constant('STS' as const), slot: arbU32, src: arbRegister }),
  );
}

function arbFunction(version: number): fc.Arbitrary<FunctionRecord> {
  return fc
    .record({
      labelPool: fc.array(arbName, { minLength: 1, maxLength: 4 }),
      instructionCount: fc.integer({ min: 0, max: 12 }),
    })
    .chain(({ labelPool, instructionCount }) => {
      const labelName = fc.constantFrom(...labelPool);
      const target = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: instructionCount }) },
        { weight: 1, arbitrary: arbU32 },
      );
      const label: fc.Arbitrary<Label> = fc.record({ name: labelName, target });
      return fc.record({
        name: arbName,
        registerCount: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 65535 })),
        params: fc.array(fc.tuple(arbName, arbFunctionType), { maxLength: 3 }),
        returnType: arbFunctionType,
        upvalueNames: fc.array(arbName, { maxLength: 3 }),
        parent: fc.option(arbName, { nil: null }),
        labels: fc.array(label, { maxLength: 6 }),
        instructions: fc.array(arbInstruction(fc.oneof(labelName, arbName)), {
          minLength: instructionCount,
          maxLength: instructionCount,
        }),
      });
    })
    .map(
      (f): FunctionRecord => ({
        name: f.name,
        registerCount: f.registerCount,
        paramNames: f.params.map(([name]) => name),
        ...(version >= 5 ? { paramTypes: f.params.map(([, type]) => type), returnType: f.returnType } : {}),
        upvalueNames: f.upvalueNames,
        parent: f.parent,
        labels: f.labels,
        instructions: f.instructions,
      }),
    );
}

const arbU64 = fc.oneof(fc.bigInt({ min: 0n, max: 10n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));

const arbShareType: fc.Arbitrary<ShareType> = fc.oneof(
  fc.record({ kind: fc.constantFrom('int' as const, 'uint' as const), bits: fc.integer({ min: 1, max: U32_MAX }) }),
  fc
    .integer({ min: 1, max: U32_MAX })
    .chain((totalBits) =>
      fc.record({ kind: fc.constant('fixed' as const), totalBits: fc.constant(totalBits), fracBits: fc.integer({ min: 0, max: totalBits - 1 }) }),
    ),
);

const arbClient: fc.Arbitrary<ClientSchema> = fc.record({
  slot: arbU64,
  inputs: fc.array(arbShareType, { maxLength: 3 }),
  outputs: fc.array(arbShareType, { maxLength: 3 }),
});

function arbManifest(version: number): fc.Arbitrary<Manifest | null> {
  if (version < 2) return fc.constant(null);
  return fc
    .record({
      backend: fc.constantFrom(...MPC_BACKENDS),
      curve: fc.constantFrom(...MPC_CURVES),
      clients: fc.array(arbClient, { maxLength: 3 }),
      demand: fc.record({
        triples: arbU64,
        randoms: arbU64,
        prandbits: arbU64,
        prandints: arbU64,
        dynamic: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 255 })),
      }),
    })
    .map(
      (m): Manifest => ({
        ...(version >= 3 ? { backend: m.backend } : {}),
        ...(version >= 4 ? { curve: m.curve } : {}),
        clients: m.clients,
        ...(version >= 8 ? { demand: m.demand } : {}),
      }),
    );
}

/**
 * A random program of a random format version 0..9, as plain objects (fast-check records have a null
 * prototype, which a strict comparison with the assembler's output would count as a difference).
 */
export const arbProgram: fc.Arbitrary<Program> = fc.integer({ min: 0, max: FORMAT_VERSION }).chain((version) =>
  fc.record({
    version: fc.constant(version),
    constants: fc.array(arbConstant, { maxLength: 8 }),
    functions: fc.array(arbFunction(version), { maxLength: 3 }).chain((functions) =>
      // Sometimes repeat a record verbatim, as real files do.
      fc.boolean().map((repeat) => (repeat && functions.length > 0 ? [...functions, functions[0]!] : functions)),
    ),
    manifest: arbManifest(version),
    trailing: fc.oneof({ weight: 3, arbitrary: fc.constant(new Uint8Array(0)) }, fc.uint8Array({ maxLength: 70 })),
  }).map((p) => structuredClone(p)),
);
