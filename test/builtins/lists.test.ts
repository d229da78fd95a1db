import { describe, expect, it } from 'vitest';
import { HOLE, VmArray, type Value } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

function list(host: FakeHost, ...values: Value[]): VmArray {
  const arr = host.call('create_array') as VmArray;
  values.forEach((v, i) => host.call('set_field', arr, i, v));
  return arr;
}

/** An array of length 41 with only index 40 written (indices 0..39 are holes). */
function holey(host: FakeHost): VmArray {
  const arr = host.call('create_array') as VmArray;
  host.call('set_field', arr, 40, 'end');
  return arr;
}

const units = (n: number): undefined[] => new Array(n).fill(undefined);

describe('array_concat / array_repeat / copy', () => {
  it('array_concat builds a new array (holes as Unit, extra fields dropped)', () => {
    const host = new FakeHost();
    const a = list(host, 1, 2);
    host.call('set_field', a, 'name', 'x');
    const b = holey(host);
    const c = host.call('array_concat', a, b) as VmArray;
    expect(c.id).toBe(3);
    expect(c.items).toEqual([1, 2, ...units(40), 'end']);
    expect(c.extra.size).toBe(0);
    expect(a.items).toEqual([1, 2]);
    expect(host.error('array_concat', a)).toBe(
      'Foreign function array_concat failed: array_concat expects 2 arguments: left array and right array',
    );
    expect(host.error('array_concat', a, b, a)).toBe(
      'Foreign function array_concat failed: array_concat expects 2 arguments: left array and right array',
    );
    expect(host.error('array_concat', 1, b)).toBe('Foreign function array_concat failed: First argument must be an array');
    expect(host.error('array_concat', a, 'b')).toBe('Foreign function array_concat failed: Second argument must be an array');
  });

  it('array_repeat repeats count times (negative → empty), array first', () => {
    const host = new FakeHost();
    const a = list(host, 1, 'x');
    expect((host.call('array_repeat', a, 3) as VmArray).items).toEqual([1, 'x', 1, 'x', 1, 'x']);
    expect((host.call('array_repeat', a, -2) as VmArray).items).toEqual([]);
    expect((host.call('array_repeat', a, int('u8', 1)) as VmArray).items).toEqual([1, 'x']);
    const empty = host.call('create_array');
    expect((host.call('array_repeat', empty, 2n ** 62n) as VmArray).items).toEqual([]);
    expect(host.peekId()).toBe(7);
    expect(host.error('array_repeat', a, f(2))).toBe('Foreign function array_repeat failed: repeat count must be an integer');
    expect(host.error('array_repeat', 3, a)).toBe('Foreign function array_repeat failed: repeat count must be an integer');
    expect(host.error('array_repeat', 'a', 3)).toBe('Foreign function array_repeat failed: First argument must be an array');
    expect(host.error('array_repeat', a, int('u64', 2n ** 63n))).toBe(
      'Foreign function array_repeat failed: repeat count exceeds i64 range',
    );
    expect(host.error('array_repeat', a, 2n ** 62n)).toBe(
      'Foreign function array_repeat failed: array_repeat result length is too large',
    );
    expect(host.error('array_repeat', a)).toBe(
      'Foreign function array_repeat failed: array_repeat expects 2 arguments: array and count',
    );
  });

  it('copy is a new shallow copy of the indices', () => {
    const host = new FakeHost();
    const inner = list(host, 1);
    const a = list(host, inner, 2);
    host.call('set_field', a, 'name', 'x');
    const c = host.call('copy', a) as VmArray;
    expect(c).not.toBe(a);
    expect(c.id).toBe(3);
    expect(c.items).toEqual([inner, 2]);
    expect(c.items[0]).toBe(inner);
    expect(c.extra.size).toBe(0);
    expect((host.call('copy', holey(host)) as VmArray).items).toEqual([...units(40), 'end']);
    expect(host.error('copy', 1)).toBe('Foreign function copy failed: First argument must be an array');
    expect(host.error('copy')).toBe('Foreign function copy failed: copy expects 1 argument: array');
  });
});

