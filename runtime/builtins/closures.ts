/**
 * Closures and upvalues (builtins-core.md §4): create_closure, call_closure, get_upvalue, set_upvalue.
 * Capture and frame bookkeeping belong to the host (`VmHost`); these builtins check arguments, report the
 * official errors and fire the hook events.
 */
import { BuiltinError } from '../errors.js';
import { NOT_FOUND } from '../host.js';
import { VmClosure, typeName, type Value } from '../values.js';
import { requireExact, requireMin, stringArg } from './args.js';
import type { Builtin } from './types.js';

const create_closure: Builtin = (host, args) => {
  requireMin('create_closure', args, 1, 'at least 1 argument: function_name');
  const fn = stringArg(args[0], 'First argument');
  const names: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const name = args[i];
    if (typeof name !== 'string') throw new BuiltinError('Upvalue names must be strings');
    names.push(name);
  }
  const captured: [string, Value][] = [];
  for (const name of names) {
    const value = host.captureUpvalue(name);
    if (value === NOT_FOUND) throw new BuiltinError(`Could not find upvalue ${name} when creating closure`);
    captured.push([name, value]);
  }
  if (host.emit !== null) host.emit({ type: 'ClosureCreated', function: fn, captured });
  return new VmClosure(fn, captured);
};

const call_closure: Builtin = (host, args) => {
  requireMin('call_closure', args, 1, 'at least 1 argument: closure');
  const closure = args[0];
  if (!(closure instanceof VmClosure)) {
    throw new BuiltinError(`First argument must be a closure, but got ${typeName(closure)}`);
  }
  return host.callClosure(closure, args.slice(1));
};

const get_upvalue: Builtin = (host, args) => {
  requireExact('get_upvalue', args, 1, '1 argument: name');
  const name = stringArg(args[0], 'Upvalue name');
  const value = host.getUpvalue(name);
  if (value === NOT_FOUND) throw new BuiltinError(`Upvalue '${name}' not found`);
  if (host.emit !== null) host.emit({ type: 'UpvalueRead', name, value });
  return value;
};

const set_upvalue: Builtin = (host, args) => {
  requireMin('set_upvalue', args, 2, '2 arguments: name and value');
  const name = stringArg(args[0], 'Upvalue name');
  const value = args[1];
  const previous = host.emit !== null ? host.getUpvalue(name) : NOT_FOUND;
  if (!host.setUpvalue(name, value)) throw new BuiltinError(`Upvalue '${name}' not found for writing`);
  if (host.emit !== null && previous !== NOT_FOUND) host.emit({ type: 'UpvalueWrite', name, previous, value });
  return undefined;
};

export const CLOSURE_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['create_closure', create_closure],
  ['call_closure', call_closure],
  ['get_upvalue', get_upvalue],
  ['set_upvalue', set_upvalue],
]);
