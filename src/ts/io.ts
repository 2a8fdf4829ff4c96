/**
 * Constructors and writers. Parsing and writing run in the C core; this
 * layer only frames the input (one buffer plus offsets) and decodes output.
 * Copies are stated per function: "native: no copy" means the core reads
 * the caller's memory in place; the WASM backend always copies inputs into
 * its linear memory once.
 */
import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError, parseProblems } from './errors.js';
import type { Feature, FeatureCollection, GeoJSON, Geometry } from './geojson-types.js';
import { writeGeoJSONText, writeText, writeWKB, writeWKBPacked, type WKBOptions } from './write.js';

export interface ParseOptions {
  /** 'throw' (default): the first bad element throws GeovecParseError.
   *  'null': bad elements become null and are listed in `array.invalid`. */
  onInvalid?: 'throw' | 'null';
}

const encoder = new TextEncoder();
const I32_MAX = 0x7fffffff;

function nullMode(o: ParseOptions): number {
  if (o.onInvalid !== undefined && o.onInvalid !== 'throw' && o.onInvalid !== 'null') {
    throw new GeovecError(`geovec: onInvalid must be 'throw' or 'null', not ${String(o.onInvalid)}`);
  }
  return o.onInvalid === 'null' ? 1 : 0;
}

function framed(kernel: string, format: string, data: Uint8Array, offsets: Int32Array | BigInt64Array, o: ParseOptions): GeometryArray {
  const n = offsets.length - 1;
  if (n < 0) throw new GeovecError(`geovec: ${format}: offsets must have at least one entry`);
  const width = offsets instanceof Int32Array ? 4 : 8;
  const r = run(kernel, [], [data, offsets], [n, width, nullMode(o)], format);
  return new GeometryArray(r.array, parseProblems(r.errors));
}

/** Packed binary input: element i is data[offsets[i], offsets[i+1]) (the Arrow binary layout). */
export interface PackedBinary {
  data: Uint8Array;
  offsets: Int32Array | BigInt64Array;
}

/** Node's Buffer.concat copies without zero-filling first; elsewhere a plain copy loop. */
const NodeBuffer = (globalThis as { Buffer?: { concat(list: Uint8Array[], total: number): Uint8Array } }).Buffer;

function pack(parts: ArrayLike<Uint8Array | null | undefined>): PackedBinary {
  let total = 0;
  const present: Uint8Array[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p && p.byteLength) {
      present.push(p);
      total += p.byteLength;
    }
  }
  const big = total > I32_MAX;
  const offsets = big ? new BigInt64Array(parts.length + 1) : new Int32Array(parts.length + 1);
  let data: Uint8Array;
  if (NodeBuffer && !big) {
    data = NodeBuffer.concat(present, total);
  } else {
    data = new Uint8Array(total);
    let at = 0;
    for (const p of present) {
      data.set(p, at);
      at += p.byteLength;
    }
  }
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    at += parts[i]?.byteLength ?? 0;
    if (big) (offsets as BigInt64Array)[i + 1] = BigInt(at);
    else (offsets as Int32Array)[i + 1] = at;
  }
  return { data, offsets };
}

/**
 * Parses WKB (ISO or EWKB, either byte order; EWKB SRIDs are kept in
 * `array.srids`). Input: an array of Uint8Array (null or empty = null
 * element), copied once into one buffer; or one buffer plus offsets, read
 * in place by the native backend.
 */
export function fromWKB(input: ArrayLike<Uint8Array | null | undefined> | PackedBinary, options: ParseOptions = {}): GeometryArray {
  const p = 'data' in input && 'offsets' in input ? (input as PackedBinary) : pack(input as ArrayLike<Uint8Array | null>);
  return framed('parse_wkb', 'WKB', p.data, p.offsets, options);
}

/** Hex-encoded WKB (as PostGIS and GEOS print it); null gives a null element. */
export function fromHex(strings: ArrayLike<string | null | undefined>, options: ParseOptions = {}): GeometryArray {
  const parts: (Uint8Array | null)[] = [];
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (s == null) {
      parts.push(null);
      continue;
    }
    if (s.length % 2 || /[^0-9a-fA-F]/.test(s)) throw new GeovecError(`geovec: hex WKB: element ${i} is not an even-length hex string`);
    const b = new Uint8Array(s.length / 2);
    for (let k = 0; k < b.length; k++) b[k] = parseInt(s.substr(2 * k, 2), 16);
    parts.push(b);
  }
  return fromWKB(parts, options);
}

