/**
 * Property tables: the non-geometry columns of a file, as an apache-arrow
 * Table row-aligned with the GeometryArray. Helpers to build one from
 * GeoJSON-style property objects, to take rows, and to read rows back.
 */
import * as arrow from 'apache-arrow';

import { GeovecError } from '../errors.js';

/** An empty table with `n` rows and no columns. */
export function emptyTable(n: number): arrow.Table {
  const schema = new arrow.Schema([]);
  const data = arrow.makeData({ type: new arrow.Struct([]), length: n, nullCount: 0, children: [] });
  return new arrow.Table(schema, new arrow.RecordBatch(schema, data));
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'json' | 'null';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : 'float';
  if (typeof v === 'bigint') return 'float';
  if (typeof v === 'string') return 'string';
  return 'json';
}

function merge(a: Kind, b: Kind): Kind {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  if ((a === 'int' && b === 'float') || (a === 'float' && b === 'int')) return 'float';
  if (a === 'json' || b === 'json') return 'json';
  return 'string';
}

/**
 * One Arrow column per property key (first-seen order), typed from the
 * values: booleans, Int32 integers, Float64 numbers, Utf8 strings; nested
 * values and mixed kinds as JSON text (strings quoted, so the text always parses back); missing keys are nulls. `ids`, when
 * given and not all undefined, becomes a column named by `idColumn`.
 */
export function propertiesToTable(
  properties: readonly (Record<string, unknown> | null | undefined)[],
  ids?: readonly (string | number | undefined)[],
  idColumn = 'id',
): arrow.Table {
  const n = properties.length;
  const kinds = new Map<string, Kind>();
  for (const p of properties) {
    if (!p) continue;
    for (const k in p) kinds.set(k, merge(kinds.get(k) ?? 'null', kindOf(p[k])));
  }
  const cols: Record<string, arrow.Vector> = {};
  if (ids && ids.some((v) => v !== undefined)) {
    const kind = ids.reduce<Kind>((k, v) => merge(k, kindOf(v)), 'null');
    cols[idColumn] = column(Array.from(ids, (v) => v ?? null), kind);
  }
  for (const [key, kind] of kinds) {
    if (key in cols) continue;
    cols[key] = column(Array.from(properties, (p) => (p ? p[key] ?? null : null)), kind);
  }
  if (Object.keys(cols).length === 0) return emptyTable(n);
  return new arrow.Table(cols);
}

function column(values: unknown[], kind: Kind): arrow.Vector {
  switch (kind) {
    case 'bool':
      return arrow.vectorFromArray(values as (boolean | null)[], new arrow.Bool());
    case 'int':
      return arrow.vectorFromArray(values as (number | null)[], new arrow.Int32());
    case 'float':
      return arrow.vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new arrow.Float64());
    case 'string':
      return arrow.vectorFromArray(values.map((v) => (v === null ? null : String(v))), new arrow.Utf8());
    case 'json':
      return arrow.vectorFromArray(values.map((v) => (v === null ? null : JSON.stringify(v))), new arrow.Utf8());
    default:
      return arrow.vectorFromArray(values.map(() => null), new arrow.Utf8());
  }
}

/** A plain JS value of one cell (BigInt as number when safe, nested Arrow rows as objects). */
export function cellValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (v && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
  return v;
}

/** Row i of the table as a plain object (null cells kept as null). */
export function rowObject(t: arrow.Table, i: number, skip?: string): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of t.schema.fields) {
    if (f.name === skip) continue;
    o[f.name] = cellValue(t.getChild(f.name)!.get(i));
  }
  return o;
}

/** The rows `idx` of the table, in that order (a copy); a negative index gives a row of nulls. */
export function takeRows(t: arrow.Table, idx: ArrayLike<number>): arrow.Table {
  const n = idx.length;
  if (t.schema.fields.length === 0) return emptyTable(n);
  const cols: Record<string, arrow.Vector> = {};
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name)!;
    const out = new Array<unknown>(n);
    for (let k = 0; k < n; k++) out[k] = idx[k]! < 0 ? null : v.get(idx[k]!);
    cols[f.name] = arrow.vectorFromArray(out, f.type as arrow.DataType);
  }
  const table = new arrow.Table(cols);
  return new arrow.Table(new arrow.Schema(table.schema.fields, t.schema.metadata), table.batches);
}

/** Tables with the same columns, one after the other. */
export function concatTables(tables: arrow.Table[], rows: number): arrow.Table {
  const withCols = tables.filter((t) => t.schema.fields.length > 0);
  if (withCols.length === 0) return emptyTable(rows);
  if (withCols.length !== tables.length) throw new GeovecError('geovec: batches have different columns');
  return withCols.length === 1 ? withCols[0]! : withCols[0]!.concat(...withCols.slice(1));
}
