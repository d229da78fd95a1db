/**
 * Structured control flow from a CFG, after Ramsey, "Beyond Relooper" (ICFP 2022): walk the dominator
 * tree; a block with several forward in-edges (a merge node) is placed right after a labeled block that
 * wraps its dominator's code, so forward edges to it are `break B<n>`; a loop header wraps its dominated
 * code in `L<n>: for (;;)`, so back edges are `continue L<n>`; any other edge inlines its target. Every
 * emitted path ends in an explicit transfer (break/continue/return/throw), so the else-arm of a two-way
 * branch can follow the `if` unnested.
 *
 * Irreducible CFGs (a retreating edge whose target does not dominate its source), and structured output
 * nested so deeply that it would endanger the JS stack of the printer or of the engine's parser, use a
 * dispatch loop (`D: for (;;) switch ($b) { … }`) for the whole function instead.
 */
import type * as ES from 'estree';
import { dominators, type Dominators } from '../ir/cfg.js';
import { successors, type Edge, type IrFunction } from '../ir/ir.js';
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
  /** True when the dispatch-loop fallback was used (it needs `DISPATCH_VAR` declared). */
  readonly dispatch: boolean;
}

export function structureFunction(fn: IrFunction, em: BlockEmitter): Structured {
  const dom = dominators(fn);
  const plan = planStructure(fn, dom);
  if (plan) {
    try {
      const statements = structured(em, dom, plan);
      if (nestingDepth(statements) <= MAX_NESTING) return { statements, dispatch: false };
    } catch (err) {
      // A CFG deep enough to exhaust the JS stack while structuring: the flat form always works.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return { statements: dispatchLoop(fn, em), dispatch: true };
}

function structured(em: BlockEmitter, dom: Dominators, plan: Plan): ES.Statement[] {
  const { rpoIndex } = dom;
  const { isMerge, isLoop } = plan;
  const mergeChildren = (x: number) =>
    dom.children[x]!.filter((c) => isMerge[c]).sort((a, b) => rpoIndex[b]! - rpoIndex[a]!);

  const doTree = (x: number): ES.Statement[] => (isLoop[x] ? [js.labeled(`L${x}`, js.forever(chainFrom(x)))] : chainFrom(x));
  // x's code inside labeled blocks for its merge children; the outermost merge child follows in tail
  // position, so chains of them (sequences of if/else joins) are emitted by iteration, not recursion.
  const chainFrom = (first: number): ES.Statement[] => {
    const out: ES.Statement[] = [];
    for (let x = first; ; ) {
      const ys = mergeChildren(x);
      let code = [...em.body(x), ...em.terminator(x, (e) => doBranch(x, e))];
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
  const doBranch = (src: number, e: Edge): ES.Statement[] => {
    const t = e.block;
    const copies = em.edgeCopies(e);
    if (rpoIndex[t]! <= rpoIndex[src]!) return [...copies, js.cont(`L${t}`)];
    if (isMerge[t]) return [...copies, js.brk(`B${t}`)];
    return [...copies, ...doTree(t)];
  };
  return doTree(0);
}

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
    default:
      return [];
  }
}

interface Plan {
  readonly isMerge: Uint8Array;
  readonly isLoop: Uint8Array;
}

/** Merge nodes and loop headers, or null when the function needs the dispatch loop. */
function planStructure(fn: IrFunction, dom: Dominators): Plan | null {
  const n = fn.blocks.length;
  const { rpoIndex } = dom;
  const forwardIn = new Uint32Array(n);
  const isLoop = new Uint8Array(n);
  for (const b of fn.blocks) {
    for (const e of successors(b.term)) {
      if (rpoIndex[e.block]! > rpoIndex[b.id]!) forwardIn[e.block]!++;
      else if (dom.dominates(e.block, b.id)) isLoop[e.block] = 1;
      else return null;
    }
  }
  const isMerge = new Uint8Array(n);
  for (let b = 0; b < n; b++) if (forwardIn[b]! >= 2) isMerge[b] = 1;
  return { isMerge, isLoop };
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
