import { describe, expect, it } from 'vitest';
import { VmError } from '../../runtime/errors.js';
import { VmArray, VmClosure, VmFloat } from '../../runtime/values.js';
import { program, run, runError } from './helpers.js';

describe('CALL resolution (semantics.md §7.1)', () => {
  const callWith = (setup: string, name: string) => `.function main()\n${setup}\nCALL ${name}\nRET r0\n.end\n`;

  it('an unknown plain name', () => {
    expect(runError(callWith('', 'nosuch'))).toBe("Function 'nosuch' not found");
  });

  it('bare method names dispatch on the first argument', () => {
    expect(runError(callWith('LDI r1, 5\nPUSHARG r1', 'add'))).toBe("Method 'add' not found for receiver type 'int64'");
    expect(runError(callWith('', 'open'))).toBe("Method 'open' requires a receiver argument");
    expect(runError(callWith('LDI r1, "s"\nPUSHARG r1', 'open_fixed'))).toBe(
      "Method 'open_fixed' not found for receiver type 'string'",
    );
  });

  it('an object receiver uses its string __type field', () => {
    const setup = 'CALL create_object\nMOV r1, r0\nLDI r2, "__type"\nLDI r3, "Point"\nPUSHARG r1\nPUSHARG r2\nPUSHARG r3\nCALL set_field\nPUSHARG r1';
    expect(runError(callWith(setup, 'neg'))).toBe("Method 'neg' not found for receiver type 'Point'");
    expect(runError(callWith('CALL create_object\nPUSHARG r0', 'neg'))).toBe(
      "Method 'neg' not found for receiver type 'object'",
    );
  });

  it('dotted method names check the receiver first', () => {
    expect(runError(callWith('LDI r1, 1.5\nPUSHARG r1', 'Share.add'))).toBe(
      "Method 'add' expected receiver type 'Share', got 'float'",
    );
    expect(runError(callWith('', 'Share.add'))).toBe("Method 'Share.add' requires a receiver argument");
    expect(runError(callWith('', 'Foo.bar'))).toBe("Function 'Foo.bar' not found");
  });

  it('a program function wins over method dispatch', () => {
    const text = `${callWith('LDI r1, 5\nPUSHARG r1', 'add')}.function add(x)\nLDI r1, 1\nADD r0, r0, r1\n.end\n`;
    expect(run(text).value).toBe(6);
  });

  it('dotted program function names are plain names', () => {
    const text = `${callWith('', 'utils.math.two')}.function utils.math.two()\nLDI r0, 2\n.end\n`;
    expect(run(text).value).toBe(2);
  });

  it('resolution happens when the CALL runs, not at load', () => {
    const text = `.function main()\nLDI r0, 1\nJMP end\nCALL nosuch\nend:\n.end\n`;
    expect(run(text).value).toBe(1);
  });

  it('arity must match exactly', () => {
    const text = `${callWith('LDI r1, 1\nPUSHARG r1', 'f')}.function f(a, b)\n.end\n`;
    expect(runError(text)).toBe('Function f expects 2 arguments but got 1');
  });

  it('builtin failures are wrapped with the canonical name', () => {
    expect(runError(callWith('LDI r1, 1\nPUSHARG r1', 'assert'))).toBe(
      'Foreign function assert failed: assert condition must be a bool, found int64',
    );
  });
});

describe('entry invocation (semantics.md §7.6)', () => {
  const p = program(`.function main(a, b)\nADD r0, r0, r1\n.end\n.function up()\n.upvalues x, "y z"\n.end\n`);
  const fail = (entry: string, args: number[] = []) => {
    try {
      p.run(entry, args);
    } catch (err) {
      expect(err).toBeInstanceOf(VmError);
      return (err as Error).message;
    }
    throw new Error('expected failure');
  };

  it('passes arguments into r0..', () => {
    expect(p.run('main', [40, 2])).toBe(42);
  });

  it('reports the official entry errors', () => {
    expect(fail('nosuch')).toBe('Function nosuch not found');
    expect(fail('print')).toBe('Cannot execute foreign function print');
    expect(fail('Share.open')).toBe('Cannot execute foreign function Share.open');
    expect(fail('main', [1])).toBe('Function main expects 2 arguments but got 1');
    expect(fail('up')).toBe(
      'Cannot execute function up as an entry point because it requires captured upvalues: ["x", "y z"]',
    );
  });
});

