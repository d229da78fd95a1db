/**
 * The float paths of compiled code (src/emit/floats.ts): unboxed doubles, inline Float fast paths and
 * float entries. Every program runs in the interpreter and compiled (plain and instruction-counting) and
 * the outcomes must be identical, over operands that stress IEEE corners (NaN, ±0, ±inf, subnormals,
 * overflow to inf), mixed Float/I64 (including a bigint I64 that rounds), zero divisors and non-numbers.
 * Key results are also checked against values computed here in plain JS from semantics.md §9.
 */
import { describe, expect, it } from 'vitest';
import { resultString } from '../../runtime/format.js';
import { VmFloat, type Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../../src/bytecode/loaded.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compileAndLoad, compileVerified, runInterpreter, runModule, type Outcome } from './harness.js';

const F = (x: number) => new VmFloat(x);

/** Operands: floats at IEEE corners, I64s (a bigint one that rounds to even), non-numbers. */
const OPERANDS: readonly [string, () => Value][] = [
  ['0.0', () => F(0)],
  ['-0.0', () => F(-0)],
  ['1.5', () => F(1.5)],
  ['-2.25', () => F(-2.25)],
  ['7.5', () => F(7.5)],
  ['inf', () => F(Infinity)],
  ['-inf', () => F(-Infinity)],
  ['NaN', () => F(NaN)],
  ['1e308', () => F(1e308)],
  ['5e-324', () => F(5e-324)],
  ['i64 3', () => 3],
  ['i64 -7', () => -7],
  ['i64 0', () => 0],
  ['i64 2^53+1', () => 2n ** 53n + 1n],
  ['string', () => 's'],
  ['bool', () => true],
];

interface Modules {
  readonly loaded: LoadedProgram;
  readonly plain: Awaited<ReturnType<typeof compileAndLoad>>;
  readonly counting: Awaited<ReturnType<typeof compileAndLoad>>;
}

async function build(text: string): Promise<Modules> {
  const loaded = linkProgram(assemble(text));
  return {
    loaded,
    plain: await compileAndLoad(loaded),
    counting: await compileAndLoad(loaded, { countInstructions: true }),
  };
}

/** Runs `entry(args)` in all three; they must agree. Returns the interpreter's outcome. */
function agree(m: Modules, entry: string, args: () => Value[], options: { maxCallDepth?: number } = {}): Outcome {
  const interp = runInterpreter(m.loaded, entry, args(), options);
  expect(runModule(m.plain, entry, args(), options), `${entry} plain`).toEqual(interp);
  expect(runModule(m.counting, entry, args(), { ...options, maxInstructions: 1e7 }), `${entry} counting`).toEqual(interp);
  return interp;
}

/** `OP r(a*1.0) r(b*1.0)`: the multiplications are the evidence that gives `op` a float entry. */
function binaryProgram(op: string): string {
  return `
.function scaled(a, b)
  LDI r2, 1.0
  MUL r3, r0, r2
  MUL r4, r1, r2
  ${op} r5, r3, r4
  RET r5

.function raw(a, b)
  ${op} r2, r0, r1
  RET r2

.function mixed_int(a)
  LDI r1, 1.0
  MUL r2, r0, r1
  LDI r3, -7
  ${op} r4, r2, r3
  ${op} r5, r3, r2
  ADD r6, r4, r5
  RET r6
`;
}

