/**
 * Call resolution: a CALL whose name is one of the program's own functions becomes a direct call (the
 * emitter makes it a plain JS call). Program functions always win over builtins and host functions
 * (registration refuses clashes), so this binding cannot change meaning. Every other name stays symbolic
 * (as do dotted `Share.<method>` names, which check their receiver before the lookup)
 * and is bound when the module is linked to a run — builtins and host functions then, and names that
 * match nothing raise the interpreter's error only when the CALL executes.
 */
import { checksReceiver } from '../../runtime/compiled/calls.js';
import type { IrFunction } from '../ir/ir.js';

export function resolveCalls(fn: IrFunction, programFunctions: ReadonlySet<string>): void {
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if ((i.op === 'call' || i.op === 'callstack') && programFunctions.has(i.name) && !checksReceiver(i.name)) {
        i.direct = true;
      }
    }
  }
}
