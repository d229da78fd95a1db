/**
 * IR functions -> one ES module (ESTree), printed with astring, with a source map.
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
 * Source map: statements carry positions (line = the function's 1-based position in the module, column =
 * the bytecode instruction index), which the map turns into lines of a disassembly listing (listing.ts,
 * embedded as the source `<sourceName>.listing`), each mapping named `function:instruction`.
 */
import { generate } from 'astring';
import type * as ES from 'estree';
import type { IrFunction, Lit } from '../ir/ir.js';
import { floatFromBits } from '../bytecode/constant-value.js';
import { snapshotsNeeded } from './captures.js';
import { planFloatEntries } from './floats.js';
import { emitFunction, type CalleeInfo, type ModuleContext } from './function.js';
import * as js from './js.js';
import type { Listing } from './listing.js';
import { SourceMapWriter } from './sourcemap.js';

export interface ModuleFunction {
  readonly ir: IrFunction;
  readonly params: readonly string[];
  readonly upvalues: readonly string[];
  readonly types: Uint16Array;
}

/**
 * `esm`: an ES module importing the runtime from `runtimeImport`, exporting `run` and one function per
 * bytecode function. `function`: the body of a function of one parameter, `$rt` (the runtime namespace),
 * returning the linked module — for loading in-process and synchronously (`new Function`).
 */
export type ModuleFormat = 'esm' | 'function';

/** How a module is packaged, whatever its functions are. */
export interface ModuleOutputOptions {
  readonly format?: ModuleFormat;
  readonly runtimeImport: string;
  /** The program file's name; the source map's source is its listing, `<sourceName>.listing`. */
  readonly sourceName: string;
  readonly outputName: string;
  /** The listing source-map positions point into: an `esm` module gets a source map when it is given. */
  readonly listing?: Listing;
}

export interface EmitModuleOptions extends ModuleOutputOptions {
  /** Keep shadow frames (dynamic upvalue capture observable). */
  readonly frames: boolean;
  /** Update closures that never escaped in place (`ModuleSpec.inPlaceClosures`); needs `frames`. */
  readonly inPlaceClosures: boolean;
  /** Count executed instructions against the run's budget (`$n`). */
  readonly countInstructions: boolean;
  /** Keep the call depth against the run's limit (`$d`, `$dm`). */
  readonly callDepth: boolean;
}

export interface EmittedModule {
  readonly code: string;
  /** The source map (JSON); empty for the `function` format and without a listing. */
  readonly map: string;
}

/** A name reduced to identifier characters, for readable generated identifiers. */
export function identHint(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 32);
}

/** The ES-module export that runs function number `index` (named `name`). */
export function exportName(index: number, name: string): string {
  return `fn_${index}_${identHint(name)}`;
}

export function emitModule(functions: readonly ModuleFunction[], options: EmitModuleOptions): EmittedModule {
  const builder = new ModuleBuilder(functions.map((f) => f.ir.name));
  const byName = new Map<string, CalleeInfo>();
  // Float entries (floats.ts) are plain JS functions: not with shadow frames, which take `$u, $cl`.
  const floatEntries = options.frames ? [] : planFloatEntries(functions.map((f, i) => ({ ...f, ident: builder.idents[i]! })));
  functions.forEach((f, i) => {
    const floatEntry = floatEntries[i];
    byName.set(f.ir.name, {
      index: i,
      ident: builder.idents[i]!,
      arity: f.params.length,
      upvalues: f.upvalues.length,
      ...(floatEntry ? { floatEntry } : {}),
    });
  });
  const externals: string[] = [];
  const externalSlot = new Map<string, number>();
  const ctx: ModuleContext = {
    frames: options.frames,
    inPlaceClosures: options.inPlaceClosures,
    snapshots: options.frames ? snapshotsNeeded(functions) : [],
    countInstructions: options.countInstructions,
    callDepth: options.callDepth,
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
    alias: (name) => builder.alias(name),
    literal: (l) => builder.literal(l),
  };
  // Each function is printed as soon as it is built, so its syntax tree dies young (cheap to collect).
  const mapped = options.format !== 'function' && options.listing !== undefined;
  functions.forEach((f, i) => {
    for (const decl of emitFunction({ fn: f.ir, index: i, ident: builder.idents[i]!, line: i + 1, types: f.types }, ctx)) {
      builder.addFunction(decl, mapped);
    }
  });
  return builder.finish(
    [],
    functions.map((f) => ({ name: f.ir.name, params: f.params, upvalues: f.upvalues })),
    [
      ['externals', js.array(externals.map(js.str))],
      ['frames', js.bool(options.frames)],
      ...(options.inPlaceClosures ? [['inPlaceClosures', js.bool(true)] as [string, ES.Expression]] : []),
      ['counting', js.bool(options.countInstructions)],
      ['depthLimit', js.bool(options.callDepth)],
    ],
    options,
  );
}

/** What the module records about a function besides its code. */
export interface FunctionHeader {
  readonly name: string;
  readonly params: readonly string[];
  readonly upvalues: readonly string[];
}

/**
 * The module around the generated functions, shared by the optimizing emitter and the instrumented one
 * (instrumented.ts): runtime aliases and hoisted literals the functions ask for, the per-run state and
 * `$bind`, the `defineModule` call and the exports.
 */
export class ModuleBuilder {
  /** The generated function identifiers, by function index. */
  readonly idents: readonly string[];
  private readonly aliases = new Set<string>();
  private readonly hoisted: ES.VariableDeclaration[] = [];
  private readonly hoistedKeys = new Map<string, string>();
  /** The functions printed so far, in module order. */
  private readonly printed: Printed[] = [];

