/**
 * Suite "formats" (W10): reading and writing files. The 3,230 US counties
 * and the 4,596 ne-admin1 provinces (with their properties) in every
 * format, and a large file of random points in GeoParquet (10,000,000
 * points; 1,000,000 with --quick). Files are read from memory (bytes), so
 * the figures are decoding, not the disk.
 *
 * geovec reads into a GeometryArray plus an Arrow table; the npm readers
 * (hyparquet, flatgeobuf, JSON.parse per line) give GeoJSON-like objects,
 * which then go through fromGeoJSON, as a user of those libraries would do
 * to get a GeometryArray. ogr2ogr (Debian GDAL 3.6) converts the GeoJSON
 * to FlatGeobuf and GeoJSONSeq as a whole command (its process start-up
 * included, about 30 ms).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as gv from '../../src/ts/index.js';
import { encodeFile, readFile } from '../../src/ts/formats/index.js';
import type { FileFormat } from '../../src/ts/formats/source.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Group, Suite } from '../harness.js';

const DATASETS = [
  ['counties', 'us-counties.geojson'],
  ['provinces', 'ne-admin1-10m.geojson'],
] as const;
const FORMATS: [FileFormat, string][] = [
  ['geoparquet', 'GeoParquet (WKB, snappy)'],
  ['flatgeobuf', 'FlatGeobuf'],
  ['geojsonseq', 'GeoJSONSeq'],
  ['geojson', 'GeoJSON'],
  ['arrow', 'Arrow IPC'],
];

interface Prepared {
  count: number;
  /** Bytes of the geometry as WKB (issue 14 measures GeoParquet reads in MB/s of these, not of the file). */
  wkbBytes: number;
  files: Map<FileFormat, Uint8Array>;
  geojsonPath: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'geovec-bench-formats-'));
const prepared = new Map<string, Prepared>();

async function prepare(name: string, file: string): Promise<Prepared> {
  const have = prepared.get(name);
  if (have) return have;
  const bytes = dataBytes(file);
  const src = await readFile(bytes, { format: 'geojson' });
  const files = new Map<FileFormat, Uint8Array>();
  for (const [f] of FORMATS) files.set(f, await encodeFile(f, src.geometry, src.table));
  const geojsonPath = join(tmp, `${name}.geojson`);
  writeFileSync(geojsonPath, bytes);
  const p = { count: src.geometry.length, wkbBytes: gv.toWKB(src.geometry, { packed: true }).data.byteLength, files, geojsonPath };
  src.geometry.dispose();
  prepared.set(name, p);
  return p;
}

/** Deterministic random points in the lower 48 states' box, as GeoParquet bytes. */
async function pointsFile(n: number): Promise<Uint8Array> {
  const xy = new Float64Array(2 * n);
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = -125 + 58 * r();
    xy[2 * i + 1] = 24 + 26 * r();
  }
  const pts = gv.points(xy);
  const bytes = await encodeFile('geoparquet', pts, undefined, { sort: false, rowGroupSize: 1 << 17 });
  pts.dispose();
  return bytes;
}

/** Issue 14 states GeoParquet read speed in MB/s of geometry (the WKB bytes of the geometry column); the table times the same reads in MB/s of file. */
function geometryNote(wkbBytes: number, fileBytes: number): string {
  return `MB/s of geometry (WKB, ${(wkbBytes / 1e6).toFixed(1)} MB in a ${(fileBytes / 1e6).toFixed(1)} MB file) = the MB/s shown x ${(wkbBytes / fileBytes).toFixed(2)}`;
}

const read = (bytes: Uint8Array, format: FileFormat) => async () => {
  const r = await readFile(bytes, { format });
  r.geometry.dispose();
  return r.table.numRows;
};

function featuresToArray(geoms: unknown[]): gv.GeometryArray {
  return gv.fromGeoJSON(geoms as never);
}

