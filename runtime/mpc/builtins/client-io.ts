/**
 * `ClientStore.*` reads of the hydrated client inputs and the output builtin `MpcOutput.send_to_client`
 * (builtins-mpc §2–3, builtins-core §6). Outputs are recorded and delivered by `finishRun`.
 */
import type { Builtin } from '../../builtins/types.js';
import { BuiltinError } from '../../errors.js';
import { VmArray, type ShareType } from '../../values.js';
import { DEFAULT_FIXED, SECRET_BOOL, toUsize } from '../codec.js';
import type { SimulatedEngine } from '../simulated-engine.js';
import { homogeneousShares, requireExact, shareArg } from '../vm-values.js';

export function clientBuiltins(e: SimulatedEngine): [string, Builtin][] {
  const take = (name: string, requested: ShareType | null): Builtin => (_host, args) => {
    requireExact(name, args, 2, '2 arguments: client_index, share_index');
    const client = toUsize(args[0], 'client_index');
    const index = toUsize(args[1], 'share_index');
    return e.takeInput(client, index, requested);
  };
  return [
    ['ClientStore.take_share', take('ClientStore.take_share', null)],
    ['ClientStore.take_share_bool', take('ClientStore.take_share_bool', SECRET_BOOL)],
    ['ClientStore.take_share_fixed', take('ClientStore.take_share_fixed', DEFAULT_FIXED)],
    ['ClientStore.get_number_clients', () => (e.roster.length > 0 ? e.roster.length : e.inputClientCount)],
    ['ClientStore.get_number_input_clients', () => e.inputClientCount],
    ['ClientStore.get_number_output_clients', () => (e.roster.length > 0 ? e.roster.length : e.inputClientCount)],
    ['MpcOutput.send_to_client', (_host, args) => {
      requireExact('MpcOutput.send_to_client', args, 2, '2 arguments: client_id, share_value');
      const client = toUsize(args[0], 'client_id');
      const value = args[1];
      if (value instanceof VmArray) {
        const shares = homogeneousShares(value, 'MpcOutput.send_to_client share_value');
        if (shares === null) throw new BuiltinError('MpcOutput.send_to_client requires at least one output share');
        e.recordOutput(client, shares);
      } else {
        e.recordOutput(client, [shareArg(value)]);
      }
      return true;
    }],
  ];
}
