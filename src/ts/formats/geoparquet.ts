/**
 * GeoParquet 1.0 / 1.1 read and write.
 *
 * Libraries, chosen by measurement and by how they fail (docs/benchmarks.md
 * W10): reading uses hyparquet (pure JavaScript), writing parquet-wasm
 * (Apache Arrow's Rust Parquet in WebAssembly). parquet-wasm also reads
 * 5x faster (1,000,000 WKB points: 150 ms against 800 ms), but on a
 * corrupt data page it panics inside WebAssembly, which leaves its promise
 * pending forever and the module in an unknown state; a reader must give a
 * clear error on a bad file, so reads go through hyparquet, whose errors are
 * ordinary exceptions. hyparquet reads the footer and the property columns;
 * the WKB geometry column chunk of each row group (snappy or uncompressed)
 * is decoded in the C core in one call (src/core/io/parquet_pages.c: page
 * headers, snappy, definition levels, PLAIN and dictionary values, WKB
 * straight into the GeometryArray), since going through hyparquet's JS
 * arrays of Uint8Array and then fromWKB read ~6-60 MB/s of geometry. Other
 * codecs (zstd, gzip, brotli, lz4: hyparquet-compressors) and encodings the
 * core does not read stay on the hyparquet path, as do the native GeoArrow
 * encodings. Reading is row group by row group (bounded memory),
 * and a bbox filter skips row groups by the statistics of the GeoParquet 1.1
 * bbox covering columns. Writing goes through parquet-wasm: every codec,
 * column statistics, and row groups as they come.
 */
import * as arrow from 'apache-arrow';

import { bounds, geometryType, totalBounds } from '../accessors.js';
import { GeometryArray, TYPE_NAMES } from '../array.js';
import { getBackend } from '../backend.js';
import { run } from '../call.js';
import type { GeoArrowEncoding } from '../arrow.js';
import { GeovecError, GeovecParseError } from '../errors.js';
import { fromWKB, fromWKT, parquetWkbChunk, toWKB } from '../io.js';
import { hilbertOrder } from './hilbert.js';
import type { Source } from './source.js';
import { concatTables, emptyTable, takeRows } from './table.js';
import { parquetCrs } from './crs.js';
import type { FileBatch, FileInfo, ReadOptions, WriteOptions } from './types.js';

interface GeoColumnMeta {
  encoding: string;
  geometry_types?: string[];
  crs?: unknown;
  bbox?: number[];
  covering?: { bbox?: Record<'xmin' | 'ymin' | 'xmax' | 'ymax', string[]> };
  edges?: string;
}
interface GeoMeta {
  version?: string;
  primary_column?: string;
  columns?: Record<string, GeoColumnMeta>;
}

type ParquetWasm = typeof import('parquet-wasm');
let pw: Promise<ParquetWasm> | undefined;
async function parquetWasm(): Promise<ParquetWasm> {
  pw ??= import('parquet-wasm').then(async (m) => {
    const init = (m as unknown as { default?: unknown }).default;
    /* the browser (esm) build must be initialised; the Node build is ready */
    if (typeof init === 'function' && typeof process === 'undefined') await (init as () => Promise<unknown>)();
    return m;
  });
  return pw;
}

/* Modules loaded once: a dynamic import() per read costs a loader round
 * trip each time (measurable on small files under loader hooks). */
type Hyparquet = typeof import('hyparquet');
let hp: Promise<Hyparquet> | undefined;
const hyparquet = (): Promise<Hyparquet> => (hp ??= import('hyparquet'));
type Compressors = (typeof import('hyparquet-compressors'))['compressors'];
let hc: Promise<Compressors> | undefined;
const hyparquetCompressors = (): Promise<Compressors> => (hc ??= import('hyparquet-compressors').then((m) => m.compressors));

type Metadata = Awaited<ReturnType<Hyparquet['parquetMetadataAsync']>>;
/* The footer of a source, parsed once (fileInfo and the reader both need it). */
const footers = new WeakMap<Source, Promise<Metadata>>();
function footer(src: Source): Promise<Metadata> {
  let m = footers.get(src);
  if (!m) {
    m = hyparquet().then((h) => h.parquetMetadataAsync(asyncBuffer(src), { geoparquet: false } as never));
    footers.set(src, m);
  }
  return m;
}

const ENCODINGS: Record<string, GeoArrowEncoding> = {
  wkb: 'geoarrow.wkb',
  point: 'geoarrow.point',
  linestring: 'geoarrow.linestring',
  polygon: 'geoarrow.polygon',
  multipoint: 'geoarrow.multipoint',
  multilinestring: 'geoarrow.multilinestring',
  multipolygon: 'geoarrow.multipolygon',
};

