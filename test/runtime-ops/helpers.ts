/** Test helpers: the 17 value kinds, a recording MPC engine, and error capture. */
import type { MpcEngine, ShareBinaryOp } from '../../runtime/mpc/engine.js';
import {
  Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject,
  type ShareType, type Value,
} from '../../runtime/values.js';

export const KINDS = [
  'i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64',
  'float', 'bool', 'string', 'object', 'array', 'foreign', 'closure', 'unit', 'share',
] as const;
export type Kind = (typeof KINDS)[number];
export const INT_KIND_NAMES = ['i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64'] as const;

/** A share payload identified by `k` (a class, so structurally equal payloads compare equal in tests). */
export class TestPayload {
  constructor(readonly k: string) {}
  key(): string {
    return this.k;
  }
}

export function share(type: ShareType = { kind: 'int', bits: 64 }, key = 'k'): Share {
  return new Share(type, new TestPayload(key));
}

/** A representative non-zero value of each kind (6 for integers, so every arithmetic op succeeds). */
export function sample(kind: Kind): Value {
  switch (kind) {
    case 'i64':
      return 6;
    case 'u64':
      return new VmInt('u64', 6n);
    case 'float':
      return new VmFloat(2.5);
    case 'bool':
      return true;
    case 'string':
      return 's';
    case 'object':
      return new VmObject(1);
    case 'array':
      return new VmArray(2);
    case 'foreign':
      return new VmForeign(3);
    case 'closure':
      return new VmClosure('f', []);
    case 'unit':
      return undefined;
    case 'share':
      return share();
    default:
      return new VmInt(kind, 6);
  }
}

/** The kind of a value, computed without the code under test. */
export function kindOf(v: Value): Kind {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'i64';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'undefined':
      return 'unit';
  }
  if (v instanceof VmInt) return v.kind;
  if (v instanceof VmFloat) return 'float';
  if (v instanceof VmObject) return 'object';
  if (v instanceof VmArray) return 'array';
  if (v instanceof VmForeign) return 'foreign';
  if (v instanceof VmClosure) return 'closure';
  return 'share';
}

export interface EngineCall {
  op: ShareBinaryOp | 'NOT';
  a: Value;
  b?: Value;
}

/**
 * An engine that records calls and returns a fixed marker string. The ops only ever call `binary` and
 * `not`; every other member throws, so an unexpected use fails loudly.
 */
export function recordingEngine(): { mpc: MpcEngine; calls: EngineCall[] } {
  const calls: EngineCall[] = [];
  const used: Pick<MpcEngine, 'binary' | 'not'> = {
    binary(op, a, b) {
      calls.push({ op, a, b });
      return 'engine-result';
    },
    not(a) {
      calls.push({ op: 'NOT', a });
      return 'engine-result';
    },
  };
  const mpc = new Proxy(used, {
    get(target, prop) {
      if (prop === 'binary' || prop === 'not') return target[prop];
      throw new Error(`unexpected engine member ${String(prop)}`);
    },
  }) as MpcEngine;
  return { mpc, calls };
}

/** The thrown error message, or null when `f` returns. */
export function errorOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
