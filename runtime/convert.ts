/**
 * Conversions between VM values and plain JavaScript values for the public API (entry arguments in,
 * program results out).
 *
 * `fromJs` (JS → VM):
 * | JS                                   | VM value                                                     |
 * |--------------------------------------|--------------------------------------------------------------|
 * | safe integer number (−0 → 0)         | `I64`                                                        |
 * | any other number (fraction, NaN, ±∞, integers beyond 2^53 − 1) | `Float` (pass a bigint for an exact large I64) |
 * | bigint in i64 range                  | `I64` (outside the range: error)                             |
 * | boolean, string                      | `Bool`, `String` (a string with lone surrogates: error)      |
 * | `null`, `undefined`                  | `Unit`                                                       |
 * | array                                | new `Array` (ids from the heap; holes become Unit)           |
 * | plain object (prototype Object or null) | new `Object` with its own enumerable string keys, in order |
 * | a VM value instance (`VmInt`, `VmFloat`, tables, `VmClosure`, `VmForeign`, `Share`) | itself |
 * Shared and cyclic JS arrays/objects become shared/cyclic tables. Anything else is an error.
 *
 * `toJs` (VM → JS):
 * | VM value                  | JS                                                                      |
 * |---------------------------|-------------------------------------------------------------------------|
 * | `I64`, other integer kinds | number when safe, else bigint                                         |
 * | `Float`                   | number                                                                  |
 * | `Bool`, `String`, `Unit`  | boolean, string, undefined                                              |
 * | `Array`                   | array (holes → undefined)                                               |
 * | `Object`                  | object with a null prototype; string keys as is, other keys by their Debug form (`1`, `1i32`, `Array(3)`); a later entry wins on a clash |
 * | `Closure`                 | `{ kind: 'function', name, upvalues: [name, value][] }`                |
 * | `Foreign`                 | `{ kind: 'foreign', id }`                                               |
 * | `Share`                   | `{ kind: 'share', type, share }` (the `Share` itself, for reuse)        |
 * Shared and cyclic tables become shared/cyclic JS values.
 */
import { VmError } from './errors.js';
import { debugString } from './format/debug.js';
import type { Heap } from './host.js';
import {
  HOLE, I64_MAX, I64_MIN, MAX_SAFE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, i64,
  type ShareType, type Value,
} from './values.js';

export interface JsClosure {
  readonly kind: 'function';
  readonly name: string;
  readonly upvalues: [name: string, value: unknown][];
}

export interface JsForeign {
  readonly kind: 'foreign';
  readonly id: number;
}

export interface JsShare {
  readonly kind: 'share';
  readonly type: ShareType;
  readonly share: Share;
}

function conversionError(message: string): VmError {
  return new VmError(message, 'Value');
}

function isVmValueObject(x: object): x is Exclude<Value, undefined | boolean | number | bigint | string> {
  return (
    x instanceof VmInt || x instanceof VmFloat || x instanceof VmArray || x instanceof VmObject ||
    x instanceof VmClosure || x instanceof VmForeign || x instanceof Share
  );
}

/** A lone surrogate cannot come from UTF-8, so such a string is not a VM string. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Converts a JS value to a VM value; new tables take their ids from `heap`. */
export function fromJs(x: unknown, heap: Heap): Value {
  return convertIn(x, heap, new Map());
}

function convertIn(x: unknown, heap: Heap, seen: Map<object, VmArray | VmObject>): Value {
  switch (typeof x) {
    case 'number':
      return Number.isSafeInteger(x) ? x + 0 : new VmFloat(x);
    case 'bigint':
      if (x < I64_MIN || x > I64_MAX) throw conversionError(`BigInt ${x} is outside the int64 range`);
      return i64(x);
    case 'boolean':
      return x;
    case 'string':
      if (LONE_SURROGATE.test(x)) throw conversionError('String contains a lone surrogate');
      return x;
    case 'undefined':
      return undefined;
    case 'object':
      if (x === null) return undefined;
      if (isVmValueObject(x)) return x;
      return convertTable(x, heap, seen);
    default:
      throw conversionError(`Cannot convert a JavaScript ${typeof x} to a VM value`);
  }
}

function convertTable(x: object, heap: Heap, seen: Map<object, VmArray | VmObject>): VmArray | VmObject {
  const known = seen.get(x);
  if (known !== undefined) return known;
  if (Array.isArray(x)) {
    const arr = new VmArray(heap.nextId());
    seen.set(x, arr);
    for (let i = 0; i < x.length; i++) arr.items.push(convertIn(x[i], heap, seen));
    return arr;
  }
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) {
    throw conversionError('Only arrays and plain objects convert to VM tables');
  }
  const obj = new VmObject(heap.nextId());
  seen.set(x, obj);
  for (const key of Object.keys(x)) {
    const value = convertIn((x as Record<string, unknown>)[key], heap, seen);
    // A string key's table key is the string itself (tables.ts contract).
    obj.entries.set(key, { key, value });
  }
  return obj;
}

/** Converts a VM value to plain JS (see the table above). */
export function toJs(v: Value): unknown {
  return convertOut(v, new Map());
}

function convertOut(v: Value, seen: Map<VmArray | VmObject, unknown>): unknown {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'string':
    case 'undefined':
      return v;
  }
  if (v instanceof VmInt) {
    return typeof v.v === 'bigint' && v.v <= BigInt(MAX_SAFE) ? Number(v.v) : v.v;
  }
  if (v instanceof VmFloat) return v.v;
  if (v instanceof VmArray) {
    const known = seen.get(v);
    if (known !== undefined) return known;
    const out: unknown[] = [];
    seen.set(v, out);
    for (const item of v.items) out.push(item === HOLE ? undefined : convertOut(item, seen));
    return out;
  }
  if (v instanceof VmObject) {
    const known = seen.get(v);
    if (known !== undefined) return known;
    const out: Record<string, unknown> = Object.create(null);
    seen.set(v, out);
    for (const { key, value } of v.entries.values()) {
      out[typeof key === 'string' ? key : debugString(key)] = convertOut(value, seen);
    }
    return out;
  }
  if (v instanceof VmClosure) {
    const closure: JsClosure = {
      kind: 'function',
      name: v.fn,
      upvalues: v.upvalues.map(([name, value]) => [name, convertOut(value, seen)]),
    };
    return closure;
  }
  if (v instanceof VmForeign) {
    const foreign: JsForeign = { kind: 'foreign', id: v.id };
    return foreign;
  }
  const share: JsShare = { kind: 'share', type: v.type, share: v };
  return share;
}
