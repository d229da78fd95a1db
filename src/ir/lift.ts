/**
 * Lifter: one bytecode function -> one SSA IR function.
 *
 * 1. Basic blocks from jump targets and the instructions after jumps/RET; a jump to the instruction count
 *    (and falling off the end) goes to one synthetic exit block that returns r0 (semantics.md §7.5).
 * 2. Argument-stack heights are computed per block. When every path reaches each block with the same height,
 *    stack positions become SSA variables (static mode, the normal case: CALL takes exactly the values
 *    pushed, `LD` out of range is a compile-time `throw`). Otherwise the function keeps a run-time stack
 *    (`push` / `ldstack` / `callstack`).
 * 3. SSA construction over the variables (registers, spill slots, stack positions, the compare flag): each
 *    block is lifted once to find its upward-exposed uses and definitions, liveness gives the block
 *    parameters (pruned SSA), blocks are lifted again with real values, and parameters whose incoming
 *    values are all the same are removed. Everything is iterative (no recursion over blocks).
 *
 * Semantics encoded here: the flag starts at Equal in every frame; unset registers and slots hold Unit;
 * every CALL consumes the whole stack and defines r0 (and nothing else); writes to registers >= 16 go
 * through `tosecret`, MOVs touching them through `movbank`; LDS/STS are raw copies.
 */
import type { Constant, Instruction, JumpOp } from '../bytecode/model.js';
import type { LoadedFunction } from '../bytecode/loaded.js';
import { RESERVED_NAMES } from '../../runtime/builtins/names.js';
import {
  UNIT,
  newValue,
  successors,
  type BinOp,
  type Block,
  type Cond,
  type Edge,
  type Inst,
  type IrFunction,
  type Lit,
  type Term,
  type ValueId,
} from './ir.js';

/** Register index where the secret bank starts (semantics.md §4). */
export const SECRET_BANK_START = 16;

export interface LiftOptions {
  /**
   * Program uses `set_upvalue`: after every call, registers are re-read through the closure replacements
   * made during it (`mark` / `refresh`) so replaced closure instances are seen (builtins-core.md §4.4).
   */
  readonly refreshClosures: boolean;
}

/**
 * Only set_upvalue replaces closures, so only a call that may run it needs a refresh: set_upvalue, call_closure
 * and program functions. Other builtins never call back into the program, nor do host functions (they
 * cannot share a reserved name).
 */
function mayReplaceClosures(name: string): boolean {
  return name === 'set_upvalue' || name === 'call_closure' || !RESERVED_NAMES.has(name);
}

const CONDS: Readonly<Record<Exclude<JumpOp, 'JMP'>, Cond>> = { JMPEQ: 'eq', JMPNEQ: 'ne', JMPLT: 'lt', JMPGT: 'gt' };
const BINOPS: Readonly<Record<string, BinOp>> = {
  ADD: 'add', SUB: 'sub', MUL: 'mul', DIV: 'div', MOD: 'mod', AND: 'and', OR: 'or', XOR: 'xor', SHL: 'shl', SHR: 'shr',
};

/** The literal for a constant-pool entry. */
export function constantLit(c: Constant): Lit {
  switch (c.kind) {
    case 'unit':
      return UNIT;
    case 'i64':
      return { kind: 'i64', value: c.value };
    case 'u64':
      return { kind: 'int', int: 'u64', value: c.value };
    case 'float':
      return { kind: 'float', bits: c.bits };
    case 'bool':
      return { kind: 'bool', value: c.byte !== 0 };
    case 'string':
      return { kind: 'string', value: c.value };
    default:
      return { kind: 'int', int: c.kind, value: BigInt(c.value) };
  }
}

interface BytecodeBlock {
  readonly start: number;
  readonly end: number;
}

/** How a lifted block ends, with targets as bytecode-block indices. */
type ProtoTerm =
  | { kind: 'jump'; to: number; pos: number }
  | { kind: 'br'; cond: Cond; flag: ValueId; to: number; fall: number; pos: number }
  | { kind: 'ret'; value: ValueId; pos: number }
  | { kind: 'throw'; message: string; pos: number };

