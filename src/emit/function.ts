/**
 * One IR function -> one JS function declaration.
 *
 * Every SSA value is a `let` variable (`v<N>`), block parameters included; literals are inlined (or
 * hoisted to module constants when they need an object). I64 arithmetic runs inline on JS numbers with a
 * magnitude check and falls back to the exact runtime op for anything else (bigints, other kinds, shares,
 * overflow, errors), so int64 loops whose values fit in 53 bits neither allocate nor touch BigInt.
 *
 * Module variables the body uses: `$h` (the run's host), `$m` (MPC engine or null), `$x` (bound external
 * calls), `$d`/`$dm` (call depth and its limit), `$M` (the module spec), `$rt` (the runtime namespace).
 */
import type * as ES from 'estree';
import { type Cond, type Edge, type Inst, type IrFunction, type Lit, type Term, type ValueId } from '../ir/ir.js';
import { FAST_BUILTINS } from '../../runtime/compiled/fast.js';
import { I64, T, mayThrow, within, type TypeSet } from '../opt/types.js';
import * as js from './js.js';
import { structureFunction, DISPATCH_VAR, type BlockEmitter } from './structure.js';

const MAX_SAFE = 9007199254740991;

export interface CalleeInfo {
  /** Index in the module's function list. */
  readonly index: number;
  readonly ident: string;
  readonly arity: number;
  readonly upvalues: number;
}

/** What the module emitter provides to function emission. */
export interface ModuleContext {
  /** The module keeps shadow frames: functions take `(upvalues, closure, …args)`. */
  readonly frames: boolean;
  /** Count executed bytecode instructions against the budget `$n`. */
  readonly countInstructions: boolean;
  /** Keep the call depth `$d` against the run's limit `$dm` (needed for `maxCallDepth`). */
  readonly callDepth: boolean;
  callee(name: string): CalleeInfo;
  /** Slot of a call site's name in `$x`. */
  external(name: string): number;
  /** A literal as an expression (objects are hoisted to module constants). */
  literal(l: Lit): ES.Expression;
  /** The module-level alias of a runtime export (`add` -> `$add`). */
  alias(name: string): ES.Identifier;
}

export interface EmitFunctionInput {
  readonly fn: IrFunction;
  /** Index in the module's function list (used by runtime helpers for names and upvalues). */
  readonly index: number;
  readonly ident: string;
  /** Source-map line of this function (its 1-based position in the program). */
  readonly line: number;
  readonly types: Uint16Array;
}

const rt = (name: string) => js.member(js.id('$rt'), name);
const H = () => js.id('$h');
const M = () => js.id('$m');

export function emitFunction(input: EmitFunctionInput, ctx: ModuleContext): ES.FunctionDeclaration {
  return new FunctionEmitter(input, ctx).emit();
}

class FunctionEmitter implements BlockEmitter {
  private readonly fn: IrFunction;
  private readonly consts = new Map<ValueId, Lit>();
  private readonly declared = new Set<string>();
  private usesStack = false;
  private tempCount = 0;
  /** Per block: the first bytecode instruction not yet counted (instruction counting). */
  private readonly counted = new Map<number, number>();

  constructor(
    private readonly input: EmitFunctionInput,
    private readonly ctx: ModuleContext,
  ) {
    this.fn = input.fn;
    for (const b of this.fn.blocks) for (const i of b.insts) if (i.op === 'const') this.consts.set(i.dst, i.lit);
  }

  emit(): ES.FunctionDeclaration {
    const { statements, dispatch } = structureFunction(this.fn, this);
    const params = this.fn.blocks[0]!.params.map((p) => `v${p}`);
    const decls: string[] = [...this.declared].filter((n) => !params.includes(n));
    for (let k = 0; k < this.tempCount; k++) decls.push(`$p${k}`);
    if (dispatch) decls.push(DISPATCH_VAR);
    const head: ES.Statement[] = [];
    if (decls.length > 0) head.push(js.letDecl(decls));
    if (this.usesStack) head.push(js.letDecl(['$s'], js.array([])), js.letDecl(['$t']));
    const sig = this.ctx.frames ? ['$u', '$cl', ...params] : params;
    return js.fnDecl(this.input.ident, sig, [...head, ...statements], this.input.line);
  }

