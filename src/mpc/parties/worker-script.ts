/**
 * Which script the party workers run: the compiled `worker.js` next to this module. Running from the
 * TypeScript sources (the test suite) there is none, so tests point this at `worker.ts` with a loader
 * in the workers' `execArgv`.
 */
export interface PartyWorkerScript {
  readonly url: URL;
  readonly execArgv: readonly string[];
}

let script: PartyWorkerScript = { url: new URL('./worker.js', import.meta.url), execArgv: [] };

export function partyWorkerScript(): PartyWorkerScript {
  return script;
}

export function setPartyWorkerScript(next: PartyWorkerScript): void {
  script = next;
}
