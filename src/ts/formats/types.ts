/** Types shared by the file readers and writers. */
import type * as arrow from 'apache-arrow';

import type { GeometryArray } from '../array.js';
import type { FileFormat } from './source.js';

export interface ReadOptions {
  /** The format; by default from the file's first bytes, then its extension. */
  format?: FileFormat;
  /** Property columns to read (default: all). The geometry column is always read. */
  columns?: string[];
  /** [minX, minY, maxX, maxY]: only rows whose geometry bounds meet this box (files with a spatial index or bbox statistics skip the rest unread). */
  bbox?: [number, number, number, number];
  /** Rows per batch of openFile (default 65,536). */
  batchSize?: number;
}

/** One batch of rows: geometries and the other columns, row-aligned. */
export interface FileBatch {
  geometry: GeometryArray;
  table: arrow.Table;
}

export interface FileInfo {
  format: FileFormat;
  /** Rows in the file (features), or null where the format does not say without reading it all. */
  rows: number | null;
  /** The property columns, in file order. */
  columns: string[];
  geometryColumn: string | null;
  /** Geometry types the file declares (GeoParquet, FlatGeobuf) or, where it declares none, an empty list. */
  geometryTypes: string[];
  /** [minX, minY, maxX, maxY] the file declares, or null. */
  bbox: [number, number, number, number] | null;
  /** The CRS as the file gives it (PROJJSON object, WKT text, "EPSG:4326" ...), or null. */
  crs: unknown;
  /** Format-specific facts (row groups, encoding, index ...). */
  details: Record<string, unknown>;
}

export interface WriteOptions {
  /** The format; by default from the file name's extension. */
  format?: FileFormat;
  /** GeoParquet / FlatGeobuf: sort rows in Hilbert order of their centres (default true), so bbox readers skip most of the file. */
  sort?: boolean;
  /** GeoParquet: 'snappy' (default), 'zstd', 'gzip', 'lz4', 'brotli', 'uncompressed'. */
  compression?: string;
  /** GeoParquet: rows per row group (default 65,536). */
  rowGroupSize?: number;
  /** The CRS to record (PROJJSON object for GeoParquet; WKT or "EPSG:n" for FlatGeobuf). */
  crs?: unknown;
  /** Name of the geometry column (GeoParquet, Arrow; default "geometry"). */
  geometryColumn?: string;
  /** FlatGeobuf: write the packed Hilbert R-tree (default true). */
  index?: boolean;
  /** GeoJSON / GeoJSONSeq: the property column written as each feature's "id" (default: a column named "id", if any). */
  idColumn?: string | null;
  /** Arrow: 'file' (default) or 'stream' (the default for a .arrows name). */
  arrowIpc?: 'file' | 'stream';
  /** Arrow: the geometry encoding ('native' by default where the types allow it, else WKB). */
  arrowEncoding?: 'native' | 'wkb' | 'wkt';
}
