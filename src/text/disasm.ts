/**
 * Disassembler: prints a `Program` as the `.stfasm` text form (syntax in asm.ts and docs/text-format.md).
 * The listing is meant to be read, and `assemble(disassemble(p))` gives back `p` exactly, so the unusual
 * encodings a file can hold are spelled out with extra directives only where they occur.
 */
import type { Constant, FunctionRecord, Instruction, Label, Manifest, Program } from '../bytecode/model.js';
import { formatConstantValue, formatLiteral } from './constants.js';
import { formatName } from './escapes.js';
import { appendTo } from './multimap.js';
import { formatFunctionType, formatShareType } from './type-format.js';

/** Column where instruction comments start, so indices line up. */
const COMMENT_COLUMN = 32;
/** Bytes per `.trailing` line. */
const TRAILING_CHUNK = 32;
/** Longest constant text shown in an `LDI` comment before it is shortened. */
const MAX_COMMENT_VALUE = 48;

export function disassemble(p: Program): string {
  const out: string[] = [
    `; StoffelVM program, format version ${p.version}: ${p.constants.length} constant(s), ` +
      `${p.functions.length} function(s)`,
    `.version ${p.version}`,
  ];
  if (p.manifest) out.push(...manifestLines(p.manifest));

  if (p.constants.length > 0) {
    out.push('', '; constant pool');
    const indexWidth = String(p.constants.length - 1).length;
    p.constants.forEach((c, i) => {
      out.push(`.const #${String(i).padEnd(indexWidth)} ${c.kind.padEnd(6)} ${formatConstantValue(c)}`);
    });
  }

  // Files may repeat a function record verbatim (the loader skips the copy); say so in the heading.
  const firstWithText = new Map<string, number>();
  p.functions.forEach((f, i) => {
    const lines = functionLines(f, p.constants);
    const text = lines.join('\n');
    const original = firstWithText.get(text);
    if (original === undefined) firstWithText.set(text, i);
    const copy = original === undefined ? '' : `, an identical copy of function #${original}`;
    out.push('', `; function #${i}: ${f.instructions.length} instruction(s)${copy}`, ...lines);
  });

  if (p.trailing.length > 0) {
    out.push('', `; ${p.trailing.length} byte(s) after the last section`);
    for (let i = 0; i < p.trailing.length; i += TRAILING_CHUNK) {
      const hex = Array.from(p.trailing.subarray(i, i + TRAILING_CHUNK), (b) => b.toString(16).padStart(2, '0'));
      out.push(`.trailing "${hex.join('')}"`);
    }
  }
  return `${out.join('\n')}\n`;
}

function manifestLines(m: Manifest): string[] {
  const lines: string[] = [];
  if (m.backend !== undefined) lines.push(`.backend ${m.backend}`);
  if (m.curve !== undefined) lines.push(`.curve ${m.curve}`);
  for (const client of m.clients) {
    lines.push(
      `.client ${client.slot} inputs(${client.inputs.map(formatShareType).join(', ')}) ` +
        `outputs(${client.outputs.map(formatShareType).join(', ')})`,
    );
  }
  const d = m.demand;
  if (d) {
    const dynamic = d.dynamic === 0 ? 'false' : d.dynamic === 1 ? 'true' : String(d.dynamic);
    lines.push(
      `.demand triples=${d.triples} randoms=${d.randoms} prandbits=${d.prandbits} prandints=${d.prandints} ` +
        `dynamic=${dynamic}`,
    );
  }
  return lines;
}

