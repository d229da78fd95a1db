/**
 * `--arg VALUE` for entry arguments: integers → I64 (exact; bigint beyond 2^53), decimals (with a point
 * or an exponent, or `inf`, `-inf`, `NaN`) → Float, `true` / `false` → Bool, `()` → Unit, and text in
 * double or single quotes → String (taken literally, no escape processing).
 */
import { I64_MAX, I64_MIN, type Value, VmFloat, i64 } from '../../runtime/values.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/;
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['NaN', NaN],
]);

export function parseArgValue(text: string): Value {
  if (INTEGER.test(text)) {
    const n = BigInt(text);
    if (n < I64_MIN || n > I64_MAX) throw new RangeError(`integer argument ${text} is outside the int64 range`);
    return i64(n);
  }
  if (DECIMAL.test(text)) return new VmFloat(Number(text));
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return new VmFloat(special);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === '()') return undefined;
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.at(-1) === text[0]) return text.slice(1, -1);
  throw new RangeError(
    `cannot read argument ${JSON.stringify(text)}: expected an integer, a decimal, true, false, () or a quoted string`,
  );
}
