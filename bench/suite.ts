/**
 * The benchmark suite: each program in bench/programs/ with its hand-written JavaScript twin, its sizes
 * and a work model.
 *
 * Sizes: `full` is what the compiled and hand-written versions run; the interpreter is much slower, so it
 * runs `interp` (≤ full) and its time is scaled to `full` by `work(full) / work(interp)` (an operation
 * count of the algorithm, exact where it is cheap to compute). `quick` is used by all three engines in a
 * smoke run, `tiny` by the tests.
 */
import closures from './handwritten/closures.js';
import fib from './handwritten/fib.js';
import fixedPoint from './handwritten/fixed_point.js';
import insertionSort from './handwritten/insertion_sort.js';
import loop from './handwritten/loop.js';
import manyFunctions from './handwritten/many_functions.js';
import matmul from './handwritten/matmul.js';
import modexp from './handwritten/modexp.js';
import objects from './handwritten/objects.js';
import sieve from './handwritten/sieve.js';
import strings from './handwritten/strings.js';

/** What `main(n)` returns: an I64 (a JS number or, beyond 2^53, a bigint) or a Float (a JS number). */
export type ResultKind = 'int' | 'float';

export interface Sizes {
  readonly full: number;
  readonly interp: number;
  readonly quick: number;
  readonly tiny: number;
}

export interface Benchmark {
  /** Also the file names: programs/<name>.stfasm, handwritten/<name>.ts. */
  readonly name: string;
  readonly description: string;
  readonly result: ResultKind;
  readonly sizes: Sizes;
  /** The hand-written version: the same algorithm as the program's `main(n)`. */
  readonly handwritten: (n: number) => number | bigint;
  /** Amount of work at size n, in arbitrary units (only ratios are used). */
  readonly work: (n: number) => number;
}

/** Calls made by fib(n): 2 * fib(n + 1) - 1. */
function fibCalls(n: number): number {
  let [a, b] = [0, 1];
  for (let i = 0; i < n + 1; i++) [a, b] = [b, a + b];
  return 2 * a - 1;
}

/** Array writes of the sieve: the fill plus every crossing-out. */
function sieveWork(n: number): number {
  const composite = new Uint8Array(n);
  let work = n;
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    for (let j = i * i; j < n; j += i) {
      composite[j] = 1;
      work++;
    }
  }
  return work;
}

/** Element moves of the insertion sort on the benchmark's data, plus one step per element. */
function insertionSortWork(n: number): number {
  const a: number[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) a.push((x = (x * 75 + 74) % 65537));
  let moves = 0;
  for (let i = 1; i < n; i++) {
    const key = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > key) {
      a[j + 1] = a[j]!;
      j--;
      moves++;
    }
    a[j + 1] = key;
  }
  return moves + n;
}

/** mulmod calls of modexp (each loops over the ~61 bits of its second operand): squarings + multiplies. */
function modexpWork(n: number): number {
  let calls = 0;
  for (let i = 0; i < n; i++) {
    const e = i * 7919 + 65537;
    calls += e.toString(2).length + e.toString(2).replaceAll('0', '').length;
  }
  return calls;
}

/** Newton steps of the fixed-point kernel. */
function newtonSteps(n: number): number {
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const a = 1 + i;
    let x = a;
    for (;;) {
      steps++;
      const y = 0.5 * (x + a / x);
      if (y >= x) break;
      x = y;
    }
  }
  return steps;
}

const linear = (n: number) => n;

export const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'fib',
    description: 'recursive Fibonacci (calls)',
    result: 'int',
    sizes: { full: 32, interp: 26, quick: 18, tiny: 10 },
    handwritten: fib,
    work: fibCalls,
  },
  {
    name: 'loop',
    description: 'tight integer loop (MUL/ADD/MOD/AND/XOR)',
    result: 'int',
    sizes: { full: 10_000_000, interp: 1_000_000, quick: 50_000, tiny: 1000 },
    handwritten: loop,
    work: linear,
  },
  {
    name: 'sieve',
    description: 'prime sieve on an array (get_field/set_field)',
    result: 'int',
    sizes: { full: 1_000_000, interp: 200_000, quick: 20_000, tiny: 500 },
    handwritten: sieve,
    work: sieveWork,
  },
  {
    name: 'matmul',
    description: 'matrix multiply on nested arrays',
    result: 'int',
    sizes: { full: 120, interp: 50, quick: 16, tiny: 5 },
    handwritten: matmul,
    work: (n) => n * n * n + 3 * n * n,
  },
  {
    name: 'insertion_sort',
    description: 'insertion sort of an array',
    result: 'int',
    sizes: { full: 4000, interp: 1000, quick: 150, tiny: 40 },
    handwritten: insertionSort,
    work: insertionSortWork,
  },
  {
    name: 'strings',
    description: 'string building (ADD on strings, to_string, len)',
    result: 'int',
    sizes: { full: 20_000, interp: 10_000, quick: 200, tiny: 5 },
    handwritten: strings,
    work: linear,
  },
  {
    name: 'closures',
    description: 'closure counter calls (call_closure, get/set_upvalue)',
    result: 'int',
    sizes: { full: 200_000, interp: 50_000, quick: 3000, tiny: 50 },
    handwritten: closures,
    work: linear,
  },
  {
    name: 'objects',
    description: 'object field updates in a loop (string keys)',
    result: 'int',
    sizes: { full: 100_000, interp: 10_000, quick: 1000, tiny: 30 },
    handwritten: objects,
    work: linear,
  },
  {
    name: 'modexp',
    description: 'modexp/gcd on int64 beyond 2^53 (mod 2^61-1)',
    result: 'int',
    sizes: { full: 400, interp: 40, quick: 10, tiny: 3 },
    handwritten: modexp,
    work: modexpWork,
  },
  {
    name: 'fixed_point',
    description: 'float kernel: Newton fixed-point iteration',
    result: 'float',
    sizes: { full: 200_000, interp: 20_000, quick: 2000, tiny: 50 },
    handwritten: fixedPoint,
    work: newtonSteps,
  },
  {
    name: 'many_functions',
    description: `long program: 200 generated functions (compile time)`,
    result: 'int',
    sizes: { full: 2000, interp: 100, quick: 20, tiny: 2 },
    handwritten: manyFunctions,
    work: linear,
  },
];

export function benchmarkByName(name: string): Benchmark | undefined {
  return BENCHMARKS.find((b) => b.name === name);
}