/**
 * Variable numbering: registers, spill slots, stack positions and the flag share one index space, numbered
 * in order of first use (block parameters are ordered by it). Lookups are array indexing: this runs for
 * every operand of every instruction, twice.
 */
class Vars {
  private readonly regIds: number[] = [];
  private readonly slotIds: number[] = [];
  private readonly stackIds: number[] = [];
  private flagId = -1;
  readonly regOf: number[] = [];
  readonly registerVars: number[] = [];
  private fresh(reg: number): number {
    const v = this.regOf.length;
    this.regOf.push(reg);
    if (reg >= 0) this.registerVars.push(v);
    return v;
  }
  reg(k: number): number {
    return this.regIds[k] ?? (this.regIds[k] = this.fresh(k));
  }
  slot(s: number): number {
    return this.slotIds[s] ?? (this.slotIds[s] = this.fresh(-1));
  }
  stack(d: number): number {
    return this.stackIds[d] ?? (this.stackIds[d] = this.fresh(-1));
  }
  isFlag(v: number): boolean {
    return v === this.flagId;
  }
  flag(): number {
    if (this.flagId < 0) this.flagId = this.fresh(-1);
    return this.flagId;
  }
  get count(): number {
    return this.regOf.length;
  }
}

interface Env {
  read(v: number): ValueId;
  write(v: number, val: ValueId): void;
  emit(inst: Inst): void;
  fresh(): ValueId;
}

/** Literals of a constant pool, shared by the functions of a program (filled as they are needed). */
const poolLits = new WeakMap<readonly Constant[], (Lit | undefined)[]>();

function constantLits(constants: readonly Constant[]): (Lit | undefined)[] {
  let lits = poolLits.get(constants);
  if (!lits) {
    lits = new Array<Lit | undefined>(constants.length).fill(undefined);
    poolLits.set(constants, lits);
  }
  return lits;
}

export function liftFunction(fn: LoadedFunction, constants: readonly Constant[], options: LiftOptions): IrFunction {
  return new Lifter(fn, constants, options).lift();
}

class Lifter {
  private readonly code: readonly Instruction[];
  private readonly n: number;
  private readonly bbs: BytecodeBlock[] = [];
  /** Bytecode-block index of the block starting at an instruction (or EXIT at n). */
  private readonly bbAt: Int32Array;
  private readonly exit: number;
  private readonly vars = new Vars();
  /** Stack height at each bytecode block's entry (static mode), -1 if unreachable. */
  private depthIn: Int32Array = new Int32Array(0);
  private dynamicStack = false;
  private readonly lits: (Lit | undefined)[];

  constructor(
    private readonly fn: LoadedFunction,
    private readonly constants: readonly Constant[],
    private readonly options: LiftOptions,
  ) {
    this.code = fn.record.instructions;
    this.lits = constantLits(constants);
    this.n = this.code.length;
    this.bbAt = new Int32Array(this.n + 1).fill(-1);
    const leader = new Uint8Array(this.n + 1);
    leader[0] = 1;
    for (let i = 0; i < this.n; i++) {
      const op = this.code[i]!.op;
      if (op === 'RET') leader[i + 1] = 1;
      else if (isJump(op)) {
        leader[fn.jumpTargets[i]!] = 1;
        leader[i + 1] = 1;
      }
    }
    for (let i = 0; i < this.n; ) {
      let j = i + 1;
      while (j < this.n && !leader[j]) j++;
      this.bbAt[i] = this.bbs.length;
      this.bbs.push({ start: i, end: j });
      i = j;
    }
    this.exit = this.bbs.length;
    this.bbAt[this.n] = this.exit;
    // Every register a parameter or operand names gets a variable up front, so `refresh` sees them all.
    for (let k = 0; k < fn.arity; k++) this.vars.reg(k);
    this.vars.reg(0);
    for (const ins of this.code) {
      const r = ins as { dst?: number; src?: number; lhs?: number; rhs?: number };
      if (r.dst !== undefined) this.vars.reg(r.dst);
      if (r.src !== undefined) this.vars.reg(r.src);
      if (r.lhs !== undefined) this.vars.reg(r.lhs);
      if (r.rhs !== undefined) this.vars.reg(r.rhs);
    }
  }

