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
import { I64, T, inferTypes, mayThrow, within, type TypeSet } from '../opt/types.js';
import * as js from './js.js';
import * as ints from './ints.js';
import { SAFE, inferRanges, inside, type Ranges } from '../opt/ranges.js';
import { FloatValues, assumeFloats, floatCallTypes, type FloatEntry } from './floats.js';
import { structureFunction, DISPATCH_VAR, type BlockEmitter } from './structure.js';
import { inlineTableCall } from './tables.js';
import { isLeafFrame } from './leaf-frames.js';

export interface CalleeInfo {
  /** Index in the module's function list. */
  readonly index: number;
  readonly ident: string;
  readonly arity: number;
  readonly upvalues: number;
  /** Its copy specialized for Float arguments (floats.ts). */
  readonly floatEntry?: FloatEntry;
}

/** What the module emitter provides to function emission. */
export interface ModuleContext {
  /** The module keeps shadow frames: functions take `(upvalues, closure, …args)`. */
  readonly frames: boolean;
  /**
   * Closures that never escaped are updated in place (runtime/compiled/host.ts): the code reports the
   * escapes the runtime cannot see, closures its inline table code stores.
   */
  readonly inPlaceClosures: boolean;
  /** Per function (by index): its shadow frames record their arguments (captures.ts). */
  readonly snapshots: readonly boolean[];
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

/** The function, and its float entry when it has one (floats.ts). */
export function emitFunction(input: EmitFunctionInput, ctx: ModuleContext): ES.FunctionDeclaration[] {
  const entry = ctx.callee(input.fn.name).floatEntry;
  const fn = new FunctionEmitter(input, ctx).emit();
  return entry ? [fn, new FunctionEmitter(input, ctx, entry).emit()] : [fn];
}

class FunctionEmitter implements BlockEmitter {
  private readonly fn: IrFunction;
  private readonly consts = new Map<ValueId, Lit>();
  private readonly declared = new Set<string>();
  private usesStack = false;
  private tempCount = 0;
  /** Per block: the first bytecode instruction not yet counted (instruction counting). */
  private readonly counted = new Map<number, number>();
  /** The block being emitted (ranges are per block). */
  private block = 0;
  private rangeInfo: Ranges | undefined;
  private intContext: ints.IntContext | undefined;
  /** Unboxed doubles and float fast paths (floats.ts). */
  private readonly floats: FloatValues;
  /** Types, refined where calls reach double-returning float entries. */
  private readonly types: Uint16Array;
  /** Keeps its upvalues in `$u` / `$cl` instead of a shadow frame (leaf-frames.ts). */
  private readonly leaf: boolean;

  /** `asEntry`: emit the function's float entry (its copy for Float arguments) instead. */
  constructor(
    private readonly input: EmitFunctionInput,
    private readonly ctx: ModuleContext,
    private readonly asEntry?: FloatEntry,
  ) {
    this.fn = input.fn;
    this.leaf = ctx.frames && isLeafFrame(this.fn, (name) => (ctx.callee(name) as CalleeInfo | undefined) !== undefined);
    for (const b of this.fn.blocks) for (const i of b.insts) if (i.op === 'const') this.consts.set(i.dst, i.lit);
    const directCall = floatCallTypes((i) => this.calleeEntry(i));
    const entryParams = this.fn.blocks[0]!.params;
    this.types = asEntry
      ? assumeFloats(this.fn, asEntry.params, directCall)
      : this.fn.blocks.some((b) => b.insts.some((i) => this.calleeEntry(i)?.returnsDouble))
        ? inferTypes(this.fn, { directCall })
        : input.types;
    this.floats = new FloatValues(
      this.fn,
      this.consts,
      {
        ty: (v) => this.ty(v),
        val: (v) => this.val(v),
        declare: (n) => this.declared.add(n),
        alias: (n) => this.ctx.alias(n),
        floatEntry: (i) => this.calleeEntry(i),
      },
      asEntry ? { params: asEntry.params.map((k) => entryParams[k]!), returnsDouble: asEntry.returnsDouble } : null,
      this.types,
    );
  }

  /** The float entry a direct call with the callee's arity can go to. */
  private calleeEntry(i: Inst): FloatEntry | undefined {
    if (i.op !== 'call' || !i.direct) return undefined;
    const c = this.ctx.callee(i.name);
    return c.arity === i.args.length ? c.floatEntry : undefined;
  }

