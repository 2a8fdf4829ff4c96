/** Arrow IPC files and streams with a GeoArrow geometry column (or WKB/WKT in a column named geometry / geom). */
import * as arrow from 'apache-arrow';

import type { GeometryArray } from '../array.js';
import { fromArrow, toArrow } from '../arrow.js';
import { GeovecError } from '../errors.js';
import type { Source } from './source.js';
import { emptyTable } from './table.js';
import type { FileBatch, FileInfo, ReadOptions, WriteOptions } from './types.js';

const EXT_NAME = 'ARROW:extension:name';

function geometryField(schema: arrow.Schema, name: string): arrow.Field {
  const f = schema.fields.find((x) => x.metadata.get(EXT_NAME)?.startsWith('geoarrow.'))
    ?? schema.fields.find((x) => /^(geometry|geom|wkb_geometry|wkt)$/i.test(x.name));
  if (!f) throw new GeovecError(`geovec: ${name}: no geometry column (no field with GeoArrow metadata, none named geometry or geom)`);
  return f;
}

function encodingOf(f: arrow.Field) {
  const ext = f.metadata.get(EXT_NAME);
  if (ext) return undefined;
  const t = f.type.typeId;
  if (t === arrow.Type.Binary || t === arrow.Type.LargeBinary) return 'geoarrow.wkb' as const;
  if (t === arrow.Type.Utf8 || t === arrow.Type.LargeUtf8) return 'geoarrow.wkt' as const;
  return undefined;
}

async function reader(src: Source): Promise<arrow.RecordBatchReader> {
  const bytes = await src.read(0, src.size);
  try {
    return arrow.RecordBatchReader.from(bytes);
  } catch (e) {
    throw new GeovecError(`geovec: ${src.name}: not an Arrow IPC file or stream (${(e as Error).message})`);
  }
}

export async function arrowInfo(src: Source): Promise<FileInfo> {
  const r = await reader(src);
  r.open();
  const schema = r.schema;
  let rows = 0;
  for (const b of r) rows += b.numRows;
  const f = geometryField(schema, src.name);
  const meta = f.metadata.get('ARROW:extension:metadata');
  let crs: unknown = null;
  try {
    crs = meta ? (JSON.parse(meta) as { crs?: unknown }).crs ?? null : null;
  } catch {
    crs = null;
  }
  return {
    format: 'arrow',
    rows,
    columns: schema.fields.filter((x) => x !== f).map((x) => x.name),
    geometryColumn: f.name,
    geometryTypes: [],
    bbox: null,
    crs,
    details: { encoding: f.metadata.get(EXT_NAME) ?? encodingOf(f) ?? String(f.type), ipc: r.isFile() ? 'file' : 'stream' },
  };
}

export async function* readArrowBatches(src: Source, o: ReadOptions): AsyncGenerator<FileBatch> {
  const r = await reader(src);
  let f: arrow.Field | undefined;
  for (const batch of r) {
    f ??= geometryField(batch.schema, src.name);
    const t = new arrow.Table(batch);
    let geometry: GeometryArray;
    try {
      const enc = encodingOf(f);
      geometry = fromArrow(t, enc ? { column: f.name, encoding: enc } : { column: f.name });
    } catch (e) {
      throw new GeovecError(`geovec: ${src.name}: geometry column ${f.name}: ${(e as Error).message}`);
    }
    const others = t.schema.fields.filter((x) => x.name !== f!.name).map((x) => x.name);
    const cols = o.columns ? others.filter((c) => o.columns!.includes(c)) : others;
    yield { geometry, table: cols.length ? t.select(cols) : emptyTable(t.numRows) };
  }
}

/** An Arrow table: the geometry column (GeoArrow metadata) first, then the property columns. */
export function arrowTable(geometry: GeometryArray, table: arrow.Table | undefined, o: WriteOptions): arrow.Table {
  const n = geometry.length;
  const t = table ?? emptyTable(n);
  if (t.numRows !== n) throw new GeovecError(`geovec: writeFile: the table has ${t.numRows} rows for ${n} geometries`);
  const g = toArrow(geometry, o.arrowEncoding ? { encoding: o.arrowEncoding } : {});
  const gf = g.schema.fields[0]!;
  const name = o.geometryColumn ?? 'geometry';
  const meta = new Map(gf.metadata);
  if (o.crs !== undefined) meta.set('ARROW:extension:metadata', JSON.stringify({ crs: o.crs }));
  const fields = [new arrow.Field(name, gf.type, gf.nullable, meta), ...t.schema.fields.filter((x) => x.name !== name)];
  const gdata = g.getChild(gf.name)!.data;
  const geomData = gdata.length === 1 ? gdata[0]! : g.getChild(gf.name)!.data[0]!;
  const children = [geomData, ...fields.slice(1).map((x) => {
    const v = t.getChild(x.name)!;
    return v.data.length === 1 ? v.data[0]! : arrow.makeVector(v.toArray() as never).data[0]!;
  })];
  const schema = new arrow.Schema(fields);
  return new arrow.Table(schema, new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, nullCount: 0, children })));
}
