import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { ENGINE_FREE_MPC_BUILTINS } from '../../runtime/mpc/index.js';
import type { ClientIoSchema } from '../../runtime/mpc/simulated-engine.js';
import { SimShares } from '../../runtime/mpc/sim-shares.js';
import { Share, VmArray, VmFloat, VmInt, VmObject, type ShareType, type Value } from '../../runtime/values.js';
import { byteArray, bytesOf, fromLe, harness, items, le32, makeHost, type Harness } from './helpers.js';

const INT64: ShareType = { kind: 'int', bits: 64 };
const FIX: ShareType = { kind: 'fixed', totalBits: 64, fracBits: 16 };

function expectFail(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VmError);
    expect((err as Error).message).toBe(message);
    return;
  }
  throw new Error(`expected failure: ${message}`);
}

function field(obj: Value, key: string): Value {
  return (obj as VmObject).entries.get(key)?.value;
}

function arr(h: Harness, values: Value[]): VmArray {
  const a = new VmArray(h.host.heap.nextId());
  a.items.push(...values);
  return a;
}

describe('Share constructors', () => {
  const h = harness();
  it('from_clear* return share objects with the spec layout', () => {
    const o = h.call('Share.from_clear_int', 5, 8);
    expect(o).toBeInstanceOf(VmObject);
    expect([...(o as VmObject).entries.keys()]).toEqual(['__type', '__share_type', '__bit_length', '__data', '__party_id']);
    expect(field(o, '__type')).toBe('Share');
    expect(field(o, '__share_type')).toBe('SecretInt');
    expect(field(o, '__bit_length')).toBe(8);
    expect(field(o, '__party_id')).toBe(0);
    const fx = h.call('Share.from_clear_fixed', new VmFloat(1.5), 32, 8);
    expect([field(fx, '__share_type'), field(fx, '__precision_k'), field(fx, '__precision_f')]).toEqual(['SecretFixedPoint', 32, 8]);
    expect(h.call('Share.open', fx)).toEqual(new VmFloat(1.5));
    expect(h.call('Share.open', h.call('Share.from_clear', new VmFloat(-2.25)))).toEqual(new VmFloat(-2.25));
    expect(h.call('Share.open', h.call('Share.from_clear_uint', 300, 8))).toEqual(new VmInt('u8', 44));
    expect(h.call('Share.open', h.call('Share.from_clear', true))).toBe(true);
  });
  it('report argument errors', () => {
    expectFail(() => h.call('Share.from_clear'), 'Foreign function Share.from_clear failed: Share.from_clear expects at least 1 argument: value');
    expectFail(() => h.call('Share.from_clear_int', 5), 'Foreign function Share.from_clear_int failed: Share.from_clear_int expects 2 arguments: value, bit_length');
    expectFail(() => h.call('Share.from_clear_int', 5, 0), 'Foreign function Share.from_clear_int failed: bit_length must be a positive integer');
    expectFail(() => h.call('Share.from_clear_int', 5, -1), 'Foreign function Share.from_clear_int failed: bit_length must be a non-negative integer');
    expectFail(() => h.call('Share.from_clear_uint', -1, 8), 'Foreign function Share.from_clear_uint failed: clear unsigned integer must be a non-negative integer');
    expectFail(() => h.call('Share.from_clear_fixed', 1, 0, 0), 'Foreign function Share.from_clear_fixed failed: total_bits must be a positive integer');
    expectFail(() => h.call('Share.from_clear_fixed', 1, 16, 16), 'Foreign function Share.from_clear_fixed failed: frac_bits must be less than total_bits');
    expectFail(() => h.call('Share.from_clear', 'x'), 'Foreign function Share.from_clear failed: Cannot create share from value type: "x"');
    expectFail(() => h.call('Share.from_clear', new VmInt('u64', 2n ** 63n)), 'Foreign function Share.from_clear failed: clear integer exceeds i64 range');
  });
});

