// Registers ts-hooks.mjs in a worker thread (passed as `--import` in the party workers' execArgv).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
