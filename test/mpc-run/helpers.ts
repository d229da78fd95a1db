import { join } from 'node:path';
import { writeProgram } from '../../src/bytecode/writer.js';
import { assemble } from '../../src/text/asm.js';

export const STOFFEL_FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/stoffel');

export function fixture(name: string): string {
  return join(STOFFEL_FIXTURES, `${name}.stflb`);
}

/** A `.stfasm` text as a binary. */
export function binary(text: string): Uint8Array {
  return writeProgram(assemble(text));
}

/** Repeated `--client-input SLOT=VALUE` flags. */
export function inputs(slot: number, values: readonly (bigint | number | string)[]): string[] {
  return values.flatMap((v) => ['--client-input', `${slot}=${v}`]);
}
