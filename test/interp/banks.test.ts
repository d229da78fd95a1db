import { describe, expect, it } from 'vitest';
import type { MpcEngine } from '../../runtime/mpc/engine.js';
import { Share, type Value } from '../../runtime/values.js';
import { run, runError } from './helpers.js';

const main = (body: string) => `.function main()\n${body}\n.end\n`;

/** A recording stand-in for an MPC engine: "shares" carry their clear value in the payload. */
function fakeEngine() {
  const calls: string[] = [];
  const share = (v: Value) => new Share({ kind: 'int', bits: 64 }, { key: () => String(v), value: v } as never);
  const engine: MpcEngine = {
    partyId: 0,
    nParties: 1,
    threshold: 0,
    shareClear: (v) => {
      calls.push(`share ${String(v)}`);
      return share(v);
    },
    open: (s) => {
      calls.push('open');
      return (s.payload as unknown as { value: Value }).value;
    },
    binary: () => {
      throw new Error('unused');
    },
    not: () => {
      throw new Error('unused');
    },
    builtins: new Map(),
    finishRun: () => [],
  };
  return { engine, calls, share };
}

describe('secret registers without an MPC engine (semantics.md §4)', () => {
  it('clear writes into r16+ fail with the register number and type', () => {
    expect(runError(main('LDI r16, 5'))).toBe(
      'Cannot write clear int64 value directly to secret register r16: MPC engine not configured',
    );
    expect(runError(main('LDI r1, 1.5\nLDI r2, 1.5\nADD r20, r1, r2'))).toBe(
      'Cannot write clear float value directly to secret register r20: MPC engine not configured',
    );
  });

  it('Unit may be written into a secret register and copied between secret registers', () => {
    expect(run(main('LDI r16, ()\nMOV r17, r16\nLDI r0, 1\nRET r0')).value).toBe(1);
  });

  it('bank-crossing MOVs fail, including MOV of an unwritten (Unit) clear register', () => {
    expect(runError(main('MOV r16, r1'))).toBe('MPC engine not configured');
    expect(runError(main('MOV r1, r16'))).toBe('MPC engine not configured');
  });

  it('LDS stores raw; a later secret-to-secret MOV of the clear value applies the write rule', () => {
    expect(run(main('LDI r1, 7\nSTS 0, r1\nLDS r16, 0\nLDI r0, 1\nRET r0')).value).toBe(1);
    expect(runError(main('LDI r1, 7\nSTS 0, r1\nLDS r16, 0\nMOV r17, r16'))).toBe(
      'Cannot write clear int64 value directly to secret register r17: MPC engine not configured',
    );
  });

  it('a plain object cannot move into a secret register', () => {
    expect(runError(main('CALL create_object\nMOV r16, r0'))).toBe('Object is not a Share: missing __type field');
  });

  it('clear arguments cannot be bound to parameters 16 and above', () => {
    const params = Array.from({ length: 17 }, (_, i) => `p${i}`).join(', ');
    const pushes = Array.from({ length: 17 }, () => 'PUSHARG r1').join('\n');
    const text = `${main(`LDI r1, 1\n${pushes}\nCALL f`)}.function f(${params})\n.end\n`;
    expect(runError(text)).toBe('Cannot write clear int64 value directly to secret register r16: MPC engine not configured');
  });

  it('an operation on a share object fails without an engine', () => {
    expect(runError(main('LDI r1, 1\nPUSHARG r1\nCALL Share.from_clear'))).toBe(
      'Foreign function Share.from_clear failed: MPC engine not configured',
    );
  });
});

describe('secret registers with an MPC engine', () => {
  it('clear writes and clear-to-secret MOVs are shared; secret-to-clear MOVs open', () => {
    const { engine, calls } = fakeEngine();
    const value = run(main('LDI r16, 5\nLDI r1, 6\nMOV r17, r1\nMOV r2, r16\nMOV r3, r17\nADD r0, r2, r3\nRET r0'), {
      mpc: engine,
    }).value;
    expect(value).toBe(11);
    expect(calls).toEqual(['share 5', 'share 6', 'open', 'open']);
  });

  it('shares move without conversion; secret-to-clear of a non-share is an error', () => {
    const { engine, calls } = fakeEngine();
    expect(runError(main('MOV r1, r16'), { mpc: engine })).toBe('Invalid share type for conversion to clear value');
    expect(calls).toEqual([]);
  });

  it('a clear MOV of Unit into a secret register goes through the engine', () => {
    const { engine, calls } = fakeEngine();
    run(main('MOV r16, r1'), { mpc: engine });
    expect(calls).toEqual(['share undefined']);
  });

  it('a share object moved into a secret register is unwrapped to its raw share', () => {
    const { engine, share } = fakeEngine();
    const raw = share(9);
    const text = main(`
CALL create_object
MOV r1, r0
LDI r2, "__type"
LDI r3, "Share"
PUSHARG r1
PUSHARG r2
PUSHARG r3
CALL set_field
LDI r2, "__share_type"
LDI r3, "SecretInt"
PUSHARG r1
PUSHARG r2
PUSHARG r3
CALL set_field
CALL host.raw
MOV r4, r0
LDI r2, "__data"
PUSHARG r1
PUSHARG r2
PUSHARG r4
CALL set_field
MOV r16, r1
MOV r0, r16
RET r0`);
    const result = run(text, { mpc: engine, hostFunctions: { 'host.raw': () => raw } }).value;
    expect(result).toBe(9);
  });
});