async function othersRead(format: FileFormat, bytes: Uint8Array): Promise<number> {
  switch (format) {
    case 'geoparquet': {
      const { parquetReadObjects } = await import('hyparquet');
      const { compressors } = await import('hyparquet-compressors');
      const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      /* hyparquet decodes GeoParquet WKB into GeoJSON geometries itself */
      const rows = (await parquetReadObjects({ file: ab, compressors })) as { geometry: unknown }[];
      const a = featuresToArray(rows.map((r) => r.geometry));
      a.dispose();
      return rows.length;
    }
    case 'flatgeobuf': {
      const fgb = await import('flatgeobuf/lib/mjs/geojson.js');
      const geoms: unknown[] = [];
      for await (const f of fgb.deserialize(bytes) as AsyncGenerator<{ geometry: unknown }>) geoms.push(f.geometry);
      const a = featuresToArray(geoms);
      a.dispose();
      return geoms.length;
    }
    case 'geojsonseq': {
      const text = new TextDecoder().decode(bytes);
      const geoms = text.split('\n').filter((l) => l).map((l) => (JSON.parse(l) as { geometry: unknown }).geometry);
      const a = featuresToArray(geoms);
      a.dispose();
      return geoms.length;
    }
    case 'geojson': {
      const fc = JSON.parse(new TextDecoder().decode(bytes)) as { features: { geometry: unknown }[] };
      const a = featuresToArray(fc.features.map((f) => f.geometry));
      a.dispose();
      return fc.features.length;
    }
    default:
      return 0;
  }
}

const NPM_READER: Partial<Record<FileFormat, string>> = {
  geoparquet: 'hyparquet + fromGeoJSON',
  flatgeobuf: 'flatgeobuf deserialize + fromGeoJSON',
  geojsonseq: 'JSON.parse per line + fromGeoJSON',
  geojson: 'JSON.parse + fromGeoJSON(objects)',
};

let ogr: boolean | null = null;
function haveOgr(): boolean {
  if (ogr === null) {
    try {
      execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
      ogr = true;
    } catch {
      ogr = false;
    }
  }
  return ogr;
}

