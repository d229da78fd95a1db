/** valueEquals / plainEquals (semantics.md §2, builtins-core.md array_equals). */
import { describe, expect, it } from 'vitest';
import { plainEquals, valueEquals } from '../../runtime/equality.js';
import { HOLE, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type Value } from '../../runtime/values.js';
import { KINDS, sample, share } from './helpers.js';

function arr(items: (Value | typeof HOLE)[], id: number): VmArray {
  const a = new VmArray(id);
  a.items.push(...items);
  return a;
}

/** An array nested `levels` deep around a 1: levels = 1 is [1]. */
function nested(levels: number, idBase: number): VmArray {
  let v: Value = 1;
  for (let i = 0; i < levels; i++) v = arr([v], idBase + i);
  return v as VmArray;
}

describe('value equality', () => {
  it('distinguishes kinds and compares values within a kind', () => {
    for (const a of KINDS) {
      for (const b of KINDS) {
        // Fresh samples: equal by value, except objects (identity); two empty arrays are element-wise equal.
        const same = a === b && a !== 'object';
        expect(valueEquals(sample(a), sample(b)), `${a} ${b}`).toBe(same);
      }
    }
    expect(valueEquals(1, new VmInt('i32', 1))).toBe(false);
    expect(valueEquals(new VmInt('u64', 5n), new VmInt('u64', 5n))).toBe(true);
    expect(valueEquals(2n ** 60n, 2n ** 60n)).toBe(true);
    expect(valueEquals(3, new VmFloat(3))).toBe(false);
    expect(valueEquals('a', 'a')).toBe(true);
  });

  it('treats NaN as equal to NaN and -0 as equal to 0', () => {
    expect(valueEquals(new VmFloat(NaN), new VmFloat(NaN))).toBe(true);
    expect(valueEquals(new VmFloat(-0), new VmFloat(0))).toBe(true);
    expect(valueEquals(new VmFloat(1), new VmFloat(2))).toBe(false);
  });

  it('compares handles by identity or id', () => {
    const o = new VmObject(1);
    expect(valueEquals(o, o)).toBe(true);
    expect(valueEquals(new VmObject(1), new VmObject(2))).toBe(false);
    expect(valueEquals(new VmForeign(4), new VmForeign(4))).toBe(true);
    expect(valueEquals(new VmForeign(4), new VmForeign(5))).toBe(false);
  });

  it('compares closures by name and captured list', () => {
    const t = new VmObject(3);
    expect(valueEquals(new VmClosure('f', [['x', 1], ['t', t]]), new VmClosure('f', [['x', 1], ['t', t]]))).toBe(true);
    expect(valueEquals(new VmClosure('f', [['x', 1]]), new VmClosure('g', [['x', 1]]))).toBe(false);
    expect(valueEquals(new VmClosure('f', [['x', 1]]), new VmClosure('f', [['y', 1]]))).toBe(false);
    expect(valueEquals(new VmClosure('f', [['x', 1]]), new VmClosure('f', [['x', 2]]))).toBe(false);
    expect(valueEquals(new VmClosure('f', []), new VmClosure('f', [['x', 1]]))).toBe(false);
    // Captured arrays compare by identity (the VM's own Value equality).
    expect(valueEquals(new VmClosure('f', [['a', arr([1], 1)]]), new VmClosure('f', [['a', arr([1], 2)]]))).toBe(false);
  });

  it('compares shares by type and payload key', () => {
    expect(valueEquals(share({ kind: 'int', bits: 64 }, 'a'), share({ kind: 'int', bits: 64 }, 'a'))).toBe(true);
    expect(valueEquals(share({ kind: 'int', bits: 64 }, 'a'), share({ kind: 'int', bits: 64 }, 'b'))).toBe(false);
    expect(valueEquals(share({ kind: 'int', bits: 64 }, 'a'), share({ kind: 'uint', bits: 64 }, 'a'))).toBe(false);
    expect(valueEquals(
      share({ kind: 'fixed', totalBits: 64, fracBits: 16 }, 'a'),
      share({ kind: 'fixed', totalBits: 64, fracBits: 8 }, 'a'),
    )).toBe(false);
  });
});

describe('array equality for builtins', () => {
  it('compares arrays element-wise, recursively', () => {
    expect(valueEquals(arr([1, 'a', arr([2], 3)], 1), arr([1, 'a', arr([2], 4)], 2))).toBe(true);
    expect(valueEquals(arr([1, 2], 1), arr([1], 2))).toBe(false);
    expect(valueEquals(arr([1], 1), arr([new VmInt('i32', 1)], 2))).toBe(false);
    expect(valueEquals(arr([new VmFloat(NaN)], 1), arr([new VmFloat(NaN)], 2))).toBe(true);
    expect(valueEquals(arr([new VmObject(7)], 1), arr([new VmObject(7)], 2))).toBe(false);
    expect(valueEquals(arr([HOLE, 1], 1), arr([undefined, 1], 2))).toBe(true);
  });

  it('treats the same array as equal, also when cyclic', () => {
    const a = arr([], 1);
    a.items.push(a);
    expect(valueEquals(a, a)).toBe(true);
  });

  it('stops at 64 levels of nesting', () => {
    expect(valueEquals(nested(64, 1000), nested(64, 2000))).toBe(true);
    expect(valueEquals(nested(65, 1000), nested(65, 2000))).toBe(false);
    const b = arr([], 2);
    b.items.push(b);
    const c = arr([], 3);
    c.items.push(c);
    expect(valueEquals(b, c)).toBe(false);
  });

  it('plainEquals compares arrays by identity', () => {
    const a = arr([1], 1);
    expect(plainEquals(a, a)).toBe(true);
    expect(plainEquals(a, arr([1], 2))).toBe(false);
  });
});
