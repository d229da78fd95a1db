/**
 * Trace printers reproducing `stoffel-run`'s `--trace-instr`, `--trace-regs` and `--trace-stack` lines
 * (hooks.md §7.3). Unlike `stoffel-run`, the three modes are independent: `--trace-regs` or
 * `--trace-stack` without `--trace-instr` trace normally instead of failing with
 * `Instruction index 0 out of bounds` (hooks.md §7.5, a documented divergence).
 */
import { debugString } from '../format.js';
import type { CallTarget, HookEvent, HookEventType } from '../hooks.js';
import type { Value } from '../values.js';
import type { HookContext } from './context.js';
import type { HookRegistry } from './registry.js';

export interface TraceOptions {
  readonly instr?: boolean;
  readonly regs?: boolean;
  readonly stack?: boolean;
}

/** `<function NAME>` for bytecode functions and closures, `<foreign function NAME>` for builtins. */
export function callTargetText(target: CallTarget): string {
  return target.kind === 'foreign' ? `<foreign function ${target.name}>` : `<function ${target.name}>`;
}

/** `[v1, v2]` with each value in Debug form. */
export function argsText(args: readonly Value[]): string {
  return `[${args.map(debugString).join(', ')}]`;
}

function fnName(ctx: HookContext): string {
  return ctx.currentFunctionName() ?? '<unknown>';
}

/** The `--trace-instr` line for an event, or undefined when that mode does not print it. */
export function instrTraceLine(e: HookEvent, ctx: HookContext): string | undefined {
  if (e.type !== 'BeforeInstructionExecute' && e.type !== 'AfterInstructionExecute') return undefined;
  const head = `[instr][depth ${ctx.callDepth()}][${fnName(ctx)}][pc ${ctx.currentInstructionIndex()}]`;
  return `${head} ${e.type === 'BeforeInstructionExecute' ? 'BEFORE' : 'AFTER '} ${e.instruction.text}`;
}

/** The `--trace-regs` line for an event, or undefined. */
export function regsTraceLine(e: HookEvent, ctx: HookContext): string | undefined {
  if (e.type !== 'RegisterRead' && e.type !== 'RegisterWrite') return undefined;
  const r = e.register;
  const head = `[regs][depth ${ctx.callDepth()}][${fnName(ctx)}] R${r.index} (${r.bank}[${r.bankIndex}])`;
  return e.type === 'RegisterRead'
    ? `${head} -> ${debugString(e.value)}`
    : `${head}: ${debugString(e.previous)} -> ${debugString(e.value)}`;
}

/** The `--trace-stack` line for an event, or undefined. */
export function stackTraceLine(e: HookEvent, ctx: HookContext): string | undefined {
  const depth = `[stack][depth ${ctx.callDepth()}]`;
  switch (e.type) {
    case 'BeforeFunctionCall':
      return `${depth} CALL ${callTargetText(e.target)} with ${argsText(e.args)}`;
    case 'AfterFunctionCall':
      return `${depth} RET  ${callTargetText(e.target)} => ${debugString(e.value)}`;
    case 'StackPush':
      return `${depth}[${fnName(ctx)}] PUSH ${debugString(e.value)}`;
    case 'StackPop':
      return `${depth}[${fnName(ctx)}] POP  ${debugString(e.value)}`;
    default:
      return undefined;
  }
}

const MODES: readonly {
  readonly key: keyof TraceOptions;
  readonly types: readonly HookEventType[];
  readonly line: (e: HookEvent, ctx: HookContext) => string | undefined;
}[] = [
  { key: 'instr', types: ['BeforeInstructionExecute', 'AfterInstructionExecute'], line: instrTraceLine },
  { key: 'regs', types: ['RegisterRead', 'RegisterWrite'], line: regsTraceLine },
  { key: 'stack', types: ['BeforeFunctionCall', 'AfterFunctionCall', 'StackPush', 'StackPop'], line: stackTraceLine },
];

/**
 * Registers one hook per requested mode (priority 0, in the order instr, regs, stack, as `stoffel-run`
 * does) writing lines to `write`. Returns the hook ids.
 */
export function addTraceHooks(registry: HookRegistry, options: TraceOptions, write: (line: string) => void): number[] {
  const ids: number[] = [];
  for (const mode of MODES) {
    if (!options[mode.key]) continue;
    ids.push(
      registry.on(mode.types, (e, ctx) => {
        const line = mode.line(e, ctx);
        if (line !== undefined) write(line);
      }),
    );
  }
  return ids;
}
