/**
 * FlatGeobuf (v3) read and write, with its packed Hilbert R-tree.
 *
 * The file: 8 magic bytes, a size-prefixed FlatBuffer header (geometry
 * type, Z/M flags, property columns, feature count, index node size, CRS),
 * the optional index (a packed Hilbert R-tree of 40-byte nodes: box and
 * offset, root first, leaves last in feature order), then the features,
 * each a size-prefixed FlatBuffer holding a geometry (coordinates as flat
 * double vectors with ring/part ends) and the properties as a byte string
 * of (column index, value) pairs.
 *
 * Reading turns each feature's geometry into WKB in one buffer and parses
 * it in C (one call per batch); a bbox query reads only the index nodes and
 * features it needs. Writing lays the FlatBuffers out forward (children
 * after their parents, vtables before their tables), sorts features in
 * Hilbert order and writes the index, as the format's reference writer does.
 */
import * as arrow from 'apache-arrow';

import { bounds, geometryType } from '../accessors.js';
import type { GeometryArray } from '../array.js';
import { GeovecError, GeovecParseError } from '../errors.js';
import { fromWKB, toWKB } from '../io.js';
import { hilbertOrder } from './hilbert.js';
import { fgbCrs } from './crs.js';
import type { Source } from './source.js';
import { cellValue, emptyTable, takeRows } from './table.js';
import type { FileBatch, FileInfo, ReadOptions, WriteOptions } from './types.js';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00];
const NODE_BYTES = 40;

/* FlatGeobuf enums */
const GT = { Unknown: 0, Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 } as const;
const CT = { Byte: 0, UByte: 1, Bool: 2, Short: 3, UShort: 4, Int: 5, UInt: 6, Long: 7, ULong: 8, Float: 9, Double: 10, String: 11, Json: 12, DateTime: 13, Binary: 14 } as const;
const CT_NAMES = Object.keys(CT);

// ---- FlatBuffer reading --------------------------------------------------------------

