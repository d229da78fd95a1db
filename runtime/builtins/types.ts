import type { VmHost } from '../host.js';
import type { MpcEngine } from '../mpc/engine.js';
import type { Value } from '../values.js';

/** What a builtin sees: the engine-neutral host plus the MPC engine, if one is configured. */
export interface BuiltinHost extends VmHost {
  readonly mpc: MpcEngine | null;
}

/**
 * A builtin receives the drained argument list (push order) and returns the value for the caller's r0.
 * It reports failures by throwing `BuiltinError` with the bare message; the caller adds the
 * `Foreign function <name> failed: ` prefix.
 */
export type Builtin = (host: BuiltinHost, args: Value[]) => Value;
