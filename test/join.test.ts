/**
 * The spatial index and joins on real data, against two references:
 *  - a brute-force loop over every (point, polygon) pair with geovec's own
 *    point predicates (intersectsXY / containsXY on each polygon, for the
 *    points inside its bounding box), or its binary predicates for
 *    polygons x polygons;
 *  - JSTS 2.12: an STRtree over the polygons and IndexedPointInAreaLocator
 *    per polygon (INTERIOR / BOUNDARY / EXTERIOR).
 * Data: US counties x 100,000 seeded uniform points in the contiguous US
 * plus 3,000 county vertices (points on shared boundaries, where intersects
 * and within differ); Natural Earth admin-1 provinces x world-cities (44,691)
 * and x ne-cities-110m (243); counties x states. Every form is checked:
 * queryXY, query, sjoin both ways round (the converse predicate), left
 * joins, queryBox, nearest, toBuffer / fromBuffer, and bad input. Results
 * must equal the references pair for pair, ordered by left then right, on
 * whichever backend runs (GEOVEC_BACKEND), so both backends agree.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import Envelope from 'jsts/org/locationtech/jts/geom/Envelope.js';
import Location from 'jsts/org/locationtech/jts/geom/Location.js';
import IndexedPointInAreaLocator from 'jsts/org/locationtech/jts/algorithm/locate/IndexedPointInAreaLocator.js';
import STRtree from 'jsts/org/locationtech/jts/index/strtree/STRtree.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';

import {
  DATA_URL,
  GeometryArray,
  GeovecError,
  SpatialIndex,
  bounds,
  setThreads,
  threads,
  containsXY,
  fromGeoJSON,
  fromWKT,
  intersects,
  intersectsXY,
  points,
  rng,
  sjoin,
  within,
  type PredicateName,
} from './helpers/geovec.js';

// ---- data -----------------------------------------------------------------------------

type Position = number[];
interface GeoJSONGeometry {
  type: string;
  coordinates: unknown;
}
interface Feature {
  geometry: GeoJSONGeometry | null;
}

function load(name: string): { arr: GeometryArray; features: Feature[] } {
  const text = readFileSync(new URL(name, DATA_URL), 'utf8');
  return { arr: fromGeoJSON(text), features: (JSON.parse(text) as { features: Feature[] }).features };
}

function pointCoords(features: Feature[]): [Float64Array, Float64Array] {
  const xs = new Float64Array(features.length);
  const ys = new Float64Array(features.length);
  features.forEach((f, i) => {
    const c = f.geometry!.coordinates as number[];
    xs[i] = c[0]!;
    ys[i] = c[1]!;
  });
  return [xs, ys];
}

/** Polygon parts of a Polygon / MultiPolygon feature: parts -> rings -> positions. */
function polygonParts(g: GeoJSONGeometry | null): Position[][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates as Position[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Position[][][];
  throw new Error(`unexpected ${g.type}`);
}

// ---- pairs ----------------------------------------------------------------------------

interface AnyPairs {
  left: ArrayLike<number>;
  right: ArrayLike<number>;
}

/** Pairs as sorted numeric keys left * m + right (exact in a double for our sizes). */
function keysOf(p: AnyPairs, m: number): Float64Array {
  const k = new Float64Array(p.left.length);
  for (let i = 0; i < k.length; i++) k[i] = p.left[i]! * m + p.right[i]!;
  return k;
}

/** The keys with left and right swapped: pairs (right, left) re-sorted. */
function transpose(keys: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const l = Math.floor(keys[i]! / m);
    t[i] = (keys[i]! - l * m) * n + l;
  }
  return t.sort();
}

/** got must be ordered by left then right, without repeats, and equal want. */
function assertPairs(got: AnyPairs, want: Float64Array, m: number, label: string): void {
  const k = keysOf(got, m);
  for (let i = 1; i < k.length; i++) {
    if (!(k[i]! > k[i - 1]!)) assert.fail(`${label}: pair ${i} (${got.left[i]}, ${got.right[i]}) is out of order or repeated`);
  }
  if (k.length === want.length && k.every((v, i) => v === want[i])) return;
  const missing: string[] = [];
  const extra: string[] = [];
  const gs = new Set(k);
  const ws = new Set(want);
  const show = (v: number) => `(${Math.floor(v / m)}, ${v - Math.floor(v / m) * m})`;
  for (const v of want) if (!gs.has(v) && missing.length < 5) missing.push(show(v));
  for (const v of k) if (!ws.has(v) && extra.length < 5) extra.push(show(v));
  assert.fail(`${label}: ${k.length} pairs, expected ${want.length}; missing ${missing.join(' ')}; extra ${extra.join(' ')}`);
}

