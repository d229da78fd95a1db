import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { OPCODES, type Program } from '../../src/bytecode/model.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { generateProgram, RUN_LIMITS } from '../../src/fuzz/generate.js';
import { interpret } from '../../src/interp/index.js';
import { assemble } from '../../src/text/asm.js';
import { disassemble } from '../../src/text/disasm.js';
import { floatFromBits } from '../../src/bytecode/constant-value.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => i);

function instructions(p: Program) {
  return p.functions.flatMap((f) => f.instructions);
}

/** Runs main in the interpreter; returns the VmError message, or null when it returned. */
function runInterp(p: Program): string | null {
  try {
    interpret(linkProgram(p), 'main', [], { print: () => {}, ...RUN_LIMITS });
    return null;
  } catch (err) {
    if (err instanceof VmError) return err.message;
    throw new Error(`non-VmError from a generated program: ${String(err)}\n${disassemble(p)}`);
  }
}

describe('program generator', () => {
  it('is deterministic in its seed', () => {
    for (const seed of [0, 1, 42, -7, 2 ** 31 - 1]) {
      expect(disassemble(generateProgram(seed))).toBe(disassemble(generateProgram(seed)));
    }
    expect(disassemble(generateProgram(1))).not.toBe(disassemble(generateProgram(2)));
  });

  it('produces programs that link, round-trip through the text and binary forms, and run without crashes', () => {
    let returned = 0;
    for (const seed of SEEDS) {
      const p = generateProgram(seed);
      expect(() => linkProgram(p)).not.toThrow();
      expect(p.functions[0]!.name).toBe('main');
      // The reproducer format must be faithful: text and bytes give back the same program.
      expect(assemble(disassemble(p))).toEqual(p);
      expect(readProgram(writeProgram(p))).toEqual(p);
      if (runInterp(p) === null) returned++;
    }
    // Most programs run to the end rather than stopping at their first instruction.
    expect(returned).toBeGreaterThan(SEEDS.length / 2);
  });

  it('uses only clear registers unless asked for secret ones', () => {
    const regs = (p: Program) =>
      instructions(p).flatMap((i) => ['dst', 'src', 'lhs', 'rhs'].filter((k) => k in i).map((k) => (i as unknown as Record<string, number>)[k]!));
    for (const seed of SEEDS.slice(0, 100)) expect(Math.max(0, ...regs(generateProgram(seed)))).toBeLessThan(16);
    const secret = SEEDS.slice(0, 300).some((seed) => regs(generateProgram(seed, { secretRegisters: true })).some((r) => r >= 16));
    expect(secret).toBe(true);
  });

  it('grows with the size knob', () => {
    const average = (size: number) =>
      SEEDS.slice(0, 100).reduce((n, seed) => n + instructions(generateProgram(seed, { size })).length, 0) / 100;
    expect(average(4)).toBeLessThan(average(12));
    expect(average(12)).toBeLessThan(average(30));
  });

  it('terminates within the run limits (structurally bounded loops and recursion)', () => {
    for (const seed of SEEDS) {
      const message = runInterp(generateProgram(seed, { size: 20 }));
      expect(message ?? '').not.toMatch(/^Instruction limit/);
    }
  });
});

describe('generator coverage over a batch', () => {
  const batch = SEEDS.map((seed) => generateProgram(seed));
  const all = batch.flatMap(instructions);

  it('uses every opcode', () => {
    const counts = new Map<string, number>();
    for (const i of all) counts.set(i.op, (counts.get(i.op) ?? 0) + 1);
    for (const op of OPCODES) expect(counts.get(op) ?? 0, op).toBeGreaterThanOrEqual(10);
  });

  it('loads every constant kind, and the interesting values', () => {
    const constants = batch.flatMap((p) => {
      const loaded = new Set(instructions(p).flatMap((i) => (i.op === 'LDI' ? [i.index] : [])));
      return p.constants.filter((_, index) => loaded.has(index));
    });
    const kinds = new Set(constants.map((c) => c.kind));
    for (const k of ['unit', 'i64', 'i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64', 'float', 'bool', 'string']) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    const i64s = constants.flatMap((c) => (c.kind === 'i64' ? [c.value] : []));
    const near = (target: bigint, span: bigint) => i64s.some((v) => v >= target - span && v <= target + span);
    expect(near(0n, 3n)).toBe(true);
    expect(near(2n ** 53n, 2n)).toBe(true);
    expect(near(-(2n ** 53n), 2n)).toBe(true);
    expect(near(2n ** 63n - 1n, 2n)).toBe(true);
    expect(near(-(2n ** 63n), 2n)).toBe(true);
    const floats = constants.flatMap((c) => (c.kind === 'float' ? [floatFromBits(c.bits)] : []));
    expect(floats.some(Number.isNaN)).toBe(true);
    expect(floats).toContain(Infinity);
    expect(floats).toContain(-Infinity);
    expect(floats.some((x) => Object.is(x, -0))).toBe(true);
    const strings = constants.flatMap((c) => (c.kind === 'string' ? [c.value] : []));
    expect(strings.some((s) => [...s].some((ch) => ch.codePointAt(0)! > 0xffff))).toBe(true);
  });

  it('uses every conditional jump after a CMP, calls, closures and tables', () => {
    for (const op of ['JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT']) {
      expect(all.some((i, k) => i.op === op && all[k - 1]?.op === 'CMP'), op).toBe(true);
    }
    const called = new Set(all.flatMap((i) => (i.op === 'CALL' ? [i.name] : [])));
    for (const name of ['create_closure', 'call_closure', 'get_upvalue', 'set_upvalue', 'create_array', 'create_object',
      'get_field', 'set_field', 'array_push', 'len', 'array_length', 'print', 'to_string', 'type']) {
      expect(called.has(name), name).toBe(true);
    }
    // Calls of program functions, recursion, functions with parameters and upvalues.
    expect(batch.some((p) => p.functions.some((f) => f.instructions.some((i) => i.op === 'CALL' && i.name === f.name)))).toBe(true);
    expect(batch.some((p) => p.functions.some((f) => f.paramNames.length === 5))).toBe(true);
    expect(batch.some((p) => p.functions.some((f) => f.upvalueNames.length > 0))).toBe(true);
  });

  it('reaches every kind of error path', () => {
    const messages = batch.map(runInterp).filter((m): m is string => m !== null);
    const expected: [string, RegExp][] = [
      ['overflow', /^Integer overflow in (ADD|SUB|MUL) operation$/],
      ['division by zero', /^(Division|Modulo) by zero$/],
      ['type error', /^Type error in [A-Z]+ operation$/],
      ['out-of-range index', /index -?\d+ out of range/],
      ['unknown function', /^(Function '[^']+' not found|Method '[^']+' (not found|requires))/],
      ['arity mismatch', /expects \d+ arguments but got \d+$/],
    ];
    for (const [what, pattern] of expected) expect(messages.some((m) => pattern.test(m)), what).toBe(true);
  });
});
