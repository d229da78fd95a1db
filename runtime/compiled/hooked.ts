/**
 * Runs of instrumented builds (`compile --hooks`): the host that generated instrumented code calls for
 * every instruction, firing the hook events of hooks.md §2 in the order of §3, exactly as the reference
 * interpreter does, and giving callbacks the context of §4.
 *
 * An instrumented build keeps each frame's registers, argument stack, spill slots and compare flag in a
 * `HookFrame` (callbacks may inspect any live frame), so set_upvalue rewrites closure instances in every
 * live frame's registers directly, like the reference VM. Calls still nest as JS calls: a callee's
 * `RET` hands its value and instruction index back to the caller's `call`, which emits the return events.
 */
import type { BuiltinHost } from '../builtins/types.js';
import { VmError } from '../errors.js';
import { SECRET_REGISTER_BASE as SECRET_BASE, hookRegister, type CompareFlag, type HookContext, type InstructionCursor } from '../hooks/context.js';
import type { HookRegistry } from '../hooks/registry.js';
import type { CallTarget, HookEvent, HookInstruction } from '../hooks.js';
import { NOT_FOUND, type Heap, type LocalStore } from '../host.js';
import type { MpcEngine } from '../mpc/engine.js';
import type { Value, VmClosure } from '../values.js';
import { invokeForeign, type FunctionTable } from './calls.js';
import { captureUpvalue, hookContext, setUpvalue, upvalueOf, type VmFrame } from './frames.js';
import type { FunctionSpec, Instrumentation, LinkedModule } from './module.js';
import { movBank, toSecret } from './support.js';

/** One live activation frame of an instrumented run (semantics.md §1). */
export class HookFrame implements VmFrame {
  /** Registers r0..r(frameSize-1). */
  readonly regs: Value[];
  /** The argument stack; a CALL replaces it with a fresh empty one after draining. */
  stack: Value[] = [];
  /** Spill slots written so far (unwritten slots read Unit). */
  spill: Map<number, Value> | null = null;
  flag: CompareFlag = 0;
  /** Parameter snapshot: names -> arguments as passed (never updated). */
  readonly locals: ReadonlyMap<string, Value>;

  constructor(
    readonly spec: FunctionSpec,
    /** The function's index in the module. */
    readonly index: number,
    frameSize: number,
    args: readonly Value[],
    /** Captured upvalues, this frame's own copy (set_upvalue edits it). */
    readonly upvalues: [string, Value][],
    /** The closure instance the frame was entered through, else null. */
    public closure: VmClosure | null,
  ) {
    this.regs = new Array<Value>(frameSize).fill(undefined);
    this.locals = new Map(spec.params.map((name, i): [string, Value] => [name, args[i]]));
  }
}

export interface HookedHostOptions {
  readonly heap: Heap;
  readonly print: (line: string) => void;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly fillRandom?: (out: Uint8Array) => void;
  /** Instruction and call-depth limits (Infinity: none). */
  readonly maxInstructions: number;
  readonly maxCallDepth: number;
  /** The run's hooks; events are dispatched only when at least one was enabled at the start. */
  readonly hooks: HookRegistry | undefined;
}

export class HookedHost implements BuiltinHost {
  readonly heap: Heap;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly fillRandom?: (out: Uint8Array) => void;
  /** Non-null when hooks are enabled: builtins then report their events too. */
  readonly emit: ((event: HookEvent) => void) | null;
  /** Live frames, entry first. */
  readonly frames: HookFrame[] = [];
  /** Index of the `RET` that ended the latest returning function, or -1 for an implicit return. */
  returning = -1;
  private cursor: InstructionCursor | undefined;
  private steps = 0;
  /** Set by `callClosure` for the `call` that invoked call_closure: the closure frame and its RET. */
  private closureReturn: { readonly frame: HookFrame; readonly ret: number } | null = null;
  private readonly instructions: (HookInstruction | undefined)[][];
  private readonly sink: (line: string) => void;
  private readonly maxSteps: number;
  private readonly maxDepth: number;

  constructor(
    private readonly mod: LinkedModule,
    private readonly info: Instrumentation,
    readonly table: FunctionTable<FunctionSpec>,
    options: HookedHostOptions,
  ) {
    this.heap = options.heap;
    this.storage = options.storage;
    this.mpc = options.mpc;
    if (options.fillRandom) this.fillRandom = options.fillRandom;
    this.sink = options.print;
    this.maxSteps = options.maxInstructions;
    this.maxDepth = options.maxCallDepth;
    this.instructions = info.texts.map(() => []);
    const hooks = options.hooks;
    if (hooks?.hasEnabled()) {
      const context = this.makeContext();
      this.emit = (event) => hooks.dispatch(event, context);
    } else {
      this.emit = null;
    }
  }

