/** Share operands: routing to the MPC engine, share objects, and the engine-less messages (§9, mpc-model §5.1). */
import { describe, expect, it } from 'vitest';
import * as ops from '../../runtime/ops/index.js';
import { VmFloat, VmInt, VmObject, type ShareType, type Value } from '../../runtime/values.js';
import { errorOf, recordingEngine, share } from './helpers.js';

const INT64: ShareType = { kind: 'int', bits: 64 };
const INT32: ShareType = { kind: 'int', bits: 32 };
const BOOL: ShareType = { kind: 'int', bits: 1 };
const FIXED: ShareType = { kind: 'fixed', totalBits: 64, fracBits: 16 };

function shareObject(data: Value, type: Value = 'Share'): VmObject {
  const o = new VmObject(9);
  o.entries.set('__type', { key: '__type', value: type });
  o.entries.set('__data', { key: '__data', value: data });
  return o;
}

describe('arithmetic with shares', () => {
  it('sends share pairs and share-with-integer to the engine', () => {
    const { mpc, calls } = recordingEngine();
    const s = share(INT64);
    expect(ops.add(s, s, mpc)).toBe('engine-result');
    expect(ops.sub(5, s, mpc)).toBe('engine-result');
    expect(ops.mul(s, new VmInt('u8', 3), mpc)).toBe('engine-result');
    expect(ops.div(s, 4, mpc)).toBe('engine-result');
    expect(calls.map((c) => [c.op, c.a, c.b])).toEqual([
      ['ADD', s, s], ['SUB', 5, s], ['MUL', s, new VmInt('u8', 3)], ['DIV', s, 4],
    ]);
  });

  it('unwraps share objects for ADD/SUB/MUL/DIV only', () => {
    const { mpc, calls } = recordingEngine();
    const s = share(INT64, 'inner');
    const obj = shareObject(s);
    expect(ops.add(obj, 1, mpc)).toBe('engine-result');
    expect(ops.div(obj, 2, mpc)).toBe('engine-result');
    expect(calls.map((c) => c.a)).toEqual([s, s]);
    expect(errorOf(() => ops.mod(obj, 2, mpc))).toBe('Type error in MOD operation');
    expect(errorOf(() => ops.and(obj, obj, mpc))).toBe('Type error in AND operation');
    expect(errorOf(() => ops.shl(obj, 1, mpc))).toBe('Type error in SHL operation');
    expect(errorOf(() => ops.compare(obj, 1))).toBe('Cannot compare Object(9) and 1');
    expect(errorOf(() => ops.add(obj, 1, null))).toBe('MPC engine not configured');
  });

  it('treats objects without a share in "__data" or with another "__type" as plain objects', () => {
    const { mpc } = recordingEngine();
    expect(errorOf(() => ops.add(shareObject(1), 1, mpc))).toBe('Type error in ADD operation');
    expect(errorOf(() => ops.add(shareObject(share(), 'share'), 1, mpc))).toBe('Type error in ADD operation');
  });

  it('checks types before needing the engine', () => {
    for (const mpc of [null, recordingEngine().mpc]) {
      expect(errorOf(() => ops.add(share(INT64), share(INT32), mpc))).toBe('Share type mismatch in ADD operation');
      expect(errorOf(() => ops.div(share(INT64), share(INT32), mpc))).toBe('Share type mismatch in DIV operation');
      expect(errorOf(() => ops.div(share(INT64), share(INT64), mpc))).toBe('Share/Share division is not supported on secret shares');
      expect(errorOf(() => ops.mod(share(INT64), share(INT64), mpc))).toBe('Share/Share modulo is not supported on secret shares');
      expect(errorOf(() => ops.mod(share(INT64), share(FIXED), mpc))).toBe('Share type mismatch in MOD operation');
      expect(errorOf(() => ops.mod(share(INT64), 2, mpc))).toBe('Type error in MOD operation');
      expect(errorOf(() => ops.add(share(INT64), new VmFloat(1), mpc))).toBe('Type error in ADD operation');
      expect(errorOf(() => ops.sub(new VmFloat(0), share(FIXED), mpc))).toBe('Type error in SUB operation');
      expect(errorOf(() => ops.div(3, share(INT64), mpc))).toBe('Type error in DIV operation');
      expect(errorOf(() => ops.div(share(INT64), new VmFloat(2), mpc))).toBe('Type error in DIV operation');
      expect(errorOf(() => ops.add(share(INT64), 'x', mpc))).toBe('Type error in ADD operation');
      expect(errorOf(() => ops.add(share(INT64), new VmInt('u64', 2n ** 63n), mpc))).toBe('share scalar exceeds i64 range');
    }
  });

  it('needs the engine for valid share operations', () => {
    expect(errorOf(() => ops.mul(share(INT64), share(INT64), null))).toBe('MPC engine not configured');
    expect(errorOf(() => ops.sub(share(INT64), new VmInt('u64', 2n ** 63n - 1n), null))).toBe('MPC engine not configured');
    expect(errorOf(() => ops.div(share(FIXED), new VmFloat(2.5), null))).toBe('MPC engine not configured');
  });

  it('divides fixed-point shares by floats and integers through the engine', () => {
    const { mpc, calls } = recordingEngine();
    const s = share(FIXED);
    expect(ops.div(s, new VmFloat(2.5), mpc)).toBe('engine-result');
    expect(ops.div(s, new VmInt('i8', 3), mpc)).toBe('engine-result');
    expect(calls).toHaveLength(2);
    // Not representable as a scaled i64 divisor: a Float falls through to the type error.
    expect(errorOf(() => ops.div(s, new VmFloat(Infinity), mpc))).toBe('Type error in DIV operation');
  });

  it('multiplies shares by floats only with an engine', () => {
    const { mpc, calls } = recordingEngine();
    expect(ops.mul(share(INT64), new VmFloat(1.5), mpc)).toBe('engine-result');
    expect(ops.mul(new VmFloat(1.5), share(FIXED), mpc)).toBe('engine-result');
    expect(calls).toHaveLength(2);
    expect(errorOf(() => ops.mul(share(INT64), new VmFloat(1.5), null))).toBe('Type error in MUL operation');
  });
});

