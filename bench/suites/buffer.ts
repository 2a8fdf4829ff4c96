/**
 * Suite "buffer" (workload W9, issue #13): buffer of real data, one call
 * over the whole array, against geos-wasm, turf and JSTS.
 *
 *  W9a   the 3,230 US counties buffered by +0.01° (round joins, quadSegs 8);
 *  W9a′  the same counties by −0.005° (erosion);
 *  W9b   the 44,691 world cities buffered by 0.1° (round caps, quadSegs 8);
 *  W9c   the 56 US state outlines taken as lines (boundary(), outside the
 *        clock) buffered by 0.05°;
 *  W9d   the 44,691 world cities buffered by 50 km with { units: 'metres' }
 *        (an azimuthal equidistant projection per geometry), like turf.
 *
 * Every library gets the same parameters: quadSegs 8 (turf's `steps`),
 * round caps and joins, mitre limit 5. Inputs are read outside the clock by
 * every library (geovec: fromWKB; geos-wasm: GEOSGeomFromWKB_buf; JSTS:
 * GeoJSONReader; turf: GeoJSON objects); building the result is inside it,
 * and geos-wasm destroys its results inside it. Two more geos-wasm rows
 * (W9a, W9b) put reading the WKB in and writing the result's WKB out
 * inside the clock as well. The slower libraries run on a stride sample and
 * are compared per geometry (see sampleOf).
 */
import { buffer as turfBuffer } from '@turf/turf';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import BufferOp from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import BufferParameters from 'jsts/org/locationtech/jts/operation/buffer/BufferParameters.js';
import 'jsts/org/locationtech/jts/monkey.js';
import os from 'node:os';
import * as gv from '../../src/ts/index.js';
import { dataBytes, geojsonDataset } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';
import { geosRead } from './predicates.js';

const COUNTIES = 'us-counties.geojson';
const CITIES = 'world-cities.geojson';
const STATES = 'us-states.geojson';

const QUAD_SEGS = 8;
const MITRE = 5;
const D_COUNTY = 0.01;
const D_ERODE = -0.005;
const D_CITY = 0.1;
const D_LINE = 0.05;
const METRES = 50_000;
/** Earth radius of turf's spherical projection (turf's earthRadius). */
const TURF_EARTH_RADIUS = 6371008.8;
const RAD = Math.PI / 180;

/**
 * The spherical azimuthal equidistant projection centred at (lon0, lat0)
 * in metres (radius TURF_EARTH_RADIUS): what turf's buffer does with
 * d3-geo's geoAzimuthalEquidistant, written out here (d3-geo is only a
 * dependency of turf's).
 */
function aeqd(lon0: number, lat0: number) {
  const l0 = lon0 * RAD, sp0 = Math.sin(lat0 * RAD), cp0 = Math.cos(lat0 * RAD), R = TURF_EARTH_RADIUS;
  return {
    forward(lon: number, lat: number): [number, number] {
      const dl = lon * RAD - l0, sp = Math.sin(lat * RAD), cp = Math.cos(lat * RAD), cdl = Math.cos(dl);
      const c = Math.acos(Math.max(-1, Math.min(1, sp0 * sp + cp0 * cp * cdl)));
      const k = c === 0 ? 1 : c / Math.sin(c);
      return [R * k * cp * Math.sin(dl), R * k * (cp0 * sp - sp0 * cp * cdl)];
    },
    inverse(x: number, y: number): [number, number] {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [lon0, lat0];
      const c = rho / R, sc = Math.sin(c), cc = Math.cos(c);
      const lat = Math.asin(Math.max(-1, Math.min(1, cc * sp0 + (y * sc * cp0) / rho)));
      const lon = l0 + Math.atan2(x * sc, rho * cp0 * cc - y * sp0 * sc);
      return [lon / RAD, lat / RAD];
    },
  };
}

