/**
 * Deliberately failing statements (the error paths differential runs compare): overflow, division by
 * zero, type errors, out-of-range indices, unknown functions and methods, arity mismatches, bad LD
 * offsets and shifts, incomparable CMP operands, failed asserts, bad closures and upvalues, builtins that
 * need storage or an MPC engine, runaway recursion and (optionally) secret-register writes.
 */
import { closureTarget } from './abstract-types.js';
import { INTEGER_KINDS, floatConstant, intConstant, integerBits, integerBounds, sampleConstant } from './constants.js';
import { CodeWriter } from './writer.js';

export abstract class ErrorStatementWriter extends CodeWriter {
  protected errorNow(): boolean {
    return this.ctx.errorRate > 0 && this.rng.chance(this.ctx.errorRate);
  }

  protected errorStatement(): void {
    const rng = this.rng;
    const kinds = ['overflow', 'divzero', 'type', 'index', 'unknownFn', 'method', 'arity', 'ld', 'shift',
      'cmp', 'assert', 'closureArg', 'closureArity', 'foreignClosure', 'upvalue', 'strayPush', 'setString',
      'runaway', 'engineless'] as const;
    const kind = rng.pick(this.ctx.secretRegisters ? [...kinds, 'secret' as const] : kinds);
    switch (kind) {
      case 'overflow': {
        const kindOf = rng.pick(INTEGER_KINDS);
        const op = rng.pick(['ADD', 'SUB', 'MUL'] as const);
        const [min, max] = integerBounds(kindOf);
        const a = this.load(intConstant(kindOf, op === 'SUB' ? min : max), kindOf);
        const b = this.load(intConstant(kindOf, BigInt(rng.range(op === 'SUB' && min === 0n ? 1 : 2, 3))), kindOf);
        const dst = this.dst();
        this.emit({ op, dst, lhs: a, rhs: b });
        this.types[dst] = kindOf;
        return;
      }
      case 'divzero': {
        const ty = rng.pick(['i64', 'float', 'u8', 'i32'] as const);
        const a = this.scalar(ty);
        const zero = this.load(ty === 'float' ? floatConstant(rng.chance(0.5) ? 0 : -0) : intConstant(ty, 0n), ty);
        const dst = this.dst();
        this.emit({ op: rng.pick(['DIV', 'MOD'] as const), dst, lhs: a, rhs: zero });
        this.types[dst] = ty;
        return;
      }
      case 'type': {
        const op = rng.pick(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'SHL', 'SHR'] as const);
        const a = this.scalar(rng.pick(['i64', 'string', 'bool', 'unit', 'i32', 'float'] as const));
        const b = this.anyRegister();
        const dst = this.dst();
        this.emit({ op, dst, lhs: a, rhs: b });
        this.types[dst] = 'unknown';
        return;
      }
      case 'index': {
        const arr = this.existing((t) => t === 'array' || t === 'string');
        if (arr === null) break;
        this.pushAndCall([arr, this.i64(rng.pick([100, 32, -100]))], 'get_field');
        this.types[0] = 'unknown';
        return;
      }
      case 'unknownFn':
        this.pushAndCall(this.rng.chance(0.5) ? [this.anyRegister()] : [], rng.pick(['nosuch', 'Foo.bar', 'Share.nosuch', 'f99']));
        this.types[0] = 'unknown';
        return;
      case 'method':
        this.pushAndCall(rng.chance(0.8) ? [this.anyRegister()] : [], rng.pick(['add', 'open', 'mul', 'Share.add', 'neg']));
        this.types[0] = 'unknown';
        return;
      case 'arity': {
        const callees = this.ctx.plans.filter((p) => p.index > this.plan.index);
        if (callees.length === 0) break;
        const callee = rng.pick(callees);
        const n = callee.params.length + (callee.params.length === 0 || rng.chance(0.5) ? 1 : -1);
        const args: number[] = [];
        for (let i = 0; i < n; i++) args.push(this.anyRegister());
        this.pushAndCall(args, callee.name);
        this.types[0] = 'unknown';
        return;
      }
      case 'ld': {
        const dst = this.dst();
        this.emit({ op: 'LD', dst, offset: rng.pick([0, 1, -1, -5]) });
        this.types[dst] = 'unknown';
        return;
      }
      case 'shift': {
        const kindOf = rng.pick(INTEGER_KINDS);
        const a = this.scalar(kindOf);
        const bits = integerBits(kindOf);
        const amount = kindOf[0] === 'i' && rng.chance(0.4) ? -1n : BigInt(bits + rng.int(3));
        const b = this.load(intConstant(kindOf, amount), kindOf);
        const dst = this.dst();
        this.emit({ op: rng.pick(['SHL', 'SHR'] as const), dst, lhs: a, rhs: b });
        this.types[dst] = kindOf;
        return;
      }
      case 'cmp': {
        const a = this.anyRegister();
        const b = rng.chance(0.5) ? this.anyRegister() : this.load(floatConstant(NaN), 'float');
        this.emit({ op: 'CMP', lhs: a, rhs: b });
        return;
      }
      case 'assert': {
        const args = [this.load({ kind: 'bool', byte: 0 }, 'bool')];
        if (rng.chance(0.5)) args.push(this.scalar('string'));
        this.pushAndCall(args, 'assert');
        this.types[0] = 'unit';
        return;
      }
      case 'closureArg':
        this.pushAndCall([this.anyRegister()], 'call_closure');
        this.types[0] = 'unknown';
        return;
      case 'upvalue': {
        const name = this.load({ kind: 'string', value: 'zz' }, 'string');
        if (rng.chance(0.5)) {
          this.pushAndCall([name], 'get_upvalue');
        } else {
          // create_closure does not check the function name; calling the closure then fails.
          this.pushAndCall([name], 'create_closure');
          this.pushAndCall([0], 'call_closure');
        }
        this.types[0] = 'unknown';
        return;
      }
      case 'closureArity': {
        const closure = this.existing((t) => closureTarget(t) !== null);
        if (closure === null) break;
        const target = this.ctx.plans[closureTarget(this.types[closure]!)!]!;
        const args = [closure];
        for (let n = target.params.length + 1; n > 0; n--) args.push(this.anyRegister());
        this.pushAndCall(rng.chance(0.5) ? args : args.slice(0, Math.max(1, target.params.length - 1)), 'call_closure');
        this.types[0] = 'unknown';
        return;
      }
      case 'foreignClosure':
        // A closure over a builtin cannot be called.
        this.pushAndCall([this.load({ kind: 'string', value: rng.pick(['print', 'len', 'Share.add']) }, 'string')], 'create_closure');
        this.pushAndCall([0, this.anyRegister()], 'call_closure');
        this.types[0] = 'unknown';
        return;
      case 'engineless': {
        // Storage and MPC builtins without a store or an engine.
        const name = rng.pick(['LocalStorage.exists', 'LocalStorage.store', 'Share.from_clear', 'Field.add', 'Mpc.party_id',
          'Share.open', 'ClientStore.take_share', 'MpcOutput.send_to_client', 'Share.mul', 'Rbc.broadcast']);
        const args: number[] = [];
        for (let n = rng.int(3); n > 0; n--) args.push(rng.chance(0.5) ? this.anyRegister() : this.i64(rng.int(3)));
        this.pushAndCall(args, name);
        this.types[0] = 'unknown';
        return;
      }
      case 'strayPush':
        this.emit({ op: 'PUSHARG', src: this.anyRegister() });
        return;
      case 'setString':
        this.pushAndCall([this.scalar('string'), this.i64(0), this.anyRegister()], 'set_field');
        this.types[0] = 'unit';
        return;
      case 'runaway': {
        // A recursive function called with a huge depth hits the call-depth limit.
        const rec = this.ctx.plans.filter((p) => p.recursive && p.index > this.plan.index);
        if (rec.length === 0) break;
        const callee = rng.pick(rec);
        const args = [this.i64(1_000_000)];
        for (const p of callee.params.slice(1)) args.push(this.argument(p.ty) ?? this.anyRegister());
        this.pushAndCall(args, callee.name);
        this.types[0] = 'unknown';
        return;
      }
      case 'secret': {
        const reg = 16 + rng.int(4);
        if (rng.chance(0.5)) this.emit({ op: 'LDI', dst: reg, index: this.constIndex(sampleConstant(rng, 'i64', false)) });
        else this.emit({ op: 'MOV', dst: rng.chance(0.5) ? reg : this.dst(), src: rng.chance(0.5) ? reg : this.anyRegister() });
        return;
      }
    }
    this.ldi();
  }
}
