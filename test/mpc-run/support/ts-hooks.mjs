// Module hooks that let the party workers run the TypeScript sources (the tests run without a build):
// a `.js` import from a `.ts` file resolves to the `.ts` file next to it when no `.js` exists, and `.ts`
// files are stripped of their types with rolldown's transformer (a vitest dependency).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'rolldown/experimental';

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier, context.parentURL);
    if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
      const ts = new URL(`${url.href.slice(0, -3)}.ts`);
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const out = await transform(path, await readFile(path, 'utf8'), { lang: 'ts' });
  if (out.errors.length > 0) throw new Error(`${path}: ${out.errors.map((e) => e.message).join('; ')}`);
  return { format: 'module', source: out.code, shortCircuit: true };
}
