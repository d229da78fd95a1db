import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Builtin } from '../../runtime/builtins/types.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { Share, VmArray, VmInt, type Value } from '../../runtime/values.js';
import { FakeHost, f, int } from './fake-host.js';

function bytes(host: FakeHost, data: Uint8Array | number[]): VmArray {
  const arr = host.call('create_array') as VmArray;
  for (const b of data) host.call('array_push', arr, int('u8', b));
  return arr;
}

function read(v: Value): number[] {
  expect(v).toBeInstanceOf(VmArray);
  return (v as VmArray).items.map((item) => {
    expect(item).toBeInstanceOf(VmInt);
    expect((item as VmInt).kind).toBe('u8');
    return (item as VmInt).v as number;
  });
}

/** A stand-in engine exposing only the given builtins. */
function engine(builtins: Record<string, Builtin>): MpcEngine {
  const fail = () => { throw new Error('not used'); };
  return {
    partyId: 0, nParties: 5, threshold: 1,
    shareClear: fail, open: fail, binary: fail, not: fail, finishRun: fail,
    builtins: new Map(Object.entries(builtins)),
  };
}

describe('Bytes.* and Crypto.sha*', () => {
  it('concatenate and convert strings to UTF-8 byte arrays', () => {
    const host = new FakeHost();
    expect(read(host.call('Bytes.concat', bytes(host, [1, 2]), bytes(host, [255]), 'extra ignored'))).toEqual([1, 2, 255]);
    expect(read(host.call('Bytes.from_string', 'hé'))).toEqual([...Buffer.from('hé', 'utf8')]);
    expect(read(host.call('Bytes.from_string', ''))).toEqual([]);
    expect(host.error('Bytes.concat', bytes(host, [1]))).toBe('Foreign function Bytes.concat failed: Bytes.concat expects 2 arguments: a, b');
    expect(host.error('Bytes.concat', bytes(host, [1]), 'x')).toBe('Foreign function Bytes.concat failed: Expected byte array');
    const bad = bytes(host, [1]);
    host.call('array_push', bad, 2);
    expect(host.error('Bytes.concat', bad, bad)).toBe('Foreign function Bytes.concat failed: Expected U8 at index 1');
    expect(host.error('Bytes.from_string', 1)).toBe('Foreign function Bytes.from_string failed: Argument must be a string');
    expect(host.error('Bytes.from_string')).toBe('Foreign function Bytes.from_string failed: Bytes.from_string expects 1 argument: string');
  });

  it('hash byte arrays with SHA-256 / SHA-512', () => {
    const host = new FakeHost();
    const input = [...Buffer.from('abc')];
    expect(read(host.call('Crypto.sha256', bytes(host, input)))).toEqual([...createHash('sha256').update('abc').digest()]);
    expect(read(host.call('Crypto.sha512', bytes(host, input)))).toEqual([...createHash('sha512').update('abc').digest()]);
    expect(read(host.call('Crypto.sha256', bytes(host, [])))).toHaveLength(32);
    expect(host.error('Crypto.sha256')).toBe('Foreign function Crypto.sha256 failed: Crypto.sha256 expects 1 argument: data (byte array)');
    expect(host.error('Crypto.sha512', 'abc')).toBe('Foreign function Crypto.sha512 failed: Expected byte array');
    const holey = host.call('create_array');
    host.call('set_field', holey, 40, int('u8', 1));
    expect(host.error('Crypto.sha256', holey)).toBe('Foreign function Crypto.sha256 failed: Expected U8 at index 0');
  });
});

