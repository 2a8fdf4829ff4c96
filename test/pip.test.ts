/**
 * containsXY / intersectsXY against GEOS (geos-wasm 3.1.1, GEOS 3.13,
 * prepared GEOSPreparedContainsXY / GEOSPreparedIntersectsXY) on real
 * polygons: random points in each polygon's padded bounding box, every
 * vertex, and every edge midpoint (exactly on the edge for axis-aligned
 * edges, within rounding of it otherwise, where only exact arithmetic
 * agrees). Each geovec path is checked: prepared, unprepared with the
 * accelerators one call builds for many points, and unprepared plain scans
 * (small batches). Then collections and lines against GEOSContains /
 * GEOSIntersects (RelateNG), broadcasting, NaN, and argument errors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import initGeosJs from 'geos-wasm';

import {
  DATA_URL,
  GeometryArray,
  GeometryView,
  GeovecError,
  containsXY,
  fromGeoJSON,
  fromWKT,
  intersectsXY,
  isPrepared,
  memsize,
  prepare,
  rng,
  toWKB,
} from './helpers/geovec.js';

/** The part of the GEOS C API these tests call (non-reentrant wrappers of geos-wasm). */
interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSPrepare(g: number): number;
  GEOSPreparedGeom_destroy(pg: number): void;
  GEOSPreparedContainsXY(pg: number, x: number, y: number): number;
  GEOSPreparedIntersectsXY(pg: number, x: number, y: number): number;
  GEOSGeom_createPointFromXY(x: number, y: number): number;
  GEOSContains(a: number, b: number): number;
  GEOSIntersects(a: number, b: number): number;
}

const geos = (await initGeosJs()) as unknown as Geos;

function geosFromWKB(wkb: Uint8Array): number {
  const p = geos.Module._malloc(wkb.length);
  geos.Module.HEAPU8.set(wkb, p);
  const g = geos.GEOSGeomFromWKB_buf(p, wkb.length);
  geos.Module._free(p);
  assert.ok(g, 'GEOS read the WKB');
  return g;
}

type Ring = number[][];
type PolyCoords = Ring[];

/** Rings of a Polygon / MultiPolygon GeoJSON geometry. */
function ringsOf(g: { type: string; coordinates: unknown }): Ring[] {
  if (g.type === 'Polygon') return g.coordinates as PolyCoords;
  if (g.type === 'MultiPolygon') return (g.coordinates as PolyCoords[]).flat();
  return [];
}

interface Probe {
  xs: Float64Array;
  ys: Float64Array;
  /** what each point is, for messages */
  kind: string[];
}

/** Random points in the bounding box padded by 10% per side, every vertex, every edge midpoint. */
function probes(rings: Ring[], random: number, seed: number, maxVertices = 6000): Probe {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    x0 = Math.min(x0, x!), y0 = Math.min(y0, y!), x1 = Math.max(x1, x!), y1 = Math.max(y1, y!);
  }
  const w = x1 - x0, h = y1 - y0;
  const xs: number[] = [], ys: number[] = [], kind: string[] = [];
  const r = rng(seed);
  for (let i = 0; i < random; i++) {
    xs.push(x0 - 0.1 * w + 1.2 * w * r()), ys.push(y0 - 0.1 * h + 1.2 * h * r()), kind.push('random');
  }
  const nv = rings.reduce((s, ring) => s + ring.length, 0);
  const step = Math.max(1, Math.ceil(nv / maxVertices));
  let k = 0;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++, k++) {
      if (k % step) continue;
      const [ax, ay] = ring[i]!, [bx, by] = ring[i + 1]!;
      xs.push(ax!), ys.push(ay!), kind.push('vertex');
      xs.push((ax! + bx!) / 2), ys.push((ay! + by!) / 2), kind.push(ax === bx || ay === by ? 'axis midpoint' : 'midpoint');
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), kind };
}

/** GEOS's verdicts (prepared). */
function geosXY(g: number, p: Probe): { contains: Uint8Array; intersects: Uint8Array } {
  const pg = geos.GEOSPrepare(g);
  const n = p.xs.length;
  const contains = new Uint8Array(n), intersects = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    contains[i] = geos.GEOSPreparedContainsXY(pg, p.xs[i]!, p.ys[i]!);
    intersects[i] = geos.GEOSPreparedIntersectsXY(pg, p.xs[i]!, p.ys[i]!);
  }
  geos.GEOSPreparedGeom_destroy(pg);
  return { contains, intersects };
}