// ---- references -------------------------------------------------------------------------

interface PointRefs {
  /** (point, polygon) keys, point * m + polygon, sorted */
  intersects: Float64Array;
  within: Float64Array;
}

/** Every (point, polygon) pair by brute force with geovec's point predicates. */
function bruteXY(polys: GeometryArray, xs: Float64Array, ys: Float64Array): PointRefs {
  const m = polys.length;
  const box = bounds(polys);
  const inter: number[] = [];
  const inside: number[] = [];
  for (let j = 0; j < m; j++) {
    const view = polys.get(j);
    const x0 = box[4 * j]!, y0 = box[4 * j + 1]!, x1 = box[4 * j + 2]!, y1 = box[4 * j + 3]!;
    if (!view || Number.isNaN(x0)) continue;
    const idx: number[] = [];
    for (let i = 0; i < xs.length; i++) if (xs[i]! >= x0 && xs[i]! <= x1 && ys[i]! >= y0 && ys[i]! <= y1) idx.push(i);
    if (!idx.length) continue;
    const sx = Float64Array.from(idx, (i) => xs[i]!);
    const sy = Float64Array.from(idx, (i) => ys[i]!);
    const a = intersectsXY(view, sx, sy);
    const c = containsXY(view, sx, sy);
    idx.forEach((i, k) => {
      if (a[k]) inter.push(i * m + j);
      if (c[k]) inside.push(i * m + j);
    });
  }
  return { intersects: Float64Array.from(inter).sort(), within: Float64Array.from(inside).sort() };
}

/** The same with JSTS: STRtree candidates, IndexedPointInAreaLocator per polygon. */
function jstsXY(features: Feature[], xs: Float64Array, ys: Float64Array): PointRefs {
  const m = features.length;
  const reader = new GeoJSONReader();
  const tree = new STRtree();
  const locators: (IndexedPointInAreaLocator | null)[] = features.map((f, j) => {
    if (!f.geometry) return null;
    const g = reader.read(f.geometry);
    tree.insert(g.getEnvelopeInternal(), j);
    return new IndexedPointInAreaLocator(g);
  });
  const inter: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, y = ys[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    const c = new Coordinate(x, y);
    for (const j of tree.query(new Envelope(x, x, y, y)).toArray() as number[]) {
      const loc = locators[j]!.locate(c);
      if (loc !== Location.EXTERIOR) inter.push(i * m + j);
      if (loc === Location.INTERIOR) inside.push(i * m + j);
    }
  }
  return { intersects: Float64Array.from(inter).sort(), within: Float64Array.from(inside).sort() };
}

/** What predicate(point, polygon) gives, from the references. */
const pointSide = (refs: PointRefs, p: PredicateName): Float64Array => (p === 'within' ? refs.within : refs.intersects);

// ---- a points x polygons suite ---------------------------------------------------------------

