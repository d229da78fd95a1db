/**
 * Parser for the IR text form printed by print.ts. Value numbers are kept as written; blocks must appear
 * as b0, b1, … in order. Errors are `IrParseError` with the 1-based line number.
 */
import type { IntKind } from '../../runtime/values.js';
import {
  BIN_OPS,
  arityOf,
  CONDS,
  type BinOp,
  type Block,
  type Cond,
  type Edge,
  type Inst,
  type IrFunction,
  type Lit,
  type Term,
} from './ir.js';

export class IrParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'IrParseError';
  }
}

type Tok =
  | { t: 'word'; s: string }
  | { t: 'val'; n: number }
  | { t: 'blk'; n: number }
  | { t: 'reg'; n: number }
  | { t: 'num'; s: string }
  | { t: 'str'; s: string }
  | { t: 'pos'; n: number }
  | { t: 'punct'; s: string };

const INT_KINDS: ReadonlySet<string> = new Set(['i32', 'i16', 'i8', 'u8', 'u16', 'u32', 'u64']);

function tokenize(line: string, lineNo: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const fail = (m: string): never => {
    throw new IrParseError(m, lineNo);
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) fail('unterminated string');
      try {
        out.push({ t: 'str', s: JSON.parse(line.slice(i, j + 1)) as string });
      } catch {
        fail('bad string literal');
      }
      i = j + 1;
      continue;
    }
    if ('(),={}:'.includes(c)) {
      out.push({ t: 'punct', s: c });
      i++;
      continue;
    }
    const m = /^(@\d+|-?0x[0-9a-fA-F]+|-?\d+|[A-Za-z_][\w.]*)/.exec(line.slice(i));
    if (!m) fail(`unexpected character ${JSON.stringify(c)}`);
    const w = m![0];
    i += w.length;
    if (w[0] === '@') out.push({ t: 'pos', n: Number(w.slice(1)) });
    else if (/^-?(0x|\d)/.test(w)) out.push({ t: 'num', s: w });
    else if (/^v\d+$/.test(w)) out.push({ t: 'val', n: Number(w.slice(1)) });
    else if (/^b\d+$/.test(w)) out.push({ t: 'blk', n: Number(w.slice(1)) });
    else if (/^r\d+$/.test(w)) out.push({ t: 'reg', n: Number(w.slice(1)) });
    else out.push({ t: 'word', s: w });
  }
  return out;
}

class Cursor {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly line: number,
  ) {}
  fail(m: string): never {
    throw new IrParseError(m, this.line);
  }
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) this.fail('unexpected end of line');
    return t!;
  }
  punct(s: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.s !== s) this.fail(`expected '${s}'`);
  }
  isPunct(s: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'punct' && t.s === s;
  }
  word(): string {
    const t = this.next();
    if (t.t !== 'word') this.fail('expected a keyword');
    return (t as { s: string }).s;
  }
  val(): number {
    const t = this.next();
    if (t.t !== 'val') this.fail('expected a value (vN)');
    return (t as { n: number }).n;
  }
  reg(): number {
    const t = this.next();
    if (t.t !== 'reg') this.fail('expected a register (rN)');
    return (t as { n: number }).n;
  }
  str(): string {
    const t = this.next();
    if (t.t !== 'str') this.fail('expected a string');
    return (t as { s: string }).s;
  }
  num(): bigint {
    const t = this.next();
    if (t.t !== 'num') this.fail('expected a number');
    const s = (t as { s: string }).s;
    return s.startsWith('-') ? -BigInt(s.slice(1)) : BigInt(s);
  }
  /** Comma-separated values up to a closing parenthesis (already past the opening one). */
  valList(): number[] {
    const out: number[] = [];
    if (this.isPunct(')')) {
      this.next();
      return out;
    }
    for (;;) {
      out.push(this.val());
      const t = this.next();
      if (t.t === 'punct' && t.s === ')') return out;
      if (t.t !== 'punct' || t.s !== ',') this.fail("expected ',' or ')'");
    }
  }
  edge(): Edge {
    const t = this.next();
    if (t.t !== 'blk') this.fail('expected a block (bN)');
    this.punct('(');
    return { block: (t as { n: number }).n, args: this.valList() };
  }
  /** Optional trailing `@N`; then the line must end. */
  pos(): number {
    let p = -1;
    const t = this.peek();
    if (t && t.t === 'pos') {
      p = t.n;
      this.i++;
    }
    if (this.i !== this.toks.length) this.fail('unexpected trailing tokens');
    return p;
  }
}

function parseLit(c: Cursor): Lit {
  const k = c.word();
  switch (k) {
    case 'unit':
      return { kind: 'unit' };
    case 'i64':
      return { kind: 'i64', value: c.num() };
    case 'float':
      return { kind: 'float', bits: c.num() };
    case 'bool': {
      const w = c.word();
      if (w !== 'true' && w !== 'false') c.fail('expected true or false');
      return { kind: 'bool', value: w === 'true' };
    }
    case 'string':
      return { kind: 'string', value: c.str() };
    case 'flag': {
      const n = Number(c.num());
      if (n !== -1 && n !== 0 && n !== 1) c.fail('a flag is -1, 0 or 1');
      return { kind: 'flag', value: n as -1 | 0 | 1 };
    }
    default:
      if (INT_KINDS.has(k)) return { kind: 'int', int: k as IntKind, value: c.num() };
      return c.fail(`unknown literal kind ${k}`);
  }
}