/** Parses WKT (and EWKT "SRID=n;" prefixes). The strings are UTF-8 encoded into one buffer (a copy). */
export function fromWKT(strings: ArrayLike<string | null | undefined>, options: ParseOptions = {}): GeometryArray {
  const n = strings.length;
  const list: string[] = new Array(n);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const s = strings[i];
    if (s != null && typeof s !== 'string') throw new GeovecError(`geovec: WKT: element ${i} is not a string`);
    list[i] = s ?? '';
    chars += list[i]!.length;
  }
  const data = encoder.encode(list.join(''));
  let offsets: Int32Array | BigInt64Array;
  if (data.length === chars) {
    /* ASCII (the usual case): character offsets are byte offsets. */
    offsets = chars > I32_MAX ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += list[i]!.length;
      if (offsets instanceof BigInt64Array) offsets[i + 1] = BigInt(at);
      else offsets[i + 1] = at;
    }
    return framed('parse_wkt', 'WKT', data, offsets, options);
  }
  const p = pack(list.map((s) => encoder.encode(s)));
  return framed('parse_wkt', 'WKT', p.data, p.offsets, options);
}

export interface GeoJSONOptions extends ParseOptions {
  /** Also return each feature's properties and id (parsed lazily from the text). */
  properties?: boolean;
}

export interface FeatureTable {
  geometry: GeometryArray;
  /** Per element: the feature's properties (null for bare geometries or `"properties": null`). */
  properties: (Record<string, unknown> | null)[];
  /** Per element: the feature's id, or undefined. */
  ids: (string | number | undefined)[];
}

/**
 * Parses GeoJSON: a FeatureCollection, a Feature, a Geometry, or an array of
 * them, one element per feature or bare geometry. Text and bytes are parsed
 * as UTF-8 in C (a string is encoded once, a Uint8Array is read in place by
 * the native backend); an object is serialized with JSON.stringify first.
 */
export function fromGeoJSON(input: string | Uint8Array | GeoJSON | GeoJSON[], options: GeoJSONOptions & { properties: true }): FeatureTable;
export function fromGeoJSON(input: string | Uint8Array | GeoJSON | GeoJSON[], options?: GeoJSONOptions): GeometryArray;
export function fromGeoJSON(input: string | Uint8Array | GeoJSON | GeoJSON[], options: GeoJSONOptions = {}): GeometryArray | FeatureTable {
  const bytes =
    input instanceof Uint8Array ? input : encoder.encode(typeof input === 'string' ? input : JSON.stringify(input));
  const r = run('parse_geojson', [], [bytes], [nullMode(options), options.properties ? 1 : 0], 'GeoJSON');
  const geometry = new GeometryArray(r.array, parseProblems(r.errors));
  if (!options.properties) return geometry;
  const ranges = new BigInt64Array(r.outs[0] ?? new ArrayBuffer(0));
  const decoder = new TextDecoder();
  const slice = (s: bigint, e: bigint) => decoder.decode(bytes.subarray(Number(s), Number(e)));
  const properties: (Record<string, unknown> | null)[] = new Array(geometry.length);
  const ids: (string | number | undefined)[] = new Array(geometry.length);
  for (let i = 0; i < geometry.length; i++) {
    const [ps, pe, is, ie] = [ranges[4 * i]!, ranges[4 * i + 1]!, ranges[4 * i + 2]!, ranges[4 * i + 3]!];
    properties[i] = ps >= 0n ? (JSON.parse(slice(ps, pe)) as Record<string, unknown> | null) : null;
    ids[i] = is >= 0n ? (JSON.parse(slice(is, ie)) as string | number) : undefined;
  }
  return { geometry, properties, ids };
}

/**
 * Points from coordinates: points(xs, ys) from two Float64Arrays, or
 * points(xy) from one interleaved Float64Array. The native backend reads
 * the typed arrays in place (no copy) and keeps them alive; do not modify
 * them while the array is in use. NaN x and y give POINT EMPTY.
 */
export function points(xs: Float64Array | ArrayLike<number>, ys?: Float64Array | ArrayLike<number>): GeometryArray {
  const f64 = (v: Float64Array | ArrayLike<number>) => (v instanceof Float64Array ? v : Float64Array.from(v));
  if (ys === undefined) {
    const xy = f64(xs);
    if (xy.length % 2) throw new GeovecError('geovec: points(xy) needs an even number of values');
    return new GeometryArray(run('from_buffers', [], [null, null, null, xy], [1, xy.length / 2, 0, 0]).array);
  }
  const x = f64(xs);
  const y = f64(ys);
  if (x.length !== y.length) throw new GeovecError(`geovec: points(xs, ys): xs has ${x.length} values, ys ${y.length}`);
  return new GeometryArray(run('from_buffers', [], [null, null, null, x, y], [1, x.length, 1, 0]).array);
}

/** WKB per element (views into one buffer; null elements give null). `packed: true` returns the buffer and int64 offsets. */
export function toWKB(a: GeometryArray, options: WKBOptions & { packed: true }): { data: Uint8Array; offsets: BigInt64Array };
export function toWKB(a: GeometryArray, options?: WKBOptions & { packed?: false }): (Uint8Array | null)[];
export function toWKB(a: GeometryArray, options: WKBOptions & { packed?: boolean } = {}) {
  return options.packed ? writeWKBPacked(a.handle, 0, a.length, options) : writeWKB(a.handle, 0, a.length, options);
}

