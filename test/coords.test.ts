/**
 * Coordinates, parts, affine transforms, properties and constructors.
 * Parts and properties against GEOS 3.13 (geos-wasm) on seeded random
 * geometries of every type (empties, holes, multi-parts, nested
 * collections) and on ../shared/data: identical WKT (re-written by GEOS),
 * identical counts and flags. Coordinates against the WKT text they were
 * read from, m (dims xym / xyzm) against the ordinates GEOS reads; affine
 * transforms against the formula per coordinate (3D matrices too) and
 * Shapely values computed by hand, origin 'centroid' against
 * GEOSGetCentroid; isRing against GEOSisRing on random closed lines; then
 * constructors, nulls, argument errors and both backends.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { DATA_URL, GeovecError, backend, fromGeoJSON, fromWKT, toWKT, type GeometryArray } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { corpus } from './helpers/measures-corpus.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

/** GEOS's WKT of a WKT text (null stays null). */
function norm(w: string | null): string | null {
  if (w === null) return null;
  const g = geos.read(w);
  assert.ok(g, `GEOS reads ${w}`);
  const out = geos.toWKT(g)!.replace(/^LINEARRING/, 'LINESTRING');
  geos.destroy(g);
  return out;
}
/** GEOS's WKT of a borrowed GEOS geometry (not destroyed). */
const geosWKT = (g: number) => (g ? geos.toWKT(g)!.replace(/^LINEARRING/, 'LINESTRING') : null);

function randomGeoms(seed: number, per: number, variant: 'grid' | 'scaled' | 'far' = 'grid'): string[] {
  const [as, bs] = corpus(seed, per, variant, (w) => geos.isValidWKT(w));
  return [...as, ...bs];
}

/** Coordinates of a WKT text, in order (EMPTY has none). */
function wktCoords(w: string): number[] {
  const out: number[] = [];
  for (const m of w.matchAll(/(-?[\d.]+(?:e[-+]?\d+)?) (-?[\d.]+(?:e[-+]?\d+)?)/g)) out.push(Number(m[1]), Number(m[2]));
  return out;
}

