/**
 * `AvssShare` objects (builtins-mpc §9): what the reference's AVSS key-generation integration hands a
 * program for a named key — `__type = "AvssShare"`, `__key_name`, `__share_data` (this party's encoded
 * Feldman share), `__commitments` (an array of compressed points) and `__party_id`. The `Avss.*`
 * builtins read them.
 */
import type { Heap } from '../../host.js';
import { VmObject, type Value } from '../../values.js';
import type { PrimeField } from '../field.js';
import { newArray, newByteArray } from '../vm-values.js';
import type { FeldmanShares } from './feldman.js';
import { encodeFeldmanShare } from './wire.js';

export function newAvssShareObject(
  heap: Heap,
  field: PrimeField,
  keyName: string,
  shares: FeldmanShares,
  partyId: number,
): VmObject {
  const obj = new VmObject(heap.nextId());
  const set = (key: string, value: Value): void => void obj.entries.set(key, { key, value });
  set('__type', 'AvssShare');
  set('__key_name', keyName);
  set('__share_data', newByteArray(heap, encodeFeldmanShare(field, shares, partyId)));
  set('__commitments', newArray(heap, shares.commitments().map((c) => newByteArray(heap, c))));
  set('__party_id', partyId);
  return obj;
}