describe('local share arithmetic', () => {
  const h = harness();
  const a = h.call('Share.from_clear_int', 20, 64);
  const h2 = harness({ clientInputs: new Map([[0, [7]]]) });
  it('add / sub / neg / add_scalar / mul_scalar compute on the secret and return raw shares', () => {
    const x = h2.call('ClientStore.take_share', 0, 0);
    const y = h2.call('Share.from_clear_int', 20, 64);
    const sum = h2.call('Share.add', x, y);
    expect(sum).toBeInstanceOf(Share);
    expect(h2.call('Share.open', sum)).toBe(27);
    expect(h2.call('Share.open', h2.call('Share.sub', x, y))).toBe(-13);
    expect(h2.call('Share.open', h2.call('Share.neg', x))).toBe(-7);
    expect(h2.call('Share.open', h2.call('Share.add_scalar', x, new VmInt('i32', 5)))).toBe(12);
    expect(h2.call('Share.open', h2.call('Share.mul_scalar', x, -3))).toBe(-21);
    const fx = h2.call('Share.mul_scalar', x, new VmFloat(0.5));
    expect((fx as Share).type).toEqual(FIX);
    expect(h2.call('Share.open', fx)).toEqual(new VmFloat(3.5));
    const f2 = h2.call('Share.from_clear_fixed', new VmFloat(1.5), 64, 16);
    expect(h2.call('Share.open', h2.call('Share.add_scalar', f2, 2))).toEqual(new VmFloat(3.5));
    expect(h2.call('Share.open', h2.call('Share.mul_scalar', f2, 2))).toEqual(new VmFloat(3));
    expect(h2.call('Share.open', h2.call('Share.mul_scalar', f2, new VmFloat(2)))).toEqual(new VmFloat(3));
  });
  it('retag keeps the field element and always gives a signed type', () => {
    const u = h.call('Share.from_clear_uint', 255, 8);
    const r = h.call('Share.retag', u, 8) as Share;
    expect(r.type).toEqual({ kind: 'int', bits: 8 });
    expect(h.call('Share.open', r)).toEqual(new VmInt('i8', -1));
    expect(h.call('Share.open', h.call('Share.retag', a, 1))).toBe(true);
    expectFail(() => h.call('Share.retag', h.call('Share.from_clear', new VmFloat(1)), 8), 'Foreign function Share.retag failed: Share.retag requires an integer share');
    expectFail(() => h.call('Share.retag', a, -1), 'Foreign function Share.retag failed: bit_length must be non-negative');
    expectFail(() => h.call('Share.retag', a, 0), 'Foreign function Share.retag failed: bit_length must be a positive integer');
  });
  it('report mismatches and bad operands', () => {
    const u = h.call('Share.from_clear_uint', 1, 64);
    expectFail(() => h.call('Share.add', a, u), 'Foreign function Share.add failed: Share.add: share type mismatch: SecretInt { bit_length: 64 } vs SecretUInt { bit_length: 64 }');
    expectFail(() => h.call('Share.sub', a), 'Foreign function Share.sub failed: Share.sub expects 2 arguments: share1, share2');
    expectFail(() => h.call('Share.neg', a, a), 'Foreign function Share.neg failed: Share.neg expects 1 argument: share');
    expectFail(() => h.call('Share.add', a, 5), 'Foreign function Share.add failed: Expected Share object or Share value, got 5');
    expectFail(() => h.call('Share.add_scalar', a, new VmFloat(1)), 'Foreign function Share.add_scalar failed: scalar must be an integer');
    expectFail(() => h.call('Share.mul_scalar', a, new VmFloat(Infinity)), 'Foreign function Share.mul_scalar failed: fixed-point scalar inf out of range');
    expectFail(() => h.call('Share.open', new VmObject(99)), 'Foreign function Share.open failed: Object is not a Share: missing __type field');
  });
  it('validate share-object metadata', () => {
    const o = h.call('Share.from_clear_int', 1, 64) as VmObject;
    o.entries.set('__bit_length', { key: '__bit_length', value: 32 });
    expectFail(() => h.call('Share.open', o), 'Foreign function Share.open failed: Share metadata type SecretInt { bit_length: 32 } does not match __data type SecretInt { bit_length: 64 }');
    o.entries.delete('__bit_length');
    expect(h.call('Share.open', o)).toBe(1); // a missing bit length defaults to 64
  });
});

