/**
 * The compiler: `LoadedProgram` -> a JavaScript ES module (plus source map into a disassembly listing,
 * and `.d.ts` when the file has type metadata), or a function body for in-process loading
 * (src/compiled-engine.ts).
 *
 * Pipeline per function: lift to SSA (src/ir/lift.ts) -> optimize (src/opt/) -> emit (src/emit/).
 * The instrumented build (`hooks`) skips the IR: src/emit/instrumented.ts translates instructions directly.
 * Whole-program facts decided here:
 * - *Shadow frames* are kept only when the program can observe call-stack frames: some function declares
 *   upvalues (captured dynamically at each call), or the program calls `create_closure`, `get_upvalue` or
 *   `set_upvalue`. CALL names are literal in bytecode, so this is exact.
 * - *Closure refresh* (re-reading registers after each call, see runtime/compiled/host.ts) only when the
 *   program calls both `set_upvalue` and `call_closure` (only a frame entered through a closure propagates
 *   a replacement).
 */
import type { CompiledRunOptions } from '../runtime/compiled/run.js';
import type { Value } from '../runtime/values.js';
import type { LoadedProgram } from './bytecode/loaded.js';
import type { IrFunction } from './ir/ir.js';
import { liftFunction } from './ir/lift.js';
import { emitInstrumentedModule } from './emit/instrumented.js';
import { declarations, hasTypeMetadata } from './emit/declarations.js';
import { makeListing } from './emit/listing.js';
import { emitModule, exportName, type ModuleFormat, type ModuleOutputOptions } from './emit/module.js';
import { optimize, optimizeProgram, type OptimizeContext } from './opt/pipeline.js';
import { resolveCalls } from './opt/resolve.js';
import { inferTypes } from './opt/types.js';

export interface CompileOptions {
  /** `esm` (default): an ES module; `function`: a function body for in-process loading (see emit/module.ts). */
  readonly format?: ModuleFormat;
  /** Module specifier compiled code imports the runtime from (default `stoffel-jit/runtime`). */
  readonly runtimeImport?: string;
  /** The program file's name; the source map's source is its listing `<sourceName>.listing` (default `program.stflb`). */
  readonly sourceName?: string;
  /** The generated file's name, recorded in the source map (default `program.js`). */
  readonly outputName?: string;
  /**
   * Build the source map of an ES module (default true). Without it `map` is empty, and compiling skips the
   * listing and the mappings (which nearly double the emission time of a large module).
   */
  readonly sourceMap?: boolean;
  /**
   * Count executed instructions so runs can set `maxInstructions` (exact: the same error, at the same
   * instruction, as the interpreter). Costs a check per instruction that may throw; default false, and a
   * module compiled without it refuses `maxInstructions`.
   */
  readonly countInstructions?: boolean;
  /**
   * Keep the call depth so runs can set `maxCallDepth` (default true). Costs a check and two updates per
   * call; a module compiled without it refuses `maxCallDepth` and relies on JavaScript stack exhaustion.
   */
  readonly callDepth?: boolean;
  /** Run the optimizer (default true). */
  readonly optimize?: boolean;
  /**
   * Emit the instrumented build (src/emit/instrumented.ts): hook events and context exactly as the
   * interpreter's, instruction counting included; slower. Without it a module refuses enabled hooks, and
   * pays nothing for them. The IR pipeline (and so `optimize`, `onPass`) does not apply to it.
   */
  readonly hooks?: boolean;
  /** Called with each function's IR after lifting (`pass = 'lift'`) and after every pass. */
  readonly onPass?: (pass: string, fn: IrFunction) => void;
}

export interface CompiledProgram {
  readonly code: string;
  /** The source map (JSON); empty for the `function` format and with `sourceMap: false`. */
  readonly map: string;
  /** The module's declarations, when the program has function type metadata (format v5+). */
  readonly dts?: string;
}

export const DEFAULT_RUNTIME_IMPORT = 'stoffel-jit/runtime';

/** Calls that make call-stack frames observable. */
const FRAME_BUILTINS: ReadonlySet<string> = new Set(['create_closure', 'get_upvalue', 'set_upvalue']);

