/**
 * Writes the body of one function for the program generator (generate.ts): structured statements
 * (arithmetic, branches, bounded loops, forward jumps, calls, builtins, closures, tables, spills, prints;
 * deliberate errors in error-statements.ts) lowered straight to instructions through the writer
 * (writer.ts), whose per-register type guess steers operand choice.
 *
 * Termination is structural: a loop counts in a register only its own loop touches (r13–r15), a recursive
 * function counts down in r12 (never written by its body) and calls only itself at top level, every other
 * call goes to a function with a higher index, and an estimate of executed instructions (`cost`) keeps
 * loops of calls from multiplying past the budget.
 */
import type { FunctionRecord, Instruction, JumpOp } from '../bytecode/model.js';
import { closureTarget, isScalar, joinAll, type ScalarTy, type Ty } from './abstract-types.js';
import { BUILTIN_SPECS, type BuiltinSpec } from './builtin-specs.js';
import { type IntegerKind, INTEGER_KINDS, intConstant, integerBits, sampleConstant } from './constants.js';
import { ErrorStatementWriter } from './error-statements.js';
import type { Rng } from './random.js';
import { DEPTH_REGISTER, LOOP_COUNTERS, REGISTERS } from './writer.js';

export type { FunctionPlan, GenContext, ParamPlan } from './writer.js';

const MAX_BLOCK_DEPTH = 3;
const CONDITIONAL_JUMPS: readonly JumpOp[] = ['JMPEQ', 'JMPNEQ', 'JMPLT', 'JMPGT'];
const NARROW_KINDS: readonly IntegerKind[] = INTEGER_KINDS.filter((k) => k !== 'i64');

type Statement =
  | 'ldi' | 'mov' | 'arith' | 'bitwise' | 'not' | 'shift' | 'if' | 'loop' | 'call' | 'builtin' | 'print'
  | 'spill' | 'nop' | 'table' | 'closure' | 'callClosure' | 'closureScenario' | 'upvalue' | 'ret' | 'goto'
  | 'condPush' | 'pushLoop';

const STATEMENT_WEIGHTS: Readonly<Record<Statement, number>> = {
  ldi: 8, mov: 4, arith: 16, bitwise: 5, not: 3, shift: 4, if: 8, loop: 5, call: 9, builtin: 12, print: 8,
  spill: 3, nop: 1, table: 6, closure: 2, callClosure: 4, closureScenario: 3, upvalue: 4, ret: 2, goto: 3,
  condPush: 1, pushLoop: 1,
};

/** Loop shapes that terminate even when entered in the middle with any small counter value (or fail). */
const ENTERABLE_LOOPS: ReadonlySet<string> = new Set(['down', 'up']);

/** A forward jump whose label is still to be placed. */
interface PendingLabel {
  readonly name: string;
  readonly types: readonly Ty[];
}

export class FunctionGenerator extends ErrorStatementWriter {
  private loopDepth = 0;
  private blockDepth = 0;
  private readonly returns: Ty[] = [];
  /** Forward jumps waiting for their label (placed later at a statement boundary, or at the end). */
  private pending: PendingLabel[] = [];
  /** Shapes of the loops around the current statement. */
  private readonly loopShapes: string[] = [];
  /** No label may be placed here (the recursive part of a recursive function: skipping its decrement). */
  private noLanding = false;

