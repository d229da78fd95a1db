/**
 * What a caller says about an MPC run (the API's `mpc: { … }` option and the CLI flags both end up here).
 * Everything is optional: the topology defaults to n = 5, t = 1, the curve and backend come from the
 * program's manifest, and the client-IO manifest types the client inputs.
 */
import { MpcConfigError, type ClientInputValue } from '../../runtime/mpc/simulated-engine.js';
import type { CorruptionPolicy } from '../../runtime/mpc/shamir.js';
import type { Seed } from '../../runtime/mpc/drbg.js';

/**
 * Client inputs per slot, in input-index order: a Map keyed by slot, or a plain object keyed by the
 * slot's decimal text (`{ 0: [12, 8], 1: [true] }`).
 */
export type ClientInputs =
  | ReadonlyMap<bigint | number, readonly ClientInputValue[]>
  | Readonly<Record<string, readonly ClientInputValue[]>>;

export interface MpcOptions {
  /** n, default 5. */
  readonly parties?: number;
  /** t, default 1. */
  readonly threshold?: number;
  /** Curve name or alias (mpc-model §2); default the program manifest's curve. */
  readonly curve?: string;
  /** `honeybadger` or `avss`; default the program manifest's backend (parties mode: honeybadger only). */
  readonly backend?: string;
  /** Seed of every random choice; the same seed gives the same run. Default: a fresh random seed. */
  readonly seed?: Seed;
  readonly clientInputs?: ClientInputs;
  /** Declares client slots 0..N-1 as known (output-capable) clients (local-simulation §3.2). */
  readonly expectedOutputClients?: number;
  /** The party the program runs as (its `Mpc.party_id()`), default 0. */
  readonly partyId?: number;
  /** The session id `Mpc.instance_id()` reports; default derived from the seed. */
  readonly instanceId?: bigint;
  /** What an opening does with inconsistent shares, default `error`. */
  readonly onCorruption?: CorruptionPolicy;
  /**
   * `single` (default): one process simulates all parties and runs the program once, as party `partyId`.
   * `parties`: n worker threads each run the program as one party holding only its own shares, meeting
   * at a coordinator for interactive steps (docs/mpc.md, architecture A).
   */
  readonly mode?: MpcMode;
  /** `parties` mode: fail the run after this many milliseconds (default 180 000, like `stoffel run`). */
  readonly timeoutMs?: number;
}

export type MpcMode = 'single' | 'parties';
export const MPC_MODES: readonly MpcMode[] = ['single', 'parties'];

/** Client inputs as a Map keyed by u64 slot (a key that is not a u64, or a repeated slot, is an `MpcConfigError`). */
export function clientInputMap(inputs: ClientInputs | undefined): Map<bigint, readonly ClientInputValue[]> {
  const out = new Map<bigint, readonly ClientInputValue[]>();
  if (inputs === undefined) return out;
  const entries: Iterable<[bigint | number | string, readonly ClientInputValue[]]> =
    inputs instanceof Map ? inputs.entries() : Object.entries(inputs);
  for (const [key, values] of entries) {
    const slot = slotOf(key);
    if (out.has(slot)) throw new MpcConfigError(`client slot ${slot} was provided more than once`);
    out.set(slot, values);
  }
  return out;
}

function slotOf(key: bigint | number | string): bigint {
  const ok = typeof key === 'string' ? /^\d+$/.test(key) : typeof key === 'bigint' || Number.isSafeInteger(key);
  const slot = ok ? BigInt(key) : -1n;
  if (slot < 0n || slot >= 1n << 64n) throw new MpcConfigError(`client slot ${String(key)} is not a u64 slot number`);
  return slot;
}