function pointsPolygons(name: string, polys: GeometryArray, features: Feature[], xs: Float64Array, ys: Float64Array) {
  const m = polys.length;
  const n = xs.length;
  let refs: PointRefs;
  let index: SpatialIndex;
  const pts = points(xs, ys);

  test(`${name}: the brute force and JSTS agree`, () => {
    refs = bruteXY(polys, xs, ys);
    const js = jstsXY(features, xs, ys);
    assertPairs({ left: [], right: [] }, new Float64Array(0), m, 'empty');
    assert.ok(refs.intersects.length > 0 && refs.within.length > 0);
    assert.deepEqual(js.intersects, refs.intersects, 'intersects: JSTS and the geovec brute force');
    assert.deepEqual(js.within, refs.within, 'within: JSTS and the geovec brute force');
    index = new SpatialIndex(polys);
  });

  for (const p of ['intersects', 'within', 'coveredBy'] as const) {
    test(`${name}: queryXY ${p}`, () => {
      assertPairs(index.queryXY(xs, ys, { predicate: p }), pointSide(refs, p), m, `queryXY ${p}`);
    });
    test(`${name}: sjoin(points, polygons) ${p}`, () => {
      assertPairs(sjoin(pts, polys, { predicate: p }), pointSide(refs, p), m, `sjoin ${p}`);
    });
  }
  test(`${name}: sjoin(points, polygons) with the index on the points (converse predicates through relate)`, () => {
    const k = Math.min(n, 20_000);
    const few = points(xs.subarray(0, k), ys.subarray(0, k));
    const onPoints = new SpatialIndex(few);
    const cut = (keys: Float64Array) => keys.filter((v) => v < k * m);
    for (const p of ['intersects', 'within', 'coveredBy'] as const) {
      assertPairs(sjoin(few, polys, { predicate: p, index: onPoints }), cut(pointSide(refs, p)), m, `sjoin ${p}, points indexed`);
    }
  });
  for (const [p, from] of [['intersects', 'intersects'], ['contains', 'within'], ['covers', 'coveredBy']] as const) {
    test(`${name}: sjoin(polygons, points) ${p}`, () => {
      const want = transpose(pointSide(refs, from), m, n);
      assertPairs(sjoin(polys, pts, { predicate: p }), want, n, `sjoin(polygons, points) ${p}`);
      assertPairs(index.query(pts, { predicate: from }), pointSide(refs, from), m, `query(points) ${from}`);
    });
  }
  test(`${name}: a point never contains or covers a polygon`, () => {
    const k = Math.min(n, 5000);
    for (const p of ['contains', 'covers'] as const) {
      assert.equal(index.queryXY(xs.subarray(0, k), ys.subarray(0, k), { predicate: p }).left.length, 0);
    }
  });
  test(`${name}: async forms`, async () => {
    assertPairs(await index.queryXYAsync(xs, ys, { predicate: 'within' }), refs.within, m, 'queryXYAsync');
    assertPairs(await index.queryAsync(pts, { predicate: 'intersects' }), refs.intersects, m, 'queryAsync');
  });
  test(`${name}: batches of any size give the same pairs`, () => {
    /* small batches search the tree; big ones (and repeated points) go through a join grid */
    const parts: Float64Array[] = [];
    for (let b = 0, step = 777; b < n; b += step) {
      const r = index.queryXY(xs.subarray(b, b + step), ys.subarray(b, b + step), { predicate: 'intersects' });
      parts.push(keysOf({ left: Array.from(r.left, (v) => v + b), right: r.right }, m));
    }
    const joined = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    assert.deepEqual(joined, refs.intersects);
    const reps = 4;
    const bx = new Float64Array(n * reps);
    const by = new Float64Array(n * reps);
    for (let r = 0; r < reps; r++) bx.set(xs, r * n), by.set(ys, r * n);
    const want: number[] = [];
    for (let r = 0; r < reps; r++) for (const v of refs.within) want.push(v + r * n * m);
    assertPairs(index.queryXY(bx, by, { predicate: 'within' }), Float64Array.from(want), m, `${reps} copies`);
  });
  test(`${name}: point arrays with nulls and empty points`, () => {
    /* every third point null, then an empty point: the generic path (not a plain point array) */
    const k = Math.min(n, 30_000);
    const idx = Array.from({ length: k }, (_, i) => (i % 3 === 1 ? -1 : i));
    const mixed = pts.take(idx).concat(fromWKT(['POINT EMPTY', 'POINT(1e300 1e300)']));
    const keep = (keys: Float64Array) => keys.filter((v) => v < k * m && Math.floor(v / m) % 3 !== 1);
    for (const p of ['intersects', 'within'] as const) {
      assertPairs(index.query(mixed, { predicate: p }), keep(pointSide(refs, p)), m, `query(mixed points) ${p}`);
      assertPairs(sjoin(mixed, polys, { predicate: p }), keep(pointSide(refs, p)), m, `sjoin(mixed points) ${p}`);
    }
  });
  test(`${name}: one thread and all threads give the same pairs`, () => {
    const before = threads();
    try {
      setThreads(1);
      const one = index.queryXY(xs, ys, { predicate: 'intersects' });
      const oneJoin = sjoin(polys, pts, { predicate: 'contains' });
      setThreads(0);
      assert.deepEqual(index.queryXY(xs, ys, { predicate: 'intersects' }), one);
      assert.deepEqual(sjoin(polys, pts, { predicate: 'contains' }), oneJoin);
    } finally {
      setThreads(before);
    }
  });
}

