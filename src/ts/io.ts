/**
 * Constructors and writers. Parsing and writing run in the C core; this
 * layer only frames the input (one buffer plus offsets) and decodes output.
 * Copies are stated per function: "native: no copy" means the core reads
 * the caller's memory in place; the WASM backend always copies inputs into
 * its linear memory once.
 */
import { GeometryArray } from './array.js';
import { run } from './call.js';
import { argError, geometryArrayArg, numbersArg, optionsArg } from './check.js';
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
  if (o === null || typeof o !== 'object') argError('parse', 'options', 'an object', o);
  if (o.onInvalid !== undefined && o.onInvalid !== 'throw' && o.onInvalid !== 'null') {
    throw new GeovecError(`geovec: onInvalid must be 'throw' or 'null', not ${String(o.onInvalid)}`);
  }
  return o.onInvalid === 'null' ? 1 : 0;
}

function framed(kernel: string, format: string, p: PackedBinary, o: ParseOptions): GeometryArray {
  const n = p.offsets.length - 1;
  if (n < 0) throw new GeovecError(`geovec: ${format}: offsets must have at least one entry`);
  const width = p.offsets instanceof Int32Array ? 4 : 8;
  const r = run(kernel, [], [p.data, p.offsets, p.validity ?? null], [n, width, nullMode(o)], format);
  return new GeometryArray(r.array, parseProblems(r.errors));
}

/**
 * Packed binary input: element i is data[offsets[i], offsets[i+1]) (the
 * Arrow binary layout). Null elements are marked in `validity` (an Arrow
 * validity bitmap: bit i, LSB first, 0 = null); without it every element
 * is present, and an element of zero bytes is an error.
 */
export interface PackedBinary {
  data: Uint8Array;
  offsets: Int32Array | BigInt64Array;
  validity?: Uint8Array | null;
}

/** An Arrow validity bitmap over n elements (bit i = 0: element i is null; padding bits 0), or null when none is null. */
function validityBitmap(n: number, isNull: (i: number) => boolean): Uint8Array | null {
  let bits: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (!isNull(i)) continue;
    if (!bits) {
      bits = new Uint8Array((n + 7) >> 3).fill(0xff);
      if (n & 7) bits[bits.length - 1] = (1 << (n & 7)) - 1;
    }
    bits[i >> 3]! &= ~(1 << (i & 7));
  }
  return bits;
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
  const validity = validityBitmap(parts.length, (i) => parts[i] == null);
  for (let i = 0; i < parts.length; i++) {
    at += parts[i]?.byteLength ?? 0;
    if (big) (offsets as BigInt64Array)[i + 1] = BigInt(at);
    else (offsets as Int32Array)[i + 1] = at;
  }
  return { data, offsets, validity };
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** Checks fromWKB's input shape; a single Uint8Array (or Buffer) is one element. */
function wkbInput(input: unknown): PackedBinary {
  const expected = 'an array of Uint8Array (one WKB per geometry; null for a null element), one Uint8Array, or { data, offsets }';
  if (isBytes(input)) return pack([input]);
  if (input === null || typeof input !== 'object' || ArrayBuffer.isView(input) || input instanceof ArrayBuffer) {
    return argError('fromWKB', 'input', expected, input);
  }
  if ('data' in input && 'offsets' in input) {
    const p = input as PackedBinary;
    if (!isBytes(p.data)) argError('fromWKB', 'input.data', 'a Uint8Array', p.data);
    if (!(p.offsets instanceof Int32Array || p.offsets instanceof BigInt64Array)) {
      argError('fromWKB', 'input.offsets', 'an Int32Array or BigInt64Array', p.offsets);
    }
    if (p.validity != null && !isBytes(p.validity)) argError('fromWKB', 'input.validity', 'a Uint8Array bitmap', p.validity);
    const need = Math.max(0, (p.offsets.length + 6) >> 3);
    if (p.validity != null && p.validity.length < need) {
      throw new GeovecError(`geovec: fromWKB: the validity bitmap holds ${p.validity.length} bytes, ${p.offsets.length - 1} elements need ${need}`);
    }
    return p;
  }
  const list = input as ArrayLike<unknown>;
  if (typeof list.length !== 'number') return argError('fromWKB', 'input', expected, input);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v != null && !isBytes(v)) argError('fromWKB', `input[${i}]`, 'a Uint8Array, null or undefined', v);
  }
  return pack(list as ArrayLike<Uint8Array | null | undefined>);
}

