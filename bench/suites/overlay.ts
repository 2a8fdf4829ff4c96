/**
 * Suite "overlay" (workload W8): polygon overlay on real data.
 *
 *  W8a  intersection of every US county with a copy of it shifted by 30% of
 *       its width (3,230 pairs, ../shared/data/us-counties.geojson).
 *  W8b  unionAll(counties, { groups: state }) (dissolve into 56 states), and
 *       coverageUnion of the same (shared edges cancelled; GEOSCoverageUnion).
 *  W8c  clipByRect of every county by each 1° × 1° tile it touches.
 *  W8d  intersection and union of Brazil (tg-shapes.geojson) with 50 copies
 *       of itself shifted by up to ±0.5% of its box; intersectionAll of
 *       Brazil and the 50 copies (GEOSIntersection reduced over them).
 *
 * Against geos-wasm (OverlayNG: GEOSIntersection, GEOSUnaryUnion of a
 * collection per state, GEOSClipByRect, GEOSUnion) and turf (intersect /
 * union, polyclip-ts) on samples. Inputs are parsed outside the clock;
 * every index geovec builds is built inside it.
 */
import { intersect as turfIntersect, union as turfUnion } from '@turf/turf';
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';

type Ring = [number, number][];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}
interface Feature {
  properties: Record<string, unknown>;
  geometry: Geometry;
}

const GEOS_SAMPLE = 800;
const TURF_SAMPLE = 100;
const BRAZIL_COPIES = 50;

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

function polys(g: Geometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);
}
function mapGeom(g: Geometry, f: (p: [number, number]) => [number, number]): Geometry {
  const m = polys(g).map((rs) => rs.map((r) => r.map(f)));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: m[0]! } : { type: 'MultiPolygon', coordinates: m };
}
function bbox(g: Geometry): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const rs of polys(g)) for (const r of rs) for (const [x, y] of r) {
    x0 = Math.min(x0, x), x1 = Math.max(x1, x), y0 = Math.min(y0, y), y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}
const wktRing = (r: Ring) => `(${r.map((p) => `${p[0]} ${p[1]}`).join(', ')})`;
function toWKT(g: Geometry): string {
  const ps = polys(g).map((rs) => `(${rs.map(wktRing).join(', ')})`);
  return g.type === 'Polygon' ? `POLYGON ${ps[0]}` : `MULTIPOLYGON (${ps.join(', ')})`;
}

interface Workload {
  counties: Geometry[];
  shifted: Geometry[];
  state: string[];
  tiles: { county: number; box: [number, number, number, number] }[];
  brazil: Geometry;
  brazilCopies: Geometry[];
  vertices: number;
}

let cached: Workload | null = null;
function workload(): Workload {
  if (cached) return cached;
  const fs = (JSON.parse(new TextDecoder().decode(dataBytes('us-counties.geojson'))) as { features: Feature[] }).features;
  const counties = fs.map((f) => f.geometry);
  const shifted = counties.map((g) => {
    const [x0, , x1] = bbox(g);
    const dx = (x1 - x0) * 0.3;
    return mapGeom(g, ([x, y]) => [x + dx, y + dx / 3]);
  });
  const state = fs.map((f) => String(f.properties.state_fips));
  const tiles: Workload['tiles'] = [];
  counties.forEach((g, i) => {
    const [x0, y0, x1, y1] = bbox(g);
    for (let x = Math.floor(x0); x < x1; x++) for (let y = Math.floor(y0); y < y1; y++) tiles.push({ county: i, box: [x, y, x + 1, y + 1] });
  });
  const shapes = (JSON.parse(new TextDecoder().decode(dataBytes('tg-shapes.geojson'))) as { features: Feature[] }).features;
  const brazil = shapes.find((f) => f.properties.name === 'Brazil')!.geometry;
  const [bx0, by0, bx1, by1] = bbox(brazil);
  const r = rng(8008);
  const brazilCopies = Array.from({ length: BRAZIL_COPIES }, () => {
    const dx = (2 * r() - 1) * 0.005 * (bx1 - bx0), dy = (2 * r() - 1) * 0.005 * (by1 - by0);
    return mapGeom(brazil, ([x, y]) => [x + dx, y + dy]);
  });
  let vertices = 0;
  for (const g of counties) for (const rs of polys(g)) for (const ring of rs) vertices += ring.length;
  cached = { counties, shifted, state, tiles, brazil, brazilCopies, vertices };
  return cached;
}