  /** Writes the body (about `statements` top-level statements) and returns the record. */
  generate(statements: number): FunctionRecord {
    if (this.plan.upvalues.length > 0) this.upvaluePrologueStatements();
    // Calls of otherwise uncalled functions come first or last (an error on the way may skip them); not
    // first in a recursive function, whose depth parameter must still be in r0.
    const callsFirst = !this.plan.recursive && this.rng.chance(0.5);
    if (callsFirst) this.callUncalled();
    if (this.plan.recursive) this.recursiveBody(statements);
    else this.block(statements);
    if (!callsFirst) this.callUncalled();
    this.epilogue();
    // Jumps whose label never found a place land at the end: "return r0".
    for (const p of this.pending) {
      this.place(p.name);
      this.returns.push(p.types[0]!);
    }
    this.pending = [];
    const plan = this.plan;
    plan.returnTy = this.returns.reduce((a, b) => (a === b ? a : 'unknown'));
    plan.cost = plan.recursive ? this.cost * (this.ctx.maxRecursion + 1) : this.cost;
    let highest = 0;
    for (const i of this.ins) highest = Math.max(highest, ...registersOf(i));
    return {
      name: plan.name,
      registerCount: Math.max(highest + 1, plan.params.length),
      paramNames: plan.params.map((p) => p.name),
      paramTypes: plan.params.map(() => ({ tag: 'unknown' }) as const),
      returnType: { tag: 'unknown' },
      upvalueNames: plan.upvalues,
      parent: null,
      labels: this.labels,
      instructions: this.ins,
    };
  }

  private block(statements: number): void {
    for (let i = 0; i < statements; i++) {
      this.landPending();
      this.statement();
    }
    this.landPending();
  }

  /** Places some pending forward-jump labels here, if every enclosing loop survives being entered midway. */
  private landPending(): void {
    if (this.pending.length === 0 || this.noLanding || !this.loopShapes.every((s) => ENTERABLE_LOOPS.has(s))) return;
    this.pending = this.pending.filter((p) => {
      if (!this.rng.chance(0.3)) return true;
      this.place(p.name);
      this.types = joinAll(this.types, p.types);
      return false;
    });
  }

  private statement(): void {
    this.pinned.clear();
    if (this.errorNow()) {
      this.errorStatement();
      this.pinned.clear();
      return;
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const kind = this.rng.weighted(STATEMENT_WEIGHTS);
      if (this.tryStatement(kind)) break;
    }
    this.pinned.clear();
  }

  private tryStatement(kind: Statement): boolean {
    switch (kind) {
      case 'ldi': return this.ldi();
      case 'mov': return this.mov();
      case 'arith': return this.arith();
      case 'bitwise': return this.bitwise();
      case 'not': return this.not();
      case 'shift': return this.shift();
      case 'if': return this.ifStatement();
      case 'loop': return this.loop();
      case 'call': return this.call();
      case 'builtin': return this.builtin();
      case 'print': return this.print();
      case 'spill': return this.spill();
      case 'nop': this.emit({ op: 'NOP' }); return true;
      case 'table': return this.table();
      case 'closure': return this.closure();
      case 'callClosure': return this.callClosure();
      case 'closureScenario': return this.closureScenario();
      case 'goto': return this.goto();
      case 'condPush': return this.condPush();
      case 'pushLoop': return this.pushLoop();
      case 'upvalue': return this.upvalue();
      case 'ret': return this.earlyReturn();
    }
  }

  /** Statements allowed between a CMP and its jump: none of them sets the compare flag. */
  private filler(): void {
    const kind = this.rng.pick<Statement>(['ldi', 'arith', 'call', 'builtin', 'print', 'nop', 'spill', 'mov']);
    this.tryStatement(kind);
    this.pinned.clear();
  }

  private mov(): boolean {
    const src = this.rng.int(REGISTERS);
    const dst = this.dst();
    this.emit({ op: 'MOV', dst, src });
    this.types[dst] = this.types[src]!;
    return true;
  }

