/**
 * Golden-file helpers: files with `;; <section>` headers, and IR comparison up to value renumbering
 * (values are renamed in order of first appearance, so expectations can be written by hand).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function goldenFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
}

/** Sections of a golden file by name (`;; name` lines); lines starting with a single `;` are comments. */
export function sections(path: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null) out.set(current, lines.join('\n').trim() + '\n');
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^;; (\S+)(.*)$/.exec(line);
    if (m) {
      flush();
      current = m[1]!;
      lines = m[2]!.trim() ? [m[2]!.trim()] : [];
    } else if (current !== null && !/^; /.test(line)) lines.push(line);
  }
  flush();
  return out;
}

export function readGolden(dir: string, file: string): Map<string, string> {
  return sections(join(dir, file));
}

/** Renames `vN` in order of first appearance (strings are left alone). */
export function canonicalValues(text: string): string {
  const names = new Map<string, string>();
  return text
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\bv\d+\b/g, (v) => {
            let n = names.get(v);
            if (n === undefined) {
              n = `v${names.size}`;
              names.set(v, n);
            }
            return n;
          }),
    )
    .join('');
}
