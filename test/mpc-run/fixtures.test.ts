/**
 * The official secret-using fixtures run on the simulated engine, with expectations computed here.
 * See docs/mpc.md for what each fixture does and why some cannot run.
 */
import { readFileSync } from 'node:fs';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { toJs } from '../../runtime/convert.js';
import { VmArray, VmInt, type Value } from '../../runtime/values.js';
import { loadProgram, type MpcOptions, type StoffelProgram } from '../../src/index.js';
import { fixture } from './helpers.js';

const load = (name: string): StoffelProgram => loadProgram(readFileSync(fixture(name)));

function runError(program: StoffelProgram, mpc: MpcOptions): string {
  try {
    program.run('main', [], { mpc, print: () => {} });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the run to fail');
}

function bytesOf(v: Value): Uint8Array {
  if (!(v instanceof VmArray)) throw new Error('expected a byte array');
  return Uint8Array.from(v.items, (b) => Number((b as VmInt).v));
}

/** A small deterministic generator for test inputs (independent of the engine's randomness). */
function* lcg(seed: bigint): Generator<bigint> {
  let x = seed;
  for (;;) {
    x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
    yield x >> 33n;
  }
}

describe('matrix_average_fixed_point', () => {
  const SCALE = 65536;
  /** clients x 6 features, scaled by 2^16 as the local runner expects for fixed-point inputs. */
  function features(clients: number): bigint[][] {
    const g = lcg(BigInt(clients));
    return Array.from({ length: clients }, () => Array.from({ length: 6 }, () => (g.next().value % 2000000n) - 1000000n));
  }
  const clientInputs = (m: bigint[][]) => new Map(m.map((row, slot) => [slot, row]));
  const averages = (m: bigint[][]) =>
    [0, 1, 2, 3, 4, 5].map((i) => Number(m.reduce((s, row) => s + row[i]!, 0n)) / SCALE / m.length);

  it('vm: opens each feature sum and divides it by the number of clients', () => {
    for (const clients of [1, 2, 3]) {
      const m = features(clients);
      const value = load('vm-matrix_average_fixed_point').run('main', [], { mpc: { seed: 7, clientInputs: clientInputs(m) } });
      expect(toJs(value)).toEqual(averages(m));
    }
  });

  it('lang: batch-opens the sums, then fails in reshape_2x3 (its r0 is overwritten by a call result)', () => {
    const m = features(2);
    const opened: unknown[] = [];
    const hooks = new HookRegistry();
    hooks.add(
      (e) => e.type === 'AfterFunctionCall' && e.target.name === 'Share.batch_open',
      (e) => void (e.type === 'AfterFunctionCall' && opened.push(toJs(e.value))),
    );
    const program = load('lang-matrix_average_fixed_point');
    expect(() => program.run('main', [], { mpc: { clientInputs: clientInputs(m) }, hooks })).toThrow(
      'Foreign function get_field failed: array index 0 out of range (length 0)',
    );
    const sums = [0, 1, 2, 3, 4, 5].map((i) => Number(m.reduce((s, row) => s + row[i]!, 0n)) / SCALE);
    expect(opened).toEqual([sums]);
  });
});

describe('threshold_bls_bls12381', () => {
  it('produces a BLS signature that verifies against the opened public key', () => {
    for (const seed of [1, 2, 3]) {
      const out = bytesOf(load('vm-threshold_bls_bls12381').run('main', [], { mpc: { seed } }));
      expect(out.length).toBe(48 + 96 + 48);
      const sig = bls12_381.G1.Point.fromBytes(out.slice(0, 48));
      const pk = bls12_381.G2.Point.fromBytes(out.slice(48, 144));
      const h = bls12_381.G1.Point.fromBytes(out.slice(144));
      expect(pk.is0()).toBe(false);
      // e(sig, g2) = e(H(m), pk)  <=>  sig = sk * H(m) for pk = sk * g2.
      const left = bls12_381.pairing(sig, bls12_381.G2.Point.BASE);
      const right = bls12_381.pairing(h, pk);
      expect(bls12_381.fields.Fp12.eql(left, right)).toBe(true);
      // A different point does not verify (the check can fail).
      const wrong = bls12_381.pairing(sig.add(bls12_381.G1.Point.BASE), bls12_381.G2.Point.BASE);
      expect(bls12_381.fields.Fp12.eql(wrong, right)).toBe(false);
    }
  });
});

describe('fixtures the simulator cannot run as tagged, and why', () => {
  it('the AVSS-style programs need Feldman commitments, which HoneyBadger shares lack (test/mpc-avss runs them with the AVSS backend)', () => {
    const avss = 'Foreign function Share.get_commitment failed: Share does not have Feldman commitments (requires AVSS backend)';
    for (const name of ['vm-threshold_ecdsa_p256', 'vm-threshold_ecdsa_secp256k1', 'vm-threshold_eddsa_ed25519',
      'vm-threshold_schnorr_ed25519', 'vm-avss_keygen', 'vm-avss_keygen-v1', 'vm-avss_certificate_keygen']) {
      expect(runError(load(name), { seed: 1 }), name).toBe(avss);
    }
  });

  it('the v1 client_store language fixtures call an unqualified take_share that no VM registers', () => {
    for (const name of ['lang-client_store_valid', 'lang-client_store_comprehensive']) {
      expect(runError(load(name), { clientInputs: { 0: [1n, 2n, 3n], 1: [4n, 5n, 6n] } })).toBe("Function 'take_share' not found");
    }
  });
});