  private arith(): boolean {
    const op = this.rng.pick(['ADD', 'SUB', 'MUL', 'DIV', 'MOD'] as const);
    const divides = op === 'DIV' || op === 'MOD';
    const right = (ty: ScalarTy) => (divides ? this.nonZero(ty) : this.scalar(ty));
    let lhs: number;
    let rhs: number;
    let result: Ty;
    switch (this.rng.weighted({ i64: 40, float: 8, mixed: 8, narrow: 14, concat: op === 'ADD' ? 6 : 0 })) {
      case 'i64':
        lhs = this.scalar('i64');
        rhs = right('i64');
        result = 'i64';
        break;
      case 'float':
        lhs = this.scalar('float');
        rhs = right('float');
        result = 'float';
        break;
      case 'mixed': {
        const floatFirst = this.rng.chance(0.5);
        lhs = this.scalar(floatFirst ? 'float' : 'i64');
        rhs = right(floatFirst ? 'i64' : 'float');
        result = 'float';
        break;
      }
      case 'narrow': {
        const kind = this.rng.pick(NARROW_KINDS);
        lhs = this.scalar(kind);
        rhs = right(kind);
        result = kind;
        break;
      }
      default:
        lhs = this.scalar('string');
        rhs = this.scalar('string');
        result = 'string';
    }
    // Often accumulate in place (`ADD r1, r1, r2`), so values grow across loop iterations.
    const dst = this.writable.includes(lhs) && this.rng.chance(0.35) ? lhs : this.dst();
    this.emit({ op, dst, lhs, rhs });
    this.types[dst] = result;
    return true;
  }

  private bitwise(): boolean {
    const op = this.rng.pick(['AND', 'OR', 'XOR'] as const);
    const ty: ScalarTy = this.rng.chance(0.3) ? 'bool' : this.rng.pick(INTEGER_KINDS);
    const lhs = this.scalar(ty);
    const rhs = this.scalar(ty);
    const dst = this.dst();
    this.emit({ op, dst, lhs, rhs });
    this.types[dst] = ty;
    return true;
  }

  private not(): boolean {
    const ty: ScalarTy = this.rng.chance(0.4) ? 'bool' : this.rng.pick(INTEGER_KINDS);
    const src = this.scalar(ty);
    const dst = this.dst();
    this.emit({ op: 'NOT', dst, src });
    this.types[dst] = ty;
    return true;
  }

  private shift(): boolean {
    const op = this.rng.pick(['SHL', 'SHR'] as const);
    const kind = this.rng.chance(0.5) ? 'i64' : this.rng.pick(INTEGER_KINDS);
    const lhs = this.scalar(kind);
    const rhs = this.load(intConstant(kind, BigInt(this.rng.int(integerBits(kind)))), kind);
    const dst = this.dst();
    this.emit({ op, dst, lhs, rhs });
    this.types[dst] = kind;
    return true;
  }

  private ifStatement(): boolean {
    if (this.blockDepth >= MAX_BLOCK_DEPTH) return false;
    // Usually a fresh CMP; sometimes reuse whatever flag the frame has (initially Equal).
    if (this.rng.chance(0.9)) {
      const [lhs, rhs] = this.comparablePair();
      this.emit({ op: 'CMP', lhs, rhs });
      this.pinned.clear();
      if (this.rng.chance(0.25)) this.filler();
    }
    const elseLabel = this.newLabel('else');
    this.emit({ op: this.rng.pick(CONDITIONAL_JUMPS), label: elseLabel });
    const before = this.types.slice();
    this.blockDepth++;
    this.block(this.rng.range(1, 3));
    const thenTypes = this.types;
    if (this.rng.chance(0.6)) {
      const endLabel = this.newLabel('end_if');
      this.emit({ op: 'JMP', label: endLabel });
      this.place(elseLabel);
      this.types = before.slice();
      this.block(this.rng.range(1, 3));
      this.place(endLabel);
    } else {
      this.place(elseLabel);
      this.types = before;
    }
    this.types = joinAll(thenTypes, this.types);
    this.blockDepth--;
    return true;
  }