  /** The literal of constant `index`, made once per program (literals are immutable and may be shared). */
  private constantLit(index: number): Lit {
    return this.lits[index] ?? (this.lits[index] = constantLit(this.constants[index]!));
  }

  private target(i: number): number {
    return this.bbAt[this.fn.jumpTargets[i]!]!;
  }

  private get entryBlock(): number {
    return this.n === 0 ? this.exit : 0;
  }

  /** Static successors (bytecode-block indices) ignoring compile-time throws. */
  private succOf(b: number): number[] {
    if (b === this.exit) return [];
    const { end } = this.bbs[b]!;
    const last = this.code[end - 1]!;
    const next = this.bbAt[end]!;
    if (last.op === 'JMP') return [this.target(end - 1)];
    if (isJump(last.op)) return [this.target(end - 1), next];
    if (last.op === 'RET') return [];
    return [next];
  }

  /**
   * Static stack analysis: stack heights per block, stopping at `LD` out of range (a compile-time error).
   * Returns false when heights disagree somewhere (then the stack is kept at run time).
   */
  private analyzeStack(): boolean {
    const depth = new Int32Array(this.bbs.length + 1).fill(-1);
    const work = [this.entryBlock];
    depth[this.entryBlock] = 0;
    while (work.length > 0) {
      const b = work.pop()!;
      if (b === this.exit) continue;
      let d = depth[b]!;
      let blocked = false;
      for (let i = this.bbs[b]!.start; i < this.bbs[b]!.end && !blocked; i++) {
        const ins = this.code[i]!;
        if (ins.op === 'PUSHARG') d++;
        else if (ins.op === 'CALL') d = 0;
        else if (ins.op === 'LD' && (d - 1 + ins.offset < 0 || d - 1 + ins.offset >= d)) blocked = true;
      }
      if (blocked) continue;
      for (const s of this.succOf(b)) {
        if (depth[s] === -1) {
          depth[s] = d;
          work.push(s);
        } else if (depth[s] !== d) return false;
      }
    }
    this.depthIn = depth;
    return true;
  }

