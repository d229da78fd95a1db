/**
 * Fast paths for call_closure, get_upvalue and set_upvalue, called by compiled code with the run's host
 * and fixed arguments instead of an argument array and the generic builtin. Each handles the case whose
 * result it can produce exactly and otherwise calls `slow`, the call site's bound external, so every
 * error message stays the builtin's own. Non-hooked builds only (the builtins fire no events there).
 */
import { wrapBuiltinError } from '../errors.js';
import { NOT_FOUND } from '../host.js';
import { VmClosure, type Value } from '../values.js';
import type { ExternalCall } from './calls.js';
import { ShadowFrame, upvalueIndex, type CompiledHost } from './host.js';
import type { FunctionSpec } from './module.js';
import { NO_ARGS } from './support.js';

/** `call_closure(c, …args)`; `args` are the arguments after the closure. */
export function fastCallClosure(host: CompiledHost, slow: ExternalCall, c: Value, args: Value[]): Value {
  if (!(c instanceof VmClosure)) return slow([c, ...args]);
  try {
    return host.callClosure(c, args);
  } catch (err) {
    // As the builtin path reports them: a bad target or arity is `Foreign function call_closure failed: …`.
    throw wrapBuiltinError('call_closure', err);
  }
}

/** `call_closure(c, a0)`. */
export function fastCallClosure1(host: CompiledHost, slow: ExternalCall, c: Value, a0: Value): Value {
  if (!(c instanceof VmClosure)) return slow([c, a0]);
  try {
    return host.callClosure1(c, a0);
  } catch (err) {
    throw wrapBuiltinError('call_closure', err);
  }
}

/** `get_upvalue(name)`. */
export function fastGetUpvalue(host: CompiledHost, slow: ExternalCall, name: Value): Value {
  if (typeof name === 'string') {
    const v = host.getUpvalue(name);
    if (v !== NOT_FOUND) return v;
  }
  return slow([name]);
}

/** `set_upvalue(name, value)`: Unit. A failed write changes nothing, so the builtin can report it. */
export function fastSetUpvalue(host: CompiledHost, slow: ExternalCall, name: Value, value: Value): Value {
  if (typeof name === 'string' && host.setUpvalue(name, value)) return undefined;
  return slow([name, value]);
}

/*
 * Leaf functions (src/emit/leaf-frames.ts) push no shadow frame: they pass their upvalue list `ups` and
 * closure `cl` (their `$u`, `$cl`). Their list is shared with the closure exactly when it is the
 * closure's list: nothing else runs while a leaf does, so no other frame's write can intervene.
 */

/** get_upvalue(name) in a leaf function. */
export function leafGetUpvalue(host: CompiledHost, slow: ExternalCall, ups: [string, Value][], cl: VmClosure | null, name: Value): Value {
  if (typeof name === 'string') {
    const i = upvalueIndex(ups, name);
    if (i >= 0) return ups[i]![1];
  }
  return inLeafFrame(host, ups, cl, () => slow([name]));
}

/**
 * set_upvalue(name, value) in a leaf function: returns the function's list afterwards, and leaves its
 * closure in `host.writtenClosure` (a new instance when the old one had escaped).
 */
export function leafSetUpvalue(
  host: CompiledHost,
  slow: ExternalCall,
  ups: [string, Value][],
  cl: VmClosure | null,
  name: Value,
  value: Value,
): [string, Value][] {
  if (typeof name === 'string') {
    const i = upvalueIndex(ups, name);
    if (i >= 0) return host.writeUpvalue(ups, cl !== null && ups === cl.upvalues, cl, i, value);
  }
  inLeafFrame(host, ups, cl, () => slow([name, value]));
  return ups; // not reached: the builtin reports the bad name or the missing upvalue
}

const LEAF: FunctionSpec = { name: '', fn: () => undefined, params: [], upvalues: [] };

/** Runs the builtin (for its error) with the leaf's upvalues as the top frame. */
function inLeafFrame(host: CompiledHost, ups: [string, Value][], cl: VmClosure | null, call: () => Value): Value {
  host.frames.push(new ShadowFrame(LEAF, NO_ARGS, ups, cl));
  try {
    return call();
  } finally {
    host.frames.pop();
  }
}
