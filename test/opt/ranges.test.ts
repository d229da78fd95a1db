import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { successors, type Inst, type IrFunction } from '../../src/ir/ir.js';
import { parseIr } from '../../src/ir/parse.js';
import {
  EMPTY,
  FULL,
  I64_MAX,
  I64_MIN,
  binary,
  contains,
  inferRanges,
  isEmpty,
  relate,
  type Interval,
} from '../../src/opt/ranges.js';
import { I64, inferTypes, within } from '../../src/opt/types.js';
import { goldenFiles, readGolden } from '../ir/golden.js';

const DIR = join(import.meta.dirname, 'golden-ranges');

const show = (r: Interval) => (isEmpty(r) ? 'empty' : `[${r.lo}, ${r.hi}]`);

/** Definition ranges of the I64-typed values, then per block the operands whose range is refined there. */
function printRanges(fn: IrFunction): string {
  const types = inferTypes(fn);
  const ranges = inferRanges(fn, types);
  const lines = [`func "${fn.name}"`];
  const defined: number[] = [];
  for (const b of fn.blocks) {
    defined.push(...b.params);
    for (const i of b.insts) if (i.dst >= 0) defined.push(i.dst);
  }
  for (const v of defined.sort((a, b) => a - b)) if (within(types[v]!, I64)) lines.push(`  v${v} ${show(ranges.def(v))}`);
  for (const b of fn.blocks) {
    const used = new Set<number>();
    for (const i of b.insts) i.args.forEach((v) => used.add(v));
    if (b.term.op !== 'jump' && b.term.op !== 'throw') b.term.args.forEach((v) => used.add(v));
    for (const e of successors(b.term)) e.args.forEach((v) => used.add(v));
    for (const v of used) {
      const r = ranges.at(b.id, v);
      const d = ranges.def(v);
      if (r.lo !== d.lo || r.hi !== d.hi) lines.push(`  b${b.id}: v${v} ${show(r)}`);
    }
  }
  return lines.join('\n');
}

describe('range inference (IR text in -> ranges out)', () => {
  it.each(goldenFiles(DIR))('%s', (file) => {
    const g = readGolden(DIR, file);
    const got = parseIr(g.get('input')!).map(printRanges).join('\n');
    expect(got).toBe(g.get('output')!.trim());
  });
});

/** The VM's exact I64 result of `op` (semantics.md §9), or null when the operation fails. */
function exact(op: Inst['op'], a: bigint, b: bigint): bigint | null {
  const fits = (r: bigint) => (r < I64_MIN || r > I64_MAX ? null : r);
  switch (op) {
    case 'add':
      return fits(a + b);
    case 'sub':
      return fits(a - b);
    case 'mul':
      return fits(a * b);
    case 'div':
      return b === 0n ? null : fits(a / b);
    case 'mod':
      return b === 0n || (a === I64_MIN && b === -1n) ? null : a % b;
    case 'and':
      return a & b;
    case 'or':
      return a | b;
    case 'xor':
      return a ^ b;
    case 'shl':
      return b < 0n || b > 63n ? null : BigInt.asIntN(64, a << b);
    case 'shr':
      return b < 0n || b > 63n ? null : a >> b;
    default:
      throw new Error(op);
  }
}

/** Deterministic pseudo-random intervals: small ones (enumerated fully) and ones at the i64 and 2^53 edges. */
function* intervals(seed: number): Generator<Interval> {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const anchors = [0n, -8n, 5n, I64_MAX - 6n, I64_MIN, (1n << 53n) - 3n, -(1n << 53n), (1n << 62n) - 2n];
  for (let k = 0; k < 60; k++) {
    const lo = anchors[Math.floor(next() * anchors.length)]! + BigInt(Math.floor(next() * 7) - 3);
    const len = BigInt(Math.floor(next() * 9));
    const clampedLo = lo < I64_MIN ? I64_MIN : lo > I64_MAX ? I64_MAX : lo;
    const hi = clampedLo + len > I64_MAX ? I64_MAX : clampedLo + len;
    yield { lo: clampedLo, hi };
  }
}

function* members(r: Interval): Generator<bigint> {
  for (let v = r.lo; v <= r.hi; v++) yield v;
}

describe('interval transfer functions are sound', () => {
  const ops: Inst['op'][] = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'shl', 'shr'];
  it.each(ops)('%s contains every exact result of its operands', (op) => {
    const as = [...intervals(7)];
    const bs = op === 'shl' || op === 'shr' ? [{ lo: 0n, hi: 3n }, { lo: 60n, hi: 63n }, { lo: -2n, hi: 2n }, { lo: 62n, hi: 66n }] : [...intervals(11)];
    for (const a of as) {
      for (const b of bs) {
        const r = binary(op, a, b);
        for (const x of members(a)) {
          for (const y of members(b)) {
            const e = exact(op, x, y);
            if (e !== null && !contains(r, e)) throw new Error(`${op} ${show(a)} ${show(b)}: ${x}, ${y} -> ${e} not in ${show(r)}`);
          }
        }
      }
    }
  });

  it('is tight on simple cases', () => {
    expect(binary('add', { lo: 0n, hi: 5n }, { lo: 1n, hi: 1n })).toEqual({ lo: 1n, hi: 6n });
    expect(binary('mod', { lo: 0n, hi: 1000n }, { lo: 7n, hi: 7n })).toEqual({ lo: 0n, hi: 6n });
    expect(binary('and', FULL, { lo: 255n, hi: 255n })).toEqual({ lo: 0n, hi: 255n });
    // Every result overflows: nothing is produced.
    expect(isEmpty(binary('add', { lo: I64_MAX, hi: I64_MAX }, { lo: 1n, hi: 1n }))).toBe(true);
    expect(isEmpty(binary('mod', FULL, { lo: 0n, hi: 0n }))).toBe(true);
  });
});

describe('branch facts are sound', () => {
  const holds = { lt: (x: bigint, y: bigint) => x < y, le: (x: bigint, y: bigint) => x <= y, gt: (x: bigint, y: bigint) => x > y, ge: (x: bigint, y: bigint) => x >= y, eq: (x: bigint, y: bigint) => x === y, ne: (x: bigint, y: bigint) => x !== y };
  it.each(Object.keys(holds) as (keyof typeof holds)[])('%s keeps every pair that satisfies it', (rel) => {
    const small = [...intervals(3)].filter((r) => r.hi - r.lo < 9n).slice(0, 25);
    small.push({ lo: 4n, hi: 4n }, { lo: 0n, hi: 4n }, EMPTY);
    for (const x of small) {
      for (const y of small) {
        const [rx, ry] = relate(rel, x, y);
        for (const a of members(x)) {
          for (const b of members(y)) {
            if (holds[rel](a, b) && !(contains(rx, a) && contains(ry, b))) {
              throw new Error(`${rel} ${show(x)} ${show(y)} lost ${a}, ${b}`);
            }
          }
        }
      }
    }
  });
});