  private pos(p: number): js.Pos | undefined {
    return p >= 0 ? { line: this.input.line, column: p } : undefined;
  }

  private ty(v: ValueId): TypeSet {
    return this.input.types[v] ?? 0;
  }

  /** The expression for a value: its literal, or its variable. */
  private val(v: ValueId): ES.Expression {
    const lit = this.consts.get(v);
    return lit ? this.ctx.literal(lit) : js.id(`v${v}`);
  }

  private def(v: ValueId): ES.Identifier {
    const name = `v${v}`;
    this.declared.add(name);
    return js.id(name);
  }

  // ---- blocks ----

  body(b: number): ES.Statement[] {
    const block = this.fn.blocks[b]!;
    for (const p of block.params) this.def(p);
    const out: ES.Statement[] = [];
    const counting = this.ctx.countInstructions && block.range !== undefined;
    if (counting) this.counted.set(b, block.range![0]);
    const ty = (v: ValueId) => this.ty(v);
    for (const i of block.insts) {
      // Instructions that cannot throw have no observable effect, so counting them together with the
      // next one that can is exact: the limit error lands on the same instruction as in the interpreter.
      if (counting && i.pos >= 0 && mayThrow(i, ty)) out.push(...this.countThrough(b, i.pos));
      out.push(...this.inst(i));
    }
    if (b === 0) out.push(...this.prologue());
    return out;
  }

  /** Counts the block's instructions up to and including `last`. */
  private countThrough(b: number, last: number): ES.Statement[] {
    const first = this.counted.get(b)!;
    if (last < first) return [];
    this.counted.set(b, last + 1);
    const k = js.num(last - first + 1);
    const n = js.id('$n');
    return [
      js.ifs(js.bin('<', n, k), [
        js.expr(js.call(rt('instructionLimit'), [H(), js.id('$M'), js.num(this.input.index), js.bin('+', js.num(first), n)])),
      ]),
      js.expr({ type: 'AssignmentExpression', operator: '-=', left: js.id('$n'), right: js.num(last - first + 1) }),
    ];
  }

  /** After argument binding (entry block): depth limit, then the shadow frame. */
  private prologue(): ES.Statement[] {
    const out: ES.Statement[] = this.ctx.callDepth
      ? [
          js.ifs(js.bin('>=', js.id('$d'), js.id('$dm')), [
            js.expr(js.call(rt('depthExceeded'), [js.id('$M'), js.num(this.input.index), js.id('$dm')])),
          ]),
          js.expr({ type: 'UpdateExpression', operator: '++', prefix: false, argument: js.id('$d') }),
        ]
      : [];
    if (this.ctx.frames) {
      const args = js.array(this.fn.blocks[0]!.params.map((p) => js.id(`v${p}`)));
      out.push(js.expr(js.call(rt('enter'), [H(), js.id('$M'), js.num(this.input.index), args, js.id('$u'), js.id('$cl')])));
    }
    return out;
  }

  private epilogue(): ES.Statement[] {
    const out: ES.Statement[] = this.ctx.callDepth
      ? [js.expr({ type: 'UpdateExpression', operator: '--', prefix: false, argument: js.id('$d') })]
      : [];
    if (this.ctx.frames) out.push(js.expr(js.call(js.member(js.member(H(), 'frames'), 'pop'), [])));
    return out;
  }

  terminator(b: number, branch: (edge: Edge) => ES.Statement[]): ES.Statement[] {
    const block = this.fn.blocks[b]!;
    const t = block.term;
    if (this.counted.has(b)) {
      // The rest of the block (a `throw` ends it at the failing instruction).
      const last = t.op === 'throw' ? t.pos : block.range![1] - 1;
      return [...this.countThrough(b, last), ...this.terminatorCode(t, branch)];
    }
    return this.terminatorCode(t, branch);
  }

