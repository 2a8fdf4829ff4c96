/**
 * Suite "predicates" (workload W2): polygon × polygon predicates on Brazil
 * (39,914 vertices, ../shared/data/tg-shapes.geojson).
 *
 *  W2a  intersects of 1,000 Brazils with 1,000 copies, each shifted by up to
 *       ±0.5% of the bounding box (seeded), pairwise; nothing is prepared, so
 *       whatever index a library builds is built inside the clock.
 *  W2b  one prepared Brazil against 1,000 boxes of 10% × 10% of its bounding
 *       box (seeded positions inside it): intersects, and for information
 *       contains and within.
 *
 * geovec against geos-wasm (GEOSIntersects, and prepared geometries built
 * inside the clock), JSTS (relate-based intersects) and
 * turf booleanIntersects. The slower libraries run on a sample of the pairs
 * (its size is in the case name): compare per pair.
 */
import { booleanIntersects } from '@turf/turf';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import 'jsts/org/locationtech/jts/monkey.js'; /* Geometry.intersects and the other predicate methods */
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';

const FILE = 'tg-shapes.geojson';
const PAIRS = 1000;
const BOXES = 1000;
/** Largest shift of a copy, as a fraction of the bounding box (each axis). */
const SHIFT = 0.005;
/** Box size as a fraction of the bounding box (each axis). */
const BOX = 0.1;
/** One-thread targets, µs per pair. */
const TARGET_W2A_US = 20;
const TARGET_W2B_US = 0.4;
/** Pairs of W2a checked against GEOS before timing. */
const CHECK_PAIRS = 100;
/** Samples for the slower libraries (W2a pairs; W2b boxes for turf). */
const GEOS_PAIRS = 200;
const JSTS_PAIRS = 5;
const TURF_PAIRS = 20;
const TURF_BOXES = 20;
const JSTS_BOXES = 20;

type Ring = [number, number][];
interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

/** mulberry32 */
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

/** ISO WKB (little endian) of polygons given as flat [x0, y0, x1, y1, ...] rings, packed. */
function packWKB(polygons: Float64Array[][]): { data: Uint8Array; offsets: Int32Array } {
  const sizes = polygons.map((rings) => 9 + rings.reduce((n, r) => n + 4 + r.length * 8, 0));
  const offsets = new Int32Array(polygons.length + 1);
  for (let i = 0; i < polygons.length; i++) offsets[i + 1] = offsets[i]! + sizes[i]!;
  const data = new Uint8Array(offsets[polygons.length]!);
  const view = new DataView(data.buffer);
  polygons.forEach((rings, i) => {
    let p = offsets[i]!;
    view.setUint8(p, 1);
    view.setUint32(p + 1, 3, true);
    view.setUint32(p + 5, rings.length, true);
    p += 9;
    for (const r of rings) {
      view.setUint32(p, r.length / 2, true);
      p += 4;
      for (let k = 0; k < r.length; k++, p += 8) view.setFloat64(p, r[k]!, true);
    }
  });
  return { data, offsets };
}

function wkbAt(packed: { data: Uint8Array; offsets: Int32Array }, i: number): Uint8Array {
  return packed.data.subarray(packed.offsets[i]!, packed.offsets[i + 1]!);
}

function toGeoJSON(rings: Float64Array[]): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: rings.map((r) => {
      const out: Ring = [];
      for (let k = 0; k < r.length; k += 2) out.push([r[k]!, r[k + 1]!]);
      return out;
    }),
  };
}

interface Workload {
  geometry: PolygonGeometry;
  vertices: number;
  /** Brazil as WKB, and its 1,000 shifted copies packed. */
  brazilWKB: Uint8Array;
  shifted: { data: Uint8Array; offsets: Int32Array };
  shiftedRings: Float64Array[][];
  /** The 1,000 boxes, packed WKB, and as rings. */
  boxes: { data: Uint8Array; offsets: Int32Array };
  boxRings: Float64Array[][];
}

let cached: Workload | null = null;