function asyncBuffer(src: Source) {
  return {
    byteLength: src.size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const b = await src.read(start, (end ?? src.size) - start);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

interface Plan {
  info: FileInfo;
  geometryColumn: string;
  encoding: GeoArrowEncoding;
  columns: string[];
  rowGroups: number[];
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN);

async function plan(src: Source, o: ReadOptions): Promise<Plan> {
  let md: Metadata;
  try {
    md = await footer(src);
  } catch (e) {
    throw new GeovecError(`geovec: ${src.name}: not a readable Parquet file (${(e as Error).message})`);
  }
  const kv = new Map((md.key_value_metadata ?? []).map((k) => [k.key, k.value ?? '']));
  let geo: GeoMeta | undefined;
  if (kv.has('geo')) {
    try {
      geo = JSON.parse(kv.get('geo')!) as GeoMeta;
    } catch {
      throw new GeovecError(`geovec: ${src.name}: the "geo" metadata is not valid JSON`);
    }
  }
  const names: string[] = [];
  /* top-level columns: walk the flattened schema by num_children */
  for (let i = 1; i < md.schema.length; ) {
    const el = md.schema[i]!;
    names.push(el.name);
    let skip = 1, pending = el.num_children ?? 0;
    while (pending > 0) {
      const c = md.schema[i + skip]!;
      pending += (c.num_children ?? 0) - 1;
      skip++;
    }
    i += skip;
  }
  let geometryColumn = geo?.primary_column;
  let meta = geometryColumn ? geo?.columns?.[geometryColumn] : undefined;
  if (!geometryColumn || !meta) {
    /* plain Parquet: a GEOMETRY / GEOGRAPHY logical type, or a binary column named geometry / geom */
    const el = md.schema.find((s) => (s.logical_type as { type?: string } | undefined)?.type === 'GEOMETRY' || (s.logical_type as { type?: string } | undefined)?.type === 'GEOGRAPHY')
      ?? md.schema.find((s) => (s.name === 'geometry' || s.name === 'geom') && s.type === 'BYTE_ARRAY');
    if (!el) throw new GeovecError(`geovec: ${src.name}: no geometry column (no "geo" metadata, no GEOMETRY column, no binary column named geometry or geom)`);
    geometryColumn = el.name;
    meta = { encoding: 'WKB' };
  }
  if (!names.includes(geometryColumn)) throw new GeovecError(`geovec: ${src.name}: the "geo" metadata names column ${geometryColumn}, which the file does not have`);
  const encoding = ENCODINGS[meta.encoding.toLowerCase()];
  if (!encoding) throw new GeovecError(`geovec: ${src.name}: unsupported GeoParquet encoding ${meta.encoding}`);
  const cover = meta.covering?.bbox;
  const coverColumn = cover?.xmin?.[0];
  let columns = names.filter((n) => n !== geometryColumn && n !== coverColumn);
  if (o.columns) {
    for (const c of o.columns) if (!names.includes(c)) throw new GeovecError(`geovec: ${src.name}: no column ${c} (columns: ${names.join(', ')})`);
    columns = o.columns.filter((c) => c !== geometryColumn);
  }
  /* row groups: skip those whose covering bbox statistics miss the query box */
  const rowGroups: number[] = [];
  md.row_groups.forEach((rg, i) => {
    if (o.bbox && cover) {
      const stat = (path: string[] | undefined, which: 'min' | 'max') => {
        if (!path) return NaN;
        const col = rg.columns.find((c) => c.meta_data?.path_in_schema.join('.') === path.join('.'));
        const s = col?.meta_data?.statistics;
        return num(which === 'min' ? (s?.min_value ?? s?.min) : (s?.max_value ?? s?.max));
      };
      const [qx0, qy0, qx1, qy1] = o.bbox;
      if (stat(cover.xmin, 'min') > qx1 || stat(cover.ymin, 'min') > qy1 || stat(cover.xmax, 'max') < qx0 || stat(cover.ymax, 'max') < qy0) return;
    }
    rowGroups.push(i);
  });
  const info: FileInfo = {
    format: 'geoparquet',
    rows: Number(md.num_rows),
    columns: names.filter((n) => n !== geometryColumn && n !== coverColumn),
    geometryColumn,
    geometryTypes: meta.geometry_types ?? [],
    bbox: meta.bbox && meta.bbox.length >= 4 ? [meta.bbox[0]!, meta.bbox[1]!, meta.bbox[2]!, meta.bbox[3]!] : null,
    crs: meta.crs === undefined ? (geo ? 'OGC:CRS84' : null) : meta.crs,
    details: { version: geo?.version ?? null, encoding: meta.encoding, rowGroups: md.row_groups.length, rowGroupsRead: rowGroups.length, covering: coverColumn ?? null, edges: meta.edges ?? 'planar' },
  };
  return { info, geometryColumn, encoding, columns, rowGroups };
}

export async function parquetInfo(src: Source): Promise<FileInfo> {
  return (await plan(src, {})).info;
}

/** Keeps the rows whose geometry bounds meet the box. */
export function filterBox(batch: FileBatch, box: readonly number[]): FileBatch {
  const b = bounds(batch.geometry);
  const keep: number[] = [];
  for (let i = 0; i < batch.geometry.length; i++) {
    if (b[4 * i]! <= box[2]! && b[4 * i + 2]! >= box[0]! && b[4 * i + 1]! <= box[3]! && b[4 * i + 3]! >= box[1]!) keep.push(i);
  }
  if (keep.length === batch.geometry.length) return batch;
  return { geometry: batch.geometry.take(keep), table: takeRows(batch.table, keep) };
}

/** The Arrow type for a top-level Parquet column (nested columns become JSON text). */
function arrowTypeOf(el: { type?: string; converted_type?: string; logical_type?: { type?: string }; num_children?: number }): arrow.DataType {
  if (el.num_children) return new arrow.Utf8();
  const lt = el.logical_type?.type;
  switch (el.type) {
    case 'BOOLEAN': return new arrow.Bool();
    case 'INT32': return lt === 'DATE' || el.converted_type === 'DATE' ? new arrow.Utf8() : new arrow.Int32();
    case 'INT64': return lt === 'TIMESTAMP' || /TIMESTAMP/.test(el.converted_type ?? '') ? new arrow.Utf8() : new arrow.Int64();
    case 'FLOAT': return new arrow.Float32();
    case 'DOUBLE': return new arrow.Float64();
    case 'BYTE_ARRAY':
      return lt === 'STRING' || lt === 'JSON' || lt === 'ENUM' || el.converted_type === 'UTF8' || el.converted_type === 'JSON' ? new arrow.Utf8() : new arrow.Binary();
    default: return new arrow.Utf8();
  }
}

function cell(v: unknown, t: arrow.DataType): unknown {
  if (v === null || v === undefined) return null;
  if (t.typeId === arrow.Type.Utf8) {
    if (typeof v === 'string') return v;
    if (v instanceof Date) return v.toISOString();
    return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x instanceof Uint8Array ? Array.from(x) : x));
  }
  if (t.typeId === arrow.Type.Int && (t as arrow.Int).bitWidth === 64) return typeof v === 'bigint' ? v : BigInt(v as number);
  return v;
}

