/** Test helpers: a minimal builtin host and a `call` that wraps builtin errors like the VM does. */
import type { BuiltinHost } from '../../runtime/builtins/types.js';
import { wrapBuiltinError } from '../../runtime/errors.js';
import { NOT_FOUND } from '../../runtime/host.js';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { createSimulatedEngine, type SimulatedEngineOptions } from '../../runtime/mpc/simulated-engine.js';
import { VmArray, VmInt, type Value } from '../../runtime/values.js';

export function makeHost(mpc: MpcEngine | null): BuiltinHost {
  let id = 0;
  return {
    heap: { nextId: () => ++id },
    print: () => undefined,
    storage: null,
    emit: null,
    captureUpvalue: () => NOT_FOUND,
    getUpvalue: () => NOT_FOUND,
    setUpvalue: () => false,
    callClosure: () => undefined,
    mpc,
  };
}

export interface Harness {
  readonly engine: ReturnType<typeof createSimulatedEngine>;
  readonly host: BuiltinHost;
  call(name: string, ...args: Value[]): Value;
}

export function harness(options: SimulatedEngineOptions = {}): Harness {
  const engine = createSimulatedEngine({ seed: 1, ...options });
  const host = makeHost(engine);
  return {
    engine,
    host,
    call(name, ...args) {
      const fn = engine.builtins.get(name);
      if (!fn) throw new Error(`no builtin ${name}`);
      try {
        return fn(host, args);
      } catch (err) {
        throw wrapBuiltinError(name, err);
      }
    },
  };
}

export function bytesOf(v: Value): Uint8Array {
  if (!(v instanceof VmArray)) throw new Error('not an array');
  return Uint8Array.from(v.items, (x) => (x as VmInt).v as number);
}

export function byteArray(h: Harness, bytes: Uint8Array): VmArray {
  const a = new VmArray(h.host.heap.nextId());
  a.items.push(...Array.from(bytes, (b) => new VmInt('u8', b)));
  return a;
}

export function le32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((x >> BigInt(8 * i)) & 0xffn);
  return out;
}

export function fromLe(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

export function items(v: Value): Value[] {
  if (!(v instanceof VmArray)) throw new Error('not an array');
  return v.items as Value[];
}
