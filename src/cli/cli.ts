/**
 * The `stoffel-jit` command line (commander):
 *
 *   stoffel-jit run FILE [ENTRY] [--engine compiled|interp] [--arg VALUE ...] [--trace-instr]
 *                                [--trace-regs] [--trace-stack] [--max-instructions N] [--max-depth N]
 *                                [MPC options, see mpc-options.ts]
 *   stoffel-jit compile FILE -o OUT.js [--source-map] [--hooks] [--emit-ir] [--no-opt] [--runtime-import SPEC]
 *                                (see compile-command.ts)
 *   stoffel-jit disasm FILE
 *   stoffel-jit asm FILE.stfasm -o OUT.stflb
 *
 * Output and exit codes follow `stoffel-run` (hooks.md §7.2): program output on stdout as it runs, then
 * `Program returned: <value>` (exit 0); a run-time error prints `Execution error in '<entry>': <message>`
 * on stderr (exit 4); a file that cannot be read or parsed, or fails the load checks of
 * bytecode-format.md §7.1–7.3, exits 2; a program that cannot be registered (a function named like a
 * builtin, or no functions at all) exits 3. Bad usage exits 1 (commander's usage-error code).
 * Trace lines go to stderr; unlike `stoffel-run`, the three trace flags work independently.
 * Invalid MPC options (bad client inputs, a topology the simulator refuses) exit 1 with `Error: <message>`.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { HookRegistry } from '../../runtime/hooks/registry.js';
import { addTraceHooks } from '../../runtime/hooks/trace.js';
import { resultString } from '../../runtime/format.js';
import { VmError } from '../../runtime/errors.js';
import { MemoryLocalStore } from '../../runtime/storage/index.js';
import type { Value } from '../../runtime/values.js';
import { BytecodeError } from '../bytecode/errors.js';
import { linkProgram } from '../bytecode/load.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import type { Program } from '../bytecode/model.js';
import { readProgram } from '../bytecode/reader.js';
import { writeProgram } from '../bytecode/writer.js';
import { assemble } from '../text/asm.js';
import { disassemble } from '../text/disasm.js';
import { parseArgValue } from './arg-value.js';
import { addCompileCommand } from './compile-command.js';
import { ENGINE_NAMES, type EngineName, engineByName } from './engines.js';
import { addFuzzCommand } from './fuzz-command.js';
import type { CliIo } from './io.js';
import { addMpcOptions, type MpcFlags, mpcRunFromFlags } from './mpc-options.js';

export const EXIT = { ok: 0, usage: 1, badFile: 2, loadFailure: 3, runtimeError: 4 } as const;

interface RunFlags extends MpcFlags {
  readonly engine: EngineName;
  readonly arg?: string[];
  readonly traceInstr?: boolean;
  readonly traceRegs?: boolean;
  readonly traceStack?: boolean;
  readonly maxInstructions?: number;
  readonly maxDepth?: number;
}

/** Runs the CLI on `argv` (the arguments after the program name) and returns the exit code. */
/** Every command but `fuzz` finishes synchronously. */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  let code: number | Promise<number> = EXIT.ok;
  const program = new Command('stoffel-jit')
    .description('Run, compile, disassemble and assemble StoffelVM bytecode')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const run = program
    .command('run')
    .description('run a compiled program (.stflb) and print its result')
    .argument('<file>', 'compiled program')
    .argument('[entry]', 'entry function', 'main')
    .argument('[args...]', 'entry arguments, as with --arg (put -- before a negative number)')
    .addOption(
      new Option('--engine <engine>', 'compiled (to JavaScript, in-process) or interp (the reference interpreter)')
        .choices(ENGINE_NAMES)
        .default('compiled'),
    )
    .addOption(new Option('--arg <value>', 'entry argument: 42, 1.5, true, "text", () (repeatable)').argParser(collect))
    .option('--trace-instr', 'trace every instruction before and after it runs')
    .option('--trace-regs', 'trace register reads (MOV) and writes')
    .option('--trace-stack', 'trace calls, returns and argument-stack pushes/pops')
    .option('--max-instructions <n>', 'stop after this many instructions', count)
    .option('--max-depth <n>', 'stop when the call depth would exceed this', count);
  addMpcOptions(run).action((file: string, entry: string, positional: string[], flags: RunFlags) => {
    code = runFile(io, file, entry, [...positional, ...(flags.arg ?? [])], flags);
  });

  addCompileCommand(program, io, (c) => {
    code = c;
  });

  addFuzzCommand(program, io, (c) => {
    code = c;
  });

  program
    .command('disasm')
    .description('print the text form (.stfasm) of a compiled program')
    .argument('<file>', 'compiled program')
    .action((file: string) => {
      code = disasmFile(io, file);
    });

  program
    .command('asm')
    .description('assemble the text form into a compiled program')
    .argument('<file>', 'text form (.stfasm)')
    .requiredOption('-o, --output <out>', 'where to write the compiled program')
    .action((file: string, flags: { output: string }) => {
      code = asmFile(io, file, flags.output);
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  return code;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function count(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError('expected a non-negative integer');
  }
  return Number(text);
}

/** `argTexts`: the positional entry arguments, then the `--arg` ones. */
function runFile(io: CliIo, file: string, entry: string, argTexts: readonly string[], flags: RunFlags): number {
  const engine = engineByName(flags.engine);
  let args: Value[];
  try {
    args = argTexts.map(parseArgValue);
  } catch (err) {
    io.stderr(`Error: ${messageOf(err)}\n`);
    return EXIT.usage;
  }
  const loaded = loadCompiledFile(io, file);
  if (typeof loaded === 'number') return loaded;

  const mpc = mpcRunFromFlags(loaded, flags);
  if (typeof mpc === 'string') {
    io.stderr(`Error: ${mpc}\n`);
    return EXIT.usage;
  }

  const hooks = new HookRegistry();
  addTraceHooks(
    hooks,
    { instr: flags.traceInstr, regs: flags.traceRegs, stack: flags.traceStack },
    (line) => io.stderr(`${line}\n`),
  );
  let value: Value;
  try {
    const options = {
      print: (line: string) => io.stdout(`${line}\n`),
      hooks,
      maxInstructions: flags.maxInstructions,
      maxCallDepth: flags.maxDepth,
      // LocalStorage works out of the box, kept for the run (stoffel-run needs --local-store for it).
      storage: new MemoryLocalStore(),
    };
    value = mpc ? mpc.run(io, engine, loaded, entry, args, options) : engine.run(loaded, entry, args, options);
  } catch (err) {
    const message = err instanceof VmError ? err.message : `internal error: ${messageOf(err)}`;
    io.stderr(`Execution error in '${entry}': ${message}\n`);
    return EXIT.runtimeError;
  }
  io.stdout(`Program returned: ${resultString(value)}\n`);
  mpc?.report(io);
  return EXIT.ok;
}

function disasmFile(io: CliIo, file: string): number {
  const program = readCompiled(io, file);
  if (typeof program === 'number') return program;
  const text = disassemble(program);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.ok;
}

function asmFile(io: CliIo, file: string, out: string): number {
  const bytes = readInput(io, file, 'source file');
  if (bytes === undefined) return EXIT.badFile;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    io.stderr(`Error: '${file}' is not valid UTF-8\n`);
    return EXIT.badFile;
  }
  let binary: Uint8Array;
  try {
    binary = writeProgram(assemble(text));
  } catch (err) {
    io.stderr(`Error: ${file}: ${messageOf(err)}\n`);
    return EXIT.badFile;
  }
  try {
    io.writeFile(out, binary);
  } catch (err) {
    io.stderr(`Error: failed to write '${out}': ${messageOf(err)}\n`);
    return EXIT.badFile;
  }
  return EXIT.ok;
}

