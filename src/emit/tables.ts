/**
 * Inline table access at a call site of a hot table builtin (non-hooked builds only).
 *
 * The runtime fast paths (runtime/compiled/fast.ts) are shared functions, so V8 keeps one inline cache for
 * all their call sites, which the many shapes of a program's objects make megamorphic. Emitting the common
 * case at the call site gives each site its own cache: a constant string key becomes a property load on
 * the object's `entries.props` record (monomorphic when objects are built in the same key order), an
 * array index a bounds-checked element load. Whatever the inline test does not prove exact (another target
 * kind, a missing element, a hole, a new key, a negative or bigint index, the length limit) goes to the
 * site's existing fast-path call, which handles or delegates it, so values and errors are unchanged.
 */
import type * as ES from 'estree';
import type { Lit } from '../ir/ir.js';
import { T, within, type TypeSet } from '../opt/types.js';
import { MAX_ARRAY_LENGTH } from '../../runtime/tables.js';
import * as js from './js.js';

/** What the emitter knows about one argument of the call. */
export interface SiteArg {
  readonly expr: ES.Expression;
  readonly type: TypeSet;
  /** The constant it holds, when it is one. */
  readonly lit: Lit | undefined;
}

export interface TableSite {
  readonly name: string;
  readonly args: readonly SiteArg[];
  /** The call of the builtin's runtime fast path: the inline code's fallback. */
  readonly fallback: ES.Expression;
  /** A function-local scratch variable (only used within this expression); declares it on first use. */
  temp(): ES.Identifier;
  /** The module-level alias of a runtime export. */
  alias(name: string): ES.Identifier;
}

/** The inline expression for a table builtin call, or the fallback itself when nothing can be inlined. */
export function inlineTableCall(site: TableSite): ES.Expression {
  const [a, b, c] = site.args;
  // A target that can be no table (e.g. a string) never takes an inline path.
  if (a === undefined || !(a.type & T.TABLE)) return site.fallback;
  switch (site.name) {
    case 'get_field':
      return stringKey(b!) !== undefined ? objectGet(site, a, stringKey(b!)!) : arrayGet(site, a, b!);
    case 'set_field':
      return stringKey(b!) !== undefined ? objectSet(site, a, stringKey(b!)!, c!) : arraySet(site, a, b!, c!);
    case 'len':
    case 'array_length':
      return js.cond(isArray(site, a), js.member(js.member(a.expr, 'items'), 'length'), site.fallback);
    case 'array_push':
      return push(site, a, b!, false);
    case 'append':
      return push(site, a, b!, true);
  }
  return site.fallback;
}

function stringKey(k: SiteArg): string | undefined {
  return k.lit?.kind === 'string' ? k.lit.value : undefined;
}

/** Kinds held as JS primitives (every other value is an object). */
const PRIMITIVE = T.INT | T.BIG | T.BOOL | T.STR | T.UNIT | T.FLAG;

/**
 * `t` is an instance of the runtime class `cls` (exactly, not a subclass: none exists, and a miss only
 * means the fallback). Tested through `constructor` rather than `instanceof`, which V8 does not fold for a
 * module-level binding and which costs more than the access it guards; `typeof` first keeps Unit out and
 * the `constructor` load on object maps (skipped when the type says every possible value is an object).
 */
function isInstance(site: TableSite, t: SiteArg, cls: 'VmArray' | 'VmObject'): ES.Expression {
  const sameClass = js.bin('===', js.member(t.expr, 'constructor'), site.alias(cls));
  if (t.type !== 0 && (t.type & PRIMITIVE) === 0) return sameClass;
  return js.chain('&&', [js.typeofIs(t.expr, 'object'), sameClass]);
}

const isArray = (site: TableSite, t: SiteArg) => isInstance(site, t, 'VmArray');
const isObject = (site: TableSite, t: SiteArg) => isInstance(site, t, 'VmObject');

/** `t.entries.props[key]` assigned to the scratch variable. */
const loadEntry = (site: TableSite, t: SiteArg, key: string) =>
  js.assign(site.temp(), js.index(js.member(js.member(t.expr, 'entries'), 'props'), js.str(key)));

