/** One activation frame of the reference interpreter (semantics.md §1). */
import type { CompareFlag } from '../../runtime/hooks/context.js';
import type { CallTarget } from '../../runtime/hooks.js';
import type { Value, VmClosure } from '../../runtime/values.js';
import type { Instruction } from '../bytecode/model.js';
import type { LoadedFunction } from '../bytecode/loaded.js';

export interface Frame {
  readonly fn: LoadedFunction;
  readonly code: readonly Instruction[];
  /** Registers r0..r(frameSize-1), all Unit initially. */
  readonly regs: Value[];
  /** The argument stack; a CALL replaces it with a fresh empty one after draining. */
  stack: Value[];
  /** Spill slots written so far (sparse: a huge slot index costs nothing; unwritten slots read Unit). */
  spill: Map<number, Value> | null;
  flag: CompareFlag;
  /** Index of the next instruction. */
  ip: number;
  /** Parameter snapshot: names → arguments as passed (never updated). */
  readonly locals: ReadonlyMap<string, Value>;
  /** Captured upvalues, a per-frame copy (set_upvalue edits it in place). */
  readonly upvalues: [string, Value][];
  /** The closure instance the frame was entered through (call_closure), else null. */
  closure: VmClosure | null;
}

/** How a returning frame is identified in `AfterFunctionCall`. */
export function frameTarget(f: Frame): CallTarget {
  return f.closure
    ? { kind: 'closure', name: f.fn.name, closure: f.closure }
    : { kind: 'function', name: f.fn.name };
}