const fromGeoms = (gs: Geometry[]) => gv.fromWKT(gs.map(toWKT));

async function geovecCases(): Promise<BenchCase[]> {
  const w = workload();
  const A = fromGeoms(w.counties), B = fromGeoms(w.shifted);
  const tileIdx = Int32Array.from(w.tiles.map((t) => t.county));
  const tileA = A.take(tileIdx);
  const tb = (k: number) => Float64Array.from(w.tiles.map((t) => t.box[k]!));
  const [tx0, ty0, tx1, ty1] = [tb(0), tb(1), tb(2), tb(3)];
  const brazil = fromGeoms([w.brazil]).take(new Int32Array(BRAZIL_COPIES));
  const copies = fromGeoms(w.brazilCopies);
  const allCopies = fromGeoms([w.brazil, ...w.brazilCopies]);
  const n = w.counties.length;
  const common = { lib: 'geovec', geovec: true, unit: 'MB/s' } as const;
  const countyBytes = w.vertices * 16;
  return [
    { ...common, id: 'w8a.geovec', group: 'w8a', label: `intersection(${n} counties, shifted copies)`, items: n, bytes: 2 * countyBytes, run: () => gv.intersection(A, B, { onInvalid: 'ignore' }) },
    { ...common, id: 'w8b.geovec', group: 'w8b', label: 'unionAll(counties, { groups: state })', items: 56, bytes: countyBytes, run: () => gv.unionAll(A, { groups: w.state, onInvalid: 'ignore' }) },
    { ...common, id: 'w8b.geovec.coverage', group: 'w8b', label: 'coverageUnion(counties, { groups: state })', items: 56, bytes: countyBytes, run: () => gv.coverageUnion(A, { groups: w.state }) },
    { ...common, id: 'w8c.geovec', group: 'w8c', label: `clipByRect(county, 1° tile), ${w.tiles.length} pieces`, items: w.tiles.length, bytes: countyBytes, run: () => gv.clipByRect(tileA, tx0, ty0, tx1, ty1, { onInvalid: 'ignore' }) },
    { ...common, id: 'w8d.geovec.intersection', group: 'w8d', label: `intersection(Brazil, ${BRAZIL_COPIES} shifted copies)`, items: BRAZIL_COPIES, bytes: BRAZIL_COPIES * 2 * 39914 * 16, run: () => gv.intersection(brazil, copies, { onInvalid: 'ignore' }) },
    { ...common, id: 'w8d.geovec.intersectionAll', group: 'w8d', label: `intersectionAll(Brazil and ${BRAZIL_COPIES} shifted copies)`, items: BRAZIL_COPIES, bytes: (BRAZIL_COPIES + 1) * 39914 * 16, run: () => gv.intersectionAll(allCopies) },
    { ...common, id: 'w8d.geovec.union', group: 'w8d', label: `union(Brazil, ${BRAZIL_COPIES} shifted copies)`, items: BRAZIL_COPIES, bytes: BRAZIL_COPIES * 2 * 39914 * 16, run: () => gv.union(brazil, copies, { onInvalid: 'ignore' }) },
  ];
}

interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; stringToUTF8(s: string, p: number, n: number): void };
  GEOSWKTReader_create(): number;
  GEOSWKTReader_read(r: number, p: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSIntersection(a: number, b: number): number;
  GEOSUnion(a: number, b: number): number;
  GEOSUnaryUnion(a: number): number;
  GEOSCoverageUnion(a: number): number;
  GEOSClipByRect(g: number, x0: number, y0: number, x1: number, y1: number): number;
  GEOSversion(): string;
}

