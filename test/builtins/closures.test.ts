import { describe, expect, it } from 'vitest';
import { VmArray, VmClosure, type Value } from '../../runtime/values.js';
import { FakeHost, type FakeFunction } from './fake-host.js';

/** The closure_counter shape: `increment(by)` adds `by` to its captured `count` and returns it. */
const increment: FakeFunction = {
  params: ['by'],
  body: (host) => {
    const next = (host.call('get_upvalue', 'count') as number) + (host.top.locals.get('by') as number);
    host.call('set_upvalue', 'count', next);
    return host.call('get_upvalue', 'count');
  },
};

describe('create_closure', () => {
  it('captures by dynamic name lookup: parameters first, then upvalues, top frame down', () => {
    const host = new FakeHost();
    host.frames.push({ locals: new Map<string, Value>([['start', 10]]), upvalues: [['limit', 99]] });
    host.frames.push({ locals: new Map<string, Value>([['x', 'inner']]), upvalues: [['start', 'shadowed?']] });
    const c = host.call('create_closure', 'f', 'x', 'start', 'limit') as VmClosure;
    expect(c).toBeInstanceOf(VmClosure);
    expect(c.fn).toBe('f');
    // The top frame's upvalue `start` is found before the lower frame's parameter.
    expect(c.upvalues).toEqual([['x', 'inner'], ['start', 'shadowed?'], ['limit', 99]]);
    expect((host.call('create_closure', 'g') as VmClosure).upvalues).toEqual([]);
  });

  it('shares captured tables and does not check that the function exists', () => {
    const host = new FakeHost();
    const arr = host.call('create_array') as VmArray;
    host.top.locals.set('xs', arr);
    const c = host.call('create_closure', 'nowhere', 'xs') as VmClosure;
    expect(c.upvalues[0]![1]).toBe(arr);
  });

  it('reports its errors', () => {
    const host = new FakeHost();
    expect(host.error('create_closure')).toBe(
      'Foreign function create_closure failed: create_closure expects at least 1 argument: function_name',
    );
    expect(host.error('create_closure', 1)).toBe('Foreign function create_closure failed: First argument must be a string');
    expect(host.error('create_closure', 'f', 'a', 2)).toBe('Foreign function create_closure failed: Upvalue names must be strings');
    expect(host.error('create_closure', 'f', 'missing')).toBe(
      'Foreign function create_closure failed: Could not find upvalue missing when creating closure',
    );
  });

  it('fires ClosureCreated when hooks are enabled', () => {
    const host = new FakeHost({ hooks: true });
    host.top.locals.set('n', 1);
    host.call('create_closure', 'f', 'n');
    expect(host.events).toEqual([{ type: 'ClosureCreated', function: 'f', captured: [['n', 1]] }]);
  });
});

describe('call_closure / get_upvalue / set_upvalue', () => {
  it('runs the closure with its captured upvalues and returns the result', () => {
    const host = new FakeHost({ functions: { increment } });
    host.top.locals.set('count', 10);
    const c = host.call('create_closure', 'increment', 'count');
    expect(host.call('call_closure', c, 5)).toBe(15);
    // The fake host does not propagate set_upvalue to other instances: the closure value is immutable.
    expect((c as VmClosure).upvalues).toEqual([['count', 10]]);
  });

  it('checks the closure and relays the host errors', () => {
    const host = new FakeHost({ functions: { increment } });
    expect(host.error('call_closure')).toBe('Foreign function call_closure failed: call_closure expects at least 1 argument: closure');
    expect(host.error('call_closure', 'increment')).toBe(
      'Foreign function call_closure failed: First argument must be a closure, but got string',
    );
    expect(host.error('call_closure', new VmClosure('print', []))).toBe(
      'Foreign function call_closure failed: Cannot execute foreign function as closure: print',
    );
    expect(host.error('call_closure', new VmClosure('nope', []))).toBe('Foreign function call_closure failed: Function nope not found');
    expect(host.error('call_closure', new VmClosure('increment', [['count', 1]]))).toBe(
      'Foreign function call_closure failed: Function increment expects 1 arguments but got 0',
    );
  });

  it('get_upvalue reads only the current frame, last matching entry first', () => {
    const host = new FakeHost();
    host.top.upvalues.push(['x', 1]);
    host.frames.push({ locals: new Map(), upvalues: [['y', 1], ['y', 2]] });
    expect(host.call('get_upvalue', 'y')).toBe(2);
    expect(host.error('get_upvalue', 'x')).toBe("Foreign function get_upvalue failed: Upvalue 'x' not found");
    expect(host.error('get_upvalue', 1)).toBe('Foreign function get_upvalue failed: Upvalue name must be a string');
    expect(host.error('get_upvalue')).toBe('Foreign function get_upvalue failed: get_upvalue expects 1 argument: name');
    expect(host.error('get_upvalue', 'y', 'z')).toBe('Foreign function get_upvalue failed: get_upvalue expects 1 argument: name');
  });

  it('set_upvalue updates the last matching entry and reports missing names', () => {
    const host = new FakeHost();
    host.top.upvalues.push(['y', 1], ['y', 2]);
    expect(host.call('set_upvalue', 'y', 5, 'extra ignored')).toBe(undefined);
    expect(host.top.upvalues).toEqual([['y', 1], ['y', 5]]);
    expect(host.error('set_upvalue', 'z', 1)).toBe("Foreign function set_upvalue failed: Upvalue 'z' not found for writing");
    expect(host.error('set_upvalue', 3, 1)).toBe('Foreign function set_upvalue failed: Upvalue name must be a string');
    expect(host.error('set_upvalue', 'y')).toBe('Foreign function set_upvalue failed: set_upvalue expects 2 arguments: name and value');
  });

  it('fires UpvalueRead and UpvalueWrite (with the old value) when hooks are enabled', () => {
    const host = new FakeHost({ hooks: true });
    host.top.upvalues.push(['n', 1]);
    host.call('get_upvalue', 'n');
    host.call('set_upvalue', 'n', 2);
    expect(host.events).toEqual([
      { type: 'UpvalueRead', name: 'n', value: 1 },
      { type: 'UpvalueWrite', name: 'n', previous: 1, value: 2 },
    ]);
  });
});
