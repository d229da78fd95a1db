/**
 * Structural edits of a `Program` for the shrinker. Every edit returns a new program and keeps the file
 * well-formed (label targets stay within 0..instruction count); whether it still links is for the caller
 * to check with `linkProgram`.
 */
import type { Constant, FunctionRecord, Instruction, Program } from '../bytecode/model.js';
import { constantKey } from '../text/constants.js';

export function replaceFunction(p: Program, index: number, record: FunctionRecord): Program {
  return { ...p, functions: p.functions.map((f, i) => (i === index ? record : f)) };
}

export function removeFunction(p: Program, index: number): Program {
  return { ...p, functions: p.functions.filter((_, i) => i !== index) };
}

/** Removes instructions [start, end); labels inside or after the range move with the code. */
export function removeInstructions(f: FunctionRecord, start: number, end: number): FunctionRecord {
  const removed = end - start;
  return {
    ...f,
    instructions: [...f.instructions.slice(0, start), ...f.instructions.slice(end)],
    labels: f.labels.map((l) => {
      if (l.target <= start) return l;
      return { name: l.name, target: l.target >= end ? l.target - removed : start };
    }),
  };
}

export function replaceInstruction(f: FunctionRecord, index: number, ins: Instruction): FunctionRecord {
  return { ...f, instructions: f.instructions.map((x, i) => (i === index ? ins : x)) };
}

export function replaceConstant(p: Program, index: number, c: Constant): Program {
  return { ...p, constants: p.constants.map((x, i) => (i === index ? c : x)) };
}

/**
 * Drops what cannot affect a run: constants no `LDI` loads (renumbering the rest, merging duplicates),
 * labels no jump uses, and explicit register counts (the loader derives the frame size from operands).
 */
export function compact(p: Program): Program {
  const used = new Map<number, number>();
  const kept: Constant[] = [];
  const byKey = new Map<string, number>();
  for (const f of p.functions) {
    for (const ins of f.instructions) {
      if (ins.op !== 'LDI' || used.has(ins.index) || ins.index >= p.constants.length) continue;
      const c = p.constants[ins.index]!;
      const key = constantKey(c);
      let to = byKey.get(key);
      if (to === undefined) {
        to = kept.length;
        kept.push(c);
        byKey.set(key, to);
      }
      used.set(ins.index, to);
    }
  }
  const functions = p.functions.map((f): FunctionRecord => {
    const jumpedTo = new Set<string>();
    for (const ins of f.instructions) if ('label' in ins) jumpedTo.add(ins.label);
    return {
      ...f,
      registerCount: 0,
      labels: f.labels.filter((l) => jumpedTo.has(l.name)),
      instructions: f.instructions.map((ins) => (ins.op === 'LDI' && used.has(ins.index) ? { ...ins, index: used.get(ins.index)! } : ins)),
    };
  });
  return { ...p, constants: kept, functions };
}