/* Native GeoParquet encodings as hyparquet gives them (nested arrays of {x, y[, z][, m]}) -> GeoJSON-like coordinates. */
const NATIVE_TYPES: Record<string, [string, number]> = {
  'geoarrow.point': ['Point', 0],
  'geoarrow.linestring': ['LineString', 1],
  'geoarrow.polygon': ['Polygon', 2],
  'geoarrow.multipoint': ['MultiPoint', 1],
  'geoarrow.multilinestring': ['MultiLineString', 2],
  'geoarrow.multipolygon': ['MultiPolygon', 3],
};

function nativeToWKT(v: unknown, encoding: GeoArrowEncoding, dimsOfColumn: string): string | null {
  if (v === null || v === undefined) return null;
  const [type, depth] = NATIVE_TYPES[encoding]!;
  const coord = (c: Record<string, number>) => {
    const parts = [c.x, c.y];
    if (c.z !== undefined) parts.push(c.z);
    if (c.m !== undefined) parts.push(c.m);
    return parts.map((x) => (x === null || x === undefined ? NaN : x)).join(' ');
  };
  const dims = (_c?: Record<string, number>) => dimsOfColumn;
  let first: Record<string, number> | null = null;
  const text = (x: unknown, d: number): string => {
    if (d === 0) {
      const c = x as Record<string, number>;
      first ??= c;
      return coord(c);
    }
    const list = x as unknown[];
    if (!list.length) return 'EMPTY';
    return `(${list.map((e) => text(e, d - 1)).join(', ')})`;
  };
  if (depth === 0) {
    const c = v as Record<string, number>;
    if (Number.isNaN(c.x) && Number.isNaN(c.y)) return `POINT${dims(c)} EMPTY`;
    return `POINT${dims(c)} (${coord(c)})`;
  }
  if (type === 'MultiPoint') {
    const list = v as Record<string, number>[];
    if (!list.length) return `MULTIPOINT${dimsOfColumn} EMPTY`;
    return `MULTIPOINT${dims(list[0]!)} (${list.map((c) => `(${coord(c)})`).join(', ')})`;
  }
  const body = text(v, depth);
  void first;
  return `${type.toUpperCase()}${dimsOfColumn} ${body}`;
}

