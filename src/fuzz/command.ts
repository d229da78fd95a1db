/**
 * The `fuzz` command: generate `count` programs from consecutive seeds, run each in the interpreter and in
 * the compiled module, and on a divergence shrink the program and report the reduced reproducer as text
 * assembly. Program `seed + i` is reproduced alone by `--seed <seed + i> --count 1` (same `--max-size`).
 *
 * The candidate rotates with the seed (seed mod 3): the module as normally compiled, one compiled with
 * instruction counting (so `maxInstructions` applies to both engines), and one compiled without the
 * optimizer.
 * Some programs run under small limits (`programLimits`), so the instruction and call-depth limits are
 * hit at varying points and their errors compared too.
 */
import { linkProgram } from '../bytecode/load.js';
import type { Program } from '../bytecode/model.js';
import { disassemble } from '../text/disasm.js';
import { describeVerdict, runDifferential, type Divergence, type RunLimits, type Verdict } from './differential.js';
import { compiledFuzzEngine, interpreterFuzzEngine, type FuzzEngine } from './engines.js';
import { generateProgram, RUN_LIMITS } from './generate.js';
import { Rng } from './random.js';
import { shrinkProgram } from './shrink.js';

/** Exit code when a divergence was found (0 when none). */
export const FUZZ_DIVERGENCE_EXIT = 5;

export interface FuzzOptions {
  readonly count: number;
  readonly seed: number;
  /** Size knob of the generator (most statements per function). */
  readonly maxSize: number;
  /** Called with a one-line progress report (the CLI writes it to stderr). */
  readonly onProgress?: (line: string) => void;
  /** Stop after this many divergences (default 1). */
  readonly maxDivergences?: number;
  /** Shrink divergent programs (default true). */
  readonly shrink?: boolean;
  /** Engines (default: the interpreter against the three compiled variants, rotating with the seed). */
  readonly reference?: FuzzEngine;
  readonly candidates?: readonly FuzzEngine[];
  /** Limits for every program (default: `programLimits` per seed). */
  readonly limits?: RunLimits;
  /** Let programs touch secret registers r16+ (which fail without an MPC engine); default false. */
  readonly secretRegisters?: boolean;
  /** Milliseconds between progress lines (default 1000); a final line is always reported. */
  readonly progressInterval?: number;
}

export interface FoundDivergence {
  readonly seed: number;
  readonly engine: string;
  readonly divergence: Divergence;
  /** The reduced program's text form, and what the two engines did with it. */
  readonly reproducer: string;
  readonly reducedVerdict: string;
  readonly originalInstructions: number;
  readonly reducedInstructions: number;
}

export interface FuzzResult {
  readonly exitCode: number;
  readonly programs: number;
  readonly skipped: number;
  readonly divergences: readonly FoundDivergence[];
  /** What the CLI prints on stdout. */
  readonly report: string;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  checkOptions(options);
  const reference = options.reference ?? interpreterFuzzEngine;
  const candidates = options.candidates ?? defaultCandidates();
  const maxDivergences = options.maxDivergences ?? 1;
  const interval = options.progressInterval ?? 1000;
  const divergences: FoundDivergence[] = [];
  let skipped = 0;
  let programs = 0;
  let lastProgress = Date.now();
  const progress = () =>
    options.onProgress?.(
      `fuzz: ${programs}/${options.count} programs, ${divergences.length} divergence(s), ${skipped} skipped` +
        (programs > 0 ? ` (last seed ${options.seed + programs - 1})` : ''),
    );