describe('the random-bit helper path (random_field, open_field, Field.*, mul_field, add_field, retag)', () => {
  it('produces uniformly both bits, each opening to 0 or 1', () => {
    const h = harness({ seed: 'bits' });
    const seen = new Set<Value>();
    for (let i = 0; i < 24; i++) {
      const r = h.call('Share.random_field');
      const sq = h.call('Share.open_field', h.call('Share.mul', r, r));
      if (h.call('Field.is_zero', sq) === true) continue;
      const root = h.call('Field.sqrt', sq);
      const c = h.call('Share.mul_field', r, h.call('Field.inverse', root));
      const two = h.call('Field.add', h.call('Field.one'), h.call('Field.one'));
      const bitShare = h.call('Share.mul_field', h.call('Share.add_field', c, h.call('Field.one')), h.call('Field.inverse', two));
      const fe = fromLe(bytesOf(h.call('Share.open_field', bitShare)));
      expect([0n, 1n]).toContain(fe);
      const bit = h.call('Share.open', h.call('Share.retag', bitShare, 1));
      expect(bit).toBe(fe === 1n);
      seen.add(bit);
    }
    expect(seen).toEqual(new Set([true, false]));
  });
});

describe('Field.*', () => {
  const h = harness();
  const p = h.engine.field.p;
  const fe = (x: bigint) => byteArray(h, le32(x));
  const val = (v: Value) => fromLe(bytesOf(v));
  it('computes mod p on 32-byte LE elements', () => {
    expect(val(h.call('Field.from_int', -1))).toBe(p - 1n);
    expect(val(h.call('Field.zero'))).toBe(0n);
    expect(val(h.call('Field.add', fe(p - 1n), fe(2n)))).toBe(1n);
    expect(val(h.call('Field.sub', fe(1n), fe(2n)))).toBe(p - 1n);
    expect(val(h.call('Field.mul', fe(p - 1n), fe(p - 1n)))).toBe(1n);
    expect(val(h.call('Field.neg', fe(5n)))).toBe(p - 5n);
    expect((3n * val(h.call('Field.inverse', fe(3n)))) % p).toBe(1n);
    expect(h.call('Field.eq', fe(4n), fe(4n))).toBe(true);
    const root = val(h.call('Field.sqrt', fe(49n)));
    expect(root).toBe(7n);
  });
  it('reports errors', () => {
    expectFail(() => h.call('Field.inverse', fe(0n)), 'Foreign function Field.inverse failed: field inverse is undefined for zero');
    expectFail(() => h.call('Field.is_zero', fe(p)), 'Foreign function Field.is_zero failed: deserialize field element: the input buffer contained invalid data');
    expectFail(() => h.call('Field.one', 1), 'Foreign function Field.one failed: Field.one expects no arguments');
    expectFail(() => h.call('Field.add', fe(1n)), 'Foreign function Field.add failed: Field.add expects 2 arguments: a, b (field_bytes)');
    expectFail(() => h.call('Field.is_zero', arr(h, [1])), 'Foreign function Field.is_zero failed: Expected U8 at index 0');
    expectFail(() => h.call('Field.from_int', true), 'Foreign function Field.from_int failed: value must be an integer');
    // the smallest non-residue, found by Euler's criterion
    let nonResidue = 2n;
    while (modPow(nonResidue, (p - 1n) / 2n, p) !== p - 1n) nonResidue++;
    expectFail(() => h.call('Field.sqrt', fe(nonResidue)), 'Foreign function Field.sqrt failed: value is not a quadratic residue');
  });
});

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let x = b % m;
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) r = (r * x) % m;
    x = (x * x) % m;
  }
  return r;
}

