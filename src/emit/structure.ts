/**
 * Structured control flow from a CFG, after Ramsey, "Beyond Relooper" (ICFP 2022): walk the dominator
 * tree; a block with several forward in-edges (a merge node) is placed right after a labeled block that
 * wraps its dominator's code, so forward edges to it are `break B<n>`; a loop header wraps its dominated
 * code in `L<n>: for (;;)`, so back edges are `continue L<n>`; any other edge inlines its target. Every
 * emitted path ends in an explicit transfer (break/continue/return/throw), so the else-arm of a two-way
 * branch can follow the `if` unnested.
 *
 * Irreducible parts (a retreating edge whose target does not dominate its source) become dispatch
 * regions: each strongly connected component with several entry blocks, found in the loop-nesting order
 * (a single-entry component is a natural loop whose body is searched again without the edges back to its
 * header), is collapsed into one node of a quotient graph, which is reducible and structured as above; the
 * node's code is `R<n>: for (;;) switch ($b) { case k: {…} }` over its blocks, edges into it set `$b` to
 * their target. So only the irreducible loops themselves run through the switch.
 *
 * Structured output nested so deeply that it would endanger the JS stack of the printer or of the engine's
 * parser uses a dispatch loop (`D: for (;;) switch ($b) { … }`) for the whole function instead.
 */
import type * as ES from 'estree';
import { dominators, graphDominators, predIds, succIds, type Dominators } from '../ir/cfg.js';
import { successors, type Edge, type IrFunction } from '../ir/ir.js';
import { isCyclic, stronglyConnected } from '../opt/scc.js';
import * as js from './js.js';

export interface BlockEmitter {
  /** The block's instructions. */
  body(b: number): ES.Statement[];
  /** The terminator; `branch(edge)` gives the statements that transfer control along an edge. */
  terminator(b: number, branch: (edge: Edge) => ES.Statement[]): ES.Statement[];
  /** Assignments of an edge's arguments to its target's parameters. */
  edgeCopies(edge: Edge): ES.Statement[];
}

/** Deeper statement nesting than this is refused: astring and JS parsers recurse over it. */
const MAX_NESTING = 400;

/** The dispatch variable of the fallback. */
export const DISPATCH_VAR = '$b';

export interface Structured {
  readonly statements: ES.Statement[];
  /** True when a dispatch loop (a region's or the whole function's) is used: it needs `DISPATCH_VAR` declared. */
  readonly dispatch: boolean;
}