  print(line: string): void {
    this.sink(line);
  }

  // ---- frames ----

  /** A new frame for `spec` with the arguments bound under the bank rule (no register events). */
  newFrame(spec: FunctionSpec, args: readonly Value[], upvalues: [string, Value][], closure: VmClosure | null): HookFrame {
    const index = this.mod.indexOf.get(spec)!;
    const f = new HookFrame(spec, index, this.info.frameSizes[index]!, args, upvalues, closure);
    for (let i = 0; i < args.length; i++) f.regs[i] = i >= SECRET_BASE ? toSecret(args[i], i, this.mpc) : args[i];
    return f;
  }

  pushFrame(frame: HookFrame): void {
    if (this.frames.length >= this.maxDepth) {
      throw new VmError(`Call depth limit of ${this.maxDepth} exceeded calling function '${frame.spec.name}'`, 'Limit');
    }
    this.frames.push(frame);
  }

  // ---- per instruction (called by generated code) ----

  /** Counts instruction `k` of `f`'s function, moves the cursor to it and reports it. */
  before(f: HookFrame, k: number): void {
    if (++this.steps > this.maxSteps) {
      throw new VmError(`Instruction limit of ${this.maxSteps} exceeded in function '${f.spec.name}' at instruction ${k}`, 'Limit');
    }
    this.cursor = { function: f.spec.name, index: k };
    if (this.emit !== null) this.emit({ type: 'BeforeInstructionExecute', instruction: this.instruction(f.index, k) });
  }

  after(f: HookFrame, k: number): void {
    if (this.emit !== null) this.emit({ type: 'AfterInstructionExecute', instruction: this.instruction(f.index, k) });
  }

  /** A register write under the bank rule (semantics.md §4.1). */
  write(f: HookFrame, dst: number, v: Value): void {
    const previous = f.regs[dst];
    f.regs[dst] = dst >= SECRET_BASE ? toSecret(v, dst, this.mpc) : v;
    if (this.emit !== null) this.emit({ type: 'RegisterWrite', register: hookRegister(dst), previous, value: f.regs[dst] });
  }

  /** MOV, across banks as semantics.md §4.2 says. */
  mov(f: HookFrame, dst: number, src: number): void {
    const previous = f.regs[dst];
    const read = f.regs[src];
    f.regs[dst] = src < SECRET_BASE && dst < SECRET_BASE ? read : movBank(read, dst, src, this.mpc);
    if (this.emit !== null) {
      this.emit({ type: 'RegisterRead', register: hookRegister(src), value: read });
      this.emit({ type: 'RegisterWrite', register: hookRegister(dst), previous, value: f.regs[dst] });
    }
  }

  /** LD: a copy of an argument-stack value (semantics.md §5). */
  ld(f: HookFrame, dst: number, offset: number): void {
    const i = f.stack.length - 1 + offset;
    if (i < 0 || i >= f.stack.length) throw new VmError(`Stack address [sp+${offset}] out of bounds`);
    this.write(f, dst, f.stack[i]);
  }

  push(f: HookFrame, v: Value): void {
    f.stack.push(v);
    if (this.emit !== null) this.emit({ type: 'StackPush', value: v });
  }

  /** LDS: raw, no bank rule and no register events (semantics.md §6). */
  lds(f: HookFrame, dst: number, slot: number): void {
    f.regs[dst] = f.spill?.get(slot);
  }

  sts(f: HookFrame, slot: number, src: number): void {
    (f.spill ??= new Map()).set(slot, f.regs[src]);
  }

  /** `RET`: the value for the caller, which emits the return events. */
  ret(k: number, v: Value): Value {
    this.returning = k;
    return v;
  }

  /** Falling off the end of the function returns r0, without instruction events. */
  end(f: HookFrame): Value {
    this.returning = -1;
    return f.regs[0];
  }

  /** `CALL name` at instruction `k` of `f` (semantics.md §7, events of hooks.md §3.3–3.8). */
  call(f: HookFrame, k: number, name: string): void {
    const args = f.stack;
    const callee = this.table.resolve(name, args);
    if (callee.kind === 'program') {
      const spec = callee.fn;
      if (args.length !== spec.params.length) {
        throw new VmError(`Function ${spec.name} expects ${spec.params.length} arguments but got ${args.length}`);
      }
      const frame = this.newFrame(spec, args, this.captureForCall(spec), null);
      f.stack = [];
      this.drained(args);
      if (this.emit !== null) this.emit({ type: 'BeforeFunctionCall', target: { kind: 'function', name: spec.name }, args: args.slice() });
      this.pushFrame(frame);
      this.after(f, k);
      const value = (spec.fn as (frame: HookFrame) => Value)(frame);
      this.returned(f, k, frame, value, this.returning);
      return;
    }
    f.stack = [];
    this.drained(args);
    const target: CallTarget = { kind: 'foreign', name: callee.name };
    if (this.emit !== null) this.emit({ type: 'BeforeFunctionCall', target, args: args.slice() });
    this.closureReturn = null;
    const result = invokeForeign(callee, this, args);
    const closure = this.takeClosureReturn();
    if (closure !== null) {
      // call_closure ran a closure frame: the CALL ends with that frame's return events (hooks.md §3.8).
      this.returned(f, k, closure.frame, result, closure.ret);
      return;
    }
    this.write(f, 0, result);
    if (this.emit !== null) this.emit({ type: 'AfterFunctionCall', target, value: result });
    this.after(f, k);
  }