  private loop(): boolean {
    if (this.loopDepth >= LOOP_COUNTERS.length || this.blockDepth >= MAX_BLOCK_DEPTH) return false;
    const counter = LOOP_COUNTERS[this.loopDepth]!;
    const variant = this.rng.pick(['down', 'up', 'neq', 'while'] as const);
    const n = this.rng.range(variant === 'while' ? 0 : 1, 4);
    const top = this.newLabel('loop');
    const exit = this.newLabel('loop_end');
    const temp = () => {
      const i64s = this.writable.filter((r) => this.types[r] === 'i64' && !this.pinned.has(r));
      return i64s.length > 0 ? this.rng.pick(i64s) : this.dst();
    };
    const loadTemp = (value: number): number => {
      const r = temp();
      this.emit({ op: 'LDI', dst: r, index: this.constIndex(intConstant('i64', BigInt(value))) });
      this.types[r] = 'i64';
      return r;
    };

    this.emit({ op: 'LDI', dst: counter, index: this.constIndex(intConstant('i64', BigInt(variant === 'down' ? n : 0))) });
    this.types[counter] = 'i64';
    this.place(top);
    if (variant === 'while') {
      const t = loadTemp(n);
      this.emit({ op: 'CMP', lhs: t, rhs: counter });
      this.emit({ op: 'JMPEQ', label: exit });
    }
    const before = this.types.slice();
    const outerMult = this.mult;
    this.mult *= Math.max(n, 1);
    this.loopDepth++;
    this.blockDepth++;
    this.loopShapes.push(variant);
    this.pinned.clear();
    this.block(this.rng.range(1, 3));
    this.pinned.clear();
    this.loopShapes.pop();
    // Usually restore the scalar types the body changed, so the next iteration sees what the body
    // assumed; sometimes not, so registers change type between iterations.
    const restore = this.rng.chance(0.7);
    for (let r = 0; r < REGISTERS && restore; r++) {
      const was = before[r]!;
      if (this.types[r] !== was && isScalar(was) && this.writable.includes(r)) {
        this.emit({ op: 'LDI', dst: r, index: this.constIndex(sampleConstant(this.rng, was, this.ctx.wild)) });
        this.types[r] = was;
      }
    }
    const step = loadTemp(1);
    if (variant === 'down') {
      this.emit({ op: 'SUB', dst: counter, lhs: counter, rhs: step });
      const zero = loadTemp(0);
      this.emit({ op: 'CMP', lhs: counter, rhs: zero });
      this.emit({ op: 'JMPGT', label: top });
    } else {
      this.emit({ op: 'ADD', dst: counter, lhs: counter, rhs: step });
      if (variant === 'while') {
        this.emit({ op: 'JMP', label: top });
      } else {
        const bound = loadTemp(n);
        this.emit({ op: 'CMP', lhs: counter, rhs: bound });
        this.emit({ op: variant === 'up' ? 'JMPLT' : 'JMPNEQ', label: top });
      }
    }
    this.place(exit);
    this.blockDepth--;
    this.loopDepth--;
    this.mult = outerMult;
    this.types = joinAll(before, this.types);
    return true;
  }

  private call(): boolean {
    // Upvalues this frame cannot supply may still be found further down the call stack (or not: an error).
    const anyCapture = this.rng.chance(0.07);
    const candidates = this.ctx.plans.filter(
      (p) => p.index > this.plan.index && (anyCapture || p.upvalues.every((u) => this.visibleNames.has(u))) && this.canAfford(p),
    );
    if (candidates.length === 0) return false;
    const callee = this.rng.pick(candidates);
    // A closure parameter gets a closure made here when none is at hand: the callee calls it, and a
    // `set_upvalue` inside replaces the instance in this frame's registers too (builtins-core.md §4.4).
    for (const p of callee.params) {
      const target = closureTarget(p.ty);
      if (target === null || this.registersWith((t) => t === p.ty).length > 0) continue;
      const plan = this.ctx.plans[target]!;
      if (!plan.upvalues.every((u) => this.visibleNames.has(u))) return false;
      this.createClosure(plan.name, plan.upvalues, p.ty);
    }
    const args = this.argumentsFor(callee);
    if (args === null) return false;
    this.pushAndCall(args, callee.name);
    this.afterCall(callee.returnTy, callee.cost);
    this.ctx.called.add(callee.index);
    return true;
  }

