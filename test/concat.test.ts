/**
 * concat of many arrays in one pass (src/core/array/concat.c through the
 * concat kernel, src/ts/array.ts concatArrays): arrays of every layout the
 * core holds (parsed, points() interleaved and separated, borrowed GeoArrow
 * buffers with validity bitmaps and separated coordinates, slices, EWKB
 * SRIDs, collections, Z / M / ZM) joined in every mix, checked element by
 * element against each source's own WKB, and against the per-element
 * builder path (take).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  GeometryArray,
  bounds,
  fromArrow,
  fromHex,
  fromWKB,
  fromWKT,
  isEmpty,
  numPoints,
  points,
  randInt,
  rng,
  toArrow,
  toWKB,
  toWKT,
} from './helpers/geovec.js';
import { concatArrays } from '../src/ts/array.js';

const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);
const ewkb = (a: GeometryArray) => toWKB(a, { ewkb: true }).map(hex);

const WKT_POOL = [
  'POINT (1 2)',
  'POINT EMPTY',
  'LINESTRING (0 0, 1 1, 2 0)',
  'LINESTRING EMPTY',
  'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))',
  'MULTIPOINT ((1 2), (3 4))',
  'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))',
  'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))',
  'GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 2 2), POLYGON ((0 0, 1 0, 1 1, 0 0)))',
  'GEOMETRYCOLLECTION (MULTIPOINT ((0 0)), GEOMETRYCOLLECTION (POINT (3 3)))',
  'GEOMETRYCOLLECTION EMPTY',
  'POINT Z (1 2 3)',
  'LINESTRING M (0 0 5, 1 1 6)',
  'POLYGON ZM ((0 0 1 2, 1 0 1 2, 1 1 1 2, 0 0 1 2))',
];
const EWKB_HEX = [
  '0101000020E6100000000000000000F03F0000000000000040', // SRID=4326;POINT(1 2)
  '0101000020110F0000000000000000F03F0000000000000040', // SRID=3857;POINT(1 2)
];

/** A random array of one of the layouts the core holds, and what its elements are. */
function randomArray(r: () => number, k: number): GeometryArray {
  const n = randInt(r, 6);
  switch (randInt(r, 7)) {
    case 0: // parsed, any type
      return fromWKT(Array.from({ length: n }, () => (r() < 0.15 ? null : WKT_POOL[randInt(r, WKT_POOL.length)]!)));
    case 1: // parsed 2D lines only (identity geom and part levels)
      return fromWKT(Array.from({ length: n }, (_, i) => `LINESTRING (${k} ${i}, ${k + 1} ${i + 1})`));
    case 2: // points(), interleaved
      {
      const xy = Float64Array.from({ length: 2 * n }, (_, i) => k * 100 + i);
      for (let i = 0; i < n; i++) if (r() < 0.2) xy[2 * i] = xy[2 * i + 1] = NaN; // POINT EMPTY
      return points(xy);
    }
    case 3: // points(), separated columns
      return points(Float64Array.from({ length: n }, (_, i) => k + i), Float64Array.from({ length: n }, (_, i) => -k - i));
    case 4: { // borrowed GeoArrow buffers with a validity bitmap (null slots hold coordinates)
      const src = fromWKT(Array.from({ length: n }, (_, i) => (i % 3 === 1 ? null : `POLYGON ((${k} 0, ${k + 1} 0, ${k + 1} ${i + 1}, ${k} 0))`)));
      return fromArrow(toArrow(src, { coords: r() < 0.5 ? 'separated' : 'interleaved' }));
    }
    case 5: { // a slice of a larger parsed array
      const big = fromWKT(Array.from({ length: n + 4 }, (_, i) => WKT_POOL[(i + k) % WKT_POOL.length]!));
      return big.slice(2, 2 + n);
    }
    default: // EWKB SRIDs
      return fromHex(Array.from({ length: n }, (_, i) => (i % 2 ? EWKB_HEX[i % 2]! : '0101000000000000000000F03F0000000000000040')));
  }
}

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]) || a[i] === b[i], `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

describe('concat: one pass over many arrays', () => {
  test('seeded random mixes of every layout equal each source element by element', () => {
    const r = rng(1414);
    for (let trial = 0; trial < 60; trial++) {
      const k = 1 + randInt(r, trial < 40 ? 9 : 40);
      const parts = Array.from({ length: k }, (_, j) => randomArray(r, j));
      const want = parts.flatMap(ewkb);
      const all = k === 1 ? parts[0]!.concat() : parts[0]!.concat(...parts.slice(1));
      assert.equal(all.length, want.length, `trial ${trial}: length`);
      assert.deepEqual(ewkb(all), want, `trial ${trial}: elements`);
      // the per-element builder path gives the same array
      const viaBuilder = fromWKB(toWKB(all, { ewkb: true }));
      sameNumbers(bounds(all), bounds(viaBuilder), `trial ${trial}: bounds`);
      sameNumbers(numPoints(all), numPoints(viaBuilder), `trial ${trial}: numPoints`);
      sameNumbers(isEmpty(all), isEmpty(viaBuilder), `trial ${trial}: isEmpty`);
      assert.deepEqual(ewkb(all.take(Int32Array.from({ length: all.length }, (_, i) => all.length - 1 - i))), want.slice().reverse(), `trial ${trial}: take of the result`);
      const dims = new Set(parts.map((p) => p.dims));
      const z = [...dims].some((d) => d.includes('z')), m = [...dims].some((d) => d.includes('m'));
      assert.equal(all.dims, z ? (m ? 'xyzm' : 'xyz') : m ? 'xym' : 'xy', `trial ${trial}: dims`);
      // the sources are untouched
      assert.deepEqual(parts.flatMap(ewkb), want);
      all.dispose();
    }
  });

  test('0 and 1 inputs, empty arrays, all nulls', () => {
    assert.throws(() => concatArrays([]), /no arrays/);
    const a = fromWKT(['POINT (1 2)', null, 'LINESTRING (0 0, 1 1)']);
    assert.deepEqual(toWKT(concatArrays([a])), toWKT(a));
    assert.deepEqual(toWKT(a.concat()), toWKT(a));
    const e = fromWKT([]);
    assert.equal(e.concat(e, e, e, e, e).length, 0);
    assert.deepEqual(toWKT(e.concat(a, e)), toWKT(a));
    assert.deepEqual(toWKT(fromWKT([null, null]).concat(fromWKT([null]))), [null, null, null]);
    assert.equal(fromWKT([null]).concat(e).dims, 'xy');
  });

  test('Z, M and ZM columns are unioned; a 2D geometry reads back 2D', () => {
    const parts = [fromWKT(['POINT (1 2)']), fromWKT(['POINT Z (1 2 3)']), fromWKT(['POINT M (1 2 4)']), fromWKT(['LINESTRING (0 0, 1 1)'])];
    const all = parts[0]!.concat(...parts.slice(1));
    assert.equal(all.dims, 'xyzm');
    assert.deepEqual(toWKT(all), ['POINT (1 2)', 'POINT Z (1 2 3)', 'POINT M (1 2 4)', 'LINESTRING (0 0, 1 1)']);
  });

  test('SRIDs: arrays without them read 0 next to arrays with them', () => {
    const a = fromHex([EWKB_HEX[0]!]);
    const b = fromWKT(['POINT (0 0)', null]);
    assert.deepEqual([...(b.concat(a, b).srids ?? [])], [0, 0, 4326, 0, 0]);
    assert.equal(b.concat(b).srids, null);
  });

  test('collections next to simple geometries keep their trees', () => {
    const gc = fromWKT(['GEOMETRYCOLLECTION (POINT (1 1), MULTILINESTRING ((0 0, 1 1)))']);
    const simple = fromWKT(['POLYGON ((0 0, 1 0, 1 1, 0 0))', 'MULTIPOINT ((1 2))']);
    const want = [...toWKT(simple), ...toWKT(gc), ...toWKT(simple), ...toWKT(gc)];
    assert.deepEqual(toWKT(simple.concat(gc, simple, gc)), want);
  });

  test('many inputs (a deep tree of kernel calls) in order', () => {
    const arrays = Array.from({ length: 70 }, (_, k) => points(Float64Array.of(k, -k - 1, k + 0.5, -k - 1)));
    const all = concatArrays(arrays);
    assert.equal(all.length, 140);
    assert.deepEqual(toWKT(all).slice(0, 4), ['POINT (0 -1)', 'POINT (0.5 -1)', 'POINT (1 -2)', 'POINT (1.5 -2)']);
    assert.deepEqual(toWKT(all).slice(-1), ['POINT (69.5 -70)']);
    for (const a of arrays) assert.equal(a.length, 2); // inputs stay usable
  });
});
