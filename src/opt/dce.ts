/**
 * Dead code elimination: removes instructions whose result is unused and that cannot throw (per type
 * inference), and block parameters that nothing reads (with their edge arguments). Liveness starts from
 * instructions that may throw or have effects and from terminator operands, and flows backwards through
 * edges, so a cycle of parameters feeding only each other dies too.
 */
import { successors, termArgs, type Edge, type IrFunction } from '../ir/ir.js';
import { inferTypes, mayThrow } from './types.js';

export function dce(fn: IrFunction): void {
  const types = inferTypes(fn);
  const ty = (v: number) => types[v]!;
  const live = new Uint8Array(fn.valueCount);
  const work: number[] = [];
  const mark = (v: number) => {
    if (!live[v]) {
      live[v] = 1;
      work.push(v);
    }
  };
  // Where each value is defined: instruction operands, or (block, param index).
  const instArgs = new Map<number, number[]>();
  const paramAt = new Map<number, [number, number]>();
  const incoming: Edge[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) {
    b.params.forEach((p, k) => paramAt.set(p, [b.id, k]));
    for (const i of b.insts) {
      if (i.dst >= 0) instArgs.set(i.dst, i.args);
      if (i.dst < 0 || mayThrow(i, ty)) {
        if (i.dst >= 0) mark(i.dst);
        i.args.forEach(mark);
      }
    }
    termArgs(b.term).forEach(mark);
    for (const e of successors(b.term)) incoming[e.block]!.push(e);
  }
  for (const p of fn.blocks[0]!.params) live[p] = 1;
  while (work.length > 0) {
    const v = work.pop()!;
    const args = instArgs.get(v);
    if (args) args.forEach(mark);
    const at = paramAt.get(v);
    if (at) for (const e of incoming[at[0]]!) mark(e.args[at[1]]!);
  }
  for (const b of fn.blocks) {
    b.insts = b.insts.filter((i) => i.dst < 0 || live[i.dst]);
    if (b.id === 0) continue;
    const keep = b.params.map((p) => live[p] === 1);
    if (keep.every(Boolean)) continue;
    b.params = b.params.filter((_, k) => keep[k]);
    for (const e of incoming[b.id]!) e.args = e.args.filter((_, k) => keep[k]);
  }
}
