import { describe, expect, it } from 'vitest';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { addTraceHooks, type TraceOptions } from '../../runtime/hooks/trace.js';
import { loadProgram } from '../../src/index.js';
import { run } from './helpers.js';

/** The worked example of bytecode-format.md §9, byte for byte: main calls add1(41), which returns 42. */
const WORKED_EXAMPLE = Uint8Array.from(
  `53 54 46 4c 09 00 02 00 00 00 01 29 00 00 00 00 00 00 00 01 01 00 00 00 00 00 00 00 02 00 00 00
   04 00 6d 61 69 6e 01 00 00 00 00 00 00 01 40 00 00 00 00 00 04 00 00 00
   01 00 00 00 00 00 00 00 00 13 00 00 00 00 11 04 00 61 64 64 31 12 00 00 00 00
   04 00 61 64 64 31 02 00 01 00 01 00 78 01 00 00 01 40 00 01 40 00 00 00 01 00
   04 00 64 6f 6e 65 03 00 00 00 04 00 00 00
   01 01 00 00 00 01 00 00 00 03 00 00 00 00 00 00 00 00 01 00 00 00 0e 04 00 64 6f 6e 65 12 00 00 00 00
   ${'00 '.repeat(2 + 4 + 4 * 8 + 1) /* manifest: backend, curve, no clients, zero demand */}`
    .trim()
    .split(/\s+/)
    .map((h) => parseInt(h, 16)),
);

function trace(options: TraceOptions): string[] {
  const lines: string[] = [];
  const hooks = new HookRegistry();
  addTraceHooks(hooks, options, (line) => lines.push(line));
  expect(loadProgram(WORKED_EXAMPLE).run('main', [], { hooks })).toBe(42);
  return lines;
}

