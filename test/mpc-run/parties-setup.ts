/** Import first in tests that run parties mode: the workers run worker.ts through a TypeScript loader. */
import { setPartyWorkerScript } from '../../src/mpc/parties/worker-script.js';

setPartyWorkerScript({
  url: new URL('../../src/mpc/parties/worker.ts', import.meta.url),
  execArgv: ['--import', new URL('./support/ts-register.mjs', import.meta.url).href],
});