function workload(): Workload {
  if (cached) return cached;
  const features = (JSON.parse(new TextDecoder().decode(dataBytes(FILE))) as { features: { properties: { name: string }; geometry: PolygonGeometry }[] }).features;
  const f = features.find((x) => x.properties.name === 'Brazil');
  if (!f || f.geometry.type !== 'Polygon') throw new Error(`${FILE} has no Brazil polygon`);
  const rings = f.geometry.coordinates.map((r) => Float64Array.from(r.flat()));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, vertices = 0;
  for (const r of rings) {
    vertices += r.length / 2;
    for (let k = 0; k < r.length; k += 2) {
      x0 = Math.min(x0, r[k]!), x1 = Math.max(x1, r[k]!);
      y0 = Math.min(y0, r[k + 1]!), y1 = Math.max(y1, r[k + 1]!);
    }
  }
  const w = x1 - x0, h = y1 - y0;
  const shift = rng(2002);
  const shiftedRings: Float64Array[][] = [];
  for (let i = 0; i < PAIRS; i++) {
    const dx = (2 * shift() - 1) * SHIFT * w, dy = (2 * shift() - 1) * SHIFT * h;
    shiftedRings.push(rings.map((r) => r.map((v, k) => v + (k & 1 ? dy : dx))));
  }
  const place = rng(2003);
  const boxRings: Float64Array[][] = [];
  for (let i = 0; i < BOXES; i++) {
    const bx = x0 + place() * (1 - BOX) * w, by = y0 + place() * (1 - BOX) * h;
    const ex = bx + BOX * w, ey = by + BOX * h;
    boxRings.push([Float64Array.of(bx, by, ex, by, ex, ey, bx, ey, bx, by)]);
  }
  const brazil = packWKB([rings]);
  cached = {
    geometry: f.geometry,
    vertices,
    brazilWKB: wkbAt(brazil, 0),
    shifted: packWKB(shiftedRings),
    shiftedRings,
    boxes: packWKB(boxRings),
    boxRings,
  };
  return cached;
}

/** What the geos-wasm package exports (only what this suite calls). */
interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSIntersects(a: number, b: number): number;
  GEOSPrepare(g: number): number;
  GEOSPreparedGeom_destroy(pg: number): void;
  GEOSPreparedIntersects(pg: number, g: number): number;
  GEOSPreparedContains(pg: number, g: number): number;
  GEOSversion(): string;
}

let geosPromise: Promise<Geos> | null = null;
function loadGeos(): Promise<Geos> {
  geosPromise ??= (import('geos-wasm') as unknown as Promise<{ default: () => Promise<Geos> }>).then((m) => m.default());
  return geosPromise;
}

export function geosRead(geos: Pick<Geos, 'Module' | 'GEOSGeomFromWKB_buf'>, wkb: Uint8Array): number {
  const p = geos.Module._malloc(wkb.length);
  geos.Module.HEAPU8.set(wkb, p);
  const g = geos.GEOSGeomFromWKB_buf(p, wkb.length);
  geos.Module._free(p);
  if (!g) throw new Error('GEOS could not read a polygon');
  return g;
}

function count(a: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += a[i]!;
  return c;
}

function agree(what: string, got: Uint8Array, want: Uint8Array): string {
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff += +(got[i] !== want[i]);
  if (diff) throw new Error(`${what}: ${diff} of ${want.length} pairs differ from GEOS`);
  return `${count(got)} of ${got.length} true; ${want.length} checked, all as GEOS`;
}

/** GEOS answers: W2a intersects for the first CHECK_PAIRS pairs; W2b intersects and contains for every box. */
async function geosAnswers(w: Workload) {
  const geos = await loadGeos();
  const brazil = geosRead(geos, w.brazilWKB);
  const w2a = new Uint8Array(CHECK_PAIRS);
  for (let i = 0; i < CHECK_PAIRS; i++) {
    const g = geosRead(geos, wkbAt(w.shifted, i));
    w2a[i] = geos.GEOSIntersects(brazil, g);
    geos.GEOSGeom_destroy(g);
  }
  const pg = geos.GEOSPrepare(brazil);
  const intersects = new Uint8Array(BOXES), contains = new Uint8Array(BOXES);
  for (let i = 0; i < BOXES; i++) {
    const g = geosRead(geos, wkbAt(w.boxes, i));
    intersects[i] = geos.GEOSPreparedIntersects(pg, g);
    contains[i] = geos.GEOSPreparedContains(pg, g);
    geos.GEOSGeom_destroy(g);
  }
  geos.GEOSPreparedGeom_destroy(pg);
  geos.GEOSGeom_destroy(brazil);
  return { w2a, intersects, contains };
}

/** Bytes per pair: 16 per vertex read (both Brazils in W2a, the box in W2b). */
const W2A_BYTES = (w: Workload) => 2 * w.vertices * 16;
/** A throughput target, rounded for the table (a hair above the exact figure: never easier). */
const round3 = (v: number) => Math.ceil(v * 1000) / 1000;
const BOX_BYTES = 5 * 16;