describe('float arithmetic: compiled = interpreter over IEEE corners and mixed kinds', () => {
  for (const op of ['ADD', 'SUB', 'MUL', 'DIV', 'MOD']) {
    it(op, async () => {
      const m = await build(binaryProgram(op));
      // Float parameters get a float entry taking doubles; raw operands use the inline boxed fast path.
      const code = compileVerified(m.loaded).code;
      expect(code).toMatch(/function f\d+_scaled\$f\(d\d+, d\d+\)/);
      expect(code).toContain('instanceof $VmFloat');
      for (const [, a] of OPERANDS) {
        agree(m, 'mixed_int', () => [a()]);
        for (const [, b] of OPERANDS) {
          agree(m, 'scaled', () => [a(), b()]);
          agree(m, 'raw', () => [a(), b()]);
        }
      }
    });
  }

  it('results match IEEE arithmetic and the spec errors (independent check)', async () => {
    const show = (o: Outcome) => o.result ?? o.error?.message;
    const m = await build(binaryProgram('MUL'));
    expect(show(agree(m, 'scaled', () => [F(-0), F(5)]))).toBe('-0');
    expect(show(agree(m, 'scaled', () => [F(1e308), F(10)]))).toBe('inf');
    const big = 2n ** 53n + 1n; // rounds to 2^53 (ties to even) before the multiplication
    expect(show(agree(m, 'scaled', () => [F(1), big]))).toBe(resultString(F(2 ** 53)));
    const d = await build(binaryProgram('DIV'));
    expect(show(agree(d, 'scaled', () => [F(1), F(-0)]))).toBe('Division by zero');
    expect(show(agree(d, 'scaled', () => [F(1), 0]))).toBe('Division by zero');
    expect(show(agree(d, 'scaled', () => [F(-1), F(Infinity)]))).toBe('-0');
    const r = await build(binaryProgram('MOD'));
    expect(show(agree(r, 'scaled', () => [F(-7.5), F(2)]))).toBe('-1.5');
    expect(show(agree(r, 'scaled', () => [F(7.5), F(0)]))).toBe('Modulo by zero');
    const a = await build(binaryProgram('ADD'));
    expect(show(agree(a, 'scaled', () => [F(Infinity), F(-Infinity)]))).toBe('NaN');
    expect(show(agree(a, 'scaled', () => [F(1.5), 's']))).toBe('Type error in MUL operation');
    expect(show(agree(a, 'raw', () => [F(1.5), 's']))).toBe('Type error in ADD operation');
  });
});

/** Branches on CMP of two Floats (or a Float and an I64) for each jump condition. */
function compareProgram(jump: string): string {
  return `
.function scaled(a, b)
  LDI r2, 1.0
  MUL r3, r0, r2
  MUL r4, r1, r2
  CMP r3, r4
  ${jump} yes
  LDI r5, "no"
  RET r5
yes:
  LDI r5, "yes"
  RET r5

.function against_int(a)
  LDI r1, 1.0
  MUL r2, r0, r1
  LDI r3, 3
  CMP r2, r3
  ${jump} yes
  LDI r5, "no"
  RET r5
yes:
  LDI r5, "yes"
  RET r5

.function against_raw(a, b)
  LDI r2, 0.5
  ADD r3, r0, r2
  CMP r3, r1
  ${jump} yes
  LDI r5, "no"
  RET r5
yes:
  LDI r5, "yes"
  RET r5
`;
}

describe('float compares: compiled = interpreter (NaN raises, -0 == +0)', () => {
  for (const jump of ['JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT']) {
    it(jump, async () => {
      const m = await build(compareProgram(jump));
      for (const [, a] of OPERANDS) {
        agree(m, 'against_int', () => [a()]);
        for (const [, b] of OPERANDS) {
          agree(m, 'scaled', () => [a(), b()]);
          agree(m, 'against_raw', () => [a(), b()]);
        }
      }
    });
  }

  it('independent check: -0 equals 0, NaN cannot be compared', async () => {
    const m = await build(compareProgram('JMPEQ'));
    expect(agree(m, 'scaled', () => [F(-0), F(0)]).result).toBe('"yes"');
    expect(agree(m, 'against_int', () => [F(3)]).result).toBe('"yes"');
    expect(agree(m, 'scaled', () => [F(NaN), F(1)]).error?.message).toBe('Cannot compare NaNf64 and 1f64');
  });
});

/** bench/programs/fixed_point.stfasm: Newton's iteration, loop-carried floats across calls and returns. */
const NEWTON = `
.function main(n)
  MOV r1, r0
  LDI r2, 0.0
  LDI r3, 0
top:
  CMP r3, r1
  JMPGT done
  JMPEQ done
  LDI r4, 1.0
  ADD r4, r4, r3
  PUSHARG r4
  CALL sqrt_newton
  MOV r5, r0
  ADD r2, r2, r5
  LDI r4, 1
  ADD r3, r3, r4
  JMP top
done:
  RET r2

.function sqrt_newton(a)
  MOV r1, r0
  MOV r2, r1
loop:
  DIV r5, r1, r2
  ADD r5, r2, r5
  LDI r6, 0.5
  MUL r5, r6, r5
  CMP r5, r2
  JMPLT next
  RET r2
next:
  MOV r2, r5
  JMP loop
`;

function newtonJs(a: number): number {
  let x = a;
  for (;;) {
    const y = 0.5 * (x + a / x);
    if (y >= x) return x;
    x = y;
  }
}

