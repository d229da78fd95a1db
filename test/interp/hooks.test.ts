import { describe, expect, it } from 'vitest';
import type { FrameView, HookContext } from '../../runtime/hooks/context.js';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import type { HookEvent } from '../../runtime/hooks.js';
import { NOT_FOUND } from '../../runtime/host.js';
import { VmError } from '../../runtime/errors.js';
import { describe as describeEvent, program, recordEvents, run } from './helpers.js';

/** The events from the first one starting with `from` on. */
function from(events: string[], start: string): string[] {
  const i = events.findIndex((e) => e.startsWith(start));
  expect(i, `no event ${start}`).toBeGreaterThanOrEqual(0);
  return events.slice(i);
}

describe('event order (hooks.md §3)', () => {
  it('ordinary instructions and the entry RET', () => {
    const events = recordEvents('.function main()\nLDI r1, 1\nLDI r2, 2\nADD r0, r1, r2\nRET r0\n.end\n');
    expect(events).toEqual([
      'Before LDI(1, 1) @1 main 0',
      'Write r1 () -> 1 @1 main 0',
      'After LDI(1, 1) @1 main 0',
      'Before LDI(2, 2) @1 main 1',
      'Write r2 () -> 2 @1 main 1',
      'After LDI(2, 2) @1 main 1',
      'Before ADD(0, 1, 2) @1 main 2',
      'Write r0 () -> 3 @1 main 2',
      'After ADD(0, 1, 2) @1 main 2',
      'Before RET(0) @1 main 3',
      'After RET(0) @1 main 3',
    ]);
  });

  it('MOV reports the source read, then the destination write', () => {
    const events = recordEvents('.function main()\nLDI r0, 5\nLDI r1, 6\nMOV r1, r0\n.end\n');
    expect(from(events, 'Before MOV')).toEqual([
      'Before MOV(1, 0) @1 main 2',
      'Read r0 5 @1 main 2',
      'Write r1 6 -> 5 @1 main 2',
      'After MOV(1, 0) @1 main 2',
    ]);
  });

  it('LDS, STS, NOP, CMP and jumps emit only Before/After', () => {
    const hooks = new HookRegistry();
    const events: string[] = [];
    hooks.add(() => true, (e) => void events.push(describeEvent(e)));
    const p = program('.function main(a, b)\nSTS 0, r0\nLDS r2, 0\nNOP\nCMP r0, r1\nJMPEQ end\nJMP end\nend:\n.end\n');
    expect(p.run('main', [1, 1], { hooks })).toBe(1);
    expect(events).toEqual([
      'Before STS(0, 0)',
      'After STS(0, 0)',
      'Before LDS(2, 0)',
      'After LDS(2, 0)',
      'Before NOP',
      'After NOP',
      'Before CMP(0, 1)',
      'After CMP(0, 1)',
      'Before JMPEQ("end")',
      'After JMPEQ("end")',
    ]);
  });

  it('a bytecode CALL and explicit RET', () => {
    const text = `
.function main()
  LDI r1, 1
  LDI r2, 2
  PUSHARG r1
  PUSHARG r2
  CALL f
  RET r0
.end
.function f(a, b)
  ADD r0, r0, r1
  RET r0
.end
`;
    expect(from(recordEvents(text), 'Before PUSHARG')).toEqual([
      'Before PUSHARG(1) @1 main 2',
      'Push 1 @1 main 2',
      'After PUSHARG(1) @1 main 2',
      'Before PUSHARG(2) @1 main 3',
      'Push 2 @1 main 3',
      'After PUSHARG(2) @1 main 3',
      'Before CALL("f") @1 main 4',
      'Pop 2 @1 main 4',
      'Pop 1 @1 main 4',
      'Call function f [1, 2] @1 main 4',
      'After CALL("f") @2 f 4',
      'Before ADD(0, 0, 1) @2 f 0',
      'Write r0 1 -> 3 @2 f 0',
      'After ADD(0, 0, 1) @2 f 0',
      'Before RET(0) @2 f 1',
      'Write r0 () -> 3 @1 main 4',
      'Return function f 3 @1 main 4',
      'After RET(0) @1 main 4',
      'Before RET(0) @1 main 5',
      'After RET(0) @1 main 5',
    ]);
  });

  it('an implicit return has no RET instruction events', () => {
    const text = '.function main()\nCALL f\n.end\n.function f()\nLDI r0, 7\n.end\n';
    expect(recordEvents(text)).toEqual([
      'Before CALL("f") @1 main 0',
      'Call function f [] @1 main 0',
      'After CALL("f") @2 f 0',
      'Before LDI(0, 7) @2 f 0',
      'Write r0 () -> 7 @2 f 0',
      'After LDI(0, 7) @2 f 0',
      'Write r0 () -> 7 @1 main 0',
      'Return function f 7 @1 main 0',
    ]);
  });

  it('a builtin CALL', () => {
    const text = '.function main()\nLDI r1, "a"\nLDI r2, 2\nPUSHARG r1\nPUSHARG r2\nCALL print\nCALL print\n.end\n';
    expect(from(recordEvents(text), 'Before CALL')).toEqual([
      'Before CALL("print") @1 main 4',
      'Pop 2 @1 main 4',
      'Pop "a" @1 main 4',
      'Call foreign print ["a", 2] @1 main 4',
      'Write r0 () -> () @1 main 4',
      'Return foreign print () @1 main 4',
      'After CALL("print") @1 main 4',
      'Before CALL("print") @1 main 5',
      'Call foreign print [] @1 main 5',
      'Write r0 () -> () @1 main 5',
      'Return foreign print () @1 main 5',
      'After CALL("print") @1 main 5',
    ]);
  });

  it('call_closure, closure creation and upvalue events', () => {
    const text = `
.function main()
  LDI r1, 10
  PUSHARG r1
  CALL make
  MOV r1, r0
  LDI r2, 5
  PUSHARG r1
  PUSHARG r2
  CALL call_closure
.end
.function make(start)
  LDI r1, "g"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
.end
.function g(n)
  LDI r2, "start"
  PUSHARG r2
  PUSHARG r0
  CALL set_upvalue
  RET r0
.end
`;
    const events = recordEvents(text);
    expect(events).toContain('Closure g @2 make 4');
    expect(from(events, 'Before CALL("call_closure")')).toEqual([
      'Before CALL("call_closure") @1 main 7',
      'Pop 5 @1 main 7',
      'Pop Function(g) @1 main 7',
      'Call foreign call_closure [Function(g), 5] @1 main 7',
      'Call closure g [5] @1 main 7',
      'After CALL("call_closure") @2 g 7',
      'Before LDI(2, "start") @2 g 0',
      'Write r2 () -> "start" @2 g 0',
      'After LDI(2, "start") @2 g 0',
      'Before PUSHARG(2) @2 g 1',
      'Push "start" @2 g 1',
      'After PUSHARG(2) @2 g 1',
      'Before PUSHARG(0) @2 g 2',
      'Push 5 @2 g 2',
      'After PUSHARG(0) @2 g 2',
      'Before CALL("set_upvalue") @2 g 3',
      'Pop 5 @2 g 3',
      'Pop "start" @2 g 3',
      'Call foreign set_upvalue ["start", 5] @2 g 3',
      'UpWrite start 10 -> 5 @2 g 3',
      'Write r0 5 -> () @2 g 3',
      'Return foreign set_upvalue () @2 g 3',
      'After CALL("set_upvalue") @2 g 3',
      'Before RET(0) @2 g 4',
      'Write r0 Function(g) -> () @1 main 7',
      'Return closure g () @1 main 7',
      'After RET(0) @1 main 7',
    ]);
  });

  it('a failing instruction has no After event', () => {
    const hooks = new HookRegistry();
    const seen: string[] = [];
    hooks.add(() => true, (e) => void seen.push(e.type));
    expect(() => run('.function main()\nLDI r1, 1\nLDI r2, 0\nDIV r0, r1, r2\n.end\n', { hooks })).toThrow('Division by zero');
    expect(seen.slice(-2)).toEqual(['AfterInstructionExecute', 'BeforeInstructionExecute']);
  });
});

