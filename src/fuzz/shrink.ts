/**
 * Delta debugging for programs: makes a program smaller while a predicate ("the divergence is still
 * there") holds. Every candidate must still link (`linkProgram`), so each step keeps the program valid.
 *
 * Passes, repeated until none makes progress: drop whole functions (never the entry), drop chunks of
 * instructions (halving chunk sizes down to single instructions), drop a CALL with its PUSHARGs, drop
 * parameters and upvalue names,
 * simplify constants (towards 0 / "" / short, shared or per LDI), replace a computation by a constant,
 * lower register operands, drop unused constants and labels.
 */
import { BytecodeError } from '../bytecode/errors.js';
import { linkProgram } from '../bytecode/load.js';
import type { LoadedProgram } from '../bytecode/loaded.js';
import type { Constant, Instruction, Program } from '../bytecode/model.js';
import { f64ToBits } from '../text/constants.js';
import { compact, removeFunction, removeInstructions, replaceConstant, replaceFunction, replaceInstruction } from './edit.js';

/** True when the (linked) candidate still shows the behaviour being reduced. */
export type ShrinkPredicate = (loaded: LoadedProgram, program: Program) => Promise<boolean> | boolean;

export interface ShrinkOptions {
  /** The function that must survive (default `main`). */
  readonly entry?: string;
  /** Stop after this many predicate evaluations (default 5000). */
  readonly maxTests?: number;
}

export interface ShrinkResult {
  readonly program: Program;
  /** Predicate evaluations performed. */
  readonly tests: number;
}

export async function shrinkProgram(program: Program, predicate: ShrinkPredicate, options: ShrinkOptions = {}): Promise<ShrinkResult> {
  const entry = options.entry ?? 'main';
  const maxTests = options.maxTests ?? 5000;
  let tests = 0;
  let best = program;

  const accept = async (candidate: Program): Promise<boolean> => {
    if (tests >= maxTests) return false;
    let loaded: LoadedProgram;
    try {
      loaded = linkProgram(candidate);
    } catch (err) {
      if (err instanceof BytecodeError) return false;
      throw err;
    }
    if (!loaded.functions.has(entry)) return false;
    tests++;
    if (!(await predicate(loaded, candidate))) return false;
    best = candidate;
    return true;
  };

  const passes: (() => Promise<boolean>)[] = [
    async () => {
      await accept(compact(best)); // a cleanup, not progress by itself
      return false;
    },
    async () => {
      let progress = false;
      for (let i = best.functions.length - 1; i >= 0; i--) {
        if (best.functions[i]!.name !== entry && (await accept(removeFunction(best, i)))) progress = true;
      }
      return progress;
    },
    async () => {
      let progress = false;
      for (let fi = 0; fi < best.functions.length; fi++) if (await removeChunks(fi)) progress = true;
      return progress;
    },
    async () => {
      // A CALL together with the PUSHARGs feeding it (removing either alone usually breaks the call).
      let progress = false;
      for (let fi = 0; fi < best.functions.length; fi++) {
        for (let k = best.functions[fi]!.instructions.length - 1; k >= 0; k--) {
          const f = best.functions[fi]!;
          if (f.instructions[k]?.op !== 'CALL') continue;
          let start = k;
          while (start > 0 && f.instructions[start - 1]!.op === 'PUSHARG') start--;
          if (start < k && (await accept(replaceFunction(best, fi, removeInstructions(f, start, k + 1))))) progress = true;
        }
      }
      return progress;
    },
    async () => {
      let progress = false;
      for (let fi = 0; fi < best.functions.length; fi++) {
        for (let k = best.functions[fi]!.paramNames.length - 1; k >= 0; k--) {
          const f = best.functions[fi]!;
          const drop = <T>(xs: readonly T[] | undefined) => xs?.filter((_, i) => i !== k);
          if (await accept(replaceFunction(best, fi, { ...f, paramNames: drop(f.paramNames)!, paramTypes: drop(f.paramTypes) }))) {
            progress = true;
          }
        }
        for (let k = best.functions[fi]!.upvalueNames.length - 1; k >= 0; k--) {
          const f = best.functions[fi]!;
          if (await accept(replaceFunction(best, fi, { ...f, upvalueNames: f.upvalueNames.filter((_, i) => i !== k) }))) progress = true;
        }
      }
      return progress;
    },
    async () => {
      let progress = false;
      for (let ci = 0; ci < best.constants.length; ci++) {
        if (await firstAccepted(simplerConstants(best.constants[ci]!).map((c) => replaceConstant(best, ci, c)))) progress = true;
      }
      return progress;
    },
    async () => {
      // One instruction at a time: an LDI gets its own simpler constant; a computation becomes an LDI.
      let progress = false;
      for (let fi = 0; fi < best.functions.length; fi++) {
        for (let ii = 0; ii < best.functions[fi]!.instructions.length; ii++) {
          const ins = best.functions[fi]!.instructions[ii]!;
          const replacements = ins.op === 'LDI'
            ? simplerConstants(best.constants[ins.index]!)
            : 'dst' in ins && ins.op !== 'LDS' ? CONSTANT_RESULTS : [];
          const ldi: Instruction = { op: 'LDI', dst: (ins as { dst: number }).dst, index: best.constants.length };
          const candidates = replacements.map((c) =>
            replaceFunction({ ...best, constants: [...best.constants, c] }, fi, replaceInstruction(best.functions[fi]!, ii, ldi)),
          );
          if (await firstAccepted(candidates)) progress = true;
        }
      }
      return progress;
    },
    async () => {
      let progress = false;
      for (let fi = 0; fi < best.functions.length; fi++) {
        for (let ii = 0; ii < best.functions[fi]!.instructions.length; ii++) {
          const f = best.functions[fi]!;
          const candidates = lowerRegisters(f.instructions[ii]!).map((simpler) => replaceFunction(best, fi, replaceInstruction(f, ii, simpler)));
          if (await firstAccepted(candidates)) progress = true;
        }
      }
      return progress;
    },
  ];

  /** Tries candidates (all built from the same `best`) in order; true once one is accepted. */
  async function firstAccepted(candidates: readonly Program[]): Promise<boolean> {
    for (const c of candidates) if (await accept(c)) return true;
    return false;
  }

  /** ddmin over one function's instructions: remove chunks, halving the chunk size down to 1. */
  async function removeChunks(fi: number): Promise<boolean> {
    let progress = false;
    for (let size = Math.max(1, best.functions[fi]!.instructions.length >> 1); size >= 1; size >>= 1) {
      for (let start = best.functions[fi]!.instructions.length - size; start >= 0; start -= size) {
        const f = best.functions[fi]!;
        if (await accept(replaceFunction(best, fi, removeInstructions(f, start, Math.min(start + size, f.instructions.length))))) {
          progress = true;
        }
      }
      if (size === 1) break;
    }
    return progress;
  }

  for (let round = 0; round < 50 && tests < maxTests; round++) {
    let progress = false;
    for (const pass of passes) if (await pass()) progress = true;
    if (!progress) break;
  }
  await accept(compact(best));
  return { program: best, tests };
}

