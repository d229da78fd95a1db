/**
 * The global function table of one run (program functions, builtins, host functions) and `CALL` name
 * resolution exactly as semantics.md §7.1 describes it, including the method-dispatch error texts.
 */
import { CORE_BUILTINS } from '../../runtime/builtins/index.js';
import { RESERVED_NAMES, SHARE_METHODS } from '../../runtime/builtins/names.js';
import type { Builtin } from '../../runtime/builtins/types.js';
import { VmError } from '../../runtime/errors.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { ENGINE_FREE_MPC_BUILTINS } from '../../runtime/mpc/index.js';
import { Share, type Value, VmObject, typeName } from '../../runtime/values.js';
import type { LoadedFunction, LoadedProgram } from '../bytecode/loaded.js';
import type { HostFunction, RunOptions } from './engine.js';

export type Callee =
  | { readonly kind: 'bytecode'; readonly fn: LoadedFunction }
  /** `name` is the canonical registered name (used in `Foreign function <name> failed`). */
  | { readonly kind: 'builtin'; readonly name: string; readonly impl: Builtin }
  | { readonly kind: 'host'; readonly name: string; readonly impl: HostFunction };

export class FunctionTable {
  private readonly builtins = new Map<string, Builtin>();
  private readonly host = new Map<string, HostFunction>();
  private readonly hasEngine: boolean;
  /** Lookups are repeated on every CALL and the table never changes during a run. */
  private readonly resolved = new Map<string, Callee | null>();

  constructor(
    private readonly program: LoadedProgram,
    mpc: MpcEngine | null,
    hostFunctions: RunOptions['hostFunctions'],
  ) {
    this.hasEngine = mpc !== null;
    for (const [name, impl] of CORE_BUILTINS) this.builtins.set(name, impl);
    for (const [name, impl] of ENGINE_FREE_MPC_BUILTINS) this.builtins.set(name, impl);
    if (mpc) for (const [name, impl] of mpc.builtins) this.builtins.set(name, impl);
    const entries = hostFunctions instanceof Map ? hostFunctions.entries() : Object.entries(hostFunctions ?? {});
    for (const [name, impl] of entries) {
      if (this.isRegistered(name) || this.host.has(name)) {
        throw new VmError(`Function '${name}' is already registered`, 'Registration');
      }
      this.host.set(name, impl);
    }
  }

  /** Program functions are looked up first; names never collide (registration refuses duplicates). */
  lookup(name: string): Callee | undefined {
    let callee = this.resolved.get(name);
    if (callee === undefined) {
      callee = this.find(name) ?? null;
      this.resolved.set(name, callee);
    }
    return callee ?? undefined;
  }

  private find(name: string): Callee | undefined {
    const fn = this.program.functions.get(name);
    if (fn) return { kind: 'bytecode', fn };
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

  private isRegistered(name: string): boolean {
    return this.program.functions.has(name) || this.isForeign(name);
  }

  /** Resolves `CALL name` against the current argument stack (semantics.md §7.1). */
  resolve(name: string, stack: readonly Value[]): Callee {
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

  private missing(name: string): never {
    if (RESERVED_NAMES.has(name)) {
      // Registered by the official VM, but implemented only by an MPC engine (builtins-core.md §7).
      const reason = this.hasEngine ? 'not implemented by the configured MPC engine' : 'MPC engine not configured';
      throw new VmError(`Foreign function ${name} failed: ${reason}`, 'ForeignFunction');
    }
    throw new VmError(`Function '${name}' not found`);
  }
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
