/**
 * Generator of the `many_functions` benchmark: a long program of many small functions (to time
 * compilation), emitted both as `.stfasm` in the official compiler's code shapes and as the equivalent
 * hand-written TypeScript. Deterministic: the same parameters always give the same two texts, which are
 * committed as bench/programs/many_functions.stfasm and bench/handwritten/many_functions.ts
 * (regenerate with `node dist/bench/tools/write-many-functions.js`).
 *
 * Each function f<k>(x) mixes a few masked integer operations into v = x, then an if/else, a 3-round
 * loop, and (except the last) calls f<k+1>; `main(n)` sums f0(i) over i in 0..n. Every value stays
 * below 2^31, so JS bitwise operators and I64 semantics agree.
 */

export const MANY_FUNCTIONS_COUNT = 200;
const SEED = 0x5eed_2024;
const MASK = 0xfffff;

type Op =
  | { readonly kind: 'add'; readonly c: number }
  | { readonly kind: 'mul'; readonly c: number; readonly d: number }
  | { readonly kind: 'xor'; readonly c: number }
  | { readonly kind: 'shr'; readonly s: number }
  | { readonly kind: 'mod'; readonly c: number; readonly d: number };

interface FunctionPlan {
  readonly ops: readonly Op[];
  readonly threshold: number;
  readonly thenMul: number;
  readonly thenAdd: number;
  readonly elseXor: number;
}

/** mulberry32: a small, well-known deterministic PRNG. */
function prng(seed: number): (bound: number) => number {
  let a = seed >>> 0;
  return (bound) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * bound;
  };
}

