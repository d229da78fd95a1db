/**
 * Compiled runs update a closure that never escaped in place (runtime/compiled/host.ts). Every way a
 * closure can leave the registers must keep the old instance, as in the VM: each program here stores
 * a counter closure somewhere, bumps it through its register, then reads both copies. Interpreter and
 * compiled module must agree, and the copy must still show the old count (builtins-core.md §4.4).
 */
import { describe, expect, it } from 'vitest';
import { VmClosure, type Value } from '../../runtime/values.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { assemble } from '../../src/text/asm.js';
import { compileAndLoad, runInterpreter, runModule, type Outcome } from './harness.js';
import type { RunOptions } from '../../runtime/run-options.js';

/** make(start): a closure over `start`; bump(n) adds n to it and returns the new count. */
const COUNTER = `
.function make(start)
  LDI r1, "bump"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
  RET r0
.function bump(n)
  .upvalues start
  MOV r3, r0
  LDI r1, "start"
  PUSHARG r1
  CALL get_upvalue
  ADD r2, r0, r3
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  RET r2`;

/**
 * main: r5 = make(1); `store` copies r5 somewhere; bump r5 by 5; `load` fetches the copy into r6; print the
 * copy's count and r5's.
 */
function program(store: string, load: string, extra = ''): string {
  return `
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL make
  MOV r5, r0
${store}
  LDI r3, 5
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
${load}
  LDI r3, 0
  PUSHARG r6
  PUSHARG r3
  CALL call_closure
  MOV r7, r0
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r7
  PUSHARG r0
  CALL print
  RET r0
${COUNTER}
${extra}`;
}

async function agree(text: string, options: RunOptions = {}): Promise<Outcome> {
  const loaded = linkProgram(assemble(text));
  const interp = runInterpreter(loaded, 'main', [], options);
  for (const callDepth of [true, false]) {
    const mod = await compileAndLoad(loaded, { callDepth });
    expect(runModule(mod, 'main', [], options)).toEqual(interp);
  }
  return interp;
}