describe('stoffel-run trace formats (hooks.md §7.3)', () => {
  it('the worked example is the 195-byte file of the spec', () => {
    expect(WORKED_EXAMPLE.length).toBe(195);
  });

  it('--trace-instr', () => {
    expect(trace({ instr: true })).toEqual([
      '[instr][depth 1][main][pc 0] BEFORE LDI(0, 41)',
      '[instr][depth 1][main][pc 0] AFTER  LDI(0, 41)',
      '[instr][depth 1][main][pc 1] BEFORE PUSHARG(0)',
      '[instr][depth 1][main][pc 1] AFTER  PUSHARG(0)',
      '[instr][depth 1][main][pc 2] BEFORE CALL("add1")',
      '[instr][depth 2][add1][pc 2] AFTER  CALL("add1")',
      '[instr][depth 2][add1][pc 0] BEFORE LDI(1, 1)',
      '[instr][depth 2][add1][pc 0] AFTER  LDI(1, 1)',
      '[instr][depth 2][add1][pc 1] BEFORE ADD(0, 0, 1)',
      '[instr][depth 2][add1][pc 1] AFTER  ADD(0, 0, 1)',
      '[instr][depth 2][add1][pc 2] BEFORE JMP("done")',
      '[instr][depth 2][add1][pc 2] AFTER  JMP("done")',
      '[instr][depth 2][add1][pc 3] BEFORE RET(0)',
      '[instr][depth 1][main][pc 2] AFTER  RET(0)',
      '[instr][depth 1][main][pc 3] BEFORE RET(0)',
      '[instr][depth 1][main][pc 3] AFTER  RET(0)',
    ]);
  });

  it('--trace-regs works without --trace-instr', () => {
    expect(trace({ regs: true })).toEqual([
      '[regs][depth 1][main] R0 (clear[0]): () -> 41',
      '[regs][depth 2][add1] R1 (clear[1]): () -> 1',
      '[regs][depth 2][add1] R0 (clear[0]): 41 -> 42',
      '[regs][depth 1][main] R0 (clear[0]): 41 -> 42',
    ]);
  });

  it('--trace-stack works without --trace-instr', () => {
    expect(trace({ stack: true })).toEqual([
      '[stack][depth 1][main] PUSH 41',
      '[stack][depth 1][main] POP  41',
      '[stack][depth 1] CALL <function add1> with [41]',
      '[stack][depth 1] RET  <function add1> => 42',
    ]);
  });

  it('all three interleave in event order', () => {
    const all = trace({ instr: true, regs: true, stack: true });
    expect(all.slice(0, 9)).toEqual([
      '[instr][depth 1][main][pc 0] BEFORE LDI(0, 41)',
      '[regs][depth 1][main] R0 (clear[0]): () -> 41',
      '[instr][depth 1][main][pc 0] AFTER  LDI(0, 41)',
      '[instr][depth 1][main][pc 1] BEFORE PUSHARG(0)',
      '[stack][depth 1][main] PUSH 41',
      '[instr][depth 1][main][pc 1] AFTER  PUSHARG(0)',
      '[instr][depth 1][main][pc 2] BEFORE CALL("add1")',
      '[stack][depth 1][main] POP  41',
      '[stack][depth 1] CALL <function add1> with [41]',
    ]);
    expect(all).toHaveLength(16 + 4 + 4);
  });

  it('register reads, secret banks, builtins and Debug forms', () => {
    const lines: string[] = [];
    const hooks = new HookRegistry();
    addTraceHooks(hooks, { regs: true, stack: true, instr: true }, (line) => lines.push(line));
    run('.function main()\nLDI r1, 1.5\nMOV r2, r1\nLDI r17, ()\nLDI r3, "a\\"b"\nPUSHARG r3\nPUSHARG r1\nCALL print\n.end\n', {
      hooks,
    });
    expect(lines).toEqual([
      '[instr][depth 1][main][pc 0] BEFORE LDI(1, 1.5f64)',
      '[regs][depth 1][main] R1 (clear[1]): () -> 1.5f64',
      '[instr][depth 1][main][pc 0] AFTER  LDI(1, 1.5f64)',
      '[instr][depth 1][main][pc 1] BEFORE MOV(2, 1)',
      '[regs][depth 1][main] R1 (clear[1]) -> 1.5f64',
      '[regs][depth 1][main] R2 (clear[2]): () -> 1.5f64',
      '[instr][depth 1][main][pc 1] AFTER  MOV(2, 1)',
      '[instr][depth 1][main][pc 2] BEFORE LDI(17, ())',
      '[regs][depth 1][main] R17 (secret[1]): () -> ()',
      '[instr][depth 1][main][pc 2] AFTER  LDI(17, ())',
      '[instr][depth 1][main][pc 3] BEFORE LDI(3, "a"b")',
      '[regs][depth 1][main] R3 (clear[3]): () -> "a"b"',
      '[instr][depth 1][main][pc 3] AFTER  LDI(3, "a"b")',
      '[instr][depth 1][main][pc 4] BEFORE PUSHARG(3)',
      '[stack][depth 1][main] PUSH "a"b"',
      '[instr][depth 1][main][pc 4] AFTER  PUSHARG(3)',
      '[instr][depth 1][main][pc 5] BEFORE PUSHARG(1)',
      '[stack][depth 1][main] PUSH 1.5f64',
      '[instr][depth 1][main][pc 5] AFTER  PUSHARG(1)',
      '[instr][depth 1][main][pc 6] BEFORE CALL("print")',
      '[stack][depth 1][main] POP  1.5f64',
      '[stack][depth 1][main] POP  "a"b"',
      '[stack][depth 1] CALL <foreign function print> with ["a"b", 1.5f64]',
      '[regs][depth 1][main] R0 (clear[0]): () -> ()',
      '[stack][depth 1] RET  <foreign function print> => ()',
      '[instr][depth 1][main][pc 6] AFTER  CALL("print")',
    ]);
  });

  it('names in instruction text use Rust string Debug escapes', () => {
    const lines: string[] = [];
    const hooks = new HookRegistry();
    addTraceHooks(hooks, { instr: true }, (line) => lines.push(line));
    expect(() => run('.function main()\nCALL "a\\"b\\\\c\\n\\u{200b}é"\n.end\n', { hooks })).toThrow();
    expect(lines).toEqual(['[instr][depth 1][main][pc 0] BEFORE CALL("a\\"b\\\\c\\n\\u{200b}é")']);
  });
});
