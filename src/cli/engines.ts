/**
 * Engines the CLI can run a program with. `compiled` is listed but has no implementation until the
 * compiler is wired in here (it must implement `Engine` from src/interp/engine.ts).
 */
import type { Engine } from '../interp/engine.js';
import { interpreterEngine } from '../interp/index.js';

export const ENGINE_NAMES = ['interp', 'compiled'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

const ENGINES: ReadonlyMap<EngineName, Engine> = new Map([['interp', interpreterEngine]]);

/** The engine of that name, or undefined when it is not available in this build. */
export function engineByName(name: EngineName): Engine | undefined {
  return ENGINES.get(name);
}
