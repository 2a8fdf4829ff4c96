/**
 * Apache Arrow interop with GeoArrow metadata.
 *
 * Writing is lossless by default: a homogeneous GeometryArray keeps its
 * native encoding (geoarrow.point ... geoarrow.multipolygon,
 * geoarrow.geometrycollection), and a mixed one (types or dimensions)
 * becomes geoarrow.geometry, a dense union of the native encodings with the
 * GeoArrow type ids (1..7 XY, 11..17 Z, 21..27 M, 31..37 ZM). Only nested
 * collections, which GeoArrow's native encodings cannot hold, go through
 * geoarrow.wkb. `promote: true` writes Polygon + MultiPolygon (and so on) as
 * the multi encoding instead.
 *
 * A homogeneous GeometryArray *is* its GeoArrow buffers (see
 * src/core/geovec.h), so both directions share memory where the layouts
 * match: fromArrow reads the Arrow buffers in place in the native backend,
 * and toArrow wraps the core's buffers in Arrow Data without copying where
 * no offset level needs composing.
 *
 * Arrow objects are recognised by their structure (type ids, buffers,
 * children), never with `instanceof`, so tables, record batches, vectors and
 * data made by another copy or another major version of apache-arrow (the
 * CommonJS build, a second node_modules, versions 17 to 21) read the same.
 */