/** Constants tried in place of a computed result. */
const CONSTANT_RESULTS: readonly Constant[] = [{ kind: 'i64', value: 0n }, { kind: 'i64', value: 1n }, { kind: 'unit' }];

/** Candidate replacements for a constant, simplest first (same kind: the program's types stay). */
export function simplerConstants(c: Constant): Constant[] {
  switch (c.kind) {
    case 'unit':
      return [];
    case 'bool':
      return c.byte > 1 ? [{ kind: 'bool', byte: 1 }] : [];
    case 'string': {
      const chars = [...c.value];
      if (chars.length === 0) return [];
      const out: Constant[] = [{ kind: 'string', value: '' }];
      if (chars.length > 1) out.push({ kind: 'string', value: chars.slice(0, chars.length >> 1).join('') });
      if (chars.length > 1 || /[^a-z]/.test(c.value)) out.push({ kind: 'string', value: 'a' });
      return out;
    }
    case 'float': {
      const out: Constant[] = [];
      for (const x of [0, 1, 2]) {
        const bits = f64ToBits(x);
        if (bits !== c.bits) out.push({ kind: 'float', bits });
      }
      return out;
    }
    case 'i64':
    case 'u64':
      return towardZero(c.value).map((value) => ({ kind: c.kind, value }));
    default:
      return towardZero(BigInt(c.value)).map((value) => ({ kind: c.kind, value: Number(value) }));
  }
}

function towardZero(v: bigint): bigint[] {
  if (v === 0n) return [];
  const out = new Set<bigint>([0n, 1n, v / 2n, v > 0n ? v - 1n : v + 1n]);
  out.delete(v);
  return [...out].filter((x) => (v < 0n ? x <= 0n || x === 1n : x >= 0n));
}

/** Variants of an instruction with one register operand lowered (to r0, or by half). */
export function lowerRegisters(ins: Instruction): Instruction[] {
  const fields = (['dst', 'src', 'lhs', 'rhs'] as const).filter((k) => k in ins);
  const out: Instruction[] = [];
  for (const k of fields) {
    const r = (ins as unknown as Record<string, number>)[k]!;
    for (const lower of new Set([0, r >> 1])) {
      if (lower < r) out.push({ ...ins, [k]: lower } as Instruction);
    }
  }
  return out;
}
