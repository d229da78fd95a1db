/**
 * The reference interpreter: follows semantics.md literally and simply. Frames live on an explicit stack
 * (no host recursion), so deep bytecode recursion never overflows the JS stack. This class is the
 * uninstrumented loop; `InstrumentedMachine` (instrumented.ts) adds the hook events.
 */
import type { BuiltinHost } from '../../runtime/builtins/types.js';
import { FunctionTable, invokeForeign, type ForeignCallee } from '../../runtime/compiled/calls.js';
import { captureUpvalue, setUpvalue, upvalueOf } from '../../runtime/compiled/frames.js';
import { movBank, toSecret } from '../../runtime/compiled/support.js';
import { VmError } from '../../runtime/errors.js';
import { type Heap, type LocalStore, NOT_FOUND } from '../../runtime/host.js';
import { SECRET_REGISTER_BASE } from '../../runtime/hooks/context.js';
import type { CallTarget, HookEvent } from '../../runtime/hooks.js';
import { rustStringListDebug } from '../../runtime/hooks/rust-debug.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { add, and, compare, div, mod, mul, not, or, shl, shr, sub, xor } from '../../runtime/ops/index.js';
import type { Value, VmClosure } from '../../runtime/values.js';
import type { LoadedFunction, LoadedProgram } from '../bytecode/loaded.js';
import type { Instruction } from '../bytecode/model.js';
import type { RunOptions } from './engine.js';
import { type Frame, frameTarget } from './frame.js';
import { TableHeap } from './heap.js';

export class Machine implements BuiltinHost {
  readonly heap: Heap;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly fillRandom?: (out: Uint8Array) => void;
  emit: ((event: HookEvent) => void) | null = null;

  /** Live frames, entry first. */
  protected readonly frames: Frame[] = [];
  protected top!: Frame;
  protected readonly table: FunctionTable<LoadedFunction>;
  protected readonly constants: readonly Value[];
  private readonly sink: (line: string) => void;
  private readonly maxSteps: number;
  private readonly maxDepth: number;
  private steps = 0;
  /** A frame `callClosure` prepared during the current builtin call; pushed once the builtin returns. */
  private pending: Frame | null = null;
  protected finished = false;
  protected result: Value = undefined;

  constructor(
    protected readonly program: LoadedProgram,
    options: RunOptions,
  ) {
    this.heap = options.heap ?? new TableHeap();
    this.mpc = options.mpc ?? null;
    this.storage = options.storage ?? null;
    if (options.fillRandom) this.fillRandom = options.fillRandom;
    this.sink = options.print ?? ((line) => console.log(line));
    this.maxSteps = limit(options.maxInstructions, 'maxInstructions');
    this.maxDepth = limit(options.maxCallDepth, 'maxCallDepth');
    this.table = new FunctionTable(program.functions, this.mpc, options.hostFunctions);
    this.constants = program.constants;
  }

  print(line: string): void {
    this.sink(line);
  }

  /** Runs `entry` with `args` (semantics.md §7.6) and returns its result. Call once per machine. */
  run(entry: string, args: readonly Value[]): Value {
    const fn = this.program.functions.get(entry);
    if (!fn) {
      throw new VmError(
        this.table.isForeign(entry) ? `Cannot execute foreign function ${entry}` : `Function ${entry} not found`,
      );
    }
    if (args.length !== fn.arity) {
      throw new VmError(`Function ${entry} expects ${fn.arity} arguments but got ${args.length}`);
    }
    const upvalues = fn.record.upvalueNames;
    if (upvalues.length > 0) {
      throw new VmError(
        `Cannot execute function ${entry} as an entry point because it requires captured upvalues: ${rustStringListDebug(upvalues)}`,
      );
    }
    this.pushFrame(this.newFrame(fn, args, [], null));
    return this.loop();
  }

  protected loop(): Value {
    for (;;) {
      const f = this.top;
      if (f.ip >= f.code.length) {
        this.ret(f.regs[0]);
      } else {
        const index = f.ip++;
        this.countStep(f, index);
        this.exec(f, f.code[index]!);
      }
      if (this.finished) return this.result;
    }
  }