import {
  Binary,
  Bool,
  Data,
  DenseUnion,
  Field,
  FixedSizeList,
  Float64,
  LargeBinary,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';

import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { geometryArrayArg } from './check.js';
import { fromWKB, fromWKT, toWKT, type FeatureTable } from './io.js';
import { writeWKBPacked } from './write.js';

export type GeoArrowEncoding =
  | 'geoarrow.point'
  | 'geoarrow.linestring'
  | 'geoarrow.polygon'
  | 'geoarrow.multipoint'
  | 'geoarrow.multilinestring'
  | 'geoarrow.multipolygon'
  | 'geoarrow.geometrycollection'
  | 'geoarrow.geometry'
  | 'geoarrow.box'
  | 'geoarrow.wkb'
  | 'geoarrow.wkt';

/** The native encodings by geometry type code (1..7). */
const NATIVE_NAMES: readonly GeoArrowEncoding[] = [
  'geoarrow.point',
  'geoarrow.linestring',
  'geoarrow.polygon',
  'geoarrow.multipoint',
  'geoarrow.multilinestring',
  'geoarrow.multipolygon',
  'geoarrow.geometrycollection',
];
const TYPE_NAMES = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'];
/** List nesting of each native encoding above the coordinates. */
const DEPTH = [0, 0, 1, 2, 1, 2, 3];
const HAS_Z = 0x10;
const HAS_M = 0x20;
/** Dimension flags by GeoArrow type-id decade (0 XY, 1 XYZ, 2 XYM, 3 XYZM), and back. */
const DECADE_DIMS = [0, HAS_Z, HAS_M, HAS_Z | HAS_M];
const decadeOf = (dims: number) => (dims & HAS_Z ? 1 : 0) + (dims & HAS_M ? 2 : 0);
const DIM_NAMES = ['xy', 'xyz', 'xym', 'xyzm'];
const EXT_NAME = 'ARROW:extension:name';
const EXT_META = 'ARROW:extension:metadata';
/** Field metadata geovec writes on property columns (other readers ignore it). */
const ROLE = 'geovec:role';
const ENCODING = 'geovec:encoding';
const NULLS = 'geovec:null';
const NULL_PROPERTIES = 'geovec:null-properties';

/** Arrow type ids (the Arrow format's, the same in every apache-arrow version). */
const T = {
  Int: 2,
  Float: 3,
  Binary: 4,
  Utf8: 5,
  Bool: 6,
  List: 12,
  Struct: 13,
  Union: 14,
  FixedSizeList: 16,
  LargeBinary: 19,
  LargeUtf8: 20,
  Dictionary: -1,
} as const;

// ---- Arrow objects by structure --------------------------------------------------

/** What geovec reads of an Arrow field. */
export interface ArrowFieldLike {
  name: string;
  type: ArrowTypeLike;
  metadata?: { get(key: string): string | undefined } | null;
}
/** What geovec reads of an Arrow type. */
export interface ArrowTypeLike {
  typeId: number;
  children?: ArrowFieldLike[] | null;
  listSize?: number;
  typeIds?: ArrayLike<number> | null;
  mode?: number;
}
/** What geovec reads of an Arrow Data (one chunk of a column). */
export interface ArrowDataLike {
  type: ArrowTypeLike;
  length: number;
  offset: number;
  nullCount: number;
  /** Validity bitmap (Uint8Array), offsets (Int32Array / BigInt64Array), values, union type ids (Int8Array): checked when read. */
  nullBitmap?: unknown;
  valueOffsets?: unknown;
  values?: unknown;
  typeIds?: unknown;
  children: readonly ArrowDataLike[];
}
/** An Arrow Vector (a chunked column). */
export interface ArrowVectorLike {
  type: ArrowTypeLike;
  data: readonly ArrowDataLike[];
}
/** An Arrow Table (or a RecordBatch: `data` is then one Data). */
export interface ArrowTableLike {
  schema: { fields: readonly ArrowFieldLike[]; metadata?: { get(key: string): string | undefined } | null };
  data: readonly ArrowDataLike[] | ArrowDataLike;
  getChildAt?(i: number): { get(i: number): unknown } | null;
}
/** Anything fromArrow reads: a Table, a RecordBatch, a Vector or a Data, of any apache-arrow copy. */
export type ArrowInput = Table | RecordBatch | ArrowTableLike | ArrowVectorLike | ArrowDataLike;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
function isTableLike(x: unknown): x is ArrowTableLike {
  return isObject(x) && isObject(x.schema) && Array.isArray((x.schema as { fields?: unknown }).fields) && isObject(x.data);
}
function isVectorLike(x: unknown): x is ArrowVectorLike {
  return isObject(x) && isObject(x.type) && Array.isArray(x.data);
}
function isDataLike(x: unknown): x is ArrowDataLike {
  return isObject(x) && isObject(x.type) && typeof (x.type as { typeId?: unknown }).typeId === 'number' && Array.isArray(x.children) && typeof x.length === 'number';
}

const meta = (f: ArrowFieldLike, key: string): string | undefined => f.metadata?.get?.(key) ?? undefined;

function typeName(t: ArrowTypeLike): string {
  const s = String(t);
  return s === '[object Object]' ? `Arrow type ${t.typeId}` : s;
}

/** Is element i of d valid (its validity bitmap, with the data's bit offset)? */
function validAt(d: ArrowDataLike, i: number): boolean {
  const bm = d.nullBitmap;
  if (!(bm instanceof Uint8Array) || bm.length === 0 || d.nullCount === 0) return true;
  const b = d.offset + i;
  return ((bm[b >> 3]! >> (b & 7)) & 1) === 1;
}
function bitmapOf(d: ArrowDataLike): Uint8Array | null {
  return d.nullCount > 0 && d.nullBitmap instanceof Uint8Array && d.nullBitmap.length ? d.nullBitmap : null;
}

/** Exactly count + 1 offsets (IPC pads buffers; a sliced list keeps its children whole). */
function offsetsOf(d: ArrowDataLike, what: string): Int32Array | BigInt64Array {
  const n = d.length;
  const o = d.valueOffsets;
  if (n === 0) return new Int32Array(1);
  if (!(o instanceof Int32Array || o instanceof BigInt64Array)) throw new GeovecError(`geovec: fromArrow: ${what} has no int32 / int64 offsets buffer`);
  if (o.length < n + 1) throw new GeovecError(`geovec: fromArrow: ${what} has ${o.length} offsets, expected ${n + 1}`);
  return o.subarray(0, n + 1);
}

// ---- reading -----------------------------------------------------------------------

export interface FromArrowOptions {
  /** Column of a Table (default: the column with GeoArrow metadata, else a Binary / Utf8 column named geometry or geom). */
  column?: string;
  /** Encoding of a column, Vector or Data that carries no GeoArrow metadata (default: inferred from its type). */
  encoding?: GeoArrowEncoding;
  /** Also read the other columns of a Table as feature properties (and ids): returns a FeatureTable. */
  properties?: boolean;
  /** The column holding feature ids (default: the one toArrow marked, else none). */
  idColumn?: string;
}

function coordLayout(type: ArrowTypeLike, dimsHint?: number): { dims: number; separated: boolean } | null {
  if (type.typeId === T.FixedSizeList) {
    const n = type.listSize;
    const name = type.children?.[0]?.name.toLowerCase() ?? '';
    if (n === 2) return { dims: 0, separated: false };
    if (n === 3) {
      const dims = name === 'xym' ? HAS_M : name === 'xyz' ? HAS_Z : (dimsHint ?? HAS_Z) === HAS_M ? HAS_M : HAS_Z;
      return { dims, separated: false };
    }
    if (n === 4) return { dims: HAS_Z | HAS_M, separated: false };
    return null;
  }
  if (type.typeId === T.Struct) {
    const s = (type.children ?? []).map((f) => f.name.toLowerCase()).join('');
    const dims = ({ xy: 0, xyz: HAS_Z, xym: HAS_M, xyzm: HAS_Z | HAS_M } as Record<string, number>)[s];
    return dims === undefined ? null : { dims, separated: true };
  }
  return null;
}

const BOX_NAMES = ['xminyminxmaxymax', 'xminyminzminxmaxymaxzmax', 'xminyminmminxmaxymaxmmax', 'xminyminzminmminxmaxymaxzmaxmmax'];

/** The encoding a bare Arrow type implies (ambiguous list shapes read as linestring / polygon / multipolygon). */
function inferEncoding(type: ArrowTypeLike): GeoArrowEncoding {
  switch (type.typeId) {
    case T.Binary:
    case T.LargeBinary:
      return 'geoarrow.wkb';
    case T.Utf8:
    case T.LargeUtf8:
      return 'geoarrow.wkt';
    case T.Union:
      return 'geoarrow.geometry';
    case T.Struct:
      if (BOX_NAMES.includes((type.children ?? []).map((f) => f.name.toLowerCase()).join(''))) return 'geoarrow.box';
  }
  let depth = 0;
  let t = type;
  while (t.typeId === T.List && t.children?.[0]) {
    t = t.children[0].type;
    depth++;
    if (t.typeId === T.Union) return depth === 1 ? 'geoarrow.geometrycollection' : 'geoarrow.wkb';
  }
  if (!coordLayout(t) || depth > 3) throw new GeovecError(`geovec: fromArrow: cannot read a ${typeName(type)} column as geometry`);
  return (['geoarrow.point', 'geoarrow.linestring', 'geoarrow.polygon', 'geoarrow.multipolygon'] as const)[depth]!;
}

const empty = () => fromWKB([]);

function fromNativeData(data: ArrowDataLike, type: number, dimsHint?: number): GeometryArray {
  const encoding = NATIVE_NAMES[type - 1]!;
  if (data.length === 0) return empty();
  const levels: (Int32Array | null)[] = [];
  let d = data;
  let count = data.length;
  for (let k = 0; k < DEPTH[type]!; k++) {
    if (d.type.typeId !== T.List || !d.children[0]) throw new GeovecError(`geovec: fromArrow: ${encoding} expects ${DEPTH[type]} nested lists, found ${typeName(data.type)}`);
    const o = d.valueOffsets;
    if (!(o instanceof Int32Array)) throw new GeovecError(`geovec: fromArrow: ${encoding} list level ${k} needs int32 offsets`);
    if (o.length < count + 1) throw new GeovecError(`geovec: fromArrow: ${encoding} list level ${k} has ${o.length} offsets, expected ${count + 1}`);
    const offsets = o.subarray(0, count + 1);
    levels.push(offsets);
    count = offsets[count]!;
    d = d.children[0];
  }
  const layout = coordLayout(d.type, dimsHint);
  if (!layout) throw new GeovecError(`geovec: fromArrow: ${encoding} coordinates must be a FixedSizeList or a Struct of x, y[, z][, m], found ${typeName(d.type)}`);
  /* Our levels: geometry -> parts -> rings -> coords; GeoArrow's lists fill the non-identity ones. */
  const [geom, part, ring] = (
    {
      1: [null, null, null],
      2: [null, null, levels[0]],
      3: [null, levels[0], levels[1]],
      4: [levels[0], null, null],
      5: [levels[0], null, levels[1]],
      6: [levels[0], levels[1], levels[2]],
    } as Record<number, (Int32Array | null | undefined)[]>
  )[type]!;
  const f64 = (x: unknown, what: string): Float64Array => {
    if (!(x instanceof Float64Array)) throw new GeovecError(`geovec: fromArrow: ${encoding} ${what} must be float64`);
    return x;
  };
  const coords: (Float64Array | null)[] = layout.separated
    ? d.children.map((c, k) => f64(c.values, `coordinate column ${k}`))
    : [f64(d.children[0]?.values, 'coordinates')];
  while (coords.length < 4) coords.push(null);
  const r = run(
    'from_buffers',
    [],
    [geom ?? null, part ?? null, ring ?? null, ...coords, bitmapOf(data)],
    [type | layout.dims, data.length, layout.separated ? 1 : 0, data.offset],
    'Arrow',
  );
  return new GeometryArray(r.array);
}

function fromWKBData(data: ArrowDataLike): GeometryArray {
  if (data.type.typeId !== T.Binary && data.type.typeId !== T.LargeBinary) throw new GeovecError(`geovec: fromArrow: geoarrow.wkb must be Binary or LargeBinary, found ${typeName(data.type)}`);
  const offsets = offsetsOf(data, 'geoarrow.wkb');
  const values = data.values instanceof Uint8Array ? data.values : new Uint8Array(0);
  if (!bitmapOf(data)) return fromWKB({ data: values, offsets });
  const parts: (Uint8Array | null)[] = [];
  for (let i = 0; i < data.length; i++) parts.push(validAt(data, i) ? values.subarray(Number(offsets[i]), Number(offsets[i + 1])) : null);
  return fromWKB(parts);
}

function fromWKTData(data: ArrowDataLike): GeometryArray {
  if (data.type.typeId !== T.Utf8 && data.type.typeId !== T.LargeUtf8) throw new GeovecError(`geovec: fromArrow: geoarrow.wkt must be Utf8 or LargeUtf8, found ${typeName(data.type)}`);
  const offsets = offsetsOf(data, 'geoarrow.wkt');
  const values = data.values instanceof Uint8Array ? data.values : new Uint8Array(0);
  const decoder = new TextDecoder();
  const strings: (string | null)[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) strings[i] = validAt(data, i) ? decoder.decode(values.subarray(Number(offsets[i]), Number(offsets[i + 1]))) : null;
  return fromWKT(strings);
}

/** geoarrow.box: rectangles as polygons; xmin > xmax (crossing the antimeridian) as two boxes split at +-180. */
function fromBoxData(data: ArrowDataLike): GeometryArray {
  const names = (data.type.children ?? []).map((f) => f.name.toLowerCase());
  const col = (name: string) => {
    const k = names.indexOf(name);
    const v = k >= 0 ? data.children[k]?.values : undefined;
    if (!(v instanceof Float64Array)) throw new GeovecError(`geovec: fromArrow: geoarrow.box needs a float64 ${name} field, found ${typeName(data.type)}`);
    return v;
  };
  const [x0, y0, x1, y1] = [col('xmin'), col('ymin'), col('xmax'), col('ymax')];
  const ring = (a: number, b: number, c: number, d: number) => `(${a} ${b}, ${c} ${b}, ${c} ${d}, ${a} ${d}, ${a} ${b})`;
  const wkt: (string | null)[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    if (!validAt(data, i)) {
      wkt[i] = null;
      continue;
    }
    const [a, b, c, d] = [x0[i]!, y0[i]!, x1[i]!, y1[i]!];
    if (![a, b, c, d].every(Number.isFinite) || b > d) wkt[i] = 'POLYGON EMPTY';
    else if (a <= c) wkt[i] = `POLYGON (${ring(a, b, c, d)})`;
    else wkt[i] = `MULTIPOLYGON ((${ring(a, b, 180, d)}), (${ring(-180, b, c, d)}))`;
  }
  return fromWKT(wkt);
}

/** Type code and dimension flags of a GeoArrow union type id. */
function typeIdInfo(id: number): { type: number; dims: number } {
  const type = id % 10;
  const decade = Math.floor(id / 10);
  if (!Number.isInteger(id) || type < 1 || type > 7 || decade > 3) throw new GeovecError(`geovec: fromArrow: union type id ${id} is not a GeoArrow geometry type id (1..7, 11..17, 21..27, 31..37)`);
  return { type, dims: DECADE_DIMS[decade]! };
}

/** geoarrow.geometry: a dense (or sparse) union of native encodings. Each child is read, then the rows are gathered (a copy). */
function fromUnionData(data: ArrowDataLike): GeometryArray {
  const type = data.type;
  const ids = Array.from(type.typeIds ?? [], Number);
  const n = data.length;
  if (n === 0) return empty();
  const codes = data.typeIds;
  if (!(codes instanceof Int8Array) || codes.length < n) throw new GeovecError('geovec: fromArrow: geoarrow.geometry union has no type ids buffer');
  const dense = type.mode !== 0;
  const offs = dense ? data.valueOffsets : null;
  if (dense && (!(offs instanceof Int32Array) || offs.length < n)) throw new GeovecError('geovec: fromArrow: geoarrow.geometry dense union has no offsets buffer');
  const childOf = new Map<number, number>();
  ids.forEach((id, k) => childOf.set(id, k));
  const parts: GeometryArray[] = [];
  const base: number[] = [];
  let total = 0;
  for (let k = 0; k < data.children.length; k++) {
    const { type: t, dims } = typeIdInfo(ids[k]!);
    const child = data.children[k]!;
    const arr = t === 7 ? fromCollectionData(child, dims) : fromNativeData(child, t, dims);
    base.push(total);
    total += arr.length;
    parts.push(arr);
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = childOf.get(codes[i]!);
    if (k === undefined) throw new GeovecError(`geovec: fromArrow: row ${i} has union type id ${codes[i]}, which the union does not declare`);
    const at = dense ? (offs as Int32Array)[i]! : i + data.offset;
    if (at < 0 || at >= parts[k]!.length) throw new GeovecError(`geovec: fromArrow: row ${i} points past its union child`);
    idx[i] = base[k]! + at;
  }
  const nonEmpty = parts.filter((p) => p.length > 0);
  const all = nonEmpty.length === 1 ? nonEmpty[0]! : nonEmpty[0]!.concat(...nonEmpty.slice(1));
  const out = all.take(idx);
  for (const p of parts) p.dispose();
  if (all !== nonEmpty[0]) all.dispose();
  return out;
}

/** geoarrow.geometrycollection: a list over a union of members. `dims` is the collections' dimension (default: from the union's type ids). */
function fromCollectionData(data: ArrowDataLike, dims?: number): GeometryArray {
  if (data.type.typeId !== T.List || !data.children[0] || data.children[0].type.typeId !== T.Union)
    throw new GeovecError(`geovec: fromArrow: geoarrow.geometrycollection must be a List of a Union, found ${typeName(data.type)}`);
  const child = data.children[0];
  let d = dims;
  if (d === undefined) {
    d = 0;
    for (const id of Array.from(child.type.typeIds ?? [], Number)) d |= typeIdInfo(id).dims;
  }
  if (data.length === 0) return empty();
  const offsets = offsetsOf(data, 'geoarrow.geometrycollection');
  if (!(offsets instanceof Int32Array)) throw new GeovecError('geovec: fromArrow: geoarrow.geometrycollection needs int32 offsets');
  const members = child.length ? fromUnionData(child) : empty();
  try {
    return new GeometryArray(run('collection_build', [members.handle], [offsets, bitmapOf(data)], [data.length, data.offset, d], 'Arrow').array);
  } finally {
    members.dispose();
  }
}

function fromData(data: ArrowDataLike, encoding: GeoArrowEncoding): GeometryArray {
  switch (encoding) {
    case 'geoarrow.wkb':
      return fromWKBData(data);
    case 'geoarrow.wkt':
      return fromWKTData(data);
    case 'geoarrow.box':
      return fromBoxData(data);
    case 'geoarrow.geometry':
      if (data.type.typeId !== T.Union) throw new GeovecError(`geovec: fromArrow: geoarrow.geometry must be a Union, found ${typeName(data.type)}`);
      return fromUnionData(data);
    case 'geoarrow.geometrycollection':
      return fromCollectionData(data);
  }
  const type = NATIVE_NAMES.indexOf(encoding) + 1;
  if (type < 1) throw new GeovecError(`geovec: fromArrow: unknown encoding ${String(encoding)}`);
  return fromNativeData(data, type);
}

const GEOMETRY_NAMES = ['geometry', 'geom', 'geography', 'wkb', 'wkt', 'the_geom'];

/** The geometry column of a table: by option, by GeoArrow metadata, or a Binary / Utf8 column with a geometry name. */
function pickColumn(fields: readonly ArrowFieldLike[], options: FromArrowOptions): number {
  if (options.column !== undefined) {
    const k = fields.findIndex((f) => f.name === options.column);
    if (k < 0) throw new GeovecError(`geovec: fromArrow: the table has no column ${JSON.stringify(options.column)} (columns: ${fields.map((f) => f.name).join(', ')})`);
    return k;
  }
  const k = fields.findIndex((f) => meta(f, EXT_NAME)?.startsWith('geoarrow.'));
  if (k >= 0) return k;
  const textual = (f: ArrowFieldLike) => [T.Binary, T.LargeBinary, T.Utf8, T.LargeUtf8].includes(f.type.typeId as never);
  for (const name of GEOMETRY_NAMES) {
    const j = fields.findIndex((f) => f.name.toLowerCase() === name && textual(f));
    if (j >= 0) return j;
  }
  throw new GeovecError(
    `geovec: fromArrow: no column carries GeoArrow metadata (ARROW:extension:name geoarrow.*) and none is a Binary / Utf8 column named geometry or geom; ` +
      `pass { column } (and { encoding } if the column has no metadata). Columns: ${fields.map((f) => `${f.name} (${typeName(f.type)})`).join(', ')}`,
  );
}

/**
 * Reads a GeoArrow column: a Table or RecordBatch (its geometry column), a
 * Vector, or a Data, made by any copy of apache-arrow. Native encodings and
 * WKB are read in place by the native backend (one chunk; several chunks
 * are concatenated, a copy). With `properties: true` the other columns of a
 * table come back as feature properties and ids (a FeatureTable).
 */
export function fromArrow(input: ArrowInput, options: FromArrowOptions & { properties: true }): FeatureTable;
export function fromArrow(input: ArrowInput, options?: FromArrowOptions & { properties?: false }): GeometryArray;
export function fromArrow(input: ArrowInput, options?: FromArrowOptions): GeometryArray | FeatureTable;
export function fromArrow(input: ArrowInput, options: FromArrowOptions = {}): GeometryArray | FeatureTable {
  if (typeof options !== 'object' || options === null) throw new GeovecError('geovec: fromArrow: options must be an object');
  let chunks: readonly ArrowDataLike[];
  let encoding = options.encoding;
  let table: ArrowTableLike | null = null;
  let column = -1;
  if (isTableLike(input)) {
    table = input;
    const fields = input.schema.fields;
    column = pickColumn(fields, options);
    const field = fields[column]!;
    encoding ??= meta(field, EXT_NAME) as GeoArrowEncoding | undefined;
    const batches = Array.isArray(input.data) ? (input.data as ArrowDataLike[]) : [input.data as ArrowDataLike];
    chunks = batches.map((b) => b.children[column]!);
    if (chunks.some((c) => !c)) throw new GeovecError(`geovec: fromArrow: a record batch has no column ${column}`);
  } else if (isVectorLike(input)) {
    chunks = input.data;
  } else if (isDataLike(input)) {
    chunks = [input];
  } else {
    throw new GeovecError('geovec: fromArrow: input must be an Arrow Table, RecordBatch, Vector or Data');
  }
  if (options.properties && !table) throw new GeovecError('geovec: fromArrow: properties: true needs a Table or RecordBatch');
  if (encoding !== undefined && !NATIVE_NAMES.includes(encoding) && !['geoarrow.geometry', 'geoarrow.box', 'geoarrow.wkb', 'geoarrow.wkt'].includes(encoding))
    throw new GeovecError(`geovec: fromArrow: unknown encoding ${JSON.stringify(encoding)}`);
  let geometry: GeometryArray;
  if (chunks.length === 0) geometry = empty();
  else {
    encoding ??= inferEncoding(chunks[0]!.type);
    const arrays = chunks.map((c) => fromData(c, encoding!));
    geometry = arrays.length === 1 ? arrays[0]! : arrays[0]!.concat(...arrays.slice(1));
    if (arrays.length > 1) for (const a of arrays) a.dispose();
  }
  if (!options.properties) return geometry;
  return { geometry, ...readProperties(table!, column, geometry.length, options.idColumn) };
}

// ---- properties --------------------------------------------------------------------

type Json = unknown;

/** A value read by the table's own accessors, made plain (bigint -> number or string, rows -> objects). */
function plain(v: unknown): Json {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v === undefined) return null;
  if (isObject(v) && !(v instanceof Uint8Array) && !(v instanceof Date) && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON(): unknown }).toJSON();
  }
  return v;
}

