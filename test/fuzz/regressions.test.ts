/**
 * Replays the reproducers in test/fuzz/regressions/ (text assembly) in the interpreter and in every
 * compiled variant. Optional header comments:
 *   ; fuzz-limits: maxInstructions=N maxCallDepth=M   (default: the fuzzer's run limits)
 *   ; fuzz-expect: divergence                          (a known, still open divergence; default: same)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import { describeVerdict, runDifferential, type RunLimits } from '../../src/fuzz/differential.js';
import { RUN_LIMITS } from '../../src/fuzz/generate.js';
import { assemble } from '../../src/text/asm.js';
import { compiledFuzzEngine } from '../../src/fuzz/engines.js';

const DIR = join(import.meta.dirname, 'regressions');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.stfasm')).sort();
const CANDIDATES = [compiledFuzzEngine(), compiledFuzzEngine({ countInstructions: true }), compiledFuzzEngine({ optimize: false })];

function directives(text: string): { limits: RunLimits; expectDivergence: boolean } {
  let limits: RunLimits = RUN_LIMITS;
  let expectDivergence = false;
  for (const m of text.matchAll(/^;\s*fuzz-(limits|expect):(.*)$/gm)) {
    if (m[1] === 'expect') {
      expectDivergence = m[2]!.trim() === 'divergence';
      continue;
    }
    for (const [, key, value] of m[2]!.matchAll(/(maxInstructions|maxCallDepth)=(\d+)/g)) {
      limits = { ...limits, [key!]: Number(value) };
    }
  }
  return { limits, expectDivergence };
}

describe('fuzz regressions', () => {
  it('has reproducers to replay', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  for (const file of FILES) {
    it(file, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const { limits, expectDivergence } = directives(text);
      const loaded = linkProgram(assemble(text));
      for (const candidate of CANDIDATES) {
        if (limits.maxInstructions < RUN_LIMITS.maxInstructions && !candidate.countsInstructions) continue;
        const verdict = await runDifferential(loaded, { candidate, limits });
        const report = `${candidate.name}\n${describeVerdict(verdict, 'interp', candidate.name)}`;
        expect(verdict.verdict, report).toBe(expectDivergence ? 'diverged' : 'same');
      }
    });
  }
});