  protected countStep(f: Frame, index: number): void {
    if (++this.steps > this.maxSteps) {
      throw new VmError(
        `Instruction limit of ${this.maxSteps} exceeded in function '${f.fn.name}' at instruction ${index}`,
        'Limit',
      );
    }
  }

  protected exec(f: Frame, ins: Instruction): void {
    const r = f.regs;
    switch (ins.op) {
      case 'LD': {
        const i = f.stack.length - 1 + ins.offset;
        if (i < 0 || i >= f.stack.length) throw new VmError(`Stack address [sp+${ins.offset}] out of bounds`);
        this.write(f, ins.dst, f.stack[i]);
        return;
      }
      case 'LDI':
        this.write(f, ins.dst, this.constants[ins.index]);
        return;
      case 'MOV':
        this.mov(f, ins.dst, ins.src);
        return;
      case 'ADD':
        this.write(f, ins.dst, add(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'SUB':
        this.write(f, ins.dst, sub(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'MUL':
        this.write(f, ins.dst, mul(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'DIV':
        this.write(f, ins.dst, div(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'MOD':
        this.write(f, ins.dst, mod(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'AND':
        this.write(f, ins.dst, and(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'OR':
        this.write(f, ins.dst, or(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'XOR':
        this.write(f, ins.dst, xor(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'SHL':
        this.write(f, ins.dst, shl(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'SHR':
        this.write(f, ins.dst, shr(r[ins.lhs], r[ins.rhs], this.mpc));
        return;
      case 'NOT':
        this.write(f, ins.dst, not(r[ins.src], this.mpc));
        return;
      case 'CMP':
        f.flag = compare(r[ins.lhs], r[ins.rhs]);
        return;
      case 'JMP':
        f.ip = f.fn.jumpTargets[f.ip - 1]!;
        return;
      case 'JMPEQ':
        if (f.flag === 0) f.ip = f.fn.jumpTargets[f.ip - 1]!;
        return;
      case 'JMPNEQ':
        if (f.flag !== 0) f.ip = f.fn.jumpTargets[f.ip - 1]!;
        return;
      case 'JMPLT':
        if (f.flag < 0) f.ip = f.fn.jumpTargets[f.ip - 1]!;
        return;
      case 'JMPGT':
        if (f.flag > 0) f.ip = f.fn.jumpTargets[f.ip - 1]!;
        return;
      case 'PUSHARG':
        this.pushArg(f, r[ins.src]);
        return;
      case 'CALL':
        this.call(f, ins.name);
        return;
      case 'RET':
        this.ret(r[ins.src]);
        return;
      case 'NOP':
        return;
      case 'LDS':
        // Raw: no bank rule, no register events (semantics.md §6).
        r[ins.dst] = f.spill?.get(ins.slot);
        return;
      case 'STS':
        (f.spill ??= new Map()).set(ins.slot, r[ins.src]);
        return;
    }
  }

  // ---- registers and banks (semantics.md §4) ----

  /** A register write under the bank rule of §4.1. */
  protected write(f: Frame, dst: number, v: Value): void {
    f.regs[dst] = dst >= SECRET_REGISTER_BASE ? toSecret(v, dst, this.mpc) : v;
  }

  /** MOV, across banks as §4.2 says. */
  protected mov(f: Frame, dst: number, src: number): void {
    const v = f.regs[src];
    f.regs[dst] = src < SECRET_REGISTER_BASE && dst < SECRET_REGISTER_BASE ? v : movBank(v, dst, src, this.mpc);
  }

  // ---- argument stack, calls and returns (semantics.md §5, §7) ----

  protected pushArg(f: Frame, v: Value): void {
    f.stack.push(v);
  }

  /** Hook points of the instrumented machine; no-ops here. */
  protected onDrained(_args: readonly Value[]): void {}
  protected onBeforeCall(_target: CallTarget, _args: readonly Value[]): void {}
  protected onAfterCall(_target: CallTarget, _value: Value): void {}
  protected onReturned(_caller: Frame): void {}

  private call(f: Frame, name: string): void {
    const callee = this.table.resolve(name, f.stack);
    if (callee.kind === 'program') this.callBytecode(f, callee.fn);
    else this.callForeign(f, callee);
  }

  private callBytecode(f: Frame, fn: LoadedFunction): void {
    const args = f.stack;
    if (args.length !== fn.arity) {
      throw new VmError(`Function ${fn.name} expects ${fn.arity} arguments but got ${args.length}`);
    }
    const upvalues = fn.record.upvalueNames.map((name): [string, Value] => {
      const v = this.captureUpvalue(name);
      if (v === NOT_FOUND) throw new VmError(`Could not find upvalue ${name} when calling function`);
      return [name, v];
    });
    const frame = this.newFrame(fn, args, upvalues, null);
    f.stack = [];
    this.onDrained(args);
    this.onBeforeCall({ kind: 'function', name: fn.name }, args);
    this.pushFrame(frame);
  }

  private callForeign(f: Frame, callee: ForeignCallee): void {
    const args = f.stack;
    f.stack = [];
    this.onDrained(args);
    const target: CallTarget = { kind: 'foreign', name: callee.name };
    this.onBeforeCall(target, args);
    let result: Value;
    try {
      result = invokeForeign(callee, this, args);
    } catch (err) {
      this.pending = null;
      throw err;
    }
    const pushed = this.pending;
    if (pushed) {
      // call_closure: the closure frame's eventual result lands in this frame's r0 (semantics.md §7.3).
      this.pending = null;
      this.pushFrame(pushed);
      return;
    }
    this.write(f, 0, result);
    this.onAfterCall(target, result);
  }

  protected ret(value: Value): void {
    const frames = this.frames;
    if (frames.length === 1) {
      // The entry frame stays live until the run ends (its AfterInstructionExecute still sees it).
      this.finished = true;
      this.result = value;
      return;
    }
    const done = frames.pop()!;
    const caller = frames[frames.length - 1]!;
    this.top = caller;
    this.onReturned(caller);
    this.write(caller, 0, value);
    this.onAfterCall(frameTarget(done), value);
  }

  private newFrame(fn: LoadedFunction, args: readonly Value[], upvalues: [string, Value][], closure: VmClosure | null): Frame {
    const regs = new Array<Value>(fn.frameSize).fill(undefined);
    const f: Frame = {
      fn,
      code: fn.record.instructions,
      regs,
      stack: [],
      spill: null,
      flag: 0,
      ip: 0,
      locals: new Map(fn.record.paramNames.map((name, i): [string, Value] => [name, args[i]])),
      upvalues,
      closure,
    };
    // Arguments are bound under the bank rule (§7.2 step 3), without register events.
    for (let i = 0; i < args.length; i++) regs[i] = i >= SECRET_REGISTER_BASE ? toSecret(args[i], i, this.mpc) : args[i];
    return f;
  }

  private pushFrame(frame: Frame): void {
    if (this.frames.length >= this.maxDepth) {
      throw new VmError(`Call depth limit of ${this.maxDepth} exceeded calling function '${frame.fn.name}'`, 'Limit');
    }
    this.frames.push(frame);
    this.top = frame;
  }

  // ---- VmHost: upvalues and closures (semantics.md §7.7, builtins-core.md §4) ----

  captureUpvalue(name: string): Value | typeof NOT_FOUND {
    return captureUpvalue(this.frames, name);
  }

  getUpvalue(name: string): Value | typeof NOT_FOUND {
    return upvalueOf(this.top, name);
  }

  setUpvalue(name: string, value: Value): boolean {
    return setUpvalue(this.frames, name, value);
  }

  /**
   * Prepares the closure's frame; it is pushed when the calling builtin returns, and its result becomes
   * the CALL's result (the builtin's own return value is discarded). Returns Unit.
   */
  callClosure(closure: VmClosure, args: Value[]): Value {
    const fn = this.table.closureTarget(closure, args.length, (f) => f.arity);
    const name = fn.name;
    if (this.pending) throw new Error('callClosure can run at most once per builtin call');
    const frame = this.newFrame(fn, args, closure.upvalues.map(([n, v]): [string, Value] => [n, v]), closure);
    this.onBeforeCall({ kind: 'closure', name, closure }, args);
    this.pending = frame;
    return undefined;
  }
}

function limit(n: number | undefined, what: string): number {
  if (n === undefined) return Infinity;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  return n;
}
