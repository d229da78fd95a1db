/**
 * The instrumented build (`compile --hooks`): bytecode -> JS directly, one statement group per
 * instruction, each reporting to the run's `HookedHost` (runtime/compiled/hooked.ts), which fires the
 * hook events of hooks.md in the interpreter's order and keeps real frames for callbacks to inspect.
 *
 * Without optimization or SSA, registers live in the frame (`$r = $f.regs`), so every event sees the
 * same register values as in the interpreter. Control flow: straight-line code falls through; a function
 * with jumps runs in `D: for (;;) switch ($pc)` with one case per jump target, the last case (index =
 * instruction count) being the implicit return.
 *
 *   function f0_main($f) {
 *     const $r = $f.regs;
 *     $h.before($f, 0); $h.write($f, 1, 10); $h.after($f, 0);          // LDI r1, 10
 *     $h.before($f, 1); $h.push($f, $r[1]); $h.after($f, 1);            // PUSHARG r1
 *     $h.before($f, 2); $h.call($f, 2, "print");                        // CALL print (events inside)
 *     $h.before($f, 3); return $h.ret(3, $r[0]);                         // RET r0
 *     return $h.end($f);
 *   }
 *
 * Source map positions are those of the optimized build: line = function index + 1, column = instruction.
 */
import type * as ES from 'estree';
import type { LoadedFunction, LoadedProgram } from '../bytecode/loaded.js';
import type { Instruction } from '../bytecode/model.js';
import { constantLit } from '../ir/lift.js';
import { instructionText } from '../interp/instruction-text.js';
import * as js from './js.js';
import { ModuleBuilder, type EmittedModule, type ModuleOutputOptions } from './module.js';

const F = () => js.id('$f');
const R = (i: number) => js.index(js.id('$r'), js.num(i));
const H = (method: string, args: ES.Expression[]) => js.call(js.member(js.id('$h'), method), args);
const PC = '$pc';

const BINARY: Readonly<Record<string, string>> = {
  ADD: 'add', SUB: 'sub', MUL: 'mul', DIV: 'div', MOD: 'mod', AND: 'and', OR: 'or', XOR: 'xor', SHL: 'shl', SHR: 'shr',
};

const JUMP_TESTS: Readonly<Record<string, [ES.BinaryOperator, number]>> = {
  JMPEQ: ['===', 0], JMPNEQ: ['!==', 0], JMPLT: ['<', 0], JMPGT: ['>', 0],
};

export function emitInstrumentedModule(loaded: LoadedProgram, options: ModuleOutputOptions): EmittedModule {
  const fns = [...loaded.functions.values()];
  const builder = new ModuleBuilder(fns.map((f) => f.name));
  const decls = fns.map((fn, i) => new InstrumentedFunction(fn, i, loaded, builder).emit());
  const texts = fns.map((fn) => js.array(fn.record.instructions.map((ins) => js.str(instructionText(ins, loaded.constants)))));
  return builder.finish(
    decls,
    fns.map((fn) => ({ name: fn.name, params: fn.record.paramNames, upvalues: fn.record.upvalueNames })),
    [
      ['externals', js.array([])],
      ['frames', js.bool(false)],
      ['counting', js.bool(true)],
      ['depthLimit', js.bool(true)],
      [
        'instrumentation',
        js.object([
          ['frameSizes', js.array(fns.map((fn) => js.num(fn.frameSize)))],
          ['texts', js.array(texts)],
        ]),
      ],
    ],
    options,
  );
}

class InstrumentedFunction {
  constructor(
    private readonly fn: LoadedFunction,
    private readonly index: number,
    private readonly loaded: LoadedProgram,
    private readonly builder: ModuleBuilder,
  ) {}