/** geovec's verdicts on one path. */
function geovecXY(one: GeometryArray, p: Probe, chunk: number): { contains: Uint8Array; intersects: Uint8Array } {
  const n = p.xs.length;
  const contains = new Uint8Array(n), intersects = new Uint8Array(n);
  for (let i = 0; i < n; i += chunk) {
    const xs = p.xs.subarray(i, i + chunk), ys = p.ys.subarray(i, i + chunk);
    contains.set(containsXY(one, xs, ys), i);
    intersects.set(intersectsXY(one, xs, ys), i);
  }
  return { contains, intersects };
}

function disagreements(name: string, p: Probe, want: Uint8Array, got: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length; i++) {
    if (want[i] !== got[i]) out.push(`${name} ${p.kind[i]} (${p.xs[i]}, ${p.ys[i]}): GEOS ${want[i]}, geovec ${got[i]}`);
  }
  return out;
}

/** Every stride-th element (stride coprime to the probe's interleaving of vertices and midpoints). */
function pick<T extends Float64Array | Uint8Array>(a: T, stride: number): T {
  const out = new (a.constructor as new (n: number) => T)(Math.ceil(a.length / stride));
  for (let i = 0, k = 0; i < a.length; i += stride, k++) out[k] = a[i]!;
  return out;
}

function subsample(p: Probe, stride: number): Probe {
  return { xs: pick(p.xs, stride), ys: pick(p.ys, stride), kind: p.kind.filter((_, i) => i % stride === 0) };
}

let compared = 0;

