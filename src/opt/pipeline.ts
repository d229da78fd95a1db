/**
 * The optimizer: passes in the order that pays most, each leaving valid IR (tests verify after every pass
 * through `onPass`).
 */
import type { IrFunction } from '../ir/ir.js';
import { constFold } from './constfold.js';
import { dce } from './dce.js';
import { fuseCompares } from './fuse.js';
import { inlineCalls } from './inline.js';
import { copyProp } from './simplify.js';
import { selfTailCalls } from './tailcall.js';
import { threadBoolBranches } from './thread.js';

export interface OptimizeContext {
  /**
   * The code will count executed instructions exactly: skip passes that move a possibly-throwing
   * instruction across others (compare/branch fusion), so every instruction keeps its place.
   */
  readonly countInstructions?: boolean;
  /**
   * A call has no observable effect besides running the callee: no call-depth counter, no instruction
   * counting, no shadow frames (and not the instrumented build). Only then may calls disappear (self tail
   * calls become loops, small callees are inlined). Default false.
   */
  readonly callsUnobserved?: boolean;
  /** Called after each pass (tests run the verifier here). */
  readonly onPass?: (pass: string, fn: IrFunction) => void;
}

export const PASSES: readonly (readonly [string, (fn: IrFunction) => void])[] = [
  ['constfold', (fn) => constFold(fn)],
  ['copyprop', (fn) => copyProp(fn)],
  ['dce', (fn) => dce(fn)],
  ['tailcall', (fn) => void selfTailCalls(fn)],
  ['fuse', (fn) => fuseCompares(fn)],
  ['thread', (fn) => threadBoolBranches(fn)],
  ['dce', (fn) => dce(fn)],
];
/** Passes that move possibly-throwing compares or drop executed instructions (not under counting). */
const REORDERING: ReadonlySet<string> = new Set(['fuse', 'thread']);
/** Passes that remove calls (only where calls are unobservable). */
const CALL_REMOVING: ReadonlySet<string> = new Set(['tailcall']);

export function optimize(fn: IrFunction, ctx: OptimizeContext): void {
  for (const [name, pass] of PASSES) {
    if (REORDERING.has(name) && ctx.countInstructions) continue;
    if (CALL_REMOVING.has(name) && !ctx.callsUnobserved) continue;
    pass(fn);
    ctx.onPass?.(name, fn);
  }
}

/**
 * Whole-program passes after every function went through `optimize`: inlining of small callees (where
 * calls are unobservable), each receiving function optimized again.
 */
export function optimizeProgram(fns: readonly IrFunction[], ctx: OptimizeContext): void {
  if (!ctx.callsUnobserved) return;
  inlineCalls(fns, {
    reoptimize: (fn) => {
      ctx.onPass?.('inline', fn);
      optimize(fn, ctx);
    },
  });
}
