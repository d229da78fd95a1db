/**
 * The optimizer: passes in the order that pays most, each leaving valid IR (tests verify after every pass
 * through `onPass`).
 */
import type { IrFunction } from '../ir/ir.js';
import { constFold } from './constfold.js';
import { dce } from './dce.js';
import { fuseCompares } from './fuse.js';
import { copyProp } from './simplify.js';
import { threadBoolBranches } from './thread.js';

export interface OptimizeContext {
  /**
   * The code will count executed instructions exactly: skip passes that move a possibly-throwing
   * instruction across others (compare/branch fusion), so every instruction keeps its place.
   */
  readonly countInstructions?: boolean;
  /** Called after each pass (tests run the verifier here). */
  readonly onPass?: (pass: string, fn: IrFunction) => void;
}

export const PASSES: readonly (readonly [string, (fn: IrFunction) => void])[] = [
  ['constfold', (fn) => constFold(fn)],
  ['copyprop', (fn) => copyProp(fn)],
  ['dce', (fn) => dce(fn)],
  ['fuse', (fn) => fuseCompares(fn)],
  ['thread', (fn) => threadBoolBranches(fn)],
  ['dce', (fn) => dce(fn)],
];
/** Passes that move possibly-throwing compares or drop executed instructions (not under counting). */
const REORDERING: ReadonlySet<string> = new Set(['fuse', 'thread']);

export function optimize(fn: IrFunction, ctx: OptimizeContext): void {
  for (const [name, pass] of PASSES) {
    if (REORDERING.has(name) && ctx.countInstructions) continue;
    pass(fn);
    ctx.onPass?.(name, fn);
  }
}
