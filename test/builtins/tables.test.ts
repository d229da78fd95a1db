import { describe, expect, it } from 'vitest';
import { BuiltinError } from '../../runtime/errors.js';
import type { HookEvent } from '../../runtime/hooks.js';
import {
  arrayRead, arrayValues, arrayWrite, createArray, createObject, getField, getOrCreateArrayField, normalizeArrayKey, setField, tableKey,
} from '../../runtime/tables.js';
import { HOLE, Share, VmArray, VmClosure, VmForeign, VmObject, type Value } from '../../runtime/values.js';
import { f, int } from './fake-host.js';

function heap() {
  let next = 1;
  return { nextId: () => next++ };
}

function arrayFrom(values: Value[]): VmArray {
  const arr = createArray(heap());
  values.forEach((v, i) => setField(arr, i, v, null));
  return arr;
}

function readError(target: Value, key: Value): string {
  try {
    getField(target, key, null);
  } catch (err) {
    expect(err).toBeInstanceOf(BuiltinError);
    return (err as Error).message;
  }
  throw new Error('expected the read to fail');
}

describe('tableKey', () => {
  it('maps primitives to themselves and tables/foreign handles to their identity', () => {
    const h = heap();
    const arr = createArray(h);
    const obj = createObject(h);
    const foreign = new VmForeign(1);
    expect(tableKey('__type')).toBe('__type');
    expect(tableKey(5)).toBe(5);
    expect(tableKey(2n ** 60n)).toBe(2n ** 60n);
    expect(tableKey(true)).toBe(true);
    expect(tableKey(undefined)).toBe(undefined);
    expect(tableKey(arr)).toBe(arr);
    expect(tableKey(obj)).toBe(obj);
    expect(tableKey(foreign)).toBe(foreign);
  });

  it('gives narrow ints, floats, closures and shares canonical symbols', () => {
    expect(typeof tableKey(int('i32', 1))).toBe('symbol');
    expect(tableKey(int('i32', 1))).toBe(tableKey(int('i32', 1)));
    expect(tableKey(int('i32', 1))).not.toBe(tableKey(int('i16', 1)));
    expect(tableKey(int('u64', 5n))).toBe(tableKey(int('u64', 5n)));
    expect(tableKey(f(NaN))).toBe(tableKey(f(-NaN)));
    expect(tableKey(f(-0))).toBe(tableKey(f(0)));
    expect(tableKey(f(1.5))).not.toBe(tableKey(f(1.25)));
    expect(tableKey(f(1))).not.toBe(tableKey(1));
    const c1 = new VmClosure('g', [['x', 1]]);
    const c2 = new VmClosure('g', [['x', 1]]);
    expect(tableKey(c1)).toBe(tableKey(c2));
    expect(tableKey(c1)).not.toBe(tableKey(new VmClosure('g', [['x', 2]])));
    expect(tableKey(c1)).not.toBe(tableKey(new VmClosure('g', [['x', '1']])));
    const payload = { key: () => 'p1' };
    const s1 = new Share({ kind: 'int', bits: 64 }, payload);
    expect(tableKey(s1)).toBe(tableKey(new Share({ kind: 'int', bits: 64 }, { key: () => 'p1' })));
    expect(tableKey(s1)).not.toBe(tableKey(new Share({ kind: 'int', bits: 32 }, payload)));
  });

  it('keeps "1", I64 1 and I32 1 distinct object keys', () => {
    const obj = createObject(heap());
    setField(obj, '1', 'string key', null);
    setField(obj, 1, 'int key', null);
    expect(getField(obj, '1', null)).toBe('string key');
    expect(getField(obj, 1, null)).toBe('int key');
    expect(getField(obj, int('i32', 1), null)).toBe(undefined);
    expect(obj.entries.get('1')?.value).toBe('string key');
  });
});