// ---- US counties x random points -----------------------------------------------------------------

const counties = load('us-counties.geojson');
const states = load('us-states.geojson');

function countyPoints(): [Float64Array, Float64Array] {
  const r = rng(20261125);
  const N = 100_000;
  const V = 3_000;
  const xs = new Float64Array(N + V);
  const ys = new Float64Array(N + V);
  for (let i = 0; i < N; i++) {
    xs[i] = -124.8 + 58.0 * r();
    ys[i] = 24.4 + 25.0 * r();
  }
  /* vertices of random counties: on shared boundaries */
  for (let i = N; i < N + V; i++) {
    const f = counties.features[Math.floor(r() * counties.features.length)]!;
    const parts = polygonParts(f.geometry);
    const ring = parts[Math.floor(r() * parts.length)]![0]!;
    const p = ring[Math.floor(r() * ring.length)]!;
    xs[i] = p[0]!;
    ys[i] = p[1]!;
  }
  return [xs, ys];
}

describe('US counties x 100,000 random points + 3,000 vertices', () => {
  const [xs, ys] = countyPoints();
  pointsPolygons('counties', counties.arr, counties.features, xs, ys);
});

// ---- Natural Earth admin-1 x cities ---------------------------------------------------------------

describe('admin-1 provinces x cities', () => {
  const admin1 = load('ne-admin1-10m.geojson');
  const world = pointCoords(load('world-cities.geojson').features);
  const capitals = pointCoords(load('ne-cities-110m.geojson').features);
  pointsPolygons('admin-1 x world-cities', admin1.arr, admin1.features, world[0], world[1]);
  pointsPolygons('admin-1 x ne-cities-110m', admin1.arr, admin1.features, capitals[0], capitals[1]);
});

// ---- polygons x polygons ---------------------------------------------------------------------------

describe('counties x states (polygons x polygons)', () => {
  const c = counties.arr;
  const s = states.arr;
  const ref = new Map<string, Float64Array>();
  const brute = (p: 'intersects' | 'within'): Float64Array => {
    let keys = ref.get(p);
    if (keys) return keys;
    const out: number[] = [];
    for (let j = 0; j < s.length; j++) {
      const r = (p === 'intersects' ? intersects : within)(c, s.get(j)!);
      r.forEach((v, i) => v && out.push(i * s.length + j));
    }
    keys = Float64Array.from(out).sort();
    ref.set(p, keys);
    return keys;
  };
  const index = new SpatialIndex(s);
  for (const p of ['intersects', 'within'] as const) {
    test(`query ${p}`, () => {
      const want = brute(p);
      /* the state outlines are not the union of the county outlines (another
       * generalization), so only some counties lie wholly within a state */
      assert.ok(want.length > (p === 'within' ? 1000 : c.length), `${want.length} pairs`);
      assertPairs(index.query(c, { predicate: p }), want, s.length, `query ${p}`);
      assertPairs(sjoin(c, s, { predicate: p }), want, s.length, `sjoin(counties, states) ${p}`);
      const conv = p === 'within' ? 'contains' : 'intersects';
      assertPairs(sjoin(s, c, { predicate: conv }), transpose(want, s.length, c.length), c.length, `sjoin(states, counties) ${conv}`);
    });
  }
  test('boxes only (no predicate)', () => {
    const bc = bounds(c);
    const bs = bounds(s);
    const want: number[] = [];
    for (let i = 0; i < c.length; i++)
      for (let j = 0; j < s.length; j++)
        if (bc[4 * i]! <= bs[4 * j + 2]! && bs[4 * j]! <= bc[4 * i + 2]! && bc[4 * i + 1]! <= bs[4 * j + 3]! && bs[4 * j + 1]! <= bc[4 * i + 3]!)
          want.push(i * s.length + j);
    assertPairs(index.query(c), Float64Array.from(want), s.length, 'boxes');
  });
});

