/**
 * Compare/branch fusion: `f = cmp a b` followed by `br.cond f` in the same block, with `f` used nowhere
 * else, becomes `brcmp.cond a b` (the emitter then tests `a < b` directly instead of materializing a flag).
 * The compare is moved to the end of the block only over instructions that cannot throw, so the order of
 * observable effects and errors is unchanged. Flags that cross blocks (one CMP read by several jumps)
 * stay values.
 */
import { successors, termArgs, type IrFunction } from '../ir/ir.js';
import { inferTypes, mayThrow } from './types.js';

export function fuseCompares(fn: IrFunction): void {
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
