/**
 * Suite "pip" (workload W1): point in polygon. 1,000,000 seeded uniform
 * points in the bounding box of a polygon padded by 10% per side, against
 * Brazil (39,914 vertices), Texas (12,478) and Rhode Island (124) from
 * ../shared/data/tg-shapes.geojson; geovec containsXY prepared and
 * unprepared, geos-wasm prepared GEOSPreparedContainsXY, JSTS
 * IndexedPointInAreaLocator and turf booleanPointInPolygon.
 */
import { booleanPointInPolygon } from '@turf/turf';
import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import Location from 'jsts/org/locationtech/jts/geom/Location.js';
import IndexedPointInAreaLocator from 'jsts/org/locationtech/jts/algorithm/locate/IndexedPointInAreaLocator.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';

const FILE = 'tg-shapes.geojson';
const POINTS = 1_000_000;
/** Bytes of input per point (x and y as float64), for the throughput column. */
const POINT_BYTES = 16;
/** One-thread targets from TypeScript, in ns per point. */
const TARGET_NS: Record<string, number> = { Brazil: 80, Texas: 60, 'Rhode Island': 40 };
const POLYGONS = Object.keys(TARGET_NS);
/** Points checked against GEOS before timing. */
const CHECK_POINTS = 20_000;

interface PolygonFeature {
  properties: { name: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

interface Workload {
  name: string;
  key: string;
  index: number;
  geometry: PolygonFeature['geometry'];
  vertices: number;
  xs: Float64Array;
  ys: Float64Array;
}

/** mulberry32, seeded per polygon. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let cached: { text: string; workloads: Workload[] } | null = null;

function workloads(): { text: string; workloads: Workload[] } {
  if (cached) return cached;
  const text = new TextDecoder().decode(dataBytes(FILE));
  const features = (JSON.parse(text) as { features: PolygonFeature[] }).features;
  const out: Workload[] = POLYGONS.map((name, k) => {
    const index = features.findIndex((f) => f.properties.name === name);
    if (index < 0) throw new Error(`${FILE} has no ${name}`);
    const geometry = features[index]!.geometry;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, vertices = 0;
    for (const ring of geometry.coordinates) {
      vertices += ring.length;
      for (const [x, y] of ring) {
        x0 = Math.min(x0, x!), y0 = Math.min(y0, y!), x1 = Math.max(x1, x!), y1 = Math.max(y1, y!);
      }
    }
    const w = x1 - x0, h = y1 - y0, r = rng(7919 + k);
    const xs = new Float64Array(POINTS), ys = new Float64Array(POINTS);
    for (let i = 0; i < POINTS; i++) {
      xs[i] = x0 - 0.1 * w + 1.2 * w * r();
      ys[i] = y0 - 0.1 * h + 1.2 * h * r();
    }
    return { name, key: name.toLowerCase().replace(/ /g, '-'), index, geometry, vertices, xs, ys };
  });
  cached = { text, workloads: out };
  return cached;
}

/** What the geos-wasm package exports (only what this suite calls). */
interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSPrepare(g: number): number;
  GEOSPreparedGeom_destroy(pg: number): void;
  GEOSPreparedContainsXY(pg: number, x: number, y: number): number;
  GEOSversion(): string;
}

let geosPromise: Promise<Geos> | null = null;
function loadGeos(): Promise<Geos> {
  geosPromise ??= (import('geos-wasm') as unknown as Promise<{ default: () => Promise<Geos> }>).then((m) => m.default());
  return geosPromise;
}

/** A prepared GEOS polygon and a function answering containsXY for the first n points. */
function geosPrepared(geos: Geos, wkb: Uint8Array) {
  const p = geos.Module._malloc(wkb.length);
  geos.Module.HEAPU8.set(wkb, p);
  const g = geos.GEOSGeomFromWKB_buf(p, wkb.length);
  geos.Module._free(p);
  if (!g) throw new Error('GEOS could not read the polygon');
  const pg = geos.GEOSPrepare(g);
  const contains = (w: Workload, n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = geos.GEOSPreparedContainsXY(pg, w.xs[i]!, w.ys[i]!);
    return out;
  };
  return { g, pg, contains };
}

function count(a: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += a[i]!;
  return c;
}

/** Compares the first CHECK_POINTS answers with GEOS's. */
function agree(name: string, got: Uint8Array, want: Uint8Array): string {
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff += +(got[i] !== want[i]);
  if (diff) throw new Error(`${name}: ${diff} of ${want.length} points differ from GEOS`);
  return `${count(got.subarray(0, want.length))} of ${want.length} checked points inside, all as GEOS`;
}

async function geovecCases(): Promise<BenchCase[]> {
  const { text, workloads: ws } = workloads();
  const all = gv.fromGeoJSON(text);
  const geos = await loadGeos();
  const native1 = gv.backend() === 'native' && gv.threads() === 1;
  const cases: BenchCase[] = [];
  for (const w of ws) {
    const wkb = gv.toWKB(all.take([w.index]))[0]!;
    const ref = geosPrepared(geos, wkb);
    const want = ref.contains(w, CHECK_POINTS);
    geos.GEOSPreparedGeom_destroy(ref.pg);
    geos.GEOSGeom_destroy(ref.g);
    let prepared: gv.GeometryArray | null = null;
    let plain: gv.GeometryArray | null = null;
    const common = {
      lib: 'geovec',
      geovec: true,
      group: w.key,
      bytes: POINTS * POINT_BYTES,
      unit: 'MB/s',
      items: POINTS,
    } as const;
    cases.push(
      {
        ...common,
        id: `${w.key}.geovec.prepared`,
        label: `containsXY(prepared ${w.name}, 1M points)`,
        target: native1 ? (POINT_BYTES * 1e3) / TARGET_NS[w.name]! : undefined,
        setup: () => {
          prepared = gv.prepare(all.take([w.index]));
        },
        run: () => gv.containsXY(prepared!, w.xs, w.ys),
        check: () => agree(w.name, gv.containsXY(prepared!, w.xs, w.ys), want),
        teardown: () => prepared?.dispose(),
      },
      {
        ...common,
        id: `${w.key}.geovec.unprepared`,
        label: `containsXY(${w.name}, 1M points), not prepared`,
        setup: () => {
          plain = all.take([w.index]);
        },
        run: () => gv.containsXY(plain!, w.xs, w.ys),
        check: () => agree(w.name, gv.containsXY(plain!, w.xs, w.ys), want),
        teardown: () => plain?.dispose(),
        note: 'Not prepared: each call builds the stripes and cells for its one polygon (1M points pay for them), then drops them.',
      },
    );
  }
  return cases;
}

/** Sample sizes for the slower libraries, reported per point. */
const GEOS_POINTS = 200_000;
const JSTS_POINTS = 200_000;
const turfPoints = (vertices: number) => Math.max(1000, Math.min(100_000, Math.round(4e7 / vertices)));

async function otherCases(): Promise<BenchCase[]> {
  const { workloads: ws } = workloads();
  const geos = await loadGeos();
  const geosLib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const reader = new GeoJSONReader(new GeometryFactory());
  const wkx = (await import('wkx')).default;
  const cases: BenchCase[] = [];
  for (const w of ws) {
    const wkb = new Uint8Array(wkx.Geometry.parseGeoJSON(w.geometry).toWkb());
    const ref = geosPrepared(geos, wkb);
    const want = ref.contains(w, CHECK_POINTS);
    const jts = reader.read(w.geometry);
    const locator = new IndexedPointInAreaLocator(jts);
    const jstsContains = (n: number) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = +(locator.locate(new Coordinate(w.xs[i]!, w.ys[i]!)) === Location.INTERIOR);
      return out;
    };
    const turfN = turfPoints(w.vertices);
    const feature = { type: 'Feature' as const, properties: {}, geometry: w.geometry };
    const turfContains = (n: number) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = +booleanPointInPolygon([w.xs[i]!, w.ys[i]!], feature, { ignoreBoundary: true });
      return out;
    };
    const common = { geovec: false, group: w.key, unit: 'MB/s' } as const;
    cases.push(
      {
        ...common,
        id: `${w.key}.geos.prepared`,
        label: `GEOSPreparedContainsXY, ${GEOS_POINTS / 1000}k points`,
        lib: geosLib,
        backend: 'wasm',
        bytes: GEOS_POINTS * POINT_BYTES,
        items: GEOS_POINTS,
        run: () => ref.contains(w, GEOS_POINTS),
        check: () => `${count(ref.contains(w, CHECK_POINTS))} of ${CHECK_POINTS} checked points inside`,
        note: 'geos-wasm: one GEOSPreparedContainsXY call per point on a prepared polygon (IndexedPointInAreaLocator in GEOS); a sample of the points, timed per point.',
      },
      {
        ...common,
        id: `${w.key}.jsts.indexed`,
        label: `IndexedPointInAreaLocator, ${JSTS_POINTS / 1000}k points`,
        lib: 'jsts 2.12',
        bytes: JSTS_POINTS * POINT_BYTES,
        items: JSTS_POINTS,
        run: () => jstsContains(JSTS_POINTS),
        check: () => agree(`jsts ${w.name}`, jstsContains(CHECK_POINTS), want),
        note: 'JSTS: IndexedPointInAreaLocator.locate(new Coordinate(x, y)) === INTERIOR per point.',
      },
      {
        ...common,
        id: `${w.key}.turf`,
        label: `booleanPointInPolygon, ${turfN.toLocaleString('en-US')} points`,
        lib: 'turf 7.4',
        bytes: turfN * POINT_BYTES,
        items: turfN,
        run: () => turfContains(turfN),
        check: () => {
          const n = Math.min(turfN, CHECK_POINTS);
          const got = turfContains(n);
          let diff = 0;
          for (let i = 0; i < n; i++) diff += +(got[i] !== want[i]);
          return `${count(got)} of ${n} checked points inside; ${diff} differ from GEOS`;
        },
        note: 'turf: booleanPointInPolygon([x, y], feature, {ignoreBoundary: true}) per point, no index (a scan of every edge), so only a sample of the points (fewer for bigger polygons), timed per point.',
      },
    );
  }
  return cases;
}

