#!/usr/bin/env node
import { runCli } from './cli.js';
import { nodeIo } from './io.js';

// exitCode (not process.exit) lets pending stdout/stderr writes drain first.
process.exitCode = runCli(process.argv.slice(2), nodeIo);