  /**
   * `if (a instanceof VmFloat) return f$f(a.v);` in front of a function that has a float entry; just
   * the `return` for an entry without float parameters (then the function is nothing else).
   */
  private entryGuard(entry: FloatEntry): ES.Statement {
    const params = this.fn.blocks[0]!.params;
    const F = this.ctx.alias('VmFloat');
    const isFloat = entry.params.map((k) => js.bin('instanceof', js.id(`v${params[k]}`), F));
    const args = params.map((p, k) => (entry.params.includes(k) ? js.member(js.id(`v${p}`), 'v') : js.id(`v${p}`)));
    const call: ES.Expression = js.call(js.id(entry.ident), args);
    const result: ES.Expression = entry.returnsDouble ? { type: 'NewExpression', callee: F, arguments: [call] } : call;
    return isFloat.length === 0 ? js.ret(result) : js.ifs(js.chain('&&', isFloat), [js.ret(result)]);
  }

  emit(): ES.FunctionDeclaration {
    const always = this.asEntry ? undefined : this.ctx.callee(this.fn.name).floatEntry;
    if (always?.params.length === 0) {
      const params = this.fn.blocks[0]!.params.map((p) => `v${p}`);
      return js.fnDecl(this.input.ident, params, [this.entryGuard(always)], this.input.line);
    }
    const structured = structureFunction(this.fn, this);
    const { dispatch } = structured;
    const ownEntry = this.asEntry ? undefined : this.ctx.callee(this.fn.name).floatEntry;
    const statements = ownEntry ? [this.entryGuard(ownEntry), ...structured.statements] : structured.statements;
    const params = this.fn.blocks[0]!.params.map((p) => this.floats.paramName(p));
    const decls: string[] = [...this.declared].filter((n) => !params.includes(n));
    for (let k = 0; k < this.tempCount; k++) decls.push(`$p${k}`);
    if (dispatch) decls.push(DISPATCH_VAR);
    const head: ES.Statement[] = [];
    if (decls.length > 0) head.push(js.letDecl(decls));
    if (this.usesStack) head.push(js.letDecl(['$s'], js.array([])), js.letDecl(['$t']));
    const sig = this.ctx.frames ? ['$u', '$cl', ...params] : params;
    return js.fnDecl(this.asEntry?.ident ?? this.input.ident, sig, [...head, ...statements], this.input.line);
  }

  private pos(p: number): js.Pos | undefined {
    return p >= 0 ? { line: this.input.line, column: p } : undefined;
  }

  private ty(v: ValueId): TypeSet {
    const t = this.types[v] ?? 0;
    // An I64 whose range (ranges.ts) lies within ±(2^53-1) here is a JS number.
    return t !== T.INT && within(t, I64) && inside(this.ranges().at(this.block, v), SAFE) ? T.INT : t;
  }

  /** I64 ranges, computed on first use (after the types are final). */
  private ranges(): Ranges {
    return (this.rangeInfo ??= inferRanges(this.fn, this.types));
  }

  /** The integer emitters' view of this function at the block being emitted (ints.ts). */
  private intCx(): ints.IntContext {
    return (this.intContext ??= {
      val: (v) => this.val(v),
      ty: (v) => this.ty(v),
      range: (v) => this.ranges().at(this.block, v),
      def: (v) => this.def(v),
      alias: (n) => this.ctx.alias(n),
      mpc: M,
      fallback: (i, call) => this.floats.arithFallback(i, call),
      loc: (i) => this.pos(i.pos),
    });
  }

  /** The expression for a value: its literal, or its variable. */
  private val(v: ValueId): ES.Expression {
    const lit = this.consts.get(v);
    if (lit) return this.ctx.literal(lit);
    return this.floats.unboxed.has(v) ? this.floats.box(v) : js.id(`v${v}`);
  }

  private def(v: ValueId): ES.Identifier {
    const name = `v${v}`;
    this.declared.add(name);
    return js.id(name);
  }

  // ---- blocks ----

  body(b: number): ES.Statement[] {
    this.block = b;
    const block = this.fn.blocks[b]!;
    for (const p of block.params) if (!this.floats.unboxed.has(p)) this.def(p);
    const out: ES.Statement[] = this.floats.blockStart(b);
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
    if (this.ctx.frames && !this.leaf) {
      const args = this.ctx.snapshots[this.input.index]
        ? js.array(this.fn.blocks[0]!.params.map((p) => js.id(`v${p}`)))
        : this.ctx.alias('NO_ARGS');
      out.push(js.expr(js.call(rt('enter'), [H(), js.id('$M'), js.num(this.input.index), args, js.id('$u'), js.id('$cl')])));
    }
    return out;
  }

  private epilogue(): ES.Statement[] {
    const out: ES.Statement[] = this.ctx.callDepth
      ? [js.expr({ type: 'UpdateExpression', operator: '--', prefix: false, argument: js.id('$d') })]
      : [];
    if (this.ctx.frames && !this.leaf) out.push(js.expr(js.call(js.member(js.member(H(), 'frames'), 'pop'), [])));
    return out;
  }