  lift(): IrFunction {
    if (!this.analyzeStack()) {
      this.dynamicStack = true;
      // Reachability only: every height is "run time".
      const seen = new Int32Array(this.bbs.length + 1).fill(-1);
      const work = [this.entryBlock];
      seen[this.entryBlock] = 0;
      while (work.length > 0) {
        for (const s of this.succOf(work.pop()!)) {
          if (seen[s] === -1) {
            seen[s] = 0;
            work.push(s);
          }
        }
      }
      this.depthIn = seen;
    }
    const reachable: number[] = [];
    for (let b = 0; b <= this.exit; b++) if (this.depthIn[b] !== -1) reachable.push(b);

    // Pass A: upward-exposed uses and definitions per block (lists; stamps make membership O(1)).
    const nb = this.exit + 1;
    const uses: number[][] = new Array<number[]>(nb);
    const defs: number[][] = new Array<number[]>(nb);
    const protoSucc: number[][] = new Array<number[]>(nb);
    const defStamp: number[] = [];
    const useStamp: number[] = [];
    for (const b of reachable) {
      const use: number[] = [];
      const def: number[] = [];
      const env: Env = {
        read: (v) => {
          if (defStamp[v] !== b && useStamp[v] !== b) {
            useStamp[v] = b;
            use.push(v);
          }
          return 0;
        },
        write: (v) => {
          if (defStamp[v] !== b) {
            defStamp[v] = b;
            def.push(v);
          }
        },
        emit: () => {},
        fresh: () => 0,
      };
      const t = this.liftBlock(b, env);
      uses[b] = use;
      defs[b] = def;
      protoSucc[b] = protoTargets(t);
    }

    // Liveness on bitsets (iterate to a fixed point, blocks in reverse order of position for fast convergence).
    const words = (this.vars.count + 31) >>> 5;
    const liveIn = new Uint32Array(nb * words);
    const notDef = new Uint32Array(nb * words).fill(0xffffffff);
    for (const b of reachable) {
      for (const v of uses[b]!) liveIn[b * words + (v >>> 5)]! |= 1 << (v & 31);
      for (const v of defs[b]!) notDef[b * words + (v >>> 5)]! &= ~(1 << (v & 31));
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (let k = reachable.length - 1; k >= 0; k--) {
        const b = reachable[k]!;
        const base = b * words;
        for (const s of protoSucc[b]!) {
          const sBase = s * words;
          for (let w = 0; w < words; w++) {
            const old = liveIn[base + w]!;
            const next = (old | (liveIn[sBase + w]! & notDef[base + w]!)) >>> 0;
            if (next !== old) {
              liveIn[base + w] = next;
              changed = true;
            }
          }
        }
      }
    }

    // Pass B: build the IR with one parameter per live-in variable (in variable order).
    const out: IrFunction = { name: this.fn.name, arity: this.fn.arity, blocks: [], valueCount: 0 };
    const irId = new Int32Array(nb);
    reachable.forEach((b, i) => (irId[b] = i + 1));
    const liveVars: number[][] = new Array<number[]>(nb);
    for (const b of reachable) {
      const vs: number[] = [];
      for (let w = 0; w < words; w++) {
        const bits = liveIn[b * words + w]!;
        if (bits === 0) continue;
        for (let j = 0; j < 32; j++) if (bits & (1 << j)) vs.push(w * 32 + j);
      }
      liveVars[b] = vs;
    }

    const entry: Block = { id: 0, params: [], insts: [], term: { op: 'ret', args: [], pos: -1 } };
    out.blocks.push(entry);
    for (let i = 0; i < this.fn.arity; i++) entry.params.push(newValue(out));

    const blocks: Block[] = reachable.map((b) => ({
      id: irId[b]!,
      range: b === this.exit ? [this.n, this.n] : [this.bbs[b]!.start, this.bbs[b]!.end],
      params: liveVars[b]!.map(() => newValue(out)),
      insts: [],
      term: { op: 'ret', args: [], pos: -1 },
    }));
    for (const block of blocks) out.blocks.push(block);

    const edgeTo = (b: number, read: (v: number) => ValueId): Edge => ({
      block: irId[b]!,
      args: liveVars[b]!.map(read),
    });

    // Current value of each variable while a block is lifted (-1: none).
    const cur = new Int32Array(this.vars.count);

    // The synthetic entry binds arguments (bank rule for r16+) and initial values, then jumps in.
    {
      cur.fill(-1);
      let unit = -1;
      let flag = -1;
      const env = this.realEnv(out, entry, cur);
      for (let i = 0; i < this.fn.arity; i++) this.writeReg(env, i, entry.params[i]!, -1);
      const first = this.entryBlock;
      entry.term = {
        op: 'jump',
        pos: -1,
        to: edgeTo(first, (v) => {
          const have = cur[v]!;
          if (have >= 0) return have;
          if (this.vars.isFlag(v)) {
            if (flag < 0) {
              flag = newValue(out);
              entry.insts.push({ op: 'const', dst: flag, args: [], lit: { kind: 'flag', value: 0 }, pos: -1 });
            }
            return flag;
          }
          if (unit < 0) {
            unit = newValue(out);
            entry.insts.push({ op: 'const', dst: unit, args: [], lit: UNIT, pos: -1 });
          }
          return unit;
        }),
      };
    }

    reachable.forEach((b, i) => {
      const block = blocks[i]!;
      cur.fill(-1);
      liveVars[b]!.forEach((v, k) => (cur[v] = block.params[k]!));
      const env = this.realEnv(out, block, cur);
      const t = this.liftBlock(b, env);
      const read = (v: number): ValueId => {
        const val = cur[v]!;
        if (val < 0) throw new Error(`lifter: variable ${v} not available in block ${b}`);
        return val;
      };
      block.term = this.finishTerm(t, (s) => edgeTo(s, read));
    });

    removeTrivialParams(out);
    return out;
  }

