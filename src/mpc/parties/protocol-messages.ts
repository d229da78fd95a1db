/** What the coordinator hands each party's worker, and what a worker reports back on its port. */
import type { MessagePort } from 'node:worker_threads';
import type { VmErrorKind } from '../../../runtime/errors.js';
import type { ChannelBuffers } from '../../../runtime/mpc/party-channel.js';
import type { MpcOptions } from '../options.js';
import type { WireGraph } from './value-wire.js';

/** The execution engines a party can run with. */
export type PartyEngineName = 'interp' | 'compiled';

export interface PartyWorkerData {
  readonly partyId: number;
  /** The program as bytecode. */
  readonly program: Uint8Array;
  readonly entry: string;
  readonly args: readonly WireGraph[];
  readonly engine: PartyEngineName;
  /** The run's MPC options with a fixed seed (every party must draw from the same one). */
  readonly mpc: MpcOptions;
  readonly maxInstructions?: number;
  readonly maxCallDepth?: number;
  readonly buffers: ChannelBuffers;
  /** Where the party posts its `PartyReport`s. */
  readonly port: MessagePort;
}

export type PartyReport =
  /** A line party 0 printed (the other parties' output is not shown, as in `stoffel run`). */
  | { readonly kind: 'print'; readonly line: string }
  | {
      readonly kind: 'done';
      /** The result as `Program returned:` would print it. */
      readonly formatted: string;
      /** The entry returned a raw share, opened collectively. */
      readonly revealed: boolean;
      /** Party 0 only: the result and the entry's own return value. */
      readonly value?: WireGraph;
      readonly returned?: WireGraph;
    }
  | { readonly kind: 'failed'; readonly message: string; readonly vmKind: VmErrorKind | null };
