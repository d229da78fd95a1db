import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../../runtime/host.js';
import { CodecError, MemoryLocalStore, decodeValue, encodeValue } from '../../runtime/storage/index.js';
import { HOLE, Share, VmArray, VmClosure, VmForeign, VmInt, VmObject, type Value } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

function list(host: FakeHost, ...values: Value[]): VmArray {
  const arr = host.call('create_array') as VmArray;
  for (const v of values) host.call('array_push', arr, v);
  return arr;
}

const bytes = (host: FakeHost, ...bs: number[]) => list(host, ...bs.map((b) => int('u8', b)));

describe('LocalStorage', () => {
  it('stores a deep snapshot and loads it with fresh ids in pre-order', () => {
    const host = new FakeHost({ storage: new MemoryLocalStore() });
    const inner = list(host, int('i32', -5), f(NaN));
    const obj = host.call('create_object') as VmObject;
    host.call('set_field', obj, 'list', inner);
    host.call('set_field', obj, 7, 'seven');
    const root = list(host, obj, 'text', true, undefined, 2n ** 62n, int('u64', 2n ** 64n - 1n), int('i8', -128));
    expect(host.call('LocalStorage.store', 'k', root)).toBe(true);
    // Later changes do not affect the snapshot.
    host.call('array_push', inner, 'after');
    const next = host.peekId();
    const loaded = host.call('LocalStorage.load', 'k') as VmArray;
    expect(loaded.id).toBe(next);
    const loadedObj = loaded.items[0] as VmObject;
    expect(loadedObj.id).toBe(next + 1);
    const loadedInner = host.call('get_field', loadedObj, 'list') as VmArray;
    expect(loadedInner.id).toBe(next + 2);
    expect(loadedInner.items).toEqual([int('i32', -5), f(NaN)]);
    expect(host.call('get_field', loadedObj, 7)).toBe('seven');
    expect([...loadedObj.entries.values()].map((e) => e.key)).toEqual(['list', 7]);
    expect(loaded.items.slice(1)).toEqual(['text', true, undefined, 2n ** 62n, int('u64', 2n ** 64n - 1n), int('i8', -128)]);
    expect(host.peekId()).toBe(next + 3);
    // retrieve is load under another name, with its own fresh tables.
    const again = host.call('LocalStorage.retrieve', 'k') as VmArray;
    expect(again.id).toBe(next + 3);
    expect(again).not.toBe(loaded);
  });

  it('keeps the hole layout of arrays', () => {
    const host = new FakeHost({ storage: new MemoryLocalStore() });
    const a = host.call('create_array');
    host.call('set_field', a, 40, 'x');
    host.call('set_field', a, 10, 'y');
    host.call('LocalStorage.store', 'holes', a);
    const b = host.call('LocalStorage.load', 'holes') as VmArray;
    expect(b.items.length).toBe(41);
    expect(host.call('get_field', b, 3)).toBe(undefined);
    expect(host.error('get_field', b, 20)).toBe('Foreign function get_field failed: array index 20 out of range (length 41)');
    expect(b.items[35]).toBe(HOLE);
    expect(host.call('get_field', b, 40)).toBe('x');
  });

  it('copies a table referenced twice (no cycle) into two tables', () => {
    const host = new FakeHost({ storage: new MemoryLocalStore() });
    const shared = list(host, 1);
    host.call('LocalStorage.store', 'dag', list(host, shared, shared));
    const loaded = host.call('LocalStorage.load', 'dag') as VmArray;
    expect(loaded.items[0]).not.toBe(loaded.items[1]);
    expect((loaded.items[0] as VmArray).items).toEqual([1]);
  });

  it('accepts byte-array keys, reports absent keys, deletes and checks existence', () => {
    const host = new FakeHost({ storage: new MemoryLocalStore() });
    expect(host.call('LocalStorage.load', 'none')).toBe(undefined);
    host.call('LocalStorage.store', bytes(host, 0x68, 0x69), 5);
    // The string "hi" has the same UTF-8 bytes.
    expect(host.call('LocalStorage.load', 'hi')).toBe(5);
    expect(host.call('LocalStorage.exists', 'hi')).toBe(true);
    expect(host.call('LocalStorage.delete', 'hi')).toBe(true);
    expect(host.call('LocalStorage.delete', 'hi')).toBe(false);
    expect(host.call('LocalStorage.exists', bytes(host, 0x68, 0x69))).toBe(false);
  });

  it('reports the official errors', () => {
    const host = new FakeHost({ storage: new MemoryLocalStore() });
    const fn = 'Foreign function LocalStorage.store failed: ';
    expect(host.error('LocalStorage.store', 'k', new VmClosure('f', []))).toBe(`${fn}Local storage store value failed: cannot persist function values`);
    expect(host.error('LocalStorage.store', 'k', list(host, new VmForeign(2)))).toBe(
      `${fn}Local storage store value failed: cannot persist cffi_function values`,
    );
    expect(host.error('LocalStorage.store', 'k', new Share({ kind: 'int', bits: 64 }, { key: () => 'x' }))).toBe(
      `${fn}Local storage store value failed: cannot persist or load share values without MPC persistence context`,
    );
    const cyclic = list(host, 1);
    host.call('array_push', cyclic, list(host, cyclic));
    expect(host.error('LocalStorage.store', 'k', cyclic)).toBe(
      `${fn}Local storage store value failed: cannot persist cyclic array value with id ${cyclic.id}`,
    );
    const o = host.call('create_object') as VmObject;
    host.call('set_field', o, 'me', o);
    expect(host.error('LocalStorage.store', 'k', o)).toBe(`${fn}Local storage store value failed: cannot persist cyclic object value with id ${o.id}`);
    expect(host.call('LocalStorage.exists', 'k')).toBe(false);
    expect(host.error('LocalStorage.store', 'k')).toBe(`${fn}LocalStorage.store expects 2 arguments: key and value`);
    expect(host.error('LocalStorage.store', 1, 2)).toBe(`${fn}Expected byte array`);
    expect(host.error('LocalStorage.store', list(host, int('u8', 1), 2), 2)).toBe(`${fn}Expected U8 at index 1`);
    for (const name of ['LocalStorage.load', 'LocalStorage.retrieve', 'LocalStorage.delete', 'LocalStorage.exists']) {
      expect(host.error(name)).toBe(`Foreign function ${name} failed: ${name} expects 1 argument: key`);
      expect(host.error(name, 'a', 'b')).toBe(`Foreign function ${name} failed: ${name} expects 1 argument: key`);
    }
  });

  it('without a store fails after the arity and key checks', () => {
    const host = new FakeHost();
    for (const name of ['LocalStorage.load', 'LocalStorage.retrieve', 'LocalStorage.delete', 'LocalStorage.exists']) {
      expect(host.error(name, 'k')).toBe(`Foreign function ${name} failed: Local storage is not configured`);
      expect(host.error(name, f(1))).toBe(`Foreign function ${name} failed: Expected byte array`);
    }
    expect(host.error('LocalStorage.store', 'k', 1)).toBe('Foreign function LocalStorage.store failed: Local storage is not configured');
    expect(host.error('LocalStorage.store', 'k')).toBe(
      'Foreign function LocalStorage.store failed: LocalStorage.store expects 2 arguments: key and value',
    );
  });

  it('wraps failures of the backing store with the operation name', () => {
    const failing: LocalStore = {
      get: () => { throw new Error('disk gone'); },
      set: () => { throw new Error('disk full'); },
      delete: () => { throw new Error('locked'); },
      has: () => { throw new Error('offline'); },
    };
    const host = new FakeHost({ storage: failing });
    expect(host.error('LocalStorage.store', 'k', 1)).toBe('Foreign function LocalStorage.store failed: Local storage store value failed: disk full');
    expect(host.error('LocalStorage.load', 'k')).toBe('Foreign function LocalStorage.load failed: Local storage load value failed: disk gone');
    expect(host.error('LocalStorage.delete', 'k')).toBe('Foreign function LocalStorage.delete failed: Local storage delete failed: locked');
    expect(host.error('LocalStorage.exists', 'k')).toBe('Foreign function LocalStorage.exists failed: Local storage exists failed: offline');
  });

  it('reports corrupt stored data as a load failure', () => {
    const store = new MemoryLocalStore();
    const host = new FakeHost({ storage: store });
    store.set(new TextEncoder().encode('bad'), new Uint8Array([1, 2, 3]));
    expect(host.error('LocalStorage.load', 'bad')).toBe(
      'Foreign function LocalStorage.load failed: Local storage load value failed: invalid persistent value data: unknown persistent value format',
    );
  });
});

