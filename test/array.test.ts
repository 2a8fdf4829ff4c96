/**
 * GeometryArray: length, get and views, slice, take, concat, iteration,
 * dispose, the vectorized accessors (exact values on hand-made arrays with
 * empties and nulls), points(), and the backend in use.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  GeometryArray,
  GeometryType,
  GeometryView,
  GeovecError,
  REQUESTED_BACKEND,
  backend,
  bounds,
  fromHex,
  fromWKB,
  fromWKT,
  geometryType,
  isEmpty,
  numPoints,
  points,
  rng,
  toGeoJSON,
  toWKB,
  toWKT,
  totalBounds,
  unhex,
} from './helpers/geovec.js';
import { otherBackend } from './helpers/other-backend.js';
import { fingerprint } from './helpers/fingerprint.js';

const WKT = [
  'POINT (1 2)',
  null,
  'LINESTRING (0 0, 3 4, -1 2)',
  'POLYGON ((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 1))',
  'MULTIPOINT ((1 2), (-5 7))',
  null,
  'GEOMETRYCOLLECTION (POINT (100 -100), LINESTRING (0 0, 1 1))',
];
const sample = () => fromWKT(WKT);
const NaN4 = [NaN, NaN, NaN, NaN];

describe('GeometryArray basics', () => {
  test('length, and an array is a GeometryArray', () => {
    const a = sample();
    assert.ok(a instanceof GeometryArray);
    assert.equal(a.length, WKT.length);
    assert.equal(fromWKT([]).length, 0);
    assert.equal(String(a), `GeometryArray(7, xy, ${backend()})`);
  });

  test('get(i) gives a view with type, toWKT, toGeoJSON and toWKB', () => {
    const a = sample();
    const g = a.get(3)!;
    assert.ok(g instanceof GeometryView);
    assert.equal(g.index, 3);
    assert.equal(g.array, a);
    assert.equal(g.type, 'Polygon');
    assert.equal(g.toWKT(), WKT[3]);
    assert.equal(g.toWKT({ precision: 0 }), WKT[3]);
    assert.deepEqual(g.toGeoJSON(), { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] });
    assert.deepEqual(toWKT(fromWKB([g.toWKB()])), [WKT[3]]);
    assert.deepEqual(toWKT(fromWKB([g.toWKB({ byteOrder: 'big' })])), [WKT[3]]);
    assert.equal(g.toWKB({ byteOrder: 'big' })[0], 0);
    assert.equal(a.get(6)!.type, 'GeometryCollection');
    assert.equal(a.get(4)!.type, 'MultiPoint');
    assert.equal(a.get(2)!.type, 'LineString');
    assert.equal(a.get(0)!.type, 'Point');
  });

  test('get: negative indices count from the end; null elements give null', () => {
    const a = sample();
    assert.equal(a.get(-1)!.toWKT(), WKT[6]);
    assert.equal(a.get(-1)!.index, 6);
    assert.equal(a.get(-7)!.toWKT(), WKT[0]);
    assert.equal(a.get(1), null);
    assert.equal(a.get(-2), null);
  });

  test('get: out of range or non-integer indices throw RangeError', () => {
    const a = sample();
    for (const i of [7, 8, -8, 1.5, NaN, Infinity]) assert.throws(() => a.get(i), RangeError, `get(${i})`);
    assert.throws(() => fromWKT([]).get(0), RangeError);
  });

  test('iteration yields views and nulls in order', () => {
    const a = sample();
    const seen = [...a].map((g) => (g ? g.toWKT() : null));
    assert.deepEqual(seen, WKT);
    let k = 0;
    for (const g of a) {
      assert.equal(g === null, WKT[k] === null);
      if (g) assert.equal(g.index, k);
      k++;
    }
    assert.equal(k, 7);
    assert.deepEqual([...fromWKT([])], []);
  });

  test('invalid is empty for a clean parse', () => {
    assert.deepEqual(sample().invalid, []);
  });
});

describe('slice, take, concat', () => {
  test('slice with positive, negative and out-of-range bounds', () => {
    const a = sample();
    assert.deepEqual(toWKT(a.slice(2, 4)), WKT.slice(2, 4));
    assert.deepEqual(toWKT(a.slice(-2)), WKT.slice(-2));
    assert.deepEqual(toWKT(a.slice(-3, -1)), WKT.slice(-3, -1));
    assert.deepEqual(toWKT(a.slice()), WKT);
    assert.deepEqual(toWKT(a.slice(5, 2)), []);
    assert.deepEqual(toWKT(a.slice(-100, 100)), WKT);
    assert.deepEqual(toWKT(a.slice(7)), []);
    assert.equal(a.slice(1, 2).get(0), null);
    assert.deepEqual([...geometryType(a.slice(3))], [3, 4, 0, 7]);
  });

  test('slice is a copy: it outlives the source being disposed', () => {
    const a = sample();
    const s = a.slice(2, 5);
    a.dispose();
    assert.deepEqual(toWKT(s), WKT.slice(2, 5));
  });

  test('take picks elements in any order and repeats; -1 gives null', () => {
    const a = sample();
    assert.deepEqual(toWKT(a.take([6, 0, -1, 0, 1, 3])), [WKT[6], WKT[0], null, WKT[0], null, WKT[3]]);
    assert.deepEqual(toWKT(a.take(Int32Array.of(2))), [WKT[2]]);
    assert.deepEqual(toWKT(a.take([])), []);
    assert.deepEqual([...geometryType(a.take([-1, -1]))], [0, 0]);
  });

  test('take with an index out of range throws', () => {
    const a = sample();
    for (const idx of [[7], [0, 99], [-2], [2 ** 31 - 1]]) {
      assert.throws(() => a.take(idx), (e: unknown) => e instanceof GeovecError || e instanceof RangeError, `take(${idx})`);
    }
  });

  test('concat of several arrays (more than a kernel call takes at once), mixed types and dimensions', () => {
    const parts = [
      fromWKT(['POINT (1 2)', null]),
      fromWKT(['LINESTRING Z (0 0 1, 1 1 2)']),
      fromWKT([]),
      fromWKT(['POLYGON M ((0 0 1, 1 0 2, 1 1 3, 0 0 1))', 'GEOMETRYCOLLECTION (POINT ZM (1 2 3 4))']),
      fromWKT(['MULTIPOINT ((1 2), EMPTY)']),
      fromWKT([null, 'POINT EMPTY']),
    ];
    const all = parts[0]!.concat(...parts.slice(1));
    const want = [
      'POINT (1 2)', null, 'LINESTRING Z (0 0 1, 1 1 2)', 'POLYGON M ((0 0 1, 1 0 2, 1 1 3, 0 0 1))',
      'GEOMETRYCOLLECTION ZM (POINT ZM (1 2 3 4))', 'MULTIPOINT ((1 2), EMPTY)', null, 'POINT EMPTY',
    ];
    assert.equal(all.length, 8);
    assert.equal(all.dims, 'xyzm');
    assert.deepEqual(toWKT(all), want);
    // and a concat of one, or of none, is a copy
    assert.deepEqual(toWKT(parts[3]!.concat()), toWKT(parts[3]!));
    assert.deepEqual(toWKT(parts[2]!.concat(parts[2]!)), []);
    // the sources are unchanged
    assert.deepEqual(toWKT(parts[0]!), ['POINT (1 2)', null]);
  });

  test('concat of many arrays in one call', () => {
    const r = rng(7);
    const arrays: GeometryArray[] = [];
    const want: (string | null)[] = [];
    for (let k = 0; k < 20; k++) {
      const wkt = Array.from({ length: Math.floor(r() * 4) }, (_, i) => (r() < 0.2 ? null : `POINT (${k} ${i})`));
      arrays.push(fromWKT(wkt));
      want.push(...wkt);
    }
    assert.deepEqual(toWKT(arrays[0]!.concat(...arrays.slice(1))), want);
  });

  test('slice, take and concat keep EWKB SRIDs', () => {
    const a = fromHex([
      '0101000020E6100000000000000000F03F0000000000000040', // SRID=4326;POINT(1 2)
      '0101000000000000000000F03F0000000000000040',
      '0101000020110F0000000000000000F03F0000000000000040', // SRID=3857
    ]);
    assert.deepEqual([...a.srids!], [4326, 0, 3857]);
    assert.deepEqual([...(a.slice(1).srids ?? [])], [0, 3857]);
    assert.deepEqual([...(a.take([2, 0, -1]).srids ?? [])], [3857, 4326, 0]);
    assert.deepEqual([...(fromWKT(['POINT (0 0)']).concat(a).srids ?? [])], [0, 4326, 0, 3857]);
  });
});

describe('dispose', () => {
  test('using an array after dispose() throws GeovecError; dispose is idempotent', () => {
    const a = sample();
    const view = a.get(0)!;
    a.dispose();
    a.dispose();
    const uses: [string, () => unknown][] = [
      ['toWKT', () => toWKT(a)],
      ['toWKB', () => toWKB(a)],
      ['toGeoJSON', () => toGeoJSON(a)],
      ['bounds', () => bounds(a)],
      ['totalBounds', () => totalBounds(a)],
      ['isEmpty', () => isEmpty(a)],
      ['numPoints', () => numPoints(a)],
      ['slice', () => a.slice(0, 1)],
      ['take', () => a.take([0])],
      ['concat (receiver)', () => a.concat(fromWKT(['POINT (1 2)']))],
      ['concat (argument)', () => fromWKT(['POINT (1 2)']).concat(a)],
      ['view.toWKT', () => view.toWKT()],
    ];
    for (const [name, use] of uses) assert.throws(use, GeovecError, name);
    // an array disposed before its type codes were ever read
    const b = sample();
    b.dispose();
    assert.throws(() => geometryType(b), GeovecError);
    assert.throws(() => b.get(0), GeovecError);
    // SRIDs live in the core too
    const c = fromHex(['0101000020E6100000000000000000F03F0000000000000040']);
    c.dispose();
    assert.throws(() => c.srids, GeovecError);
  });

  test('Symbol.dispose disposes', () => {
    const a = sample();
    const dispose = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('Symbol.dispose');
    (a as unknown as Record<symbol, () => void>)[dispose]!();
    assert.throws(() => toWKT(a), GeovecError);
  });

  test('many arrays created and disposed do not disturb live ones', () => {
    const keep = sample();
    for (let i = 0; i < 2000; i++) {
      const t = fromWKT([`LINESTRING (0 0, ${i} ${i})`, 'POINT (1 2)']);
      assert.equal(toWKT(t)[0], `LINESTRING (0 0, ${i} ${i})`);
      t.dispose();
    }
    assert.deepEqual(toWKT(keep), WKT);
  });
});

describe('accessors', () => {
  const HAND = [
    'POINT (1 2)', //                                          0
    null, //                                                   1
    'POINT EMPTY', //                                          2
    'LINESTRING (0 0, 3 4, -1 2)', //                          3
    'POLYGON ((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 1))', // 4
    'MULTIPOINT ((1 2), EMPTY, (-5 7))', //                    5
    'GEOMETRYCOLLECTION (POINT (100 -100), LINESTRING EMPTY)', // 6
    'GEOMETRYCOLLECTION EMPTY', //                             7
    'MULTIPOLYGON EMPTY', //                                   8
    'LINESTRING EMPTY', //                                     9
    'POLYGON EMPTY', //                                        10
    'MULTIPOINT (EMPTY)', //                                   11
    'GEOMETRYCOLLECTION (POINT EMPTY, GEOMETRYCOLLECTION EMPTY)', // 12
    'MULTILINESTRING ((0 0, 1 1), (5 -5, 6 6))', //            13
    'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((-3 -3, -2 -3, -2 -2, -3 -3)))', // 14
    null, //                                                   15
  ];

  test('geometryType: WKB type codes, 0 for null', () => {
    const a = fromWKT(HAND);
    assert.deepEqual([...geometryType(a)], [1, 0, 1, 2, 3, 4, 7, 7, 6, 2, 3, 4, 7, 5, 6, 0]);
    assert.equal(GeometryType.Null, 0);
    assert.equal(GeometryType.MultiPolygon, 6);
    // the result is a copy the caller may change
    const t = geometryType(a);
    t[0] = 99;
    assert.equal(geometryType(a)[0], 1);
  });

  test('isEmpty: 1 when there is no coordinate (empty points do not count), 0 for null', () => {
    const a = fromWKT(HAND);
    assert.deepEqual([...isEmpty(a)], [0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  test('numPoints: coordinates with ring closures, empty points excluded, 0 for null and empty', () => {
    const a = fromWKT(HAND);
    assert.deepEqual([...numPoints(a)], [1, 0, 0, 3, 8, 2, 1, 0, 0, 0, 0, 0, 0, 4, 8, 0]);
  });

  test('bounds: [minX, minY, maxX, maxY] per element, NaN for null and empty', () => {
    const a = fromWKT(HAND);
    const b = bounds(a);
    assert.ok(b instanceof Float64Array);
    assert.equal(b.length, 4 * HAND.length);
    const want = [
      [1, 2, 1, 2], NaN4, NaN4, [-1, 0, 3, 4], [0, 0, 10, 10], [-5, 2, 1, 7], [100, -100, 100, -100], NaN4, NaN4,
      NaN4, NaN4, NaN4, NaN4, [0, -5, 6, 6], [-3, -3, 1, 1], NaN4,
    ];
    assert.deepEqual([...b], want.flat());
  });

  test('totalBounds: over every element, NaN when nothing has coordinates', () => {
    const a = fromWKT(HAND);
    assert.deepEqual([...totalBounds(a)], [-5, -100, 100, 10]);
    assert.deepEqual([...totalBounds(fromWKT([null, 'POINT EMPTY', 'GEOMETRYCOLLECTION EMPTY']))], NaN4);
    assert.deepEqual([...totalBounds(fromWKT([]))], NaN4);
  });

  test('bounds of 3D and measured geometries are in x and y only', () => {
    const a = fromWKT(['LINESTRING Z (0 0 -100, 5 1 100)', 'POINT M (3 -3 1000)', 'POINT ZM (1 1 -9 -9)']);
    assert.deepEqual([...bounds(a)], [0, 0, 5, 1, 3, -3, 3, -3, 1, 1, 1, 1]);
    assert.deepEqual([...totalBounds(a)], [0, -3, 5, 1]);
    assert.deepEqual([...numPoints(a)], [2, 1, 1]);
  });

  test('accessors agree with a direct computation on random polygons', () => {
    const r = rng(99);
    const wkt: string[] = [];
    const want: { n: number; b: number[] }[] = [];
    for (let i = 0; i < 300; i++) {
      const k = 3 + Math.floor(r() * 20);
      const pts: [number, number][] = [];
      for (let j = 0; j < k; j++) pts.push([Math.round(r() * 2e6 - 1e6) / 100, Math.round(r() * 2e6 - 1e6) / 100]);
      pts.push(pts[0]!);
      wkt.push(`POLYGON ((${pts.map((p) => p.join(' ')).join(', ')}))`);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      want.push({ n: pts.length, b: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    }
    const a = fromWKT(wkt);
    assert.deepEqual([...numPoints(a)], want.map((w) => w.n));
    assert.deepEqual([...bounds(a)], want.flatMap((w) => w.b));
    const all = want.map((w) => w.b);
    assert.deepEqual([...totalBounds(a)], [
      Math.min(...all.map((b) => b[0]!)), Math.min(...all.map((b) => b[1]!)),
      Math.max(...all.map((b) => b[2]!)), Math.max(...all.map((b) => b[3]!)),
    ]);
  });
});

describe('points()', () => {
  test('points(xs, ys) from Float64Arrays and from plain arrays', () => {
    const a = points(Float64Array.of(1, -2.5, 1e-7), Float64Array.of(2, 3, 4));
    assert.deepEqual(toWKT(a), ['POINT (1 2)', 'POINT (-2.5 3)', 'POINT (0.0000001 4)']);
    assert.equal(a.dims, 'xy');
    assert.deepEqual([...geometryType(a)], [1, 1, 1]);
    assert.deepEqual(toWKT(points([1, 2], [3, 4])), ['POINT (1 3)', 'POINT (2 4)']);
    assert.deepEqual([...bounds(points([1], [2]))], [1, 2, 1, 2]);
    assert.equal(points(new Float64Array(0), new Float64Array(0)).length, 0);
  });

  test('points(xy) from one interleaved array', () => {
    const a = points(Float64Array.of(1, 2, 3, 4, -5, 6));
    assert.deepEqual(toWKT(a), ['POINT (1 2)', 'POINT (3 4)', 'POINT (-5 6)']);
    assert.deepEqual(toWKT(points([7, 8])), ['POINT (7 8)']);
    assert.deepEqual([...totalBounds(a)], [-5, 2, 3, 6]);
    // WKB of a points array is the plain point encoding
    assert.deepEqual(toWKB(points([1, 2])).map((b) => Buffer.from(b!).toString('hex').toUpperCase()), ['0101000000000000000000F03F0000000000000040']);
  });

  test('mismatched lengths and odd interleaved lengths are errors', () => {
    assert.throws(() => points(Float64Array.of(1, 2), Float64Array.of(1)), GeovecError);
    assert.throws(() => points([1, 2, 3]), GeovecError);
  });

  test('NaN x and y give POINT EMPTY', () => {
    const a = points([NaN, 1, NaN], [NaN, 2, NaN]);
    assert.deepEqual(toWKT(a), ['POINT EMPTY', 'POINT (1 2)', 'POINT EMPTY']);
    assert.deepEqual([...isEmpty(a)], [1, 0, 1]);
    assert.deepEqual([...numPoints(a)], [0, 1, 0]);
    assert.deepEqual(toGeoJSON(a), [{ type: 'Point', coordinates: [] }, { type: 'Point', coordinates: [1, 2] }, { type: 'Point', coordinates: [] }]);
    assert.deepEqual(toWKT(points([NaN, NaN, 3, 4])), ['POINT EMPTY', 'POINT (3 4)']);
    assert.equal(toWKB(a)[0]!.length, 21);
  });

  test('points arrays take part in slice, take, concat and WKB like parsed ones', () => {
    const a = points([0, 1, 2, 3], [10, 11, 12, 13]);
    assert.deepEqual(toWKT(a.slice(1, 3)), ['POINT (1 11)', 'POINT (2 12)']);
    assert.deepEqual(toWKT(a.take([3, -1])), ['POINT (3 13)', null]);
    assert.deepEqual(toWKT(a.concat(fromWKT(['LINESTRING (0 0, 1 1)']))), ['POINT (0 10)', 'POINT (1 11)', 'POINT (2 12)', 'POINT (3 13)', 'LINESTRING (0 0, 1 1)']);
    assert.deepEqual(toWKT(fromWKB(toWKB(a))), toWKT(a));
  });

  test('a points array outlives garbage collection of nothing but itself (inputs kept alive)', () => {
    const a = points(Float64Array.from({ length: 1000 }, (_, i) => i), Float64Array.from({ length: 1000 }, (_, i) => -i));
    (globalThis as { gc?: () => void }).gc?.();
    assert.equal(toWKT(a)[999], 'POINT (999 -999)');
  });
});

describe('backend', () => {
  test('backend() reports the backend GEOVEC_BACKEND asked for', () => {
    const b = backend();
    assert.ok(b === 'native' || b === 'wasm');
    if (REQUESTED_BACKEND) assert.equal(b, REQUESTED_BACKEND);
    assert.equal(sample().backend, b);
  });

  test('hex parsing is independent of the backend', () => {
    assert.deepEqual(toWKT(fromWKB([unhex('0101000000000000000000F03F0000000000000040')])), ['POINT (1 2)']);
  });

  test('the other backend writes and reports exactly the same for a seeded corpus', (t) => {
    const { name: other, run, unavailable } = otherBackend();
    const why = unavailable();
    if (why) return t.skip(why);
    const helper = JSON.stringify(new URL('./helpers/fingerprint.ts', import.meta.url).href);
    const r = run(`import(${helper}).then((m) => process.stdout.write(JSON.stringify(m.fingerprint())))`);
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(r.stdout);
    const ours = fingerprint();
    assert.equal(theirs.backend, other);
    assert.equal(ours.backend, backend());
    for (const key of Object.keys(ours) as (keyof typeof ours)[]) {
      if (key !== 'backend') assert.deepStrictEqual(theirs[key], ours[key], `${key} differs between ${backend()} and ${other}`);
    }
  });
});