  terminator(b: number, emitBranch: (edge: Edge) => ES.Statement[]): ES.Statement[] {
    this.block = b;
    // Branches emit nested blocks; the rest of this terminator is again in block `b` (ranges are per block).
    const branch = (e: Edge) => {
      const out = emitBranch(e);
      this.block = b;
      return out;
    };
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
        return [...this.epilogue(), js.ret(this.floats.returned(t.args[0]!), this.pos(t.pos))];
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
    // An unboxed parameter (floats.ts) takes its argument as a double.
    const target = (p: ValueId) => (this.floats.unboxed.has(p) ? this.floats.param(p) : this.def(p));
    const source = (p: ValueId, a: ValueId) => (this.floats.unboxed.has(p) ? this.floats.dbl(a) : this.val(a));
    if (!pairs.some(([, a]) => dests.has(a))) {
      return pairs.map(([p, a]) => js.expr(js.assign(target(p), source(p, a))));
    }
    // A parallel copy that reads a parameter it also assigns: go through temporaries.
    this.tempCount = Math.max(this.tempCount, pairs.length);
    return [
      ...pairs.map(([p, a], k) => js.expr(js.assign(js.id(`$p${k}`), source(p, a)))),
      ...pairs.map(([p], k) => js.expr(js.assign(target(p), js.id(`$p${k}`)))),
    ];
  }

  // ---- instructions ----

