/**
 * IR functions -> one ES module (ESTree), printed with astring, with a source map and optional `.d.ts`.
 *
 * Module shape:
 *
 *   import * as $rt from "<runtime>";
 *   const $add = $rt.add, …;                     // aliases of the runtime ops the code uses
 *   const $k0 = new $rt.VmFloat(1.5), …;          // hoisted literals that need objects
 *   let $h = null, $m = null, $x = null, $d = 0, $dm = Infinity, $n = Infinity;   // per-run state ($bind)
 *   function $bind(s) { … }                       // installs a run's state, returns the previous one
 *   function f0_main(…) { … }                     // one per bytecode function
 *   const $M = $rt.defineModule({ functions: [...], externals: [...], frames, bind: $bind });
 *   export function run(entry, args, options) { return $rt.runModule($M, entry, args ?? [], options); }
 *   export function fn_0_main(args, options) { return run("main", args, options); }
 *
 * Identifiers are all generated (`f<i>_<name reduced to [A-Za-z0-9_], at most 32 chars>`); bytecode names
 * and strings appear only as literals. Output is deterministic: it depends only on the program.
 *
 * Source map: generated positions map to source `sourceName`, line = the function's 1-based position in
 * the program, column = the bytecode instruction index ("function:instruction").
 */
import { generate } from 'astring';
import type * as ES from 'estree';
import { SourceMapGenerator } from 'source-map';
import type { IrFunction, Lit } from '../ir/ir.js';
import { floatFromBits } from '../bytecode/constant-value.js';
import { emitFunction, type CalleeInfo, type ModuleContext } from './function.js';
import * as js from './js.js';

export interface ModuleFunction {
  readonly ir: IrFunction;
  readonly params: readonly string[];
  readonly upvalues: readonly string[];
  readonly types: Uint16Array;
}

export interface EmitModuleOptions {
  readonly runtimeImport: string;
  /** Keep shadow frames (dynamic upvalue capture observable). */
  readonly frames: boolean;
  /** Count executed instructions against the run's budget (`$n`). */
  readonly countInstructions: boolean;
  readonly sourceName: string;
  readonly outputName: string;
}

export interface EmittedModule {
  readonly code: string;
  readonly map: string;
  readonly dts: string;
  readonly ast: ES.Program;
}

/** A name reduced to identifier characters, for readable generated identifiers. */
export function identHint(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 32);
}