describe('bitwise with shares', () => {
  it('supports only two secret bools of the same type', () => {
    const { mpc, calls } = recordingEngine();
    const b = share(BOOL);
    expect(ops.and(b, b, mpc)).toBe('engine-result');
    expect(ops.xor(b, b, mpc)).toBe('engine-result');
    expect(ops.not(b, mpc)).toBe('engine-result');
    expect(calls.map((c) => c.op)).toEqual(['AND', 'XOR', 'NOT']);
    expect(errorOf(() => ops.or(b, b, null))).toBe('MPC engine not configured');
    expect(errorOf(() => ops.not(b, null))).toBe('MPC engine not configured');
    expect(errorOf(() => ops.and(b, share(INT64), mpc))).toBe('Share type mismatch in AND operation');
    expect(errorOf(() => ops.or(share(INT64), share(INT64), mpc))).toBe('Bitwise OR is only supported on secret bool shares');
    expect(errorOf(() => ops.xor(b, true, mpc))).toBe('Bitwise XOR is only supported on secret bool shares');
    expect(errorOf(() => ops.and(1, b, null))).toBe('Bitwise AND is only supported on secret bool shares');
    expect(errorOf(() => ops.not(share(INT64), mpc))).toBe('Bitwise NOT is only supported on secret bool shares');
  });

  it('never shifts or compares shares', () => {
    const { mpc, calls } = recordingEngine();
    expect(errorOf(() => ops.shl(share(), 1, mpc))).toBe('Left shift is not supported on secret shares');
    expect(errorOf(() => ops.shr(1, share(), mpc))).toBe('Right shift is not supported on secret shares');
    expect(errorOf(() => ops.compare(share(), share()))).toBe('CMP on secret shares is not supported without an MPC comparison protocol');
    expect(errorOf(() => ops.compare('a', share()))).toBe('CMP on secret shares is not supported without an MPC comparison protocol');
    expect(calls).toHaveLength(0);
  });
});
