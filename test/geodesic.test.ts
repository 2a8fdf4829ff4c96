/**
 * Geodesic measures on WGS84 against GeographicLib's own JavaScript
 * (geographiclib-geodesic, C. F. F. Karney):
 *  - distances within 1e-6 m on thousands of seeded random pairs of every kind
 *    (general, antipodal, nearly antipodal, equatorial, meridional, coincident,
 *    pole points, very short), through geodesicDistanceXY and geodesicDistance;
 *  - the worked examples of Karney's paper (J. Geodesy 2013, tables 2 and 4);
 *  - areas and lengths within 1e-9 relative on constructed polygons (around a pole,
 *    across the antimeridian, holes, both orientations, collections) and on every
 *    polygon of ../shared/data;
 *  - broadcasting, nulls, empties, argument errors.
 */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { describe, test } from 'node:test';

import {
  DATA_URL, GeometryView, backend, GeovecError, featuresOf, fromGeoJSON, fromWKT, geodesicArea, geodesicDistance,
  geodesicDistanceXY, geodesicLength, points, rng, type Geometry,
} from './helpers/geovec.js';
import { geodesicFingerprint } from './helpers/geod-fingerprint.js';
import { geometryArea, geometryLength, inverse } from './helpers/geod-oracle.js';
import { otherBackend } from './helpers/other-backend.js';

const KINDS = ['general', 'antipodal', 'near-antipodal', 'equatorial', 'meridional', 'coincident', 'pole', 'short', 'near-equatorial-antipodal'] as const;

/** n seeded random pairs of each kind, as four columns. */
function randomPairs(seed: number, perKind: number) {
  const r = rng(seed);
  const u = (a: number, b: number) => a + (b - a) * r();
  const lon1: number[] = [], lat1: number[] = [], lon2: number[] = [], lat2: number[] = [], kind: string[] = [];
  for (const k of KINDS) {
    for (let i = 0; i < perKind; i++) {
      let a = u(-90, 90), b = u(-180, 180), c = u(-90, 90), d = u(-180, 180);
      switch (k) {
        case 'antipodal': c = -a; d = b + 180; break;
        case 'near-antipodal': c = -a + u(-1, 1) * 10 ** u(-9, 0); d = b + 180 + u(-1, 1) * 10 ** u(-9, 0.5); break;
        case 'equatorial': a = 0; c = 0; break;
        case 'meridional': d = r() < 0.5 ? b : b + 180; break;
        case 'coincident': c = a; d = b + (r() < 0.2 ? 360 : 0); break;
        case 'pole': a = r() < 0.5 ? 90 : -90; if (r() < 0.3) c = -a; break;
        case 'short': c = a + u(-1, 1) * 10 ** u(-8, -2); d = b + u(-1, 1) * 10 ** u(-8, -2); break;
        case 'near-equatorial-antipodal': a = u(-1, 1) * 10 ** u(-6, 0); c = u(-1, 1) * 10 ** u(-6, 0); d = b + 180 - u(0, 0.7); break;
      }
      lon1.push(b); lat1.push(a); lon2.push(d); lat2.push(c); kind.push(k);
    }
  }
  return { lon1, lat1, lon2, lat2, kind };
}

const angleDiff = (x: number, y: number) => {
  const d = Math.abs(x - y) % 360;
  return Math.min(d, 360 - d);
};

