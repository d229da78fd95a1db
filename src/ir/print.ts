/**
 * The IR text form, used by golden tests (text in -> pass -> text out) and for debugging.
 *
 *   func "fib" arity 1 {
 *   b0(v0):
 *     v1 = const i64 2 @0
 *     brcmp.lt v0, v1, b1(), b2(v0) @1
 *   b1():
 *     ret v0 @3
 *   ...
 *   }
 *
 * Names and strings are JSON string literals; floats print their raw bits; `@N` is the bytecode position.
 * `parseIr` (parse.ts) reads exactly this form back.
 */
import type { Block, Edge, Inst, IrFunction, Lit, Term } from './ir.js';

export function printLit(l: Lit): string {
  switch (l.kind) {
    case 'unit':
      return 'unit';
    case 'i64':
      return `i64 ${l.value}`;
    case 'int':
      return `${l.int} ${l.value}`;
    case 'float':
      return `float 0x${l.bits.toString(16).padStart(16, '0')}`;
    case 'bool':
      return `bool ${l.value}`;
    case 'string':
      return `string ${JSON.stringify(l.value)}`;
    case 'flag':
      return `flag ${l.value}`;
  }
}

const v = (id: number): string => `v${id}`;
const pos = (p: number): string => (p >= 0 ? ` @${p}` : '');

function edge(e: Edge): string {
  return `b${e.block}(${e.args.map(v).join(', ')})`;
}

export function printInst(i: Inst): string {
  const lhs = i.dst >= 0 ? `${v(i.dst)} = ` : '';
  const args = i.args.map(v).join(', ');
  let body: string;
  switch (i.op) {
    case 'const':
      body = `const ${printLit(i.lit)}`;
      break;
    case 'call':
      body = `${i.direct ? 'call.direct' : 'call'} ${JSON.stringify(i.name)}(${args})`;
      break;
    case 'callstack':
      body = `${i.direct ? 'callstack.direct' : 'callstack'} ${JSON.stringify(i.name)}`;
      break;
    case 'ldstack':
      body = `ldstack ${i.offset}`;
      break;
    case 'tosecret':
      body = `tosecret r${i.reg}, ${args}`;
      break;
    case 'movbank':
      body = `movbank r${i.dstReg}, r${i.srcReg}, ${args}`;
      break;
    default:
      body = args ? `${i.op} ${args}` : i.op;
  }
  return lhs + body + pos(i.pos);
}

export function printTerm(t: Term): string {
  switch (t.op) {
    case 'jump':
      return `jump ${edge(t.to)}${pos(t.pos)}`;
    case 'br':
    case 'brcmp':
      return `${t.op}.${t.cond} ${t.args.map(v).join(', ')}, ${edge(t.then)}, ${edge(t.else)}${pos(t.pos)}`;
    case 'ret':
      return `ret ${v(t.args[0]!)}${pos(t.pos)}`;
    case 'throw':
      return `throw ${JSON.stringify(t.message)}${pos(t.pos)}`;
  }
}

export function printBlock(b: Block): string {
  const lines = [`b${b.id}(${b.params.map(v).join(', ')}):`];
  for (const i of b.insts) lines.push('  ' + printInst(i));
  lines.push('  ' + printTerm(b.term));
  return lines.join('\n');
}

export function printFunction(f: IrFunction): string {
  return [`func ${JSON.stringify(f.name)} arity ${f.arity} {`, ...f.blocks.map(printBlock), '}'].join('\n') + '\n';
}

export function printFunctions(fns: readonly IrFunction[]): string {
  return fns.map(printFunction).join('\n');
}
