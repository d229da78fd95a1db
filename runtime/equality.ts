/**
 * VM value equality (semantics.md §2): by kind and value; floats with NaN == NaN and +0 == -0; strings by
 * content; objects and arrays by identity, foreign handles by id; closures by function name and captured
 * (name, value) list; shares by type and payload key.
 */
import {
  HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, type Value,
} from './values.js';
import { sameShareType } from './ops/shares.js';

/** Nesting limit of the element-wise array comparison (builtins-core.md `array_equals`). */
export const ARRAY_EQUALITY_DEPTH = 64;

/**
 * Equality as the builtins use it (`array_equals`, `count`, `index`, `remove`, `contains`): like
 * `plainEquals`, except that two arrays compare element-wise — the same array is always equal, nested
 * arrays recurse, and arrays nested deeper than 64 levels compare unequal. Holes count as Unit.
 */
export function valueEquals(a: Value, b: Value): boolean {
  return arrayAwareEquals(a, b, 1);
}

function arrayAwareEquals(a: Value, b: Value, level: number): boolean {
  if (a instanceof VmArray && b instanceof VmArray) {
    if (a === b) return true;
    if (level > ARRAY_EQUALITY_DEPTH) return false;
    const n = a.items.length;
    if (n !== b.items.length) return false;
    for (let i = 0; i < n; i++) {
      const x = a.items[i];
      const y = b.items[i];
      if (!arrayAwareEquals(x === HOLE ? undefined : x, y === HOLE ? undefined : y, level + 1)) return false;
    }
    return true;
  }
  return plainEquals(a, b);
}

/** The VM's own `Value` equality (table keys, captured upvalues): arrays and objects by identity. */
export function plainEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Primitives (I64 numbers and canonical bigints, strings, bools, Unit) are equal only when `===`.
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof VmFloat) return b instanceof VmFloat && (a.v === b.v || (a.v !== a.v && b.v !== b.v));
  if (a instanceof VmInt) return b instanceof VmInt && a.kind === b.kind && a.v === b.v;
  if (a instanceof VmForeign) return b instanceof VmForeign && a.id === b.id;
  if (a instanceof VmClosure) return b instanceof VmClosure && closureEquals(a, b);
  if (a instanceof Share) {
    return b instanceof Share && sameShareType(a.type, b.type) && a.payload.key() === b.payload.key();
  }
  return false; // distinct tables
}

function closureEquals(a: VmClosure, b: VmClosure): boolean {
  if (a.fn !== b.fn || a.upvalues.length !== b.upvalues.length) return false;
  for (let i = 0; i < a.upvalues.length; i++) {
    const [nameA, valueA] = a.upvalues[i]!;
    const [nameB, valueB] = b.upvalues[i]!;
    if (nameA !== nameB || !plainEquals(valueA, valueB)) return false;
  }
  return true;
}

