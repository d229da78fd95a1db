/**
 * The program model: a faithful, typed picture of one STFL file (`.stflb` / `.stfbin`).
 *
 * It keeps everything needed to write the same bytes back (raw float bits, raw bool bytes, label lists
 * in file order with duplicates, duplicate function records, trailing bytes), so the reader, writer,
 * assembler and disassembler all share it. Execution-ready data (resolved jumps, frame sizes,
 * de-duplicated functions) lives in `LoadedProgram` (see `load.ts`), derived from this model.
 */

import type { ShareType } from '../../runtime/values.js';

/** Highest format version this project reads and writes (the official compiler's current one). */
export const FORMAT_VERSION = 9;

/** A constant-pool entry. Integer kinds stay distinct even when numerically equal. */
export type Constant =
  | { readonly kind: 'unit' }
  | { readonly kind: 'i64'; readonly value: bigint }
  | { readonly kind: 'u64'; readonly value: bigint }
  | { readonly kind: 'i32' | 'i16' | 'i8' | 'u8' | 'u16' | 'u32'; readonly value: number }
  /** Raw IEEE-754 bit pattern (unsigned 64-bit), so NaN payloads and -0 survive a round trip. */
  | { readonly kind: 'float'; readonly bits: bigint }
  /** Raw byte as stored: any non-zero byte means true. */
  | { readonly kind: 'bool'; readonly byte: number }
  | { readonly kind: 'string'; readonly value: string };

export type ConstantKind = Constant['kind'];

/** Constant-pool tags in file order (tag = index). */
export const CONSTANT_TAGS: readonly ConstantKind[] = [
  'unit', 'i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64', 'float', 'bool', 'string',
];

export type BinaryOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR' | 'SHL' | 'SHR';
export type JumpOp = 'JMP' | 'JMPEQ' | 'JMPNEQ' | 'JMPLT' | 'JMPGT';

/** One instruction. Register, constant and slot operands are u32; the LD offset is i32. */
export type Instruction =
  | { readonly op: 'LD'; readonly dst: number; readonly offset: number }
  | { readonly op: 'LDI'; readonly dst: number; readonly index: number }
  | { readonly op: 'MOV'; readonly dst: number; readonly src: number }
  | { readonly op: BinaryOp; readonly dst: number; readonly lhs: number; readonly rhs: number }
  | { readonly op: 'NOT'; readonly dst: number; readonly src: number }
  | { readonly op: JumpOp; readonly label: string }
  | { readonly op: 'CALL'; readonly name: string }
  | { readonly op: 'RET'; readonly src: number }
  | { readonly op: 'PUSHARG'; readonly src: number }
  | { readonly op: 'CMP'; readonly lhs: number; readonly rhs: number }
  | { readonly op: 'NOP' }
  | { readonly op: 'LDS'; readonly dst: number; readonly slot: number }
  | { readonly op: 'STS'; readonly slot: number; readonly src: number };

export type Opcode = Instruction['op'];

/** Opcode bytes in file order (byte = index). */
export const OPCODES: readonly Opcode[] = [
  'LD', 'LDI', 'MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'NOT', 'SHL', 'SHR',
  'JMP', 'JMPEQ', 'JMPNEQ', 'CALL', 'RET', 'PUSHARG', 'CMP', 'JMPLT', 'JMPGT', 'NOP', 'LDS', 'STS',
];

/** Source-level type metadata (format v5+). Never consulted at run time. */
export type FunctionType =
  /** `signedByte` is the raw byte (non-zero = signed), kept for exact round trips. */
  | { readonly tag: 'int'; readonly signedByte: number; readonly bits: number }
  | { readonly tag: 'float' | 'string' | 'bool' | 'nil' | 'void' | 'unknown' }
  | { readonly tag: 'secret' | 'list'; readonly inner: FunctionType }
  | { readonly tag: 'dict'; readonly key: FunctionType; readonly value: FunctionType }
  | { readonly tag: 'object' | 'typevar'; readonly name: string }
  | { readonly tag: 'generic'; readonly name: string; readonly params: readonly FunctionType[] }
  /** `short` = written with tag 13 (the writer's form for 64 bits); otherwise tag 14 with a width byte. */
  | { readonly tag: 'fixed'; readonly bits: number; readonly short: boolean };

export interface Label {
  readonly name: string;
  /** Instruction index in 0..=instruction count (equal to the count means "end of function"). */
  readonly target: number;
}

/** One function record exactly as stored. */
export interface FunctionRecord {
  readonly name: string;
  /** As declared in the file (often compact); the VM normalizes it, see `frameSize` in load.ts. */
  readonly registerCount: number;
  readonly paramNames: readonly string[];
  /** Present in format v5+ only. */
  readonly paramTypes?: readonly FunctionType[];
  readonly returnType?: FunctionType;
  readonly upvalueNames: readonly string[];
  readonly parent: string | null;
  /** In file order, duplicates kept (a later duplicate wins at load time). */
  readonly labels: readonly Label[];
  readonly instructions: readonly Instruction[];
}

export type MpcBackend = 'honeybadger' | 'avss';
export const MPC_BACKENDS: readonly MpcBackend[] = ['honeybadger', 'avss'];

export type MpcCurve = 'bls12-381' | 'bn254' | 'curve25519' | 'ed25519' | 'secp256k1' | 'p-256';
export const MPC_CURVES: readonly MpcCurve[] = ['bls12-381', 'bn254', 'curve25519', 'ed25519', 'secp256k1', 'p-256'];

/** Share types in the client-IO manifest use the runtime's `ShareType` (a secret bool is `int` with 1 bit). */
export type { ShareType };

export interface ClientSchema {
  /** u64 client slot. */
  readonly slot: bigint;
  readonly inputs: readonly ShareType[];
  readonly outputs: readonly ShareType[];
}

export interface PreprocessingDemand {
  readonly triples: bigint;
  readonly randoms: bigint;
  readonly prandbits: bigint;
  readonly prandints: bigint;
  /** Raw byte; non-zero means dynamic. */
  readonly dynamic: number;
}

/** The MPC manifest (format v2+). Fields absent in older versions are undefined. */
export interface Manifest {
  readonly backend?: MpcBackend;
  readonly curve?: MpcCurve;
  readonly clients: readonly ClientSchema[];
  readonly demand?: PreprocessingDemand;
}

/** One STFL file. */
export interface Program {
  readonly version: number;
  readonly constants: readonly Constant[];
  readonly functions: readonly FunctionRecord[];
  /** Present iff version >= 2. */
  readonly manifest: Manifest | null;
  /** Bytes after the last section: ignored by the VM, kept so a round trip is exact. */
  readonly trailing: Uint8Array;
}