  /** Calls (directly or through a closure) later functions nothing has called yet, so no body is dead. */
  private callUncalled(): void {
    for (const callee of this.ctx.plans) {
      if (callee.index <= this.plan.index || this.ctx.called.has(callee.index) || !this.canAfford(callee)) continue;
      if (!callee.upvalues.every((u) => this.visibleNames.has(u)) || !this.rng.chance(0.85)) continue;
      this.pinned.clear();
      if (callee.upvalues.length > 0 || this.rng.chance(0.2)) {
        const ty: Ty = `closure:${callee.index}`;
        this.createClosure(callee.name, callee.upvalues, ty);
        const holder = this.registersWith((t) => t === ty).find((r) => r !== 0)!;
        for (let n = this.rng.range(1, 2); n > 0; n--) {
          this.pinned.clear();
          this.pin(holder);
          const args = this.argumentsFor(callee);
          if (args === null) break;
          this.pushAndCall([holder, ...args], 'call_closure');
          this.afterCall(callee.returnTy, callee.cost + 2);
        }
      } else {
        const args = this.argumentsFor(callee);
        if (args === null) continue;
        this.pushAndCall(args, callee.name);
        this.afterCall(callee.returnTy, callee.cost);
      }
      this.ctx.called.add(callee.index);
    }
    this.pinned.clear();
  }

  private builtin(): boolean {
    const spec = pickWeighted(this.rng, BUILTIN_SPECS);
    const shapes = [...spec.args];
    if (spec.optional) shapes.push(...spec.optional.slice(0, this.rng.int(spec.optional.length + 1)));
    const args: number[] = [];
    for (const shape of shapes) {
      const r = this.argumentOfShape(shape);
      if (r === null) return false;
      args.push(r);
    }
    this.pushAndCall(args, spec.name);
    this.afterCall(resultOf(spec, args.map((r) => this.types[r]!)), 2);
    return true;
  }

  private print(): boolean {
    const args: number[] = [];
    for (let i = this.rng.int(4); i > 0; i--) args.push(this.anyRegister());
    this.pushAndCall(args, 'print');
    this.afterCall('unit', 2);
    return true;
  }

  private spill(): boolean {
    const slot = this.rng.chance(0.9) ? this.rng.int(4) : this.rng.range(100, 1000);
    if (this.rng.chance(0.7)) {
      const src = this.anyRegister();
      this.emit({ op: 'STS', slot, src });
      if (this.rng.chance(0.6)) {
        const dst = this.dst();
        this.emit({ op: 'LDS', dst, slot });
        this.types[dst] = this.types[src]!;
      }
    } else {
      const dst = this.dst();
      this.emit({ op: 'LDS', dst, slot });
      this.types[dst] = 'unknown';
    }
    return true;
  }

  private table(): boolean {
    const isArray = this.rng.chance(0.6);
    const args = isArray && this.rng.chance(0.4) ? [this.i64(this.rng.int(8))] : [];
    this.pushAndCall(args, isArray ? 'create_array' : 'create_object');
    this.cost += this.mult;
    const table = this.dstNotR0();
    this.emit({ op: 'MOV', dst: table, src: 0 });
    const ty: Ty = isArray ? 'array' : 'object';
    this.types[0] = ty;
    this.types[table] = ty;
    this.pinned.clear();
    this.pin(table);
    for (let i = this.rng.int(4); i > 0; i--) {
      const value = this.rng.chance(0.5) ? this.anyRegister() : this.scalar(this.rng.pick(['i64', 'string', 'float', 'bool'] as const));
      if (isArray) {
        this.pushAndCall([table, value], 'array_push');
        this.types[0] = 'i64';
      } else {
        const key = this.argumentOfShape('key')!;
        this.pushAndCall([table, key, value], 'set_field');
        this.types[0] = 'unit';
      }
      this.cost += this.mult;
    }
    return true;
  }

