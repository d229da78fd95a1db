/**
 * The core builtins by registered name: the 46 standard-library functions (builtins-core.md §1.1) plus the
 * engine-free helpers of the MPC set (§7). The remaining MPC builtins come from the engine
 * (`MpcEngine.builtins`).
 */
import { ACCESS_BUILTINS } from './access.js';
import { CLIENT_BUILTINS } from './clients.js';
import { CLOSURE_BUILTINS } from './closures.js';
import { LIST_BUILTINS } from './lists.js';
import { MPC_LOCAL_BUILTINS } from './mpc-local.js';
import { OUTPUT_BUILTINS } from './output.js';
import { SEQUENCE_BUILTINS } from './sequences.js';
import { SORT_BUILTINS } from './sort.js';
import { STORAGE_BUILTINS } from './storage.js';
import type { Builtin } from './types.js';

export type { Builtin, BuiltinHost } from './types.js';

export const CORE_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ...ACCESS_BUILTINS,
  ...LIST_BUILTINS,
  ...SORT_BUILTINS,
  ...SEQUENCE_BUILTINS,
  ...OUTPUT_BUILTINS,
  ...CLOSURE_BUILTINS,
  ...STORAGE_BUILTINS,
  ...CLIENT_BUILTINS,
  ...MPC_LOCAL_BUILTINS,
]);