function readProperties(table: ArrowTableLike, geomColumn: number, n: number, idColumn: string | undefined): Omit<FeatureTable, 'geometry'> {
  const fields = table.schema.fields;
  if (typeof table.getChildAt !== 'function') throw new GeovecError('geovec: fromArrow: properties: true needs a table with getChildAt');
  const nullRows = new Set<number>(JSON.parse(table.schema.metadata?.get?.(NULL_PROPERTIES) ?? '[]') as number[]);
  const properties: (Record<string, unknown> | null)[] = Array.from({ length: n }, (_, i) => (nullRows.has(i) ? null : {}));
  const ids: (string | number | undefined)[] = new Array(n).fill(undefined);
  let idCol = idColumn !== undefined ? fields.findIndex((f) => f.name === idColumn) : fields.findIndex((f) => meta(f, ROLE) === 'id');
  if (idColumn !== undefined && idCol < 0) throw new GeovecError(`geovec: fromArrow: the table has no id column ${JSON.stringify(idColumn)}`);
  if (idCol === geomColumn) idCol = -1;
  for (let k = 0; k < fields.length; k++) {
    if (k === geomColumn) continue;
    const f = fields[k]!;
    const vec = table.getChildAt(k);
    if (!vec) continue;
    const json = meta(f, ENCODING) === 'json';
    const absent = meta(f, NULLS) === 'absent';
    for (let i = 0; i < n; i++) {
      let v = vec.get(i);
      if (v === null || v === undefined) {
        if (absent || json || k === idCol) continue; /* a JSON column writes null as "null": Arrow null is a missing key */
        v = null;
      } else if (json) {
        v = JSON.parse(String(v));
      } else {
        v = plain(v);
      }
      if (k === idCol) ids[i] = typeof v === 'number' || typeof v === 'string' ? v : String(v);
      else if (properties[i]) properties[i]![f.name] = v;
    }
  }
  return { properties, ids };
}

