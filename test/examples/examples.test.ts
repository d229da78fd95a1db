// The bundled examples: each binary is exactly what its text assembles to, and each runs correctly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, loadProgram, writeProgram } from '../../src/index.js';

const dir = new URL('../../examples/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir));

function run(name: string) {
  const program = loadProgram(new Uint8Array(read(`${name}.stflb`)));
  return program.runWithOutput();
}

function fib(n: number): number {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

function primesBelow(limit: number): number[] {
  const primes: number[] = [];
  for (let n = 2; n < limit; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
}

describe('examples', () => {
  it.each(['fib', 'primes'])('%s.stflb is the assembled %s.stfasm', (name) => {
    const assembled = writeProgram(assemble(read(`${name}.stfasm`).toString('utf8')));
    expect(Buffer.from(assembled).equals(read(`${name}.stflb`))).toBe(true);
  });

  it('fib prints fib(10) and returns fib(25)', () => {
    const { value, output } = run('fib');
    expect(output).toEqual([String(fib(10))]);
    expect(value).toBe(fib(25));
  });

  it('primes counts the primes below 1000 and prints the first ten', () => {
    const primes = primesBelow(1000);
    const { value, output } = run('primes');
    expect(output).toEqual([`first primes: ${primes.slice(0, 10).join(' ')} `]);
    expect(value).toBe(primes.length);
  });
});
