/** Printing of function type metadata (v5+) and manifest share types. */
import type { FunctionType, ShareType } from '../bytecode/model.js';
import { formatName } from './escapes.js';

/**
 * `int64`, `uint8`, `fixed64`, `float`, `secret(int64)`, `dict(string, list(bool))`, `object(Point)`,
 * `generic(Map, string, int64)`. Raw encodings that the plain spelling cannot carry use the long forms
 * `int(BITS, SIGNED_BYTE)` and `fixed(64, long)` (tag 14 for 64 bits). A short fixed type of another
 * width cannot be written to a file; it prints as `fixed(BITS, short)`, which the assembler refuses.
 */
export function formatFunctionType(t: FunctionType): string {
  switch (t.tag) {
    case 'int':
      if (t.signedByte === 1) return `int${t.bits}`;
      if (t.signedByte === 0) return `uint${t.bits}`;
      return `int(${t.bits}, ${t.signedByte})`;
    case 'fixed':
      return t.short === (t.bits === 64) ? `fixed${t.bits}` : `fixed(${t.bits}, ${t.short ? 'short' : 'long'})`;
    case 'secret':
    case 'list':
      return `${t.tag}(${formatFunctionType(t.inner)})`;
    case 'dict':
      return `dict(${formatFunctionType(t.key)}, ${formatFunctionType(t.value)})`;
    case 'object':
    case 'typevar':
      return `${t.tag}(${formatName(t.name)})`;
    case 'generic':
      return `generic(${[formatName(t.name), ...t.params.map(formatFunctionType)].join(', ')})`;
    default:
      return t.tag;
  }
}

/** `int64`, `uint8`, `fixed(64, 16)` (total bits, fractional bits). */
export function formatShareType(t: ShareType): string {
  switch (t.kind) {
    case 'int':
      return `int${t.bits}`;
    case 'uint':
      return `uint${t.bits}`;
    case 'fixed':
      return `fixed(${t.totalBits}, ${t.fracBits})`;
  }
}
