import { describe, expect, it } from 'vitest';
import { sortValues } from '../../runtime/builtins/sort.js';
import { VmArray, type Value } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

function list(host: FakeHost, ...values: Value[]): VmArray {
  const arr = host.call('create_array') as VmArray;
  values.forEach((v, i) => host.call('set_field', arr, i, v));
  return arr;
}

function items(v: Value): VmArray['items'] {
  expect(v).toBeInstanceOf(VmArray);
  return (v as VmArray).items;
}

describe('sort', () => {
  it('orders numbers across kinds exactly, floats in f64', () => {
    const host = new FakeHost();
    const a = list(host, 3, int('u8', 2), f(2.5), -1, int('u64', 2n ** 64n - 1n), int('i8', -128), f(-0.5));
    expect(host.call('sort', a)).toBe(undefined);
    expect(a.items).toEqual([int('i8', -128), -1, f(-0.5), int('u8', 2), f(2.5), 3, int('u64', 2n ** 64n - 1n)]);
  });

  it('compares signed and unsigned integers exactly beyond 2^53', () => {
    const host = new FakeHost();
    const big = 2n ** 60n + 1n;
    const a = list(host, int('u64', big), big - 1n, -5, int('u64', 0n));
    host.call('sort', a);
    expect(a.items).toEqual([-5, int('u64', 0n), big - 1n, int('u64', big)]);
  });

  it('is stable where the f64 conversion makes values equal', () => {
    const host = new FakeHost();
    // 2^53 + 1 converts to 2^53 in f64, so it ties with Float(2^53) and keeps its position.
    const a = list(host, 2 ** 53 + 2, 9007199254740993n, f(2 ** 53), 1);
    host.call('sort', a);
    expect(a.items).toEqual([1, 9007199254740993n, f(2 ** 53), 2 ** 53 + 2]);
  });

  it('sorts strings by code points and bools false < true', () => {
    const host = new FakeHost();
    const s = list(host, 'b', '😀', '\uFFFD', 'a', 'B', '');
    host.call('sort', s);
    expect(s.items).toEqual(['', 'B', 'a', 'b', '\uFFFD', '😀']);
    const b = list(host, true, false, true);
    host.call('sort', b);
    expect(b.items).toEqual([false, true, true]);
  });

  it('rejects incomparable pairs and NaN, leaving the array unchanged', () => {
    const host = new FakeHost();
    const mixed = list(host, 1, 'a');
    expect(host.error('sort', mixed)).toBe('Foreign function sort failed: list sort does not support comparing string and int64');
    expect(mixed.items).toEqual([1, 'a']);
    expect(host.error('sort', list(host, f(NaN), 1))).toBe('Foreign function sort failed: list sort does not support NaN values');
    expect(host.error('sort', list(host, undefined, undefined))).toBe(
      'Foreign function sort failed: list sort does not support comparing nil and nil',
    );
    // A single element is never compared.
    const one = list(host, f(NaN));
    host.call('sort', one);
    expect(one.items).toEqual([f(NaN)]);
    expect(host.error('sort', 'abc')).toBe('Foreign function sort failed: First argument must be an array');
    expect(host.error('sort')).toBe('Foreign function sort failed: sort expects 1 argument: array');
  });

  it('materializes holes before comparing them', () => {
    const host = new FakeHost();
    const a = host.call('create_array');
    host.call('set_field', a, 40, 1);
    expect(host.error('sort', a)).toBe('Foreign function sort failed: list sort does not support comparing nil and nil');
  });

  it('long arrays sort like a stable sort by the same order', () => {
    const values: Value[] = [];
    let seed = 12345;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const n = seed % 50;
      values.push(i % 3 === 0 ? f(n + 0.5) : i % 3 === 1 ? n : int('u16', n));
    }
    const expected = values
      .map((v, i) => ({ v, i, key: typeof v === 'number' ? v : (v as { v: number }).v }))
      .sort((x, y) => x.key - y.key || x.i - y.i)
      .map((e) => e.v);
    sortValues(values);
    expect(values).toEqual(expected);
  });
});