/** Hex-encoded WKB per element (uppercase, as GEOS and PostGIS print it). */
export function toHex(a: GeometryArray, options: WKBOptions = {}): (string | null)[] {
  const hex: string[] = [];
  for (let i = 0; i < 256; i++) hex.push(i.toString(16).toUpperCase().padStart(2, '0'));
  return toWKB(a, options).map((b) => {
    if (!b) return null;
    let s = '';
    for (let i = 0; i < b.length; i++) s += hex[b[i]!];
    return s;
  });
}

export interface TextOptions {
  /** Digits after the decimal point (trailing zeros trimmed); default: the shortest text that reads back exactly. */
  precision?: number;
}

function precisionOf(o: TextOptions): number {
  const p = o.precision ?? -1;
  if (!Number.isInteger(p) || p < -1 || p > 17) throw new GeovecError('geovec: precision must be an integer from 0 to 17');
  return p;
}

/** WKT per element (null elements give null). `ewkt: true` prefixes elements that have an SRID with "SRID=n;". */
export function toWKT(a: GeometryArray, options: TextOptions & { ewkt?: boolean } = {}): (string | null)[] {
  return writeText('write_wkt', a.handle, 0, a.length, precisionOf(options), options.ewkt);
}

export interface ToGeoJSONOptions extends TextOptions {
  /** 'objects' (default without properties / ids): an array of Geometry objects (null for null elements).
   *  'features' (default with properties or ids): a FeatureCollection object.
   *  'text': a FeatureCollection as one JSON string. */
  as?: 'objects' | 'features' | 'text';
  /** Feature properties, one object (or null) per element ('features' and 'text'). */
  properties?: ArrayLike<Record<string, unknown> | null | undefined>;
  /** Feature ids, one string or number (or undefined for none) per element ('features' and 'text'). */
  ids?: ArrayLike<string | number | null | undefined>;
}

type WithFeatures =
  | { as: 'features' }
  | { as?: undefined; properties: ArrayLike<Record<string, unknown> | null | undefined> }
  | { as?: undefined; ids: ArrayLike<string | number | null | undefined> };

/**
 * GeoJSON geometry objects; a FeatureCollection object with `as: 'features'`
 * (the default when `properties` or `ids` are given); or a FeatureCollection
 * text with `as: 'text'`. Properties and ids are written into the features,
 * so toGeoJSON(t.geometry, { properties: t.properties, ids: t.ids }) gives
 * back what fromGeoJSON(..., { properties: true }) read.
 */
export function toGeoJSON(a: GeometryArray, options: ToGeoJSONOptions & { as: 'text' }): string;
export function toGeoJSON(a: GeometryArray, options: ToGeoJSONOptions & WithFeatures): FeatureCollection;
export function toGeoJSON(a: GeometryArray, options?: ToGeoJSONOptions): (Geometry | null)[];
export function toGeoJSON(a: GeometryArray, options: ToGeoJSONOptions = {}): string | FeatureCollection | (Geometry | null)[] {
  const { properties: props, ids } = options;
  const as = options.as ?? (props !== undefined || ids !== undefined ? 'features' : 'objects');
  if (as !== 'objects' && as !== 'features' && as !== 'text') throw new GeovecError(`geovec: toGeoJSON: as must be 'objects', 'features' or 'text', got ${JSON.stringify(as)}`);
  if (as === 'objects' && (props !== undefined || ids !== undefined)) throw new GeovecError("geovec: toGeoJSON: properties and ids need as: 'features' or 'text'");
  for (const [name, v] of [['properties', props], ['ids', ids]] as const) {
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null || typeof (v as ArrayLike<unknown>).length !== 'number') throw new GeovecError(`geovec: toGeoJSON: ${name} must be an array with one entry per element`);
    if ((v as ArrayLike<unknown>).length !== a.length) throw new GeovecError(`geovec: toGeoJSON: ${name} has ${(v as ArrayLike<unknown>).length} entries for ${a.length} geometries`);
  }
  const texts = writeGeoJSONText(a.handle, 0, a.length, precisionOf(options));
  if (as === 'objects') return texts.map((t) => (t === null ? null : (JSON.parse(t) as Geometry)));
  const parts: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const p = props?.[i] ?? null;
    if (typeof p !== 'object' || Array.isArray(p)) throw new GeovecError(`geovec: toGeoJSON: properties[${i}] must be an object or null`);
    const id = ids?.[i];
    if (id != null && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new GeovecError(`geovec: toGeoJSON: ids[${i}] must be a string or a finite number`);
    const idText = id == null ? '' : `"id":${JSON.stringify(id)},`;
    parts.push(`{"type":"Feature",${idText}"geometry":${texts[i] ?? 'null'},"properties":${JSON.stringify(p)}}`);
  }
  const text = `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
  return as === 'text' ? text : (JSON.parse(text) as FeatureCollection);
}

export type { Feature };
