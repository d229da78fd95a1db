/**
 * The function table of one run and `CALL name` resolution exactly as semantics.md §7.1 describes it
 * (receiver checks, method dispatch, the missing-function texts), plus invoking builtins and host
 * functions with their error wrapping. Shared by the reference interpreter (program functions are its
 * `LoadedFunction`s) and compiled modules (their `FunctionSpec`s).
 */
import { CORE_BUILTINS } from '../builtins/index.js';
import { RESERVED_NAMES, SHARE_METHODS } from '../builtins/names.js';
import type { Builtin, BuiltinHost } from '../builtins/types.js';
import { BuiltinError, VmError, wrapBuiltinError } from '../errors.js';
import type { MpcEngine } from '../mpc/engine.js';
import { ENGINE_FREE_MPC_BUILTINS } from '../mpc/index.js';
import { Share, VmObject, typeName, type Value, type VmClosure } from '../values.js';
import { checkHostResult } from './host-values.js';

/**
 * A JS function an embedder registers under a name (like StoffelVM's foreign functions): VM values in, a
 * VM value out; throwing fails the call with `Foreign function <name> failed: <message>`.
 */
export type HostFunction = (args: Value[]) => Value;

/** Host functions as run options take them. */
export type HostFunctions = ReadonlyMap<string, HostFunction> | Readonly<Record<string, HostFunction>>;

/** What a compiled call site runs: the drained arguments in push order, the value for the caller's r0. */
export type ExternalCall = (args: Value[]) => Value;

/** What a name resolves to; `name` of a foreign callee is the canonical registered name. */
export type Callee<F> =
  | { readonly kind: 'program'; readonly fn: F }
  | { readonly kind: 'builtin'; readonly name: string; readonly impl: Builtin }
  | { readonly kind: 'host'; readonly name: string; readonly impl: HostFunction };

export type ForeignCallee = Extract<Callee<unknown>, { kind: 'builtin' | 'host' }>;

/**
 * True when `CALL name` checks its receiver before looking the name up (a dotted `Share.<method>`), so
 * the compiler must not bind it directly even if a program function has that name.
 */
export function checksReceiver(name: string): boolean {
  const dot = name.indexOf('.');
  return dot >= 0 && name.slice(0, dot) === 'Share' && SHARE_METHODS.has(name.slice(dot + 1));
}

export class FunctionTable<F> {
  private readonly builtins = new Map<string, Builtin>();
  private readonly host = new Map<string, HostFunction>();
  private readonly hasEngine: boolean;
  /** Lookups repeat on every CALL and the table never changes during a run. */
  private readonly resolved = new Map<string, Callee<F> | null>();

  constructor(
    private readonly program: ReadonlyMap<string, F>,
    mpc: MpcEngine | null,
    hostFunctions: HostFunctions | undefined,
  ) {
    this.hasEngine = mpc !== null;
    for (const [name, impl] of CORE_BUILTINS) this.builtins.set(name, impl);
    for (const [name, impl] of ENGINE_FREE_MPC_BUILTINS) this.builtins.set(name, impl);
    if (mpc) for (const [name, impl] of mpc.builtins) this.builtins.set(name, impl);
    const entries = hostFunctions instanceof Map ? hostFunctions.entries() : Object.entries(hostFunctions ?? {});
    for (const [name, impl] of entries) {
      if (program.has(name) || this.isForeign(name) || this.host.has(name)) {
        throw new VmError(`Function '${name}' is already registered`, 'Registration');
      }
      this.host.set(name, impl as HostFunction);
    }
  }

  /** Program functions first; names never collide (registration refuses duplicates). */
  lookup(name: string): Callee<F> | undefined {
    let callee = this.resolved.get(name);
    if (callee === undefined) {
      callee = this.find(name) ?? null;
      this.resolved.set(name, callee);
    }
    return callee ?? undefined;
  }

  private find(name: string): Callee<F> | undefined {
    const fn = this.program.get(name);
    if (fn !== undefined) return { kind: 'program', fn };
    const builtin = this.builtins.get(name);
    if (builtin) return { kind: 'builtin', name, impl: builtin };
    const host = this.host.get(name);
    if (host) return { kind: 'host', name, impl: host };
    return undefined;
  }

