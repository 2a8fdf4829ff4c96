/**
 * Files in and out: readFile / openFile / writeFile / fileInfo over
 * GeoParquet, FlatGeobuf, GeoJSON, GeoJSONSeq and Arrow IPC, each giving
 * geometries as a GeometryArray and the other columns as an Arrow table.
 */
import type * as arrow from 'apache-arrow';

import { concatArrays, GeometryArray } from '../array.js';
import { GeovecError } from '../errors.js';
import { nodeBuiltin } from '../node.js';
import { arrowInfo, arrowTable, readArrowBatches } from './arrowipc.js';
import { fgbInfo, readFgbBatches, writeFgbBytes } from './flatgeobuf.js';
import { featureTexts, readGeoJSONSeqBatches, readGeoJSONWhole } from './geojson.js';
import { filterBox, parquetInfo, readParquetBatches, writeParquetBytes } from './geoparquet.js';
import { detectFormat, FORMATS, formatFromName, openSource, type FileFormat, type FileInput, type Source } from './source.js';
import { concatTables, takeRows } from './table.js';
import { geojsonHead } from './crs.js';
import type { FileBatch, FileInfo, ReadOptions, WriteOptions } from './types.js';

export type { FileBatch, FileInfo, ReadOptions, WriteOptions } from './types.js';
export type { FileFormat, FileInput } from './source.js';
export { propertiesToTable, rowObject } from './table.js';

function checkOptions(o: ReadOptions) {
  if (o.format !== undefined && !FORMATS.includes(o.format)) throw new GeovecError(`geovec: format must be one of ${FORMATS.join(', ')}`);
  if (o.bbox !== undefined && (!Array.isArray(o.bbox) || o.bbox.length !== 4 || o.bbox.some((v) => typeof v !== 'number' || Number.isNaN(v)))) {
    throw new GeovecError('geovec: bbox must be [minX, minY, maxX, maxY]');
  }
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize > 0)) throw new GeovecError('geovec: batchSize must be a positive integer');
}

/** Splits batches larger than the batch size (readers that yield what the file holds). */
async function* rebatch(it: AsyncGenerator<FileBatch>, size: number): AsyncGenerator<FileBatch> {
  for await (const b of it) {
    const n = b.geometry.length;
    if (n <= size) {
      yield b;
      continue;
    }
    for (let i = 0; i < n; i += size) {
      const end = Math.min(n, i + size);
      yield { geometry: b.geometry.slice(i, end), table: b.table.slice(i, end) };
    }
    b.geometry.dispose();
  }
}

function batches(src: Source, format: FileFormat, o: ReadOptions): AsyncGenerator<FileBatch> {
  return rebatch(formatBatches(src, format, o), o.batchSize ?? 65536);
}

async function* formatBatches(src: Source, format: FileFormat, o: ReadOptions, oneBatch = false): AsyncGenerator<FileBatch> {
  switch (format) {
    case 'geoparquet':
      yield* readParquetBatches(src, o, oneBatch);
      return;
    case 'flatgeobuf':
      yield* readFgbBatches(src, o);
      return;
    case 'geojsonseq':
      for await (const b of readGeoJSONSeqBatches(src, o)) yield select(o.bbox ? filterBox(b, o.bbox) : b, o);
      return;
    case 'geojson': {
      const whole = select(await readGeoJSONWhole(src), o);
      yield o.bbox ? filterBox(whole, o.bbox) : whole;
      return;
    }
    case 'arrow':
      for await (const b of readArrowBatches(src, o)) yield o.bbox ? filterBox(b, o.bbox) : b;
      return;
  }
}

function select(b: FileBatch, o: ReadOptions): FileBatch {
  if (!o.columns) return b;
  const names = b.table.schema.fields.map((f) => f.name);
  return { geometry: b.geometry, table: b.table.select(o.columns.filter((c) => names.includes(c))) };
}

/**
 * Reads a file (path, URL, bytes or Blob) batch by batch: memory stays
 * bounded by the batch size (GeoParquet: a row group at most; a GeoJSON
 * document is parsed whole). Each batch is `{ geometry, table }`.
 */
export async function* openFile(input: FileInput, options: ReadOptions = {}): AsyncGenerator<FileBatch> {
  checkOptions(options);
  const src = await openSource(input);
  try {
    const format = options.format ?? (await detectFormat(src));
    yield* batches(src, format, options);
  } finally {
    await src.close();
  }
}

