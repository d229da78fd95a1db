/**
 * The one error type of the bytecode stage: the reader, writer and loader throw nothing else.
 *
 * `reason` is the official StoffelVM text (bytecode-format.md §4–§8), so callers can reproduce
 * `stoffel-run`'s messages; `message` adds where it happened, e.g.
 * `Unknown opcode: 99 (at byte 0x3a, function 'main', instruction 4)`.
 */

/**
 * Mirrors the official error variants, so a CLI can print the reference `Debug` form and pick the exit code:
 * - `InvalidMagicBytes`, `UnsupportedVersion`, `UnexpectedEof`: the header and truncation errors of §8;
 * - `InvalidData`: malformed content, the load checks of §7.1–7.3, and values the writer cannot encode;
 * - `Registration`: a function that cannot be registered (name of a builtin, §7.5).
 */
export type BytecodeErrorKind = 'InvalidMagicBytes' | 'UnsupportedVersion' | 'UnexpectedEof' | 'InvalidData' | 'Registration';

export interface BytecodeErrorDetails {
  /** Byte offset in the file where the offending item starts. */
  readonly offset?: number;
  /** Name of the function record involved, once known. */
  readonly function?: string;
  /** Index of the function record in the file (useful before its name has been read). */
  readonly functionIndex?: number;
  /** Index of the instruction involved within its function. */
  readonly instruction?: number;
  /** Extra explanation shown after the official text. */
  readonly detail?: string;
  /**
   * Whether the location is appended to the message. Load errors whose official text already names
   * the function and instruction set this to false and keep the fields for programmatic use.
   */
  readonly locationInMessage?: boolean;
}

export class BytecodeError extends Error {
  readonly kind: BytecodeErrorKind;
  /** The official message text, without location or detail. */
  readonly reason: string;
  readonly offset?: number;
  readonly function?: string;
  readonly functionIndex?: number;
  readonly instruction?: number;

  constructor(kind: BytecodeErrorKind, reason: string, details: BytecodeErrorDetails = {}) {
    super(reason + describe(details));
    this.name = 'BytecodeError';
    this.kind = kind;
    this.reason = reason;
    if (details.offset !== undefined) this.offset = details.offset;
    if (details.function !== undefined) this.function = details.function;
    if (details.functionIndex !== undefined) this.functionIndex = details.functionIndex;
    if (details.instruction !== undefined) this.instruction = details.instruction;
  }
}

/** ` (detail; at byte 0x3a, function 'main', instruction 4)`, or '' when there is nothing to add. */
function describe(d: BytecodeErrorDetails): string {
  const where: string[] = [];
  if (d.locationInMessage !== false) {
    if (d.offset !== undefined) where.push(`at byte 0x${d.offset.toString(16)}`);
    if (d.function !== undefined) where.push(`function '${d.function}'`);
    else if (d.functionIndex !== undefined) where.push(`function #${d.functionIndex}`);
    if (d.instruction !== undefined) where.push(`instruction ${d.instruction}`);
  }
  const parts: string[] = [];
  if (d.detail !== undefined) parts.push(d.detail);
  if (where.length > 0) parts.push(where.join(', '));
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