describe('interactive builtins', () => {
  const h = harness({ clientInputs: new Map([[0, [6, -4]]]) });
  const x = h.call('ClientStore.take_share', 0, 0);
  const y = h.call('ClientStore.take_share', 0, 1);
  it('mul multiplies secrets; a share object times a clear int is a local scaling returning a share object', () => {
    expect(h.call('Share.open', h.call('Share.mul', x, y))).toBe(-24);
    const obj = h.call('Share.from_clear_int', 9, 64);
    const scaled = h.call('Share.mul', obj, 3);
    expect(scaled).toBeInstanceOf(VmObject);
    expect(h.call('Share.open', scaled)).toBe(27);
    expectFail(() => h.call('Share.mul', x, 3), 'Foreign function Share.mul failed: Expected Share object or Share value, got 3');
  });
  it('batch_mul accepts clear ints, truncates fixed pairs (decisions.md) and checks its inputs', () => {
    const f1 = h.call('Share.from_clear', new VmFloat(1.5));
    const f2 = h.call('Share.from_clear', new VmFloat(2.5));
    const out = items(h.call('Share.batch_mul', arr(h, [x, 2]), arr(h, [y, y])));
    expect(out.map((s) => h.call('Share.open', s))).toEqual([-24, -8]);
    const fixed = items(h.call('Share.batch_mul', arr(h, [f1]), arr(h, [f2])));
    expect(h.call('Share.open', fixed[0]!)).toEqual(new VmFloat(3.75));
  });
  it('batch_mul errors', () => {
    expect(items(h.call('Share.batch_mul', arr(h, []), arr(h, [])))).toEqual([]);
    expectFail(() => h.call('Share.batch_mul', arr(h, [x]), arr(h, [])), 'Foreign function Share.batch_mul failed: Share.batch_mul requires arrays with the same length');
    expectFail(() => h.call('Share.batch_mul', arr(h, [2]), arr(h, [3])), 'Foreign function Share.batch_mul failed: Share.batch_mul requires at least one share per pair');
    const u = h.call('Share.from_clear_uint', 1, 64);
    expectFail(() => h.call('Share.batch_mul', arr(h, [x, u]), arr(h, [x, u])), 'Foreign function Share.batch_mul failed: Share.batch_mul requires arrays with matching share types');
    expectFail(() => h.call('Share.batch_mul', 1, arr(h, [])), 'Foreign function Share.batch_mul failed: Share.batch_mul lefts_array: expected array of Share or integer values, got 1');
    expectFail(() => h.call('Share.batch_mul', arr(h, [undefined]), arr(h, [x])), 'Foreign function Share.batch_mul failed: Share.batch_mul lefts_array missing element at index 0');
  });
  it('open / batch_open / open_field', () => {
    expect(h.call('Share.open', h.call('Share.retag', x, 8))).toEqual(new VmInt('i8', 6));
    expect(items(h.call('Share.batch_open', arr(h, [x, y])))).toEqual([6, -4]);
    expect(items(h.call('Share.batch_open', arr(h, [])))).toEqual([]);
    expectFail(() => h.call('Share.batch_open', arr(h, [x, h.call('Share.from_clear', true)])), 'Foreign function Share.batch_open failed: All shares must have the same type. Element 0 has SecretInt { bit_length: 64 } but element 1 has SecretInt { bit_length: 1 }');
    expect(fromLe(bytesOf(h.call('Share.open_field', y)))).toBe(h.engine.field.p - 4n);
    expectFail(() => h.call('Share.open', x, y), 'Foreign function Share.open failed: Share.open expects 1 argument: share');
  });
  it('random / random_field / random_int', () => {
    const r = h.call('Share.random');
    expect(r).toBeInstanceOf(VmObject);
    expect((field(r, '__data') as Share).type).toEqual(INT64);
    const ri = h.call('Share.random_int', 16) as Share;
    expect(ri).toBeInstanceOf(Share);
    expect(ri.type).toEqual({ kind: 'int', bits: 16 });
    const big = harness({ seed: 5 });
    for (let i = 0; i < 5; i++) {
      const v = fromLe(bytesOf(big.call('Share.open_field', big.call('Share.random_int', 64))));
      expect(v >= 0n && v < 25n * 2n ** 56n).toBe(true);
    }
    expectFail(() => h.call('Share.random_int', 0), 'Foreign function Share.random_int failed: bit_length must be a positive integer');
  });
  it('interpolate_local needs 2t+1 shares and distinct parties', () => {
    expectFail(() => h.call('Share.interpolate_local', arr(h, [])), 'Foreign function Share.interpolate_local failed: Cannot interpolate from empty array');
    expectFail(() => h.call('Share.interpolate_local', arr(h, [x, y])), 'Foreign function Share.interpolate_local failed: Need at least 3 shares for interpolation, got 2');
    expectFail(() => h.call('Share.interpolate_local', arr(h, [x, x, x])), 'Foreign function Share.interpolate_local failed: Failed to recover secret: shares must come from distinct parties');
  });
  it('metadata', () => {
    expect(h.call('Share.get_type', h.call('Share.from_clear', true))).toBe('SecretInt');
    expect(h.call('Share.get_type', h.call('Share.from_clear_uint', 1, 8))).toBe('SecretUInt');
    expect(h.call('Share.get_party_id', x)).toBe(0);
    expect(h.call('Share.get_party_id', h.call('Share.from_clear', 1))).toBe(0);
    expect(h.call('Share.commitment_count', x)).toBe(0);
    expect(h.call('Share.has_commitments', x)).toBe(false);
    expectFail(() => h.call('Share.get_commitment', x, 0), 'Foreign function Share.get_commitment failed: Share does not have Feldman commitments (requires AVSS backend)');
    expectFail(() => h.call('Share.get_type', 1), 'Foreign function Share.get_type failed: Expected Share object or Share value, got 1');
  });
  it('the engine-free metadata builtins work without an engine, except get_party_id on a raw share', () => {
    const host = makeHost(null);
    expect(ENGINE_FREE_MPC_BUILTINS.get('Share.get_type')!(host, [x])).toBe('SecretInt');
    expect(() => ENGINE_FREE_MPC_BUILTINS.get('Share.get_party_id')!(host, [x])).toThrow('MPC engine not configured');
  });
});