type ColumnKind = 'number' | 'string' | 'boolean' | 'json';

/** One Arrow column from per-feature values (undefined = the key is absent). */
function propertyColumn(name: string, values: unknown[], role?: string, skip?: ReadonlySet<number>): { field: Field; data: Data } {
  let kind: ColumnKind | null = null;
  let hasNull = false;
  let hasAbsent = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (skip?.has(i)) continue; /* a feature whose properties are null: read back as null whatever the column holds */
    if (v === undefined) hasAbsent = true;
    else if (v === null) hasNull = true;
    else {
      const t = typeof v;
      const k: ColumnKind = t === 'number' ? 'number' : t === 'string' ? 'string' : t === 'boolean' ? 'boolean' : 'json';
      kind = kind === null || kind === k ? k : 'json';
    }
  }
  if (kind === 'number' && values.some((v) => typeof v === 'number' && !Number.isFinite(v))) kind = 'json';
  if (hasNull && hasAbsent) kind = 'json';
  kind ??= 'string';
  const md = new Map<string, string>();
  if (role) md.set(ROLE, role);
  let data: Data;
  if (kind === 'json') {
    md.set(ENCODING, 'json');
    data = vectorFromArray(values.map((v) => (v === undefined ? null : JSON.stringify(v))), new Utf8()).data[0]!;
  } else {
    if (hasAbsent) md.set(NULLS, 'absent');
    const type = kind === 'number' ? new Float64() : kind === 'string' ? new Utf8() : new Bool();
    data = vectorFromArray(values.map((v) => v ?? null) as never[], type as DataType).data[0]! as Data;
  }
  return { field: new Field(name, data.type, true, md), data };
}

