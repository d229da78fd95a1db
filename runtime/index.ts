/**
 * The `stoffel-jit/runtime` package entry: what compiled modules import at run time (values, errors,
 * instruction semantics, and the compiled-module support in compiled/), usable in browsers.
 */
export * from './values.js';
export * from './errors.js';
export { add, sub, mul, div, mod, and, or, xor, not, shl, shr, compare } from './ops/index.js';
export { HookRegistry } from './hooks/registry.js';
export * from './compiled/index.js';
export type { RunOptions } from './run-options.js';
