/**
 * Tokenizer for the text form. Statements never span lines, so the source is split into lines and each
 * line into tokens; `;` starts a comment outside strings. Positions are kept as UTF-16 offsets and turned
 * into code-point columns only when an error is reported.
 */
import { AsmError } from './errors.js';
import { SHORT_ESCAPES } from './escapes.js';

export type TokenKind = 'ident' | 'directive' | 'number' | 'string' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /**
   * ident: the identifier; directive: the name without the dot; number: the numeric part (digits, `.`,
   * exponent or `0x…`); string: the decoded contents; punct: the symbol.
   */
  readonly text: string;
  /** Number tokens only: a type suffix such as `u8` or `f64`, else empty. */
  readonly suffix: string;
  /** 1-based line number. */
  readonly line: number;
  /** UTF-16 offset of the token's first character within its line. */
  readonly offset: number;
}

/** One source line holding at least one token. */
export interface SourceLine {
  readonly line: number;
  readonly tokens: readonly Token[];
}

/** Source text split into lines, able to convert offsets into code-point columns for errors. */
export class Source {
  readonly lines: readonly string[];

  constructor(text: string) {
    // A byte-order mark that an editor put in front of the text is not part of it.
    this.lines = (text.startsWith('\uFEFF') ? text.slice(1) : text)
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** An `AsmError` at UTF-16 `offset` of 1-based `line`. */
  error(line: number, offset: number, reason: string): AsmError {
    const text = this.lines[line - 1] ?? '';
    let column = 1;
    for (let i = 0; i < offset && i < text.length; i++) {
      const unit = text.charCodeAt(i);
      // The low half of a surrogate pair belongs to the same code point as the high half.
      if (!(unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) column++;
    }
    return new AsmError(reason, line, column);
  }

  /** An `AsmError` pointing at `token`. */
  errorAt(token: Token, reason: string): AsmError {
    return this.error(token.line, token.offset, reason);
  }

  /** An `AsmError` just after the last character of `line`. */
  errorAtEnd(line: number, reason: string): AsmError {
    return this.error(line, (this.lines[line - 1] ?? '').length, reason);
  }

  /** The lines that hold tokens, in order. */
  *tokenLines(): Generator<SourceLine> {
    for (let i = 0; i < this.lines.length; i++) {
      const tokens = this.tokenize(i + 1, this.lines[i]!);
      if (tokens.length > 0) yield { line: i + 1, tokens };
    }
  }

  private tokenize(line: number, text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const push = (kind: TokenKind, start: number, tokenText: string, suffix = ''): void => {
      tokens.push({ kind, text: tokenText, suffix, line, offset: start });
    };
    while (i < text.length) {
      const c = text[i]!;
      if (c === ' ' || c === '\t') {
        i++;
      } else if (c === ';') {
        break;
      } else if (c === '"') {
        const [value, end] = this.readString(line, text, i);
        push('string', i, value);
        i = end;
      } else if (isIdentStart(c)) {
        const end = scanIdent(text, i);
        push('ident', i, text.slice(i, end));
        i = end;
      } else if (c === '.' && i + 1 < text.length && isIdentStart(text[i + 1]!)) {
        const end = scanWord(text, i + 1);
        push('directive', i, text.slice(i + 1, end));
        i = end;
      } else if (isDigit(c)) {
        i = this.readNumber(line, text, i, push);
      } else if (c === '-' && text[i + 1] === '>') {
        push('punct', i, '->');
        i += 2;
      } else if (',:()#@=-[]'.includes(c)) {
        push('punct', i, c);
        i++;
      } else {
        const cp = text.codePointAt(i)!;
        throw this.error(line, i, `unexpected character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    }
    return tokens;
  }

  /** Reads `"…"` starting at `start`; returns the decoded text and the offset after the closing quote. */
  private readString(line: number, text: string, start: number): [string, number] {
    let value = '';
    let i = start + 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return [value, i + 1];
      if (c !== '\\') {
        value += c;
        i++;
        continue;
      }
      const letter = text[i + 1];
      const short = letter === undefined ? undefined : SHORT_ESCAPES.get(letter);
      if (short !== undefined) {
        value += short;
        i += 2;
      } else if (letter === 'u') {
        const match = /^\{([0-9A-Fa-f]{1,6})\}/.exec(text.slice(i + 2, i + 12));
        if (!match) throw this.error(line, i, 'malformed \\u escape: expected \\u{1 to 6 hex digits}');
        const cp = parseInt(match[1]!, 16);
        if (cp > 0x10ffff) throw this.error(line, i, `\\u{${match[1]}} is beyond the last code point U+10FFFF`);
        if (cp >= 0xd800 && cp <= 0xdfff) {
          throw this.error(line, i, `\\u{${match[1]}} is a surrogate, which UTF-8 cannot encode`);
        }
        value += String.fromCodePoint(cp);
        i += 2 + match[0].length;
      } else {
        throw this.error(line, i, `unknown escape sequence \\${letter ?? ''} (use \\" \\\\ \\n \\r \\t \\0 or \\u{…})`);
      }
    }
    throw this.error(line, start, 'unterminated string (strings cannot span lines; write a newline as \\n)');
  }

  /**
   * Reads a number: `0x…` hex, or decimal digits with an optional fraction and exponent, then an optional
   * suffix (`u8`, `i32`, `f64`, …). A number running straight into other word characters is malformed.
   */
  private readNumber(
    line: number,
    text: string,
    start: number,
    push: (kind: TokenKind, start: number, text: string, suffix: string) => void,
  ): number {
    const re = /0[xX][0-9A-Fa-f]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    re.lastIndex = start;
    const body = re.exec(text)![0];
    let end = start + body.length;
    const suffixRe = /[A-Za-z][A-Za-z0-9]*/y;
    suffixRe.lastIndex = end;
    const suffix = suffixRe.exec(text)?.[0] ?? '';
    end += suffix.length;
    const next = text[end];
    if (next !== undefined && (isIdentPart(next) || next === '.')) {
      const run = /[A-Za-z0-9_.]*/y;
      run.lastIndex = start;
      throw this.error(line, start, `malformed number '${run.exec(text)![0].slice(0, 40)}'`);
    }
    push('number', start, body, suffix);
    return end;
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

function scanWord(text: string, start: number): number {
  let i = start;
  while (i < text.length && isIdentPart(text[i]!)) i++;
  return i;
}

/**
 * An identifier: word characters, with segments joined by `.`, `::` or `-` when a word character follows
 * (`utils.math.add`, `Point::new`, `bls12-381`). `a:` stays `a` then `:`; `x->` stays `x` then `->`.
 */
function scanIdent(text: string, start: number): number {
  let i = scanWord(text, start);
  for (;;) {
    const joiner = text.startsWith('::', i) ? 2 : text[i] === '.' || text[i] === '-' ? 1 : 0;
    if (joiner === 0 || i + joiner >= text.length || !isIdentPart(text[i + joiner]!)) return i;
    i = scanWord(text, i + joiner);
  }
}
