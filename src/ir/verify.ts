/**
 * IR verifier: structural rules of ir.ts plus SSA dominance. Tests run it after every pass.
 */
import { dominators } from './cfg.js';
import { arityOf, successors, termArgs, type IrFunction, type ValueId } from './ir.js';

export class IrVerifyError extends Error {
  constructor(
    readonly fn: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid IR in ${JSON.stringify(fn)}:\n  ${problems.join('\n  ')}`);
    this.name = 'IrVerifyError';
  }
}

/** Returns the problems found (empty when the function is valid). */
export function verifyProblems(fn: IrFunction): string[] {
  const problems: string[] = [];
  const bad = (m: string) => problems.push(m);
  if (fn.blocks.length === 0) return ['no blocks'];
  // Definition sites: block id, and instruction index (-1 for parameters).
  const defBlock = new Int32Array(fn.valueCount).fill(-1);
  const defIndex = new Int32Array(fn.valueCount);
  const define = (v: ValueId, b: number, i: number) => {
    if (!Number.isInteger(v) || v < 0 || v >= fn.valueCount) return bad(`b${b}: value v${v} out of range`);
    if (defBlock[v] !== -1) return bad(`b${b}: v${v} defined twice`);
    defBlock[v] = b;
    defIndex[v] = i;
  };
  fn.blocks.forEach((b, idx) => {
    if (b.id !== idx) bad(`block at index ${idx} has id ${b.id}`);
    b.params.forEach((p) => define(p, idx, -1));
    b.insts.forEach((inst, i) => {
      const want = arityOf(inst.op);
      if (want !== undefined && inst.args.length !== want) {
        bad(`b${idx}[${i}]: ${inst.op} takes ${want} operands, has ${inst.args.length}`);
      }
      if (inst.op === 'push') {
        if (inst.dst !== -1) bad(`b${idx}[${i}]: push defines a value`);
      } else define(inst.dst, idx, i);
    });
    const t = b.term;
    if ((t.op === 'br' && t.args.length !== 1) || (t.op === 'brcmp' && t.args.length !== 2) || (t.op === 'ret' && t.args.length !== 1)) {
      bad(`b${idx}: ${t.op} has ${t.args.length} operands`);
    }
    for (const e of successors(t)) {
      const target = fn.blocks[e.block];
      if (!target) bad(`b${idx}: edge to missing block b${e.block}`);
      else if (e.block === 0) bad(`b${idx}: edge to the entry block`);
      else if (target.params.length !== e.args.length) {
        bad(`b${idx}: edge to b${e.block} passes ${e.args.length} values for ${target.params.length} parameters`);
      }
    }
  });
  if (fn.blocks[0]!.params.length !== fn.arity) bad(`entry has ${fn.blocks[0]!.params.length} parameters, arity ${fn.arity}`);
  if (problems.length > 0) return problems;

  const dom = dominators(fn);
  fn.blocks.forEach((b) => {
    if (dom.rpoIndex[b.id] === -1) bad(`b${b.id} is unreachable`);
  });
  if (problems.length > 0) return problems;
  // A use at (block, index) needs a definition earlier in that block or in a strictly dominating block.
  const use = (v: ValueId, b: number, i: number, what: string) => {
    if (!Number.isInteger(v) || v < 0 || v >= fn.valueCount || defBlock[v] === -1) return bad(`${what}: v${v} is not defined`);
    const db = defBlock[v]!;
    if (db === b ? defIndex[v]! >= i : !dom.dominates(db, b)) bad(`${what}: v${v} does not dominate its use`);
  };
  for (const b of fn.blocks) {
    b.insts.forEach((inst, i) => inst.args.forEach((a) => use(a, b.id, i, `b${b.id}[${i}] ${inst.op}`)));
    const end = b.insts.length;
    termArgs(b.term).forEach((a) => use(a, b.id, end, `b${b.id} ${b.term.op}`));
    for (const e of successors(b.term)) e.args.forEach((a) => use(a, b.id, end, `b${b.id} edge to b${e.block}`));
  }
  return problems;
}

export function verifyFunction(fn: IrFunction): void {
  const problems = verifyProblems(fn);
  if (problems.length > 0) throw new IrVerifyError(fn.name, problems);
}
