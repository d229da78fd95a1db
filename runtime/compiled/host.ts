/**
 * The `BuiltinHost` of a compiled-module run: output, heap, storage, MPC engine, and the frame-dependent
 * services builtins need (upvalue capture, get/set_upvalue, call_closure).
 *
 * Compiled functions are plain JS functions, so the VM's frames are not visible. When a program can observe
 * them (functions with upvalues, or calls of create_closure / get_upvalue / set_upvalue) the module keeps a
 * cheap *shadow frame* per live call: the function, its arguments as passed (the parameter snapshot) and
 * its upvalue list, plus the closure it was entered through.
 *
 * `set_upvalue` must replace a closure instance in every live frame's registers. Compiled code cannot reach
 * another JS frame's locals, so the replacement is recorded in an append-only log (`old, new` pairs) and
 * every caller, when its call returns, re-reads its registers through the entries appended during that
 * call (the `mark` / `refresh` IR instructions). A frame is live for exactly the duration of the call it is
 * waiting on, so it sees exactly the replacements made while it was live, in order — the same registers the
 * reference VM rewrites — while copies in tables, spill slots, argument stacks, parameter snapshots and
 * captured upvalues keep the old instance, as in the VM. Only waiting frames hold marks, so when the entry
 * frame takes one the log is emptied: it never outgrows the replacements of one call of the entry function.
 *
 * Most closures are only ever held in registers (`counter = make_counter(); counter(1); counter(2)`). For
 * an instance that never escaped (`VmClosure.escaped`) every holder is a register or a frame entered
 * through it, which the VM would all switch to the new instance, so a module that reports escapes
 * (`inPlaceClosures`) updates such an instance in place: nothing is allocated or logged.
 */
import type { BuiltinHost } from '../builtins/types.js';
import { VmError } from '../errors.js';
import type { HookEvent } from '../hooks.js';
import { NOT_FOUND, type Heap, type LocalStore } from '../host.js';
import type { MpcEngine } from '../mpc/engine.js';
import { VmClosure, noteEscape, type Value } from '../values.js';
import { invokeForeign, type ForeignCallee, type FunctionTable } from './calls.js';
import type { FunctionSpec, LinkedModule } from './module.js';

/** A live call, as far as upvalue capture can observe it. */
export class ShadowFrame {
  constructor(
    readonly fn: FunctionSpec,
    /** The arguments as passed (never updated). */
    readonly args: readonly Value[],
    /**
     * This frame's upvalues (set_upvalue edits them). A frame entered through a closure starts with the
     * closure's own list and copies it on its first write.
     */
    public upvalues: [string, Value][],
    /** The closure the frame was entered through, or null. */
    public closure: VmClosure | null,
  ) {
    this.sharesUpvalues = closure !== null;
  }
  /** `upvalues` is still the entry closure's list. */
  sharesUpvalues: boolean;
}

export interface HostOptions {
  /** The run's instruction limit (Infinity: none). */
  readonly maxInstructions: number;
  readonly heap: Heap;
  readonly print: (line: string) => void;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly fillRandom?: (out: Uint8Array) => void;
}

export class CompiledHost implements BuiltinHost {
  readonly heap: Heap;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly emit: ((event: HookEvent) => void) | null = null;
  /** Live shadow frames, entry first (only when the module keeps them). */
  readonly frames: ShadowFrame[] = [];
  /** Closure replacements by set_upvalue: old0, new0, old1, new1, … */
  log: VmClosure[] = [];
  readonly maxInstructions: number;
  readonly fillRandom?: (out: Uint8Array) => void;
  private readonly sink: (line: string) => void;
  /** The closure of the frame `writeUpvalue` last wrote to, after the write. */
  writtenClosure: VmClosure | null = null;
  /** The function the last call_closure ran (closures of one function usually repeat). */
  private closureSpec: FunctionSpec | null = null;
  /** Per external call site: its callee for this run, null when resolved per call, unset until first use. */
  private readonly bound: (ForeignCallee | null | undefined)[] = [];

  constructor(
    private readonly mod: LinkedModule,
    readonly table: FunctionTable<FunctionSpec>,
    options: HostOptions,
  ) {
    this.heap = options.heap;
    this.storage = options.storage;
    this.mpc = options.mpc;
    this.sink = options.print;
    this.maxInstructions = options.maxInstructions;
    // Always assigned (possibly undefined): every host has one shape (see shape-anchors.ts).
    this.fillRandom = options.fillRandom;
  }

  /**
   * Runs external call site `k` (the module's `$x[k]`): a CALL the compiler left symbolic (builtins, host
   * functions). The callee is looked up once per run when it does not depend on the arguments, else
   * resolved each time — so a name that matches nothing fails only when (and each time) its CALL runs.
   * Callees are kept as data, not as per-run closures: V8 code that inlined a call path stays valid
   * across runs.
   */
  callExternal(k: number, args: Value[]): Value {
    // A builtin or host function may keep its arguments (a table, an upvalue list, the host's own data).
    if (this.mod.inPlaceClosures) for (const a of args) noteEscape(a);
    let callee = this.bound[k];
    if (callee === undefined) {
      const found = this.table.resolveStatic(this.mod.externals[k]!);
      callee = this.bound[k] = found !== undefined && found.kind !== 'program' ? found : null;
    }
    const target = callee ?? this.table.resolve(this.mod.externals[k]!, args);
    if (target.kind === 'program') return this.callFunction(target.fn, args);
    const result = invokeForeign(target, this, args);
    // A host function may keep what it returns.
    if (target.kind === 'host' && this.mod.inPlaceClosures) noteEscape(result);
    return result;
  }