describe('upvalues captured on call (semantics.md §7.7)', () => {
  it('capture reads a caller parameter as passed, not its current register', () => {
    const text = `
.function main()
  LDI r1, 10
  PUSHARG r1
  CALL outer
.end
.function outer(x)
  LDI r0, 99
  CALL inner
.end
.function inner()
  .upvalues x
  LDI r1, "x"
  PUSHARG r1
  CALL get_upvalue
.end
`;
    expect(run(text).value).toBe(10);
  });

  it('capture searches the whole stack, locals before upvalues in each frame', () => {
    const text = `
.function main()
  LDI r1, 1
  PUSHARG r1
  CALL a
.end
.function a(x)
  LDI r1, 2
  PUSHARG r1
  CALL b
.end
.function b(y)
  CALL c
.end
.function c()
  .upvalues x, y
  LDI r1, "x"
  PUSHARG r1
  CALL get_upvalue
  MOV r2, r0
  LDI r1, "y"
  PUSHARG r1
  CALL get_upvalue
  MUL r2, r2, r2
  ADD r0, r0, r2
  LDI r3, 10
  MUL r0, r0, r3
.end
`;
    // x = 1 from a (two frames down), y = 2 from b: (2 + 1) * 10
    expect(run(text).value).toBe(30);
  });

  it('a missing upvalue fails the call', () => {
    const text = `.function main()\nCALL f\n.end\n.function f()\n.upvalues nope\n.end\n`;
    expect(runError(text)).toBe('Could not find upvalue nope when calling function');
  });

  it('get_upvalue only looks at the current frame', () => {
    const text = `.function main()\nLDI r1, 1\nPUSHARG r1\nCALL f\n.end\n.function f(x)\nLDI r1, "x"\nPUSHARG r1\nCALL get_upvalue\n.end\n`;
    expect(runError(text)).toBe("Foreign function get_upvalue failed: Upvalue 'x' not found");
  });
});

describe('closures (builtins-core.md §4)', () => {
  // make(start) returns a closure over `start`; bump(n) adds n to the captured start and returns it.
  const counter = `
.function make(start)
  LDI r1, "bump"
  LDI r2, "start"
  PUSHARG r1
  PUSHARG r2
  CALL create_closure
.end
.function bump(n)
  .upvalues start
  MOV r1, r0
  LDI r2, "start"
  PUSHARG r2
  CALL get_upvalue
  ADD r3, r0, r1
  PUSHARG r2
  PUSHARG r3
  CALL set_upvalue
  RET r3
.end
`;

  it('call_closure runs the closure with its captured list and the result lands in r0', () => {
    const text = `.function main()\nLDI r1, 100\nPUSHARG r1\nCALL make\nMOV r1, r0\nLDI r2, 5\nPUSHARG r1\nPUSHARG r2\nCALL call_closure\n.end\n${counter}`;
    expect(run(text).value).toBe(105);
  });

  it('set_upvalue updates the instance held in live registers (including MOV copies)', () => {
    const text = `
.function main()
  LDI r1, 100
  PUSHARG r1
  CALL make
  MOV r1, r0
  MOV r4, r1
  LDI r2, 5
  PUSHARG r1
  PUSHARG r2
  CALL call_closure
  LDI r2, 7
  PUSHARG r4
  PUSHARG r2
  CALL call_closure
.end
${counter}`;
    expect(run(text).value).toBe(112);
  });

  it('copies stored in a table or spill slot keep the old upvalues', () => {
    const text = `
.function main()
  LDI r1, 100
  PUSHARG r1
  CALL make
  MOV r1, r0
  STS 0, r1
  CALL create_array
  MOV r5, r0
  PUSHARG r5
  PUSHARG r1
  CALL array_push
  LDI r2, 5
  PUSHARG r1
  PUSHARG r2
  CALL call_closure
  LDI r6, 0
  PUSHARG r5
  PUSHARG r6
  CALL get_field
  MOV r7, r0
  LDI r2, 1
  PUSHARG r7
  PUSHARG r2
  CALL call_closure
  MOV r8, r0
  LDS r9, 0
  PUSHARG r9
  PUSHARG r2
  CALL call_closure
  ADD r0, r0, r8
.end
${counter}`;
    // Both stale copies still see start = 100: 101 + 101.
    expect(run(text).value).toBe(202);
  });

  it('the closure value carries its function name and captured list', () => {
    const text = `.function main()\nLDI r1, 3\nPUSHARG r1\nCALL make\n.end\n${counter}`;
    expect(run(text).value).toEqual(new VmClosure('bump', [['start', 3]]));
  });

  it('call_closure errors', () => {
    const callClosure = (fn: string, args = '') =>
      runError(`.function main()\nLDI r1, "${fn}"\nPUSHARG r1\nCALL create_closure\nMOV r1, r0\nPUSHARG r1\n${args}\nCALL call_closure\n.end\n.function two(a, b)\n.end\n`);
    expect(callClosure('print')).toBe('Foreign function call_closure failed: Cannot execute foreign function as closure: print');
    expect(callClosure('nosuch')).toBe('Foreign function call_closure failed: Function nosuch not found');
    expect(callClosure('two', 'PUSHARG r1')).toBe('Foreign function call_closure failed: Function two expects 2 arguments but got 1');
  });
});