export function emitModule(functions: readonly ModuleFunction[], options: EmitModuleOptions): EmittedModule {
  const idents = functions.map((f, i) => `f${i}_${identHint(f.ir.name)}`);
  const byName = new Map<string, CalleeInfo>();
  functions.forEach((f, i) => {
    byName.set(f.ir.name, { index: i, ident: idents[i]!, arity: f.params.length, upvalues: f.upvalues.length });
  });
  const externals: string[] = [];
  const externalSlot = new Map<string, number>();
  const aliases = new Set<string>();
  const hoisted: ES.VariableDeclaration[] = [];
  const hoistedKeys = new Map<string, string>();

  const ctx: ModuleContext = {
    frames: options.frames,
    countInstructions: options.countInstructions,
    callee: (name) => byName.get(name)!,
    external: (name) => {
      let slot = externalSlot.get(name);
      if (slot === undefined) {
        slot = externals.length;
        externals.push(name);
        externalSlot.set(name, slot);
      }
      return slot;
    },
    alias: (name) => {
      aliases.add(name);
      return js.id(`$${name}`);
    },
    literal: (l) => literal(l, (key, make) => {
      let name = hoistedKeys.get(key);
      if (name === undefined) {
        name = `$k${hoistedKeys.size}`;
        hoistedKeys.set(key, name);
        hoisted.push(js.constDecl(name, make()));
      }
      return js.id(name);
    }),
  };

  const fnDecls = functions.map((f, i) =>
    emitFunction({ fn: f.ir, index: i, ident: idents[i]!, line: i + 1, types: f.types }, ctx),
  );

  const rt = (name: string) => js.member(js.id('$rt'), name);
  const body: (ES.Statement | ES.ModuleDeclaration)[] = [];
  body.push({
    type: 'ImportDeclaration',
    specifiers: [{ type: 'ImportNamespaceSpecifier', local: js.id('$rt') }],
    source: js.str(options.runtimeImport),
    attributes: [],
  } as ES.ImportDeclaration);
  for (const name of [...aliases].sort()) body.push(js.constDecl(`$${name}`, rt(name)));
  body.push(...hoisted);
  body.push({
    type: 'VariableDeclaration',
    kind: 'let',
    declarations: [
      ['$h', js.lit(null)],
      ['$m', js.lit(null)],
      ['$x', js.lit(null)],
      ['$d', js.num(0)],
      ['$dm', js.id('Infinity')],
      ['$n', js.id('Infinity')],
    ].map(([n, init]) => ({ type: 'VariableDeclarator', id: js.id(n as string), init: init as ES.Expression })),
  });
  // function $bind(s) { const p = [$h, $x, $d, $dm]; $h = s[0]; $m = $h === null ? null : $h.mpc; … return p; }
  const s = (k: number) => js.index(js.id('s'), js.num(k));
  body.push(
    js.fnDecl('$bind', ['s'], [
      js.constDecl('p', js.array([js.id('$h'), js.id('$x'), js.id('$d'), js.id('$dm'), js.id('$n')])),
      js.expr(js.assign(js.id('$h'), s(0))),
      js.expr(js.assign(js.id('$m'), js.cond(js.bin('===', js.id('$h'), js.lit(null)), js.lit(null), js.member(js.id('$h'), 'mpc')))),
      js.expr(js.assign(js.id('$x'), s(1))),
      js.expr(js.assign(js.id('$d'), s(2))),
      js.expr(js.assign(js.id('$dm'), s(3))),
      js.expr(js.assign(js.id('$n'), s(4))),
      js.ret(js.id('p')),
    ]),
  );
  body.push(...fnDecls);
  const specs = functions.map((f, i) =>
    js.object([
      ['name', js.str(f.ir.name)],
      ['fn', js.id(idents[i]!)],
      ['params', js.array(f.params.map(js.str))],
      ['upvalues', js.array(f.upvalues.map(js.str))],
    ]),
  );
  body.push(
    js.constDecl(
      '$M',
      js.call(rt('defineModule'), [
        js.object([
          ['functions', js.array(specs)],
          ['externals', js.array(externals.map(js.str))],
          ['frames', js.bool(options.frames)],
          ['counting', js.bool(options.countInstructions)],
          ['bind', js.id('$bind')],
        ]),
      ]),
    ),
  );
  const runCall = (entry: ES.Expression) =>
    js.ret(js.call(rt('runModule'), [js.id('$M'), entry, js.logical('??', js.id('args'), js.array([])), js.id('options')]));
  body.push(exportFn(js.fnDecl('run', ['entry', 'args', 'options'], [runCall(js.id('entry'))])));
  const exportNames = functions.map((f, i) => `fn_${i}_${identHint(f.ir.name)}`);
  functions.forEach((f, i) => body.push(exportFn(js.fnDecl(exportNames[i]!, ['args', 'options'], [runCall(js.str(f.ir.name))]))));

  const ast: ES.Program = { type: 'Program', sourceType: 'module', body };
  const generator = new SourceMapGenerator({ file: options.sourceName });
  const code = generate(ast, { sourceMap: generator });
  const mapJson = generator.toJSON();
  mapJson.file = options.outputName;
  const map = JSON.stringify(mapJson);
  return { code, map, dts: declarations(options.runtimeImport, exportNames), ast };
}

function exportFn(decl: ES.FunctionDeclaration): ES.ExportNamedDeclaration {
  return { type: 'ExportNamedDeclaration', declaration: decl, specifiers: [], source: null, attributes: [] } as ES.ExportNamedDeclaration;
}

/** The expression for a literal; values that need an object are hoisted once per distinct literal. */
function literal(l: Lit, hoist: (key: string, make: () => ES.Expression) => ES.Expression): ES.Expression {
  const rt = (name: string) => js.member(js.id('$rt'), name);
  switch (l.kind) {
    case 'unit':
      return js.undef();
    case 'i64':
      return l.value >= -9007199254740991n && l.value <= 9007199254740991n ? js.num(Number(l.value)) : js.big(l.value);
    case 'flag':
      return js.num(l.value);
    case 'bool':
      return js.bool(l.value);
    case 'string':
      return js.str(l.value);
    case 'float':
      return hoist(`f${l.bits}`, () => ({ type: 'NewExpression', callee: rt('VmFloat'), arguments: [js.num(floatFromBits(l.bits))] }));
    case 'int':
      return hoist(`${l.int}:${l.value}`, () => ({
        type: 'NewExpression',
        callee: rt('VmInt'),
        arguments: [js.str(l.int), l.int === 'u64' ? js.big(l.value) : js.num(Number(l.value))],
      }));
  }
}

function declarations(runtimeImport: string, exportNames: readonly string[]): string {
  const lines = [
    '// Generated by stoffel-jit.',
    `import type { CompiledRunOptions, Value } from ${JSON.stringify(runtimeImport)};`,
    '/** Runs the bytecode function named `entry` with `args` (VM values); returns its result or throws a VmError. */',
    'export declare function run(entry: string, args?: readonly Value[], options?: CompiledRunOptions): Value;',
  ];
  exportNames.forEach((name, i) => {
    lines.push(`/** Runs the program's function number ${i} (see \`run\`). */`);
    lines.push(`export declare function ${name}(args?: readonly Value[], options?: CompiledRunOptions): Value;`);
  });
  return lines.join('\n') + '\n';
}