describe('float entries: specialized copies called with doubles', () => {
  it('Newton iteration: unboxed across the call and the loop, same bits as plain JS', async () => {
    const m = await build(NEWTON);
    const code = compileVerified(m.loaded).code;
    // main passes a double and keeps the double result in its loop; sqrt_newton checks its argument once.
    expect(code).toMatch(/d\d+ = f\d+_sqrt_newton\$f\(d\d+\)/);
    expect(code).toMatch(/if \(v0 instanceof \$VmFloat\) \{\s*return new \$VmFloat\(f\d+_sqrt_newton\$f\(v0\.v\)\)/);
    let s = 0;
    for (let i = 0; i < 40; i++) s += newtonJs(1 + i);
    expect(agree(m, 'main', () => [40]).result).toBe(resultString(F(s)));
  });

  it('entry called from outside with every operand kind (generic body for non-floats)', async () => {
    const m = await build(NEWTON);
    for (const [, a] of OPERANDS) agree(m, 'sqrt_newton', () => [a()]);
    expect(agree(m, 'sqrt_newton', () => [F(0)]).error?.message).toBe('Division by zero');
    expect(agree(m, 'sqrt_newton', () => [F(NaN)]).error?.message).toBe('Cannot compare NaNf64 and NaNf64');
    expect(agree(m, 'sqrt_newton', () => [F(2)]).result).toBe(resultString(F(newtonJs(2))));
  });

  it('instruction limits land on the same instruction', async () => {
    const m = await build(NEWTON);
    for (let limit = 0; limit < 400; limit += 7) {
      const interp = runInterpreter(m.loaded, 'main', [3], { maxInstructions: limit });
      expect(runModule(m.counting, 'main', [3], { maxInstructions: limit }), `limit ${limit}`).toEqual(interp);
    }
  });

  it('recursion through the entry keeps the call depth limit', async () => {
    const m = await build(`
.function halve(x)
  LDI r1, 1.0
  CMP r0, r1
  JMPLT small
  LDI r2, 0.5
  MUL r3, r0, r2
  PUSHARG r3
  CALL halve
  LDI r2, 1.0
  ADD r3, r0, r2
  RET r3
small:
  RET r0
`);
    expect(compileVerified(m.loaded).code).toMatch(/f\d+_halve\$f\(d\d+\)/);
    for (const depth of [3, 10, 11, 12, 50]) {
      agree(m, 'halve', () => [F(1000)], { maxCallDepth: depth });
      agree(m, 'halve', () => [1000], { maxCallDepth: depth });
    }
    expect(agree(m, 'halve', () => [F(1000)]).result).toBe(resultString(F(1000 * 0.5 ** 10 + 10)));
  });

  it('a non-float argument takes the generic body, also for a mixed-kind parameter', async () => {
    const m = await build(`
.function scale(x, k)
  LDI r2, 2.5
  MUL r3, r0, r2
  ADD r4, r3, r1
  RET r4

.function main()
  LDI r1, 4.0
  LDI r2, 3
  PUSHARG r1
  PUSHARG r2
  CALL scale
  MOV r3, r0
  LDI r1, 4
  PUSHARG r1
  PUSHARG r2
  CALL scale
  ADD r3, r3, r0
  RET r3
`);
    expect(agree(m, 'main', () => []).result).toBe(resultString(F(4 * 2.5 + 3 + (4 * 2.5 + 3))));
    for (const [, a] of OPERANDS) for (const [, b] of OPERANDS) agree(m, 'scale', () => [a(), b()]);
  });
});

describe('I64 operands of unboxed float arithmetic', () => {
  it('an I64 loop counter that grows past 2^53 (a bigint) converts rounding to even', async () => {
    const m = await build(`
.function main()
  LDI r1, 0.0
  LDI r2, 9007199254740989
  LDI r3, 0
top:
  LDI r4, 6
  CMP r3, r4
  JMPEQ done
  LDI r4, 1.0
  MUL r5, r2, r4
  PUSHARG r5
  CALL print
  CMP r5, r2
  JMPNEQ differs
  LDI r6, 0.5
  ADD r1, r1, r6
differs:
  LDI r4, 1
  ADD r2, r2, r4
  ADD r3, r3, r4
  JMP top
done:
  RET r1
`);
    expect(compileVerified(m.loaded).code).toMatch(/d\d+ = Number\(v\d+\) \* 1;/);
    const start = 2 ** 53 - 3;
    const out = agree(m, 'main', () => []);
    // Number(i): 2^53+1 rounds (ties to even) to 2^53; CMP compares exactly, so only that one differs.
    const ints = [0n, 1n, 2n, 3n, 4n, 5n].map((k) => BigInt(start) + k);
    const xs = ints.map(Number);
    expect(xs[4]).toBe(2 ** 53);
    expect(out.output).toEqual(xs.map((x) => `${x}f64`));
    const exact = ints.filter((i, k) => BigInt(xs[k]!) === i).length;
    expect(out.result).toBe(resultString(F(0.5 * exact)));
  });
});

describe('float entries without float parameters', () => {
  // harmonic(n) returns a Float whatever n is: the function is just `return new VmFloat(entry(n))`.
  const HARMONIC = `
.function harmonic(n)
  LDI r1, 0.0
  LDI r2, 1
top:
  CMP r2, r0
  JMPGT done
  LDI r3, 1.0
  DIV r3, r3, r2
  ADD r1, r1, r3
  LDI r3, 1
  ADD r2, r2, r3
  JMP top
done:
  RET r1

.function main(n)
  PUSHARG r0
  CALL harmonic
  LDI r1, 2.0
  MUL r0, r0, r1
  RET r0
`;

  it('callers get the double; direct runs, limits and errors agree', async () => {
    const m = await build(HARMONIC);
    const code = compileVerified(m.loaded).code;
    expect(code).toMatch(/function f\d+_harmonic\(v0\) \{\s*return new \$VmFloat\(f\d+_harmonic\$f\(v0\)\);\s*\}/);
    expect(code).toMatch(/d\d+ = f\d+_harmonic\$f\(v0\)/);
    let h = 0;
    for (let i = 1; i <= 30; i++) h += 1 / i;
    expect(agree(m, 'main', () => [30]).result).toBe(resultString(F(2 * h)));
    // Operands that end the loop soon (n = inf or 2^53 would count for ever).
    for (const a of [() => F(3.5), () => F(NaN), () => F(-0), () => 4, () => 's', () => true]) {
      agree(m, 'harmonic', () => [a()]);
      agree(m, 'main', () => [a()]);
    }
    for (const depth of [0, 1, 2]) agree(m, 'main', () => [5], { maxCallDepth: depth });
    for (let limit = 0; limit < 120; limit += 3) {
      const interp = runInterpreter(m.loaded, 'main', [10], { maxInstructions: limit });
      expect(runModule(m.counting, 'main', [10], { maxInstructions: limit }), `limit ${limit}`).toEqual(interp);
    }
  });
});

describe('unboxed floats that escape', () => {
  it('stored in an array, printed, and passed on every iteration', async () => {
    const m = await build(`
.function main(n)
  MOV r5, r0
  CALL create_array
  MOV r1, r0
  LDI r2, 0.25
  LDI r3, 0
top:
  CMP r3, r5
  JMPEQ done
  LDI r4, 1.5
  MUL r2, r2, r4
  PUSHARG r1
  PUSHARG r2
  CALL array_push
  PUSHARG r2
  CALL print
  LDI r4, 1
  ADD r3, r3, r4
  JMP top
done:
  PUSHARG r1
  CALL to_string
  RET r0
`);
    const out = agree(m, 'main', () => [6]);
    const xs = [0.375, 0.5625, 0.84375, 1.265625, 1.8984375, 2.84765625];
    expect(out.output).toEqual(xs.map((x) => `${x}f64`)); // print shows Debug text (semantics.md)
    expect(out.result).toBe(JSON.stringify(`[${xs.map((x) => `${x}f64`).join(', ')}]`));
  });

  it('swapping loop-carried floats (parallel copies) and a float param that stays boxed', async () => {
    const m = await build(`
.function main(n)
  LDI r1, 0.0
  LDI r2, 1.0
  LDI r3, 0
top:
  CMP r3, r0
  JMPEQ done
  ADD r4, r1, r2
  MOV r1, r2
  MOV r2, r4
  LDI r4, 1
  ADD r3, r3, r4
  JMP top
done:
  PUSHARG r1
  PUSHARG r2
  CALL pair
  RET r0

.function pair(a, b)
  SUB r2, r1, r0
  RET r2
`);
    const fib = [0, 1];
    for (let i = 0; i < 80; i++) fib.push(fib[i]! + fib[i + 1]!);
    expect(agree(m, 'main', () => [80]).result).toBe(resultString(F(fib[81]! - fib[80]!)));
  });
});
