/** The one error type of the text assembler: every rejection of malformed input is an `AsmError`. */
export class AsmError extends Error {
  override readonly name = 'AsmError';

  /**
   * @param reason  what is wrong, without the position
   * @param line    1-based line number
   * @param column  1-based column, counted in Unicode code points
   */
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}
