/**
 * Errors raised while a program runs. The message is exactly the official VM's text (what `stoffel-run`
 * prints after `Execution error in '<entry>': `); `kind` mirrors the official error kinds.
 */

export type VmErrorKind =
  | 'Runtime'
  | 'Value'
  | 'ForeignFunction'
  | 'TableMemory'
  | 'Mpc'
  | 'Registration'
  | 'Hook'
  | 'Storage'
  /** A limit set by the embedder (max instructions, max call depth) ended the run. */
  | 'Limit';

export class VmError extends Error {
  constructor(
    message: string,
    readonly kind: VmErrorKind = 'Runtime',
  ) {
    super(message);
    this.name = 'VmError';
  }
}

/**
 * Thrown by a builtin with its bare message. The caller turns it into
 * `Foreign function <canonical name> failed: <message>` (see `wrapBuiltinError`).
 */
export class BuiltinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuiltinError';
  }
}

/** The error a failed builtin surfaces as; other errors (hooks, limits, VM errors) pass through. */
export function wrapBuiltinError(name: string, err: unknown): unknown {
  if (err instanceof BuiltinError) {
    return new VmError(`Foreign function ${name} failed: ${err.message}`, 'ForeignFunction');
  }
  return err;
}
