/**
 * The semantic traps of the issue, each run in the interpreter and as a compiled module: outcomes must be
 * identical (and so must the hook events of the instrumented build), and the key texts are also asserted
 * independently (from semantics.md / builtins-core.md).
 */
import { describe, expect, it } from 'vitest';
import { VmClosure, type Value } from '../../runtime/values.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compiledEngine } from '../../src/compiled-engine.js';
import { interpreterEngine } from '../../src/interp/index.js';
import { compileAndLoad, runBoth, runInterpreter, runModule, type Outcome } from './harness.js';
import { recordRun } from './hook-events.js';

/** Both engines agree, also on the hook events of the instrumented build. */
async function both(text: string, entry = 'main', args: () => Value[] = () => []): Promise<Outcome> {
  const loaded = linkProgram(assemble(text));
  const { interp, compiled } = await runBoth(loaded, entry, args);
  expect(compiled).toEqual(interp);
  const hooked = recordRun(loaded, compiledEngine, {}, entry, args());
  expect(hooked).toEqual(recordRun(loaded, interpreterEngine, {}, entry, args()));
  return compiled;
}

describe('calls and r0', () => {
  it('every CALL overwrites the caller r0, builtins included', async () => {
    const out = await both(`
.function main()
  LDI r0, 42
  LDI r1, "x"
  PUSHARG r1
  CALL print
  RET r0`);
    expect(out).toEqual({ output: ['x'], result: '()' });
  });

  it('falling off the end returns r0 (the last call result)', async () => {
    const out = await both(`
.function main()
  LDI r1, 5
  PUSHARG r1
  CALL id
.function id(a)`);
    expect(out.result).toBe('5');
  });

  it('an unknown name fails only when its CALL executes, each time with the same text', async () => {
    const ok = await both(`
.function main()
  LDI r1, 1
  CMP r1, r1
  JMPEQ skip
  CALL nowhere
skip:
  RET r1`);
    expect(ok.result).toBe('1');
    const bad = await both(`
.function main()
  LDI r1, "before"
  PUSHARG r1
  CALL print
  CALL nowhere`);
    expect(bad).toEqual({ output: ['before'], error: { message: "Function 'nowhere' not found", kind: 'Runtime' } });
  });

  it('bare method names dispatch on the receiver (semantics.md §7.1 step 3)', async () => {
    const out = await both(`
.function main()
  LDI r1, 3
  PUSHARG r1
  CALL add`);
    expect(out.error?.message).toBe("Method 'add' not found for receiver type 'int64'");
    const none = await both('.function main()\n  CALL open');
    expect(none.error?.message).toBe("Method 'open' requires a receiver argument");
    const dotted = await both('.function main()\n  LDI r1, 1\n  PUSHARG r1\n  CALL Share.open');
    expect(dotted.error?.message).toBe("Method 'open' expected receiver type 'Share', got 'int64'");
  });

  it('arity errors, known at compile time or only at run time', async () => {
    const fixed = await both(`
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL two
.function two(a, b)
  RET r0`);
    expect(fixed.error?.message).toBe('Function two expects 2 arguments but got 1');
    // PUSHARG in a loop: the argument count is known only at run time.
    const dynamic = await both(`
.function main()
  LDI r1, 0
  LDI r2, 3
  LDI r3, 1
top:
  CMP r1, r2
  JMPEQ done
  PUSHARG r1
  ADD r1, r1, r3
  JMP top
done:
  CALL two
.function two(a, b)
  RET r0`);
    expect(dynamic.error?.message).toBe('Function two expects 2 arguments but got 3');
  });

  it('LD reads the argument stack; out of range fails with the VM text', async () => {
    const out = await both(`
.function main()
  LDI r1, 7
  PUSHARG r1
  LD r2, 0
  LD r3, -1`);
    expect(out.error?.message).toBe('Stack address [sp+-1] out of bounds');
  });

  it('the compare flag starts at Equal in every frame', async () => {
    const out = await both(`
.function main()
  LDI r1, 1
  LDI r2, 2
  CMP r1, r2
  CALL f
  JMPLT less
  LDI r0, "not less"
  RET r0
less:
  LDI r0, "less"
  RET r0
.function f()
  JMPEQ yes
  LDI r0, "no"
  RET r0
yes:
  LDI r0, "yes"
  RET r0`);
    expect(out.result).toBe('"less"');
  });
});

