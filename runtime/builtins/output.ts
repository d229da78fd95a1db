/**
 * Output and inspection: print, to_string, type, assert (builtins-core.md §3).
 */
import { BuiltinError } from '../errors.js';
import { printString } from '../format.js';
import { typeName } from '../values.js';
import { requireExact, requireMin } from './args.js';
import type { Builtin } from './types.js';

const print: Builtin = (host, args) => {
  host.print(args.map(printString).join(' '));
  return undefined;
};

const to_string: Builtin = (_host, args) => {
  requireExact('to_string', args, 1, '1 argument');
  return printString(args[0]);
};

const type: Builtin = (_host, args) => {
  requireExact('type', args, 1, '1 argument');
  return typeName(args[0]);
};

const assert: Builtin = (_host, args) => {
  requireMin('assert', args, 1, '1 or 2 arguments: condition and optional message');
  const cond = args[0];
  if (typeof cond !== 'boolean') {
    throw new BuiltinError(`assert condition must be a bool, found ${typeName(cond)}`);
  }
  if (cond) return undefined;
  const message = args[1];
  throw new BuiltinError(typeof message === 'string' ? message : 'assertion failed');
};

export const OUTPUT_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['print', print],
  ['to_string', to_string],
  ['type', type],
  ['assert', assert],
]);
