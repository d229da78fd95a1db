/**
 * The engine-free helpers of the MPC builtin set (builtins-core.md §7): Bytes.concat, Bytes.from_string,
 * Crypto.sha256, Crypto.sha512, Mpc.rand, Mpc.rand_int, Mpc.is_ready.
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { BuiltinError } from '../errors.js';
import type { Heap } from '../host.js';
import { readByteArray } from '../mpc/vm-values.js';
import { arrayOf } from '../tables.js';
import { VmInt, type VmArray } from '../values.js';
import { requireExact, requireMin, stringArg, usizeArg } from './args.js';
import { preferEngine } from './delegate.js';
import type { Builtin, BuiltinHost } from './types.js';

const utf8 = new TextEncoder();

/** A new VM byte array (`U8` elements); consumes one table id. */
function newByteArray(heap: Heap, bytes: Uint8Array): VmArray {
  return arrayOf(heap, Array.from(bytes, (b) => new VmInt('u8', b)));
}

function randomBytes(host: BuiltinHost, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (host.fillRandom !== undefined) host.fillRandom(out);
  else globalThis.crypto.getRandomValues(out);
  return out;
}

const bytesConcat: Builtin = (host, args) => {
  requireMin('Bytes.concat', args, 2, '2 arguments: a, b');
  const a = readByteArray(args[0]);
  const b = readByteArray(args[1]);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return newByteArray(host.heap, out);
};

const bytesFromString: Builtin = (host, args) => {
  requireExact('Bytes.from_string', args, 1, '1 argument: string');
  return newByteArray(host.heap, utf8.encode(stringArg(args[0], 'Argument')));
};

function digest(name: string, hash: (data: Uint8Array) => Uint8Array): Builtin {
  return (host, args) => {
    requireExact(name, args, 1, '1 argument: data (byte array)');
    return newByteArray(host.heap, hash(readByteArray(args[0])));
  };
}

const mpcRand: Builtin = (host) => newByteArray(host.heap, randomBytes(host, 32));

const mpcRandInt: Builtin = (host, args) => {
  requireExact('Mpc.rand_int', args, 1, '1 argument: bit_length (8, 16, 32, or 64)');
  const bits = usizeArg(args[0], 'bit_length');
  if (Number(bits) === 0) throw new BuiltinError('bit_length must be a positive integer');
  const view = new DataView(randomBytes(host, 8).buffer);
  switch (Number(bits)) {
    case 8:
      return new VmInt('u8', view.getUint8(0));
    case 16:
      return new VmInt('u16', view.getUint16(0, true));
    case 32:
      return new VmInt('u32', view.getUint32(0, true));
    case 64:
      return new VmInt('u64', view.getBigUint64(0, true));
  }
  throw new BuiltinError(`Unsupported bit_length ${bits}. Must be 8, 16, 32, or 64`);
};

/** Without an engine the runtime is never ready; an engine that lacks the builtin counts as ready. */
const mpcIsReady: Builtin = (host) => host.mpc !== null;

export const MPC_LOCAL_BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  ([
    ['Bytes.concat', bytesConcat],
    ['Bytes.from_string', bytesFromString],
    ['Crypto.sha256', digest('Crypto.sha256', sha256)],
    ['Crypto.sha512', digest('Crypto.sha512', sha512)],
    ['Mpc.rand', mpcRand],
    ['Mpc.rand_int', mpcRandInt],
    ['Mpc.is_ready', mpcIsReady],
  ] as const).map(([name, impl]): [string, Builtin] => [name, preferEngine(name, impl)]),
);