describe('geodesicDistanceXY against GeographicLib', () => {
  test('9 kinds x 1000 seeded pairs within 1e-6 m', () => {
    const p = randomPairs(20261204, 1000);
    const ours = geodesicDistanceXY(Float64Array.from(p.lon1), Float64Array.from(p.lat1), Float64Array.from(p.lon2), Float64Array.from(p.lat2));
    const worst: Record<string, number> = {};
    const failures: string[] = [];
    for (let i = 0; i < ours.length; i++) {
      const want = inverse(p.lat1[i]!, p.lon1[i]!, p.lat2[i]!, p.lon2[i]!).s12;
      const err = Math.abs(ours[i]! - want);
      worst[p.kind[i]!] = Math.max(worst[p.kind[i]!] ?? 0, err);
      if (!(err <= 1e-6) && failures.length < 10) failures.push(`${p.kind[i]} (${p.lat1[i]}, ${p.lon1[i]}) -> (${p.lat2[i]}, ${p.lon2[i]}): ${ours[i]} vs ${want}`);
    }
    assert.deepEqual(failures, [], JSON.stringify(worst));
  });

  test('the worked examples of Karney (2013)', () => {
    // Table 4: the inverse problem for nearly antipodal points
    const s = geodesicDistanceXY(0, -30, 179.8, 29.9)[0]!;
    assert.ok(Math.abs(s - 19989832.82761) < 1e-5, `s12 = ${s}`);
    // Table 2: the direct problem phi1 = 40, alpha1 = 30, s12 = 10 000 km ends at
    // phi2 = 41.79331020506, lambda12 = 137.84490004377: the inverse of that gives s12 back
    const back = geodesicDistanceXY(0, 40, 137.84490004377, 41.79331020506)[0]!;
    assert.ok(Math.abs(back - 1e7) < 1e-3, `s12 = ${back}`);
    const az = inverse(40, 0, 41.79331020506, 137.84490004377);
    assert.ok(angleDiff(az.azi1, 30) < 1e-9 && angleDiff(az.azi2, 149.09016931807) < 1e-9, 'angleDiff(az.azi1, 30) < 1e-9 && angleDiff(az.azi2, 149.0901');
  });

  test('special values', () => {
    const d = geodesicDistanceXY([0, 0, 10, 0, NaN, 0, 0], [0, 91, 20, 90, 0, -90, Infinity], [0, 0, 10, 123, 0, 77, 0], [0, 0, 20, 90, 0, 90, 0]);
    assert.equal(d[0], 0);
    assert.ok(Number.isNaN(d[1]!), 'latitude beyond 90 gives NaN');
    assert.equal(d[2], 0, 'coincident points');
    assert.equal(d[3], 0, 'the pole at two longitudes is one point');
    assert.ok(Number.isNaN(d[4]!) && Number.isNaN(d[6]!), 'NaN and infinite input give NaN');
    assert.ok(Math.abs(d[5]! - inverse(-90, 0, 90, 77).s12) < 1e-6, 'pole to pole');
    // longitudes differing by 360 are the same meridian
    assert.ok(Math.abs(geodesicDistanceXY(-170, 10, 550, 20)[0]! - inverse(10, -170, 20, 190).s12) < 1e-6, 'Math.abs(geodesicDistanceXY(-170, 10, 550, 20)[0]! - inverse');
  });

  test('scalar broadcasting and argument checks', () => {
    const lons = Float64Array.from({ length: 50 }, (_, i) => i * 7 - 170);
    const lats = Float64Array.from({ length: 50 }, (_, i) => i * 3 - 80);
    const d = geodesicDistanceXY(lons, lats, 2.35, 48.85);
    assert.equal(d.length, 50);
    for (let i = 0; i < 50; i++) assert.ok(Math.abs(d[i]! - inverse(lats[i]!, lons[i]!, 48.85, 2.35).s12) < 1e-6, 'Math.abs(d[i]! - inverse(lats[i]!, lons[i]!, 48.85, 2.35).s1');
    assert.deepEqual(Array.from(geodesicDistanceXY(new Float64Array(0), new Float64Array(0), 1, 2)), []);
    assert.throws(() => geodesicDistanceXY(lons, lats.subarray(1), 0, 0), GeovecError);
    assert.throws(() => geodesicDistanceXY('x' as unknown as number, 0, 0, 0), /lon1/);
  });
});

