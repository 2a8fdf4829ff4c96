/**
 * Planar measures against GEOS 3.13 (geos-wasm): area, length, distance,
 * dwithin, discrete Hausdorff and Frechet distances on seeded random pairs
 * of every type pair (empties, holes, multi-parts, collections), on the
 * generator's grid, scaled off it, and far from the origin; within 1e-12
 * relative (1e-12 absolute near zero). Then broadcasting, prepared
 * geometries, nulls and empties, argument errors, every file of
 * ../shared/data, and bit-identical results on the other backend.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

import {
  DATA_URL,
  GeovecError,
  area,
  backend,
  distance,
  dwithin,
  frechetDistance,
  fromGeoJSON,
  fromWKT,
  hausdorffDistance,
  isEmpty,
  length,
  points,
  prepare,
  rng,
  sjoin,
  SpatialIndex,
  toWKB,
  type GeometryArray,
} from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { VARIANTS, corpus, measuresDigest, type Variant } from './helpers/measures-corpus.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

const TOL = 1e-12;
/**
 * Within 1e-12 relative (absolute below 1). `scale` is the magnitude of the
 * coordinates: a distance between points far from the origin is rounded at
 * their scale (one ulp of 5e6 is 1e-9), in GEOS as here.
 */
function close(ours: number, theirs: number, scale = 1): boolean {
  if (Number.isNaN(ours) || Number.isNaN(theirs)) return Number.isNaN(ours) && Number.isNaN(theirs);
  return Math.abs(ours - theirs) <= TOL * Math.max(1, Math.abs(theirs), scale);
}

/** GEOS handles of the WKB of every element (0 for null). */
function geosAll(a: GeometryArray): number[] {
  return toWKB(a).map((w) => (w ? geos.readWKB(w) : 0));
}
const destroyAll = (gs: number[]) => gs.forEach((g) => geos.destroy(g));

interface Tally {
  compared: number;
  failures: string[];
}
const tally = (): Tally => ({ compared: 0, failures: [] });
function check(t: Tally, what: string, ours: number, theirs: number | null, scale = 1) {
  if (theirs === null) return;
  t.compared++;
  if (!close(ours, theirs, scale)) t.failures.push(`${what}: ${ours} (GEOS ${theirs})`);
}
const assertNone = (t: Tally, what: string) =>
  assert.equal(t.failures.length, 0, `${t.failures.length} of ${t.compared} ${what} disagree with GEOS:\n${t.failures.slice(0, 20).join('\n')}`);