function functionLines(f: FunctionRecord, constants: readonly Constant[]): string[] {
  const params = f.paramNames.map((name, i) => {
    const type = f.paramTypes?.[i];
    return type ? `${formatName(name)}: ${formatFunctionType(type)}` : formatName(name);
  });
  const returns = f.returnType ? ` -> ${formatFunctionType(f.returnType)}` : '';
  const lines = [`.function ${formatName(f.name)}(${params.join(', ')})${returns}`, `  .registers ${f.registerCount}`];
  if (f.upvalueNames.length > 0) lines.push(`  .upvalues ${f.upvalueNames.map(formatName).join(', ')}`);
  if (f.parent !== null) lines.push(`  .parent ${formatName(f.parent)}`);

  const count = f.instructions.length;
  const { atPosition, beyondEnd, textOrder } = placeLabels(f.labels, count);
  if (textOrder.some((fileIndex, i) => fileIndex !== i)) lines.push(`  .label_order ${labelOrder(f.labels)}`);

  for (let i = 0; i <= count; i++) {
    for (const label of atPosition.get(i) ?? []) lines.push(`${formatName(label.name)}:`);
    const instruction = f.instructions[i];
    if (instruction === undefined) break;
    const text = `  ${formatInstruction(instruction)}`;
    const comment = `; [${i}]${instruction.op === 'LDI' ? ` ${describeConstant(constants[instruction.index])}` : ''}`;
    lines.push(`${text.padEnd(COMMENT_COLUMN - 1)} ${comment}`);
  }
  for (const label of beyondEnd) lines.push(`  .label ${formatName(label.name)} = ${label.target}`);
  lines.push('.end');
  return lines;
}

/**
 * Where each label is printed: before the instruction it points to (or after the last one when it
 * points to the end), or as a `.label` directive when it points past the end. `textOrder` lists the
 * labels' file indices in the order the listing defines them.
 */
function placeLabels(labels: readonly Label[], count: number) {
  const atPosition = new Map<number, Label[]>();
  const beyondEnd: Label[] = [];
  const byPosition = new Map<number, number[]>();
  const beyondIndices: number[] = [];
  labels.forEach((label, fileIndex) => {
    if (label.target <= count) {
      appendTo(atPosition, label.target, label);
      appendTo(byPosition, label.target, fileIndex);
    } else {
      beyondEnd.push(label);
      beyondIndices.push(fileIndex);
    }
  });
  const positions = [...byPosition.keys()].sort((a, b) => a - b);
  const textOrder = [...positions.flatMap((t) => byPosition.get(t)!), ...beyondIndices];
  return { atPosition, beyondEnd, textOrder };
}

/**
 * The file order of the labels. A name defined more than once at different targets is qualified with
 * `@target` so each entry picks out its definition; otherwise the bare name is enough.
 */
function labelOrder(labels: readonly Label[]): string {
  const targets = new Map<string, Set<number>>();
  for (const { name, target } of labels) {
    const set = targets.get(name);
    if (set) set.add(target);
    else targets.set(name, new Set([target]));
  }
  return labels
    .map(({ name, target }) => (targets.get(name)!.size > 1 ? `${formatName(name)}@${target}` : formatName(name)))
    .join(', ');
}

export function formatInstruction(ins: Instruction): string {
  switch (ins.op) {
    case 'LD':
      return `LD r${ins.dst}, ${ins.offset}`;
    case 'LDI':
      return `LDI r${ins.dst}, #${ins.index}`;
    case 'MOV':
    case 'NOT':
      return `${ins.op} r${ins.dst}, r${ins.src}`;
    case 'JMP':
    case 'JMPEQ':
    case 'JMPNEQ':
    case 'JMPLT':
    case 'JMPGT':
      return `${ins.op} ${formatName(ins.label)}`;
    case 'CALL':
      return `CALL ${formatName(ins.name)}`;
    case 'RET':
    case 'PUSHARG':
      return `${ins.op} r${ins.src}`;
    case 'CMP':
      return `CMP r${ins.lhs}, r${ins.rhs}`;
    case 'NOP':
      return 'NOP';
    case 'LDS':
      return `LDS r${ins.dst}, ${ins.slot}`;
    case 'STS':
      return `STS ${ins.slot}, r${ins.src}`;
    default:
      return `${ins.op} r${ins.dst}, r${ins.lhs}, r${ins.rhs}`;
  }
}

function describeConstant(c: Constant | undefined): string {
  if (c === undefined) return '(no such constant)';
  const chars = Array.from(formatLiteral(c));
  if (chars.length <= MAX_COMMENT_VALUE) return chars.join('');
  // Shortened by code points so no surrogate pair is split; keeps the closing quote of a string.
  return `${chars.slice(0, MAX_COMMENT_VALUE - 2).join('')}…${chars.at(-1)}`;
}