/** Reads a whole file: `{ geometry, table }` with the other columns row-aligned, and `info` as fileInfo gives it. */
export async function readFile(input: FileInput, options: ReadOptions = {}): Promise<FileBatch & { info: FileInfo }> {
  checkOptions(options);
  const src = await openSource(input);
  try {
    const format = options.format ?? (await detectFormat(src));
    const info = await infoOf(src, format);
    const geoms: GeometryArray[] = [];
    const tables: arrow.Table[] = [];
    /* the result is one array: GeoParquet is read as one batch (row groups
     * whole, their geometry decoded in one call), not sliced into batches
     * that would only be joined again */
    const it = format === 'geoparquet' ? formatBatches(src, format, { ...options, batchSize: Number.POSITIVE_INFINITY }, true) : batches(src, format, options);
    for await (const b of it) {
      geoms.push(b.geometry);
      tables.push(b.table);
    }
    let geometry: GeometryArray;
    if (geoms.length === 0) geometry = (await import('../io.js')).fromWKB([]);
    else if (geoms.length === 1) geometry = geoms[0]!;
    else {
      /* once, at the end: each buffer copied in blocks, not once per batch */
      geometry = concatArrays(geoms);
      for (const g of geoms) g.dispose();
    }
    return { geometry, table: concatTables(tables, geometry.length), info };
  } finally {
    await src.close();
  }
}

async function infoOf(src: Source, format: FileFormat): Promise<FileInfo> {
  switch (format) {
    case 'geoparquet':
      return parquetInfo(src);
    case 'flatgeobuf':
      return fgbInfo(src);
    case 'arrow':
      return arrowInfo(src);
    default:
      return { format, rows: null, columns: [], geometryColumn: null, geometryTypes: [], bbox: null, crs: format === 'geojson' ? await geojsonCrs(src) : format === 'geojsonseq' ? 'OGC:CRS84' : null, details: {} };
  }
}

/** A GeoJSON document's CRS: longitude/latitude (RFC 7946), unless a legacy "crs" member before the features names another (as GDAL writes it). */
async function geojsonCrs(src: Source): Promise<unknown> {
  const head = new TextDecoder().decode(await src.read(0, Math.min(src.size, 65536)));
  const stop = head.search(/"features"\s*:/);
  const m = /"crs"\s*:\s*\{\s*"type"\s*:\s*"name"\s*,\s*"properties"\s*:\s*\{\s*"name"\s*:\s*"([^"]+)"/.exec(stop >= 0 ? head.slice(0, stop) : head);
  return m ? m[1]! : 'OGC:CRS84';
}

/** What a file holds, read from its header or metadata where the format has one. */
export async function fileInfo(input: FileInput, options: { format?: FileFormat } = {}): Promise<FileInfo> {
  const src = await openSource(input);
  try {
    return await infoOf(src, options.format ?? (await detectFormat(src)));
  } finally {
    await src.close();
  }
}

/** Encodes geometries and their table in a format; returns the bytes. */
export async function encodeFile(format: FileFormat, geometry: GeometryArray, table?: arrow.Table, options: WriteOptions = {}): Promise<Uint8Array> {
  if (!(geometry instanceof GeometryArray)) throw new GeovecError('geovec: writeFile: geometry must be a GeometryArray');
  if (table !== undefined && table !== null && (typeof table !== 'object' || !('schema' in table) || !('numRows' in table))) {
    throw new GeovecError('geovec: writeFile: table must be an apache-arrow Table');
  }
  switch (format) {
    case 'geoparquet':
      return writeParquetBytes(geometry, table ?? undefined, options);
    case 'flatgeobuf':
      return writeFgbBytes(geometry, table ?? undefined, options);
    case 'geojson': {
      const feats = featureTexts(geometry, table ?? undefined, options);
      return new TextEncoder().encode(`${geojsonHead(options.crs)}${feats.join(',\n')}\n]}\n`);
    }
    case 'geojsonseq': {
      const feats = featureTexts(geometry, table ?? undefined, options);
      return new TextEncoder().encode(feats.length ? feats.join('\n') + '\n' : '');
    }
    case 'arrow': {
      const { tableToIPC } = await import('apache-arrow');
      return tableToIPC(arrowTable(geometry, table ?? undefined, options), options.arrowIpc ?? 'file');
    }
  }
  throw new GeovecError(`geovec: format must be one of ${FORMATS.join(', ')}`);
}

/** Writes geometries (and a row-aligned Arrow table of properties) to a file; the format from `options.format` or the extension. */
export async function writeFile(path: string, geometry: GeometryArray, table?: arrow.Table, options: WriteOptions = {}): Promise<void> {
  const format = options.format ?? formatFromName(path);
  if (!format) throw new GeovecError(`geovec: writeFile: cannot tell the format of ${path} from its extension; pass { format }`);
  const o = format === 'arrow' && options.arrowIpc === undefined && /\.arrows$/i.test(path) ? { ...options, arrowIpc: 'stream' as const } : options;
  const bytes = await encodeFile(format, geometry, table, o);
  const fsp = nodeBuiltin('node:fs/promises');
  if (!fsp) throw new GeovecError('geovec: writeFile needs Node.js (use encodeFile in a browser)');
  try {
    await fsp.writeFile(path, bytes);
  } catch (e) {
    throw new GeovecError(`geovec: ${path}: ${(e as Error).message}`);
  }
}

export { takeRows };
