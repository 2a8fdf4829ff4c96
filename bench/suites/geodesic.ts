/**
 * Suite "geodesic" (issue 10, W6 geodesic part): geodesic measures on WGS84.
 *  - geodesicArea of all 3,230 US counties (68,151 vertices) against
 *    geographiclib-geodesic (Geodesic.WGS84.Polygon, Karney's own JavaScript, the
 *    same ellipsoidal answer) and turf `area` (spherical, a different answer);
 *  - geodesicDistance of 44,691 world-city pairs against geographiclib `Inverse`
 *    and turf `distance` (haversine on a sphere).
 */
import { area as turfArea, distance as turfDistance } from '@turf/turf';
import * as glns from 'geographiclib-geodesic';
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Suite } from '../harness.js';

const gl = ((glns as unknown as { default?: typeof glns }).default ?? glns) as typeof glns;
const WGS84 = gl.Geodesic.WGS84;

const COUNTIES = 'us-counties.geojson';
const CITIES = 'world-cities.geojson';

type Pos = number[];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Pos[][] } | { type: 'MultiPolygon'; coordinates: Pos[][][] };
}

let cache: {
  counties: Feature[];
  countyText: string;
  vertices: number;
  lon1: Float64Array;
  lat1: Float64Array;
  lon2: Float64Array;
  lat2: Float64Array;
} | null = null;

function data() {
  if (cache) return cache;
  const countyText = new TextDecoder().decode(dataBytes(COUNTIES));
  const counties = (JSON.parse(countyText) as { features: Feature[] }).features;
  let vertices = 0;
  for (const f of counties) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) vertices += r.length;
  }
  const cities = (JSON.parse(new TextDecoder().decode(dataBytes(CITIES))) as { features: { geometry: { coordinates: Pos } }[] }).features;
  const n = cities.length;
  const lon1 = new Float64Array(n), lat1 = new Float64Array(n), lon2 = new Float64Array(n), lat2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // pair each city with one far away in the list (a fixed permutation)
    const j = (i * 7919 + 104729) % n;
    lon1[i] = cities[i]!.geometry.coordinates[0]!;
    lat1[i] = cities[i]!.geometry.coordinates[1]!;
    lon2[i] = cities[j]!.geometry.coordinates[0]!;
    lat2[i] = cities[j]!.geometry.coordinates[1]!;
  }
  cache = { counties, countyText, vertices, lon1, lat1, lon2, lat2 };
  return cache;
}

/** GeographicLib's area of a county: |signed area| per ring, holes subtracted. */
function glArea(f: Feature): number {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      const p = WGS84.Polygon(false);
      for (let i = 0; i < ring.length - 1; i++) p.AddPoint(ring[i]![1]!, ring[i]![0]!);
      const a = Math.abs(p.Compute(false, true).area!);
      total += k === 0 ? a : -a;
    });
  }
  return total;
}

function glAreas(fs: Feature[]): Float64Array {
  const out = new Float64Array(fs.length);
  for (let i = 0; i < fs.length; i++) out[i] = glArea(fs[i]!);
  return out;
}

function glDistances(d: NonNullable<typeof cache>): Float64Array {
  const out = new Float64Array(d.lon1.length);
  for (let i = 0; i < out.length; i++) out[i] = WGS84.Inverse(d.lat1[i]!, d.lon1[i]!, d.lat2[i]!, d.lon2[i]!).s12!;
  return out;
}