const sequence = (expressions: ES.Expression[]): ES.SequenceExpression => ({ type: 'SequenceExpression', expressions });

/** An object's field under a constant string key: the entry's value, or Unit when there is none. */
function objectGet(site: TableSite, t: SiteArg, key: string): ES.Expression {
  const found = js.cond(js.bin('!==', loadEntry(site, t, key), js.undef()), js.member(site.temp(), 'value'), js.undef());
  return js.cond(isObject(site, t), found, site.fallback);
}

/** Replacing an object's existing field (a new key goes to the fallback, which inserts it). */
function objectSet(site: TableSite, t: SiteArg, key: string, v: SiteArg): ES.Expression {
  const test = js.chain('&&', [isObject(site, t), js.bin('!==', loadEntry(site, t, key), js.undef())]);
  return js.cond(test, sequence([js.assign(js.member(site.temp(), 'value'), v.expr), js.undef()]), site.fallback);
}

/** `typeof k === "number" && k >= 0` (no type test when the type proves it); null if k is never one. */
function indexTests(k: SiteArg): ES.Expression[] | null {
  if (!(k.type & T.INT) || (k.lit?.kind === 'i64' && k.lit.value < 0n)) return null;
  const nonNegative = js.bin('>=', k.expr, js.num(0));
  return within(k.type, T.INT) ? [nonNegative] : [js.typeofIs(k.expr, 'number'), nonNegative];
}

/**
 * An element is not `HOLE`. The only symbol an `items` array can hold is `HOLE` (values are never
 * symbols), and V8 lowers a `typeof` test to a map check, whereas `!== $HOLE` (a module binding V8 does
 * not treat as a constant) compiles to a generic equality call once a site has seen numbers and objects.
 */
const notHole = (element: ES.Expression) => js.typeofIsNot(element, 'symbol');

/** The element at a non-negative I64 index below the length that is not a hole (Unit included). */
function arrayGet(site: TableSite, t: SiteArg, k: SiteArg): ES.Expression {
  const stored = storedElementTest(site, t, k, true);
  return stored === null ? site.fallback : js.cond(stored.test, stored.e, site.fallback);
}

/** Overwriting an element below the length that is not a hole (no dense/sparse bookkeeping needed). */
function arraySet(site: TableSite, t: SiteArg, k: SiteArg, v: SiteArg): ES.Expression {
  const stored = storedElementTest(site, t, k, false);
  if (stored === null) return site.fallback;
  return js.cond(stored.test, sequence([js.assign(js.index(stored.e, k.expr), v.expr), js.undef()]), site.fallback);
}

/**
 * `t` is an array with a stored (non-hole) element at index `k`, leaving `t.items` in the temporary `e`
 * — or, with `read`, the element itself. Null when `k` cannot be a valid index.
 */
function storedElementTest(site: TableSite, t: SiteArg, k: SiteArg, read: boolean): { test: ES.Expression; e: ES.Identifier } | null {
  const tests = indexTests(k);
  if (tests === null) return null;
  const e = site.temp();
  const element = js.index(e, k.expr);
  const test = js.chain('&&', [
    isArray(site, t),
    ...tests,
    js.bin('<', k.expr, js.member(js.assign(e, js.member(t.expr, 'items')), 'length')),
    notHole(read ? js.assign(e, element) : element),
  ]);
  return { test, e };
}

/** `array_push` (the new length) / `append` (Unit) of one value below the length limit. */
function push(site: TableSite, t: SiteArg, v: SiteArg, unit: boolean): ES.Expression {
  const e = site.temp();
  const test = js.chain('&&', [
    isArray(site, t),
    js.bin('<', js.member(js.assign(e, js.member(t.expr, 'items')), 'length'), js.num(MAX_ARRAY_LENGTH)),
  ]);
  const pushed = js.call(js.member(e, 'push'), [v.expr]);
  return js.cond(test, unit ? sequence([pushed, js.undef()]) : pushed, site.fallback);
}