describe('Mpc.rand / Mpc.rand_int / Mpc.is_ready', () => {
  const counting = (out: Uint8Array) => out.forEach((_, i) => { out[i] = i + 1; });

  it('draw from the host generator when it has one', () => {
    const host = new FakeHost({ random: counting });
    const r = host.call('Mpc.rand') as VmArray;
    expect(read(r)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(r.id).toBe(1);
    expect(host.call('Mpc.rand_int', 8)).toEqual(int('u8', 1));
    expect(host.call('Mpc.rand_int', 16)).toEqual(int('u16', 0x0201));
    expect(host.call('Mpc.rand_int', int('u8', 32))).toEqual(int('u32', 0x04030201));
    expect(host.call('Mpc.rand_int', 64)).toEqual(int('u64', 0x0807060504030201n));
  });

  it('fall back to the platform CSPRNG', () => {
    const host = new FakeHost();
    const a = read(host.call('Mpc.rand'));
    const b = read(host.call('Mpc.rand'));
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
    const x = host.call('Mpc.rand_int', 64) as VmInt;
    expect(x.kind).toBe('u64');
    expect(typeof x.v).toBe('bigint');
  });

  it('rand_int checks its argument', () => {
    const host = new FakeHost({ random: counting });
    expect(host.error('Mpc.rand_int', 0)).toBe('Foreign function Mpc.rand_int failed: bit_length must be a positive integer');
    expect(host.error('Mpc.rand_int', 12)).toBe('Foreign function Mpc.rand_int failed: Unsupported bit_length 12. Must be 8, 16, 32, or 64');
    expect(host.error('Mpc.rand_int', -8)).toBe('Foreign function Mpc.rand_int failed: bit_length must be a non-negative integer');
    expect(host.error('Mpc.rand_int', f(8))).toBe('Foreign function Mpc.rand_int failed: bit_length must be a non-negative integer');
    expect(host.error('Mpc.rand_int')).toBe(
      'Foreign function Mpc.rand_int failed: Mpc.rand_int expects 1 argument: bit_length (8, 16, 32, or 64)',
    );
  });

  it('is_ready is false without an engine', () => {
    expect(new FakeHost().call('Mpc.is_ready')).toBe(false);
    expect(new FakeHost({ mpc: engine({}) }).call('Mpc.is_ready')).toBe(true);
    expect(new FakeHost({ mpc: engine({ 'Mpc.is_ready': () => false }) }).call('Mpc.is_ready')).toBe(false);
  });
});

describe('ClientStore.* and MpcOutput.send_to_client', () => {
  it('see an empty client store without an engine', () => {
    const host = new FakeHost();
    expect(host.call('ClientStore.get_number_clients')).toBe(0);
    expect(host.call('ClientStore.get_number_input_clients')).toBe(0);
    expect(host.call('ClientStore.get_number_output_clients')).toBe(0);
    for (const name of ['ClientStore.take_share', 'ClientStore.take_share_bool', 'ClientStore.take_share_fixed']) {
      expect(host.error(name, 2, 0)).toBe(`Foreign function ${name} failed: No client at index 2`);
      expect(host.error(name, 0)).toBe(`Foreign function ${name} failed: ${name} expects 2 arguments: client_index, share_index`);
      expect(host.error(name, -1, 0)).toBe(`Foreign function ${name} failed: client_index must be a non-negative integer`);
      expect(host.error(name, 0, 'x')).toBe(`Foreign function ${name} failed: share_index must be a non-negative integer`);
    }
  });

  it('send_to_client checks its arguments, then needs an output protocol', () => {
    const host = new FakeHost();
    const name = 'MpcOutput.send_to_client';
    const share = new Share({ kind: 'int', bits: 64 }, { key: () => 'k' });
    expect(host.error(name, 0, share)).toBe(`Foreign function ${name} failed: No MPC engine configured for output protocol`);
    const shares = host.call('create_array');
    host.call('array_push', shares, share);
    expect(host.error(name, 1, shares)).toBe(`Foreign function ${name} failed: No MPC engine configured for output protocol`);
    expect(host.error(name, 0, host.call('create_array'))).toBe(
      `Foreign function ${name} failed: MpcOutput.send_to_client requires at least one output share`,
    );
    expect(host.error(name, 0, 5)).toBe(`Foreign function ${name} failed: Expected Share object or Share value, got 5`);
    expect(host.error(name, -1, share)).toBe(`Foreign function ${name} failed: client_id must be a non-negative integer`);
    expect(host.error(name, 0)).toBe(`Foreign function ${name} failed: ${name} expects 2 arguments: client_id, share_value`);
    expect(host.error(name, 0, share, 1)).toBe(`Foreign function ${name} failed: ${name} expects 2 arguments: client_id, share_value`);
  });

  it('delegate to the engine when it implements them', () => {
    const seen: Value[][] = [];
    const host = new FakeHost({
      mpc: engine({
        'ClientStore.get_number_clients': () => 3,
        'ClientStore.take_share': (_h, args) => { seen.push(args); return 'share'; },
      }),
    });
    expect(host.call('ClientStore.get_number_clients')).toBe(3);
    expect(host.call('ClientStore.take_share', 1, 2)).toBe('share');
    expect(seen).toEqual([[1, 2]]);
    // Builtins the engine lacks keep their engine-less behaviour.
    expect(host.call('ClientStore.get_number_input_clients')).toBe(0);
  });
});
