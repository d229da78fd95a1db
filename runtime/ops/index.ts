/**
 * Instruction semantics (semantics.md §9): the exact, error-checked operations that the interpreter runs
 * and that compiled code falls back to when its inline fast paths do not apply.
 *
 * Binary ops take `(a, b, mpc)` and return the result or throw `VmError` with the official text. Share
 * operands (and, for ADD/SUB/MUL/DIV, share objects, unwrapped to their `__data` share) go to
 * `mpc.binary` / `mpc.not` once the operation is known to be valid; with `mpc === null` they fail with the
 * engine-less messages (`MPC engine not configured`, or the specific "not supported" texts).
 */
export { add, sub, mul } from './arith.js';
export { div, mod } from './divmod.js';
export { and, or, xor, not } from './bitwise.js';
export { shl, shr } from './shift.js';
export { compare, compareCodePoints, type Ordering } from './compare.js';
