import { describe, expect, it } from 'vitest';
import { CORE_BUILTINS } from '../../runtime/builtins/index.js';
import { STANDARD_LIBRARY_NAMES } from '../../runtime/builtins/names.js';
import { HOLE, VmArray, VmObject } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

describe('registration', () => {
  it('implements every standard-library name and the engine-free MPC helpers', () => {
    for (const name of STANDARD_LIBRARY_NAMES) expect(CORE_BUILTINS.has(name), name).toBe(true);
    for (const name of ['Bytes.concat', 'Bytes.from_string', 'Crypto.sha256', 'Crypto.sha512', 'Mpc.rand',
      'Mpc.rand_int', 'Mpc.is_ready']) {
      expect(CORE_BUILTINS.has(name), name).toBe(true);
    }
    expect(CORE_BUILTINS.size).toBe(STANDARD_LIBRARY_NAMES.length + 7);
  });
});

describe('create_object / create_array', () => {
  it('allocate ids from one shared counter', () => {
    const host = new FakeHost();
    const a = host.call('create_object') as VmObject;
    const b = host.call('create_array') as VmArray;
    const c = host.call('create_array', 10) as VmArray;
    const d = host.call('create_object', 'ignored', 1) as VmObject;
    expect([a.id, b.id, c.id, d.id]).toEqual([1, 2, 3, 4]);
    expect(a).toBeInstanceOf(VmObject);
    expect(b).toBeInstanceOf(VmArray);
  });

  it('a capacity is a hint, not a length, and must be a non-negative integer', () => {
    const host = new FakeHost();
    expect((host.call('create_array', 10) as VmArray).items.length).toBe(0);
    expect((host.call('create_array', int('u8', 3), 'extra') as VmArray).items.length).toBe(0);
    const msg = 'Foreign function create_array failed: array capacity must be a non-negative integer';
    expect(host.error('create_array', -1)).toBe(msg);
    expect(host.error('create_array', undefined)).toBe(msg);
    expect(host.error('create_array', f(2))).toBe(msg);
    expect(host.error('create_array', 'x')).toBe(msg);
    // Failed calls consume no id.
    expect(host.peekId()).toBe(3);
  });
});

describe('get_field / set_field', () => {
  it('round-trips values and checks arguments', () => {
    const host = new FakeHost();
    const arr = host.call('create_array');
    expect(host.call('set_field', arr, 0, 'a')).toBe(undefined);
    expect(host.call('set_field', arr, 2, 'c', 'extra arg ignored')).toBe(undefined);
    expect(host.call('get_field', arr, 0)).toBe('a');
    expect(host.call('get_field', arr, 1)).toBe(undefined);
    expect(host.call('get_field', arr, -1, 'ignored')).toBe('c');
    expect(host.error('get_field', arr)).toBe(
      'Foreign function get_field failed: get_field expects at least 2 arguments: object and key',
    );
    expect(host.error('get_field', arr, 3)).toBe('Foreign function get_field failed: array index 3 out of range (length 3)');
    expect(host.error('set_field', arr, 0)).toBe(
      'Foreign function set_field failed: set_field expects 3 arguments: object, key, and value',
    );
    expect(host.error('set_field', 'str', 0, 1)).toBe('Foreign function set_field failed: Expected object or array');
    expect(host.error('set_field', 5, 0, 1)).toBe('Foreign function set_field failed: Expected object or array');
    expect(host.error('set_field', arr, -4, 1)).toBe(
      'Foreign function set_field failed: array index -4 out of range (length 3)',
    );
    expect(host.call('get_field', 'héllo', 1)).toBe('é');
    expect(host.call('get_field', 42, 0)).toBe(undefined);
  });

  it('fires table events only when hooks are enabled', () => {
    const quiet = new FakeHost();
    quiet.call('set_field', quiet.call('create_object'), 'k', 1);
    expect(quiet.events).toEqual([]);
    const host = new FakeHost({ hooks: true });
    const obj = host.call('create_object');
    host.call('set_field', obj, 'k', 1);
    host.call('get_field', obj, 'k');
    expect(host.events.map((e) => e.type)).toEqual(['ObjectFieldWrite', 'ObjectFieldRead']);
  });
});

describe('get_or_create_array_field', () => {
  it('creates (consuming an id) only when the slot is missing or Unit', () => {
    const host = new FakeHost();
    const rows = host.call('create_array') as VmArray;
    const row = host.call('get_or_create_array_field', rows, 1) as VmArray;
    expect(row.id).toBe(2);
    expect(rows.items).toEqual([undefined, row]);
    expect(host.call('get_or_create_array_field', rows, 1)).toBe(row);
    expect(host.peekId()).toBe(3);
    expect(host.error('get_or_create_array_field', rows)).toBe(
      'Foreign function get_or_create_array_field failed: get_or_create_array_field expects at least 2 arguments: object and key',
    );
    expect(host.error('get_or_create_array_field', 'x', 0)).toBe(
      'Foreign function get_or_create_array_field failed: Expected object or array',
    );
    host.call('set_field', rows, 0, 5);
    expect(host.error('get_or_create_array_field', rows, 0)).toBe(
      'Foreign function get_or_create_array_field failed: Cannot autovivify nested list through a non-list value',
    );
  });
});

describe('array_length / len', () => {
  it('count array elements (holes included) and string scalar values', () => {
    const host = new FakeHost();
    const arr = host.call('create_array') as VmArray;
    host.call('set_field', arr, 40, 1);
    for (const name of ['array_length', 'len']) {
      expect(host.call(name, arr)).toBe(41);
      expect(host.call(name, 'a😀é')).toBe(3);
      expect(host.call(name, '')).toBe(0);
      expect(host.error(name, host.call('create_object'))).toBe(
        `Foreign function ${name} failed: First argument must be an array or string`,
      );
      expect(host.error(name)).toBe(`Foreign function ${name} failed: ${name} expects 1 argument: array`);
      expect(host.error(name, arr, arr)).toBe(`Foreign function ${name} failed: ${name} expects 1 argument: array`);
    }
    expect(arr.items[5]).toBe(HOLE);
  });
});

describe('array_push / append', () => {
  it('append every value; array_push returns the new length, append Unit', () => {
    const host = new FakeHost();
    const arr = host.call('create_array', 4) as VmArray;
    expect(host.call('array_push', arr, 1)).toBe(1);
    expect(host.call('array_push', arr, 2, 3)).toBe(3);
    expect(host.call('append', arr, 4, 5)).toBe(undefined);
    expect(arr.items).toEqual([1, 2, 3, 4, 5]);
    for (const name of ['array_push', 'append']) {
      expect(host.error(name, arr)).toBe(`Foreign function ${name} failed: ${name} expects at least 2 arguments: array and value`);
      expect(host.error(name, 'x', 1)).toBe(`Foreign function ${name} failed: First argument must be an array`);
    }
  });

  it('pushing past index 32 keeps elements readable', () => {
    const host = new FakeHost();
    const arr = host.call('create_array');
    for (let i = 0; i < 40; i++) host.call('array_push', arr, i * 10);
    expect(host.call('get_field', arr, 35)).toBe(350);
    expect(host.call('len', arr)).toBe(40);
  });
});