describe('geodesicDistance between points', () => {
  const p = randomPairs(7, 200);
  const A = points(Float64Array.from(p.lon1), Float64Array.from(p.lat1));
  const B = points(Float64Array.from(p.lon2), Float64Array.from(p.lat2));

  test('pairwise within 1e-6 m, equal to geodesicDistanceXY', () => {
    const d = geodesicDistance(A, B);
    const xy = geodesicDistanceXY(Float64Array.from(p.lon1), Float64Array.from(p.lat1), Float64Array.from(p.lon2), Float64Array.from(p.lat2));
    assert.deepEqual(d, xy);
    for (let i = 0; i < d.length; i++) assert.ok(Math.abs(d[i]! - inverse(p.lat1[i]!, p.lon1[i]!, p.lat2[i]!, p.lon2[i]!).s12) <= 1e-6, 'Math.abs(d[i]! - inverse(p.lat1[i]!, p.lon1[i]!, p.lat2[i]!,');
  });

  test('one point against many, both ways; GeometryView arguments', () => {
    const one = B.take([5]);
    const d1 = geodesicDistance(A, one);
    const d2 = geodesicDistance(one, A);
    const d3 = geodesicDistance(A, new GeometryView(B, 5));
    const d4 = geodesicDistance(new GeometryView(B, 5), A);
    for (let i = 0; i < A.length; i++) {
      const want = inverse(p.lat1[i]!, p.lon1[i]!, p.lat2[5]!, p.lon2[5]!).s12;
      assert.ok(Math.abs(d1[i]! - want) <= 1e-6, 'Math.abs(d1[i]! - want) <= 1e-6');
      // the distance is symmetric to well below the tolerance
      assert.ok(Math.abs(d2[i]! - want) <= 1e-6, 'Math.abs(d2[i]! - want) <= 1e-6');
    }
    assert.deepEqual(d1, d3);
    assert.deepEqual(d2, d4);
    const v = geodesicDistance(new GeometryView(A, 3), new GeometryView(B, 3));
    assert.equal(v.length, 1);
    assert.equal(v[0], d1.length ? geodesicDistance(A.take([3]), B.take([3]))[0] : NaN);
  });

  test('null and empty points give NaN; other types throw', () => {
    const a = fromWKT(['POINT (0 0)', 'POINT EMPTY', 'POINT (10 10)']);
    const b = fromGeoJSON([{ type: 'Point', coordinates: [1, 1] }, { type: 'Point', coordinates: [2, 2] }, null] as unknown as Geometry[]);
    const d = geodesicDistance(a, b);
    assert.ok(Math.abs(d[0]! - inverse(0, 0, 1, 1).s12) < 1e-6, 'Math.abs(d[0]! - inverse(0, 0, 1, 1).s12) < 1e-6');
    assert.ok(Number.isNaN(d[1]!) && Number.isNaN(d[2]!), 'Number.isNaN(d[1]!) && Number.isNaN(d[2]!)');
    assert.throws(() => geodesicDistance(fromWKT(['LINESTRING (0 0, 1 1)']), a.take([0])), /not a Point/);
    assert.throws(() => geodesicDistance(a, fromWKT(['POINT (0 0)', 'POINT (1 1)'])), /broadcast/);
    assert.throws(() => geodesicDistance(a, [] as unknown as GeometryView), /b must be/);
  });
});

// ---- areas and lengths ----------------------------------------------------------------

function relErr(x: number, want: number): number {
  if (x === want) return 0;
  return Math.abs(x - want) / Math.max(Math.abs(want), 1e-300);
}

/** Compares geodesicArea and geodesicLength of the features with the oracle. */
function compareFeatures(geoms: (Geometry | null)[], label: string, tol = 1e-9, absTol = 0) {
  const arr = fromGeoJSON(geoms as Geometry[]); // null items give null elements
  const areas = geodesicArea(arr);
  const lengths = geodesicLength(arr);
  const failures: string[] = [];
  let worstA = 0, worstL = 0;
  geoms.forEach((g, i) => {
    const wa = geometryArea(g), wl = geometryLength(g);
    const ea = relErr(areas[i]!, wa), el = relErr(lengths[i]!, wl);
    worstA = Math.max(worstA, ea);
    worstL = Math.max(worstL, el);
    if (!(ea <= tol || Math.abs(areas[i]! - wa) <= absTol) && !(Number.isNaN(wa) && Number.isNaN(areas[i]!)) && failures.length < 10) failures.push(`${label}[${i}] area ${areas[i]} vs ${wa} (${ea})`);
    if (!(el <= tol) && !(Number.isNaN(wl) && Number.isNaN(lengths[i]!)) && failures.length < 10) failures.push(`${label}[${i}] length ${lengths[i]} vs ${wl} (${el})`);
  });
  assert.deepEqual(failures, [], `${label}: worst relative error area ${worstA}, length ${worstL}`);
  return { worstA, worstL };
}

const circle = (lon0: number, lat0: number, rdeg: number, n: number, ccw = true): number[][] => {
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const t = ((ccw ? 1 : -1) * 2 * Math.PI * (i % n)) / n;
    out.push([lon0 + rdeg * Math.cos(t) / Math.max(Math.cos(lat0 * Math.PI / 180), 0.2), lat0 + rdeg * Math.sin(t)]);
  }
  return out;
};
/** A ring round a pole: vertices along a parallel, west to east or back. */
const polarCap = (lat: number, n: number, east: boolean, lon0 = -180): number[][] => {
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) out.push([lon0 + (east ? 1 : -1) * (360 * (i % n)) / n, lat + 3 * Math.sin((i % n) * 1.7)]);
  return out;
};