/** Every polygon of a GeoJSON file, every path, both predicates. */
function checkFile(file: string, random: number) {
  const doc = readFileSync(new URL(file, DATA_URL), 'utf8');
  const all = fromGeoJSON(doc);
  const bad: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const view = all.get(i);
    if (!view || (view.type !== 'Polygon' && view.type !== 'MultiPolygon')) continue;
    const rings = ringsOf(view.toGeoJSON() as { type: string; coordinates: unknown });
    const p = probes(rings, random, 1000 + i);
    const g = geosFromWKB(view.toWKB());
    const want = geosXY(g, p);
    geos.GEOSGeom_destroy(g);
    const plain = all.take([i]);
    const prepared = prepare(all.take([i]));
    /* plain scans cost points x vertices: a sample of every kind of point */
    const nv = rings.reduce((s, ring) => s + ring.length, 0);
    const every = Math.max(1, Math.ceil((p.xs.length * nv) / 2e7)) | 1; /* odd: vertices and midpoints alternate */
    const paths: [string, GeometryArray, number, number][] = [
      ['prepared', prepared, p.xs.length, 1],
      ['unprepared', plain, p.xs.length, 1],
      ['plain scan', plain, 32, every],
    ];
    for (const [path, one, chunk, stride] of paths) {
      const q = stride === 1 ? p : subsample(p, stride);
      const w = stride === 1 ? want : { contains: pick(want.contains, stride), intersects: pick(want.intersects, stride) };
      const got = geovecXY(one, q, chunk);
      bad.push(...disagreements(`${file}[${i}] ${path} containsXY`, q, w.contains, got.contains));
      bad.push(...disagreements(`${file}[${i}] ${path} intersectsXY`, q, w.intersects, got.intersects));
      compared += 2 * q.xs.length;
    }
    /* the whole array with a GeometryView picks geometry i */
    const viewGot = containsXY(new GeometryView(all, i), p.xs, p.ys);
    bad.push(...disagreements(`${file}[${i}] view containsXY`, p, want.contains, viewGot));
    plain.dispose();
    prepared.dispose();
  }
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} disagreements with GEOS`);
}

describe('containsXY / intersectsXY agree with GEOS on real polygons', () => {
  test('tg-shapes (Brazil, Texas, Rhode Island, ...)', () => checkFile('tg-shapes.geojson', 5000));
  test('us-states', () => checkFile('us-states.geojson', 2000));
  test('ne-countries-110m', () => checkFile('ne-countries-110m.geojson', 1000));
  test('nybb', () => checkFile('nybb.geojson', 5000));
  test('points compared', () => assert.ok(compared > 1_000_000, `${compared} comparisons`));
});

describe('exact boundaries', () => {
  test('points on a slanted edge computed exactly, and one ulp off', () => {
    const a = fromWKT(['POLYGON ((0 0, 0.3 0, 0.3 0.9, 0 0))']);
    const xs: number[] = [], ys: number[] = [], on: number[] = [];
    for (let k = 2; k <= 64; k *= 2) {
      xs.push(0.3 / k), ys.push(0.9 / k), on.push(1);
    }
    xs.push(0.1 + 0.2, 0.3), ys.push(0.5, 0.5), on.push(0, 1);
    for (const one of [a, prepare(a.take([0]))]) {
      const c = containsXY(one, xs, ys), it = intersectsXY(one, xs, ys);
      for (let i = 0; i < xs.length; i++) {
        assert.equal(c[i], 0, `contains (${xs[i]}, ${ys[i]})`);
        assert.equal(it[i], on[i], `intersects (${xs[i]}, ${ys[i]})`);
      }
    }
  });
});

describe('collections and lines against GEOSContains / GEOSIntersects (RelateNG)', () => {
  const WKT = [
    'GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))',
    'GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)), POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1)))',
    'GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1)), POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1)))',
    'GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), POLYGON ((0 1, 2 1, 2 3, 0 3, 0 1)))',
    'GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), LINESTRING (1 1, 3 1, 3 3), LINESTRING (2 2, 4 4), POINT (3 0), POINT (1 1))',
    'GEOMETRYCOLLECTION (LINESTRING (0 0, 1 0), MULTILINESTRING ((1 0, 2 0), (1 0, 1 1)), MULTIPOINT ((2 0), (3 3)))',
    'GEOMETRYCOLLECTION (MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((2 2, 3 2, 3 3, 2 2))), GEOMETRYCOLLECTION (POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))))',
    'MULTILINESTRING ((0 0, 1 0, 1 1, 0 0), (0 0, -1 0), (2 2, 3 3), (3 3, 4 2))',
    'LINESTRING (0 0, 0.3 0.9, 1 0.9)',
    'MULTIPOINT ((0 0), (1 1), EMPTY)',
    'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((1 1, 2 1, 2 2, 1 2, 1 1)))',
    'GEOMETRYCOLLECTION EMPTY',
    'POLYGON EMPTY',
  ];
  test('a grid of points, vertices and midpoints', () => {
    const a = fromWKT(WKT);
    const pa = prepare(a.take(WKT.map((_, i) => i)));
    const xs: number[] = [], ys: number[] = [];
    for (let x = -1.5; x <= 4.5; x += 0.25) for (let y = -1.5; y <= 4.5; y += 0.25) xs.push(x), ys.push(y);
    xs.push(0.15, 0.1, 0.65), ys.push(0.45, 0.3, 0.9);
    const bad: string[] = [];
    let n = 0;
    for (let i = 0; i < WKT.length; i++) {
      const g = geosFromWKB(toWKB(a.take([i]))[0]!);
      for (const one of [a, pa]) {
        const c = containsXY(new GeometryView(one, i), xs, ys), it = intersectsXY(new GeometryView(one, i), xs, ys);
        for (let k = 0; k < xs.length; k++) {
          const pt = geos.GEOSGeom_createPointFromXY(xs[k]!, ys[k]!);
          const wc = geos.GEOSContains(g, pt), wi = geos.GEOSIntersects(g, pt);
          geos.GEOSGeom_destroy(pt);
          if (wc !== c[k]) bad.push(`${WKT[i]} contains (${xs[k]}, ${ys[k]}): GEOS ${wc}, geovec ${c[k]}`);
          if (wi !== it[k]) bad.push(`${WKT[i]} intersects (${xs[k]}, ${ys[k]}): GEOS ${wi}, geovec ${it[k]}`);
          n += 2;
        }
      }
      geos.GEOSGeom_destroy(g);
    }
    assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${n} disagree`);
  });
});