describe('host functions', () => {
  const text = `.function main()\nLDI r1, 20\nLDI r2, 22\nPUSHARG r1\nPUSHARG r2\nCALL host.sum\n.end\n`;

  it('receive VM values and return a VM value', () => {
    const seen: unknown[] = [];
    const hostFunctions = {
      'host.sum': (args: unknown[]) => {
        seen.push(...args);
        return (args[0] as number) + (args[1] as number);
      },
    };
    expect(run(text, { hostFunctions }).value).toBe(42);
    expect(seen).toEqual([20, 22]);
  });

  it('failures are wrapped like builtin failures', () => {
    const hostFunctions = new Map([['host.sum', () => { throw new Error('boom'); }]]);
    expect(runError(text, { hostFunctions })).toBe('Foreign function host.sum failed: boom');
    const bad = { 'host.sum': () => 1.5 as unknown as number };
    expect(runError(text, { hostFunctions: bad })).toMatch(/^Foreign function host.sum failed: returned the number 1.5/);
    const ok = { 'host.sum': () => new VmFloat(1.5) };
    expect(run(text, { hostFunctions: ok }).value).toEqual(new VmFloat(1.5));
  });

  it('big integers are canonicalized', () => {
    expect(run(text, { hostFunctions: { 'host.sum': () => 5n } }).value).toBe(5);
  });

  it('may not take a registered name', () => {
    expect(runError(text, { hostFunctions: { print: () => undefined } })).toBe("Function 'print' is already registered");
    expect(runError(text, { hostFunctions: { main: () => undefined } })).toBe("Function 'main' is already registered");
  });

  it('cannot be the entry', () => {
    expect(() => program(text).run('host.sum', [], { hostFunctions: { 'host.sum': () => 1 } })).toThrow(
      'Cannot execute foreign function host.sum',
    );
  });
});

describe('tables created during a run', () => {
  it('take ids from one counter starting at 1, continuing a supplied heap', () => {
    const text = `.function main()\nCALL create_object\nCALL create_array\n.end\n`;
    const value = run(text).value;
    expect(value).toBeInstanceOf(VmArray);
    expect((value as VmArray).id).toBe(2);
    let next = 10;
    const heap = { nextId: () => next++ };
    expect((run(text, { heap }).value as VmArray).id).toBe(11);
  });
});

describe('deep recursion', () => {
  it('does not use the host stack', () => {
    const text = `
.function main()
  LDI r1, 200000
  PUSHARG r1
  CALL down
.end
.function down(n)
  LDI r1, 0
  CMP r0, r1
  JMPEQ done
  LDI r1, 1
  SUB r2, r0, r1
  PUSHARG r2
  CALL down
  LDI r1, 1
  ADD r0, r0, r1
done:
.end
`;
    expect(run(text).value).toBe(200000);
  });
});
