/**
 * `stoffel-jit fuzz [--count N] [--seed S] [--max-size K] [--secret-registers]`
 *
 * Differential fuzzing: runs random valid programs in the interpreter and compiled, with a progress line
 * on stderr. Exits 0 when every program agreed; on a divergence prints the reduced reproducer (text
 * assembly) and the command that regenerates it, and exits 5.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { runFuzz } from '../fuzz/command.js';
import { EXIT, messageOf } from './cli.js';
import type { CliIo } from './io.js';

interface FuzzFlags {
  readonly count: number;
  readonly seed: number;
  readonly maxSize: number;
  readonly secretRegisters?: boolean;
}

function integer(text: string): number {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError('expected an integer');
  return Number(text);
}

/** Registers `fuzz` on the CLI; `done` receives the (eventual) exit code. */
export function addFuzzCommand(program: Command, io: CliIo, done: (code: Promise<number>) => void): void {
  program
    .command('fuzz')
    .description('run random programs in the interpreter and compiled, and report any difference')
    .option('--count <n>', 'how many programs', integer, 1000)
    .option('--seed <n>', 'first seed; program i uses seed + i', integer, 1)
    .option('--max-size <n>', 'most statements per generated function', integer, 12)
    .option('--secret-registers', 'also use secret registers r16 and up')
    .action((flags: FuzzFlags) => done(fuzz(io, flags)));
}

async function fuzz(io: CliIo, flags: FuzzFlags): Promise<number> {
  try {
    const result = await runFuzz({
      count: flags.count,
      seed: flags.seed,
      maxSize: flags.maxSize,
      secretRegisters: flags.secretRegisters === true,
      onProgress: (line) => io.stderr(`${line}\n`),
    });
    io.stdout(result.report.endsWith('\n') ? result.report : `${result.report}\n`);
    return result.exitCode;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    io.stderr(`Error: ${messageOf(err)}\n`);
    return EXIT.usage;
  }
}
