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

/** Runs the CLI in-process; `files` are served before the real file system. */
export function cli(argv: string[], files: Record<string, Uint8Array | string> = {}): CliResult {
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
  return { code, stdout, stderr, written };
}