describe('array holes (dense below 32, sparse above)', () => {
  it('writing only index 40 gives length 41 and holes at 5 and 35', () => {
    const arr = createArray(heap());
    setField(arr, 40, 'x', null);
    expect(arr.items.length).toBe(41);
    expect(getField(arr, 40, null)).toBe('x');
    expect(readError(arr, 5)).toBe('array index 5 out of range (length 41)');
    expect(readError(arr, 35)).toBe('array index 35 out of range (length 41)');
    expect(arrayValues(arr)[5]).toBe(undefined);
  });

  it('writing only index 10 turns the gap below into Unit', () => {
    const arr = createArray(heap());
    setField(arr, 10, 'x', null);
    expect(arr.items.length).toBe(11);
    expect(getField(arr, 3, null)).toBe(undefined);
    expect(arr.items.includes(HOLE)).toBe(false);
  });

  it('a later write below 32 fills the holes under it only', () => {
    const arr = createArray(heap());
    setField(arr, 40, 'x', null);
    setField(arr, 10, 'y', null);
    expect(getField(arr, 3, null)).toBe(undefined);
    expect(getField(arr, 10, null)).toBe('y');
    expect(readError(arr, 20)).toBe('array index 20 out of range (length 41)');
    expect(readError(arr, 35)).toBe('array index 35 out of range (length 41)');
    setField(arr, 35, 'z', null);
    expect(getField(arr, 35, null)).toBe('z');
    expect(readError(arr, 34)).toBe('array index 34 out of range (length 41)');
  });

  it('a gap from a write below 32 to index 33 leaves 31 and 32 as holes', () => {
    const arr = arrayFrom([0, 1, 2]);
    setField(arr, 33, 'x', null);
    expect(arr.items.length).toBe(34);
    expect(readError(arr, 3)).toBe('array index 3 out of range (length 34)');
    expect(readError(arr, 31)).toBe('array index 31 out of range (length 34)');
    expect(getField(arr, 2, null)).toBe(2);
  });

  it('arrayRead / arrayWrite (the compiled-code entry points) follow the same rules', () => {
    const arr = createArray(heap());
    arrayWrite(arr, 40, 'x');
    arrayWrite(arr, 2, 'y');
    expect(arrayRead(arr, 40)).toBe('x');
    expect(arrayRead(arr, 1)).toBe(undefined);
    expect(() => arrayRead(arr, 3)).toThrow('array index 3 out of range (length 41)');
    expect(() => arrayRead(arr, 41)).toThrow('array index 41 out of range (length 41)');
  });

  it('reading at or beyond the length is out of range', () => {
    const arr = arrayFrom([10, 20, 30]);
    expect(readError(arr, 3)).toBe('array index 3 out of range (length 3)');
    expect(readError(arr, 2n ** 62n)).toBe(`array index ${2n ** 62n} out of range (length 3)`);
    expect(readError(createArray(heap()), 0)).toBe('array index 0 out of range (length 0)');
  });

  it('refuses to build an array beyond the runtime limit instead of exhausting memory', () => {
    const arr = createArray(heap());
    expect(() => setField(arr, 2n ** 62n, 1, null)).toThrow(
      `array length ${2n ** 62n + 1n} exceeds the supported maximum of ${2 ** 27}`,
    );
    expect(() => setField(arr, 2 ** 27, 1, null)).toThrow(BuiltinError);
    expect(arr.items.length).toBe(0);
  });
});

describe('index normalization and extra fields', () => {
  it('negative integers of any kind count from the end', () => {
    const arr = arrayFrom([10, 20, 30]);
    expect(getField(arr, -1, null)).toBe(30);
    expect(getField(arr, -3, null)).toBe(10);
    expect(getField(arr, int('i8', -2), null)).toBe(20);
    expect(normalizeArrayKey(arr, int('i32', -1))).toBe(2);
    expect(readError(arr, -4)).toBe('array index -4 out of range (length 3)');
    expect(readError(arr, int('i16', -5))).toBe('array index -5 out of range (length 3)');
    expect(readError(arr, -(2n ** 60n))).toBe(`array index ${-(2n ** 60n)} out of range (length 3)`);
    setField(arr, -1, 'last', null);
    expect(getField(arr, 2, null)).toBe('last');
    expect(() => setField(arr, -9, 'x', null)).toThrow('array index -9 out of range (length 3)');
  });

  it('non-negative non-I64 integers go to the extra-field map and miss (official quirk)', () => {
    const arr = arrayFrom([10, 20, 30]);
    expect(readError(arr, int('i32', 1))).toBe('array index 1 out of range (length 3)');
    expect(readError(arr, int('u8', 0))).toBe('array index 0 out of range (length 3)');
    expect(readError(arr, int('u64', 2n ** 63n))).toBe(`array index ${2n ** 63n} out of range (length 3)`);
    setField(arr, int('u8', 0), 'extra', null);
    expect(arr.items.length).toBe(3);
    expect(getField(arr, int('u8', 0), null)).toBe('extra');
    expect(getField(arr, 0, null)).toBe(10);
  });

  it('other keys are extra fields: missing ones read as Unit and never change the length', () => {
    const arr = arrayFrom([1]);
    expect(getField(arr, 'name', null)).toBe(undefined);
    expect(getField(arr, f(0.5), null)).toBe(undefined);
    setField(arr, 'name', 'v', null);
    setField(arr, true, 'b', null);
    setField(arr, undefined, 'u', null);
    expect(getField(arr, 'name', null)).toBe('v');
    expect(getField(arr, true, null)).toBe('b');
    expect(getField(arr, undefined, null)).toBe('u');
    expect(arr.items.length).toBe(1);
  });
});

