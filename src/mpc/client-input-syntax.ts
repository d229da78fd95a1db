/**
 * The `--client-input SLOT=VALUE` syntax of `stoffel run` (local-simulation §3.2–3.3), with its error texts.
 *
 * VALUE: a decimal integer (i64, else u64), optionally with a signedness/width suffix (`i8`…`i64`,
 * `u8`…`u64`, `int64`, `uint32`, … — the suffix only decides signedness, as in the official CLI);
 * `true` / `false`; `0x…` hex bytes (an even number of digits); a bracketed list `[a, b]` or a bare comma
 * list `a,b`, flattened into consecutive inputs. Floats and strings are rejected, and so are objects.
 */
import type { ClientInputValue } from '../../runtime/mpc/simulated-engine.js';

/** A client-input text that `stoffel run` would refuse; the message is the official one. */
export class ClientInputSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientInputSyntaxError';
  }
}

export interface ClientInputFlag {
  readonly slot: bigint;
  /** The flag's values, lists flattened, in order. */
  readonly values: readonly ClientInputValue[];
}

const UNSUPPORTED =
  'local coordinator client inputs support integers, booleans, 0x-prefixed hex bytes, and lists of those values';
const OBJECTS =
  'local coordinator client inputs cannot directly encode objects; pass their scalar secret fields or use typed lowering';

/** Parses one `--client-input` argument. Throws `ClientInputSyntaxError`. */
export function parseClientInputFlag(raw: string): ClientInputFlag {
  const eq = raw.indexOf('=');
  if (eq < 0) throw new ClientInputSyntaxError(`client input '${raw}' must be written as client_slot=value`);
  const slotText = raw.slice(0, eq).trim();
  const valueText = raw.slice(eq + 1).trim();
  if (slotText === '') throw new ClientInputSyntaxError('client input slot cannot be empty');
  if (valueText === '') {
    throw new ClientInputSyntaxError(`client input slot ${slotText} must include a value, written as ${slotText}=value`);
  }
  const next = valueText
    .split(',')
    .slice(1)
    .map((part) => (part.includes('=') ? part.slice(0, part.indexOf('=')).trim() : ''))
    .find((left) => left !== '');
  if (next !== undefined) {
    throw new ClientInputSyntaxError(
      `client input '${raw}' looks like multiple inputs in one flag. Repeat --client-input for each client slot, for example: --client-input ${slotText}=<value> --client-input ${next}=<value>`,
    );
  }
  if (valueText.includes('=')) {
    throw new ClientInputSyntaxError(
      `client input '${raw}' has more than one '='. Write one client input per flag as --client-input ${slotText}=<value>; values must be integers, booleans, or 0x-prefixed hex bytes.`,
    );
  }
  if (!/^\d+$/.test(slotText) || BigInt(slotText) >= 1n << 64n) {
    throw new ClientInputSyntaxError(`invalid client slot '${slotText}'; use a numeric slot like 0, written as 0=value`);
  }
  let parsed: Parsed;
  try {
    parsed = parseValue(valueText);
  } catch (err) {
    if (err instanceof ValueError) {
      throw new ClientInputSyntaxError(`invalid value for client input slot ${slotText}: ${err.message}`);
    }
    throw err;
  }
  const values: ClientInputValue[] = [];
  flatten(parsed, values);
  return { slot: BigInt(slotText), values };
}

/** What the value grammar produces before the local runner's restrictions apply. */
type Parsed =
  | { readonly kind: 'int'; readonly v: bigint }
  | { readonly kind: 'bool'; readonly v: boolean }
  | { readonly kind: 'bytes'; readonly v: Uint8Array }
  | { readonly kind: 'list'; readonly items: readonly Parsed[] }
  | { readonly kind: 'object' }
  | { readonly kind: 'other' };

/** A syntax error inside VALUE (reported with the slot prefix). */
class ValueError extends Error {}

