/**
 * Assembler for the `.stfasm` text form: `assemble(text)` parses it into a `Program`, or throws `AsmError`
 * (with line and column) and nothing else. `assemble(disassemble(p))` equals `p` exactly.
 *
 * Syntax (one statement per line; `;` starts a comment; full reference in docs/text-format.md):
 *
 *   .version 9                                 ; optional, must come first; default 9
 *   .backend honeybadger                       ; v3+   (default honeybadger)
 *   .curve bls12-381                           ; v4+   (default bls12-381)
 *   .client 0 inputs(int64, fixed(64, 16)) outputs(uint8)   ; v2+, one line per client
 *   .demand triples=0 randoms=0 prandbits=0 prandints=0 dynamic=false   ; v8+ (default all zero)
 *   .const #0 i64 41                           ; optional pool, in order: [#index] [kind] value
 *   .const "hi"                                ; kind may be left to the literal
 *
 *   .function add1(x: int64) -> int64          ; types v5+ only (default unknown)
 *     .registers 2                             ; optional: default max(highest register + 1, params)
 *     .upvalues a, b                           ; optional
 *     .parent main                             ; optional
 *     .label_order done, top, far              ; optional: label file order if not the text order
 *   top:                                       ; label = index of the next instruction
 *     LDI r1, 1                                ; inline literal, interned into the pool
 *     LDI r2, #0                               ; or an explicit pool index
 *     ADD r0, r0, r1
 *     JMP done
 *   done:
 *     RET r0
 *     .label far = 99                          ; label with an explicit target
 *   .end                                       ; optional before the next .function / at the end
 *   .trailing "00ff"                           ; bytes after the last section (hex), at the very end
 *
 * Instructions: LD rD, OFFSET | LDI rD, #INDEX or LITERAL | MOV/NOT rD, rS | ADD SUB MUL DIV MOD AND OR XOR
 * SHL SHR rD, rA, rB | JMP JMPEQ JMPNEQ JMPLT JMPGT LABEL | CALL NAME | RET/PUSHARG rS | CMP rA, rB | NOP |
 * LDS rD, SLOT | STS SLOT, rS. Mnemonics are case-insensitive.
 * Literals: 42 (i64), 42i32 i16 i8 u8 u16 u32 u64, 1.5 / 1e3 / 2f64 / inf / -inf / nan / nan(0xBITS)
 * (float), true / false, "text" (escapes \" \\ \n \r \t \0 \u{HEX}), () (unit). In a typed `.const`,
 * `bool 2` keeps a raw byte. Names are identifiers (segments joined by `.` or `::`) or quoted strings.
 * Types: intN uintN int(N, BYTE) fixedN fixed(64, long) float string bool nil void unknown
 * secret(T) list(T) dict(K, V) object(NAME) typevar(NAME) generic(NAME, T...). Share types: intN uintN
 * fixed(TOTAL, FRAC).
 */
import {
  CONSTANT_TAGS,
  FORMAT_VERSION,
  MPC_BACKENDS,
  MPC_CURVES,
  OPCODES,
  type BinaryOp,
  type ClientSchema,
  type Constant,
  type ConstantKind,
  type FunctionRecord,
  type FunctionType,
  type Instruction,
  type JumpOp,
  type Label,
  type Manifest,
  type MpcBackend,
  type MpcCurve,
  type Opcode,
  type PreprocessingDemand,
  type Program,
  type ShareType,
} from '../bytecode/model.js';
import {
  DEFAULT_BACKEND,
  DEFAULT_CURVE,
  MAX_CLIENT_IO,
  MAX_CLIENTS,
  MAX_CONSTANTS,
  MAX_FUNCTIONS,
  MAX_INSTRUCTIONS,
  SINCE,
} from '../bytecode/format.js';
import { constantKey } from './constants.js';
import { AsmError } from './errors.js';
import { Cursor, U16_MAX, U32_MAX, U64_MAX, describe, shorten } from './cursor.js';
import { parseLiteral } from './literals.js';
import { parseFunctionType, parseShareType } from './type-parse.js';
import { Source, type Token } from './lexer.js';
import { appendTo } from './multimap.js';

export { AsmError } from './errors.js';

export function assemble(text: string): Program {
  return new Assembler(new Source(text)).run();
}

