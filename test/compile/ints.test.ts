/**
 * I64 code paths of compiled modules (src/emit/ints.ts, src/opt/ranges.ts): loops whose counters have known
 * ranges combined with constants at ±2^53 (number <-> bigint), ±2^63 (overflow errors, SHL wrapping), negative
 * DIV/MOD operands (truncation, -0), AND/SHR/NOT on bigints and compares across number and bigint. Each
 * program runs in the interpreter and compiled (plain, instruction-counting, and hooked with identical hook
 * events); outcomes must be identical, and key outputs are also checked against BigInt arithmetic done here.
 */
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compiledEngine } from '../../src/compiled-engine.js';
import { interpreterEngine } from '../../src/interp/index.js';
import { compileAndLoad, compileVerified, runInterpreter, runModule, type Outcome } from './harness.js';
import { recordRun } from './hook-events.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const S = 2n ** 53n;

/**
 * `for i in 0..n` (CMP + JMPLT, so i has a known range) printing r10 from `body`. Available: r1 = i,
 * r5 = `c`, r6 = i - 5, r8 = `k` + i.
 */
function loop(n: number, c: bigint, k: bigint, body: string): string {
  return `
.function main() -> int64
  LDI r1, 0
  LDI r2, ${n}
  LDI r3, 1
head:
  CMP r1, r2
  JMPLT body
  RET r1
body:
  LDI r5, ${c}
  LDI r7, 5
  SUB r6, r1, r7
  LDI r9, ${k}
  ADD r8, r9, r1
${body}
  PUSHARG r10
  CALL print
  ADD r1, r1, r3
  JMP head`;
}

async function both(text: string): Promise<Outcome> {
  const loaded = linkProgram(assemble(text));
  const interp = runInterpreter(loaded);
  const plain = runModule(await compileAndLoad(loaded));
  const counting = runModule(await compileAndLoad(loaded, { countInstructions: true }));
  expect(plain).toEqual(interp);
  expect(counting).toEqual(interp);
  expect(recordRun(loaded, compiledEngine, {}, 'main', [])).toEqual(recordRun(loaded, interpreterEngine, {}, 'main', []));
  return plain;
}

/** `f(i)` for i in 0..n, stopping at the first error (null). */
function expected(n: number, f: (i: bigint) => bigint | null): { output: string[]; failed: boolean } {
  const output: string[] = [];
  for (let i = 0n; i < BigInt(n); i++) {
    const r = f(i);
    if (r === null) return { output, failed: true };
    output.push(String(r));
  }
  return { output, failed: false };
}

const checked = (r: bigint) => (r < MIN || r > MAX ? null : r);

async function agree(n: number, c: bigint, k: bigint, body: string, f: (i: bigint) => bigint | null, error?: string) {
  const out = await both(loop(n, c, k, body));
  const want = expected(n, f);
  expect(out.output).toEqual(want.output);
  if (want.failed) expect(out.error?.message).toBe(error);
  else expect(out.result).toBe(String(n));
}

describe('arithmetic across 2^53 and up to 2^63', () => {
  it('ADD crosses from numbers to bigints and back', async () => {
    await agree(12, 0n, S - 6n, '  ADD r10, r8, r1', (i) => S - 6n + 2n * i);
    await agree(12, 0n, -S - 6n, '  SUB r10, r8, r1', () => -S - 6n);
  });

  it('ADD and SUB overflow at the i64 limits with the official error', async () => {
    await agree(9, 0n, MAX - 5n, '  ADD r10, r8, r1', (i) => checked(MAX - 5n + 2n * i), 'Integer overflow in ADD operation');
    await agree(9, MIN + 3n, 0n, '  SUB r10, r5, r1', (i) => checked(MIN + 3n - i), 'Integer overflow in SUB operation');
  });

  it('MUL normalizes -0, crosses 2^53 and overflows', async () => {
    await agree(4, -5n, 0n, '  MUL r10, r6, r1', (i) => (i - 5n) * i);
    await agree(4, -5n, 0n, '  MUL r10, r1, r5', (i) => i * -5n);
    await agree(12, 2n ** 50n, 0n, '  MUL r10, r1, r5', (i) => i * 2n ** 50n);
    await agree(12, 2n ** 60n, 0n, '  MUL r10, r1, r5', (i) => checked(i * 2n ** 60n), 'Integer overflow in MUL operation');
    // Constant operands whose product always overflows.
    await agree(3, 4294967206n, 4294967206n, '  MUL r10, r5, r9', () => null, 'Integer overflow in MUL operation');
  });

  it('NOT at 2^53 - 1 and at the i64 limits', async () => {
    await agree(6, 0n, S - 3n, '  NOT r10, r8', (i) => -(S - 3n + i) - 1n);
    await agree(3, 0n, MAX - 2n, '  NOT r10, r8', (i) => -(MAX - 2n + i) - 1n);
  });
});

