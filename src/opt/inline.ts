/**
 * Inlining of small program functions: `v = call.direct "g"(args…)` becomes g's blocks, copied into the
 * caller with fresh values: the caller's block ends with a jump to g's copied entry (its parameters
 * receive the arguments), g's `ret x` become jumps to a continuation block whose parameter is `v`, and
 * the rest of the caller's block moves to that continuation. The copied instructions are the same
 * operations, so they raise the same errors with the same texts; they take the CALL's position, so the
 * source map shows the call site for them.
 *
 * A callee qualifies when it is small (`MAX_INLINE_SIZE`), not recursive (directly or through others),
 * and keeps no run-time argument stack (`push`/`ldstack`/`callstack`: that stack is per JS function) nor
 * closure refreshes. Call sites must pass exactly the callee's arity (otherwise the call raises the arity
 * error, so it stays). Like tail calls, this is exact only where calls are unobservable (no call-depth
 * counter, no instruction counting, no shadow frames); the pipeline decides.
 *
 * Functions are processed callees first (reverse topological order of the call graph), each optimized
 * again after inlining, so a callee's size is measured after its own inlining and clean-up.
 */
import { type Block, type Inst, type IrFunction, type Term, type ValueId } from '../ir/ir.js';
import { isCyclic, stronglyConnected } from './scc.js';
import { removeUnreachable } from './simplify.js';

/** Callees up to this many instructions (terminators other than jumps included) are inlined. */
export const MAX_INLINE_SIZE = 20;
/** A caller stops receiving inlined code once it has grown by this many instructions. */
export const MAX_GROWTH = 400;

export interface InlineOptions {
  /** Runs the usual passes again on a function that received inlined code. */
  readonly reoptimize: (fn: IrFunction) => void;
}

/** Inlines small callees throughout the program; returns the functions that changed. */
export function inlineCalls(fns: readonly IrFunction[], options: InlineOptions): Set<IrFunction> {
  const byName = new Map(fns.map((f) => [f.name, f]));
  const changed = new Set<IrFunction>();
  const { order, recursive } = callGraphOrder(fns, byName);
  for (const caller of order) {
    let growth = 0;
    const eligible = (i: Inst): IrFunction | undefined => {
      if (i.op !== 'call' || !i.direct) return undefined;
      const callee = byName.get(i.name);
      if (!callee || callee === caller || recursive.has(callee) || callee.arity !== i.args.length) return undefined;
      const size = inlineSize(callee);
      return size !== undefined && growth + size <= MAX_GROWTH ? callee : undefined;
    };
    for (let b = 0; b < caller.blocks.length; b++) {
      const insts = caller.blocks[b]!.insts;
      for (let k = 0; k < insts.length; k++) {
        const callee = eligible(insts[k]!);
        if (!callee) continue;
        growth += inlineSize(callee)!;
        inlineAt(caller, b, k, callee);
        changed.add(caller);
        break; // the rest of the block moved to the continuation, scanned later
      }
    }
    if (!changed.has(caller)) continue;
    // A callee that never returns leaves its continuation unreachable.
    removeUnreachable(caller);
    options.reoptimize(caller);
  }
  return changed;
}

/** The callee's size, or undefined when it cannot be inlined whatever its size. */
export function inlineSize(fn: IrFunction): number | undefined {
  let size = 0;
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'push' || i.op === 'ldstack' || i.op === 'callstack' || i.op === 'mark' || i.op === 'refresh') return undefined;
    }
    size += b.insts.length + (b.term.op === 'jump' ? 0 : 1);
  }
  return size <= MAX_INLINE_SIZE ? size : undefined;
}

/** Replaces the call at `caller.blocks[b].insts[k]` by a copy of `callee`. */
export function inlineAt(caller: IrFunction, b: number, k: number, callee: IrFunction): void {
  const block = caller.blocks[b]!;
  const call = block.insts[k]!;
  const pos = call.pos;
  const base = caller.blocks.length;
  const cont = base + callee.blocks.length;
  const fresh = new Int32Array(callee.valueCount).fill(-1);
  const define = (v: ValueId) => (fresh[v] = caller.valueCount++);
  for (const cb of callee.blocks) {
    cb.params.forEach(define);
    for (const i of cb.insts) if (i.dst >= 0) define(i.dst);
  }
  const m = (v: ValueId): ValueId => fresh[v]!;
  const edge = (e: { block: number; args: ValueId[] }) => ({ block: base + e.block, args: e.args.map(m) });
  const term = (t: Term): Term => {
    switch (t.op) {
      case 'ret':
        return { op: 'jump', to: { block: cont, args: [m(t.args[0]!)] }, pos };
      case 'jump':
        return { op: 'jump', to: edge(t.to), pos };
      case 'br':
      case 'brcmp':
        return { op: t.op, cond: t.cond, args: t.args.map(m), then: edge(t.then), else: edge(t.else), pos };
      case 'throw':
        return { op: 'throw', message: t.message, pos };
    }
  };
  for (const cb of callee.blocks) {
    caller.blocks.push({
      id: base + cb.id,
      params: cb.params.map(m),
      insts: cb.insts.map((i) => ({ ...i, dst: i.dst >= 0 ? m(i.dst) : -1, args: i.args.map(m), pos })),
      term: term(cb.term),
    });
  }
  const rest: Block = { id: cont, params: [call.dst], insts: block.insts.slice(k + 1), term: block.term };
  caller.blocks.push(rest);
  block.insts = block.insts.slice(0, k);
  block.term = { op: 'jump', to: { block: base, args: call.args }, pos };
  // Bytecode ranges (for instruction counting) no longer describe the split block.
  delete block.range;
}

/** Functions ordered callees first (SCCs come sinks first), and those on a call-graph cycle (recursive). */
function callGraphOrder(fns: readonly IrFunction[], byName: ReadonlyMap<string, IrFunction>) {
  const index = new Map<IrFunction, number>(fns.map((f, i) => [f, i]));
  const succ: number[][] = fns.map((f) => {
    const out = new Set<number>();
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if ((i.op === 'call' || i.op === 'callstack') && i.direct) {
          const g = byName.get(i.name);
          if (g) out.add(index.get(g)!);
        }
      }
    }
    return [...out];
  });
  const order: IrFunction[] = [];
  const recursive = new Set<IrFunction>();
  for (const scc of stronglyConnected(fns.length, (v) => succ[v]!)) {
    const cyclic = isCyclic(scc, (v) => succ[v]!);
    for (const v of scc) {
      order.push(fns[v]!);
      if (cyclic) recursive.add(fns[v]!);
    }
  }
  return { order, recursive };
}