/* geometry bytes stay WKB (not GeoJSON objects), JSON stays text, strings
 * stay UTF-8 bytes (columnVector copies them into the Arrow column as they
 * are: no decode to JS strings and encode back) */
const textDecoder = new TextDecoder();
const RAW_PARSERS = {
  geometryFromBytes: (b: Uint8Array) => b,
  geographyFromBytes: (b: Uint8Array) => b,
  jsonFromBytes: (b: Uint8Array) => textDecoder.decode(b),
  stringFromBytes: (b: Uint8Array | undefined) => b,
};

const textEncoder = new TextEncoder();

/**
 * An Arrow vector of type t from a column's values as hyparquet gives them
 * (a typed array, or an array with null / undefined for nulls): the
 * buffers are filled directly for numbers and text (UTF-8 bytes copied as
 * they are); other types go through cell() and vectorFromArray.
 */
function columnVector(vals: ArrayLike<unknown>, t: arrow.DataType): arrow.Vector {
  const n = vals.length;
  const direct = t.typeId === arrow.Type.Utf8 || t.typeId === arrow.Type.Float || (t.typeId === arrow.Type.Int && ((t as arrow.Int).bitWidth === 32 || (t as arrow.Int).bitWidth === 64));
  if (!direct) return arrow.vectorFromArray(Array.from(vals, (v) => cell(v, t)), t);
  let nulls = 0;
  const typed = ArrayBuffer.isView(vals);
  if (!typed) for (let i = 0; i < n; i++) if (vals[i] === null || vals[i] === undefined) nulls++;
  let nullBitmap: Uint8Array | undefined;
  if (nulls) {
    nullBitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (vals[i] !== null && vals[i] !== undefined) nullBitmap[i >> 3]! |= 1 << (i & 7);
  }
  const make = (props: Record<string, unknown>) => arrow.makeVector(arrow.makeData({ type: t, length: n, nullCount: nulls, nullBitmap, ...props } as never));
  if (t.typeId === arrow.Type.Utf8) {
    const parts = new Array<Uint8Array | null>(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === null || v === undefined) parts[i] = null;
      else {
        const b = v instanceof Uint8Array ? v : textEncoder.encode(cell(v, t) as string);
        parts[i] = b;
        total += b.length;
      }
    }
    if (total > 0x7fffffff) return arrow.vectorFromArray(Array.from(vals, (v) => (v instanceof Uint8Array ? textDecoder.decode(v) : cell(v, t))), t);
    const data = new Uint8Array(total);
    const valueOffsets = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const b = parts[i];
      if (b) {
        data.set(b, at);
        at += b.length;
      }
      valueOffsets[i + 1] = at;
    }
    return make({ valueOffsets, data });
  }
  if (t.typeId === arrow.Type.Float) {
    const data = (t as arrow.Float).precision === arrow.Precision.SINGLE ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v !== null && v !== undefined) data[i] = Number(v);
    }
    return make({ data });
  }
  if ((t as arrow.Int).bitWidth === 32) {
    const data = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v !== null && v !== undefined) data[i] = Number(v);
    }
    return make({ data });
  }
  const data = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (v !== null && v !== undefined) data[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
  }
  return make({ data });
}

/**
 * The file batch by batch; with `oneBatch` (readFile), the whole file as
 * one batch, the WKB geometry of every row group then decoded in one C call
 * (no per-row-group arrays to concatenate).
 */