describe('planar measures: agreement with GEOS 3.13 on random pairs', () => {
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    test(`${variant}: 1,960 pairs, 40 for each of the 49 type pairs`, (t) => {
      const [as, bs] = corpus(20261204 + variant.length, 40, variant, (w) => geos.isValidWKT(w));
      const A = fromWKT(as);
      const B = fromWKT(bs);
      const [ar, le, di, ha, hd, fr] = [area(A), length(A), distance(A, B), hausdorffDistance(A, B), hausdorffDistance(A, B, { densify: 0.3 }), frechetDistance(A, B)];
      const eA = isEmpty(A);
      const eB = isEmpty(B);
      const d = 1.25;
      const dw = dwithin(A, B, d);
      const ga = geosAll(A);
      const gb = geosAll(B);
      const T = { area: tally(), length: tally(), distance: tally(), hausdorff: tally(), frechet: tally(), dwithin: tally() };
      const scale = Math.abs(VARIANTS[variant][1]) + Math.abs(VARIANTS[variant][2]);
      let emptyParts = 0;
      for (let i = 0; i < as.length; i++) {
        const w = `${as[i]} | ${bs[i]}`;
        check(T.area, `area ${as[i]}`, ar[i]!, geos.double('GEOSArea', ga[i]!));
        check(T.length, `length ${as[i]}`, le[i]!, geos.double('GEOSLength', ga[i]!));
        const empty = eA[i] || eB[i];
        if (empty) {
          /* GEOS says 0 (or throws); geovec gives NaN, as Shapely does */
          T.distance.compared++;
          if (!Number.isNaN(di[i]!) || !Number.isNaN(ha[i]!) || !Number.isNaN(fr[i]!) || dw[i] !== 0) T.distance.failures.push(`empty ${w}: ${di[i]} ${ha[i]} ${fr[i]} ${dw[i]}`);
          continue;
        }
        check(T.distance, `distance ${w}`, di[i]!, geos.double('GEOSDistance', ga[i]!, gb[i]!));
        check(T.frechet, `frechet ${w}`, fr[i]!, geos.double('GEOSFrechetDistance', ga[i]!, gb[i]!), scale);
        /* GEOS 3.13's DistanceToPoint lets an empty component (a NaN
         * distance) reset its running minimum: its Hausdorff distances of
         * collections with empty members are not the metric, and are left out */
        if (w.includes('EMPTY')) {
          emptyParts++;
          continue;
        }
        check(T.hausdorff, `hausdorff ${w}`, ha[i]!, geos.double('GEOSHausdorffDistance', ga[i]!, gb[i]!), scale);
        check(T.hausdorff, `hausdorff densify ${w}`, hd[i]!, geos.double('GEOSHausdorffDistanceDensify', ga[i]!, gb[i]!, 0.3), scale);
        /* dwithin is exactly distance <= d, and GEOS's answer */
        T.dwithin.compared++;
        if (dw[i] !== (di[i]! <= d ? 1 : 0)) T.dwithin.failures.push(`dwithin ${w}: ${dw[i]}, distance ${di[i]}`);
        const g = geos.fn('GEOSDistanceWithin', ga[i]!, gb[i]!, d);
        if (g === 0 || g === 1) check(T.dwithin, `GEOSDistanceWithin ${w}`, dw[i]!, g);
      }
      destroyAll(ga);
      destroyAll(gb);
      t.diagnostic(`${emptyParts} pairs with empty members left out of the Hausdorff comparison`);
      for (const [k, v] of Object.entries(T)) {
        t.diagnostic(`${k}: ${v.compared} compared, ${v.failures.length} differ`);
        assertNone(v, k);
      }
      assert.ok(T.distance.compared > 1500 && T.hausdorff.compared > 1500 && T.frechet.compared > 1000);
    });
  }
});

