/**
 * What one run of a program produced, as plain comparable data: the printed lines, then either the
 * returned value (in the `Program returned:` format and as a full structural description), a `VmError`
 * (message and kind), or a crash (any other exception: always a bug).
 */
import { VmError } from '../../runtime/errors.js';
import { debugString, resultString } from '../../runtime/format.js';
import { HOLE, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type Value } from '../../runtime/values.js';

export type Outcome =
  | { readonly status: 'returned'; readonly output: readonly string[]; readonly result: string; readonly structure: string }
  | { readonly status: 'error'; readonly output: readonly string[]; readonly message: string; readonly kind: string }
  | { readonly status: 'crash'; readonly output: readonly string[]; readonly stage: 'prepare' | 'run'; readonly message: string };

/** Runs `run` with a print sink and records what happened. */
export function capture(run: (print: (line: string) => void) => Value): Outcome {
  const output: string[] = [];
  try {
    const v = run((line) => output.push(line));
    return { status: 'returned', output, result: resultString(v), structure: structure(v) };
  } catch (err) {
    return failure(err, output, 'run');
  }
}

export function failure(err: unknown, output: readonly string[], stage: 'prepare' | 'run'): Outcome {
  if (err instanceof VmError) return { status: 'error', output, message: err.message, kind: err.kind };
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { status: 'crash', output, stage, message };
}

/**
 * A complete, unambiguous description of a value: every integer kind, float bits (one NaN), table ids,
 * holes, extra array fields and object entry order, closure upvalues; cycles cut at the repeated table.
 * Unlike `resultString` it never truncates and never confuses `I32(1)` with `1`.
 */
export function structure(v: Value, open: Set<object> = new Set()): string {
  switch (typeof v) {
    case 'undefined': return '()';
    case 'boolean': return String(v);
    case 'number': case 'bigint': return `i64(${v})`;
    case 'string': return JSON.stringify(v);
  }
  if (v instanceof VmInt) return `${v.kind}(${v.v})`;
  if (v instanceof VmFloat) return `f64(${Object.is(v.v, -0) ? '-0' : String(v.v)})`;
  if (v instanceof VmClosure) {
    return `Closure(${JSON.stringify(v.fn)}; ${v.upvalues.map(([n, x]) => `${JSON.stringify(n)}=${structure(x, open)}`).join(', ')})`;
  }
  if (v instanceof VmForeign) return `Foreign(${v.id})`;
  if (v instanceof VmArray || v instanceof VmObject) {
    const tag = v instanceof VmArray ? 'Array' : 'Object';
    if (open.has(v)) return `${tag}#${v.id}<cycle>`;
    open.add(v);
    const parts: string[] = [];
    if (v instanceof VmArray) {
      for (const item of v.items) parts.push(item === HOLE ? '<hole>' : structure(item, open));
    }
    const entries = v instanceof VmArray ? v.extra : v.entries;
    for (const e of entries.values()) parts.push(`${structure(e.key, open)}: ${structure(e.value, open)}`);
    open.delete(v);
    return `${tag}#${v.id}[${parts.join(', ')}]`;
  }
  return debugString(v);
}
