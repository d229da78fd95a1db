/** Parsing of function types (v5+ metadata) and manifest share types; the forms are listed in type-format.ts. */
import { MAX_TYPE_DEPTH } from '../bytecode/format.js';
import type { FunctionType, ShareType } from '../bytecode/model.js';
import { U16_MAX, U32_MAX, type Cursor } from './cursor.js';

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['float', 'string', 'bool', 'nil', 'void', 'unknown']);

export function parseFunctionType(c: Cursor, depth = 0): FunctionType {
  const what = 'a type';
  const token = c.next(what);
  if (depth >= MAX_TYPE_DEPTH) throw c.error(token, `types nested deeper than ${MAX_TYPE_DEPTH} levels`);
  if (token.kind !== 'ident') throw c.unexpected(token, what);
  const text = token.text;
  const sized = /^(u?int|fixed)([0-9]+)$/.exec(text);
  if (sized) {
    const bits = c.bitWidth(token, sized[2]!, 255);
    if (sized[1] === 'fixed') return { tag: 'fixed', bits, short: bits === 64 };
    return { tag: 'int', signedByte: sized[1] === 'int' ? 1 : 0, bits };
  }
  if (SIMPLE_TYPES.has(text)) return { tag: text as 'float' | 'string' | 'bool' | 'nil' | 'void' | 'unknown' };
  if (!c.isPunct('(')) throw c.unexpected(token, what);
  c.expectPunct('(');
  let type: FunctionType;
  switch (text) {
    case 'int': {
      const bits = c.smallInteger(1, 255, 'a bit width (1 to 255)');
      c.expectPunct(',');
      type = { tag: 'int', signedByte: c.smallInteger(0, 255, 'the signed byte (0 to 255)'), bits };
      break;
    }
    case 'fixed': {
      const bits = c.smallInteger(1, 255, 'a bit width (1 to 255)');
      c.expectPunct(',');
      const form = c.next('short or long');
      if (form.kind !== 'ident' || (form.text !== 'short' && form.text !== 'long')) throw c.unexpected(form, 'short or long');
      // The short encoding (tag 13) has no width byte: it always means 64 bits.
      if (form.text === 'short' && bits !== 64) throw c.error(form, 'the short fixed-point form is always 64 bits');
      type = { tag: 'fixed', bits, short: form.text === 'short' };
      break;
    }
    case 'secret':
    case 'list':
      type = { tag: text, inner: parseFunctionType(c, depth + 1) };
      break;
    case 'dict': {
      const key = parseFunctionType(c, depth + 1);
      c.expectPunct(',');
      type = { tag: 'dict', key, value: parseFunctionType(c, depth + 1) };
      break;
    }
    case 'object':
    case 'typevar':
      type = { tag: text, name: c.name('a type name').name };
      break;
    case 'generic': {
      const { name, token: nameToken } = c.name('a type name');
      const params: FunctionType[] = [];
      while (c.takePunct(',')) {
        if (params.length >= U16_MAX) throw c.error(nameToken, `more than ${U16_MAX} type parameters`);
        params.push(parseFunctionType(c, depth + 1));
      }
      type = { tag: 'generic', name, params };
      break;
    }
    default:
      throw c.unexpected(token, what);
  }
  c.expectPunct(')', "')'");
  return type;
}

/** `intN`, `uintN` (N ≥ 1) or `fixed(TOTAL, FRAC)` with FRAC < TOTAL, as the reader requires. */
export function parseShareType(c: Cursor): ShareType {
  const what = 'a share type (intN, uintN or fixed(TOTAL, FRAC))';
  const token = c.next(what);
  const sized = token.kind === 'ident' ? /^(u?int)([0-9]+)$/.exec(token.text) : null;
  if (sized) return { kind: sized[1] === 'int' ? 'int' : 'uint', bits: c.bitWidth(token, sized[2]!, U32_MAX) };
  if (token.kind !== 'ident' || token.text !== 'fixed') throw c.unexpected(token, what);
  c.expectPunct('(');
  const totalBits = c.smallInteger(1, U32_MAX, 'the total bit count (1 or more)');
  c.expectPunct(',');
  const frac = c.integer(0n, BigInt(U32_MAX), 'the fractional bit count');
  c.expectPunct(')');
  if (frac.value >= totalBits) throw c.error(frac.token, 'fractional bits must be less than total bits');
  return { kind: 'fixed', totalBits, fracBits: Number(frac.value) };
}
