/**
 * Differential execution: run one program in a reference engine (the interpreter) and a candidate (the
 * compiled module) with the same entry and limits, and report the first observable difference — printed
 * lines, returned value (`Program returned:` text and full structure), error message and kind — or a
 * crash (a JS exception other than `VmError`) in either engine.
 *
 * Limits: both runs get `maxCallDepth`; `maxInstructions` goes to every engine that counts instructions.
 * When the reference stops at the instruction limit and the candidate cannot count, the program is
 * skipped (the candidate would run on unbounded).
 */
import type { LoadedProgram } from '../bytecode/loaded.js';
import { capture, failure, type Outcome } from './outcome.js';
import { interpreterFuzzEngine, type FuzzEngine } from './engines.js';
import type { RunOptions } from '../interp/engine.js';

export interface RunLimits {
  readonly maxInstructions: number;
  readonly maxCallDepth: number;
}

export interface DifferentialOptions {
  readonly candidate: FuzzEngine;
  /** Default: the reference interpreter. */
  readonly reference?: FuzzEngine;
  readonly entry?: string;
  readonly limits: RunLimits;
}

export type DivergenceKind = 'crash' | 'output' | 'status' | 'result' | 'error';

export interface Divergence {
  readonly kind: DivergenceKind;
  /** For crashes: which engine crashed (the reference, the candidate, or both). */
  readonly side?: 'reference' | 'candidate' | 'both';
  /** One line saying what differs. */
  readonly summary: string;
}

export type Verdict =
  | { readonly verdict: 'same'; readonly reference: Outcome; readonly candidate: Outcome }
  | { readonly verdict: 'skipped'; readonly reason: string; readonly reference: Outcome }
  | { readonly verdict: 'diverged'; readonly divergence: Divergence; readonly reference: Outcome; readonly candidate: Outcome };

export async function runDifferential(loaded: LoadedProgram, options: DifferentialOptions): Promise<Verdict> {
  const entry = options.entry ?? 'main';
  const referenceEngine = options.reference ?? interpreterFuzzEngine;
  const reference = await runIn(referenceEngine, loaded, entry, options.limits);
  if (
    reference.status === 'error' && reference.kind === 'Limit' && reference.message.startsWith('Instruction limit') &&
    !options.candidate.countsInstructions
  ) {
    return { verdict: 'skipped', reason: `reference stopped: ${reference.message}`, reference };
  }
  const candidate = await runIn(options.candidate, loaded, entry, options.limits);
  const divergence = compareOutcomes(reference, candidate);
  return divergence ? { verdict: 'diverged', divergence, reference, candidate } : { verdict: 'same', reference, candidate };
}

async function runIn(engine: FuzzEngine, loaded: LoadedProgram, entry: string, limits: RunLimits): Promise<Outcome> {
  let prepared;
  try {
    prepared = await engine.prepare(loaded);
  } catch (err) {
    return failure(err, [], 'prepare');
  }
  return capture((print) => {
    const options: RunOptions = engine.countsInstructions
      ? { print, maxCallDepth: limits.maxCallDepth, maxInstructions: limits.maxInstructions }
      : { print, maxCallDepth: limits.maxCallDepth };
    return prepared(entry, [], options);
  });
}

/** The first difference between two outcomes, or null when they agree. */
export function compareOutcomes(reference: Outcome, candidate: Outcome): Divergence | null {
  if (reference.status === 'crash' || candidate.status === 'crash') {
    const side = reference.status !== 'crash' ? 'candidate' : candidate.status !== 'crash' ? 'reference' : 'both';
    const crashed = candidate.status === 'crash' ? candidate : reference;
    return { kind: 'crash', side, summary: `${side} crashed: ${describeOutcome(crashed)}` };
  }
  const a = reference.output;
  const b = candidate.output;
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    if (a[i] !== b[i]) {
      return { kind: 'output', summary: `printed line ${i + 1} differs: ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}` };
    }
  }
  if (reference.status !== candidate.status) {
    return { kind: 'status', summary: `${describeOutcome(reference)} vs ${describeOutcome(candidate)}` };
  }
  if (a.length !== b.length) {
    return { kind: 'output', summary: `${a.length} vs ${b.length} printed lines` };
  }
  if (reference.status === 'returned' && candidate.status === 'returned') {
    if (reference.result !== candidate.result || reference.structure !== candidate.structure) {
      return { kind: 'result', summary: `returned ${reference.structure} vs ${candidate.structure}` };
    }
  } else if (reference.status === 'error' && candidate.status === 'error') {
    if (reference.message !== candidate.message || reference.kind !== candidate.kind) {
      return { kind: 'error', summary: `${describeOutcome(reference)} vs ${describeOutcome(candidate)}` };
    }
  }
  return null;
}

export function describeOutcome(o: Outcome): string {
  switch (o.status) {
    case 'returned':
      return `returned ${o.result}`;
    case 'error':
      return `error [${o.kind}] ${o.message}`;
    case 'crash':
      return `crash (${o.stage}) ${o.message}`;
  }
}

/** A multi-line report of both outcomes. */
export function describeVerdict(v: Verdict, referenceName = 'interp', candidateName = 'compiled'): string {
  const lines: string[] = [];
  const show = (name: string, o: Outcome) => {
    lines.push(`${name}: ${describeOutcome(o)}`);
    for (const l of o.output) lines.push(`  | ${l}`);
  };
  if (v.verdict === 'diverged') lines.push(`divergence (${v.divergence.kind}): ${v.divergence.summary}`);
  if (v.verdict === 'skipped') lines.push(`skipped: ${v.reason}`);
  show(referenceName, v.reference);
  if (v.verdict !== 'skipped') show(candidateName, v.candidate);
  return lines.join('\n');
}