  private terminatorCode(t: Term, branch: (edge: Edge) => ES.Statement[]): ES.Statement[] {
    switch (t.op) {
      case 'jump':
        return branch(t.to);
      case 'br':
        return [js.ifs(flagTest(t.cond, this.val(t.args[0]!)), branch(t.then), undefined, this.pos(t.pos)), ...branch(t.else)];
      case 'brcmp':
        return [js.ifs(this.compareTest(t.cond, t.args[0]!, t.args[1]!), branch(t.then), undefined, this.pos(t.pos)), ...branch(t.else)];
      case 'ret':
        return [...this.epilogue(), js.ret(this.val(t.args[0]!), this.pos(t.pos))];
      case 'throw':
        return [js.expr(js.call(rt('fail'), [js.str(t.message)]), this.pos(t.pos))];
    }
  }

  edgeCopies(e: Edge): ES.Statement[] {
    const params = this.fn.blocks[e.block]!.params;
    const pairs: [ValueId, ValueId][] = [];
    params.forEach((p, k) => {
      if (e.args[k] !== p) pairs.push([p, e.args[k]!]);
    });
    const dests = new Set(pairs.map(([p]) => p));
    if (!pairs.some(([, a]) => dests.has(a))) {
      return pairs.map(([p, a]) => js.expr(js.assign(this.def(p), this.val(a))));
    }
    // A parallel copy that reads a parameter it also assigns: go through temporaries.
    this.tempCount = Math.max(this.tempCount, pairs.length);
    return [
      ...pairs.map(([, a], k) => js.expr(js.assign(js.id(`$p${k}`), this.val(a)))),
      ...pairs.map(([p], k) => js.expr(js.assign(this.def(p), js.id(`$p${k}`)))),
    ];
  }

  // ---- instructions ----

