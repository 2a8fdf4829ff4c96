/**
 * Shape operations against GEOS 3.13 (geos-wasm) on seeded random
 * geometries of every type (empties, holes, collections, repeated points,
 * closed and zero-length lines): centroids within 1e-12 relative; interior
 * points, envelopes, hulls, boundaries, reverse, normal form,
 * removeRepeatedPoints, segmentize, Douglas-Peucker simplify and unique
 * points equal to GEOS's after normalization; minimum bounding circles and
 * oriented envelopes of the same area (1e-9); topology-preserving simplify
 * valid (GEOS isValid) and within the tolerance (Hausdorff); linear
 * referencing and shortest lines as GEOS's. Then degenerate cases, nulls,
 * broadcasting and argument errors.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { fromWKT, toWKT, GeovecError, type GeometryArray } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { geosDouble, geosUnaryNormal, normalWKT } from './helpers/geos-shape.js';
import { GEOM_TYPES, RandomGeoms, toWkt } from './helpers/random-geoms.js';

let geos: Geos;
let wkts: string[];
let A: GeometryArray;
const N = 2100; // 300 of each of the 7 types

before(async () => {
  geos = await Geos.load();
  const R = new RandomGeoms(20261204, (w) => geos.isValidWKT(w));
  wkts = [];
  for (let i = 0; i < N; i++) {
    R.newGrid();
    wkts.push(toWkt(R.geometry(GEOM_TYPES[i % GEOM_TYPES.length]!)));
  }
  A = fromWKT(wkts);
});

/** GEOS writes some empties of a transformer's output with a Z. */
const flat = (w: string | null) => (w === null ? null : w.replace(/ Z EMPTY/g, ' EMPTY'));

function isPolygonal(w: string): boolean {
  return /POLYGON/.test(w);
}

/** Our results against GEOS's, both normalized by GEOS; skip(i) leaves an element out. */
function compareNormal(name: string, ours: GeometryArray, fn: string, args: number[], skip?: (i: number, want: string | null) => boolean): void {
  const out = toWKT(ours);
  const bad: string[] = [];
  let compared = 0;
  for (let i = 0; i < wkts.length; i++) {
    const want = flat(geosUnaryNormal(geos, fn, wkts[i]!, ...args));
    if (skip?.(i, want)) continue;
    const got = flat(normalWKT(geos, out[i] ?? null));
    compared++;
    if (got !== want) bad.push(`${wkts[i]}\n   got  ${got}\n   want ${want}`);
  }
  assert.ok(compared > N / 2, `${name}: only ${compared} compared`);
  assert.deepEqual(bad.slice(0, 5), [], `${name}: ${bad.length} of ${compared} differ from GEOS`);
}

/** Two points within 1e-12 relative. */
function near(got: string, want: string, what: string): void {
  const a = got.slice(7, -1).split(' ').map(Number);
  const b = want.slice(7, -1).split(' ').map(Number);
  assert.ok(a.length === 2 && a.every((v, k) => Math.abs(v - b[k]!) <= 1e-12 * Math.max(1, Math.abs(v))), `${what}: ${got} vs ${want}`);
}

const geosNull = (_: number, want: string | null) => want === null;