describe('range', () => {
  it('follows Python range and allocates one id', () => {
    const host = new FakeHost();
    expect(items(host.call('range', 0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(items(host.call('range', 5, -1, -2))).toEqual([5, 3, 1]);
    expect(items(host.call('range', 1, 10, 3))).toEqual([1, 4, 7]);
    expect(items(host.call('range', 5, 0))).toEqual([]);
    expect(items(host.call('range', 0, 5, -1))).toEqual([]);
    expect(items(host.call('range', int('u8', 2), int('i32', 4)))).toEqual([2, 3]);
    expect(host.peekId()).toBe(7);
  });

  it('produces exact I64 values near the limits', () => {
    const host = new FakeHost();
    expect(items(host.call('range', I64_MAX - 3n, I64_MAX - 1n))).toEqual([I64_MAX - 3n, I64_MAX - 2n]);
    expect(items(host.call('range', I64_MIN + 2n, I64_MIN, -1))).toEqual([I64_MIN + 2n, I64_MIN + 1n]);
    expect(items(host.call('range', 2 ** 53 - 2, 2n ** 53n + 1n))).toEqual([2 ** 53 - 2, 2 ** 53 - 1, 2n ** 53n]);
  });

  it('adds the step once more after the last element (overflow quirk)', () => {
    const host = new FakeHost();
    expect(host.error('range', I64_MAX - 1n, I64_MAX, 2)).toBe('Foreign function range failed: range value overflowed i64');
    expect(host.error('range', I64_MIN + 1n, I64_MIN, -2)).toBe('Foreign function range failed: range value overflowed i64');
    expect(items(host.call('range', I64_MAX - 2n, I64_MAX - 1n, 1))).toEqual([I64_MAX - 2n]);
    expect(items(host.call('range', I64_MAX, 0))).toEqual([]);
    expect(items(host.call('range', I64_MIN + 1n, I64_MIN, -1))).toEqual([I64_MIN + 1n]);
  });

  it('checks its arguments', () => {
    const host = new FakeHost();
    expect(host.error('range', 1)).toBe('Foreign function range failed: range expects at least 2 arguments: start and stop');
    expect(host.error('range', 1, 2, 3, 4)).toBe(
      'Foreign function range failed: range expects at most 3 arguments: start, stop, and step',
    );
    expect(host.error('range', f(1), 2)).toBe('Foreign function range failed: range start must be an integer');
    expect(host.error('range', 1, 'x')).toBe('Foreign function range failed: range stop must be an integer');
    expect(host.error('range', 1, 2, true)).toBe('Foreign function range failed: range step must be an integer');
    expect(host.error('range', int('u64', 2n ** 63n), 2)).toBe('Foreign function range failed: range start exceeds i64 range');
    expect(host.error('range', 1, 2, 0)).toBe('Foreign function range failed: range step argument must not be zero');
    expect(host.error('range', 0, I64_MAX)).toBe('Foreign function range failed: range length is too large');
  });
});

describe('slice', () => {
  const MAX = I64_MAX; // the compiler's "omitted" bound

  it('reproduces the reference examples', () => {
    const host = new FakeHost();
    const a = list(host, 0, 1, 2, 3, 4, 5);
    expect(items(host.call('slice', a, MAX, MAX, 2))).toEqual([0, 2, 4]);
    expect(items(host.call('slice', a, 4, 1, -2))).toEqual([4, 2]);
    expect(items(host.call('slice', a, -3, MAX))).toEqual([3, 4, 5]);
    expect(host.call('slice', 'abcdef', MAX, MAX, -2)).toBe('fdb');
    expect(host.call('slice', 'abcdef', 1, 5, 2)).toBe('bd');
  });

  it('clamps bounds and treats Unit and i64::MAX as omitted', () => {
    const host = new FakeHost();
    const a = list(host, 0, 1, 2, 3, 4, 5);
    expect(items(host.call('slice', a, undefined, undefined))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(items(host.call('slice', a, -100, 100))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(items(host.call('slice', a, 100, -100, -1))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(items(host.call('slice', a, MAX, 2, -1))).toEqual([5, 4, 3]);
    expect(items(host.call('slice', a, 4, 2))).toEqual([]);
    expect(items(host.call('slice', a, 1, 3, undefined))).toEqual([1, 2]);
    expect(items(host.call('slice', a, 0, MAX, 2n ** 62n))).toEqual([0]);
    expect(items(host.call('slice', a, int('i8', -2), int('u8', 6)))).toEqual([4, 5]);
    expect(host.call('slice', 'a😀bc', 1, 3)).toBe('😀b');
    expect(host.call('slice', 'a😀bc', MAX, MAX, -1)).toBe('cb😀a');
  });

  it('returns a new array (one id) and reads holes as Unit', () => {
    const host = new FakeHost();
    const a = host.call('create_array');
    host.call('set_field', a, 40, 'end');
    const s = host.call('slice', a, 38, MAX) as VmArray;
    expect(s.id).toBe(2);
    expect(s.items).toEqual([undefined, undefined, 'end']);
  });

  it('checks its arguments', () => {
    const host = new FakeHost();
    const a = list(host, 1, 2);
    expect(host.error('slice', a, 0)).toBe('Foreign function slice failed: slice expects at least 3 arguments: value, start, and stop');
    expect(host.error('slice', a, 0, 1, 1, 1)).toBe(
      'Foreign function slice failed: slice expects at most 4 arguments: value, start, stop, and step',
    );
    expect(host.error('slice', 5, 0, 1)).toBe('Foreign function slice failed: slice requires a list or string, found int64');
    expect(host.error('slice', host.call('create_object'), 0, 1)).toBe(
      'Foreign function slice failed: slice requires a list or string, found object',
    );
    expect(host.error('slice', a, 0, 1, 0)).toBe('Foreign function slice failed: slice step cannot be zero');
    expect(host.error('slice', a, f(0), 1)).toBe('Foreign function slice failed: slice start must be an integer, found float');
    expect(host.error('slice', a, 0, 'x')).toBe('Foreign function slice failed: slice stop must be an integer, found string');
    expect(host.error('slice', a, 0, 1, f(1))).toBe('Foreign function slice failed: slice step must be an integer, found float');
  });
});