function plan(count: number): FunctionPlan[] {
  const random = prng(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(random(hi - lo + 1));
  const plans: FunctionPlan[] = [];
  for (let k = 0; k < count; k++) {
    const ops: Op[] = [];
    const n = int(6, 12);
    for (let i = 0; i < n; i++) {
      switch (int(0, 4)) {
        case 0:
          ops.push({ kind: 'add', c: int(1, MASK) });
          break;
        case 1:
          ops.push({ kind: 'mul', c: int(3, 1023), d: int(0, MASK) });
          break;
        case 2:
          ops.push({ kind: 'xor', c: int(1, MASK) });
          break;
        case 3:
          ops.push({ kind: 'shr', s: int(1, 5) });
          break;
        default:
          ops.push({ kind: 'mod', c: int(100, 60000), d: int(0, 1 << 19) });
      }
    }
    plans.push({ ops, threshold: int(1, MASK), thenMul: int(3, 1023), thenAdd: int(0, MASK), elseXor: int(1, MASK) });
  }
  return plans;
}

/** Assembly of one operation on v (r2), with r3/r4 as temporaries, the way the compiler spells it. */
function asmOp(op: Op): string[] {
  switch (op.kind) {
    case 'add':
      return [`LDI r3, ${op.c}`, 'ADD r3, r2, r3', `LDI r4, ${MASK}`, 'AND r3, r3, r4', 'MOV r2, r3'];
    case 'mul':
      return [`LDI r3, ${op.c}`, 'MUL r3, r2, r3', `LDI r4, ${op.d}`, 'ADD r3, r3, r4', `LDI r4, ${MASK}`, 'AND r3, r3, r4', 'MOV r2, r3'];
    case 'xor':
      return [`LDI r3, ${op.c}`, 'XOR r3, r2, r3', 'MOV r2, r3'];
    case 'shr':
      return [`LDI r3, ${op.s}`, 'SHR r3, r2, r3', 'ADD r3, r2, r3', `LDI r4, ${MASK}`, 'AND r3, r3, r4', 'MOV r2, r3'];
    case 'mod':
      return [`LDI r3, ${op.c}`, 'MOD r3, r2, r3', `LDI r4, ${op.d}`, 'ADD r3, r3, r4', 'MOV r2, r3'];
  }
}

function jsOp(op: Op): string {
  switch (op.kind) {
    case 'add':
      return `v = (v + ${op.c}) & ${MASK};`;
    case 'mul':
      return `v = (v * ${op.c} + ${op.d}) & ${MASK};`;
    case 'xor':
      return `v ^= ${op.c};`;
    case 'shr':
      return `v = (v + (v >> ${op.s})) & ${MASK};`;
    case 'mod':
      return `v = (v % ${op.c}) + ${op.d};`;
  }
}

function asmFunction(k: number, p: FunctionPlan, last: boolean): string[] {
  const body = ['MOV r1, r0                    ; x', 'MOV r2, r1                    ; v'];
  for (const op of p.ops) body.push(...asmOp(op));
  body.push(
    `LDI r3, ${p.threshold}`,
    'CMP r2, r3',
    `JMPLT cmp_true_${k}`,
    'LDI r3, false',
    `JMP cmp_end_${k}`,
    `cmp_true_${k}:`,
    'LDI r3, true',
    `cmp_end_${k}:`,
    'LDI r4, false',
    'CMP r3, r4',
    `JMPEQ else_${k}`,
    `LDI r3, ${p.thenMul}`,
    'MUL r3, r2, r3',
    `LDI r4, ${p.thenAdd}`,
    'ADD r3, r3, r4',
    `LDI r4, ${MASK}`,
    'AND r3, r3, r4',
    'MOV r2, r3',
    `JMP end_if_${k}`,
    `else_${k}:`,
    `LDI r3, ${p.elseXor}`,
    'XOR r3, r2, r3',
    'MOV r2, r3',
    `end_if_${k}:`,
    'LDI r5, 0                     ; j',
    'LDI r6, 3',
    `for_start_${k}:`,
    'CMP r5, r6',
    `JMPGT for_end_${k}`,
    `JMPEQ for_end_${k}`,
    'LDI r3, 5',
    'MUL r3, r2, r3',
    'ADD r3, r3, r5',
    `LDI r4, ${MASK}`,
    'AND r3, r3, r4',
    'MOV r2, r3',
    'LDI r3, 1',
    'ADD r5, r5, r3',
    `JMP for_start_${k}`,
    `for_end_${k}:`,
  );
  if (!last) {
    body.push(
      `LDI r3, ${k}`,
      'XOR r3, r2, r3',
      'PUSHARG r3',
      `CALL f${k + 1}`,
      'MOV r3, r0',
      'ADD r3, r2, r3',
      `LDI r4, ${MASK}`,
      'AND r3, r3, r4',
      'MOV r2, r3',
    );
  }
  body.push('RET r2');
  return [`.function f${k}(x: int64) -> int64`, ...body.map((line) => (line.endsWith(':') ? line : `  ${line}`)), ''];
}

function jsFunction(k: number, p: FunctionPlan, last: boolean): string[] {
  const lines = [`function f${k}(x: number): number {`, '  let v = x;'];
  for (const op of p.ops) lines.push(`  ${jsOp(op)}`);
  lines.push(
    `  if (v < ${p.threshold}) v = (v * ${p.thenMul} + ${p.thenAdd}) & ${MASK};`,
    `  else v ^= ${p.elseXor};`,
    `  for (let j = 0; j < 3; j++) v = (v * 5 + j) & ${MASK};`,
  );
  if (!last) lines.push(`  v = (v + f${k + 1}(v ^ ${k})) & ${MASK};`);
  lines.push('  return v;', '}', '');
  return lines;
}

const HEADER = (regen: string) => `Generated by bench/tools/many-functions.ts (${regen}); do not edit.`;
const REGEN = 'regenerate: npm run build && node dist/bench/tools/write-many-functions.js';

export interface GeneratedProgram {
  /** bench/programs/many_functions.stfasm */
  readonly asm: string;
  /** bench/handwritten/many_functions.ts */
  readonly ts: string;
}

export function generateManyFunctions(count = MANY_FUNCTIONS_COUNT): GeneratedProgram {
  const plans = plan(count);
  const asm = [
    `; ${HEADER(REGEN)}`,
    `; A long program of ${count} small functions (compile-time benchmark). f<k>(x) mixes masked integer`,
    '; operations into v, branches, loops three times and calls f<k+1>; main(n) sums f0(i) for i in 0..n.',
    '',
    '.function main(n: int64) -> int64',
    '  MOV r1, r0                    ; n',
    '  LDI r2, 0                     ; acc',
    '  LDI r3, 0                     ; i',
    'for_start_3:',
    '  CMP r3, r1',
    '  JMPGT for_end_3',
    '  JMPEQ for_end_3',
    '  PUSHARG r3',
    '  CALL f0',
    '  MOV r4, r0',
    '  ADD r2, r2, r4                ; acc = acc + f0(i)',
    '  LDI r4, 1',
    '  ADD r3, r3, r4',
    '  JMP for_start_3',
    'for_end_3:',
    '  RET r2',
    '',
    ...plans.flatMap((p, k) => asmFunction(k, p, k === count - 1)),
  ].join('\n');
  const ts = [
    `/* ${HEADER(REGEN)} */`,
    `/** ${count} small functions: the hand-written twin of bench/programs/many_functions.stfasm. */`,
    '',
    ...plans.flatMap((p, k) => jsFunction(k, p, k === count - 1)),
    'export default function main(n: number): number {',
    '  let acc = 0;',
    '  for (let i = 0; i < n; i++) acc += f0(i);',
    '  return acc;',
    '}',
    '',
  ].join('\n');
  return { asm, ts };
}