describe('broadcasting, NaN and errors', () => {
  const a = fromWKT([
    'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))',
    'POLYGON ((20 0, 30 0, 30 10, 20 10, 20 0))',
    null,
    'POINT (5 5)',
  ]);
  test('pairwise: geometry i with point i', () => {
    assert.deepEqual([...containsXY(a, [5, 25, 5, 5], [5, 5, 5, 5])], [1, 1, 0, 1]);
    assert.deepEqual([...containsXY(a, [10, 5, 5, 6], [5, 5, 5, 5])], [0, 0, 0, 0]);
    assert.deepEqual([...intersectsXY(a, [10, 20, 5, 5], [5, 5, 5, 5])], [1, 1, 0, 1]);
  });
  test('one geometry against every point (a view, or an array of one)', () => {
    const xs = [5, 10, 15, -1, 25], ys = [5, 5, 5, 5, 5];
    assert.deepEqual([...containsXY(new GeometryView(a, 1), xs, ys)], [0, 0, 0, 0, 1]);
    assert.deepEqual([...intersectsXY(new GeometryView(a, 0), xs, ys)], [1, 1, 0, 0, 0]);
    assert.deepEqual([...containsXY(a.take([0]), xs, ys)], [1, 0, 0, 0, 0]);
    assert.deepEqual([...containsXY(new GeometryView(a, 2), xs, ys)], [0, 0, 0, 0, 0]);
    /* many points: the accelerated path */
    const n = 10000, bx = new Float64Array(n), by = new Float64Array(n);
    for (let i = 0; i < n; i++) bx[i] = (i % 100) / 4 - 5, by[i] = Math.floor(i / 100) / 4 - 5;
    const c = containsXY(new GeometryView(a, 0), bx, by), it = intersectsXY(new GeometryView(a, 0), bx, by);
    for (let i = 0; i < n; i++) {
      const inside = bx[i]! > 0 && bx[i]! < 10 && by[i]! > 0 && by[i]! < 10;
      const onOrIn = bx[i]! >= 0 && bx[i]! <= 10 && by[i]! >= 0 && by[i]! <= 10;
      assert.equal(c[i], +inside);
      assert.equal(it[i], +onOrIn);
    }
  });
  test('NaN coordinates give 0', () => {
    const xs = [NaN, 5, NaN, Infinity], ys = [5, NaN, NaN, 5];
    assert.deepEqual([...containsXY(new GeometryView(a, 0), xs, ys)], [0, 0, 0, 0]);
    assert.deepEqual([...intersectsXY(a, xs, ys)], [0, 0, 0, 0]);
    const big = new Float64Array(5000).fill(NaN);
    assert.deepEqual(containsXY(prepare(a.take([0])), big, big), new Uint8Array(5000));
  });
  test('lengths that do not broadcast throw', () => {
    assert.throws(() => containsXY(a, [1, 2, 3], [1, 2, 3]), GeovecError);
    assert.throws(() => intersectsXY(a, [1, 2], [1]), GeovecError);
    assert.throws(() => containsXY(new GeometryView(a, 0), [1, 2], [1, 2, 3]), GeovecError);
  });
  test('empty input', () => {
    assert.equal(containsXY(new GeometryView(a, 0), [], []).length, 0);
    assert.throws(() => containsXY(a, [], []), GeovecError, 'zero points against four geometries do not pair');
  });
});

describe('prepare', () => {
  test('isPrepared, memsize, idempotent', () => {
    const doc = readFileSync(new URL('tg-shapes.geojson', DATA_URL), 'utf8');
    const a = fromGeoJSON(doc);
    assert.equal(isPrepared(a), false);
    const before = memsize(a);
    assert.ok(before > 16 * 50000, `${before} bytes`);
    assert.equal(prepare(a), a);
    assert.equal(isPrepared(a), true);
    const after = memsize(a);
    assert.ok(after > before, `${after} > ${before}`);
    prepare(a);
    assert.equal(memsize(a), after);
  });
  test('arrays of any kind, and empty ones, can be prepared', () => {
    const mixed = fromWKT(['POINT (1 1)', null, 'LINESTRING (0 0, 5 5)', 'GEOMETRYCOLLECTION EMPTY', 'POLYGON EMPTY']);
    assert.equal(isPrepared(prepare(mixed)), true);
    assert.deepEqual([...intersectsXY(mixed, [1, 1, 2, 0, 0], [1, 1, 2, 0, 0])], [1, 0, 1, 0, 0]);
    const empty = fromWKT([]);
    assert.equal(isPrepared(prepare(empty)), true);
    assert.equal(containsXY(empty, [], []).length, 0);
  });
});