/** Sample sizes (geometries) of the libraries that cannot do the whole set in a short sample. */
const SAMPLE = {
  geosCities: 10_000,
  geosMetres: 5_000,
  geosInOutCities: 5_000,
  turfCities: 300,
  turfCounties: 200,
  turfStates: 4,
  jstsCities: 2_000,
  jstsCounties: 500,
  jstsStates: 14,
};

/** The 1-minute load average when the suite module was loaded (before its first child started). */
const LOAD_AT_START = os.loadavg()[0]!;

interface GeoJSONGeometry {
  type: string;
  coordinates: unknown;
}
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: GeoJSONGeometry;
}

function features(name: string): Feature[] {
  return (JSON.parse(new TextDecoder().decode(dataBytes(name))) as { features: Feature[] }).features;
}

function countPositions(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  if (typeof v[0] === 'number') return 1;
  let n = 0;
  for (const x of v) n += countPositions(x);
  return n;
}

/** The rings of a Polygon or MultiPolygon, as one MultiLineString (what boundary() gives). */
function outline(g: GeoJSONGeometry): GeoJSONGeometry {
  const rings = g.type === 'Polygon' ? (g.coordinates as number[][][]) : (g.coordinates as number[][][][]).flat(1);
  return { type: 'MultiLineString', coordinates: rings };
}

interface Dataset {
  feats: Feature[];
  wkb: Uint8Array[];
  packed: { data: Uint8Array; offsets: Int32Array };
  /** Positions per geometry, and in all. */
  verts: number[];
  total: number;
}

const datasets = new Map<string, Dataset>();
function dataset(name: string): Dataset {
  let d = datasets.get(name);
  if (!d) {
    const g = geojsonDataset(name);
    const feats = features(name);
    const verts = feats.map((f) => countPositions(f.geometry.coordinates));
    d = { feats, wkb: g.wkb, packed: g.packed, verts, total: verts.reduce((a, b) => a + b, 0) };
    datasets.set(name, d);
  }
  return d;
}

/**
 * A stride sample of k of the n geometries (evenly spread over the file),
 * and the number of "items" it stands for: its vertices divided by the
 * whole set's mean vertices per geometry. Per item, a sampled row is then
 * the time for an average geometry of the whole set (buffer time grows
 * with the vertices), so its ratio to geovec's full run is fair even when
 * the sample's geometries are larger or smaller than the average (for
 * points it is just k).
 */
