/** resultString: the `Program returned:` format (hooks.md §7.4). */
import { describe, expect, it } from 'vitest';
import { resultString } from '../../runtime/format.js';
import { HOLE, Share, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type Value } from '../../runtime/values.js';
import { arr, obj } from './helpers.js';

const u8 = (v: number) => new VmInt('u8', v);

describe('resultString', () => {
  it('prints scalars without suffixes and strings quoted', () => {
    const cases: [Value, string][] = [
      [42, '42'],
      [2n ** 62n, '4611686018427387904'],
      [new VmInt('i32', 42), '42'],
      [new VmInt('u64', 2n ** 64n - 1n), '18446744073709551615'],
      [new VmFloat(3), '3'],
      [new VmFloat(0.1 + 0.2), '0.30000000000000004'],
      [new VmFloat(NaN), 'NaN'],
      [new VmFloat(-Infinity), '-inf'],
      [new VmFloat(-0), '-0'],
      [false, 'false'],
      ['hi', '"hi"'],
      ['say "x"', '"say "x""'],
      [undefined, '()'],
      [new VmClosure('f', []), 'Function(f)'],
      [new VmForeign(2), 'Foreign(2)'],
      [new Share({ kind: 'uint', bits: 8 }, { key: () => 'k' }), 'Share(SecretUInt { bit_length: 8 })'],
    ];
    for (const [v, text] of cases) expect(resultString(v)).toBe(text);
  });

  it('prints all-U8 arrays as bytes at top level only', () => {
    expect(resultString(arr([u8(10), u8(11), u8(255)]))).toBe('byte[3] 0x0a0bff');
    expect(resultString(arr([u8(0)]))).toBe('byte[1] 0x00');
    expect(resultString(arr([]))).toBe('[]');
    expect(resultString(arr([arr([u8(1), u8(2)])]))).toBe('[[1, 2]]');
    expect(resultString(arr([u8(1), HOLE]))).toBe('[1, ()]');
    expect(resultString(arr([u8(1), new VmInt('u16', 2)]))).toBe('[1, 2]');
  });

  it('matches arrays.expected and objects.expected', () => {
    const a = arr(['x', 20, 30, 40, undefined, HOLE, 70, 80, arr([1, 'two'])]);
    expect(resultString(a)).toBe('["x", 20, 30, 40, (), (), 70, 80, [1, "two"]]');
    expect(resultString(obj({ name: 'vm' }))).toBe('{"name": "vm"}');
  });

  it('shows 64 elements, then the count of the rest', () => {
    const items = Array.from({ length: 66 }, (_, i) => i);
    expect(resultString(arr(items))).toBe(`[${items.slice(0, 64).join(', ')}, ...(2 more)]`);
    expect(resultString(arr(items.slice(0, 64)))).toBe(`[${items.slice(0, 64).join(', ')}]`);
  });

  it('expands to depth 4 and marks array cycles', () => {
    expect(resultString(arr([arr([arr([arr([arr([1])])])])]))).toBe('[[[[[...1 elements]]]]]');
    const a = arr([], 3);
    a.items.push(a, 1);
    expect(resultString(a)).toBe('[Array(3) <cycle>, 1]');
  });

  it('formats objects: keys recursively, at most 64 entries, no marker', () => {
    const o = new VmObject(8);
    o.entries.set('s', { key: 's', value: new VmFloat(1.5) });
    o.entries.set(Symbol.for('i32:1'), { key: new VmInt('i32', 1), value: arr([1]) });
    expect(resultString(o)).toBe('{"s": 1.5, 1: [1]}');
    const big: Record<string, Value> = {};
    for (let i = 0; i < 70; i++) big[`k${i}`] = i;
    const text = resultString(obj(big));
    expect(text.split(': ')).toHaveLength(65);
    expect(text.endsWith('"k63": 63}')).toBe(true);
    expect(resultString(arr([arr([arr([arr([obj(big)])])])]))).toBe('[[[[{...64 fields}]]]]');
    const self = obj({}, 4);
    self.entries.set('me', { key: 'me', value: self });
    expect(resultString(self)).toBe('{"me": {"me": {"me": {"me": {...1 fields}}}}}');
  });
});
