/**
 * Writes the program model back to STFL bytes, laying out sections according to `version`
 * (bytecode-format.md §2.1). `writeProgram(readProgram(b))` reproduces `b` exactly.
 *
 * The writer refuses (with `BytecodeError`) anything the reader would reject or that would be lost:
 * values that do not fit their field, counts above the official limits, invalid type/share metadata,
 * and sections the model has but its version cannot store (or lacks but its version requires).
 */
import { ByteWriter } from './byte-writer.js';
import { BytecodeError } from './errors.js';
import {
  MAGIC, MAX_CLIENTS, MAX_CLIENT_IO, MAX_CONSTANTS, MAX_FUNCTIONS, MAX_INSTRUCTIONS, MAX_READ_VERSION,
  MAX_STRING_BYTES, MAX_TYPE_DEPTH, SHARE_TAG, SINCE, TYPE_TAG,
} from './format.js';
import {
  CONSTANT_TAGS, MPC_BACKENDS, MPC_CURVES, OPCODES,
  type Constant, type FunctionRecord, type FunctionType, type Instruction, type Manifest, type Opcode, type Program,
  type ShareType,
} from './model.js';

export function writeProgram(p: Program): Uint8Array {
  const v = p.version;
  if (!Number.isInteger(v) || v < 0 || v > MAX_READ_VERSION) {
    throw new BytecodeError('UnsupportedVersion', `UnsupportedVersion(${v})`, {
      detail: `this writer supports format versions 0 to ${MAX_READ_VERSION}`,
    });
  }
  const w = new ByteWriter();
  w.raw(Uint8Array.from(MAGIC));
  w.u16(v, 'format version');

  writeCount(w, p.constants.length, 'constant count', MAX_CONSTANTS);
  for (const c of p.constants) writeConstant(w, c);

  writeCount(w, p.functions.length, 'function count', MAX_FUNCTIONS);
  p.functions.forEach((f, i) => {
    w.functionName = f.name;
    w.functionIndex = i;
    writeFunction(w, f, v);
  });
  w.functionName = w.functionIndex = undefined;

  if (v >= SINCE.manifest) {
    if (p.manifest === null) throw w.fail(`format version ${v} requires a manifest`);
    writeManifest(w, p.manifest, v);
  } else if (p.manifest !== null) {
    throw w.fail(`format version ${v} cannot store a manifest (needs ${SINCE.manifest} or later)`);
  }
  w.raw(p.trailing);
  return w.finish();
}

function writeCount(w: ByteWriter, n: number, field: string, max: number): void {
  if (n > max) throw w.fail(`${field} ${n} exceeds maximum supported ${max}`);
  w.u32(n, field);
}

function writeConstant(w: ByteWriter, c: Constant): void {
  const tag = CONSTANT_TAGS.indexOf(c.kind);
  if (tag < 0) throw w.fail(`Unsupported value type for serialization: ${String(c.kind)}`);
  w.u8(tag, 'constant tag');
  switch (c.kind) {
    case 'unit': return;
    case 'i64': return w.i64(c.value, 'I64 constant');
    case 'i32': return w.i32(c.value, 'I32 constant');
    case 'i16': return w.i16(c.value, 'I16 constant');
    case 'i8': return w.i8(c.value, 'I8 constant');
    case 'u8': return w.u8(c.value, 'U8 constant');
    case 'u16': return w.u16(c.value, 'U16 constant');
    case 'u32': return w.u32(c.value, 'U32 constant');
    case 'u64': return w.u64(c.value, 'U64 constant');
    case 'float': return w.u64(c.bits, 'Float constant bit pattern');
    case 'bool': return w.u8(c.byte, 'Bool constant byte');
    case 'string': return w.str32(c.value, 'string', MAX_STRING_BYTES);
  }
}

