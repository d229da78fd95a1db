/** `Field.*`: public arithmetic in the engine's scalar field on 32-byte LE elements (builtins-mpc §4). */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import type { Value } from '../../values.js';
import { toI64 } from '../codec.js';
import type { SimulatedEngine } from '../simulated-engine.js';
import { newByteArray, readByteArray, requireExact } from '../vm-values.js';

export function fieldBuiltins(e: SimulatedEngine): [string, Builtin][] {
  const f = e.field;
  const one = (name: string, args: Value[]): bigint => {
    requireExact(name, args, 1, '1 argument: field_bytes');
    return f.fromBytes(readByteArray(args[0]));
  };
  const two = (name: string, args: Value[]): [bigint, bigint] => {
    requireExact(name, args, 2, '2 arguments: a, b (field_bytes)');
    const a = readByteArray(args[0]);
    const b = readByteArray(args[1]);
    return [f.fromBytes(a), f.fromBytes(b)];
  };
  const binary = (name: string, op: (a: bigint, b: bigint) => bigint): [string, Builtin] => [
    name,
    (host, args) => newByteArray(host.heap, f.toBytes(op(...two(name, args)))),
  ];
  return [
    ['Field.from_int', (host, args) => {
      requireExact('Field.from_int', args, 1, '1 argument: value (int)');
      return newByteArray(host.heap, f.toBytes(f.reduce(toI64(args[0], 'value'))));
    }],
    ['Field.zero', (host, args) => {
      requireExact('Field.zero', args, 0, 'no arguments');
      return newByteArray(host.heap, f.toBytes(0n));
    }],
    ['Field.one', (host, args) => {
      requireExact('Field.one', args, 0, 'no arguments');
      return newByteArray(host.heap, f.toBytes(1n));
    }],
    ['Field.is_zero', (_host, args) => one('Field.is_zero', args) === 0n],
    ['Field.eq', (_host, args) => {
      const [a, b] = two('Field.eq', args);
      return a === b;
    }],
    binary('Field.add', (a, b) => f.add(a, b)),
    binary('Field.sub', (a, b) => f.sub(a, b)),
    binary('Field.mul', (a, b) => f.mul(a, b)),
    ['Field.neg', (host, args) => newByteArray(host.heap, f.toBytes(f.neg(one('Field.neg', args))))],
    ['Field.inverse', (host, args) => {
      const a = one('Field.inverse', args);
      if (a === 0n) throw new BuiltinError('field inverse is undefined for zero');
      return newByteArray(host.heap, f.toBytes(f.inv(a)));
    }],
    ['Field.sqrt', (host, args) => {
      const r = f.sqrt(one('Field.sqrt', args));
      if (r === null) throw new BuiltinError('value is not a quadratic residue');
      return newByteArray(host.heap, f.toBytes(r));
    }],
  ];
}