  /** A builtin or host function name (reserved builtin names count even where this runtime lacks them). */
  isForeign(name: string): boolean {
    return RESERVED_NAMES.has(name) || this.builtins.has(name) || this.host.has(name);
  }

  /** Resolves `CALL name` against the argument stack it would drain (semantics.md §7.1). */
  resolve(name: string, stack: readonly Value[]): Callee<F> {
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const receiver = name.slice(0, dot);
      const method = name.slice(dot + 1);
      if (receiver === 'Share' && SHARE_METHODS.has(method)) {
        const actual = receiverTypeOf(stack, name);
        if (actual !== receiver) {
          throw new VmError(`Method '${method}' expected receiver type '${receiver}', got '${actual}'`);
        }
      }
      return this.lookup(name) ?? this.missing(name);
    }
    const found = this.lookup(name);
    if (found) return found;
    const canonical = SHARE_METHODS.get(name);
    if (canonical !== undefined) {
      const actual = receiverTypeOf(stack, name);
      if (actual !== 'Share') throw new VmError(`Method '${name}' not found for receiver type '${actual}'`);
      return this.lookup(canonical) ?? this.missing(canonical);
    }
    return this.missing(name);
  }

  /**
   * The callee of `CALL name` when it does not depend on the arguments (no receiver check) and exists;
   * otherwise undefined, and `resolve` must run when the CALL executes (it raises the VM's errors then).
   */
  resolveStatic(name: string): Callee<F> | undefined {
    if (checksReceiver(name)) return undefined;
    return this.lookup(name);
  }

  /**
   * The program function call_closure runs for `closure` with `argc` arguments (builtins-core.md §4), or the
   * official failure as a `BuiltinError` (reported as `Foreign function call_closure failed: …`).
   */
  closureTarget(closure: VmClosure, argc: number, arity: (fn: F) => number): F {
    const name = closure.fn;
    const callee = this.program.get(name);
    if (callee === undefined) {
      throw new BuiltinError(this.isForeign(name) ? `Cannot execute foreign function as closure: ${name}` : `Function ${name} not found`);
    }
    if (argc !== arity(callee)) {
      throw new BuiltinError(`Function ${name} expects ${arity(callee)} arguments but got ${argc}`);
    }
    return callee;
  }

  private missing(name: string): never {
    if (RESERVED_NAMES.has(name)) {
      // Registered by the official VM, but implemented only by an MPC engine (builtins-core.md §7).
      const reason = this.hasEngine ? 'not implemented by the configured MPC engine' : 'MPC engine not configured';
      throw new VmError(`Foreign function ${name} failed: ${reason}`, 'ForeignFunction');
    }
    throw new VmError(`Function '${name}' not found`);
  }
}

/** Runs a builtin or host function; failures become `Foreign function <name> failed: …` VM errors. */
export function invokeForeign(callee: ForeignCallee, host: BuiltinHost, args: Value[]): Value {
  try {
    return callee.kind === 'builtin' ? callee.impl(host, args) : checkHostResult(callee.impl(args));
  } catch (err) {
    throw callee.kind === 'builtin' ? wrapBuiltinError(callee.name, err) : wrapHostError(callee.name, err);
  }
}

function wrapHostError(name: string, err: unknown): unknown {
  if (err instanceof VmError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new VmError(`Foreign function ${name} failed: ${message}`, 'ForeignFunction');
}

/** The first pushed argument's receiver type name (semantics.md §7.1 step 3). */
function receiverTypeOf(stack: readonly Value[], methodName: string): string {
  if (stack.length === 0) throw new VmError(`Method '${methodName}' requires a receiver argument`);
  const v = stack[0];
  if (v instanceof Share) return 'Share';
  if (v instanceof VmObject) {
    const tag = v.entries.get('__type')?.value;
    return typeof tag === 'string' ? tag : 'object';
  }
  return typeName(v);
}
