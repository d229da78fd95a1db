/**
 * Rust's `f64` Display (semantics.md §2): the shortest digits that round-trip, laid out without exponent
 * notation (`1e21` -> `1000000000000000000000`, `1e-7` -> `0.0000001`), integral values without a
 * fraction, `NaN`, `inf`, `-inf` and `-0`.
 *
 * JS `String(x)` already picks the shortest round-trip digits (closest to x, like Rust); only its layout
 * differs: it switches to exponent notation below 1e-6 and from 1e21 on. Those cases are re-laid out here.
 */
export function formatF64(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const text = String(x);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = x < 0;
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  // `point` = number of digits before the decimal point.
  const point = exponent + 1;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return negative ? '-' + out : out;
}
