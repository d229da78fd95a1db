import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { encodeClear } from '../../runtime/mpc/codec.js';
import { createSimulatedEngine, MpcConfigError, type SimulatedEngine } from '../../runtime/mpc/simulated-engine.js';
import { SimShares } from '../../runtime/mpc/sim-shares.js';
import { Share, VmFloat, VmInt, type ShareType, type Value } from '../../runtime/values.js';

const INT64: ShareType = { kind: 'int', bits: 64 };
const BOOL: ShareType = { kind: 'int', bits: 1 };
const FIX: ShareType = { kind: 'fixed', totalBits: 64, fracBits: 16 };

/** A fresh random (non-constant) degree-t sharing, as client inputs get. */
function secret(e: SimulatedEngine, type: ShareType, v: Value): Share {
  return e.share(type, e.protocol.deal(encodeClear(e.field, type, v)));
}

function expectVmError(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VmError);
    expect((err as VmError).message).toBe(message);
    return;
  }
  throw new Error(`expected VmError: ${message}`);
}

const wrap64 = (x: bigint): number | bigint => {
  const w = BigInt.asIntN(64, x);
  return w >= -(2n ** 53n - 1n) && w <= 2n ** 53n - 1n ? Number(w) : w;
};

describe('configuration', () => {
  it('defaults to n=5, t=1, BLS12-381, party 0', () => {
    const e = createSimulatedEngine({ seed: 1 });
    expect([e.nParties, e.threshold, e.partyId, e.curve.name]).toEqual([5, 1, 0, 'bls12-381']);
  });
  it('rejects bad topologies, curves and backends', () => {
    expect(() => createSimulatedEngine({ parties: 3, threshold: 1 })).toThrow(MpcConfigError);
    expect(() => createSimulatedEngine({ curve: 'secp256k1' })).toThrow(
      "MPC curve 'secp256k1' is not supported by HoneyBadger backend",
    );
    expect(() => createSimulatedEngine({ curve: 'x' })).toThrow(/Unknown MPC curve 'x'/);
    expect(() => createSimulatedEngine({ backend: 'spdz' })).toThrow("Unknown MPC backend 'spdz'. Available: honeybadger, avss");
  });
  it('really shares: random sharings differ per party and hide the value', () => {
    const e = createSimulatedEngine({ seed: 7 });
    const s = secret(e, INT64, 42);
    const ys = (s.payload as SimShares).ys;
    expect(new Set(ys).size).toBe(5);
    expect(e.open(s)).toBe(42);
  });
});

