/**
 * Compare/branch fusion: `f = cmp a b` followed by `br.cond f` in the same block, with `f` used nowhere
 * else, becomes `brcmp.cond a b` (the emitter then tests `a < b` directly instead of materializing a flag).
 * The compare is moved to the end of the block only over instructions that cannot throw, so the order of
 * observable effects and errors is unchanged. Flags that cross blocks (one CMP read by several jumps)
 * stay values.
 *
 * First, two branches on one flag that share a target (`JMPGT x; JMPEQ x`, the official compiler's `>=`)
 * become one branch on the remaining condition, so the flag usually ends up with a single use.
 */
import { successors, termArgs, type Cond, type Edge, type IrFunction } from '../ir/ir.js';
import { removeUnreachable } from './simplify.js';
import { inferTypes, mayThrow } from './types.js';

export function fuseCompares(fn: IrFunction): void {
  mergeFlagBranches(fn);
  const uses = new Uint32Array(fn.valueCount);
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const a of i.args) uses[a]!++;
    for (const a of termArgs(b.term)) uses[a]!++;
    for (const e of successors(b.term)) for (const a of e.args) uses[a]!++;
  }
  const types = inferTypes(fn);
  const ty = (v: number) => types[v]!;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op !== 'br') continue;
    const flag = t.args[0]!;
    if (uses[flag] !== 1) continue;
    const k = b.insts.findIndex((i) => i.dst === flag);
    if (k < 0 || b.insts[k]!.op !== 'cmp') continue;
    if (b.insts.slice(k + 1).some((i) => mayThrow(i, ty))) continue;
    const cmp = b.insts[k]!;
    b.insts.splice(k, 1);
    b.term = { op: 'brcmp', cond: t.cond, args: [...cmp.args], then: t.then, else: t.else, pos: cmp.pos };
  }
}

/**
 * `br.c1 f → X else B` where B is empty and ends `br.c2 f → X else C` (same flag, same edge to X): a flag is
 * one of -1, 0, 1, so "c1 or c2" is the negation of the third condition: `br.c3 f → C else X`.
 */
function mergeFlagBranches(fn: IrFunction): void {
  let changed = false;
  for (const a of fn.blocks) {
    const t = a.term;
    if (t.op !== 'br' || t.cond === 'ne') continue;
    const b = fn.blocks[t.else.block]!;
    const u = b.term;
    if (b.id === a.id || b.params.length > 0 || b.insts.length > 0 || u.op !== 'br') continue;
    if (u.args[0] !== t.args[0] || u.cond === 'ne' || u.cond === t.cond || !sameEdge(u.then, t.then)) continue;
    const rest = (['eq', 'lt', 'gt'] as const).find((c) => c !== t.cond && c !== u.cond)!;
    a.term = { op: 'br', cond: rest as Cond, args: [...t.args], then: { block: u.else.block, args: [...u.else.args] }, else: t.then, pos: u.pos };
    changed = true;
  }
  if (changed) removeUnreachable(fn);
}

function sameEdge(x: Edge, y: Edge): boolean {
  return x.block === y.block && x.args.length === y.args.length && x.args.every((v, k) => v === y.args[k]);
}
