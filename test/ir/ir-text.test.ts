import { describe, expect, it } from 'vitest';
import { IrParseError, parseIr } from '../../src/ir/parse.js';
import { printFunction, printFunctions } from '../../src/ir/print.js';
import { verifyProblems } from '../../src/ir/verify.js';

const SAMPLE = `func "weird \\"name\\" */ \`x\` \u2028" arity 2 {
b0(v0, v1):
  v2 = const i64 -9223372036854775808 @0
  v3 = const u64 18446744073709551615
  v4 = const float 0x7ff8000000000001 @1
  v5 = const string "a\\nb\\u0000\\"" @2
  v6 = const bool true
  v7 = const unit
  v8 = const flag -1
  v9 = add v0, v2 @3
  v10 = call "print"(v9, v5) @4
  v11 = call.direct "f"() @5
  push v0
  v12 = callstack "g"
  v13 = callstack.direct "h"
  v14 = ldstack -2 @6
  v15 = tosecret r16, v14
  v16 = movbank r3, r17, v15
  v17 = mark
  v18 = refresh v17, v16
  v19 = cmp v0, v1
  br.lt v19, b1(v9), b2() @7
b1(v20):
  brcmp.ne v20, v1, b2(), b3() @8
b2():
  jump b3()
b3():
  ret v7 @9
}
`;

describe('IR text form', () => {
  it('parses and prints back identically, every op and literal kind included', () => {
    const fns = parseIr(SAMPLE);
    expect(fns).toHaveLength(1);
    expect(printFunction(fns[0]!)).toBe(SAMPLE);
    expect(fns[0]!.name).toBe('weird "name" */ `x` \u2028');
    expect(fns[0]!.valueCount).toBe(21);
  });

  it('keeps literal values exactly', () => {
    const f = parseIr(SAMPLE)[0]!;
    const lits = f.blocks[0]!.insts.filter((i) => i.op === 'const').map((i) => (i as { lit: unknown }).lit);
    expect(lits).toEqual([
      { kind: 'i64', value: -9223372036854775808n },
      { kind: 'int', int: 'u64', value: 18446744073709551615n },
      { kind: 'float', bits: 0x7ff8000000000001n },
      { kind: 'string', value: 'a\nb\u0000"' },
      { kind: 'bool', value: true },
      { kind: 'unit' },
      { kind: 'flag', value: -1 },
    ]);
  });

  it('prints several functions separated by a blank line and parses them back', () => {
    const two = `${SAMPLE}\nfunc "g" arity 0 {\nb0():\n  v0 = const unit\n  ret v0\n}\n`;
    expect(printFunctions(parseIr(two))).toBe(two);
  });

  it.each([
    ['func "f" arity 0 {\nb1():\n  ret v0\n}', 'line 2: expected block b0'],
    ['func "f" arity 0 {\nb0():\n  v1 = frob v0\n}', 'line 3: unknown op frob'],
    ['func "f" arity 0 {\nb0():\n  v1 = const i64\n}', 'line 3: unexpected end of line'],
    ['func "f" arity 0 {\nb0():\n  v1 = const flag 2\n  ret v1\n}', 'line 3: a flag is -1, 0 or 1'],
    ['func "f" arity 0 {\nb0():\n  push\n}', 'line 3: push takes 1 operand(s), got 0'],
    ['func "f" arity 0 {\nb0():\n  v1 = cmp v0\n}', 'line 3: cmp takes 2 operand(s), got 1'],
    ['func "f" arity 0 {\nb0():\n  v1 = const unit\n', "missing '}'"],
    ['func "f" arity 0 {\nb0():\n  v1 = const string "abc\n}', 'line 3: unterminated string'],
    ['func "f" arity 0 {\nb0():\n  br.le v1, b0(), b0()\n}', 'line 3: bad condition in br.le'],
  ])('rejects %j', (text, message) => {
    expect(() => parseIr(text)).toThrow(IrParseError);
    expect(() => parseIr(text)).toThrow(message);
  });
});

describe('IR verifier', () => {
  const problems = (text: string) => verifyProblems(parseIr(text)[0]!);

  it('accepts the sample once its dominance is valid', () => {
    expect(problems(SAMPLE)).toEqual([]);
  });

  it('reports a wrong operand count (built directly: the parser refuses it)', () => {
    const f = parseIr('func "f" arity 0 {\nb0():\n  v0 = const unit\n  v1 = add v0, v0\n  ret v1\n}')[0]!;
    f.blocks[0]!.insts[1]!.args.pop();
    expect(verifyProblems(f).join('\n')).toContain('add takes 2 operands, has 1');
  });

  it.each([
    ['a value defined twice', 'b0():\n  v0 = const unit\n  v0 = const unit\n  ret v0', 'v0 defined twice'],
    ['a use before its definition', 'b0():\n  v1 = copy v0\n  v0 = const unit\n  ret v1', 'v0 does not dominate its use'],
    ['an undefined value', 'b0():\n  ret v3', 'v3 is not defined'],
    ['an edge with the wrong argument count', 'b0():\n  jump b1()\nb1(v0):\n  ret v0', 'passes 0 values for 1 parameters'],
    ['an edge to the entry', 'b0():\n  jump b0()', 'edge to the entry block'],
    ['an edge to a missing block', 'b0():\n  jump b4()', 'edge to missing block b4'],
    ['an unreachable block', 'b0():\n  v0 = const unit\n  ret v0\nb1():\n  ret v0', 'b1 is unreachable'],
    [
      'a use in a block its definition does not dominate',
      'b0():\n  v0 = const flag 0\n  br.eq v0, b1(), b2()\nb1():\n  v1 = const unit\n  jump b2()\nb2():\n  ret v1',
      'v1 does not dominate its use',
    ],
    ['entry parameters that do not match the arity', 'b0(v0, v1):\n  ret v0', 'entry has 2 parameters, arity 1'],
  ])('reports %s', (_what, body, message) => {
    const arity = body.startsWith('b0(v0, v1)') ? 1 : 0;
    const found = problems(`func "f" arity ${arity} {\n${body}\n}`);
    expect(found.join('\n')).toContain(message);
  });
});