describe('planar measures: broadcasting, prepared geometries, nulls, errors', () => {
  const [as, bs] = corpus(5, 8, 'scaled');
  const A = fromWKT(as);
  const B = fromWKT(bs);

  test('one geometry against many equals the pairwise answer, prepared or not, in either order', () => {
    const r = rng(3);
    for (let k = 0; k < 25; k++) {
      const j = Math.floor(r() * B.length);
      const many = B.take(new Array(A.length).fill(j));
      const want = distance(A, many);
      assert.deepEqual(distance(A, B.get(j)!), want);
      assert.deepEqual(distance(B.get(j)!, A), distance(many, A));
      assert.deepEqual(distance(A, B.slice(j, j + 1)), want);
      for (const d of [0, 0.5, 2])
        assert.deepEqual(dwithin(A, B.get(j)!, d), Uint8Array.from(want, (v) => (v <= d ? 1 : 0)));
    }
    const want = distance(A, B);
    const dw = dwithin(A, B, 1);
    const P = prepare(fromWKT(bs));
    assert.deepEqual(distance(A, P), want);
    assert.deepEqual(distance(P, A), distance(B, A));
    assert.deepEqual(dwithin(A, P, 1), dw);
  });

  test('dwithin with one distance per pair', () => {
    const r = rng(9);
    const d = Float64Array.from({ length: A.length }, () => r() * 3);
    const di = distance(A, B);
    assert.deepEqual(dwithin(A, B, d), Uint8Array.from(di, (v, i) => (v <= d[i]! ? 1 : 0)));
    assert.deepEqual(dwithin(A, B, Infinity), Uint8Array.from(di, (v) => (Number.isNaN(v) ? 0 : 1)));
    assert.deepEqual(dwithin(A, B, -1), new Uint8Array(A.length));
  });

  test('large geometries: indexed search equals the plain scan', () => {
    /* two long zigzags and a big polygon, the indexes of the prepared side searched */
    const zig = (n: number, x0: number, y0: number, s: number) =>
      `LINESTRING (${Array.from({ length: n }, (_, i) => `${x0 + i * s} ${y0 + (i % 2) * 3 + Math.sin(i) * 0.01}`).join(', ')})`;
    const circle = (n: number, cx: number, cy: number, rad: number) =>
      `POLYGON ((${Array.from({ length: n + 1 }, (_, i) => `${cx + rad * Math.cos((2 * Math.PI * (i % n)) / n)} ${cy + rad * Math.sin((2 * Math.PI * (i % n)) / n)}`).join(', ')}))`;
    const big = [zig(3000, 0, 0, 0.37), circle(5000, 500, 40, 30), zig(800, 100.1, 5.2, 0.9), circle(700, 520, 40, 5)];
    const ws = [big[0]!, big[1]!, big[0]!, big[1]!];
    const vs = [big[2]!, big[2]!, big[1]!, big[3]!];
    const ours = distance(fromWKT(ws), fromWKT(vs));
    ws.forEach((w, i) => {
      const a = geos.read(w);
      const b = geos.read(vs[i]!);
      assert.ok(close(ours[i]!, geos.double('GEOSDistance', a, b)!), `pair ${i}: ${ours[i]} vs ${geos.double('GEOSDistance', a, b)}`);
      geos.destroy(a);
      geos.destroy(b);
    });
    /* points against the prepared circle and zigzag */
    const r = rng(11);
    const pts = Array.from({ length: 2000 }, () => `POINT (${r() * 1200 - 100} ${r() * 200 - 60})`);
    const P = prepare(fromWKT(big));
    const Q = fromWKT(pts);
    for (const j of [0, 1]) {
      const got = distance(Q, P.get(j)!);
      const g = geos.read(big[j]!);
      pts.forEach((p, i) => {
        const q = geos.read(p);
        assert.ok(close(got[i]!, geos.double('GEOSDistance', q, g)!), `${p} to big ${j}`);
        geos.destroy(q);
      });
      geos.destroy(g);
    }
  });

  test('hand-picked cases', () => {
    const cases: [string, string, number][] = [
      ['POINT (0 0)', 'POINT (3 4)', 5],
      ['POINT (1 1)', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 0],
      ['POINT (2 2)', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 1],
      ['POLYGON ((1.5 1.5, 2.5 1.5, 2.5 2.5, 1.5 1.5))', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 0.5],
      ['LINESTRING (0 0, 10 10)', 'LINESTRING (0 10, 10 0)', 0],
      ['LINESTRING (0 0, 10 0)', 'LINESTRING (0 1, 10 1)', 1],
      ['LINESTRING (1 1, 1 1)', 'POINT (1 2)', 1],
      ['MULTIPOINT ((10 10), (0 0))', 'POLYGON ((1 1, 2 1, 2 2, 1 1))', Math.SQRT2],
      ['GEOMETRYCOLLECTION (POINT (9 9), POLYGON ((0 0, 4 0, 4 4, 0 0)))', 'POINT (3 1)', 0],
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))', 'POLYGON ((2 2, 3 2, 3 3, 2 2))', 0],
    ];
    const got = distance(fromWKT(cases.map((c) => c[0])), fromWKT(cases.map((c) => c[1])));
    cases.forEach((c, i) => assert.equal(got[i], c[2], `${c[0]} | ${c[1]}`));
    assert.deepEqual(area(fromWKT(['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))', 'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 7 5, 7 7, 5 5)))', 'LINESTRING (0 0, 1 1)', 'POLYGON EMPTY'])), Float64Array.from([15, 2.5, 0, 0]));
    /* a county-sized square far from the origin keeps its digits */
    const x = 1e7;
    assert.equal(area(fromWKT([`POLYGON ((${x} ${x}, ${x + 0.001} ${x}, ${x + 0.001} ${x + 0.001}, ${x} ${x + 0.001}, ${x} ${x}))`]))[0]! / 1e-6 - 1 < 1e-6, true);
  });

  test('nulls give NaN (0 for dwithin), empties NaN distances', () => {
    const N = fromWKT(['POINT (1 1)', 'POINT EMPTY', 'LINESTRING (0 0, 1 0)']);
    const withNull = fromWKT(['POINT (1 1)', 'nonsense', 'POLYGON EMPTY'], { onInvalid: 'null' });
    assert.deepEqual([...area(withNull)], [0, NaN, 0]);
    assert.deepEqual([...length(withNull)], [0, NaN, 0]);
    assert.deepEqual([...distance(withNull, N)], [0, NaN, NaN]);
    assert.deepEqual([...dwithin(withNull, N, 10)], [1, 0, 0]);
    assert.deepEqual([...hausdorffDistance(withNull, N)], [0, NaN, NaN]);
    assert.deepEqual([...frechetDistance(withNull, N)], [0, NaN, NaN]);
  });

  test('argument errors name the argument', () => {
    assert.throws(() => distance(A, B.slice(0, 3)), GeovecError);
    assert.throws(() => distance(A, 'x' as never), /GeometryArray or GeometryView/);
    assert.throws(() => area({} as never), /area: a must be/);
    assert.throws(() => dwithin(A, B, NaN), /d must be/);
    assert.throws(() => dwithin(A, B, new Float64Array(2)), /d has 2 values/);
    assert.throws(() => hausdorffDistance(A, B, { densify: 0 }), /densify must be/);
    assert.throws(() => frechetDistance(A, B, { densify: 1.5 }), /densify must be/);
  });
});