function ratio(slow: Row | undefined, fast: Row | undefined): string | null {
  if (!slow?.stats || !fast?.stats || !slow.nsPerItem || !fast.nsPerItem) return null;
  return (slow.nsPerItem / fast.nsPerItem).toFixed(2);
}

export const suite: Suite = {
  name: 'pip',
  title: 'W1: point in polygon (containsXY, 1M points)',
  description: [
    'Input: 1,000,000 seeded uniform points in the bounding box of each polygon padded by 10% per side;',
    `the polygons are Brazil (39,914 vertices), Texas (12,478) and Rhode Island (124) from \`${FILE}\`.`,
    'Each geovec operation is one containsXY call over all points (xs and ys as Float64Array), result included.',
    'Throughput counts 16 bytes (x and y) per point; "per geometry" is per point.',
    'Targets, one native thread: ≤ 80 / 60 / 40 ns per point (Brazil / Texas / Rhode Island).',
    'The slower libraries run on a sample of the same points (its size is in the case name): compare them by the',
    'per-point column; "time ÷ ref" compares whole operations, so it understates their gap by the sample ratio.',
  ].join('\n'),
  groups: POLYGONS.map((name) => ({
    id: name.toLowerCase().replace(/ /g, '-'),
    title: `${name}`,
    ref: `${name.toLowerCase().replace(/ /g, '-')}.geovec.prepared`,
  })),
  variants: [
    { backend: 'native', threads: 1 },
    { backend: 'native', threads: 0 },
    { backend: 'wasm' },
  ],
  summary(rows) {
    const lines: string[] = [];
    for (const name of POLYGONS) {
      const key = name.toLowerCase().replace(/ /g, '-');
      const find = (id: string, backend: string, multi?: boolean) =>
        rows.find((r) => r.id === id && r.backend === backend && (multi === undefined || (r.threads ?? 1) > 1 === multi));
      const one = find(`${key}.geovec.prepared`, 'native', false);
      const all = find(`${key}.geovec.prepared`, 'native', true);
      const g = find(`${key}.geos.prepared`, 'wasm');
      const s = ratio(one, all);
      if (s) {
        const best = (one!.stats!.min / all!.stats!.min).toFixed(2);
        lines.push(
          `${name}: ${all!.threads} threads run ${s}× faster than one by the medians, ${best}× by the fastest samples (goal ≥ 1.8× with two; medians suffer when other processes share the cores).`,
        );
      }
      const vs = ratio(g, one);
      if (vs) lines.push(`${name}: geovec prepared, one thread, is ${vs}× faster per point than geos-wasm prepared.`);
    }
    return lines;
  },
  async cases(ctx) {
    return ctx.geovec ? geovecCases() : otherCases();
  },
};
