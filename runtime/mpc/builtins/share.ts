/** `Share.*` builtins (builtins-mpc §1), following the async-scheduler behaviour where it differs. */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { Share, VmFloat, type ShareType, type Value } from '../../values.js';
import {
  clearInteger, decodeField, fixedScalar, fixedType, sameShareType, SECRET_INT64, secretIntType,
  secretUIntType, shareTypeKey, toI64, toUsize,
} from '../codec.js';
import { shareTypeDebug } from '../../format.js';
import { openInExponent, openInExponentCustom } from '../groups.js';
import type { SimulatedEngine } from '../simulated-engine.js';
import type { ProtocolShares } from '../share-protocol.js';
import {
  arrayElements, homogeneousShares, isShareObject, newArray, newByteArray, newShareObject, readByteArray,
  requireExact, requireMin, shareArg,
} from '../vm-values.js';
import { SHARE_METADATA_BUILTINS } from './share-metadata.js';

export function shareBuiltins(e: SimulatedEngine): [string, Builtin][] {
  const p = e.protocol;

  /** The share pair of a two-share builtin, with `<name>: share type mismatch: …`. */
  const pair = (name: string, a: Value, b: Value): [ShareType, ProtocolShares, ProtocolShares] => {
    const x = shareArg(a);
    const y = shareArg(b);
    if (!sameShareType(x.type, y.type)) {
      throw new BuiltinError(`${name}: share type mismatch: ${shareTypeDebug(x.type)} vs ${shareTypeDebug(y.type)}`);
    }
    return [x.type, e.sim(x), e.sim(y)];
  };

  const fromClear = (name: string, min: number, expectation: string, typeOf: (args: Value[]) => ShareType | null): Builtin =>
    (host, args) => {
      requireMin(name, args, min, expectation);
      return newShareObject(host.heap, e.fromClear(args[0], typeOf(args)), e.partyId);
    };

  const table: [string, Builtin][] = [
    ['Share.from_clear', fromClear('Share.from_clear', 1, 'at least 1 argument: value', () => null)],
    ['Share.from_clear_int', fromClear('Share.from_clear_int', 2, '2 arguments: value, bit_length',
      (args) => secretIntType(toUsize(args[1], 'bit_length')))],
    ['Share.from_clear_uint', fromClear('Share.from_clear_uint', 2, '2 arguments: value, bit_length',
      (args) => secretUIntType(toUsize(args[1], 'bit_length')))],
    ['Share.from_clear_fixed', fromClear('Share.from_clear_fixed', 3, '3 arguments: value, total_bits, frac_bits',
      (args) => fixedType(toUsize(args[1], 'total_bits'), toUsize(args[2], 'frac_bits')))],

    ['Share.random', (host) => newShareObject(host.heap, e.share(SECRET_INT64, p.randomField()), e.partyId)],
    ['Share.random_field', (host) => newShareObject(host.heap, e.share(SECRET_INT64, p.randomField()), e.partyId)],
    ['Share.random_int', (_host, args) => {
      requireExact('Share.random_int', args, 1, '1 argument: bit_length');
      const bits = toUsize(args[0], 'bit_length');
      return e.share(secretIntType(bits), p.randomInt(bits));
    }],

    ['Share.add', (_host, args) => {
      requireMin('Share.add', args, 2, '2 arguments: share1, share2');
      const [t, x, y] = pair('Share.add', args[0], args[1]);
      return e.share(t, p.add(x, y));
    }],
    ['Share.sub', (_host, args) => {
      requireMin('Share.sub', args, 2, '2 arguments: share1, share2');
      const [t, x, y] = pair('Share.sub', args[0], args[1]);
      return e.share(t, p.sub(x, y));
    }],
    ['Share.neg', (_host, args) => {
      requireExact('Share.neg', args, 1, '1 argument: share');
      const s = shareArg(args[0]);
      return e.share(s.type, p.neg(e.sim(s)));
    }],
    ['Share.add_scalar', (_host, args) => {
      requireMin('Share.add_scalar', args, 2, '2 arguments: share, scalar');
      const s = shareArg(args[0]);
      const c = toI64(args[1], 'scalar');
      return e.share(s.type, e.addScalar(s.type, e.sim(s), c));
    }],
    ['Share.mul_scalar', (_host, args) => {
      requireMin('Share.mul_scalar', args, 2, '2 arguments: share, scalar');
      const s = shareArg(args[0]);
      const c = args[1];
      if (c instanceof VmFloat) return e.mulFloat(s, c.v, fixedScalar)!;
      return e.share(s.type, p.mulConst(e.sim(s), toI64(c, 'scalar')));
    }],
    ['Share.mul_field', (_host, args) => {
      requireMin('Share.mul_field', args, 2, '2 arguments: share, field_bytes');
      const s = shareArg(args[0]);
      const fe = e.field.fromBytes(readByteArray(args[1]), 'Failed to deserialize field element');
      return e.share(s.type, p.mulConst(e.sim(s), fe));
    }],
    ['Share.add_field', (_host, args) => {
      requireMin('Share.add_field', args, 2, '2 arguments: share, field_bytes');
      const s = shareArg(args[0]);
      const fe = e.field.fromBytes(readByteArray(args[1]), 'Failed to deserialize field element');
      return e.share(s.type, p.addConst(e.sim(s), fe));
    }],
    ['Share.interpolate_local', (_host, args) => {
      requireExact('Share.interpolate_local', args, 1, '1 argument: shares_array');
      const shares = homogeneousShares(args[0], 'Share.interpolate_local shares_array');
      if (shares === null) throw new BuiltinError('Cannot interpolate from empty array');
      const required = 2 * e.threshold + 1;
      if (shares.length < required) {
        throw new BuiltinError(`Need at least ${required} shares for interpolation, got ${shares.length}`);
      }
      // Each element contributes the viewing party's share: the bytes this party actually holds.
      const pairs = shares.map((s) => [p.scheme.points[e.partyId]!, p.ownShare(e.sim(s))] as const);
      if (new Set(pairs.map(([x]) => x)).size !== pairs.length) {
        throw new BuiltinError('Failed to recover secret: shares must come from distinct parties');
      }
      const secret = p.scheme.interpolatePairs(pairs);
      if (secret === null) throw new BuiltinError('Failed to recover secret: shares are inconsistent');
      return e.openShare(e.share(shares[0]!.type, p.constant(secret)));
    }],

    ['Share.mul', (host, args) => {
      requireMin('Share.mul', args, 2, '2 arguments: share1, share2');
      const [a, b] = args as [Value, Value];
      // async path: a share object times a clear integer is a local scaling returning a share object
      const ca = clearInteger(a);
      const cb = clearInteger(b);
      if ((ca === null) !== (cb === null)) {
        const obj = ca === null ? a : b;
        if (isShareObject(obj)) {
          const s = shareArg(obj);
          const c = toI64(ca === null ? b : a, 'share scalar');
          return newShareObject(host.heap, e.share(s.type, p.mulConst(e.sim(s), c)), e.partyId);
        }
      }
      const [t, x, y] = pair('Share.mul', a, b);
      return e.share(t, e.mulShares(t, x, y));
    }],
    ['Share.batch_mul', (host, args) => {
      requireExact('Share.batch_mul', args, 2, '2 arguments: lefts_array, rights_array');
      const lefts = shareOrScalarList(args[0], 'Share.batch_mul lefts_array');
      const rights = shareOrScalarList(args[1], 'Share.batch_mul rights_array');
      if (lefts.length === 0 && rights.length === 0) return newArray(host.heap, []);
      if (lefts.length !== rights.length) throw new BuiltinError('Share.batch_mul requires arrays with the same length');
      let common: ShareType | null = null;
      const requireType = (t: ShareType): void => {
        if (common === null) common = t;
        else if (!sameShareType(common, t)) throw new BuiltinError('Share.batch_mul requires arrays with matching share types');
      };
      const plan = lefts.map((l, i) => {
        const r = rights[i]!;
        if (l instanceof Share && r instanceof Share) {
          requireType(l.type);
          requireType(r.type);
          return () => e.share(l.type, e.mulShares(l.type, e.sim(l), e.sim(r)));
        }
        if (l instanceof Share || r instanceof Share) {
          const s = (l instanceof Share ? l : r) as Share;
          const c = (l instanceof Share ? r : l) as bigint;
          requireType(s.type);
          return () => e.share(s.type, p.mulConst(e.sim(s), c));
        }
        throw new BuiltinError('Share.batch_mul requires at least one share per pair');
      });
      return newArray(host.heap, plan.map((run) => run()));
    }],
    ['Share.open', (_host, args) => {
      requireExact('Share.open', args, 1, '1 argument: share');
      return e.openShare(shareArg(args[0]));
    }],
    ['Share.batch_open', (host, args) => {
      requireExact('Share.batch_open', args, 1, '1 argument: shares_array');
      const shares = homogeneousShares(args[0], 'Share.batch_open shares_array') ?? [];
      if (shares.length === 0) return newArray(host.heap, []);
      const type = shares[0]!.type;
      const opened = p.openMany(shares.map((s) => e.sim(s)), `batch:${shareTypeKey(type)}`);
      return newArray(host.heap, opened.map((x) => decodeField(e.field, type, x)));
    }],
    ['Share.open_field', (host, args) => {
      requireExact('Share.open_field', args, 1, '1 argument: share');
      const s = shareArg(args[0]);
      return newByteArray(host.heap, e.field.toBytes(p.open(e.sim(s), `field:${shareTypeKey(s.type)}`)));
    }],
    ['Share.open_exp', (host, args) => {
      requireMin('Share.open_exp', args, 2, '2 arguments: share, curve_name');
      if (typeof args[1] !== 'string') throw new BuiltinError('curve_name must be a string');
      const s = shareArg(args[0]);
      return newByteArray(host.heap, openInExponent(e.curve, args[1], p.open(e.sim(s), `exp:${shareTypeKey(s.type)}`), e.protocolName));
    }],
    ['Share.open_exp_custom', (host, args) => {
      requireMin('Share.open_exp_custom', args, 2, '2 arguments: share, generator_bytes');
      const s = shareArg(args[0]);
      const generator = readByteArray(args[1]);
      return newByteArray(host.heap, openInExponentCustom(e.curve, generator, p.open(e.sim(s), `exp:${shareTypeKey(s.type)}`)));
    }],
    ['Share.send_to_client', (_host, args) => {
      requireMin('Share.send_to_client', args, 2, '2 arguments: share, client_id');
      const s = shareArg(args[0]);
      e.recordOutput(toUsize(args[1], 'client_id'), [s]);
      return true;
    }],
    ...SHARE_METADATA_BUILTINS,
  ];
  return table;
}

/** Elements of a `batch_mul` operand: shares, or clear integers (as i64). */
function shareOrScalarList(v: Value, context: string): (Share | bigint)[] {
  return arrayElements(v, context, 'array of Share or integer values').map((item) =>
    clearInteger(item) !== null ? toI64(item, 'share scalar') : shareArg(item),
  );
}
