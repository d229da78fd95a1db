/**
 * Which parameter snapshots a module's shadow frames must keep. A frame records its arguments only so that
 * upvalue capture can find them by parameter name (semantics.md §7.7), and capture looks up only the
 * names a `create_closure` call passes and the names functions declare as upvalues. When every
 * `create_closure` name is a constant, a function none of whose parameters has such a name needs no
 * snapshot: its frames keep an empty one, which saves an array per call.
 */
import type { IrFunction } from '../ir/ir.js';

export interface CaptureSource {
  readonly ir: IrFunction;
  readonly params: readonly string[];
  readonly upvalues: readonly string[];
}

/** Per function: whether its frames must record their arguments. */
export function snapshotsNeeded(functions: readonly CaptureSource[]): boolean[] {
  const names = capturableNames(functions);
  return functions.map((f) => names === null || f.params.some((p) => names.has(p)));
}

/** Every name capture may look up, or null when some `create_closure` name is only known at run time. */
function capturableNames(functions: readonly CaptureSource[]): Set<string> | null {
  const names = new Set<string>();
  for (const f of functions) {
    for (const u of f.upvalues) names.add(u);
    const strings = new Map<number, string>();
    for (const b of f.ir.blocks) {
      for (const i of b.insts) {
        if (i.op === 'const' && i.lit.kind === 'string') strings.set(i.dst, i.lit.value);
      }
    }
    for (const b of f.ir.blocks) {
      for (const i of b.insts) {
        if ((i.op === 'call' || i.op === 'callstack') && !i.direct && i.name === 'create_closure') {
          if (i.op === 'callstack') return null;
          for (const a of i.args.slice(1)) {
            const name = strings.get(a);
            if (name === undefined) return null;
            names.add(name);
          }
        }
      }
    }
  }
  return names;
}