function sampleOf(d: Dataset, k: number): { idx: number[]; items: number; verts: number } {
  const n = d.verts.length;
  const m = Math.min(k, n);
  const idx = Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
  const verts = idx.reduce((a, i) => a + d.verts[i]!, 0);
  return { idx, items: (verts * n) / d.total, verts };
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

/* ---------------------------------------------------------------- geovec */

function geovecCases(): BenchCase[] {
  const counties = dataset(COUNTIES);
  const cities = dataset(CITIES);
  const states = dataset(STATES);
  const C = gv.fromWKB(counties.packed);
  const P = gv.fromWKB(cities.packed);
  const S = gv.fromWKB(states.packed);
  const L = gv.boundary(S);
  S.dispose();
  const opts = { quadSegs: QUAD_SEGS, capStyle: 'round', joinStyle: 'round', mitreLimit: MITRE } as const;
  const mk = (group: string, label: string, n: number, verts: number, run: () => gv.GeometryArray, extra?: (r: gv.GeometryArray) => string): BenchCase => ({
    id: `${group}.geovec`,
    group,
    label,
    lib: 'geovec',
    geovec: true,
    bytes: verts * 16,
    unit: 'MB/s',
    items: n,
    run: () => run().dispose(),
    check: () => {
      const r = run();
      try {
        if (r.length !== n) throw new Error(`${r.length} results for ${n} inputs`);
        const empty = gv.isEmpty(r).reduce((a, b) => a + b, 0);
        const types = new Set(r.typeCodes);
        const area = gv.area(r).reduce((a, b) => a + b, 0);
        return `${n} results (${empty} empty, type codes ${[...types].join(',')}), total planar area ${area.toFixed(4)}${extra ? `; ${extra(r)}` : ''}`;
      } finally {
        r.dispose();
      }
    },
  });
  return [
    mk('w9a', `buffer(counties, ${D_COUNTY})`, counties.verts.length, counties.total, () => gv.buffer(C, D_COUNTY, opts)),
    mk('w9a-', `buffer(counties, ${D_ERODE})`, counties.verts.length, counties.total, () => gv.buffer(C, D_ERODE, opts)),
    mk('w9b', `buffer(cities, ${D_CITY})`, cities.verts.length, cities.total, () => gv.buffer(P, D_CITY, opts)),
    mk('w9c', `buffer(boundary(states), ${D_LINE})`, states.verts.length, states.total, () => gv.buffer(L, D_LINE, opts)),
    mk('w9d', `buffer(cities, ${METRES / 1000} km, { units: 'metres' })`, cities.verts.length, cities.total, () => gv.buffer(P, METRES, { ...opts, units: 'metres' }), (r) => {
      /* each circle's geodesic area against that of a true 50 km circle: a 32-gon inscribed in it has 0.9936 of it */
      const a = gv.geodesicArea(r);
      let lo = Infinity, hi = -Infinity;
      for (const x of a) {
        const q = x / (Math.PI * METRES * METRES);
        lo = Math.min(lo, q), hi = Math.max(hi, q);
      }
      if (!(lo > 0.98 && hi < 1.01)) throw new Error(`geodesic area / (π d²) ranges over [${lo}, ${hi}]`);
      return `geodesic area ÷ π(50 km)² in [${lo.toFixed(4)}, ${hi.toFixed(4)}]`;
    }),
  ];
}

/* ------------------------------------------------------ other libraries */

interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array; HEAPF64: Float64Array; getValue(p: number, t: string): number };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeomToWKB_buf(g: number, size: number): number;
  GEOSFree(p: number): void;
  GEOSGeom_destroy(g: number): void;
  GEOSBoundary(g: number): number;
  GEOSBufferParams_create(): number;
  GEOSBufferParams_setQuadrantSegments(p: number, n: number): number;
  GEOSBufferParams_setEndCapStyle(p: number, s: number): number;
  GEOSBufferParams_setJoinStyle(p: number, s: number): number;
  GEOSBufferParams_setMitreLimit(p: number, m: number): number;
  GEOSBufferWithParams(g: number, p: number, width: number): number;
  GEOSGeom_createPointFromXY(x: number, y: number): number;
  GEOSGetExteriorRing(g: number): number;
  GEOSGeom_getCoordSeq(g: number): number;
  GEOSCoordSeq_getSize(s: number, out: number): number;
  GEOSCoordSeq_copyToBuffer(s: number, buf: number, hasZ: number, hasM: number): number;
  GEOSArea(g: number, out: number): number;
  GEOSversion(): string;
}

type JstsGeometry = { getBoundary(): JstsGeometry; getArea(): number };

