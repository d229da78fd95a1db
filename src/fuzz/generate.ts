/**
 * Random valid StoffelVM programs for differential fuzzing: a pure function of (seed, options).
 *
 * A program has `main` (no parameters, the entry) and up to a few more functions with 0–5 parameters.
 * Signatures are planned first; bodies are written from the last function to the first, so every caller
 * knows its callees' return types and costs (function-gen.ts). Calls go only to later functions (or, for a
 * recursive function, once to itself with a decremented depth), so every run terminates; runs still use
 * `maxInstructions` / `maxCallDepth` as a safety net.
 *
 * Programs use only clear registers (r0–r15) unless `secretRegisters` is set.
 */
import { RESERVED_NAMES } from '../../runtime/builtins/names.js';
import { FORMAT_VERSION, type FunctionRecord, type Program } from '../bytecode/model.js';
import type { Ty } from './abstract-types.js';
import { ConstantPool } from './constants.js';
import { FunctionGenerator, type FunctionPlan, type GenContext, type ParamPlan } from './function-gen.js';
import { Rng } from './random.js';

export interface GenerateOptions {
  /** Size knob: the most top-level statements per function body (default 12). Functions scale with it. */
  readonly size?: number;
  /** Probability that a program contains deliberately failing statements (default 0.35). */
  readonly errorProbability?: number;
  /** Allow statements touching secret registers r16+ (default false: clear-only programs). */
  readonly secretRegisters?: boolean;
  /** Upper bound on the estimated instructions one call of any function executes (default 20000). */
  readonly budget?: number;
}

/** Largest depth argument a generated call passes to a recursive function. */
export const MAX_RECURSION = 4;

/** Limits that runs of generated programs use; generated programs stay far below them. */
export const RUN_LIMITS = { maxInstructions: 1_000_000, maxCallDepth: 200 } as const;

const PARAM_NAMES = ['a', 'b', 'c', 'd', 'e'];
const UPVALUE_NAMES = ['a', 'b', 'c'];
/** Occasional function names: a program `add` takes precedence over the Share method; dotted; quoted. */
const ODD_NAMES = ['add', 'util.helper', 'open', 'f é', 'Point::new'];

export function generateProgram(seed: number, options: GenerateOptions = {}): Program {
  const rng = new Rng(seed);
  const size = Math.max(1, options.size ?? 12);
  const errorMode = rng.chance(options.errorProbability ?? 0.35);
  const pool = new ConstantPool();
  const plans = planFunctions(rng, size);
  const ctx: GenContext = {
    rng,
    pool,
    plans,
    errorRate: errorMode ? 0.04 : 0,
    wild: rng.chance(0.4),
    budget: options.budget ?? 20_000,
    maxRecursion: MAX_RECURSION,
    secretRegisters: options.secretRegisters ?? false,
    called: new Set(),
  };
  const records = new Array<FunctionRecord>(plans.length);
  for (let i = plans.length - 1; i >= 0; i--) {
    records[i] = new FunctionGenerator(ctx, plans[i]!).generate(rng.range(1, size));
  }
  return {
    version: FORMAT_VERSION,
    constants: pool.entries,
    functions: records,
    manifest: {
      backend: 'honeybadger',
      curve: 'bls12-381',
      clients: [],
      demand: { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 },
    },
    trailing: new Uint8Array(0),
  };
}

function planFunctions(rng: Rng, size: number): FunctionPlan[] {
  const count = 1 + rng.int(Math.min(6, 1 + Math.floor(size / 3)));
  const used = new Set<string>(['main']);
  const plans: FunctionPlan[] = [{ index: 0, name: 'main', params: [], upvalues: [], recursive: false, returnTy: 'unknown', cost: 0 }];
  for (let index = 1; index < count; index++) {
    let name = `f${index}`;
    if (rng.chance(0.1)) {
      const odd = rng.pick(ODD_NAMES);
      if (!used.has(odd) && !RESERVED_NAMES.has(odd)) name = odd;
    }
    used.add(name);
    const recursive = rng.chance(0.2);
    const params: ParamPlan[] = [];
    if (recursive) params.push({ name: 'n', ty: 'i64' });
    const names = shuffled(rng, PARAM_NAMES);
    for (let i = rng.int(6 - params.length); i > 0; i--) {
      // A closure over a later function, which this one may call (closures only call forward).
      const ty: Ty = index < count - 1 && rng.chance(0.12) ? `closure:${rng.range(index + 1, count - 1)}` : paramType(rng);
      params.push({ name: names.pop()!, ty });
    }
    plans.push({ index, name, params, upvalues: upvalueNames(rng, plans, recursive), recursive, returnTy: 'unknown', cost: 0 });
  }
  return plans;
}

/**
 * Upvalue names for a new function: usually names an earlier function (a possible caller or closure
 * creator) can supply from its parameters or upvalues, so captures mostly succeed; sometimes any name.
 */
function upvalueNames(rng: Rng, earlier: readonly FunctionPlan[], recursive: boolean): string[] {
  if (recursive || !rng.chance(0.5)) return [];
  const suppliers = earlier.filter((p) => p.params.length + p.upvalues.length > 0);
  if (suppliers.length === 0) return [];
  const names = rng.chance(0.85)
    ? [...new Set(rng.pick(suppliers).params.map((p) => p.name).concat(rng.pick(suppliers).upvalues))]
    : UPVALUE_NAMES;
  return shuffled(rng, names).slice(0, rng.range(1, 2));
}

function paramType(rng: Rng): Ty {
  return rng.weighted<Ty>({
    i64: 40, unknown: 15, float: 8, string: 10, bool: 7, i32: 3, u8: 3, u64: 4, array: 10,
  });
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