/** A FlatBuffer table at `pos` in `v`. */
class FbTable {
  constructor(readonly v: DataView, readonly pos: number) {}
  /** Position of field `slot`'s data, or 0 when absent. */
  field(slot: number): number {
    const vt = this.pos - this.v.getInt32(this.pos, true);
    const vtSize = this.v.getUint16(vt, true);
    const o = 4 + 2 * slot;
    if (o >= vtSize) return 0;
    const off = this.v.getUint16(vt + o, true);
    return off ? this.pos + off : 0;
  }
  u8(slot: number, def = 0): number {
    const p = this.field(slot);
    return p ? this.v.getUint8(p) : def;
  }
  u16(slot: number, def = 0): number {
    const p = this.field(slot);
    return p ? this.v.getUint16(p, true) : def;
  }
  i32(slot: number, def = 0): number {
    const p = this.field(slot);
    return p ? this.v.getInt32(p, true) : def;
  }
  u64(slot: number, def = 0): number {
    const p = this.field(slot);
    return p ? Number(this.v.getBigUint64(p, true)) : def;
  }
  /** Position of the target of an offset field, or 0. */
  ref(slot: number): number {
    const p = this.field(slot);
    return p ? p + this.v.getUint32(p, true) : 0;
  }
  table(slot: number): FbTable | null {
    const p = this.ref(slot);
    return p ? new FbTable(this.v, p) : null;
  }
  string(slot: number): string | null {
    const p = this.ref(slot);
    if (!p) return null;
    const n = this.v.getUint32(p, true);
    return decoder.decode(new Uint8Array(this.v.buffer, this.v.byteOffset + p + 4, n));
  }
  /** [element start, count] of a vector field. */
  vector(slot: number): [number, number] {
    const p = this.ref(slot);
    return p ? [p + 4, this.v.getUint32(p, true)] : [0, 0];
  }
  tables(slot: number): FbTable[] {
    const [at, n] = this.vector(slot);
    const out: FbTable[] = [];
    for (let i = 0; i < n; i++) {
      const e = at + 4 * i;
      out.push(new FbTable(this.v, e + this.v.getUint32(e, true)));
    }
    return out;
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function root(bytes: Uint8Array): FbTable {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new FbTable(v, v.getUint32(0, true));
}

interface Column {
  name: string;
  type: number;
}

interface Header {
  geometryType: number;
  hasZ: boolean;
  hasM: boolean;
  columns: Column[];
  count: number;
  nodeSize: number;
  envelope: number[] | null;
  crs: Record<string, unknown> | null;
  name: string | null;
  /** Byte offsets of the index and of the first feature. */
  indexStart: number;
  indexBytes: number;
  featuresStart: number;
}

function treeNodes(count: number, nodeSize: number): number[] {
  /* nodes per level, leaves first */
  const levels = [count];
  let n = count;
  do {
    n = Math.ceil(n / nodeSize);
    levels.push(n);
  } while (n !== 1);
  return levels;
}

async function readHeader(src: Source): Promise<Header> {
  const head = await src.read(0, 12);
  for (let i = 0; i < 3; i++) if (head[i] !== MAGIC[i]) throw new GeovecError(`geovec: ${src.name}: not a FlatGeobuf file (wrong magic bytes)`);
  if (head.length < 12) throw new GeovecError(`geovec: ${src.name}: truncated FlatGeobuf header`);
  const size = new DataView(head.buffer, head.byteOffset).getUint32(8, true);
  if (size < 8 || 12 + size > src.size) throw new GeovecError(`geovec: ${src.name}: byte 8: header size ${size} does not fit the file (${src.size} bytes)`);
  const bytes = await src.read(12, size);
  let h: Header;
  try {
    const t = root(bytes);
    const env = t.vector(1);
    const crsT = t.table(10);
    const cols = t.tables(7).map((c) => ({ name: c.string(0) ?? '', type: c.u8(1) }));
    h = {
      name: t.string(0),
      envelope: env[1] >= 4 ? [0, 1, 2, 3].map((k) => t.v.getFloat64(env[0] + 8 * k, true)) : null,
      geometryType: t.u8(2),
      hasZ: t.u8(3) === 1,
      hasM: t.u8(4) === 1,
      columns: cols,
      count: t.u64(8),
      nodeSize: t.u16(9, 16),
      crs: crsT ? { org: crsT.string(0), code: crsT.i32(1), name: crsT.string(2), wkt: crsT.string(4), code_string: crsT.string(5) } : null,
      indexStart: 12 + size,
      indexBytes: 0,
      featuresStart: 0,
    };
  } catch (e) {
    throw new GeovecError(`geovec: ${src.name}: corrupt FlatGeobuf header (${(e as Error).message})`);
  }
  if (h.nodeSize === 1) throw new GeovecError(`geovec: ${src.name}: index node size 1 is not allowed`);
  if (h.nodeSize > 0 && h.count > 0) h.indexBytes = treeNodes(h.count, h.nodeSize).reduce((a, b) => a + b, 0) * NODE_BYTES;
  h.featuresStart = h.indexStart + h.indexBytes;
  if (h.featuresStart > src.size) throw new GeovecError(`geovec: ${src.name}: the index (${h.indexBytes} bytes) runs past the end of the file`);
  return h;
}

function crsText(crs: Header['crs']): unknown {
  if (!crs) return null;
  if (crs.org && crs.code) return `${String(crs.org)}:${String(crs.code)}`;
  if (crs.code_string) return crs.code_string;
  if (crs.wkt) return crs.wkt;
  return crs.name ?? null;
}

export async function fgbInfo(src: Source): Promise<FileInfo> {
  const h = await readHeader(src);
  const name = ['Unknown', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'][h.geometryType] ?? `type ${h.geometryType}`;
  return {
    format: 'flatgeobuf',
    rows: h.count || null,
    columns: h.columns.map((c) => c.name),
    geometryColumn: null,
    geometryTypes: h.geometryType ? [`${name}${h.hasZ ? ' Z' : ''}`] : [],
    bbox: h.envelope ? [h.envelope[0]!, h.envelope[1]!, h.envelope[2]!, h.envelope[3]!] : null,
    crs: crsText(h.crs),
    details: { index: h.indexBytes > 0 ? `packed Hilbert R-tree, node size ${h.nodeSize}` : 'none', columnTypes: Object.fromEntries(h.columns.map((c) => [c.name, CT_NAMES[c.type] ?? c.type])), title: h.name },
  };
}

/** Byte offsets (relative to the features section) of the features whose boxes meet `box`, in file order. */
async function searchIndex(src: Source, h: Header, box: readonly number[]): Promise<number[]> {
  const levels = treeNodes(h.count, h.nodeSize);
  const total = levels.reduce((a, b) => a + b, 0);
  /* level ranges in node indices, root level first */
  const ranges: [number, number][] = [];
  let end = total;
  for (const n of levels) {
    ranges.unshift([end - n, end]);
    end -= n;
  }
  const idx = await src.read(h.indexStart, h.indexBytes);
  if (idx.byteLength < h.indexBytes) throw new GeovecError(`geovec: ${src.name}: truncated index`);
  const v = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
  const found: number[] = [];
  const stack: [number, number][] = [[0, 0]];
  const leafLevel = ranges.length - 1;
  while (stack.length) {
    const [node, level] = stack.pop()!;
    const at = node * NODE_BYTES;
    const minx = v.getFloat64(at, true), miny = v.getFloat64(at + 8, true), maxx = v.getFloat64(at + 16, true), maxy = v.getFloat64(at + 24, true);
    if (minx > box[2]! || maxx < box[0]! || miny > box[3]! || maxy < box[1]!) continue;
    const off = Number(v.getBigUint64(at + 32, true));
    if (level === leafLevel) {
      found.push(off);
      continue;
    }
    const [cs, ce] = ranges[level + 1]!;
    if (off < cs || off >= ce) throw new GeovecError(`geovec: ${src.name}: corrupt index (node ${node} points outside the next level)`);
    for (let c = Math.min(off + h.nodeSize, ce) - 1; c >= off; c--) stack.push([c, level + 1]);
  }
  return found.sort((a, b) => a - b);
}

// ---- geometry: FlatGeobuf -> WKB ---------------------------------------------------------

class Wkb {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  len = 0;
  room(n: number) {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  header(type: number, dims: number) {
    this.room(5);
    this.buf[this.len] = 1;
    this.view.setUint32(this.len + 1, type + dims, true);
    this.len += 5;
  }
  u32(n: number) {
    this.room(4);
    this.view.setUint32(this.len, n, true);
    this.len += 4;
  }
}

interface GeomCtx {
  v: DataView;
  hasZ: boolean;
  hasM: boolean;
  where: string;
}

function coords(w: Wkb, g: FbTable, c: GeomCtx, begin: number, end: number) {
  const [xy, nxy] = g.vector(1);
  const [z, nz] = g.vector(2);
  const [m, nm] = g.vector(3);
  if (end * 2 > nxy || (c.hasZ && end > nz) || (c.hasM && end > nm)) throw new GeovecError(`${c.where}: coordinate vectors are shorter than the geometry's ends`);
  const per = 2 + (c.hasZ ? 1 : 0) + (c.hasM ? 1 : 0);
  w.room(8 * per * (end - begin));
  const v = c.v, o = w.view;
  let at = w.len;
  for (let i = begin; i < end; i++) {
    o.setFloat64(at, v.getFloat64(xy + 16 * i, true), true);
    o.setFloat64(at + 8, v.getFloat64(xy + 16 * i + 8, true), true);
    at += 16;
    if (c.hasZ) {
      o.setFloat64(at, v.getFloat64(z + 8 * i, true), true);
      at += 8;
    }
    if (c.hasM) {
      o.setFloat64(at, v.getFloat64(m + 8 * i, true), true);
      at += 8;
    }
  }
  w.len = at;
}

function ends(g: FbTable, c: GeomCtx): number[] {
  const [e, n] = g.vector(0);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = c.v.getUint32(e + 4 * i, true);
  return out;
}

function writeGeom(w: Wkb, g: FbTable, type: number, c: GeomCtx, dims: number, depth: number) {
  if (depth > 64) throw new GeovecError(`${c.where}: geometry nested too deeply`);
  const t = type || g.u8(6);
  const npts = g.vector(1)[1] / 2;
  switch (t) {
    case GT.Point:
      w.header(1, dims);
      if (npts === 0) {
        w.room(8 * (2 + (c.hasZ ? 1 : 0) + (c.hasM ? 1 : 0)));
        for (let k = 0; k < 2 + (c.hasZ ? 1 : 0) + (c.hasM ? 1 : 0); k++) {
          w.view.setFloat64(w.len, NaN, true);
          w.len += 8;
        }
      } else coords(w, g, c, 0, 1);
      return;
    case GT.LineString:
      w.header(2, dims);
      w.u32(npts);
      coords(w, g, c, 0, npts);
      return;
    case GT.MultiPoint:
      w.header(4, dims);
      w.u32(npts);
      for (let i = 0; i < npts; i++) {
        w.header(1, dims);
        coords(w, g, c, i, i + 1);
      }
      return;
    case GT.Polygon:
    case GT.MultiLineString: {
      const e = ends(g, c);
      const runs = e.length ? e : npts ? [npts] : [];
      w.header(t === GT.Polygon ? 3 : 5, dims);
      w.u32(runs.length);
      let start = 0;
      for (const end of runs) {
        if (end < start || end > npts) throw new GeovecError(`${c.where}: ring/part ends are out of order`);
        if (t === GT.MultiLineString) w.header(2, dims);
        w.u32(end - start);
        coords(w, g, c, start, end);
        start = end;
      }
      return;
    }
    case GT.MultiPolygon:
    case GT.GeometryCollection: {
      const parts = g.tables(7);
      w.header(t, dims);
      w.u32(parts.length);
      for (const p of parts) writeGeom(w, p, t === GT.MultiPolygon ? GT.Polygon : 0, c, dims, depth + 1);
      return;
    }
    default:
      throw new GeovecError(`${c.where}: geometry type ${t} is not supported (curves and surfaces are not)`);
  }
}

// ---- properties ------------------------------------------------------------------------

function readProps(v: DataView, at: number, n: number, cols: Column[], out: unknown[][], row: number, where: string) {
  const end = at + n;
  while (at < end) {
    if (at + 2 > end) throw new GeovecError(`${where}: truncated properties`);
    const ci = v.getUint16(at, true);
    at += 2;
    const col = cols[ci];
    if (!col) throw new GeovecError(`${where}: property column ${ci} does not exist`);
    let val: unknown;
    const need = (k: number) => {
      if (at + k > end) throw new GeovecError(`${where}: truncated value of column ${col.name}`);
    };
    switch (col.type) {
      case CT.Byte: need(1); val = v.getInt8(at); at += 1; break;
      case CT.UByte: need(1); val = v.getUint8(at); at += 1; break;
      case CT.Bool: need(1); val = v.getUint8(at) !== 0; at += 1; break;
      case CT.Short: need(2); val = v.getInt16(at, true); at += 2; break;
      case CT.UShort: need(2); val = v.getUint16(at, true); at += 2; break;
      case CT.Int: need(4); val = v.getInt32(at, true); at += 4; break;
      case CT.UInt: need(4); val = v.getUint32(at, true); at += 4; break;
      case CT.Long: need(8); val = v.getBigInt64(at, true); at += 8; break;
      case CT.ULong: need(8); val = v.getBigUint64(at, true); at += 8; break;
      case CT.Float: need(4); val = v.getFloat32(at, true); at += 4; break;
      case CT.Double: need(8); val = v.getFloat64(at, true); at += 8; break;
      case CT.String: case CT.Json: case CT.DateTime: case CT.Binary: {
        need(4);
        const len = v.getUint32(at, true);
        at += 4;
        need(len);
        const bytes = new Uint8Array(v.buffer, v.byteOffset + at, len);
        val = col.type === CT.Binary ? bytes.slice() : decoder.decode(bytes);
        at += len;
        break;
      }
      default:
        throw new GeovecError(`${where}: column ${col.name} has unknown type ${col.type}`);
    }
    out[ci]![row] = val;
  }
}

function arrowType(t: number): arrow.DataType {
  switch (t) {
    case CT.Byte: return new arrow.Int8();
    case CT.UByte: return new arrow.Uint8();
    case CT.Bool: return new arrow.Bool();
    case CT.Short: return new arrow.Int16();
    case CT.UShort: return new arrow.Uint16();
    case CT.Int: return new arrow.Int32();
    case CT.UInt: return new arrow.Uint32();
    case CT.Long: return new arrow.Int64();
    case CT.ULong: return new arrow.Uint64();
    case CT.Float: return new arrow.Float32();
    case CT.Double: return new arrow.Float64();
    case CT.Binary: return new arrow.Binary();
    default: return new arrow.Utf8();
  }
}

function propsTable(cols: Column[], values: unknown[][], rows: number, wanted?: string[]): arrow.Table {
  const vecs: Record<string, arrow.Vector> = {};
  cols.forEach((c, i) => {
    if (wanted && !wanted.includes(c.name)) return;
    const vals = values[i]!;
    for (let r = 0; r < rows; r++) if (vals[r] === undefined) vals[r] = null;
    vecs[c.name] = arrow.vectorFromArray(vals, arrowType(c.type));
  });
  return Object.keys(vecs).length ? new arrow.Table(vecs) : emptyTable(rows);
}

// ---- reading features ------------------------------------------------------------------------

function decodeFeatures(src: Source, h: Header, chunk: Uint8Array, starts: number[], firstRow: number, o: ReadOptions): FileBatch {
  const v = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const w = new Wkb();
  const offsets = new Int32Array(starts.length + 1);
  /* features without a geometry are null elements (an Arrow validity bitmap) */
  const validity = new Uint8Array((starts.length + 7) >> 3);
  let nulls = 0;
  const values: unknown[][] = h.columns.map(() => new Array(starts.length));
  const dims = (h.hasZ ? 1000 : 0) + (h.hasM ? 2000 : 0);
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k]!;
    const where = `geovec: ${src.name}: feature ${firstRow + k} (byte ${h.featuresStart + at})`;
    if (at + 4 > chunk.byteLength) throw new GeovecError(`${where}: truncated`);
    const size = v.getUint32(at, true);
    if (at + 4 + size > chunk.byteLength) throw new GeovecError(`${where}: truncated (feature of ${size} bytes)`);
    const fv = new DataView(chunk.buffer, chunk.byteOffset + at + 4, size);
    try {
      const f = new FbTable(fv, fv.getUint32(0, true));
      const g = f.table(0);
      if (g) {
        writeGeom(w, g, h.geometryType, { v: fv, hasZ: h.hasZ, hasM: h.hasM, where }, dims, 0);
        validity[k >> 3]! |= 1 << (k & 7);
      } else nulls++;
      const [pp, pn] = f.vector(1);
      if (pn) readProps(fv, pp, pn, h.columns, values, k, where);
    } catch (e) {
      if (e instanceof GeovecError) throw e;
      throw new GeovecError(`${where}: corrupt feature (${(e as Error).message})`);
    }
    offsets[k + 1] = w.len;
  }
  let geometry;
  try {
    geometry = fromWKB({ data: w.buf.subarray(0, w.len), offsets, validity: nulls ? validity : null });
  } catch (e) {
    if (e instanceof GeovecParseError) throw new GeovecError(`geovec: ${src.name}: feature ${firstRow + e.index}: ${e.reason}`);
    throw e;
  }
  return { geometry, table: propsTable(h.columns, values, starts.length, o.columns) };
}

export async function* readFgbBatches(src: Source, o: ReadOptions): AsyncGenerator<FileBatch> {
  const h = await readHeader(src);
  const batchSize = o.batchSize ?? 65536;
  if (o.bbox && h.indexBytes > 0) {
    const offs = await searchIndex(src, h, o.bbox);
    for (let b = 0; b < offs.length; b += batchSize) {
      const group = offs.slice(b, b + batchSize);
      /* one read spanning the group's features */
      const first = group[0]!, lastStart = group[group.length - 1]!;
      const sizeBytes = await src.read(h.featuresStart + lastStart, 4);
      const lastSize = sizeBytes.length === 4 ? new DataView(sizeBytes.buffer, sizeBytes.byteOffset).getUint32(0, true) : 0;
      const chunk = await src.read(h.featuresStart + first, lastStart - first + 4 + lastSize);
      yield filterRows(decodeFeatures(src, h, chunk, group.map((x) => x - first), b, o), o.bbox);
    }
    return;
  }
  /* sequential: read a window of bytes, split it into whole features */
  let at = h.featuresStart;
  let row = 0;
  let buf = new Uint8Array(0);
  let bufStart = at;
  while (at < src.size || buf.length > at - bufStart) {
    const starts: number[] = [];
    let p = at - bufStart;
    while (starts.length < batchSize) {
      if (p + 4 > buf.length) {
        if (bufStart + buf.length >= src.size) break;
        const more = await src.read(bufStart + buf.length, Math.max(4 << 20, p + 4 - buf.length));
        const keep = buf.subarray(at - bufStart);
        const nb = new Uint8Array(keep.length + more.length);
        nb.set(keep);
        nb.set(more, keep.length);
        p -= at - bufStart;
        bufStart = at;
        buf = nb;
        continue;
      }
      const size = new DataView(buf.buffer, buf.byteOffset + p, 4).getUint32(0, true);
      if (p + 4 + size > buf.length) {
        if (bufStart + buf.length >= src.size) throw new GeovecError(`geovec: ${src.name}: feature ${row + starts.length} (byte ${bufStart + p}): truncated (feature of ${size} bytes)`);
        const more = await src.read(bufStart + buf.length, Math.max(4 << 20, p + 4 + size - buf.length));
        const keep = buf.subarray(at - bufStart);
        const nb = new Uint8Array(keep.length + more.length);
        nb.set(keep);
        nb.set(more, keep.length);
        p -= at - bufStart;
        bufStart = at;
        buf = nb;
        continue;
      }
      starts.push(p);
      p += 4 + size;
    }
    if (!starts.length) break;
    const base = starts[0]!;
    const batch = decodeFeatures(src, h, buf.subarray(base, p), starts.map((s) => s - base), row, o);
    row += starts.length;
    at = bufStart + p;
    yield o.bbox ? filterRows(batch, o.bbox) : batch;
    if (h.count && row > h.count) throw new GeovecError(`geovec: ${src.name}: more features than the header's count (${h.count})`);
  }
}

function filterRows(batch: FileBatch, box: readonly number[]): FileBatch {
  const b = bounds(batch.geometry);
  const keep: number[] = [];
  for (let i = 0; i < batch.geometry.length; i++) if (b[4 * i]! <= box[2]! && b[4 * i + 2]! >= box[0]! && b[4 * i + 1]! <= box[3]! && b[4 * i + 3]! >= box[1]!) keep.push(i);
  return keep.length === batch.geometry.length ? batch : { geometry: batch.geometry.take(keep), table: takeRows(batch.table, keep) };
}

// ---- FlatBuffer writing (forward layout) -----------------------------------------------------

class Out {
  /** Position of the first table written (the root). */
  root = -1;
  buf = new Uint8Array(1024);
  v = new DataView(this.buf.buffer);
  len = 0;
  room(n: number) {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
    this.v = new DataView(b.buffer);
  }
  align(k: number) {
    const pad = (k - (this.len % k)) % k;
    this.room(pad);
    this.buf.fill(0, this.len, this.len + pad);
    this.len += pad;
  }
  /** Patches the uoffset at `at` to point to the current position (or to `target`). */
  patch(at: number, target = this.len) {
    this.v.setUint32(at, target - at, true);
  }
}

type Field = { slot: number; size: 1 | 2 | 4 | 8; value?: number | bigint; ref?: boolean };

/** Writes a table (vtable first); returns its position and the positions of its offset fields by slot, to patch. */
function table(o: Out, fields: Field[]): { t: number; refs: Map<number, number> } {
  const present = fields.filter((f) => f.ref || f.value !== undefined);
  const maxSlot = present.reduce((m, f) => Math.max(m, f.slot), -1);
  /* table layout: soffset, then fields by descending size for alignment */
  const sorted = [...present].sort((a, b) => b.size - a.size);
  let off = 4;
  const offs = new Map<Field, number>();
  for (const f of sorted) {
    off = Math.ceil(off / f.size) * f.size;
    offs.set(f, off);
    off += f.size;
  }
  const tableSize = Math.ceil(off / 4) * 4;
  const vtSize = 4 + 2 * (maxSlot + 1);
  /* vtable, then the table aligned to 8 */
  o.align(2);
  let vt = o.len;
  const needPad = (8 - ((vt + vtSize) % 8)) % 8;
  o.room(needPad + vtSize + tableSize);
  o.buf.fill(0, o.len, o.len + needPad);
  vt += needPad;
  o.len = vt;
  o.v.setUint16(vt, vtSize, true);
  o.v.setUint16(vt + 2, tableSize, true);
  for (let s = 0; s <= maxSlot; s++) o.v.setUint16(vt + 4 + 2 * s, 0, true);
  for (const f of present) o.v.setUint16(vt + 4 + 2 * f.slot, offs.get(f)!, true);
  const t = vt + vtSize;
  o.buf.fill(0, t, t + tableSize);
  o.v.setInt32(t, t - vt, true);
  if (o.root < 0) o.root = t;
  const refs = new Map<number, number>();
  for (const f of present) {
    const at = t + offs.get(f)!;
    if (f.ref) refs.set(f.slot, at);
    else if (f.size === 1) o.v.setUint8(at, Number(f.value));
    else if (f.size === 2) o.v.setUint16(at, Number(f.value), true);
    else if (f.size === 4) o.v.setUint32(at, Number(f.value), true);
    else o.v.setBigUint64(at, BigInt(f.value!), true);
  }
  o.len = t + tableSize;
  return { t, refs };
}

function vecF64(o: Out, at: number, values: ArrayLike<number>) {
  /* the length field sits 4 bytes before 8-aligned doubles */
  o.align(8);
  o.room(8 + 8 * values.length);
  o.v.setUint32(o.len, 0, true);
  o.len += 4;
  o.patch(at);
  o.v.setUint32(o.len, values.length, true);
  o.len += 4;
  for (let i = 0; i < values.length; i++) {
    o.v.setFloat64(o.len, values[i]!, true);
    o.len += 8;
  }
}

function vecU32(o: Out, at: number, values: ArrayLike<number>) {
  o.align(4);
  o.room(4 + 4 * values.length);
  o.patch(at);
  o.v.setUint32(o.len, values.length, true);
  o.len += 4;
  for (let i = 0; i < values.length; i++) {
    o.v.setUint32(o.len, values[i]!, true);
    o.len += 4;
  }
}

function vecBytes(o: Out, at: number, bytes: Uint8Array) {
  o.align(4);
  o.room(4 + bytes.length + 1);
  o.patch(at);
  o.v.setUint32(o.len, bytes.length, true);
  o.len += 4;
  o.buf.set(bytes, o.len);
  o.len += bytes.length;
}

function str(o: Out, at: number, s: string) {
  const b = encoder.encode(s);
  vecBytes(o, at, b);
  o.room(1);
  o.buf[o.len++] = 0;
}

// ---- geometry: WKB -> FlatGeobuf -------------------------------------------------------------

interface Parsed {
  type: number;
  xy: number[];
  z: number[];
  m: number[];
  ends: number[];
  parts: Parsed[];
}

function parseWkb(b: Uint8Array): Parsed {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 0;
  const geom = (): Parsed => {
    const le = v.getUint8(at) === 1;
    let t = v.getUint32(at + 1, le);
    at += 5;
    const hasZ = t >= 1000 && t < 2000 ? true : t >= 3000;
    const hasM = t >= 2000;
    t %= 1000;
    const g: Parsed = { type: t, xy: [], z: [], m: [], ends: [], parts: [] };
    const pt = (into: Parsed) => {
      into.xy.push(v.getFloat64(at, le), v.getFloat64(at + 8, le));
      at += 16;
      if (hasZ) { into.z.push(v.getFloat64(at, le)); at += 8; }
      if (hasM) { into.m.push(v.getFloat64(at, le)); at += 8; }
    };
    const run = (into: Parsed) => {
      const n = v.getUint32(at, le);
      at += 4;
      for (let i = 0; i < n; i++) pt(into);
    };
    switch (t) {
      case 1:
        pt(g);
        if (Number.isNaN(g.xy[0]!) && Number.isNaN(g.xy[1]!)) g.xy = [], g.z = [], g.m = [];
        break;
      case 2:
        run(g);
        break;
      case 3: {
        const n = v.getUint32(at, le);
        at += 4;
        for (let r = 0; r < n; r++) {
          run(g);
          g.ends.push(g.xy.length / 2);
        }
        if (g.ends.length === 1) g.ends = [];
        break;
      }
      case 4: case 5: case 6: case 7: {
        const n = v.getUint32(at, le);
        at += 4;
        const kids: Parsed[] = [];
        for (let k = 0; k < n; k++) kids.push(geom());
        if (t === 4) for (const k of kids) { g.xy.push(...k.xy); g.z.push(...k.z); g.m.push(...k.m); }
        else if (t === 5) {
          for (const k of kids) { g.xy.push(...k.xy); g.z.push(...k.z); g.m.push(...k.m); g.ends.push(g.xy.length / 2); }
          if (g.ends.length === 1) g.ends = [];
        } else g.parts = kids;
        break;
      }
      default:
        throw new GeovecError(`geovec: FlatGeobuf: cannot write geometry type ${t}`);
    }
    return g;
  };
  return geom();
}

function writeGeometry(o: Out, at: number, g: Parsed, withType: boolean, hasZ: boolean, hasM: boolean) {
  const { t, refs } = table(o, [
    { slot: 0, size: 4, ref: g.ends.length > 0 },
    { slot: 1, size: 4, ref: g.xy.length > 0 },
    { slot: 2, size: 4, ref: hasZ && g.z.length > 0 },
    { slot: 3, size: 4, ref: hasM && g.m.length > 0 },
    ...(withType ? [{ slot: 6, size: 1 as const, value: g.type }] : []),
    { slot: 7, size: 4, ref: g.parts.length > 0 },
  ]);
  o.patch(at, t);
  if (refs.has(0)) vecU32(o, refs.get(0)!, g.ends);
  if (refs.has(1)) vecF64(o, refs.get(1)!, g.xy);
  if (refs.has(2)) vecF64(o, refs.get(2)!, g.z);
  if (refs.has(3)) vecF64(o, refs.get(3)!, g.m);
  if (refs.has(7)) {
    const p = refs.get(7)!;
    o.align(4);
    o.patch(p);
    o.room(4 + 4 * g.parts.length);
    o.v.setUint32(o.len, g.parts.length, true);
    o.len += 4;
    const slots: number[] = [];
    for (let k = 0; k < g.parts.length; k++) {
      slots.push(o.len);
      o.len += 4;
    }
    g.parts.forEach((part, k) => writeGeometry(o, slots[k]!, part, true, hasZ, hasM));
  }
}

// ---- writing files ---------------------------------------------------------------------------

function columnType(f: arrow.Field): number {
  switch (f.type.typeId) {
    case arrow.Type.Bool: return CT.Bool;
    case arrow.Type.Int: {
      const t = f.type as arrow.Int;
      const bits = t.bitWidth;
      if (bits === 8) return t.isSigned ? CT.Byte : CT.UByte;
      if (bits === 16) return t.isSigned ? CT.Short : CT.UShort;
      if (bits === 32) return t.isSigned ? CT.Int : CT.UInt;
      return t.isSigned ? CT.Long : CT.ULong;
    }
    case arrow.Type.Float:
      return (f.type as arrow.Float).precision === arrow.Precision.SINGLE ? CT.Float : CT.Double;
    case arrow.Type.Utf8: case arrow.Type.LargeUtf8: return CT.String;
    case arrow.Type.Binary: case arrow.Type.LargeBinary: return CT.Binary;
    case arrow.Type.Date: case arrow.Type.Timestamp: return CT.DateTime;
    default: return CT.Json;
  }
}

function propBytes(cols: { type: number; vec: arrow.Vector }[], row: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  cols.forEach((c, ci) => {
    const val = c.vec.get(row);
    if (val === null || val === undefined) return;
    let b: Uint8Array;
    const fixed = (n: number, set: (v: DataView) => void) => {
      b = new Uint8Array(2 + n);
      const v = new DataView(b.buffer);
      v.setUint16(0, ci, true);
      set(v);
    };
    switch (c.type) {
      case CT.Bool: fixed(1, (v) => v.setUint8(2, val ? 1 : 0)); break;
      case CT.Byte: fixed(1, (v) => v.setInt8(2, Number(val))); break;
      case CT.UByte: fixed(1, (v) => v.setUint8(2, Number(val))); break;
      case CT.Short: fixed(2, (v) => v.setInt16(2, Number(val), true)); break;
      case CT.UShort: fixed(2, (v) => v.setUint16(2, Number(val), true)); break;
      case CT.Int: fixed(4, (v) => v.setInt32(2, Number(val), true)); break;
      case CT.UInt: fixed(4, (v) => v.setUint32(2, Number(val), true)); break;
      case CT.Long: fixed(8, (v) => v.setBigInt64(2, BigInt(val as number), true)); break;
      case CT.ULong: fixed(8, (v) => v.setBigUint64(2, BigInt(val as number), true)); break;
      case CT.Float: fixed(4, (v) => v.setFloat32(2, Number(val), true)); break;
      case CT.Double: fixed(8, (v) => v.setFloat64(2, Number(val), true)); break;
      default: {
        const raw = c.type === CT.Binary ? (val as Uint8Array)
          : encoder.encode(c.type === CT.DateTime ? new Date(val as number).toISOString() : c.type === CT.Json ? JSON.stringify(cellValue(val)) : String(val));
        b = new Uint8Array(6 + raw.length);
        const v = new DataView(b.buffer);
        v.setUint16(0, ci, true);
        v.setUint32(2, raw.length, true);
        b.set(raw, 6);
      }
    }
    parts.push(b!);
    total += b!.length;
  });
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Encodes a FlatGeobuf file (Hilbert-sorted features and the packed R-tree index by default). */
export function writeFgbBytes(geometry: GeometryArray, tableIn: arrow.Table | undefined, o: WriteOptions): Uint8Array {
  const n = geometry.length;
  let props = tableIn ?? emptyTable(n);
  if (props.numRows !== n) throw new GeovecError(`geovec: writeFile: the table has ${props.numRows} rows for ${n} geometries`);
  const withIndex = o.index !== false && n > 0;
  let g = geometry;
  if ((o.sort !== false || withIndex) && n > 1) {
    const order = hilbertOrder(geometry);
    g = geometry.take(order);
    props = takeRows(props, order);
  }
  const codes = geometryType(g);
  let common = -1;
  for (const c of codes) {
    if (!c) continue;
    common = common === -1 ? c : common === c ? c : 0;
  }
  const headerType = common > 0 ? common : GT.Unknown;
  const dims = g.dims;
  const hasZ = dims === 'xyz' || dims === 'xyzm', hasM = dims === 'xym' || dims === 'xyzm';
  const cols = props.schema.fields.map((f) => ({ name: f.name, type: columnType(f), vec: props.getChild(f.name)! }));
  const b = bounds(g);
  let env = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(b[4 * i]!)) continue;
    env = [Math.min(env[0]!, b[4 * i]!), Math.min(env[1]!, b[4 * i + 1]!), Math.max(env[2]!, b[4 * i + 2]!), Math.max(env[3]!, b[4 * i + 3]!)];
  }
  /* header */
  const h = new Out();
  const nodeSize = 16;
  const crs = fgbCrs(o.crs);
  const { refs: hrefs } = table(h, [
    { slot: 0, size: 4, ref: true },
    { slot: 1, size: 4, ref: env[0]! <= env[2]! },
    { slot: 2, size: 1, value: headerType },
    { slot: 3, size: 1, value: hasZ ? 1 : 0 },
    { slot: 4, size: 1, value: hasM ? 1 : 0 },
    { slot: 7, size: 4, ref: cols.length > 0 },
    { slot: 8, size: 8, value: BigInt(n) },
    { slot: 9, size: 2, value: withIndex ? nodeSize : 0 },
    { slot: 10, size: 4, ref: crs !== null },
  ]);
  str(h, hrefs.get(0)!, 'geovec');
  if (hrefs.has(1)) vecF64(h, hrefs.get(1)!, env);
  if (hrefs.has(7)) {
    h.align(4);
    h.patch(hrefs.get(7)!);
    h.room(4 + 4 * cols.length);
    h.v.setUint32(h.len, cols.length, true);
    h.len += 4;
    const slots = cols.map(() => {
      const s = h.len;
      h.len += 4;
      return s;
    });
    cols.forEach((c, k) => {
      const r = table(h, [{ slot: 0, size: 4, ref: true }, { slot: 1, size: 1, value: c.type }]);
      h.patch(slots[k]!, r.t);
      str(h, r.refs.get(0)!, c.name);
    });
  }
  if (hrefs.has(10) && crs) {
    /* Crs table: org 0, code 1, name 2, description 3, wkt 4, code_string 5 */
    const slots: Field[] = [];
    if (crs.org !== undefined) slots.push({ slot: 0, size: 4, ref: true }, { slot: 1, size: 4, value: crs.code! });
    if (crs.name !== undefined) slots.push({ slot: 2, size: 4, ref: true });
    if (crs.wkt !== undefined) slots.push({ slot: 4, size: 4, ref: true });
    if (crs.codeString !== undefined) slots.push({ slot: 5, size: 4, ref: true });
    const r = table(h, slots);
    h.patch(hrefs.get(10)!, r.t);
    if (crs.org !== undefined) str(h, r.refs.get(0)!, crs.org);
    if (crs.name !== undefined) str(h, r.refs.get(2)!, crs.name);
    if (crs.wkt !== undefined) str(h, r.refs.get(4)!, crs.wkt);
    if (crs.codeString !== undefined) str(h, r.refs.get(5)!, crs.codeString);
  }
  const headerBytes = withRoot(h); /* its size prefix is the file's header size */
  /* features */
  const wkb = toWKB(g);
  const feats: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = new Out();
    const w = wkb[i];
    const pb = cols.length ? propBytes(cols, i) : new Uint8Array(0);
    const { refs } = table(f, [{ slot: 0, size: 4, ref: !!w }, { slot: 1, size: 4, ref: pb.length > 0 }]);
    if (w) writeGeometry(f, refs.get(0)!, parseWkb(w), headerType === GT.Unknown, hasZ, hasM);
    if (refs.has(1)) vecBytes(f, refs.get(1)!, pb);
    feats.push(withRoot(f));
  }
  /* index */
  let index = new Uint8Array(0);
  if (withIndex) {
    const levels = treeNodes(n, nodeSize);
    const total = levels.reduce((a, c) => a + c, 0);
    index = new Uint8Array(total * NODE_BYTES);
    const v = new DataView(index.buffer);
    const setNode = (k: number, box: number[], off: number) => {
      const at = k * NODE_BYTES;
      for (let j = 0; j < 4; j++) v.setFloat64(at + 8 * j, box[j]!, true);
      v.setBigUint64(at + 32, BigInt(off), true);
    };
    const leafStart = total - n;
    let off = 0;
    for (let i = 0; i < n; i++) {
      const box = Number.isNaN(b[4 * i]!) ? [0, 0, 0, 0] : [b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!];
      setNode(leafStart + i, box, off);
      off += feats[i]!.length;
    }
    let childStart = leafStart, childCount = n;
    for (let lv = 1; lv < levels.length; lv++) {
      const count = levels[lv]!;
      const start = childStart - count;
      for (let p = 0; p < count; p++) {
        const c0 = childStart + p * nodeSize, c1 = Math.min(c0 + nodeSize, childStart + childCount);
        const box = [Infinity, Infinity, -Infinity, -Infinity];
        for (let c = c0; c < c1; c++) {
          const at = c * NODE_BYTES;
          box[0] = Math.min(box[0]!, v.getFloat64(at, true));
          box[1] = Math.min(box[1]!, v.getFloat64(at + 8, true));
          box[2] = Math.max(box[2]!, v.getFloat64(at + 16, true));
          box[3] = Math.max(box[3]!, v.getFloat64(at + 24, true));
        }
        setNode(start + p, box, c0);
      }
      childStart = start;
      childCount = count;
    }
  }
  let size = 8 + headerBytes.length + index.length;
  for (const f of feats) size += f.length;
  const out = new Uint8Array(size);
  out.set(MAGIC, 0);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  out.set(index, at);
  at += index.length;
  for (const f of feats) {
    out.set(f, at);
    at += f.length;
  }
  return out.subarray(0, at);
}

/**
 * Frames a forward-laid-out FlatBuffer as [u32 size][u32 root offset][body]
 * (a size-prefixed FlatBuffer). The body was laid out 8-aligned from its
 * own start, which sits 8 bytes after the size prefix, so alignment holds
 * relative to the prefix as FlatBuffers' verifiers expect; the body is
 * padded so that the whole frame is a multiple of 8 bytes, which keeps
 * every frame of a file 8-aligned in the file too (readers that view the
 * bytes in place, such as the flatgeobuf package, need that).
 */
function withRoot(o: Out): Uint8Array {
  const len = (8 + o.len + 7) & ~7;
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  v.setUint32(0, len - 4, true);
  v.setUint32(4, 4 + o.root, true);
  out.set(o.buf.subarray(0, o.len), 8);
  return out;
}
