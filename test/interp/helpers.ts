import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { debugString } from '../../runtime/format.js';
import type { HookContext } from '../../runtime/hooks/context.js';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import type { CallTarget, HookEvent } from '../../runtime/hooks.js';
import type { Value } from '../../runtime/values.js';
import { type ProgramRunOptions, type StoffelProgram, loadProgram } from '../../src/index.js';
import { assemble } from '../../src/text/asm.js';

export const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

/** Assembles a `.stfasm` text (version 9 unless it says otherwise) and links it. */
export function program(text: string): StoffelProgram {
  return loadProgram(assemble(text));
}

/** Runs `main` of an assembled program, collecting its output. */
export function run(text: string, options: ProgramRunOptions = {}, entry = 'main', args: Value[] = []) {
  return program(text).runWithOutput(entry, args, options);
}

/** The error message a run fails with (fails the test when it succeeds). */
export function runError(text: string, options: ProgramRunOptions = {}): string {
  try {
    run(text, options);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the run to fail');
}

function target(t: CallTarget): string {
  return `${t.kind} ${t.name}`;
}

/** A compact, independent description of an event (not the trace printer under test). */
export function describe(e: HookEvent): string {
  switch (e.type) {
    case 'BeforeInstructionExecute':
      return `Before ${e.instruction.text}`;
    case 'AfterInstructionExecute':
      return `After ${e.instruction.text}`;
    case 'RegisterRead':
      return `Read r${e.register.index} ${debugString(e.value)}`;
    case 'RegisterWrite':
      return `Write r${e.register.index} ${debugString(e.previous)} -> ${debugString(e.value)}`;
    case 'StackPush':
      return `Push ${debugString(e.value)}`;
    case 'StackPop':
      return `Pop ${debugString(e.value)}`;
    case 'BeforeFunctionCall':
      return `Call ${target(e.target)} [${e.args.map(debugString).join(', ')}]`;
    case 'AfterFunctionCall':
      return `Return ${target(e.target)} ${debugString(e.value)}`;
    case 'UpvalueRead':
      return `UpRead ${e.name} ${debugString(e.value)}`;
    case 'UpvalueWrite':
      return `UpWrite ${e.name} ${debugString(e.previous)} -> ${debugString(e.value)}`;
    case 'ClosureCreated':
      return `Closure ${e.function}`;
    case 'ObjectFieldRead':
    case 'ArrayElementRead':
      return `${e.type} ${debugString(e.key)} ${debugString(e.value)}`;
    case 'ObjectFieldWrite':
    case 'ArrayElementWrite':
      return `${e.type} ${debugString(e.key)} ${debugString(e.previous)} -> ${debugString(e.value)}`;
  }
}

/** Every event of a run as `describe(e) @depth fn pc`. */
export function recordEvents(text: string, options: ProgramRunOptions = {}): string[] {
  const hooks = new HookRegistry();
  const events: string[] = [];
  hooks.add(
    () => true,
    (e: HookEvent, ctx: HookContext) => {
      events.push(`${describe(e)} @${ctx.callDepth()} ${ctx.currentFunctionName()} ${ctx.currentInstructionIndex()}`);
    },
  );
  run(text, { ...options, hooks });
  return events;
}

export interface Expected {
  readonly lines: string[];
  readonly result?: string;
  readonly error?: string;
  readonly exit: number;
}

/** Parses a fixture's `.expected` file (format in fixtures/handmade/README.md). */
export function readExpected(path: string): Expected {
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const exitLine = lines.pop()!;
  const exit = Number(/^exit: (\d+)$/.exec(exitLine)![1]);
  const last = lines.pop()!;
  if (last.startsWith('Program returned: ')) return { lines, result: last.slice('Program returned: '.length), exit };
  if (last.startsWith('error: ')) return { lines, error: last.slice('error: '.length), exit };
  throw new Error(`unexpected last line in ${path}: ${last}`);
}

/** `[name, stflb path, expected path]` for every fixture with an expected file in a folder. */
export function fixturesIn(dir: string): [string, string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.stflb'))
    .sort()
    .map((f) => [f.slice(0, -'.stflb'.length), join(dir, f), join(dir, f.replace(/\.stflb$/, '.expected'))]);
}
