/** formatF64 = Rust's f64 Display: shortest round-trip digits, never exponent notation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatF64 } from '../../runtime/format.js';

describe('formatF64', () => {
  it('matches Rust Display on known values', () => {
    const table: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [3, '3'],
      [-2, '-2'],
      [1.5, '1.5'],
      [-1.5, '-1.5'],
      [0.5, '0.5'],
      [0.1, '0.1'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1 / 3, '0.3333333333333333'],
      [123456.789, '123456.789'],
      [100, '100'],
      [1e-6, '0.000001'],
      [1e-7, '0.0000001'],
      [1.5e-7, '0.00000015'],
      [1.23e-7, '0.000000123'],
      [-1e-10, '-0.0000000001'],
      [1e20, '100000000000000000000'],
      [1e21, '1000000000000000000000'],
      [1e22, '10000000000000000000000'],
      [1.2345e25, '12345' + '0'.repeat(21)],
      [-1e21, '-1000000000000000000000'],
      [2 ** 53, '9007199254740992'],
      [2 ** 60, '1152921504606847000'],
      [2 ** 64, '18446744073709552000'],
      [1e300, '1' + '0'.repeat(300)],
      [Number.MAX_VALUE, '17976931348623157' + '0'.repeat(292)],
      [2.2250738585072014e-308, '0.' + '0'.repeat(307) + '22250738585072014'],
      [5e-324, '0.' + '0'.repeat(323) + '5'],
      [-5e-324, '-0.' + '0'.repeat(323) + '5'],
      [NaN, 'NaN'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
    ];
    for (const [x, text] of table) expect(formatF64(x), String(x)).toBe(text);
  });

  it('always prints plain decimals that read back to the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatF64(x);
        expect(text).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(Object.is(Number(text), x)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('uses as few significant digits as round-tripping needs', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-300, max: 1e300 }), (x) => {
        const significant = formatF64(x).replace(/^[-0.]+/, '').replace('.', '').replace(/0+$/, '');
        // One digit fewer, rounded either way, must not round-trip.
        if (significant.length > 1) {
          const shorter = Number(x.toPrecision(significant.length - 1));
          expect(shorter === x).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