export async function* readParquetBatches(src: Source, o: ReadOptions, oneBatch = false): AsyncGenerator<FileBatch> {
  const p = await plan(src, o);
  const { parquetRead } = await hyparquet();
  const compressors = await hyparquetCompressors();
  const file = asyncBuffer(src);
  const metadata = await footer(src);
  const elements = new Map(metadata.schema.map((el) => [el.name, el]));
  const types = p.columns.map((c) => arrowTypeOf(elements.get(c) ?? {}));
  /* the dimensions of a native column, from the names of its coordinate fields */
  const leafNames = new Set<string>();
  for (const rg of metadata.row_groups.slice(0, 1)) for (const c of rg.columns) if (c.meta_data?.path_in_schema[0] === p.geometryColumn) leafNames.add(c.meta_data.path_in_schema[c.meta_data.path_in_schema.length - 1]!);
  const nativeDims = leafNames.has('z') && leafNames.has('m') ? ' ZM' : leafNames.has('z') ? ' Z' : leafNames.has('m') ? ' M' : '';
  const batchSize = o.batchSize ?? 65536;
  let rowStart = 0;
  const starts = metadata.row_groups.map((rg) => {
    const s = rowStart;
    rowStart += Number(rg.num_rows);
    return s;
  });
  /* WKB in a top-level BYTE_ARRAY column (not text): its column chunks are decoded in C */
  const geomEl = topLevelElement(metadata.schema, p.geometryColumn);
  const textual = geomEl && (['STRING', 'JSON', 'ENUM'].includes((geomEl.logical_type as { type?: string } | undefined)?.type ?? '') || geomEl.converted_type === 'UTF8' || geomEl.converted_type === 'JSON');
  const inC = p.encoding === 'geoarrow.wkb' && geomEl !== undefined && geomEl.type === 'BYTE_ARRAY' && !geomEl.num_children && geomEl.repetition_type !== 'REPEATED' && !textual;
  const maxDef = geomEl?.repetition_type === 'OPTIONAL' ? 1 : 0;
  const pre = oneBatch && inC ? await wkbChunks(src, metadata, p.rowGroups, p.geometryColumn, maxDef, starts) : null;
  const tables: arrow.Table[] = [];
  for (const rg of p.rowGroups) {
    const first = starts[rg]!, count = Number(metadata.row_groups[rg]!.num_rows);
    const whole = pre ? null : inC ? await wkbChunk(src, metadata.row_groups[rg]!, rg, p.geometryColumn, geomEl!.repetition_type === 'OPTIONAL' ? 1 : 0, first, count) : null;
    try {
      for (let at = first; at < first + count; at += batchSize) {
        const end = Math.min(first + count, at + batchSize);
        const columns = whole || pre ? p.columns : [p.geometryColumn, ...p.columns];
        const cols = new Map<string, ArrayLike<unknown>>();
        if (columns.length) {
          try {
            await parquetRead({
              file,
              metadata,
              columns,
              rowStart: at,
              rowEnd: end,
              compressors,
              geoparquet: false,
              utf8: false,
              parsers: RAW_PARSERS,
              onChunk: (ch: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number }) => {
                /* the rows [at, end) of the chunk, without a copy when it is exactly them */
                const data = ch.columnData as ArrayLike<unknown> & { slice?: (a: number, b: number) => ArrayLike<unknown> };
                const lo = Math.max(0, at - ch.rowStart), hi = end - ch.rowStart;
                const part = lo === 0 && hi >= data.length ? data : typeof data.slice === 'function' ? data.slice(lo, hi) : Array.from(data).slice(lo, hi);
                const prev = cols.get(ch.columnName);
                cols.set(ch.columnName, prev && ch.rowStart > at ? [...Array.from(prev), ...Array.from(part)] : part);
              },
            } as never);
          } catch (e) {
            throw new GeovecError(`geovec: ${src.name}: row group ${rg} (rows ${at}-${end - 1}): ${(e as Error).message}`);
          }
        }
        let geometry: GeometryArray | null = null;
        if (pre) {
          /* the geometry of every row group is `pre`, joined with the tables below */
        } else if (whole) {
          geometry = at === first && end === first + count ? whole : whole.slice(at - first, end - first);
        } else {
          const geoms = cols.get(p.geometryColumn) ?? [];
          if (geoms.length !== end - at) throw new GeovecError(`geovec: ${src.name}: row group ${rg}: geometry column ${p.geometryColumn} has ${geoms.length} values for ${end - at} rows`);
          try {
            if (p.encoding === 'geoarrow.wkb') {
              for (let i = 0; i < geoms.length; i++) {
                const g = geoms[i];
                if (g !== null && g !== undefined && (!(g instanceof Uint8Array) || textual)) throw new GeovecError(`row ${at + i}: the geometry column holds ${typeof g === 'string' || textual ? 'text' : typeof g}, not WKB bytes`);
              }
              geometry = fromWKB(geoms as (Uint8Array | null)[]);
            } else {
              geometry = fromWKT(Array.from(geoms, (g) => nativeToWKT(g, p.encoding, nativeDims)));
            }
          } catch (e) {
            const msg = e instanceof GeovecParseError ? `row ${at + e.index}: ${e.reason}` : (e as Error).message.replace(/^geovec: /, '');
            throw new GeovecError(`geovec: ${src.name}: row group ${rg}: geometry column ${p.geometryColumn}: ${msg}`);
          }
        }
        const vecs: Record<string, arrow.Vector> = {};
        p.columns.forEach((c, k) => {
          const t = types[k]!;
          vecs[c] = columnVector(cols.get(c) ?? [], t);
        });
        const table = p.columns.length ? new arrow.Table(vecs) : emptyTable(end - at);
        if (!geometry) {
          tables.push(table);
          continue;
        }
        const out = { geometry, table };
        yield o.bbox ? filterBox(out, o.bbox) : out;
      }
    } finally {
      /* the batches hold slices (copies) of a row group read whole */
      if (whole && (count > batchSize || count === 0)) whole.dispose();
    }
  }
  if (pre) {
    const out = { geometry: pre, table: concatTables(tables, pre.length) };
    const kept = o.bbox ? filterBox(out, o.bbox) : out;
    if (kept.geometry !== pre) pre.dispose();
    yield kept;
  }
}

