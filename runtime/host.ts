/**
 * What a builtin may ask of the engine running it. The reference interpreter and the compiled-module
 * runtime each implement `VmHost`, so every builtin is written once and behaves the same in both.
 */
import type { HookEvent } from './hooks.js';
import type { Value, VmClosure } from './values.js';

/** Allocates table ids: one counter shared by objects and arrays, starting at 1, never reused. */
export interface Heap {
  nextId(): number;
}

/** A key/value store for `LocalStorage.*` (keys are raw bytes; values are encoded snapshots). */
export interface LocalStore {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): boolean;
  has(key: Uint8Array): boolean;
}

/** Returned by `captureUpvalue` when no live frame has the name. */
export const NOT_FOUND: unique symbol = Symbol('not found');

export interface VmHost {
  readonly heap: Heap;
  /** Writes one line of program output (without the trailing newline). */
  print(line: string): void;
  /** Local storage, or null when none is configured (`Local storage is not configured`). */
  readonly storage: LocalStore | null;
  /** Non-null only while at least one hook is enabled; builtins then report their events. */
  readonly emit: ((event: HookEvent) => void) | null;
  /**
   * Dynamic capture by name (semantics.md §7.7): walk live frames from the top down, checking each frame's
   * parameter snapshot, then its upvalue list.
   */
  captureUpvalue(name: string): Value | typeof NOT_FOUND;
  /** The current frame's upvalue (last matching entry), or NOT_FOUND. */
  getUpvalue(name: string): Value | typeof NOT_FOUND;
  /** Updates the current frame's upvalue and propagates to closure instances; false when missing. */
  setUpvalue(name: string, value: Value): boolean;
  /**
   * Runs a closure's function with its captured upvalues; returns its result. The host validates the target
   * and throws `BuiltinError` with the official texts (so they read `Foreign function call_closure failed: …`):
   * `Function <name> not found`, `Cannot execute foreign function as closure: <name>`,
   * `Function <name> expects <p> arguments but got <m>`.
   */
  callClosure(closure: VmClosure, args: Value[]): Value;
  /**
   * Fills `out` with random bytes for `Mpc.rand` / `Mpc.rand_int` (a seeded generator makes runs
   * reproducible). Without it the platform CSPRNG (`crypto.getRandomValues`) is used.
   */
  fillRandom?(out: Uint8Array): void;
}