function writeFunction(w: ByteWriter, f: FunctionRecord, version: number): void {
  w.str16(f.name, 'function name');
  w.u16(f.registerCount, 'register count');
  w.u16(f.paramNames.length, 'parameter count');
  for (const name of f.paramNames) w.str16(name, 'parameter name');

  const hasTypes = f.paramTypes !== undefined || f.returnType !== undefined;
  if (version >= SINCE.functionTypes) {
    const { paramTypes, returnType } = f;
    if (paramTypes === undefined || returnType === undefined) {
      throw w.fail(`format version ${version} requires parameter and return types on every function`);
    }
    if (paramTypes.length !== f.paramNames.length) {
      throw w.fail(`function '${f.name}' declares ${f.paramNames.length} parameter name(s) but ${paramTypes.length} parameter type(s)`);
    }
    w.u16(paramTypes.length, 'parameter type count');
    for (const t of paramTypes) writeFunctionType(w, t, 0);
    writeFunctionType(w, returnType, 0);
  } else if (hasTypes) {
    throw w.fail(`format version ${version} cannot store function type metadata (needs ${SINCE.functionTypes} or later)`);
  }

  w.u16(f.upvalueNames.length, 'upvalue count');
  for (const name of f.upvalueNames) w.str16(name, 'upvalue name');

  if (f.parent === null) {
    w.u8(0, 'parent presence flag');
  } else {
    w.u8(1, 'parent presence flag');
    w.str16(f.parent, 'parent function name');
  }

  w.u16(f.labels.length, 'label count');
  for (const label of f.labels) {
    w.str16(label.name, 'label name');
    w.u32(label.target, 'label offset');
  }

  writeCount(w, f.instructions.length, 'instruction count', MAX_INSTRUCTIONS);
  f.instructions.forEach((ins, i) => {
    w.instruction = i;
    writeInstruction(w, ins);
  });
  w.instruction = undefined;
}

/** Operand field names for error messages, per opcode, built once (the official writer's wording). */
const OPERAND_NAMES = Object.fromEntries(OPCODES.map((op) => [op, {
  target: `${op} target register`,
  source: `${op} source register`,
  left: `${op} left register`,
  right: `${op} right register`,
  register: `${op} register`,
  label: `${op} label`,
}])) as Record<Opcode, Record<'target' | 'source' | 'left' | 'right' | 'register' | 'label', string>>;

function writeInstruction(w: ByteWriter, ins: Instruction): void {
  const code = OPCODES.indexOf(ins.op);
  if (code < 0) throw w.fail(`Unsupported instruction for serialization: ${String(ins.op)}`);
  w.u8(code, 'opcode');
  const names = OPERAND_NAMES[ins.op];
  switch (ins.op) {
    case 'LD':
      w.u32(ins.dst, names.register);
      return w.i32(ins.offset, 'LD stack offset');
    case 'LDI':
      w.u32(ins.dst, names.register);
      return w.u32(ins.index, 'LDI constant index');
    case 'MOV':
    case 'NOT':
      w.u32(ins.dst, names.target);
      return w.u32(ins.src, names.source);
    case 'ADD': case 'SUB': case 'MUL': case 'DIV': case 'MOD':
    case 'AND': case 'OR': case 'XOR': case 'SHL': case 'SHR':
      w.u32(ins.dst, names.target);
      w.u32(ins.lhs, names.left);
      return w.u32(ins.rhs, names.right);
    case 'JMP': case 'JMPEQ': case 'JMPNEQ': case 'JMPLT': case 'JMPGT':
      return w.str16(ins.label, names.label);
    case 'CALL':
      return w.str16(ins.name, 'CALL function name');
    case 'RET':
    case 'PUSHARG':
      return w.u32(ins.src, names.register);
    case 'CMP':
      w.u32(ins.lhs, names.left);
      return w.u32(ins.rhs, names.right);
    case 'NOP':
      return;
    case 'LDS':
      w.u32(ins.dst, names.register);
      return w.u32(ins.slot, 'LDS slot');
    case 'STS':
      w.u32(ins.slot, 'STS slot');
      return w.u32(ins.src, names.register);
  }
}

/**
 * `depth` = number of enclosing constructors. Recursion is bounded by the reader's cap: at most
 * MAX_TYPE_DEPTH nested constructors.
 */
