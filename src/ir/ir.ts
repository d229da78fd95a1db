/**
 * The compiler's intermediate representation: one SSA function per bytecode function.
 *
 * Shape
 * - A function is a list of basic blocks; `blocks[0]` is the entry, whose parameters are the call's
 *   arguments (in order) and which no edge may target.
 * - SSA values are numbered (`v12`); each is defined exactly once, by a block parameter or an instruction.
 *   Block parameters play the role of phis: every edge passes one argument per parameter of its target.
 * - Instructions run in order; any of them may throw a `VmError` unless the optimizer proved otherwise,
 *   so passes never reorder instructions and delete only those that cannot throw (see `mayThrow`).
 * - A block ends with exactly one terminator (jump, two-way branch, return, or a known error).
 * - `pos` on instructions and terminators is the bytecode instruction index they came from (-1: synthetic);
 *   the emitter turns it into source-map positions.
 *
 * Values are VM values (runtime/values.ts) plus one compiler-only kind: a compare *flag* (-1, 0, 1),
 * produced by `cmp` and read by `br`. Secret-value operations are never visible as such: share operands
 * reach the runtime ops opaquely and no pass evaluates an instruction whose operands are not constants.
 */
import type { IntKind } from '../../runtime/values.js';

export type ValueId = number;

/** A literal: a constant-pool value, or a compare flag. Floats keep their raw bits. */
export type Lit =
  | { readonly kind: 'unit' }
  | { readonly kind: 'i64'; readonly value: bigint }
  | { readonly kind: 'int'; readonly int: IntKind; readonly value: bigint }
  | { readonly kind: 'float'; readonly bits: bigint }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'flag'; readonly value: -1 | 0 | 1 };

export type BinOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'and' | 'or' | 'xor' | 'shl' | 'shr';
export const BIN_OPS: readonly BinOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'shl', 'shr'];

/** Branch conditions on a compare flag (`JMPEQ`, `JMPNEQ`, `JMPLT`, `JMPGT`). */
export type Cond = 'eq' | 'ne' | 'lt' | 'gt';
export const CONDS: readonly Cond[] = ['eq', 'ne', 'lt', 'gt'];

interface InstBase {
  /** The defined value, or -1 for instructions that define nothing (`push`). */
  dst: ValueId;
  /** Operand values, in the order the operation reads them. */
  args: ValueId[];
  pos: number;
}

/**
 * Instructions. Operand counts are fixed per op except for `call` (any number).
 * - `const`: a literal.
 * - `copy a`: the same value (introduced by passes; removed by copy propagation).
 * - `add … shr a b`, `not a`: the VM instruction, exact (may throw the VM's errors).
 * - `cmp a b`: the compare flag of `a` against `b` (throws `Cannot compare …`).
 * - `call name args…`: `CALL name` with the drained argument stack; defines the caller's new r0.
 *   `direct` = bound at compile time to the program function `name`; otherwise resolved when the module is
 *   linked to a run (builtins, host functions) and, failing that, raising the VM's error when executed.
 * - `callstack name`: the same, in functions whose argument stack is kept at run time (see `push`).
 * - `push a`, `ldstack`: `PUSHARG` / `LD` on a run-time argument stack (functions whose stack height is not
 *   the same on every path to a point).
 * - `tosecret a` (`reg`): the bank rule for writing `a` into secret register `reg` (semantics.md §4.1).
 * - `movbank a` (`dstReg`, `srcReg`): a `MOV` that involves a secret register (semantics.md §4.2).
 * - `mark`, `refresh m a`: closure-instance propagation for programs that use `set_upvalue`: `mark` reads the
 *   position in the run's closure-replacement log before a call, `refresh` re-reads a register's closure after it.
 */
export type Inst = InstBase &
  (
    | { op: 'const'; lit: Lit }
    | { op: 'copy' }
    | { op: BinOp }
    | { op: 'not' }
    | { op: 'cmp' }
    | { op: 'call'; name: string; direct: boolean }
    | { op: 'callstack'; name: string; direct: boolean }
    | { op: 'push' }
    | { op: 'ldstack'; offset: number }
    | { op: 'tosecret'; reg: number }
    | { op: 'movbank'; dstReg: number; srcReg: number }
    | { op: 'mark' }
    | { op: 'refresh' }
  );

export type Op = Inst['op'];

/** A control-flow edge with the values passed to the target's parameters. */
export interface Edge {
  block: number;
  args: ValueId[];
}

export type Term =
  | { op: 'jump'; to: Edge; pos: number }
  /** Branch on a flag value (`args = [flag]`). */
  | { op: 'br'; cond: Cond; args: ValueId[]; then: Edge; else: Edge; pos: number }
  /** Fused `cmp` + branch (`args = [a, b]`); may throw like `cmp`. */
  | { op: 'brcmp'; cond: Cond; args: ValueId[]; then: Edge; else: Edge; pos: number }
  | { op: 'ret'; args: ValueId[]; pos: number }
  /** An error known at compile time (e.g. `LD` out of range); raised when reached. */
  | { op: 'throw'; message: string; pos: number };

export interface Block {
  /** Equal to the block's index in `IrFunction.blocks`. */
  id: number;
  /**
   * The bytecode instructions [start, end) this block executes, when lifted from bytecode (absent for the
   * synthetic entry and for IR read from text). Used for exact instruction counting; not printed.
   */
  range?: readonly [number, number];
  params: ValueId[];
  insts: Inst[];
  term: Term;
}

export interface IrFunction {
  /** The bytecode function's name. */
  name: string;
  /** Number of parameters (= entry block parameters). */
  arity: number;
  blocks: Block[];
  /** Values are numbered 0 .. valueCount-1 (some may be unused after passes). */
  valueCount: number;
}

/** Successor edges of a terminator. */
export function successors(t: Term): Edge[] {
  switch (t.op) {
    case 'jump':
      return [t.to];
    case 'br':
    case 'brcmp':
      return [t.then, t.else];
    default:
      return [];
  }
}

/** Operand values read by a terminator (edge arguments excluded). */
export function termArgs(t: Term): ValueId[] {
  return t.op === 'throw' || t.op === 'jump' ? [] : t.args;
}

/** Expected operand count per op (`undefined`: any). */
export function arityOf(op: Op): number | undefined {
  switch (op) {
    case 'const':
    case 'ldstack':
    case 'mark':
    case 'callstack':
      return 0;
    case 'copy':
    case 'not':
    case 'push':
    case 'tosecret':
    case 'movbank':
      return 1;
    case 'call':
      return undefined;
    default:
      return 2;
  }
}

/** Allocates a fresh value id. */
export function newValue(fn: IrFunction): ValueId {
  return fn.valueCount++;
}

export const UNIT: Lit = { kind: 'unit' };
