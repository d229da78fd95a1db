/**
 * Load-time validation and linking (bytecode-format.md §7, semantics.md §3, decisions.md):
 * the program model becomes a `LoadedProgram` with runtime constants, resolved jumps, normalized frame
 * sizes and de-duplicated functions.
 *
 * Checks run in the reference order: first the streaming checks of §7.1–7.3 over every record in file
 * order (constant references, referenced labels, duplicate records), then registration against the
 * builtin names (§7.5), so a file failing both reports the former, as `stoffel-run` does.
 */
import { RESERVED_NAMES } from '../../runtime/builtins/names.js';
import { constantValue } from './constant-value.js';
import { BytecodeError } from './errors.js';
import { DEFAULT_BACKEND, DEFAULT_CURVE } from './format.js';
import type { LoadedFunction, LoadedProgram } from './loaded.js';
import type { FunctionRecord, FunctionType, Instruction, Program } from './model.js';
import { readProgram } from './reader.js';

export interface LinkOptions {
  /** Names a program function may not take (default: every builtin the official VM registers). */
  readonly reservedNames?: ReadonlySet<string>;
}

export function linkProgram(program: Program, options: LinkOptions = {}): LoadedProgram {
  const reserved = options.reservedNames ?? RESERVED_NAMES;
  const constantCount = program.constants.length;
  const functions = new Map<string, LoadedFunction>();
  const labelMaps = new Map<string, ReadonlyMap<string, number>>();

  program.functions.forEach((record, index) => {
    const labels = labelMap(record);
    const jumpTargets = resolveJumps(record, labels, constantCount, index);
    const earlier = functions.get(record.name);
    if (earlier !== undefined) {
      if (!sameRecord(earlier.record, labelMaps.get(record.name)!, record, labels)) {
        throw new BytecodeError('InvalidData', `duplicate function '${record.name}' has conflicting definitions`, {
          function: record.name, functionIndex: index, locationInMessage: false,
        });
      }
      return; // an identical later record is skipped
    }
    labelMaps.set(record.name, labels);
    functions.set(record.name, {
      name: record.name,
      record,
      frameSize: frameSize(record),
      arity: record.paramNames.length,
      jumpTargets,
    });
  });

  for (const name of functions.keys()) {
    if (reserved.has(name)) {
      throw new BytecodeError('Registration', `Function '${name}' is already registered`, {
        function: name, locationInMessage: false,
      });
    }
  }

  return {
    program,
    constants: program.constants.map(constantValue),
    functions,
    backend: program.manifest?.backend ?? DEFAULT_BACKEND,
    curve: program.manifest?.curve ?? DEFAULT_CURVE,
  };
}

/** Reads and links in one call. */
export function loadProgramBytes(bytes: Uint8Array, options: LinkOptions = {}): LoadedProgram {
  return linkProgram(readProgram(bytes), options);
}

/** A record's label table: name -> instruction index, a later duplicate replacing an earlier one. */
export function labelMap(record: FunctionRecord): Map<string, number> {
  const map = new Map<string, number>();
  for (const label of record.labels) map.set(label.name, label.target);
  return map;
}

/**
 * The VM's frame size: max(register count, 1, parameter count, highest register operand + 1).
 * `LDS`/`STS` register operands count; their slot operands and `LDI` constant indices do not.
 */
export function frameSize(record: FunctionRecord): number {
  let size = Math.max(record.registerCount, 1, record.paramNames.length);
  for (const ins of record.instructions) {
    const highest = highestRegister(ins);
    if (highest >= size) size = highest + 1;
  }
  return size;
}

/** The highest register operand of an instruction, or -1 if it has none. */
export function highestRegister(ins: Instruction): number {
  switch (ins.op) {
    case 'LD': case 'LDI': case 'LDS': return ins.dst;
    case 'MOV': case 'NOT': return Math.max(ins.dst, ins.src);
    case 'ADD': case 'SUB': case 'MUL': case 'DIV': case 'MOD':
    case 'AND': case 'OR': case 'XOR': case 'SHL': case 'SHR':
      return Math.max(ins.dst, ins.lhs, ins.rhs);
    case 'RET': case 'PUSHARG': case 'STS': return ins.src;
    case 'CMP': return Math.max(ins.lhs, ins.rhs);
    case 'JMP': case 'JMPEQ': case 'JMPNEQ': case 'JMPLT': case 'JMPGT': case 'CALL': case 'NOP':
      return -1;
  }
}