describe('Mpc.*', () => {
  const h = harness({ seed: 42, partyId: 3 });
  it('reports the configuration', () => {
    expect(h.call('Mpc.party_id')).toBe(3);
    expect(h.call('Mpc.n_parties')).toBe(5);
    expect(h.call('Mpc.threshold')).toBe(1);
    expect(h.call('Mpc.is_ready')).toBe(true);
    expect(h.call('Mpc.protocol_name')).toBe('honeybadger-mpc');
    expect(h.call('Mpc.curve')).toBe('bls12-381');
    expect(h.call('Mpc.field')).toBe('bls12-381-fr');
    expect(h.call('Mpc.instance_id')).toBeInstanceOf(VmInt);
    expect(items(h.call('Mpc.capabilities'))).toEqual([
      'multiplication', 'client-input', 'consensus', 'open-in-exponent', 'reservation', 'client-output',
      'randomness', 'field-open', 'preprocessing-persistence',
    ]);
    expect(field(h.call('Share.from_clear', 1), '__party_id')).toBe(3);
  });
  it('has_capability normalizes names and aliases', () => {
    for (const name of ['MUL', ' open_exp ', 'rbc', 'aba', 'client_inputs', 'preproc-store', 'open-field']) {
      expect(h.call('Mpc.has_capability', name)).toBe(true);
    }
    for (const name of ['elliptic-curves', 'field-arithmetic', '']) expect(h.call('Mpc.has_capability', name)).toBe(false);
  });
  it('rand / rand_int are party-local, seeded, and validated', () => {
    expect(bytesOf(h.call('Mpc.rand')).length).toBe(32);
    expect((h.call('Mpc.rand_int', 8) as VmInt).kind).toBe('u8');
    expect((h.call('Mpc.rand_int', 64) as VmInt).kind).toBe('u64');
    expectFail(() => h.call('Mpc.rand_int', 12), 'Foreign function Mpc.rand_int failed: Unsupported bit_length 12. Must be 8, 16, 32, or 64');
    expectFail(() => h.call('Mpc.rand_int', 0), 'Foreign function Mpc.rand_int failed: bit_length must be a positive integer');
    const other = harness({ seed: 42, partyId: 3 });
    expect(bytesOf(other.call('Mpc.rand'))).toEqual(bytesOf(harness({ seed: 42, partyId: 3 }).call('Mpc.rand')));
    expect(bytesOf(harness({ seed: 42, partyId: 1 }).call('Mpc.rand'))).not.toEqual(bytesOf(harness({ seed: 42, partyId: 3 }).call('Mpc.rand')));
  });
});

