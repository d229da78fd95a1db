// runtime/ is what compiled modules import: it must not reach into src/ or use Node-only APIs,
// so that a compiled module runs in a browser with the runtime alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const runtimeDir = join(import.meta.dirname, '../../runtime');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the runtime boundary', () => {
  const files = sources(runtimeDir);

  it('finds the runtime sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(runtimeDir, f), f]))('%s imports neither src/ nor Node built-ins', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
    for (const spec of specifiers) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^node:|^(fs|path|os|worker_threads|child_process|crypto)$/);
      expect(spec, `${file} imports ${spec}`).not.toMatch(/(^|\/)src\//);
    }
    expect(text, `${file} uses process or Buffer`).not.toMatch(/\bprocess\.|\bBuffer\./);
  });
});
