/** fromJs / toJs: the public-API value mapping documented in runtime/convert.ts. */
import { describe, expect, it } from 'vitest';
import { fromJs, toJs } from '../../runtime/convert.js';
import type { Heap } from '../../runtime/host.js';
import { HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject } from '../../runtime/values.js';

function heap(): Heap {
  let id = 0;
  return { nextId: () => ++id };
}

describe('fromJs', () => {
  it('maps scalars', () => {
    const h = heap();
    expect(fromJs(42, h)).toBe(42);
    expect(Object.is(fromJs(-0, h), 0)).toBe(true);
    expect(fromJs(1.5, h)).toEqual(new VmFloat(1.5));
    expect(fromJs(2 ** 53, h)).toEqual(new VmFloat(2 ** 53));
    expect(fromJs(NaN, h)).toEqual(new VmFloat(NaN));
    expect(fromJs(5n, h)).toBe(5);
    expect(fromJs(2n ** 63n - 1n, h)).toBe(2n ** 63n - 1n);
    expect(fromJs(true, h)).toBe(true);
    expect(fromJs('s\u{1F600}', h)).toBe('s\u{1F600}');
    expect(fromJs(null, h)).toBeUndefined();
    expect(fromJs(undefined, h)).toBeUndefined();
  });

  it('rejects values that have no VM form', () => {
    const h = heap();
    expect(() => fromJs(2n ** 63n, h)).toThrow('outside the int64 range');
    expect(() => fromJs('\uD800x', h)).toThrow('lone surrogate');
    expect(() => fromJs(() => 1, h)).toThrow('Cannot convert');
    expect(() => fromJs(Symbol('x'), h)).toThrow('Cannot convert');
    expect(() => fromJs(new Date(0), h)).toThrow('plain objects');
  });

  it('builds tables with heap ids, keeping sharing and cycles', () => {
    const h = heap();
    const shared = [1];
    const input: Record<string, unknown> = { a: shared, b: shared, n: { x: 'y' } };
    input['self'] = input;
    const o = fromJs(input, h) as VmObject;
    expect(o).toBeInstanceOf(VmObject);
    expect(o.id).toBe(1);
    expect([...o.entries.keys()]).toEqual(['a', 'b', 'n', 'self']);
    const a = o.entries.get('a')!.value as VmArray;
    expect(a.items).toEqual([1]);
    expect(o.entries.get('b')!.value).toBe(a);
    expect(o.entries.get('self')!.value).toBe(o);
    expect((o.entries.get('n')!.value as VmObject).entries.get('x')).toEqual({ key: 'x', value: 'y' });
  });

  it('passes VM values through', () => {
    const h = heap();
    const v = new VmInt('u8', 3);
    expect(fromJs(v, h)).toBe(v);
    expect(fromJs([v], h)).toEqual(Object.assign(new VmArray(1), { items: [v] }));
  });
});

describe('toJs', () => {
  it('maps scalars', () => {
    expect(toJs(7)).toBe(7);
    expect(toJs(2n ** 60n)).toBe(2n ** 60n);
    expect(toJs(new VmInt('i8', -3))).toBe(-3);
    expect(toJs(new VmInt('u64', 9n))).toBe(9);
    expect(toJs(new VmInt('u64', 2n ** 64n - 1n))).toBe(2n ** 64n - 1n);
    expect(toJs(new VmFloat(2.5))).toBe(2.5);
    expect(toJs(undefined)).toBeUndefined();
    expect(toJs('x')).toBe('x');
  });

  it('converts tables with null-prototype objects, holes and cycles', () => {
    const a = new VmArray(1);
    a.items.push(1, HOLE);
    a.items.push(a);
    const out = toJs(a) as unknown[];
    expect(out[0]).toBe(1);
    expect(out[1]).toBeUndefined();
    expect(out[2]).toBe(out);

    const o = new VmObject(2);
    o.entries.set('__proto__', { key: '__proto__', value: 'p' });
    o.entries.set(1, { key: 1, value: true });
    o.entries.set(Symbol.for('i32:1'), { key: new VmInt('i32', 1), value: false });
    const js = toJs(o) as Record<string, unknown>;
    expect(Object.getPrototypeOf(js)).toBeNull();
    expect(Object.keys(js).sort()).toEqual(['1', '1i32', '__proto__']);
    expect(js['__proto__']).toBe('p');
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
  });

  it('describes closures, foreign handles and shares', () => {
    expect(toJs(new VmClosure('f', [['x', new VmInt('i16', 2)]]))).toEqual({ kind: 'function', name: 'f', upvalues: [['x', 2]] });
    expect(toJs(new VmForeign(3))).toEqual({ kind: 'foreign', id: 3 });
    const s = new Share({ kind: 'int', bits: 1 }, { key: () => 'k' });
    expect(toJs(s)).toEqual({ kind: 'share', type: { kind: 'int', bits: 1 }, share: s });
  });

  it('round-trips plain data', () => {
    const data = { n: 1, f: 0.5, s: 'x', b: false, list: [1, [2, 'three']], big: 2n ** 62n };
    expect(JSON.stringify(toJs(fromJs(data, heap())), (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(
      JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
    );
  });
});
