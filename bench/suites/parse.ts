/**
 * Suite "parse": reading and writing the 3,230 US counties
 * (../shared/data/us-counties.geojson) as WKB and GeoJSON, with geovec on
 * each backend and with JSON.parse, geos-wasm and wkx on the same inputs.
 */
import wkx from 'wkx';
import * as gv from '../../src/ts/index.js';
import { geojsonDataset, type GeoJSONDataset } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';

const FILE = 'us-counties.geojson';

/** What the geos-wasm package exports (only what this suite calls). */
interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSWKBReader_create(): number;
  GEOSWKBReader_read(reader: number, wkb: number, size: number): number;
  GEOSGeoJSONReader_create(): number;
  GEOSGeoJSONReader_readGeometry(reader: number, text: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSGetNumGeometries(g: number): number;
  GEOSGetNumCoordinates(g: number): number;
  GEOSversion(): string;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Checks a parsed GeometryArray against the dataset: same length, same number of positions. */
function checkArray(a: gv.GeometryArray, ds: GeoJSONDataset): string {
  try {
    const pts = sum(gv.numPoints(a));
    if (a.length !== ds.count) throw new Error(`${a.length} geometries, expected ${ds.count}`);
    if (pts !== ds.coordinates) throw new Error(`${pts} coordinates, expected ${ds.coordinates}`);
    return `${a.length} geometries, ${pts} coordinates`;
  } finally {
    a.dispose();
  }
}

function geovecCases(ds: GeoJSONDataset): BenchCase[] {
  const { count: items, packed } = ds;
  const wkbBytes = packed.data.byteLength;
  /* The writers' input: parsed once per variant, in setup (so it lives in that variant's backend). */
  let parsed: gv.GeometryArray | null = null;
  let wkbOut = 0;
  let geojsonOut = 0;
  const input = () => (parsed ??= gv.fromWKB(packed));
  const parse = (f: () => gv.GeometryArray) => () => {
    const a = f();
    a.dispose();
    return a;
  };
  const common = { lib: 'geovec', geovec: true, items } as const;
  return [
    {
      ...common,
      id: 'wkb.geovec.packed',
      label: 'fromWKB({data, offsets})',
      group: 'wkb',
      bytes: wkbBytes,
      unit: 'GB/s',
      target: 1.5,
      run: parse(() => gv.fromWKB(packed)),
      check: () => checkArray(gv.fromWKB(packed), ds),
    },
    {
      ...common,
      id: 'wkb.geovec.packed-loop',
      label: 'fromWKB({data, offsets}), back-to-back',
      group: 'wkb',
      bytes: wkbBytes,
      unit: 'GB/s',
      settle: false,
      run: parse(() => gv.fromWKB(packed)),
      note: '"back-to-back": samples run without a GC and event-loop turn between them (every other row settles memory before each sample). On native, dispose() does not free and the finalizers that do run only after a GC and an event-loop turn, so a tight loop parses into ever new memory.',
    },
    {
      ...common,
      id: 'wkb.geovec.array',
      label: 'fromWKB(Uint8Array[])',
      group: 'wkb',
      bytes: wkbBytes,
      unit: 'GB/s',
      target: 1.5,
      run: parse(() => gv.fromWKB(ds.wkb)),
      check: () => checkArray(gv.fromWKB(ds.wkb), ds),
    },
    {
      ...common,
      id: 'geojson.geovec.bytes',
      label: 'fromGeoJSON(Uint8Array)',
      group: 'geojson',
      bytes: ds.bytes.byteLength,
      unit: 'MB/s',
      target: 150,
      run: parse(() => gv.fromGeoJSON(ds.bytes)),
      check: () => checkArray(gv.fromGeoJSON(ds.bytes), ds),
    },
    {
      ...common,
      id: 'geojson.geovec.string',
      label: 'fromGeoJSON(string)',
      group: 'geojson',
      bytes: ds.bytes.byteLength,
      unit: 'MB/s',
      target: 150,
      run: parse(() => gv.fromGeoJSON(ds.text)),
      check: () => checkArray(gv.fromGeoJSON(ds.text), ds),
    },
    {
      ...common,
      id: 'write.geovec.wkb',
      label: 'toWKB() → Uint8Array[]',
      group: 'write',
      unit: 'MB/s',
      setup: () => {
        wkbOut = sum(gv.toWKB(input()).map((b) => b?.byteLength ?? 0));
      },
      get bytes() {
        return wkbOut || wkbBytes;
      },
      run: () => gv.toWKB(input()),
      check: () => {
        const out = gv.toWKB(input());
        const same = out.every((b, i) => b !== null && Buffer.compare(b, ds.wkb[i]!) === 0);
        if (!same) throw new Error('output differs from the wkx WKB');
        return `${out.length} WKB, byte-identical to wkx`;
      },
    },
    {
      ...common,
      id: 'write.geovec.wkb-packed',
      label: 'toWKB({packed: true})',
      group: 'write',
      bytes: wkbBytes,
      unit: 'MB/s',
      run: () => gv.toWKB(input(), { packed: true }),
      check: () => {
        const out = gv.toWKB(input(), { packed: true });
        if (Buffer.compare(out.data, packed.data) !== 0) throw new Error('output differs from the wkx WKB');
        return `${out.data.byteLength} bytes, byte-identical to wkx`;
      },
    },
    {
      ...common,
      id: 'write.geovec.geojson',
      label: "toGeoJSON({as: 'text'})",
      group: 'write',
      unit: 'MB/s',
      setup: () => {
        geojsonOut = gv.toGeoJSON(input(), { as: 'text' }).length;
      },
      get bytes() {
        return geojsonOut;
      },
      run: () => gv.toGeoJSON(input(), { as: 'text' }),
      check: () => {
        const fc = JSON.parse(gv.toGeoJSON(input(), { as: 'text' })) as { features: unknown[] };
        if (fc.features.length !== ds.count) throw new Error(`${fc.features.length} features, expected ${ds.count}`);
        return `${fc.features.length} features, ${geojsonOut} bytes`;
      },
      teardown: () => {
        parsed?.dispose();
        parsed = null;
      },
    },
  ];
}

async function otherCases(ds: GeoJSONDataset): Promise<BenchCase[]> {
  const { count: items, packed } = ds;
  const { data, offsets } = packed;
  const wkbBytes = data.byteLength;
  const cases: BenchCase[] = [
    {
      id: 'geojson.json-parse',
      label: 'JSON.parse(string)',
      lib: 'JSON.parse',
      group: 'geojson',
      geovec: false,
      bytes: ds.bytes.byteLength,
      unit: 'MB/s',
      items,
      run: () => JSON.parse(ds.text),
      check: () => `${(JSON.parse(ds.text) as { features: unknown[] }).features.length} features (plain objects)`,
      note: 'JSON.parse only builds plain objects: no geometry checks, no columnar layout.',
    },
    {
      id: 'wkb.wkx',
      label: 'Geometry.parse(Buffer) each',
      lib: 'wkx 0.5',
      group: 'wkb',
      geovec: false,
      bytes: wkbBytes,
      unit: 'GB/s',
      items,
      run: () => ds.wkbBuffers.map((b) => wkx.Geometry.parse(b)),
      check: () => `${ds.wkbBuffers.map((b) => wkx.Geometry.parse(b)).length} geometries`,
    },
  ];

  /* geos-wasm: every geometry is read by GEOS's own reader inside its WebAssembly memory. */
  const { default: initGeos } = (await import('geos-wasm')) as unknown as { default: () => Promise<Geos> };
  const geos = await initGeos();
  const M = geos.Module;
  const wkbReader = geos.GEOSWKBReader_create();
  const jsonReader = geos.GEOSGeoJSONReader_create();
  const n = ds.count;
  const geoms = new Int32Array(n);
  const destroyAll = () => {
    for (let i = 0; i < n; i++) geos.GEOSGeom_destroy(geoms[i]!);
  };
  const readPacked = () => {
    /* One copy of the packed buffer into GEOS memory, then one read per element. */
    const p = M._malloc(data.byteLength);
    M.HEAPU8.set(data, p);
    for (let i = 0; i < n; i++) {
      const g = geos.GEOSWKBReader_read(wkbReader, p + offsets[i]!, offsets[i + 1]! - offsets[i]!);
      if (!g) throw new Error(`GEOS could not read WKB ${i}`);
      geoms[i] = g;
    }
    M._free(p);
  };
  const readEach = () => {
    /* What a user with one Uint8Array per geometry does: malloc, copy, read, free. */
    for (let i = 0; i < n; i++) {
      const w = ds.wkb[i]!;
      const p = M._malloc(w.byteLength);
      M.HEAPU8.set(w, p);
      const g = geos.GEOSWKBReader_read(wkbReader, p, w.byteLength);
      M._free(p);
      if (!g) throw new Error(`GEOS could not read WKB ${i}`);
      geoms[i] = g;
    }
  };
  const coordsOfAll = () => {
    let c = 0;
    for (let i = 0; i < n; i++) c += geos.GEOSGetNumCoordinates(geoms[i]!);
    return c;
  };
  const checkRead = (read: () => void) => () => {
    read();
    const c = coordsOfAll();
    destroyAll();
    if (c !== ds.coordinates) throw new Error(`${c} coordinates, expected ${ds.coordinates}`);
    return `${n} geometries, ${c} coordinates`;
  };
  const readGeoJSON = () => {
    /* The whole FeatureCollection (NUL-terminated) becomes one GeometryCollection. */
    const len = ds.bytes.byteLength;
    const p = M._malloc(len + 1);
    M.HEAPU8.set(ds.bytes, p);
    M.HEAPU8[p + len] = 0;
    const g = geos.GEOSGeoJSONReader_readGeometry(jsonReader, p);
    M._free(p);
    if (!g) throw new Error('GEOS could not read the GeoJSON');
    return g;
  };
  const geosLib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  cases.push(
    {
      id: 'wkb.geos.packed',
      label: 'WKBReader_read, packed copy',
      lib: geosLib,
      backend: 'wasm',
      group: 'wkb',
      geovec: false,
      bytes: wkbBytes,
      unit: 'GB/s',
      items,
      run: () => {
        readPacked();
        destroyAll();
      },
      check: checkRead(readPacked),
      note: 'geos-wasm WKB: copy into its memory, one GEOSWKBReader_read per geometry, then GEOSGeom_destroy of each (all timed).',
    },
    {
      id: 'wkb.geos.each',
      label: 'WKBReader_read, copy each',
      lib: geosLib,
      backend: 'wasm',
      group: 'wkb',
      geovec: false,
      bytes: wkbBytes,
      unit: 'GB/s',
      items,
      run: () => {
        readEach();
        destroyAll();
      },
      check: checkRead(readEach),
    },
    {
      id: 'geojson.geos',
      label: 'GeoJSONReader_readGeometry',
      lib: geosLib,
      backend: 'wasm',
      group: 'geojson',
      geovec: false,
      bytes: ds.bytes.byteLength,
      unit: 'MB/s',
      items,
      run: () => geos.GEOSGeom_destroy(readGeoJSON()),
      check: () => {
        const g = readGeoJSON();
        const parts = geos.GEOSGetNumGeometries(g);
        const c = geos.GEOSGetNumCoordinates(g);
        geos.GEOSGeom_destroy(g);
        if (parts !== n || c !== ds.coordinates) throw new Error(`${parts} geometries, ${c} coordinates`);
        return `GeometryCollection of ${parts}, ${c} coordinates`;
      },
      note: 'geos-wasm GeoJSON: the whole FeatureCollection read as one GeometryCollection (copy in, read, destroy; all timed).',
    },
  );
  return cases;
}

function pct(a: Row, b: Row): string {
  return `${((a.throughput! / b.throughput!) * 100).toFixed(0)} %`;
}

export const suite: Suite = {
  name: 'parse',
  title: 'Parsing and writing: WKB and GeoJSON',
  description: [
    'Input: the 3,230 US counties of `us-counties.geojson` (2,110,106 bytes of GeoJSON; 68,151 positions;',
    '3,120 Polygons + 110 MultiPolygons). The WKB of every county is made once with wkx (ISO, little endian).',
    'Each operation handles the whole dataset; throughput is bytes of input (output for the writers) per second.',
    'geovec operations include making the GeometryArray and disposing it.',
    '"time ÷ ref" divides by the median of geovec native fromWKB({data, offsets}) (WKB) or fromGeoJSON(Uint8Array) (GeoJSON).',
    'betterknown is not included: it parses and writes WKT only (no WKB reader).',
  ].join('\n'),
  groups: [
    { id: 'wkb', title: 'WKB → geometries', ref: 'wkb.geovec.packed' },
    { id: 'geojson', title: 'GeoJSON → geometries', ref: 'geojson.geovec.bytes' },
    { id: 'write', title: 'geometries → WKB / GeoJSON (for information)' },
  ],
  summary(rows) {
    const find = (id: string, backend: string) => rows.find((r) => r.id === id && r.backend === backend && r.throughput !== null);
    const json = find('geojson.json-parse', 'js');
    const lines: string[] = [];
    for (const backend of ['native', 'wasm']) {
      const g = find('geojson.geovec.bytes', backend);
      if (g && json) lines.push(`fromGeoJSON(Uint8Array) on ${backend} runs at ${pct(g, json)} of JSON.parse's throughput on the same text.`);
    }
    return lines;
  },
  async cases(ctx) {
    const ds = geojsonDataset(FILE);
    return ctx.geovec ? geovecCases(ds) : otherCases(ds);
  },
};