async function geovecCases(): Promise<BenchCase[]> {
  const w = workload();
  const want = await geosAnswers(w);
  const native1 = gv.backend() === 'native' && gv.threads() === 1;
  const one = gv.fromWKB([w.brazilWKB]);
  let a: gv.GeometryArray | null = null;
  let b: gv.GeometryArray | null = null;
  let prepared: gv.GeometryArray | null = null;
  let boxes: gv.GeometryArray | null = null;
  const w2a = { lib: 'geovec', geovec: true, group: 'w2a', unit: 'GB/s', items: PAIRS, bytes: PAIRS * W2A_BYTES(w) } as const;
  const w2b = { lib: 'geovec', geovec: true, group: 'w2b', unit: 'MB/s', items: BOXES, bytes: BOXES * BOX_BYTES } as const;
  const view = (x: gv.GeometryArray | null) => x!.get(0)!;
  return [
    {
      ...w2a,
      id: 'w2a.geovec',
      label: 'intersects(1,000 Brazils, 1,000 shifted copies)',
      target: native1 ? round3(W2A_BYTES(w) / (TARGET_W2A_US * 1e3)) : undefined,
      setup: () => {
        a = one.take(new Int32Array(PAIRS));
        b = gv.fromWKB(w.shifted);
      },
      run: () => gv.intersects(a!, b!),
      check: () => agree('W2a', gv.intersects(a!, b!), want.w2a),
      teardown: () => {
        a?.dispose();
        b?.dispose();
        a = b = null;
      },
      note: 'W2a geovec: one intersects call over both arrays of 1,000, nothing prepared. A pass over two Brazils from main memory alone takes about 150 µs on this machine, so geovec does not read them whole when their outlines cross: it reads every 384th vertex of each, finds where these sketches cross, and checks exactly a window of 48 segments of each outline under each crossing (about 3 windows per pair; whole runs only when no window holds a shared point); one shared point proves intersects. Otherwise the full engine decides.',
    },
    {
      ...w2b,
      id: 'w2b.geovec.intersects',
      label: 'intersects(prepared Brazil, 1,000 boxes)',
      target: native1 ? round3(BOX_BYTES / TARGET_W2B_US) : undefined,
      setup: () => {
        prepared = gv.prepare(one.take([0]));
        boxes = gv.fromWKB(w.boxes);
      },
      run: () => gv.intersects(view(prepared), boxes!),
      check: () => agree('W2b intersects', gv.intersects(view(prepared), boxes!), want.intersects),
      note: 'W2b geovec intersects: per box, the raster cells of its corners in the prepared Brazil, then a search of the Brazil\'s segment index along its edges; no allocation per pair.',
    },
    {
      ...w2b,
      id: 'w2b.geovec.contains',
      label: 'contains(prepared Brazil, 1,000 boxes)',
      run: () => gv.contains(view(prepared), boxes!),
      check: () => agree('W2b contains', gv.contains(view(prepared), boxes!), want.contains),
    },
    {
      ...w2b,
      id: 'w2b.geovec.within',
      label: 'within(1,000 boxes, prepared Brazil)',
      run: () => gv.within(boxes!, view(prepared)),
      check: () => agree('W2b within', gv.within(boxes!, view(prepared)), want.contains),
    },
    {
      ...w2b,
      id: 'w2b.geovec.unprepared',
      label: 'intersects(Brazil, 1,000 boxes), not prepared',
      setup: () => {
        prepared?.dispose();
        prepared = one.take([0]);
      },
      run: () => gv.intersects(view(prepared), boxes!),
      check: () => agree('W2b unprepared', gv.intersects(view(prepared), boxes!), want.intersects),
      teardown: () => {
        prepared?.dispose();
        boxes?.dispose();
        prepared = boxes = null;
      },
      note: 'W2b "not prepared": the call analyses and indexes the one Brazil itself (once for all 1,000 boxes), inside the clock.',
    },
  ];
}