function propertyColumns(n: number, properties: ArrayLike<Record<string, unknown> | null | undefined> | undefined, ids: ArrayLike<string | number | null | undefined> | undefined, idColumn: string, geomName: string) {
  const out: { field: Field; data: Data }[] = [];
  const nullRows: number[] = [];
  if (properties !== undefined) {
    if (!isObject(properties) || typeof properties.length !== 'number') throw new GeovecError('geovec: toArrow: properties must be an array of objects (or null), one per element');
    if (properties.length !== n) throw new GeovecError(`geovec: toArrow: properties has ${properties.length} entries for ${n} geometries`);
    const keys: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const p = properties[i];
      if (p === null || p === undefined) {
        nullRows.push(i);
        continue;
      }
      if (!isObject(p) || Array.isArray(p)) throw new GeovecError(`geovec: toArrow: properties[${i}] must be an object or null`);
      for (const key of Object.keys(p)) if (!seen.has(key)) seen.add(key), keys.push(key);
    }
    const nullSet = new Set(nullRows);
    for (const key of keys) {
      if (key === geomName) throw new GeovecError(`geovec: toArrow: property ${JSON.stringify(key)} has the geometry column's name; pass another { name }`);
      if (ids !== undefined && key === idColumn) throw new GeovecError(`geovec: toArrow: property ${JSON.stringify(key)} has the id column's name; pass another { idColumn }`);
      const values = Array.from({ length: n }, (_, i) => {
        const p = properties[i];
        return p && Object.prototype.hasOwnProperty.call(p, key) ? p[key] : undefined;
      });
      out.push(propertyColumn(key, values, undefined, nullSet));
    }
  }
  if (ids !== undefined) {
    if (!isObject(ids) || typeof ids.length !== 'number') throw new GeovecError('geovec: toArrow: ids must be an array of strings or numbers, one per element');
    if (ids.length !== n) throw new GeovecError(`geovec: toArrow: ids has ${ids.length} entries for ${n} geometries`);
    const values: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const v = ids[i];
      if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number') throw new GeovecError(`geovec: toArrow: ids[${i}] must be a string, a number or undefined`);
      values.push(v ?? undefined);
    }
    if (idColumn === geomName) throw new GeovecError('geovec: toArrow: idColumn has the geometry column\'s name');
    if (values.some((v) => v !== undefined)) out.push(propertyColumn(idColumn, values, 'id'));
  }
  return { columns: out, nullRows };
}

