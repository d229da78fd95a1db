/**
 * A small `BuiltinHost` for testing builtins in isolation: an id counter, captured print lines, optional
 * hook events, an optional local store, and a simple frame stack for upvalues and closure calls.
 */
import { CORE_BUILTINS } from '../../runtime/builtins/index.js';
import type { BuiltinHost } from '../../runtime/builtins/types.js';
import { BuiltinError, VmError, wrapBuiltinError } from '../../runtime/errors.js';
import type { HookEvent } from '../../runtime/hooks.js';
import { NOT_FOUND, type LocalStore } from '../../runtime/host.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { VmClosure, VmFloat, VmInt, type IntKind, type Value } from '../../runtime/values.js';

export interface FakeFrame {
  /** Parameter snapshot (name → value as passed). */
  readonly locals: Map<string, Value>;
  upvalues: [string, Value][];
  /** The closure this frame was entered through, if any. */
  closure?: VmClosure;
}

/** A bytecode function the fake host can run through `call_closure`. */
export interface FakeFunction {
  readonly params: readonly string[];
  /** Runs with the frame pushed; returns the function's result. */
  readonly body: (host: FakeHost) => Value;
}

export interface FakeHostOptions {
  readonly hooks?: boolean;
  readonly storage?: LocalStore | null;
  readonly mpc?: MpcEngine | null;
  readonly functions?: Record<string, FakeFunction>;
  readonly random?: (out: Uint8Array) => void;
}

export class FakeHost implements BuiltinHost {
  private next = 1;
  readonly heap = { nextId: (): number => this.next++ };
  readonly lines: string[] = [];
  readonly events: HookEvent[] = [];
  readonly emit: ((event: HookEvent) => void) | null;
  readonly storage: LocalStore | null;
  readonly mpc: MpcEngine | null;
  readonly frames: FakeFrame[] = [{ locals: new Map(), upvalues: [] }];
  readonly fillRandom?: (out: Uint8Array) => void;
  private readonly functions: Record<string, FakeFunction>;

  constructor(options: FakeHostOptions = {}) {
    this.emit = options.hooks ? (e) => this.events.push(e) : null;
    this.storage = options.storage ?? null;
    this.mpc = options.mpc ?? null;
    this.functions = options.functions ?? {};
    if (options.random) this.fillRandom = options.random;
  }

  /** The id the next new table will get. */
  peekId(): number {
    return this.next;
  }

  print(line: string): void {
    this.lines.push(line);
  }

  get top(): FakeFrame {
    return this.frames[this.frames.length - 1]!;
  }

  captureUpvalue(name: string): Value | typeof NOT_FOUND {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.locals.has(name)) return f.locals.get(name);
      for (const [n, v] of f.upvalues) if (n === name) return v;
    }
    return NOT_FOUND;
  }

  getUpvalue(name: string): Value | typeof NOT_FOUND {
    const ups = this.top.upvalues;
    for (let i = ups.length - 1; i >= 0; i--) if (ups[i]![0] === name) return ups[i]![1];
    return NOT_FOUND;
  }

  setUpvalue(name: string, value: Value): boolean {
    const ups = this.top.upvalues;
    for (let i = ups.length - 1; i >= 0; i--) {
      if (ups[i]![0] === name) {
        ups[i] = [name, value];
        return true;
      }
    }
    return false;
  }

  callClosure(closure: VmClosure, args: Value[]): Value {
    const fn = this.functions[closure.fn];
    if (fn === undefined) {
      throw new BuiltinError(
        CORE_BUILTINS.has(closure.fn) ? `Cannot execute foreign function as closure: ${closure.fn}` : `Function ${closure.fn} not found`,
      );
    }
    if (args.length !== fn.params.length) {
      throw new BuiltinError(`Function ${closure.fn} expects ${fn.params.length} arguments but got ${args.length}`);
    }
    const locals = new Map(fn.params.map((p, i): [string, Value] => [p, args[i]]));
    this.frames.push({ locals, upvalues: closure.upvalues.map(([n, v]): [string, Value] => [n, v]), closure });
    try {
      return fn.body(this);
    } finally {
      this.frames.pop();
    }
  }

  /** Calls a core builtin; failures surface as the VM would report them. */
  call(name: string, ...args: Value[]): Value {
    const impl = CORE_BUILTINS.get(name);
    if (impl === undefined) throw new Error(`no builtin ${name}`);
    try {
      return impl(this, args);
    } catch (err) {
      throw wrapBuiltinError(name, err);
    }
  }

  /** The full error message of a failing builtin call (fails the test when the call succeeds). */
  error(name: string, ...args: Value[]): string {
    try {
      this.call(name, ...args);
    } catch (err) {
      if (err instanceof VmError) return err.message;
      throw err;
    }
    throw new Error(`${name} did not fail`);
  }
}

export const int = (kind: IntKind, v: number | bigint): VmInt => new VmInt(kind, v);
export const f = (v: number): VmFloat => new VmFloat(v);