// ---- left joins --------------------------------------------------------------------------------------

describe("how: 'left'", () => {
  test('every left row, unmatched ones with -1, ordered by left then right', () => {
    const [xs, ys] = countyPoints();
    const k = 5000;
    const pts = points(xs.subarray(0, k), ys.subarray(0, k));
    const inner = sjoin(pts, counties.arr, { predicate: 'intersects' });
    const left = sjoin(pts, counties.arr, { predicate: 'intersects', how: 'left' });
    assert.ok(left.right instanceof Int32Array);
    let at = 0;
    let innerAt = 0;
    for (let i = 0; i < k; i++) {
      assert.equal(left.left[at], i, `row ${i} appears in order`);
      if (inner.left[innerAt] !== i) {
        assert.equal(left.right[at], -1, `unmatched row ${i}`);
        at++;
        continue;
      }
      while (inner.left[innerAt] === i) {
        assert.equal(left.left[at], i);
        assert.equal(left.right[at], inner.right[innerAt]);
        at++, innerAt++;
      }
    }
    assert.equal(at, left.left.length);
    assert.equal(innerAt, inner.left.length);
    assert.ok(left.left.length > inner.left.length, 'some points are outside every county');
    /* the polygons on the left: every county appears, and the pairs are the transposed inner join */
    const byCounty = sjoin(counties.arr, pts, { predicate: 'contains', how: 'left' });
    const seen = new Set(byCounty.left);
    assert.equal(seen.size, counties.arr.length);
    const matched = { left: [] as number[], right: [] as number[] };
    byCounty.left.forEach((l, i) => byCounty.right[i]! >= 0 && (matched.left.push(l), matched.right.push(byCounty.right[i]!)));
    const within = sjoin(pts, counties.arr, { predicate: 'within' });
    assertPairs(matched, transpose(keysOf(within, counties.arr.length), counties.arr.length, k), k, 'left join by county');
  });
  test('an empty right side: every left row with -1', () => {
    const empty = fromWKT([]);
    const r = sjoin(counties.arr, empty, { how: 'left' });
    assert.equal(r.left.length, counties.arr.length);
    assert.ok(r.right.every((v) => v === -1));
    assert.equal(sjoin(empty, counties.arr, { how: 'left' }).left.length, 0);
  });
});

// ---- queryBox ------------------------------------------------------------------------------------------

describe('queryBox', () => {
  const index = new SpatialIndex(counties.arr);
  const box = bounds(counties.arr);
  const scan = (x0: number, y0: number, x1: number, y1: number) => {
    const out: number[] = [];
    for (let i = 0; i < counties.arr.length; i++) {
      if (box[4 * i]! <= x1 && x0 <= box[4 * i + 2]! && box[4 * i + 1]! <= y1 && y0 <= box[4 * i + 3]!) out.push(i);
    }
    return out;
  };
  test('random boxes, point boxes and boxes touching edges, against a scan', () => {
    const r = rng(7);
    for (let k = 0; k < 300; k++) {
      const x0 = -180 + 360 * r();
      const y0 = 15 + 60 * r();
      const w = k % 3 === 0 ? 0 : 10 * r() * r();
      const h = k % 3 === 0 ? 0 : 10 * r() * r();
      assert.deepEqual(Array.from(index.queryBox(x0, y0, x0 + w, y0 + h)), scan(x0, y0, x0 + w, y0 + h));
    }
    for (let i = 0; i < 100; i++) {
      /* a box that only touches county i's box at its corner */
      const [x1, y1] = [box[4 * i + 2]!, box[4 * i + 3]!];
      const got = Array.from(index.queryBox(x1, y1, x1 + 1, y1 + 1));
      assert.deepEqual(got, scan(x1, y1, x1 + 1, y1 + 1));
      assert.ok(got.includes(i));
    }
    assert.equal(index.queryBox(-1e308, -1e308, 1e308, 1e308).length, counties.arr.length);
  });
  test('NaN and inverted boxes find nothing', () => {
    assert.equal(index.queryBox(NaN, 30, -80, 40).length, 0);
    assert.equal(index.queryBox(-80, 40, -90, 30).length, 0);
  });
});

