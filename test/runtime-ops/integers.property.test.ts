/** Integer instructions of all 8 kinds against the BigInt reference model, with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ops from '../../runtime/ops/index.js';
import type { AnyIntKind, Value } from '../../runtime/values.js';
import { errorOf } from './helpers.js';
import { BITS, MAX, MIN, mk, readInt, refNot, reference, type RefOp } from './reference.js';

const KINDS: AnyIntKind[] = ['i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64'];
const FN: Record<RefOp, (a: Value, b: Value, mpc: null) => Value> = {
  ADD: ops.add, SUB: ops.sub, MUL: ops.mul, DIV: ops.div, MOD: ops.mod,
  AND: ops.and, OR: ops.or, XOR: ops.xor, SHL: ops.shl, SHR: ops.shr,
};

/** Values of kind k concentrated around 0, ±2^31, ±2^32, ±2^53, ±2^63 and the kind's bounds. */
function values(k: AnyIntKind): fc.Arbitrary<bigint> {
  const lo = MIN(k);
  const hi = MAX(k);
  const points = [0n, 1n, -1n, lo, hi, 2n ** 31n, -(2n ** 31n), 2n ** 32n, 2n ** 53n, -(2n ** 53n), 2n ** 63n]
    .filter((p) => p >= lo && p <= hi);
  const near = fc
    .tuple(fc.constantFrom(...points), fc.bigInt(-4n, 4n))
    .map(([p, d]) => (p + d < lo ? lo : p + d > hi ? hi : p + d));
  return fc.oneof(near, fc.bigInt(lo, hi), fc.bigInt(lo > -100n ? lo : -100n, 100n));
}

/** Shift amounts: valid ones, the width edges and the out-of-range / invalid texts. */
function amounts(k: AnyIntKind): fc.Arbitrary<bigint> {
  const w = BigInt(BITS[k]);
  const edges = [0n, w - 1n, w, 0xffffffffn, 0x100000000n, -1n, 1n << 40n, (1n << 63n) - 1n, 1n << 63n, MAX(k)];
  return fc.oneof(
    fc.bigInt(0n, w - 1n),
    fc.constantFrom(...edges.filter((e) => e >= MIN(k) && e <= MAX(k))),
    fc.bigInt(MIN(k), MAX(k)),
  );
}

function run(op: RefOp, k: AnyIntKind, a: bigint, b: bigint): void {
  const want = reference(op, k, a, b);
  let got: Value;
  try {
    got = FN[op](mk(k, a), mk(k, b), null);
  } catch (e) {
    expect({ error: (e as Error).message }, `${op} ${k} ${a} ${b}`).toEqual(want);
    return;
  }
  expect({ value: readInt(k, got) }, `${op} ${k} ${a} ${b}`).toEqual(want);
}

const RUNS = { numRuns: 400 };

describe('integer instructions match the BigInt reference model', () => {
  for (const k of KINDS) {
    for (const op of ['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR'] as RefOp[]) {
      it(`${op} ${k}`, () => {
        fc.assert(fc.property(values(k), values(k), (a, b) => run(op, k, a, b)), RUNS);
      });
    }
    for (const op of ['SHL', 'SHR'] as RefOp[]) {
      it(`${op} ${k}`, () => {
        fc.assert(fc.property(values(k), amounts(k), (a, b) => run(op, k, a, b)), RUNS);
      });
    }
    it(`NOT ${k}`, () => {
      fc.assert(
        fc.property(values(k), (a) => {
          expect(readInt(k, ops.not(mk(k, a), null))).toBe(refNot(k, a));
        }),
        RUNS,
      );
    });
    it(`CMP ${k} with ${k}`, () => {
      fc.assert(
        fc.property(values(k), values(k), (a, b) => {
          expect(ops.compare(mk(k, a), mk(k, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        }),
        RUNS,
      );
    });
  }

  it('CMP across integer kinds compares mathematical values', () => {
    const anyInt = fc.constantFrom(...KINDS).chain((k) => values(k).map((v) => [k, v] as const));
    fc.assert(
      fc.property(anyInt, anyInt, ([ka, a], [kb, b]) => {
        expect(ops.compare(mk(ka, a), mk(kb, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every mixed-kind integer pair with a type error', () => {
    for (const ka of KINDS) {
      for (const kb of KINDS) {
        if (ka === kb) continue;
        for (const op of Object.keys(FN) as RefOp[]) {
          expect(errorOf(() => FN[op](mk(ka, 1n), mk(kb, 1n), null))).toBe(`Type error in ${op} operation`);
        }
      }
    }
  });
});
