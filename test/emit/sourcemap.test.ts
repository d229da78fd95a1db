/**
 * The source-map writer against the `source-map` package's generator (an independent implementation of
 * the format), and the `sourceMap` compile option.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer, SourceMapGenerator } from 'source-map';
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { compileProgram } from '../../src/compile.js';
import { SourceMapWriter } from '../../src/emit/sourcemap.js';
import { assemble } from '../../src/text/asm.js';

/** A small deterministic generator (the test must not depend on Math.random). */
function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('SourceMapWriter', () => {
  it('writes the same map as source-map for mappings in generated order (repeats, empty lines, large deltas)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = lcg(seed);
      const listing = `; listing ${seed}\n  f:0 NOP\n`;
      const reference = new SourceMapGenerator({ file: 'out.js' });
      reference.setSourceContent('p.stflb.listing', listing);
      const writer = new SourceMapWriter('out.js', 'p.stflb.listing', listing);
      let line = 1 + rnd(4);
      let column = 0;
      for (let k = 1 + rnd(400); k > 0; k--) {
        if (rnd(4) === 0) {
          line += 1 + rnd(3);
          column = rnd(8);
        } else column += rnd(3) * rnd(5000);
        const original = 1 + rnd(70000);
        const name = `fn${rnd(50)}:${rnd(3000)}`;
        for (let r = rnd(5) === 0 ? 2 : 1; r > 0; r--) {
          reference.addMapping({ generated: { line, column }, original: { line: original, column: 0 }, source: 'p.stflb.listing', name });
          writer.add(line, column, original, 0, name);
        }
      }
      expect(JSON.parse(writer.toString())).toEqual(JSON.parse(reference.toString()));
    }
  });
});

describe('the sourceMap option', () => {
  const program = linkProgram(assemble(readFileSync(join(import.meta.dirname, '../../bench/programs/fib.stfasm'), 'utf8')));

  it('false: the same code, and no map', () => {
    const withMap = compileProgram(program, { sourceName: 'fib.stflb' });
    const without = compileProgram(program, { sourceName: 'fib.stflb', sourceMap: false });
    expect(without.code).toBe(withMap.code);
    expect(without.map).toBe('');
    expect(withMap.map).not.toBe('');
  });

  it('default: every line calling an operation or function maps, from the call on, to one instruction', async () => {
    const { code, map } = compileProgram(program, { sourceName: 'fib.stflb' });
    const consumer = await new SourceMapConsumer(map);
    try {
      const lines = code.split('\n');
      let mapped = 0;
      lines.forEach((text, i) => {
        // Arithmetic fallbacks and calls come from instructions; each such line resolves to `function:k`.
        if (!/\$(add|sub|compare)\(|f\d+_fib\(/.test(text) || /^\s*function /.test(text)) return;
        // A stack frame points at the call; the whole line maps to one instruction.
        const call = consumer.originalPositionFor({ line: i + 1, column: text.search(/\$(add|sub|compare)\(|f\d+_fib\(/) });
        const end = consumer.originalPositionFor({ line: i + 1, column: text.length - 1 });
        expect(call.name, text).toMatch(/^(main|fib):\d+$/);
        expect(end.name, text).toBe(call.name);
        mapped++;
      });
      expect(mapped).toBeGreaterThan(2);
    } finally {
      consumer.destroy();
    }
  });
});