/**
 * Parses WKB (ISO or EWKB, either byte order; EWKB SRIDs are kept in
 * `array.srids`). Input: an array of Uint8Array (null or undefined = null
 * element), copied once into one buffer; one Uint8Array (or Node Buffer),
 * read as one element; or one buffer plus offsets (and an optional validity
 * bitmap), read in place by the native backend. A zero-length WKB is not a
 * geometry: it throws GeovecParseError (or, with `onInvalid: 'null'`,
 * becomes null and is listed in `array.invalid`), as in GEOS.
 */
export function fromWKB(input: readonly (Uint8Array | null | undefined)[] | ArrayLike<Uint8Array | null | undefined> | Uint8Array | PackedBinary, options: ParseOptions = {}): GeometryArray {
  return framed('parse_wkb', 'WKB', wkbInput(input), options);
}

/** Hex-encoded WKB (as PostGIS and GEOS print it); null gives a null element. One string is one element. */
export function fromHex(strings: string | ArrayLike<string | null | undefined>, options: ParseOptions = {}): GeometryArray {
  const list = textInput('fromHex', strings);
  const parts: (Uint8Array | null)[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
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

/** Checks a list of strings (null / undefined = null element); one string is one element. */
function textInput(fn: string, input: unknown): ArrayLike<string | null | undefined> {
  if (typeof input === 'string') return [input];
  const expected = 'an array of strings (one per geometry; null for a null element) or one string';
  if (input === null || typeof input !== 'object' || ArrayBuffer.isView(input) || typeof (input as ArrayLike<unknown>).length !== 'number') {
    return argError(fn, 'input', expected, input);
  }
  const list = input as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v != null && typeof v !== 'string') argError(fn, `input[${i}]`, 'a string, null or undefined', v);
  }
  return list as ArrayLike<string | null | undefined>;
}

/**
 * Parses WKT (and EWKT "SRID=n;" prefixes; LINEARRING reads as a closed
 * LineString, as in GEOS). Input: an array of strings (null or undefined =
 * null element), or one string as one element. The strings are UTF-8
 * encoded into one buffer (a copy). An empty string is not a geometry: it
 * throws GeovecParseError (or is null and listed in `array.invalid` with
 * `onInvalid: 'null'`).
 */
