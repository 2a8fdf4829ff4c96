/**
 * Apache Arrow interop with GeoArrow extension metadata.
 *
 * A homogeneous GeometryArray *is* its GeoArrow buffers (see
 * src/core/geovec.h), so both directions share memory where the layouts
 * match: fromArrow reads the Arrow buffers in place in the native backend,
 * and toArrow wraps the core's buffers in Arrow Data without copying where
 * no offset level needs composing. Mixed-type arrays and collections go
 * through geoarrow.wkb.
 */
import {
  Binary,
  Data,
  Field,
  FixedSizeList,
  Float64,
  LargeBinary,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Type,
  Utf8,
  Vector,
  makeData,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';

import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { geometryArrayArg } from './check.js';
import { fromWKB, fromWKT, toWKT } from './io.js';
import { writeWKBPacked } from './write.js';

export type GeoArrowEncoding =
  | 'geoarrow.point'
  | 'geoarrow.linestring'
  | 'geoarrow.polygon'
  | 'geoarrow.multipoint'
  | 'geoarrow.multilinestring'
  | 'geoarrow.multipolygon'
  | 'geoarrow.wkb'
  | 'geoarrow.wkt';

const NATIVE: Record<string, number> = {
  'geoarrow.point': 1,
  'geoarrow.linestring': 2,
  'geoarrow.polygon': 3,
  'geoarrow.multipoint': 4,
  'geoarrow.multilinestring': 5,
  'geoarrow.multipolygon': 6,
};
/** List nesting of each native encoding above the coordinates. */
const DEPTH = [0, 0, 1, 2, 1, 2, 3];
const HAS_Z = 0x10;
const HAS_M = 0x20;
const EXT_NAME = 'ARROW:extension:name';
const EXT_META = 'ARROW:extension:metadata';

export interface FromArrowOptions {
  /** Column of a Table (default: the first column with GeoArrow metadata). */
  column?: string;
  /** Encoding of a bare Vector or Data that carries no metadata. */
  encoding?: GeoArrowEncoding;
}

// ---- reading -------------------------------------------------------------------

function coordLayout(type: DataType): { dims: number; separated: boolean } | null {
  const names = (fields: Field[]) => fields.map((f) => f.name.toLowerCase()).join('');
  if (type.typeId === Type.FixedSizeList) {
    const t = type as FixedSizeList;
    const n = t.listSize;
    const name = t.children[0]?.name.toLowerCase() ?? '';
    if (n === 2) return { dims: 0, separated: false };
    if (n === 3) return { dims: name === 'xym' ? HAS_M : HAS_Z, separated: false };
    if (n === 4) return { dims: HAS_Z | HAS_M, separated: false };
    return null;
  }
  if (type.typeId === Type.Struct) {
    const s = names((type as Struct).children);
    const dims = { xy: 0, xyz: HAS_Z, xym: HAS_M, xyzm: HAS_Z | HAS_M }[s];
    return dims === undefined ? null : { dims, separated: true };
  }
  return null;
}

/** The encoding a bare Arrow type implies (ambiguous list shapes read as linestring / polygon / multipolygon). */
function inferEncoding(type: DataType): GeoArrowEncoding {
  if (type.typeId === Type.Binary || type.typeId === Type.LargeBinary) return 'geoarrow.wkb';
  if (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8) return 'geoarrow.wkt';
  let depth = 0;
  let t = type;
  while (t.typeId === Type.List) {
    t = (t as List).children[0]!.type;
    depth++;
  }
  if (!coordLayout(t)) throw new GeovecError(`geovec: fromArrow: cannot read a ${String(type)} column as geometry`);
  return (['geoarrow.point', 'geoarrow.linestring', 'geoarrow.polygon', 'geoarrow.multipolygon'] as const)[depth]!;
}

function fromNativeData(data: Data, encoding: GeoArrowEncoding): GeometryArray {
  const type = NATIVE[encoding]!;
  const levels: (Int32Array | null)[] = [];
  let d: Data = data;
  let count = data.length;
  for (let k = 0; k < DEPTH[type]!; k++) {
    if (d.typeId !== Type.List) throw new GeovecError(`geovec: fromArrow: ${encoding} expects ${DEPTH[type]} nested lists, found ${String(data.type)}`);
    /* Exactly count + 1 offsets: IPC pads buffers to 8 bytes, and a sliced
     * list keeps its children whole, so a buffer may hold more. */
    const offsets = (d.valueOffsets as Int32Array).subarray(0, count + 1);
    if (offsets.length < count + 1) throw new GeovecError(`geovec: fromArrow: ${encoding} list level ${k} has ${offsets.length} offsets, expected ${count + 1}`);
    levels.push(offsets);
    count = offsets[count]!;
    d = d.children[0]!;
  }
  const layout = coordLayout(d.type);
  if (!layout) throw new GeovecError(`geovec: fromArrow: ${encoding} coordinates must be a FixedSizeList or a Struct of x, y[, z][, m], found ${String(d.type)}`);
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
  const coords: (Float64Array | null)[] = layout.separated
    ? d.children.map((c) => c.values as Float64Array)
    : [d.children[0]!.values as Float64Array];
  while (coords.length < 4) coords.push(null);
  const validity = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length ? data.nullBitmap : null;
  const r = run(
    'from_buffers',
    [],
    [geom ?? null, part ?? null, ring ?? null, ...coords, validity],
    [type | layout.dims, data.length, layout.separated ? 1 : 0, data.offset],
    'Arrow',
  );
  return new GeometryArray(r.array);
}

function fromData(data: Data, encoding: GeoArrowEncoding): GeometryArray {
  if (encoding === 'geoarrow.wkb') {
    if (data.typeId !== Type.Binary && data.typeId !== Type.LargeBinary) throw new GeovecError('geovec: fromArrow: geoarrow.wkb must be Binary');
    /* exactly length + 1 offsets (IPC pads the buffer to 8 bytes) */
    const offsets = (data.valueOffsets as Int32Array | BigInt64Array).subarray(0, data.length + 1);
    const nulls = data.nullCount > 0;
    if (!nulls) return fromWKB({ data: data.values as Uint8Array, offsets });
    const parts: (Uint8Array | null)[] = [];
    for (let i = 0; i < data.length; i++) {
      parts.push(data.getValid(i) ? (data.values as Uint8Array).subarray(Number(offsets[i]), Number(offsets[i + 1])) : null);
    }
    return fromWKB(parts);
  }
  if (encoding === 'geoarrow.wkt') {
    const v = new Vector([data]);
    return fromWKT(v.toArray() as (string | null)[]);
  }
  if (!(encoding in NATIVE)) throw new GeovecError(`geovec: fromArrow: unknown encoding ${encoding}`);
  return fromNativeData(data, encoding);
}

/**
 * Reads a GeoArrow column: a Table (its geometry column), a Vector, or a
 * Data. Native encodings and WKB are read in place by the native backend
 * (one chunk; several chunks are concatenated, a copy).
 */
export function fromArrow(input: Table | Vector | Data, options: FromArrowOptions = {}): GeometryArray {
  let chunks: readonly Data[];
  let encoding = options.encoding;
  if (input instanceof Table) {
    const fields = input.schema.fields;
    const field = options.column
      ? fields.find((f) => f.name === options.column)
      : (fields.find((f) => f.metadata.get(EXT_NAME)?.startsWith('geoarrow.')) ?? fields[0]);
    if (!field) throw new GeovecError(`geovec: fromArrow: no column ${options.column ?? 'with GeoArrow metadata'}`);
    encoding ??= field.metadata.get(EXT_NAME) as GeoArrowEncoding | undefined;
    chunks = input.getChild(field.name)!.data;
  } else if (input instanceof Vector) {
    chunks = input.data;
  } else {
    chunks = [input];
  }
  if (chunks.length === 0) return fromWKB([]);
  encoding ??= inferEncoding(chunks[0]!.type);
  const arrays = chunks.map((c) => fromData(c, encoding!));
  return arrays.length === 1 ? arrays[0]! : arrays[0]!.concat(...arrays.slice(1));
}

// ---- writing -------------------------------------------------------------------

export interface ToArrowOptions {
  /** 'native' (default): geoarrow.point ... multipolygon when every element has one type and one set of
   *  dimensions (Polygon and MultiPolygon together become multipolygon, and so on); otherwise
   *  geoarrow.wkb. 'wkb' and 'wkt' force those encodings. */
  encoding?: 'native' | 'wkb' | 'wkt';
  /** Coordinates as one interleaved FixedSizeList (default) or a Struct of separate columns. */
  coords?: 'interleaved' | 'separated';
  /** Column name in the returned Table (default "geometry"). */
  name?: string;
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

/** The GeoArrow family (1..6) and dimension flags shared by all non-null elements, or null for WKB. */
function familyOf(a: GeometryArray, typeBytes: Uint8Array | null): { family: number; dims: number } | null {
  const info = a.info;
  if (info.hasCollections || info.commonType === 0) return null;
  if (info.commonType !== 255) return { family: info.commonType & 0x0f, dims: info.commonType & (HAS_Z | HAS_M) };
  if (!typeBytes) return null;
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
  return { family, dims };
}

function coordinateData(a: GeometryArray, outs: (ArrayBuffer | null)[], dimNames: string, separated: boolean, gather: Int32Array | null): Data {
  const info = a.info;
  const nd = dimNames.length;
  const count = gather ? a.length : info.coordinates;
  let columns: Float64Array[];
  if (!info.separated && info.stride === nd && !separated && !gather) {
    columns = [new Float64Array(outs[5]!, 0, count * nd)]; /* the core's buffer, shared */
  } else {
    /* De-interleave, interleave or gather (one coordinate per point, NaN for nulls): a copy. */
    const cols = info.separated ? [5, 6, 7, 8].map((k) => (outs[k] ? new Float64Array(outs[k]!) : null)) : null;
    const inter = info.separated ? null : new Float64Array(outs[5] ?? new ArrayBuffer(0));
    const zCol = info.dims & HAS_Z ? 2 : -1;
    const mCol = info.dims & HAS_M ? (zCol < 0 ? 2 : 3) : -1;
    const srcCol = [...dimNames].map((c) => (c === 'x' ? 0 : c === 'y' ? 1 : c === 'z' ? zCol : mCol));
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

function toNative(a: GeometryArray, family: number, dims: number, separated: boolean): Data {
  const dimNames = ['xy', 'xyz', 'xym', 'xyzm'][(dims & HAS_Z ? 1 : 0) + (dims & HAS_M ? 2 : 0)]!;
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

/**
 * Writes a GeometryArray as a one-column Arrow Table whose field carries
 * GeoArrow extension metadata. Native encodings share the core's offset and
 * coordinate buffers where no level needs composing (native backend: no
 * copy; WASM: one copy out of linear memory).
 */
export function toArrow(a: GeometryArray, options: ToArrowOptions = {}): Table {
  geometryArrayArg('toArrow', 'a', a);
  const outs = run('array_buffers', [a.handle]).outs;
  const typeBytes = outs[0] ? new Uint8Array(outs[0]) : null;
  const native = options.encoding === 'wkb' || options.encoding === 'wkt' ? null : familyOf(a, typeBytes);
  let data: Data;
  let encoding: GeoArrowEncoding;
  if (native) {
    data = toNative(a, native.family, native.dims, options.coords === 'separated');
    encoding = (Object.keys(NATIVE) as GeoArrowEncoding[])[native.family - 1]!;
  } else if (options.encoding === 'wkt') {
    data = vectorFromArray(toWKT(a), new Utf8()).data[0]!;
    encoding = 'geoarrow.wkt';
  } else {
    const { data: bytes, offsets } = writeWKBPacked(a.handle, 0, a.length);
    const big = bytes.length > 0x7fffffff;
    const { bitmap, nulls } = validityOf(a.typeCodes);
    data = makeData({
      type: big ? new LargeBinary() : new Binary(),
      length: a.length,
      nullCount: nulls,
      nullBitmap: bitmap,
      valueOffsets: big ? offsets : Int32Array.from(offsets, Number),
      data: bytes,
    } as never);
    encoding = 'geoarrow.wkb';
  }
  const meta = new Map([
    [EXT_NAME, encoding],
    [EXT_META, '{}'],
  ]);
  const schema = new Schema([new Field(options.name ?? 'geometry', data.type, true, meta)]);
  return new Table([new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: a.length, children: [data] }))]);
}
