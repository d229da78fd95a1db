/** Everything generated modules use from the runtime besides values and ops (re-exported by runtime/index.ts). */
export { defineModule, type FunctionSpec, type Instrumentation, type LinkedModule, type ModuleSpec, type ModuleState } from './module.js';
export { runModule, STACK_OVERFLOW_MESSAGE, type CompiledRunOptions } from './run.js';
export { CompiledHost, ShadowFrame } from './host.js';
export { HookedHost, HookFrame } from './hooked.js';
export { checksReceiver, type ExternalCall, type HostFunction } from './calls.js';
export { toSecret, movBank, stackAt, fail, arityError, depthExceeded, instructionLimit, captureCall, enter, NO_ARGS, NO_UPVALUES } from './support.js';
export { fastCallClosure, fastCallClosure1, leafGetUpvalue, leafSetUpvalue, fastGetUpvalue, fastSetUpvalue } from './fast-closures.js';
export { fastGetField, fastSetField, fastArrayPush, fastAppend, fastLength, fastToString, FAST_BUILTINS } from './fast.js';
