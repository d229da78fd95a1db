#!/usr/bin/env node
/**
 * Entry point of the `stoffel-jit` command. The CLI runs in a worker thread with a large stack: compiled
 * programs recurse on the JavaScript stack, and the default (about 1 MB) would end recursion a few
 * thousand calls deep, where the official VM (which keeps frames on the heap) goes on. The stack is
 * reserved address space, so an unused large stack costs nothing.
 */
import { Worker, isMainThread } from 'node:worker_threads';
import { runCli } from './cli.js';
import { nodeIo } from './io.js';

/** Enough for millions of nested compiled calls. */
const STACK_SIZE_MB = 1024;

if (isMainThread) {
  // A reader that closes the pipe early (`| head`) ends the command quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: { stackSizeMb: STACK_SIZE_MB },
  });
  worker.on('error', (err) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  });
  worker.on('exit', (code) => {
    process.exitCode ??= code;
  });
} else {
  // exitCode (not process.exit) lets pending stdout/stderr writes drain first.
  process.exitCode = await runCli(process.argv.slice(2), nodeIo);
}
