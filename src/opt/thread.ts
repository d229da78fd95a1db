/**
 * Jump threading over materialized bools. Official-compiler code computes a condition into a register
 * (`CMP; JMPxx; LDI r, true; JMP end; LDI r, false; end: CMP r, false; JMPEQ …`): after fusion that is a
 * join block whose only work is `brcmp (p, false)` on a bool parameter `p`. An edge that passes a known bool
 * for `p` decides that branch statically, so it is redirected straight to the chosen successor, and the
 * join block disappears once no edge needs it. Comparing two bool constants cannot throw, so no effect or
 * error moves. The join's values must not be used outside its terminator (they would lose their dominator).
 */
import { successors, newValue, type Block, type Edge, type Inst, type IrFunction, type Lit, type ValueId } from '../ir/ir.js';
import { removeUnreachable } from './simplify.js';

export function threadBoolBranches(fn: IrFunction): void {
  // Most functions have no candidate join: nothing to compute then.
  if (!fn.blocks.some((b) => b.id !== 0 && b.term.op === 'brcmp' && b.insts.every((i) => i.op === 'const'))) return;
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
    if (t.op === 'br' || t.op === 'brcmp' || t.op === 'ret') for (const a of t.args) if (defBlock[a] !== b.id) usedAway[a] = 1;
    for (const e of successors(t)) for (const a of e.args) if (defBlock[a] !== b.id) usedAway[a] = 1;
  }
  // Edges into each block, in block order (then successor order); redirected edges are added to their new
  // target's list, which is then put back in that order before use.
  const incoming: InEdge[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) successors(b.term).forEach((e, k) => incoming[e.block]!.push({ pred: b, k, e }));
  const unsorted = new Uint8Array(fn.blocks.length);
  let changed = false;
  for (const join of fn.blocks) {
    const t = join.term;
    if (join.id === 0 || t.op !== 'brcmp') continue;
    if (!join.insts.every((i) => i.op === 'const')) continue;
    if (join.params.some((p) => usedAway[p]) || join.insts.some((i) => usedAway[i.dst])) continue;
    const paramIndex = new Map(join.params.map((p, k) => [p, k]));
    const edges = incoming[join.id]!;
    if (unsorted[join.id]) edges.sort((x, y) => x.pred.id - y.pred.id || x.k - y.k);
    for (const { pred, e } of edges) {
      if (e.block !== join.id) continue;
      const argFor = (v: ValueId) => {
        const k = paramIndex.get(v);
        return k === undefined ? v : e.args[k]!;
      };
      const x = boolOf(consts.get(argFor(t.args[0]!)));
      const y = boolOf(consts.get(argFor(t.args[1]!)));
      if (x === undefined || y === undefined) continue;
      const order = x === y ? 0 : x ? 1 : -1;
      const taken = t.cond === 'eq' ? order === 0 : t.cond === 'ne' ? order !== 0 : t.cond === 'lt' ? order < 0 : order > 0;
      const target: Edge = taken ? t.then : t.else;
      e.args = target.args.map((a) => {
        if (paramIndex.has(a)) return argFor(a);
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
      if (target.block !== join.id) {
        incoming[target.block]!.push({ pred, k: successors(pred.term).indexOf(e), e });
        unsorted[target.block] = 1;
      }
      changed = true;
    }
  }
  if (changed) removeUnreachable(fn);
}

/** An edge with the block it leaves and its position among that block's successors. */
interface InEdge {
  readonly pred: Block;
  readonly k: number;
  readonly e: Edge;
}

function boolOf(l: Lit | undefined): boolean | undefined {
  return l !== undefined && l.kind === 'bool' ? l.value : undefined;
}
