/**
 * How the CLI shows what clients received (`--show-client-outputs`; `stoffel run` itself never prints
 * them): one line per known client, `Client <slot> outputs: [v1, v2]`, each value in the result format.
 */
import type { ClientOutput } from '../../runtime/mpc/engine.js';
import { resultString } from '../../runtime/format.js';

export function clientOutputLines(outputs: readonly ClientOutput[]): string[] {
  return outputs.map((c) => `Client ${c.slot} outputs: [${c.values.map((v) => resultString(v.value)).join(', ')}]`);
}