  private closure(): boolean {
    const targets = this.closureTargets();
    if (targets.length === 0) return false;
    const target = this.rng.pick(targets);
    this.createClosure(target.name, target.upvalues, `closure:${target.index}`);
    return true;
  }

  private callClosure(): boolean {
    const regs = this.registersWith((t) => {
      const target = closureTarget(t);
      return target !== null && target > this.plan.index && this.canAfford(this.ctx.plans[target]!);
    });
    if (regs.length === 0) return false;
    const closure = this.pin(this.rng.pick(regs));
    const target = this.ctx.plans[closureTarget(this.types[closure]!)!]!;
    const args = this.argumentsFor(target);
    if (args === null) return false;
    this.pushAndCall([closure, ...args], 'call_closure');
    this.afterCall(target.returnTy, target.cost + 2);
    return true;
  }

  private upvalue(): boolean {
    if (this.plan.upvalues.length === 0) return false;
    const name = this.load({ kind: 'string', value: this.rng.pick(this.plan.upvalues) }, 'string');
    if (this.rng.chance(0.5)) {
      this.pushAndCall([name], 'get_upvalue');
      this.afterCall('unknown', 2);
    } else {
      this.pushAndCall([name, this.anyRegister()], 'set_upvalue');
      this.afterCall('unit', 2);
    }
    return true;
  }

  private earlyReturn(): boolean {
    if (this.blockDepth === 0) return false;
    const src = this.rng.int(REGISTERS);
    this.emit({ op: 'RET', src });
    this.returns.push(this.types[src]!);
    return true;
  }

  /** A forward jump (usually conditional) to a label placed later: into a branch, a loop body, or the end. */
  private goto(): boolean {
    if (this.rng.chance(0.7)) {
      const [lhs, rhs] = this.comparablePair();
      this.emit({ op: 'CMP', lhs, rhs });
    }
    const name = this.newLabel('skip');
    this.emit({ op: this.rng.chance(0.85) ? this.rng.pick(CONDITIONAL_JUMPS) : 'JMP', label: name });
    this.pending.push({ name, types: this.types.slice() });
    return true;
  }

  /** A PUSHARG on one path only: the next CALL's argument count depends on the path taken. */
  private condPush(): boolean {
    const [lhs, rhs] = this.comparablePair();
    this.emit({ op: 'CMP', lhs, rhs });
    const skip = this.newLabel('nopush');
    this.emit({ op: this.rng.pick(CONDITIONAL_JUMPS), label: skip });
    this.emit({ op: 'PUSHARG', src: this.anyRegister() });
    this.place(skip);
    const args = this.rng.chance(0.5) ? [this.anyRegister()] : [];
    this.pushAndCall(args, 'print');
    this.afterCall('unit', 2);
    return true;
  }

  /** A loop that only pushes arguments; the CALL after it receives one per iteration. */
  private pushLoop(): boolean {
    if (this.loopDepth >= LOOP_COUNTERS.length) return false;
    const counter = LOOP_COUNTERS[this.loopDepth]!;
    const n = this.rng.range(1, 3);
    const top = this.newLabel('pushes');
    this.emit({ op: 'LDI', dst: counter, index: this.constIndex(intConstant('i64', BigInt(n))) });
    this.types[counter] = 'i64';
    this.place(top);
    this.emit({ op: 'PUSHARG', src: this.rng.chance(0.5) ? counter : this.anyRegister() });
    const one = this.i64(1);
    this.emit({ op: 'SUB', dst: counter, lhs: counter, rhs: one });
    const zero = this.i64(0);
    this.emit({ op: 'CMP', lhs: counter, rhs: zero });
    this.emit({ op: 'JMPGT', label: top });
    this.cost += this.mult * 6 * n;
    this.pushAndCall(this.rng.chance(0.5) ? [this.anyRegister()] : [], 'print');
    this.afterCall('unit', 2);
    return true;
  }