describe('register banks without an MPC engine', () => {
  it('a clear value written to r16+ fails with the exact text', async () => {
    const out = await both('.function main()\n  LDI r16, 5');
    expect(out.error).toEqual({
      message: 'Cannot write clear int64 value directly to secret register r16: MPC engine not configured',
      kind: 'Mpc',
    });
  });

  it('bank-crossing MOVs need the engine; Unit may sit in a secret register via LDS', async () => {
    expect((await both('.function main()\n  MOV r16, r1')).error?.message).toBe('MPC engine not configured');
    expect((await both('.function main()\n  MOV r1, r16')).error?.message).toBe('MPC engine not configured');
    expect((await both('.function main()\n  LDI r1, 3\n  STS 0, r1\n  LDS r16, 0\n  RET r16')).result).toBe('3');
  });

  it('arguments bind into r16+ under the bank rule', async () => {
    const params = Array.from({ length: 17 }, (_, i) => `p${i}`).join(', ');
    const push = Array.from({ length: 17 }, () => '  PUSHARG r1').join('\n');
    const out = await both(`.function main()\n  LDI r1, 1\n${push}\n  CALL big\n.function big(${params})\n  RET r0`);
    expect(out.error?.message).toBe('Cannot write clear int64 value directly to secret register r16: MPC engine not configured');
  });
});

describe('upvalues and closures', () => {
  it('a callee declaring an upvalue captures a caller parameter as passed, not its current register', async () => {
    const out = await both(`
.function main()
  LDI r1, 10
  PUSHARG r1
  CALL outer
.function outer(x)
  LDI r0, 99
  CALL inner
.function inner()
  .upvalues x
  LDI r1, "x"
  PUSHARG r1
  CALL get_upvalue`);
    expect(out.result).toBe('10');
  });

  it('a missing upvalue fails at the call', async () => {
    const out = await both('.function main()\n  CALL inner\n.function inner()\n  .upvalues nope\n  RET r0');
    expect(out.error?.message).toBe('Could not find upvalue nope when calling function');
  });

  /** make_counter(start) returns a closure over `start`; bump(n) adds n through set_upvalue. */
  const COUNTER = `
.function make(start)
  LDI r1, "bump"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
.function bump(n)
  .upvalues start
  LDI r1, "start"
  PUSHARG r1
  CALL get_upvalue
  ADD r2, r0, r3
  LDI r1, "start"
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  RET r2
.function call(c, n)
  PUSHARG r0
  PUSHARG r1
  CALL call_closure`;

  it('set_upvalue updates the closure instance held in live frames (registers), including callers', async () => {
    const out = await both(`
.function main()
  LDI r1, 10
  PUSHARG r1
  CALL make
  MOV r5, r0
  LDI r3, 5
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r5
  PUSHARG r3
  CALL call
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
${COUNTER.replace('ADD r2, r0, r3', 'ADD r2, r0, r0')}`);
    // bump doubles here (r3 is unset in bump; use r0 + r0): 10 -> 20 -> 40 -> 80
    expect(out.result).toBe('80');
  });

  it('closure copies in tables and spill slots keep the old upvalues', async () => {
    const out = await both(`
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL make
  MOV r5, r0
  STS 0, r5
  CALL create_array
  MOV r6, r0
  PUSHARG r6
  PUSHARG r5
  CALL array_push
  LDI r3, 2
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  LDS r7, 0
  PUSHARG r7
  PUSHARG r3
  CALL call_closure
  MOV r8, r0
  LDI r9, 0
  PUSHARG r6
  PUSHARG r9
  CALL get_field
  PUSHARG r0
  PUSHARG r3
  CALL call_closure
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r8
  PUSHARG r0
  CALL print
  RET r0
${COUNTER.replace('ADD r2, r0, r3', 'ADD r2, r0, r0')}`);
    // r5: 1 -> 2 (updated in place); spilled copy still 1 -> 2; array copy still 1 -> 2; r5 again 2 -> 4.
    expect(out.output).toEqual(['2 4']);
  });

  it('two set_upvalue calls in one closure frame: both land, and an earlier copy of the closure keeps its upvalues', async () => {
    const out = await both(`
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL make
  MOV r5, r0
  CALL create_array
  MOV r6, r0
  PUSHARG r6
  PUSHARG r5
  CALL array_push
  LDI r3, 10
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  MOV r8, r0
  LDI r9, 0
  PUSHARG r6
  PUSHARG r9
  CALL get_field
  PUSHARG r0
  PUSHARG r3
  CALL call_closure
  MOV r10, r0
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r8
  PUSHARG r10
  PUSHARG r0
  CALL print
  RET r0
.function make(start)
  LDI r1, "twice"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
.function twice(n)
  .upvalues start
  MOV r3, r0
  LDI r1, "start"
  PUSHARG r1
  CALL get_upvalue
  ADD r2, r0, r3
  LDI r1, "start"
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  ADD r2, r2, r3
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  PUSHARG r1
  CALL get_upvalue
  RET r0`);
    // r5: 1 -> (1+10)+10 = 21; the array copy still starts at 1 -> 21; r5 (replaced) 21 -> 41.
    expect(out.output).toEqual(['21 21 41']);
  });

  it('closures returned to the host are VmClosure values', async () => {
    const loaded = linkProgram(assemble(`.function main()\n  LDI r1, 3\n  PUSHARG r1\n  CALL make\n${COUNTER}`));
    const mod = await compileAndLoad(loaded);
    const v = mod.run('main', []);
    expect(v).toBeInstanceOf(VmClosure);
    expect((v as VmClosure).upvalues).toEqual([['start', 3]]);
  });
});