  for (let i = 0; i < options.count && divergences.length < maxDivergences; i++) {
    const seed = options.seed + i;
    const candidate = candidates[Math.abs(seed) % candidates.length]!;
    const limits = options.limits ?? programLimits(seed, candidate.countsInstructions);
    const program = generateProgram(seed, { size: options.maxSize, secretRegisters: options.secretRegisters ?? false });
    const verdict = await runDifferential(linkProgram(program), { reference, candidate, limits });
    programs++;
    if (verdict.verdict === 'skipped') skipped++;
    if (verdict.verdict === 'diverged') {
      divergences.push(await reduce(seed, program, verdict, { reference, candidate, limits, shrink: options.shrink ?? true }));
    }
    if (Date.now() - lastProgress >= interval) {
      lastProgress = Date.now();
      progress();
      // Let the event loop run, so the progress line is written now (in a worker thread, output only
      // leaves when the thread's event loop turns).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  progress();
  return {
    exitCode: divergences.length > 0 ? FUZZ_DIVERGENCE_EXIT : 0,
    programs,
    skipped,
    divergences,
    report: report(options, programs, skipped, divergences),
  };
}

function checkOptions(o: FuzzOptions): void {
  const positive = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (!(Number.isSafeInteger(o.count) && o.count >= 0)) throw new RangeError(`count must be a non-negative integer, got ${o.count}`);
  if (!Number.isSafeInteger(o.seed) || !Number.isSafeInteger(o.seed + o.count)) {
    throw new RangeError(`seed must be an integer with seed + count a safe integer, got ${o.seed}`);
  }
  if (!positive(o.maxSize)) throw new RangeError(`max size must be a positive integer, got ${o.maxSize}`);
  if (o.maxDivergences !== undefined && !positive(o.maxDivergences)) {
    throw new RangeError(`max divergences must be a positive integer, got ${o.maxDivergences}`);
  }
}

/** The compiled variants programs are checked against (see the module comment). */
export function defaultCandidates(): FuzzEngine[] {
  return [compiledFuzzEngine(), compiledFuzzEngine({ countInstructions: true }), compiledFuzzEngine({ optimize: false })];
}

/**
 * The limits program `seed` runs under: usually the generous `RUN_LIMITS`, sometimes a small instruction
 * limit (only for engines that count instructions) or a small call-depth limit.
 */
export function programLimits(seed: number, countsInstructions: boolean): RunLimits {
  const rng = new Rng(seed, 1);
  const r = rng.int(100);
  if (r < 25 && countsInstructions) return { ...RUN_LIMITS, maxInstructions: 1 + rng.int(400) };
  if (r >= 85) return { ...RUN_LIMITS, maxCallDepth: 1 + rng.int(6) };
  return RUN_LIMITS;
}

interface ReduceContext {
  readonly reference: FuzzEngine;
  readonly candidate: FuzzEngine;
  readonly limits: RunLimits;
  readonly shrink: boolean;
}

async function reduce(seed: number, program: Program, verdict: Verdict & { verdict: 'diverged' }, ctx: ReduceContext): Promise<FoundDivergence> {
  const target = verdict.divergence;
  let reduced = program;
  let reducedVerdict: Verdict = verdict;
  if (ctx.shrink) {
    const result = await shrinkProgram(program, async (loaded) => {
      const v = await runDifferential(loaded, ctx);
      return v.verdict === 'diverged' && v.divergence.kind === target.kind && v.divergence.side === target.side;
    });
    reduced = result.program;
    reducedVerdict = await runDifferential(linkProgram(reduced), ctx);
  }
  return {
    seed,
    engine: ctx.candidate.name,
    divergence: target,
    reproducer: disassemble(reduced),
    reducedVerdict: describeVerdict(reducedVerdict, ctx.reference.name, ctx.candidate.name),
    originalInstructions: instructionCount(program),
    reducedInstructions: instructionCount(reduced),
  };
}

function instructionCount(p: Program): number {
  return p.functions.reduce((n, f) => n + f.instructions.length, 0);
}

function report(options: FuzzOptions, programs: number, skipped: number, found: readonly FoundDivergence[]): string {
  const lines = [
    `fuzz: ${programs} program(s) from seed ${options.seed} (max size ${options.maxSize}): ` +
      `${found.length} divergence(s), ${skipped} skipped at the instruction limit`,
  ];
  for (const d of found) {
    lines.push(
      '',
      `divergence at seed ${d.seed} (engine ${d.engine}, ${d.divergence.kind}): ${d.divergence.summary}`,
      `reproduce: stoffel-jit fuzz --seed ${d.seed} --count 1 --max-size ${options.maxSize}${options.secretRegisters ? ' --secret-registers' : ''}`,
      `reduced from ${d.originalInstructions} to ${d.reducedInstructions} instruction(s):`,
      '',
      d.reproducer.trimEnd(),
      '',
      d.reducedVerdict,
    );
  }
  return `${lines.join('\n')}\n`;
}