export const suite: Suite = {
  name: 'formats',
  title: 'W10: reading and writing files',
  description: [
    'Reading and writing the 3,230 US counties and the 4,596 ne-admin1 provinces, with their properties, in every format, from and to memory; and reading a file of random points from GeoParquet.',
    'geovec reads into a GeometryArray plus an Arrow table of the other columns. The npm readers (hyparquet, flatgeobuf, JSON.parse) give objects, which then go through `fromGeoJSON`, as a user of those libraries would do to get a GeometryArray. ogr2ogr (Debian GDAL 3.6) runs as a whole command on a file (process start-up included).',
    'GeoParquet is read with hyparquet inside geovec too (see src/ts/formats/geoparquet.ts for why not parquet-wasm): geovec\'s gain there is the WKB parse in C and skipping hyparquet\'s WKB-to-GeoJSON step. Throughput is MB of file per second.',
  ].join('\n\n'),
  groups: [
    ...DATASETS.flatMap(([name]) => FORMATS.map(([f, label]) => ({ id: `read-${f}-${name}`, title: `read ${label}: ${name}`, ref: `read.${f}.${name}.geovec` }) as Group)),
    ...DATASETS.map(([name]) => ({ id: `write-${name}`, title: `write: ${name}`, ref: `write.geoparquet.${name}.geovec` }) as Group),
    { id: 'points', title: 'read random points from GeoParquet', ref: 'points.geovec' },
  ],
  async cases({ quick, geovec }) {
    const out: BenchCase[] = [];
    for (const [name, file] of DATASETS) {
      const p = await prepare(name, file);
      for (const [f, label] of FORMATS) {
        const bytes = p.files.get(f)!;
        if (geovec) {
          const note = f === 'geoparquet' ? geometryNote(p.wkbBytes, bytes.byteLength) : undefined;
          out.push({ id: `read.${f}.${name}.geovec`, label: `readFile (${label})`, lib: 'geovec', group: `read-${f}-${name}`, geovec: true, bytes: bytes.byteLength, unit: 'MB/s', items: p.count, run: read(bytes, f), ...(note ? { note } : {}) });
        } else if (NPM_READER[f]) {
          out.push({ id: `read.${f}.${name}.npm`, label: NPM_READER[f]!, lib: NPM_READER[f]!.split(' ')[0]!, group: `read-${f}-${name}`, geovec: false, bytes: bytes.byteLength, unit: 'MB/s', items: p.count, run: () => othersRead(f, bytes) });
        }
      }
      if (geovec) {
        const src = await readFile(p.geojsonPath);
        for (const [f, label] of FORMATS) {
          out.push({ id: `write.${f}.${name}.geovec`, label: `encodeFile (${label})`, lib: 'geovec', group: `write-${name}`, geovec: true, bytes: p.files.get(f)!.byteLength, unit: 'MB/s', items: p.count, run: () => encodeFile(f, src.geometry, src.table) });
        }
      } else {
        const fgbGeo = await import('flatgeobuf/lib/mjs/geojson.js');
        const fc = JSON.parse(new TextDecoder().decode(dataBytes(file)));
        out.push({ id: `write.flatgeobuf.${name}.npm`, label: 'flatgeobuf serialize (from GeoJSON objects)', lib: 'flatgeobuf', group: `write-${name}`, geovec: false, bytes: p.files.get('flatgeobuf')!.byteLength, unit: 'MB/s', items: p.count, run: () => fgbGeo.serialize(fc) });
        if (haveOgr()) {
          for (const [f, drv, ext] of [['flatgeobuf', 'FlatGeobuf', 'fgb'], ['geojsonseq', 'GeoJSONSeq', 'geojsonl']] as const) {
            const dst = join(tmp, `ogr-${name}.${ext}`);
            out.push({
              id: `write.${f}.${name}.ogr2ogr`, label: `ogr2ogr -f ${drv} (GeoJSON file in)`, lib: 'ogr2ogr', group: `write-${name}`, geovec: false, backend: 'GDAL 3.6', bytes: p.files.get(f)!.byteLength, unit: 'MB/s', items: p.count,
              run: () => spawnSync('ogr2ogr', ['-overwrite', '-f', drv, dst, p.geojsonPath], { stdio: 'ignore' }).status,
            });
            out.push({
              id: `read.${f}.${name}.ogr2ogr`, label: `ogrinfo -al -q (read all features)`, lib: 'ogrinfo', group: `read-${f}-${name}`, geovec: false, backend: 'GDAL 3.6', bytes: p.files.get(f)!.byteLength, unit: 'MB/s', items: p.count,
              setup: () => void spawnSync('ogr2ogr', ['-overwrite', '-f', drv, dst, p.geojsonPath], { stdio: 'ignore' }),
              run: () => spawnSync('ogrinfo', ['-ro', '-al', '-q', dst], { stdio: 'ignore' }).status,
            });
          }
        }
      }
    }
    const n = quick ? 1_000_000 : 10_000_000;
    const pts = await pointsFile(n);
    if (geovec) {
      out.push({ id: 'points.geovec', label: `readFile: ${n.toLocaleString('en-US')} points`, lib: 'geovec', group: 'points', geovec: true, bytes: pts.byteLength, unit: 'MB/s', items: n, settle: true, run: read(pts, 'geoparquet'), note: geometryNote(21 * n, pts.byteLength) });
    } else {
      const small = await pointsFile(1_000_000);
      out.push({ id: 'points.npm', label: 'hyparquet + fromGeoJSON: 1,000,000 points', lib: 'hyparquet', group: 'points', geovec: false, bytes: small.byteLength, unit: 'MB/s', items: 1_000_000, run: () => othersRead('geoparquet', small) });
    }
    return out;
  },
};