  /**
   * A closure's life: created, copied (MOV, spill slot, array element), called through the copies, printed.
   * With `set_upvalue` in the target, later calls see the update only through registers holding the
   * same instance (builtins-core.md §4.4).
   */
  private closureScenario(): boolean {
    const targets = this.closureTargets().filter((p) => this.canAfford(p));
    if (targets.length === 0) return false;
    const withUpvalues = targets.filter((p) => p.upvalues.length > 0);
    const target = this.rng.pick(withUpvalues.length > 0 && this.rng.chance(0.8) ? withUpvalues : targets);
    const ty: Ty = `closure:${target.index}`;
    this.createClosure(target.name, target.upvalues, ty);
    const holders = [this.registersWith((t) => t === ty).find((r) => r !== 0)!];
    const call = (reg: number) => {
      this.pinned.clear();
      this.pin(reg);
      const args = this.argumentsFor(target);
      if (args === null) return;
      this.pushAndCall([reg, ...args], 'call_closure');
      this.afterCall(target.returnTy, target.cost + 2);
    };
    for (let step = this.rng.range(2, 5); step > 0; step--) {
      const holder = this.rng.pick(holders);
      switch (this.rng.weighted({ call: 5, mov: 2, spill: 1, array: 1, print: 1 })) {
        case 'call':
          call(holder);
          break;
        case 'mov': {
          this.pinned.clear();
          const dst = this.dstNotR0();
          this.emit({ op: 'MOV', dst, src: holder });
          this.types[dst] = ty;
          holders.push(dst);
          break;
        }
        case 'spill': {
          const slot = this.rng.int(4);
          this.emit({ op: 'STS', slot, src: holder });
          this.pinned.clear();
          const dst = this.dstNotR0();
          this.emit({ op: 'LDS', dst, slot });
          this.types[dst] = ty;
          call(dst);
          break;
        }
        case 'array': {
          this.pinned.clear();
          this.pin(holder);
          this.pushAndCall([], 'create_array');
          const array = this.dstNotR0();
          this.emit({ op: 'MOV', dst: array, src: 0 });
          this.types[array] = 'array';
          this.pin(array);
          this.pushAndCall([array, holder], 'array_push');
          this.pushAndCall([array, this.i64(0)], 'get_field');
          this.types[0] = ty;
          call(0);
          break;
        }
        default:
          this.pinned.clear();
          this.pushAndCall([holder], 'print');
          this.afterCall('unit', 2);
      }
      // A holder may have been overwritten (a call result, a temporary): keep only live ones.
      const live = holders.filter((r) => this.types[r] === ty);
      if (live.length === 0) break;
      holders.splice(0, holders.length, ...live);
    }
    return true;
  }

  /** A function with upvalues starts by printing them and usually updating them. */
  private upvaluePrologueStatements(): void {
    for (const u of this.plan.upvalues) {
      this.pinned.clear();
      if (this.rng.chance(0.8)) {
        this.pushAndCall([this.load({ kind: 'string', value: u }, 'string')], 'get_upvalue');
        this.afterCall('unknown', 2);
        this.pushAndCall([0], 'print');
        this.types[0] = 'unit';
      }
      if (this.rng.chance(0.7)) {
        this.pinned.clear();
        const name = this.load({ kind: 'string', value: u }, 'string');
        const value = this.rng.chance(0.5) ? this.anyRegister() : this.scalar(this.rng.pick(['i64', 'string', 'float'] as const));
        this.pushAndCall([name, value], 'set_upvalue');
        this.types[0] = 'unit';
      }
    }
    this.pinned.clear();
  }

