/**
 * Every ordered pair of the 17 value kinds through every instruction, against an expectation table written
 * from semantics.md §9 independently of the implementation.
 */
import { describe, expect, it } from 'vitest';
import * as ops from '../../runtime/ops/index.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import type { Value } from '../../runtime/values.js';
import { INT_KIND_NAMES, KINDS, errorOf, kindOf, recordingEngine, sample, type Kind } from './helpers.js';

type BinOp = 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'AND' | 'OR' | 'XOR' | 'SHL' | 'SHR';
type Outcome = { kind: Kind } | { engine: true } | { error: string };

const FN: Record<BinOp, (a: Value, b: Value, mpc: MpcEngine | null) => Value> = {
  ADD: ops.add, SUB: ops.sub, MUL: ops.mul, DIV: ops.div, MOD: ops.mod,
  AND: ops.and, OR: ops.or, XOR: ops.xor, SHL: ops.shl, SHR: ops.shr,
};

const DEBUG: Record<Kind, string> = {
  i64: '6', i32: '6i32', i16: '6i16', i8: '6i8', u8: '6u8', u16: '6u16', u32: '6u32', u64: '6u64',
  float: '2.5f64', bool: 'true', string: '"s"', object: 'Object(1)', array: 'Array(2)', foreign: 'Foreign(3)',
  closure: 'Function(f)', unit: '()', share: 'Share(SecretInt { bit_length: 64 })',
};

const isInt = (k: Kind) => (INT_KIND_NAMES as readonly string[]).includes(k);
const isNumeric = (k: Kind) => isInt(k) || k === 'float';
const floatMix = (a: Kind, b: Kind) =>
  (a === 'float' && (b === 'float' || b === 'i64')) || (a === 'i64' && b === 'float');

function expected(op: BinOp, a: Kind, b: Kind, withEngine: boolean): Outcome {
  const typeErr = { error: `Type error in ${op} operation` };
  if (isInt(a) && a === b) return { kind: a };
  const anyShare = a === 'share' || b === 'share';
  switch (op) {
    case 'ADD':
    case 'SUB':
    case 'MUL':
      if (floatMix(a, b)) return { kind: 'float' };
      if (op === 'ADD' && a === 'string' && b === 'string') return { kind: 'string' };
      if (a === 'share' && b === 'share') return { engine: true };
      if ((a === 'share' && isInt(b)) || (b === 'share' && isInt(a))) return { engine: true };
      if (op === 'MUL' && withEngine && ((a === 'share' && b === 'float') || (a === 'float' && b === 'share'))) {
        return { engine: true };
      }
      return typeErr;
    case 'DIV':
      if (floatMix(a, b)) return { kind: 'float' };
      if (a === 'share' && b === 'share') return { error: 'Share/Share division is not supported on secret shares' };
      if (a === 'share' && isInt(b)) return { engine: true };
      return typeErr;
    case 'MOD':
      if (floatMix(a, b)) return { kind: 'float' };
      if (a === 'share' && b === 'share') return { error: 'Share/Share modulo is not supported on secret shares' };
      return typeErr;
    case 'AND':
    case 'OR':
    case 'XOR':
      if (a === 'bool' && b === 'bool') return { kind: 'bool' };
      if (anyShare) return { error: `Bitwise ${op} is only supported on secret bool shares` };
      return typeErr;
    case 'SHL':
      return anyShare ? { error: 'Left shift is not supported on secret shares' } : typeErr;
    case 'SHR':
      return anyShare ? { error: 'Right shift is not supported on secret shares' } : typeErr;
  }
}

function check(op: BinOp, a: Kind, b: Kind, withEngine: boolean) {
  const { mpc, calls } = recordingEngine();
  const want = expected(op, a, b, withEngine);
  let got: Value;
  try {
    got = FN[op](sample(a), sample(b), withEngine ? mpc : null);
  } catch (e) {
    const message = (e as Error).message;
    if ('engine' in want && !withEngine) {
      expect(message).toBe('MPC engine not configured');
    } else {
      expect(want).toEqual({ error: message });
    }
    expect(calls).toHaveLength(0);
    return;
  }
  if ('engine' in want) {
    expect(withEngine).toBe(true);
    expect(got).toBe('engine-result');
    expect(calls).toEqual([{ op, a: sample(a), b: sample(b) }]);
  } else {
    expect(want).toEqual({ kind: kindOf(got) });
    expect(calls).toHaveLength(0);
  }
}

const BIN_OPS: BinOp[] = ['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR'];

describe('binary instructions over all 17 x 17 kind pairs', () => {
  for (const op of BIN_OPS) {
    for (const withEngine of [false, true]) {
      it(`${op} ${withEngine ? 'with' : 'without'} an MPC engine`, () => {
        for (const a of KINDS) for (const b of KINDS) check(op, a, b, withEngine);
      });
    }
  }
});

describe('NOT over all 17 kinds', () => {
  it('accepts integers and Bool, rejects the rest', () => {
    for (const k of KINDS) {
      const message = errorOf(() => ops.not(sample(k), null));
      if (isInt(k) || k === 'bool') {
        expect(message).toBeNull();
        expect(kindOf(ops.not(sample(k), null))).toBe(k);
      } else if (k === 'share') {
        expect(message).toBe('Bitwise NOT is only supported on secret bool shares');
      } else {
        expect(message).toBe('Type error in NOT operation');
      }
    }
  });
});

describe('CMP over all 17 x 17 kind pairs', () => {
  it('orders numbers, strings and bools; fails otherwise with Debug forms', () => {
    for (const a of KINDS) {
      for (const b of KINDS) {
        const message = errorOf(() => ops.compare(sample(a), sample(b)));
        if ((isNumeric(a) && isNumeric(b)) || (a === b && (a === 'string' || a === 'bool'))) {
          expect(message).toBeNull();
        } else if (a === 'share' || b === 'share') {
          expect(message).toBe('CMP on secret shares is not supported without an MPC comparison protocol');
        } else {
          expect(message).toBe(`Cannot compare ${DEBUG[a]} and ${DEBUG[b]}`);
        }
      }
    }
  });
});
