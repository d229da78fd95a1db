/**
 * Hooks in compiled code: with a hook enabled the compiled engine runs the instrumented build, which must
 * fire the interpreter's events in the interpreter's order with the same callback context.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { createSimulatedEngine } from '../../runtime/mpc/simulated-engine.js';
import { linkProgram, loadProgramBytes } from '../../src/bytecode/load.js';
import { compileProgram } from '../../src/compile.js';
import { compiledEngine, compiledModule } from '../../src/compiled-engine.js';
import { interpreterEngine } from '../../src/interp/index.js';
import type { RunOptions } from '../../src/interp/engine.js';
import { assemble } from '../../src/text/asm.js';
import { RUNTIME_SOURCE, loadModule } from './harness.js';
import { recordRun } from './hook-events.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

function fixtures(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.stflb')).sort().map((f) => join(dir, f));
}

function compare(text: string, options: () => RunOptions = () => ({}), entry = 'main') {
  const loaded = linkProgram(assemble(text));
  const compiled = recordRun(loaded, compiledEngine, options(), entry);
  const interp = recordRun(loaded, interpreterEngine, options(), entry);
  expect(compiled).toEqual(interp);
  return compiled;
}

describe('event streams: compiled (instrumented) = interpreter', () => {
  it.each([...fixtures('handmade'), ...fixtures('handmade/v1'), ...fixtures('stoffel')])('%s', (file) => {
    const loaded = loadProgramBytes(readFileSync(join(FIXTURES, file)));
    // fib(20) fires 651k events: frame snapshots there would dominate the suite's time; the other
    // fixtures snapshot every frame at every event.
    const detail = file.includes('fib_recursive') ? 'summary' : 'all';
    const compiled = recordRun(loaded, compiledEngine, {}, 'main', [], detail);
    const interp = recordRun(loaded, interpreterEngine, {}, 'main', [], detail);
    expect(compiled.events.length).toBeGreaterThan(0);
    expect(compiled).toEqual(interp);
  });

  it('closures: call_closure, get/set_upvalue and the closure replacement in live frames', () => {
    const r = compare(`
.function main()
  LDI r1, 10
  PUSHARG r1
  CALL make
  MOV r2, r0
  LDI r3, 1
  PUSHARG r2
  PUSHARG r3
  CALL call_closure
  PUSHARG r2
  PUSHARG r3
  CALL call_closure
  RET r0
.function make(n)
  LDI r1, "bump"
  LDI r2, "n"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
.function bump(k)
  .upvalues n
  LDI r1, "n"
  PUSHARG r1
  CALL get_upvalue
  ADD r2, r0, r0
  PUSHARG r1
  PUSHARG r2
  CALL set_upvalue
  MOV r0, r2`);
    expect(r.outcome).toBe('returned 40');
    expect(r.events.some((e) => e.startsWith('BeforeFunctionCall closure bump'))).toBe(true);
    expect(r.events.some((e) => e.startsWith('UpvalueWrite n 10 -> 20'))).toBe(true);
  });

  it('a closure returning by falling off its end, and nested call_closure', () => {
    compare(`
.function main()
  LDI r1, "inner"
  PUSHARG r1
  CALL create_closure
  MOV r1, r0
  LDI r2, "outer"
  PUSHARG r2
  CALL create_closure
  PUSHARG r0
  PUSHARG r1
  CALL call_closure
.function outer(c)
  PUSHARG r0
  CALL call_closure
  LDI r1, 5
  ADD r0, r0, r1
  RET r0
.function inner()
  LDI r0, 7`);
  });

  it('tables, spill slots, argument stack and LD', () => {
    compare(`
.function main()
  CALL create_array
  MOV r1, r0
  LDI r2, 3
  PUSHARG r1
  PUSHARG r2
  CALL array_push
  LDI r3, 0
  PUSHARG r1
  PUSHARG r3
  CALL get_field
  STS 4, r0
  LDS r5, 4
  CALL create_object
  MOV r6, r0
  LDI r7, "k"
  PUSHARG r6
  PUSHARG r7
  PUSHARG r5
  CALL set_field
  PUSHARG r6
  PUSHARG r7
  LD r8, -1
  LD r9, 0
  CALL get_field
  NOP
  RET r0`);
  });

  it('errors end the stream at the same event', () => {
    const r = compare(`
.function main()
  LDI r1, 1
  LDI r2, 0
  PUSHARG r1
  CALL f
.function f(x)
  LDI r1, 0
  DIV r0, r0, r1`);
    expect(r.outcome).toBe('Runtime: Division by zero');
  });

  it('secret registers with an MPC engine', () => {
    const r = compare(
      `
.function main()
  LDI r16, 6
  LDI r1, 7
  MOV r17, r1
  MUL r18, r16, r17
  MOV r2, r18
  PUSHARG r2
  CALL print
  RET r2`,
      () => ({ mpc: createSimulatedEngine({ seed: 3 }) }),
    );
    expect(r.output).toEqual(['42']);
  });

  it('limits with hooks: the same Limit errors at the same events', () => {
    const loop = '.function main()\nLDI r1, 1\ntop:\nADD r0, r1, r1\nJMP top\n';
    expect(compare(loop, () => ({ maxInstructions: 10 })).outcome).toBe(
      "Limit: Instruction limit of 10 exceeded in function 'main' at instruction 2",
    );
    const recurse = '.function main()\nCALL f\n.function f()\nCALL f\n';
    expect(compare(recurse, () => ({ maxCallDepth: 5 })).outcome).toBe("Limit: Call depth limit of 5 exceeded calling function 'f'");
    expect(compare('.function main()\nLDI r0, 1\n', () => ({ maxCallDepth: 0 })).events).toEqual([]);
  });

  it('host functions with hooks', () => {
    const r = compare('.function main()\nLDI r1, 20\nPUSHARG r1\nCALL twice\n', () => ({
      hostFunctions: { twice: (args) => (args[0] as number) * 2 },
    }));
    expect(r.outcome).toBe('returned 40');
  });

  it('a failing callback aborts the run with the same error, and hooks see priorities in order', () => {
    const text = '.function main()\nLDI r1, 1\nLDI r2, 2\nADD r0, r1, r2\n';
    const failing = () => {
      const hooks = new HookRegistry();
      hooks.on('RegisterWrite', (e) => (e.type === 'RegisterWrite' && e.register.index === 2 ? 'no r2' : undefined), 5);
      return { hooks };
    };
    const r = compare(text, failing);
    expect(r.outcome).toBe('Hook: Hook 1 callback failed: no r2');
  });

  it('callbacks can look up instructions of any function', () => {
    const loaded = linkProgram(assemble('.function main()\nLDI r1, 1.5\nCALL f\n.function f()\nLDI r0, "s"\n'));
    const seen = (engine: typeof compiledEngine) => {
      const hooks = new HookRegistry();
      const out: unknown[] = [];
      hooks.on('BeforeInstructionExecute', (_e, c) => void out.push(c.instructionAt('f', 0), c.instructionAt('main', 0), c.instructionAt('f', 1), c.instructionAt('nope', 0)));
      engine.run(loaded, 'main', [], { hooks });
      return out;
    };
    expect(seen(compiledEngine)).toEqual(seen(interpreterEngine));
    expect(seen(compiledEngine).slice(0, 2)).toEqual([
      { function: 'f', index: 0, text: 'LDI(0, "s")' },
      { function: 'main', index: 0, text: 'LDI(1, 1.5f64)' },
    ]);
  });
});

describe('builds', () => {
  const text = '.function main()\nLDI r1, 2\nPUSHARG r1\nCALL print\nRET r1\n';

  it('a run with an enabled hook uses the instrumented build; without one, the plain build', () => {
    const loaded = linkProgram(assemble(text));
    const hooks = new HookRegistry();
    const id = hooks.add(() => true, () => undefined);
    compiledEngine.run(loaded, 'main', [], { hooks, print: () => undefined });
    expect(compiledModule(loaded, 'hooks').instrumentation).toBeDefined();
    expect(compiledModule(loaded, 'plain').instrumentation).toBeUndefined();
    hooks.disable(id);
    expect(compiledEngine.run(loaded, 'main', [], { hooks, print: () => undefined })).toBe(2);
  });

  it('the default build pays nothing for hooks and refuses enabled ones', async () => {
    const loaded = linkProgram(assemble(text));
    const plain = compileProgram(loaded, { runtimeImport: RUNTIME_SOURCE });
    expect(plain.code).not.toMatch(/before|after|emit/);
    const mod = await loadModule(plain.code);
    const hooks = new HookRegistry();
    hooks.add(() => true, () => undefined);
    expect(() => mod.run('main', [], { hooks, print: () => undefined })).toThrow(VmError);
    expect(() => mod.run('main', [], { hooks, print: () => undefined })).toThrow('compile --hooks');
  });

  it('an instrumented ES module runs on its own, with or without hooks', async () => {
    const loaded = linkProgram(assemble(text));
    const mod = await loadModule(compileProgram(loaded, { runtimeImport: RUNTIME_SOURCE, hooks: true }).code);
    const lines: string[] = [];
    expect(mod.run('main', [], { print: (l) => lines.push(l) })).toBe(2);
    const hooks = new HookRegistry();
    const seen: string[] = [];
    hooks.on('BeforeInstructionExecute', (e) => void seen.push(e.type === 'BeforeInstructionExecute' ? e.instruction.text : ''));
    mod.run('main', [], { hooks, print: (l) => lines.push(l) });
    expect(seen).toEqual(['LDI(1, 2)', 'PUSHARG(1)', 'CALL("print")', 'RET(1)']);
    expect(lines).toEqual(['2', '2']);
  });
});
