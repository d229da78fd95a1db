/** debugString (semantics.md §2) and printString (builtins-core.md §3.1). */
import { describe, expect, it } from 'vitest';
import { debugString, printString } from '../../runtime/format.js';
import {
  HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type Value,
} from '../../runtime/values.js';
import { arr, obj } from './helpers.js';

const payload = { key: () => 'p' };

describe('debugString', () => {
  it('renders every value kind', () => {
    const cases: [Value, string][] = [
      [42, '42'],
      [-(2n ** 63n), '-9223372036854775808'],
      [new VmInt('i32', 42), '42i32'],
      [new VmInt('i16', -300), '-300i16'],
      [new VmInt('i8', -7), '-7i8'],
      [new VmInt('u8', 7), '7u8'],
      [new VmInt('u16', 65535), '65535u16'],
      [new VmInt('u32', 4294967295), '4294967295u32'],
      [new VmInt('u64', 2n ** 64n - 1n), '18446744073709551615u64'],
      [new VmFloat(1.5), '1.5f64'],
      [new VmFloat(3), '3f64'],
      [new VmFloat(NaN), 'NaNf64'],
      [new VmFloat(Infinity), 'inff64'],
      [new VmFloat(-0), '-0f64'],
      [true, 'true'],
      ['text "with" quotes\n', '"text "with" quotes\n"'],
      [undefined, '()'],
      [new VmObject(3), 'Object(3)'],
      [new VmArray(4), 'Array(4)'],
      [new VmClosure('name', []), 'Function(name)'],
      [new VmForeign(1), 'Foreign(1)'],
      [new Share({ kind: 'int', bits: 64 }, payload), 'Share(SecretInt { bit_length: 64 })'],
      [new Share({ kind: 'uint', bits: 32 }, payload), 'Share(SecretUInt { bit_length: 32 })'],
      [
        new Share({ kind: 'fixed', totalBits: 64, fracBits: 16 }, payload),
        'Share(SecretFixedPoint { precision: FixedPointPrecision { total_bits: 64, fractional_bits: 16 } })',
      ],
    ];
    for (const [v, text] of cases) expect(debugString(v)).toBe(text);
  });

  it('prints the floats.expected constants', () => {
    const line = [1e21, 1e-7, -0, 2, 123456.789, 0.5].map((x) => debugString(new VmFloat(x))).join(' ');
    expect(line).toBe('1000000000000000000000f64 0.0000001f64 -0f64 2f64 123456.789f64 0.5f64');
  });
});

describe('printString', () => {
  it('prints scalars in Debug form and strings raw', () => {
    expect(printString('hello, world')).toBe('hello, world');
    expect(printString(-42)).toBe('-42');
    expect(printString(new VmFloat(2))).toBe('2f64');
    expect(printString(undefined)).toBe('()');
    expect(printString(new VmClosure('helper', [['x', 1]]))).toBe('Function(helper)');
  });

  it('matches print_kinds.expected', () => {
    expect(printString(arr([new VmFloat(1.5), 'a', true, undefined, new VmInt('u8', 7)]))).toBe('[1.5f64, a, true, (), 7u8]');
    expect(printString(arr([arr([arr([arr([1])])])]))).toBe('[[[[...1 elements]]]]');
    expect(printString(arr(Array.from({ length: 17 }, (_, i) => i)))).toBe(
      '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ...(1 more)]',
    );
    expect(printString(obj({ k: arr([1]) }))).toBe('{k: [1]}');
  });

  it('matches arrays.expected and objects.expected lines', () => {
    const nested = arr([1, 'two']);
    const a = arr(['x', 20, 30, 40, undefined, undefined, 70, 80, nested]);
    expect(printString(a)).toBe('[x, 20, 30, 40, (), (), 70, 80, [1, two]]');
    expect(printString(obj({ name: 'vm' }))).toBe('{name: vm}');
    expect(printString(obj({ list: arr([1, 2]) }))).toBe('{list: [1, 2]}');
  });

  it('prints holes as () and empty tables', () => {
    expect(printString(arr([HOLE, 2, HOLE]))).toBe('[(), 2, ()]');
    expect(printString(arr([]))).toBe('[]');
    expect(printString(obj({}))).toBe('{}');
  });

  it('marks cycles, but not repeated non-cyclic references', () => {
    const a = arr([1], 1);
    a.items.push(a);
    expect(printString(a)).toBe('[1, Array(1) <cycle>]');
    const o = obj({}, 2);
    o.entries.set('self', { key: 'self', value: o });
    expect(printString(o)).toBe('{self: Object(2) <cycle>}');
    const shared = arr([1]);
    expect(printString(arr([shared, shared]))).toBe('[[1], [1]]');
    const outer = arr([], 5);
    const inner = obj({ back: outer }, 6);
    outer.items.push(inner);
    expect(printString(outer)).toBe('[{back: Array(5) <cycle>}]');
  });

  it('applies the depth limit to objects and counts their fields', () => {
    expect(printString(arr([arr([arr([obj({ a: 1, b: 2 })])])]))).toBe('[[[{...2 fields}]]]');
    expect(printString(obj({ a: obj({ b: obj({ c: obj({ d: 1 }) }) }) }))).toBe('{a: {b: {c: {...1 fields}}}}');
  });

  it('truncates objects after 16 entries, in insertion order', () => {
    const fields: Record<string, Value> = {};
    for (let i = 0; i < 18; i++) fields[`k${i}`] = i;
    const expected = Array.from({ length: 16 }, (_, i) => `k${i}: ${i}`).join(', ');
    expect(printString(obj(fields))).toBe(`{${expected}, ...(2 more)}`);
  });

  it('formats non-string keys at depth 0', () => {
    const o = new VmObject(7);
    o.entries.set(1, { key: 1, value: 'one' });
    o.entries.set(Symbol.for('i32:1'), { key: new VmInt('i32', 1), value: true });
    const keyArr = arr([1, 2]);
    o.entries.set(keyArr, { key: keyArr, value: undefined });
    expect(printString(o)).toBe('{1: one, 1i32: true, [...2 elements]: ()}');
  });
});
