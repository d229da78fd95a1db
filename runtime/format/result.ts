/**
 * The `Program returned: …` format of `stoffel-run` (hooks.md §7.4): no width or `f64` suffixes, strings
 * quoted without escaping, an all-`U8` array at top level as `byte[N] 0x…`, arrays and objects expanded
 * to depth 4 with at most 64 elements/entries.
 */
import { HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type Value } from '../values.js';
import { shareDebug } from './debug.js';
import { formatF64 } from './float.js';

const RESULT_DEPTH = 4;
const RESULT_LIMIT = 64;

/** The text after `Program returned: ` for an entry's result. */
export function resultString(v: Value): string {
  if (v instanceof VmArray) {
    const hex = byteArrayHex(v);
    if (hex !== null) return `byte[${v.items.length}] 0x${hex}`;
  }
  return fmt(v, RESULT_DEPTH, new Set());
}

/** Lowercase hex of a non-empty array whose every index holds a `U8`, else null. */
function byteArrayHex(a: VmArray): string | null {
  if (a.items.length === 0) return null;
  let hex = '';
  for (const item of a.items) {
    if (!(item instanceof VmInt) || item.kind !== 'u8') return null;
    hex += (item.v as number).toString(16).padStart(2, '0');
  }
  return hex;
}

/** Only arrays carry a cycle marker in this format; `open` holds the arrays being formatted further up. */
function fmt(v: Value, depth: number, open: Set<VmArray>): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return String(v);
    case 'string':
      return `"${v}"`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '()';
  }
  if (v instanceof VmInt) return String(v.v);
  if (v instanceof VmFloat) return formatF64(v.v);
  if (v instanceof VmArray) return fmtArray(v, depth, open);
  if (v instanceof VmObject) return fmtObject(v, depth, open);
  if (v instanceof VmClosure) return `Function(${v.fn})`;
  if (v instanceof VmForeign) return `Foreign(${v.id})`;
  return shareDebug(v as Share);
}

function fmtArray(a: VmArray, depth: number, open: Set<VmArray>): string {
  if (open.has(a)) return `Array(${a.id}) <cycle>`;
  const len = a.items.length;
  if (depth === 0) return `[...${len} elements]`;
  open.add(a);
  const parts: string[] = [];
  const shown = Math.min(len, RESULT_LIMIT);
  for (let i = 0; i < shown; i++) {
    const item = a.items[i];
    parts.push(item === HOLE ? '()' : fmt(item, depth - 1, open));
  }
  open.delete(a);
  if (len > RESULT_LIMIT) parts.push(`...(${len - RESULT_LIMIT} more)`);
  return `[${parts.join(', ')}]`;
}

/** Reads at most 64 entries and never reports the rest (the official runner's behaviour, hooks.md §7.5). */
function fmtObject(o: VmObject, depth: number, open: Set<VmArray>): string {
  if (depth === 0) return `{...${Math.min(o.entries.size, RESULT_LIMIT)} fields}`;
  const parts: string[] = [];
  for (const { key, value } of o.entries.values()) {
    if (parts.length === RESULT_LIMIT) break;
    parts.push(`${fmt(key, depth - 1, open)}: ${fmt(value, depth - 1, open)}`);
  }
  return `{${parts.join(', ')}}`;
}
