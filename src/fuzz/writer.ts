/**
 * The instruction writer under the program generator: emission, labels, the per-register type guess
 * (abstract-types.ts), operand selection (reuse a register of the wanted type or load a fresh constant),
 * and the call sequence (PUSHARGs, with an occasional LD, spill or NOP between them, then CALL).
 *
 * `pinned` holds the registers that carry operands of the statement being written, so that loading a
 * later operand never overwrites an earlier one.
 */
import type { Constant, Instruction, Label } from '../bytecode/model.js';
import type { ArgShape } from './builtin-specs.js';
import { type ConstantPool, intConstant, sampleConstant, sampleInteger, INTEGER_KINDS } from './constants.js';
import { closureTarget, isScalar, type ScalarTy, type Ty } from './abstract-types.js';
import type { Rng } from './random.js';

export interface ParamPlan {
  readonly name: string;
  readonly ty: Ty;
}

/** A function's signature, fixed before any body is written so callers know their callees. */
export interface FunctionPlan {
  readonly index: number;
  readonly name: string;
  readonly params: readonly ParamPlan[];
  readonly upvalues: readonly string[];
  /** Parameter 0 is a depth counter and the body calls itself once with it decremented. */
  readonly recursive: boolean;
  /** Known once the body is written (callees are written first). */
  returnTy: Ty;
  /** Estimated instructions one call executes, callees included. */
  cost: number;
}

export interface GenContext {
  readonly rng: Rng;
  readonly pool: ConstantPool;
  readonly plans: readonly FunctionPlan[];
  /** Per-statement probability of a deliberately failing statement (0 in programs without error mode). */
  readonly errorRate: number;
  /** Draw integers from the whole range (overflow-prone) rather than mostly small values. */
  readonly wild: boolean;
  /** Upper bound for a function's estimated cost. */
  readonly budget: number;
  /** Largest depth argument passed to a recursive function. */
  readonly maxRecursion: number;
  /** Allow statements that touch secret registers (r16+), which fail without an MPC engine. */
  readonly secretRegisters: boolean;
  /** Indices of functions some already written body calls (or makes a closure of). */
  readonly called: Set<number>;
}

export const REGISTERS = 16;
/** Loop counters by nesting depth: written only by their own loop. */
export const LOOP_COUNTERS = [15, 14, 13] as const;
/** A recursive function's depth counter: never written by its body. */
export const DEPTH_REGISTER = 12;
const OBJECT_KEYS: readonly string[] = ['a', 'b', 'key', 'n', '__type', '😀'];

export abstract class CodeWriter {
  protected readonly rng: Rng;
  protected readonly ins: Instruction[] = [];
  protected readonly labels: Label[] = [];
  private labelCount = 0;
  protected types: Ty[];
  /** Product of the iteration counts of the loops around the code being written. */
  protected mult = 1;
  /** Estimated instructions one call of this function executes. */
  protected cost = 0;
  /** Registers holding operands of the statement being written (not to be overwritten by it). */
  protected readonly pinned = new Set<number>();
  protected readonly writable: readonly number[];
  /** Names a plain CALL or create_closure here can capture with certainty. */
  protected readonly visibleNames: ReadonlySet<string>;

  constructor(
    protected readonly ctx: GenContext,
    protected readonly plan: FunctionPlan,
  ) {
    this.rng = ctx.rng;
    this.types = Array.from({ length: REGISTERS }, (_, r): Ty => plan.params[r]?.ty ?? 'unit');
    const writable: number[] = [];
    for (let r = 0; r < LOOP_COUNTERS[LOOP_COUNTERS.length - 1]; r++) {
      if (!(plan.recursive && r === DEPTH_REGISTER)) writable.push(r);
    }
    this.writable = writable;
    this.visibleNames = new Set([...plan.params.map((p) => p.name), ...plan.upvalues]);
  }

  protected emit(i: Instruction): void {
    this.ins.push(i);
    this.cost += this.mult;
  }

  protected newLabel(prefix: string): string {
    return `${prefix}_${this.labelCount++}`;
  }

  protected place(name: string): void {
    this.labels.push({ name, target: this.ins.length });
  }

  protected constIndex(c: Constant): number {
    return this.ctx.pool.add(c);
  }

  /** A writable register not holding an operand of the current statement. */
  protected dst(): number {
    const free = this.writable.filter((r) => !this.pinned.has(r));
    return this.rng.pick(free.length > 0 ? free : this.writable);
  }