describe('getField on other targets', () => {
  it('objects: missing keys and stored Unit both read as Unit', () => {
    const obj = createObject(heap());
    setField(obj, 'a', undefined, null);
    expect(getField(obj, 'a', null)).toBe(undefined);
    expect(getField(obj, 'b', null)).toBe(undefined);
  });

  it('non-tables read as Unit', () => {
    for (const target of [undefined, 5, f(1), true, new VmClosure('g', []), int('u8', 1)] as Value[]) {
      expect(getField(target, 0, null)).toBe(undefined);
    }
  });

  it('strings are indexed by Unicode scalar values', () => {
    expect(getField('héllo', 1, null)).toBe('é');
    expect(getField('a😀b', 1, null)).toBe('😀');
    expect(getField('a😀b', 2, null)).toBe('b');
    expect(getField('a😀b', -1, null)).toBe('b');
    expect(getField('abc', int('u8', 0), null)).toBe('a');
    expect(readError('a😀b', 3)).toBe('string index 3 out of range (length 3)');
    expect(readError('abc', -4)).toBe('string index -4 out of range (length 3)');
    expect(readError('abc', 'x')).toBe('string index must be an integer, found string');
    expect(readError('abc', f(1))).toBe('string index must be an integer, found float');
  });
});

describe('hook events', () => {
  it('reads report the normalized key and the value read', () => {
    const events: HookEvent[] = [];
    const emit = (e: HookEvent) => events.push(e);
    const arr = arrayFrom([10, 20, 30]);
    const obj = createObject(heap());
    expect(getField(arr, -1, emit)).toBe(30);
    expect(getField(arr, 0, emit)).toBe(10);
    expect(getField(obj, 'k', emit)).toBe(undefined);
    expect(getField(arr, 'missing', emit)).toBe(undefined);
    getField('abc', 0, emit);
    expect(events).toEqual([
      { type: 'ArrayElementRead', table: arr, key: 2, value: 30 },
      { type: 'ArrayElementRead', table: arr, key: 0, value: 10 },
      { type: 'ObjectFieldRead', table: obj, key: 'k', value: undefined },
      { type: 'ArrayElementRead', table: arr, key: 'missing', value: undefined },
    ]);
  });

  it('failed reads report nothing; writes report the old value (Unit when absent)', () => {
    const events: HookEvent[] = [];
    const emit = (e: HookEvent) => events.push(e);
    const arr = arrayFrom([10]);
    const obj = createObject(heap());
    expect(() => getField(arr, 5, emit)).toThrow('array index 5 out of range (length 1)');
    setField(arr, -1, 11, emit);
    setField(arr, 40, 'far', emit);
    setField(obj, 'k', 1, emit);
    setField(obj, 'k', 2, emit);
    expect(events).toEqual([
      { type: 'ArrayElementWrite', table: arr, key: 0, previous: 10, value: 11 },
      { type: 'ArrayElementWrite', table: arr, key: 40, previous: undefined, value: 'far' },
      { type: 'ObjectFieldWrite', table: obj, key: 'k', previous: undefined, value: 1 },
      { type: 'ObjectFieldWrite', table: obj, key: 'k', previous: 1, value: 2 },
    ]);
  });
});

describe('getOrCreateArrayField', () => {
  it('returns an existing table, creates an array for a missing or Unit slot', () => {
    const h = heap();
    const obj = createObject(h);
    const inner = createObject(h);
    setField(obj, 'o', inner, null);
    setField(obj, 'u', undefined, null);
    expect(getOrCreateArrayField(h, obj, 'o')).toBe(inner);
    const created = getOrCreateArrayField(h, obj, 'u');
    expect(created).toBeInstanceOf(VmArray);
    expect(created.id).toBe(3);
    expect(getField(obj, 'u', null)).toBe(created);
    const fresh = getOrCreateArrayField(h, obj, 'new');
    expect(fresh.id).toBe(4);
    expect(getOrCreateArrayField(h, obj, 'new')).toBe(fresh);
  });

  it('extends arrays, normalizes negative keys and refuses non-list values', () => {
    const h = heap();
    const arr = createArray(h);
    const row = getOrCreateArrayField(h, arr, 2);
    expect(arr.items.length).toBe(3);
    expect(getField(arr, 2, null)).toBe(row);
    expect(getField(arr, 0, null)).toBe(undefined);
    expect(getOrCreateArrayField(h, arr, -1)).toBe(row);
    setField(arr, 0, 7, null);
    expect(() => getOrCreateArrayField(h, arr, 0)).toThrow('Cannot autovivify nested list through a non-list value');
    expect(() => getOrCreateArrayField(h, arr, -4)).toThrow('array index -4 out of range (length 3)');
    expect(getOrCreateArrayField(h, arr, 40)).toBeInstanceOf(VmArray);
    expect(arr.items.length).toBe(41);
    expect(arr.items[35]).toBe(HOLE);
  });

  it('objects are VmObject tables', () => {
    expect(createObject(heap())).toBeInstanceOf(VmObject);
  });
});
