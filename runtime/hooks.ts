/**
 * Hook events (hooks.md): what the interpreter and instrumented compiled modules report to embedders.
 * With no enabled hook, no event object is ever built.
 */
import type { Value, VmClosure } from './values.js';

/** A register as hooks see it: absolute index plus bank (`clear` below 16, `secret` from 16). */
export interface HookRegister {
  readonly index: number;
  readonly bank: 'clear' | 'secret';
  /** Index within the bank (absolute - 16 for secret registers). */
  readonly bankIndex: number;
}

export type CallTarget =
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'closure'; readonly name: string; readonly closure: VmClosure }
  | { readonly kind: 'foreign'; readonly name: string };

/** The symbolic instruction as events carry it (`LDI` shows the constant value). */
export interface HookInstruction {
  readonly function: string;
  readonly index: number;
  /** Rust-Debug text, e.g. `LDI(0, 42)`, `CALL("print")` (hooks.md §4.2). */
  readonly text: string;
}

export type HookEvent =
  | { readonly type: 'BeforeInstructionExecute'; readonly instruction: HookInstruction }
  | { readonly type: 'AfterInstructionExecute'; readonly instruction: HookInstruction }
  | { readonly type: 'RegisterRead'; readonly register: HookRegister; readonly value: Value }
  | { readonly type: 'RegisterWrite'; readonly register: HookRegister; readonly previous: Value; readonly value: Value }
  | { readonly type: 'UpvalueRead'; readonly name: string; readonly value: Value }
  | { readonly type: 'UpvalueWrite'; readonly name: string; readonly previous: Value; readonly value: Value }
  | { readonly type: 'ObjectFieldRead'; readonly table: Value; readonly key: Value; readonly value: Value }
  | { readonly type: 'ArrayElementRead'; readonly table: Value; readonly key: Value; readonly value: Value }
  | { readonly type: 'ObjectFieldWrite'; readonly table: Value; readonly key: Value; readonly previous: Value; readonly value: Value }
  | { readonly type: 'ArrayElementWrite'; readonly table: Value; readonly key: Value; readonly previous: Value; readonly value: Value }
  | { readonly type: 'BeforeFunctionCall'; readonly target: CallTarget; readonly args: readonly Value[] }
  | { readonly type: 'AfterFunctionCall'; readonly target: CallTarget; readonly value: Value }
  | { readonly type: 'ClosureCreated'; readonly function: string; readonly captured: readonly (readonly [string, Value])[] }
  | { readonly type: 'StackPush'; readonly value: Value }
  | { readonly type: 'StackPop'; readonly value: Value };

export type HookEventType = HookEvent['type'];