const U64_LIMIT = 1n << 64n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
/** Longest first, so `uint64` is not read as `…int64` with a `u` left over. */
const SUFFIXES = ['uint64', 'uint32', 'uint16', 'uint8', 'u64', 'u32', 'u16', 'u8', 'int64', 'int32', 'int16', 'int8', 'i64', 'i32', 'i16', 'i8'];

function parseValue(text: string): Parsed {
  const value = text.trim();
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) throw new ValueError("list input must end with ']'");
    return { kind: 'list', items: splitTopLevel(value.slice(1, -1)).map(listItem) };
  }
  if (value.startsWith('{')) return { kind: 'object' };
  if (value.startsWith('"')) return { kind: 'other' };
  const parts = splitTopLevel(value);
  if (parts.length > 1) return { kind: 'list', items: parts.map(listItem) };
  if (/^0x/i.test(value)) return { kind: 'bytes', v: hexBytes(value.slice(2)) };
  const suffixed = suffixedInteger(value);
  if (suffixed !== null) return { kind: 'int', v: suffixed };
  if (/^[+-]?\d+$/.test(value)) {
    const n = BigInt(value);
    if (n >= I64_MIN && n < U64_LIMIT) return { kind: 'int', v: n };
  }
  if (value === 'true' || value === 'false') return { kind: 'bool', v: value === 'true' };
  // Floats, strings and out-of-range integers are read, then refused by the local runner.
  return { kind: 'other' };
}

function listItem(item: string): Parsed {
  if (item.trim() === '') throw new ValueError('list input contains an empty element');
  return parseValue(item);
}

/** Splits on commas outside brackets, braces and double-quoted strings. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) throw new ValueError('input has an unexpected closing delimiter');
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (inString) throw new ValueError('input contains an unterminated string');
  if (depth !== 0) throw new ValueError('input contains an unterminated nested list or object');
  parts.push(text.slice(start));
  // An empty list `[]` has no elements rather than one empty one.
  return parts.length === 1 && parts[0]!.trim() === '' ? [] : parts;
}

function hexBytes(digits: string): Uint8Array {
  if (digits === '') throw new ValueError('hex byte input must include at least one byte after 0x');
  if (digits.length % 2 !== 0) {
    throw new ValueError(`hex byte input must contain an even number of digits; write 0x0${digits} for one byte`);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < digits.length; i += 2) {
    const pair = digits.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) throw new ValueError(`hex byte input contains invalid digits '${pair}' at offset ${i}`);
    out[i / 2] = parseInt(pair, 16);
  }
  return out;
}

function suffixedInteger(value: string): bigint | null {
  const lower = value.toLowerCase();
  const suffix = SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix === undefined) return null;
  const number = lower.slice(0, -suffix.length);
  if (number === '' || number === '-' || number === '+') {
    throw new ValueError(`integer suffix '${suffix}' must follow a numeric value`);
  }
  const signed = !suffix.startsWith('u');
  if (!signed && number.startsWith('-')) throw new ValueError(`unsigned integer '${value}' cannot be negative`);
  const n = /^[+-]?\d+$/.test(number) ? BigInt(number) : null;
  const inRange = n !== null && (signed ? n >= I64_MIN && n <= I64_MAX : n >= 0n && n < U64_LIMIT);
  if (!inRange) throw new ValueError(`invalid ${signed ? 'signed' : 'unsigned'} integer '${value}'`);
  return n;
}

/** The local runner's flattening and its restriction to integers, booleans and bytes. */
function flatten(p: Parsed, out: ClientInputValue[]): void {
  switch (p.kind) {
    case 'list':
      for (const item of p.items) flatten(item, out);
      return;
    case 'object':
      throw new ClientInputSyntaxError(OBJECTS);
    case 'other':
      throw new ClientInputSyntaxError(UNSUPPORTED);
    default:
      out.push(p.v);
  }
}