async function otherCases(): Promise<BenchCase[]> {
  const w = workload();
  const geos = (await ((await import('geos-wasm')) as unknown as { default: () => Promise<Geos> }).default());
  const reader = geos.GEOSWKTReader_create();
  const read = (wkt: string) => {
    const n = wkt.length * 4 + 1, p = geos.Module._malloc(n);
    geos.Module.stringToUTF8(wkt, p, n);
    const g = geos.GEOSWKTReader_read(reader, p);
    geos.Module._free(p);
    return g;
  };
  const lib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const countyBytes = w.vertices * 16;
  const n = w.counties.length;
  const frac = (k: number) => k / n;
  let ga: number[] = [], gb: number[] = [], gstates: number[] = [], gtiles: number[] = [], gbr: number[] = [], gcp: number[] = [];
  const stateIds = [...new Set(w.state)];
  const run = (f: () => number[]) => () => {
    for (const g of f()) geos.GEOSGeom_destroy(g);
  };
  const feat = (g: Geometry) => ({ type: 'Feature' as const, properties: {}, geometry: g });
  const tA = w.counties.slice(0, TURF_SAMPLE).map(feat), tB = w.shifted.slice(0, TURF_SAMPLE).map(feat);
  const common = { geovec: false, unit: 'MB/s', backend: 'wasm' } as const;
  return [
    {
      ...common, id: 'w8a.geos', group: 'w8a', lib, label: `GEOSIntersection, ${GEOS_SAMPLE} pairs`, items: GEOS_SAMPLE, bytes: 2 * countyBytes * frac(GEOS_SAMPLE),
      setup: () => {
        ga = w.counties.slice(0, GEOS_SAMPLE).map((g) => read(toWKT(g)));
        gb = w.shifted.slice(0, GEOS_SAMPLE).map((g) => read(toWKT(g)));
      },
      run: run(() => ga.map((g, i) => geos.GEOSIntersection(g, gb[i]!))),
      teardown: () => [...ga, ...gb].forEach((g) => geos.GEOSGeom_destroy(g)),
    },
    {
      ...common, id: 'w8b.geos', group: 'w8b', lib, label: 'GEOSUnaryUnion per state', items: stateIds.length, bytes: countyBytes,
      setup: () => {
        gstates = stateIds.map((s) => read(`GEOMETRYCOLLECTION (${w.counties.filter((_, i) => w.state[i] === s).map(toWKT).join(', ')})`));
      },
      run: run(() => gstates.map((g) => geos.GEOSUnaryUnion(g))),
      teardown: () => gstates.forEach((g) => geos.GEOSGeom_destroy(g)),
    },
    {
      ...common, id: 'w8b.geos.coverage', group: 'w8b', lib, label: 'GEOSCoverageUnion per state', items: stateIds.length, bytes: countyBytes,
      setup: () => {
        gstates = stateIds.map((s) => read(`GEOMETRYCOLLECTION (${w.counties.filter((_, i) => w.state[i] === s).map(toWKT).join(', ')})`));
      },
      // GEOS throws a TopologyException on one state (17, Illinois: counties made invalid by quantization); counted as done
      run: run(() => gstates.flatMap((g) => {
        try {
          return [geos.GEOSCoverageUnion(g)];
        } catch {
          return [];
        }
      })),
      teardown: () => gstates.forEach((g) => geos.GEOSGeom_destroy(g)),
    },
    {
      ...common, id: 'w8c.geos', group: 'w8c', lib, label: 'GEOSClipByRect per piece', items: w.tiles.length, bytes: countyBytes,
      setup: () => {
        gtiles = w.counties.map((g) => read(toWKT(g)));
      },
      run: run(() => w.tiles.map((t) => geos.GEOSClipByRect(gtiles[t.county]!, t.box[0], t.box[1], t.box[2], t.box[3]))),
      teardown: () => gtiles.forEach((g) => geos.GEOSGeom_destroy(g)),
    },
    {
      ...common, id: 'w8d.geos.intersection', group: 'w8d', lib, label: 'GEOSIntersection', items: BRAZIL_COPIES, bytes: BRAZIL_COPIES * 2 * 39914 * 16,
      setup: () => {
        gbr = [read(toWKT(w.brazil))];
        gcp = w.brazilCopies.map((g) => read(toWKT(g)));
      },
      run: run(() => gcp.map((g) => geos.GEOSIntersection(gbr[0]!, g))),
    },
    {
      ...common, id: 'w8d.geos.union', group: 'w8d', lib, label: 'GEOSUnion', items: BRAZIL_COPIES, bytes: BRAZIL_COPIES * 2 * 39914 * 16,
      run: run(() => gcp.map((g) => geos.GEOSUnion(gbr[0]!, g))),
    },
    {
      ...common, id: 'w8d.geos.intersectionAll', group: 'w8d', lib, label: 'GEOSIntersection reduced over the copies', items: BRAZIL_COPIES, bytes: (BRAZIL_COPIES + 1) * 39914 * 16,
      run: () => {
        let acc = geos.GEOSIntersection(gbr[0]!, gcp[0]!);
        for (const g of gcp.slice(1)) {
          const next = geos.GEOSIntersection(acc, g);
          geos.GEOSGeom_destroy(acc);
          acc = next;
        }
        geos.GEOSGeom_destroy(acc);
      },
      teardown: () => [...gbr, ...gcp].forEach((g) => geos.GEOSGeom_destroy(g)),
    },
    {
      geovec: false, unit: 'MB/s', id: 'w8a.turf', group: 'w8a', lib: 'turf intersect (polyclip-ts)', label: `turf intersect, ${TURF_SAMPLE} pairs`, items: TURF_SAMPLE, bytes: 2 * countyBytes * frac(TURF_SAMPLE),
      run: () => tA.map((f, i) => turfIntersect({ type: 'FeatureCollection', features: [f, tB[i]!] } as never)),
    },
    {
      geovec: false, unit: 'MB/s', id: 'w8d.turf', group: 'w8d', lib: 'turf union (polyclip-ts)', label: 'turf union, 5 copies', items: 5, bytes: 5 * 2 * 39914 * 16,
      run: () => w.brazilCopies.slice(0, 5).map((g) => turfUnion({ type: 'FeatureCollection', features: [feat(w.brazil), feat(g)] } as never)),
    },
  ];
}