async function otherCases(): Promise<BenchCase[]> {
  const geos = (await ((await import('geos-wasm')) as unknown as { default: () => Promise<Geos> }).default());
  const counties = dataset(COUNTIES);
  const cities = dataset(CITIES);
  const states = dataset(STATES);
  const geosLib = `geos-wasm (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const turfLib = 'turf 7.4';
  const jstsLib = 'jsts 2.12';

  /* geos-wasm: one parameter object for every call (GEOSBUF_CAP_ROUND = 1, GEOSBUF_JOIN_ROUND = 1) */
  const params = geos.GEOSBufferParams_create();
  geos.GEOSBufferParams_setQuadrantSegments(params, QUAD_SEGS);
  geos.GEOSBufferParams_setEndCapStyle(params, 1);
  geos.GEOSBufferParams_setJoinStyle(params, 1);
  geos.GEOSBufferParams_setMitreLimit(params, MITRE);
  const out = geos.Module._malloc(8);
  const geosArea = (g: number) => (geos.GEOSArea(g, out), geos.Module.getValue(out, 'double'));

  let gRead: number[] = [];
  const readAll = (d: Dataset, idx: number[], f?: (g: number) => number) => () => {
    gRead = idx.map((i) => {
      const g = geosRead(geos, d.wkb[i]!);
      if (!f) return g;
      const h = f(g);
      geos.GEOSGeom_destroy(g);
      return h;
    });
  };
  const freeAll = () => {
    for (const g of gRead) geos.GEOSGeom_destroy(g);
    gRead = [];
  };
  const geosBuffer = (d: number) => () => {
    for (const g of gRead) geos.GEOSGeom_destroy(geos.GEOSBufferWithParams(g, params, d));
  };
  const geosCheck = (d: number) => () => {
    let area = 0;
    for (const g of gRead) {
      const r = geos.GEOSBufferWithParams(g, params, d);
      area += geosArea(r);
      geos.GEOSGeom_destroy(r);
    }
    return `${gRead.length} results, total planar area ${area.toFixed(4)}`;
  };
  /** WKB in (copy, read), buffer, WKB out (write, copy to a JS Uint8Array), all freed: the whole round trip per geometry. */
  const geosInOut = (d: Dataset, idx: number[], dist: number) => () => {
    const sizeP = geos.Module._malloc(4);
    const res: Uint8Array[] = [];
    for (const i of idx) {
      const w = d.wkb[i]!;
      const p = geos.Module._malloc(w.length);
      geos.Module.HEAPU8.set(w, p);
      const g = geos.GEOSGeomFromWKB_buf(p, w.length);
      geos.Module._free(p);
      const r = geos.GEOSBufferWithParams(g, params, dist);
      geos.GEOSGeom_destroy(g);
      const q = geos.GEOSGeomToWKB_buf(r, sizeP);
      const n = geos.Module.getValue(sizeP, 'i32');
      res.push(geos.Module.HEAPU8.slice(q, q + n));
      geos.GEOSFree(q);
      geos.GEOSGeom_destroy(r);
    }
    geos.Module._free(sizeP);
    return res;
  };
  /**
   * W9d for geos-wasm: what a geos-wasm user does for a buffer in metres:
   * the point in an azimuthal equidistant projection centred on it (on the
   * sphere, as turf does with d3-geo), GEOSBufferWithParams in metres, and the
   * ring's coordinates copied out and projected back to GeoJSON positions.
   */
  const geosMetres = (idx: number[]) => () => {
    const sizeP = geos.Module._malloc(4);
    const res: number[][][] = [];
    for (const i of idx) {
      const [lon, lat] = cityXY[i]!;
      const proj = aeqd(lon, lat);
      const [x, y] = proj.forward(lon, lat);
      const g = geos.GEOSGeom_createPointFromXY(x, y);
      const r = geos.GEOSBufferWithParams(g, params, METRES);
      geos.GEOSGeom_destroy(g);
      const seq = geos.GEOSGeom_getCoordSeq(geos.GEOSGetExteriorRing(r));
      geos.GEOSCoordSeq_getSize(seq, sizeP);
      const n = geos.Module.getValue(sizeP, 'i32');
      const buf = geos.Module._malloc(n * 16);
      geos.GEOSCoordSeq_copyToBuffer(seq, buf, 0, 0);
      const f64 = geos.Module.HEAPF64;
      const ring: number[][] = new Array(n);
      for (let k = 0; k < n; k++) ring[k] = proj.inverse(f64[(buf >> 3) + 2 * k]!, f64[(buf >> 3) + 2 * k + 1]!);
      geos.Module._free(buf);
      geos.GEOSGeom_destroy(r);
      res.push(ring);
    }
    geos.Module._free(sizeP);
    return res;
  };
  const cityXY = cities.feats.map((f) => f.geometry.coordinates as [number, number]);

  /* turf: GeoJSON features made outside the clock; planar degrees become turf's 'degrees' (arc on the sphere) */
  const turfRun = (fs: Feature[], dist: number, units: string) => () => fs.map((f) => turfBuffer(f as never, dist, { units: units as never, steps: QUAD_SEGS }));
  const pick = (d: Dataset, idx: number[], f: (x: Feature) => Feature = (x) => x) => idx.map((i) => f(d.feats[i]!));
  const asOutline = (f: Feature): Feature => ({ type: 'Feature', properties: {}, geometry: outline(f.geometry) });

  /* JSTS: geometries read outside the clock (state outlines: getBoundary, also outside) */
  const reader = new GeoJSONReader(new GeometryFactory());
  const bp = new BufferParameters(QUAD_SEGS, BufferParameters.CAP_ROUND, BufferParameters.JOIN_ROUND, MITRE);
  let jRead: JstsGeometry[] = [];
  const jstsRead = (d: Dataset, idx: number[], boundary = false) => () => {
    jRead = idx.map((i) => {
      const g = reader.read(d.feats[i]!.geometry) as JstsGeometry;
      return boundary ? g.getBoundary() : g;
    });
  };
  const jstsRun = (dist: number) => () => jRead.map((g) => BufferOp.bufferOp(g, dist, bp));

  const sGC = sampleOf(cities, SAMPLE.geosCities);
  const sGM = sampleOf(cities, SAMPLE.geosMetres);
  const sGIO = sampleOf(cities, SAMPLE.geosInOutCities);
  const allCounties = sampleOf(counties, Infinity);
  const allStates = sampleOf(states, Infinity);
  const sTC = sampleOf(cities, SAMPLE.turfCities);
  const sTK = sampleOf(counties, SAMPLE.turfCounties);
  const sTS = sampleOf(states, SAMPLE.turfStates);
  const sJC = sampleOf(cities, SAMPLE.jstsCities);
  const sJK = sampleOf(counties, SAMPLE.jstsCounties);
  const sJS = sampleOf(states, SAMPLE.jstsStates);
  const of = (s: { idx: number[] }, d: Dataset, what: string) =>
    s.idx.length === d.verts.length ? `all ${fmtInt(d.verts.length)} ${what}` : `${fmtInt(s.idx.length)} of ${fmtInt(d.verts.length)} ${what}`;

  const geosCase = (group: string, label: string, s: ReturnType<typeof sampleOf>, setup: () => void, run: () => unknown, check?: () => string, suffix = ''): BenchCase => ({
    id: `${group}.geos${suffix}`, group, label, lib: geosLib, geovec: false, backend: 'wasm', unit: 'MB/s', bytes: s.verts * 16, items: s.items,
    setup, run, ...(check ? { check } : {}), teardown: freeAll,
  });
  const jsCase = (group: string, lib: string, label: string, s: ReturnType<typeof sampleOf>, run: () => unknown, setup?: () => void): BenchCase => ({
    id: `${group}.${lib.split(' ')[0]}`, group, label, lib, geovec: false, unit: 'MB/s', bytes: s.verts * 16, items: s.items, run,
    ...(setup ? { setup, teardown: () => (jRead = []) } : {}),
  });

  const turfCountyFeats = pick(counties, sTK.idx);
  const turfCityFeats = pick(cities, sTC.idx);
  const turfStateFeats = pick(states, sTS.idx, asOutline);
  const stateNames = (s: { idx: number[] }) => s.idx.map((i) => String(states.feats[i]!.properties.name)).join(', ');

  return [
    /* W9a: counties +0.01 */
    geosCase('w9a', `GEOSBufferWithParams, ${of(allCounties, counties, 'counties')}`, allCounties, readAll(counties, allCounties.idx), geosBuffer(D_COUNTY), geosCheck(D_COUNTY)),
    { ...geosCase('w9a', `WKB in → GEOSBufferWithParams → WKB out, ${of(allCounties, counties, 'counties')}`, allCounties, () => {}, geosInOut(counties, allCounties.idx, D_COUNTY), undefined, '.inout'), teardown: undefined },
    jsCase('w9a', turfLib, `turf buffer(${D_COUNTY} degrees), ${of(sTK, counties, 'counties')}`, sTK, turfRun(turfCountyFeats, D_COUNTY, 'degrees')),
    jsCase('w9a', jstsLib, `BufferOp, ${of(sJK, counties, 'counties')}`, sJK, jstsRun(D_COUNTY), jstsRead(counties, sJK.idx)),
    /* W9a′: counties −0.005 */
    geosCase('w9a-', `GEOSBufferWithParams, ${of(allCounties, counties, 'counties')}`, allCounties, readAll(counties, allCounties.idx), geosBuffer(D_ERODE), geosCheck(D_ERODE)),
    jsCase('w9a-', turfLib, `turf buffer(${D_ERODE} degrees), ${of(sTK, counties, 'counties')}`, sTK, turfRun(turfCountyFeats, D_ERODE, 'degrees')),
    jsCase('w9a-', jstsLib, `BufferOp, ${of(sJK, counties, 'counties')}`, sJK, jstsRun(D_ERODE), jstsRead(counties, sJK.idx)),
    /* W9b: cities 0.1 */
    geosCase('w9b', `GEOSBufferWithParams, ${of(sGC, cities, 'cities')}`, sGC, readAll(cities, sGC.idx), geosBuffer(D_CITY), geosCheck(D_CITY)),
    { ...geosCase('w9b', `WKB in → GEOSBufferWithParams → WKB out, ${of(sGIO, cities, 'cities')}`, sGIO, () => {}, geosInOut(cities, sGIO.idx, D_CITY), undefined, '.inout'), teardown: undefined },
    jsCase('w9b', turfLib, `turf buffer(${D_CITY} degrees), ${of(sTC, cities, 'cities')}`, sTC, turfRun(turfCityFeats, D_CITY, 'degrees')),
    jsCase('w9b', jstsLib, `BufferOp, ${of(sJC, cities, 'cities')}`, sJC, jstsRun(D_CITY), jstsRead(cities, sJC.idx)),
    /* W9c: state outlines as lines, 0.05 */
    geosCase('w9c', `GEOSBufferWithParams of GEOSBoundary, ${of(allStates, states, 'states')}`, allStates, readAll(states, allStates.idx, (g) => geos.GEOSBoundary(g)), geosBuffer(D_LINE), geosCheck(D_LINE)),
    jsCase('w9c', turfLib, `turf buffer(${D_LINE} degrees) of MultiLineStrings, ${sTS.idx.length} states (${stateNames(sTS)})`, sTS, turfRun(turfStateFeats, D_LINE, 'degrees')),
    jsCase('w9c', jstsLib, `BufferOp of getBoundary(), ${of(sJS, states, 'states')}`, sJS, jstsRun(D_LINE), jstsRead(states, sJS.idx, true)),
    /* W9d: cities 50 km */
    {
      ...geosCase('w9d', `aeqd projection + GEOSBufferWithParams(${METRES / 1000} km) + back, ${of(sGM, cities, 'cities')}`, sGM, () => {}, geosMetres(sGM.idx), () => {
        /* great-circle distance of every vertex from its city, on turf's sphere */
        const rings = geosMetres(sGM.idx)();
        let lo = Infinity, hi = -Infinity;
        rings.forEach((ring, j) => {
          const [lon0, lat0] = cityXY[sGM.idx[j]!]!;
          for (const [lon, lat] of ring) {
            const h = Math.sin(((lat! - lat0) * RAD) / 2) ** 2 + Math.cos(lat0 * RAD) * Math.cos(lat! * RAD) * Math.sin(((lon! - lon0) * RAD) / 2) ** 2;
            const d = 2 * TURF_EARTH_RADIUS * Math.asin(Math.sqrt(h));
            lo = Math.min(lo, d), hi = Math.max(hi, d);
          }
        });
        if (!(Math.abs(lo - METRES) < 1 && Math.abs(hi - METRES) < 1)) throw new Error(`vertex distances in [${lo}, ${hi}] m`);
        return `${rings.length} rings, every vertex ${lo.toFixed(3)}–${hi.toFixed(3)} m from its city`;
      }),
      teardown: undefined,
    },
    jsCase('w9d', turfLib, `turf buffer(${METRES / 1000} km), ${of(sTC, cities, 'cities')}`, sTC, turfRun(turfCityFeats, METRES / 1000, 'kilometers')),
  ];
}

/* ------------------------------------------------------------- the suite */

const GROUPS = [
  { id: 'w9a', title: `W9a: buffer(counties, ${D_COUNTY}°)`, ref: 'w9a.geovec' },
  { id: 'w9a-', title: `W9a′: buffer(counties, ${D_ERODE}°) (erosion)`, ref: 'w9a-.geovec' },
  { id: 'w9b', title: `W9b: buffer(44,691 cities, ${D_CITY}°)`, ref: 'w9b.geovec' },
  { id: 'w9c', title: `W9c: buffer(56 state outlines as lines, ${D_LINE}°)`, ref: 'w9c.geovec' },
  { id: 'w9d', title: `W9d: buffer(44,691 cities, ${METRES / 1000} km, { units: 'metres' })`, ref: 'w9d.geovec' },
];

/** Targets of issue #13, on one native thread: geovec at least `geos`× geos-wasm and 50× turf per geometry. */
const TARGETS: Record<string, { geos?: number; turf: number }> = {
  w9a: { geos: 5, turf: 50 },
  'w9a-': { geos: 5, turf: 50 },
  w9b: { geos: 20, turf: 50 },
  w9c: { geos: 5, turf: 50 },
  w9d: { turf: 50 },
};

/** A time per geometry: µs, or ms from 1 ms up. */
function per(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e7 ? 1 : 2)} ms`;
  const u = ns / 1e3;
  return `${u >= 100 ? u.toFixed(0) : u >= 10 ? u.toFixed(1) : u.toFixed(2)} µs`;
}