function parseTerm(c: Cursor, head: string): Term | undefined {
  const [op, suffix] = head.split('.', 2) as [string, string | undefined];
  switch (op) {
    case 'jump':
      return { op: 'jump', to: c.edge(), pos: c.pos() };
    case 'ret':
      return { op: 'ret', args: [c.val()], pos: c.pos() };
    case 'throw':
      return { op: 'throw', message: c.str(), pos: c.pos() };
    case 'br':
    case 'brcmp': {
      if (!suffix || !CONDS.includes(suffix as Cond)) c.fail(`bad condition in ${head}`);
      const args = [c.val()];
      c.punct(',');
      if (op === 'brcmp') {
        args.push(c.val());
        c.punct(',');
      }
      const then = c.edge();
      c.punct(',');
      const els = c.edge();
      return { op, cond: suffix as Cond, args, then, else: els, pos: c.pos() };
    }
    default:
      return undefined;
  }
}

function parseInst(c: Cursor, dst: number, head: string): Inst {
  const [op, suffix] = head.split('.', 2) as [string, string | undefined];
  const direct = suffix === 'direct';
  if (suffix !== undefined && !((op === 'call' || op === 'callstack') && direct)) c.fail(`unknown op ${head}`);
  const operands = (): number[] => {
    const out: number[] = [];
    if (c.i === c.toks.length || c.peek()!.t === 'pos') return out;
    out.push(c.val());
    while (c.isPunct(',')) {
      c.next();
      out.push(c.val());
    }
    return out;
  };
  switch (op) {
    case 'const': {
      const lit = parseLit(c);
      return { op, dst, args: [], lit, pos: c.pos() };
    }
    case 'call': {
      const name = c.str();
      c.punct('(');
      const args = c.valList();
      return { op, dst, args, name, direct, pos: c.pos() };
    }
    case 'callstack':
      return { op, dst, args: [], name: c.str(), direct, pos: c.pos() };
    case 'ldstack':
      return { op, dst, args: [], offset: Number(c.num()), pos: c.pos() };
    case 'tosecret': {
      const reg = c.reg();
      c.punct(',');
      return { op, dst, args: [c.val()], reg, pos: c.pos() };
    }
    case 'movbank': {
      const dstReg = c.reg();
      c.punct(',');
      const srcReg = c.reg();
      c.punct(',');
      return { op, dst, args: [c.val()], dstReg, srcReg, pos: c.pos() };
    }
    case 'copy':
    case 'not':
    case 'cmp':
    case 'push':
    case 'mark':
    case 'refresh': {
      const args = operands();
      return { op, dst, args, pos: c.pos() };
    }
    default:
      if (BIN_OPS.includes(op as BinOp)) {
        const args = operands();
        return { op: op as BinOp, dst, args, pos: c.pos() };
      }
      return c.fail(`unknown op ${head}`);
  }
}

/** Parses one or more functions. */
export function parseIr(text: string): IrFunction[] {
  const lines = text.split('\n');
  const fns: IrFunction[] = [];
  let fn: IrFunction | null = null;
  let block: Block | null = null;
  let maxValue = -1;
  const noteValues = (ids: number[]) => {
    for (const id of ids) if (id > maxValue) maxValue = id;
  };
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!.trim();
    if (raw === '' || raw.startsWith(';')) continue;
    const c = new Cursor(tokenize(raw, n + 1), n + 1);
    const first = c.peek()!;
    if (!fn) {
      if (first.t !== 'word' || first.s !== 'func') c.fail("expected 'func'");
      c.next();
      const name = c.str();
      if (c.word() !== 'arity') c.fail("expected 'arity'");
      const arity = Number(c.num());
      c.punct('{');
      fn = { name, arity, blocks: [], valueCount: 0 };
      maxValue = -1;
      continue;
    }
    if (first.t === 'punct' && first.s === '}') {
      if (block) c.fail('block without terminator');
      fn.valueCount = maxValue + 1;
      fns.push(fn);
      fn = null;
      continue;
    }
    if (first.t === 'blk') {
      if (block) c.fail('previous block has no terminator');
      c.next();
      const id = (first as { n: number }).n;
      if (id !== fn.blocks.length) c.fail(`expected block b${fn.blocks.length}`);
      c.punct('(');
      const params = c.valList();
      c.punct(':');
      noteValues(params);
      block = { id, params, insts: [], term: { op: 'throw', message: '', pos: -1 } };
      continue;
    }
    if (!block) c.fail('instruction outside a block');
    let dst = -1;
    if (first.t === 'val') {
      dst = c.val();
      c.punct('=');
      noteValues([dst]);
    }
    const head = c.word();
    const term = dst < 0 ? parseTerm(c, head) : undefined;
    if (term) {
      noteValues([...(term.op === 'throw' ? [] : term.op === 'jump' ? [] : term.args)]);
      if (term.op === 'jump') noteValues(term.to.args);
      if (term.op === 'br' || term.op === 'brcmp') noteValues([...term.then.args, ...term.else.args]);
      block!.term = term;
      fn.blocks.push(block!);
      block = null;
      continue;
    }
    const inst = parseInst(c, dst, head);
    if ((inst.op === 'push') !== (dst < 0)) c.fail(inst.op === 'push' ? 'push defines no value' : 'missing result value');
    const want = arityOf(inst.op);
    if (want !== undefined && inst.args.length !== want) c.fail(`${inst.op} takes ${want} operand(s), got ${inst.args.length}`);
    noteValues(inst.args);
    block!.insts.push(inst);
  }
  if (fn) throw new IrParseError("missing '}'", lines.length);
  return fns;
}
