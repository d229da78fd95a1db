/** Writes the generated many_functions benchmark (program and hand-written twin) into bench/. */
import { writeFileSync } from 'node:fs';
import { handwrittenSourcePath, programPath } from '../paths.js';
import { generateManyFunctions } from './many-functions.js';

const { asm, ts } = generateManyFunctions();
writeFileSync(programPath('many_functions'), asm);
writeFileSync(handwrittenSourcePath('many_functions'), ts);
console.log(`wrote ${programPath('many_functions')} and ${handwrittenSourcePath('many_functions')}`);