// ---- nearest -------------------------------------------------------------------------------------------

/** Planar distance from (x, y) to segment a-b, computed as distance.c does. */
function segDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/** Ray-crossing parity over a polygon's rings (points exactly on edges do not occur in these tests). */
function insidePart(rings: Position[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [x1, y1] = ring[k]! as [number, number];
      const [x2, y2] = ring[k + 1]! as [number, number];
      if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
  }
  return inside;
}

/** True distance from (x, y) to a GeoJSON geometry (0 inside an area); Infinity for empty. */
function distanceTo(g: GeoJSONGeometry | null, x: number, y: number): number {
  if (!g) return Infinity;
  let best = Infinity;
  const lines: Position[][] = [];
  let parts: Position[][][] = [];
  const pts: Position[] = [];
  switch (g.type) {
    case 'Point': pts.push(g.coordinates as Position); break;
    case 'MultiPoint': pts.push(...(g.coordinates as Position[])); break;
    case 'LineString': lines.push(g.coordinates as Position[]); break;
    case 'MultiLineString': lines.push(...(g.coordinates as Position[][])); break;
    default: parts = polygonParts(g);
  }
  for (const p of parts) lines.push(...p);
  for (const p of pts) best = Math.min(best, (p[0]! - x) ** 2 + (p[1]! - y) ** 2);
  for (const l of lines) for (let k = 0; k + 1 < l.length; k++) best = Math.min(best, segDist2(x, y, l[k]![0]!, l[k]![1]!, l[k + 1]![0]!, l[k + 1]![1]!));
  if (best === Infinity) return Infinity;
  if (best > 0 && parts.some((p) => insidePart(p, x, y))) return 0;
  return Math.sqrt(best);
}

function checkNearest(name: string, arr: GeometryArray, features: Feature[], xs: Float64Array, ys: Float64Array) {
  const index = new SpatialIndex(arr, { nodeSize: 4 });
  /* per point: every geometry by (distance, position) */
  const ranked = Array.from(xs, (x, i) => {
    if (Number.isNaN(x) || Number.isNaN(ys[i]!)) return [];
    const d = features.map((f, j) => [distanceTo(f.geometry, x, ys[i]!), j] as const).filter(([v]) => v < Infinity);
    return d.sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, 5);
  });
  for (let k = 1; k <= 5; k++) {
    const r = index.nearest(xs, ys, { k });
    let at = 0;
    for (let i = 0; i < xs.length; i++) {
      for (const [dist, j] of ranked[i]!.slice(0, k)) {
        assert.equal(r.left[at], i, `${name} k=${k}: point ${i}`);
        assert.equal(r.right[at], j, `${name} k=${k}: point ${i}, neighbour ${at}`);
        assert.ok(Math.abs(r.distance[at]! - dist) <= 1e-12 * Math.max(1, dist), `${name}: distance ${r.distance[at]} vs ${dist}`);
        at++;
      }
    }
    assert.equal(at, r.left.length, `${name} k=${k}: no extra pairs`);
  }
}

describe('nearest', () => {
  test('k = 1..5 on counties against brute-force distances', () => {
    const r = rng(99);
    const n = 250;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      /* the whole US box, oceans included (distance > 0), and a NaN */
      xs[i] = -130 + 70 * r();
      ys[i] = 20 + 35 * r();
    }
    xs[17] = NaN;
    checkNearest('counties', counties.arr, counties.features, xs, ys);
  });
  test('k = 1..5 on mixed geometries, ties by position', () => {
    const wkt = [
      'POINT(0 0)',
      'POINT(0 0)', // a tie with the one before
      'LINESTRING(2 0, 2 4)',
      'POLYGON((4 0, 8 0, 8 4, 4 4, 4 0), (5 1, 7 1, 7 3, 5 3, 5 1))',
      'MULTIPOINT((10 10), (-3 -3))',
      'MULTILINESTRING((0 6, 6 6), (0 8, 6 8))',
      'MULTIPOLYGON(((-6 0, -4 0, -4 2, -6 2, -6 0)), ((-6 4, -4 4, -4 6, -6 6, -6 4)))',
      'POINT EMPTY',
    ];
    const arr = fromWKT([...wkt, null]);
    const features: Feature[] = [...wkt.map((w) => ({ geometry: fromWKT([w]).get(0)!.toGeoJSON() as GeoJSONGeometry })), { geometry: null }];
    features[7] = { geometry: null }; /* empty: never a neighbour */
    const r = rng(5);
    const n = 300;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = -8 + 20 * r();
      ys[i] = -5 + 17 * r();
    }
    xs[0] = 1, ys[0] = 0; /* equidistant from the two points and the line: ties by position */
    checkNearest('mixed', arr, features, xs, ys);
  });
});