/** Median and largest |a - b| / b. */
function relErrors(a: Float64Array, b: Float64Array): { median: number; max: number } {
  const e = Array.from(a, (v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)).filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  return { median: e[e.length >> 1] ?? NaN, max: e[e.length - 1] ?? NaN };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

async function geovecCases(): Promise<BenchCase[]> {
  const d = data();
  const counties = gv.fromGeoJSON(d.countyText);
  const A = gv.points(d.lon1, d.lat1);
  const B = gv.points(d.lon2, d.lat2);
  const n = d.lon1.length;
  const refAreas = glAreas(d.counties.slice(0, 400));
  const refDist = glDistances(d).subarray(0, 5000);
  const checkArea = () => {
    const e = relErrors(gv.geodesicArea(counties).subarray(0, 400), refAreas);
    if (!(e.max <= 1e-9)) throw new Error(`geodesicArea differs from GeographicLib by ${e.max} (relative)`);
    return `first 400 counties: largest relative difference from GeographicLib ${e.max.toExponential(1)}`;
  };
  const checkDist = (got: Float64Array) => {
    let worst = 0;
    for (let i = 0; i < refDist.length; i++) worst = Math.max(worst, Math.abs(got[i]! - refDist[i]!));
    if (!(worst <= 1e-6)) throw new Error(`distance differs from GeographicLib by ${worst} m`);
    return `first 5,000 pairs: largest difference from GeographicLib ${worst.toExponential(1)} m`;
  };
  return [
    {
      id: 'area.geovec',
      label: `geodesicArea(${d.counties.length.toLocaleString('en-US')} counties)`,
      lib: 'geovec',
      geovec: true,
      group: 'area',
      bytes: d.vertices * 16,
      unit: 'MB/s',
      items: d.counties.length,
      run: () => gv.geodesicArea(counties),
      check: checkArea,
    },
    {
      id: 'area.geovec.length',
      label: `geodesicLength(${d.counties.length.toLocaleString('en-US')} counties)`,
      lib: 'geovec',
      geovec: true,
      group: 'area',
      bytes: d.vertices * 16,
      unit: 'MB/s',
      items: d.counties.length,
      run: () => gv.geodesicLength(counties),
    },
    {
      id: 'distance.geovec',
      label: `geodesicDistance(${n.toLocaleString('en-US')} city pairs)`,
      lib: 'geovec',
      geovec: true,
      group: 'distance',
      bytes: n * 32,
      unit: 'MB/s',
      items: n,
      run: () => gv.geodesicDistance(A, B),
      check: () => checkDist(gv.geodesicDistance(A, B)),
    },
    {
      id: 'distance.geovec.xy',
      label: `geodesicDistanceXY(${n.toLocaleString('en-US')} pairs of columns)`,
      lib: 'geovec',
      geovec: true,
      group: 'distance',
      bytes: n * 32,
      unit: 'MB/s',
      items: n,
      run: () => gv.geodesicDistanceXY(d.lon1, d.lat1, d.lon2, d.lat2),
      check: () => checkDist(gv.geodesicDistanceXY(d.lon1, d.lat1, d.lon2, d.lat2)),
    },
  ];
}

async function otherCases(): Promise<BenchCase[]> {
  const d = data();
  const n = d.lon1.length;
  const turfAreas = () => {
    const out = new Float64Array(d.counties.length);
    for (let i = 0; i < out.length; i++) out[i] = turfArea(d.counties[i]!);
    return out;
  };
  const turfDist = () => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = turfDistance([d.lon1[i]!, d.lat1[i]!], [d.lon2[i]!, d.lat2[i]!], { units: 'meters' });
    return out;
  };
  return [
    {
      id: 'area.geographiclib',
      label: 'Geodesic.WGS84.Polygon per ring',
      lib: 'geographiclib-geodesic 2.2.0',
      geovec: false,
      group: 'area',
      bytes: d.vertices * 16,
      unit: 'MB/s',
      items: d.counties.length,
      run: () => glAreas(d.counties),
      check: () => `sum ${(sum(glAreas(d.counties)) / 1e6).toFixed(0)} km²`,
    },
    {
      id: 'area.turf',
      label: 'turf area per feature (sphere)',
      lib: 'turf 7',
      geovec: false,
      group: 'area',
      bytes: d.vertices * 16,
      unit: 'MB/s',
      items: d.counties.length,
      run: turfAreas,
      check: () => {
        const e = relErrors(turfAreas(), glAreas(d.counties));
        return `spherical: relative error vs GeographicLib median ${e.median.toExponential(2)}, max ${e.max.toExponential(2)}`;
      },
      note: 'turf area works on a sphere of radius 6,378,137 m: a different (less accurate) answer, see the check column.',
    },
    {
      id: 'distance.geographiclib',
      label: 'Geodesic.WGS84.Inverse per pair',
      lib: 'geographiclib-geodesic 2.2.0',
      geovec: false,
      group: 'distance',
      bytes: n * 32,
      unit: 'MB/s',
      items: n,
      run: () => glDistances(d),
    },
    {
      id: 'distance.turf',
      label: 'turf distance per pair (haversine)',
      lib: 'turf 7',
      geovec: false,
      group: 'distance',
      bytes: n * 32,
      unit: 'MB/s',
      items: n,
      run: turfDist,
      check: () => {
        const e = relErrors(turfDist(), glDistances(d));
        return `spherical: relative error vs GeographicLib median ${e.median.toExponential(2)}, max ${e.max.toExponential(2)}`;
      },
    },
  ];
}

export const suite: Suite = {
  name: 'geodesic',
  title: 'W6 (geodesic): geodesicArea of the counties, geodesicDistance of city pairs',
  description: [
    `Input: the 3,230 US counties of \`${COUNTIES}\` (68,151 vertices) and 44,691 pairs of cities from \`${CITIES}\``,
    '(each city with a fixed other one). geovec computes ellipsoidal (WGS84) geodesics after Karney (2013), as',
    'geographiclib-geodesic does; turf computes on a sphere (a different answer, its error is in the check column).',
    'Targets, one thread: geodesicArea ≥ 5× geographiclib-geodesic and at least as fast as turf `area`.',
  ].join('\n'),
  groups: [
    { id: 'area', title: 'Area (and length) of 3,230 counties', ref: 'area.geovec' },
    { id: 'distance', title: 'Distance of 44,691 city pairs', ref: 'distance.geovec' },
  ],
  variants: [
    { backend: 'native', threads: 1 },
    { backend: 'native', threads: 0 },
    { backend: 'wasm' },
  ],
  summary(rows) {
    const lines: string[] = [];
    const one = (id: string, backend: string) => rows.find((r) => r.id === id && r.backend === backend && (backend !== 'native' || (r.threads ?? 1) === 1));
    for (const [g, label] of [['area', 'geodesicArea'], ['distance', 'geodesicDistance']] as const) {
      const glr = rows.find((r) => r.id === `${g}.geographiclib`);
      const tr = rows.find((r) => r.id === `${g}.turf`);
      for (const be of ['native', 'wasm']) {
        const me = one(`${g}.geovec`, be);
        if (!me?.stats) continue;
        const parts: string[] = [];
        if (glr?.stats) parts.push(`${(glr.stats.median / me.stats.median).toFixed(1)}× geographiclib-geodesic`);
        if (tr?.stats) parts.push(`${(tr.stats.median / me.stats.median).toFixed(2)}× turf`);
        lines.push(`${label}, ${be}${be === 'native' ? ' (one thread)' : ''}: ${parts.join(', ')} (by medians; > 1 is faster).`);
      }
    }
    return lines;
  },
  async cases(ctx) {
    return ctx.geovec ? geovecCases() : otherCases();
  },
};
