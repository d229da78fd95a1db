/**
 * The `print` / `to_string` format (builtins-core.md §3.1): strings raw (also nested), scalars in Debug
 * form, arrays and objects expanded to depth 3 with at most 16 elements/entries each, cycles marked.
 */
import { HOLE, VmArray, VmObject, type Value } from '../values.js';
import { debugString } from './debug.js';

const PRINT_DEPTH = 3;
const PRINT_LIMIT = 16;

/** The print format of one value (one `print` argument, or the `to_string` result). */
export function printString(v: Value): string {
  return fmt(v, PRINT_DEPTH, new Set());
}

/** `open` holds the tables currently being formatted further up (the cycle check). */
function fmt(v: Value, depth: number, open: Set<VmArray | VmObject>): string {
  if (typeof v === 'string') return v;
  if (v instanceof VmArray) return fmtArray(v, depth, open);
  if (v instanceof VmObject) return fmtObject(v, depth, open);
  return debugString(v);
}

function fmtArray(a: VmArray, depth: number, open: Set<VmArray | VmObject>): string {
  if (open.has(a)) return `Array(${a.id}) <cycle>`;
  const len = a.items.length;
  if (depth === 0) return `[...${len} elements]`;
  open.add(a);
  const parts: string[] = [];
  const shown = Math.min(len, PRINT_LIMIT);
  for (let i = 0; i < shown; i++) {
    const item = a.items[i];
    parts.push(item === HOLE ? '()' : fmt(item, depth - 1, open));
  }
  open.delete(a);
  if (len > PRINT_LIMIT) parts.push(`...(${len - PRINT_LIMIT} more)`);
  return `[${parts.join(', ')}]`;
}

function fmtObject(o: VmObject, depth: number, open: Set<VmArray | VmObject>): string {
  if (open.has(o)) return `Object(${o.id}) <cycle>`;
  const size = o.entries.size;
  if (depth === 0) return `{...${size} fields}`;
  open.add(o);
  const parts: string[] = [];
  for (const { key, value } of o.entries.values()) {
    if (parts.length === PRINT_LIMIT) break;
    const keyText = typeof key === 'string' ? key : fmt(key, 0, open);
    parts.push(`${keyText}: ${fmt(value, depth - 1, open)}`);
  }
  open.delete(o);
  if (size > PRINT_LIMIT) parts.push(`...(${size - PRINT_LIMIT} more)`);
  return `{${parts.join(', ')}}`;
}