  private realEnv(out: IrFunction, block: Block, cur: Int32Array): Env {
    return {
      read: (v) => {
        const val = cur[v]!;
        if (val < 0) throw new Error(`lifter: variable ${v} read before definition`);
        return val;
      },
      write: (v, val) => void (cur[v] = val),
      emit: (inst) => void block.insts.push(inst),
      fresh: () => newValue(out),
    };
  }

  private finishTerm(t: ProtoTerm, edge: (b: number) => Edge): Term {
    switch (t.kind) {
      case 'jump':
        return { op: 'jump', to: edge(t.to), pos: t.pos };
      case 'br':
        return { op: 'br', cond: t.cond, args: [t.flag], then: edge(t.to), else: edge(t.fall), pos: t.pos };
      case 'ret':
        return { op: 'ret', args: [t.value], pos: t.pos };
      case 'throw':
        return { op: 'throw', message: t.message, pos: t.pos };
    }
  }

  private writeReg(env: Env, k: number, val: ValueId, pos: number): void {
    if (k >= SECRET_BANK_START) {
      const dst = env.fresh();
      env.emit({ op: 'tosecret', dst, args: [val], reg: k, pos });
      val = dst;
    }
    env.write(this.vars.reg(k), val);
  }

  private liftBlock(b: number, env: Env): ProtoTerm {
    if (b === this.exit) return { kind: 'ret', value: env.read(this.vars.reg(0)), pos: -1 };
    const { start, end } = this.bbs[b]!;
    const V = this.vars;
    let depth = this.depthIn[b]!;
    const def = (inst: Inst): ValueId => {
      env.emit(inst);
      return inst.dst;
    };
    for (let i = start; i < end; i++) {
      const ins = this.code[i]!;
      switch (ins.op) {
        case 'NOP':
          break;
        case 'LD':
          if (this.dynamicStack) {
            this.writeReg(env, ins.dst, def({ op: 'ldstack', dst: env.fresh(), args: [], offset: ins.offset, pos: i }), i);
          } else {
            const idx = depth - 1 + ins.offset;
            if (idx < 0 || idx >= depth) {
              return { kind: 'throw', message: `Stack address [sp+${ins.offset}] out of bounds`, pos: i };
            }
            this.writeReg(env, ins.dst, env.read(V.stack(idx)), i);
          }
          break;
        case 'LDI':
          this.writeReg(env, ins.dst, def({ op: 'const', dst: env.fresh(), args: [], lit: this.constantLit(ins.index), pos: i }), i);
          break;
        case 'MOV': {
          const src = env.read(V.reg(ins.src));
          if (ins.dst < SECRET_BANK_START && ins.src < SECRET_BANK_START) env.write(V.reg(ins.dst), src);
          else env.write(V.reg(ins.dst), def({ op: 'movbank', dst: env.fresh(), args: [src], dstReg: ins.dst, srcReg: ins.src, pos: i }));
          break;
        }
        case 'NOT':
          this.writeReg(env, ins.dst, def({ op: 'not', dst: env.fresh(), args: [env.read(V.reg(ins.src))], pos: i }), i);
          break;
        case 'CMP':
          env.write(V.flag(), def({ op: 'cmp', dst: env.fresh(), args: [env.read(V.reg(ins.lhs)), env.read(V.reg(ins.rhs))], pos: i }));
          break;
        case 'JMP':
          return { kind: 'jump', to: this.target(i), pos: i };
        case 'JMPEQ':
        case 'JMPNEQ':
        case 'JMPLT':
        case 'JMPGT':
          return { kind: 'br', cond: CONDS[ins.op], flag: env.read(V.flag()), to: this.target(i), fall: this.bbAt[i + 1]!, pos: i };
        case 'CALL': {
          const mark = this.options.refreshClosures && mayReplaceClosures(ins.name) ? def({ op: 'mark', dst: env.fresh(), args: [], pos: i }) : -1;
          let result: ValueId;
          if (this.dynamicStack) {
            result = def({ op: 'callstack', dst: env.fresh(), args: [], name: ins.name, direct: false, pos: i });
          } else {
            const args: ValueId[] = [];
            for (let k = 0; k < depth; k++) args.push(env.read(V.stack(k)));
            depth = 0;
            result = def({ op: 'call', dst: env.fresh(), args, name: ins.name, direct: false, pos: i });
          }
          env.write(V.reg(0), result);
          if (mark >= 0) {
            for (const rv of V.registerVars) {
              if (V.regOf[rv] === 0) continue;
              env.write(rv, def({ op: 'refresh', dst: env.fresh(), args: [mark, env.read(rv)], pos: i }));
            }
          }
          break;
        }
        case 'RET':
          return { kind: 'ret', value: env.read(V.reg(ins.src)), pos: i };
        case 'PUSHARG': {
          const v = env.read(V.reg(ins.src));
          if (this.dynamicStack) env.emit({ op: 'push', dst: -1, args: [v], pos: i });
          else env.write(V.stack(depth++), v);
          break;
        }
        case 'LDS':
          env.write(V.reg(ins.dst), env.read(V.slot(ins.slot)));
          break;
        case 'STS':
          env.write(V.slot(ins.slot), env.read(V.reg(ins.src)));
          break;
        default: {
          const op = BINOPS[ins.op]!;
          const bin = ins as { dst: number; lhs: number; rhs: number };
          this.writeReg(env, bin.dst, def({ op, dst: env.fresh(), args: [env.read(V.reg(bin.lhs)), env.read(V.reg(bin.rhs))], pos: i }), i);
        }
      }
    }
    return { kind: 'jump', to: this.bbAt[end]!, pos: -1 };
  }
}

