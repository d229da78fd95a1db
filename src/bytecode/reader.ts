/**
 * Reads an STFL file (format versions 0..9) into the program model, validating strictly with the
 * official error texts (bytecode-format.md). Throws only `BytecodeError`, whatever the input: every
 * read is bounds-checked, every count is checked against the official limit and against the bytes
 * left before it is looped over, and FunctionType nesting is parsed without recursion under a depth cap.
 */
import { ByteReader } from './byte-reader.js';
import {
  MAGIC, MAX_CLIENTS, MAX_CLIENT_IO, MAX_CONSTANTS, MAX_FUNCTIONS, MAX_INSTRUCTIONS, MAX_READ_VERSION,
  MAX_STRING_BYTES, MAX_TYPE_DEPTH, MIN_SIZE, SHARE_TAG, SINCE, TYPE_TAG,
} from './format.js';
import {
  MPC_BACKENDS, MPC_CURVES, OPCODES,
  type ClientSchema, type Constant, type FunctionRecord, type FunctionType, type Instruction, type Label,
  type Manifest, type MpcBackend, type MpcCurve, type Opcode, type PreprocessingDemand, type Program, type ShareType,
} from './model.js';

export function readProgram(bytes: Uint8Array): Program {
  const r = new ByteReader(bytes);
  const version = readHeader(r);

  const constantCount = readCount(r, 'constant count', MAX_CONSTANTS, MIN_SIZE.constant);
  const constants: Constant[] = [];
  for (let i = 0; i < constantCount; i++) constants.push(readConstant(r));

  const minFunction = version >= SINCE.functionTypes ? MIN_SIZE.functionV5 : MIN_SIZE.functionV1;
  const functionCount = readCount(r, 'function count', MAX_FUNCTIONS, minFunction);
  const functions: FunctionRecord[] = [];
  for (let i = 0; i < functionCount; i++) {
    r.context.functionIndex = i;
    functions.push(readFunction(r, version));
    delete r.context.function;
    delete r.context.instruction;
  }
  delete r.context.functionIndex;

  const manifest = version >= SINCE.manifest ? readManifest(r, version) : null;
  // A plain copy, so the model never aliases the caller's buffer (a Node Buffer's slice would).
  return { version, constants, functions, manifest, trailing: Uint8Array.from(bytes.subarray(r.pos)) };
}