export function structureFunction(fn: IrFunction, em: BlockEmitter): Structured {
  const cfgDom = dominators(fn);
  const graph = quotientGraph(fn, cfgDom);
  // Without regions the quotient is the CFG itself.
  const dom = graph.regions.size === 0 ? cfgDom : graphDominators(graph.succ);
  const plan = planStructure(graph.succ, dom);
  if (plan) {
    try {
      const statements = structured(em, graph, dom, plan);
      if (nestingDepth(statements) <= MAX_NESTING) return { statements, dispatch: graph.regions.size > 0 };
    } catch (err) {
      // A CFG deep enough to exhaust the JS stack while structuring: the flat form always works.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return { statements: dispatchLoop(fn, em), dispatch: true };
}

function structured(em: BlockEmitter, graph: Quotient, dom: Dominators, plan: Plan): ES.Statement[] {
  const { rpoIndex } = dom;
  const { isMerge, isLoop } = plan;
  const { node, regions } = graph;
  const mergeChildren = (x: number) =>
    dom.children[x]!.filter((c) => isMerge[c]).sort((a, b) => rpoIndex[b]! - rpoIndex[a]!);

  const doTree = (x: number): ES.Statement[] => (isLoop[x] ? [js.labeled(`L${x}`, js.forever(chainFrom(x)))] : chainFrom(x));
  // x's code inside labeled blocks for its merge children; the outermost merge child follows in tail
  // position, so chains of them (sequences of if/else joins) are emitted by iteration, not recursion.
  const chainFrom = (first: number): ES.Statement[] => {
    const out: ES.Statement[] = [];
    for (let x = first; ; ) {
      const ys = mergeChildren(x);
      let code = nodeCode(x);
      for (let i = ys.length - 1; i >= 1; i--) code = [js.labeled(`B${ys[i]}`, js.block(code)), ...doTree(ys[i]!)];
      if (ys.length === 0) {
        out.push(...code);
        return out;
      }
      const y = ys[0]!;
      out.push(js.labeled(`B${y}`, js.block(code)));
      if (isLoop[y]) {
        out.push(...doTree(y));
        return out;
      }
      x = y;
    }
  };
  const nodeCode = (x: number): ES.Statement[] => {
    const members = regions.get(x);
    if (!members) return [...em.body(x), ...em.terminator(x, (e) => doBranch(x, e))];
    // An irreducible region: its blocks in a switch; edges between them go round the region's loop.
    const inside = new Set(members);
    const cases: ES.SwitchCase[] = members.map((b) => ({
      type: 'SwitchCase',
      test: js.num(b),
      consequent: [
        js.block([
          ...em.body(b),
          ...em.terminator(b, (e) =>
            inside.has(e.block) ? [...em.edgeCopies(e), setDispatch(e.block), js.cont(`R${x}`)] : doBranch(x, e),
          ),
        ]),
      ],
    }));
    return [js.labeled(`R${x}`, js.forever([{ type: 'SwitchStatement', discriminant: js.id(DISPATCH_VAR), cases }]))];
  };
  const doBranch = (src: number, e: Edge): ES.Statement[] => {
    const t = node[e.block]!;
    const copies = em.edgeCopies(e);
    if (regions.has(t)) copies.push(setDispatch(e.block));
    if (rpoIndex[t]! <= rpoIndex[src]!) return [...copies, js.cont(`L${t}`)];
    if (isMerge[t]) return [...copies, js.brk(`B${t}`)];
    return [...copies, ...doTree(t)];
  };
  return doTree(0);
}

const setDispatch = (b: number): ES.Statement => js.expr(js.assign(js.id(DISPATCH_VAR), js.num(b)));

/** The deepest nesting of statements inside statements (iteratively). */
function nestingDepth(statements: ES.Statement[]): number {
  let max = 0;
  const stack: [ES.Statement[], number][] = [[statements, 1]];
  while (stack.length > 0) {
    const [list, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (const st of list) {
      const inner = childStatements(st);
      for (const c of inner) stack.push([c, depth + 1]);
    }
  }
  return max;
}

function childStatements(st: ES.Statement): ES.Statement[][] {
  switch (st.type) {
    case 'BlockStatement':
      return [st.body];
    case 'LabeledStatement':
      return [[st.body]];
    case 'ForStatement':
      return [[st.body]];
    case 'IfStatement':
      return st.alternate ? [[st.consequent], [st.alternate]] : [[st.consequent]];
    case 'SwitchStatement':
      return st.cases.map((c) => c.consequent);
    default:
      return [];
  }
}

interface Plan {
  readonly isMerge: Uint8Array;
  readonly isLoop: Uint8Array;
}

/** Merge nodes and loop headers of a reducible graph, or null when it is not reducible. */
function planStructure(succ: readonly (readonly number[])[], dom: Dominators): Plan | null {
  const n = succ.length;
  const { rpoIndex } = dom;
  const forwardIn = new Uint32Array(n);
  const isLoop = new Uint8Array(n);
  for (const x of dom.rpo) {
    for (const t of succ[x]!) {
      if (rpoIndex[t]! > rpoIndex[x]!) forwardIn[t]!++;
      else if (dom.dominates(t, x)) isLoop[t] = 1;
      else return null;
    }
  }
  const isMerge = new Uint8Array(n);
  for (let b = 0; b < n; b++) if (forwardIn[b]! >= 2) isMerge[b] = 1;
  return { isMerge, isLoop };
}

/** The CFG with each irreducible region collapsed into one node (named by its first block in reverse postorder). */
interface Quotient {
  /** Per block: its node (itself, or its region's representative). */
  readonly node: Int32Array;
  /** Blocks of each region (ascending ids), by representative. */
  readonly regions: ReadonlyMap<number, number[]>;
  /** Successor nodes per node, one per edge; empty for region blocks other than the representative. */
  readonly succ: number[][];
}

function quotientGraph(fn: IrFunction, dom: Dominators): Quotient {
  const n = fn.blocks.length;
  const node = new Int32Array(n);
  for (let b = 0; b < n; b++) node[b] = b;
  const regions = isReducible(fn, dom) ? new Map<number, number[]>() : irreducibleRegions(fn, dom);
  for (const [r, members] of regions) for (const b of members) node[b] = r;
  const succ: number[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) {
    const x = node[b.id]!;
    for (const e of successors(b.term)) {
      const t = node[e.block]!;
      if (!(t === x && regions.has(x))) succ[x]!.push(t);
    }
  }
  return { node, regions, succ };
}

/** Does every retreating edge go to a block dominating its source? */
function isReducible(fn: IrFunction, dom: Dominators): boolean {
  for (const b of fn.blocks) {
    for (const e of successors(b.term)) {
      if (dom.rpoIndex[e.block]! <= dom.rpoIndex[b.id]! && !dom.dominates(e.block, b.id)) return false;
    }
  }
  return true;
}

/**
 * Strongly connected components with several entry blocks, searched in loop-nesting order: a component
 * with one entry is a natural loop, searched again without the edges into its header.
 */
function irreducibleRegions(fn: IrFunction, dom: Dominators): Map<number, number[]> {
  const n = fn.blocks.length;
  const succ = succIds(fn);
  const preds = predIds(fn);
  const regions = new Map<number, number[]>();
  const stamp = new Int32Array(n).fill(-1);
  const work: [readonly number[], number][] = [[dom.rpo, -1]];
  for (let gen = 0; work.length > 0; gen++) {
    const [set, header] = work.pop()!;
    for (const b of set) stamp[b] = gen;
    const inner = (v: number) => succ[v]!.filter((t) => t !== header);
    for (const scc of stronglyConnected(n, inner, (v) => stamp[v] === gen)) {
      if (!isCyclic(scc, inner)) continue;
      const inScc = new Set(scc);
      const entries = scc.filter((b) => preds[b]!.some((p) => !inScc.has(p) && dom.rpoIndex[p] !== -1));
      if (entries.length === 1) {
        work.push([scc, entries[0]!]);
        continue;
      }
      const members = [...scc].sort((a, b) => a - b);
      const first = scc.reduce((a, b) => (dom.rpoIndex[b]! < dom.rpoIndex[a]! ? b : a));
      regions.set(first, members);
    }
  }
  return regions;
}

/** `let $b = 0; D: for (;;) switch ($b) { case k: {…} }` — any CFG, no nesting. */
function dispatchLoop(fn: IrFunction, em: BlockEmitter): ES.Statement[] {
  const cases: ES.SwitchCase[] = fn.blocks.map((b) => ({
    type: 'SwitchCase',
    test: js.num(b.id),
    consequent: [
      js.block([
        ...em.body(b.id),
        ...em.terminator(b.id, (e) => [...em.edgeCopies(e), js.expr(js.assign(js.id(DISPATCH_VAR), js.num(e.block))), js.cont('D')]),
      ]),
    ],
  }));
  const sw: ES.SwitchStatement = { type: 'SwitchStatement', discriminant: js.id(DISPATCH_VAR), cases };
  return [js.expr(js.assign(js.id(DISPATCH_VAR), js.num(0))), js.labeled('D', js.forever([sw]))];
}