// ---- writing -------------------------------------------------------------------

export interface ToArrowOptions {
  /** 'native' (default): the native encoding of a homogeneous array, geoarrow.geometry (a union) for a
   *  mixed one; 'geometry' forces the union; 'box' writes each element's bounds (geoarrow.box);
   *  'wkb' and 'wkt' force those encodings. */
  encoding?: 'native' | 'geometry' | 'box' | 'wkb' | 'wkt';
  /** Write single and multi types of one family in the multi encoding (Polygon + MultiPolygon ->
   *  geoarrow.multipolygon), as deck.gl layers want. Default false (lossless). */
  promote?: boolean;
  /** Coordinates as one interleaved FixedSizeList (default) or a Struct of separate columns. */
  coords?: 'interleaved' | 'separated';
  /** Column name in the returned Table (default "geometry"). */
  name?: string;
  /** Feature properties, one object (or null) per element: one typed column per key
   *  (numbers Float64, strings Utf8, booleans Bool, anything else JSON text). */
  properties?: ArrayLike<Record<string, unknown> | null | undefined>;
  /** Feature ids, one per element (undefined for none), written to the column `idColumn`. */
  ids?: ArrayLike<string | number | null | undefined>;
  /** Name of the id column (default "id"). */
  idColumn?: string;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) a[i] = i;
  return a;
}

/** inner[outer[i]], where null stands for the identity. */
function compose(outer: Int32Array | null, inner: Int32Array | null): Int32Array | null {
  if (!outer) return inner;
  if (!inner) return outer;
  const out = new Int32Array(outer.length);
  for (let i = 0; i < outer.length; i++) out[i] = inner[outer[i]!]!;
  return out;
}

function i32(buf: ArrayBuffer | null | undefined): Int32Array | null {
  return buf && buf.byteLength ? new Int32Array(buf) : null;
}

/** An Arrow validity bitmap from type codes (0 = null); undefined when nothing is null. */
function validityOf(codes: Uint8Array): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  const bitmap = new Uint8Array((codes.length + 7) >> 3);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return nulls ? { bitmap, nulls } : { bitmap: undefined, nulls: 0 };
}

/** Full type bytes (type code | dims flags; 0 = null) per element. */
function typeBytesOf(a: GeometryArray): Uint8Array {
  const info = a.info;
  const buf = run('array_buffers', [a.handle]).outs[0];
  if (buf && buf.byteLength) return new Uint8Array(buf.slice(0));
  /* no per-element types: one type byte for every non-null element */
  const codes = a.typeCodes;
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] ? info.commonType : 0;
  return out;
}

/** The multi family (4..6) and dims shared by all non-null elements when promotion applies, else null. */
function promotedFamily(typeBytes: Uint8Array): { family: number; dims: number } | null {
  let family = 0;
  let dims = -1;
  for (let i = 0; i < typeBytes.length; i++) {
    const t = typeBytes[i]!;
    if (!t) continue;
    const c = t & 0x0f;
    const f = c === 1 || c === 4 ? 4 : c === 2 || c === 5 ? 5 : c === 3 || c === 6 ? 6 : 0;
    const d = t & (HAS_Z | HAS_M);
    if (!f || (family && f !== family) || (dims >= 0 && d !== dims)) return null;
    family = f;
    dims = d;
  }
  return family ? { family, dims } : null;
}

function coordinateData(a: GeometryArray, outs: (ArrayBuffer | null)[], dimNames: string, separated: boolean, gather: Int32Array | null): Data {
  const info = a.info;
  const nd = dimNames.length;
  const count = gather ? a.length : info.coordinates;
  let columns: Float64Array[];
  if (count === 0) {
    columns = separated ? Array.from({ length: nd }, () => new Float64Array(0)) : [new Float64Array(0)];
  } else if (!info.separated && info.stride === nd && !separated && !gather && outs[5]) {
    columns = [new Float64Array(outs[5], 0, count * nd)]; /* the core's buffer, shared */
  } else {
    /* De-interleave, interleave or gather (one coordinate per point, NaN for nulls): a copy. */
    const cols = info.separated ? [5, 6, 7, 8].map((k) => (outs[k] ? new Float64Array(outs[k]!) : null)) : null;
    const inter = info.separated ? null : new Float64Array(outs[5] ?? new ArrayBuffer(0));
    /* separated: x, y, z, m in their own buffers; interleaved: z then m after x, y */
    const zCol = info.dims & HAS_Z ? 2 : -1;
    const mCol = info.dims & HAS_M ? (info.separated || zCol >= 0 ? 3 : 2) : -1;
    const srcCol = [...dimNames].map((c) => (c === 'x' ? 0 : c === 'y' ? 1 : c === 'z' ? zCol : mCol));
    if (srcCol.some((c) => c < 0 || (cols && !cols[c]))) throw new GeovecError(`geovec: toArrow: the array has no ${dimNames} coordinates`);
    const out = Array.from({ length: nd }, () => new Float64Array(count));
    for (let i = 0; i < count; i++) {
      const k = gather ? (gather[i + 1]! > gather[i]! ? gather[i]! : -1) : i;
      for (let d = 0; d < nd; d++) {
        const c = srcCol[d]!;
        out[d]![i] = k < 0 ? NaN : cols ? cols[c]![k]! : inter![k * info.stride + c]!;
      }
    }
    if (separated) columns = out;
    else {
      const flat = new Float64Array(count * nd);
      for (let i = 0; i < count; i++) for (let d = 0; d < nd; d++) flat[i * nd + d] = out[d]![i]!;
      columns = [flat];
    }
  }
  const f64 = (c: Float64Array) => makeData({ type: new Float64(), length: c.length, data: c });
  if (separated) {
    return makeData({
      type: new Struct([...dimNames].map((c) => new Field(c, new Float64(), false))),
      length: count,
      children: columns.map(f64),
    });
  }
  return makeData({
    type: new FixedSizeList(nd, new Field(dimNames, new Float64(), false)),
    length: count,
    child: f64(columns[0]!),
  });
}

