/**
 * What a hook callback may inspect (hooks.md §4): a read-only view of the live frames, shared by the
 * reference interpreter and instrumented compiled modules.
 */
import type { HookInstruction, HookRegister } from '../hooks.js';
import type { NOT_FOUND } from '../host.js';
import type { Value } from '../values.js';

/** Compare flag as `-1` (Less), `0` (Equal), `1` (Greater). */
export type CompareFlag = -1 | 0 | 1;

/** The instruction being executed: set before `BeforeInstructionExecute`, re-synced to the caller's CALL on return. */
export interface InstructionCursor {
  readonly function: string;
  readonly index: number;
}

/** One live activation frame. */
export interface FrameView {
  readonly functionName: string;
  readonly registerCount: number;
  /** The register id of absolute index `i`, or undefined when the frame has no such register. */
  hookRegister(i: number): HookRegister | undefined;
  /** Value of absolute register `i` (undefined also for a missing register; check `registerCount`). */
  registerValue(i: number): Value;
  /** The parameter snapshot (`locals`): the argument bound to `name` at call time. */
  localValue(name: string): Value | typeof NOT_FOUND;
  /** The last upvalue entry named `name`. */
  upvalueValue(name: string): Value | typeof NOT_FOUND;
  readonly stackLength: number;
  /** Argument-stack value at `i` (0 = bottom). */
  stackValue(i: number): Value;
  readonly compareFlag: CompareFlag;
}

export interface HookContext {
  /** Number of live frames. */
  callDepth(): number;
  /** Name of the top frame's function, or undefined with no frame. */
  currentFunctionName(): string | undefined;
  currentFrame(): FrameView | undefined;
  /** All frames, oldest (entry) first. */
  frames(): FrameView[];
  currentInstructionCursor(): InstructionCursor | undefined;
  /** The cursor's index, or 0 when there is no cursor. */
  currentInstructionIndex(): number;
  /** The top frame's compare flag (0 with no frame). */
  compareFlag(): CompareFlag;
  /** Value of a register of the top frame. */
  registerValue(i: number): Value;
  /** A function's instruction as events show it, or undefined when out of range / unknown. */
  instructionAt(fn: string, index: number): HookInstruction | undefined;
}

/** The register id of absolute index `i` (bank boundary 16, semantics.md §4). */
export function hookRegister(i: number): HookRegister {
  return i < SECRET_REGISTER_BASE
    ? { index: i, bank: 'clear', bankIndex: i }
    : { index: i, bank: 'secret', bankIndex: i - SECRET_REGISTER_BASE };
}

/** First secret register (the default bank boundary used by `stoffel-run` and the compiler). */
export const SECRET_REGISTER_BASE = 16;