describe('dwithin through SpatialIndex.query and sjoin', () => {
  /** Every pair (i, j) with dwithin(a_i, b_j, d), by brute force. */
  function brute(a: GeometryArray, b: GeometryArray, d: number): string[] {
    const out: string[] = [];
    for (let j = 0; j < b.length; j++) {
      const hit = dwithin(a, b.get(j) ?? b.slice(j, j + 1), d);
      if (b.get(j) === null) continue;
      hit.forEach((v, i) => v && out.push(`${i},${j}`));
    }
    return out.sort();
  }
  const pairs = (l: ArrayLike<number>, r: ArrayLike<number>) => Array.from(l, (v, k) => `${v},${r[k]}`).sort();

  test('query, queryXY and sjoin equal the brute force', () => {
    const [as, bs] = corpus(12, 4, 'scaled');
    const A = fromWKT(as);
    const B = fromWKT(bs);
    for (const d of [0, 0.3, 1.7]) {
      const want = brute(A, B, d);
      const ix = new SpatialIndex(B);
      const q = ix.query(A, { predicate: 'dwithin', distance: d });
      assert.deepEqual(pairs(q.left, q.right), want, `query, d = ${d}`);
      const j = sjoin(A, B, { predicate: 'dwithin', distance: d });
      assert.deepEqual(pairs(j.left, j.right), want, `sjoin, d = ${d}`);
      const j2 = sjoin(B, A, { predicate: 'dwithin', distance: d });
      assert.deepEqual(pairs(j2.right, j2.left), want, `sjoin the other way, d = ${d}`);
    }
    const r = rng(17);
    const xs = Float64Array.from({ length: 3000 }, () => r() * 8 - 1);
    const ys = Float64Array.from({ length: 3000 }, () => r() * 8 - 1);
    const P = points(xs, ys);
    const ix = new SpatialIndex(B);
    const got = ix.queryXY(xs, ys, { predicate: 'dwithin', distance: 0.25 });
    const want = ix.query(P, { predicate: 'dwithin', distance: 0.25 });
    assert.deepEqual(pairs(got.left, got.right), pairs(want.left, want.right));
    assert.deepEqual(pairs(want.left, want.right), brute(P, B, 0.25));
    assert.throws(() => ix.query(A, { predicate: 'dwithin' }), /needs options.distance/);
    assert.throws(() => sjoin(A, B, { predicate: 'intersects', distance: 1 }), /goes with predicate 'dwithin'/);
  });
});