describe('value codec', () => {
  const heap = () => {
    let next = 100;
    return { nextId: () => next++ };
  };

  it('round-trips every scalar kind exactly', () => {
    const values: Value[] = [undefined, true, false, 0, -1, 2n ** 63n - 1n, -(2n ** 63n), int('i32', -(2 ** 31)),
      int('i16', -32768), int('i8', 127), int('u8', 255), int('u16', 65535), int('u32', 2 ** 32 - 1), int('u64', 0n),
      f(-0), f(Infinity), f(5e-324), '', 'héllo 😀'];
    for (const v of values) expect(decodeValue(encodeValue(v), heap())).toEqual(v);
    expect(Object.is((decodeValue(encodeValue(f(-0)), heap()) as { v: number }).v, -0)).toBe(true);
  });

  it('handles very deep nesting without recursion', () => {
    const h = heap();
    let v: Value = 'leaf';
    for (let i = 0; i < 50_000; i++) {
      const arr = new VmArray(h.nextId());
      arr.items.push(v);
      v = arr;
    }
    let back = decodeValue(encodeValue(v), heap());
    let depth = 0;
    while (back instanceof VmArray) {
      back = back.items[0] as Value;
      depth++;
    }
    expect(depth).toBe(50_000);
    expect(back).toBe('leaf');
  });

  it('rejects truncated, trailing and malformed data', () => {
    const good = encodeValue(new VmInt('u16', 7));
    expect(() => decodeValue(good.slice(0, good.length - 1), heap())).toThrow('invalid persistent value data: unexpected end of data');
    expect(() => decodeValue(new Uint8Array([...good, 0]), heap())).toThrow('persistent value contains trailing bytes');
    const magic = [...good.slice(0, 4)];
    expect(() => decodeValue(new Uint8Array([...magic, 99]), heap())).toThrow('invalid persistent value data: unknown value tag 99');
    expect(() => decodeValue(new Uint8Array([...magic, 10, 2]), heap())).toThrow('invalid persistent value data: invalid boolean byte 2');
    expect(() => decodeValue(new Uint8Array([...magic, 14]), heap())).toThrow('invalid persistent value data: hole outside an array');
    expect(() => decodeValue(new Uint8Array([...magic, 13, 255, 255, 255, 255]), heap())).toThrow(CodecError);
    expect(() => decodeValue(new Uint8Array([...magic, 11, 1, 0, 0, 0, 0xff]), heap())).toThrow(
      'invalid persistent value data: string is not valid UTF-8',
    );
  });
});