/** A native encoding (family 1..6) of an array whose elements all fit it. */
function toNative(a: GeometryArray, family: number, dims: number, separated: boolean): Data {
  const dimNames = DIM_NAMES[decadeOf(dims)]!;
  const outs = run('array_buffers', [a.handle]).outs;
  const n = a.length;
  const geom = i32(outs[2]);
  const part = i32(outs[3]);
  const ring = i32(outs[4]);
  const { bitmap, nulls } = validityOf(a.typeCodes);
  const nparts = geom ? geom[n]! : n;
  const nrings = part ? part[nparts]! : nparts;
  /* geometry -> first coordinate, composed through whatever levels are not the identity */
  const geomToCoord = () => compose(compose(geom, part), ring);
  const list = (child: Data, offsets: Int32Array | null, name: string, length: number, top = false) =>
    makeData({
      type: new List(new Field(name, child.type, false)),
      length,
      nullCount: top ? nulls : 0,
      nullBitmap: top ? bitmap : undefined,
      valueOffsets: offsets ?? identity(length),
      child,
    });
  if (family === 1) {
    const gather = geomToCoord();
    const coords = coordinateData(a, outs, dimNames, separated, gather);
    return coords.clone(coords.type, 0, n, nulls, [undefined, undefined, bitmap, undefined] as never, coords.children);
  }
  const coords = coordinateData(a, outs, dimNames, separated, null);
  switch (family) {
    case 2:
      return list(coords, geomToCoord(), 'vertices', n, true);
    case 3:
      return list(list(coords, ring, 'vertices', nrings), compose(geom, part), 'rings', n, true);
    case 4:
      return list(coords, geomToCoord(), 'points', n, true);
    case 5:
      return list(list(coords, compose(part, ring), 'vertices', nparts), geom, 'linestrings', n, true);
    default:
      return list(list(list(coords, ring, 'vertices', nrings), part, 'rings', nparts), geom, 'polygons', n, true);
  }
}

/** Thrown inside the writers when a nested collection needs WKB. */
class NeedsWKB extends Error {}

/** A dense union of native encodings (geoarrow.geometry). `declare` adds (empty) children for these type ids. */
function toUnion(a: GeometryArray, separated: boolean, declare: number[] = []): Data {
  const bytes = typeBytesOf(a);
  const n = a.length;
  const idOf = (t: number) => (t & 0x0f) + 10 * decadeOf(t);
  const groups = new Map<number, number[]>();
  for (const id of declare) groups.set(id, []);
  let firstId = -1;
  for (let i = 0; i < n; i++) {
    const t = bytes[i]!;
    if (!t) continue;
    const id = idOf(t);
    if (firstId < 0) firstId = id;
    if (!groups.has(id)) groups.set(id, []);
  }
  if (firstId < 0) firstId = declare[0] ?? 1;
  if (!groups.has(firstId)) groups.set(firstId, []);
  const ids = [...groups.keys()].sort((x, y) => x - y);
  const codes = new Int8Array(n);
  const offsets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = bytes[i]!;
    /* a null row is a null in the first child that its type would use (unions have no validity of their own) */
    const id = t ? idOf(t) : firstId;
    const g = groups.get(id)!;
    codes[i] = id;
    offsets[i] = g.length;
    g.push(t ? i : -1);
  }
  const children: Data[] = [];
  const fields: Field[] = [];
  for (const id of ids) {
    const { type, dims } = typeIdInfo(id);
    const sub = a.take(groups.get(id)!);
    try {
      const d = type === 7 ? toCollection(sub, dims, separated) : toNative(sub, type, dims, separated);
      children.push(d);
      fields.push(new Field(`${TYPE_NAMES[type - 1]}${['', ' Z', ' M', ' ZM'][decadeOf(dims)]}`, d.type, true));
    } finally {
      sub.dispose();
    }
  }
  return makeData({ type: new DenseUnion(ids, fields), length: n, nullCount: 0, typeIds: codes, valueOffsets: offsets, children });
}

/** geoarrow.geometrycollection: a list over a union of the members (collections of one dimension). */
function toCollection(a: GeometryArray, dims: number, separated: boolean): Data {
  const r = run('collection_members', [a.handle], [], [], 'Arrow');
  const members = new GeometryArray(r.array);
  try {
    if (members.info.hasCollections) throw new NeedsWKB();
    const declare = [1, 2, 3, 4, 5, 6].map((t) => t + 10 * decadeOf(dims));
    const child = toUnion(members, separated, declare);
    const { bitmap, nulls } = validityOf(a.typeCodes);
    return makeData({
      type: new List(new Field('geometries', child.type, true)),
      length: a.length,
      nullCount: nulls,
      nullBitmap: bitmap,
      valueOffsets: new Int32Array(r.outs[0]!),
      child,
    });
  } finally {
    members.dispose();
  }
}