describe('ClientStore and outputs', () => {
  const clients: ClientIoSchema[] = [
    { slot: 0n, inputs: [INT64, { kind: 'int', bits: 1 }], outputs: [INT64] },
    { slot: 1n, inputs: [FIX], outputs: [] },
  ];
  it('validates inputs against the manifest with the runner messages', () => {
    expect(() => harness({ clients })).toThrow('program declares ClientStore input metadata; provide local client inputs');
    expect(() => harness({ clients, clientInputs: new Map([[0, [1]], [1, [2]]]) })).toThrow('client slot 0 expects 2 inputs, got 1');
    expect(() => harness({ clients, clientInputs: new Map([[0, [1, true]]]) })).toThrow(
      'client slot 1 is declared in the program client IO manifest but no input was provided',
    );
    expect(() => harness({ clients, clientInputs: new Map([[0, [1, true]], [1, [5]], [2, [1]]]) })).toThrow(
      'client slot 2 is not declared in the program client IO manifest',
    );
  });
  it('reads typed inputs and checks requested types', () => {
    const h = harness({ clients, clientInputs: new Map([[0, [-12, true]], [1, [98304]]]), expectedOutputClients: 3 });
    expect(h.call('ClientStore.get_number_clients')).toBe(3);
    expect(h.call('ClientStore.get_number_input_clients')).toBe(2);
    expect(h.call('Share.open', h.call('ClientStore.take_share', 0, 0))).toBe(-12);
    expect(h.call('Share.open', h.call('ClientStore.take_share', 0, 1))).toBe(true);
    expect(h.call('Share.open', h.call('ClientStore.take_share_bool', 0, 1))).toBe(true);
    expect(h.call('Share.open', h.call('ClientStore.take_share_fixed', 1, 0))).toEqual(new VmFloat(1.5));
    expectFail(() => h.call('ClientStore.take_share_fixed', 0, 0), 'Foreign function ClientStore.take_share_fixed failed: Client 0 share 0 has type SecretInt { bit_length: 64 }, but SecretFixedPoint { precision: FixedPointPrecision { total_bits: 64, fractional_bits: 16 } } was requested');
    expectFail(() => h.call('ClientStore.take_share', 3, 0), 'Foreign function ClientStore.take_share failed: No client at index 3');
    expectFail(() => h.call('ClientStore.take_share', 2, 0), 'Foreign function ClientStore.take_share failed: No share found for client 2 at index 0');
    expectFail(() => h.call('ClientStore.take_share', 0), 'Foreign function ClientStore.take_share failed: ClientStore.take_share expects 2 arguments: client_index, share_index');
  });
  it('untyped inputs adopt the requested type; hex bytes and u64 values are encoded big-endian mod p', () => {
    const h = harness({ clientInputs: new Map([[0, [new Uint8Array([1, 0]), 2n ** 64n - 1n, 98304]]]) });
    expect(h.call('Share.open', h.call('ClientStore.take_share', 0, 0))).toBe(256);
    expect(fromLe(bytesOf(h.call('Share.open_field', h.call('ClientStore.take_share', 0, 1))))).toBe(2n ** 64n - 1n);
    expect(h.call('Share.open', h.call('ClientStore.take_share_fixed', 0, 2))).toEqual(new VmFloat(1.5));
  });
  it('records outputs, delivers a returned secret first, and decodes by the manifest types', () => {
    const h = harness({ clients, clientInputs: new Map([[0, [-12, true]], [1, [98304]]]) });
    const a = h.call('ClientStore.take_share', 0, 0);
    expect(h.call('Share.send_to_client', h.call('Share.add_scalar', a, 2), 0)).toBe(true);
    expect(h.call('MpcOutput.send_to_client', 1, arr(h, [h.call('ClientStore.take_share_fixed', 1, 0), h.call('Share.from_clear', new VmFloat(-0.5))]))).toBe(true);
    const out = h.engine.finishRun(h.call('Share.from_clear_int', 99, 64));
    expect(out.map((o) => [o.clientIndex, o.slot, o.values.map((v) => v.value)])).toEqual([
      [0, 0n, [99, -10]],
      [1, 1n, [99, new VmFloat(1.5), new VmFloat(-0.5)]],
    ]);
    // each party's share in the 48-byte layout: y (32 LE), id (u64 LE), degree (u64 LE); they interpolate to -10
    const shares = out[0]!.values[1]!.shares;
    expect(shares.map((b) => b.length)).toEqual([48, 48, 48, 48, 48]);
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    expect(shares.map((b) => [view(b).getBigUint64(32, true), view(b).getBigUint64(40, true)])).toEqual(
      [0n, 1n, 2n, 3n, 4n].map((id) => [id, 1n]),
    );
    const p = h.engine.field.p;
    const [y1, y2] = [fromLe(shares[0]!.subarray(0, 32)), fromLe(shares[1]!.subarray(0, 32))];
    expect((((2n * y1 - y2) % p) + p) % p).toBe(p - 10n); // line through (1, y1), (2, y2) at x = 0
    expectFail(() => h.call('MpcOutput.send_to_client', 0, arr(h, [])), 'Foreign function MpcOutput.send_to_client failed: MpcOutput.send_to_client requires at least one output share');
    expectFail(() => h.call('MpcOutput.send_to_client', 0), 'Foreign function MpcOutput.send_to_client failed: MpcOutput.send_to_client expects 2 arguments: client_id, share_value');
  });
  it('fails at the end of the run for a target without a known client', () => {
    const h = harness({ clientInputs: new Map([[0, [1]]]) });
    h.call('Share.send_to_client', h.call('ClientStore.take_share', 0, 0), 4);
    expect(() => h.engine.finishRun(undefined)).toThrow(VmError);
  });
});