/**
 * The geometry column chunks of the row groups `rgs` decoded in one C call
 * into one array, or null when any of them needs the per-row-group path
 * (another codec, an encoding the core does not read, a chunk outside the
 * file, or an error: that path reads the chunk again and reports it with
 * its row group).
 */
async function wkbChunks(src: Source, md: Metadata, rgs: number[], column: string, maxDef: number, starts: number[]): Promise<GeometryArray | null> {
  const parts: Uint8Array[] = [];
  const table = new Float64Array(6 * rgs.length);
  let total = 0;
  /* a file in memory, with the native backend (which reads the input in
   * place): the chunks are passed where they lie, as one view from the
   * first to the end of the last, not copied together */
  const inPlace = src.bytes !== undefined && getBackend().name === 'native';
  let lo = Number.POSITIVE_INFINITY, hi = 0;
  for (let j = 0; j < rgs.length; j++) {
    const rg = md.row_groups[rgs[j]!]!;
    const cm = rg.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column)?.meta_data;
    if (!cm) return null;
    const codec = cm.codec === 'UNCOMPRESSED' ? 0 : cm.codec === 'SNAPPY' ? 1 : -1;
    if (codec < 0) return null;
    let start = Number(cm.data_page_offset);
    const dict = cm.dictionary_page_offset === undefined ? NaN : Number(cm.dictionary_page_offset);
    if (dict > 0 && dict < start) start = dict;
    const len = Number(cm.total_compressed_size);
    if (!(start >= 0 && len >= 0 && start + len <= src.size)) return null;
    if (inPlace) {
      table.set([start, len, Number(rg.num_rows), codec, start, starts[rgs[j]!]!], 6 * j);
      lo = Math.min(lo, start);
      hi = Math.max(hi, start + len);
      continue;
    }
    const bytes = await src.read(start, len);
    table.set([total, bytes.length, Number(rg.num_rows), codec, start, starts[rgs[j]!]!], 6 * j);
    parts.push(bytes);
    total += bytes.length;
  }
  if (inPlace && rgs.length) for (let j = 0; j < rgs.length; j++) table[6 * j] = table[6 * j]! - lo;
  let all = inPlace ? src.bytes!.subarray(rgs.length ? lo : 0, rgs.length ? hi : 0) : parts.length === 1 ? parts[0]! : new Uint8Array(total);
  if (!inPlace && parts.length !== 1) {
    let at = 0;
    for (const b of parts) {
      all.set(b, at);
      at += b.length;
    }
  }
  if (!inPlace && parts.length === 0) all = new Uint8Array(0);
  try {
    return new GeometryArray(run('parquet_wkb_chunks', [], [all, table], [maxDef], 'GeoParquet').array);
  } catch {
    return null;
  }
}

/** The schema element of a top-level column (a leaf or a group), by name. */
function topLevelElement<E extends { name: string; num_children?: number }>(schema: E[], name: string): E | undefined {
  for (let i = 1; i < schema.length; ) {
    const el = schema[i]!;
    if (el.name === name) return el;
    let skip = 1, pending = el.num_children ?? 0;
    while (pending > 0 && i + skip < schema.length) {
      pending += (schema[i + skip]!.num_children ?? 0) - 1;
      skip++;
    }
    i += skip;
  }
  return undefined;
}

type RowGroupMeta = Metadata['row_groups'][number];

