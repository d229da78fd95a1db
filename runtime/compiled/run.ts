/**
 * Running a compiled module: `run(entry, args, options)` of every generated module lands here. Sets up the
 * run's host (output, heap, storage, MPC engine, builtins and host functions), binds the module's
 * unresolved call sites, checks the entry like the reference VM (semantics.md §7.6), installs the state
 * into the module for the duration of the call and turns a JS stack overflow into a `VmError`.
 */
import { CORE_BUILTINS } from '../builtins/index.js';
import { VmError } from '../errors.js';
import type { HookRegistry } from '../hooks/registry.js';
import { rustStringListDebug } from '../hooks/rust-debug.js';
import type { Heap, LocalStore } from '../host.js';
import type { MpcEngine } from '../mpc/engine.js';
import type { Value } from '../values.js';
import { ForeignTable, type HostFunction } from './calls.js';
import { CompiledHost } from './host.js';
import type { LinkedModule } from './module.js';

/** Run options; the same shape as the reference interpreter's `RunOptions`. */
export interface CompiledRunOptions {
  readonly print?: (line: string) => void;
  readonly hooks?: HookRegistry;
  readonly hostFunctions?: ReadonlyMap<string, HostFunction> | Readonly<Record<string, HostFunction>>;
  readonly mpc?: MpcEngine | null;
  readonly storage?: LocalStore | null;
  readonly heap?: Heap;
  readonly maxInstructions?: number;
  readonly maxCallDepth?: number;
}

class CounterHeap implements Heap {
  private next = 1;
  nextId(): number {
    return this.next++;
  }
}

/** Message of the error that replaces a JavaScript stack overflow. */
export const STACK_OVERFLOW_MESSAGE =
  'Call stack exhausted: recursion too deep for compiled code (set maxCallDepth for a deterministic limit)';

export function runModule(mod: LinkedModule, entry: string, args: readonly Value[], options: CompiledRunOptions = {}): Value {
  const maxDepth = limit(options.maxCallDepth, 'maxCallDepth');
  const maxSteps = limit(options.maxInstructions, 'maxInstructions');
  if (maxSteps !== Infinity && !mod.counting) {
    throw new VmError('maxInstructions needs a module compiled with instruction counting (countInstructions)', 'Limit');
  }
  if (options.hooks?.hasEnabled()) {
    throw new VmError('hooks are not supported by compiled modules; use the interpreter', 'Hook');
  }
  const mpc = options.mpc ?? null;
  const foreign = new ForeignTable(mod.names, CORE_BUILTINS, mpc ? mpc.builtins : null, options.hostFunctions);
  const host = new CompiledHost(mod, foreign, {
    maxInstructions: maxSteps,
    heap: options.heap ?? new CounterHeap(),
    print: options.print ?? ((line) => console.log(line)),
    storage: options.storage ?? null,
    mpc,
  });
  const spec = mod.byName.get(entry);
  if (!spec) {
    throw new VmError(foreign.isForeign(entry) ? `Cannot execute foreign function ${entry}` : `Function ${entry} not found`);
  }
  if (args.length !== spec.params.length) {
    throw new VmError(`Function ${entry} expects ${spec.params.length} arguments but got ${args.length}`);
  }
  if (spec.upvalues.length > 0) {
    throw new VmError(
      `Cannot execute function ${entry} as an entry point because it requires captured upvalues: ${rustStringListDebug(spec.upvalues)}`,
    );
  }
  const externals = mod.externals.map((name) => foreign.bind(name, host));
  const previous = mod.bind([host, externals, 0, maxDepth, maxSteps]);
  try {
    const f = spec.fn as (...a: unknown[]) => Value;
    return mod.frames ? f([], null, ...args) : f(...args);
  } catch (err) {
    throw isStackOverflow(err) ? new VmError(STACK_OVERFLOW_MESSAGE, 'Limit') : err;
  } finally {
    mod.bind(previous);
  }
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

function limit(n: number | undefined, what: string): number {
  if (n === undefined) return Infinity;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  return n;
}
