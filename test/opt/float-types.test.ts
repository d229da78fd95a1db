/**
 * Type inference with what the emitter's float entries know (src/opt/types.ts `InferOptions`,
 * src/emit/floats.ts): argument kinds checked at entry, and the Float results of calls that reach a
 * double-returning float entry; plus which functions get a float entry.
 */
import { describe, expect, it } from 'vitest';
import type { Inst } from '../../src/ir/ir.js';
import { parseIr } from '../../src/ir/parse.js';
import { verifyFunction } from '../../src/ir/verify.js';
import { floatCallTypes, planFloatEntries, type FloatEntry } from '../../src/emit/floats.js';
import { ANY, I64, T, inferTypes } from '../../src/opt/types.js';

const HALF = '0x3fe0000000000000';

// sqrt_newton after optimization: x <- 0.5 * (x + a / x) while it decreases.
const NEWTON = `
func "sqrt_newton" arity 1 {
b0(v0):
  jump b1(v0)
b1(v1):
  v2 = div v0, v1
  v3 = add v1, v2
  v4 = const float ${HALF}
  v5 = mul v4, v3
  brcmp.lt v5, v1, b2(), b3()
b2():
  jump b1(v5)
b3():
  ret v1
}
`;

const CALLER = `
func "main" arity 1 {
b0(v0):
  v1 = const float ${HALF}
  v2 = add v1, v0
  v3 = call.direct "sqrt_newton"(v2)
  v4 = call.direct "sqrt_newton"(v0)
  v5 = add v3, v1
  ret v5
}
`;

function fn(text: string) {
  const [f] = parseIr(text);
  verifyFunction(f!);
  return f!;
}

describe('inferTypes options', () => {
  it('without options an argument may be anything, and so is everything computed from it', () => {
    const t = inferTypes(fn(NEWTON));
    expect(t[0]).toBe(ANY);
    expect(t[1]).toBe(ANY);
    expect(t[5]).toBe(ANY & ~T.CLOSURE); // 0.5 * <anything>: opaque operands (tables, shares) give anything but a closure
  });

  it('an argument known to be a Float makes the whole iteration Float', () => {
    const t = inferTypes(fn(NEWTON), { entry: [T.FLOAT] });
    for (const v of [0, 1, 2, 3, 5]) expect(t[v], `v${v}`).toBe(T.FLOAT);
  });

  it('an argument known to be an I64 gives integer division, a Float product', () => {
    const t = inferTypes(fn(NEWTON), { entry: [I64] });
    expect(t[2]).toBe(I64 | T.FLOAT); // the loop parameter becomes Float after one round
    expect(t[5]).toBe(T.FLOAT);
  });

  it('direct calls take the result the callback gives, other instructions are unchanged', () => {
    const entry: FloatEntry = { ident: 'f1_sqrt_newton$f', params: [0], returnsDouble: true };
    const calls = floatCallTypes((i: Inst) => (i.op === 'call' && i.name === 'sqrt_newton' ? entry : undefined));
    const t = inferTypes(fn(CALLER), { directCall: calls });
    expect(t[2]).toBe(ANY & ~T.CLOSURE); // 0.5 + <anything>
    expect(t[3]).toBe(ANY); // its argument is not a proven Float
    const typed = inferTypes(fn(CALLER), { entry: [T.FLOAT], directCall: calls });
    expect(typed[3]).toBe(T.FLOAT);
    expect(typed[4]).toBe(T.FLOAT);
    expect(typed[5]).toBe(T.FLOAT);
    const boxed = floatCallTypes(() => ({ ...entry, returnsDouble: false }));
    expect(inferTypes(fn(CALLER), { entry: [T.FLOAT], directCall: boxed })[3]).toBe(ANY);
  });
});

describe('planFloatEntries', () => {
  it('specializes a parameter that meets a float literal in arithmetic; the entry returns a double', () => {
    const f = fn(NEWTON);
    const [entry] = planFloatEntries([{ ir: f, types: inferTypes(f), ident: 'f1_sqrt_newton' }]);
    expect(entry).toEqual({ ident: 'f1_sqrt_newton$f', params: [0], returnsDouble: true });
  });

  it('no entry for integer-only code, or a parameter that never meets a float', () => {
    const ints = fn(`
func "count" arity 2 {
b0(v0, v1):
  v2 = const i64 1
  v3 = add v0, v2
  v4 = mul v3, v1
  ret v4
}
`);
    expect(planFloatEntries([{ ir: ints, types: inferTypes(ints), ident: 'f0_count' }])).toEqual([undefined]);
  });

  it('a function that returns a proven Float gets an entry without float parameters', () => {
    const f = fn(`
func "half_count" arity 1 {
b0(v0):
  v1 = const float ${HALF}
  v2 = call "len"(v0)
  v3 = mul v2, v1
  ret v3
}
`);
    const [entry] = planFloatEntries([{ ir: f, types: inferTypes(f), ident: 'f0_half_count' }]);
    expect(entry).toEqual({ ident: 'f0_half_count$f', params: [], returnsDouble: true });
  });

  it('only the float parameter is passed as a double; a non-Float return keeps the VM value', () => {
    const f = fn(`
func "scale" arity 2 {
b0(v0, v1):
  v2 = const float ${HALF}
  v3 = mul v0, v2
  v4 = call "print"(v3)
  ret v1
}
`);
    const [entry] = planFloatEntries([{ ir: f, types: inferTypes(f), ident: 'f0_scale' }]);
    expect(entry).toEqual({ ident: 'f0_scale$f', params: [0], returnsDouble: false });
  });
});
