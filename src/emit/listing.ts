/**
 * The disassembly listing that source maps point into: one line per bytecode instruction, starting with
 * its position `function:instruction`, under a `.function` heading per function (module order), with the
 * labels and the `LDI` constants shown. It is embedded in the map (`sourcesContent`), so a debugger shows
 * the instruction a generated statement came from, and a mapped stack frame names it.
 *
 *   .function fib(n: int64) -> int64          ; function #1
 *     fib:0    LDI r1, #2                      ; 2
 *   loop:
 *     fib:1    CMP r0, r1
 */
import type { LoadedFunction } from '../bytecode/loaded.js';
import type { Constant } from '../bytecode/model.js';
import { formatLiteral } from '../text/constants.js';
import { formatInstruction } from '../text/disasm.js';
import { formatName } from '../text/escapes.js';
import { formatFunctionType } from '../text/type-format.js';
import { HEADER } from './js.js';

/** Longest constant text shown in an `LDI` comment before it is shortened. */
const MAX_CONSTANT_TEXT = 48;
const POSITION_WIDTH = 10;
const COMMENT_COLUMN = 44;

export interface Listing {
  readonly text: string;
  /** The 1-based line of instruction `k` of function number `fn` (module order), or of its heading for `HEADER`. */
  line(fn: number, k: number): number;
  /** The position's name: `name:k` (the function's name as is), or the function's name for `HEADER`. */
  position(fn: number, k: number): string;
}

export function makeListing(sourceName: string, functions: readonly LoadedFunction[], constants: readonly Constant[]): Listing {
  const out = [`; ${sourceName}: disassembly listing by stoffel-jit (source-map positions function:instruction)`];
  /** Per function, the 1-based line of its heading and of each instruction. */
  const headings: number[] = [];
  const lines = functions.map((fn, i) => {
    const r = fn.record;
    const params = r.paramNames.map((n, k) => (r.paramTypes?.[k] ? `${formatName(n)}: ${formatFunctionType(r.paramTypes[k])}` : formatName(n)));
    const returns = r.returnType ? ` -> ${formatFunctionType(r.returnType)}` : '';
    out.push('', withComment(`.function ${formatName(fn.name)}(${params.join(', ')})${returns}`, `function #${i}`));
    headings.push(out.length);
    const labels = new Map<number, string[]>();
    for (const l of r.labels) labels.set(l.target, [...(labels.get(l.target) ?? []), formatName(l.name)]);
    const name = formatName(fn.name);
    const byInstruction = r.instructions.map((ins, k) => {
      for (const label of labels.get(k) ?? []) out.push(`${label}:`);
      const text = `  ${`${name}:${k}`.padEnd(POSITION_WIDTH)} ${formatInstruction(ins)}`;
      out.push(ins.op === 'LDI' ? withComment(text, constantText(constants[ins.index]!)) : text);
      return out.length;
    });
    for (const label of labels.get(r.instructions.length) ?? []) out.push(`${label}:`);
    out.push('.end');
    return byInstruction;
  });
  return {
    text: `${out.join('\n')}\n`,
    line: (fn, k) => (k === HEADER ? headings[fn]! : lines[fn]![k]!),
    position: (fn, k) => (k === HEADER ? functions[fn]!.name : `${functions[fn]!.name}:${k}`),
  };
}

function withComment(text: string, comment: string): string {
  return `${text.padEnd(COMMENT_COLUMN - 1)} ; ${comment}`;
}

function constantText(c: Constant): string {
  const text = formatLiteral(c);
  return text.length > MAX_CONSTANT_TEXT ? `${text.slice(0, MAX_CONSTANT_TEXT - 1)}…` : text;
}