describe('equality-based builtins', () => {
  it('array_equals compares element-wise, recursively, by value kind', () => {
    const host = new FakeHost();
    const eq = (a: Value, b: Value) => host.call('array_equals', a, b);
    expect(eq(list(host, 1, 'a', list(host, 2)), list(host, 1, 'a', list(host, 2)))).toBe(true);
    expect(eq(list(host, 1), list(host, int('i32', 1)))).toBe(false);
    expect(eq(list(host, f(NaN)), list(host, f(NaN)))).toBe(true);
    expect(eq(list(host, 1), list(host, 1, 2))).toBe(false);
    expect(eq(list(host, host.call('create_object')), list(host, host.call('create_object')))).toBe(false);
    const a = list(host, 1);
    expect(eq(a, a)).toBe(true);
    expect(host.error('array_equals', a, 1)).toBe('Foreign function array_equals failed: Second argument must be an array');
    expect(host.error('array_equals', a)).toBe(
      'Foreign function array_equals failed: array_equals expects 2 arguments: left array and right array',
    );
  });

  it('count, index, remove, contains use the same equality', () => {
    const host = new FakeHost();
    const a = list(host, 1, int('i32', 1), 1, list(host, 5), 'x');
    expect(host.call('count', a, 1)).toBe(2);
    expect(host.call('count', a, list(host, 5))).toBe(1);
    expect(host.call('count', holey(host), undefined)).toBe(40);
    expect(host.call('index', a, int('i32', 1))).toBe(1);
    expect(host.call('index', a, list(host, 5))).toBe(3);
    expect(host.call('contains', a, 'x')).toBe(true);
    expect(host.call('contains', a, 'y')).toBe(false);
    expect(host.call('contains', a, list(host, 5))).toBe(true);
    host.call('remove', a, 1);
    expect(a.items).toEqual([int('i32', 1), 1, expect.any(VmArray), 'x']);
    expect(host.error('remove', a, 99)).toBe('Foreign function remove failed: value is not in list');
    expect(host.error('count', a)).toBe('Foreign function count failed: count expects 2 arguments: array and value');
    expect(host.error('remove', a)).toBe('Foreign function remove failed: remove expects 2 arguments: array and value');
  });

  it('index honours start/stop (negative += len, clamped, stop ≥ start)', () => {
    const host = new FakeHost();
    const a = list(host, 'a', 'b', 'a', 'b', 'a');
    expect(host.call('index', a, 'a', 1)).toBe(2);
    expect(host.call('index', a, 'a', -2)).toBe(4);
    expect(host.call('index', a, 'b', -100, 2)).toBe(1);
    expect(host.call('index', a, 'a', 3, 100)).toBe(4);
    expect(host.error('index', a, 'a', 3, 4)).toBe('Foreign function index failed: value is not in list');
    expect(host.error('index', a, 'a', 4, 1)).toBe('Foreign function index failed: value is not in list');
    expect(host.error('index', a, 'a', f(1))).toBe('Foreign function index failed: index bound must be an integer, found float');
    expect(host.error('index', a, 'a', 0, 'x')).toBe('Foreign function index failed: index bound must be an integer, found string');
    expect(host.error('index', a, 'a', 0, 1, 2)).toBe(
      'Foreign function index failed: index expects at most 4 arguments: array, value, start, and stop',
    );
    expect(host.error('index', a)).toBe('Foreign function index failed: index expects at least 2 arguments: array and value');
    expect(host.error('index', 'abc', 'a')).toBe('Foreign function index failed: First argument must be an array');
  });

  it('contains on strings and objects, and its errors', () => {
    const host = new FakeHost();
    expect(host.call('contains', 'Stoffel VM', 'l V')).toBe(true);
    expect(host.call('contains', 'Stoffel', 'x')).toBe(false);
    expect(host.call('contains', 'a😀b', '😀')).toBe(true);
    const obj = host.call('create_object');
    host.call('set_field', obj, 'k', undefined);
    expect(host.call('contains', obj, 'k')).toBe(true);
    expect(host.call('contains', obj, 'j')).toBe(false);
    expect(host.error('contains', 'abc', 1)).toBe("Foreign function contains failed: 'in' on a string requires a string operand");
    expect(host.error('contains', 5, 1)).toBe(
      "Foreign function contains failed: 'in' requires a list, dict, or string container, found int64",
    );
    expect(host.error('contains', 'a')).toBe('Foreign function contains failed: contains expects 2 arguments: container and value');
  });
});

