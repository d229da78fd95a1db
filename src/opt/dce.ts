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
  const n = fn.valueCount;
  const live = new Uint8Array(n);
  const work: number[] = [];
  const mark = (v: number) => {
    if (!live[v]) {
      live[v] = 1;
      work.push(v);
    }
  };
  // Where each value is defined: instruction operands, or (block, param index); arrays indexed by value.
  const instArgs: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const paramBlock = new Int32Array(n).fill(-1);
  const paramIndex = new Int32Array(n);
  const incoming: Edge[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) {
    for (let k = 0; k < b.params.length; k++) {
      paramBlock[b.params[k]!] = b.id;
      paramIndex[b.params[k]!] = k;
    }
    for (const i of b.insts) {
      if (i.dst >= 0) instArgs[i.dst] = i.args;
      if (i.dst < 0 || mayThrow(i, ty)) {
        if (i.dst >= 0) mark(i.dst);
        for (const a of i.args) mark(a);
      }
    }
    for (const a of termArgs(b.term)) mark(a);
    for (const e of successors(b.term)) incoming[e.block]!.push(e);
  }
  for (const p of fn.blocks[0]!.params) live[p] = 1;
  while (work.length > 0) {
    const v = work.pop()!;
    const args = instArgs[v];
    if (args) for (const a of args) mark(a);
    const pb = paramBlock[v]!;
    if (pb >= 0) {
      const k = paramIndex[v]!;
      for (const e of incoming[pb]!) mark(e.args[k]!);
    }
  }
  for (const b of fn.blocks) {
    if (b.insts.some((i) => i.dst >= 0 && !live[i.dst])) b.insts = b.insts.filter((i) => i.dst < 0 || live[i.dst]);
    if (b.id === 0 || b.params.every((p) => live[p])) continue;
    const keep = b.params.map((p) => live[p] === 1);
    b.params = b.params.filter((_, k) => keep[k]);
    for (const e of incoming[b.id]!) e.args = e.args.filter((_, k) => keep[k]);
  }
}
