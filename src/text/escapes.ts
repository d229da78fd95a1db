/**
 * Quoting of names and strings taken from bytecode. Everything in a file is untrusted, so anything that is
 * not a plain identifier is printed as a quoted string whose escapes keep the listing one statement per
 * line and free of invisible or direction-changing characters.
 */

/** Longest name printed without quotes; longer ones are quoted so listings stay scannable. */
const MAX_BARE_NAME = 80;

/** `a`, `_x1`, `utils.math.add`, `Point::new`: identifier segments joined by `.` or `::`. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)*$/;

/** True when `name` can be printed bare and reads back as the same single identifier token. */
export function isPlainName(name: string): boolean {
  return name.length <= MAX_BARE_NAME && PLAIN_NAME.test(name);
}

/** Short escapes, both directions (the assembler accepts exactly these plus `\u{…}`). */
export const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['0', '\0'],
]);

const SHORT_ESCAPE_OF: ReadonlyMap<string, string> = new Map(
  [...SHORT_ESCAPES].map(([letter, char]) => [char, letter]),
);

/**
 * Characters printed as `\u{…}`: controls, format characters (bidi overrides, zero-width marks, BOM),
 * line/paragraph separators, private-use code points, lone surrogates and every space other than U+0020.
 */
const NEEDS_ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Zs}]/u;

/** `"…"` with escapes; the assembler's string syntax reads it back to exactly `text`. */
export function quoteString(text: string): string {
  let out = '"';
  for (const char of text) {
    const short = SHORT_ESCAPE_OF.get(char);
    if (short !== undefined) out += `\\${short}`;
    else if (char !== ' ' && NEEDS_ESCAPE.test(char)) {
      out += `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;
    } else out += char;
  }
  return `${out}"`;
}

/** A name as it appears in the text form: bare when plain, quoted otherwise. */
export function formatName(name: string): string {
  return isPlainName(name) ? name : quoteString(name);
}

/** Byte length of `text` in UTF-8, as the file format stores it. */
export function utf8Length(text: string): number {
  let length = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return length;
}
