import { readFileSync } from 'node:fs';
import { runCli } from '../../src/cli/cli.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the command wrote. */
  readonly written: Map<string, Uint8Array>;
}

/** Runs a synchronous CLI command in-process; `files` are served before the real file system. */
export function cli(argv: string[], files: Record<string, Uint8Array | string> = {}): CliResult {
  const { code, output } = start(argv, files);
  if (typeof code !== 'number') throw new Error(`'${argv[0]}' finished asynchronously; use cliAsync`);
  return { code, ...output() };
}

/** Runs any CLI command in-process (`fuzz` finishes asynchronously) and waits for it. */
export async function cliAsync(argv: string[], files: Record<string, Uint8Array | string> = {}): Promise<CliResult> {
  const { code, output } = start(argv, files);
  return { code: await code, ...output() };
}

function start(argv: string[], files: Record<string, Uint8Array | string>) {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, Uint8Array>();
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => {
      const f = files[path];
      if (f === undefined) return readFileSync(path);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: (path, data) => void written.set(path, data),
  };
  const code = runCli(argv, io);
  return { code, output: () => ({ stdout, stderr, written }) };
}
