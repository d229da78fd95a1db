/**
 * VM-side helpers shared by the MPC builtins: argument-count checks, byte arrays (`Array` of `U8`)
 * and share objects (mpc-model §3.2).
 */
import { BuiltinError } from '../errors.js';
import type { Heap } from '../host.js';
import { Share, VmArray, VmInt, VmObject, type ShareType, type Value } from '../values.js';
import { sameShareType } from './codec.js';
import { shareTypeDebug, debugString } from '../format.js';

/** `<name> expects <expectation>` unless at least `n` arguments were passed. */
export function requireMin(name: string, args: readonly Value[], n: number, expectation: string): void {
  if (args.length < n) throw new BuiltinError(`${name} expects ${expectation}`);
}

/** `<name> expects <expectation>` unless exactly `n` arguments were passed. */
export function requireExact(name: string, args: readonly Value[], n: number, expectation: string): void {
  if (args.length !== n) throw new BuiltinError(`${name} expects ${expectation}`);
}

export function newArray(heap: Heap, items: readonly Value[]): VmArray {
  const arr = new VmArray(heap.nextId());
  arr.items.push(...items);
  return arr;
}

export function newByteArray(heap: Heap, bytes: Uint8Array): VmArray {
  return newArray(heap, Array.from(bytes, (b) => new VmInt('u8', b)));
}

/** Reads a byte array (`Expected byte array` / `Expected U8 at index <i>`). */
export function readByteArray(v: Value): Uint8Array {
  if (!(v instanceof VmArray)) throw new BuiltinError('Expected byte array');
  const out = new Uint8Array(v.items.length);
  v.items.forEach((item, i) => {
    if (!(item instanceof VmInt) || item.kind !== 'u8') throw new BuiltinError(`Expected U8 at index ${i}`);
    out[i] = item.v as number;
  });
  return out;
}

function field(obj: VmObject, key: string): Value | undefined {
  return obj.entries.get(key)?.value;
}

function setField(obj: VmObject, key: string, value: Value): void {
  obj.entries.set(key, { key, value });
}

/** True for an object whose `__type` is the string `"Share"`. */
export function isShareObject(v: Value): v is VmObject {
  return v instanceof VmObject && field(v, '__type') === 'Share';
}

/** A share object for `share`, created by party `partyId` (mpc-model §3.2 key layout). */
export function newShareObject(heap: Heap, share: Share, partyId: number): VmObject {
  const obj = new VmObject(heap.nextId());
  setField(obj, '__type', 'Share');
  const t = share.type;
  switch (t.kind) {
    case 'int':
    case 'uint':
      setField(obj, '__share_type', t.kind === 'int' ? 'SecretInt' : 'SecretUInt');
      setField(obj, '__bit_length', t.bits);
      break;
    case 'fixed':
      setField(obj, '__share_type', 'SecretFixedPoint');
      setField(obj, '__precision_k', t.totalBits);
      setField(obj, '__precision_f', t.fracBits);
      break;
  }
  setField(obj, '__data', share);
  setField(obj, '__party_id', partyId);
  return obj;
}

function metaSize(obj: VmObject, key: string, label: string, fallback: number): number {
  const v = field(obj, key);
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || v < 0) {
    if (typeof v === 'bigint' && v > 0n) return Number.MAX_SAFE_INTEGER;
    throw new BuiltinError(`${label} must be a non-negative integer`);
  }
  return v;
}

function metadataType(obj: VmObject): ShareType {
  const tag = field(obj, '__share_type');
  if (tag === undefined) throw new BuiltinError('Share object missing __share_type field');
  switch (tag) {
    case 'SecretInt':
      return { kind: 'int', bits: metaSize(obj, '__bit_length', 'bit_length', 64) };
    case 'SecretUInt':
      return { kind: 'uint', bits: metaSize(obj, '__bit_length', 'bit_length', 64) };
    case 'SecretFixedPoint':
      return {
        kind: 'fixed',
        totalBits: metaSize(obj, '__precision_k', 'precision k', 64),
        fracBits: metaSize(obj, '__precision_f', 'precision f', 16),
      };
  }
  throw new BuiltinError(`Unknown share type: ${debugString(tag)}`);
}

/** The raw share inside a share object, validating its metadata. */
export function shareOfObject(obj: VmObject): Share {
  const tag = field(obj, '__type');
  if (tag === undefined) throw new BuiltinError('Object is not a Share: missing __type field');
  if (tag !== 'Share') throw new BuiltinError(`Object is not a Share: __type is ${debugString(tag)}, expected "Share"`);
  const meta = metadataType(obj);
  const data = field(obj, '__data');
  if (data === undefined) throw new BuiltinError('Share object missing __data field');
  if (!(data instanceof Share)) throw new BuiltinError('Share __data field is not a Share value');
  if (!sameShareType(meta, data.type)) {
    throw new BuiltinError(
      `Share metadata type ${shareTypeDebug(meta)} does not match __data type ${shareTypeDebug(data.type)}`,
    );
  }
  return data;
}

/** A raw share or share object argument (`Expected Share object or Share value, got <Debug>`). */
export function shareArg(v: Value): Share {
  if (v instanceof Share) return v;
  if (v instanceof VmObject) return shareOfObject(v);
  throw new BuiltinError(`Expected Share object or Share value, got ${debugString(v)}`);
}

/** The party id stored in a share object (`Share.get_party_id`). */
export function objectPartyId(obj: VmObject): Value {
  const v = field(obj, '__party_id');
  if (v === undefined) throw new BuiltinError('Share object missing __party_id field');
  if ((typeof v === 'number' || typeof v === 'bigint') && v >= 0) return v;
  throw new BuiltinError('party_id must be a non-negative integer');
}

/**
 * The elements of an array argument, each required present and non-Unit
 * (`<context>: expected <what>, got <Debug>`, `<context> missing element at index <i>`).
 */
export function arrayElements(v: Value, context: string, what: string): Value[] {
  if (!(v instanceof VmArray)) throw new BuiltinError(`${context}: expected ${what}, got ${debugString(v)}`);
  return v.items.map((item, i) => {
    if (typeof item === 'symbol' || item === undefined) {
      throw new BuiltinError(`${context} missing element at index ${i}`);
    }
    return item;
  });
}

/** A non-empty homogeneous share list, or null for an empty one. */
export function homogeneousShares(v: Value, context: string): Share[] | null {
  const shares = arrayElements(v, context, 'array of Share values').map(shareArg);
  if (shares.length === 0) return null;
  const first = shares[0]!.type;
  shares.forEach((s, i) => {
    if (!sameShareType(first, s.type)) {
      throw new BuiltinError(
        `All shares must have the same type. Element 0 has ${shareTypeDebug(first)} but element ${i} has ${shareTypeDebug(s.type)}`,
      );
    }
  });
  return shares;
}