  /**
   * `MOV r12, r0; CMP r12, 0; JMPGT rec` (or `JMPEQ base` with the recursive part first); the recursive
   * part decrements r12 and calls this function once with it.
   */
  private recursiveBody(statements: number): void {
    this.emit({ op: 'MOV', dst: DEPTH_REGISTER, src: 0 });
    this.types[DEPTH_REGISTER] = 'i64';
    const zero = this.i64(0);
    this.emit({ op: 'CMP', lhs: DEPTH_REGISTER, rhs: zero });
    this.pinned.clear();
    const entry = this.types.slice();
    if (this.rng.chance(0.5)) {
      const rec = this.newLabel('rec');
      this.emit({ op: 'JMPGT', label: rec });
      this.baseCase(statements);
      this.types = entry.slice();
      this.place(rec);
      this.recursiveCase(statements);
    } else {
      const base = this.newLabel('base');
      this.emit({ op: 'JMPEQ', label: base });
      this.recursiveCase(statements);
      this.returnSomething();
      this.types = entry.slice();
      this.place(base);
      this.baseCase(statements);
    }
  }

  private baseCase(statements: number): void {
    this.blockDepth++;
    this.block(this.rng.int(Math.max(1, statements >> 1) + 1));
    this.blockDepth--;
    this.returnSomething();
  }

  private recursiveCase(statements: number): void {
    this.noLanding = true;
    const one = this.i64(1);
    this.emit({ op: 'SUB', dst: DEPTH_REGISTER, lhs: DEPTH_REGISTER, rhs: one });
    this.pinned.clear();
    const half = Math.max(1, statements >> 1);
    this.block(this.rng.int(half + 1));
    this.pinned.clear();
    const args = [this.pin(DEPTH_REGISTER)];
    for (const p of this.plan.params.slice(1)) args.push(this.argument(p.ty) ?? this.anyRegister());
    this.pushAndCall(args, this.plan.name);
    this.afterCall('unknown', 0);
    this.pinned.clear();
    this.block(this.rng.int(half + 1));
    this.noLanding = false;
  }

  private returnSomething(): void {
    const src = this.rng.int(REGISTERS);
    this.emit({ op: 'RET', src });
    this.returns.push(this.types[src]!);
  }

  /** Prints a few registers, then returns: `RET r`, falling off the end, or jumping to the end. */
  private epilogue(): void {
    this.pinned.clear();
    if (this.rng.chance(0.5)) this.print();
    this.pinned.clear();
    switch (this.rng.weighted({ ret: 60, fall: 30, jump: 10 })) {
      case 'ret':
        this.returnSomething();
        break;
      case 'jump': {
        const end = this.newLabel('exit');
        this.emit({ op: 'JMP', label: end });
        this.place(end);
        this.returns.push(this.types[0]!);
        break;
      }
      default:
        this.returns.push(this.types[0]!);
    }
  }
}

function resultOf(spec: BuiltinSpec, args: readonly Ty[]): Ty {
  return typeof spec.result === 'function' ? spec.result(args) : spec.result;
}

function pickWeighted<T extends { readonly weight: number }>(rng: Rng, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rng.int(total);
  for (const item of items) {
    if (r < item.weight) return item;
    r -= item.weight;
  }
  return items[items.length - 1]!;
}

/** Register operands of an instruction. */
export function registersOf(i: Instruction): number[] {
  switch (i.op) {
    case 'LD': case 'LDI': case 'LDS': return [i.dst];
    case 'MOV': case 'NOT': return [i.dst, i.src];
    case 'RET': case 'PUSHARG': case 'STS': return [i.src];
    case 'CMP': return [i.lhs, i.rhs];
    case 'JMP': case 'JMPEQ': case 'JMPNEQ': case 'JMPLT': case 'JMPGT': case 'CALL': case 'NOP': return [];
    default: return [i.dst, i.lhs, i.rhs];
  }
}
