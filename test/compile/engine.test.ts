/**
 * The compiled engine behind the public API (`run(entry, args, { engine: compiledEngine })`): every fixture
 * gives the interpreter's outcome, every run option is honoured like the interpreter honours it, and a
 * program is compiled once per build variant.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedEngine } from '../../runtime/mpc/simulated-engine.js';
import { compiledModule } from '../../src/compiled-engine.js';
import * as api from '../../src/index.js';

const { loadProgram, assemble, compiledEngine, interpreterEngine, resultString, VmError, VmInt, VmArray, TableHeap, fromJs } = api;
type Engine = api.Engine;
type ProgramRunOptions = api.ProgramRunOptions;

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

function fixtures(): string[] {
  const out: string[] = [];
  for (const dir of ['handmade', 'handmade/v1', 'stoffel']) {
    for (const f of readdirSync(join(FIXTURES, dir)).sort()) if (f.endsWith('.stflb')) out.push(join(dir, f));
  }
  return out;
}

/** A run as comparable data. */
function outcome(program: api.StoffelProgram, engine: Engine, options: ProgramRunOptions = {}, entry = 'main', args: api.Value[] = []) {
  const output: string[] = [];
  try {
    const value = program.run(entry, args, { ...options, engine, print: (l) => output.push(l) });
    return { output, result: resultString(value) };
  } catch (err) {
    if (!(err instanceof VmError)) throw err;
    return { output, error: `${err.kind}: ${err.message}` };
  }
}

