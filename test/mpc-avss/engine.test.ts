/**
 * The simulated AVSS backend: Feldman commitments checked against an independent computation on four
 * curves, the AVSS-specific arithmetic rules, capabilities, share persistence and `AvssShare` objects.
 */
import { describe, expect, it } from 'vitest';
import { STORAGE_BUILTINS } from '../../runtime/builtins/storage.js';
import type { BuiltinHost } from '../../runtime/builtins/types.js';
import { shareOfObject } from '../../runtime/mpc/vm-values.js';
import { MemoryLocalStore } from '../../runtime/storage/memory.js';
import { Share, VmArray, VmFloat, VmObject, type Value } from '../../runtime/values.js';
import { createSimulatedEngine, MpcConfigError, type SimulatedEngine } from '../../src/index.js';
import {
  builtinHost, bytesOf, CURVES, decodeFeldmanShare, evaluate, le, mod, polynomialThrough, type TestCurve,
} from './helpers.js';

function call(host: BuiltinHost, name: string, ...args: Value[]): Value {
  const fn = host.mpc!.builtins.get(name) ?? STORAGE_BUILTINS.get(name);
  if (fn === undefined) throw new Error(`no builtin ${name}`);
  return fn(host, args);
}

const raw = (v: Value): Share => (v instanceof Share ? v : shareOfObject(v as VmObject));

function setup(curve: TestCurve, parties = 5, threshold = 1, seed = 3) {
  const engine = createSimulatedEngine({ backend: 'avss', curve, parties, threshold, seed });
  return { engine, host: builtinHost(engine) };
}

/**
 * The share's n values lie on one polynomial of degree t, its commitments are a_j · G for that
 * polynomial's coefficients, and C_0 is the opened secret · G.
 */
function expectFeldman(engine: SimulatedEngine, host: BuiltinHost, curve: TestCurve, share: Value): void {
  const { order, commit } = CURVES[curve];
  const t = engine.threshold;
  const ys = engine.allShares(raw(share)).ys;
  const coeffs = polynomialThrough(ys.slice(0, t + 1).map((y, i) => [BigInt(i + 1), y] as const), order);
  ys.forEach((y, i) => expect(evaluate(coeffs, BigInt(i + 1), order)).toBe(y));
  expect(call(host, 'Share.commitment_count', share)).toBe(t + 1);
  coeffs.forEach((a, j) => expect(bytesOf(call(host, 'Share.get_commitment', share, j))).toEqual(commit(a)));
  const secret = le(bytesOf(call(host, 'Share.open_field', share)));
  expect(bytesOf(call(host, 'Share.get_commitment', share, 0))).toEqual(commit(secret));
}

describe('Feldman commitments follow every operation', () => {
  it.each(['bls12-381', 'secp256k1', 'p-256', 'ed25519'] as const)('%s', (curve) => {
    const { engine, host } = setup(curve);
    const a = call(host, 'Share.from_clear', 7);
    const b = call(host, 'Share.random');
    const fe = engine.field.toBytes(engine.field.reduce(123456789n));
    const feArg = call(host, 'Share.open_field', call(host, 'Share.mul_scalar', call(host, 'Share.from_clear', 1), 123456789));
    expect(bytesOf(feArg)).toEqual(fe);
    const results = [
      a, b,
      call(host, 'Share.add', a, b),
      call(host, 'Share.sub', a, b),
      call(host, 'Share.neg', b),
      call(host, 'Share.add_scalar', b, 5),
      call(host, 'Share.mul_scalar', b, -3),
      call(host, 'Share.mul_field', b, feArg),
      call(host, 'Share.add_field', b, feArg),
      call(host, 'Share.mul', a, b),
      engine.binary('MUL', raw(a), raw(b)),
      engine.shareClear(-42),
    ];
    for (const share of results) expectFeldman(engine, host, curve, share);
    // from_clear is a real sharing round with a random polynomial: C_1 is not the identity.
    expect(bytesOf(call(host, 'Share.get_commitment', a, 1))).not.toEqual(CURVES[curve].commit(0n));
    expect(bytesOf(call(host, 'Share.get_commitment', a, 0))).toEqual(CURVES[curve].commit(7n));
    expect(call(host, 'Share.has_commitments', a)).toBe(true);
  });

  it('degree 2 with 7 parties', () => {
    const { engine, host } = setup('p-256', 7, 2);
    const k = call(host, 'Share.random');
    expectFeldman(engine, host, 'p-256', k);
    expectFeldman(engine, host, 'p-256', call(host, 'Share.mul', k, call(host, 'Share.random')));
    expect(() => call(host, 'Share.get_commitment', k, 3)).toThrow('Commitment index 3 out of bounds (have 3)');
  });

  it('HoneyBadger shares have none', () => {
    const engine = createSimulatedEngine({ seed: 1 });
    const host = builtinHost(engine);
    const s = call(host, 'Share.random');
    expect(call(host, 'Share.has_commitments', s)).toBe(false);
    expect(call(host, 'Share.commitment_count', s)).toBe(0);
    expect(() => call(host, 'Share.get_commitment', s, 0)).toThrow('Share does not have Feldman commitments (requires AVSS backend)');
  });
});

