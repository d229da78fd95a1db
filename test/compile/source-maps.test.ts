/**
 * Source maps that work: an error thrown inside compiled code, in a child Node process running the
 * emitted ES module, has a stack frame in that module which the source map (read with source-map's
 * SourceMapConsumer) maps to the failing bytecode instruction — named `function:instruction`, on that
 * instruction's line of the embedded disassembly listing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceMapConsumer } from 'source-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';

const root = join(import.meta.dirname, '../..');

// `crash` fails at instruction 3 (DIV by its argument 0); `callHost` at instruction 2 (the host function
// throws). Both are reached through a few calls, so the failing frame is not the entry.
const SOURCE = `
.function main(which)
  LDI r1, 0
  CMP r0, r1
  JMPEQ host
  PUSHARG r1
  CALL crash
  RET r0
host:
  CALL callHost
  RET r0
.function crash(d)
  LDI r1, 10
  LDI r2, 5
  ADD r3, r1, r2
  DIV r4, r3, r0
  RET r4
.function callHost()
  LDI r1, 7
  PUSHARG r1
  CALL explode
  RET r0
`;

interface Frame {
  readonly fn: string;
  readonly line: number;
  readonly column: number;
}

/** The first stack frame inside `file`: `at name (file:line:col)` (name may read `Object.f [as fn]`). */
function frameIn(stack: string, file: string): Frame | undefined {
  for (const line of stack.split('\n')) {
    const m = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m && m[2] === file) return { fn: m[1] ?? '', line: Number(m[3]), column: Number(m[4]) };
  }
  return undefined;
}

describe('source maps of emitted modules', () => {
  let dir: string;
  let program: string;

  beforeAll(() => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the runs below show whether it works.
    }
    dir = mkdtempSync(join(tmpdir(), 'stoffel-jit-maps-'));
    program = join(dir, 'prog.stflb');
    writeFileSync(program, writeProgram(assemble(SOURCE)));
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Compiles with the CLI, runs `main(which)` in a child process and returns the error's stack. */
  function failingStack(name: string, which: number, flags: string[], nodeFlags: string[] = []): { stack: string; js: string; map: string } {
    const js = join(dir, `${name}.js`);
    const runtimeUrl = pathToFileURL(join(root, 'dist/runtime/index.js')).href;
    const cli = spawnSync(
      process.execPath,
      [join(root, 'dist/src/cli/main.js'), 'compile', program, '-o', js, '--source-map', '--runtime-import', runtimeUrl, ...flags],
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    const script = [
      `import { run } from ${JSON.stringify(pathToFileURL(js).href)};`,
      `try { run('main', [${which}], { hostFunctions: { explode: () => { throw new Error('kaboom'); } } }); }`,
      'catch (e) { console.log(JSON.stringify({ message: e.message, stack: e.stack })); }',
    ].join('\n');
    const r = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { message, stack } = JSON.parse(r.stdout) as { message: string; stack: string };
    expect(message).toBe(which === 1 ? 'Division by zero' : 'Foreign function explode failed: kaboom');
    return { stack, js, map: readFileSync(`${js}.map`, 'utf8') };
  }

  async function mapped(stack: string, js: string, map: string) {
    const frame = frameIn(stack, pathToFileURL(js).href);
    expect(frame, stack).toBeDefined();
    const consumer = await new SourceMapConsumer(map);
    try {
      const pos = consumer.originalPositionFor({ line: frame!.line, column: frame!.column - 1 });
      const listing = consumer.sourceContentFor(pos.source!)!;
      return { pos, listingLine: listing.split('\n')[pos.line! - 1]!, jsFunction: frame!.fn };
    } finally {
      consumer.destroy();
    }
  }

  it.each([
    ['optimized', []],
    ['unoptimized', ['--no-opt']],
    ['instrumented', ['--hooks']],
  ])('%s: a division by zero maps to crash:3', async (name, flags) => {
    const { stack, js, map } = failingStack(`div-${name}`, 1, flags);
    const { pos, listingLine, jsFunction } = await mapped(stack, js, map);
    expect(pos).toMatchObject({ source: 'prog.stflb.listing', name: 'crash:3' });
    expect(listingLine).toMatch(/^\s+crash:3\s+DIV r4, r3, r0$/);
    expect(jsFunction).toMatch(/\bf1_crash\b/);
  });

  it.each([
    ['optimized', []],
    ['instrumented', ['--hooks']],
  ])('%s: a throwing host function maps to the CALL, callHost:2', async (name, flags) => {
    const { stack, js, map } = failingStack(`host-${name}`, 0, flags);
    const { pos, listingLine } = await mapped(stack, js, map);
    expect(pos).toMatchObject({ source: 'prog.stflb.listing', name: 'callHost:2' });
    expect(listingLine).toMatch(/^\s+callHost:2\s+CALL explode$/);
  });

  it.each([
    ['optimized', []],
    ['instrumented', ['--hooks']],
  ])('%s: node --enable-source-maps names the bytecode functions and listing lines', (name, flags) => {
    const { stack, map } = failingStack(`native-${name}`, 1, flags, ['--enable-source-maps']);
    const listing = (JSON.parse(map) as { sourcesContent: string[] }).sourcesContent[0]!.split('\n');
    const line = (pos: string) => listing.findIndex((l) => new RegExp(`^\\s+${pos}\\s`).test(l)) + 1;
    const file = join(dir, 'prog.stflb.listing');
    expect(stack).toContain(`at crash (${file}:${line('crash:3')}:1)`);
    expect(stack).toContain(`at main (${file}:${line('main:4')}:1)`);
  });

  it('the map names the output file and embeds the listing with every instruction', async () => {
    const { map } = failingStack('whole', 1, []);
    const consumer = await new SourceMapConsumer(map);
    try {
      expect(JSON.parse(map).file).toBe('whole.js');
      const listing = consumer.sourceContentFor('prog.stflb.listing')!;
      for (const pos of ['main:0', 'main:7', 'crash:0', 'crash:4', 'callHost:3']) expect(listing).toMatch(new RegExp(`^\\s+${pos}\\s`, 'm'));
      expect(listing).toMatch(/^\.function crash\(d: unknown\) -> unknown\s+; function #1$/m);
    } finally {
      consumer.destroy();
    }
  });
});
