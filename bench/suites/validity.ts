/**
 * Suite "validity" (workload W7, isValid row): isValid of all 3,230 US
 * counties and of all 4,596 Natural Earth admin-1 provinces, against
 * geos-wasm (GEOSisValid), turf (booleanValid) and JSTS (IsValidOp).
 * Geometries are read outside the clock by every library. The slower
 * libraries run on an evenly spaced sample of the features (its size is in
 * the case name): compare them by the per-geometry column.
 */
import { booleanValid } from '@turf/turf';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import { readFileSync } from 'node:fs';
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';

const FILES = [
  { id: 'counties', file: 'us-counties.geojson', title: 'isValid, 3,230 US counties' },
  { id: 'provinces', file: 'ne-admin1-10m.geojson', title: 'isValid, 4,596 admin-1 provinces' },
] as const;
/** Sample sizes of the slower libraries. */
const TURF_SAMPLE = { counties: 200, provinces: 8 };
const JSTS_SAMPLE = { counties: 400, provinces: 100 };
/** One-thread target: at least this many times faster per geometry than geos-wasm. */
const TARGET_VS_GEOS = 10;

interface Feature {
  type: 'Feature';
  properties: unknown;
  geometry: { type: string; coordinates: unknown };
}

/** The raw bytes of a data file; GEOVEC_SHARED points at another ../shared. */
function bytesOf(file: string): Uint8Array {
  const root = process.env.GEOVEC_SHARED;
  if (!root) return dataBytes(file);
  const b = readFileSync(`${root.replace(/\/$/, '')}/data/${file}`);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

interface Dataset {
  text: string;
  features: Feature[];
  vertices: number;
  wkb: Uint8Array[];
}
const cache = new Map<string, Dataset>();
function dataset(file: string): Dataset {
  let d = cache.get(file);
  if (!d) {
    const text = new TextDecoder().decode(bytesOf(file));
    const features = (JSON.parse(text) as { features: Feature[] }).features;
    const arr = gv.fromGeoJSON(text);
    const wkb = gv.toWKB(arr).map((b) => Uint8Array.from(b!));
    d = { text, features, vertices: gv.numPoints(arr).reduce((s, v) => s + v, 0), wkb };
    arr.dispose();
    cache.set(file, d);
  }
  return d;
}

/** Every k-th index, n of them. */
function sample(total: number, n: number): number[] {
  const out: number[] = [];
  const step = total / n;
  for (let i = 0; i < n; i++) out.push(Math.floor(i * step));
  return out;
}

interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSisValid(g: number): number;
  GEOSversion(): string;
}
let geosPromise: Promise<Geos> | null = null;
function loadGeos(): Promise<Geos> {
  geosPromise ??= (import('geos-wasm') as unknown as Promise<{ default: () => Promise<Geos> }>).then((m) => m.default());
  return geosPromise;
}
function geosRead(geos: Geos, wkb: Uint8Array): number {
  const p = geos.Module._malloc(wkb.length);
  geos.Module.HEAPU8.set(wkb, p);
  const g = geos.GEOSGeomFromWKB_buf(p, wkb.length);
  geos.Module._free(p);
  if (!g) throw new Error('GEOS could not read a geometry');
  return g;
}

/** GEOS's answers for a whole file. */
async function geosAnswers(d: Dataset): Promise<Uint8Array> {
  const geos = await loadGeos();
  const out = new Uint8Array(d.wkb.length);
  d.wkb.forEach((w, i) => {
    const g = geosRead(geos, w);
    out[i] = geos.GEOSisValid(g);
    geos.GEOSGeom_destroy(g);
  });
  return out;
}

function agree(what: string, got: Uint8Array, want: Uint8Array): string {
  let diff = 0, invalid = 0;
  for (let i = 0; i < want.length; i++) {
    diff += +(got[i] !== want[i]);
    invalid += +!got[i];
  }
  if (diff) throw new Error(`${what}: ${diff} of ${want.length} differ from GEOSisValid`);
  return `${invalid} of ${got.length} invalid, all as GEOS`;
}

async function geovecCases(): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  const native1 = gv.backend() === 'native' && gv.threads() === 1;
  for (const f of FILES) {
    const d = dataset(f.file);
    const want = await geosAnswers(d);
    let arr: gv.GeometryArray | null = null;
    cases.push({
      id: `${f.id}.geovec`,
      label: `isValid(${d.features.length.toLocaleString('en')} geometries)`,
      lib: 'geovec',
      geovec: true,
      group: f.id,
      unit: 'MB/s',
      items: d.features.length,
      bytes: d.vertices * 16,
      setup: () => {
        arr = gv.fromGeoJSON(d.text);
      },
      run: () => gv.isValid(arr!),
      check: () => agree(`geovec ${f.id}`, gv.isValid(arr!), want),
      teardown: () => {
        arr?.dispose();
        arr = null;
      },
      note: native1 && f.id === 'counties'
        ? 'geovec isValid: one call over the array; per polygon, rings copied without repeated points, every pair of segments whose boxes meet intersected exactly (segment indexes for long rings), holes and shells located with the shared exact point-in-polygon.'
        : undefined,
    });
  }
  return cases;
}