describe('open, shareClear, binary (property tests against clear arithmetic)', () => {
  const e = createSimulatedEngine({ seed: 'props' });
  const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

  it('share -> open is the identity for every integer width', () => {
    fc.assert(
      fc.property(i64, fc.constantFrom(8, 16, 32, 64), (v, bits) => {
        const expected = BigInt.asIntN(bits, v);
        const out = e.open(secret(e, { kind: 'int', bits }, v));
        const got = out instanceof VmInt ? BigInt(out.v) : BigInt(out as number | bigint);
        expect(got).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('ADD / SUB / MUL of secrets equal the 64-bit wrapped clear results', () => {
    fc.assert(
      fc.property(i64, i64, (a, b) => {
        const sa = secret(e, INT64, a);
        const sb = secret(e, INT64, b);
        expect(e.open(e.binary('ADD', sa, sb) as Share)).toBe(wrap64(a + b));
        expect(e.open(e.binary('SUB', sa, sb) as Share)).toBe(wrap64(a - b));
        expect(e.open(e.binary('MUL', sa, sb) as Share)).toBe(wrap64(a * b));
      }),
      { numRuns: 40 },
    );
  });

  it('share-scalar forms (either order) equal the clear results', () => {
    const small = fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n });
    fc.assert(
      fc.property(small, small, (a, c) => {
        const sa = secret(e, INT64, a);
        const cv = Number(c);
        expect(e.open(e.binary('ADD', sa, cv) as Share)).toBe(wrap64(a + c));
        expect(e.open(e.binary('ADD', cv, sa) as Share)).toBe(wrap64(a + c));
        expect(e.open(e.binary('SUB', sa, cv) as Share)).toBe(wrap64(a - c));
        expect(e.open(e.binary('SUB', cv, sa) as Share)).toBe(wrap64(c - a));
        expect(e.open(e.binary('MUL', cv, sa) as Share)).toBe(wrap64(a * c));
      }),
      { numRuns: 40 },
    );
  });

  it('fixed-point MUL truncates to floor(z/2^16) or one more (stochastic rounding)', () => {
    fc.assert(
      // |z| / 2^16 stays below 2^53 so the opened Float is exact
      fc.property(fc.integer({ min: -(2 ** 34), max: 2 ** 34 }), fc.integer({ min: -(2 ** 34), max: 2 ** 34 }), (x, y) => {
        const r = e.binary('MUL', secret(e, FIX, new VmFloat(x / 65536)), secret(e, FIX, new VmFloat(y / 65536))) as Share;
        const scaled = BigInt((e.open(r) as VmFloat).v * 65536);
        const z = BigInt(x) * BigInt(y);
        const floor = z >= 0n ? z / 65536n : -((-z + 65535n) / 65536n);
        expect([floor, floor + 1n]).toContain(scaled);
      }),
      { numRuns: 40 },
    );
  });

  it('stochastic rounding is unbiased: P(round up) = (z mod 2^f) / 2^f', () => {
    // scaled 1 * 344064 = 5 * 2^16 + 2^14: floor 5, round up with probability 1/4
    let ups = 0;
    const runs = 400;
    for (let i = 0; i < runs; i++) {
      const r = e.binary('MUL', secret(e, FIX, new VmFloat(1 / 65536)), secret(e, FIX, new VmFloat(5.25))) as Share;
      const scaled = (e.open(r) as VmFloat).v * 65536;
      expect([5, 6]).toContain(scaled);
      if (scaled === 6) ups++;
    }
    expect(ups / runs).toBeGreaterThan(0.17);
    expect(ups / runs).toBeLessThan(0.33);
  });

  it('fixed-point DIV by a public constant follows the rounded-reciprocal rule', () => {
    // x = 6.0, d = 3: w = round(2^32 / 196608) = 21845, 393216 * 21845 = 131070 * 2^16 exactly
    expect(e.open(e.binary('DIV', secret(e, FIX, new VmFloat(6)), 3) as Share)).toEqual(new VmFloat(131070 / 65536));
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 50 }), (x, d) => {
        const got = (e.open(e.binary('DIV', secret(e, FIX, new VmFloat(x)), new VmFloat(d)) as Share) as VmFloat).v;
        expect(Math.abs(got - x / d)).toBeLessThan(0.01);
      }),
      { numRuns: 30 },
    );
  });

  it('MUL by a Float: integer shares become fixed(64,16) exactly; fixed shares truncate', () => {
    const r = e.binary('MUL', secret(e, INT64, 3), new VmFloat(1.5)) as Share;
    expect(r.type).toEqual(FIX);
    expect(e.open(r)).toEqual(new VmFloat(4.5));
    const q = e.binary('MUL', new VmFloat(0.5), secret(e, FIX, new VmFloat(3))) as Share;
    expect(e.open(q)).toEqual(new VmFloat(1.5));
  });

  it('integer DIV multiplies by the inverse (exact division only)', () => {
    expect(e.open(e.binary('DIV', secret(e, INT64, 42), 6) as Share)).toBe(7);
    expectVmError(() => e.binary('DIV', secret(e, INT64, 42), 0), 'Division by zero');
  });

  it('bool gates AND / OR / XOR / NOT', () => {
    for (const a of [false, true]) {
      for (const b of [false, true]) {
        const sa = secret(e, BOOL, a);
        const sb = secret(e, BOOL, b);
        expect(e.open(e.binary('AND', sa, sb) as Share)).toBe(a && b);
        expect(e.open(e.binary('OR', sa, sb) as Share)).toBe(a || b);
        expect(e.open(e.binary('XOR', sa, sb) as Share)).toBe(a !== b);
      }
      expect(e.open(e.not(secret(e, BOOL, a)) as Share)).toBe(!a);
    }
  });

  it('shareClear hides clear values with inferred types and unwraps shares', () => {
    expect(e.shareClear(new VmInt('u8', 7)).type).toEqual(INT64);
    expect(e.open(e.shareClear(-9))).toBe(-9);
    expect(e.open(e.shareClear(new VmFloat(2.5)))).toEqual(new VmFloat(2.5));
    expect(e.open(e.shareClear(true))).toBe(true);
    const s = secret(e, INT64, 1);
    expect(e.shareClear(s)).toBe(s);
    expectVmError(() => e.shareClear('x'), 'Cannot create share from value type: "x"');
  });
});

