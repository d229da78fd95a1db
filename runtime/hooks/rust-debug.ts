/**
 * Rust's `Debug` form of a string (`"a\"b"`), used for label and function-name operands in instruction
 * text (hooks.md §4.2) and for the upvalue list of the entry error (semantics.md §7.6).
 * Rust escapes non-printable characters as `\u{…}`; its printability table is approximated by the Unicode
 * categories that are never printable (controls, format, unassigned, private use, separators other than
 * space, combining marks).
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Mn}\p{Me}]|(?! )\p{Zs}/u;

const SIMPLE: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

export function rustStringDebug(s: string): string {
  let out = '"';
  for (const ch of s) {
    const simple = SIMPLE[ch];
    if (simple !== undefined) out += simple;
    else if (NON_PRINTABLE.test(ch)) out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

/** `["x", "y"]`: Rust's Debug form of a list of strings. */
export function rustStringListDebug(items: readonly string[]): string {
  return `[${items.map(rustStringDebug).join(', ')}]`;
}
