/** Builders for formatting tests. */
import { HOLE, VmArray, VmObject, type Value } from '../../runtime/values.js';

let nextId = 100;

export function arr(items: (Value | typeof HOLE)[], id = nextId++): VmArray {
  const a = new VmArray(id);
  a.items.push(...items);
  return a;
}

/** An object with string keys (table key = the string itself) or explicit [key, tableKey, value] entries. */
export function obj(fields: Record<string, Value>, id = nextId++): VmObject {
  const o = new VmObject(id);
  for (const [k, v] of Object.entries(fields)) o.entries.set(k, { key: k, value: v });
  return o;
}
