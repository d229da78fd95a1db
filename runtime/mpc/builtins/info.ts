/** `Mpc.*`: engine metadata, capabilities and party-local randomness (builtins-mpc §5, mpc-model §10). */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { VmInt } from '../../values.js';
import { toUsize } from '../codec.js';
import type { SimulatedEngine } from '../simulated-engine.js';
import { newArray, newByteArray, requireExact } from '../vm-values.js';

const CAPABILITY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['multiplication', 'multiplication'], ['multiply', 'multiplication'], ['mul', 'multiplication'],
  ['elliptic-curves', 'elliptic-curves'], ['elliptic-curve', 'elliptic-curves'], ['curves', 'elliptic-curves'],
  ['client-input', 'client-input'], ['client-inputs', 'client-input'],
  ['consensus', 'consensus'], ['rbc-aba', 'consensus'], ['rbc', 'consensus'], ['aba', 'consensus'],
  ['open-in-exponent', 'open-in-exponent'], ['open-in-exp', 'open-in-exponent'], ['open-exp', 'open-in-exponent'],
  ['reservation', 'reservation'], ['preprocessing-reservation', 'reservation'], ['preproc-reservation', 'reservation'],
  ['client-output', 'client-output'], ['client-outputs', 'client-output'],
  ['randomness', 'randomness'], ['random', 'randomness'],
  ['field-open', 'field-open'], ['field-opening', 'field-open'], ['open-field', 'field-open'],
  ['preprocessing-persistence', 'preprocessing-persistence'], ['preproc-persistence', 'preprocessing-persistence'],
  ['preproc-store', 'preprocessing-persistence'],
]);

/** Trims, lower-cases and maps `_` to `-`, then resolves aliases; unknown names give null. */
export function normalizeCapability(name: string): string | null {
  return CAPABILITY_ALIASES.get(name.trim().toLowerCase().replaceAll('_', '-')) ?? null;
}

const RAND_INT_KINDS = { 8: 'u8', 16: 'u16', 32: 'u32' } as const;

export function infoBuiltins(e: SimulatedEngine): [string, Builtin][] {
  return [
    ['Mpc.party_id', () => e.partyId],
    ['Mpc.n_parties', () => e.nParties],
    ['Mpc.threshold', () => e.threshold],
    ['Mpc.is_ready', () => true],
    ['Mpc.instance_id', () => new VmInt('u64', e.instanceId)],
    ['Mpc.protocol_name', () => e.protocolName],
    ['Mpc.curve', () => e.curve.name],
    ['Mpc.field', () => e.curve.fieldName],
    ['Mpc.has_capability', (_host, args) => {
      requireExact('Mpc.has_capability', args, 1, '1 argument: capability');
      const name = args[0];
      if (typeof name !== 'string') throw new BuiltinError('capability must be a string');
      const cap = normalizeCapability(name);
      return cap !== null && e.capabilities.includes(cap);
    }],
    ['Mpc.capabilities', (host) => newArray(host.heap, [...e.capabilities])],
    ['Mpc.rand', (host) => newByteArray(host.heap, e.localRng.bytes(32))],
    ['Mpc.rand_int', (_host, args) => {
      requireExact('Mpc.rand_int', args, 1, '1 argument: bit_length (8, 16, 32, or 64)');
      const bits = toUsize(args[0], 'bit_length');
      if (bits === 0) throw new BuiltinError('bit_length must be a positive integer');
      if (bits === 64) return new VmInt('u64', e.localRng.bits(64));
      const kind = RAND_INT_KINDS[bits as 8 | 16 | 32];
      if (kind === undefined) throw new BuiltinError(`Unsupported bit_length ${bits}. Must be 8, 16, 32, or 64`);
      return new VmInt(kind, Number(e.localRng.bits(bits)));
    }],
  ];
}