/** A label definition in text order, with where it was written. */
interface LabelDefinition {
  readonly label: Label;
  readonly token: Token;
  used: boolean;
}

interface LabelOrderEntry {
  readonly name: string;
  readonly target: number | undefined;
  readonly token: Token;
}

/** A function being assembled: header facts plus what its body has defined so far. */
interface FunctionDraft {
  readonly token: Token;
  readonly name: string;
  readonly paramNames: string[];
  readonly paramTypes: FunctionType[];
  readonly returnType: FunctionType;
  registerCount?: number;
  upvalueNames?: string[];
  parent?: string;
  labelOrder?: readonly LabelOrderEntry[];
  readonly labels: LabelDefinition[];
  readonly instructions: Instruction[];
  /** Highest register operand so far (-1 = none), for the default register count. */
  highestRegister: number;
}

type Phase = 'header' | 'functions' | 'trailing';

const HEADER_DIRECTIVES = new Set(['version', 'backend', 'curve', 'client', 'demand', 'const']);
const FUNCTION_DIRECTIVES = new Set(['registers', 'upvalues', 'parent', 'label', 'label_order', 'end']);
const OPCODE_SET: ReadonlySet<string> = new Set(OPCODES);
const BINARY_OPS: ReadonlySet<string> = new Set<BinaryOp>([
  'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR',
]);
const JUMP_OPS: ReadonlySet<string> = new Set<JumpOp>(['JMP', 'JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT']);
const KIND_NAMES: ReadonlySet<string> = new Set(CONSTANT_TAGS);
const CURVE_ALIASES: ReadonlyMap<string, MpcCurve> = new Map([['secp256r1', 'p-256']]);

class Assembler {
  private phase: Phase = 'header';
  private statements = 0;
  private version = FORMAT_VERSION;
  private backend: MpcBackend | undefined;
  private curve: MpcCurve | undefined;
  private readonly clients: ClientSchema[] = [];
  private demand: PreprocessingDemand | undefined;
  private readonly constants: Constant[] = [];
  /** Pool index of the first entry with each `constantKey`, for interning inline literals. */
  private readonly constantIndex = new Map<string, number>();
  private readonly functions: FunctionRecord[] = [];
  private current: FunctionDraft | undefined;
  private readonly trailing: number[] = [];

  constructor(private readonly source: Source) {}

  run(): Program {
    for (const line of this.source.tokenLines()) {
      this.statement(new Cursor(this.source, line));
      this.statements++;
    }
    this.closeFunction();
    return {
      version: this.version,
      constants: this.constants,
      functions: this.functions,
      manifest: this.manifest(),
      trailing: Uint8Array.from(this.trailing),
    };
  }

  private manifest(): Manifest | null {
    if (this.version < SINCE.manifest) return null;
    return {
      ...(this.version >= SINCE.backend ? { backend: this.backend ?? DEFAULT_BACKEND } : {}),
      ...(this.version >= SINCE.curve ? { curve: this.curve ?? DEFAULT_CURVE } : {}),
      clients: this.clients,
      ...(this.version >= SINCE.demand
        ? { demand: this.demand ?? { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 } }
        : {}),
    };
  }

  private error(token: Token, reason: string): AsmError {
    return this.source.errorAt(token, reason);
  }

  // ---- statements ------------------------------------------------------------------------------------

  private statement(c: Cursor): void {
    const first = c.peek()!;
    if (this.phase === 'trailing' && !(first.kind === 'directive' && first.text === 'trailing')) {
      throw this.error(first, 'only more .trailing lines may follow .trailing');
    }
    if (first.kind === 'directive') {
      this.directive(c, first);
      return;
    }
    const fn = this.current;
    if (fn === undefined) {
      throw this.error(first, `${describe(first)} outside a function (start one with .function NAME)`);
    }
    this.labelsAndInstruction(c, fn);
  }