export const suite: Suite = {
  name: 'buffer',
  title: 'W9: buffer (counties, cities, state outlines; planar and in metres)',
  description: [
    `Inputs: the 3,230 US counties (\`${COUNTIES}\`, 68,151 vertices), the 44,691 world cities (\`${CITIES}\`, points) and the 56 US state outlines`,
    `(\`${STATES}\`, 14,446 vertices) taken as lines: \`boundary()\` for geovec, \`GEOSBoundary\` for geos-wasm, \`getBoundary()\` for JSTS, a MultiLineString of the rings for turf, all outside the clock.`,
    `Parameters for every library: quadSegs ${QUAD_SEGS} (turf's \`steps\`), round caps and joins, mitre limit ${MITRE}.`,
    'geovec makes one call over the whole GeometryArray (read from WKB outside the clock; the result is disposed inside it).',
    'geos-wasm calls `GEOSBufferWithParams` per geometry on geometries read from WKB beforehand and destroys each result inside the clock;',
    'the "WKB in → … → WKB out" rows also copy and read the WKB and write the result back out to a JS `Uint8Array` inside the clock.',
    'JSTS calls `BufferOp.bufferOp(g, d, params)` on geometries read beforehand.',
    "turf's `buffer` always works on the sphere: it projects each feature (azimuthal equidistant centred on it, d3-geo), runs its JSTS fork in metres and projects back,",
    `so in W9a–W9c its distance is an arc of ${D_COUNTY}°, ${D_ERODE}°, ${D_CITY}° or ${D_LINE}° of a great circle (\`units: 'degrees'\`), not a planar distance in degrees: the same amount of work, a slightly different shape.`,
    `W9d is the like-for-like comparison: geovec's \`{ units: 'metres' }\` (an azimuthal equidistant projection per geometry on WGS84) against turf's \`buffer(f, ${METRES / 1000}, { units: 'kilometers' })\`,`,
    "and against geos-wasm driven the way turf drives JSTS (each city in a spherical azimuthal equidistant projection centred on it, `GEOSBufferWithParams` in metres, the ring copied out and projected back).",
    'The slower libraries run on an evenly spread sample (the label says which); per geometry, a sample counts as its vertices ÷ the whole set\'s mean vertices per geometry,',
    'so "per item" is the time for an average geometry of the whole set on every row. Throughput counts 16 bytes per input vertex.',
    'Rows: geovec native on 1 thread (the reference), native on all threads, and the WebAssembly build (single-threaded); the others in one more process.',
    'Targets (issue #13, one native thread): counties and lines ≥ 5× geos-wasm, points ≥ 20× geos-wasm, everything ≥ 50× turf, per geometry.',
  ].join('\n'),
  groups: GROUPS,
  variants: [{ backend: 'native', threads: 1 }, { backend: 'native' }, { backend: 'wasm' }],
  summary(rows: Row[]) {
    const lines: string[] = [];
    for (const g of GROUPS) {
      const find = (p: (r: Row) => boolean) => rows.find((r) => r.group === g.id && r.nsPerItem !== null && p(r));
      const one = find((r) => r.lib === 'geovec' && r.backend === 'native' && r.threads === 1);
      const all = find((r) => r.lib === 'geovec' && r.backend === 'native' && r.threads !== 1);
      const wasm = find((r) => r.lib === 'geovec' && r.backend === 'wasm');
      if (!one?.nsPerItem) continue;
      const parts = [`geovec ${per(one.nsPerItem)} per geometry on 1 native thread`];
      if (all?.nsPerItem) parts.push(`${per(all.nsPerItem)} on ${all.threads} threads`);
      if (wasm?.nsPerItem) parts.push(`${per(wasm.nsPerItem)} on WebAssembly`);
      const t = TARGETS[g.id]!;
      const vs: string[] = [];
      for (const [key, lib, goal] of [['geos', 'geos-wasm', t.geos], ['turf', 'turf', t.turf], ['jsts', 'JSTS', undefined]] as const) {
        const o = find((r) => r.id === `${g.id}.${key}`);
        if (!o?.nsPerItem) continue;
        /* x: how many times faster geovec (1 native thread) is than this library, per geometry */
        const x = o.nsPerItem / one.nsPerItem;
        const fx = `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;
        const slower = x < 1 ? `, i.e. geovec is ${(1 / x).toFixed(1)}× slower` : '';
        const verdict = goal === undefined ? '' : `; target ≥ ${goal}×: ${x >= goal ? 'met' : '**missed**'}`;
        vs.push(`${lib} ${per(o.nsPerItem)} (speed-up ${fx}${slower}${verdict})`);
      }
      lines.push(`${g.title}: ${parts.join(', ')}; ${vs.join('; ')}.`);
    }
    /* the load when the suite started is other work (ours had not begun); the load at the end includes this run itself */
    if (LOAD_AT_START > os.availableParallelism() / 4) {
      lines.push(
        `The machine was shared: the 1-minute load average was ${LOAD_AT_START.toFixed(2)} on ${os.availableParallelism()} cores before the suite started, from other work (likely still running during the suite), ` +
          'so the times (above all those of the all-threads rows) are likely slower and noisier than on an idle machine.',
      );
    }
    return lines;
  },
  cases: (ctx) => (ctx.geovec ? geovecCases() : otherCases()),
};