  private inst(i: Inst): ES.Statement[] {
    const loc = this.pos(i.pos);
    const a = () => this.val(i.args[0]!);
    const b = () => this.val(i.args[1]!);
    const set = (e: ES.Expression) => [js.expr(js.assign(this.def(i.dst), e), loc)];
    const floats = this.floats.inst(i, loc);
    if (floats) return floats;
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
        return ints.checkedArith(this.intCx(), i, i.op === 'add' ? '+' : '-');
      case 'mul':
        return ints.checkedArith(this.intCx(), i, '*');
      case 'div':
      case 'mod':
        return ints.divMod(this.intCx(), i);
      case 'and':
      case 'or':
      case 'xor': {
        const ta = this.ty(i.args[0]!);
        const tb = this.ty(i.args[1]!);
        if (within(ta, T.BOOL) && within(tb, T.BOOL)) {
          return set(i.op === 'and' ? js.logical('&&', a(), b()) : i.op === 'or' ? js.logical('||', a(), b()) : js.bin('!==', a(), b()));
        }
        return ints.bitwise(this.intCx(), i, i.op === 'and' ? '&' : i.op === 'or' ? '|' : '^');
      }
      case 'shl':
      case 'shr': {
        const amount = this.consts.get(i.args[1]!);
        return ints.shift(this.intCx(), i, amount?.kind === 'i64' ? amount.value : undefined);
      }
      case 'not': {
        if (within(this.ty(i.args[0]!), T.BOOL)) return set(js.unary('!', a()));
        return ints.bitNot(this.intCx(), i);
      }
      case 'cmp': {
        const order = js.cond(js.bin('<', a(), b()), js.num(-1), js.cond(js.bin('>', a(), b()), js.num(1), js.num(0)));
        const guard = this.compareGuard(i.args[0]!, i.args[1]!);
        if (guard.length === 0) return set(order);
        const slow = this.floats.compareFallback(i.args[0]!, i.args[1]!, js.call(this.ctx.alias('compare'), [a(), b()]));
        return set(js.cond(js.chain('&&', guard), order, slow));
      }
      case 'call':
        return [...this.noteStoredClosures(i.name, i.direct, i.args), ...set(this.callExpr(i.name, i.direct, i.args.map((v) => this.val(v)), null, i.args))];
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
        // A leaf has no frame, so it cannot tell whether it is the entry: it never empties the log.
        return set(this.leaf ? js.member(js.member(H(), 'log'), 'length') : js.call(js.member(H(), 'mark'), []));
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

  /** The branch test of a fused compare. */
  private compareTest(c: Cond, x: ValueId, y: ValueId): ES.Expression {
    const floats = this.floats.compareTest(c, x, y);
    if (floats) return floats;
    const direct = flagOp(c, this.val(x), this.val(y));
    const guard = this.compareGuard(x, y);
    if (guard.length === 0) return direct;
    const slow = flagTest(c, this.floats.compareFallback(x, y, js.call(this.ctx.alias('compare'), [this.val(x), this.val(y)])));
    return js.cond(js.chain('&&', guard), direct, slow);
  }

  /** Guards of the inline compare (ints.ts). */
  private compareGuard(x: ValueId, y: ValueId): ES.Expression[] {
    return ints.compareGuard(this.intCx(), x, y);
  }

  /**
   * `noteEscape(v)` before a table builtin that may store closure `v` (a key or value): its inline code
   * and fast path bypass the runtime's external-call path, which notes the arguments of every other call.
   */
  private noteStoredClosures(name: string, direct: boolean, argIds: readonly ValueId[]): ES.Statement[] {
    if (!this.ctx.inPlaceClosures || direct || !TABLE_STORES.has(name)) return [];
    return argIds
      .slice(1)
      .filter((v) => (this.ty(v) & T.CLOSURE) !== 0)
      .map((v) => js.expr(js.call(this.ctx.alias('noteEscape'), [this.val(v)])));
  }

  /** A table builtin's common case inline at its call site (tables.ts), `fallback` otherwise. */
  private inlineTable(name: string, argIds: readonly ValueId[], fallback: ES.Expression): ES.Expression {
    const args = argIds.map((v) => ({ expr: this.val(v), type: this.ty(v), lit: this.consts.get(v) }));
    const temp = () => {
      this.declared.add('$e');
      return js.id('$e');
    };
    return inlineTableCall({ name, args, fallback, temp, alias: (n) => this.ctx.alias(n) });
  }

  /** A CALL: direct JS call of a program function, or the bound external. `stack` = run-time args array. */
  private callExpr(
    name: string,
    direct: boolean,
    args: ES.Expression[] | null,
    stack: ES.Identifier | null,
    argIds?: readonly ValueId[],
  ): ES.Expression {
    if (!direct) {
      const bound = js.index(js.id('$x'), js.num(this.ctx.external(name)));
      const closureCall = args && (this.leaf ? leafUpvalueCall(name, args, bound, (n) => this.ctx.alias(n)) : closureFastPath(name, args, H(), bound, (n) => this.ctx.alias(n)));
      if (closureCall) return closureCall;
      const fast = FAST_BUILTINS.get(name);
      if (fast && args && args.length === fast.arity) {
        const fallback = js.call(this.ctx.alias(fast.helper), [bound, ...args]);
        return argIds ? this.inlineTable(name, argIds, fallback) : fallback;
      }
      return js.call(bound, [args ? js.array(args) : stack!]);
    }
    const c = this.ctx.callee(name);
    const jsArgs: (ES.Expression | ES.SpreadElement)[] = args ?? [js.spread(stack!)];
    if (args && args.length !== c.arity) {
      return js.call(rt('arityError'), [js.id('$M'), js.num(c.index), js.num(args.length)]);
    }
    const call = (extra: ES.Expression[]) => js.call(js.id(c.ident), [...extra, ...jsArgs]);
    const ups = c.upvalues > 0 ? js.call(rt('captureCall'), [H(), js.id('$M'), js.num(c.index)]) : this.ctx.alias('NO_UPVALUES');
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

/** Fast-path table builtins that store their arguments after the target (a key, a value). */
const TABLE_STORES: ReadonlySet<string> = new Set(['set_field', 'array_push', 'append']);

/**
 * get_upvalue / set_upvalue of a leaf function on its own `$u` / `$cl` (fast-closures.ts); set_upvalue
 * reassigns both and is Unit.
 */
function leafUpvalueCall(name: string, args: ES.Expression[], bound: ES.Expression, alias: (name: string) => ES.Identifier): ES.Expression | null {
  const u = js.id('$u');
  const cl = js.id('$cl');
  if (name === 'get_upvalue' && args.length === 1) return js.call(alias('leafGetUpvalue'), [H(), bound, u, cl, args[0]!]);
  if (name !== 'set_upvalue' || args.length !== 2) return null;
  return {
    type: 'SequenceExpression',
    expressions: [
      js.assign(u, js.call(alias('leafSetUpvalue'), [H(), bound, u, cl, args[0]!, args[1]!])),
      js.assign(cl, js.member(H(), 'writtenClosure')),
      js.undef(),
    ],
  };
}

/** call_closure / get_upvalue / set_upvalue through their fast paths (runtime/compiled/fast-closures.ts). */
function closureFastPath(
  name: string,
  args: ES.Expression[],
  host: ES.Expression,
  bound: ES.Expression,
  alias: (name: string) => ES.Identifier,
): ES.Expression | null {
  if (name === 'call_closure' && args.length === 2) return js.call(alias('fastCallClosure1'), [host, bound, args[0]!, args[1]!]);
  if (name === 'call_closure' && args.length >= 1) {
    return js.call(alias('fastCallClosure'), [host, bound, args[0]!, js.array(args.slice(1))]);
  }
  if (name === 'get_upvalue' && args.length === 1) return js.call(alias('fastGetUpvalue'), [host, bound, args[0]!]);
  if (name === 'set_upvalue' && args.length === 2) return js.call(alias('fastSetUpvalue'), [host, bound, ...args]);
  return null;
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
