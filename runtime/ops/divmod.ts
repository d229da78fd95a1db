/**
 * DIV / MOD (semantics.md §9.2–9.3): truncating integer division and remainder with the dividend's sign,
 * zero divisors and signed `MIN / -1`, `MIN % -1` are errors; floats (with Float or I64) divide by IEEE
 * rules and take C `fmod` remainders, but a zero divisor is an error there too.
 */
import type { MpcEngine } from '../mpc/engine.js';
import { I64_MIN, VmFloat, VmInt, isI64, type Value } from '../values.js';
import { divisionByZero, moduloByZero, overflowError } from './errors.js';
import { NARROW_MAX, NARROW_MIN, checkedI64, toBig, type NarrowKind } from './int.js';
import { shareArith, shareMod } from './shares.js';

/*
 * Safe-integer fast paths: `a % b` is exact, so `a - a % b` is an exact multiple of b and the division
 * is exact too; no safe-integer quotient can overflow. `+ 0` removes -0 (e.g. 3 / -5, -4 % 2).
 */

export function div(a: Value, b: Value, mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return (a - (a % b)) / b + 0;
  if (isI64(a)) {
    if (isI64(b)) {
      if (b === 0) throw divisionByZero();
      return checkedI64('DIV', toBig(a) / toBig(b));
    }
    if (b instanceof VmFloat) {
      if (b.v === 0) throw divisionByZero();
      return new VmFloat(Number(a) / b.v);
    }
  } else if (a instanceof VmFloat) {
    if (b instanceof VmFloat) {
      if (b.v === 0) throw divisionByZero();
      return new VmFloat(a.v / b.v);
    }
    if (isI64(b)) {
      if (b === 0) throw divisionByZero();
      return new VmFloat(a.v / Number(b));
    }
  } else if (a instanceof VmInt && b instanceof VmInt && a.kind === b.kind) {
    return intDiv(a, b);
  }
  return shareArith('DIV', a, b, mpc);
}

export function mod(a: Value, b: Value, _mpc: MpcEngine | null): Value {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return (a % b) + 0;
  if (isI64(a)) {
    if (isI64(b)) {
      if (b === 0) throw moduloByZero();
      if (a === I64_MIN && b === -1) throw overflowError('MOD');
      return checkedI64('MOD', toBig(a) % toBig(b));
    }
    if (b instanceof VmFloat) {
      if (b.v === 0) throw moduloByZero();
      return new VmFloat(Number(a) % b.v);
    }
  } else if (a instanceof VmFloat) {
    if (b instanceof VmFloat) {
      if (b.v === 0) throw moduloByZero();
      return new VmFloat(a.v % b.v);
    }
    if (isI64(b)) {
      if (b === 0) throw moduloByZero();
      return new VmFloat(a.v % Number(b));
    }
  } else if (a instanceof VmInt && b instanceof VmInt && a.kind === b.kind) {
    return intMod(a, b);
  }
  return shareMod(a, b);
}

function intDiv(a: VmInt, b: VmInt): VmInt {
  if (a.kind === 'u64') {
    if (b.v === 0n) throw divisionByZero();
    return new VmInt('u64', (a.v as bigint) / (b.v as bigint));
  }
  const kind = a.kind as NarrowKind;
  const x = a.v as number;
  const y = b.v as number;
  if (y === 0) throw divisionByZero();
  const q = (x - (x % y)) / y + 0;
  if (q > NARROW_MAX[kind]) throw overflowError('DIV');
  return new VmInt(kind, q);
}

function intMod(a: VmInt, b: VmInt): VmInt {
  if (a.kind === 'u64') {
    if (b.v === 0n) throw moduloByZero();
    return new VmInt('u64', (a.v as bigint) % (b.v as bigint));
  }
  const kind = a.kind as NarrowKind;
  const x = a.v as number;
  const y = b.v as number;
  if (y === 0) throw moduloByZero();
  if (y === -1 && x === NARROW_MIN[kind]) throw overflowError('MOD');
  return new VmInt(kind, (x % y) + 0);
}
