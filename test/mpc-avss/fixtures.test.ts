/**
 * The official AVSS fixtures on the simulated AVSS backend (`backend: 'avss'`; the v3 files are tagged
 * HoneyBadger, see docs/mpc.md), with their public keys and signatures checked by @noble/curves.
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { shareOfObject } from '../../runtime/mpc/vm-values.js';
import { VmObject, type Value } from '../../runtime/values.js';
import { createSimulatedEngine, MemoryLocalStore } from '../../src/index.js';
import {
  bytesOf, CURVES, edwardsBytes, edwardsPoint, le, load, mod, weierstrassBytes,
} from './helpers.js';

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('avss_keygen: Share.random, then its commitment 0 is the public key', () => {
  it.each(['vm-avss_keygen', 'vm-avss_keygen-v1'])('%s returns secret · G1 of the random key', (name) => {
    for (const seed of [1, 2]) {
      // Capture the key share to open it afterwards: the returned point must be exactly secret · G.
      const keys: Value[] = [];
      const hooks = new HookRegistry();
      hooks.add(
        (e) => e.type === 'AfterFunctionCall' && e.target.name === 'Share.random',
        (e) => void (e.type === 'AfterFunctionCall' && keys.push(e.value)),
      );
      const engine = createSimulatedEngine({ backend: 'avss', seed });
      const pk = bytesOf(load(name).run('main', [], { mpc: engine, hooks }));
      expect(pk.length).toBe(48);
      const secret = engine.protocol.open(engine.sim(shareOfObject(keys[0] as VmObject)));
      expect(pk).toEqual(bls12_381.G1.Point.BASE.multiply(secret).toBytes(true));
    }
  });

  it('on the HoneyBadger backend the same program fails as the reference does', () => {
    expect(() => load('vm-avss_keygen').run('main', [], { mpc: { seed: 1 } })).toThrow(
      'Foreign function Share.get_commitment failed: Share does not have Feldman commitments (requires AVSS backend)',
    );
  });
});

describe('threshold ECDSA: r(32) || s(32) || SEC1 public key(33)', () => {
  const message = utf8ToBytes('stoffel-avss-threshold-ecdsa-demo-message-v1');
  const cases = [['vm-threshold_ecdsa_p256', 'p-256', p256], ['vm-threshold_ecdsa_secp256k1', 'secp256k1', secp256k1]] as const;
  it.each(cases)('%s verifies with @noble/curves', (name, curve, noble) => {
    for (const seed of [1, 2, 3]) {
      const out = bytesOf(load(name).run('main', [], { mpc: { backend: 'avss', curve, seed } }));
      expect(out.length).toBe(97);
      const sig = out.slice(0, 64);
      const pk = out.slice(64);
      const digest = sha256(message);
      expect(noble.verify(sig, digest, pk, { prehash: false, lowS: false })).toBe(true);
      // The check can fail: another message does not verify.
      expect(noble.verify(sig, sha256(utf8ToBytes('other')), pk, { prehash: false, lowS: false })).toBe(false);
    }
  });
});

describe('threshold EdDSA / Schnorr on Ed25519: R(32) || s(32) || pk(32), points in arkworks encoding', () => {
  const L = CURVES.ed25519.order;

  function check(out: Uint8Array, challenge: (r: Uint8Array, a: Uint8Array) => Uint8Array): void {
    const [rBytes, sBytes, aBytes] = [out.slice(0, 32), out.slice(32, 64), out.slice(64)];
    const c = mod(le(challenge(rBytes, aBytes)), L);
    const s = le(sBytes);
    expect(s < L).toBe(true);
    const R = edwardsPoint(rBytes);
    const A = edwardsPoint(aBytes);
    // s·B = R + c·A
    expect(ed25519.Point.BASE.multiply(s).equals(R.add(A.multiply(c)))).toBe(true);
    expect(ed25519.Point.BASE.multiply(mod(s + 1n, L)).equals(R.add(A.multiply(c)))).toBe(false);
  }

  it('EdDSA: c = SHA-512(R || A || M) mod ℓ; a standard Ed25519 signature when the encodings agree', () => {
    const msg = utf8ToBytes('test message for eddsa');
    let standard = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const out = bytesOf(load('vm-threshold_eddsa_ed25519').run('main', [], { mpc: { backend: 'avss', curve: 'ed25519', seed } }));
      expect(out.length).toBe(96);
      check(out, (r, a) => sha512(concat(r, a, msg)));
      // arkworks marks x > (p-1)/2, RFC 8032 marks odd x: where both points encode alike the signature
      // is a plain Ed25519 signature.
      const [r, a] = [out.slice(0, 32), out.slice(64)];
      if (edwardsPoint(r).toBytes().every((b, i) => b === r[i]) && edwardsPoint(a).toBytes().every((b, i) => b === a[i])) {
        standard++;
        expect(ed25519.verify(out.slice(0, 64), msg, a)).toBe(true);
      }
    }
    expect(standard).toBeGreaterThan(0);
  });

  it('Schnorr: c = SHA-256(R || M) mod ℓ', () => {
    const msg = utf8ToBytes('test message for schnorr');
    for (const seed of [1, 2, 3]) {
      const out = bytesOf(load('vm-threshold_schnorr_ed25519').run('main', [], { mpc: { backend: 'avss', curve: 'ed25519', seed } }));
      check(out, (r) => sha256(concat(r, msg)));
    }
  });

  it('the nonce and key commitments are the Ed25519 points of the opened secrets', () => {
    const hooks = new HookRegistry();
    const engine = createSimulatedEngine({ backend: 'avss', curve: 'ed25519', seed: 4 });
    const shares: Value[] = [];
    hooks.add(
      (e) => e.type === 'AfterFunctionCall' && e.target.name === 'Share.random',
      (e) => void (e.type === 'AfterFunctionCall' && shares.push(e.value)),
    );
    const out = bytesOf(load('vm-threshold_schnorr_ed25519').run('main', [], { mpc: engine, hooks }));
    const [key, nonce] = shares.map((s) => engine.protocol.open(engine.sim(shareOfObject(s as VmObject))));
    expect(out.slice(64)).toEqual(edwardsBytes(ed25519.Point.BASE.multiply(key!)));
    expect(out.slice(0, 32)).toEqual(edwardsBytes(ed25519.Point.BASE.multiply(nonce!)));
  });
});

describe('avss_certificate: a key share persisted in LocalStorage, then used to sign', () => {
  const mpc = (seed: number, extra: object = {}) => ({ backend: 'avss', curve: 'p-256', seed, ...extra });

  it('keygen stores the key once and returns the same SEC1 public key on later runs', () => {
    const storage = new MemoryLocalStore();
    const keygen = load('vm-avss_certificate_keygen');
    const first = bytesOf(keygen.run('main', [], { mpc: mpc(1), storage }));
    expect(storage.size).toBe(1);
    const second = bytesOf(keygen.run('main', [], { mpc: mpc(2), storage }));
    expect(second).toEqual(first);
    expect(() => p256.Point.fromBytes(first)).not.toThrow();
    // A fresh store with another seed gives another key.
    expect(bytesOf(keygen.run('main', [], { mpc: mpc(2), storage: new MemoryLocalStore() }))).not.toEqual(first);
  });

  it('sign loads the key and computes [s] with it: (r, s) verifies against the keygen public key', () => {
    const storage = new MemoryLocalStore();
    const pk = bytesOf(load('vm-avss_certificate_keygen').run('main', [], { mpc: mpc(1), storage }));
    const digest = sha256(utf8ToBytes('to-be-signed certificate'));
    const seen = new Map<string, Value>();
    const hooks = new HookRegistry();
    hooks.add(
      (e) => e.type === 'AfterFunctionCall' && ['Share.add', 'Crypto.point_x_to_field', 'Share.get_commitment'].includes(e.target.name),
      (e) => void (e.type === 'AfterFunctionCall' && seen.set(e.target.name, e.value)),
    );
    const engine = createSimulatedEngine({ backend: 'avss', curve: 'p-256', seed: 5, clientInputs: new Map([[0, [digest]]]) });
    // The fixture then fails: its `LDI r16, 0` writes into a secret register, so the scalar of
    // `Share.mul_scalar` is a share (the reference VM rejects it the same way).
    expect(() => load('vm-avss_certificate_sign').run('main', [], { mpc: engine, storage, hooks })).toThrow(
      'Foreign function Share.mul_scalar failed: scalar must be an integer',
    );
    const commitment = bytesOf(seen.get('Share.get_commitment')!);
    expect(commitment).toEqual(weierstrassBytes(p256.Point.fromBytes(pk), p256.Point.CURVE().p));
    const r = le(bytesOf(seen.get('Crypto.point_x_to_field')!));
    const s = engine.protocol.open(engine.sim(seen.get('Share.add') as never));
    const sig = new p256.Signature(r, s).toBytes('compact');
    expect(p256.verify(sig, digest, pk, { prehash: false, lowS: false })).toBe(true);
    expect(p256.verify(sig, sha256(utf8ToBytes('x')), pk, { prehash: false, lowS: false })).toBe(false);
  });

  it('sign without a stored key fails (LocalStorage.load returns Unit)', () => {
    expect(() =>
      load('vm-avss_certificate_sign').run('main', [], { mpc: mpc(1, { clientInputs: { 0: [1n] } }), storage: new MemoryLocalStore() }),
    ).toThrow("Method 'get_commitment' expected receiver type 'Share', got 'nil'");
  });

  it('a stored key is bound to the engine that stored it', () => {
    const storage = new MemoryLocalStore();
    const keygen = load('vm-avss_certificate_keygen');
    keygen.run('main', [], { mpc: mpc(1), storage });
    const fail = (options: object) => {
      try {
        keygen.run('main', [], { mpc: { seed: 1, ...options }, storage });
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    const prefix = 'Foreign function LocalStorage.load failed: Local storage load value failed: ';
    expect(fail({ backend: 'avss', curve: 'secp256k1' })).toBe(`${prefix}persistent share metadata mismatch for curve: expected secp256k1, got p-256`);
    expect(fail({ backend: 'avss', curve: 'p-256', parties: 7, threshold: 2 })).toBe(`${prefix}persistent share metadata mismatch for n_parties: expected 7, got 5`);
    expect(fail({ backend: 'honeybadger', curve: 'bls12-381' })).toBe(`${prefix}persistent share metadata mismatch for backend: expected honeybadger-mpc, got avss`);
  });
});
