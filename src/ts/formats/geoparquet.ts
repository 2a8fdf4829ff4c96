/**
 * GeoParquet 1.0 / 1.1 read and write.
 *
 * Library choice (measured, see docs/benchmarks.md W10): data pages are
 * decoded and encoded by parquet-wasm (Apache Arrow's Rust Parquet
 * implementation in WebAssembly): reading 1,000,000 WKB points (21 MB,
 * snappy) took 150 ms against 800 ms with hyparquet, and it returns Arrow
 * columns that geovec reads without a per-row step. parquet-wasm does not
 * expose column statistics, so the footer (row-group statistics of the
 * bbox covering columns, used to skip row groups for a bbox filter) is read
 * with hyparquet's metadata reader, which fetches only the footer bytes.
 */
import * as arrow from 'apache-arrow';

import { bounds, geometryType, totalBounds } from '../accessors.js';
import type { GeometryArray } from '../array.js';
import { TYPE_NAMES } from '../array.js';
import { fromArrow, type GeoArrowEncoding } from '../arrow.js';
import { GeovecError } from '../errors.js';
import { toWKB } from '../io.js';
import { hilbertOrder } from './hilbert.js';
import type { Source } from './source.js';
import { concatTables, emptyTable, takeRows } from './table.js';
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
  const { parquetMetadataAsync } = await import('hyparquet');
  let md: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    md = await parquetMetadataAsync(asyncBuffer(src), { geoparquet: false } as never);
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
  const top = md.schema.slice(1).filter((_, i, all) => i === 0 || true);
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
  void top;
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
    columns: names.filter((n) => n !== geometryColumn),
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

export async function* readParquetBatches(src: Source, o: ReadOptions): AsyncGenerator<FileBatch> {
  const p = await plan(src, o);
  const m = await parquetWasm();
  const file = await m.ParquetFile.fromFile(await src.blob());
  try {
    for (const rg of p.rowGroups) {
      let wasmTable: import('parquet-wasm').Table;
      try {
        wasmTable = await file.read({ rowGroups: [rg], columns: [p.geometryColumn, ...p.columns], batchSize: o.batchSize ?? 65536 });
      } catch (e) {
        throw new GeovecError(`geovec: ${src.name}: row group ${rg}: ${(e as Error).message ?? String(e)}`);
      }
      const t = arrow.tableFromIPC(wasmTable.intoIPCStream());
      for (const batch of t.batches) {
        const bt = new arrow.Table(batch);
        let geometry: GeometryArray;
        try {
          geometry = fromArrow(bt, { column: p.geometryColumn, encoding: p.encoding });
        } catch (e) {
          throw new GeovecError(`geovec: ${src.name}: row group ${rg}: geometry column ${p.geometryColumn}: ${(e as Error).message}`);
        }
        const table = p.columns.length ? bt.select(p.columns) : emptyTable(bt.numRows);
        const out = { geometry, table };
        yield o.bbox ? filterBox(out, o.bbox) : out;
      }
    }
  } finally {
    file.free();
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
  const compression = (o.compression ?? 'snappy').toLowerCase();
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) throw new GeovecError(`geovec: writeFile: compression must be one of ${COMPRESSIONS.join(', ')}`);
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
  const geomName = o.geometryColumn ?? 'geometry';
  const fields = [new arrow.Field(geomName, geomType, true), new arrow.Field('bbox', bboxType, true), ...props.schema.fields.filter((f) => f.name !== geomName && f.name !== 'bbox')];
  const total = totalBounds(g);
  const geo = {
    version: '1.1.0',
    primary_column: geomName,
    columns: {
      [geomName]: {
        encoding: 'WKB',
        geometry_types: typeNames(g),
        ...(o.crs !== undefined ? { crs: o.crs } : {}),
        ...(Number.isNaN(total[0]!) ? {} : { bbox: Array.from(total) }),
        covering: { bbox: { xmin: ['bbox', 'xmin'], ymin: ['bbox', 'ymin'], xmax: ['bbox', 'xmax'], ymax: ['bbox', 'ymax'] } },
      },
    },
    creator: { library: 'geovec' },
  };
  const schema = new arrow.Schema(fields);
  const children = [geomData, bboxData, ...fields.slice(2).map((f) => props.getChild(f.name)!.data[0] ?? arrow.makeData({ type: f.type, length: 0 }))];
  /* a multi-chunk property column is combined first */
  for (let k = 2; k < fields.length; k++) {
    const v = props.getChild(fields[k]!.name)!;
    if (v.data.length !== 1) children[k] = arrow.makeVector(v.toArray() as never).data[0]!;
  }
  const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, nullCount: 0, children }));
  const at = new arrow.Table(schema, batch);
  const m = await parquetWasm();
  const wt = m.Table.fromIPCStream(arrow.tableToIPC(at, 'stream'));
  const codec = { snappy: m.Compression.SNAPPY, zstd: m.Compression.ZSTD, gzip: m.Compression.GZIP, lz4: m.Compression.LZ4_RAW, brotli: m.Compression.BROTLI, uncompressed: m.Compression.UNCOMPRESSED }[compression as (typeof COMPRESSIONS)[number]];
  const wp = new m.WriterPropertiesBuilder()
    .setCompression(codec)
    .setMaxRowGroupSize(o.rowGroupSize ?? 65536)
    .setStatisticsEnabled(m.EnabledStatistics.Chunk)
    .setKeyValueMetadata(new Map([['geo', JSON.stringify(geo)]]))
    .setCreatedBy('geovec')
    .build();
  return m.writeParquet(wt, wp);
}

export { concatTables };
