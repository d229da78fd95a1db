/**
 * VM values across threads: the structured-clone algorithm keeps numbers, bigints, strings and booleans
 * but not the value classes, so values travel as plain trees. Tables keep their ids, sharing and cycles;
 * a share travels as its type and payload key (a party's share means nothing outside its own engine, so
 * it arrives as an opaque share that only prints and compares).
 */
import {
  HOLE, Share, VmArray, VmClosure, VmFloat, VmForeign, VmInt, VmObject, type IntKind, type ShareType, type TableEntry,
  type TableKey, type Value,
} from '../../../runtime/values.js';
import { tableKey } from '../../../runtime/tables.js';

export type WireValue =
  | { readonly t: 'plain'; readonly v: undefined | boolean | number | bigint | string }
  | { readonly t: 'int'; readonly kind: IntKind; readonly v: number | bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'ref'; readonly table: number }
  | { readonly t: 'closure'; readonly fn: string; readonly upvalues: readonly [string, WireValue][] }
  | { readonly t: 'foreign'; readonly id: number }
  | { readonly t: 'share'; readonly type: ShareType; readonly key: string };

type WireTable =
  | { readonly t: 'object'; readonly id: number; readonly entries: readonly [WireValue, WireValue][] }
  | {
      readonly t: 'array';
      readonly id: number;
      /** null marks a hole. */
      readonly items: readonly (WireValue | null)[];
      readonly extra: readonly [WireValue, WireValue][];
    };

/** A value and the tables it reaches (referenced by position). */
export interface WireGraph {
  readonly root: WireValue;
  readonly tables: readonly WireTable[];
}

export function toWire(value: Value): WireGraph {
  const index = new Map<VmObject | VmArray, number>();
  const tables: WireTable[] = [];
  const visit = (v: Value): WireValue => {
    if (v === undefined || typeof v !== 'object') return { t: 'plain', v };
    if (v instanceof VmInt) return { t: 'int', kind: v.kind, v: v.v };
    if (v instanceof VmFloat) return { t: 'float', v: v.v };
    if (v instanceof VmClosure) return { t: 'closure', fn: v.fn, upvalues: v.upvalues.map(([n, u]) => [n, visit(u)]) };
    if (v instanceof VmForeign) return { t: 'foreign', id: v.id };
    if (v instanceof Share) return { t: 'share', type: v.type, key: v.payload.key() };
    const known = index.get(v);
    if (known !== undefined) return { t: 'ref', table: known };
    const at = tables.length;
    index.set(v, at);
    tables.push({ t: 'object', id: v.id, entries: [] });
    const entries = (m: Map<TableKey, TableEntry>): [WireValue, WireValue][] =>
      [...m.values()].map((e) => [visit(e.key), visit(e.value)]);
    tables[at] = v instanceof VmObject
      ? { t: 'object', id: v.id, entries: entries(v.entries) }
      : { t: 'array', id: v.id, items: v.items.map((item) => (item === HOLE ? null : visit(item))), extra: entries(v.extra) };
    return { t: 'ref', table: at };
  };
  const root = visit(value);
  return { root, tables };
}

export function fromWire(graph: WireGraph): Value {
  const built: (VmObject | VmArray)[] = graph.tables.map((t) => (t.t === 'object' ? new VmObject(t.id) : new VmArray(t.id)));
  const build = (w: WireValue): Value => {
    switch (w.t) {
      case 'plain':
        return w.v;
      case 'int':
        return new VmInt(w.kind, w.v);
      case 'float':
        return new VmFloat(w.v);
      case 'closure':
        return new VmClosure(w.fn, w.upvalues.map(([n, u]) => [n, build(u)]));
      case 'foreign':
        return new VmForeign(w.id);
      case 'share':
        return new Share(w.type, new OpaquePayload(w.key));
      case 'ref':
        return built[w.table]!;
    }
  };
  graph.tables.forEach((t, i) => {
    const target = built[i]!;
    const fill = (map: Map<TableKey, TableEntry>, entries: readonly [WireValue, WireValue][]): void => {
      for (const [k, v] of entries) {
        const key = build(k);
        map.set(tableKey(key), { key, value: build(v) });
      }
    };
    if (t.t === 'object') fill((target as VmObject).entries, t.entries);
    else {
      const arr = target as VmArray;
      for (const item of t.items) arr.items.push(item === null ? HOLE : build(item));
      fill(arr.extra, t.extra);
    }
  });
  return build(graph.root);
}

/** A share that came from another thread: comparable by its key, usable by no engine. */
class OpaquePayload {
  constructor(private readonly k: string) {}
  key(): string {
    return this.k;
  }
}
