/**
 * The emitted module: valid JS (acorn), deterministic, identifiers all generated (names and strings from
 * the bytecode only ever as literals), hostile names handled, structured control flow, source maps.
 */
import { parse } from 'acorn';
import type * as ES from 'estree';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map';
import { describe, expect, it } from 'vitest';
import { linkProgram, loadProgramBytes } from '../../src/bytecode/load.js';
import { compileProgram } from '../../src/compile.js';
import { assemble } from '../../src/text/asm.js';
import { compileVerified, runBoth } from '../compile/harness.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');

function allFixtures(): string[] {
  const out: string[] = [];
  for (const dir of ['handmade', 'handmade/v1', 'stoffel']) {
    for (const f of readdirSync(join(FIXTURES, dir))) if (f.endsWith('.stflb')) out.push(join(dir, f));
  }
  return out.sort();
}

function walk(node: unknown, visit: (n: ES.Node) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (node === null || typeof node !== 'object') return;
  const n = node as ES.Node;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(node)) if (k !== 'loc') walk(v, visit);
}

/** Every identifier in the code: variables and labels, plus property names (member or object keys). */
function identifiers(code: string): Set<string> {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const ids = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'Identifier') ids.add(n.name);
  });
  return ids;
}

const PROPERTY_NAMES = new Set([
  'mpc', 'log', 'length', 'frames', 'counting', 'depthLimit', 'instructionLimit', 'refresh', 'push', 'pop', 'name', 'fn', 'params', 'upvalues', 'externals', 'bind',
  'functions', 'VmFloat', 'VmInt', 'defineModule', 'runModule', 'depthExceeded', 'enter', 'captureCall', 'arityError',
  'fail', 'stackAt', 'toSecret', 'movBank', 'add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'not', 'shl', 'shr', 'compare',
  'fastGetField', 'fastSetField', 'fastArrayPush', 'fastAppend', 'fastLength', 'fastToString',
  // closures (runtime/compiled/host.ts, fast-closures.ts)
  'mark', 'NO_UPVALUES', 'NO_ARGS', 'noteEscape', 'inPlaceClosures', 'fastCallClosure', 'fastCallClosure1', 'fastGetUpvalue', 'fastSetUpvalue', 'leafGetUpvalue', 'leafSetUpvalue', 'writtenClosure',
  // inline table access (src/emit/tables.ts)
  'VmObject', 'VmArray', 'constructor', 'entries', 'props', 'items', 'value',
  // float fast paths (src/emit/floats.ts): a VmFloat's double, I64 -> double
  'v', 'Number',
]);