/** Reads, parses and links a program with functions, or reports the failure and returns the exit code. */
export function loadCompiledFile(io: CliIo, file: string): LoadedProgram | number {
  const program = readCompiled(io, file);
  if (typeof program === 'number') return program;
  let loaded;
  try {
    loaded = linkProgram(program);
  } catch (err) {
    if (!(err instanceof BytecodeError)) throw err;
    if (err.kind === 'Registration') {
      io.stderr(`Error: invalid VM function: ${err.message}\n`);
      return EXIT.loadFailure;
    }
    io.stderr(`Error: invalid compiled program '${file}': ${err.message}\n`);
    return EXIT.badFile;
  }
  if (loaded.functions.size === 0) {
    io.stderr('Error: compiled program contains no functions\n');
    return EXIT.loadFailure;
  }
  return loaded;
}

/** Reads and parses a compiled program, or reports the failure and returns the exit code. */
function readCompiled(io: CliIo, file: string): Program | number {
  const bytes = readInput(io, file, 'compiled program');
  if (bytes === undefined) return EXIT.badFile;
  try {
    return readProgram(bytes);
  } catch (err) {
    if (!(err instanceof BytecodeError)) throw err;
    io.stderr(`Error: failed to deserialize compiled program '${file}': ${err.message}\n`);
    return EXIT.badFile;
  }
}

function readInput(io: CliIo, file: string, what: string): Uint8Array | undefined {
  try {
    return io.readFile(file);
  } catch (err) {
    io.stderr(`Error: failed to open ${what} '${file}': ${messageOf(err)}\n`);
    return undefined;
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