describe('entry and run options', () => {
  const loaded = linkProgram(assemble('.function main(a)\n  RET r0\n.function up()\n  .upvalues z\n  RET r0'));

  it.each([
    ['missing', [], 'Function missing not found'],
    ['print', [], 'Cannot execute foreign function print'],
    ['main', [], 'Function main expects 1 arguments but got 0'],
    ['up', [], 'Cannot execute function up as an entry point because it requires captured upvalues: ["z"]'],
  ])('entry %s fails like the interpreter', async (entry, args, message) => {
    const mod = await compileAndLoad(loaded);
    const compiled = runModule(mod, entry, args as Value[]);
    expect(compiled).toEqual(runInterpreter(loaded, entry, args as Value[]));
    expect(compiled.error?.message).toBe(message);
  });

  it('host functions are called, checked for clashes and wrapped on failure', async () => {
    const prog = linkProgram(assemble('.function main()\n  LDI r1, 2\n  PUSHARG r1\n  CALL twice\n  PUSHARG r0\n  CALL boom'));
    const hostFunctions = {
      twice: (args: Value[]) => (args[0] as number) * 2,
      boom: (args: Value[]) => {
        throw new Error(`bad ${String(args[0])}`);
      },
    };
    const mod = await compileAndLoad(prog);
    const compiled = runModule(mod, 'main', [], { hostFunctions });
    expect(compiled).toEqual(runInterpreter(prog, 'main', [], { hostFunctions }));
    expect(compiled.error?.message).toBe('Foreign function boom failed: bad 4');
    const clash = runModule(mod, 'main', [], { hostFunctions: { print: () => undefined } });
    expect(clash.error?.message).toBe("Function 'print' is already registered");
  });
});

describe('recursion depth', () => {
  const RECURSE = `
.function main()
  LDI r1, 0
  PUSHARG r1
  CALL down
.function down(n)
  LDI r1, 1
  ADD r2, r0, r1
  PUSHARG r2
  CALL down`;

  it('with maxCallDepth: the same Limit error as the interpreter', async () => {
    const loaded = linkProgram(assemble(RECURSE));
    const mod = await compileAndLoad(loaded);
    const compiled = runModule(mod, 'main', [], { maxCallDepth: 100 });
    expect(compiled).toEqual(runInterpreter(loaded, 'main', [], { maxCallDepth: 100 }));
    expect(compiled.error).toEqual({ message: "Call depth limit of 100 exceeded calling function 'down'", kind: 'Limit' });
  });

  it('without a limit: the JS stack overflow becomes a clear VmError, and the module stays usable', async () => {
    const loaded = linkProgram(assemble(RECURSE));
    const mod = await compileAndLoad(loaded);
    const out = runModule(mod, 'main');
    expect(out.error?.kind).toBe('Limit');
    expect(out.error?.message).toMatch(/recursion too deep/);
    expect(runModule(mod, 'main', [], { maxCallDepth: 3 }).error?.message).toBe(
      "Call depth limit of 3 exceeded calling function 'down'",
    );
  });

  it('without the call-depth counter (callDepth: false): overflow still a clear VmError, maxCallDepth refused', async () => {
    const loaded = linkProgram(assemble(RECURSE));
    const mod = await compileAndLoad(loaded, { callDepth: false });
    expect(runModule(mod, 'main').error?.message).toMatch(/recursion too deep/);
    expect(runModule(mod, 'main', [], { maxCallDepth: 3 }).error).toEqual({
      message: 'maxCallDepth needs a module compiled with the call-depth counter (callDepth)',
      kind: 'Limit',
    });
  });
});