describe('official example math', () => {
  it('client_mul: the product of two client inputs', () => {
    const h = harness({
      clients: [{ slot: 0n, inputs: [INT64, INT64], outputs: [] }],
      clientInputs: new Map([[0, [12, -34]]]),
    });
    expect(h.call('ClientStore.get_number_clients')).toBe(1);
    const a = h.call('ClientStore.take_share', 0, 0) as Share;
    const b = h.call('ClientStore.take_share', 0, 1) as Share;
    expect(h.engine.open(h.engine.binary('MUL', a, b) as Share)).toBe(-408);
  });
  it('matrix_average_fixed_point: averaging 2x3 fixed-point matrices from 3 clients', () => {
    const matrices = [
      [1.5, 2.25, -3, 4, 0.5, 10],
      [2.5, 0.75, 3, -4, 1.5, 20],
      [0.5, 1.0, 1.5, 2, 2.5, 30.25],
    ];
    const h = harness({
      clients: matrices.map((_, i) => ({ slot: BigInt(i), inputs: new Array(6).fill(FIX), outputs: [] })),
      clientInputs: new Map(matrices.map((m, i) => [i, m.map((v) => Math.trunc(v * 65536))])),
    });
    const n = h.call('ClientStore.get_number_clients') as number;
    const sums: Value[] = [];
    for (let j = 0; j < 6; j++) {
      let acc = h.call('ClientStore.take_share_fixed', 0, j);
      for (let c = 1; c < n; c++) acc = h.call('Share.add', acc, h.call('ClientStore.take_share_fixed', c, j));
      sums.push(h.engine.binary('DIV', acc, n));
    }
    const opened = items(h.call('Share.batch_open', arr(h, sums))).map((v) => (v as VmFloat).v);
    matrices[0]!.forEach((_, j) => {
      const mean = matrices.reduce((s, m) => s + m[j]!, 0) / 3;
      expect(Math.abs(opened[j]! - mean)).toBeLessThan(0.001);
    });
  });
});

describe('Rbc.* (single view: every party broadcasts what this party broadcasts)', () => {
  it('broadcasts with per-sender session ids and delivers in order', () => {
    const h = harness();
    expect(h.call('Rbc.broadcast', 'hello')).toBe(0);
    expect(h.call('Rbc.broadcast', 'world')).toBe(1);
    expect(h.call('Rbc.receive', 0, 100)).toBe('hello');
    expect(h.call('Rbc.receive', 2, 100)).toBe('hello');
    expect(h.call('Rbc.receive', 2, 100)).toBe('world');
    const any = h.call('Rbc.receive_any', 100);
    expect([field(any, 'party_id'), field(any, 'message')]).toEqual([1, 'hello']);
    expectFail(() => h.call('Rbc.receive', 2, 100), 'Foreign function Rbc.receive failed: RBC receive timeout waiting for message from party 2');
    expectFail(() => h.call('Rbc.broadcast', 1), 'Foreign function Rbc.broadcast failed: Message must be a string');
  });
});

describe('determinism of builtins', () => {
  const trace = (seed: number) => {
    const h = harness({ seed });
    return [
      fromLe(bytesOf(h.call('Share.open_field', h.call('Share.random_field')))),
      fromLe(bytesOf(h.call('Share.open_field', h.call('Share.random_int', 32)))),
      ((field(h.call('Share.random'), '__data') as Share).payload as SimShares).ys,
    ];
  };
  it('the same seed gives the same random values; another seed differs', () => {
    expect(trace(1)).toEqual(trace(1));
    expect(trace(1)[0]).not.toEqual(trace(2)[0]);
  });
});
