/** Running MPC programs: options, engine construction from the program manifest, end of run. */
export { clientInputMap, type ClientInputs, type MpcOptions } from './options.js';
export { programUsesMpc } from './detect.js';
export { ClientInputSyntaxError, parseClientInputFlag, type ClientInputFlag } from './client-input-syntax.js';
export { createProgramEngine, finishMpcRun, type MpcRunResult } from './session.js';
export { clientOutputLines } from './format.js';