describe('DIV and MOD truncate toward zero', () => {
  const div = (a: bigint, b: bigint) => (b === 0n ? null : checked(a / b));
  const mod = (a: bigint, b: bigint) => (b === 0n ? null : a % b);
  it.each([2n, -2n, 3n, -3n, 7n])('by the constant %s with dividends -5..5 (no -0)', async (c) => {
    await agree(11, c, 0n, '  DIV r10, r6, r5', (i) => div(i - 5n, c));
    await agree(11, c, 0n, '  MOD r10, r6, r5', (i) => mod(i - 5n, c));
  });

  it('by a divisor that reaches zero, with the official errors', async () => {
    await agree(9, -7n, 0n, '  DIV r10, r5, r6', (i) => div(-7n, i - 5n), 'Division by zero');
    await agree(9, 9n, 0n, '  MOD r10, r5, r6', (i) => mod(9n, i - 5n), 'Modulo by zero');
  });

  it('MIN / -1 and MIN % -1 overflow; bigint dividends', async () => {
    await agree(2, -1n, MIN, '  DIV r10, r8, r5', (i) => div(MIN + i, -1n), 'Integer overflow in DIV operation');
    await agree(2, -1n, MIN, '  MOD r10, r8, r5', (i) => (i === 0n ? null : (MIN + i) % -1n), 'Integer overflow in MOD operation');
    await agree(6, 1000003n, -(2n ** 61n), '  MOD r10, r8, r5', (i) => (-(2n ** 61n) + i) % 1000003n);
    await agree(6, -3n, S - 2n, '  DIV r10, r8, r5', (i) => (S - 2n + i) / -3n);
  });
});

describe('bitwise ops and shifts on numbers and bigints', () => {
  const w = (v: bigint) => BigInt.asIntN(64, v);
  it.each([1n, 255n, -256n, 2n ** 40n])('AND with %s across 2^53 and below -2^53', async (c) => {
    await agree(6, c, S - 3n, '  AND r10, r8, r5', (i) => (S - 3n + i) & c);
    await agree(6, c, -S - 2n, '  AND r10, r8, r5', (i) => (-S - 2n + i) & c);
  });

  it('OR and XOR with int32 and wider constants', async () => {
    await agree(6, 1n << 31n, -3n, '  OR r10, r8, r5', (i) => (-3n + i) | (1n << 31n));
    await agree(6, 0x7fffffffn, S - 3n, '  XOR r10, r8, r5', (i) => (S - 3n + i) ^ 0x7fffffffn);
  });

  it('SHR is arithmetic on numbers and bigints', async () => {
    for (const c of [0n, 1n, 3n, 40n, 63n]) {
      await agree(5, c, -S - 2n, '  SHR r10, r8, r5', (i) => (-S - 2n + i) >> c);
      await agree(5, c, MAX - 4n, '  SHR r10, r8, r5', (i) => (MAX - 4n + i) >> c);
      await agree(5, c, 0n, '  SHR r10, r6, r5', (i) => (i - 5n) >> c);
    }
  });

  it('SHL drops the bits shifted out (1 << 63 is MIN), never an overflow error', async () => {
    await agree(9, 60n, 0n, '  SHL r10, r1, r5', (i) => w(i << 60n));
    await agree(9, 3n, 0n, '  SHL r10, r6, r5', (i) => (i - 5n) << 3n);
    await agree(4, 63n, 0n, '  SHL r10, r1, r5', (i) => w(i << 63n));
  });

  it('shift amounts out of range fail with the official texts', async () => {
    await agree(2, 64n, 0n, '  SHR r10, r1, r5', () => null, 'Shift amount 64 out of range in SHR operation');
    await agree(2, -1n, 0n, '  SHL r10, r1, r5', () => null, 'Invalid shift amount -1 in SHL operation');
  });
});

