/**
 * `Avss.*`: read-only accessors of AVSS share objects (`__type = "AvssShare"`, builtins-mpc §9). They
 * need no engine; this runtime never creates such objects itself (AVSS is not simulated yet), but a
 * program may build or load them.
 */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { VmArray, VmObject, type Value } from '../../values.js';
import { toUsize } from '../codec.js';
import { debugString } from '../../format.js';
import { newByteArray, readByteArray, requireExact, requireMin } from '../vm-values.js';

function isAvssShare(v: Value): v is VmObject {
  return v instanceof VmObject && v.entries.get('__type')?.value === 'AvssShare';
}

function commitments(obj: VmObject): VmArray {
  const c = obj.entries.get('__commitments')?.value;
  if (c === undefined) throw new BuiltinError('AVSS share object missing __commitments field');
  if (!(c instanceof VmArray)) throw new BuiltinError(`AVSS __commitments field: expected Array, got ${debugString(c)}`);
  return c;
}

export function avssBuiltins(): [string, Builtin][] {
  return [
    ['Avss.get_commitment', (host, args) => {
      requireMin('Avss.get_commitment', args, 2, '2 arguments: avss_share, index');
      const index = toUsize(args[1], 'index');
      const share = args[0];
      if (!isAvssShare(share)) throw new BuiltinError('First argument must be an AVSS share object');
      const list = commitments(share);
      if (index >= list.items.length) {
        throw new BuiltinError(`AVSS commitments index ${index} out of bounds (len: ${list.items.length})`);
      }
      const item = list.items[index];
      if (typeof item === 'symbol') throw new BuiltinError(`Commitment at index ${index} not found`);
      if (!(item instanceof VmArray)) {
        throw new BuiltinError(`AVSS commitment at index ${index}: expected Array, got ${debugString(item)}`);
      }
      return newByteArray(host.heap, readByteArray(item));
    }],
    ['Avss.get_key_name', (_host, args) => {
      requireExact('Avss.get_key_name', args, 1, '1 argument: avss_share');
      const share = args[0];
      if (!isAvssShare(share)) throw new BuiltinError('Argument must be an AVSS share object');
      const name = share.entries.get('__key_name')?.value;
      if (name === undefined) throw new BuiltinError('AVSS share object missing __key_name field');
      if (typeof name !== 'string') throw new BuiltinError(`AVSS __key_name field: expected String, got ${debugString(name)}`);
      return name;
    }],
    ['Avss.commitment_count', (_host, args) => {
      requireExact('Avss.commitment_count', args, 1, '1 argument: avss_share');
      const share = args[0];
      if (!isAvssShare(share)) throw new BuiltinError('Argument must be an AVSS share object');
      return commitments(share).items.length;
    }],
    ['Avss.is_avss_share', (_host, args) => {
      requireExact('Avss.is_avss_share', args, 1, '1 argument: value');
      return isAvssShare(args[0]);
    }],
  ];
}
