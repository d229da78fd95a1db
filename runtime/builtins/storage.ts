/**
 * LocalStorage.* (builtins-core.md §5) over `host.storage`. Keys are strings (UTF-8) or byte arrays;
 * values are deep snapshots (runtime/storage/codec.ts). The key is converted before the
 * "not configured" check, so a bad key reports its own error first. Shares are persisted through the MPC
 * engine's persistence context for the key (`MpcEngine.shareCodec`), when an engine provides one.
 */
import { BuiltinError } from '../errors.js';
import type { LocalStore } from '../host.js';
import { readByteArray } from '../mpc/vm-values.js';
import { decodeValue, encodeValue } from '../storage/codec.js';
import type { ShareCodec } from '../storage/share-codec.js';
import type { Value } from '../values.js';
import { requireExact } from './args.js';
import type { Builtin, BuiltinHost } from './types.js';

const utf8 = new TextEncoder();

type Operation = 'store value' | 'load value' | 'delete' | 'exists';

function storageKey(v: Value): Uint8Array {
  return typeof v === 'string' ? utf8.encode(v) : readByteArray(v);
}

/** Checks arity, converts the key and finds the store. */
function prepare(name: string, host: BuiltinHost, args: Value[], n: number, expectation: string): [LocalStore, Uint8Array] {
  requireExact(name, args, n, expectation);
  const key = storageKey(args[0]);
  if (host.storage === null) throw new BuiltinError('Local storage is not configured');
  return [host.storage, key];
}

/** Runs a store operation, reporting any failure as `Local storage <operation> failed: <reason>`. */
function attempt<T>(operation: Operation, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new BuiltinError(`Local storage ${operation} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The engine's persistence context for `key`, if the run has an engine that can persist shares. */
function shareContext(host: BuiltinHost, key: Uint8Array): ShareCodec | undefined {
  return host.mpc?.shareCodec?.(key);
}

const store: Builtin = (host, args) => {
  const [storage, key] = prepare('LocalStorage.store', host, args, 2, '2 arguments: key and value');
  attempt('store value', () => storage.set(key, encodeValue(args[1], shareContext(host, key))));
  return true;
};

function load(name: string): Builtin {
  return (host, args) => {
    const [storage, key] = prepare(name, host, args, 1, '1 argument: key');
    return attempt('load value', () => {
      const bytes = storage.get(key);
      return bytes === undefined ? undefined : decodeValue(bytes, host.heap, shareContext(host, key));
    });
  };
}

const remove: Builtin = (host, args) => {
  const [storage, key] = prepare('LocalStorage.delete', host, args, 1, '1 argument: key');
  return attempt('delete', () => storage.delete(key));
};

const exists: Builtin = (host, args) => {
  const [storage, key] = prepare('LocalStorage.exists', host, args, 1, '1 argument: key');
  return attempt('exists', () => storage.has(key));
};

export const STORAGE_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['LocalStorage.store', store],
  ['LocalStorage.load', load('LocalStorage.load')],
  ['LocalStorage.retrieve', load('LocalStorage.retrieve')],
  ['LocalStorage.delete', remove],
  ['LocalStorage.exists', exists],
]);