describe('planar measures: ../shared/data', () => {
  const files = ['us-counties.geojson', 'us-states.geojson', 'ne-countries-110m.geojson', 'ne-countries-10m.geojson', 'ne-admin1-10m.geojson', 'nybb.geojson', 'tg-shapes.geojson', 'ne-cities-110m.geojson', 'world-cities.geojson'];
  for (const name of files) {
    test(`${name}: area and length of every feature`, (t) => {
      if (!existsSync(new URL(name, DATA_URL))) return t.skip('../shared/data is absent');
      const a = fromGeoJSON(readFileSync(new URL(name, DATA_URL)));
      const ar = area(a);
      const le = length(a);
      const T = tally();
      const wkb = toWKB(a);
      for (let i = 0; i < a.length; i++) {
        const g = geos.readWKB(wkb[i]!);
        check(T, `area ${i}`, ar[i]!, geos.double('GEOSArea', g));
        check(T, `length ${i}`, le[i]!, geos.double('GEOSLength', g));
        geos.destroy(g);
      }
      t.diagnostic(`${a.length} features, ${T.compared} values compared`);
      assertNone(T, name);
    });
  }

  test('distances: counties to counties, cities to countries (prepared and not)', (t) => {
    if (!existsSync(new URL('us-counties.geojson', DATA_URL))) return t.skip('../shared/data is absent');
    const counties = fromGeoJSON(readFileSync(new URL('us-counties.geojson', DATA_URL)));
    const n = counties.length;
    const idx = Array.from({ length: 1500 }, (_, i) => (i * 7919 + 13) % n);
    const other = counties.take(idx.map((i) => (i + 1 + (i % 5) * 97) % n));
    const mine = counties.take(idx);
    const T = tally();
    const compare = (A: GeometryArray, B: GeometryArray, got: Float64Array, what: string, hausdorff?: Float64Array) => {
      const wa = toWKB(A);
      const wb = toWKB(B);
      for (let i = 0; i < got.length; i++) {
        const ga = geos.readWKB(wa[i]!);
        const gb = geos.readWKB(wb[i % wb.length]!);
        check(T, `${what} ${i}`, got[i]!, geos.double('GEOSDistance', ga, gb));
        if (hausdorff) check(T, `hausdorff ${what} ${i}`, hausdorff[i]!, geos.double('GEOSHausdorffDistance', ga, gb));
        geos.destroy(ga);
        geos.destroy(gb);
      }
    };
    compare(mine, other, distance(mine, other), 'counties', hausdorffDistance(mine, other));
    const cities = fromGeoJSON(readFileSync(new URL('ne-cities-110m.geojson', DATA_URL)));
    const countries = fromGeoJSON(readFileSync(new URL('ne-countries-110m.geojson', DATA_URL)));
    for (const j of [4, 31, 139]) {
      const one = countries.take([j]);
      compare(cities, one, distance(cities, countries.get(j)!), `cities to country ${j}`);
    }
    prepare(countries);
    compare(cities, countries.take([17]), distance(cities, countries.get(17)!), 'cities to prepared country 17');
    t.diagnostic(`${T.compared} distances compared`);
    assertNone(T, 'data distances');
  });
});

