/**
 * The instrumented interpreter loop, selected when at least one hook is enabled at the start of a run
 * (hooks.md §1). It emits the events of hooks.md §2 in the order of §3 and gives callbacks the context of §4.
 */
import { hookContext } from '../../runtime/compiled/frames.js';
import { type HookContext, type InstructionCursor, hookRegister } from '../../runtime/hooks/context.js';
import type { HookRegistry } from '../../runtime/hooks/registry.js';
import type { CallTarget, HookEvent, HookInstruction } from '../../runtime/hooks.js';
import type { Value } from '../../runtime/values.js';
import type { LoadedFunction, LoadedProgram } from '../bytecode/loaded.js';
import type { RunOptions } from './engine.js';
import type { Frame } from './frame.js';
import { instructionText } from './instruction-text.js';
import { Machine } from './machine.js';

export class InstrumentedMachine extends Machine {
  private cursor: InstructionCursor | undefined;
  private readonly instructions = new Map<LoadedFunction, HookInstruction[]>();
  private readonly context: HookContext;

  constructor(program: LoadedProgram, options: RunOptions, hooks: HookRegistry) {
    super(program, options);
    this.context = this.makeContext();
    const emit = (event: HookEvent): void => hooks.dispatch(event, this.context);
    this.emit = emit;
  }

  protected override loop(): Value {
    const emit = this.emit!;
    for (;;) {
      const f = this.top;
      if (f.ip >= f.code.length) {
        this.ret(f.regs[0]);
      } else {
        const index = f.ip++;
        this.countStep(f, index);
        this.cursor = { function: f.fn.name, index };
        const instruction = this.hookInstruction(f.fn, index);
        emit({ type: 'BeforeInstructionExecute', instruction });
        this.exec(f, f.code[index]!);
        emit({ type: 'AfterInstructionExecute', instruction });
      }
      if (this.finished) return this.result;
    }
  }

  protected override write(f: Frame, dst: number, v: Value): void {
    const previous = f.regs[dst];
    super.write(f, dst, v);
    this.emit!({ type: 'RegisterWrite', register: hookRegister(dst), previous, value: f.regs[dst] });
  }

  protected override mov(f: Frame, dst: number, src: number): void {
    const previous = f.regs[dst];
    const read = f.regs[src];
    super.mov(f, dst, src);
    this.emit!({ type: 'RegisterRead', register: hookRegister(src), value: read });
    this.emit!({ type: 'RegisterWrite', register: hookRegister(dst), previous, value: f.regs[dst] });
  }

  protected override pushArg(f: Frame, v: Value): void {
    super.pushArg(f, v);
    this.emit!({ type: 'StackPush', value: v });
  }

  protected override onDrained(args: readonly Value[]): void {
    for (let i = args.length - 1; i >= 0; i--) this.emit!({ type: 'StackPop', value: args[i] });
  }

  protected override onBeforeCall(target: CallTarget, args: readonly Value[]): void {
    this.emit!({ type: 'BeforeFunctionCall', target, args: args.slice() });
  }

  protected override onAfterCall(target: CallTarget, value: Value): void {
    this.emit!({ type: 'AfterFunctionCall', target, value });
  }

  protected override onReturned(caller: Frame): void {
    // The cursor is re-synced to the caller's CALL (its ip already points past it).
    this.cursor = { function: caller.fn.name, index: caller.ip - 1 };
  }

  private hookInstruction(fn: LoadedFunction, index: number): HookInstruction {
    let list = this.instructions.get(fn);
    if (!list) {
      list = fn.record.instructions.map((ins, i) => ({
        function: fn.name,
        index: i,
        text: instructionText(ins, this.constants),
      }));
      this.instructions.set(fn, list);
    }
    return list[index]!;
  }

  private makeContext(): HookContext {
    return hookContext<Frame>({
      frames: this.frames,
      functionName: (f) => f.fn.name,
      cursor: () => this.cursor,
      instructionAt: (name, index) => {
        const fn = this.program.functions.get(name);
        if (!fn || !Number.isInteger(index) || index < 0 || index >= fn.record.instructions.length) return undefined;
        return this.hookInstruction(fn, index);
      },
    });
  }
}