  emit(): ES.FunctionDeclaration {
    const code = this.fn.record.instructions;
    const head: ES.Statement[] = [{
      type: 'VariableDeclaration',
      kind: 'const',
      declarations: [{ type: 'VariableDeclarator', id: js.id('$r'), init: js.member(F(), 'regs') }],
    }];
    const end = js.ret(H('end', [F()]));
    const targets = new Set<number>();
    for (const t of this.fn.jumpTargets) if (t >= 0) targets.add(t);
    if (targets.size === 0) {
      const body = code.flatMap((ins, k) => this.instruction(ins, k));
      return js.fnDecl(this.builder.idents[this.index]!, ['$f'], [...head, ...body, end], this.index + 1);
    }
    // Cases start at instruction 0 and at every jump target; the code between falls through.
    const starts = [...new Set([0, ...targets])].filter((t) => t < code.length).sort((a, b) => a - b);
    const cases: ES.SwitchCase[] = starts.map((start, c) => {
      const stop = c + 1 < starts.length ? starts[c + 1]! : code.length;
      const consequent: ES.Statement[] = [];
      for (let k = start; k < stop; k++) consequent.push(...this.instruction(code[k]!, k));
      return { type: 'SwitchCase', test: js.num(start), consequent };
    });
    cases.push({ type: 'SwitchCase', test: js.num(code.length), consequent: [end] });
    const sw: ES.SwitchStatement = { type: 'SwitchStatement', discriminant: js.id(PC), cases };
    return js.fnDecl(this.builder.idents[this.index]!, ['$f'], [
      ...head,
      js.letDecl([PC], js.num(0)),
      js.labeled('D', js.forever([sw])),
    ], this.index + 1);
  }

  /** Statements of instruction `k`: count + Before, the effect with its events, After. */
  private instruction(ins: Instruction, k: number): ES.Statement[] {
    const pos: js.Pos = { line: this.index + 1, column: k };
    const at = (e: ES.Expression) => js.expr(e, pos);
    const before = at(H('before', [F(), js.num(k)]));
    const after = at(H('after', [F(), js.num(k)]));
    const write = (dst: number, v: ES.Expression) => at(H('write', [F(), js.num(dst), v]));
    const m = js.id('$m');
    switch (ins.op) {
      case 'LD':
        return [before, at(H('ld', [F(), js.num(ins.dst), js.num(ins.offset)])), after];
      case 'LDI': {
        const c = this.loaded.program.constants[ins.index]!;
        return [before, write(ins.dst, this.builder.literal(constantLit(c))), after];
      }
      case 'MOV':
        return [before, at(H('mov', [F(), js.num(ins.dst), js.num(ins.src)])), after];
      case 'NOT':
        return [before, write(ins.dst, js.call(this.builder.alias('not'), [R(ins.src), m])), after];
      case 'CMP': {
        const flag = js.assign(js.member(F(), 'flag'), js.call(this.builder.alias('compare'), [R(ins.lhs), R(ins.rhs)]));
        return [before, at(flag), after];
      }
      case 'JMP':
        return [before, after, ...this.goto(k, pos)];
      case 'JMPEQ':
      case 'JMPNEQ':
      case 'JMPLT':
      case 'JMPGT': {
        const [op, rhs] = JUMP_TESTS[ins.op]!;
        return [before, after, js.ifs(js.bin(op, js.member(F(), 'flag'), js.num(rhs)), this.goto(k, pos), undefined, pos)];
      }
      case 'PUSHARG':
        return [before, at(H('push', [F(), R(ins.src)])), after];
      case 'CALL':
        // The call reports its own After (with the callee's frame live, or after the result is written).
        return [before, at(H('call', [F(), js.num(k), js.str(ins.name)]))];
      case 'RET':
        // The caller reports this RET's After once the return value is written (hooks.md §3.4).
        return [before, js.ret(H('ret', [js.num(k), R(ins.src)]), pos)];
      case 'NOP':
        return [before, after];
      case 'LDS':
        return [before, at(H('lds', [F(), js.num(ins.dst), js.num(ins.slot)])), after];
      case 'STS':
        return [before, at(H('sts', [F(), js.num(ins.slot), js.num(ins.src)])), after];
      default:
        return [before, write(ins.dst, js.call(this.builder.alias(BINARY[ins.op]!), [R(ins.lhs), R(ins.rhs), m])), after];
    }
  }

  private goto(k: number, pos: js.Pos): ES.Statement[] {
    return [js.expr(js.assign(js.id(PC), js.num(this.fn.jumpTargets[k]!)), pos), js.cont('D')];
  }
}