  /** A writable register other than r0 (which the next CALL overwrites). */
  protected dstNotR0(): number {
    const free = this.writable.filter((r) => r !== 0 && !this.pinned.has(r));
    return this.rng.pick(free.length > 0 ? free : this.writable.filter((r) => r !== 0));
  }

  protected pin(r: number): number {
    this.pinned.add(r);
    return r;
  }

  /** Loads `c` into a fresh register. */
  protected load(c: Constant, ty: Ty): number {
    const r = this.dst();
    this.emit({ op: 'LDI', dst: r, index: this.constIndex(c) });
    this.types[r] = ty;
    return this.pin(r);
  }

  /** A register holding a value of scalar type `ty`: an existing one or a freshly loaded constant. */
  protected scalar(ty: ScalarTy): number {
    const have = this.registersWith((t) => t === ty);
    if (have.length > 0 && this.rng.chance(0.45)) return this.pin(this.rng.pick(have));
    return this.load(sampleConstant(this.rng, ty, this.ctx.wild), ty);
  }

  /** A fresh non-zero constant of `ty` (divisors). */
  protected nonZero(ty: ScalarTy): number {
    for (;;) {
      const c = sampleConstant(this.rng, ty, this.ctx.wild);
      if (c.kind === 'float' ? (c.bits & 0x7fffffffffffffffn) !== 0n : 'value' in c && c.value != 0) {
        return this.load(c, ty);
      }
    }
  }

  protected i64(value: number | bigint): number {
    return this.load(intConstant('i64', BigInt(value)), 'i64');
  }

  protected registersWith(pred: (t: Ty) => boolean): number[] {
    const out: number[] = [];
    for (let r = 0; r < REGISTERS; r++) if (pred(this.types[r]!)) out.push(r);
    return out;
  }

  protected existing(pred: (t: Ty) => boolean): number | null {
    const have = this.registersWith(pred);
    return have.length > 0 ? this.pin(this.rng.pick(have)) : null;
  }

  /** Any register, preferring ones whose content is known. */
  protected anyRegister(): number {
    const known = this.registersWith((t) => t !== 'unknown' && t !== 'unit');
    const r = known.length > 0 && this.rng.chance(0.6) ? this.rng.pick(known) : this.rng.int(REGISTERS);
    return this.pin(r);
  }

  protected ldi(): boolean {
    const kind = this.rng.weighted<ScalarTy>({
      i64: 30, float: 12, string: 12, bool: 8, unit: 4, i32: 4, i16: 3, i8: 3, u8: 4, u16: 3, u32: 3, u64: 5,
    });
    this.load(sampleConstant(this.rng, kind, this.ctx.wild), kind);
    return true;
  }

  /** Two registers CMP can order (numbers of any kinds, two strings, two bools). */
  protected comparablePair(): [number, number] {
    switch (this.rng.weighted({ i64: 30, i64float: 10, float: 8, ints: 12, string: 10, bool: 8 })) {
      case 'i64':
        return [this.scalar('i64'), this.scalar('i64')];
      case 'i64float':
        return this.rng.chance(0.5) ? [this.scalar('i64'), this.scalar('float')] : [this.scalar('float'), this.scalar('i64')];
      case 'float':
        return [this.scalar('float'), this.scalar('float')];
      case 'ints':
        return [this.scalar(this.rng.pick(INTEGER_KINDS)), this.scalar(this.rng.pick([...INTEGER_KINDS, 'float'] as const))];
      case 'string':
        return [this.scalar('string'), this.scalar('string')];
      default:
        return [this.scalar('bool'), this.scalar('bool')];
    }
  }

  /** An argument register for a parameter of type `ty`, or null when none can be had. */
  protected argument(ty: Ty): number | null {
    if (isScalar(ty)) return this.scalar(ty);
    if (ty === 'unknown') return this.anyRegister();
    return this.existing((t) => t === ty);
  }

  /** Registers for a callee's arguments (a small depth for a recursive callee's counter). */
  protected argumentsFor(callee: FunctionPlan): number[] | null {
    const regs: number[] = [];
    for (const [i, p] of callee.params.entries()) {
      const r = callee.recursive && i === 0 ? this.i64(this.rng.int(this.ctx.maxRecursion + 1)) : this.argument(p.ty);
      if (r === null) return null;
      regs.push(r);
    }
    return regs;
  }