/**
 * The geometry column chunk of a row group decoded in C (uncompressed and
 * snappy chunks; PLAIN and dictionary pages, v1 and v2), or null when the
 * chunk needs the hyparquet path: another codec (gzip, zstd, brotli, lz4:
 * hyparquet-compressors decompresses them there) or an encoding the core
 * does not read.
 */
async function wkbChunk(src: Source, rg: RowGroupMeta, index: number, column: string, maxDef: number, firstRow: number, rows: number): Promise<GeometryArray | null> {
  const cm = rg.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column)?.meta_data;
  if (!cm) return null;
  const codec = cm.codec === 'UNCOMPRESSED' ? 0 : cm.codec === 'SNAPPY' ? 1 : -1;
  if (codec < 0) return null;
  let start = Number(cm.data_page_offset);
  const dict = cm.dictionary_page_offset === undefined ? NaN : Number(cm.dictionary_page_offset);
  if (dict > 0 && dict < start) start = dict;
  const len = Number(cm.total_compressed_size);
  const where = `geovec: ${src.name}: row group ${index}: geometry column ${column}`;
  if (!(start >= 0 && len >= 0 && start + len <= src.size)) {
    throw new GeovecError(`${where}: the column chunk (file bytes ${start}-${start + len}) lies outside the file (${src.size} bytes)`);
  }
  const bytes = await src.read(start, len);
  try {
    return parquetWkbChunk(bytes, rows, codec, maxDef, start, firstRow);
  } catch (e) {
    if (e instanceof GeovecParseError) throw new GeovecError(`${where}: ${e.reason}`);
    if (e instanceof GeovecError && /unsupported/.test(e.message)) return null;
    if (e instanceof GeovecError) throw new GeovecError(`${where}: ${e.message.replace(/^geovec: /, '')}`);
    throw e;
  }
}

const COMPRESSIONS = ['snappy', 'zstd', 'gzip', 'lz4', 'brotli', 'uncompressed'] as const;

function typeNames(a: GeometryArray): string[] {
  const codes = geometryType(a);
  const seen = new Set<string>();
  const dims = a.dims;
  const suffix = dims === 'xyz' || dims === 'xyzm' ? ' Z' : '';
  for (const c of codes) if (c) seen.add(`${TYPE_NAMES[c]}${suffix}`);
  return [...seen].sort();
}

/** The GeoParquet "geo" metadata for a WKB geometry column with a bbox covering column. */
function geoMetadata(geomName: string, types: string[], bbox: number[] | null, crs: unknown): string {
  return JSON.stringify({
    version: '1.1.0',
    primary_column: geomName,
    columns: {
      [geomName]: {
        encoding: 'WKB',
        geometry_types: types,
        ...(crs !== undefined ? { crs } : {}),
        ...(bbox ? { bbox } : {}),
        covering: { bbox: { xmin: ['bbox', 'xmin'], ymin: ['bbox', 'ymin'], xmax: ['bbox', 'xmax'], ymax: ['bbox', 'ymax'] } },
      },
    },
    creator: { library: 'geovec' },
  });
}

/** The Arrow table written to Parquet: WKB geometry, the bbox covering struct, then the properties. */
function parquetTable(g: GeometryArray, props: arrow.Table, geomName: string): arrow.Table {
  const n = g.length;
  const wkb = toWKB(g, { packed: true });
  const codes = geometryType(g);
  const validity = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i]) validity[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  const big = wkb.data.byteLength > 0x7fffffff;
  const geomType = big ? new arrow.LargeBinary() : new arrow.Binary();
  const geomData = arrow.makeData({
    type: geomType as arrow.Binary,
    length: n,
    nullCount: nulls,
    nullBitmap: nulls ? validity : null,
    valueOffsets: (big ? wkb.offsets : Int32Array.from(wkb.offsets, (v) => Number(v))) as Int32Array,
    data: wkb.data,
  });
  const b = bounds(g);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  let bboxNulls = 0;
  const bboxValid = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 4; k++) cols[k]![i] = b[4 * i + k]!;
    if (Number.isNaN(b[4 * i]!)) bboxNulls++;
    else bboxValid[i >> 3]! |= 1 << (i & 7);
  }
  const f64 = new arrow.Float64();
  const bboxType = new arrow.Struct(['xmin', 'ymin', 'xmax', 'ymax'].map((k) => new arrow.Field(k, f64, true)));
  const bboxData = arrow.makeData({
    type: bboxType,
    length: n,
    nullCount: bboxNulls,
    nullBitmap: bboxNulls ? bboxValid : null,
    children: cols.map((c) => arrow.makeData({ type: f64, length: n, nullCount: 0, data: c })),
  });
  const fields = [new arrow.Field(geomName, geomType, true), new arrow.Field('bbox', bboxType, true), ...props.schema.fields.filter((f) => f.name !== geomName && f.name !== 'bbox')];
  const children = [geomData, bboxData];
  for (const f of fields.slice(2)) {
    const v = props.getChild(f.name)!;
    children.push(v.data.length === 1 ? v.data[0]! : arrow.makeVector(v.toArray() as never).data[0]!);
  }
  const schema = new arrow.Schema(fields);
  return new arrow.Table(schema, new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, nullCount: 0, children })));
}