/**
 * Checks constant references and the labels jumps use (decisions.md: a label nothing uses may point
 * anywhere) and returns each instruction's jump target, -1 for non-jumps.
 */
function resolveJumps(
  record: FunctionRecord,
  labels: ReadonlyMap<string, number>,
  constantCount: number,
  functionIndex: number,
): Int32Array {
  const fn = record.name;
  const count = record.instructions.length;
  const targets = new Int32Array(count).fill(-1);
  record.instructions.forEach((ins, i) => {
    const where = { function: fn, functionIndex, instruction: i, locationInMessage: false };
    switch (ins.op) {
      case 'LDI':
        if (ins.index >= constantCount) {
          throw new BytecodeError('InvalidData',
            `Function ${fn} instruction ${i} references constant ${ins.index} but constant pool has ${constantCount} values`,
            where);
        }
        break;
      case 'JMP': case 'JMPEQ': case 'JMPNEQ': case 'JMPLT': case 'JMPGT': {
        const target = labels.get(ins.label);
        if (target === undefined) {
          throw new BytecodeError('InvalidData', `Function ${fn} references unknown label '${ins.label}'`, where);
        }
        if (target > count) {
          throw new BytecodeError('InvalidData',
            `Function ${fn} label '${ins.label}' points past the instruction stream: ${target} > ${count}`, where);
        }
        targets[i] = target;
        break;
      }
      default:
        break;
    }
  });
  return targets;
}

/**
 * The reference's "identical record" test for duplicate names: every field equal, labels compared as a
 * map, types compared by meaning (a signedness byte is a bool; tag 13 and tag 14 with 64 bits are the same).
 */
function sameRecord(
  a: FunctionRecord, aLabels: ReadonlyMap<string, number>,
  b: FunctionRecord, bLabels: ReadonlyMap<string, number>,
): boolean {
  return a.name === b.name
    && a.registerCount === b.registerCount
    && sameList(a.paramNames, b.paramNames, (x, y) => x === y)
    && sameOptional(a.paramTypes, b.paramTypes, (x, y) => sameList(x, y, sameType))
    && sameOptional(a.returnType, b.returnType, sameType)
    && sameList(a.upvalueNames, b.upvalueNames, (x, y) => x === y)
    && a.parent === b.parent
    && aLabels.size === bLabels.size
    && [...aLabels].every(([name, target]) => bLabels.get(name) === target)
    && sameList(a.instructions, b.instructions, sameInstruction);
}

function sameList<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => eq(x, b[i]!));
}

function sameOptional<T>(a: T | undefined, b: T | undefined, eq: (x: T, y: T) => boolean): boolean {
  return a === undefined || b === undefined ? a === b : eq(a, b);
}

/** Instructions are flat records of primitives. */
function sameInstruction(a: Instruction, b: Instruction): boolean {
  const ka = Object.keys(a) as (keyof Instruction)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Structural type equality with an explicit stack (types may be deeply nested). */
function sameType(x: FunctionType, y: FunctionType): boolean {
  const work: [FunctionType, FunctionType][] = [[x, y]];
  for (let pair = work.pop(); pair !== undefined; pair = work.pop()) {
    const [a, b] = pair;
    if (a.tag !== b.tag) return false;
    switch (a.tag) {
      case 'int': {
        const o = b as typeof a;
        if ((a.signedByte !== 0) !== (o.signedByte !== 0) || a.bits !== o.bits) return false;
        break;
      }
      case 'fixed':
        if (a.bits !== (b as typeof a).bits) return false;
        break;
      case 'secret':
      case 'list':
        work.push([a.inner, (b as typeof a).inner]);
        break;
      case 'dict': {
        const o = b as typeof a;
        work.push([a.key, o.key], [a.value, o.value]);
        break;
      }
      case 'object':
      case 'typevar':
        if (a.name !== (b as typeof a).name) return false;
        break;
      case 'generic': {
        const o = b as typeof a;
        if (a.name !== o.name || a.params.length !== o.params.length) return false;
        a.params.forEach((p, i) => work.push([p, o.params[i]!]));
        break;
      }
      default:
        break;
    }
  }
  return true;
}