  constructor(names: readonly string[]) {
    this.idents = names.map((name, i) => `f${i}_${identHint(name)}`);
  }

  /** The module-level alias of a runtime export (`add` -> `$add`). */
  alias(name: string): ES.Identifier {
    this.aliases.add(name);
    return js.id(`$${name}`);
  }

  /** A literal as an expression; values that need an object are hoisted once per distinct literal. */
  literal(l: Lit): ES.Expression {
    return literal(l, (key, make) => {
      let name = this.hoistedKeys.get(key);
      if (name === undefined) {
        name = `$k${this.hoistedKeys.size}`;
        this.hoistedKeys.set(key, name);
        this.hoisted.push(js.constDecl(name, make()));
      }
      return js.id(name);
    });
  }

  /** Prints a function of the module (they follow the header in the order added); `mapped`: keep its mappings. */
  addFunction(decl: ES.FunctionDeclaration, mapped: boolean): void {
    this.printed.push(printStatement(decl, mapped));
  }

  /**
   * The whole module; `specProps` are the `defineModule` properties beyond `functions` and `bind`.
   * `fnDecls` are added after the functions added before (`addFunction`).
   */
  finish(
    fnDecls: readonly ES.FunctionDeclaration[],
    functions: readonly FunctionHeader[],
    specProps: readonly [string, ES.Expression][],
    options: ModuleOutputOptions,
  ): EmittedModule {
    const rt = (name: string) => js.member(js.id('$rt'), name);
    const esm = options.format !== 'function';
    const body: (ES.Statement | ES.ModuleDeclaration)[] = [];
    if (esm) {
      body.push({
        type: 'ImportDeclaration',
        specifiers: [{ type: 'ImportNamespaceSpecifier', local: js.id('$rt') }],
        source: js.str(options.runtimeImport),
        attributes: [],
      } as ES.ImportDeclaration);
    }
    for (const name of [...this.aliases].sort()) body.push(js.constDecl(`$${name}`, rt(name)));
    body.push(...this.hoisted);
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
    // function $bind(s) { const p = [$h, $x, $d, $dm, $n]; $h = s[0]; $m = $h === null ? null : $h.mpc; … return p; }
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
    const header = body.length;
    const mapped = esm && options.listing !== undefined;
    for (const decl of fnDecls) this.addFunction(decl, mapped);
    const specs = functions.map((f, i) =>
      js.object([
        ['name', js.str(f.name)],
        ['fn', js.id(this.idents[i]!)],
        ['params', js.array(f.params.map(js.str))],
        ['upvalues', js.array(f.upvalues.map(js.str))],
      ]),
    );
    body.push(
      js.constDecl(
        '$M',
        js.call(rt('defineModule'), [js.object([['functions', js.array(specs)], ...specProps, ['bind', js.id('$bind')]])]),
      ),
    );
    const exportNames = functions.map((f, i) => exportName(i, f.name));
    if (esm) {
      const runCall = (entry: ES.Expression) =>
        js.ret(js.call(rt('runModule'), [js.id('$M'), entry, js.logical('??', js.id('args'), js.array([])), js.id('options')]));
      body.push(exportFn(js.fnDecl('run', ['entry', 'args', 'options'], [runCall(js.id('entry'))])));
      functions.forEach((f, i) => body.push(exportFn(js.fnDecl(exportNames[i]!, ['args', 'options'], [runCall(js.str(f.name))]))));
    } else {
      body.push(js.ret(js.id('$M')));
    }

    // astring prints a program as its statements, each followed by a line end: printing them one at a time
    // gives the same text.
    const chunks = [
      ...body.slice(0, header).map((st) => printStatement(st, mapped)),
      ...this.printed,
      ...body.slice(header).map((st) => printStatement(st, mapped)),
    ];
    const code = chunks.map((c) => `${c.code}\n`).join('');
    const { listing } = options;
    if (!mapped || !listing) return { code, map: '' };
    const map = new SourceMapWriter(options.outputName, `${options.sourceName}.listing`, listing.text);
    // Positions are built as (function index + 1, instruction); the map points into the listing instead.
    let line = 1;
    for (const chunk of chunks) {
      const m = chunk.mappings;
      for (let k = 0; k < m.length; k += 4) {
        const fn = m[k + 2]! - 1;
        const instruction = m[k + 3]!;
        map.add(line + m[k]! - 1, m[k + 1]!, listing.line(fn, instruction), 0, listing.position(fn, instruction));
      }
      line++;
      for (let k = chunk.code.indexOf('\n'); k >= 0; k = chunk.code.indexOf('\n', k + 1)) line++;
    }
    return { code, map: map.toString() };
  }
}

/**
 * The same string, stored flat: astring appends piece by piece, which V8 keeps as a tree of concatenations
 * (several times the text's size) until the string is read; reading a character flattens it, so the pieces
 * die young instead of being copied into the old generation with the module's text.
 */
function flatten(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * A top-level statement printed alone: its text and, when mapped, its positions as flat quadruples
 * (line within the text, column, function index + 1, instruction).
 */
interface Printed {
  readonly code: string;
  readonly mappings: readonly number[];
}

function printStatement(node: ES.Node, mapped: boolean): Printed {
  if (!mapped) return { code: flatten(generate(node)), mappings: [] };
  const mappings: number[] = [];
  const code = generate(node, {
    sourceMap: {
      addMapping: ({ original, generated }) => void mappings.push(generated.line, generated.column, original.line, original.column),
    },
  });
  return { code: flatten(code), mappings };
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
