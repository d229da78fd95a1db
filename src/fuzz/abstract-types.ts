/**
 * What the generator knows about a register's value while it writes code: enough to pick operands that
 * make an instruction succeed most of the time (so programs run deep) and, deliberately and rarely,
 * operands that make it fail (so the error paths get compared too).
 */
import type { IntegerKind } from './constants.js';

export type ScalarTy = IntegerKind | 'float' | 'bool' | 'string' | 'unit';

/** `closure:<index>` is a closure over the program function with that index. */
export type Ty = ScalarTy | 'array' | 'object' | `closure:${number}` | 'unknown';

export const SCALAR_TYS: readonly ScalarTy[] = [
  'i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64', 'float', 'bool', 'string', 'unit',
];

export function isScalar(t: Ty): t is ScalarTy {
  return (SCALAR_TYS as readonly string[]).includes(t);
}

export function closureTarget(t: Ty): number | null {
  return t.startsWith('closure:') ? Number(t.slice(8)) : null;
}

/** The type after two control-flow paths meet. */
export function join(a: Ty, b: Ty): Ty {
  return a === b ? a : 'unknown';
}

export function joinAll(a: readonly Ty[], b: readonly Ty[]): Ty[] {
  return a.map((t, i) => join(t, b[i]!));
}
