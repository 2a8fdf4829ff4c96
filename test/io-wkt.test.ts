/**
 * WKT reading and writing: the exact text geovec writes (GEOS style), every
 * geometry type and its empty, nulls, mixed arrays, Z/M dimensions through
 * WKT <-> WKB <-> GeoJSON, shortest round-trip numbers and `precision`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  GeometryType,
  GeovecError,
  GeovecParseError,
  fromGeoJSON,
  fromWKB,
  fromWKT,
  geometryType,
  rng,
  toGeoJSON,
  toWKB,
  toWKT,
} from './helpers/geovec.js';

/** Input -> the exact text geovec writes back (already canonical when they are equal). */
const CANONICAL: [string, string][] = [
  ['POINT (1 2)', 'POINT (1 2)'],
  ['POINT Z (1 2 3)', 'POINT Z (1 2 3)'],
  ['POINT M (1 2 4)', 'POINT M (1 2 4)'],
  ['POINT ZM (1 2 3 4)', 'POINT ZM (1 2 3 4)'],
  ['POINT EMPTY', 'POINT EMPTY'],
  ['POINT Z EMPTY', 'POINT Z EMPTY'],
  ['LINESTRING (0 0, 1 1, 2 0)', 'LINESTRING (0 0, 1 1, 2 0)'],
  ['LINESTRING Z (0 0 1, 1 1 2)', 'LINESTRING Z (0 0 1, 1 1 2)'],
  ['LINESTRING EMPTY', 'LINESTRING EMPTY'],
  [
    'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))',
    'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))',
  ],
  ['POLYGON M ((0 0 5, 1 0 6, 1 1 7, 0 0 5))', 'POLYGON M ((0 0 5, 1 0 6, 1 1 7, 0 0 5))'],
  ['POLYGON EMPTY', 'POLYGON EMPTY'],
  ['MULTIPOINT ((1 2), (3 4))', 'MULTIPOINT ((1 2), (3 4))'],
  ['MULTIPOINT ZM ((1 2 3 4), (5 6 7 8))', 'MULTIPOINT ZM ((1 2 3 4), (5 6 7 8))'],
  ['MULTIPOINT ((1 2), EMPTY)', 'MULTIPOINT ((1 2), EMPTY)'],
  ['MULTIPOINT EMPTY', 'MULTIPOINT EMPTY'],
  ['MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))', 'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))'],
  ['MULTILINESTRING (EMPTY, (0 0, 1 1))', 'MULTILINESTRING (EMPTY, (0 0, 1 1))'],
  ['MULTILINESTRING EMPTY', 'MULTILINESTRING EMPTY'],
  [
    'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5), (6 6, 7 6, 7 7, 6 6)))',
    'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5), (6 6, 7 6, 7 7, 6 6)))',
  ],
  ['MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))', 'MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))'],
  ['MULTIPOLYGON EMPTY', 'MULTIPOLYGON EMPTY'],
  ['GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))', 'GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))'],
  ['GEOMETRYCOLLECTION EMPTY', 'GEOMETRYCOLLECTION EMPTY'],
  [
    'GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY), MULTIPOINT ((1 2), (3 4)), POLYGON EMPTY, GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1))))',
    'GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY), MULTIPOINT ((1 2), (3 4)), POLYGON EMPTY, GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1))))',
  ],
  [
    'GEOMETRYCOLLECTION Z (POINT Z (1 2 3), LINESTRING Z (0 0 0, 1 1 1))',
    'GEOMETRYCOLLECTION Z (POINT Z (1 2 3), LINESTRING Z (0 0 0, 1 1 1))',
  ],
  // Reader leniency: case, spacing, glued tags, bare multipoint coordinates, untagged extra ordinates.
  ['point(1 2)', 'POINT (1 2)'],
  ['  Point  (  1    2 )  ', 'POINT (1 2)'],
  ['POINTZ(1 2 3)', 'POINT Z (1 2 3)'],
  ['POINT ZM(1 2 3 4)', 'POINT ZM (1 2 3 4)'],
  ['POINT (1 2 3)', 'POINT Z (1 2 3)'],
  ['POINT (1 2 3 4)', 'POINT ZM (1 2 3 4)'],
  ['MULTIPOINT (1 2, 3 4)', 'MULTIPOINT ((1 2), (3 4))'],
  ['LINESTRING(0 0,1 1)', 'LINESTRING (0 0, 1 1)'],
  ['polygon empty', 'POLYGON EMPTY'],
  ['POINT (1.0 2.50)', 'POINT (1 2.5)'],
  ['POINT (1e3 -2E-2)', 'POINT (1000 -0.02)'],
  ['POINT (+1 .5)', 'POINT (1 0.5)'],
  ['POINT (007 5.)', 'POINT (7 5)'],
  ['POINT\t(1\n2)', 'POINT (1 2)'],
];