  private takeClosureReturn(): { readonly frame: HookFrame; readonly ret: number } | null {
    const r = this.closureReturn;
    this.closureReturn = null;
    return r;
  }

  /** A callee frame returned `value` (through its `RET` at `ret`, or -1) to `CALL` `k` of `caller`. */
  private returned(caller: HookFrame, k: number, frame: HookFrame, value: Value, ret: number): void {
    this.frames.pop();
    this.cursor = { function: caller.spec.name, index: k };
    this.write(caller, 0, value);
    if (this.emit !== null) {
      const target: CallTarget = frame.closure
        ? { kind: 'closure', name: frame.spec.name, closure: frame.closure }
        : { kind: 'function', name: frame.spec.name };
      this.emit({ type: 'AfterFunctionCall', target, value });
      if (ret >= 0) this.emit({ type: 'AfterInstructionExecute', instruction: this.instruction(frame.index, ret) });
    }
  }

  private drained(args: readonly Value[]): void {
    if (this.emit !== null) for (let i = args.length - 1; i >= 0; i--) this.emit({ type: 'StackPop', value: args[i] });
  }

  /** The upvalues a plain CALL of `spec` captures (semantics.md §7.2 step 2). */
  private captureForCall(spec: FunctionSpec): [string, Value][] {
    return spec.upvalues.map((name): [string, Value] => {
      const v = this.captureUpvalue(name);
      if (v === NOT_FOUND) throw new VmError(`Could not find upvalue ${name} when calling function`);
      return [name, v];
    });
  }

  // ---- VmHost: upvalues and closures (semantics.md §7.7, builtins-core.md §4) ----

  captureUpvalue(name: string): Value | typeof NOT_FOUND {
    return captureUpvalue(this.frames, name);
  }

  getUpvalue(name: string): Value | typeof NOT_FOUND {
    return upvalueOf(this.frames[this.frames.length - 1], name);
  }

  setUpvalue(name: string, value: Value): boolean {
    return setUpvalue(this.frames, name, value);
  }

  /**
   * Runs the closure's function in a new frame and returns its result. The events are those of the
   * interpreter, where the frame is pushed once call_closure returns: the `call` that invoked
   * call_closure emits the return events for this frame instead of its own.
   */
  callClosure(closure: VmClosure, args: Value[]): Value {
    const spec = this.table.closureTarget(closure, args.length, (s) => s.params.length);
    const name = spec.name;
    const frame = this.newFrame(spec, args, closure.upvalues.map(([n, v]): [string, Value] => [n, v]), closure);
    if (this.emit !== null) this.emit({ type: 'BeforeFunctionCall', target: { kind: 'closure', name, closure }, args });
    this.pushFrame(frame);
    const cursor = this.cursor!;
    if (this.emit !== null) {
      const caller = this.mod.indexOf.get(this.mod.byName.get(cursor.function)!)!;
      this.emit({ type: 'AfterInstructionExecute', instruction: this.instruction(caller, cursor.index) });
    }
    const value = (spec.fn as (frame: HookFrame) => Value)(frame);
    this.closureReturn = { frame, ret: this.returning };
    return value;
  }

  // ---- the context of hook callbacks (hooks.md §4) ----

  private instruction(fn: number, k: number): HookInstruction {
    const list = this.instructions[fn]!;
    let ins = list[k];
    if (ins === undefined) {
      ins = { function: this.mod.functions[fn]!.name, index: k, text: this.info.texts[fn]![k]! };
      list[k] = ins;
    }
    return ins;
  }

  private makeContext(): HookContext {
    return hookContext<HookFrame>({
      frames: this.frames,
      functionName: (f) => f.spec.name,
      cursor: () => this.cursor,
      instructionAt: (name, index) => {
        const spec = this.mod.byName.get(name);
        if (!spec) return undefined;
        const fn = this.mod.indexOf.get(spec)!;
        if (!Number.isInteger(index) || index < 0 || index >= this.info.texts[fn]!.length) return undefined;
        return this.instruction(fn, index);
      },
    });
  }
}
