/**
 * Functions whose shadow frame nobody else can read. A frame is read by upvalue capture (create_closure,
 * and a CALL of a function that declares upvalues), by call_closure's callee, and by get_upvalue /
 * set_upvalue of the function itself. A function that calls no program function (directly, or through
 * a name resolved at run time), neither create_closure nor call_closure, and reaches get_upvalue / set_upvalue only through their fixed-arity
 * fast paths (one and two arguments) is a *leaf*: while it runs no other code can look at the frame
 * stack, so it keeps its upvalue list and closure in its own `$u` / `$cl` instead of pushing a shadow
 * frame (runtime/compiled/fast-closures.ts, `leafGetUpvalue` / `leafSetUpvalue`).
 */
import type { IrFunction } from '../ir/ir.js';

const FRAME_READERS: ReadonlySet<string> = new Set(['create_closure', 'call_closure']);
const FAST_ARITY: ReadonlyMap<string, number> = new Map([
  ['get_upvalue', 1],
  ['set_upvalue', 2],
]);

export function isLeafFrame(fn: IrFunction, isProgramFunction: (name: string) => boolean): boolean {
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'callstack') return false;
      if (i.op !== 'call') continue;
      if (i.direct || FRAME_READERS.has(i.name) || isProgramFunction(i.name)) return false;
      const arity = FAST_ARITY.get(i.name);
      if (arity !== undefined && arity !== i.args.length) return false;
    }
  }
  return true;
}
