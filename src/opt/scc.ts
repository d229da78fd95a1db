/**
 * Strongly connected components (Tarjan), iterative so that very large graphs cannot overflow the JS
 * stack. Shared by the inliner (call graph) and the structurer (irreducible regions of a CFG).
 */

/**
 * The SCCs of the graph on nodes `0 .. count-1` restricted to `include`d nodes, in reverse topological
 * order: Tarjan completes a component only after every component it reaches, so sinks come first.
 */
export function stronglyConnected(count: number, succ: (v: number) => readonly number[], include: (v: number) => boolean = () => true): number[][] {
  const num = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (num[root] !== -1 || !include(root)) continue;
    const work: [number, number][] = [[root, 0]];
    num[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const v = top[0];
      const ss = succ(v);
      if (top[1] < ss.length) {
        const w = ss[top[1]++]!;
        if (!include(w)) continue;
        if (num[w] === -1) {
          num[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, num[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== num[v]) continue;
      const scc: number[] = [];
      for (let w = -1; w !== v; ) {
        w = stack.pop()!;
        onStack[w] = 0;
        scc.push(w);
      }
      out.push(scc);
    }
  }
  return out;
}

/** Is the component a cycle (more than one node, or a node with an edge to itself)? */
export function isCyclic(scc: readonly number[], succ: (v: number) => readonly number[]): boolean {
  return scc.length > 1 || succ(scc[0]!).includes(scc[0]!);
}
