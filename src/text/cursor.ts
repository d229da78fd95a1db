/**
 * A cursor over the tokens of one statement line, with the primitive operands every statement uses
 * (punctuation, whole numbers, names) and errors positioned at the offending token.
 */
import type { AsmError } from './errors.js';
import { utf8Length } from './escapes.js';
import type { Source, SourceLine, Token } from './lexer.js';

export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;
export const U64_MAX = 2n ** 64n - 1n;
/** Longer numerals are out of range for every field (u64 needs 20 digits); refused before BigInt parsing. */
export const MAX_NUMERAL_LENGTH = 40;

export class Cursor {
  private index = 0;

  constructor(
    private readonly source: Source,
    readonly line: SourceLine,
  ) {}

  peek(ahead = 0): Token | undefined {
    return this.line.tokens[this.index + ahead];
  }

  atEnd(): boolean {
    return this.index >= this.line.tokens.length;
  }

  /** The next token; `what` names what was expected, for the error at the end of the line. */
  next(what: string): Token {
    const token = this.line.tokens[this.index];
    if (token === undefined) throw this.source.errorAtEnd(this.line.line, `expected ${what}, found end of line`);
    this.index++;
    return token;
  }

  isPunct(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token?.kind === 'punct' && token.text === symbol;
  }

  takePunct(symbol: string): boolean {
    if (!this.isPunct(symbol)) return false;
    this.index++;
    return true;
  }

  expectPunct(symbol: string, what = `'${symbol}'`): Token {
    const token = this.next(what);
    if (token.kind !== 'punct' || token.text !== symbol) throw this.unexpected(token, what);
    return token;
  }

  /** Requires the line to be used up: `after` says what was just read. */
  expectEnd(after: string): void {
    const token = this.peek();
    if (token !== undefined) throw this.error(token, `unexpected ${describe(token)} after ${after}`);
  }

  error(token: Token, reason: string): AsmError {
    return this.source.errorAt(token, reason);
  }

  unexpected(token: Token, what: string): AsmError {
    return this.error(token, `expected ${what}, found ${describe(token)}`);
  }

  /** The value of an unsuffixed whole-number token, checked against [min, max]. */
  numeral(token: Token, min: bigint, max: bigint, what: string): bigint {
    if (token.kind !== 'number' || token.suffix !== '' || /^[0-9]*[.eE]/.test(token.text)) {
      throw this.unexpected(token, what);
    }
    const value = token.text.length <= MAX_NUMERAL_LENGTH ? BigInt(token.text) : undefined;
    if (value === undefined || value < min || value > max) {
      throw this.error(token, `${shorten(token.text)} is out of range for ${what} (${min} to ${max})`);
    }
    return value;
  }

  /** A whole number in [min, max], with a leading `-` allowed when min is negative. */
  integer(min: bigint, max: bigint, what: string): { value: bigint; token: Token } {
    const negative = min < 0n && this.takePunct('-');
    const token = this.next(what);
    if (token.kind !== 'number') throw this.unexpected(token, what);
    const magnitude = this.numeral(token, 0n, negative ? -min : max, what);
    return { value: negative ? -magnitude : magnitude, token };
  }

  /** A whole number in [min, max] that fits a JS number. */
  smallInteger(min: number, max: number, what: string): number {
    return Number(this.integer(BigInt(min), BigInt(max), what).value);
  }

  u32(what: string): number {
    return this.smallInteger(0, U32_MAX, what);
  }

  /** A bit width written inside an identifier such as `int64`: 1..max. */
  bitWidth(token: Token, digits: string, max: number): number {
    const bits = digits.length <= 10 ? Number(digits) : Infinity;
    if (bits < 1 || bits > max) throw this.error(token, `bit width ${shorten(digits)} is out of range (1 to ${max})`);
    return bits;
  }

  /** A name: an identifier or a quoted string (the file format limits it to 65535 bytes of UTF-8). */
  name(what: string): { name: string; token: Token } {
    const token = this.next(what);
    if (token.kind !== 'ident' && token.kind !== 'string') throw this.unexpected(token, what);
    if (utf8Length(token.text) > U16_MAX) throw this.error(token, `${what} longer than ${U16_MAX} bytes of UTF-8`);
    return { name: token.text, token };
  }

  /** Comma-separated names up to the end of the line (possibly none). */
  nameList(what: string, directive: Token): string[] {
    const names: string[] = [];
    if (this.atEnd()) return names;
    do {
      if (names.length >= U16_MAX) throw this.error(directive, `more than ${U16_MAX} ${what}s`);
      names.push(this.name(what).name);
    } while (this.takePunct(','));
    this.expectEnd(`the ${what}s`);
    return names;
  }
}

export function describe(token: Token): string {
  switch (token.kind) {
    case 'ident':
      return `'${shorten(token.text)}'`;
    case 'directive':
      return `directive '.${shorten(token.text)}'`;
    case 'number':
      return `number '${shorten(token.text + token.suffix)}'`;
    case 'string':
      return 'a quoted string';
    case 'punct':
      return `'${token.text}'`;
  }
}

export function shorten(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
