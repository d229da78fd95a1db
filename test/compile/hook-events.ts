/**
 * Records every hook event of a run together with what the callback context showed at that moment, as
 * plain text, so the streams of two engines can be compared with `toEqual`.
 */
import { VmError } from '../../runtime/errors.js';
import { debugString } from '../../runtime/format.js';
import type { FrameView, HookContext } from '../../runtime/hooks/context.js';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import type { CallTarget, HookEvent } from '../../runtime/hooks.js';
import { NOT_FOUND } from '../../runtime/host.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedProgram } from '../../src/bytecode/loaded.js';
import type { Engine, RunOptions } from '../../src/interp/engine.js';

/** A value's Debug form (plain I64 numbers short-cut: formatting dominates long event streams). */
const v = (x: Value) => (typeof x === 'number' ? String(x) : debugString(x));

function target(t: CallTarget): string {
  return t.kind === 'closure' ? `closure ${t.name} ${v(t.closure)}` : `${t.kind} ${t.name}`;
}

function event(e: HookEvent): string {
  switch (e.type) {
    case 'BeforeInstructionExecute':
    case 'AfterInstructionExecute':
      return `${e.type} ${e.instruction.function}:${e.instruction.index} ${e.instruction.text}`;
    case 'RegisterRead':
      return `${e.type} ${e.register.index}/${e.register.bank}/${e.register.bankIndex} ${v(e.value)}`;
    case 'RegisterWrite':
      return `${e.type} ${e.register.index}/${e.register.bank}/${e.register.bankIndex} ${v(e.previous)} -> ${v(e.value)}`;
    case 'UpvalueRead':
      return `${e.type} ${e.name} ${v(e.value)}`;
    case 'UpvalueWrite':
      return `${e.type} ${e.name} ${v(e.previous)} -> ${v(e.value)}`;
    case 'ObjectFieldRead':
    case 'ArrayElementRead':
      return `${e.type} ${v(e.table)}[${v(e.key)}] ${v(e.value)}`;
    case 'ObjectFieldWrite':
    case 'ArrayElementWrite':
      return `${e.type} ${v(e.table)}[${v(e.key)}] ${v(e.previous)} -> ${v(e.value)}`;
    case 'BeforeFunctionCall':
      return `${e.type} ${target(e.target)} [${e.args.map(v).join(', ')}]`;
    case 'AfterFunctionCall':
      return `${e.type} ${target(e.target)} ${v(e.value)}`;
    case 'ClosureCreated':
      return `${e.type} ${e.function} ${e.captured.map(([n, x]) => `${n}=${v(x)}`).join(' ')}`;
    case 'StackPush':
    case 'StackPop':
      return `${e.type} ${v(e.value)}`;
  }
}

function frame(f: FrameView, names: readonly string[]): string {
  const regs: string[] = [];
  for (let i = 0; i < f.registerCount; i++) regs.push(v(f.registerValue(i)));
  const stack: string[] = [];
  for (let i = 0; i < f.stackLength; i++) stack.push(v(f.stackValue(i)));
  const named = names.map((n) => {
    const local = f.localValue(n);
    const up = f.upvalueValue(n);
    return `${n}:${local === NOT_FOUND ? '-' : v(local)}/${up === NOT_FOUND ? '-' : v(up)}`;
  });
  return `${f.functionName}{regs ${regs.join(',')} stack ${stack.join(',')} flag ${f.compareFlag} ${named.join(' ')}}`;
}

/** How much of the context is recorded at each event. */
export type Detail = 'summary' | 'top' | 'all';

function context(c: HookContext, names: readonly string[], detail: Detail): string {
  const cursor = c.currentInstructionCursor();
  const at = cursor ? `${cursor.function}:${cursor.index}` : '-';
  const summary = `depth ${c.callDepth()} fn ${c.currentFunctionName() ?? '-'} at ${at}/${c.currentInstructionIndex()} flag ${c.compareFlag()} r0 ${v(c.registerValue(0))}`;
  if (detail === 'summary') return summary;
  const top = c.currentFrame();
  const frames = detail === 'all' ? c.frames() : top ? [top] : [];
  return `${summary} | ${frames.map((f) => frame(f, names)).join(' | ')}`;
}

/** Events kept as text; later ones are kept as hashes (long streams would otherwise exhaust memory). */
const KEPT_AS_TEXT = 20_000;

/** FNV-1a of a string (32 bits). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface RecordedRun {
  /** The first events as text. */
  readonly events: string[];
  /** Hashes of the events beyond the first `KEPT_AS_TEXT`. */
  readonly hashes: number[];
  readonly output: string[];
  readonly outcome: string;
}

/**
 * Runs with one hook that sees every event and records it with the context: a summary (depth, function,
 * cursor, flag, r0), plus the top frame or all frames (registers, stack, flag, the program's parameter
 * and upvalue names looked up in locals and upvalues).
 */
export function recordRun(
  loaded: LoadedProgram,
  engine: Engine,
  options: RunOptions = {},
  entry = 'main',
  args: readonly Value[] = [],
  detail: Detail = 'all',
): RecordedRun {
  const events: string[] = [];
  const hashes: number[] = [];
  const output: string[] = [];
  const names = [...new Set([...loaded.functions.values()].flatMap((f) => [...f.record.paramNames, ...f.record.upvalueNames]))];
  const hooks = options.hooks ?? new HookRegistry();
  hooks.add(
    () => true,
    (e, c) => {
      const text = `${event(e)} @ ${context(c, names, detail)}`;
      if (events.length < KEPT_AS_TEXT) events.push(text);
      else hashes.push(hash(text));
    },
  );
  let outcome: string;
  try {
    outcome = `returned ${debugString(engine.run(loaded, entry, args, { ...options, hooks, print: (l) => output.push(l) }))}`;
  } catch (err) {
    if (!(err instanceof VmError)) throw err;
    outcome = `${err.kind}: ${err.message}`;
  }
  return { events, hashes, output, outcome };
}
