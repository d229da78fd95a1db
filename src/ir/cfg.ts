/**
 * Control-flow analyses on IR functions: predecessors, reverse postorder and dominators. All iterative
 * (explicit stacks), so functions with very many blocks cannot overflow the JS stack.
 */
import { successors, type IrFunction } from './ir.js';

/** Successor block ids per block (an edge listed once per occurrence). */
export function succIds(fn: IrFunction): number[][] {
  return fn.blocks.map((b) => successors(b.term).map((e) => e.block));
}

/** Predecessor block ids per block, one entry per edge (a two-way branch to one block counts twice). */
export function predIds(fn: IrFunction): number[][] {
  const preds: number[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const e of successors(b.term)) preds[e.block]!.push(b.id);
  return preds;
}

/** Blocks reachable from the entry, in reverse postorder (entry first). */
export function reversePostorder(fn: IrFunction): number[] {
  return graphReversePostorder(succIds(fn));
}

/** Nodes of a graph given by successor lists reachable from node 0, in reverse postorder. */
export function graphReversePostorder(succ: readonly (readonly number[])[]): number[] {
  const seen = new Uint8Array(succ.length);
  const post: number[] = [];
  const stack: [number, number][] = [[0, 0]];
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const ss = succ[top[0]]!;
    if (top[1] < ss.length) {
      const s = ss[top[1]++]!;
      if (!seen[s]) {
        seen[s] = 1;
        stack.push([s, 0]);
      }
    } else {
      post.push(top[0]);
      stack.pop();
    }
  }
  return post.reverse();
}

export interface Dominators {
  /** Reverse-postorder index per block (-1: unreachable). */
  readonly rpoIndex: Int32Array;
  /** Blocks in reverse postorder. */
  readonly rpo: readonly number[];
  /** Immediate dominator per block (the entry's is itself; -1 for unreachable blocks). */
  readonly idom: Int32Array;
  /** Does `a` dominate `b`? (Both reachable.) */
  dominates(a: number, b: number): boolean;
  /** Children in the dominator tree, in reverse postorder. */
  readonly children: readonly number[][];
}

/** Dominators of the function's CFG. */
export function dominators(fn: IrFunction): Dominators {
  return graphDominators(succIds(fn));
}

/**
 * Dominators of a graph given by successor lists, from node 0: Cooper, Harvey & Kennedy, "A Simple, Fast
 * Dominance Algorithm" (2001).
 */
export function graphDominators(succ: readonly (readonly number[])[]): Dominators {
  const n = succ.length;
  const rpo = graphReversePostorder(succ);
  const rpoIndex = new Int32Array(n).fill(-1);
  rpo.forEach((b, i) => (rpoIndex[b] = i));
  const preds: number[][] = succ.map(() => []);
  for (let b = 0; b < n; b++) for (const t of succ[b]!) preds[t]!.push(b);
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (rpoIndex[a]! > rpoIndex[b]!) a = idom[a]!;
      while (rpoIndex[b]! > rpoIndex[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 1; i < rpo.length; i++) {
      const b = rpo[i]!;
      let d = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        d = d === -1 ? p : intersect(p, d);
      }
      if (d !== idom[b]) {
        idom[b] = d;
        changed = true;
      }
    }
  }
  const children: number[][] = succ.map(() => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);
  // Depth-first entry/exit numbers make `dominates` O(1).
  const enter = new Int32Array(n);
  const exit = new Int32Array(n);
  let clock = 0;
  const stack: [number, number][] = [[0, 0]];
  enter[0] = clock++;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const cs = children[top[0]]!;
    if (top[1] < cs.length) {
      const c = cs[top[1]++]!;
      enter[c] = clock++;
      stack.push([c, 0]);
    } else {
      exit[top[0]] = clock++;
      stack.pop();
    }
  }
  return {
    rpo,
    rpoIndex,
    idom,
    children,
    dominates: (a, b) => enter[a]! <= enter[b]! && exit[b]! <= exit[a]!,
  };
}