describe('planar measures: one geometry against many points (best-first search)', () => {
  /* Star-shaped rings on a grid of 1/8 (edge midpoints are exactly on the
   * edges), holes inside, several parts; big enough for the flat index. */
  const snap = (v: number) => Math.round(v * 8) / 8;
  function star(r: () => number, cx: number, cy: number, rad: number, n: number, cw: boolean): [number, number][] {
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const t = ((cw ? -1 : 1) * 2 * Math.PI * i) / n;
      const rr = rad * (0.6 + 0.4 * r());
      pts.push([snap(cx + rr * Math.cos(t)), snap(cy + rr * Math.sin(t))]);
    }
    pts.push(pts[0]!);
    return pts;
  }
  const ring = (pts: [number, number][]) => `(${pts.map(([x, y]) => `${x} ${y}`).join(', ')})`;
  function shapes(seed: number): string[] {
    const r = rng(seed);
    const holed = (cx: number, cy: number, rad: number, n: number) =>
      `(${ring(star(r, cx, cy, rad, n, false))}, ${ring(star(r, cx - rad * 0.3, cy, rad * 0.15, 24, true))}, ${ring(star(r, cx + rad * 0.3, cy + rad * 0.1, rad * 0.12, 20, true))})`;
    return [
      `POLYGON ${holed(0, 0, 50, 300)}`,
      `MULTIPOLYGON (${holed(-40, 10, 20, 90)}, (${ring(star(r, 30, -20, 10, 40, false))}), (${ring(star(r, 60, 40, 3, 7, false))}), ${holed(10, 60, 15, 60)})`,
      `MULTILINESTRING (${ring(star(r, 0, 0, 40, 50, false))}, (${Array.from({ length: 40 }, (_, i) => `${snap(-60 + i * 3)} ${snap(50 + (i % 2) * 4)}`).join(', ')}))`,
      `POLYGON (${ring(star(r, 1e6, -2e6, 30, 200, false))})`,
    ];
  }
  /** Random points around, every vertex, every edge midpoint, points near edges. */
  function probes(seed: number, wkt: string): string[] {
    const r = rng(seed);
    const nums = Array.from(wkt.matchAll(/(-?[0-9.e+]+) (-?[0-9.e+]+)/g), (m) => [Number(m[1]), Number(m[2])] as [number, number]);
    const xs = nums.map((p) => p[0]), ys = nums.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = x1 - x0, h = y1 - y0;
    const out: string[] = [];
    for (let i = 0; i < 400; i++) out.push(`POINT (${x0 - w + r() * 3 * w} ${y0 - h + r() * 3 * h})`);
    for (let i = 0; i + 1 < nums.length; i += 3) {
      const [a, b] = [nums[i]!, nums[i + 1]!];
      out.push(`POINT (${a[0]} ${a[1]})`, `POINT (${(a[0] + b[0]) / 2} ${(a[1] + b[1]) / 2})`);
      out.push(`POINT (${(a[0] + b[0]) / 2 + (r() - 0.5) * 1e-3} ${(a[1] + b[1]) / 2 + (r() - 0.5) * 1e-3})`);
    }
    return out;
  }

  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: distance and dwithin equal GEOS and the pairwise path`, () => {
      const ws = shapes(seed);
      for (const [j, w] of ws.entries()) {
        const ps = probes(seed * 10 + j, w);
        const Q = fromWKT([...ps, 'POINT EMPTY', null as unknown as string]);
        const G = fromWKT([w]);
        const P = prepare(fromWKT([w]));
        const got = distance(Q, G.get(0)!);
        /* the pairwise path (no flat index) gives the same bits */
        const many = G.take(new Array(Q.length).fill(0));
        const pair = distance(Q, many);
        assert.deepEqual(got, pair, `shape ${j}: broadcast and pairwise differ`);
        assert.deepEqual(distance(Q, P.get(0)!), pair, `shape ${j}: prepared differs`);
        assert.deepEqual(distance(G.get(0)!, Q), pair, `shape ${j}: reversed differs`);
        /* pairwise against prepared copies: the general indexed path, not the point scan */
        assert.deepEqual(distance(Q, prepare(G.take(new Array(Q.length).fill(0)))), pair, `shape ${j}: general path differs`);
        assert.ok(Number.isNaN(got[ps.length]!) && Number.isNaN(got[ps.length + 1]!));
        const g = geos.read(w);
        const T = tally();
        ps.forEach((p, i) => {
          const q = geos.read(p);
          check(T, `${p} to shape ${j}`, got[i]!, geos.double('GEOSDistance', q, g), 1e6);
          geos.destroy(q);
        });
        geos.destroy(g);
        assertNone(T, `shape ${j} distances`);
        let zeros = 0;
        got.forEach((v) => (zeros += v === 0 ? 1 : 0));
        assert.ok(zeros > 50, `shape ${j}: only ${zeros} points on or inside`);
        /* dwithin at 0, at each point's own distance, just below it, and a few fixed ones */
        const pd = Float64Array.from(pair, (v) => (Number.isNaN(v) ? 0 : v));
        const below = Float64Array.from(pd, (v) => v * (1 - 1e-9));
        for (const d of [0, 0.5, 3, 1e9]) {
          assert.deepEqual(dwithin(Q, G.get(0)!, d), dwithin(Q, many, d), `shape ${j} d ${d}`);
          assert.deepEqual(dwithin(Q, P.get(0)!, d), Uint8Array.from(pair, (v) => (v <= d ? 1 : 0)), `shape ${j} prepared d ${d}`);
        }
        assert.deepEqual(dwithin(Q, many, pd), Uint8Array.from(pair, (v) => (Number.isNaN(v) ? 0 : 1)));
        assert.deepEqual(dwithin(Q, G.get(0)!, pd), dwithin(Q, many, pd));
        assert.deepEqual(dwithin(Q, G.get(0)!, below), dwithin(Q, many, below));
      }
    });
  }

  test('NaN (empty) points, and points far away', () => {
    const w = shapes(4)[0]!;
    const Q = points([NaN, 0, 1e3, -1e300], [NaN, 0, 1e3, 1e300]);
    const G = fromWKT([w]);
    const many = G.take(new Array(Q.length).fill(0));
    assert.deepEqual(distance(Q, G.get(0)!), distance(Q, many));
    assert.deepEqual(dwithin(Q, G.get(0)!, 5), dwithin(Q, many, 5));
    const got = distance(Q, G.get(0)!);
    assert.ok(Number.isNaN(got[0]!) && got[1] === 0 && got[2]! > 1000 && got[3]! > 1e299);
    assert.deepEqual(dwithin(Q, G.get(0)!, 0), Uint8Array.from([0, 1, 0, 0]));
  });
});

describe('planar measures: both backends', () => {
  test('the other backend gives bit-identical results', (t) => {
    const other = backend() === 'native' ? 'wasm' : 'native';
    const root = fileURLToPath(new URL('..', import.meta.url));
    const run = (script: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env: { ...process.env, GEOVEC_BACKEND: other }, encoding: 'utf8', maxBuffer: 256 << 20 });
    const helper = JSON.stringify(new URL('./helpers/measures-corpus.ts', import.meta.url).href);
    const r = run(`import(${helper}).then((m) => process.stdout.write(JSON.stringify(m.measuresDigest())))`);
    if (r.status !== 0) return t.skip(`the ${other} backend does not run here: ${r.stderr.split('\n')[0]}`);
    const theirs = JSON.parse(r.stdout) as Record<string, string>;
    const ours = measuresDigest();
    assert.equal(theirs.backend, other);
    for (const k of Object.keys(ours)) if (k !== 'backend') assert.equal(theirs[k], ours[k], `${k} differs between ${backend()} and ${other}`);
  });
});
