/**
 * Entry of a party's worker thread (see party-main.ts). The run's modules are loaded dynamically so that
 * a failure to load them is reported like any other failure instead of leaving the coordinator waiting.
 */
import { workerData } from 'node:worker_threads';
import { PartyChannel } from '../../../runtime/mpc/party-channel.js';
import type { PartyReport, PartyWorkerData } from './protocol-messages.js';

const data = workerData as PartyWorkerData;
const report = (r: PartyReport): void => data.port.postMessage(r);
const channel = new PartyChannel(data.buffers);

try {
  const { runParty } = await import('./party-main.js');
  runParty(data, channel, report);
} catch (err) {
  report({ kind: 'failed', message: `party ${data.partyId} could not start: ${err instanceof Error ? err.message : String(err)}`, vmKind: null });
} finally {
  channel.end();
}
