/**
 * Constant folding with the exact runtime operations: an instruction whose operands are all literals is
 * evaluated at compile time and replaced by its result, unless the operation throws — then it stays and
 * raises the same error when executed. Branches on known flags become jumps; blocks that become
 * unreachable are removed. Shares never appear as literals, so secret operations are never folded.
 */
import * as ops from '../../runtime/ops/index.js';
import type { Value } from '../../runtime/values.js';
import { type Cond, type Inst, type IrFunction, type Lit, type ValueId } from '../ir/ir.js';
import { removeTrivialParams } from '../ir/lift.js';
import { litValue, valueLit } from './literals.js';
import { removeUnreachable } from './simplify.js';

type Binary = (a: Value, b: Value, mpc: null) => Value;
const BINARY: Readonly<Record<string, Binary>> = {
  add: ops.add, sub: ops.sub, mul: ops.mul, div: ops.div, mod: ops.mod,
  and: ops.and, or: ops.or, xor: ops.xor, shl: ops.shl, shr: ops.shr,
};

/** Does a flag value satisfy a branch condition? */
export function condHolds(cond: Cond, flag: number): boolean {
  switch (cond) {
    case 'eq':
      return flag === 0;
    case 'ne':
      return flag !== 0;
    case 'lt':
      return flag < 0;
    case 'gt':
      return flag > 0;
  }
}

/** Evaluates an instruction on literal operands; null when it throws or is not foldable. */
function evaluate(i: Inst, lits: Lit[]): Lit | null {
  try {
    if (lits.some((l) => l.kind === 'flag')) return i.op === 'copy' || i.op === 'refresh' ? lits[lits.length - 1]! : null;
    const vals = lits.map(litValue);
    switch (i.op) {
      case 'copy':
        return lits[0]!;
      case 'refresh':
        return lits[1]!;
      case 'not':
        return valueLit(ops.not(vals[0], null));
      case 'cmp':
        return { kind: 'flag', value: ops.compare(vals[0], vals[1]) };
      case 'tosecret':
        return lits[0]!.kind === 'unit' ? lits[0]! : null;
      default: {
        const f = BINARY[i.op];
        return f ? valueLit(f(vals[0], vals[1], null)) : null;
      }
    }
  } catch {
    return null;
  }
}

export function constFold(fn: IrFunction): void {
  const known = new Map<ValueId, Lit>();
  const lit = (v: ValueId) => known.get(v);
  let changedCfg = false;
  // Blocks are visited in order; a value is only known once its definition was visited, which is enough
  // for straight-line chains (definitions dominate uses and the lifter lays blocks out in code order).
  for (const b of fn.blocks) {
    for (let k = 0; k < b.insts.length; k++) {
      const i = b.insts[k]!;
      if (i.op === 'const') {
        known.set(i.dst, i.lit);
        continue;
      }
      if (i.op === 'mark' || i.args.length === 0 || i.op === 'call' || i.op === 'push') continue;
      const lits = i.args.map(lit);
      if (lits.some((l) => l === undefined)) continue;
      const r = evaluate(i, lits as Lit[]);
      if (r === null) continue;
      b.insts[k] = { op: 'const', dst: i.dst, args: [], lit: r, pos: i.pos };
      known.set(i.dst, r);
    }
    const t = b.term;
    if (t.op === 'br') {
      const f = lit(t.args[0]!);
      if (f && f.kind === 'flag') {
        b.term = { op: 'jump', to: condHolds(t.cond, f.value) ? t.then : t.else, pos: t.pos };
        changedCfg = true;
      }
    } else if (t.op === 'brcmp') {
      const x = lit(t.args[0]!);
      const y = lit(t.args[1]!);
      if (x && y && x.kind !== 'flag' && y.kind !== 'flag') {
        let flag: number | null = null;
        try {
          flag = ops.compare(litValue(x), litValue(y));
        } catch {
          flag = null;
        }
        if (flag !== null) {
          b.term = { op: 'jump', to: condHolds(t.cond, flag) ? t.then : t.else, pos: t.pos };
          changedCfg = true;
        }
      }
    }
  }
  if (changedCfg) {
    removeUnreachable(fn);
    removeTrivialParams(fn);
  }
}
