/**
 * Jump threading over materialized bools. Official-compiler code computes a condition into a register
 * (`CMP; JMPxx; LDI r, true; JMP end; LDI r, false; end: CMP r, false; JMPEQ …`): after fusion that is a
 * join block whose only work is `brcmp (p, false)` on a bool parameter `p`. An edge that passes a known bool
 * for `p` decides that branch statically, so it is redirected straight to the chosen successor, and the
 * join block disappears once no edge needs it. Comparing two bool constants cannot throw, so no effect or
 * error moves. The join's values must not be used outside its terminator (they would lose their dominator).
 */
import { successors, newValue, type Edge, type Inst, type IrFunction, type Lit, type ValueId } from '../ir/ir.js';
import { removeUnreachable } from './simplify.js';

export function threadBoolBranches(fn: IrFunction): void {
  const consts = new Map<ValueId, Lit>();
  const defBlock: number[] = new Array<number>(fn.valueCount).fill(-1);
  for (const b of fn.blocks) {
    for (const p of b.params) defBlock[p] = b.id;
    for (const i of b.insts) {
      if (i.dst >= 0) defBlock[i.dst] = b.id;
      if (i.op === 'const') consts.set(i.dst, i.lit);
    }
  }
  // Values read anywhere but in the terminator of their own block.
  const usedAway = new Uint8Array(fn.valueCount);
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const a of i.args) usedAway[a] = 1;
    const t = b.term;
    const read = [...(t.op === 'br' || t.op === 'brcmp' || t.op === 'ret' ? t.args : []), ...successors(t).flatMap((e) => e.args)];
    for (const a of read) if (defBlock[a] !== b.id) usedAway[a] = 1;
  }
  let changed = false;
  for (const join of fn.blocks) {
    const t = join.term;
    if (join.id === 0 || t.op !== 'brcmp') continue;
    if (!join.insts.every((i) => i.op === 'const')) continue;
    if (join.params.some((p) => usedAway[p]) || join.insts.some((i) => usedAway[i.dst])) continue;
    const paramIndex = new Map(join.params.map((p, k) => [p, k]));
    for (const pred of fn.blocks) {
      for (const e of successors(pred.term)) {
        if (e.block !== join.id) continue;
        const incoming = (v: ValueId) => {
          const k = paramIndex.get(v);
          return k === undefined ? v : e.args[k]!;
        };
        const x = boolOf(consts.get(incoming(t.args[0]!)));
        const y = boolOf(consts.get(incoming(t.args[1]!)));
        if (x === undefined || y === undefined) continue;
        const order = x === y ? 0 : x ? 1 : -1;
        const taken = t.cond === 'eq' ? order === 0 : t.cond === 'ne' ? order !== 0 : t.cond === 'lt' ? order < 0 : order > 0;
        const target: Edge = taken ? t.then : t.else;
        e.args = target.args.map((a) => {
          if (paramIndex.has(a)) return incoming(a);
          if (defBlock[a] !== join.id) return a;
          // A constant of the join block: re-materialize it where the edge now starts.
          const dst = newValue(fn);
          const lit = consts.get(a)!;
          const inst: Inst = { op: 'const', lit, dst, args: [], pos: -1 };
          pred.insts.push(inst);
          consts.set(dst, lit);
          defBlock[dst] = pred.id;
          return dst;
        });
        e.block = target.block;
        changed = true;
      }
    }
  }
  if (changed) removeUnreachable(fn);
}

function boolOf(l: Lit | undefined): boolean | undefined {
  return l !== undefined && l.kind === 'bool' ? l.value : undefined;
}