// ---- toBuffer / fromBuffer -------------------------------------------------------------------------------

describe('toBuffer / fromBuffer', () => {
  const index = new SpatialIndex(counties.arr);
  const [xs, ys] = countyPoints();
  test('a round trip answers every query the same', () => {
    const bytes = index.toBuffer();
    for (const again of [SpatialIndex.fromBuffer(bytes, counties.arr), SpatialIndex.fromBuffer(bytes.slice().buffer, counties.arr)]) {
      assert.deepEqual(again.toBuffer(), bytes);
      assert.deepEqual(again.queryXY(xs, ys, { predicate: 'intersects' }), index.queryXY(xs, ys, { predicate: 'intersects' }));
      assert.deepEqual(again.query(states.arr, { predicate: 'intersects' }), index.query(states.arr, { predicate: 'intersects' }));
      assert.deepEqual(again.queryBox(-100, 30, -90, 40), index.queryBox(-100, 30, -90, 40));
      assert.deepEqual(again.nearest(xs.subarray(0, 100), ys.subarray(0, 100), { k: 3 }), index.nearest(xs.subarray(0, 100), ys.subarray(0, 100), { k: 3 }));
    }
  });
  test('another array, or a damaged buffer, is refused with a clear error', () => {
    const bytes = index.toBuffer();
    assert.throws(() => SpatialIndex.fromBuffer(bytes, states.arr), (e: unknown) => e instanceof GeovecError && /built on 3230 geometries/.test(e.message));
    /* same length, other geometries */
    const shuffled = counties.arr.take(Array.from({ length: counties.arr.length }, (_, i) => (i + 1) % counties.arr.length));
    assert.throws(() => SpatialIndex.fromBuffer(bytes, shuffled), (e: unknown) => e instanceof GeovecError && /different array|damaged/.test(e.message));
    assert.throws(() => SpatialIndex.fromBuffer(bytes.subarray(0, bytes.length - 8), counties.arr), (e: unknown) => e instanceof GeovecError && /not a geovec spatial index/.test(e.message));
    assert.throws(() => SpatialIndex.fromBuffer(new Uint8Array(100), counties.arr), GeovecError);
    const r = rng(3);
    for (let k = 0; k < 200; k++) {
      const copy = bytes.slice();
      copy[Math.floor(r() * copy.length)]! ^= 1 << Math.floor(r() * 8);
      assert.throws(() => SpatialIndex.fromBuffer(copy, counties.arr), GeovecError, `flip ${k}`);
    }
  });
});

// ---- bad input -----------------------------------------------------------------------------------------

