/** Public surface of the MPC runtime. */
import type { Builtin } from '../builtins/types.js';
import { avssBuiltins } from './builtins/avss.js';
import { cryptoBuiltins } from './builtins/crypto.js';
import { SHARE_METADATA_BUILTINS } from './builtins/share-metadata.js';

export type { ClientOutput, ClientOutputValue, MpcEngine, ShareBinaryOp } from './engine.js';
export {
  createSimulatedEngine, MpcConfigError, SimulatedEngine,
  type ClientInputValue, type ClientIoSchema, type SimulatedEngineOptions,
} from './simulated-engine.js';
export { CURVES, parseCurve, type CurveConfig, type CurveName } from './curves.js';
export type { CorruptionPolicy } from './shamir.js';
export type { Seed } from './drbg.js';

/**
 * MPC builtins that work without an engine (builtins-core §7): the share-metadata getters and `retag`,
 * `Crypto.*` curve helpers and `Avss.*`. An engine's `builtins` contains them as well.
 */
export const ENGINE_FREE_MPC_BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ...SHARE_METADATA_BUILTINS,
  ...cryptoBuiltins(),
  ...avssBuiltins(),
]);
