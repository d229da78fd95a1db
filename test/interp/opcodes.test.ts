import { describe, expect, it } from 'vitest';
import { VmFloat, VmInt } from '../../runtime/values.js';
import { run, runError } from './helpers.js';

const main = (body: string) => `.function main()\n${body}\n.end\n`;

describe('loads and moves', () => {
  it('LDI loads each constant kind unchanged', () => {
    expect(run(main('LDI r0, 42\nRET r0')).value).toBe(42);
    expect(run(main('LDI r0, -9223372036854775808\nRET r0')).value).toBe(-(2n ** 63n));
    expect(run(`.const i32 42\n${main('LDI r0, #0\nRET r0')}`).value).toEqual(new VmInt('i32', 42));
    expect(run(`.const u64 18446744073709551615\n${main('LDI r0, #0\nRET r0')}`).value).toEqual(
      new VmInt('u64', 2n ** 64n - 1n),
    );
    expect(run(main('LDI r0, 1.5\nRET r0')).value).toEqual(new VmFloat(1.5));
    expect(run(main('LDI r0, "hi"\nRET r0')).value).toBe('hi');
    expect(run(main('LDI r0, true\nRET r0')).value).toBe(true);
    expect(run(main('LDI r0, ()\nRET r0')).value).toBe(undefined);
  });

  it('MOV copies between clear registers, MOV rX, rX is a no-op', () => {
    expect(run(main('LDI r3, 7\nMOV r5, r3\nMOV r5, r5\nRET r5')).value).toBe(7);
  });

  it('registers start as Unit', () => {
    expect(run(main('.registers 4\nRET r3')).value).toBe(undefined);
  });
});

describe('arithmetic and bitwise instructions delegate to the exact ops', () => {
  const binary = (op: string, a: string, b: string) => run(main(`LDI r1, ${a}\nLDI r2, ${b}\n${op} r0, r1, r2\nRET r0`)).value;

  it('ADD SUB MUL DIV MOD', () => {
    expect(binary('ADD', '9007199254740991', '1')).toBe(9007199254740992n);
    expect(binary('SUB', '3', '10')).toBe(-7);
    expect(binary('MUL', '3037000499', '3037000499')).toBe(9223372030926249001n);
  });

  it('MUL overflow, DIV truncation, MOD sign', () => {
    expect(runError(main('LDI r1, 4294967296\nMUL r0, r1, r1\nRET r0'))).toBe('Integer overflow in MUL operation');
    expect(binary('DIV', '-7', '2')).toBe(-3);
    expect(binary('MOD', '-7', '2')).toBe(-1);
    expect(runError(main('LDI r1, 1\nLDI r2, 0\nDIV r0, r1, r2'))).toBe('Division by zero');
  });

  it('dst may equal an operand', () => {
    expect(run(main('LDI r0, 5\nADD r0, r0, r0\nRET r0')).value).toBe(10);
  });

  it('AND OR XOR NOT SHL SHR', () => {
    expect(binary('AND', '12', '10')).toBe(8);
    expect(binary('OR', '12', '10')).toBe(14);
    expect(binary('XOR', 'true', 'true')).toBe(false);
    expect(run(`.const u8 0\n${main('LDI r1, #0\nNOT r0, r1\nRET r0')}`).value).toEqual(new VmInt('u8', 255));
    expect(binary('SHL', '1', '63')).toBe(-(2n ** 63n));
    expect(binary('SHR', '-16', '2')).toBe(-4);
  });

  it('operand kinds are not widened', () => {
    expect(runError(`.const i32 1\n${main('LDI r1, 1\nLDI r2, #0\nADD r0, r1, r2')}`)).toBe('Type error in ADD operation');
  });
});