describe('errors of share instructions (mpc-model §5.1)', () => {
  const e = createSimulatedEngine({ seed: 3 });
  const a = secret(e, INT64, 1);
  const u = secret(e, { kind: 'uint', bits: 64 }, 1n);
  const cases: [string, () => unknown, string][] = [
    ['type mismatch', () => e.binary('ADD', a, u), 'Share type mismatch in ADD operation'],
    ['float scalar in ADD', () => e.binary('ADD', a, new VmFloat(1)), 'Type error in ADD operation'],
    ['float scalar in SUB', () => e.binary('SUB', secret(e, FIX, new VmFloat(1)), new VmFloat(0)), 'Type error in SUB operation'],
    ['share/share DIV', () => e.binary('DIV', a, a), 'Share/Share division is not supported on secret shares'],
    ['int / share', () => e.binary('DIV', 4, a), 'Type error in DIV operation'],
    ['share % share', () => e.binary('MOD', a, a), 'Share/Share modulo is not supported on secret shares'],
    ['share % int', () => e.binary('MOD', a, 2), 'Type error in MOD operation'],
    ['AND on ints', () => e.binary('AND', a, a), 'Bitwise AND is only supported on secret bool shares'],
    ['XOR with clear bool', () => e.binary('XOR', secret(e, BOOL, true), true), 'Bitwise XOR is only supported on secret bool shares'],
    ['OR mismatch', () => e.binary('OR', secret(e, BOOL, true), a), 'Share type mismatch in OR operation'],
    ['NOT on int', () => e.not(a), 'Bitwise NOT is only supported on secret bool shares'],
    ['fixed DIV by zero', () => e.binary('DIV', secret(e, FIX, new VmFloat(1)), 0), 'Fixed-point division requires a positive divisor'],
    ['fixed scalar overflow', () => e.binary('ADD', secret(e, FIX, new VmFloat(1)), 2 ** 50), 'Fixed-point scalar overflow'],
    ['u64 scalar beyond i64', () => e.binary('MUL', a, new VmInt('u64', 2n ** 63n)), 'share scalar exceeds i64 range'],
  ];
  it.each(cases)('%s', (_n, fn, message) => expectVmError(fn, message));
});

describe('corrupted shares', () => {
  function corrupt(e: SimulatedEngine, s: Share, parties: number[]): Share {
    const ys = [...(s.payload as SimShares).ys];
    for (const i of parties) ys[i] = e.field.add(ys[i]!, 12345n);
    return e.share(s.type, e.protocol.wrap(ys));
  }
  it('are detected at open by default, naming the party', () => {
    const e = createSimulatedEngine({ seed: 9 });
    const bad = corrupt(e, secret(e, INT64, 77), [2]);
    expect(() => e.open(bad)).toThrow('Failed to recover secret: corrupted share detected from party 2');
  });
  it('are corrected up to the robust bound with onCorruption = correct, and fail beyond it', () => {
    const e = createSimulatedEngine({ seed: 9, onCorruption: 'correct' });
    expect(e.open(corrupt(e, secret(e, INT64, 77), [4]))).toBe(77);
    expect(() => e.open(corrupt(e, secret(e, INT64, 77), [1, 3]))).toThrow(/beyond what robust decoding can correct/);
    const big = createSimulatedEngine({ seed: 9, parties: 7, threshold: 2, onCorruption: 'correct' });
    expect(big.open(corrupt(big, secret(big, INT64, -5), [0, 6]))).toBe(-5);
  });
  it('propagate into a multiplication as an error, never a wrong value', () => {
    const e = createSimulatedEngine({ seed: 9 });
    expect(() => e.binary('MUL', corrupt(e, secret(e, INT64, 3), [0]), secret(e, INT64, 4))).toThrow(/corrupted share/);
  });
});

describe('determinism', () => {
  function run(seed: number | string): unknown[] {
    const e = createSimulatedEngine({ seed });
    const x = secret(e, FIX, new VmFloat(1.3));
    const y = e.binary('MUL', x, secret(e, FIX, new VmFloat(2.7))) as Share;
    return [(x.payload as SimShares).ys, e.open(y), e.instanceId, e.protocol.randomField().ys];
  }
  it('the same seed reproduces shares, rounding and randomness', () => {
    expect(run(11)).toEqual(run(11));
    expect(run('abc')).toEqual(run('abc'));
  });
  it('a different seed gives different shares', () => {
    expect(run(11)[0]).not.toEqual(run(12)[0]);
  });
});