function writeFunctionType(w: ByteWriter, t: FunctionType, depth: number): void {
  const nested = (inner: FunctionType): void => {
    if (depth >= MAX_TYPE_DEPTH) throw w.fail(`function type nesting exceeds maximum supported depth ${MAX_TYPE_DEPTH}`);
    writeFunctionType(w, inner, depth + 1);
  };
  switch (t.tag) {
    case 'int':
      if (t.bits === 0) throw w.fail('integer function type bit width must be non-zero');
      w.u8(TYPE_TAG.int, 'function type tag');
      w.u8(t.signedByte, 'int type signedness');
      return w.u8(t.bits, 'int type bit width');
    case 'float': case 'string': case 'bool': case 'nil': case 'void': case 'unknown':
      return w.u8(TYPE_TAG[t.tag], 'function type tag');
    case 'secret':
    case 'list':
      w.u8(TYPE_TAG[t.tag], 'function type tag');
      return nested(t.inner);
    case 'dict':
      w.u8(TYPE_TAG.dict, 'function type tag');
      nested(t.key);
      return nested(t.value);
    case 'object':
    case 'typevar':
      w.u8(TYPE_TAG[t.tag], 'function type tag');
      return w.str16(t.name, t.tag === 'object' ? 'function type object name' : 'function type variable name');
    case 'generic':
      w.u8(TYPE_TAG.generic, 'function type tag');
      w.str16(t.name, 'function generic type name');
      w.u16(t.params.length, 'function generic parameter count');
      for (const param of t.params) nested(param);
      return;
    case 'fixed':
      if (t.short) {
        if (t.bits !== 64) throw w.fail(`fixed-point function type in short form must have 64 bits, not ${t.bits}`);
        return w.u8(TYPE_TAG.fixed64, 'function type tag');
      }
      if (t.bits === 0) throw w.fail('fixed-point function type bit width must be non-zero');
      w.u8(TYPE_TAG.fixed, 'function type tag');
      return w.u8(t.bits, 'fixed-point type bit width');
    default:
      throw w.fail(`unknown function type tag ${String((t as { tag: unknown }).tag)}`);
  }
}

function writeManifest(w: ByteWriter, m: Manifest, version: number): void {
  const section = (present: boolean, since: number, what: string): boolean => {
    if (present !== version >= since) {
      throw w.fail(present
        ? `format version ${version} cannot store the manifest ${what} (needs ${since} or later)`
        : `format version ${version} requires the manifest ${what}`);
    }
    return present;
  };
  if (section(m.backend !== undefined, SINCE.backend, 'MPC backend')) {
    const tag = MPC_BACKENDS.indexOf(m.backend!);
    if (tag < 0) throw w.fail(`unknown MPC backend ${String(m.backend)}`);
    w.u8(tag, 'MPC backend tag');
  }
  if (section(m.curve !== undefined, SINCE.curve, 'MPC curve')) {
    const tag = MPC_CURVES.indexOf(m.curve!);
    if (tag < 0) throw w.fail(`unknown MPC curve ${String(m.curve)}`);
    w.u8(tag, 'MPC curve tag');
  }
  writeCount(w, m.clients.length, 'client IO schema count', MAX_CLIENTS);
  for (const client of m.clients) {
    w.u64(client.slot, 'client slot');
    writeShareTypes(w, client.inputs, 'client IO input count');
    writeShareTypes(w, client.outputs, 'client IO output count');
  }
  if (section(m.demand !== undefined, SINCE.demand, 'preprocessing demand')) {
    const d = m.demand!;
    w.u64(d.triples, 'demand triples');
    w.u64(d.randoms, 'demand randoms');
    w.u64(d.prandbits, 'demand prandbits');
    w.u64(d.prandints, 'demand prandints');
    w.u8(d.dynamic, 'demand dynamic flag');
  }
}

function writeShareTypes(w: ByteWriter, types: readonly ShareType[], field: string): void {
  writeCount(w, types.length, field, MAX_CLIENT_IO);
  for (const t of types) {
    switch (t.kind) {
      case 'int':
      case 'uint': {
        const label = t.kind === 'int' ? 'SecretInt' : 'SecretUInt';
        if (t.bits === 0) throw w.fail(`invalid ${label} metadata in IO manifest: bit_length must be a positive integer`);
        w.u8(SHARE_TAG[t.kind], 'share type tag');
        w.u32(t.bits, `${label} bit length`);
        break;
      }
      case 'fixed': {
        const prefix = 'invalid SecretFixedPoint metadata in IO manifest: ';
        if (t.totalBits === 0) throw w.fail(`${prefix}total_bits must be a positive integer`);
        if (t.fracBits >= t.totalBits) throw w.fail(`${prefix}frac_bits must be less than total_bits`);
        w.u8(SHARE_TAG.fixed, 'share type tag');
        w.u32(t.totalBits, 'fixed-point total bits');
        w.u32(t.fracBits, 'fixed-point fractional bits');
        break;
      }
      default:
        throw w.fail(`unknown share type ${String((t as { kind: unknown }).kind)}`);
    }
  }
}