describe('CMP and jumps', () => {
  // r0 := 1 when the jump is taken, 0 otherwise.
  const jumpTaken = (setup: string, jump: string) =>
    run(main(`${setup}\nLDI r0, 0\n${jump} yes\nRET r0\nyes:\nLDI r0, 1\nRET r0`)).value === 1;

  it('the flag starts at Equal in every frame', () => {
    expect(jumpTaken('', 'JMPEQ')).toBe(true);
    expect(jumpTaken('', 'JMPNEQ')).toBe(false);
    expect(jumpTaken('', 'JMPLT')).toBe(false);
    expect(jumpTaken('', 'JMPGT')).toBe(false);
    expect(jumpTaken('', 'JMP')).toBe(true);
  });

  it.each([
    ['1', '2', { JMPEQ: false, JMPNEQ: true, JMPLT: true, JMPGT: false }],
    ['2', '2', { JMPEQ: true, JMPNEQ: false, JMPLT: false, JMPGT: false }],
    ['3', '2', { JMPEQ: false, JMPNEQ: true, JMPLT: false, JMPGT: true }],
  ])('CMP %s, %s', (a, b, taken) => {
    for (const [jump, expected] of Object.entries(taken)) {
      expect(jumpTaken(`LDI r1, ${a}\nLDI r2, ${b}\nCMP r1, r2`, jump), jump).toBe(expected);
    }
  });

  it('CMP writes no register and a callee CMP leaves the caller flag alone', () => {
    const text = `
.function main()
  LDI r1, 1
  LDI r2, 2
  CMP r1, r2
  CALL f
  LDI r0, 0
  JMPLT less
  RET r0
less:
  LDI r0, 1
  RET r0
.end
.function f()
  LDI r1, 5
  LDI r2, 2
  CMP r1, r2
  RET r1
.end
`;
    expect(run(text).value).toBe(1);
  });

  it('incomparable values fail', () => {
    expect(runError(main('CMP r0, r0'))).toBe('Cannot compare () and ()');
  });

  it('a jump to the instruction count returns r0', () => {
    expect(run(main('LDI r0, 9\nJMP end\nLDI r0, 1\nend:')).value).toBe(9);
  });
});

describe('argument stack', () => {
  it('LD copies from the top without popping; offsets are relative to the top', () => {
    const text = main('LDI r1, 10\nLDI r2, 20\nPUSHARG r1\nPUSHARG r2\nLD r3, 0\nLD r4, -1\nLD r5, 0\nSUB r0, r3, r4\nADD r0, r0, r5\nRET r0');
    expect(run(text).value).toBe(20 - 10 + 20);
  });

  it('LD out of range reports the offset as written', () => {
    expect(runError(main('LD r0, 0'))).toBe('Stack address [sp+0] out of bounds');
    expect(runError(main('PUSHARG r0\nLD r1, 1'))).toBe('Stack address [sp+1] out of bounds');
    expect(runError(main('PUSHARG r0\nLD r1, -3'))).toBe('Stack address [sp+-3] out of bounds');
  });

  it('a callee starts with an empty stack and cannot LD its arguments', () => {
    const text = `.function main()\nLDI r1, 1\nPUSHARG r1\nCALL f\nRET r0\n.end\n.function f(a)\nLD r1, 0\nRET r1\n.end\n`;
    expect(runError(text)).toBe('Stack address [sp+0] out of bounds');
  });

  it('CALL drains the whole stack; values a callee pushed vanish on return', () => {
    const text = `
.function main()
  LDI r1, 1
  LDI r2, 2
  PUSHARG r1
  PUSHARG r2
  CALL two
  CALL zero
  RET r0
.end
.function two(a, b)
  PUSHARG r0
  PUSHARG r1
  SUB r0, r0, r1
  RET r0
.end
.function zero()
  LDI r0, 100
.end
`;
    expect(run(text).value).toBe(100);
  });
});

describe('spill slots and NOP', () => {
  it('STS/LDS copy values; unwritten slots read Unit; huge slot indices are fine', () => {
    const text = main('LDI r1, 7\nSTS 4000000000, r1\nLDS r2, 4000000000\nLDS r3, 5\nNOP\nSTS 5, r3\nRET r2');
    expect(run(text).value).toBe(7);
    expect(run(main('LDI r1, 7\nSTS 3, r1\nLDS r0, 2\nRET r0')).value).toBe(undefined);
  });

  it('each frame has its own spill area', () => {
    const text = `
.function main()
  LDI r1, 1
  STS 0, r1
  CALL f
  LDS r0, 0
  RET r0
.end
.function f()
  LDS r0, 0
  LDI r1, 2
  STS 0, r1
  RET r0
.end
`;
    expect(run(text).value).toBe(1);
  });
});

describe('returns', () => {
  it('RET returns the named register; falling off the end returns r0', () => {
    expect(run(main('LDI r1, 3\nRET r1')).value).toBe(3);
    expect(run(main('LDI r0, 4')).value).toBe(4);
    expect(run(main('')).value).toBe(undefined);
  });

  it('an empty callee returns its first argument', () => {
    const text = `.function main()\nLDI r1, 8\nPUSHARG r1\nCALL id\n.end\n.function id(x)\n.end\n`;
    expect(run(text).value).toBe(8);
  });

  it('every CALL overwrites only the caller r0', () => {
    const text = `.function main()\nLDI r0, 1\nLDI r1, 2\nCALL f\nADD r0, r0, r1\nRET r0\n.end\n.function f()\nLDI r0, 40\nLDI r1, 99\n.end\n`;
    expect(run(text).value).toBe(42);
  });
});
