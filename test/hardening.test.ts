/**
 * Issue 9, items 3, 6 and 8: empty WKB / WKT, LINEARRING, input shapes,
 * argument checks, points() coordinate rules, `using`, and sjoinAsync.
 * GEOS 3.13 (geos-wasm) is the oracle for what WKT parses and how.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Geos } from './helpers/geos.js';
import {
  GeometryArray,
  GeovecError,
  GeovecParseError,
  SpatialIndex,
  bounds,
  fromGeoJSON,
  fromHex,
  fromWKB,
  fromWKT,
  geometryType,
  intersects,
  points,
  rng,
  sjoin,
  sjoinAsync,
  toArrow,
  toGeoJSON,
  toWKB,
  toWKT,
  backend,
} from './helpers/geovec.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

const POINT_1_2 = Uint8Array.from(Buffer.from('0101000000000000000000F03F0000000000000040', 'hex'));

const throwsGeovec = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof GeovecError && !(e instanceof GeovecParseError) && re.test((e as Error).message), String(re));

describe('empty WKB and empty WKT are not geometries (GEOS refuses both)', () => {
  test('GEOS itself refuses an empty WKT string', () => {
    assert.equal(geos.read(''), 0);
  });

  test('fromWKB: zero bytes throw GeovecParseError; onInvalid null lists them', () => {
    for (const input of [[new Uint8Array(0)], [POINT_1_2, new Uint8Array(0)]]) {
      const k = input.length - 1;
      assert.throws(() => fromWKB(input), (e: unknown) => e instanceof GeovecParseError && e.index === k && e.offset === 0 && /empty WKB/.test(e.reason));
      const a = fromWKB(input, { onInvalid: 'null' });
      assert.equal(a.length, input.length);
      assert.equal(a.get(k), null);
      assert.deepEqual(a.invalid.map((p) => p.index), [k]);
    }
    assert.throws(() => fromHex(['']), GeovecParseError);
  });

  test('fromWKT: an empty string throws; blanks only throw too', () => {
    for (const s of ['', '   ']) {
      assert.throws(() => fromWKT(['POINT (1 2)', s]), (e: unknown) => e instanceof GeovecParseError && e.index === 1);
      const a = fromWKT(['POINT (1 2)', s], { onInvalid: 'null' });
      assert.deepEqual(toWKT(a), ['POINT (1 2)', null]);
      assert.equal(a.invalid.length, 1);
    }
  });

  test('nulls still come from null / undefined entries and validity bitmaps', () => {
    assert.deepEqual(toWKT(fromWKB([null, POINT_1_2, undefined])), [null, 'POINT (1 2)', null]);
    assert.deepEqual(toWKT(fromWKT([null, 'POINT (1 2)', undefined])), [null, 'POINT (1 2)', null]);
    const data = new Uint8Array([...POINT_1_2, ...POINT_1_2]);
    const offsets = new Int32Array([0, 21, 21, 42]);
    assert.deepEqual(toWKT(fromWKB({ data, offsets, validity: Uint8Array.of(0b101) })), ['POINT (1 2)', null, 'POINT (1 2)']);
    throwsGeovec(() => fromWKB({ data, offsets, validity: new Uint8Array(0) }), /validity bitmap holds 0 bytes/);
    // a null slot with bytes in it (Arrow allows any) is still null
    assert.deepEqual(toWKT(fromWKB({ data, offsets: new Int32Array([0, 21, 42]), validity: Uint8Array.of(0b10) })), [null, 'POINT (1 2)']);
    // round trip of packed output, nulls included
    const a = fromWKT(['POINT (1 2)', null, 'LINESTRING EMPTY', null]);
    assert.deepEqual(toWKT(fromWKB(toWKB(a, { packed: true }))), toWKT(a));
  });
});

describe('LINEARRING reads as GEOS reads it: a closed LineString', () => {
  const cases = [
    'LINEARRING (0 0, 1 1, 1 0, 0 0)',
    'LINEARRING EMPTY',
    'LINEARRING Z (0 0 1, 1 1 2, 1 0 3, 0 0 4)',
    'GEOMETRYCOLLECTION (LINEARRING (0 0, 10 0, 10 10, 0 0), POINT (1 2))',
    'linearring (0.5 0.5, 2 0.5, 2 2, 0.5 0.5)',
    'LINEARRING (0 0, 1 1, 0 0)',
  ];
  test('same coordinates as GEOS, type LineString', () => {
    for (const w of cases) {
      const mine = toWKT(fromWKT([w]))[0]!;
      const g = geos.read(w);
      assert.ok(g, `GEOS reads ${w}`);
      const theirs = geos.toWKT(g)!.replace(/LINEARRING/g, 'LINESTRING');
      geos.destroy(g);
      assert.equal(mine.replace(/\s+/g, ' '), theirs.replace(/\s+/g, ' '), w);
    }
    assert.equal(geometryType(fromWKT([cases[0]!]))[0], 2);
  });
  test('an open or short LINEARRING is refused, as GEOS refuses it', () => {
    for (const w of ['LINEARRING (0 0, 1 1, 1 0, 1 1)', 'LINEARRING (0 0, 0 0)', 'LINEARRING (0 0)']) {
      assert.equal(geos.read(w), 0, `GEOS refuses ${w}`);
      assert.throws(() => fromWKT([w]), GeovecParseError, w);
    }
  });
  test('predicates on a LINEARRING agree with GEOS', () => {
    const ring = 'LINEARRING (0 0, 4 0, 4 4, 0 4, 0 0)';
    const others = ['POINT (0 2)', 'POINT (2 2)', 'LINESTRING (-1 2, 5 2)', 'POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))'];
    const a = fromWKT(others.map(() => ring));
    const b = fromWKT(others);
    const got = [...intersects(a, b)];
    const want = others.map((o) => {
      const [g1, g2] = [geos.read(ring), geos.read(o)];
      const r = geos.fn('GEOSIntersects', g1, g2) as number;
      geos.destroy(g1);
      geos.destroy(g2);
      return r;
    });
    assert.deepEqual(got, want);
  });
});

describe('input shapes: one WKB buffer / one WKT string is one element; anything else is refused clearly', () => {
  test('a single Uint8Array or Buffer is one element (not one null per byte)', () => {
    assert.deepEqual(toWKT(fromWKB(POINT_1_2)), ['POINT (1 2)']);
    assert.deepEqual(toWKT(fromWKB(Buffer.from(POINT_1_2))), ['POINT (1 2)']);
    assert.deepEqual(toWKT(fromWKT('POINT (1 2)')), ['POINT (1 2)']);
    assert.deepEqual(toWKT(fromHex('0101000000000000000000F03F0000000000000040')), ['POINT (1 2)']);
  });
  test('other shapes throw a GeovecError naming the argument and what was expected', () => {
    throwsGeovec(() => fromWKB(42 as never), /fromWKB: input must be an array of Uint8Array .* not the number 42/);
    throwsGeovec(() => fromWKB(new Float64Array(3) as never), /fromWKB: input must be .* not a Float64Array of 24 bytes/);
    throwsGeovec(() => fromWKB(new ArrayBuffer(4) as never), /fromWKB: input must be .* not an ArrayBuffer/);
    throwsGeovec(() => fromWKB([POINT_1_2, 'x'] as never), /fromWKB: input\[1\] must be a Uint8Array, null or undefined, not a string/);
    throwsGeovec(() => fromWKB({ data: [1], offsets: new Int32Array(1) } as never), /fromWKB: input.data must be a Uint8Array/);
    throwsGeovec(() => fromWKB({ data: POINT_1_2, offsets: [0, 21] } as never), /input.offsets must be an Int32Array or BigInt64Array/);
    throwsGeovec(() => fromWKT(null as never), /fromWKT: input must be an array of strings .* not null/);
    throwsGeovec(() => fromWKT([1] as never), /fromWKT: input\[0\] must be a string, null or undefined, not the number 1/);
    throwsGeovec(() => fromWKT({ type: 'Point', coordinates: [1, 2] } as never), /fromWKT: input must be .* not a GeoJSON Point object/);
    throwsGeovec(() => fromGeoJSON(42 as never), /fromGeoJSON: input must be GeoJSON text/);
    throwsGeovec(() => fromGeoJSON({ geometry: fromWKT(['POINT (1 2)']), properties: [], ids: [] } as never), /fromGeoJSON: input .* not a FeatureTable/);
    throwsGeovec(() => fromWKT(['POINT (1 2)'], 'null' as never), /options must be an object/);
  });
});

describe('every public function checks its arguments', () => {
  test('a FeatureTable or a GeoJSON object where a GeometryArray is expected', () => {
    const table = fromGeoJSON('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"a":1}}]}', { properties: true });
    const geojson = { type: 'FeatureCollection', features: [] };
    const calls: [string, (x: never) => unknown, RegExp][] = [
      ['bounds', (x) => bounds(x), /bounds: a must be a GeometryArray/],
      ['toWKB', (x) => toWKB(x), /toWKB: a must be a GeometryArray/],
      ['toWKT', (x) => toWKT(x), /toWKT: a must be a GeometryArray/],
      ['toGeoJSON', (x) => toGeoJSON(x), /toGeoJSON: a must be a GeometryArray/],
      ['toArrow', (x) => toArrow(x), /toArrow: a must be a GeometryArray/],
      ['SpatialIndex', (x) => new SpatialIndex(x), /SpatialIndex: array must be a GeometryArray/],
      ['sjoin left', (x) => sjoin(x, table.geometry), /sjoin: left must be a GeometryArray/],
      ['sjoin right', (x) => sjoin(table.geometry, x), /sjoin: right must be a GeometryArray/],
      ['intersects', (x) => intersects(x, table.geometry), /intersects expects GeometryArray or GeometryView/],
    ];
    for (const [name, call, re] of calls) {
      if (name === 'intersects') {
        throwsGeovec(() => call(table as never), re);
        throwsGeovec(() => call(geojson as never), re);
        continue;
      }
      throwsGeovec(() => call(table as never), new RegExp(`${re.source}.*FeatureTable.*table\\.geometry`));
      throwsGeovec(() => call(geojson as never), new RegExp(`${re.source}.*GeoJSON FeatureCollection object`));
    }
    const idx = new SpatialIndex(table.geometry);
    throwsGeovec(() => idx.query(table as never), /query: other must be a GeometryArray or GeometryView, not a FeatureTable/);
    throwsGeovec(() => idx.queryXY('1' as never, [2]), /queryXY: xs must be a Float64Array or an array of numbers/);
    throwsGeovec(() => idx.queryXY([1, 'a'] as never, [2, 3]), /queryXY: xs\[1\] must be a number/);
    throwsGeovec(() => idx.queryBox(0, 0, '1' as never, 1), /queryBox: maxX must be a number/);
    throwsGeovec(() => idx.nearest([1], [2], 3 as never), /nearest: options must be an object/);
    throwsGeovec(() => SpatialIndex.fromBuffer('x' as never, table.geometry), /fromBuffer: buffer must be a Uint8Array or ArrayBuffer/);
    throwsGeovec(() => sjoin(table.geometry, table.geometry, { index: {} as never }), /sjoin: options.index must be a SpatialIndex/);
    throwsGeovec(() => table.geometry.concat(table as never), /concat: argument 1 must be a GeometryArray/);
    throwsGeovec(() => table.geometry.take(3 as never), /take: indices must be an array of integers/);
  });
});

describe('points(): the parsers\' rules for non-finite values', () => {
  test('NaN x and NaN y give an empty point', () => {
    assert.deepEqual(toWKT(points([1, NaN], [2, NaN])), ['POINT (1 2)', 'POINT EMPTY']);
    assert.deepEqual(toWKT(points(Float64Array.of(NaN, NaN, 3, 4))), ['POINT EMPTY', 'POINT (3 4)']);
  });
  test('Infinity or a lone NaN throws a GeovecError naming the point', () => {
    throwsGeovec(() => points([0, Infinity], [1, 1]), /points: point 1 is \(Infinity, 1\); coordinates must be finite/);
    throwsGeovec(() => points([0, 1, 2], [1, NaN, 2]), /points: point 1 is \(1, NaN\)/);
    throwsGeovec(() => points(Float64Array.of(1, 2, -Infinity, 0)), /points: point 1 is \(-Infinity, 0\)/);
    throwsGeovec(() => points(['a'] as never, [1]), /points: xs\[0\] must be a number/);
  });
  test('everything points() makes writes out and reads back', () => {
    const a = points([1, NaN, -0.5], [2, NaN, 1e300]);
    assert.deepEqual(toWKT(fromWKT(toWKT(a))), toWKT(a));
    assert.deepEqual(toWKT(fromWKB(toWKB(a))), toWKT(a));
    assert.deepEqual(toWKT(fromGeoJSON(toGeoJSON(a))), toWKT(a));
  });
});

describe('Symbol.dispose: `using` disposes at the end of the scope', () => {
  test('using', () => {
    let kept: GeometryArray;
    {
      using a = fromWKT(['POINT (1 2)']);
      kept = a;
      assert.equal(a.length, 1);
    }
    throwsGeovec(() => kept.handle, /disposed/);
    assert.equal(typeof (GeometryArray.prototype as unknown as Record<symbol, unknown>)[Symbol.dispose], 'function');
  });
});

describe('sjoinAsync: the same result as sjoin', () => {
  const r = rng(99);
  const polys: string[] = [];
  for (let i = 0; i < 300; i++) {
    const x = r() * 100;
    const y = r() * 100;
    const s = 1 + r() * 8;
    polys.push(`POLYGON ((${x} ${y}, ${x + s} ${y}, ${x + s} ${y + s * r()}, ${x} ${y + s}, ${x} ${y}))`);
  }
  const n = 20_000;
  const xs = Float64Array.from({ length: n }, () => r() * 110 - 5);
  const ys = Float64Array.from({ length: n }, () => r() * 110 - 5);

  test('inner and left joins, either side indexed, several predicates', async () => {
    const P = fromWKT(polys);
    const pts = points(xs, ys);
    const small = pts.slice(0, 100);
    for (const [left, right] of [[pts, P], [P, pts], [small, P], [P, small]] as const) {
      for (const predicate of ['intersects', 'within', 'contains', 'covers', 'touches'] as const) {
        for (const how of ['inner', 'left'] as const) {
          const want = sjoin(left, right, { predicate, how });
          const got = await sjoinAsync(left, right, { predicate, how });
          assert.deepEqual(got, want, `${left.length} x ${right.length} ${predicate} ${how}`);
        }
      }
    }
    const index = new SpatialIndex(P);
    assert.deepEqual(await sjoinAsync(pts, P, { index }), sjoin(pts, P, { index }));
    assert.ok(sjoin(pts, P).left.length > 1000, 'the join finds pairs');
  });

  test('point-in-polygon: the default (intersects) finds the pairs in either order; within is directed', async () => {
    const P = fromWKT(polys);
    const pts = points(xs, ys);
    const a = await sjoinAsync(pts, P);
    const b = await sjoinAsync(pts, P, { predicate: 'within' });
    assert.ok(a.left.length > 0 && a.left.length >= b.left.length);
    assert.equal((await sjoinAsync(pts, P, { predicate: 'contains' })).left.length, 0, 'a point contains no polygon');
    const c = await sjoinAsync(P, pts, { predicate: 'contains' });
    assert.equal(c.left.length, b.left.length);
  });

  test('rejects bad arguments like sjoin', async () => {
    await assert.rejects(sjoinAsync({} as never, fromWKT(['POINT (1 2)'])), /sjoinAsync: left must be a GeometryArray/);
    await assert.rejects(sjoinAsync(fromWKT(['POINT (1 2)']), fromWKT(['POINT (1 2)']), { how: 'outer' as never }), /how must be 'inner' or 'left'/);
  });

  test('native: the event loop turns while the join runs', async (t) => {
    if (backend() !== 'native') return t.skip('WebAssembly runs on the calling thread');
    const P = fromWKT(polys);
    const many = points(Float64Array.from({ length: 400_000 }, (_, i) => xs[i % n]!), Float64Array.from({ length: 400_000 }, (_, i) => ys[i % n]!));
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await sjoinAsync(many, P, { predicate: 'within' });
    done = true;
    assert.ok(turns > 0, 'setImmediate callbacks ran before the join finished');
  });
});