/** geoarrow.box: the bounds of each element in every dimension of the array (empty: +inf / -inf, as GeoArrow has it). */
function toBox(a: GeometryArray): Data {
  const info = a.info;
  const outs = run('array_buffers', [a.handle]).outs;
  const n = a.length;
  const dims = info.dims & (HAS_Z | HAS_M);
  const names = ['x', 'y', ...(dims & HAS_Z ? ['z'] : []), ...(dims & HAS_M ? ['m'] : [])];
  const nd = names.length;
  const span = compose(compose(i32(outs[2]), i32(outs[3])), i32(outs[4]));
  const cols = info.separated ? [5, 6, 7, 8].map((k) => (outs[k] ? new Float64Array(outs[k]!) : null)) : null;
  const inter = info.separated || !outs[5] ? null : new Float64Array(outs[5]);
  const src = names.map((c) => (c === 'x' ? 0 : c === 'y' ? 1 : c === 'z' ? 2 : info.separated || dims & HAS_Z ? 3 : 2));
  const lo = names.map(() => new Float64Array(n).fill(Infinity));
  const hi = names.map(() => new Float64Array(n).fill(-Infinity));
  const codes = a.typeCodes;
  for (let i = 0; i < n; i++) {
    if (!codes[i]) {
      for (let d = 0; d < nd; d++) lo[d]![i] = hi[d]![i] = NaN;
      continue;
    }
    const b = span ? span[i]! : i;
    const e = span ? span[i + 1]! : i + 1;
    for (let k = b; k < e; k++) {
      const x = cols ? cols[0]![k]! : inter![k * info.stride]!;
      const y = cols ? cols[1]![k]! : inter![k * info.stride + 1]!;
      if (Number.isNaN(x) && Number.isNaN(y)) continue; /* POINT EMPTY */
      for (let d = 0; d < nd; d++) {
        const v = cols ? cols[src[d]!]![k]! : inter![k * info.stride + src[d]!]!;
        if (v < lo[d]![i]!) lo[d]![i] = v;
        if (v > hi[d]![i]!) hi[d]![i] = v;
      }
    }
  }
  const { bitmap, nulls } = validityOf(codes);
  const f64 = (c: Float64Array) => makeData({ type: new Float64(), length: n, data: c });
  const fields = [...names.map((c) => `${c}min`), ...names.map((c) => `${c}max`)].map((f) => new Field(f, new Float64(), false));
  return makeData({ type: new Struct(fields), length: n, nullCount: nulls, nullBitmap: bitmap, children: [...lo.map(f64), ...hi.map(f64)] });
}

function toWKBData(a: GeometryArray): Data {
  const { data: bytes, offsets } = writeWKBPacked(a.handle, 0, a.length);
  const big = bytes.length > 0x7fffffff;
  const { bitmap, nulls } = validityOf(a.typeCodes);
  return makeData({
    type: big ? new LargeBinary() : new Binary(),
    length: a.length,
    nullCount: nulls,
    nullBitmap: bitmap,
    valueOffsets: big ? offsets : Int32Array.from(offsets, Number),
    data: bytes,
  } as never) as Data;
}

/** The geometry column's Data and encoding for the options. */
function geometryData(a: GeometryArray, options: ToArrowOptions): { data: Data; encoding: GeoArrowEncoding } {
  const separated = options.coords === 'separated';
  const mode = options.encoding ?? 'native';
  if (mode === 'wkt') return { data: vectorFromArray(toWKT(a), new Utf8()).data[0]! as Data, encoding: 'geoarrow.wkt' };
  if (mode === 'wkb') return { data: toWKBData(a), encoding: 'geoarrow.wkb' };
  if (mode === 'box') return { data: toBox(a), encoding: 'geoarrow.box' };
  const info = a.info;
  try {
    if (mode === 'geometry') return { data: toUnion(a, separated), encoding: 'geoarrow.geometry' };
    if (info.commonType === 0) return { data: toWKBData(a), encoding: 'geoarrow.wkb' }; /* all null (or empty) */
    if (info.commonType !== 255) {
      const type = info.commonType & 0x0f;
      const dims = info.commonType & (HAS_Z | HAS_M);
      if (type === 7) return { data: toCollection(a, dims, separated), encoding: 'geoarrow.geometrycollection' };
      return { data: toNative(a, type, dims, separated), encoding: NATIVE_NAMES[type - 1]! };
    }
    if (options.promote) {
      const p = promotedFamily(typeBytesOf(a));
      if (p) return { data: toNative(a, p.family, p.dims, separated), encoding: NATIVE_NAMES[p.family - 1]! };
    }
    return { data: toUnion(a, separated), encoding: 'geoarrow.geometry' };
  } catch (e) {
    if (e instanceof NeedsWKB) return { data: toWKBData(a), encoding: 'geoarrow.wkb' };
    throw e;
  }
}

/**
 * Writes a GeometryArray as an Arrow Table whose geometry field carries
 * GeoArrow extension metadata, plus one column per property (and an id
 * column) when `properties` / `ids` are given. Native encodings share the
 * core's offset and coordinate buffers where no level needs composing
 * (native backend: no copy; WASM: one copy out of linear memory).
 */
export function toArrow(a: GeometryArray, options: ToArrowOptions = {}): Table {
  geometryArrayArg('toArrow', 'a', a);
  if (typeof options !== 'object' || options === null) throw new GeovecError('geovec: toArrow: options must be an object');
  if (options.encoding !== undefined && !['native', 'geometry', 'box', 'wkb', 'wkt'].includes(options.encoding))
    throw new GeovecError(`geovec: toArrow: encoding must be 'native', 'geometry', 'box', 'wkb' or 'wkt', got ${JSON.stringify(options.encoding)}`);
  if (options.coords !== undefined && options.coords !== 'interleaved' && options.coords !== 'separated')
    throw new GeovecError(`geovec: toArrow: coords must be 'interleaved' or 'separated', got ${JSON.stringify(options.coords)}`);
  const name = options.name ?? 'geometry';
  if (typeof name !== 'string') throw new GeovecError('geovec: toArrow: name must be a string');
  const idColumn = options.idColumn ?? 'id';
  if (typeof idColumn !== 'string') throw new GeovecError('geovec: toArrow: idColumn must be a string');
  const { columns, nullRows } = propertyColumns(a.length, options.properties, options.ids, idColumn, name);
  const { data, encoding } = geometryData(a, options);
  const md = new Map([
    [EXT_NAME, encoding],
    [EXT_META, '{}'],
  ]);
  const fields = [new Field(name, data.type, true, md), ...columns.map((c) => c.field)];
  const schemaMeta = nullRows.length ? new Map([[NULL_PROPERTIES, JSON.stringify(nullRows)]]) : undefined;
  const schema = new Schema(fields, schemaMeta);
  const batch = makeData({ type: new Struct(fields), length: a.length, children: [data, ...columns.map((c) => c.data)] });
  return new Table([new RecordBatch(schema, batch)]);
}