async function writerProperties(o: WriteOptions, geo: string) {
  const compression = (o.compression ?? 'snappy').toLowerCase();
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) throw new GeovecError(`geovec: writeFile: compression must be one of ${COMPRESSIONS.join(', ')}`);
  const m = await parquetWasm();
  const codec = { snappy: m.Compression.SNAPPY, zstd: m.Compression.ZSTD, gzip: m.Compression.GZIP, lz4: m.Compression.LZ4_RAW, brotli: m.Compression.BROTLI, uncompressed: m.Compression.UNCOMPRESSED }[compression as (typeof COMPRESSIONS)[number]];
  return new m.WriterPropertiesBuilder()
    .setCompression(codec)
    .setMaxRowGroupSize(o.rowGroupSize ?? 65536)
    .setStatisticsEnabled(m.EnabledStatistics.Chunk)
    .setKeyValueMetadata(new Map([['geo', geo]]))
    .setCreatedBy('geovec')
    .build();
}

/** Encodes a GeoParquet 1.1 file (WKB geometry, bbox covering column, Hilbert-sorted rows by default). */
export async function writeParquetBytes(geometry: GeometryArray, table: arrow.Table | undefined, o: WriteOptions): Promise<Uint8Array> {
  const n = geometry.length;
  let props = table ?? emptyTable(n);
  if (props.numRows !== n) throw new GeovecError(`geovec: writeFile: the table has ${props.numRows} rows for ${n} geometries`);
  let g = geometry;
  if (o.sort !== false && n > 1) {
    const order = hilbertOrder(geometry);
    g = geometry.take(order);
    props = takeRows(props, order);
  }
  const geomName = o.geometryColumn ?? 'geometry';
  const total = totalBounds(g);
  const wp = await writerProperties(o, geoMetadata(geomName, typeNames(g), Number.isNaN(total[0]!) ? null : Array.from(total), parquetCrs(o.crs)));
  const m = await parquetWasm();
  const wt = m.Table.fromIPCStream(arrow.tableToIPC(parquetTable(g, props, geomName), 'stream'));
  return m.writeParquet(wt, wp);
}

/**
 * A GeoParquet writer fed batch by batch (bounded memory: each batch
 * becomes row groups as it comes). The "geo" metadata is written before
 * the rows are seen, so it lists no geometry types and no file bbox (both
 * optional in GeoParquet); the bbox covering column is written as usual.
 */
export async function parquetStreamWriter(sink: (chunk: Uint8Array) => Promise<void>, o: WriteOptions) {
  const m = await parquetWasm();
  const geomName = o.geometryColumn ?? 'geometry';
  const wp = await writerProperties(o, geoMetadata(geomName, [], null, parquetCrs(o.crs)));
  /* backpressure: write() waits until the transform has pulled the previous batch */
  let controller!: ReadableStreamDefaultController<unknown>;
  let wake: (() => void) | null = null;
  const input = new ReadableStream<unknown>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 1 },
  );
  /* transformParquetStream reads the first batch (for the schema) before it
   * returns, so it starts once the first batch is queued */
  let pump: Promise<void> | null = null;
  const start = () =>
    (async () => {
      const output = await m.transformParquetStream(input, wp);
      const reader = output.getReader();
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        await sink(value as Uint8Array);
      }
    })();
  return {
    async write(g: GeometryArray, props: arrow.Table) {
      const t = parquetTable(g, props, geomName);
      const rb = m.Table.fromIPCStream(arrow.tableToIPC(t, 'stream')).recordBatch(0);
      if (!rb) return;
      controller.enqueue(rb);
      pump ??= start();
      if ((controller.desiredSize ?? 1) <= 0) await Promise.race([new Promise<void>((r) => (wake = r)), pump]);
    },
    async close() {
      controller.close();
      if (pump) await pump;
      else await sink(await writeParquetBytes((await import('../io.js')).fromWKB([]), undefined, o));
    },
  };
}
