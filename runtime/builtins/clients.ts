/**
 * ClientStore.* and MpcOutput.send_to_client (builtins-core.md §6). They are part of the standard library;
 * with an MPC engine that implements them the engine's versions run, otherwise the client store is empty
 * and client output has no protocol to use.
 */
import { BuiltinError } from '../errors.js';
import { homogeneousShares, shareArg } from '../mpc/vm-values.js';
import { VmArray } from '../values.js';
import { requireExact, usizeArg } from './args.js';
import { preferEngine } from './delegate.js';
import type { Builtin } from './types.js';

const noClients: Builtin = () => 0;

function takeShare(name: string): Builtin {
  return (_host, args) => {
    requireExact(name, args, 2, '2 arguments: client_index, share_index');
    const client = usizeArg(args[0], 'client_index');
    usizeArg(args[1], 'share_index');
    throw new BuiltinError(`No client at index ${client}`);
  };
}

const sendToClient: Builtin = (_host, args) => {
  requireExact('MpcOutput.send_to_client', args, 2, '2 arguments: client_id, share_value');
  usizeArg(args[0], 'client_id');
  const output = args[1];
  if (output instanceof VmArray) {
    if (homogeneousShares(output, 'MpcOutput.send_to_client share_value') === null) {
      throw new BuiltinError('MpcOutput.send_to_client requires at least one output share');
    }
  } else {
    shareArg(output);
  }
  throw new BuiltinError('No MPC engine configured for output protocol');
};

export const CLIENT_BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  ([
    ['ClientStore.get_number_clients', noClients],
    ['ClientStore.get_number_input_clients', noClients],
    ['ClientStore.get_number_output_clients', noClients],
    ['ClientStore.take_share', takeShare('ClientStore.take_share')],
    ['ClientStore.take_share_bool', takeShare('ClientStore.take_share_bool')],
    ['ClientStore.take_share_fixed', takeShare('ClientStore.take_share_fixed')],
    ['MpcOutput.send_to_client', sendToClient],
  ] as const).map(([name, impl]): [string, Builtin] => [name, preferEngine(name, impl)]),
);
