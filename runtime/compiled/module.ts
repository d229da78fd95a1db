/**
 * The contract between a generated module and this runtime: what the module declares about itself
 * (`ModuleSpec`) and the per-run state the runtime installs into it (`ModuleState`).
 */
import type { Value } from '../values.js';
import type { ExternalCall } from './calls.js';
import type { HookedHost } from './hooked.js';
import type { CompiledHost } from './host.js';

/** One compiled bytecode function. */
export interface FunctionSpec {
  readonly name: string;
  /**
   * The JS function. Signature `(a0, a1, …)`, or `(upvalues, closure, a0, a1, …)` when the module keeps
   * shadow frames (`ModuleSpec.frames`), or `(frame)` in instrumented builds.
   */
  readonly fn: (...args: never[]) => Value;
  readonly params: readonly string[];
  readonly upvalues: readonly string[];
}

/** Per-run state, installed with `bind` for the duration of a run (and restored afterwards). */
export type ModuleState = [
  host: CompiledHost | HookedHost | null,
  externals: readonly ExternalCall[] | null,
  depth: number,
  maxDepth: number,
  /** Instructions the run may still execute (Infinity: no limit). */
  budget: number,
];

export interface ModuleSpec {
  readonly functions: readonly FunctionSpec[];
  /** Names of the call sites not bound at compile time, in slot order. */
  readonly externals: readonly string[];
  /** The module keeps a shadow frame per live call (needed for dynamic upvalue capture). */
  readonly frames: boolean;
  /**
   * `set_upvalue` may update a closure that never escaped in place instead of replacing it (host.ts). The
   * module then reports every escape the runtime cannot see (values its inline code stores into tables),
   * and has no spill slots (`STS` copies would keep the old instance).
   */
  readonly inPlaceClosures?: boolean;
  /** The module counts executed instructions (needed for `maxInstructions`). */
  readonly counting: boolean;
  /** The module keeps the call depth (needed for `maxCallDepth`). */
  readonly depthLimit: boolean;
  /** Installs state into the module's variables, returning the previous state. */
  readonly bind: (state: ModuleState) => ModuleState;
  /**
   * Present in instrumented builds (`compile --hooks`), whose functions take one `HookFrame` and report
   * every instruction to the run's `HookedHost` (runtime/compiled/hooked.ts).
   */
  readonly instrumentation?: Instrumentation;
}

/** What an instrumented build records per function (indexed like `functions`). */
export interface Instrumentation {
  /** Register count of each function's frames. */
  readonly frameSizes: readonly number[];
  /** Each instruction's text as hook events show it (hooks.md §4.2). */
  readonly texts: readonly (readonly string[])[];
}

/** A module spec with its lookup tables. */
export interface LinkedModule extends ModuleSpec {
  readonly byName: ReadonlyMap<string, FunctionSpec>;
  /** Position of each function in `functions`. */
  readonly indexOf: ReadonlyMap<FunctionSpec, number>;
  /** The host of the run in progress (null between runs); external calls reach it through here. */
  host: CompiledHost | null;
  /**
   * The module's external call functions (`$x`), made once: every run installs the same functions, so
   * V8 code that inlined them stays valid across runs instead of being deoptimized when a run's
   * closures die.
   */
  externalCalls: readonly ExternalCall[] | null;
}

export function defineModule(spec: ModuleSpec): LinkedModule {
  const byName = new Map<string, FunctionSpec>();
  const indexOf = new Map<FunctionSpec, number>();
  spec.functions.forEach((f, i) => {
    byName.set(f.name, f);
    indexOf.set(f, i);
  });
  return { ...spec, byName, indexOf, host: null, externalCalls: null };
}
