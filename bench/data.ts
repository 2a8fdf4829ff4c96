/**
 * Benchmark inputs, read from the shared real-world data folder
 * (../shared/data next to the repo) and prepared once per process.
 * WKB is made with wkx, independently of geovec, so a geovec bug cannot
 * make its own input easier to parse.
 */
import { readFileSync } from 'node:fs';
import wkx from 'wkx';

/** ../shared/data beside the repository (GEOVEC_DATA_DIR overrides it, e.g. in a worktree elsewhere). */
export const DATA_DIR = process.env.GEOVEC_DATA_DIR
  ? new URL(`file://${process.env.GEOVEC_DATA_DIR.replace(/\/?$/, '/')}`)
  : new URL('../../shared/data/', import.meta.url);

/** The raw bytes of a file in the shared data folder. */
export function dataBytes(name: string): Uint8Array {
  const b = readFileSync(new URL(name, DATA_DIR));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

interface GeoJSONGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJSONGeometry[];
}

interface FeatureCollection {
  type: 'FeatureCollection';
  features: { geometry: GeoJSONGeometry | null }[];
}

/** A GeoJSON FeatureCollection with every derived encoding a parse benchmark needs. */
export interface GeoJSONDataset {
  name: string;
  /** The document as UTF-8 bytes and as a string (the same text). */
  bytes: Uint8Array;
  text: string;
  /** Number of features, and of positions over all of them. */
  count: number;
  coordinates: number;
  /** ISO WKB (little endian) per feature, made by wkx; each its own buffer. */
  wkb: Uint8Array[];
  /** The same WKB packed into one buffer: feature i is data[offsets[i], offsets[i+1]). */
  packed: { data: Uint8Array; offsets: Int32Array };
  /** Node Buffers viewing `packed` (wkx reads Buffers). */
  wkbBuffers: Buffer[];
}

function countPositions(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  if (typeof v[0] === 'number') return 1;
  let n = 0;
  for (const x of v) n += countPositions(x);
  return n;
}

function geometryPositions(g: GeoJSONGeometry | null): number {
  if (!g) return 0;
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).reduce((n, c) => n + geometryPositions(c), 0);
  return countPositions(g.coordinates);
}

const cache = new Map<string, GeoJSONDataset>();

/** Loads a FeatureCollection from the shared data folder and derives its WKB (cached per process). */
export function geojsonDataset(name: string): GeoJSONDataset {
  const hit = cache.get(name);
  if (hit) return hit;
  const bytes = dataBytes(name);
  const text = new TextDecoder().decode(bytes);
  const fc = JSON.parse(text) as FeatureCollection;
  if (fc.type !== 'FeatureCollection') throw new Error(`${name} is not a FeatureCollection`);
  const wkb: Uint8Array[] = [];
  let coordinates = 0;
  for (const f of fc.features) {
    if (!f.geometry) throw new Error(`${name}: a feature without geometry (the parse benchmark expects none)`);
    /* Copy out of the Buffer pool so each element is a plain, separate Uint8Array. */
    wkb.push(new Uint8Array(wkx.Geometry.parseGeoJSON(f.geometry).toWkb()));
    coordinates += geometryPositions(f.geometry);
  }
  const offsets = new Int32Array(wkb.length + 1);
  for (let i = 0; i < wkb.length; i++) offsets[i + 1] = offsets[i]! + wkb[i]!.byteLength;
  const data = new Uint8Array(offsets[wkb.length]!);
  wkb.forEach((w, i) => data.set(w, offsets[i]!));
  const wkbBuffers = wkb.map((_, i) => Buffer.from(data.buffer, data.byteOffset + offsets[i]!, offsets[i + 1]! - offsets[i]!));
  const ds: GeoJSONDataset = { name, bytes, text, count: wkb.length, coordinates, wkb, packed: { data, offsets }, wkbBuffers };
  cache.set(name, ds);
  return ds;
}