export interface ProgramFacts {
  readonly frames: boolean;
  /** Closures that never escaped may be updated in place: frames, and no spill slot could keep an old instance. */
  readonly inPlaceClosures: boolean;
  readonly refreshClosures: boolean;
}

export function programFacts(loaded: LoadedProgram): ProgramFacts {
  const called = new Set<string>();
  let upvalues = false;
  let spills = false;
  for (const fn of loaded.functions.values()) {
    if (fn.record.upvalueNames.length > 0) upvalues = true;
    for (const ins of fn.record.instructions) {
      if (ins.op === 'CALL') called.add(ins.name);
      else if (ins.op === 'STS') spills = true;
    }
  }
  const frames = upvalues || [...FRAME_BUILTINS].some((n) => called.has(n));
  return { frames, inPlaceClosures: frames && !spills, refreshClosures: called.has('set_upvalue') && called.has('call_closure') };
}

/** Lifts (and optimizes) every function; exposed for tests and tools. */
export function compileToIr(loaded: LoadedProgram, options: CompileOptions = {}): IrFunction[] {
  const facts = programFacts(loaded);
  const names = new Set(loaded.functions.keys());
  const constants = loaded.program.constants;
  const ctx: OptimizeContext = {
    onPass: options.onPass,
    countInstructions: options.countInstructions === true,
    // Calls can disappear (tail-call loops, inlining) only where no call depth, count or frame can see them.
    callsUnobserved: options.callDepth === false && options.countInstructions !== true && options.hooks !== true && !facts.frames,
  };
  const irs = [...loaded.functions.values()].map((fn) => {
    const ir = liftFunction(fn, constants, { refreshClosures: facts.refreshClosures });
    options.onPass?.('lift', ir);
    // Binding calls is semantic (program functions are called directly), not an optional optimization.
    resolveCalls(ir, names);
    options.onPass?.('resolve', ir);
    if (options.optimize !== false) optimize(ir, ctx);
    return ir;
  });
  if (options.optimize !== false) optimizeProgram(irs, ctx);
  return irs;
}

export function compileProgram(loaded: LoadedProgram, options: CompileOptions = {}): CompiledProgram {
  const format = options.format ?? 'esm';
  const sourceName = options.sourceName ?? 'program.stflb';
  const output: ModuleOutputOptions = {
    format,
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    sourceName,
    outputName: options.outputName ?? 'program.js',
    ...(format === 'esm' && options.sourceMap !== false ? { listing: makeListing(sourceName, [...loaded.functions.values()], loaded.program.constants) } : {}),
  };
  const dts = format === 'esm' ? moduleDeclarations(loaded, output.runtimeImport) : undefined;
  if (options.hooks === true) {
    const out = emitInstrumentedModule(loaded, output);
    return { code: out.code, map: out.map, ...(dts === undefined ? {} : { dts }) };
  }
  const facts = programFacts(loaded);
  const irs = compileToIr(loaded, options);
  const fns = [...loaded.functions.values()];
  const out = emitModule(
    irs.map((ir, i) => ({
      ir,
      params: fns[i]!.record.paramNames,
      upvalues: fns[i]!.record.upvalueNames,
      types: inferTypes(ir),
    })),
    {
      ...output,
      frames: facts.frames,
      inPlaceClosures: facts.inPlaceClosures,
      countInstructions: options.countInstructions === true,
      callDepth: options.callDepth !== false,
    },
  );
  return { code: out.code, map: out.map, ...(dts === undefined ? {} : { dts }) };
}

/** The `.d.ts` of the ES module, when the program has function type metadata to declare. */
function moduleDeclarations(loaded: LoadedProgram, runtimeImport: string): string | undefined {
  const fns = [...loaded.functions.values()];
  if (!hasTypeMetadata(fns.map((f) => f.record))) return undefined;
  return declarations(runtimeImport, fns.map((f, i) => ({ record: f.record, exportName: exportName(i, f.name) })));
}

/** What a loaded compiled module exports. */
export interface CompiledModuleExports {
  run(entry: string, args?: readonly Value[], options?: CompiledRunOptions): Value;
  readonly [name: string]: unknown;
}
