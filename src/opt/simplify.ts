/**
 * Small structural clean-ups shared by the passes: substituting values, copy propagation, and removing
 * blocks that became unreachable (block ids are renumbered to stay equal to their index).
 */
import { reversePostorder } from '../ir/cfg.js';
import { successors, type IrFunction, type ValueId } from '../ir/ir.js';
import { inferTypes, T } from './types.js';

/** Rewrites every use of a value through `map` (identity where it has no entry). */
export function substitute(fn: IrFunction, map: ReadonlyMap<ValueId, ValueId>): void {
  if (map.size === 0) return;
  const find = (v: ValueId): ValueId => {
    let r = v;
    for (let next = map.get(r); next !== undefined; next = map.get(r)) r = next;
    return r;
  };
  // In place: an operand list shared by two places is rewritten the same way for both.
  const rewrite = (args: ValueId[]) => {
    for (let k = 0; k < args.length; k++) args[k] = find(args[k]!);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) rewrite(i.args);
    const t = b.term;
    if (t.op === 'br' || t.op === 'brcmp' || t.op === 'ret') rewrite(t.args);
    for (const e of successors(t)) rewrite(e.args);
  }
}

/**
 * Copy propagation: uses of `copy a` become uses of `a`, and the copies are removed. A `refresh` of a
 * value that can never be a closure is a copy too.
 */
export function copyProp(fn: IrFunction): void {
  // Types only matter for `refresh` (programs using set_upvalue), and are inferred before anything changes.
  const types = fn.blocks.some((b) => b.insts.some((i) => i.op === 'refresh')) ? inferTypes(fn) : undefined;
  const mayBeClosure = (v: ValueId) => (types![v]! & T.CLOSURE) !== 0;
  const map = new Map<ValueId, ValueId>();
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => i.op === 'copy' || i.op === 'refresh')) continue;
    b.insts = b.insts.filter((i) => {
      if (i.op === 'copy' || (i.op === 'refresh' && !mayBeClosure(i.args[1]!))) {
        map.set(i.dst, i.op === 'copy' ? i.args[0]! : i.args[1]!);
        return false;
      }
      return true;
    });
  }
  substitute(fn, map);
}

/** Drops unreachable blocks and renumbers the rest in their current order. */
export function removeUnreachable(fn: IrFunction): void {
  const reach = new Set(reversePostorder(fn));
  if (reach.size === fn.blocks.length) return;
  const kept = fn.blocks.filter((b) => reach.has(b.id));
  const newId = new Map<number, number>();
  kept.forEach((b, i) => newId.set(b.id, i));
  for (const b of kept) {
    b.id = newId.get(b.id)!;
    for (const e of successors(b.term)) e.block = newId.get(e.block)!;
  }
  fn.blocks = kept;
}