  private directive(c: Cursor, token: Token): void {
    const name = token.text;
    if (name === 'function') {
      this.closeFunction();
      c.next('directive');
      this.startFunction(c, token);
      this.phase = 'functions';
    } else if (name === 'trailing') {
      this.closeFunction();
      c.next('directive');
      this.trailingBytes(c);
      this.phase = 'trailing';
    } else if (HEADER_DIRECTIVES.has(name)) {
      if (this.phase !== 'header') throw this.error(token, `.${name} must come before the first .function`);
      c.next('directive');
      this.headerDirective(c, token);
    } else if (FUNCTION_DIRECTIVES.has(name)) {
      const fn = this.current;
      if (fn === undefined) throw this.error(token, `.${name} outside a function (start one with .function NAME)`);
      c.next('directive');
      this.functionDirective(c, token, fn);
    } else {
      throw this.error(token, `unknown directive '.${shorten(name)}'`);
    }
  }

  private headerDirective(c: Cursor, token: Token): void {
    switch (token.text) {
      case 'version': {
        if (this.statements > 0) throw this.error(token, '.version must be the first statement');
        this.version = c.smallInteger(0, FORMAT_VERSION, `a format version (0 to ${FORMAT_VERSION})`);
        c.expectEnd('the version');
        return;
      }
      case 'backend': {
        this.requireVersion(token, SINCE.backend, '.backend');
        if (this.backend !== undefined) throw this.error(token, 'duplicate .backend');
        this.backend = this.choice(c, MPC_BACKENDS, new Map(), 'an MPC backend');
        c.expectEnd('the backend');
        return;
      }
      case 'curve': {
        this.requireVersion(token, SINCE.curve, '.curve');
        if (this.curve !== undefined) throw this.error(token, 'duplicate .curve');
        this.curve = this.choice(c, MPC_CURVES, CURVE_ALIASES, 'an MPC curve');
        c.expectEnd('the curve');
        return;
      }
      case 'client':
        this.requireVersion(token, SINCE.manifest, '.client');
        if (this.clients.length >= MAX_CLIENTS) throw this.error(token, `more than ${MAX_CLIENTS} clients`);
        this.clients.push(this.client(c));
        return;
      case 'demand':
        this.requireVersion(token, SINCE.demand, '.demand');
        if (this.demand !== undefined) throw this.error(token, 'duplicate .demand');
        this.demand = this.demandFields(c);
        return;
      default:
        this.constDirective(c, token);
    }
  }

  private requireVersion(token: Token, since: number, what: string): void {
    if (this.version < since) {
      throw this.error(token, `${what} needs format version ${since} or later (this program is version ${this.version})`);
    }
  }

  private choice<T extends string>(
    c: Cursor,
    options: readonly T[],
    aliases: ReadonlyMap<string, T>,
    what: string,
  ): T {
    const token = c.next(what);
    const text = token.kind === 'ident' || token.kind === 'string' ? token.text.toLowerCase() : '';
    const found = options.find((o) => o === text) ?? aliases.get(text);
    if (found === undefined) throw this.error(token, `expected ${what} (${options.join(', ')}), found ${describe(token)}`);
    return found;
  }

  private client(c: Cursor): ClientSchema {
    const slot = c.integer(0n, U64_MAX, 'a client slot (u64)').value;
    const lists = { inputs: undefined as ShareType[] | undefined, outputs: undefined as ShareType[] | undefined };
    while (!c.atEnd()) {
      const key = c.next('inputs(...) or outputs(...)');
      if (key.kind !== 'ident' || (key.text !== 'inputs' && key.text !== 'outputs')) {
        throw c.unexpected(key, 'inputs(...) or outputs(...)');
      }
      const field = key.text;
      if (lists[field] !== undefined) throw this.error(key, `duplicate ${field}(...)`);
      if (field === 'inputs' && lists.outputs !== undefined) throw this.error(key, 'inputs(...) must come before outputs(...)');
      lists[field] = this.shareTypeList(c, key);
    }
    return { slot, inputs: lists.inputs ?? [], outputs: lists.outputs ?? [] };
  }

  private shareTypeList(c: Cursor, key: Token): ShareType[] {
    c.expectPunct('(');
    const types: ShareType[] = [];
    if (c.takePunct(')')) return types;
    do {
      if (types.length >= MAX_CLIENT_IO) throw this.error(key, `more than ${MAX_CLIENT_IO} share types`);
      types.push(parseShareType(c));
    } while (c.takePunct(','));
    c.expectPunct(')', "',' or ')'");
    return types;
  }