async function otherCases(): Promise<BenchCase[]> {
  const geos = await loadGeos();
  const geosLib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const reader = new GeoJSONReader(new GeometryFactory());
  const cases: BenchCase[] = [];
  for (const f of FILES) {
    const d = dataset(f.file);
    const want = await geosAnswers(d);
    const n = d.features.length;
    const vertsOf = (idx: number[]) => idx.reduce((s, i) => s + (d.wkb[i]!.length - 9) / 16, 0); /* about 16 bytes per vertex */
    /* geos-wasm: every geometry, read outside the clock */
    let gs: number[] = [];
    const geosRun = () => {
      const out = new Uint8Array(gs.length);
      for (let i = 0; i < gs.length; i++) out[i] = geos.GEOSisValid(gs[i]!);
      return out;
    };
    cases.push({
      id: `${f.id}.geos`,
      label: `GEOSisValid, ${n.toLocaleString('en')} geometries`,
      lib: geosLib,
      backend: 'wasm',
      geovec: false,
      group: f.id,
      unit: 'MB/s',
      items: n,
      bytes: d.vertices * 16,
      setup: () => {
        gs = d.wkb.map((w) => geosRead(geos, w));
      },
      run: geosRun,
      check: () => agree(`geos ${f.id}`, geosRun(), want),
      teardown: () => {
        for (const g of gs) geos.GEOSGeom_destroy(g);
        gs = [];
      },
      note: f.id === 'counties' ? 'geos-wasm: GEOSisValid per geometry, geometries read from WKB beforehand.' : undefined,
    });
    /* JSTS: a sample, read outside the clock */
    const jIdx = sample(n, JSTS_SAMPLE[f.id]);
    const jGeoms = jIdx.map((i) => reader.read(d.features[i]!.geometry));
    const jWant = Uint8Array.from(jIdx, (i) => want[i]!);
    const jstsRun = () => Uint8Array.from(jGeoms, (g) => +new IsValidOp(g).isValid());
    cases.push({
      id: `${f.id}.jsts`,
      label: `IsValidOp, ${jIdx.length} of ${n.toLocaleString('en')}`,
      lib: 'jsts 2.12',
      geovec: false,
      group: f.id,
      unit: 'MB/s',
      items: jIdx.length,
      bytes: vertsOf(jIdx) * 16,
      run: jstsRun,
      check: () => agree(`jsts ${f.id}`, jstsRun(), jWant),
      note: f.id === 'counties' ? 'JSTS: new IsValidOp(g).isValid() on an evenly spaced sample (every k-th feature), geometries read beforehand.' : undefined,
    });
    /* turf: a sample of features */
    const tIdx = sample(n, TURF_SAMPLE[f.id]);
    const tFeatures = tIdx.map((i) => structuredClone(d.features[i]!));
    const turfRun = () => Uint8Array.from(tFeatures, (x) => +booleanValid(x as never));
    let turfAgree = 0;
    cases.push({
      id: `${f.id}.turf`,
      label: `booleanValid, ${tIdx.length} of ${n.toLocaleString('en')}`,
      lib: 'turf 7.4',
      geovec: false,
      group: f.id,
      unit: 'MB/s',
      items: tIdx.length,
      bytes: vertsOf(tIdx) * 16,
      run: turfRun,
      check: () => {
        const got = turfRun();
        turfAgree = got.reduce((s, v, i) => s + +(v === want[tIdx[i]!]), 0);
        return `${turfAgree} of ${got.length} as GEOS (turf's own validity rules)`;
      },
      note: f.id === 'counties' ? "turf: booleanValid(feature) on an evenly spaced sample; turf's rules differ from OGC/GEOS in places, so its answers are not asserted." : undefined,
    });
  }
  return cases;
}

function perItem(r: Row | undefined): number | null {
  return r?.stats && r.nsPerItem ? r.nsPerItem : null;
}

export const suite: Suite = {
  name: 'validity',
  title: 'W7: isValid (US counties, admin-1 provinces)',
  description: [
    'Input: the 3,230 US counties (`us-counties.geojson`, 68,151 vertices, 21 invalid) and the 4,596 Natural Earth',
    'admin-1 provinces (`ne-admin1-10m.geojson`, 1,295,269 vertices, 1 invalid). One geovec operation is one `isValid`',
    'call over the whole array; geometries are read outside the clock by every library. Throughput counts 16 bytes per',
    'vertex; "per geometry" is per feature. Every geovec result is checked against GEOSisValid (GEOS 3.13) before timing.',
    `Target, one native thread: at least ${TARGET_VS_GEOS}× geos-wasm per geometry.`,
    'The slower libraries run on an evenly spaced sample of the features (its size is in the case name).',
  ].join('\n'),
  groups: FILES.map((f) => ({ id: f.id, title: f.title, ref: `${f.id}.geovec` })),
  variants: [
    { backend: 'native', threads: 1 },
    { backend: 'native', threads: 0 },
    { backend: 'wasm' },
  ],
  summary(rows) {
    const lines: string[] = [];
    for (const f of FILES) {
      const find = (id: string, backend?: string, multi?: boolean) =>
        rows.find((r) => r.id === id && (backend === undefined || r.backend === backend) && (multi === undefined || (r.threads ?? 1) > 1 === multi));
      const one = perItem(find(`${f.id}.geovec`, 'native', false));
      const wasm = perItem(find(`${f.id}.geovec`, 'wasm'));
      if (one === null) continue;
      for (const id of ['geos', 'jsts', 'turf']) {
        const r = find(`${f.id}.${id}`);
        const t = perItem(r);
        if (t !== null) {
          const goal = id === 'geos' ? ` (goal ≥ ${TARGET_VS_GEOS}×${t / one >= TARGET_VS_GEOS ? ', met' : ', not met'})` : '';
          lines.push(`${f.title}: ${r!.lib} takes ${(t / 1e3).toFixed(1)} µs per geometry, ${(t / one).toFixed(1)}× geovec's one native thread${goal}${wasm !== null && id === 'geos' ? `; ${(t / wasm).toFixed(1)}× geovec's wasm build` : ''}.`);
        }
      }
    }
    return lines;
  },
  async cases(ctx) {
    return ctx.geovec ? geovecCases() : otherCases();
  },
};
