/**
 * Options of one run, the same for the reference interpreter and compiled modules (a generated module's
 * `run(entry, args, options)` takes them too).
 */
import type { HostFunctions } from './compiled/calls.js';
import type { HookRegistry } from './hooks/registry.js';
import type { Heap, LocalStore } from './host.js';
import type { MpcEngine } from './mpc/engine.js';

export interface RunOptions {
  /** Receives each line the program prints (without the newline). */
  readonly print?: (line: string) => void;
  /** Hooks (debug events); with no enabled hook the engine runs its uninstrumented path. */
  readonly hooks?: HookRegistry;
  /** Host functions by name; a name already registered (builtin or program function) is an error. */
  readonly hostFunctions?: HostFunctions;
  /** The MPC engine; without one, secret operations fail with the official engine-less errors. */
  readonly mpc?: MpcEngine | null;
  /** Backing store for `LocalStorage.*`; without one those builtins fail (`Local storage is not configured`). */
  readonly storage?: LocalStore | null;
  /**
   * Table-id allocator for the run (default: a fresh one starting at 1). Pass the heap used to build
   * the entry arguments (e.g. with `fromJs`) so tables created by the run get distinct ids.
   */
  readonly heap?: Heap;
  /** Random bytes for `Mpc.rand` / `Mpc.rand_int` (e.g. a seeded generator); default: the platform CSPRNG. */
  readonly fillRandom?: (out: Uint8Array) => void;
  /** Ends the run with a `Limit` error once more than this many instructions have executed. */
  readonly maxInstructions?: number;
  /** Ends the run with a `Limit` error when a call would make more than this many frames live. */
  readonly maxCallDepth?: number;
}
