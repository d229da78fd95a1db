import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { run } from './helpers.js';

function failure(fn: () => unknown): VmError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VmError);
    return err as VmError;
  }
  throw new Error('expected a failure');
}

const loop = '.function main()\nLDI r1, 1\ntop:\nADD r0, r1, r1\nJMP top\n.end\n';
const recurse = '.function main()\nCALL f\n.end\n.function f()\nCALL f\n.end\n';

describe('run limits', () => {
  it('maxInstructions ends an endless loop with a Limit error naming the next instruction', () => {
    const err = failure(() => run(loop, { maxInstructions: 10 }));
    expect(err.kind).toBe('Limit');
    // 10 instructions: LDI, then (ADD, JMP) x 4, then ADD; the 11th would be the JMP at index 2.
    expect(err.message).toBe("Instruction limit of 10 exceeded in function 'main' at instruction 2");
  });

  it('the same limit applies with hooks enabled', () => {
    const hooks = new HookRegistry();
    hooks.add(() => true, () => undefined);
    expect(failure(() => run(loop, { maxInstructions: 10, hooks })).message).toBe(
      "Instruction limit of 10 exceeded in function 'main' at instruction 2",
    );
  });

  it('a program within the limit runs normally', () => {
    expect(run('.function main()\nLDI r0, 1\nRET r0\n.end\n', { maxInstructions: 2 }).value).toBe(1);
  });

  it('maxCallDepth ends runaway recursion', () => {
    const err = failure(() => run(recurse, { maxCallDepth: 50 }));
    expect(err.kind).toBe('Limit');
    expect(err.message).toBe("Call depth limit of 50 exceeded calling function 'f'");
  });

  it('maxCallDepth counts the entry frame', () => {
    const text = '.function main()\nCALL f\n.end\n.function f()\nLDI r0, 3\n.end\n';
    expect(run(text, { maxCallDepth: 2 }).value).toBe(3);
    expect(failure(() => run(text, { maxCallDepth: 1 })).message).toBe(
      "Call depth limit of 1 exceeded calling function 'f'",
    );
  });

  it('rejects invalid limits', () => {
    expect(() => run(loop, { maxInstructions: -1 })).toThrow(RangeError);
    expect(() => run(loop, { maxCallDepth: 1.5 })).toThrow(RangeError);
  });
});
