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

/**
 * Client 0 gives a, b (int64) and gets a*b; client 1 gives a bool and gets it back; main returns the raw
 * share a-b (after printing `done` when asked).
 */
export function clientsProgram(options: { readonly printDone?: boolean } = {}): string {
  const print = options.printDone ? '  LDI r0, "done"\n  PUSHARG r0\n  CALL print\n' : '';
  return `
.version 9
.client 0 inputs(int64, int64) outputs(int64)
.client 1 inputs(int1) outputs(int1)
.function main()
  .registers 20
  LDI r0, 0
  PUSHARG r0
  LDI r1, 0
  PUSHARG r1
  CALL ClientStore.take_share
  MOV r16, r0
  LDI r0, 0
  PUSHARG r0
  LDI r1, 1
  PUSHARG r1
  CALL ClientStore.take_share
  MOV r17, r0
  MUL r18, r16, r17
  LDI r0, 0
  PUSHARG r0
  PUSHARG r18
  CALL MpcOutput.send_to_client
  LDI r0, 1
  PUSHARG r0
  LDI r1, 0
  PUSHARG r1
  CALL ClientStore.take_share_bool
  MOV r19, r0
  LDI r0, 1
  PUSHARG r0
  PUSHARG r19
  CALL MpcOutput.send_to_client
${print}  SUB r16, r16, r17
  RET r16
.end
`;
}
