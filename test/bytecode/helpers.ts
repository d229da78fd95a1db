/**
 * Test helpers: fixture discovery and a tiny byte assembler written directly from bytecode-format.md,
 * independent of src/bytecode/writer.ts, so reader tests do not trust the code under test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BytecodeError, type BytecodeErrorKind } from '../../src/bytecode/errors.js';

export const FIXTURE_ROOT = new URL('../../../shared/fixtures/', import.meta.url).pathname;

export interface Fixture {
  /** Path relative to the fixture root, e.g. `stoffel/lang-fizzbuzz.stflb`. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of ['stoffel', 'handmade', 'handmade/v1']) {
    for (const file of readdirSync(join(FIXTURE_ROOT, dir)).filter((f) => f.endsWith('.stflb')).sort()) {
      out.push({ name: `${dir}/${file}`, bytes: new Uint8Array(readFileSync(join(FIXTURE_ROOT, dir, file))) });
    }
  }
  return out;
}

/** `hex('53 54 46 4c')`; whitespace is ignored. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) throw new Error('odd hex length');
  return Uint8Array.from(digits.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const u8 = (v: number): Uint8Array => Uint8Array.of(v);
export const u16 = (v: number): Uint8Array => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff);
export const u32 = (v: number): Uint8Array => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
export function u64(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 0xffn);
  return out;
}
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** u16 length + raw bytes (which may be invalid UTF-8). */
export const str16 = (s: string | Uint8Array): Uint8Array => {
  const b = typeof s === 'string' ? utf8(s) : s;
  return cat(u16(b.length), b);
};
export const str32 = (s: string | Uint8Array): Uint8Array => {
  const b = typeof s === 'string' ? utf8(s) : s;
  return cat(u32(b.length), b);
};

export const header = (version: number): Uint8Array => cat(utf8('STFL'), u16(version));

/** Instruction encodings (§5). */
export const ins = {
  LDI: (dst: number, index: number) => cat([0x01], u32(dst), u32(index)),
  MOV: (dst: number, src: number) => cat([0x02], u32(dst), u32(src)),
  ADD: (dst: number, a: number, b: number) => cat([0x03], u32(dst), u32(a), u32(b)),
  JMP: (label: string | Uint8Array) => cat([0x0e], str16(label)),
  CALL: (name: string | Uint8Array) => cat([0x11], str16(name)),
  RET: (src: number) => cat([0x12], u32(src)),
  CMP: (a: number, b: number) => cat([0x14], u32(a), u32(b)),
  NOP: () => Uint8Array.of(0x17),
  LDS: (dst: number, slot: number) => cat([0x18], u32(dst), u32(slot)),
  STS: (slot: number, src: number) => cat([0x19], u32(slot), u32(src)),
};

export interface FnSpec {
  name?: string | Uint8Array;
  registers?: number;
  params?: (string | Uint8Array)[];
  /** Raw bytes for v5+: param type count, param types, return type. Default: Unknown for each. */
  types?: Uint8Array;
  upvalues?: (string | Uint8Array)[];
  /** Raw parent flag byte (default 0, or 1 when `parent` is given). */
  parentFlag?: number;
  parent?: string | Uint8Array;
  labels?: [string | Uint8Array, number][];
  /** Instruction count to declare (default: instrs.length). */
  count?: number;
  instrs?: Uint8Array[];
}

/** One function record laid out for `version` (§4). */
export function fn(version: number, s: FnSpec = {}): Uint8Array {
  const params = s.params ?? [];
  const parts: Uint8Array[] = [str16(s.name ?? 'main'), u16(s.registers ?? 1), u16(params.length), ...params.map(str16)];
  if (version >= 5) parts.push(s.types ?? cat(u16(params.length), params.map(() => 12), [12]));
  const upvalues = s.upvalues ?? [];
  parts.push(u16(upvalues.length), ...upvalues.map(str16));
  const flag = s.parentFlag ?? (s.parent !== undefined ? 1 : 0);
  parts.push(u8(flag));
  if (s.parent !== undefined) parts.push(str16(s.parent));
  const labels = s.labels ?? [];
  parts.push(u16(labels.length), ...labels.map(([n, t]) => cat(str16(n), u32(t))));
  const instrs = s.instrs ?? [];
  parts.push(u32(s.count ?? instrs.length), ...instrs);
  return cat(...parts);
}

/** The manifest a clear-only program carries at `version` (empty client list, zero demand). */
export function emptyManifest(version: number): Uint8Array {
  if (version < 2) return new Uint8Array(0);
  return cat(version >= 3 ? [0] : [], version >= 4 ? [0] : [], u32(0), version >= 8 ? new Uint8Array(33) : []);
}

/** A whole file: header, constants (raw encodings), functions (raw records), manifest, trailing bytes. */
export function file(version: number, consts: Uint8Array[], fns: Uint8Array[], manifest = emptyManifest(version)): Uint8Array {
  return cat(header(version), u32(consts.length), ...consts, u32(fns.length), ...fns, manifest);
}

export const constI64 = (v: bigint): Uint8Array => cat([1], u64(v));

/** Runs `f`, expecting a BytecodeError of `kind` whose message starts with `reason` (the official text). */
export function expectBytecodeError(f: () => unknown, kind: BytecodeErrorKind, reason: string): BytecodeError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(BytecodeError);
  const err = caught as BytecodeError;
  expect(err.kind).toBe(kind);
  expect(err.reason).toBe(reason);
  expect(err.message.startsWith(reason)).toBe(true);
  return err;
}