describe('geodesicArea and geodesicLength: constructed geometries', () => {
  test('polygons around the poles, across the antimeridian, holes, both orientations', () => {
    const geoms: Geometry[] = [];
    for (const lat of [-89.5, -80, -60, -30, 30, 60, 80, 89.9]) {
      for (const east of [true, false]) {
        geoms.push({ type: 'Polygon', coordinates: [polarCap(lat, 7, east)] });
        geoms.push({ type: 'Polygon', coordinates: [polarCap(lat, 360, east, 17.5)] });
      }
    }
    // a cap with a hole round the same pole
    geoms.push({ type: 'Polygon', coordinates: [polarCap(70, 90, true), polarCap(80, 45, false)] });
    // rings through the pole itself, like Antarctica in Natural Earth
    geoms.push({ type: 'Polygon', coordinates: [[[-180, -90], [-180, -70], [-90, -75], [0, -68], [90, -72], [180, -70], [180, -90], [-180, -90]]] });
    geoms.push({ type: 'Polygon', coordinates: [[[-180, -90], [180, -90], [180, -70], [90, -72], [0, -68], [-90, -75], [-180, -70], [-180, -90]]] });
    // across the antimeridian (Fiji-like, Aleutian-like), with longitudes in either convention
    for (const ccw of [true, false]) {
      geoms.push({ type: 'Polygon', coordinates: [circle(179.5, -17, 1.2, 40, ccw)] });
      geoms.push({ type: 'Polygon', coordinates: [circle(-179.7, 52, 2, 33, ccw)] });
      geoms.push({ type: 'Polygon', coordinates: [[[178, -16], [-178, -16], [-178, -19], [178, -19], [178, -16]].map((c) => ccw ? c : c)] });
      geoms.push({ type: 'Polygon', coordinates: [[[178, 50], [182, 50], [182, 54], [178, 54], [178, 50]]] });
      geoms.push({ type: 'Polygon', coordinates: [circle(10, 45, 3, 64, ccw), circle(10, 45, 1, 16, !ccw)] });
    }
    // big ones: a hemisphere-sized triangle, a lune, the equator strip
    geoms.push({ type: 'Polygon', coordinates: [[[0, 0], [90, 0], [0, 89], [0, 0]]] });
    geoms.push({ type: 'Polygon', coordinates: [[[0, -80], [170, -80], [170, 80], [0, 80], [0, -80]]] });
    geoms.push({ type: 'Polygon', coordinates: [[[-170, -1], [-10, -1], [170, 1], [10, 1], [-170, -1]]] });
    geoms.push({ type: 'MultiPolygon', coordinates: [[circle(0, 0, 1, 12)], [circle(100, -40, 5, 20)], [polarCap(75, 30, false)]] });
    geoms.push({ type: 'LineString', coordinates: [[0, 0], [179, 0], [-170, 45], [10, -89], [10, 89]] });
    geoms.push({ type: 'MultiLineString', coordinates: [[[0, 0], [180, 0]], [[5, 5], [5, 5]], [[-179.9, 10], [179.9, 10]]] });
    compareFeatures(geoms, 'constructed');
  });

  test('random small and large polygons and lines anywhere on the globe', () => {
    const r = rng(99);
    const geoms: Geometry[] = [];
    for (let i = 0; i < 600; i++) {
      const lon = -180 + 360 * r(), lat = -85 + 170 * r(), rad = 10 ** (-4 + 5 * r()), n = 3 + Math.floor(r() * 40);
      const ring = circle(lon, lat, rad, n, r() < 0.5).map(([x, y]) => [x!, Math.max(-90, Math.min(90, y! + rad * 0.2 * (r() - 0.5)))]);
      ring[n] = ring[0]!;
      geoms.push(i % 3 === 2 ? { type: 'LineString', coordinates: ring.slice(0, n) } : { type: 'Polygon', coordinates: [ring] });
    }
    // polygons of a few hundred m^2: each edge's S12 is a difference of two values of I4
    // of size e^2 a^2 = 2.7e11 m^2, so GeographicLib itself carries about 3e-5 m^2 of
    // rounding per edge; below 1e-9 relative the comparison allows 1e-3 m^2
    compareFeatures(geoms, 'random', 1e-9, 1e-3);
  });

  test('points give 0, collections sum, empties 0, null NaN', () => {
    const a = fromWKT([
      'POINT (1 2)', 'MULTIPOINT ((1 2), (3 4))', 'POLYGON EMPTY', 'LINESTRING EMPTY',
      'GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), LINESTRING (0 0, 0 1), POINT (5 5), POLYGON ((10 10, 10 11, 11 11, 10 10)))',
      'GEOMETRYCOLLECTION EMPTY', 'POINT EMPTY',
    ]);
    const withNull = fromGeoJSON([null, { type: 'Point', coordinates: [0, 0] }] as unknown as Geometry[]);
    const ar = geodesicArea(a), le = geodesicLength(a);
    assert.deepEqual(Array.from(ar.subarray(0, 4)), [0, 0, 0, 0]);
    assert.deepEqual(Array.from(le.subarray(0, 4)), [0, 0, 0, 0]);
    const t1 = geometryArea({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    const t2 = geometryArea({ type: 'Polygon', coordinates: [[[10, 10], [10, 11], [11, 11], [10, 10]]] });
    assert.ok(relErr(ar[4]!, t1 + t2) < 1e-12, 'relErr(ar[4]!, t1 + t2) < 1e-12');
    const l4 = geometryLength({ type: 'GeometryCollection', geometries: [
      { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, { type: 'LineString', coordinates: [[0, 0], [0, 1]] },
      { type: 'Polygon', coordinates: [[[10, 10], [10, 11], [11, 11], [10, 10]]] }] });
    assert.ok(relErr(le[4]!, l4) < 1e-12, 'relErr(le[4]!, l4) < 1e-12');
    assert.equal(ar[5], 0);
    assert.equal(ar[6], 0);
    assert.ok(Number.isNaN(geodesicArea(withNull)[0]!) && Number.isNaN(geodesicLength(withNull)[0]!), 'Number.isNaN(geodesicArea(withNull)[0]!) && Number.isNaN(geo');
    assert.equal(geodesicArea(withNull)[1], 0);
    assert.ok(Number.isNaN(geodesicArea(fromWKT(['POLYGON ((0 0, 0 95, 1 1, 0 0))']))[0]!), 'latitude beyond 90 gives NaN');
    assert.throws(() => geodesicArea([] as never), /GeometryArray/);
    assert.throws(() => geodesicLength({} as never), /GeometryArray/);
  });

  test('orientation does not matter, area is never negative', () => {
    const ring = circle(-75, 40, 0.5, 50);
    const a = geodesicArea(fromGeoJSON([{ type: 'Polygon', coordinates: [ring] }, { type: 'Polygon', coordinates: [[...ring].reverse()] }]));
    assert.ok(a[0]! > 0, 'a[0]! > 0');
    assert.equal(a[0], a[1]);
  });
});

describe('geodesicArea and geodesicLength: shared data', () => {
  const files = ['us-counties', 'us-states', 'ne-countries-10m', 'ne-admin1-10m', 'ne-countries-110m', 'nybb', 'tg-shapes'];
  for (const name of files) {
    const url = new URL(`${name}.geojson`, DATA_URL);
    test(`${name}: every feature within 1e-9 relative`, { skip: existsSync(url) ? false : `../shared/data/${name}.geojson is absent` }, (t) => {
      const feats = featuresOf(readFileSync(url, 'utf8'));
      // nybb is in a projected CRS (feet): not longitude/latitude, its areas are NaN or meaningless
      if (name === 'nybb') return;
      const w = compareFeatures(feats.map((f) => f.geometry), name);
      t.diagnostic(`${feats.length} features, worst relative error: area ${w.worstA.toExponential(2)}, length ${w.worstL.toExponential(2)}`);
    });
  }
});

describe('backends', () => {
  test('the other backend gives exactly the same bits', (t) => {
    const { name: other, run, unavailable } = otherBackend();
    const why = unavailable();
    if (why) return t.skip(why);
    const helper = JSON.stringify(new URL('./helpers/geod-fingerprint.ts', import.meta.url).href);
    const r = run(`import(${helper}).then((m) => process.stdout.write(JSON.stringify(m.geodesicFingerprint())))`);
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(r.stdout) as Record<string, string>;
    const ours = geodesicFingerprint();
    assert.equal(theirs.backend, other);
    for (const key of Object.keys(ours)) {
      if (key !== 'backend') assert.ok(theirs[key] === ours[key], `${key} differs between ${backend()} and ${other}`);
    }
  });
});