function both(program: api.StoffelProgram, options: ProgramRunOptions = {}, entry = 'main', args: () => api.Value[] = () => []) {
  return {
    compiled: outcome(program, compiledEngine, options, entry, args()),
    interp: outcome(program, interpreterEngine, options, entry, args()),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('compiledEngine on the fixtures', () => {
  it.each(fixtures())('%s: same outcome as the interpreter, also under limits', (file) => {
    const program = loadProgram(readFileSync(join(FIXTURES, file)));
    const plain = both(program);
    expect(plain.compiled).toEqual(plain.interp);
    for (const maxInstructions of [0, 7, 60, 1000]) {
      const limited = both(program, { maxInstructions });
      expect(limited.compiled, `maxInstructions ${maxInstructions}`).toEqual(limited.interp);
    }
    for (const maxCallDepth of [0, 1, 3]) {
      const limited = both(program, { maxCallDepth });
      expect(limited.compiled, `maxCallDepth ${maxCallDepth}`).toEqual(limited.interp);
    }
  });
});

describe('compiledEngine run options', () => {
  const source = `
.function main()
  LDI r1, "hello"
  PUSHARG r1
  CALL print
  LDI r0, 42
.end
.function size(xs)
  PUSHARG r0
  CALL len
.end
.function twice(x)
  PUSHARG r0
  CALL host_double
  MOV r1, r0
  PUSHARG r1
  CALL host_double
.end
`;

  it('prints through console.log by default', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(loadProgram(assemble(source)).run('main', [], { engine: compiledEngine })).toBe(42);
    expect(log).toHaveBeenCalledWith('hello');
  });

  it('runs any entry with arguments, converting with runJs and a shared heap', () => {
    const p = loadProgram(assemble(source));
    expect(p.runJs('size', [[1, 2, 3]], { engine: compiledEngine })).toBe(3);
    const heap = new TableHeap();
    const arg = fromJs([1, 2], heap);
    expect(p.run('size', [arg], { engine: compiledEngine, heap })).toBe(2);
  });

  it('calls host functions and wraps their failures like the interpreter', () => {
    const p = loadProgram(assemble(source));
    const hostFunctions = { host_double: (args: api.Value[]) => (args[0] as number) * 2 };
    expect(p.run('twice', [5], { engine: compiledEngine, hostFunctions })).toBe(20);
    const failing = { host_double: () => { throw new Error('boom'); } };
    const r = both(p, { hostFunctions: failing }, 'twice', () => [5]);
    expect(r.compiled).toEqual(r.interp);
    expect(r.compiled.error).toBe('ForeignFunction: Foreign function host_double failed: boom');
    const clash = both(p, { hostFunctions: { print: () => undefined } });
    expect(clash.compiled).toEqual(clash.interp);
    expect(clash.compiled.error).toBe("Registration: Function 'print' is already registered");
    const bad = both(p, { hostFunctions: { host_double: () => 1.5 as unknown as api.Value } }, 'twice', () => [5]);
    expect(bad.compiled).toEqual(bad.interp);
  });

  it('passes the random source to Mpc.rand_int', () => {
    const p = loadProgram(assemble('.function main()\nLDI r1, 8\nPUSHARG r1\nCALL Mpc.rand_int\n.end\n'));
    expect(p.run('main', [], { engine: compiledEngine, fillRandom: (out) => out.fill(0xab) })).toEqual(new VmInt('u8', 0xab));
  });

  it('uses the program storage across runs, or none with storage: null', () => {
    const p = loadProgram(assemble(`
.function put()
  LDI r1, "k"
  LDI r2, 99
  PUSHARG r1
  PUSHARG r2
  CALL LocalStorage.store
.end
.function get()
  LDI r1, "k"
  PUSHARG r1
  CALL LocalStorage.load
.end
`));
    p.run('put', [], { engine: compiledEngine });
    expect(p.run('get', [], { engine: interpreterEngine })).toBe(99);
    expect(p.run('get', [], { engine: compiledEngine })).toBe(99);
    const none = both(p, { storage: null }, 'get');
    expect(none.compiled).toEqual(none.interp);
    expect(none.compiled.error).toContain('Local storage is not configured');
  });

  it('runs secret arithmetic with an MPC engine, and fails like the interpreter without one', () => {
    const p = loadProgram(assemble(`
.function main()
  LDI r16, 6
  LDI r17, 7
  MUL r18, r16, r17
  LDI r1, 100
  ADD r19, r18, r1
  MOV r0, r19
  RET r0
.end
`));
    const withEngine = {
      compiled: outcome(p, compiledEngine, { mpc: createSimulatedEngine({ seed: 7 }) }),
      interp: outcome(p, interpreterEngine, { mpc: createSimulatedEngine({ seed: 7 }) }),
    };
    expect(withEngine.compiled).toEqual(withEngine.interp);
    expect(withEngine.compiled.result).toBe('142');
    const without = both(p);
    expect(without.compiled).toEqual(without.interp);
    expect(without.compiled.error).toMatch(/^Mpc: /);
  });

  it('engine-free MPC builtins work without an engine; engine-only ones fail with the official text', () => {
    const p = loadProgram(assemble(`
.function main()
  LDI r1, "abc"
  PUSHARG r1
  CALL Bytes.from_string
  PUSHARG r0
  CALL Crypto.sha256
  PUSHARG r0
  CALL len
.end
.function needs_engine()
  CALL Mpc.party_id
.end
`));
    const ok = both(p);
    expect(ok.compiled).toEqual(ok.interp);
    expect(ok.compiled.result).toBe('32');
    const fail = both(p, {}, 'needs_engine');
    expect(fail.compiled).toEqual(fail.interp);
  });

  it('rejects invalid limits like the interpreter', () => {
    const p = loadProgram(assemble(source));
    expect(() => p.run('main', [], { engine: compiledEngine, maxInstructions: -1 })).toThrow(RangeError);
    expect(() => p.run('main', [], { engine: compiledEngine, maxCallDepth: 1.5 })).toThrow(RangeError);
  });

  it('compiles a program once per build variant', () => {
    const p = loadProgram(assemble(source));
    const plain = compiledModule(p.loaded, 'plain');
    p.run('main', [], { engine: compiledEngine, print: () => undefined });
    expect(compiledModule(p.loaded, 'plain')).toBe(plain);
    const counting = compiledModule(p.loaded, 'counting');
    expect(counting).not.toBe(plain);
    expect(counting.counting).toBe(true);
    expect(plain.counting).toBe(false);
    expect(p.run('size', [new VmArray(1)], { engine: compiledEngine, maxInstructions: 100 })).toBe(0);
  });
});