describe('extend / pop / insert / delete / clear / reverse', () => {
  it('extend appends a snapshot of the other array', () => {
    const host = new FakeHost();
    const a = list(host, 1, 2);
    expect(host.call('extend', a, a)).toBe(undefined);
    expect(a.items).toEqual([1, 2, 1, 2]);
    expect(host.error('extend', a, 1)).toBe('Foreign function extend failed: Second argument must be an array');
    expect(host.error('extend', a)).toBe('Foreign function extend failed: extend expects 2 arguments: array and values');
  });

  it('pop removes and returns (default last, negative from the end)', () => {
    const host = new FakeHost();
    const a = list(host, 'a', 'b', 'c', 'd');
    expect(host.call('pop', a)).toBe('d');
    expect(host.call('pop', a, 0)).toBe('a');
    expect(host.call('pop', a, -1)).toBe('c');
    expect(a.items).toEqual(['b']);
    expect(host.error('pop', a, 1)).toBe('Foreign function pop failed: list index out of range');
    expect(host.error('pop', a, -2)).toBe('Foreign function pop failed: list index out of range');
    expect(host.error('pop', a, 'x')).toBe('Foreign function pop failed: index must be an integer');
    expect(host.error('pop', a, 0, 1)).toBe('Foreign function pop failed: pop expects at most 2 arguments: array and optional index');
    expect(host.error('pop')).toBe('Foreign function pop failed: pop expects at least 1 argument: array');
    host.call('pop', a);
    expect(host.error('pop', a)).toBe('Foreign function pop failed: pop from empty list');
    expect(host.error('pop', a, 'x')).toBe('Foreign function pop failed: pop from empty list');
  });

  it('rebuilding operations materialize holes as Unit', () => {
    const host = new FakeHost();
    const a = holey(host);
    expect(host.call('pop', a)).toBe('end');
    expect(a.items).toEqual(units(40));
    expect(host.call('get_field', a, 35)).toBe(undefined);
    const b = holey(host);
    host.call('reverse', b);
    expect(b.items).toEqual(['end', ...units(40)]);
    const c = holey(host);
    host.call('insert', c, 0, 'start');
    expect(c.items).toEqual(['start', ...units(40), 'end']);
    const d = holey(host);
    host.call('delete', d, 0);
    expect(d.items.includes(HOLE)).toBe(false);
    expect(d.items.length).toBe(40);
  });

  it('insert clamps the position; delete normalizes like pop', () => {
    const host = new FakeHost();
    const a = list(host, 1, 2, 3);
    host.call('insert', a, 1, 'x');
    host.call('insert', a, -1, 'y');
    host.call('insert', a, 100, 'end');
    host.call('insert', a, -100, 'start');
    expect(a.items).toEqual(['start', 1, 'x', 2, 'y', 3, 'end']);
    expect(host.error('insert', a, f(1), 0)).toBe('Foreign function insert failed: index must be an integer');
    expect(host.error('insert', a, 1)).toBe('Foreign function insert failed: insert expects 3 arguments: array, index, and value');
    host.call('delete', a, -1);
    host.call('delete', a, 0);
    expect(a.items).toEqual([1, 'x', 2, 'y', 3]);
    expect(host.error('delete', a, 5)).toBe('Foreign function delete failed: list index out of range');
    expect(host.error('delete', a, -6)).toBe('Foreign function delete failed: list index out of range');
    expect(host.error('delete', a)).toBe('Foreign function delete failed: delete expects 2 arguments: array and index');
    expect(host.error('delete', a, true)).toBe('Foreign function delete failed: index must be an integer');
  });

  it('clear empties the indices but keeps extra fields; reverse reverses in place', () => {
    const host = new FakeHost();
    const a = list(host, 1, 2, 3);
    host.call('set_field', a, 'name', 'n');
    host.call('reverse', a);
    expect(a.items).toEqual([3, 2, 1]);
    expect(host.call('clear', a)).toBe(undefined);
    expect(host.call('len', a)).toBe(0);
    expect(host.call('get_field', a, 'name')).toBe('n');
    expect(host.error('clear', 1)).toBe('Foreign function clear failed: First argument must be an array');
    expect(host.error('reverse')).toBe('Foreign function reverse failed: reverse expects 1 argument: array');
  });
});