describe('hook registry (hooks.md §1)', () => {
  const text = '.function main()\nLDI r0, 1\n.end\n';

  it('runs hooks by descending priority, then registration order', () => {
    const hooks = new HookRegistry();
    const order: string[] = [];
    const only = (e: HookEvent) => e.type === 'RegisterWrite';
    hooks.add(only, () => void order.push('a0'));
    hooks.add(only, () => void order.push('b5'), 5);
    hooks.add(only, () => void order.push('c0'));
    hooks.add(only, () => void order.push('d-1'), -1);
    hooks.add(only, () => void order.push('e5'), 5);
    run(text, { hooks });
    expect(order).toEqual(['b5', 'e5', 'a0', 'c0', 'd-1']);
  });

  it('ids count from 1; enable/disable/remove report whether the id existed', () => {
    const hooks = new HookRegistry();
    let filterCalls = 0;
    const id = hooks.add(() => {
      filterCalls++;
      return false;
    }, () => undefined);
    expect(id).toBe(1);
    expect(hooks.add(() => false, () => undefined)).toBe(2);
    expect(hooks.disable(1)).toBe(true);
    expect(hooks.disable(9)).toBe(false);
    expect(hooks.enable(9)).toBe(false);
    expect(hooks.remove(2)).toBe(true);
    expect(hooks.remove(2)).toBe(false);
    // No enabled hook: the uninstrumented path runs and no filter is evaluated.
    expect(hooks.hasEnabled()).toBe(false);
    run(text, { hooks });
    expect(filterCalls).toBe(0);
    expect(hooks.enable(1)).toBe(true);
    run(text, { hooks });
    expect(filterCalls).toBeGreaterThan(0);
  });

  it('a callback error aborts the run and later hooks miss the event', () => {
    const failures: [() => string, string][] = [
      [() => 'bad value', 'Hook 2 callback failed: bad value'],
      [
        () => {
          throw new Error('boom');
        },
        'Hook 2 callback failed: boom',
      ],
    ];
    for (const [fail, message] of failures) {
      const hooks = new HookRegistry();
      const later: string[] = [];
      hooks.add(() => true, () => undefined);
      hooks.add((e) => e.type === 'RegisterWrite', fail);
      hooks.add((e) => e.type === 'RegisterWrite', () => void later.push('x'));
      let error: unknown;
      try {
        run(text, { hooks });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(VmError);
      expect((error as VmError).kind).toBe('Hook');
      expect((error as VmError).message).toBe(message);
      expect(later).toEqual([]);
    }
  });

  it('a hook error inside a builtin is not wrapped as a builtin failure', () => {
    const hooks = new HookRegistry();
    hooks.add((e) => e.type === 'ClosureCreated', () => 'no closures');
    const text2 = '.function main()\nLDI r1, "f"\nPUSHARG r1\nCALL create_closure\n.end\n';
    expect(() => run(text2, { hooks })).toThrow(/^Hook 1 callback failed: no closures$/);
  });
});

describe('hook context (hooks.md §4)', () => {
  it('shows frames, locals, registers, stack and flag', () => {
    const text = `
.function main()
  LDI r1, 3
  PUSHARG r1
  CALL f
.end
.function f(x)
  LDI r1, 1
  CMP r0, r1
  PUSHARG r0
  LDI r16, ()
.end
`;
    const hooks = new HookRegistry();
    const snapshots: unknown[] = [];
    hooks.add(
      (e) => e.type === 'RegisterWrite' && e.register.index === 16,
      (e: HookEvent, ctx: HookContext) => {
        const frames = ctx.frames();
        const top = ctx.currentFrame() as FrameView;
        snapshots.push({
          register: e.type === 'RegisterWrite' ? e.register : undefined,
          depth: ctx.callDepth(),
          names: frames.map((f) => f.functionName),
          local: top.localValue('x'),
          missingLocal: top.localValue('y') === NOT_FOUND,
          stack: [top.stackLength, top.stackValue(0)],
          flag: ctx.compareFlag(),
          r1: ctx.registerValue(1),
          cursor: ctx.currentInstructionCursor(),
          registerCount: top.registerCount,
          outOfRange: top.hookRegister(17),
          instruction: ctx.instructionAt('main', 2)?.text,
          noInstruction: ctx.instructionAt('main', 3),
          mainStack: frames[0]!.stackLength,
        });
      },
    );
    run(text, { hooks });
    expect(snapshots).toEqual([
      {
        register: { index: 16, bank: 'secret', bankIndex: 0 },
        depth: 2,
        names: ['main', 'f'],
        local: 3,
        missingLocal: true,
        stack: [1, 3],
        flag: 1,
        r1: 1,
        cursor: { function: 'f', index: 3 },
        registerCount: 17,
        outOfRange: undefined,
        instruction: 'CALL("f")',
        noInstruction: undefined,
        mainStack: 0,
      },
    ]);
  });
});

describe('changing hooks during dispatch', () => {
  it('a hook disabled or removed by an earlier callback is skipped for the same event', () => {
    const hooks = new HookRegistry();
    const seen: string[] = [];
    const only = (e: HookEvent) => e.type === 'RegisterWrite';
    hooks.add(only, () => {
      seen.push('first');
      hooks.disable(2);
      hooks.remove(3);
    });
    hooks.add(only, () => void seen.push('second'));
    hooks.add(only, () => void seen.push('third'));
    run('.function main()\nLDI r0, 1\n.end\n', { hooks });
    expect(seen).toEqual(['first']);
  });
});
