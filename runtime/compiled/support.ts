/**
 * Helpers that generated code calls for the less common instructions and for errors (the common
 * arithmetic and comparisons are inlined, with the exact runtime ops as fallback).
 */
import { BuiltinError, VmError } from '../errors.js';
import { SECRET_REGISTER_BASE as SECRET_BASE } from '../hooks/context.js';
import type { MpcEngine } from '../mpc/engine.js';
import { shareOfObject } from '../mpc/vm-values.js';
import { Share, VmObject, noteEscape, typeName, type Value, type VmClosure } from '../values.js';
import { ShadowFrame, type CompiledHost } from './host.js';
import type { LinkedModule } from './module.js';


/** The bank rule for writing `v` into secret register `reg` (semantics.md §4.1). */
export function toSecret(v: Value, reg: number, mpc: MpcEngine | null): Value {
  if (v === undefined || v instanceof Share) return v;
  if (!mpc) {
    throw new VmError(`Cannot write clear ${typeName(v)} value directly to secret register r${reg}: MPC engine not configured`, 'Mpc');
  }
  return mpc.shareClear(v);
}

/** A MOV involving a secret register (semantics.md §4.2). */
export function movBank(v: Value, dst: number, src: number, mpc: MpcEngine | null): Value {
  if (src < SECRET_BASE) {
    if (v instanceof Share) return v;
    if (v instanceof VmObject) {
      try {
        return shareOfObject(v);
      } catch (err) {
        throw err instanceof BuiltinError ? new VmError(err.message, 'Mpc') : err;
      }
    }
    if (!mpc) throw new VmError('MPC engine not configured', 'Mpc');
    return mpc.shareClear(v);
  }
  if (dst >= SECRET_BASE) return toSecret(v, dst, mpc);
  if (!mpc) throw new VmError('MPC engine not configured', 'Mpc');
  if (!(v instanceof Share)) throw new VmError('Invalid share type for conversion to clear value', 'Mpc');
  return mpc.open(v);
}

/** `LD` on a run-time argument stack (semantics.md §5). */
export function stackAt(stack: readonly Value[], offset: number): Value {
  const i = stack.length - 1 + offset;
  if (i < 0 || i >= stack.length) throw new VmError(`Stack address [sp+${offset}] out of bounds`);
  return stack[i];
}

/** An error known at compile time, raised where it occurs. */
export function fail(message: string): never {
  throw new VmError(message);
}

export function arityError(mod: LinkedModule, fn: number, got: number): never {
  const f = mod.functions[fn]!;
  throw new VmError(`Function ${f.name} expects ${f.params.length} arguments but got ${got}`);
}

export function depthExceeded(mod: LinkedModule, fn: number, max: number): never {
  throw new VmError(`Call depth limit of ${max} exceeded calling function '${mod.functions[fn]!.name}'`, 'Limit');
}

/** The instruction budget ran out at bytecode instruction `index` of function `fn`. */
export function instructionLimit(host: CompiledHost, mod: LinkedModule, fn: number, index: number): never {
  throw new VmError(
    `Instruction limit of ${host.maxInstructions} exceeded in function '${mod.functions[fn]!.name}' at instruction ${index}`,
    'Limit',
  );
}

/** Upvalues captured by a plain CALL of function `fn`. */
export function captureCall(host: CompiledHost, mod: LinkedModule, fn: number): [string, Value][] {
  return host.captureForCall(mod.functions[fn]!);
}

/** The upvalue list of a call of a function without upvalues (shared: an empty list is never written). */
export const NO_UPVALUES: [string, Value][] = [];

/**
 * The parameter snapshot of a frame whose parameters no capture can look up (src/emit/captures.ts).
 * Shared: snapshots are never written.
 */
export const NO_ARGS: readonly Value[] = [];

/** Pushes the shadow frame of a call entering function `fn`; its parameter snapshot holds the arguments. */
export function enter(
  host: CompiledHost,
  mod: LinkedModule,
  fn: number,
  args: readonly Value[],
  upvalues: [string, Value][],
  closure: VmClosure | null,
): void {
  for (let i = 0; i < args.length; i++) noteEscape(args[i]);
  host.frames.push(new ShadowFrame(mod.functions[fn]!, args, upvalues, closure));
}