function isJump(op: Instruction['op']): op is JumpOp {
  return op === 'JMP' || op === 'JMPEQ' || op === 'JMPNEQ' || op === 'JMPLT' || op === 'JMPGT';
}

function protoTargets(t: ProtoTerm): number[] {
  if (t.kind === 'jump') return [t.to];
  if (t.kind === 'br') return [t.to, t.fall];
  return [];
}

/**
 * Removes block parameters whose incoming values are all one value (or the parameter itself), replacing the
 * parameter by that value everywhere. Repeats until nothing changes.
 */
export function removeTrivialParams(fn: IrFunction): void {
  // repl[v]: the value v was replaced by (-1: none); values are small dense integers.
  const repl = new Int32Array(fn.valueCount).fill(-1);
  let replaced = false;
  const find = (v: ValueId): ValueId => {
    let r = v;
    while (repl[r]! >= 0) r = repl[r]!;
    // Path compression keeps later lookups short.
    while (repl[v]! >= 0) {
      const next = repl[v]!;
      repl[v] = r;
      v = next;
    }
    return r;
  };
  const incoming: Edge[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const e of successors(b.term)) incoming[e.block]!.push(e);
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of fn.blocks) {
      if (b.id === 0 || b.params.length === 0) continue;
      const edges = incoming[b.id]!;
      let keep: boolean[] | null = null;
      for (let k = 0; k < b.params.length; k++) {
        const p = b.params[k]!;
        let same = -1;
        let trivial = true;
        for (const e of edges) {
          const a = find(e.args[k]!);
          if (a === p || a === same) continue;
          if (same !== -1) {
            trivial = false;
            break;
          }
          same = a;
        }
        if (trivial && same !== -1) {
          repl[p] = same;
          (keep ??= b.params.map(() => true))[k] = false;
          changed = true;
          replaced = true;
        }
      }
      if (keep === null) continue;
      const kept = keep;
      b.params = b.params.filter((_, k) => kept[k]);
      for (const e of edges) e.args = e.args.filter((_, k) => kept[k]);
    }
  }
  if (!replaced) return;
  const rewrite = (args: ValueId[]) => {
    for (let k = 0; k < args.length; k++) args[k] = find(args[k]!);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) rewrite(i.args);
    const t = b.term;
    if (t.op === 'br' || t.op === 'brcmp' || t.op === 'ret') rewrite(t.args);
    for (const e of successors(t)) rewrite(e.args);
  }
}
