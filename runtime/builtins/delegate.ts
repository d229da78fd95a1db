/**
 * Builtins that the MPC engine may implement itself (`host.mpc.builtins`): the engine's version runs when
 * it has one, this runtime's engine-less behaviour otherwise.
 */
import type { Builtin } from './types.js';

export function preferEngine(name: string, engineLess: Builtin): Builtin {
  const self: Builtin = (host, args) => {
    const impl = host.mpc?.builtins.get(name);
    return impl !== undefined && impl !== self ? impl(host, args) : engineLess(host, args);
  };
  return self;
}
