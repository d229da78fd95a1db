/**
 * `CALL name` for names the compiler did not bind to one of the program's own functions: resolved once
 * when a compiled module starts a run (builtins, MPC builtins, host functions), with the receiver checks
 * and error texts of semantics.md §7.1 applied each time the CALL executes — so a name that matches
 * nothing fails only when (and each time) its CALL runs.
 */
import { SHARE_METHODS, RESERVED_NAMES } from '../builtins/names.js';
import type { Builtin, BuiltinHost } from '../builtins/types.js';
import { VmError, wrapBuiltinError } from '../errors.js';
import { Share, VmObject, typeName, type Value } from '../values.js';
import { checkHostResult } from './host-values.js';

/** A host (embedder) function: VM values in, a VM value out; throwing fails the call. */
export type HostFunction = (args: Value[]) => Value;

/** What a bound call site runs: the drained arguments in push order, the value for the caller's r0. */
export type ExternalCall = (args: Value[]) => Value;

/**
 * True when `CALL name` checks its receiver before looking the name up (a dotted `Share.<method>`), so
 * the compiler must not bind it directly even if a program function has that name.
 */
export function checksReceiver(name: string): boolean {
  const dot = name.indexOf('.');
  return dot >= 0 && name.slice(0, dot) === 'Share' && SHARE_METHODS.has(name.slice(dot + 1));
}

/** Builtins and host functions of one run. */
export class ForeignTable {
  private readonly builtins = new Map<string, Builtin>();
  private readonly host = new Map<string, HostFunction>();

  constructor(
    programFunctions: ReadonlySet<string>,
    coreBuiltins: ReadonlyMap<string, Builtin>,
    mpcBuiltins: ReadonlyMap<string, Builtin> | null,
    hostFunctions: ReadonlyMap<string, HostFunction> | Readonly<Record<string, HostFunction>> | undefined,
  ) {
    for (const [name, impl] of coreBuiltins) this.builtins.set(name, impl);
    if (mpcBuiltins) for (const [name, impl] of mpcBuiltins) this.builtins.set(name, impl);
    const entries = hostFunctions instanceof Map ? hostFunctions.entries() : Object.entries(hostFunctions ?? {});
    for (const [name, impl] of entries) {
      if (programFunctions.has(name) || this.isForeign(name) || this.host.has(name)) {
        throw new VmError(`Function '${name}' is already registered`, 'Registration');
      }
      this.host.set(name, impl as HostFunction);
    }
  }

  /** A builtin or host function name (reserved builtin names count even where this runtime lacks them). */
  isForeign(name: string): boolean {
    return RESERVED_NAMES.has(name) || this.builtins.has(name) || this.host.has(name);
  }

  /** The call for a name that is not a program function. */
  bind(name: string, host: BuiltinHost): ExternalCall {
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const target = this.lookup(name, host) ?? missing(name);
      if (!checksReceiver(name)) return target;
      const method = name.slice(dot + 1);
      return (args) => {
        const actual = receiverType(args, name);
        if (actual !== 'Share') throw new VmError(`Method '${method}' expected receiver type 'Share', got '${actual}'`);
        return target(args);
      };
    }
    const found = this.lookup(name, host);
    if (found) return found;
    const canonical = SHARE_METHODS.get(name);
    if (canonical !== undefined) {
      const target = this.lookup(canonical, host) ?? missing(canonical);
      return (args) => {
        const actual = receiverType(args, name);
        if (actual !== 'Share') throw new VmError(`Method '${name}' not found for receiver type '${actual}'`);
        return target(args);
      };
    }
    return missing(name);
  }

  private lookup(name: string, host: BuiltinHost): ExternalCall | undefined {
    const builtin = this.builtins.get(name);
    if (builtin) {
      return (args) => {
        try {
          return builtin(host, args);
        } catch (err) {
          throw wrapBuiltinError(name, err);
        }
      };
    }
    const fn = this.host.get(name);
    if (fn) {
      return (args) => {
        try {
          return checkHostResult(fn(args));
        } catch (err) {
          if (err instanceof VmError) throw err;
          const message = err instanceof Error ? err.message : String(err);
          throw new VmError(`Foreign function ${name} failed: ${message}`, 'ForeignFunction');
        }
      };
    }
    return undefined;
  }
}

/** A call that fails when executed, with the text of semantics.md §7.1 step 4. */
function missing(name: string): ExternalCall {
  if (RESERVED_NAMES.has(name)) {
    // Registered by the official VM; here only present with its implementation (MPC builtins need an engine).
    return () => {
      throw new VmError(`Foreign function ${name} failed: MPC engine not configured`, 'ForeignFunction');
    };
  }
  return () => {
    throw new VmError(`Function '${name}' not found`);
  };
}

/** The first pushed argument's receiver type name (semantics.md §7.1 step 3). */
function receiverType(args: readonly Value[], methodName: string): string {
  if (args.length === 0) throw new VmError(`Method '${methodName}' requires a receiver argument`);
  const v = args[0];
  if (v instanceof Share) return 'Share';
  if (v instanceof VmObject) {
    const tag = v.entries.get('__type')?.value;
    return typeof tag === 'string' ? tag : 'object';
  }
  return typeName(v);
}
