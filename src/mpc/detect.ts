/**
 * Whether a program needs an MPC engine to run: `stoffel run` gives every program one, but the stoffel-run
 * style CLI only attaches the simulator where it matters, so clear programs keep running engine-free (and
 * a manifest naming a curve the simulator rejects does not stop them).
 */
import { MPC_BUILTIN_NAMES, STANDARD_LIBRARY_NAMES } from '../../runtime/builtins/names.js';
import { SECRET_REGISTER_BASE } from '../../runtime/hooks/context.js';
import { ENGINE_FREE_MPC_BUILTINS } from '../../runtime/mpc/index.js';
import type { Instruction } from '../bytecode/model.js';
import type { LoadedProgram } from '../bytecode/loaded.js';

/** Builtins that fail or behave differently without an engine (client store, outputs, Share.*, Mpc.*, …). */
const ENGINE_BUILTINS: ReadonlySet<string> = new Set(
  [...MPC_BUILTIN_NAMES, ...STANDARD_LIBRARY_NAMES.filter((n) => n.startsWith('ClientStore.') || n.startsWith('MpcOutput.'))]
    .filter((name) => !ENGINE_FREE_MPC_BUILTINS.has(name)),
);

/**
 * True when the manifest declares clients, a function touches a secret register (r16 and up, including
 * parameters landing there), or a CALL names an engine builtin.
 */
export function programUsesMpc(loaded: LoadedProgram): boolean {
  if ((loaded.program.manifest?.clients.length ?? 0) > 0) return true;
  for (const fn of loaded.functions.values()) {
    if (fn.arity > SECRET_REGISTER_BASE) return true;
    for (const ins of fn.record.instructions) {
      if (ins.op === 'CALL' ? ENGINE_BUILTINS.has(ins.name) : touchesSecretBank(ins)) return true;
    }
  }
  return false;
}

function touchesSecretBank(ins: Instruction): boolean {
  for (const key of ['dst', 'src', 'lhs', 'rhs'] as const) {
    const r = (ins as Partial<Record<typeof key, number>>)[key];
    if (r !== undefined && r >= SECRET_REGISTER_BASE) return true;
  }
  return false;
}
