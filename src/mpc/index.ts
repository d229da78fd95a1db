/** Running MPC programs: options, engine construction from the program manifest, end of run, parties mode. */
export { clientInputMap, MPC_MODES, type ClientInputs, type MpcMode, type MpcOptions } from './options.js';
export { programUsesMpc } from './detect.js';
export { ClientInputSyntaxError, parseClientInputFlag, type ClientInputFlag } from './client-input-syntax.js';
export { createProgramEngine, finishMpcRun, type MpcRunResult } from './session.js';
export { clientOutputLines } from './format.js';
export { runParties, type PartiesRunOptions } from './parties/run.js';
export { setPartyWorkerScript, type PartyWorkerScript } from './parties/worker-script.js';