export function fromWKT(input: string | readonly (string | null | undefined)[] | ArrayLike<string | null | undefined>, options: ParseOptions = {}): GeometryArray {
  const strings = textInput('fromWKT', input);
  const n = strings.length;
  const list: string[] = new Array(n);
  let chars = 0;
  const validity = validityBitmap(n, (i) => strings[i] == null);
  for (let i = 0; i < n; i++) {
    const s = strings[i];
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
    return framed('parse_wkt', 'WKT', { data, offsets, validity }, options);
  }
  const p = pack(list.map((s) => encoder.encode(s)));
  return framed('parse_wkt', 'WKT', { ...p, validity }, options);
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
 * What fromGeoJSON reads: text, UTF-8 bytes, or GeoJSON objects. Objects
 * are typed loosely (any object with a string `type`), so that values typed
 * with @types/geojson (as turf users have them) are accepted under
 * `exactOptionalPropertyTypes`; the C parser checks their structure.
 */
export type GeoJSONInput = string | Uint8Array | GeoJSON | { readonly type: string } | readonly (GeoJSON | { readonly type: string } | null)[];

/**
 * Parses GeoJSON: a FeatureCollection, a Feature, a Geometry, or an array of
 * them, one element per feature or bare geometry. Text and bytes are parsed
 * as UTF-8 in C (a string is encoded once, a Uint8Array is read in place by
 * the native backend); an object is serialized with JSON.stringify first.
 * With `properties: true` the result is a FeatureTable; with a boolean that
 * is only known at run time, either (check with `instanceof GeometryArray`).
 */
export function fromGeoJSON(input: GeoJSONInput, options: GeoJSONOptions & { properties: true }): FeatureTable;
export function fromGeoJSON(input: GeoJSONInput, options?: GeoJSONOptions & { properties?: false | undefined }): GeometryArray;
export function fromGeoJSON(input: GeoJSONInput, options: GeoJSONOptions): GeometryArray | FeatureTable;
export function fromGeoJSON(input: GeoJSONInput, options: GeoJSONOptions = {}): GeometryArray | FeatureTable {
  options = optionsArg('fromGeoJSON', options);
  if (input === null || (typeof input !== 'string' && typeof input !== 'object') || (ArrayBuffer.isView(input) && !(input instanceof Uint8Array))) {
    argError('fromGeoJSON', 'input', 'GeoJSON text, UTF-8 bytes (Uint8Array), or a GeoJSON object or array of them', input);
  }
  if (input instanceof GeometryArray || (typeof input === 'object' && !Array.isArray(input) && !(input instanceof Uint8Array) && typeof (input as { type?: unknown }).type !== 'string')) {
    argError('fromGeoJSON', 'input', 'GeoJSON text, UTF-8 bytes (Uint8Array), or a GeoJSON object or array of them', input);
  }
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
 * The parsers' rules for coordinates: NaN x and NaN y make an empty point;
 * any other non-finite value (Infinity, or NaN on one axis only) is an
 * error naming the point.
 */
function checkPointCoords(fn: string, x: Float64Array, y: Float64Array, xOff: number, yOff: number, step: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = x[xOff + i * step]!;
    const b = y[yOff + i * step]!;
    if (Number.isFinite(a) && Number.isFinite(b)) continue;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    throw new GeovecError(
      `geovec: ${fn}: point ${i} is (${a}, ${b}); coordinates must be finite (NaN for both x and y gives an empty point)`,
    );
  }
}

/**
 * Points from coordinates: points(xs, ys) from two Float64Arrays, or
 * points(xy) from one interleaved Float64Array. The native backend reads
 * the typed arrays in place (no copy) and keeps them alive; do not modify
 * them while the array is in use. NaN x and y give POINT EMPTY; any other
 * non-finite value throws a GeovecError naming the point, as the parsers do.
 */
export function points(xs: Float64Array | ArrayLike<number>, ys?: Float64Array | ArrayLike<number>): GeometryArray {
  if (ys === undefined) {
    const xy = numbersArg('points', 'xy', xs);
    if (xy.length % 2) throw new GeovecError('geovec: points(xy) needs an even number of values');
    checkPointCoords('points', xy, xy, 0, 1, 2, xy.length / 2);
    return new GeometryArray(run('from_buffers', [], [null, null, null, xy], [1, xy.length / 2, 0, 0]).array);
  }
  const x = numbersArg('points', 'xs', xs);
  const y = numbersArg('points', 'ys', ys);
  if (x.length !== y.length) throw new GeovecError(`geovec: points(xs, ys): xs has ${x.length} values, ys ${y.length}`);
  checkPointCoords('points', x, y, 0, 0, 1, x.length);
  return new GeometryArray(run('from_buffers', [], [null, null, null, x, y], [1, x.length, 1, 0]).array);
}

/** toWKB's packed output: element i is data[offsets[i], offsets[i+1]); `validity` marks null elements (bit i = 0), null when none is. fromWKB reads it back as is. */
export interface PackedWKB {
  data: Uint8Array;
  offsets: BigInt64Array;
  validity: Uint8Array | null;
}

/** The Arrow validity bitmap of an array (bit i = 0: element i is null), or null when no element is null. */
function validityOf(a: GeometryArray): Uint8Array | null {
  const codes = a.typeCodes;
  return validityBitmap(codes.length, (i) => codes[i] === 0);
}

/** WKB per element (views into one buffer; null elements give null). `packed: true` returns the buffer, int64 offsets and a validity bitmap. */
export function toWKB(a: GeometryArray, options: WKBOptions & { packed: true }): PackedWKB;
export function toWKB(a: GeometryArray, options?: WKBOptions & { packed?: false }): (Uint8Array | null)[];
export function toWKB(a: GeometryArray, options: WKBOptions & { packed?: boolean } = {}) {
  geometryArrayArg('toWKB', 'a', a);
  options = optionsArg('toWKB', options);
  if (options.packed) return { ...writeWKBPacked(a.handle, 0, a.length, options), validity: validityOf(a) };
  return writeWKB(a.handle, 0, a.length, options);
}

/** Hex-encoded WKB per element (uppercase, as GEOS and PostGIS print it). */
export function toHex(a: GeometryArray, options: WKBOptions = {}): (string | null)[] {
  geometryArrayArg('toHex', 'a', a);
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
  geometryArrayArg('toWKT', 'a', a);
  options = optionsArg('toWKT', options);
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
  geometryArrayArg('toGeoJSON', 'a', a);
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

/**
 * @internal The geometry column chunk of one GeoParquet row group (WKB in a
 * top-level BYTE_ARRAY column, from its first page to its end), decoded in
 * the core: page headers, snappy, definition levels, PLAIN and dictionary
 * values, WKB (src/core/io/parquet_pages.c). `codec`: 0 uncompressed, 1
 * snappy; `maxDef`: 0 REQUIRED, 1 OPTIONAL. Throws GeovecParseError (reason
 * names the page, file byte and row) on a corrupt chunk, GeovecError whose
 * message contains "unsupported" for encodings the core does not read.
 */
export function parquetWkbChunk(chunk: Uint8Array, rows: number, codec: number, maxDef: number, fileOffset: number, firstRow: number): GeometryArray {
  const r = run('parquet_wkb', [], [chunk], [rows, codec, maxDef, fileOffset, firstRow, 0], 'GeoParquet');
  return new GeometryArray(r.array);
}