  private demandFields(c: Cursor): PreprocessingDemand {
    const counts = new Map<string, bigint>();
    let dynamic: number | undefined;
    while (!c.atEnd()) {
      const key = c.next('a demand field');
      const known = ['triples', 'randoms', 'prandbits', 'prandints', 'dynamic'];
      if (key.kind !== 'ident' || !known.includes(key.text)) {
        throw c.unexpected(key, `a demand field (${known.join(', ')})`);
      }
      if (counts.has(key.text) || (key.text === 'dynamic' && dynamic !== undefined)) {
        throw this.error(key, `duplicate demand field '${key.text}'`);
      }
      c.expectPunct('=');
      if (key.text === 'dynamic') dynamic = this.flagByte(c);
      else counts.set(key.text, c.integer(0n, U64_MAX, 'a count (u64)').value);
    }
    return {
      triples: counts.get('triples') ?? 0n,
      randoms: counts.get('randoms') ?? 0n,
      prandbits: counts.get('prandbits') ?? 0n,
      prandints: counts.get('prandints') ?? 0n,
      dynamic: dynamic ?? 0,
    };
  }

  /** `true`, `false`, or a raw byte 0..255. */
  private flagByte(c: Cursor): number {
    const token = c.peek();
    if (token?.kind === 'ident' && (token.text === 'true' || token.text === 'false')) {
      c.next('');
      return token.text === 'true' ? 1 : 0;
    }
    return c.smallInteger(0, 255, 'true, false or a byte (0 to 255)');
  }

