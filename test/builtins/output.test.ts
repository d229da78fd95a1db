import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VmArray, VmClosure, VmForeign, Share, type Value } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

const HANDMADE = join(import.meta.dirname, '../../../shared/fixtures/handmade');

/** The printed lines of a handmade fixture (everything before the `Program returned:` / `error:` line). */
function fixtureLines(name: string): string[] {
  const lines = readFileSync(join(HANDMADE, `${name}.expected`), 'utf8').split('\n');
  const end = lines.findIndex((l) => l.startsWith('Program returned:') || l.startsWith('error:'));
  return lines.slice(0, end);
}

function list(host: FakeHost, ...values: Value[]): VmArray {
  const arr = host.call('create_array') as VmArray;
  for (const v of values) host.call('array_push', arr, v);
  return arr;
}

describe('print', () => {
  it('prints every value kind like the print_kinds fixture', () => {
    const host = new FakeHost();
    for (const v of [-42, int('i32', 7), int('i16', -300), int('i8', -7), int('u8', 255), int('u16', 65535),
      int('u32', 4294967295), int('u64', 18446744073709551615n), f(2), f(1.5), true, false, 'hello, world', undefined]) {
      expect(host.call('print', v)).toBe(undefined);
    }
    host.call('print', 'a', 1, f(2.5), true, undefined);
    host.call('print');
    host.call('print', list(host, f(1.5), 'a', true, undefined, int('u8', 7)));
    host.call('print', list(host, list(host, list(host, list(host, 1)))), 'end');
    const seventeen = host.call('range', 0, 17);
    host.call('print', seventeen);
    const obj = host.call('create_object');
    host.call('set_field', obj, 'k', list(host, 1));
    host.call('print', obj);
    host.call('print', new VmClosure('helper', []));
    expect(host.lines).toEqual(fixtureLines('print_kinds'));
  });

  it('reproduces the arrays fixture (capacity, push/append results, holes, aliasing, nesting)', () => {
    const host = new FakeHost();
    const a = host.call('create_array', 8);
    host.call('print', 'len after create', host.call('len', a));
    host.call('print', host.call('array_push', a, 10), host.call('array_push', a, 20, 30), host.call('append', a, 40));
    host.call('print', host.call('len', a), host.call('array_length', a), a);
    host.call('print', host.call('get_field', a, -1), host.call('get_field', a, 1));
    host.call('set_field', a, 6, 70);
    host.call('print', host.call('len', a), host.call('get_field', a, 5), a);
    const alias = a;
    host.call('set_field', alias, 0, 'x');
    host.call('array_push', alias, 80);
    host.call('array_push', alias, list(host, 1, 'two'));
    host.call('print', host.call('len', a), a);
    expect(host.lines).toEqual(fixtureLines('arrays'));
  });

  it('reproduces the objects, strings, type_kinds and assert_ok fixture lines', () => {
    const host = new FakeHost();
    const o = host.call('create_object');
    host.call('set_field', o, 'name', 'stoffel');
    host.call('print', host.call('get_field', o, 'missing'), host.call('get_field', o, 'name'), host.call('get_field', 5, 'x'));
    host.call('set_field', o, 'name', 'vm');
    host.call('print', o);
    const keys = host.call('create_object');
    host.call('set_field', keys, 1, 'int key');
    host.call('set_field', keys, '1', 'string key');
    host.call('print', host.call('get_field', keys, 1), host.call('get_field', keys, '1'), host.call('get_field', keys, int('i32', 1)));
    const holder = host.call('create_object');
    const l = list(host, 1, 2);
    host.call('print', host.call('get_field', holder, 'list'), l, (host.call('set_field', holder, 'list', l), holder));
    expect(host.lines).toEqual(fixtureLines('objects'));

    const s = new FakeHost();
    s.call('print', 'Stoffel' + 'VM');
    s.call('print', s.call('create_array'));
    s.call('print', s.call('len', 'héllo'), s.call('get_field', 'héllo', 1), s.call('get_field', 'héllo', -1));
    s.call('print', s.call('len', 'a😀b'), s.call('get_field', 'a😀b', 1));
    s.call('print', 'Stoffel VM');
    s.call('print', 'say "hi"');
    expect(s.lines).toEqual(fixtureLines('strings'));

    const t = new FakeHost();
    for (const v of [1, int('i32', 1), int('i16', 1), int('i8', 1), int('u8', 1), int('u16', 1), int('u32', 1),
      int('u64', 1n), f(1), true, 's', undefined, t.call('create_array'), t.call('create_object'), new VmClosure('main', [])]) {
      t.call('print', v, t.call('type', v));
    }
    expect(t.lines).toEqual(fixtureLines('type_kinds'));

    const a = new FakeHost();
    a.call('print', a.call('assert', true), a.call('assert', true, 'not shown'), true);
    a.call('print', 'asserts passed');
    expect(a.lines).toEqual(fixtureLines('assert_ok'));
  });

  it('formats cycles, depth limits, object limits and other kinds', () => {
    const host = new FakeHost();
    const a = list(host, 1);
    host.call('array_push', a, a);
    host.call('print', a);
    const o = host.call('create_object');
    host.call('set_field', o, 'self', o);
    host.call('print', o);
    host.call('print', new VmForeign(3), new Share({ kind: 'int', bits: 64 }, { key: () => 'k' }), f(-0), f(1e21));
    expect(host.lines).toEqual([
      '[1, Array(1) <cycle>]',
      `{self: Object(${(o as { id: number }).id}) <cycle>}`,
      'Foreign(3) Share(SecretInt { bit_length: 64 }) -0f64 1000000000000000000000f64',
    ]);
  });
});

describe('to_string / type / assert', () => {
  it('to_string is the print format', () => {
    const host = new FakeHost();
    expect(host.call('to_string', f(1.5))).toBe('1.5f64');
    expect(host.call('to_string', 'x')).toBe('x');
    expect(host.call('to_string', list(host, 'a', int('u8', 1)))).toBe('[a, 1u8]');
    expect(host.error('to_string')).toBe('Foreign function to_string failed: to_string expects 1 argument');
    expect(host.error('to_string', 1, 2)).toBe('Foreign function to_string failed: to_string expects 1 argument');
  });

  it('type names every kind', () => {
    const host = new FakeHost();
    expect(host.call('type', new VmForeign(1))).toBe('cffi_function');
    expect(host.call('type', new Share({ kind: 'int', bits: 64 }, { key: () => 'k' }))).toBe('share');
    expect(host.call('type', 2n ** 60n)).toBe('int64');
    const shareObject = host.call('create_object');
    host.call('set_field', shareObject, '__type', 'Share');
    expect(host.call('type', shareObject)).toBe('object');
    expect(host.error('type')).toBe('Foreign function type failed: type expects 1 argument');
  });

  it('assert fails with the message, or a default, and checks the condition type', () => {
    const host = new FakeHost();
    expect(host.call('assert', true, 'm', 'extra')).toBe(undefined);
    expect(host.error('assert', false)).toBe('Foreign function assert failed: assertion failed');
    expect(host.error('assert', false, 'boom')).toBe('Foreign function assert failed: boom');
    expect(host.error('assert', false, 42)).toBe('Foreign function assert failed: assertion failed');
    expect(host.error('assert', 1)).toBe('Foreign function assert failed: assert condition must be a bool, found int64');
    expect(host.error('assert')).toBe('Foreign function assert failed: assert expects 1 or 2 arguments: condition and optional message');
  });
});
