import { describe, expect, it } from 'vitest';
import { ClientInputSyntaxError, parseClientInputFlag } from '../../src/mpc/client-input-syntax.js';

const values = (raw: string) => parseClientInputFlag(raw).values;
const error = (raw: string): string => {
  try {
    parseClientInputFlag(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ClientInputSyntaxError);
    return (err as Error).message;
  }
  throw new Error(`expected ${raw} to be refused`);
};

describe('--client-input SLOT=VALUE', () => {
  it('reads integers across the i64 and u64 ranges exactly', () => {
    expect(parseClientInputFlag('0=12')).toEqual({ slot: 0n, values: [12n] });
    expect(parseClientInputFlag(' 3 = -7 ')).toEqual({ slot: 3n, values: [-7n] });
    expect(values('0=-9223372036854775808')).toEqual([-(2n ** 63n)]);
    expect(values('0=18446744073709551615')).toEqual([2n ** 64n - 1n]);
    expect(parseClientInputFlag('18446744073709551615=1').slot).toBe(2n ** 64n - 1n);
  });

  it('takes width suffixes as signedness only, and refuses a negative unsigned value', () => {
    expect(values('0=3u8')).toEqual([3n]);
    expect(values('0=3uint64')).toEqual([3n]);
    expect(values('0=-3int32')).toEqual([-3n]);
    expect(values('0=3U32')).toEqual([3n]);
    expect(error('0=-3u64')).toBe("invalid value for client input slot 0: unsigned integer '-3u64' cannot be negative");
    expect(error('0=u8')).toBe("invalid value for client input slot 0: integer suffix 'u8' must follow a numeric value");
  });

  it('reads booleans and 0x bytes', () => {
    expect(values('1=true')).toEqual([true]);
    expect(values('1=false')).toEqual([false]);
    expect(values('0=0x0aff')).toEqual([Uint8Array.of(0x0a, 0xff)]);
    expect(error('0=0xabc')).toBe(
      'invalid value for client input slot 0: hex byte input must contain an even number of digits; write 0x0abc for one byte',
    );
    expect(error('0=0x')).toBe('invalid value for client input slot 0: hex byte input must include at least one byte after 0x');
  });

  it('flattens bracketed and bare comma lists in order', () => {
    expect(values('0=[1, true, 0x0a]')).toEqual([1n, true, Uint8Array.of(10)]);
    expect(values('0=1,10')).toEqual([1n, 10n]);
    expect(values('0=[[1, 2], 3]')).toEqual([1n, 2n, 3n]);
    expect(values('0=[]')).toEqual([]);
    expect(error('0=[1, , 2]')).toBe('invalid value for client input slot 0: list input contains an empty element');
    expect(error('0=[1, 2')).toBe("invalid value for client input slot 0: list input must end with ']'");
  });

  it('refuses floats, strings and objects with the local runner messages', () => {
    const unsupported =
      'local coordinator client inputs support integers, booleans, 0x-prefixed hex bytes, and lists of those values';
    expect(error('0=1.5')).toBe(unsupported);
    expect(error('0="text"')).toBe(unsupported);
    expect(error('0=abc')).toBe(unsupported);
    expect(error('0=[1, 2.5]')).toBe(unsupported);
    expect(error('0=18446744073709551616')).toBe(unsupported);
    expect(error('0={a: 1}')).toBe(
      'local coordinator client inputs cannot directly encode objects; pass their scalar secret fields or use typed lowering',
    );
  });

  it('refuses malformed flags with the official hints', () => {
    expect(error('12')).toBe("client input '12' must be written as client_slot=value");
    expect(error('=1')).toBe('client input slot cannot be empty');
    expect(error('0=')).toBe('client input slot 0 must include a value, written as 0=value');
    expect(error('0=1,1=2')).toBe(
      "client input '0=1,1=2' looks like multiple inputs in one flag. Repeat --client-input for each client slot, for example: --client-input 0=<value> --client-input 1=<value>",
    );
    expect(error('0=1=2')).toBe(
      "client input '0=1=2' has more than one '='. Write one client input per flag as --client-input 0=<value>; values must be integers, booleans, or 0x-prefixed hex bytes.",
    );
    expect(error('a=1')).toBe("invalid client slot 'a'; use a numeric slot like 0, written as 0=value");
    expect(error('-1=1')).toBe("invalid client slot '-1'; use a numeric slot like 0, written as 0=value");
  });
});