describe('WKT', () => {
  test('writes the exact GEOS-style text for a table of cases', () => {
    const a = fromWKT(CANONICAL.map(([input]) => input));
    assert.equal(a.length, CANONICAL.length);
    const out = toWKT(a);
    CANONICAL.forEach(([input, want], i) => {
      assert.equal(out[i], want, `toWKT of ${JSON.stringify(input)}`);
      assert.equal(a.get(i)!.toWKT(), want, `get(${i}).toWKT()`);
      assert.equal(String(a.get(i)), want, `String(get(${i}))`);
    });
  });

  test('each type gives its geometry type code, empties included', () => {
    const wkt = [
      'POINT (1 2)', 'POINT EMPTY', 'LINESTRING (0 0, 1 1)', 'LINESTRING EMPTY',
      'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'POLYGON EMPTY', 'MULTIPOINT ((1 2))', 'MULTIPOINT EMPTY',
      'MULTILINESTRING ((0 0, 1 1))', 'MULTILINESTRING EMPTY', 'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))',
      'MULTIPOLYGON EMPTY', 'GEOMETRYCOLLECTION (POINT (1 2))', 'GEOMETRYCOLLECTION EMPTY', null,
    ];
    const a = fromWKT(wkt);
    assert.deepEqual([...geometryType(a)], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 0]);
    assert.deepEqual(
      [...a].map((g) => g?.type ?? null),
      ['Point', 'Point', 'LineString', 'LineString', 'Polygon', 'Polygon', 'MultiPoint', 'MultiPoint',
        'MultiLineString', 'MultiLineString', 'MultiPolygon', 'MultiPolygon', 'GeometryCollection',
        'GeometryCollection', null],
    );
    assert.equal(GeometryType.GeometryCollection, 7);
  });

  test('null elements stay null and do not disturb their neighbours', () => {
    const a = fromWKT([null, 'POINT (1 2)', undefined, 'LINESTRING (0 0, 1 1)', null]);
    assert.equal(a.length, 5);
    assert.deepEqual(toWKT(a), [null, 'POINT (1 2)', null, 'LINESTRING (0 0, 1 1)', null]);
    assert.deepEqual([...geometryType(a)], [0, 1, 0, 2, 0]);
    assert.equal(a.get(0), null);
    assert.deepEqual(toGeoJSON(a), [null, { type: 'Point', coordinates: [1, 2] }, null, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, null]);
    const wkb = toWKB(a);
    assert.equal(wkb[0], null);
    assert.equal(wkb[2], null);
    assert.ok(wkb[1] instanceof Uint8Array);
  });

  test('null and undefined are null elements; an empty string is an error, as in GEOS', () => {
    assert.deepEqual(toWKT(fromWKT([null, 'POINT (1 2)', undefined])), [null, 'POINT (1 2)', null]);
    assert.throws(() => fromWKT(['', 'POINT (1 2)']), (e: unknown) => e instanceof GeovecParseError && e.index === 0 && /empty WKT/.test(e.message));
    const a = fromWKT(['POINT (1 2)', ''], { onInvalid: 'null' });
    assert.deepEqual(toWKT(a), ['POINT (1 2)', null]);
    assert.equal(a.invalid.length, 1);
    assert.equal(a.invalid[0]!.index, 1);
  });

  test('an empty input gives an empty array', () => {
    const a = fromWKT([]);
    assert.equal(a.length, 0);
    assert.deepEqual(toWKT(a), []);
  });

  test('a mixed-type, mixed-dimension array keeps each element as written', () => {
    const wkt = [
      'POINT (1 2)',
      'LINESTRING Z (0 0 1, 1 1 2)',
      'POLYGON M ((0 0 1, 1 0 1, 1 1 1, 0 0 1))',
      'MULTIPOINT ZM ((1 2 3 4))',
      'GEOMETRYCOLLECTION (POINT (5 6), POINT Z (1 2 3))',
      'MULTIPOLYGON EMPTY',
    ];
    const a = fromWKT(wkt);
    assert.equal(a.dims, 'xyzm');
    // A collection's own tag is the union of its members' dimensions.
    assert.deepEqual(toWKT(a), [...wkt.slice(0, 4), 'GEOMETRYCOLLECTION Z (POINT (5 6), POINT Z (1 2 3))', 'MULTIPOLYGON EMPTY']);
  });

  test('array dims reflect the input', () => {
    assert.equal(fromWKT(['POINT (1 2)']).dims, 'xy');
    assert.equal(fromWKT(['POINT Z (1 2 3)']).dims, 'xyz');
    assert.equal(fromWKT(['POINT M (1 2 3)']).dims, 'xym');
    assert.equal(fromWKT(['POINT ZM (1 2 3 4)']).dims, 'xyzm');
    assert.equal(fromWKT(['POINT Z (1 2 3)', 'POINT M (1 2 3)']).dims, 'xyzm');
  });

  test('every type and dimension survives WKT -> WKB (both byte orders, ISO and EWKB) -> WKT', () => {
    const wkt = CANONICAL.map(([, out]) => out);
    const a = fromWKT(wkt);
    for (const byteOrder of ['little', 'big'] as const) {
      for (const ewkb of [false, true]) {
        const b = fromWKB(toWKB(a, { byteOrder, ewkb }));
        assert.deepEqual(toWKT(b), wkt, `byteOrder ${byteOrder}, ewkb ${ewkb}`);
      }
    }
  });

  test('WKT -> GeoJSON -> WKT keeps XY, XYZ and XYZM and drops M of XYM (GeoJSON has no M)', () => {
    const cases: [string, string][] = [
      ['POINT (1 2)', 'POINT (1 2)'],
      ['POINT Z (1 2 3)', 'POINT Z (1 2 3)'],
      ['POINT ZM (1 2 3 4)', 'POINT ZM (1 2 3 4)'],
      ['POINT M (1 2 4)', 'POINT (1 2)'],
      ['LINESTRING M (0 0 9, 1 1 9)', 'LINESTRING (0 0, 1 1)'],
      ['POLYGON Z ((0 0 1, 1 0 2, 1 1 3, 0 0 1))', 'POLYGON Z ((0 0 1, 1 0 2, 1 1 3, 0 0 1))'],
      ['MULTIPOLYGON ZM (((0 0 1 2, 1 0 1 2, 1 1 1 2, 0 0 1 2)))', 'MULTIPOLYGON ZM (((0 0 1 2, 1 0 1 2, 1 1 1 2, 0 0 1 2)))'],
      ['MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))', 'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))'],
      ['MULTIPOINT ((1 2), (3 4))', 'MULTIPOINT ((1 2), (3 4))'],
      ['GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1)))', 'GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1)))'],
      ['POINT EMPTY', 'POINT EMPTY'],
      ['LINESTRING EMPTY', 'LINESTRING EMPTY'],
      ['POLYGON EMPTY', 'POLYGON EMPTY'],
      ['MULTIPOINT EMPTY', 'MULTIPOINT EMPTY'],
      ['MULTILINESTRING EMPTY', 'MULTILINESTRING EMPTY'],
      ['MULTIPOLYGON EMPTY', 'MULTIPOLYGON EMPTY'],
      ['GEOMETRYCOLLECTION EMPTY', 'GEOMETRYCOLLECTION EMPTY'],
    ];
    const a = fromWKT(cases.map(([i]) => i));
    const features = toGeoJSON(a).map((geometry) => ({ type: 'Feature' as const, geometry, properties: null }));
    const back = fromGeoJSON({ type: 'FeatureCollection', features });
    assert.deepEqual(toWKT(back), cases.map(([, o]) => o));
  });

  test('EWKT SRID prefixes are read into array.srids', () => {
    const a = fromWKT(['SRID=4326;POINT (1 2)', 'POINT (3 4)', 'srid=3857; LINESTRING (0 0, 1 1)']);
    assert.deepEqual(toWKT(a), ['POINT (1 2)', 'POINT (3 4)', 'LINESTRING (0 0, 1 1)']);
    assert.deepEqual(a.srids && [...a.srids], [4326, 0, 3857]);
    assert.equal(fromWKT(['POINT (1 2)']).srids, null);
    // The SRIDs go on into EWKB.
    const b = fromWKB(toWKB(a, { ewkb: true }));
    assert.deepEqual(b.srids && [...b.srids], [4326, 0, 3857]);
  });

  test('non-ASCII text in one element does not shift the others; offsets are in bytes', () => {
    // Non-ASCII input is framed as UTF-8 bytes, where byte and character offsets differ.
    const bad = fromWKT(['POINT (1 2)', 'POINT (é 4)', 'POINT (5 6)'], { onInvalid: 'null' });
    assert.deepEqual(toWKT(bad), ['POINT (1 2)', null, 'POINT (5 6)']);
    assert.equal(bad.invalid.length, 1);
    assert.equal(bad.invalid[0]!.index, 1);
    assert.equal(bad.invalid[0]!.offset, 7);
  });
});