describe('bad input', () => {
  const index = new SpatialIndex(counties.arr);
  test('mismatched xs / ys lengths throw GeovecError', () => {
    const a = new Float64Array(10);
    assert.throws(() => index.queryXY(a, a.subarray(1)), GeovecError);
    assert.throws(() => index.nearest(a, a.subarray(1)), GeovecError);
    assert.throws(() => index.nearest(a, a, { k: 0 }), GeovecError);
    assert.throws(() => points(a, a.subarray(1)), GeovecError);
  });
  test('NaN coordinates match nothing', () => {
    const xs = Float64Array.from([NaN, -100, -100, NaN]);
    const ys = Float64Array.from([40, NaN, 40, NaN]);
    for (const p of ['intersects', 'within', 'contains'] as const) {
      const r = index.queryXY(xs, ys, { predicate: p });
      assert.ok(Array.from(r.left).every((i) => i === 2), p);
    }
    assert.deepEqual(Array.from(index.queryXY(xs, ys, { predicate: 'intersects' }).left), [2]);
    assert.ok(Array.from(index.nearest(xs, ys).left).every((i) => i === 2));
    /* NaN among many points (the join grid) */
    const n = 50_000;
    const bx = new Float64Array(n).fill(-100);
    const by = new Float64Array(n).fill(40);
    for (let i = 0; i < n; i += 3) bx[i] = NaN;
    for (let i = 1; i < n; i += 3) by[i] = NaN;
    const r = index.queryXY(bx, by, { predicate: 'intersects' });
    assert.equal(r.left.length, Math.floor(n / 3));
    assert.ok(Array.from(r.left).every((i) => i % 3 === 2));
  });
  test('empty inputs give empty results', () => {
    const none = new Float64Array(0);
    assert.equal(index.queryXY(none, none, { predicate: 'intersects' }).left.length, 0);
    assert.equal(index.queryXY([], []).left.length, 0);
    assert.equal(index.nearest(none, none).left.length, 0);
    const empty = fromWKT([]);
    const e = new SpatialIndex(empty);
    assert.equal(e.queryXY([1], [2], { predicate: 'intersects' }).left.length, 0);
    assert.equal(e.query(counties.arr).left.length, 0);
    assert.equal(e.queryBox(-1e9, -1e9, 1e9, 1e9).length, 0);
    assert.equal(e.nearest([1], [2]).left.length, 0);
    assert.equal(index.query(empty, { predicate: 'intersects' }).left.length, 0);
    assert.equal(sjoin(empty, counties.arr).left.length, 0);
    assert.equal(sjoin(counties.arr, empty).left.length, 0);
    assert.deepEqual(SpatialIndex.fromBuffer(e.toBuffer(), empty).toBuffer(), e.toBuffer());
    /* null and empty geometries are left out of the index and match nothing */
    const mixed = fromWKT(['POINT EMPTY', null, 'POLYGON((0 0, 1 0, 1 1, 0 0))', 'POLYGON EMPTY']);
    const m = new SpatialIndex(mixed);
    assert.deepEqual(Array.from(m.queryBox(-10, -10, 10, 10)), [2]);
    assert.deepEqual(Array.from(m.query(mixed, { predicate: 'intersects' }).left), [2]);
  });
  test('nodeSize out of range throws; in range gives the same answers', () => {
    for (const nodeSize of [0, 1, 257, 2.5, NaN, -4]) assert.throws(() => new SpatialIndex(counties.arr, { nodeSize }), GeovecError);
    const [xs, ys] = countyPoints();
    const want = index.queryXY(xs, ys, { predicate: 'intersects' });
    for (const nodeSize of [2, 3, 256]) {
      const other = new SpatialIndex(counties.arr, { nodeSize });
      assert.deepEqual(other.queryXY(xs, ys, { predicate: 'intersects' }), want);
      assert.deepEqual(other.queryBox(-100, 30, -90, 40), index.queryBox(-100, 30, -90, 40));
    }
  });
  test('unknown and unsupported predicates, and a foreign index, throw GeovecError', () => {
    assert.throws(() => index.queryXY([0], [0], { predicate: 'near' as PredicateName }), GeovecError);
    assert.throws(() => index.queryXY([0], [0], { predicate: 'disjoint' }), (e: unknown) => e instanceof GeovecError && /disjoint/.test(e.message));
    assert.throws(() => sjoin(counties.arr, states.arr, { predicate: 'disjoint' }), GeovecError);
    assert.throws(() => sjoin(counties.arr, states.arr, { index: new SpatialIndex(counties.arr.slice(0, 10)) }), GeovecError);
    assert.throws(() => sjoin(counties.arr, states.arr, { how: 'outer' as 'left' }), GeovecError);
  });
  test('an index on a disposed array throws', () => {
    const a = counties.arr.slice(0, 20);
    const i = new SpatialIndex(a);
    a.dispose();
    assert.throws(() => i.queryXY([0], [0], { predicate: 'intersects' }), GeovecError);
  });
});