function perItem(r: Row | undefined): number | null {
  return r?.stats && r.nsPerItem ? r.nsPerItem : null;
}

export const suite: Suite = {
  name: 'overlay',
  title: 'W8: polygon overlay (US counties, Brazil)',
  description: [
    'Input: `us-counties.geojson` (3,230 counties, 68,151 vertices) and Brazil (39,914 vertices) from `tg-shapes.geojson`.',
    '**W8a**: `intersection` of every county with a copy shifted by 30% of its width (and 10% of it north), pairwise.',
    '**W8b**: `unionAll(counties, { groups: state })`, one union per state (56), and `coverageUnion` of the same (against GEOSCoverageUnion).',
    '**W8c**: `clipByRect` of every county by each 1° × 1° tile its box touches (per-element bounds).',
    `**W8d**: \`intersection\` and \`union\` of Brazil with ${BRAZIL_COPIES} copies shifted by up to ±0.5% of its box, and \`intersectionAll\` of Brazil and the copies.`,
    'Parsing is outside the clock; geovec builds every index inside it. geos-wasm and turf run on samples: compare per item.',
  ].join('\n'),
  groups: [
    { id: 'w8a', title: 'W8a: intersection, counties × shifted copies', ref: 'w8a.geovec' },
    { id: 'w8b', title: 'W8b: unionAll by state', ref: 'w8b.geovec' },
    { id: 'w8c', title: 'W8c: clipByRect by 1° tiles', ref: 'w8c.geovec' },
    { id: 'w8d', title: 'W8d: Brazil × 50 shifted copies', ref: 'w8d.geovec.intersection' },
  ],
  variants: [
    { backend: 'native', threads: 1 },
    { backend: 'native', threads: 0 },
    { backend: 'wasm' },
  ],
  summary(rows) {
    const lines: string[] = [];
    for (const [g, geosId] of [['w8a.geovec', 'w8a.geos'], ['w8b.geovec', 'w8b.geos'], ['w8b.geovec.coverage', 'w8b.geos.coverage'], ['w8c.geovec', 'w8c.geos'], ['w8d.geovec.intersection', 'w8d.geos.intersection'], ['w8d.geovec.union', 'w8d.geos.union'], ['w8d.geovec.intersectionAll', 'w8d.geos.intersectionAll']] as const) {
      const one = perItem(rows.find((r) => r.id === g && r.backend === 'native' && (r.threads ?? 1) === 1));
      const geos = perItem(rows.find((r) => r.id === geosId));
      if (one !== null && geos !== null) lines.push(`${g}: ${(one / 1e3).toFixed(1)} µs per item on one native thread; geos-wasm ${(geos / 1e3).toFixed(1)} µs (${(geos / one).toFixed(2)}×).`);
    }
    return lines;
  },
  async cases(ctx) {
    return ctx.geovec ? geovecCases() : otherCases();
  },
};