describe('compares across number and bigint', () => {
  /** Prints 1 when `r8 <cond> r5` (CMP + JMP), else 0. */
  const cmpBody = (jump: string) => `
  LDI r10, 0
  CMP r8, r5
  ${jump} yes
  JMP no
yes:
  LDI r10, 1
no:`;
  it.each([
    ['JMPLT', (a: bigint, b: bigint) => a < b],
    ['JMPGT', (a: bigint, b: bigint) => a > b],
    ['JMPEQ', (a: bigint, b: bigint) => a === b],
    ['JMPNEQ', (a: bigint, b: bigint) => a !== b],
  ] as const)('%s orders values on both sides of ±2^53 exactly', async (jump, holds) => {
    for (const [k, c] of [
      [S - 3n, S],
      [-S - 3n, -S + 1n],
      [MAX - 6n, MAX - 3n],
      [2n ** 61n - 3n, 2n ** 61n - 1n],
    ] as const) {
      await agree(6, c, k, cmpBody(jump), (i) => (holds(k + i, c) ? 1n : 0n));
    }
  });
});

describe('the modexp benchmark program', () => {
  it('agrees with BigInt modular exponentiation', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const text = readFileSync(join(import.meta.dirname, '../../bench/programs/modexp.stfasm'), 'utf8');
    const loaded = linkProgram(assemble(text));
    const interp = runInterpreter(loaded, 'main', [5]);
    const compiled = runModule(await compileAndLoad(loaded), 'main', [5]);
    expect(compiled).toEqual(interp);
    const m = 2n ** 61n - 1n;
    const pow = (b: bigint, e: bigint) => {
      let r = 1n;
      for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
      return r;
    };
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    let acc = 0n;
    for (let i = 0n; i < 5n; i++) {
      const r = pow((i * 1000003n + 81985529216486895n) % m, i * 7919n + 65537n);
      acc = (acc + r + gcd(2n ** 62n - 1n - i, r)) % m;
    }
    expect(compiled.result).toBe(String(acc));
  });
});

describe('guards that ranges remove', () => {
  /** `s += (i % 7) * i` for i below `bound` (a constant, or with 'MOV' the parameter n), stepping by 1. */
  const program = (bound: string) => `
.function main(${bound === 'MOV' ? 'n' : ''}) -> int64
  LDI r1, 0
  LDI r4, 0
  ${bound === 'MOV' ? 'MOV r2, r0' : `LDI r2, ${bound}`}
  LDI r3, 1
head:
  CMP r1, r2
  JMPLT body
  RET r4
body:
  LDI r5, 7
  MOD r6, r1, r5
  MUL r6, r6, r1
  ADD r4, r4, r6
  ADD r1, r1, r3
  JMP head`;
  const mainOf = (text: string) => {
    const code = compileVerified(linkProgram(assemble(text))).code;
    return code.slice(code.indexOf('function f0_main'));
  };

  it('a counter bounded by a constant and its arithmetic need no typeof or overflow tests', async () => {
    const code = mainOf(program('1000'));
    expect(code).not.toMatch(/\$mod|\$mul/);
    expect(code).toMatch(/v\d+ = v\d+ \+ 1;/);
    // Only the accumulator (unbounded: widening takes it to the i64 limit) keeps its tests.
    expect(code.match(/typeof/g)).toHaveLength(1);
    const out = await both(program('1000'));
    let s = 0n;
    for (let i = 0n; i < 1000n; i++) s += (i % 7n) * i;
    expect(out.result).toBe(String(s));
  });

  it('bounded by a parameter of unknown kind the counter keeps its tests (it could pass 2^53)', () => {
    const code = mainOf(program('MOV'));
    expect(code).toMatch(/typeof v\d+ !== "number" \|\| \(v\d+ = v\d+ \+ 1\) > 9007199254740991/);
  });
});