describe('emitted modules', () => {
  it.each(allFixtures())('%s: parses as an ES module, and compiling is deterministic', (file) => {
    const loaded = loadProgramBytes(readFileSync(join(FIXTURES, file)));
    const a = compileVerified(loaded);
    const b = compileProgram(loadProgramBytes(readFileSync(join(FIXTURES, file))), { runtimeImport: a.code.match(/from "([^"]+)"/)![1] });
    expect(() => parse(a.code, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
    expect(b.code).toBe(a.code);
    expect(b.map).toBe(a.map);
    // Only generated identifiers and a few globals appear.
    for (const id of identifiers(a.code)) {
      if (!PROPERTY_NAMES.has(id)) expect(id).toMatch(/^(\$\w+|[vfd]\d+(_\w*)?(\$f)?|fn_\d+_\w*|[LB]\d+|D|p|s|entry|args|options|run|NaN|Infinity)$/);
    }
  });

  it('imports only the runtime, from the configured specifier', () => {
    const loaded = loadProgramBytes(readFileSync(join(FIXTURES, 'handmade/fib_recursive.stflb')));
    const { code } = compileProgram(loaded);
    const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as ES.Program;
    const imports = ast.body.filter((s) => s.type === 'ImportDeclaration') as ES.ImportDeclaration[];
    expect(imports.map((i) => i.source.value)).toEqual(['stoffel-jit/runtime']);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('uses structured control flow (no dispatch loop) for reducible code', () => {
    for (const f of ['handmade/loop_sum.stflb', 'handmade/jumps.stflb', 'stoffel/lang-fizzbuzz.stflb']) {
      const { code } = compileVerified(loadProgramBytes(readFileSync(join(FIXTURES, f))));
      expect(code).not.toContain('switch');
    }
  });

  it('falls back to a dispatch loop for an irreducible CFG, with the same results', async () => {
    // Two entries into the loop {a, b}: from the start into a, or via the jump into b.
    const text = `
.function main(n)
  LDI r1, 0
  LDI r2, 1
  LDI r3, 5
  CMP r0, r1
  JMPEQ b
a:
  ADD r1, r1, r2
  CMP r1, r3
  JMPGT done
b:
  ADD r1, r1, r2
  ADD r1, r1, r2
  JMP a
done:
  RET r1`;
    const loaded = linkProgram(assemble(text));
    expect(compileVerified(loaded).code).toContain('switch');
    for (const n of [0, 1]) {
      const { interp, compiled } = await runBoth(loaded, 'main', () => [n]);
      expect(compiled).toEqual(interp);
    }
    expect((await runBoth(loaded, 'main', () => [0])).compiled.result).toBe('6');
    expect((await runBoth(loaded, 'main', () => [1])).compiled.result).toBe('7');
  });
});

describe('hostile names and strings', () => {
  const hostile = [
    'a"b',
    "c'd",
    'e`f${g}',
    'h*/i/*',
    '__proto__',
    'constructor',
    'toString',
    'x\u2028y\u2029z',
    'back\\slash',
    '</script>',
    'n'.repeat(5000),
  ];
  const quote = (s: string) =>
    '"' + [...s].map((c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c.codePointAt(0)! > 0x7e ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c)).join('') + '"';

  const program = [
    '.function main()',
    ...hostile.flatMap((name) => [`  LDI r1, ${quote(name)}`, '  PUSHARG r1', `  CALL ${quote(name)}`, '  PUSHARG r0', '  CALL print']),
    `  CALL ${quote('missing"`*/\u2028')}`,
    ...hostile.flatMap((name) => [`.function ${quote(name)}(s)`, '  RET r0']),
  ].join('\n');

  it('compiles to code that mentions them only as string literals, and runs like the interpreter', async () => {
    const loaded = linkProgram(assemble(program));
    const { code } = compileVerified(loaded);
    const ids = identifiers(code);
    for (const name of hostile) expect(ids.has(name)).toBe(false);
    const { interp, compiled } = await runBoth(loaded);
    expect(compiled).toEqual(interp);
    expect(compiled.output).toEqual(hostile);
    expect(compiled.error?.message).toBe("Function 'missing\"`*/\u2028' not found");
  });

  it('finds entries by exact name only (no prototype lookups)', async () => {
    const loaded = linkProgram(assemble(program));
    for (const entry of ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const { interp, compiled } = await runBoth(loaded, entry, () => (entry === '__proto__' || entry === 'constructor' ? ['v'] : []));
      expect(compiled).toEqual(interp);
    }
  });
});

describe('source maps', () => {
  it('map generated statements to function:instruction lines of the embedded listing', async () => {
    const text = '.function main()\n  LDI r1, 1\n  PUSHARG r1\n  CALL f\n  RET r0\n.function f(x)\n  LDI r1, 2\n  MUL r2, r0, r1\n  RET r2';
    const loaded = linkProgram(assemble(text));
    const out = compileProgram(loaded, { sourceName: 'prog.stflb', outputName: 'prog.js', optimize: false });
    const map = JSON.parse(out.map) as { file: string; sources: string[] };
    expect(map.file).toBe('prog.js');
    expect(map.sources).toEqual(['prog.stflb.listing']);
    const lines = out.code.split('\n');
    const mulLine = lines.findIndex((l) => l.includes('$mul('));
    const consumer = await new SourceMapConsumer(out.map);
    try {
      // The MUL of function f, instruction 1: named f:1, on its line of the listing.
      const genLine = lines.findIndex((l) => /^\s*if \(typeof v\d+ !== "number" \|\| \(v\d+ = v\d+ \* /.test(l)) + 1;
      expect(genLine).toBeGreaterThan(0);
      const col = lines[genLine - 1]!.length - 1;
      const orig = consumer.originalPositionFor({ line: genLine, column: col });
      expect(orig).toMatchObject({ source: 'prog.stflb.listing', name: 'f:1', column: 0 });
      const listing = consumer.sourceContentFor('prog.stflb.listing')!.split('\n');
      expect(listing[orig.line! - 1]).toMatch(/^\s+f:1\s+MUL r2, r0, r1$/);
      expect(mulLine).toBeGreaterThan(0);
    } finally {
      consumer.destroy();
    }
  });
});

describe('huge functions', () => {
  it('a long chain of if/else joins stays structured and flat', async () => {
    const n = 3000;
    const lines = ['.function main()', '  LDI r1, 0', '  LDI r2, 1', '  LDI r3, 0'];
    for (let i = 0; i < n; i++) lines.push('  CMP r1, r3', `  JMPEQ l${i}`, '  ADD r1, r1, r2', `l${i}:`, '  ADD r1, r1, r2');
    lines.push('  RET r1');
    const loaded = linkProgram(assemble(lines.join('\n')));
    const { code } = compileVerified(loaded);
    expect(code).not.toContain('switch');
    const { interp, compiled } = await runBoth(loaded);
    expect(compiled).toEqual(interp);
    expect(compiled.result).toBe(String(2 * n - 1));
  });

  it('a long guard chain to one exit compiles and runs correctly', async () => {
    const n = 5000;
    const lines = ['.function main(x)', '  LDI r1, 0', '  LDI r2, 1'];
    for (let i = 0; i < n; i++) lines.push(`  LDI r3, ${i}`, '  CMP r0, r3', '  JMPEQ done', '  ADD r1, r1, r2');
    lines.push('done:', '  RET r1');
    const loaded = linkProgram(assemble(lines.join('\n')));
    for (const x of [0, 17, n + 5]) {
      const { interp, compiled } = await runBoth(loaded, 'main', () => [x]);
      expect(compiled).toEqual(interp);
      expect(compiled.result).toBe(String(Math.min(x, n)));
    }
  });
});