function readHeader(r: ByteReader): number {
  const magic = r.bytesOf(4, 'magic bytes');
  if (MAGIC.some((b, i) => magic[i] !== b)) {
    const found = Array.from(magic, (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw r.error('InvalidMagicBytes', 'InvalidMagicBytes', 0, `expected 53 54 46 4c ("STFL"), found ${found}`);
  }
  const version = r.u16('format version');
  if (version > MAX_READ_VERSION) {
    throw r.error('UnsupportedVersion', `UnsupportedVersion(${version})`, 4,
      `this reader supports format versions 0 to ${MAX_READ_VERSION}`);
  }
  return version;
}

/** A u32 count: official limit first (as the reference checks it), then whether it can fit at all. */
function readCount(r: ByteReader, field: string, max: number, minEach: number): number {
  const at = r.pos;
  const count = r.u32(field);
  if (count > max) throw r.invalid(`${field} ${count} exceeds maximum supported ${max}`, at);
  r.checkFits(count, minEach, field, at);
  return count;
}

/** A u16 count (its limit is the field width): only whether it can fit. */
function readCount16(r: ByteReader, field: string, minEach: number): number {
  const at = r.pos;
  const count = r.u16(field);
  r.checkFits(count, minEach, field, at);
  return count;
}

function readConstant(r: ByteReader): Constant {
  const at = r.pos;
  const tag = r.u8('constant tag');
  switch (tag) {
    case 0: return { kind: 'unit' };
    case 1: return { kind: 'i64', value: r.i64('i64 constant') };
    case 2: return { kind: 'i32', value: r.i32('i32 constant') };
    case 3: return { kind: 'i16', value: r.i16('i16 constant') };
    case 4: return { kind: 'i8', value: r.i8('i8 constant') };
    case 5: return { kind: 'u8', value: r.u8('u8 constant') };
    case 6: return { kind: 'u16', value: r.u16('u16 constant') };
    case 7: return { kind: 'u32', value: r.u32('u32 constant') };
    case 8: return { kind: 'u64', value: r.u64('u64 constant') };
    case 9: return { kind: 'float', bits: r.u64('float constant') };
    case 10: return { kind: 'bool', byte: r.u8('bool constant') };
    case 11: {
      const lenAt = r.pos;
      const len = r.u32('string length');
      if (len > MAX_STRING_BYTES) {
        throw r.invalid(`string length ${len} exceeds maximum supported ${MAX_STRING_BYTES}`, lenAt);
      }
      return { kind: 'string', value: r.utf8(len, 'string constant', 'Invalid UTF-8 in string') };
    }
    default:
      throw r.invalid(`Unknown value type tag: ${tag}`, at);
  }
}

function readFunction(r: ByteReader, version: number): FunctionRecord {
  const name = r.str16('function name', 'Invalid UTF-8 in function name');
  r.context.function = name;
  const registerCount = r.u16('register count');

  const paramCount = readCount16(r, 'parameter count', MIN_SIZE.str16);
  const paramNames: string[] = [];
  for (let i = 0; i < paramCount; i++) paramNames.push(r.str16('parameter name', 'Invalid UTF-8 in parameter name'));

  let types: { paramTypes: FunctionType[]; returnType: FunctionType } | undefined;
  if (version >= SINCE.functionTypes) {
    const at = r.pos;
    const typeCount = r.u16('parameter type count');
    if (typeCount !== paramCount) {
      throw r.invalid(`function '${name}' declares ${paramCount} parameter name(s) but ${typeCount} parameter type(s)`, at);
    }
    r.checkFits(typeCount, MIN_SIZE.functionType, 'parameter type count', at);
    const paramTypes: FunctionType[] = [];
    for (let i = 0; i < typeCount; i++) paramTypes.push(readFunctionType(r));
    types = { paramTypes, returnType: readFunctionType(r) };
  }

  const upvalueCount = readCount16(r, 'upvalue count', MIN_SIZE.str16);
  const upvalueNames: string[] = [];
  for (let i = 0; i < upvalueCount; i++) upvalueNames.push(r.str16('upvalue name', 'Invalid UTF-8 in upvalue name'));

  const flagAt = r.pos;
  const hasParent = r.u8('parent presence flag');
  if (hasParent > 1) throw r.invalid(`Invalid parent presence flag: ${hasParent}`, flagAt);
  const parent = hasParent === 1 ? r.str16('parent function name', 'Invalid UTF-8 in parent function name') : null;

  const labelCount = readCount16(r, 'label count', MIN_SIZE.label);
  const labels: Label[] = [];
  for (let i = 0; i < labelCount; i++) {
    const labelName = r.str16('label name', 'Invalid UTF-8 in label name');
    labels.push({ name: labelName, target: r.u32('label offset') });
  }

  const instructionCount = readCount(r, 'instruction count', MAX_INSTRUCTIONS, MIN_SIZE.instruction);
  const instructions: Instruction[] = [];
  for (let i = 0; i < instructionCount; i++) {
    r.context.instruction = i;
    instructions.push(readInstruction(r));
  }

  return {
    name,
    registerCount,
    paramNames,
    ...types,
    upvalueNames,
    parent,
    labels,
    instructions,
  };
}

const REG = 'register operand';
const SLOT = 'spill slot operand';

function readInstruction(r: ByteReader): Instruction {
  const at = r.pos;
  const code = r.u8('opcode');
  const op: Opcode | undefined = OPCODES[code];
  switch (op) {
    case 'LD': return { op, dst: r.u32(REG), offset: r.i32('LD stack offset') };
    case 'LDI': return { op, dst: r.u32(REG), index: r.u32('LDI constant index') };
    case 'MOV':
    case 'NOT':
      return { op, dst: r.u32(REG), src: r.u32(REG) };
    case 'ADD': case 'SUB': case 'MUL': case 'DIV': case 'MOD':
    case 'AND': case 'OR': case 'XOR': case 'SHL': case 'SHR':
      return { op, dst: r.u32(REG), lhs: r.u32(REG), rhs: r.u32(REG) };
    case 'JMP': case 'JMPEQ': case 'JMPNEQ': case 'JMPLT': case 'JMPGT':
      return { op, label: r.str16('jump label', 'Invalid UTF-8 in label') };
    case 'CALL': return { op, name: r.str16('CALL function name', 'Invalid UTF-8 in function name') };
    case 'RET':
    case 'PUSHARG':
      return { op, src: r.u32(REG) };
    case 'CMP': return { op, lhs: r.u32(REG), rhs: r.u32(REG) };
    case 'NOP': return { op };
    case 'LDS': return { op, dst: r.u32(REG), slot: r.u32(SLOT) };
    case 'STS': return { op, slot: r.u32(SLOT), src: r.u32(REG) };
    case undefined:
      throw r.invalid(`Unknown opcode: ${code}`, at);
  }
}

/** A FunctionType constructor still waiting for its operands. */
type PendingType =
  | { readonly tag: 'secret' | 'list' }
  | { readonly tag: 'dict'; key?: FunctionType }
  | { readonly tag: 'generic'; readonly name: string; readonly count: number; readonly params: FunctionType[] };

/** Parses one FunctionType with an explicit stack, so a hostile file cannot exhaust the call stack. */
function readFunctionType(r: ByteReader): FunctionType {
  const pending: PendingType[] = [];
  const open = (p: PendingType, at: number): void => {
    if (pending.length >= MAX_TYPE_DEPTH) {
      throw r.invalid(`function type nesting exceeds maximum supported depth ${MAX_TYPE_DEPTH}`, at);
    }
    pending.push(p);
  };
  for (;;) {
    const at = r.pos;
    const tag = r.u8('function type tag');
    let done: FunctionType | undefined;
    switch (tag) {
      case TYPE_TAG.int: {
        const signedByte = r.u8('int type signedness');
        const bits = r.u8('int type bit width');
        if (bits === 0) throw r.invalid('integer function type bit width must be non-zero', at);
        done = { tag: 'int', signedByte, bits };
        break;
      }
      case TYPE_TAG.float: done = { tag: 'float' }; break;
      case TYPE_TAG.string: done = { tag: 'string' }; break;
      case TYPE_TAG.bool: done = { tag: 'bool' }; break;
      case TYPE_TAG.nil: done = { tag: 'nil' }; break;
      case TYPE_TAG.void: done = { tag: 'void' }; break;
      case TYPE_TAG.unknown: done = { tag: 'unknown' }; break;
      case TYPE_TAG.secret: open({ tag: 'secret' }, at); break;
      case TYPE_TAG.list: open({ tag: 'list' }, at); break;
      case TYPE_TAG.dict: open({ tag: 'dict' }, at); break;
      case TYPE_TAG.object:
        done = { tag: 'object', name: r.str16('function type object name', 'Invalid UTF-8 in function type object name') };
        break;
      case TYPE_TAG.generic: {
        const name = r.str16('function generic type name', 'Invalid UTF-8 in function generic type name');
        const count = readCount16(r, 'function generic parameter count', MIN_SIZE.functionType);
        if (count === 0) done = { tag: 'generic', name, params: [] };
        else open({ tag: 'generic', name, count, params: [] }, at);
        break;
      }
      case TYPE_TAG.typevar:
        done = { tag: 'typevar', name: r.str16('function type variable name', 'Invalid UTF-8 in function type variable name') };
        break;
      case TYPE_TAG.fixed64: done = { tag: 'fixed', bits: 64, short: true }; break;
      case TYPE_TAG.fixed: {
        const bits = r.u8('fixed-point type bit width');
        if (bits === 0) throw r.invalid('fixed-point function type bit width must be non-zero', at);
        done = { tag: 'fixed', bits, short: false };
        break;
      }
      default:
        throw r.invalid(`unknown function type tag ${tag}`, at);
    }
    // Hand the finished type to the innermost open constructor; close every constructor it completes.
    while (done !== undefined) {
      const top = pending[pending.length - 1];
      if (top === undefined) return done;
      const child: FunctionType = done;
      done = undefined;
      switch (top.tag) {
        case 'secret':
        case 'list':
          pending.pop();
          done = { tag: top.tag, inner: child };
          break;
        case 'dict':
          if (top.key === undefined) {
            top.key = child;
          } else {
            pending.pop();
            done = { tag: 'dict', key: top.key, value: child };
          }
          break;
        case 'generic':
          top.params.push(child);
          if (top.params.length === top.count) {
            pending.pop();
            done = { tag: 'generic', name: top.name, params: top.params };
          }
          break;
      }
    }
  }
}

function readManifest(r: ByteReader, version: number): Manifest {
  let backend: MpcBackend | undefined;
  if (version >= SINCE.backend) {
    const at = r.pos;
    const tag = r.u8('MPC backend tag');
    backend = MPC_BACKENDS[tag];
    if (backend === undefined) throw r.invalid(`unknown MPC backend tag ${tag} in IO manifest`, at);
  }
  let curve: MpcCurve | undefined;
  if (version >= SINCE.curve) {
    const at = r.pos;
    const tag = r.u8('MPC curve tag');
    curve = MPC_CURVES[tag];
    if (curve === undefined) throw r.invalid(`unknown MPC curve tag ${tag} in IO manifest`, at);
  }

  const clientCount = readCount(r, 'client IO schema count', MAX_CLIENTS, MIN_SIZE.client);
  const clients: ClientSchema[] = [];
  for (let i = 0; i < clientCount; i++) {
    const slot = r.u64('client slot');
    const inputs = readShareTypes(r, 'client IO input count');
    const outputs = readShareTypes(r, 'client IO output count');
    clients.push({ slot, inputs, outputs });
  }

  let demand: PreprocessingDemand | undefined;
  if (version >= SINCE.demand) {
    demand = {
      triples: r.u64('demand: triples'),
      randoms: r.u64('demand: randoms'),
      prandbits: r.u64('demand: prandbits'),
      prandints: r.u64('demand: prandints'),
      dynamic: r.u8('demand: dynamic flag'),
    };
  }
  return {
    ...(backend !== undefined ? { backend } : {}),
    ...(curve !== undefined ? { curve } : {}),
    clients,
    ...(demand !== undefined ? { demand } : {}),
  };
}

function readShareTypes(r: ByteReader, field: string): ShareType[] {
  const count = readCount(r, field, MAX_CLIENT_IO, MIN_SIZE.shareType);
  const out: ShareType[] = [];
  for (let i = 0; i < count; i++) out.push(readShareType(r));
  return out;
}

function readShareType(r: ByteReader): ShareType {
  const at = r.pos;
  const tag = r.u8('share type tag');
  switch (tag) {
    case SHARE_TAG.int:
    case SHARE_TAG.uint: {
      const bits = r.u32('share type bit length');
      const label = tag === SHARE_TAG.int ? 'SecretInt' : 'SecretUInt';
      if (bits === 0) throw r.invalid(`invalid ${label} metadata in IO manifest: bit_length must be a positive integer`, at);
      return { kind: tag === SHARE_TAG.int ? 'int' : 'uint', bits };
    }
    case SHARE_TAG.fixed: {
      const totalBits = r.u32('fixed-point total bits');
      const fracBits = r.u32('fixed-point fractional bits');
      const prefix = 'invalid SecretFixedPoint metadata in IO manifest: ';
      if (totalBits === 0) throw r.invalid(`${prefix}total_bits must be a positive integer`, at);
      if (fracBits >= totalBits) throw r.invalid(`${prefix}frac_bits must be less than total_bits`, at);
      return { kind: 'fixed', totalBits, fracBits };
    }
    default:
      throw r.invalid(`unknown ShareType tag ${tag} in IO manifest`, at);
  }
}