  private inst(i: Inst): ES.Statement[] {
    const loc = this.pos(i.pos);
    const a = () => this.val(i.args[0]!);
    const b = () => this.val(i.args[1]!);
    const set = (e: ES.Expression) => [js.expr(js.assign(this.def(i.dst), e), loc)];
    switch (i.op) {
      case 'const':
        return [];
      case 'copy':
        return set(a());
      case 'add':
      case 'sub':
        if (i.op === 'add' && (within(this.ty(i.args[0]!), T.STR) || within(this.ty(i.args[1]!), T.STR))) {
          // String concatenation is JS `+`; an operand not known to be a string is checked first.
          const checks = i.args.filter((v) => !within(this.ty(v), T.STR)).map((v) => js.typeofIs(this.val(v), 'string'));
          if (checks.length === 0) return set(js.bin('+', a(), b()));
          return set(js.cond(checks[0]!, js.bin('+', a(), b()), js.call(this.ctx.alias('add'), [a(), b(), M()])));
        }
        return this.checkedArith(i, i.op === 'add' ? '+' : '-', false);
      case 'mul':
        return this.checkedArith(i, '*', true);
      case 'div':
      case 'mod': {
        const d = this.def(i.dst);
        const divisor = this.consts.get(i.args[1]!);
        const nonZero = divisor?.kind === 'i64' && divisor.value !== 0n;
        const guards = [...this.notNumbers(i.args), ...(nonZero ? [] : [js.bin('===', b(), js.num(0))])];
        const fast =
          i.op === 'div'
            ? js.bin('+', js.bin('/', js.bin('-', a(), js.bin('%', a(), b())), b()), js.num(0))
            : js.bin('+', js.bin('%', a(), b()), js.num(0));
        if (guards.length === 0) return set(fast);
        return [
          js.ifs(
            js.chain('||', guards),
            [js.expr(js.assign(d, js.call(this.ctx.alias(i.op), [a(), b(), M()])))],
            [js.expr(js.assign(d, fast))],
            loc,
          ),
        ];
      }
      case 'and':
      case 'or':
      case 'xor': {
        const ta = this.ty(i.args[0]!);
        const tb = this.ty(i.args[1]!);
        if (within(ta, T.BOOL) && within(tb, T.BOOL)) {
          return set(i.op === 'and' ? js.logical('&&', a(), b()) : i.op === 'or' ? js.logical('||', a(), b()) : js.bin('!==', a(), b()));
        }
        const op = i.op === 'and' ? '&' : i.op === 'or' ? '|' : '^';
        const int32 = (e: ES.Expression) => js.bin('===', js.bin('|', e, js.num(0)), e);
        const test = js.chain('&&', [...this.areNumbers(i.args), int32(a()), int32(b())]);
        const d = this.def(i.dst);
        return [
          js.ifs(
            test,
            [js.expr(js.assign(d, js.bin(op, a(), b())))],
            [js.expr(js.assign(d, js.call(this.ctx.alias(i.op), [a(), b(), M()])))],
            loc,
          ),
        ];
      }
      case 'shl':
      case 'shr':
        return set(js.call(this.ctx.alias(i.op), [a(), b(), M()]));
      case 'not': {
        if (within(this.ty(i.args[0]!), T.BOOL)) return set(js.unary('!', a()));
        const d = this.def(i.dst);
        const test = js.chain('&&', [...this.areNumbers([i.args[0]!]), js.bin('!==', a(), js.num(MAX_SAFE))]);
        return [
          js.ifs(
            test,
            [js.expr(js.assign(d, js.bin('-', js.num(-1), a())))],
            [js.expr(js.assign(d, js.call(this.ctx.alias('not'), [a(), M()])))],
            loc,
          ),
        ];
      }
      case 'cmp': {
        const order = js.cond(js.bin('<', a(), b()), js.num(-1), js.cond(js.bin('>', a(), b()), js.num(1), js.num(0)));
        const guard = this.compareGuard(i.args[0]!, i.args[1]!);
        if (guard.length === 0) return set(order);
        return set(js.cond(js.chain('&&', guard), order, js.call(this.ctx.alias('compare'), [a(), b()])));
      }
      case 'call':
        return set(this.callExpr(i.name, i.direct, i.args.map((v) => this.val(v)), null));
      case 'callstack': {
        this.usesStack = true;
        const t = js.id('$t');
        return [
          js.expr(js.assign(t, js.id('$s')), loc),
          js.expr(js.assign(js.id('$s'), js.array([]))),
          ...set(this.callExpr(i.name, i.direct, null, t)),
        ];
      }
      case 'push':
        this.usesStack = true;
        return [js.expr(js.call(js.member(js.id('$s'), 'push'), [a()]), loc)];
      case 'ldstack':
        this.usesStack = true;
        return set(js.call(rt('stackAt'), [js.id('$s'), js.num(i.offset)]));
      case 'tosecret':
        return set(js.call(rt('toSecret'), [a(), js.num(i.reg), M()]));
      case 'movbank':
        return set(js.call(rt('movBank'), [a(), js.num(i.dstReg), js.num(i.srcReg), M()]));
      case 'mark':
        return set(js.member(js.member(H(), 'log'), 'length'));
      case 'refresh':
        return set(
          js.cond(
            js.bin('===', js.member(js.member(H(), 'log'), 'length'), a()),
            b(),
            js.call(js.member(H(), 'refresh'), [b(), a()]),
          ),
        );
    }
  }

  /** ADD/SUB/MUL: `if (!numbers || (d = a op b) out of range) d = exact(a, b)`. */
  private checkedArith(i: Inst, op: '+' | '-' | '*', normalizeZero: boolean): ES.Statement[] {
    const d = this.def(i.dst);
    const a = this.val(i.args[0]!);
    const b = this.val(i.args[1]!);
    let raw: ES.Expression = js.bin(op, a, b);
    if (normalizeZero) raw = js.bin('+', raw, js.num(0)); // an I64 is never -0 (e.g. -5 * 0)
    const guards = [
      ...this.notNumbers(i.args),
      js.bin('>', js.assign(d, raw), js.num(MAX_SAFE)),
      js.bin('<', d, js.num(-MAX_SAFE)),
    ];
    return [
      js.ifs(js.chain('||', guards), [js.expr(js.assign(d, js.call(this.ctx.alias(i.op), [this.val(i.args[0]!), this.val(i.args[1]!), M()])))], undefined, this.pos(i.pos)),
    ];
  }

