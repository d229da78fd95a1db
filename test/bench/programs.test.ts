/**
 * The benchmark programs (bench/programs/*.stfasm) against their hand-written twins: each assembles,
 * goes through the bytecode writer and loader, runs in the reference interpreter at tiny sizes and gives
 * the hand-written version's checksum. A few checksums are also checked against values computed here by
 * other means, so a program and its twin cannot agree on a wrong algorithm. No timing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VmFloat } from '../../runtime/values.js';
import { BENCH_DIR, handwrittenSourcePath, programPath } from '../../bench/paths.js';
import { jsResultKey, prepareProgram, runInterpreter, vmResultKey } from '../../bench/program.js';
import { BENCHMARKS, benchmarkByName } from '../../bench/suite.js';
import { generateManyFunctions } from '../../bench/tools/many-functions.js';

function interp(name: string, n: number) {
  return runInterpreter(prepareProgram(benchmarkByName(name)!), n);
}

describe('benchmark programs', () => {
  it('has a suite entry for every program file and at least ten programs', () => {
    const files = readdirSync(`${BENCH_DIR}/programs`).filter((f) => f.endsWith('.stfasm'));
    expect(files.map((f) => f.replace(/\.stfasm$/, '')).sort()).toEqual(BENCHMARKS.map((b) => b.name).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const bench of BENCHMARKS) {
    it(`${bench.name}: the interpreter matches the hand-written version`, () => {
      const prepared = prepareProgram(bench);
      for (const n of [1, bench.sizes.tiny]) {
        expect(vmResultKey(runInterpreter(prepared, n)), `${bench.name}(${n})`).toBe(jsResultKey(bench.handwritten(n), bench.result));
      }
    });

    it(`${bench.name}: sizes are ordered and the work model grows`, () => {
      const { full, interp: interpSize, quick, tiny } = bench.sizes;
      expect(tiny).toBeLessThanOrEqual(quick);
      expect(quick).toBeLessThanOrEqual(interpSize);
      expect(interpSize).toBeLessThanOrEqual(full);
      expect(bench.work(full)).toBeGreaterThanOrEqual(bench.work(interpSize));
    });
  }

  it('fib and sieve give the textbook values', () => {
    expect(interp('fib', 10)).toBe(55);
    // 168 primes below 1000, summing to 76127.
    expect(interp('sieve', 1000)).toBe(76127 * 31 + 168);
  });

  it('insertion_sort sorts: its checksum equals that of the built-in sort', () => {
    const n = 60;
    const data: number[] = [];
    let x = 12345;
    for (let i = 0; i < n; i++) data.push((x = (x * 75 + 74) % 65537));
    data.sort((a, b) => a - b);
    expect(interp('insertion_sort', n)).toBe(data.reduce((s, v, i) => s + v * ((i % 13) + 1), 0));
  });

  it('modexp agrees with exponentiation by native BigInt products and leaves the safe-integer range', () => {
    const m = (1n << 61n) - 1n;
    const k = (1n << 62n) - 1n;
    const pow = (b: bigint, e: bigint) => {
      let r = 1n;
      for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
      return r;
    };
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    let acc = 0n;
    for (let i = 0n; i < 3n; i++) {
      const r = pow((i * 1000003n + 81985529216486895n) % m, i * 7919n + 65537n);
      acc = (acc + r + gcd(k - i, r)) % m;
    }
    expect(acc > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(interp('modexp', 3)).toBe(acc);
  });

  it('fixed_point sums square roots', () => {
    const v = interp('fixed_point', 100);
    expect(v).toBeInstanceOf(VmFloat);
    let exact = 0;
    for (let i = 1; i <= 100; i++) exact += Math.sqrt(i);
    expect(Math.abs((v as VmFloat).v - exact)).toBeLessThan(1e-9);
  });

  it('many_functions: the committed program and twin are the generator output', () => {
    const { asm, ts } = generateManyFunctions();
    expect(readFileSync(programPath('many_functions'), 'utf8')).toBe(asm);
    expect(readFileSync(handwrittenSourcePath('many_functions'), 'utf8')).toBe(ts);
  });
});

describe('result keys', () => {
  it('tell I64 from Float and compare bigints with numbers by value', () => {
    expect(vmResultKey(3)).toBe(jsResultKey(3n, 'int'));
    expect(vmResultKey(new VmFloat(3))).not.toBe(jsResultKey(3, 'int'));
    expect(vmResultKey(new VmFloat(0.1 + 0.2))).toBe(jsResultKey(0.1 + 0.2, 'float'));
    expect(vmResultKey(new VmFloat(0.3))).not.toBe(jsResultKey(0.1 + 0.2, 'float'));
    expect(jsResultKey(2 ** 53 + 2, 'int')).toMatch(/^unexpected/);
    expect(vmResultKey('3')).toMatch(/^unexpected/);
  });
});
