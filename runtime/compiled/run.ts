/**
 * Running a compiled module: `run(entry, args, options)` of every generated module lands here. Sets up the
 * run's host (output, heap, storage, MPC engine, builtins and host functions), binds the module's
 * unresolved call sites, checks the entry like the reference VM (semantics.md §7.6), installs the state
 * into the module for the duration of the call and turns a JS stack overflow into a `VmError`.
 * Instrumented builds (`compile --hooks`) run with a `HookedHost` instead, which fires the hook events.
 */
import { VmError } from '../errors.js';
import type { RunOptions } from '../run-options.js';
import { rustStringListDebug } from '../hooks/rust-debug.js';
import type { Heap } from '../host.js';
import { VmClosure, keepObjectShapes, noteEscape, type Value } from '../values.js';
import { FunctionTable, type ExternalCall } from './calls.js';
import { HookedHost, type HookFrame } from './hooked.js';
import { CompiledHost, ShadowFrame } from './host.js';
import { defineModule, type FunctionSpec, type Instrumentation, type LinkedModule } from './module.js';
import { anchorShape } from './shape-anchors.js';

/** The run options of a compiled module (the interpreter's `RunOptions`). */
export type CompiledRunOptions = RunOptions;

class CounterHeap implements Heap {
  private next = 1;
  nextId(): number {
    return this.next++;
  }
}

const anchorTable = new FunctionTable(new Map(), null, undefined);
anchorShape(anchorTable.lookup('print')!);
const anchorModule = defineModule({ functions: [], externals: [], frames: false, counting: false, depthLimit: false, bind: (s) => s });
anchorShape(
  new CompiledHost(anchorModule, anchorTable, {
    maxInstructions: Infinity,
    heap: new CounterHeap(),
    print: () => {},
    storage: null,
    mpc: null,
  }),
);
const anchorSpec: FunctionSpec = { name: '', fn: () => undefined, params: [], upvalues: [] };
anchorShape(new ShadowFrame(anchorSpec, [], [], null));
anchorShape(new ShadowFrame(anchorSpec, [], [], new VmClosure('', [])));

/** Message of the error that replaces a JavaScript stack overflow. */
export const STACK_OVERFLOW_MESSAGE =
  'Call stack exhausted: recursion too deep for compiled code (set maxCallDepth for a deterministic limit)';

export function runModule(mod: LinkedModule, entry: string, args: readonly Value[], options: CompiledRunOptions = {}): Value {
  const maxDepth = limit(options.maxCallDepth, 'maxCallDepth');
  const maxSteps = limit(options.maxInstructions, 'maxInstructions');
  if (mod.instrumentation) return runInstrumented(mod, mod.instrumentation, entry, args, options, maxDepth, maxSteps);
  if (maxSteps !== Infinity && !mod.counting) {
    throw new VmError('maxInstructions needs a module compiled with instruction counting (countInstructions)', 'Limit');
  }
  if (maxDepth !== Infinity && !mod.depthLimit) {
    throw new VmError('maxCallDepth needs a module compiled with the call-depth counter (callDepth)', 'Limit');
  }
  if (options.hooks?.hasEnabled()) {
    throw new VmError('hooks need a module compiled with hooks (compile --hooks)', 'Hook');
  }
  const mpc = options.mpc ?? null;
  const table = new FunctionTable<FunctionSpec>(mod.byName, mpc, options.hostFunctions);
  const host = new CompiledHost(mod, table, {
    maxInstructions: maxSteps,
    heap: options.heap ?? new CounterHeap(),
    print: options.print ?? ((line) => console.log(line)),
    storage: options.storage ?? null,
    mpc,
    ...(options.fillRandom ? { fillRandom: options.fillRandom } : {}),
  });
  const spec = entryFunction(mod, table, entry, args);
  const previous = mod.bind([host, externalCalls(mod), 0, maxDepth, maxSteps]);
  const previousHost = mod.host;
  mod.host = host;
  try {
    const f = spec.fn as (...a: unknown[]) => Value;
    if (!mod.frames) return f(...args);
    for (const a of args) noteEscape(a); // the embedder keeps its copies
    return f([], null, ...args);
  } catch (err) {
    throw isStackOverflow(err) ? new VmError(STACK_OVERFLOW_MESSAGE, 'Limit') : err;
  } finally {
    mod.host = previousHost;
    mod.bind(previous);
    keepObjectShapes();
  }
}

/** The module's `$x`: call site k runs the current run's binding of external name k. */
function externalCalls(mod: LinkedModule): readonly ExternalCall[] {
  return (mod.externalCalls ??= mod.externals.map((_, k) => (args: Value[]) => mod.host!.callExternal(k, args)));
}

/** A run of an instrumented build: the hook events and context of the reference interpreter. */
function runInstrumented(
  mod: LinkedModule,
  info: Instrumentation,
  entry: string,
  args: readonly Value[],
  options: CompiledRunOptions,
  maxCallDepth: number,
  maxInstructions: number,
): Value {
  const mpc = options.mpc ?? null;
  const table = new FunctionTable<FunctionSpec>(mod.byName, mpc, options.hostFunctions);
  const host = new HookedHost(mod, info, table, {
    heap: options.heap ?? new CounterHeap(),
    print: options.print ?? ((line) => console.log(line)),
    storage: options.storage ?? null,
    mpc,
    ...(options.fillRandom ? { fillRandom: options.fillRandom } : {}),
    maxInstructions,
    maxCallDepth,
    hooks: options.hooks,
  });
  const spec = entryFunction(mod, table, entry, args);
  const frame = host.newFrame(spec, args, [], null);
  host.pushFrame(frame);
  const previous = mod.bind([host, null, 0, maxCallDepth, maxInstructions]);
  try {
    const value = (spec.fn as (f: HookFrame) => Value)(frame);
    // The entry's RET completes while its frame is still live (hooks.md §3.6).
    if (host.returning >= 0) host.after(frame, host.returning);
    return value;
  } catch (err) {
    throw isStackOverflow(err) ? new VmError(STACK_OVERFLOW_MESSAGE, 'Limit') : err;
  } finally {
    mod.bind(previous);
  }
}

/** The entry function, checked like the reference VM checks it (semantics.md §7.6). */
function entryFunction(mod: LinkedModule, table: FunctionTable<FunctionSpec>, entry: string, args: readonly Value[]): FunctionSpec {
  const spec = mod.byName.get(entry);
  if (!spec) {
    throw new VmError(table.isForeign(entry) ? `Cannot execute foreign function ${entry}` : `Function ${entry} not found`);
  }
  if (args.length !== spec.params.length) {
    throw new VmError(`Function ${entry} expects ${spec.params.length} arguments but got ${args.length}`);
  }
  if (spec.upvalues.length > 0) {
    throw new VmError(
      `Cannot execute function ${entry} as an entry point because it requires captured upvalues: ${rustStringListDebug(spec.upvalues)}`,
    );
  }
  return spec;
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

function limit(n: number | undefined, what: string): number {
  if (n === undefined) return Infinity;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  return n;
}