describe('coordinates', () => {
  test('getCoordinates lists every coordinate in order with its element; setCoordinates and transform round-trip', () => {
    const ws = randomGeoms(1, 12, 'scaled');
    const A = fromWKT(ws);
    const { coords, index } = gv.getCoordinates(A);
    const want: number[] = [];
    const wantIndex: number[] = [];
    ws.forEach((w, i) => {
      const c = wktCoords(w);
      want.push(...c);
      for (let k = 0; k < c.length / 2; k++) wantIndex.push(i);
    });
    assert.deepEqual([...coords], want);
    assert.deepEqual([...index], wantIndex);
    assert.equal(gv.countCoordinates(A), want.length / 2);
    assert.deepEqual(toWKT(gv.setCoordinates(A, coords)), toWKT(A));
    assert.deepEqual(toWKT(gv.transform(A, (x, y) => [x, y])), toWKT(A));
    const moved = gv.transform(A, (x, y) => [x.map((v) => v * 2 + 1), y.map((v) => v - 3)]);
    assert.deepEqual([...gv.getCoordinates(moved).coords], want.map((v, k) => (k % 2 ? v - 3 : v * 2 + 1)));
    /* one call for the whole column */
    let calls = 0;
    gv.transform(A, (x, y) => (calls++, [x, y]));
    assert.equal(calls, 1);
  });

  test('z: dims xyz, forceXY, forceXYZ, setCoordinates with z', () => {
    const A = fromWKT(['POINT Z (1 2 3)', 'LINESTRING (0 0, 1 1)', 'POINT EMPTY', 'MULTIPOINT Z ((1 1 1), (2 2 2))']);
    const c = gv.getCoordinates(A, { dims: 'xyz' });
    assert.deepEqual([...c.coords], [1, 2, 3, 0, 0, NaN, 1, 1, NaN, 1, 1, 1, 2, 2, 2]);
    assert.deepEqual(toWKT(gv.forceXY(A)), ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', 'POINT EMPTY', 'MULTIPOINT ((1 1), (2 2))']);
    assert.deepEqual(toWKT(gv.forceXYZ(A, 7)), ['POINT Z (1 2 3)', 'LINESTRING Z (0 0 7, 1 1 7)', 'POINT Z EMPTY', 'MULTIPOINT Z ((1 1 1), (2 2 2))']);
    const z = gv.setCoordinates(A, Float64Array.from({ length: 15 }, (_, k) => k), { dims: 'xyz' });
    assert.deepEqual(toWKT(z), ['POINT Z (0 1 2)', 'LINESTRING Z (3 4 5, 6 7 8)', 'POINT Z EMPTY', 'MULTIPOINT Z ((9 10 11), (12 13 14))']);
    assert.deepEqual([...gv.hasZ(A)], [1, 0, 0, 1]);
    assert.deepEqual([...gv.getZ(A)], [3, NaN, NaN, NaN]);
    const zt = gv.transform(A, (xs, ys, zs) => [xs, ys, zs!.map((v) => (Number.isNaN(v) ? -1 : v * 10))], { includeZ: true });
    assert.deepEqual(toWKT(zt), ['POINT Z (1 2 30)', 'LINESTRING Z (0 0 -1, 1 1 -1)', 'POINT Z EMPTY', 'MULTIPOINT Z ((1 1 10), (2 2 20))']);
  });

  test('m: dims xym and xyzm in getCoordinates and setCoordinates (NaN where an element has none; given dims added, others kept)', () => {
    const ws = ['POINT ZM (1 2 3 4)', 'POINT M (1 2 4)', 'LINESTRING M (0 0 1, 1 1 2)', 'POINT EMPTY', 'POLYGON ZM ((0 0 1 2, 1 0 1 3, 1 1 1 4, 0 0 1 2))', null, 'LINESTRING (5 5, 6 6)', 'MULTIPOINT M ((1 1 9), (2 2 8))', 'GEOMETRYCOLLECTION M (POINT M (1 1 5), LINESTRING M (0 0 1, 1 1 2))', 'POINT M EMPTY'];
    const A = fromWKT(ws as string[]);
    const N = NaN;
    const xym = gv.getCoordinates(A, { dims: 'xym' });
    assert.deepEqual([...xym.coords], [1, 2, 4, 1, 2, 4, 0, 0, 1, 1, 1, 2, 0, 0, 2, 1, 0, 3, 1, 1, 4, 0, 0, 2, 5, 5, N, 6, 6, N, 1, 1, 9, 2, 2, 8, 1, 1, 5, 0, 0, 1, 1, 1, 2]);
    assert.deepEqual([...xym.index], [0, 1, 2, 2, 4, 4, 4, 4, 6, 6, 7, 7, 8, 8, 8]);
    const xyzm = gv.getCoordinates(A, { dims: 'xyzm' });
    assert.deepEqual([...xyzm.coords.subarray(0, 12)], [1, 2, 3, 4, 1, 2, N, 4, 0, 0, N, 1]);
    assert.deepEqual([...xyzm.coords.subarray(16, 20)], [0, 0, 1, 2]);
    /* the same values as getX / getY / getZ / getM of the points */
    const pts = fromWKT(ws.filter((w) => w?.startsWith('POINT')) as string[]);
    const pc = gv.getCoordinates(pts, { dims: 'xyzm' });
    const ne = [...gv.isEmpty(pts)].map((e, i) => (e ? -1 : i)).filter((i) => i >= 0);
    ne.forEach((i, k) => assert.deepEqual([...pc.coords.subarray(4 * k, 4 * k + 4)], [gv.getX(pts)[i], gv.getY(pts)[i], gv.getZ(pts)[i], gv.getM(pts)[i]]));
    /* setCoordinates: m replaced (and given to every element), z kept */
    const n = xym.index.length;
    const setM = gv.setCoordinates(A, Float64Array.from({ length: 3 * n }, (_, k) => k), { dims: 'xym' });
    assert.deepEqual(toWKT(setM), [
      'POINT ZM (0 1 3 2)', 'POINT M (3 4 5)', 'LINESTRING M (6 7 8, 9 10 11)', 'POINT M EMPTY',
      'POLYGON ZM ((12 13 1 14, 15 16 1 17, 18 19 1 20, 21 22 1 23))', null, 'LINESTRING M (24 25 26, 27 28 29)',
      'MULTIPOINT M ((30 31 32), (33 34 35))', 'GEOMETRYCOLLECTION M (POINT M (36 37 38), LINESTRING M (39 40 41, 42 43 44))', 'POINT M EMPTY',
    ]);
    const setZM = gv.setCoordinates(A, Float64Array.from({ length: 4 * n }, (_, k) => k), { dims: 'xyzm' });
    assert.deepEqual(toWKT(setZM).slice(0, 4), ['POINT ZM (0 1 2 3)', 'POINT ZM (4 5 6 7)', 'LINESTRING ZM (8 9 10 11, 12 13 14 15)', 'POINT ZM EMPTY']);
    assert.deepEqual([...gv.hasM(setZM)], [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
    /* xy and xyz keep m */
    assert.deepEqual(toWKT(gv.setCoordinates(A.slice(0, 3), Float64Array.from({ length: 8 }, (_, k) => k)))!, ['POINT ZM (0 1 3 4)', 'POINT M (2 3 4)', 'LINESTRING M (4 5 1, 6 7 2)']);
    assert.deepEqual(toWKT(gv.setCoordinates(A.slice(0, 3), Float64Array.from({ length: 12 }, (_, k) => k), { dims: 'xyz' }))!, ['POINT ZM (0 1 2 4)', 'POINT ZM (3 4 5 4)', 'LINESTRING ZM (6 7 8 1, 9 10 11 2)']);
    /* round trip: get then set gives the same array */
    assert.deepEqual(toWKT(gv.setCoordinates(setZM, gv.getCoordinates(setZM, { dims: 'xyzm' }).coords, { dims: 'xyzm' })), toWKT(setZM));
    assert.deepEqual(gv.getCoordinates(gv.setCoordinates(A, xym.coords, { dims: 'xym' }), { dims: 'xyzm' }).coords, gv.getCoordinates(A, { dims: 'xyzm' }).coords);
    assert.throws(() => gv.getCoordinates(A, { dims: 'xyzmm' as never }), /dims must be 'xy', 'xyz', 'xym' or 'xyzm'/);
    assert.throws(() => gv.setCoordinates(A, new Float64Array(3 * n), { dims: 'xyzm' }), /coords has/);
  });

  test('m on random geometries: getCoordinates xyzm against GEOS (the z and m ordinates GEOS reads from our WKT) after setCoordinates', () => {
    const ws = randomGeoms(14, 6, 'scaled').filter((w) => /^(POINT|LINESTRING) \(/.test(w));
    const A = fromWKT(ws);
    const n = gv.countCoordinates(A);
    let s = 3;
    const vals = gv.getCoordinates(A, { dims: 'xyzm' }).coords;
    for (let k = 0; k < n; k++) for (const d of [2, 3]) vals[4 * k + d] = Math.round(((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296) * 2000) / 8 - 100;
    const ZM = gv.setCoordinates(A, vals, { dims: 'xyzm' });
    const M = gv.setCoordinates(A, gv.getCoordinates(ZM, { dims: 'xym' }).coords, { dims: 'xym' });
    assert.deepEqual(gv.getCoordinates(ZM, { dims: 'xyzm' }).coords, vals);
    let compared = 0;
    for (const [arr, hasZ] of [[ZM, true], [M, false]] as const) {
      const texts = toWKT(arr) as string[];
      const got = gv.getCoordinates(arr, { dims: 'xyzm' }).coords;
      let at = 0;
      for (const w of texts) {
        const g = geos.read(w);
        const line = w.startsWith('LINESTRING');
        const np = line ? geos.fn('GEOSGeomGetNumPoints', g) : 1;
        /* (GEOSGeomGetPointN drops m: a line's vertices are read from its coordinate sequence) */
        const cs = line ? geos.fn('GEOSGeom_getCoordSeq', g) : 0;
        for (let k = 0; k < np; k++) {
          const z = line ? geos.double('GEOSCoordSeq_getOrdinate', cs, k, 2) : geos.double('GEOSGeomGetZ', g);
          const m = line ? geos.double('GEOSCoordSeq_getOrdinate', cs, k, 3) : geos.double('GEOSGeomGetM', g);
          assert.equal(got[4 * at + 3], m, `m of vertex ${k} of ${w}`);
          if (hasZ) assert.equal(got[4 * at + 2], z, `z of vertex ${k} of ${w}`);
          else assert.ok(Number.isNaN(got[4 * at + 2]), `no z in ${w}`);
          at++;
          compared++;
        }
        geos.destroy(g);
      }
    }
    assert.ok(compared > 500, `${compared} vertices compared`);
  });

  test('affine transforms equal the formula on every coordinate; rotate and scale about each element\'s center', () => {
    const ws = randomGeoms(2, 6, 'far');
    const A = fromWKT(ws);
    const { coords, index } = gv.getCoordinates(A);
    const b = gv.bounds(A);
    const check = (got: GeometryArray, f: (x: number, y: number, i: number) => [number, number]) => {
      const g = gv.getCoordinates(got);
      assert.deepEqual([...g.index], [...index]);
      for (let k = 0; k < index.length; k++) {
        const [x, y] = f(coords[2 * k]!, coords[2 * k + 1]!, index[k]!);
        assert.equal(g.coords[2 * k], x);
        assert.equal(g.coords[2 * k + 1], y);
      }
      assert.deepEqual(gv.geometryType(got), gv.geometryType(A));
    };
    check(gv.translate(A, 1.5, -2), (x, y) => [x + 1.5, y - 2]);
    check(gv.affine(A, [2, 0.5, -0.25, 3, 10, 20]), (x, y) => [2 * x + 0.5 * y + 10, -0.25 * x + 3 * y + 20]);
    const cx = (i: number) => (b[4 * i]! + b[4 * i + 2]!) / 2;
    const cy = (i: number) => (b[4 * i + 1]! + b[4 * i + 3]!) / 2;
    check(gv.rotate(A, 90), (x, y, i) => [0 * x + -1 * y + (cx(i) - 0 * cx(i) - -1 * cy(i)), 1 * x + 0 * y + (cy(i) - 1 * cx(i) - 0 * cy(i))]);
    check(gv.scale(A, 2, 3, { origin: [1, 1] }), (x, y) => [2 * x + 0 * y + (1 - 2), 0 * x + 3 * y + (1 - 3)]);
    const t = Math.tan(Math.PI / 6);
    check(gv.skew(A, 30, 0, { origin: [0, 0] }), (x, y) => [1 * x + t * y + 0, 0 * x + 1 * y + 0]);
    /* a quarter turn about the center maps a square onto itself */
    assert.deepEqual(toWKT(gv.rotate(fromWKT(['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))']), 90)), ['POLYGON ((2 0, 2 2, 0 2, 0 0, 2 0))']);
    assert.deepEqual(toWKT(gv.rotate(fromWKT(['POINT (1 0)']), Math.PI / 2, { origin: [0, 0], useRadians: true })), ['POINT (0 1)']);
  });
});

describe('affine transforms: 3D and origin centroid', () => {
  test('Shapely values computed by hand: 12-value matrices, zoff, zfact, origin centroid, z kept by 2D transforms, m carried', () => {
    const w = (g: GeometryArray) => toWKT(g);
    const P = fromWKT(['POINT Z (1 2 3)', 'POINT (1 2)', 'POINT EMPTY', null as unknown as string, 'POINT ZM (1 2 3 4)', 'POINT M (1 2 4)']);
    const m12 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    /* 3D: x' = 1+4+9+10, y' = 4+10+18+11, z' = 7+16+27+12; 2D: the 2D part */
    assert.deepEqual(w(gv.affine(P, m12)), ['POINT Z (24 43 62)', 'POINT (15 25)', 'POINT EMPTY', null, 'POINT ZM (24 43 62 4)', 'POINT M (15 25 4)']);
    assert.deepEqual(w(gv.translate(P, 1, 1, 1)), ['POINT Z (2 3 4)', 'POINT (2 3)', 'POINT EMPTY', null, 'POINT ZM (2 3 4 4)', 'POINT M (2 3 4)']);
    /* scale about the center (1 2 0): z' = 4 z */
    assert.deepEqual(w(gv.scale(P, 2, 3, 4)), ['POINT Z (1 2 12)', 'POINT (1 2)', 'POINT EMPTY', null, 'POINT ZM (1 2 12 4)', 'POINT M (1 2 4)']);
    assert.deepEqual(w(gv.scale(P, 2, 3, 4, { origin: [0, 0, 1] })), ['POINT Z (2 6 9)', 'POINT (2 6)', 'POINT EMPTY', null, 'POINT ZM (2 6 9 4)', 'POINT M (2 6 4)']);
    assert.deepEqual(w(gv.scale(P, 2, 3, { origin: [0, 0] })), ['POINT Z (2 6 3)', 'POINT (2 6)', 'POINT EMPTY', null, 'POINT ZM (2 6 3 4)', 'POINT M (2 6 4)']);
    const L = fromWKT(['LINESTRING Z (0 0 1, 2 2 2)']);
    assert.deepEqual(w(gv.scale(L, 2, 2, 2)), ['LINESTRING Z (-1 -1 2, 3 3 4)']);
    /* 2D transforms keep z */
    assert.deepEqual(w(gv.rotate(fromWKT(['POINT Z (1 0 5)']), 90, { origin: [0, 0] })), ['POINT Z (0 1 5)']);
    assert.deepEqual(w(gv.skew(fromWKT(['LINESTRING Z (0 0 7, 0 1 8)']), 45, 0, { origin: [0, 0, 100] })), ['LINESTRING Z (0 0 7, 0.9999999999999999 1 8)']); /* tan(45°), as Shapely */
    /* origin 'centroid': the triangle's centroid (1 1), its bounds center (1.5 1.5) */
    const T = fromWKT(['POLYGON ((0 0, 3 0, 0 3, 0 0))', 'POLYGON Z ((0 0 1, 3 0 2, 0 3 3, 0 0 1))']);
    assert.deepEqual(w(gv.rotate(T, 90, { origin: 'centroid' })), ['POLYGON ((2 0, 2 3, -1 0, 2 0))', 'POLYGON Z ((2 0 1, 2 3 2, -1 0 3, 2 0 1))']);
    assert.deepEqual(w(gv.rotate(T, 90)), ['POLYGON ((3 0, 3 3, 0 0, 3 0))', 'POLYGON Z ((3 0 1, 3 3 2, 0 0 3, 3 0 1))']);
    assert.deepEqual(w(gv.scale(T, 2, 2, 2, { origin: 'centroid' })), ['POLYGON ((-1 -1, 5 -1, -1 5, -1 -1))', 'POLYGON Z ((-1 -1 2, 5 -1 4, -1 5 6, -1 -1 2))']);
    /* skew 45 about (1 1): x' = x + t y - t, t = tan(45°) = 0.9999999999999999 (Shapely's matrix, the same rounding) */
    assert.deepEqual(w(gv.skew(T, 45, 0, { origin: 'centroid' })), [
      'POLYGON ((-0.9999999999999999 0, 2 0, 1.9999999999999996 3, -0.9999999999999999 0))',
      'POLYGON Z ((-0.9999999999999999 0 1, 2 0 2, 1.9999999999999996 3 3, -0.9999999999999999 0 1))',
    ]);
    /* a collection's centroid is that of its highest dimension (the polygon) */
    assert.deepEqual(w(gv.scale(fromWKT(['GEOMETRYCOLLECTION (POINT (9 9), POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)))']), 2, 2, { origin: 'centroid' })), ['GEOMETRYCOLLECTION (POINT (17 17), POLYGON ((-1 -1, 3 -1, 3 3, -1 3, -1 -1)))']);
    /* empties and nulls */
    assert.deepEqual(w(gv.rotate(fromWKT(['LINESTRING EMPTY', 'POLYGON Z EMPTY']), 30, { origin: 'centroid' })), ['LINESTRING EMPTY', 'POLYGON Z EMPTY']);
    /* errors */
    assert.throws(() => gv.affine(P, [1, 2, 3, 4, 5, 6, 7]), GeovecError);
    assert.throws(() => gv.affine(P, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NaN]), /finite/);
    assert.throws(() => gv.rotate(P, 1, { origin: 'middle' as never }), /origin/);
    assert.throws(() => gv.scale(P, 1, 1, 1, { origin: [1, 2, 3, 4] as never }), /origin/);
    assert.throws(() => gv.translate(P, 0, 0, Infinity), /zoff/);
  });

  test('random geometries with z: 12-value matrices and zoff equal the formula on every coordinate; 2D elements take the 2D part', () => {
    const ws = randomGeoms(12, 6, 'far');
    const A2 = fromWKT(ws);
    /* every other element gets z (random values) */
    const pick = Int32Array.from(ws.map((_, i) => (i % 2 ? i : -1)));
    const zsrc = gv.forceXYZ(A2.take(pick.filter((i) => i >= 0)), 0);
    const zc = gv.getCoordinates(zsrc, { dims: 'xyz' });
    let s = 5;
    for (let k = 2; k < zc.coords.length; k += 3) zc.coords[k] = ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296) * 200 - 100;
    const z3 = gv.setCoordinates(zsrc, zc.coords, { dims: 'xyz' });
    const A = A2.concat(z3);
    const { coords, index } = gv.getCoordinates(A, { dims: 'xyz' });
    const hz = gv.hasZ(A);
    const m = [1.5, -0.25, 0.125, 0.75, 2, -0.5, 0.3, 0.2, 0.9, 10, -20, 3.5];
    const got = gv.getCoordinates(gv.affine(A, m), { dims: 'xyz' });
    assert.deepEqual([...got.index], [...index]);
    assert.deepEqual([...gv.hasZ(gv.affine(A, m))], [...hz]);
    const lin = (a: number, u: number, b: number, v: number, c: number, w: number, off: number) => (c !== 0 ? a * u + b * v + c * w : a * u + b * v) + off;
    let n3 = 0;
    for (let k = 0; k < index.length; k++) {
      const [x, y, z] = [coords[3 * k]!, coords[3 * k + 1]!, coords[3 * k + 2]!];
      const three = hz[index[k]!] === 1;
      n3 += three ? 1 : 0;
      const want = three
        ? [lin(m[0]!, x, m[1]!, y, m[2]!, z, m[9]!), lin(m[3]!, x, m[4]!, y, m[5]!, z, m[10]!), lin(m[6]!, x, m[7]!, y, m[8]!, z, m[11]!)]
        : [lin(m[0]!, x, m[1]!, y, 0, z, m[9]!), lin(m[3]!, x, m[4]!, y, 0, z, m[10]!), NaN];
      assert.deepEqual([got.coords[3 * k], got.coords[3 * k + 1], got.coords[3 * k + 2]], want, `coordinate ${k}`);
    }
    assert.ok(n3 > 100, `${n3} coordinates with z`);
    /* translate with zoff; scale with zfact about a 3D origin; 2D transforms leave z alone */
    const tz = gv.getCoordinates(gv.translate(A, 1, 2, 3), { dims: 'xyz' }).coords;
    const sz = gv.getCoordinates(gv.scale(A, 2, 3, 4, { origin: [1, 1, 1] }), { dims: 'xyz' }).coords;
    const rz = gv.getCoordinates(gv.rotate(A, 33, { origin: 'centroid' }), { dims: 'xyz' }).coords;
    for (let k = 0; k < index.length; k++) {
      const three = hz[index[k]!] === 1;
      const z = coords[3 * k + 2]!;
      assert.deepEqual([tz[3 * k], tz[3 * k + 1], tz[3 * k + 2]], [coords[3 * k]! + 1, coords[3 * k + 1]! + 2, three ? z + 3 : NaN]);
      assert.deepEqual([sz[3 * k], sz[3 * k + 1], sz[3 * k + 2]], [2 * coords[3 * k]! + (1 - 2), 3 * coords[3 * k + 1]! + (1 - 3), three ? 4 * z + (1 - 4) : NaN]);
      assert.ok(Object.is(rz[3 * k + 2], three ? z : NaN));
    }
  });

  test("origin 'centroid' is GEOS's centroid (GEOSGetCentroid) of each element, and stays put", (t) => {
    const ws = randomGeoms(13, 8, 'scaled').filter((w) => !/EMPTY/.test(w));
    const A = fromWKT(ws);
    const cases: [string, GeometryArray, (x: number, y: number, cx: number, cy: number) => [number, number]][] = [];
    const c = Math.cos((33 * Math.PI) / 180);
    const sn = Math.sin((33 * Math.PI) / 180);
    cases.push(['rotate 33', gv.rotate(A, 33, { origin: 'centroid' }), (x, y, cx, cy) => [c * x - sn * y + (cx - c * cx + sn * cy), sn * x + c * y + (cy - sn * cx - c * cy)]]);
    cases.push(['scale 2 0.5', gv.scale(A, 2, 0.5, { origin: 'centroid' }), (x, y, cx, cy) => [2 * x + (cx - 2 * cx), 0.5 * y + (cy - 0.5 * cy)]]);
    const tx = Math.tan((20 * Math.PI) / 180);
    cases.push(['skew 20 0', gv.skew(A, 20, 0, { origin: 'centroid' }), (x, y, cx, cy) => [x + tx * y + (cx - cx - tx * cy), y]]);
    const { coords, index } = gv.getCoordinates(A);
    const gc: [number, number][] = ws.map((w) => {
      const g = geos.read(w);
      const p = geos.fn('GEOSGetCentroid', g);
      const r: [number, number] = [geos.double('GEOSGeomGetX', p)!, geos.double('GEOSGeomGetY', p)!];
      geos.destroy(p);
      geos.destroy(g);
      return r;
    });
    let worst = 0;
    for (const [name, out, f] of cases) {
      const got = gv.getCoordinates(out);
      assert.deepEqual([...got.index], [...index], name);
      for (let k = 0; k < index.length; k++) {
        const [cx, cy] = gc[index[k]!]!;
        const [x, y] = f(coords[2 * k]!, coords[2 * k + 1]!, cx, cy);
        const scale = Math.max(1, Math.abs(x), Math.abs(y), Math.abs(cx), Math.abs(cy));
        const err = Math.max(Math.abs(got.coords[2 * k]! - x), Math.abs(got.coords[2 * k + 1]! - y)) / scale;
        worst = Math.max(worst, err);
        assert.ok(err <= 1e-12, `${name} of ${ws[index[k]!]}: (${got.coords[2 * k]}, ${got.coords[2 * k + 1]}) vs (${x}, ${y})`);
      }
      /* a rotation about the centroid leaves it where it was (scale and
       * skew change the length weights of lines, so only rotate) */
      if (!name.startsWith('rotate')) continue;
      const cx2 = gv.getX(gv.centroid(out));
      const cy2 = gv.getY(gv.centroid(out));
      for (let i = 0; i < ws.length; i++) {
        const [cx, cy] = gc[i]!;
        const tol = 1e-9 * Math.max(1, Math.abs(cx), Math.abs(cy));
        assert.ok(Math.abs(cx2[i]! - cx) <= tol && Math.abs(cy2[i]! - cy) <= tol, `${name}: centroid of ${ws[i]} moved`);
      }
    }
    t.diagnostic(`${ws.length} geometries, ${index.length} coordinates x 3 transforms, worst relative difference ${worst.toExponential(2)}`);
  });
});

describe('parts and properties: agreement with GEOS 3.13', () => {
  const check = (ws: string[], t: { diagnostic(s: string): void }) => {
    const A = fromWKT(ws);
    const n = ws.length;
    const numG = gv.getNumGeometries(A);
    const numH = gv.getNumInteriorRings(A);
    const numP = gv.getNumPoints(A);
    const ext = toWKT(gv.getExteriorRing(A));
    const [closed, ring, hz] = [gv.isClosed(A), gv.isRing(A), gv.hasZ(A)];
    const [x, y] = [gv.getX(A), gv.getY(A)];
    const parts = gv.getParts(A);
    const partsW = toWKT(parts.parts);
    const rings = gv.getRings(A);
    const ringsW = toWKT(rings.rings);
    const g0 = toWKT(gv.getGeometry(A, 0));
    const gLast = toWKT(gv.getGeometry(A, -1));
    const h0 = toWKT(gv.getInteriorRing(A, 0));
    const p1 = toWKT(gv.getPoint(A, 1));
    const failures: string[] = [];
    let compared = 0;
    let at = 0;
    let ringAt = 0;
    const eq = (what: string, i: number, ours: unknown, theirs: unknown) => {
      compared++;
      if (ours !== theirs && !(Number.isNaN(ours) && Number.isNaN(theirs))) failures.push(`${what} of ${ws[i]}: ${String(ours)} (GEOS ${String(theirs)})`);
    };
    for (let i = 0; i < n; i++) {
      const g = geos.read(ws[i]!);
      const type = ws[i]!.split(' ')[0]!;
      const ng = geos.fn('GEOSGetNumGeometries', g);
      eq('getNumGeometries', i, numG[i], ng);
      for (let k = 0; k < ng; k++) {
        eq(`getParts ${k}`, i, norm(partsW[at] ?? null), geosWKT(geos.fn('GEOSGetGeometryN', g, k)));
        eq(`getParts index ${k}`, i, parts.index[at++], i);
      }
      if (ng > 0) {
        eq('getGeometry 0', i, norm(g0[i] ?? null), geosWKT(geos.fn('GEOSGetGeometryN', g, 0)));
        eq('getGeometry -1', i, norm(gLast[i] ?? null), geosWKT(geos.fn('GEOSGetGeometryN', g, ng - 1)));
      }
      eq('hasZ', i, hz[i], geos.fn('GEOSHasZ', g));
      if (type === 'POLYGON') {
        const nh = geos.fn('GEOSGetNumInteriorRings', g);
        eq('getNumInteriorRings', i, numH[i], nh);
        eq('getExteriorRing', i, norm(ext[i] ?? null), geosWKT(geos.fn('GEOSGetExteriorRing', g)));
        if (nh > 0) eq('getInteriorRing 0', i, norm(h0[i] ?? null), geosWKT(geos.fn('GEOSGetInteriorRingN', g, 0)));
        else eq('getInteriorRing 0', i, h0[i], null);
        if (!ws[i]!.endsWith('EMPTY')) {
          eq('getRings shell', i, norm(ringsW[ringAt] ?? null), geosWKT(geos.fn('GEOSGetExteriorRing', g)));
          for (let k = 0; k < nh; k++) eq(`getRings hole ${k}`, i, norm(ringsW[ringAt + 1 + k] ?? null), geosWKT(geos.fn('GEOSGetInteriorRingN', g, k)));
          for (let k = 0; k <= nh; k++) eq('getRings index', i, rings.index[ringAt + k], i);
          ringAt += nh + 1;
        }
      } else {
        eq('getNumInteriorRings', i, numH[i], 0);
        eq('getExteriorRing', i, ext[i], null);
      }
      if (type === 'LINESTRING') {
        const np = geos.fn('GEOSGeomGetNumPoints', g);
        eq('getNumPoints', i, numP[i], np);
        if (np > 1) eq('getPoint 1', i, norm(p1[i] ?? null), geosWKT(geos.fn('GEOSGeomGetPointN', g, 1)) && norm(geosWKT(geos.fn('GEOSGeomGetPointN', g, 1))));
        eq('isRing', i, ring[i], geos.fn('GEOSisRing', g));
      } else {
        eq('getNumPoints', i, numP[i], 0);
        eq('isRing', i, ring[i], 0);
      }
      if (type === 'LINESTRING' || type === 'MULTILINESTRING') eq('isClosed', i, closed[i], ws[i]!.endsWith('EMPTY') ? 0 : geos.fn('GEOSisClosed', g));
      else eq('isClosed', i, closed[i], 0);
      if (type === 'POINT' && !ws[i]!.endsWith('EMPTY')) {
        eq('getX', i, x[i], geos.double('GEOSGeomGetX', g));
        eq('getY', i, y[i], geos.double('GEOSGeomGetY', g));
      } else {
        eq('getX', i, x[i], NaN);
      }
      geos.destroy(g);
    }
    eq('getParts length', 0, parts.parts.length, at);
    eq('getRings length', 0, rings.rings.length, ringAt);
    t.diagnostic(`${n} geometries, ${compared} answers compared`);
    assert.equal(failures.length, 0, `${failures.length} disagree with GEOS:\n${failures.slice(0, 20).join('\n')}`);
  };

  test('seeded random geometries of every type', (t) => check(randomGeoms(3, 25), t));
  test('random line strings: isRing, isClosed, isCCW', (t) => {
    /* closed lines, simple or not, and the rings of random polygons */
    const ws = randomGeoms(4, 20).filter((w) => w.startsWith('POLYGON') && !w.endsWith('EMPTY'));
    const rings = gv.getRings(fromWKT(ws)).rings;
    const lines = [...toWKT(rings) as string[], ...randomGeoms(5, 12).filter((w) => w.startsWith('LINESTRING'))];
    check(lines, t);
    /* isCCW: the sign of the area of valid rings */
    const R = fromWKT(lines.filter((w) => geos.isValidWKT(w.replace('LINESTRING (', 'POLYGON ((') + ')')));
    const ccw = gv.isCCW(R);
    const { coords, index } = gv.getCoordinates(R);
    const area = new Float64Array(R.length);
    for (let k = 0; k + 1 < index.length; k++) if (index[k] === index[k + 1]) area[index[k]!] += coords[2 * k]! * coords[2 * k + 3]! - coords[2 * k + 2]! * coords[2 * k + 1]!;
    for (let i = 0; i < R.length; i++) assert.equal(ccw[i], area[i]! > 0 ? 1 : 0, `isCCW of ${toWKT(R)[i]}`);
    t.diagnostic(`${R.length} valid rings: isCCW agrees with the sign of the area`);
  });

  test('isRing against GEOSisRing: random closed lines on a small grid (self-touching, crossing, overlapping, repeated points) and made-up cases', (t) => {
    let s = 77;
    const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const ws: string[] = [
      'LINESTRING (0 0, 1 0, 1 1, 0 1, 0 0)', /* a square */
      'LINESTRING (0 0, 2 0, 2 2, 1 0, 0 2, 0 0)', /* touches itself at (1 0) from inside */
      'LINESTRING (0 0, 2 0, 1 1, 2 2, 0 2, 1 1, 0 0)', /* a figure eight through a vertex */
      'LINESTRING (0 0, 2 2, 2 0, 0 2, 0 0)', /* a bowtie: crossing inside segments */
      'LINESTRING (0 0, 2 0, 2 2, 0 0, 0 2, 0 0)', /* back through the start point */
      'LINESTRING (0 0, 1 0, 0 0)', /* there and back */
      'LINESTRING (0 0, 0 0)', 'LINESTRING (0 0, 0 0, 0 0, 0 0)', /* one point */
      'LINESTRING (0 0, 1 0, 1 0, 1 1, 0 1, 0 1, 0 0)', /* repeated points */
      'LINESTRING (0 0, 3 0, 3 3, 0 3, 0 0, 0 0)', 'LINESTRING (0 0, 0 0, 3 0, 3 3, 0 0)',
      'LINESTRING (0 0, 4 0, 4 4, 2 0, 0 4, 0 0)', /* a spike tip on a side */
      'LINESTRING (0 0, 4 0, 4 2, 2 2, 2 0, 1 0, 1 3, 0 3, 0 0)', /* overlaps its own first side */
      'LINESTRING (0 0, 1 0, 1 1, 0 1, 0 0.5)', /* open */
      'LINESTRING EMPTY', 'LINESTRING Z (0 0 1, 1 0 2, 1 1 3, 0 0 4)',
    ];
    for (let k = 0; k < 600; k++) {
      const n = 2 + Math.floor(r() * (k % 3 === 0 ? 40 : 9));
      const g = k % 4 === 0 ? 8 : 4;
      const pts: string[] = [];
      for (let q = 0; q < n; q++) pts.push(`${Math.floor(r() * g)} ${Math.floor(r() * g)}`);
      if (k % 5 === 1 && n > 2) pts[2] = pts[1]!; /* a repeated point */
      pts.push(pts[0]!);
      ws.push(`LINESTRING (${pts.join(', ')})`);
    }
    /* convex polygon rings that touch their start vertex from a far vertex */
    for (let k = 0; k < 100; k++) {
      const m = 4 + Math.floor(r() * 8);
      const pts: string[] = [];
      for (let q = 0; q < m; q++) {
        const a = (2 * Math.PI * q) / m;
        pts.push(`${Math.round(10 * Math.cos(a))} ${Math.round(10 * Math.sin(a))}`);
      }
      if (k % 2) pts.splice(1 + Math.floor(r() * (m - 1)), 0, pts[0]!);
      pts.push(pts[0]!);
      ws.push(`LINESTRING (${pts.join(', ')})`);
    }
    const got = gv.isRing(fromWKT(ws));
    const failures: string[] = [];
    let rings = 0;
    ws.forEach((w, i) => {
      const g = geos.read(w);
      const want = geos.fn('GEOSisRing', g);
      geos.destroy(g);
      rings += want;
      if (got[i] !== want) failures.push(`${w}: ${got[i]} (GEOS ${want})`);
    });
    t.diagnostic(`${ws.length} lines, ${rings} rings by GEOS, ${failures.length} disagree`);
    assert.ok(rings > 50 && rings < ws.length - 200, `a mix of rings and not (${rings})`);
    assert.equal(failures.length, 0, failures.slice(0, 20).join('\n'));
    /* the same as isSimple of closed lines */
    const closed = fromWKT(ws.filter((w) => !w.endsWith('EMPTY')));
    const simple = gv.isSimple(closed);
    const cl = gv.isClosed(closed);
    const ring = gv.isRing(closed);
    for (let i = 0; i < closed.length; i++) assert.equal(ring[i], cl[i]! & simple[i]!, toWKT(closed)[i]!);
  });

  test('equalsExact against GEOSEqualsExact on random pairs, with tolerances', (t) => {
    const [as, bs] = corpus(6, 20, 'scaled', (w) => geos.isValidWKT(w));
    const A = fromWKT(as);
    const B = fromWKT([...bs.slice(0, 500), ...as.slice(500)]);
    const bws = [...bs.slice(0, 500), ...as.slice(500)];
    const shifted = gv.translate(A, 0.001, 0);
    let compared = 0;
    for (const [other, texts] of [[B, bws], [shifted, toWKT(shifted) as string[]]] as const) {
      for (const tol of [0, 0.0005, 0.002]) {
        const got = gv.equalsExact(A, other, tol);
        for (let i = 0; i < as.length; i++) {
          if (/EMPTY/.test(as[i]!) || /EMPTY/.test(texts[i]!)) continue; /* GEOS compares empty members by type only */
          const ga = geos.read(as[i]!);
          const gb = geos.read(texts[i]!);
          assert.equal(got[i], geos.fn('GEOSEqualsExact', ga, gb, tol), `equalsExact(${as[i]}, ${texts[i]}, ${tol})`);
          compared++;
          geos.destroy(ga);
          geos.destroy(gb);
        }
      }
    }
    t.diagnostic(`${compared} pairs compared`);
  });

  test('../shared/data: parts, rings and counts of every feature', (t) => {
    for (const name of ['us-counties.geojson', 'us-states.geojson', 'ne-countries-110m.geojson', 'nybb.geojson', 'tg-shapes.geojson', 'ne-cities-110m.geojson']) {
      if (!existsSync(new URL(name, DATA_URL))) return t.skip('../shared/data is absent');
      const a = fromGeoJSON(readFileSync(new URL(name, DATA_URL)));
      check(toWKT(a) as string[], t);
      const { coords } = gv.getCoordinates(a);
      assert.equal(coords.length / 2, gv.countCoordinates(a));
      assert.equal(gv.countCoordinates(a), gv.numPoints(a).reduce((s, v) => s + v, 0));
    }
  });
});

describe('constructors', () => {
  test('linestrings, multipoints, polygons, box, collect', () => {
    const xy = new Float64Array([0, 0, 1, 1, 2, 2, 5, 5, 6, 6]);
    assert.deepEqual(toWKT(gv.linestrings(xy, [0, 3, 3, 5])), ['LINESTRING (0 0, 1 1, 2 2)', 'LINESTRING EMPTY', 'LINESTRING (5 5, 6 6)']);
    assert.deepEqual(toWKT(gv.linestrings(new Float64Array([0, 0, 1, 1, 1, 2]), [0, 2], { dims: 'xyz' })), ['LINESTRING Z (0 0 1, 1 1 2)']);
    assert.deepEqual(toWKT(gv.multipoints(xy, [0, 2, 2, 5])), ['MULTIPOINT ((0 0), (1 1))', 'MULTIPOINT EMPTY', 'MULTIPOINT ((2 2), (5 5), (6 6))']);
    const polys = fromWKT(['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1), (5 5, 6 5, 6 6, 5 5))', 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'POLYGON EMPTY']);
    const { rings, index } = gv.getRings(polys);
    const shells = gv.getExteriorRing(polys);
    const holes = rings.take([1, 2]);
    assert.deepEqual(toWKT(gv.polygons(shells, { rings: holes, index: [0, 0] })), toWKT(polys));
    assert.deepEqual([...index], [0, 0, 0, 1]);
    assert.deepEqual(toWKT(gv.polygons(shells)), ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))', 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'POLYGON EMPTY']);
    assert.throws(() => gv.polygons(fromWKT(['LINESTRING (0 0, 1 0, 1 1)'])), /not a closed ring/);
    assert.throws(() => gv.polygons(shells, { rings: holes, index: [0, 7] }), /outside/);
    assert.deepEqual(toWKT(gv.box(0, 0, [1, 2], 1)), ['POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))', 'POLYGON ((2 0, 2 1, 0 1, 0 0, 2 0))']);
    assert.deepEqual(toWKT(gv.box(0, 0, 1, 1, { ccw: false })), ['POLYGON ((1 0, 0 0, 0 1, 1 1, 1 0))']);
    assert.deepEqual(toWKT(gv.box(0, 0, NaN, 1)), [null]);
    assert.deepEqual(gv.isCCW(gv.getExteriorRing(gv.box(0, 0, 1, 1))), Uint8Array.of(1));
    const parts = fromWKT(['POINT (1 1)', 'POINT (2 2)', 'LINESTRING (0 0, 1 1)', 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'MULTIPOINT ((3 3))', 'POINT (4 4)']);
    assert.deepEqual(toWKT(gv.collect(parts, [0, 0, 1, 1, 2, -1], { count: 4 })), [
      'MULTIPOINT ((1 1), (2 2))',
      'GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))',
      'GEOMETRYCOLLECTION (MULTIPOINT ((3 3)))',
      'GEOMETRYCOLLECTION EMPTY',
    ]);
    /* getParts then collect by index rebuilds multi geometries */
    const multi = fromWKT(['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))', 'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))']);
    const p = gv.getParts(multi);
    assert.deepEqual(toWKT(gv.collect(p.parts, p.index)), toWKT(multi));
  });

  test('argument errors name the argument', () => {
    const A = fromWKT(['POINT (1 1)', 'LINESTRING (0 0, 1 1)']);
    assert.throws(() => gv.linestrings(new Float64Array([0, 0, 1, 1]), [0, 1, 2]), /1 coordinate/);
    assert.throws(() => gv.linestrings(new Float64Array([0, 0, 1]), [0, 1]), /not a multiple of 2/);
    assert.throws(() => gv.linestrings(new Float64Array([0, 0, 1, 1]), [0, 3]), /offsets must start at 0/);
    assert.throws(() => gv.setCoordinates(A, new Float64Array(4)), /coords has 2 coordinates/);
    assert.throws(() => gv.translate(A, NaN), /xoff must be a finite number/);
    assert.throws(() => gv.rotate(A, 10, { origin: 'middle' as never }), /origin must be/);
    assert.throws(() => gv.getGeometry(A, new Int32Array(3)), /index has 3 values/);
    assert.throws(() => gv.getGeometry(A, 0.5), /index must be an integer/);
    assert.throws(() => gv.transform(A, (() => [new Float64Array(1)]) as never), /must return 2 columns/);
    assert.throws(() => gv.collect(A, [0]), /groups has 1 values/);
    assert.throws(() => gv.box(0, 0, [1, 2], [1, 2, 3]), /ymax has 3 values, the first array 2/);
    assert.throws(() => gv.equalsExact(A, A, -1), GeovecError);
  });

  test('nulls', () => {
    const A = fromWKT(['POINT (1 1)', 'bad', 'LINESTRING (0 0, 1 1)'], { onInvalid: 'null' });
    assert.deepEqual(toWKT(gv.translate(A, 1, 1)), ['POINT (2 2)', null, 'LINESTRING (1 1, 2 2)']);
    assert.deepEqual([...gv.getNumGeometries(A)], [1, 0, 1]);
    assert.deepEqual(toWKT(gv.getGeometry(A, 0)), ['POINT (1 1)', null, 'LINESTRING (0 0, 1 1)']);
    assert.deepEqual([...gv.getX(A)], [1, NaN, NaN]);
    assert.deepEqual([...gv.isClosed(A)], [0, 0, 0]);
    assert.deepEqual([...gv.getCoordinates(A).index], [0, 2, 2]);
    assert.deepEqual([...gv.equalsExact(A, A)], [1, 0, 1]);
  });
});

describe('coordinates and parts: both backends', () => {
  test('the other backend gives identical results', (t) => {
    const other = backend() === 'native' ? 'wasm' : 'native';
    const root = fileURLToPath(new URL('..', import.meta.url));
    const script = `import(${JSON.stringify(new URL('./helpers/geovec.ts', import.meta.url).href)}).then(async (g) => {
      const c = await import(${JSON.stringify(new URL('./helpers/measures-corpus.ts', import.meta.url).href)});
      const [as, bs] = c.corpus(8, 5, 'far');
      const A = g.fromWKT([...as, ...bs]);
      const out = [g.toWKT(g.rotate(A, 33)), g.toWKT(g.skew(A, 10, 5)), g.toWKT(g.getParts(A).parts), g.toWKT(g.getRings(A).rings), [...g.isRing(A)], [...g.isCCW(A)], g.toWKT(g.collect(A, A.typeCodes.map((t) => t % 3)))];
      process.stdout.write(JSON.stringify(out));
    })`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env: { ...process.env, GEOVEC_BACKEND: other }, encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.status !== 0) return t.skip(`the ${other} backend does not run here: ${r.stderr.split('\n')[0]}`);
    const [as, bs] = corpus(8, 5, 'far');
    const A = fromWKT([...as, ...bs]);
    const ours = [toWKT(gv.rotate(A, 33)), toWKT(gv.skew(A, 10, 5)), toWKT(gv.getParts(A).parts), toWKT(gv.getRings(A).rings), [...gv.isRing(A)], [...gv.isCCW(A)], toWKT(gv.collect(A, A.typeCodes.map((t) => t % 3)))];
    assert.deepEqual(JSON.parse(r.stdout), ours);
  });
});
