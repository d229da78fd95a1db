/** The reference interpreter as an `Engine`. */
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import type { Engine, RunOptions } from './engine.js';
import { InstrumentedMachine } from './instrumented.js';
import { Machine } from './machine.js';

export type { Engine, HostFunction, RunOptions } from './engine.js';
export { instructionText } from './instruction-text.js';

/** Runs `entry` of a loaded program in the reference interpreter. */
export function interpret(loaded: LoadedProgram, entry = 'main', args: readonly Value[] = [], options: RunOptions = {}): Value {
  const hooks = options.hooks;
  const machine = hooks?.hasEnabled() ? new InstrumentedMachine(loaded, options, hooks) : new Machine(loaded, options);
  return machine.run(entry, args);
}

export const interpreterEngine: Engine = {
  name: 'interp',
  run: interpret,
};