// ---- numbers ------------------------------------------------------------------------

/** Significant digits of a decimal text ("0.0000001" -> 1, "1.25e+10" -> 3). */
function significantDigits(s: string): number {
  const mantissa = s.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length || 1;
}

/** The numbers of a "POINT (x y)" text. */
function pointNumbers(wkt: string): string[] {
  const m = /^POINT \((\S+) (\S+)\)$/.exec(wkt);
  assert.ok(m, `not a 2D point: ${wkt}`);
  return [m[1]!, m[2]!];
}

describe('WKT numbers', () => {
  test('exact text for well-known values', () => {
    const cases: [number, string][] = [
      [0.1, '0.1'],
      [-2.5, '-2.5'],
      [1e-7, '0.0000001'],
      [123456789.123456789, '123456789.12345679'],
      [100, '100'],
      [-0.0, '-0'],
      [0, '0'],
    ];
    const a = fromWKT(cases.map(([v]) => `POINT (${Object.is(v, -0) ? '-0' : String(v)} 0)`));
    toWKT(a).forEach((w, i) => assert.equal(pointNumbers(w!)[0], cases[i]![1], `${cases[i]![0]}`));
  });

  test('-0.0 keeps its sign (bit-exact round trips); with a precision, values rounding to zero are 0', () => {
    const a = fromWKT(['POINT (-0.0 -0)', 'LINESTRING (-0 1, 1 -0.0)']);
    assert.deepEqual(toWKT(a), ['POINT (-0 -0)', 'LINESTRING (-0 1, 1 -0)']);
    const back = toWKB(fromWKT(toWKT(a) as string[]));
    assert.deepEqual(back, toWKB(a));
    assert.deepEqual(toWKT(a, { precision: 3 }), ['POINT (0 0)', 'LINESTRING (0 1, 1 0)']);
    assert.deepEqual(toWKT(fromWKT(['POINT (-0.0001 0.0001)']), { precision: 2 }), ['POINT (0 0)']);
    const text = toGeoJSON(a, { as: 'text' });
    assert.equal(JSON.parse(text).features[0].geometry.coordinates.map((v: number) => Object.is(v, -0)).join(), 'true,true');
    assert.ok(!toGeoJSON(a, { as: 'text', precision: 2 }).includes('-0'));
  });

  test('extreme values are written as the shortest text that reads back exactly', () => {
    const values = [5e-324, 1e-310, 2.5e-320, 1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308, 1e-7, 1e21, 1e22, 123456789012345680000, 0.30000000000000004, 9007199254740993, 4.35, 1 / 3];
    const a = fromWKT(values.map((v) => `POINT (${v} ${-v})`));
    const out = toWKT(a);
    values.forEach((v, i) => {
      const [x, y] = pointNumbers(out[i]!);
      assert.equal(Number(x), v, `${v} reads back (written ${x})`);
      assert.equal(Number(y), -v, `${-v} reads back (written ${y})`);
      assert.equal(significantDigits(x), significantDigits(String(v)), `${v} written as ${x}, shortest is ${String(v)}`);
    });
  });

  test('2,000 seeded random doubles round-trip through WKT and GeoJSON text with the shortest digits', () => {
    const r = rng(20240611);
    const view = new DataView(new ArrayBuffer(8));
    const values: number[] = [];
    while (values.length < 2000) {
      // random bit patterns cover every exponent; plus "human" decimals
      if (values.length % 2) {
        view.setUint32(0, Math.floor(r() * 2 ** 32));
        view.setUint32(4, Math.floor(r() * 2 ** 32));
        const v = view.getFloat64(0);
        if (Number.isFinite(v) && v !== 0) values.push(v);
      } else {
        values.push(Number((r() * 360 - 180).toFixed(1 + Math.floor(r() * 9))));
      }
    }
    const a = fromWKT(values.map((v, i) => `POINT (${v} ${values[(i + 1) % values.length]})`));
    const wkt = toWKT(a);
    const gj = toGeoJSON(a);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const [x] = pointNumbers(wkt[i]!);
      assert.equal(Number(x), v, `WKT of ${v} is ${x}`);
      assert.ok(significantDigits(x) <= significantDigits(String(v)), `WKT of ${v} is ${x}, longer than ${String(v)}`);
      assert.equal((gj[i] as { coordinates: number[] }).coordinates[0], v);
    }
    // and the text reads back to the same array
    assert.deepEqual(toWKT(fromWKT(wkt)), wkt);
  });

  test('precision rounds to that many decimals and trims trailing zeros', () => {
    const a = fromWKT(['POINT (1.23456 2.0049)', 'POINT (1.5 -3.999)', 'LINESTRING (0.123456789 1, 2 3.14159265)', 'POINT (123456.7 0.05)']);
    assert.deepEqual(toWKT(a, { precision: 2 }), ['POINT (1.23 2)', 'POINT (1.5 -4)', 'LINESTRING (0.12 1, 2 3.14)', 'POINT (123456.7 0.05)']);
    assert.deepEqual(toWKT(a, { precision: 0 }), ['POINT (1 2)', 'POINT (2 -4)', 'LINESTRING (0 1, 2 3)', 'POINT (123457 0)']);
    assert.deepEqual(toWKT(a, { precision: 4 }), ['POINT (1.2346 2.0049)', 'POINT (1.5 -3.999)', 'LINESTRING (0.1235 1, 2 3.1416)', 'POINT (123456.7 0.05)']);
    assert.equal(a.get(2)!.toWKT({ precision: 1 }), 'LINESTRING (0.1 1, 2 3.1)');
    // GeoJSON honours the same option
    assert.deepEqual(toGeoJSON(a, { precision: 2 })[2], { type: 'LineString', coordinates: [[0.12, 1], [2, 3.14]] });
  });

  test('precision must be an integer from 0 to 17', () => {
    const a = fromWKT(['POINT (1 2)']);
    for (const p of [-2, 18, 1.5, NaN]) {
      assert.throws(() => toWKT(a, { precision: p }), GeovecError, `precision ${p}`);
    }
    assert.deepEqual(toWKT(a, { precision: 17 }), ['POINT (1 2)']);
  });
});