  /** PUSHARGs, with an occasional LD of a pushed value, NOP or spill in between, then the CALL. */
  protected pushAndCall(args: readonly number[], name: string): void {
    const pushedTypes: Ty[] = [];
    for (const r of args) {
      this.emit({ op: 'PUSHARG', src: r });
      pushedTypes.push(this.types[r]!);
      if (this.rng.chance(0.12)) {
        const k = this.rng.int(pushedTypes.length);
        const dst = this.dstNotPinned();
        this.emit({ op: 'LD', dst, offset: k === 0 ? 0 : -k }); // never -0: the file form has no such offset
        this.types[dst] = pushedTypes[pushedTypes.length - 1 - k]!;
      } else if (this.rng.chance(0.04)) {
        this.emit({ op: 'NOP' });
      } else if (this.rng.chance(0.04)) {
        const dst = this.dstNotPinned();
        const slot = this.rng.int(4);
        this.emit({ op: 'STS', slot, src: r });
        this.emit({ op: 'LDS', dst, slot });
        this.types[dst] = this.types[r]!;
      }
    }
    this.emit({ op: 'CALL', name });
  }

  /** A writable register that no operand of this statement occupies (LD/LDS between pushes). */
  protected dstNotPinned(): number {
    const r = this.dst();
    this.pinned.add(r);
    return r;
  }

  protected canAfford(callee: FunctionPlan): boolean {
    return this.cost + this.mult * (callee.cost + 8) <= this.ctx.budget;
  }

  protected afterCall(result: Ty, calleeCost: number): void {
    this.cost += this.mult * calleeCost;
    this.types[0] = result;
    if (this.rng.chance(0.5)) {
      const dst = this.dstNotR0();
      this.emit({ op: 'MOV', dst, src: 0 });
      this.types[dst] = result;
    }
  }

  protected argumentOfShape(shape: ArgShape): number | null {
    const rng = this.rng;
    switch (shape) {
      case 'any': return this.anyRegister();
      case 'array': return this.existing((t) => t === 'array');
      case 'object': return this.existing((t) => t === 'object');
      case 'table': return this.existing((t) => t === 'array' || t === 'object');
      case 'seq': return this.existing((t) => t === 'array') ?? this.scalar('string');
      case 'string': return this.scalar('string');
      case 'true': return this.load({ kind: 'bool', byte: 1 }, 'bool');
      case 'count': return this.i64(rng.int(4));
      case 'step': return this.i64(rng.pick([-2, -1, 1, 1, 2, 3]));
      case 'index':
      case 'endpoint':
        switch (rng.weighted({ low: 60, negative: 15, past: 15, sparse: 5, far: shape === 'index' ? 5 : 0 })) {
          case 'low': return this.i64(rng.int(3));
          case 'negative': return this.i64(-rng.range(1, 2));
          case 'past': return this.i64(rng.range(3, 5));
          case 'sparse': return this.i64(rng.range(30, 40));
          default: return this.i64(sampleInteger(rng, 'i64', this.ctx.wild));
        }
      case 'key':
        switch (rng.weighted({ string: 70, int: 15, other: 15 })) {
          case 'string': return this.load({ kind: 'string', value: rng.pick(OBJECT_KEYS) }, 'string');
          case 'int': return this.i64(rng.int(3));
          default: {
            const kind = rng.pick(['float', 'bool', 'unit', 'i32', 'u8'] as const);
            return this.load(sampleConstant(rng, kind, false), kind);
          }
        }
    }
  }

  /** Closure targets: later functions whose upvalues this frame can supply. */
  protected closureTargets(): FunctionPlan[] {
    return this.ctx.plans.filter((p) => p.index > this.plan.index && p.upvalues.every((u) => this.visibleNames.has(u)));
  }

  protected createClosure(fn: string, upvalues: readonly string[], ty: Ty): void {
    const target = closureTarget(ty);
    if (target !== null) this.ctx.called.add(target);
    const args = [this.load({ kind: 'string', value: fn }, 'string')];
    for (const u of upvalues) args.push(this.load({ kind: 'string', value: u }, 'string'));
    this.pushAndCall(args, 'create_closure');
    this.cost += this.mult;
    const dst = this.pin(this.dstNotR0());
    this.emit({ op: 'MOV', dst, src: 0 });
    this.types[0] = ty;
    this.types[dst] = ty;
  }
}