describe('AVSS rules that differ from HoneyBadger', () => {
  it('fixed-point multiplication does not truncate; division by a constant is unsupported', () => {
    const { engine, host } = setup('bls12-381');
    const x = call(host, 'Share.from_clear', new VmFloat(1.5));
    const y = call(host, 'Share.from_clear', new VmFloat(2));
    // (1.5 · 2^16)(2 · 2^16) = 3 · 2^32, read with f = 16
    expect(call(host, 'Share.open', call(host, 'Share.mul', x, y))).toEqual(new VmFloat(3 * 65536));
    expect(() => engine.binary('DIV', raw(x), new VmFloat(2))).toThrow(
      'MPC divide_fixed_by_constant failed: this MPC backend does not support fixed-point division',
    );
  });

  it('random_int is a uniform field element', () => {
    const { host } = setup('bls12-381');
    const values = [1, 2, 3].map(() => le(bytesOf(call(host, 'Share.open_field', call(host, 'Share.random_int', 16)))));
    // A PRandInt would stay below ~2^21; a uniform 255-bit element is below 2^200 with probability 2^-55.
    for (const v of values) expect(v > 1n << 200n).toBe(true);
  });

  it('protocol name, capabilities, and Rbc without consensus', () => {
    const { host } = setup('secp256k1');
    expect(call(host, 'Mpc.protocol_name')).toBe('avss');
    expect((call(host, 'Mpc.capabilities') as VmArray).items).toEqual([
      'multiplication', 'elliptic-curves', 'client-input', 'open-in-exponent', 'client-output', 'randomness',
      'field-open', 'preprocessing-persistence',
    ]);
    expect(call(host, 'Mpc.has_capability', 'curves')).toBe(true);
    expect(call(host, 'Mpc.has_capability', 'rbc')).toBe(false);
    expect(call(host, 'Mpc.curve')).toBe('secp256k1');
    expect(() => call(host, 'Rbc.broadcast', 'hi')).toThrow("MPC backend 'avss' does not support consensus (RBC)");
  });

  it('open_exp works in the native group of every AVSS curve', () => {
    const { host } = setup('secp256k1');
    const k = call(host, 'Share.random');
    expect(bytesOf(call(host, 'Share.open_exp', k, 'secp256k1'))).toEqual(bytesOf(call(host, 'Share.get_commitment', k, 0)));
    expect(() => call(host, 'Share.open_exp', k, 'p-256')).toThrow("MPC backend 'avss' does not support Share.open_exp for p-256");
  });

  it('configuration', () => {
    expect(createSimulatedEngine({ backend: 'ADKG', curve: 'p256' }).protocolName).toBe('avss');
    expect(() => createSimulatedEngine({ backend: 'spdz' })).toThrow(new MpcConfigError("Unknown MPC backend 'spdz'. Available: honeybadger, avss"));
    expect(() => createSimulatedEngine({ curve: 'secp256k1' })).toThrow("MPC curve 'secp256k1' is not supported by HoneyBadger backend");
    expect(() => createSimulatedEngine({ backend: 'avss', parties: 3, threshold: 1 })).toThrow('AVSS requires n >= 3t + 1 parties (n = 3, t = 1)');
  });
});

