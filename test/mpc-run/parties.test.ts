/**
 * Parties mode (architecture A): n worker threads, one per party, each holding only its own shares.
 * Every run starts n workers (about a second), so each case runs the mode a few times only.
 */
import './parties-setup.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJs } from '../../runtime/convert.js';
import { linkProgram } from '../../src/bytecode/load.js';
import { loadProgram, type MpcOptions, type StoffelProgram } from '../../src/index.js';
import { runParties } from '../../src/mpc/parties/run.js';
import { cli } from '../cli/helpers.js';
import { binary, fixture } from './helpers.js';

const load = (name: string): StoffelProgram => loadProgram(readFileSync(fixture(name)));
const parties = (mpc: MpcOptions): MpcOptions => ({ ...mpc, mode: 'parties' });

function failure(program: StoffelProgram, mpc: MpcOptions): string {
  try {
    program.run('main', [], { mpc, print: () => {} });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the run to fail');
}

describe('the official fixtures give the same results as in single mode', () => {
  it('client_mul: the product, and the clients receive the same shares (messages chunked)', () => {
    const program = load('vm-client_mul');
    const mpc = { seed: 4, clientInputs: { 0: [-123456789n], 1: [987654321n] } };
    const single = program.runMpc('main', [], { mpc });
    // A 40-byte channel splits every request and reply into chunks.
    const split = runParties(program.loaded, 'main', [], mpc, { channelBytes: 40 });
    expect(split.value).toBe(-123456789n * 987654321n);
    expect(split.revealed).toBe(true);
    expect(split.clientOutputs).toEqual(single.clientOutputs);
    expect(split.clientOutputs.map((c) => c.values.map((v) => v.value))).toEqual([[-121932631112635269n], [-121932631112635269n]]);
  });

  it('client_sub_order on the command line: sparse slots, same output as single mode', () => {
    const args = ['run', fixture('vm-client_sub_order'), '--client-input', '5=9', '--client-input', '0=20', '--seed', '1'];
    const r = cli([...args, '--mpc-mode', 'parties']);
    expect(r).toMatchObject({ code: 0, stdout: 'Program returned: 11\n', stderr: 'Program returned a secret share, revealing...\n' });
    expect(cli(args).stdout).toBe(r.stdout);
  });

  it('matrix_average_fixed_point: the averages, equal to single mode with the same seed', () => {
    const m = [[65536n, -131072n, 98304n, 0n, 7n, -65536n], [196608n, 65536n, -32768n, 1n, 9n, 65536n]];
    const mpc = { seed: 7, clientInputs: new Map(m.map((row, slot) => [slot, row])) };
    const program = load('vm-matrix_average_fixed_point');
    const value = toJs(program.run('main', [], { mpc: parties(mpc) }));
    const averages = [0, 1, 2, 3, 4, 5].map((i) => Number(m[0]![i]! + m[1]![i]!) / 65536 / 2);
    expect(value).toEqual(averages);
    expect(toJs(program.run('main', [], { mpc }))).toEqual(value);
  });

  it('threshold_bls_bls12381: the same signature bytes as single mode with the same seed (compiled engine)', async () => {
    const { compiledEngine } = await import('../../src/compiled-engine.js');
    const program = load('vm-threshold_bls_bls12381');
    const both = toJs(program.run('main', [], { mpc: parties({ seed: 2 }), engine: compiledEngine }));
    expect(both).toEqual(toJs(program.run('main', [], { mpc: { seed: 2 } })));
    expect((both as number[]).length).toBe(48 + 96 + 48);
  });
});

describe('the same seed gives the same run', () => {
  const RANDOM = loadProgram(binary(`
.function main()
  .registers 2
  CALL Share.random_field
  PUSHARG r0
  CALL Share.open
  RET r0
`));

  it('an opened random element: equal across parties runs and to single mode, different for another seed', () => {
    const first = RANDOM.run('main', [], { mpc: parties({ seed: 5, parties: 4 }) });
    expect(RANDOM.run('main', [], { mpc: parties({ seed: 5, parties: 4 }) })).toBe(first);
    expect(RANDOM.run('main', [], { mpc: { seed: 5, parties: 4 } })).toBe(first);
    expect(RANDOM.run('main', [], { mpc: { seed: 6, parties: 4 } })).not.toBe(first);
  });
});

describe('what only parties mode detects', () => {
  it('a party-dependent return value fails the consistency check', () => {
    const program = loadProgram(binary('.function main()\n  CALL Mpc.party_id\n  RET r0\n'));
    expect(failure(program, parties({ parties: 4 }))).toBe(
      'local coordinator run did not produce consistent VM return values: ' +
        'local party party1 returned ["1"], expected ["0"] from party leader',
    );
    expect(program.run('main', [], { mpc: { parties: 4 } })).toBe(0);
  });

  it('a party-dependent branch around an open is a divergence, reported at once', () => {
    const program = loadProgram(binary(`
.function main()
  .registers 20
  LDI r16, 5
  CALL Mpc.party_id
  LDI r1, 0
  CMP r0, r1
  JMPNEQ skip
  MOV r2, r16
skip:
  LDI r0, 1
  RET r0
`));
    const started = Date.now();
    expect(failure(program, parties({ parties: 4, timeoutMs: 30_000 }))).toBe(
      'MPC parties diverged at interactive operation #1: party 0 at open(int-64), party 1 at output',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a party that fails alone fails the run with its execution error', () => {
    const program = loadProgram(binary(`
.function main()
  .registers 4
  CALL Mpc.party_id
  LDI r1, 2
  CMP r0, r1
  JMPNEQ fine
  LDI r2, 0
  DIV r0, r1, r2
fine:
  RET r1
`));
    expect(failure(program, parties({ parties: 4 }))).toBe(failure(loadProgram(binary(`
.function main()
  LDI r1, 2
  LDI r2, 0
  DIV r0, r1, r2
  RET r0
`)), {}));
  });
});

describe('Rbc between parties', () => {
  it('each party broadcasts its own message; every party receives the others\'', () => {
    const program = loadProgram(binary(`
.function main()
  .registers 8
  CALL Mpc.party_id
  PUSHARG r0
  CALL to_string
  LDI r2, "hello from "
  ADD r2, r2, r0
  PUSHARG r2
  CALL Rbc.broadcast
  LDI r3, 3
  PUSHARG r3
  LDI r4, 5000
  PUSHARG r4
  CALL Rbc.receive
  MOV r5, r0
  LDI r3, 0
  PUSHARG r3
  PUSHARG r4
  CALL Rbc.receive
  LDI r6, " | "
  ADD r5, r5, r6
  ADD r5, r5, r0
  RET r5
`));
    expect(program.run('main', [], { mpc: parties({ parties: 4 }) })).toBe('hello from 3 | hello from 0');
    // The single-process simulator only has the viewing party's broadcasts.
    expect(program.run('main', [], { mpc: { parties: 4 } })).toBe('hello from 0 | hello from 0');
  });

  it('a receive from a party that never broadcasts times out', () => {
    const program = loadProgram(binary(`
.function main()
  .registers 2
  LDI r0, 1
  PUSHARG r0
  LDI r1, 60000
  PUSHARG r1
  CALL Rbc.receive
  RET r0
`));
    const started = Date.now();
    expect(failure(program, parties({ parties: 4 }))).toBe(
      'Foreign function Rbc.receive failed: RBC receive timeout waiting for message from party 1',
    );
    // Every party waits, so nothing can arrive: the receives time out without waiting the full 60 s.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('options', () => {
  it('refuses what cannot reach the party threads, before starting any', () => {
    const program = load('vm-client_mul');
    const mpc = parties({ clientInputs: { 0: [1n], 1: [2n] } });
    expect(() => runParties(linkProgram(program.program), 'main', [], { ...mpc, partyId: 1 })).toThrow(
      'partyId cannot be chosen in parties mode (every party runs)',
    );
    expect(() => program.run('main', [], { mpc: { ...mpc, backend: 'avss' } })).toThrow(/honeybadger backend only/);
    expect(() => program.run('main', [], { mpc: { ...mpc, mode: 'both' as never } })).toThrow(
      "MPC mode must be one of single, parties, got 'both'",
    );
    const r = cli(['run', fixture('vm-client_mul'), '--mpc-mode', 'parties', '--trace-instr', '--client-input', '0=1', '--client-input', '1=2']);
    expect(r).toMatchObject({ code: 1, stderr: 'Error: trace flags cannot be combined with --mpc-mode parties\n' });
  });
});