  /** `typeof x !== "number"` for each operand not already known to be a number. */
  private notNumbers(args: ValueId[]): ES.Expression[] {
    return args.filter((v) => !within(this.ty(v), T.INT)).map((v) => js.typeofIsNot(this.val(v), 'number'));
  }

  private areNumbers(args: ValueId[]): ES.Expression[] {
    const tests = args.filter((v) => !within(this.ty(v), T.INT)).map((v) => js.typeofIs(this.val(v), 'number'));
    return tests.length > 0 ? tests : [js.bool(true)];
  }

  /** The branch test of a fused compare. */
  private compareTest(c: Cond, x: ValueId, y: ValueId): ES.Expression {
    const direct = flagOp(c, this.val(x), this.val(y));
    const guard = this.compareGuard(x, y);
    if (guard.length === 0) return direct;
    const slow = flagTest(c, js.call(this.ctx.alias('compare'), [this.val(x), this.val(y)]));
    return js.cond(js.chain('&&', guard), direct, slow);
  }

  /**
   * The tests under which JS `<`, `>`, `===` order two operands exactly as CMP does: both I64 (a number or
   * bigint compares exactly with either), or both bools (false < true in both). Empty when types prove it.
   * A compare involving a known bool (official code tests materialized bools against `false`) checks for
   * bools; anything else checks for numbers. Other cases fall to the exact `compare`.
   */
  private compareGuard(x: ValueId, y: ValueId): ES.Expression[] {
    const tx = this.ty(x);
    const ty = this.ty(y);
    if (within(tx, I64) && within(ty, I64)) return [];
    if (within(tx, T.BOOL) && within(ty, T.BOOL)) return [];
    if (within(tx, T.BOOL) || within(ty, T.BOOL)) {
      return [x, y].filter((v) => !within(this.ty(v), T.BOOL)).map((v) => js.typeofIs(this.val(v), 'boolean'));
    }
    return this.areNumbers([x, y]);
  }

  /** A CALL: direct JS call of a program function, or the bound external. `stack` = run-time args array. */
  private callExpr(name: string, direct: boolean, args: ES.Expression[] | null, stack: ES.Identifier | null): ES.Expression {
    if (!direct) {
      const bound = js.index(js.id('$x'), js.num(this.ctx.external(name)));
      const fast = FAST_BUILTINS.get(name);
      if (fast && args && args.length === fast.arity) return js.call(this.ctx.alias(fast.helper), [bound, ...args]);
      return js.call(bound, [args ? js.array(args) : stack!]);
    }
    const c = this.ctx.callee(name);
    const jsArgs: (ES.Expression | ES.SpreadElement)[] = args ?? [js.spread(stack!)];
    if (args && args.length !== c.arity) {
      return js.call(rt('arityError'), [js.id('$M'), js.num(c.index), js.num(args.length)]);
    }
    const call = (extra: ES.Expression[]) => js.call(js.id(c.ident), [...extra, ...jsArgs]);
    const ups = c.upvalues > 0 ? js.call(rt('captureCall'), [H(), js.id('$M'), js.num(c.index)]) : js.array([]);
    const invoke = this.ctx.frames ? call([ups, { type: 'Literal', value: null }]) : call([]);
    if (args) return invoke;
    // Run-time stack: the arity is known only now.
    return js.cond(
      js.bin('!==', js.member(stack!, 'length'), js.num(c.arity)),
      js.call(rt('arityError'), [js.id('$M'), js.num(c.index), js.member(stack!, 'length')]),
      invoke,
    );
  }
}

function flagTest(c: Cond, flag: ES.Expression): ES.Expression {
  return flagOp(c, flag, js.num(0));
}

function flagOp(c: Cond, x: ES.Expression, y: ES.Expression): ES.Expression {
  switch (c) {
    case 'eq':
      return js.bin('===', x, y);
    case 'ne':
      return js.bin('!==', x, y);
    case 'lt':
      return js.bin('<', x, y);
    case 'gt':
      return js.bin('>', x, y);
  }
}
