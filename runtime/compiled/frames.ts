/**
 * Live activation frames as the reference interpreter and instrumented compiled builds both keep them
 * (semantics.md §1): dynamic upvalue capture, get/set_upvalue with closure replacement (§7.7, §4.4), and
 * the read-only views hook callbacks get (hooks.md §4).
 */
import { hookRegister, type CompareFlag, type FrameView, type HookContext, type InstructionCursor } from '../hooks/context.js';
import type { HookInstruction } from '../hooks.js';
import { NOT_FOUND } from '../host.js';
import { VmClosure, type Value } from '../values.js';

export interface VmFrame {
  /** Registers r0..r(frameSize-1). */
  readonly regs: Value[];
  /** The argument stack. */
  readonly stack: readonly Value[];
  readonly flag: CompareFlag;
  /** Parameter snapshot: names -> arguments as passed (never updated). */
  readonly locals: ReadonlyMap<string, Value>;
  /** Captured upvalues, the frame's own copy (set_upvalue edits it in place). */
  readonly upvalues: [string, Value][];
  /** The closure instance the frame was entered through, else null. */
  closure: VmClosure | null;
}

/** Dynamic capture by name: from the top frame down, each frame's parameters, then its upvalues. */
export function captureUpvalue(frames: readonly VmFrame[], name: string): Value | typeof NOT_FOUND {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (f.locals.has(name)) return f.locals.get(name);
    for (const [n, v] of f.upvalues) if (n === name) return v;
  }
  return NOT_FOUND;
}

/** A frame's upvalue (the last matching entry). */
export function upvalueOf(frame: VmFrame | undefined, name: string): Value | typeof NOT_FOUND {
  if (!frame) return NOT_FOUND;
  const ups = frame.upvalues;
  for (let i = ups.length - 1; i >= 0; i--) if (ups[i]![0] === name) return ups[i]![1];
  return NOT_FOUND;
}

/**
 * set_upvalue on the top frame; false when it has no such upvalue. A frame entered through a closure
 * gets a new closure instance, which replaces the old one in every live frame's registers (§4.4).
 */
export function setUpvalue(frames: readonly VmFrame[], name: string, value: Value): boolean {
  const swap = writeUpvalue(frames[frames.length - 1], name, value);
  if (swap === null) return false;
  if (swap !== undefined) {
    const { old, next } = swap;
    for (const fr of frames) {
      const regs = fr.regs;
      for (let k = 0; k < regs.length; k++) if (regs[k] === old) regs[k] = next;
      if (fr.closure === old) fr.closure = next;
    }
  }
  return true;
}

/**
 * The part of set_upvalue every engine shares: updates the last `name` entry of the top frame's upvalues.
 * Returns null when there is no such entry (or no frame), undefined when the frame was not entered
 * through a closure, else the closure instance to replace and its successor.
 */
export function writeUpvalue(
  top: { readonly upvalues: [string, Value][]; readonly closure: VmClosure | null } | undefined,
  name: string,
  value: Value,
): { old: VmClosure; next: VmClosure } | null | undefined {
  if (!top) return null;
  const ups = top.upvalues;
  let i = ups.length - 1;
  while (i >= 0 && ups[i]![0] !== name) i--;
  if (i < 0) return null;
  ups[i] = [name, value];
  const old = top.closure;
  if (!old) return undefined;
  return { old, next: new VmClosure(old.fn, ups.map(([n, v]): [string, Value] => [n, v])) };
}

/** What a hook context needs from its engine besides the frames. */
export interface ContextSource<F extends VmFrame> {
  readonly frames: readonly F[];
  functionName(frame: F): string;
  cursor(): InstructionCursor | undefined;
  instructionAt(fn: string, index: number): HookInstruction | undefined;
}

/** The context hook callbacks receive (live: valid while the callback runs). */
export function hookContext<F extends VmFrame>(source: ContextSource<F>): HookContext {
  const frames = source.frames;
  const topFrame = (): F | undefined => frames[frames.length - 1];
  const view = (f: F) => frameView(f, source.functionName(f));
  return {
    callDepth: () => frames.length,
    currentFunctionName: () => {
      const f = topFrame();
      return f && source.functionName(f);
    },
    currentFrame: () => {
      const f = topFrame();
      return f && view(f);
    },
    frames: () => frames.map(view),
    currentInstructionCursor: () => source.cursor(),
    currentInstructionIndex: () => source.cursor()?.index ?? 0,
    compareFlag: () => topFrame()?.flag ?? 0,
    registerValue: (i) => topFrame()?.regs[i],
    instructionAt: (fn, index) => source.instructionAt(fn, index),
  };
}

/** A live read-only view of a frame. */
function frameView(f: VmFrame, functionName: string): FrameView {
  return {
    functionName,
    registerCount: f.regs.length,
    hookRegister: (i) => (Number.isInteger(i) && i >= 0 && i < f.regs.length ? hookRegister(i) : undefined),
    registerValue: (i) => f.regs[i],
    localValue: (name) => (f.locals.has(name) ? f.locals.get(name) : NOT_FOUND),
    upvalueValue: (name) => upvalueOf(f, name),
    get stackLength() {
      return f.stack.length;
    },
    stackValue: (i) => f.stack[i],
    get compareFlag() {
      return f.flag;
    },
  };
}