async function otherCases(): Promise<BenchCase[]> {
  const w = workload();
  const geos = await loadGeos();
  const geosLib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const want = await geosAnswers(w);
  const reader = new GeoJSONReader(new GeometryFactory());
  const w2aCommon = { geovec: false, group: 'w2a', unit: 'GB/s' } as const;
  const w2bCommon = { geovec: false, group: 'w2b', unit: 'MB/s' } as const;

  /* W2a, geos-wasm: the geometries are read outside the clock (GEOS keeps
   * their envelopes); wasm32 memory (2 GB here) holds a sample of the pairs. */
  let ga: number[] = [];
  let gb: number[] = [];
  const geosSetup = () => {
    if (ga.length) return;
    for (let i = 0; i < GEOS_PAIRS; i++) {
      ga.push(geosRead(geos, w.brazilWKB));
      gb.push(geosRead(geos, wkbAt(w.shifted, i)));
    }
  };
  const geosPlain = () => {
    const out = new Uint8Array(GEOS_PAIRS);
    for (let i = 0; i < GEOS_PAIRS; i++) out[i] = geos.GEOSIntersects(ga[i]!, gb[i]!);
    return out;
  };
  const geosPrepared = () => {
    const out = new Uint8Array(GEOS_PAIRS);
    for (let i = 0; i < GEOS_PAIRS; i++) {
      const pg = geos.GEOSPrepare(ga[i]!);
      out[i] = geos.GEOSPreparedIntersects(pg, gb[i]!);
      geos.GEOSPreparedGeom_destroy(pg);
    }
    return out;
  };
  const geosTeardown = () => {
    for (const g of [...ga, ...gb]) geos.GEOSGeom_destroy(g);
    ga = [];
    gb = [];
  };

  /* JSTS and turf: plain objects made outside the clock */
  const jstsA = Array.from({ length: JSTS_PAIRS }, () => reader.read(w.geometry));
  const jstsB = Array.from({ length: JSTS_PAIRS }, (_, i) => reader.read(toGeoJSON(w.shiftedRings[i]!)));
  const jstsPairs = () => {
    const out = new Uint8Array(JSTS_PAIRS);
    for (let i = 0; i < JSTS_PAIRS; i++) out[i] = +jstsA[i]!.intersects(jstsB[i]!);
    return out;
  };
  const feature = (g: PolygonGeometry) => ({ type: 'Feature' as const, properties: {}, geometry: g });
  const turfA = Array.from({ length: TURF_PAIRS }, () => feature(structuredClone(w.geometry)));
  const turfB = Array.from({ length: TURF_PAIRS }, (_, i) => feature(toGeoJSON(w.shiftedRings[i]!)));
  const turfPairs = () => {
    const out = new Uint8Array(TURF_PAIRS);
    for (let i = 0; i < TURF_PAIRS; i++) out[i] = +booleanIntersects(turfA[i]!, turfB[i]!);
    return out;
  };

  /* W2b: one prepared Brazil per library, made outside the clock */
  let pBrazil = 0;
  let gBrazil = 0;
  let gBoxes: number[] = [];
  const geosBoxes = (f: (pg: number, g: number) => number) => () => {
    const out = new Uint8Array(BOXES);
    for (let i = 0; i < BOXES; i++) out[i] = f(pBrazil, gBoxes[i]!);
    return out;
  };
  const geosIntersects = geosBoxes((pg, g) => geos.GEOSPreparedIntersects(pg, g));
  const geosContains = geosBoxes((pg, g) => geos.GEOSPreparedContains(pg, g));
  /* JSTS's PreparedGeometry cannot be built from jsts 2.12's ES modules
   * (PreparedPolygon and its helpers call their base class constructors
   * without arguments), so JSTS runs unprepared here: Geometry.intersects
   * and contains, which take JTS's rectangle short-cuts for a box */
  const jstsBrazil = reader.read(w.geometry);
  const jstsBoxes = w.boxRings.slice(0, JSTS_BOXES).map((r) => reader.read(toGeoJSON(r)));
  const jstsBoxAnswers = (f: 'intersects' | 'contains') => () => {
    const out = new Uint8Array(JSTS_BOXES);
    for (let i = 0; i < JSTS_BOXES; i++) out[i] = +jstsBrazil[f](jstsBoxes[i]!);
    return out;
  };
  const brazilFeature = feature(w.geometry);
  const turfBoxes = w.boxRings.slice(0, TURF_BOXES).map((r) => feature(toGeoJSON(r)));
  const turfBoxAnswers = () => {
    const out = new Uint8Array(TURF_BOXES);
    for (let i = 0; i < TURF_BOXES; i++) out[i] = +booleanIntersects(brazilFeature, turfBoxes[i]!);
    return out;
  };

  const pairBytes = W2A_BYTES(w);
  return [
    {
      ...w2aCommon,
      id: 'w2a.geos',
      label: `GEOSIntersects, ${GEOS_PAIRS} pairs`,
      lib: geosLib,
      backend: 'wasm',
      items: GEOS_PAIRS,
      bytes: GEOS_PAIRS * pairBytes,
      setup: geosSetup,
      run: geosPlain,
      check: () => agree('geos-wasm', geosPlain().subarray(0, CHECK_PAIRS), want.w2a),
      note: `geos-wasm W2a: GEOSIntersects per pair on geometries read beforehand (GEOS computes their envelopes when it reads them); a sample of ${GEOS_PAIRS} pairs, because wasm32 memory (2 GB in geos-wasm) does not hold 2,000 Brazils.`,
    },
    {
      ...w2aCommon,
      id: 'w2a.geos.prepared',
      label: `GEOSPrepare + GEOSPreparedIntersects, ${GEOS_PAIRS} pairs`,
      lib: geosLib,
      backend: 'wasm',
      items: GEOS_PAIRS,
      bytes: GEOS_PAIRS * pairBytes,
      run: geosPrepared,
      check: () => agree('geos-wasm prepared', geosPrepared().subarray(0, CHECK_PAIRS), want.w2a),
      teardown: geosTeardown,
      note: 'geos-wasm W2a prepared: GEOSPrepare of the first polygon, GEOSPreparedIntersects, GEOSPreparedGeom_destroy, all inside the clock, per pair.',
    },
    {
      ...w2aCommon,
      id: 'w2a.jsts',
      label: `Geometry.intersects, ${JSTS_PAIRS} pairs`,
      lib: 'jsts 2.12',
      items: JSTS_PAIRS,
      bytes: JSTS_PAIRS * pairBytes,
      run: jstsPairs,
      check: () => agree('jsts', jstsPairs(), want.w2a.subarray(0, JSTS_PAIRS)),
      note: 'JSTS W2a: a.intersects(b) per pair (relate-based), geometries read beforehand.',
    },
    {
      ...w2aCommon,
      id: 'w2a.turf',
      label: `booleanIntersects, ${TURF_PAIRS} pairs`,
      lib: 'turf 7.4',
      items: TURF_PAIRS,
      bytes: TURF_PAIRS * pairBytes,
      run: turfPairs,
      check: () => agree('turf', turfPairs(), want.w2a.subarray(0, TURF_PAIRS)),
      note: 'turf W2a: booleanIntersects(featureA, featureB) per pair.',
    },
    {
      ...w2bCommon,
      id: 'w2b.geos.intersects',
      label: 'GEOSPreparedIntersects(Brazil, box)',
      lib: geosLib,
      backend: 'wasm',
      items: BOXES,
      bytes: BOXES * BOX_BYTES,
      setup: () => {
        gBrazil = geosRead(geos, w.brazilWKB);
        pBrazil = geos.GEOSPrepare(gBrazil);
        gBoxes = Array.from({ length: BOXES }, (_, i) => geosRead(geos, wkbAt(w.boxes, i)));
      },
      run: geosIntersects,
      check: () => agree('geos-wasm W2b', geosIntersects(), want.intersects),
      note: 'geos-wasm W2b: one prepared Brazil (GEOSPrepare outside the clock), GEOSPrepared* per box.',
    },
    {
      ...w2bCommon,
      id: 'w2b.geos.contains',
      label: 'GEOSPreparedContains(Brazil, box)',
      lib: geosLib,
      backend: 'wasm',
      items: BOXES,
      bytes: BOXES * BOX_BYTES,
      run: geosContains,
      check: () => agree('geos-wasm W2b contains', geosContains(), want.contains),
      teardown: () => {
        geos.GEOSPreparedGeom_destroy(pBrazil);
        for (const g of [gBrazil, ...gBoxes]) geos.GEOSGeom_destroy(g);
      },
    },
    {
      ...w2bCommon,
      id: 'w2b.jsts.intersects',
      label: `Geometry.intersects(box), ${JSTS_BOXES} boxes`,
      lib: 'jsts 2.12',
      items: JSTS_BOXES,
      bytes: JSTS_BOXES * BOX_BYTES,
      run: jstsBoxAnswers('intersects'),
      check: () => agree('jsts W2b', jstsBoxAnswers('intersects')(), want.intersects.subarray(0, JSTS_BOXES)),
      note: "JSTS W2b: Brazil.intersects(box) / contains(box), unprepared (JTS's rectangle short-cuts apply): jsts 2.12's PreparedGeometry cannot be constructed from its ES modules.",
    },
    {
      ...w2bCommon,
      id: 'w2b.jsts.contains',
      label: `Geometry.contains(box), ${JSTS_BOXES} boxes`,
      lib: 'jsts 2.12',
      items: JSTS_BOXES,
      bytes: JSTS_BOXES * BOX_BYTES,
      run: jstsBoxAnswers('contains'),
      check: () => agree('jsts W2b contains', jstsBoxAnswers('contains')(), want.contains.subarray(0, JSTS_BOXES)),
    },
    {
      ...w2bCommon,
      id: 'w2b.turf',
      label: `booleanIntersects(Brazil, box), ${TURF_BOXES} boxes`,
      lib: 'turf 7.4',
      items: TURF_BOXES,
      bytes: TURF_BOXES * BOX_BYTES,
      run: turfBoxAnswers,
      check: () => agree('turf W2b', turfBoxAnswers(), want.intersects.subarray(0, TURF_BOXES)),
      note: 'turf W2b: booleanIntersects(Brazil feature, box feature), no preparation in turf.',
    },
  ];
}

