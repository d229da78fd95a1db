/**
 * A source map (version 3) with one source, written directly: astring reports mappings in generated order,
 * so they are encoded as they arrive (no sorting, no per-mapping objects), which the general-purpose
 * `source-map` generator would spend most of a large module's map time on.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The base64 VLQ of `value` (sign in the lowest bit, 5 bits per digit, continuation bit 32). */
function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

export class SourceMapWriter {
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  private readonly lines: string[] = [];
  /** The generated line being written (1-based) and its segments so far. */
  private line = 1;
  private segments = '';
  private column = 0;
  private lastLine = 0;
  private lastOriginalColumn = 0;
  private lastName = 0;
  /** The previous mapping's generated column and name, to skip exact repeats. */
  private prevColumn = -1;
  private prevName = '';

  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly sourceContent: string,
  ) {}

  /** A mapping from a generated position (1-based line, 0-based column) to a source line (1-based) and column. */
  add(genLine: number, genColumn: number, line: number, column: number, name: string): void {
    if (genLine === this.line && genColumn === this.prevColumn && line - 1 === this.lastLine && column === this.lastOriginalColumn && name === this.prevName) {
      return;
    }
    this.prevColumn = genColumn;
    this.prevName = name;
    if (genLine !== this.line) {
      this.lines.push(this.segments);
      for (let l = this.line + 1; l < genLine; l++) this.lines.push('');
      this.line = genLine;
      this.segments = '';
      this.column = 0;
    } else if (this.segments !== '') this.segments += ',';
    let n = this.nameIndex.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, n);
    }
    // Fields: generated column, source index (always 0), original line, original column, name index; each
    // relative to the previous mapping (the column to the previous one on the same generated line).
    this.segments += vlq(genColumn - this.column) + 'A' + vlq(line - 1 - this.lastLine) + vlq(column - this.lastOriginalColumn) + vlq(n - this.lastName);
    this.column = genColumn;
    this.lastLine = line - 1;
    this.lastOriginalColumn = column;
    this.lastName = n;
  }

  toString(): string {
    const mappings = [...this.lines, this.segments].join(';');
    return JSON.stringify({
      version: 3,
      sources: [this.source],
      names: this.names,
      mappings,
      file: this.file,
      sourcesContent: [this.sourceContent],
    });
  }
}
