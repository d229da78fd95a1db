/**
 * Parsing of constant literals: `42`, `7u8`, `-1i16`, `1.5`, `2f64`, `inf`, `-inf`, `nan`, `nan(0x…)`,
 * `true`, `false`, `"text"`, `()`. A typed `.const` passes the kind it declared, which unsuffixed
 * numbers then take (a bool also accepts a raw byte).
 */
import { MAX_STRING_BYTES } from '../bytecode/format.js';
import type { Constant, ConstantKind } from '../bytecode/model.js';
import { CANONICAL_NAN_BITS, INTEGER_RANGES, f64ToBits, isNanBits } from './constants.js';
import { MAX_NUMERAL_LENGTH, U64_MAX, shorten, type Cursor } from './cursor.js';
import { utf8Length } from './escapes.js';
import type { Token } from './lexer.js';

export function parseLiteral(c: Cursor, kind: ConstantKind | undefined): Constant {
  const what = kind === undefined ? 'a literal' : `a value of kind ${kind}`;
  const start = c.peek();
  const value = literalValue(c, kind, what);
  if (kind !== undefined && value.kind !== kind) {
    throw c.error(start!, `expected ${what}, found a literal of kind ${value.kind}`);
  }
  return value;
}

function literalValue(c: Cursor, kind: ConstantKind | undefined, what: string): Constant {
  const token = c.next(what);
  switch (token.kind) {
    case 'string':
      if (utf8Length(token.text) > MAX_STRING_BYTES) {
        throw c.error(token, `string constant longer than ${MAX_STRING_BYTES} bytes of UTF-8`);
      }
      return { kind: 'string', value: token.text };
    case 'number':
      if (kind === 'bool' && token.suffix === '' && !/[.eE]/.test(token.text)) {
        return { kind: 'bool', byte: Number(c.numeral(token, 0n, 255n, 'a bool byte (0 to 255)')) };
      }
      return numberLiteral(c, token, false, kind);
    case 'punct':
      if (token.text === '(') {
        c.expectPunct(')', "')' (unit is written ())");
        return { kind: 'unit' };
      }
      if (token.text === '-') {
        const next = c.next('a number or inf after -');
        if (next.kind === 'number') return numberLiteral(c, next, true, kind);
        if (next.kind === 'ident' && next.text === 'inf') return { kind: 'float', bits: f64ToBits(-Infinity) };
        throw c.unexpected(next, 'a number or inf after -');
      }
      break;
    case 'ident':
      switch (token.text) {
        case 'true':
          return { kind: 'bool', byte: 1 };
        case 'false':
          return { kind: 'bool', byte: 0 };
        case 'inf':
          return { kind: 'float', bits: f64ToBits(Infinity) };
        case 'nan':
          return { kind: 'float', bits: c.isPunct('(') ? nanBits(c) : CANONICAL_NAN_BITS };
      }
      break;
  }
  throw c.unexpected(token, what);
}

/** `nan(0x…)`: all 64 bits of a NaN. */
function nanBits(c: Cursor): bigint {
  c.expectPunct('(');
  const { value: bits, token } = c.integer(0n, U64_MAX, 'the 64 bits of a NaN (e.g. 0x7ff8000000000001)');
  c.expectPunct(')');
  if (!isNanBits(bits)) throw c.error(token, `0x${bits.toString(16)} is not the bit pattern of a NaN`);
  return bits;
}

function numberLiteral(c: Cursor, token: Token, negative: boolean, kind: ConstantKind | undefined): Constant {
  const isHex = /^0[xX]/.test(token.text);
  const isFloat = !isHex && /[.eE]/.test(token.text);
  const suffix = token.suffix;
  if (suffix !== '' && suffix !== 'f64' && !INTEGER_RANGES.has(suffix as ConstantKind)) {
    throw c.error(token, `unknown literal suffix '${shorten(suffix)}' (use i64 i32 i16 i8 u8 u16 u32 u64 or f64)`);
  }
  const target: ConstantKind =
    suffix === 'f64' || (suffix === '' && (isFloat || kind === 'float'))
      ? 'float'
      : suffix !== ''
        ? (suffix as ConstantKind)
        : (kind ?? 'i64');
  if (target === 'float') {
    if (isHex) throw c.error(token, 'a float literal must be decimal');
    // The lexer admits only decimal digits, '.', and an exponent here, so Number() reads it exactly as
    // a Rust or JS float literal would be read (correctly rounded; overflow gives infinity).
    return { kind: 'float', bits: f64ToBits(Number(`${negative ? '-' : ''}${token.text}`)) };
  }
  const range = INTEGER_RANGES.get(target);
  if (range === undefined) throw c.error(token, `expected a value of kind ${target}, found a number`);
  if (isFloat) throw c.error(token, `a literal of kind ${target} must be a whole number`);
  const magnitude = token.text.length <= MAX_NUMERAL_LENGTH ? BigInt(token.text) : undefined;
  const value = magnitude === undefined ? undefined : negative ? -magnitude : magnitude;
  if (value === undefined || value < range[0] || value > range[1]) {
    const text = `${negative ? '-' : ''}${shorten(token.text)}`;
    throw c.error(token, `${text} is out of range for ${target} (${range[0]} to ${range[1]})`);
  }
  return target === 'i64' || target === 'u64'
    ? { kind: target, value }
    : { kind: target as 'i32' | 'i16' | 'i8' | 'u8' | 'u16' | 'u32', value: Number(value) };
}