function perPair(r: Row | undefined): number | null {
  return r?.stats && r.nsPerItem ? r.nsPerItem : null;
}

export const suite: Suite = {
  name: 'predicates',
  title: 'W2: polygon × polygon predicates (Brazil)',
  description: [
    `Input: Brazil (39,914 vertices) from \`${FILE}\`.`,
    `**W2a**: \`intersects\` of 1,000 Brazils (one parsed Brazil, \`take\`n 1,000 times) with 1,000 copies each shifted by up to`,
    `±${SHIFT * 100}% of the bounding box on each axis (seeded; made in JavaScript as WKB and read with \`fromWKB\`), pairwise;`,
    'nothing is prepared, so any index is built inside the clock. Parsing is outside the clock.',
    `**W2b**: one prepared Brazil against 1,000 boxes of ${BOX * 100}% × ${BOX * 100}% of its bounding box at seeded positions inside it,`,
    '`intersects` (and `contains` / `within` for information), the Brazil broadcast against the array of boxes.',
    'Throughput counts the coordinates read per pair at 16 bytes each: both polygons in W2a, the box (5 vertices) in W2b;',
    `Targets, one native thread: W2a ≤ ${TARGET_W2A_US} µs per pair, W2b ≤ ${TARGET_W2B_US} µs per pair.`,
    'The slower libraries run on a sample of the pairs (its size is in the case name): compare by the per-item columns,',
    'which are per pair. Every geovec result is checked against GEOS 3.13 before timing.',
  ].join('\n'),
  groups: [
    { id: 'w2a', title: 'W2a: intersects, 1,000 Brazils × 1,000 shifted copies, pairwise, unprepared', ref: 'w2a.geovec' },
    { id: 'w2b', title: 'W2b: prepared Brazil × 1,000 boxes', ref: 'w2b.geovec.intersects' },
  ],
  variants: [
    { backend: 'native', threads: 1 },
    { backend: 'native', threads: 0 },
    { backend: 'wasm' },
  ],
  summary(rows) {
    const find = (id: string, backend: string, multi?: boolean) =>
      rows.find((r) => r.id === id && r.backend === backend && (multi === undefined || (r.threads ?? 1) > 1 === multi));
    const lines: string[] = [];
    for (const [id, name] of [['w2a.geovec', 'W2a'], ['w2b.geovec.intersects', 'W2b']] as const) {
      const one = perPair(find(id, 'native', false));
      const all = perPair(find(id, 'native', true));
      const wasm = perPair(find(id, 'wasm'));
      if (one !== null) lines.push(`${name} geovec: ${(one / 1e3).toFixed(2)} µs per pair on one native thread${all !== null ? `, ${(all / 1e3).toFixed(2)} µs with ${find(id, 'native', true)!.threads} threads` : ''}${wasm !== null ? `, ${(wasm / 1e3).toFixed(2)} µs on wasm` : ''}.`);
    }
    const one = perPair(find('w2a.geovec', 'native', false));
    for (const id of ['w2a.geos', 'w2a.geos.prepared', 'w2a.jsts', 'w2a.turf']) {
      const r = rows.find((x) => x.id === id);
      const t = perPair(r);
      if (one !== null && t !== null) lines.push(`W2a: ${r!.lib}, ${r!.label.split(',')[0]}: ${(t / 1e3).toFixed(0)} µs per pair, ${(t / one).toFixed(0)}× geovec's one thread.`);
    }
    return lines;
  },
  async cases(ctx) {
    return ctx.geovec ? geovecCases() : otherCases();
  },
};
