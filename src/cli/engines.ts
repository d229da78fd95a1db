/** Engines the CLI can run a program with (each implements `Engine` from src/interp/engine.ts). */
import { compiledEngine } from '../compiled-engine.js';
import type { Engine } from '../interp/engine.js';
import { interpreterEngine } from '../interp/index.js';

export const ENGINE_NAMES = ['compiled', 'interp'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

const ENGINES: Readonly<Record<EngineName, Engine>> = { interp: interpreterEngine, compiled: compiledEngine };

/** The engine `--engine NAME` selects (commander restricts NAME to `ENGINE_NAMES`). */
export function engineByName(name: EngineName): Engine {
  return ENGINES[name];
}
