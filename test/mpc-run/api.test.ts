import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createSimulatedEngine, loadProgram, MpcConfigError, Share, type ClientOutputValue,
} from '../../src/index.js';
import { binary, clientsProgram, fixture } from './helpers.js';

const P = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const mod = (x: bigint) => ((x % P) + P) % P;
function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  for (b = mod(b); e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
}

/** Reads the 48-byte robust share encoding: y (32 bytes LE), id (u64 LE), degree (u64 LE). */
function decodeShare(bytes: Uint8Array): { y: bigint; id: bigint; degree: bigint } {
  const le = (from: number, to: number) => bytes.slice(from, to).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
  return { y: le(0, 32), id: le(32, 40), degree: le(40, 48) };
}

/** Lagrange interpolation at 0 of (x, y) points; the simulator evaluates party i's share at x = i + 1. */
function interpolateAtZero(points: readonly { x: bigint; y: bigint }[]): bigint {
  let acc = 0n;
  for (const { x: xi, y } of points) {
    let num = 1n;
    let den = 1n;
    for (const { x: xj } of points) {
      if (xj === xi) continue;
      num = mod(num * -xj);
      den = mod(den * (xi - xj));
    }
    acc = mod(acc + y * num * pow(den, P - 2n));
  }
  return acc;
}

const PROGRAM = loadProgram(binary(clientsProgram({ printDone: true })));

describe('program.run with MPC options', () => {
  const clientInputs = { 0: [-8n, 5n], 1: [true] };

  it('run opens a returned raw share; runWithOutput adds the client outputs', () => {
    expect(PROGRAM.run('main', [], { mpc: { clientInputs, seed: 1 }, print: () => {} })).toBe(-13);
    const r = PROGRAM.runWithOutput('main', [], { mpc: { clientInputs, seed: 1 } });
    expect(r.value).toBe(-13);
    expect(r.output).toEqual(['done']);
    expect(r.clientOutputs!.map((c) => [c.clientIndex, c.slot, c.values.map((v) => v.value)])).toEqual([
      [0, 0n, [-13, -40]],
      [1, 1n, [-13, true]],
    ]);
    expect(r.clientOutputs![1]!.values[1]!.type).toEqual({ kind: 'int', bits: 1 });
  });

  it('each client output carries n robust shares of degree t that reconstruct the value', () => {
    const r = PROGRAM.runWithOutput('main', [], { mpc: { clientInputs, parties: 7, threshold: 2, seed: 9 } });
    const product: ClientOutputValue = r.clientOutputs![0]!.values[1]!;
    const shares = product.shares.map(decodeShare);
    expect(shares.map((s) => s.id)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
    expect(shares.every((s) => s.degree === 2n)).toBe(true);
    const points = shares.map((s) => ({ x: s.id + 1n, y: s.y }));
    // Any t + 1 = 3 shares give the secret -40 (mod p); so do all seven.
    expect(interpolateAtZero(points.slice(0, 3))).toBe(mod(-40n));
    expect(interpolateAtZero(points.slice(4))).toBe(mod(-40n));
    expect(interpolateAtZero(points)).toBe(mod(-40n));
  });

  it('runMpc reports the raw return value and whether it was revealed', () => {
    const r = PROGRAM.runMpc('main', [], { mpc: { clientInputs: new Map([[0, [2n, 3n]], [1n, [false]]]) }, print: () => {} });
    expect(r.returned).toBeInstanceOf(Share);
    expect(r.revealed).toBe(true);
    expect(r.value).toBe(-1);
    expect(r.clientOutputs[1]!.values.map((v) => v.value)).toEqual([-1, false]);
  });

  it('accepts an explicit engine (the caller builds it, e.g. without a manifest)', () => {
    const program = loadProgram(readFileSync(fixture('vm-client_mul')));
    const engine = createSimulatedEngine({ clientInputs: new Map([[0n, [12n]], [1n, [-5n]]]), seed: 'x' });
    const r = program.runWithOutput('main', [], { mpc: engine });
    expect(r.value).toBe(-60);
    expect(r.clientOutputs!.map((c) => c.values.map((v) => v.value))).toEqual([[-60], [-60]]);
  });

  it('throws MpcConfigError for inputs that do not match the manifest', () => {
    expect(() => PROGRAM.run('main', [], { mpc: { clientInputs: { 0: [1n] } } })).toThrow(
      new MpcConfigError('client slot 0 expects 2 inputs, got 1'),
    );
    expect(() => PROGRAM.run('main', [], { mpc: {} })).toThrow('provide local client inputs');
    expect(() => PROGRAM.run('main', [], { mpc: { clientInputs: { x: [1n] } } })).toThrow(MpcConfigError);
  });

  it('without mpc the run has no engine, as before', () => {
    const program = loadProgram(readFileSync(fixture('vm-client_mul')));
    expect(() => program.run()).toThrow('Foreign function ClientStore.take_share failed: No client at index 0');
    const clear = loadProgram(binary('.function main()\nLDI r0, 3\n.end\n'));
    expect(clear.runWithOutput('main', [], { mpc: null })).toEqual({ value: 3, output: [] });
  });
});