describe('shape operations vs GEOS on random geometries', () => {
  test('centroid within 1e-12 relative', () => {
    const out = toWKT(gv.centroid(A));
    let compared = 0;
    for (let i = 0; i < N; i++) {
      const want = geos.unaryWKT('GEOSGetCentroid', wkts[i]!);
      const got = out[i]!;
      if (want === 'POINT EMPTY' || got === 'POINT EMPTY') {
        assert.equal(got, want, wkts[i]);
        continue;
      }
      const [wx, wy] = want!.slice(7, -1).split(' ').map(Number) as [number, number];
      const [gx, gy] = got.slice(7, -1).split(' ').map(Number) as [number, number];
      const scale = Math.max(1, Math.abs(wx), Math.abs(wy));
      assert.ok(Math.abs(gx - wx) <= 1e-12 * scale && Math.abs(gy - wy) <= 1e-12 * scale, `${wkts[i]}: ${got} vs ${want}`);
      compared++;
    }
    assert.ok(compared > N / 2);
  });

  test('pointOnSurface equals GEOS and always intersects', () => {
    const p = gv.pointOnSurface(A);
    compareNormal('pointOnSurface', p, 'GEOSPointOnSurface', []);
    const ok = gv.intersects(A, p);
    const empty = gv.isEmpty(p);
    for (let i = 0; i < N; i++) if (!empty[i]) assert.equal(ok[i], 1, `${wkts[i]} -> ${toWKT(p.take([i]))[0]}`);
  });

  test('envelope, convexHull, reverse, normalize, extractUniquePoints', () => {
    compareNormal('envelope', gv.envelope(A), 'GEOSEnvelope', []);
    compareNormal('convexHull', gv.convexHull(A), 'GEOSConvexHull', []);
    compareNormal('reverse', gv.reverse(A), 'GEOSReverse', []);
    compareNormal('extractUniquePoints', gv.extractUniquePoints(A), 'GEOSGeom_extractUniquePoints', []);
    // normal form itself: the exact text of GEOS's normalized geometry
    const out = toWKT(gv.normalize(A));
    for (let i = 0; i < N; i++) {
      const g = geos.read(out[i]!);
      const got = geos.toWKT(g);
      geos.destroy(g);
      assert.equal(got, normalWKT(geos, wkts[i]!), wkts[i]);
    }
  });

  test('boundary (GEOS refuses collections: null here)', () => {
    const b = gv.boundary(A);
    compareNormal('boundary', b, 'GEOSBoundary', [], geosNull);
    const t = gv.geometryType(A);
    for (let i = 0; i < N; i++) if (t[i] === 7) assert.equal(b.get(i), null);
  });

  test('removeRepeatedPoints at tolerance 0 and 1.5', () => {
    compareNormal('removeRepeatedPoints(0)', gv.removeRepeatedPoints(A), 'GEOSRemoveRepeatedPoints', [0]);
    // GEOS fails on rings that collapse below 3 points and writes rings of 3 that it cannot read back
    compareNormal('removeRepeatedPoints(1.5)', gv.removeRepeatedPoints(A, 1.5), 'GEOSRemoveRepeatedPoints', [1.5], (i, want) => want === null || isPolygonal(wkts[i]!));
  });

  test('segmentize (GEOS Densify) at 0.7', () => {
    // GEOS repairs invalid polygonal results with buffer(0), and fails on some empties
    const valid = (i: number) => geos.isValidWKT(wkts[i]!);
    const seg = gv.segmentize(A, 0.7);
    const out = toWKT(seg);
    compareNormal('segmentize', seg, 'GEOSDensify', [0.7], (i, want) => want === null || (isPolygonal(wkts[i]!) && (!valid(i) || !geos.isValidWKT(out[i]!))));
  });

  test('simplify without preserveTopology (Douglas-Peucker) at 0.6 and 1.5', () => {
    for (const tol of [0.6, 1.5]) {
      const ours = gv.simplify(A, tol, { preserveTopology: false });
      const out = toWKT(ours);
      // GEOS repairs a polygonal result that is invalid with buffer(0): those are left out
      compareNormal(`simplify(${tol})`, ours, 'GEOSSimplify', [tol], (i) => isPolygonal(wkts[i]!) && (!geos.isValidWKT(wkts[i]!) || !geos.isValidWKT(out[i]!)));
    }
  });

  test('simplify with preserveTopology: valid and within the tolerance', () => {
    for (const tol of [0.6, 1.5, 3]) {
      const out = toWKT(gv.simplify(A, tol));
      for (let i = 0; i < N; i++) {
        const w = wkts[i]!;
        if (isPolygonal(w) && geos.isValidWKT(w)) assert.ok(geos.isValidWKT(out[i]!), `simplify(${w}, ${tol}) = ${out[i]} is not valid`);
        const a = geos.read(w);
        const b = geos.read(out[i]!);
        assert.ok(b, out[i]!);
        const h = geos.double('GEOSHausdorffDistance', a, b);
        geos.destroy(a);
        geos.destroy(b);
        // GEOS's Hausdorff distance is wrong when an empty component is present
        if (h !== null && !Number.isNaN(h) && !/EMPTY/.test(w)) assert.ok(h <= tol + 1e-12, `simplify(${w}, ${tol}) = ${out[i]}: Hausdorff ${h}`);
      }
    }
  });

  test('orientedEnvelope and minimumBoundingCircle: same area as GEOS (1e-9), radius', () => {
    const rel = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    const oe = toWKT(gv.orientedEnvelope(A));
    const mbc = toWKT(gv.minimumBoundingCircle(A));
    const rad = gv.minimumBoundingRadius(A);
    const k = 16 * Math.sin(Math.PI / 16);
    for (let i = 0; i < N; i++) {
      const wo = geosUnaryNormal(geos, 'GEOSMinimumRotatedRectangle', wkts[i]!);
      assert.ok(rel(geosDouble(geos, 'GEOSArea', wo!)!, geosDouble(geos, 'GEOSArea', oe[i]!)!), `${wkts[i]}: ${oe[i]} vs ${wo}`);
      assert.equal(flat(normalWKT(geos, oe[i]!))!.split(' ')[0], wo!.split(' ')[0], `${wkts[i]}: type`);
      const wm = geosUnaryNormal(geos, 'GEOSMinimumBoundingCircle', wkts[i]!, 0, 0)!;
      const am = geosDouble(geos, 'GEOSArea', wm)!;
      assert.ok(rel(am, geosDouble(geos, 'GEOSArea', mbc[i]!)!), `${wkts[i]}: ${mbc[i]} vs ${wm}`);
      assert.equal(normalWKT(geos, mbc[i]!)!.split(' ')[0], wm.split(' ')[0], `${wkts[i]}: type`);
      if (wm.startsWith('POLYGON (')) assert.ok(rel(rad[i]!, Math.sqrt(am / k)), `${wkts[i]}: radius ${rad[i]}`);
    }
  });

  test('lineInterpolatePoint and lineLocatePoint vs GEOSInterpolate / GEOSProject', () => {
    const lineal = wkts.map((w, i) => [w, i] as const).filter(([w]) => /^(MULTI)?LINESTRING \(/.test(w) && !/EMPTY/.test(w));
    assert.ok(lineal.length > 400);
    const L = fromWKT(lineal.map(([w]) => w));
    const len = lineal.map(([w]) => geosDouble(geos, 'GEOSLength', w)!);
    for (const f of [0, 0.13, 0.5, 0.87, 1, 1.4, -0.3]) {
      const d = Float64Array.from(len, (l) => l * f);
      const pts = gv.lineInterpolatePoint(L, d);
      const ptsN = gv.lineInterpolatePoint(L, f, { normalized: true });
      const out = toWKT(pts);
      const outN = toWKT(ptsN);
      const loc = gv.lineLocatePoint(L, pts);
      for (let k = 0; k < lineal.length; k++) {
        const g = geos.read(lineal[k]![0]);
        const r = geos.fn('GEOSInterpolate', g, d[k]!);
        const want = geos.toWKT(r)!;
        near(out[k]!, want, `interpolate(${lineal[k]![0]}, ${d[k]})`);
        near(outN[k]!, want, `interpolate normalized (${lineal[k]![0]}, ${f})`);
        const proj = geos.fn('GEOSProject', g, r);
        assert.ok(Math.abs(loc[k]! - proj) <= 1e-12 * Math.max(1, proj), `project(${lineal[k]![0]}, ${want}): ${loc[k]} vs ${proj}`);
        geos.destroy(r);
        geos.destroy(g);
      }
    }
    // points off the lines
    const P = gv.centroid(fromWKT(wkts.filter((w) => /POLYGON \(/.test(w)).slice(0, lineal.length)));
    const n = Math.min(P.length, L.length);
    const loc = gv.lineLocatePoint(L.slice(0, n), P.slice(0, n));
    const locN = gv.lineLocatePoint(L.slice(0, n), P.slice(0, n), { normalized: true });
    const pw = toWKT(P);
    for (let k = 0; k < n; k++) {
      const g = geos.read(lineal[k]![0]);
      const p = geos.read(pw[k]!);
      const want = geos.fn('GEOSProject', g, p);
      assert.ok(Math.abs(loc[k]! - want) <= 1e-12 * Math.max(1, want), `project(${lineal[k]![0]}, ${pw[k]}): ${loc[k]} vs ${want}`);
      if (len[k]! > 0) assert.ok(Math.abs(locN[k]! - want / len[k]!) <= 1e-12, `normalized: ${locN[k]} vs ${want / len[k]!}`);
      geos.destroy(p);
      geos.destroy(g);
    }
  });

  test('shortestLine: length is GEOS distance, ends on each geometry', () => {
    const B = A.take(Array.from({ length: N }, (_, i) => (i * 7 + 3) % N));
    const s = gv.shortestLine(A, B);
    const sw = toWKT(s);
    const bw = toWKT(B);
    let compared = 0;
    for (let i = 0; i < N; i++) {
      const a = geos.read(wkts[i]!);
      const b = geos.read(bw[i]!);
      const emptyA = geos.fn('GEOSisEmpty', a) === 1, emptyB = geos.fn('GEOSisEmpty', b) === 1;
      if (emptyA || emptyB) {
        assert.equal(sw[i], null, `${wkts[i]} / ${bw[i]}`);
      } else {
        const d = geos.double('GEOSDistance', a, b)!;
        const l = geos.read(sw[i]!);
        const len = geos.double('GEOSLength', l)!;
        assert.ok(Math.abs(len - d) <= 1e-9 * Math.max(1, d), `${wkts[i]} / ${bw[i]}: ${sw[i]} (${len}) vs ${d}`);
        const p0 = geos.fn('GEOSGeomGetStartPoint', l), p1 = geos.fn('GEOSGeomGetEndPoint', l);
        assert.ok((geos.double('GEOSDistance', a, p0) ?? 1) <= 1e-9 && (geos.double('GEOSDistance', b, p1) ?? 1) <= 1e-9, `${sw[i]} ends`);
        geos.destroy(p0);
        geos.destroy(p1);
        geos.destroy(l);
        compared++;
      }
      geos.destroy(a);
      geos.destroy(b);
    }
    assert.ok(compared > N / 2);
  });
});

describe('shape operations: degenerate cases, nulls, arguments', () => {
  test('hand-picked cases', () => {
    const cases: [(a: GeometryArray) => GeometryArray, string, string | null][] = [
      [gv.centroid, 'POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1 0.5, 1 1, 0.5 1, 0.5 0.5))', null],
      [gv.centroid, 'LINESTRING (1 1, 1 1)', 'POINT (1 1)'],
      [gv.centroid, 'GEOMETRYCOLLECTION EMPTY', 'POINT EMPTY'],
      [gv.pointOnSurface, 'POLYGON ((0 0, 10 0, 10 1, 1 1, 1 9, 10 9, 10 10, 0 10, 0 0))', null],
      [gv.convexHull, 'MULTIPOINT ((0 0), (1 1), (2 2))', 'LINESTRING (0 0, 2 2)'],
      [gv.convexHull, 'MULTIPOINT ((0 0), (0 0))', 'POINT (0 0)'],
      [gv.convexHull, 'POINT EMPTY', 'GEOMETRYCOLLECTION EMPTY'],
      [gv.envelope, 'POINT (1 2)', 'POINT (1 2)'],
      [gv.envelope, 'LINESTRING EMPTY', 'POINT EMPTY'],
      [gv.boundary, 'LINESTRING (0 0, 1 0, 1 1, 0 0)', 'MULTIPOINT EMPTY'],
      [gv.boundary, 'MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))', 'MULTIPOINT ((0 0), (2 0))'],
      [(a) => gv.segmentize(a, 1), 'LINESTRING (0 0, 3 0)', 'LINESTRING (0 0, 1 0, 2 0, 3 0)'],
      [(a) => gv.simplify(a, 10), 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((1 0, 1 1, 0 1, 1 0))'],
      [(a) => gv.simplify(a, 10, { preserveTopology: false }), 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON EMPTY'],
      [(a) => gv.orientPolygons(a), 'POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))', 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))'],
      [(a) => gv.orientPolygons(a, { exteriorCW: true }), 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))'],
      [gv.minimumBoundingCircle, 'MULTIPOINT ((0 0), (0 0))', 'POLYGON EMPTY'],
      [gv.orientedEnvelope, 'LINESTRING (0 0, 2 2)', 'LINESTRING (0 0, 2 2)'],
      // Z is kept, and interpolated on new vertices
      [gv.reverse, 'LINESTRING Z (0 0 1, 1 1 2, 2 0 3)', 'LINESTRING Z (2 0 3, 1 1 2, 0 0 1)'],
      [gv.boundary, 'LINESTRING Z (0 0 1, 1 1 2, 2 0 3)', 'MULTIPOINT Z ((0 0 1), (2 0 3))'],
      [(a) => gv.segmentize(a, 1), 'LINESTRING Z (0 0 1, 1 1 2)', 'LINESTRING Z (0 0 1, 0.5 0.5 1.5, 1 1 2)'],
      [(a) => gv.simplify(a, 5), 'LINESTRING Z (0 0 1, 1 1 2, 2 0 3)', 'LINESTRING Z (0 0 1, 2 0 3)'],
      [gv.normalize, 'GEOMETRYCOLLECTION (POINT (1 1), GEOMETRYCOLLECTION (LINESTRING (2 0, 1 1, 0 0)))', 'GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1, 2 0)), POINT (1 1))'],
    ];
    for (const [fn, input, want] of cases) {
      const got = toWKT(fn(fromWKT([input])))[0]!;
      if (want !== null) assert.equal(got, want, input);
      else assert.ok(gv.intersects(fromWKT([input]), fromWKT([got]))[0], `${input} -> ${got}`);
    }
    // a polygon's interior point lies in its interior
    const u = fromWKT(['POLYGON ((0 0, 10 0, 10 1, 1 1, 1 9, 10 9, 10 10, 0 10, 0 0))']);
    assert.equal(gv.contains(u, gv.pointOnSurface(u))[0], 1);
  });

  test('nulls give nulls and NaN; lengths and arguments are checked', () => {
    const a = fromWKT(['POINT (1 1)', null, 'LINESTRING (0 0, 1 0)']);
    for (const f of [gv.centroid, gv.pointOnSurface, gv.envelope, gv.convexHull, gv.boundary, gv.reverse, gv.normalize, gv.extractUniquePoints, gv.orientedEnvelope, gv.minimumBoundingCircle]) {
      const r = f(a);
      assert.equal(r.length, 3);
      assert.equal(r.get(1), null);
    }
    assert.ok(Number.isNaN(gv.minimumBoundingRadius(a)[1]!));
    assert.equal(gv.simplify(a, Float64Array.of(1, 1, NaN)).get(2), null);
    assert.throws(() => gv.simplify(a, -1), GeovecError);
    assert.throws(() => gv.simplify(a, Float64Array.of(1, 2)), GeovecError);
    assert.throws(() => gv.segmentize(a, 0), GeovecError);
    assert.throws(() => gv.removeRepeatedPoints(a, NaN), GeovecError);
    assert.throws(() => gv.centroid([] as unknown as GeometryArray), GeovecError);
    assert.throws(() => gv.shortestLine(a, fromWKT(['POINT (0 0)', 'POINT (1 1)'])), GeovecError);
    // broadcasting: one geometry against many, in either order
    const one = fromWKT(['LINESTRING (0 0, 10 0)']);
    const pts = fromWKT(['POINT (3 1)', 'POINT (-1 0)', null, 'POINT EMPTY']);
    const loc = gv.lineLocatePoint(one, pts);
    assert.deepEqual([loc[0], loc[1]], [3, 0]);
    assert.ok(Number.isNaN(loc[2]!) && Number.isNaN(loc[3]!));
    assert.deepEqual(toWKT(gv.shortestLine(pts, one.get(0)!)), ['LINESTRING (3 1, 3 0)', 'LINESTRING (-1 0, 0 0)', null, null]);
    assert.equal(gv.lineInterpolatePoint(fromWKT(['POLYGON ((0 0, 1 0, 1 1, 0 0))']), 1).get(0), null);
  });
});
