/**
 * `stoffel-jit compile`: the files it writes (in-process), and the emitted module imported by plain Node
 * from a project that depends on stoffel-jit (built command, real files).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { parseIr } from '../../src/ir/parse.js';
import { assemble } from '../../src/text/asm.js';
import { cli } from '../cli/helpers.js';

const root = join(import.meta.dirname, '../..');
const FIXTURES = join(root, '../shared/fixtures');
const fixture = (name: string) => join(FIXTURES, 'handmade', `${name}.stflb`);
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('compile (in-process)', () => {
  it('writes OUT.js, OUT.js.map with a sourceMappingURL, and OUT.d.ts from the type metadata', () => {
    const r = cli(['compile', fixture('closure_counter'), '-o', 'out/prog.js', '--source-map']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect([...r.written.keys()].sort()).toEqual(['out/prog.d.ts', 'out/prog.js', 'out/prog.js.map']);
    const code = text(r.written.get('out/prog.js'));
    expect(code).toMatch(/^import \* as \$rt from "stoffel-jit\/runtime";/);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=prog.js.map')).toBe(true);
    const map = JSON.parse(text(r.written.get('out/prog.js.map'))) as { file: string };
    expect(map.file).toBe('prog.js');
    const dts = text(r.written.get('out/prog.d.ts'));
    // The fixture's metadata: main() -> int64, create_counter(start: int64) -> object(Closure), …
    expect(dts).toContain('export declare function run(entry: "create_counter", args: readonly [start: Value], options?: CompiledRunOptions): Value;');
    expect(dts).toContain('`create_counter(start: int64) -> object(Closure)`');
    expect(dts).toContain('export declare function fn_2_increment_counter(args: readonly [amount: Value], options?: CompiledRunOptions): Value;');
    expect(dts).toContain('export declare function fn_0_main(args?: readonly [], options?: CompiledRunOptions): Value;');
  });

  it('writes no map without --source-map and no .d.ts for a file without type metadata (format v1)', () => {
    const r = cli(['compile', join(FIXTURES, 'handmade', 'v1', 'fib_recursive.stflb'), '-o', 'fib.js']);
    expect(r.code).toBe(0);
    expect([...r.written.keys()]).toEqual(['fib.js']);
    expect(text(r.written.get('fib.js'))).not.toContain('sourceMappingURL');
  });

  it('--runtime-import, --hooks and --no-opt change the module', () => {
    const base = cli(['compile', fixture('loop_sum'), '-o', 'a.js']);
    const custom = cli(['compile', fixture('loop_sum'), '-o', 'a.js', '--runtime-import', '/x/runtime.js']);
    expect(text(custom.written.get('a.js'))).toContain('from "/x/runtime.js"');
    const hooks = cli(['compile', fixture('loop_sum'), '-o', 'a.js', '--hooks']);
    expect(text(hooks.written.get('a.js'))).toContain('$h.before(');
    expect(text(base.written.get('a.js'))).not.toContain('$h.before(');
    const noOpt = cli(['compile', fixture('loop_sum'), '-o', 'a.js', '--no-opt']);
    expect(text(noOpt.written.get('a.js'))).not.toBe(text(base.written.get('a.js')));
  });

  it('--no-call-depth drops the depth counter: deep self tail recursion runs as a loop, maxCallDepth is refused', async () => {
    const countdown = assemble(
      '.function main(n)\n  LDI r1, 0\n  CMP r0, r1\n  JMPEQ done\n  LDI r1, 1\n  SUB r0, r0, r1\n  PUSHARG r0\n  CALL main\n  RET r0\ndone:\n  LDI r0, 7\n  RET r0',
    );
    const files = { 'c.stflb': writeProgram(countdown) };
    const runtime = pathToFileURL(join(root, 'runtime/index.ts')).href;
    const plain = cli(['compile', 'c.stflb', '-o', 'c.js', '--no-call-depth', '--runtime-import', runtime], files);
    const counted = cli(['compile', 'c.stflb', '-o', 'd.js', '--runtime-import', runtime], files);
    expect(plain.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'stoffel-jit-nodepth-'));
    try {
      writeFileSync(join(dir, 'c.mjs'), text(plain.written.get('c.js')));
      writeFileSync(join(dir, 'd.mjs'), text(counted.written.get('d.js')));
      const fast = (await import(pathToFileURL(join(dir, 'c.mjs')).href)) as { run: (e: string, a: unknown[], o?: object) => unknown };
      const slow = (await import(pathToFileURL(join(dir, 'd.mjs')).href)) as typeof fast;
      expect(fast.run('main', [1_000_000])).toBe(7);
      expect(() => fast.run('main', [3], { maxCallDepth: 10 })).toThrow(/maxCallDepth needs a module compiled with the call-depth counter/);
      expect(() => slow.run('main', [20], { maxCallDepth: 10 })).toThrow("Call depth limit of 10 exceeded calling function 'main'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--emit-ir prints the IR of every function in the IR text form', () => {
    const r = cli(['compile', fixture('mutual_recursion'), '-o', 'm.js', '--emit-ir']);
    expect(r.code).toBe(0);
    const fns = parseIr(r.stdout);
    const names = readProgram(readFileSync(fixture('mutual_recursion'))).functions.map((f) => f.name);
    expect(fns.map((f) => f.name)).toEqual(names);
    const unoptimized = parseIr(cli(['compile', fixture('mutual_recursion'), '-o', 'm.js', '--emit-ir', '--no-opt']).stdout);
    expect(unoptimized.map((f) => f.name)).toEqual(names);
    expect(cli(['compile', fixture('mutual_recursion'), '-o', 'm.js', '--emit-ir', '--hooks']).code).toBe(1);
  });

  it('reports bad input with the exit codes of run', () => {
    expect(cli(['compile', fixture('ret_const')]).code).toBe(1);
    const bad = cli(['compile', 'bad.stflb', '-o', 'x.js'], { 'bad.stflb': new Uint8Array([1, 2, 3]) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: failed to deserialize compiled program 'bad.stflb': /);
    const clash = cli(['compile', 'p.stflb', '-o', 'x.js'], { 'p.stflb': writeProgram(assemble('.function print()\n.end\n')) });
    expect(clash).toMatchObject({ code: 3, stderr: "Error: invalid VM function: Function 'print' is already registered\n" });
    expect(clash.written.size).toBe(0);
  });
});

describe('the emitted module under plain Node', () => {
  let project: string;

  beforeAll(() => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the runs below show whether it works.
    }
    // A user's project depending on stoffel-jit (linked, as `npm install ../stoffel-jit` would).
    project = mkdtempSync(join(tmpdir(), 'stoffel-jit-user-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'stoffel-jit'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', dependencies: { 'stoffel-jit': '*' } }));
  }, 120_000);

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  function stoffelJit(...args: string[]) {
    const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function node(script: string, cwd: string) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('imports stoffel-jit/runtime from the project and runs like `stoffel-jit run`', () => {
    const out = join(project, 'fib.js');
    expect(stoffelJit('compile', fixture('fib_recursive'), '-o', out, '--source-map')).toMatchObject({ code: 0, stderr: '' });
    const r = node(
      "import { run, fn_0_main } from './fib.js'; console.log(String(run('main'))); console.log(String(fn_0_main([], { print: () => {} })));",
      project,
    );
    expect(r.stderr).toBe('');
    // fib_recursive prints fib(10) and returns fib(20).
    expect(r.stdout).toBe('55\n6765\n6765\n');
    expect(stoffelJit('run', fixture('fib_recursive')).stdout).toBe('55\nProgram returned: 6765\n');
  });

  it('errors are the runtime package\'s VmError with the official message', () => {
    const out = join(project, 'div.js');
    expect(stoffelJit('compile', fixture('err_div_zero'), '-o', out).code).toBe(0);
    const r = node(
      "import { run } from './div.js'; import { VmError } from 'stoffel-jit/runtime'; try { run('main', [], { print: () => {} }); } catch (e) { console.log(e instanceof VmError, e.message); }",
      project,
    );
    expect(r).toMatchObject({ code: 0, stdout: 'true Division by zero\n' });
  });

  it('an instrumented build imported the same way fires hooks', () => {
    const out = join(project, 'hooked.js');
    expect(stoffelJit('compile', fixture('ret_const'), '-o', out, '--hooks').code).toBe(0);
    const r = node(
      "import { run } from './hooked.js'; import { HookRegistry } from 'stoffel-jit/runtime'; const h = new HookRegistry(); const seen = []; h.on('BeforeInstructionExecute', (e) => { seen.push(e.instruction.text); }); const v = run('main', [], { hooks: h }); console.log(seen.join(' '), v);",
      project,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('LDI(0, 42) RET(0) 42\n');
  });

  it('the .d.ts type-checks a user\'s calls: entry names and arities', () => {
    expect(stoffelJit('compile', fixture('closure_counter'), '-o', join(project, 'cc.js')).code).toBe(0);
    writeFileSync(
      join(project, 'use.ts'),
      [
        "import { run, fn_1_create_counter } from './cc.js';",
        "export const a = run('create_counter', [5]);",
        'export const b = fn_1_create_counter([5]);',
        '// @ts-expect-error wrong arity',
        "run('create_counter', []);",
        '// @ts-expect-error not a function of the program',
        "run('nope');",
      ].join('\n'),
    );
    const options = { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['use.ts'] }));
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--runtime-import pointing at the built runtime works from anywhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stoffel-jit-loose-'));
    try {
      const out = join(dir, 'loop.mjs');
      const runtimeUrl = pathToFileURL(join(root, 'dist/runtime/index.js')).href;
      expect(stoffelJit('compile', fixture('loop_sum'), '-o', out, '--runtime-import', runtimeUrl).code).toBe(0);
      const r = node("import { run } from './loop.mjs'; console.log(String(run('main')));", dir);
      expect(r.stderr).toBe('');
      const expected = stoffelJit('run', fixture('loop_sum')).stdout.replace('Program returned: ', '');
      expect(r.stdout).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
