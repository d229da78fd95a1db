import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../src/index.js';
import { FIXTURES } from './helpers.js';

const { loadProgram, assemble, writeProgram, readProgram, VmArray, VmInt, VmError, BytecodeError } = api;

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
`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('public API', () => {
  it('loads from bytes or from a Program, runs main by default', () => {
    const bytes = writeProgram(assemble(source));
    for (const p of [loadProgram(bytes), loadProgram(readProgram(bytes))]) {
      expect(p.functionNames).toEqual(['main', 'size']);
      expect(p.runWithOutput()).toEqual({ value: 42, output: ['hello'] });
    }
  });

  it('prints to console.log when no sink is given, and forwards collected lines', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const p = loadProgram(assemble(source));
    expect(p.run()).toBe(42);
    expect(log).toHaveBeenCalledWith('hello');
    const seen: string[] = [];
    expect(p.runWithOutput('main', [], { print: (l) => seen.push(l) }).output).toEqual(['hello']);
    expect(seen).toEqual(['hello']);
  });

  it('runJs converts plain JS arguments and results', () => {
    const p = loadProgram(assemble(source));
    expect(p.runJs('size', [[1, 2, 3]])).toBe(3);
    expect(p.runJs('main', [], { print: () => undefined })).toBe(42);
  });

  it('reports load failures as BytecodeError and run failures as VmError', () => {
    expect(() => loadProgram(new Uint8Array([0, 1, 2]))).toThrow(BytecodeError);
    expect(() => loadProgram(assemble('.function print()\n.end\n'))).toThrow("Function 'print' is already registered");
    expect(() => loadProgram(assemble(source)).run('nosuch')).toThrow(VmError);
  });

  it('runs the official fixtures from disk', () => {
    const p = loadProgram(readFileSync(join(FIXTURES, 'handmade', 'arrays.stflb')));
    expect(p.runWithOutput().value).toBeInstanceOf(VmArray);
  });

  it('accepts another engine', () => {
    const p = loadProgram(assemble(source));
    const engine = { name: 'fake', run: () => 7 };
    expect(p.run('main', [], { engine })).toBe(7);
  });

  it('passes a random source to Mpc.rand_int', () => {
    const p = loadProgram(assemble('.function main()\nLDI r1, 8\nPUSHARG r1\nCALL Mpc.rand_int\n.end\n'));
    const value = p.run('main', [], { fillRandom: (out) => out.fill(0xab) });
    expect(value).toEqual(new VmInt('u8', 0xab));
  });

  it('exports the pieces an embedder needs', () => {
    for (const name of [
      'HookRegistry', 'addTraceHooks', 'interpret', 'interpreterEngine', 'fromJs', 'toJs', 'disassemble',
      'resultString', 'debugString', 'printString', 'VmClosure', 'Share', 'BuiltinError', 'AsmError', 'TableHeap',
      'linkProgram', 'instructionText', 'NOT_FOUND',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });
});