  private trailingBytes(c: Cursor): void {
    const token = c.next('a quoted hex string');
    if (token.kind !== 'string') throw c.unexpected(token, 'a quoted hex string');
    const hex = token.text.replace(/[ \t]/g, '');
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(hex)) {
      throw this.error(token, 'trailing bytes must be pairs of hex digits');
    }
    for (let i = 0; i < hex.length; i += 2) this.trailing.push(parseInt(hex.slice(i, i + 2), 16));
    c.expectEnd('the trailing bytes');
  }

  // ---- constants -------------------------------------------------------------------------------------

  private constDirective(c: Cursor, token: Token): void {
    if (c.takePunct('#')) {
      const index = c.integer(0n, BigInt(U32_MAX), 'a constant index');
      if (index.value !== BigInt(this.constants.length)) {
        throw this.error(
          index.token,
          `constant #${index.value} is listed where #${this.constants.length} comes next (list the pool in order)`,
        );
      }
    }
    const kindToken = c.peek();
    const kind = kindToken?.kind === 'ident' && KIND_NAMES.has(kindToken.text) ? (kindToken.text as ConstantKind) : undefined;
    if (kind !== undefined) c.next('');
    const value = parseLiteral(c, kind);
    c.expectEnd('the constant');
    this.addConstant(value, token);
  }

  private addConstant(value: Constant, token: Token): number {
    if (this.constants.length >= MAX_CONSTANTS) throw this.error(token, `more than ${MAX_CONSTANTS} constants`);
    const index = this.constants.length;
    this.constants.push(value);
    const key = constantKey(value);
    if (!this.constantIndex.has(key)) this.constantIndex.set(key, index);
    return index;
  }

  /** The pool index of an inline literal: the first equal entry, or a new one at the end. */
  private intern(value: Constant, token: Token): number {
    return this.constantIndex.get(constantKey(value)) ?? this.addConstant(value, token);
  }

  // ---- functions -------------------------------------------------------------------------------------

  private startFunction(c: Cursor, token: Token): void {
    if (this.functions.length >= MAX_FUNCTIONS) throw this.error(token, `more than ${MAX_FUNCTIONS} functions`);
    const { name } = c.name('a function name');
    const typed = this.version >= SINCE.functionTypes;
    const paramNames: string[] = [];
    const paramTypes: FunctionType[] = [];
    if (c.takePunct('(') && !c.takePunct(')')) {
      do {
        const param = c.name('a parameter name');
        if (paramNames.length >= U16_MAX) throw this.error(param.token, `more than ${U16_MAX} parameters`);
        paramNames.push(param.name);
        paramTypes.push(this.optionalType(c, ':', typed));
      } while (c.takePunct(','));
      c.expectPunct(')', "',' or ')'");
    }
    const returnType = this.optionalType(c, '->', typed);
    c.expectEnd('the function header');
    this.current = { token, name, paramNames, paramTypes, returnType, labels: [], instructions: [], highestRegister: -1 };
  }

  /** `SEP TYPE` if present (only allowed from v5), else `unknown`. */
  private optionalType(c: Cursor, separator: string, typed: boolean): FunctionType {
    const sep = c.peek();
    if (!c.takePunct(separator)) return { tag: 'unknown' };
    if (!typed) {
      throw this.error(sep!, `type metadata needs format version ${SINCE.functionTypes} or later (this program is version ${this.version})`);
    }
    return parseFunctionType(c);
  }

  private functionDirective(c: Cursor, token: Token, fn: FunctionDraft): void {
    switch (token.text) {
      case 'registers':
        if (fn.registerCount !== undefined) throw this.error(token, 'duplicate .registers');
        fn.registerCount = c.smallInteger(0, U16_MAX, 'a register count (0 to 65535)');
        c.expectEnd('the register count');
        return;
      case 'upvalues':
        if (fn.upvalueNames !== undefined) throw this.error(token, 'duplicate .upvalues');
        fn.upvalueNames = c.nameList('upvalue name', token);
        return;
      case 'parent':
        if (fn.parent !== undefined) throw this.error(token, 'duplicate .parent');
        fn.parent = c.name('a parent function name').name;
        c.expectEnd('the parent name');
        return;
      case 'label': {
        const { name, token: nameToken } = c.name('a label name');
        c.expectPunct('=');
        const target = c.u32('a label target (instruction index)');
        c.expectEnd('the label target');
        this.defineLabel(fn, name, target, nameToken);
        return;
      }
      case 'label_order':
        if (fn.labelOrder !== undefined) throw this.error(token, 'duplicate .label_order');
        fn.labelOrder = this.labelOrderEntries(c);
        return;
      default:
        c.expectEnd('.end');
        this.closeFunction();
    }
  }

  private labelOrderEntries(c: Cursor): LabelOrderEntry[] {
    const entries: LabelOrderEntry[] = [];
    if (c.atEnd()) return entries;
    do {
      const { name, token } = c.name('a label name');
      const target = c.takePunct('@') ? c.u32('a label target') : undefined;
      entries.push({ name, target, token });
    } while (c.takePunct(','));
    c.expectEnd('the label order');
    return entries;
  }

  private defineLabel(fn: FunctionDraft, name: string, target: number, token: Token): void {
    if (fn.labels.length >= U16_MAX) throw this.error(token, `more than ${U16_MAX} labels in one function`);
    fn.labels.push({ label: { name, target }, token, used: false });
  }

  /** `NAME:` label definitions, then an optional instruction, on one line. */
  private labelsAndInstruction(c: Cursor, fn: FunctionDraft): void {
    while ((c.peek()?.kind === 'ident' || c.peek()?.kind === 'string') && c.isPunct(':', 1)) {
      const { name, token } = c.name('a label name');
      c.expectPunct(':');
      this.defineLabel(fn, name, fn.instructions.length, token);
    }
    if (c.atEnd()) return;
    const token = c.next('an instruction');
    if (token.kind !== 'ident' || !OPCODE_SET.has(token.text.toUpperCase())) {
      throw c.unexpected(token, token.kind === 'ident' ? 'an instruction mnemonic or a label (NAME:)' : 'an instruction');
    }
    if (fn.instructions.length >= MAX_INSTRUCTIONS) {
      throw this.error(token, `more than ${MAX_INSTRUCTIONS} instructions in one function`);
    }
    const op = token.text.toUpperCase() as Opcode;
    fn.instructions.push(this.operands(c, op, fn));
    c.expectEnd(op);
  }

  private register(c: Cursor, fn: FunctionDraft): number {
    const what = 'a register (r0, r1, ...)';
    const token = c.next(what);
    const match = token.kind === 'ident' ? /^[rR]([0-9]+)$/.exec(token.text) : null;
    if (!match) throw c.unexpected(token, what);
    const index = match[1]!.length <= 10 ? Number(match[1]) : Infinity;
    if (index > U32_MAX) throw this.error(token, `register ${shorten(token.text)} is beyond r${U32_MAX}`);
    fn.highestRegister = Math.max(fn.highestRegister, index);
    return index;
  }

  private operands(c: Cursor, op: Opcode, fn: FunctionDraft): Instruction {
    const reg = () => this.register(c, fn);
    const comma = () => c.expectPunct(',');
    if (BINARY_OPS.has(op)) {
      const dst = reg();
      comma();
      const lhs = reg();
      comma();
      return { op: op as BinaryOp, dst, lhs, rhs: reg() };
    }
    if (JUMP_OPS.has(op)) return { op: op as JumpOp, label: c.name('a label name').name };
    switch (op) {
      case 'LD': {
        const dst = reg();
        comma();
        const offset = c.smallInteger(-(2 ** 31), 2 ** 31 - 1, 'a stack offset (i32)');
        return { op, dst, offset };
      }
      case 'LDI': {
        const dst = reg();
        comma();
        if (c.takePunct('#')) return { op, dst, index: c.u32('a constant index') };
        const start = c.peek();
        const value = parseLiteral(c, undefined);
        return { op, dst, index: this.intern(value, start!) };
      }
      case 'MOV':
      case 'NOT': {
        const dst = reg();
        comma();
        return { op, dst, src: reg() };
      }
      case 'CALL':
        return { op, name: c.name('a function name').name };
      case 'RET':
      case 'PUSHARG':
        return { op, src: reg() };
      case 'CMP': {
        const lhs = reg();
        comma();
        return { op, lhs, rhs: reg() };
      }
      case 'LDS': {
        const dst = reg();
        comma();
        return { op, dst, slot: c.u32('a spill slot') };
      }
      case 'STS': {
        const slot = c.u32('a spill slot');
        comma();
        return { op, slot, src: reg() };
      }
      default:
        return { op: 'NOP' };
    }
  }

  private closeFunction(): void {
    const fn = this.current;
    if (fn === undefined) return;
    this.current = undefined;
    const typed = this.version >= SINCE.functionTypes;
    let registerCount = fn.registerCount;
    if (registerCount === undefined) {
      registerCount = Math.max(fn.highestRegister + 1, fn.paramNames.length);
      if (registerCount > U16_MAX) {
        throw this.error(fn.token, `register count ${registerCount} exceeds ${U16_MAX}; write .registers explicitly`);
      }
    }
    this.functions.push({
      name: fn.name,
      registerCount,
      paramNames: fn.paramNames,
      ...(typed ? { paramTypes: fn.paramTypes, returnType: fn.returnType } : {}),
      upvalueNames: fn.upvalueNames ?? [],
      parent: fn.parent ?? null,
      labels: this.orderLabels(fn),
      instructions: fn.instructions,
    });
  }

  /**
   * The labels in file order: text order, or the `.label_order` list. An entry `NAME@T` takes the first
   * unused definition of NAME at T, a bare `NAME` the first unused definition of NAME (in text order).
   */
  private orderLabels(fn: FunctionDraft): Label[] {
    const order = fn.labelOrder;
    if (order === undefined) return fn.labels.map((d) => d.label);
    const byName = new Map<string, LabelDefinition[]>();
    const byTarget = new Map<string, LabelDefinition[]>();
    for (const d of fn.labels) {
      appendTo(byName, d.label.name, d);
      appendTo(byTarget, `${d.label.target}@${d.label.name}`, d);
    }
    const cursors = new Map<LabelDefinition[], number>();
    const takeFirstUnused = (list: LabelDefinition[] | undefined): LabelDefinition | undefined => {
      if (list === undefined) return undefined;
      let i = cursors.get(list) ?? 0;
      while (i < list.length && list[i]!.used) i++;
      cursors.set(list, i);
      return list[i];
    };
    const labels: Label[] = [];
    for (const entry of order) {
      const list = entry.target === undefined ? byName.get(entry.name) : byTarget.get(`${entry.target}@${entry.name}`);
      const definition = takeFirstUnused(list);
      if (definition === undefined) {
        const what = entry.target === undefined ? `'${shorten(entry.name)}'` : `'${shorten(entry.name)}' at ${entry.target}`;
        throw this.error(entry.token, `.label_order lists label ${what} more often than it is defined`);
      }
      definition.used = true;
      labels.push(definition.label);
    }
    const missing = fn.labels.find((d) => !d.used);
    if (missing) {
      throw this.error(missing.token, `label '${shorten(missing.label.name)}' is missing from .label_order`);
    }
    return labels;
  }
}