  /** A plain CALL of a program function reached through a symbolic call site (semantics.md §7.2). */
  private callFunction(spec: FunctionSpec, args: Value[]): Value {
    if (args.length !== spec.params.length) {
      throw new VmError(`Function ${spec.name} expects ${spec.params.length} arguments but got ${args.length}`);
    }
    const f = spec.fn as (...a: unknown[]) => Value;
    return this.mod.frames ? f(this.captureForCall(spec), null, ...args) : f(...args);
  }

  print(line: string): void {
    this.sink(line);
  }

  captureUpvalue(name: string): Value | typeof NOT_FOUND {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      // The parameter snapshot is a map: with duplicate parameter names the last one wins.
      const params = f.fn.params;
      for (let k = params.length - 1; k >= 0; k--) if (params[k] === name) return f.args[k];
      for (const [n, v] of f.upvalues) if (n === name) return v;
    }
    return NOT_FOUND;
  }

  getUpvalue(name: string): Value | typeof NOT_FOUND {
    const top = this.frames[this.frames.length - 1];
    if (!top) return NOT_FOUND;
    const i = upvalueIndex(top.upvalues, name);
    return i < 0 ? NOT_FOUND : top.upvalues[i]![1];
  }

  /** set_upvalue on the top frame (builtins-core.md §4.4); false when it has no such upvalue. */
  setUpvalue(name: string, value: Value): boolean {
    const top = this.frames[this.frames.length - 1];
    if (top === undefined) return false;
    const i = upvalueIndex(top.upvalues, name);
    if (i < 0) return false;
    top.upvalues = this.writeUpvalue(top.upvalues, top.sharesUpvalues, top.closure, i, value);
    top.closure = this.writtenClosure;
    // Every write leaves the list shared with the frame's closure (updated in place, or a new instance).
    top.sharesUpvalues = top.closure !== null;
    return true;
  }

  /**
   * Sets entry `i` of a frame's upvalue list `ups` (`shared` with its closure `closure`, or null) to
   * `value`; returns the frame's list afterwards and leaves the frame's closure in `writtenClosure`.
   * A closure that never escaped is updated in place; any other is replaced by a new instance in every
   * live frame (the log for registers, `closure` for frames).
   */
  writeUpvalue(ups: [string, Value][], shared: boolean, closure: VmClosure | null, i: number, value: Value): [string, Value][] {
    noteEscape(value); // an upvalue list is no register
    this.writtenClosure = closure;
    const inPlace = closure !== null && !closure.escaped && this.mod.inPlaceClosures === true;
    if (inPlace && ups === closure.upvalues) {
      // Only this frame can have entered through `closure` (a second entry needs the instance in another
      // live frame's register, reachable only by escaping), so the two share their list alone. (A frame
      // switched to `closure` by another frame's write has a list of its own.) No other list holds
      // its entries either: lists are copied entry by entry.
      ups[i]![1] = value;
      return ups;
    }
    // A list shared with a closure is copied before a write.
    const next = shared ? ups.map(copyEntry) : ups;
    next[i] = [ups[i]![0], value];
    if (closure === null) return next;
    if (inPlace) {
      closure.upvalues = next;
      return next;
    }
    const replacement = new VmClosure(closure.fn, next);
    this.log.push(closure, replacement);
    for (const fr of this.frames) if (fr.closure === closure) fr.closure = replacement;
    this.writtenClosure = replacement;
    return next;
  }

  callClosure(closure: VmClosure, args: Value[]): Value {
    const f = this.closureFunction(closure, args.length);
    return this.mod.frames ? f(closure.upvalues, closure, ...args) : f(...args);
  }

  /** call_closure with one argument, without an argument array. */
  callClosure1(closure: VmClosure, a0: Value): Value {
    const f = this.closureFunction(closure, 1);
    return this.mod.frames ? f(closure.upvalues, closure, a0) : f(a0);
  }

  private closureFunction(closure: VmClosure, argc: number): (...a: unknown[]) => Value {
    let spec = this.closureSpec;
    if (spec === null || spec.name !== closure.fn || spec.params.length !== argc) {
      spec = this.closureSpec = this.table.closureTarget(closure, argc, arityOf);
    }
    return spec.fn as (...a: unknown[]) => Value;
  }

  /** The upvalues a plain CALL of `spec` captures (semantics.md §7.2 step 2). */
  captureForCall(spec: FunctionSpec): [string, Value][] {
    return spec.upvalues.map((name): [string, Value] => {
      const v = this.captureUpvalue(name);
      if (v === NOT_FOUND) throw new VmError(`Could not find upvalue ${name} when calling function`);
      return [name, v];
    });
  }

  /** The `mark` before a call: the log position whose later entries the caller applies after it. */
  mark(): number {
    // In the entry frame no other frame is waiting, so no one holds a mark into the log.
    if (this.frames.length <= 1 && this.log.length > 0) this.log = [];
    return this.log.length;
  }

  /** Applies the closure replacements logged since `mark` to a register value. */
  refresh(v: Value, mark: number): Value {
    const log = this.log;
    for (let i = mark; i < log.length; i += 2) if (v === log[i]) v = log[i + 1];
    return v;
  }
}

const arityOf = (spec: FunctionSpec): number => spec.params.length;

const copyEntry = ([name, value]: [string, Value]): [string, Value] => [name, value];

/** The last entry named `name` in an upvalue list, or -1. */
export function upvalueIndex(ups: readonly [string, Value][], name: string): number {
  let i = ups.length - 1;
  while (i >= 0 && ups[i]![0] !== name) i--;
  return i;
}