describe('closures that escape keep their old upvalues in every engine', () => {
  it('a register-only closure is updated for every register holding it', async () => {
    const out = await agree(program('  MOV r6, r5', ''));
    expect(out.output).toEqual(['6 6']);
  });

  it('stored in an object under a constant key (inline set_field)', async () => {
    const out = await agree(
      program(
        `  CALL create_object
  MOV r8, r0
  LDI r9, "k"
  PUSHARG r8
  PUSHARG r9
  PUSHARG r5
  CALL set_field`,
        `  PUSHARG r8
  PUSHARG r9
  CALL get_field
  MOV r6, r0`,
      ),
    );
    expect(out.output).toEqual(['1 6']);
  });

  it('pushed onto an array (inline array_push)', async () => {
    const out = await agree(
      program(
        `  CALL create_array
  MOV r8, r0
  PUSHARG r8
  PUSHARG r5
  CALL array_push`,
        `  LDI r9, 0
  PUSHARG r8
  PUSHARG r9
  CALL get_field
  MOV r6, r0`,
      ),
    );
    expect(out.output).toEqual(['1 6']);
  });

  it('used as a table key: the stored key keeps its upvalues', async () => {
    const out = await agree(`
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL make
  MOV r5, r0
  CALL create_object
  MOV r8, r0
  LDI r9, 7
  PUSHARG r8
  PUSHARG r5
  PUSHARG r9
  CALL set_field
  LDI r3, 5
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r8
  CALL print
  RET r0
${COUNTER}`);
    expect(out.output).toEqual(['{Function(bump): 7}']);
  });

  it('passed as an argument and captured: the capture reads the instance as passed', async () => {
    const out = await agree(
      program(
        `  PUSHARG r5
  CALL keep
  MOV r8, r0`,
        `  LDI r3, 0
  PUSHARG r8
  PUSHARG r3
  CALL call_closure
  MOV r6, r0`,
        `
.function keep(c)
  LDI r1, "peek"
  LDI r2, "c"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
  RET r0
.function peek(n)
  .upvalues c
  LDI r1, "c"
  PUSHARG r1
  CALL get_upvalue
  RET r0`,
      ),
    );
    expect(out.output).toEqual(['1 6']);
  });

  it('stored into an upvalue by set_upvalue', async () => {
    const out = await agree(
      program(
        `  LDI r9, 0
  PUSHARG r9
  CALL make_box
  MOV r8, r0
  LDI r9, 1
  PUSHARG r8
  PUSHARG r5
  PUSHARG r9
  CALL call_closure`,
        `  LDI r9, 0
  PUSHARG r8
  PUSHARG r9
  PUSHARG r9
  CALL call_closure
  MOV r6, r0`,
        `
.function make_box(slot)
  LDI r1, "box"
  LDI r2, "slot"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
  RET r0
.function box(v, write)
  .upvalues slot
  LDI r2, 0
  LDI r3, "slot"
  CMP r1, r2
  JMPEQ read
  PUSHARG r3
  PUSHARG r0
  CALL set_upvalue
read:
  PUSHARG r3
  CALL get_upvalue
  RET r0`,
      ),
    );
    expect(out).toEqual({ output: ['1 6'], result: '()' });
  });

  it('kept by a host function and handed back later', async () => {
    let kept: Value;
    const hostFunctions = {
      keep: (args: Value[]) => {
        kept = args[0];
        return undefined;
      },
      give: () => kept,
    };
    const out = await agree(
      program(
        `  PUSHARG r5
  CALL keep`,
        `  CALL give
  MOV r6, r0`,
      ),
      { hostFunctions },
    );
    expect(out.output).toEqual(['1 6']);
  });

  it("the embedder's closures are never changed: entry arguments and host function results", async () => {
    const loaded = linkProgram(
      assemble(`
.function main(c)
  LDI r3, 5
  PUSHARG r0
  PUSHARG r3
  CALL call_closure
  CALL fresh
  MOV r6, r0
  PUSHARG r6
  PUSHARG r3
  CALL call_closure
  RET r0
${COUNTER}`),
    );
    const mod = await compileAndLoad(loaded);
    const given = new VmClosure('bump', [['start', 1]]);
    const made = new VmClosure('bump', [['start', 10]]);
    const out = runModule(mod, 'main', [given], { hostFunctions: { fresh: () => made } });
    expect(out.result).toBe('15');
    expect(given.upvalues).toEqual([['start', 1]]);
    expect(made.upvalues).toEqual([['start', 10]]);
  });

  it('a frame switched to a new instance by a nested write copies its list before writing', async () => {
    // rec(1) runs through the escaped closure C, calls C again (rec(0) writes: C is replaced by C' and
    // rec(1)'s frame is switched to C'), then writes itself. The copy of C in the array keeps count 1.
    const out = await agree(`
.function main()
  CALL create_array
  MOV r2, r0
  LDI r1, 1
  PUSHARG r1
  PUSHARG r2
  CALL make2
  MOV r5, r0
  PUSHARG r2
  PUSHARG r5
  CALL array_push
  LDI r3, 1
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  LDI r4, 0
  PUSHARG r2
  PUSHARG r4
  CALL get_field
  MOV r6, r0
  LDI r3, 2
  PUSHARG r6
  PUSHARG r3
  CALL call_closure
  MOV r7, r0
  PUSHARG r5
  PUSHARG r3
  CALL call_closure
  PUSHARG r7
  PUSHARG r0
  CALL print
  RET r0
.function make2(count, arr)
  LDI r3, "rec"
  LDI r4, "count"
  LDI r5, "arr"
  PUSHARG r3
  PUSHARG r4
  PUSHARG r5
  CALL create_closure
  RET r0
.function rec(depth)
  .upvalues count, arr
  MOV r1, r0
  LDI r3, "count"
  LDI r2, 2
  CMP r1, r2
  JMPEQ read
  LDI r2, 1
  CMP r1, r2
  JMPNEQ write0
  LDI r9, "arr"
  PUSHARG r9
  CALL get_upvalue
  MOV r4, r0
  LDI r5, 0
  PUSHARG r4
  PUSHARG r5
  CALL get_field
  MOV r6, r0
  PUSHARG r6
  PUSHARG r5
  CALL call_closure
  PUSHARG r3
  CALL get_upvalue
  LDI r7, 100
  ADD r8, r0, r7
  PUSHARG r3
  PUSHARG r8
  CALL set_upvalue
  JMP read
write0:
  PUSHARG r3
  CALL get_upvalue
  LDI r7, 10
  ADD r8, r0, r7
  PUSHARG r3
  PUSHARG r8
  CALL set_upvalue
read:
  PUSHARG r3
  CALL get_upvalue
  RET r0`);
    expect(out.output).toEqual(['1 101']);
  });

  it('a leaf function entered through an escaped closure writes twice: the second write replaces the new instance', async () => {
    const out = await agree(
      program(
        `  CALL create_array
  MOV r8, r0
  PUSHARG r8
  PUSHARG r5
  CALL array_push`,
        `  LDI r9, 0
  PUSHARG r8
  PUSHARG r9
  CALL get_field
  MOV r6, r0`,
      ).replace(
        `  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  RET r2`,
        `  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  ADD r2, r2, r3
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  RET r2`,
      ),
    );
    // bump adds n twice: r5 goes 1 -> 11; the array copy keeps 1.
    expect(out.output).toEqual(['1 11']);
  });

  it.each([
    ['get_upvalue of a missing name', '  LDI r1, "nope"\n  PUSHARG r1\n  CALL get_upvalue'],
    ['set_upvalue of a missing name', '  LDI r1, "nope"\n  PUSHARG r1\n  PUSHARG r1\n  CALL set_upvalue'],
    ['get_upvalue of a non-string name', '  LDI r1, 3\n  PUSHARG r1\n  CALL get_upvalue'],
    ['set_upvalue of a non-string name', '  LDI r1, 3\n  PUSHARG r1\n  PUSHARG r1\n  CALL set_upvalue'],
  ])('leaf functions report %s like the builtin', async (_, body) => {
    const out = await agree(`
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL make
  LDI r3, 5
  PUSHARG r0
  PUSHARG r3
  CALL call_closure
  RET r0
.function make(start)
  LDI r1, "leaf"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
  RET r0
.function leaf(n)
  .upvalues start
${body}
  RET r0`);
    expect(out.error?.message).toMatch(/^Foreign function (get|set)_upvalue failed: Upvalue/);
  });

  it('a leaf called plainly writes its own captured upvalues', async () => {
    const out = await agree(`
.function main(start)
  CALL leaf
  CALL leaf
  RET r0
.function leaf()
  .upvalues start
  LDI r1, "start"
  PUSHARG r1
  CALL get_upvalue
  LDI r2, 1
  ADD r2, r0, r2
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  PUSHARG r1
  CALL get_upvalue
  RET r0`.replace('.function main(start)', '.function main()\n  LDI r1, 7\n  PUSHARG r1\n  CALL outer\n  RET r0\n.function outer(start)'));
    expect(out.result).toBe('8');
  });
});
