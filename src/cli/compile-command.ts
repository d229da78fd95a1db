/**
 * `stoffel-jit compile FILE -o OUT.js [--source-map] [--hooks] [--emit-ir] [--no-opt] [--runtime-import SPEC]`
 *
 * Writes OUT.js, an ES module importing the runtime from SPEC (default `stoffel-jit/runtime`, resolvable from
 * any project that depends on stoffel-jit); with `--source-map` also OUT.js.map (positions are
 * `function:instruction` of a disassembly listing embedded in the map) and a `//# sourceMappingURL`; and
 * OUT.d.ts when the program has function type metadata. `--emit-ir` prints the IR the optimizing pipeline
 * produces (after the optimizer unless `--no-opt`). Exit codes are those of `run` for unreadable (2) and
 * unloadable (3) programs; failing to write an output exits 2.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_RUNTIME_IMPORT, compileProgram, compileToIr } from '../compile.js';
import { printFunctions } from '../ir/print.js';
import { EXIT, loadCompiledFile, messageOf } from './cli.js';
import type { CliIo } from './io.js';

export interface CompileFlags {
  readonly output: string;
  readonly sourceMap?: boolean;
  readonly hooks?: boolean;
  readonly emitIr?: boolean;
  /** False with `--no-opt`. */
  readonly opt: boolean;
  /** False with `--no-call-depth`. */
  readonly callDepth: boolean;
  readonly runtimeImport: string;
}

/** Registers `compile` on the CLI; `done` receives the exit code. */
export function addCompileCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('compile')
    .description('compile a program (.stflb) to a JavaScript ES module')
    .argument('<file>', 'compiled program')
    .requiredOption('-o, --output <out>', 'where to write the module (OUT.js)')
    .option('--source-map', 'also write OUT.js.map (function:instruction positions)')
    .option('--hooks', 'instrumented build: fires the interpreter\'s hook events (slower)')
    .option('--emit-ir', 'print the optimized IR of every function on stdout')
    .option('--no-opt', 'do not run the optimizer')
    .option(
      '--no-call-depth',
      'no call-depth counter (run() then refuses maxCallDepth): faster, and self tail calls become loops and small functions are inlined',
    )
    .option('--runtime-import <spec>', 'module specifier the code imports the runtime from', DEFAULT_RUNTIME_IMPORT)
    .action((file: string, flags: CompileFlags) => done(compileFile(io, file, flags)));
}

function compileFile(io: CliIo, file: string, flags: CompileFlags): number {
  if (flags.emitIr && flags.hooks) {
    io.stderr('Error: --emit-ir shows the optimizing pipeline, which the --hooks build does not use\n');
    return EXIT.usage;
  }
  const loaded = loadCompiledFile(io, file);
  if (typeof loaded === 'number') return loaded;
  const out = flags.output;
  const outName = basename(out);
  const compiled = compileProgram(loaded, {
    runtimeImport: flags.runtimeImport,
    hooks: flags.hooks === true,
    optimize: flags.opt,
    callDepth: flags.callDepth,
    sourceMap: flags.sourceMap === true,
    sourceName: basename(file),
    outputName: outName,
  });
  if (flags.emitIr) {
    const text = printFunctions(compileToIr(loaded, { optimize: flags.opt, callDepth: flags.callDepth }));
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }
  const encode = (text: string) => new TextEncoder().encode(text);
  const files: [string, string][] = [[out, flags.sourceMap ? `${compiled.code}\n//# sourceMappingURL=${encodeURI(outName)}.map\n` : compiled.code]];
  if (flags.sourceMap) files.push([`${out}.map`, compiled.map]);
  if (compiled.dts !== undefined) files.push([declarationPath(out), compiled.dts]);
  for (const [path, text] of files) {
    try {
      io.writeFile(path, encode(text));
    } catch (err) {
      io.stderr(`Error: failed to write '${path}': ${messageOf(err)}\n`);
      return EXIT.badFile;
    }
  }
  return EXIT.ok;
}

/** OUT.d.ts next to OUT.js (OUT.mjs -> OUT.d.mts, as TypeScript looks them up). */
function declarationPath(out: string): string {
  if (out.endsWith('.mjs')) return `${out.slice(0, -4)}.d.mts`;
  if (out.endsWith('.js')) return `${out.slice(0, -3)}.d.ts`;
  return `${out}.d.ts`;
}
