/** bytecode-format.md §9: the worked example, in every version the spec describes. */
import { describe, expect, test } from 'vitest';
import { linkProgram } from '../../src/bytecode/load.js';
import type { FunctionRecord, FunctionType, Manifest, Program } from '../../src/bytecode/model.js';
import { readProgram } from '../../src/bytecode/reader.js';
import { writeProgram } from '../../src/bytecode/writer.js';
import { cat, hex } from './helpers.js';

/** The dump of §9, byte for byte (195 bytes). */
const V9 = hex(`
  53 54 46 4c  09 00  02 00 00 00
  01 29 00 00 00 00 00 00 00
  01 01 00 00 00 00 00 00 00
  02 00 00 00
  04 00 6d 61 69 6e  01 00  00 00  00 00  00 01 40  00 00  00  00 00  04 00 00 00
  01 00 00 00 00 00 00 00 00
  13 00 00 00 00
  11 04 00 61 64 64 31
  12 00 00 00 00
  04 00 61 64 64 31  02 00  01 00  01 00 78  01 00  00 01 40  00 01 40  00 00  00
  01 00  04 00 64 6f 6e 65 03 00 00 00
  04 00 00 00
  01 01 00 00 00 01 00 00 00
  03 00 00 00 00 00 00 00 00 01 00 00 00
  0e 04 00 64 6f 6e 65
  12 00 00 00 00
  00  00  00 00 00 00
  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  00
`);

/** The spec's recipe for the other versions, applied to the dump. */
function variant(version: number): Uint8Array {
  const withVersion = (b: Uint8Array): Uint8Array => {
    const out = b.slice();
    out[4] = version;
    out[5] = 0;
    return out;
  };
  if (version >= 8) return withVersion(V9);
  const typed = version >= 5;
  // Without type metadata: drop 0x2a..0x2e and 0x5f..0x66 (inclusive).
  const functions = typed ? V9.subarray(0, 0x9c) : cat(V9.subarray(0, 0x2a), V9.subarray(0x2f, 0x5f), V9.subarray(0x67, 0x9c));
  const manifest = version < 2 ? [] : cat(version >= 3 ? [0] : [], version >= 4 ? [0] : [], [0, 0, 0, 0]);
  return withVersion(cat(functions, manifest));
}

const int64: FunctionType = { tag: 'int', signedByte: 1, bits: 64 };

function example(version: number): Program {
  const typed = version >= 5;
  const main: FunctionRecord = {
    name: 'main',
    registerCount: 1,
    paramNames: [],
    ...(typed ? { paramTypes: [], returnType: int64 } : {}),
    upvalueNames: [],
    parent: null,
    labels: [],
    instructions: [
      { op: 'LDI', dst: 0, index: 0 },
      { op: 'PUSHARG', src: 0 },
      { op: 'CALL', name: 'add1' },
      { op: 'RET', src: 0 },
    ],
  };
  const add1: FunctionRecord = {
    name: 'add1',
    registerCount: 2,
    paramNames: ['x'],
    ...(typed ? { paramTypes: [int64], returnType: int64 } : {}),
    upvalueNames: [],
    parent: null,
    labels: [{ name: 'done', target: 3 }],
    instructions: [
      { op: 'LDI', dst: 1, index: 1 },
      { op: 'ADD', dst: 0, lhs: 0, rhs: 1 },
      { op: 'JMP', label: 'done' },
      { op: 'RET', src: 0 },
    ],
  };
  let manifest: Manifest | null = null;
  if (version >= 2) {
    manifest = {
      ...(version >= 3 ? { backend: 'honeybadger' as const } : {}),
      ...(version >= 4 ? { curve: 'bls12-381' as const } : {}),
      clients: [],
      ...(version >= 8 ? { demand: { triples: 0n, randoms: 0n, prandbits: 0n, prandints: 0n, dynamic: 0 } } : {}),
    };
  }
  return {
    version,
    constants: [{ kind: 'i64', value: 41n }, { kind: 'i64', value: 1n }],
    functions: [main, add1],
    manifest,
    trailing: new Uint8Array(0),
  };
}

describe('worked example (§9)', () => {
  test('the v9 model writes exactly the 195 bytes of the dump', () => {
    expect(V9.length).toBe(195);
    expect(Array.from(writeProgram(example(9)))).toEqual(Array.from(V9));
  });

  test('the v1 model writes the 143-byte variant', () => {
    const v1 = variant(1);
    expect(v1.length).toBe(143);
    expect(Array.from(writeProgram(example(1)))).toEqual(Array.from(v1));
  });

  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('version %i: write gives the spec layout and read gives the model back', (version) => {
    const bytes = variant(version);
    expect(Array.from(writeProgram(example(version)))).toEqual(Array.from(bytes));
    expect(readProgram(bytes)).toEqual(example(version));
  });

  test('linking resolves the jump, normalizes frames and converts the constants', () => {
    const loaded = linkProgram(readProgram(V9));
    expect(loaded.constants).toEqual([41, 1]);
    expect([...loaded.functions.keys()]).toEqual(['main', 'add1']);
    const add1 = loaded.functions.get('add1')!;
    expect(add1.arity).toBe(1);
    expect(add1.frameSize).toBe(2);
    expect(Array.from(add1.jumpTargets)).toEqual([-1, -1, 3, -1]);
    expect(loaded.functions.get('main')!.frameSize).toBe(1);
    expect(loaded.backend).toBe('honeybadger');
    expect(loaded.curve).toBe('bls12-381');
  });
});