describe('LocalStorage of shares through the engine', () => {
  function storing(engine: SimulatedEngine, storage = new MemoryLocalStore()) {
    const host = { ...builtinHost(engine), storage } as BuiltinHost;
    return { host, storage };
  }

  it.each(['avss', 'honeybadger'])('%s: a stored share object loads as the same secret (and commitments)', (backend) => {
    const engine = createSimulatedEngine({ backend, seed: 9 });
    const { host } = storing(engine);
    const key = call(host, 'Share.random');
    const fixed = call(host, 'Share.from_clear', new VmFloat(-2.25));
    const list = new VmArray(0);
    list.items.push(key, raw(fixed), 'label');
    expect(call(host, 'LocalStorage.store', 'k', list)).toBe(true);
    const loaded = call(host, 'LocalStorage.load', 'k') as VmArray;
    expect(loaded).not.toBe(list);
    expect(bytesOf(call(host, 'Share.open_field', loaded.items[0] as Value))).toEqual(bytesOf(call(host, 'Share.open_field', key)));
    expect(call(host, 'Share.open', loaded.items[1] as Value)).toEqual(new VmFloat(-2.25));
    expect(raw(loaded.items[1] as Value).type).toEqual(raw(fixed).type);
    expect(loaded.items[2]).toBe('label');
    if (backend === 'avss') {
      const commitment = (v: Value) => bytesOf(call(host, 'Share.get_commitment', v, 1));
      expect(commitment(loaded.items[0] as Value)).toEqual(commitment(key));
    }
  });

  it('refuses tampered data, another key, and runs without an engine', () => {
    const engine = createSimulatedEngine({ backend: 'avss', seed: 9 });
    const { host, storage } = storing(engine);
    // a raw share: the stored value ends with its share values
    call(host, 'LocalStorage.store', 'k', raw(call(host, 'Share.random')));
    const bytes = storage.get(new TextEncoder().encode('k'))!;
    storage.set(new TextEncoder().encode('other'), bytes);
    expect(() => call(host, 'LocalStorage.load', 'other')).toThrow(
      'Local storage load value failed: persistent share digest mismatch for key_id',
    );
    const tampered = bytes.slice();
    tampered[tampered.length - 1]! ^= 1;
    storage.set(new TextEncoder().encode('k'), tampered);
    expect(() => call(host, 'LocalStorage.load', 'k')).toThrow(
      'Local storage load value failed: persistent share digest mismatch for share_payload',
    );
    storage.set(new TextEncoder().encode('k'), bytes);
    const bare = { ...builtinHost(null), storage } as BuiltinHost;
    expect(() => STORAGE_BUILTINS.get('LocalStorage.load')!(bare, ['k'])).toThrow(
      'Local storage load value failed: cannot persist or load share values without MPC persistence context',
    );
  });
});

describe('AvssShare objects and client outputs carry the Feldman share data', () => {
  it('Avss.* read an engine-made AvssShare object', () => {
    const { engine, host } = setup('p-256');
    const key = call(host, 'Share.random');
    const obj = engine.avssShareObject(host.heap, 'ca:key', raw(key));
    expect(call(host, 'Avss.is_avss_share', obj)).toBe(true);
    expect(call(host, 'Avss.is_avss_share', key)).toBe(false);
    expect(call(host, 'Avss.get_key_name', obj)).toBe('ca:key');
    expect(call(host, 'Avss.commitment_count', obj)).toBe(2);
    expect(bytesOf(call(host, 'Avss.get_commitment', obj, 1))).toEqual(bytesOf(call(host, 'Share.get_commitment', key, 1)));
    const data = decodeFeldmanShare(bytesOf(obj.entries.get('__share_data')!.value), 33);
    expect(data).toMatchObject({ y: engine.allShares(raw(key)).ys[0], id: 1n, degree: 1n });
    expect(data.commitments).toEqual([0, 1].map((j) => bytesOf(call(host, 'Share.get_commitment', key, j))));
    expect(obj.entries.get('__party_id')!.value).toBe(0);
    const hb = createSimulatedEngine({ seed: 1 });
    expect(() => hb.avssShareObject(host.heap, 'x', raw(call(builtinHost(hb), 'Share.random')))).toThrow('requires AVSS backend');
  });

  it('a client reconstructs its output from the parties\' Feldman shares', () => {
    const engine = createSimulatedEngine({ backend: 'avss', curve: 'ed25519', seed: 2, expectedOutputClients: 1 });
    const host = builtinHost(engine);
    const s = call(host, 'Share.from_clear', -5);
    call(host, 'Share.send_to_client', s, 0);
    const [out] = engine.finishRun(undefined);
    const value = out!.values[0]!;
    expect(value.value).toBe(-5);
    const order = CURVES.ed25519.order;
    const shares = value.shares.map((b) => decodeFeldmanShare(b, 32));
    shares.forEach((sh, i) => {
      expect(sh.id).toBe(BigInt(i + 1));
      expect(sh.length).toBe(value.shares[i]!.length);
    });
    const coeffs = polynomialThrough(shares.slice(0, 2).map((sh) => [sh.id, sh.y] as const), order);
    expect(coeffs[0]).toBe(mod(-5n, order));
    expect(shares[0]!.commitments[0]).toEqual(CURVES.ed25519.commit(mod(-5n, order)));
  });
});
