/**
 * Fuzz-test helpers: the compiled engine for tests. Generated modules must use the very runtime instance
 * the interpreter and the comparison use (the TypeScript sources, loaded by vitest), which Node cannot
 * import natively. So the runtime is exposed through a global and a small `data:` bridge module that
 * re-exports it; generated code imports the bridge and is then loaded natively by the compiler's own
 * `loadCompiledModule` (much faster than routing every module through the test runner's transform).
 */
import * as runtime from '../../runtime/index.js';
import { compiledFuzzEngine, type CompiledEngineOptions, type FuzzEngine } from '../../src/fuzz/engines.js';

const GLOBAL = '__stoffelJitFuzzRuntime';

function bridgeUrl(): string {
  (globalThis as Record<string, unknown>)[GLOBAL] = runtime;
  const names = Object.keys(runtime).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const source = names.map((n) => `export const ${n} = globalThis.${GLOBAL}.${n};`).join('\n');
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

export const RUNTIME_BRIDGE = bridgeUrl();

export function testCompiledEngine(options: CompiledEngineOptions = {}): FuzzEngine {
  return compiledFuzzEngine({ runtimeImport: RUNTIME_BRIDGE, ...options });
}
