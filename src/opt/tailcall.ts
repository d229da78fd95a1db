/**
 * Self tail calls become loops: `v = call.direct "f"(args…)` in `f`, whose result is returned directly
 * (`ret v`, or a jump into a chain of empty blocks that returns the passed value), becomes a jump back to
 * the function's start with `args` as the new parameter values. Deep tail recursion then neither grows
 * the JS stack nor pays for a call.
 *
 * The entry block cannot be a jump target, so the old entry moves to a new block (its parameters become
 * that block's parameters: they now also receive the tail calls' arguments) and a fresh entry jumps to it.
 *
 * Only unobservable in builds where a call has no effect besides running the callee: no call-depth
 * counter, no instruction counting, no shadow frames (the pipeline decides; see `callsUnobserved`). A call
 * whose argument count differs from the arity raises the arity error, so it stays a call, and so do
 * `callstack` calls (their arguments exist only at run time).
 */
import { newValue, type Block, type IrFunction, type ValueId } from '../ir/ir.js';
import { removeUnreachable } from './simplify.js';

/** Rewrites the function's self tail calls into jumps; returns how many it rewrote. */
export function selfTailCalls(fn: IrFunction): number {
  const sites = fn.blocks.filter((b) => isSelfTailCall(fn, b));
  if (sites.length === 0) return 0;
  const oldEntry = fn.blocks[0]!;
  const header = fn.blocks.length;
  oldEntry.id = header;
  delete oldEntry.range;
  const params = oldEntry.params.map(() => newValue(fn));
  const entry: Block = { id: 0, params, insts: [], term: { op: 'jump', to: { block: header, args: [...params] }, pos: -1 } };
  fn.blocks[0] = entry;
  fn.blocks.push(oldEntry);
  for (const b of sites) {
    const call = b.insts.pop()!;
    b.term = { op: 'jump', to: { block: header, args: call.args }, pos: call.pos };
  }
  // Empty return blocks only the calls reached may be left unreachable.
  removeUnreachable(fn);
  return sites.length;
}

/** Does the block end with a static direct call of `fn` itself, with the right argument count, whose result is returned? */
function isSelfTailCall(fn: IrFunction, b: Block): boolean {
  const last = b.insts[b.insts.length - 1];
  if (!last || last.op !== 'call' || !last.direct || last.name !== fn.name || last.args.length !== fn.arity) return false;
  return returnsDirectly(fn, b, last.dst);
}

/** Is `v` (defined in `b`) what the function returns as soon as `b` ends, with nothing executed in between? */
function returnsDirectly(fn: IrFunction, b: Block, v: ValueId): boolean {
  const seen = new Set<number>();
  for (let block = b, value = v; !seen.has(block.id); ) {
    seen.add(block.id);
    const t = block.term;
    if (t.op === 'ret') return t.args[0] === value;
    if (t.op !== 'jump') return false;
    const next = fn.blocks[t.to.block]!;
    if (next.insts.length > 0) return false;
    // The value must reach `next` as the parameter it returns (it may be passed to several).
    const passed = next.params.filter((_, i) => t.to.args[i] === value);
    if (passed.length === 0) return false;
    const nt = next.term;
    if (nt.op === 'ret') return passed.includes(nt.args[0]!);
    if (nt.op !== 'jump' || passed.length !== 1) return false;
    block = next;
    value = passed[0]!;
  }
  return false;
}
