/**
 * GeoJSON reading and writing: every geometry type and its empty, input as
 * FeatureCollection / Feature / Geometry / array, as a string, bytes or an
 * object, properties and ids, null geometries, dimensions (Z and ZM kept,
 * M without Z dropped by design) and the text output.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  type Geometry,
  GeovecError,
  fromGeoJSON,
  fromWKB,
  fromWKT,
  geometryType,
  toGeoJSON,
  toWKB,
  toWKT,
} from './helpers/geovec.js';

const GEOMETRIES: Geometry[] = [
  { type: 'Point', coordinates: [1, 2] },
  { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0]] },
  {
    type: 'Polygon',
    coordinates: [
      [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
      [[1, 1], [2, 1], [2, 2], [1, 1]],
      [[5, 5], [6, 5], [6, 6], [5, 5]],
    ],
  },
  { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
  { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 2]]] },
  {
    type: 'MultiPolygon',
    coordinates: [
      [[[0, 0], [1, 0], [1, 1], [0, 0]]],
      [[[5, 5], [9, 5], [9, 9], [5, 9], [5, 5]], [[6, 6], [7, 6], [7, 7], [6, 6]]],
    ],
  },
  {
    type: 'GeometryCollection',
    geometries: [
      { type: 'Point', coordinates: [1, 2] },
      { type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, { type: 'GeometryCollection', geometries: [] }] },
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    ],
  },
];
const WKT_OF = [
  'POINT (1 2)',
  'LINESTRING (0 0, 1 1, 2 0)',
  'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1), (5 5, 6 5, 6 6, 5 5))',
  'MULTIPOINT ((1 2), (3 4))',
  'MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))',
  'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5), (6 6, 7 6, 7 7, 6 6)))',
  'GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), GEOMETRYCOLLECTION EMPTY), MULTIPOINT ((1 2), (3 4)))',
];
const EMPTIES: [Geometry, string][] = [
  [{ type: 'Point', coordinates: [] }, 'POINT EMPTY'],
  [{ type: 'LineString', coordinates: [] }, 'LINESTRING EMPTY'],
  [{ type: 'Polygon', coordinates: [] }, 'POLYGON EMPTY'],
  [{ type: 'MultiPoint', coordinates: [] }, 'MULTIPOINT EMPTY'],
  [{ type: 'MultiLineString', coordinates: [] }, 'MULTILINESTRING EMPTY'],
  [{ type: 'MultiPolygon', coordinates: [] }, 'MULTIPOLYGON EMPTY'],
  [{ type: 'GeometryCollection', geometries: [] }, 'GEOMETRYCOLLECTION EMPTY'],
];

const feature = (geometry: Geometry | null, properties: Record<string, unknown> | null = null, id?: string | number) => ({
  type: 'Feature' as const,
  ...(id === undefined ? {} : { id }),
  geometry,
  properties,
});
const collection = (features: ReturnType<typeof feature>[]) => ({ type: 'FeatureCollection' as const, features });

describe('GeoJSON', () => {
  test('every geometry type reads to the right WKT and writes back the same object', () => {
    const a = fromGeoJSON(collection(GEOMETRIES.map((g) => feature(g))));
    assert.equal(a.length, GEOMETRIES.length);
    assert.deepEqual(toWKT(a), WKT_OF);
    assert.deepEqual(toGeoJSON(a), GEOMETRIES);
    GEOMETRIES.forEach((g, i) => assert.deepEqual(a.get(i)!.toGeoJSON(), g));
    // and WKT -> GeoJSON gives the same objects
    assert.deepEqual(toGeoJSON(fromWKT(WKT_OF)), GEOMETRIES);
  });

  test('the empty of each type reads and writes', () => {
    const a = fromGeoJSON(EMPTIES.map(([g]) => g));
    assert.deepEqual(toWKT(a), EMPTIES.map(([, w]) => w));
    assert.deepEqual(toGeoJSON(a), EMPTIES.map(([g]) => g));
    assert.deepEqual(toGeoJSON(fromWKT(EMPTIES.map(([, w]) => w))), EMPTIES.map(([g]) => g));
  });

  test('empty members: an empty point inside a multipoint, empty parts of multi geometries', () => {
    const wkt = ['MULTIPOINT ((1 2), EMPTY)', 'MULTILINESTRING (EMPTY, (0 0, 1 1))', 'MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))', 'GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING EMPTY)'];
    const gj = toGeoJSON(fromWKT(wkt));
    assert.deepEqual(gj, [
      { type: 'MultiPoint', coordinates: [[1, 2], []] },
      { type: 'MultiLineString', coordinates: [[], [[0, 0], [1, 1]]] },
      { type: 'MultiPolygon', coordinates: [[], [[[0, 0], [1, 0], [1, 1], [0, 0]]]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [] }, { type: 'LineString', coordinates: [] }] },
    ]);
    assert.deepEqual(toWKT(fromGeoJSON(gj as Geometry[])), wkt);
  });

  test('null geometries become null elements; the others keep their positions', () => {
    const a = fromGeoJSON(collection([feature(null), feature(GEOMETRIES[0]!), feature(null), feature(GEOMETRIES[1]!)]));
    assert.equal(a.length, 4);
    assert.deepEqual([...geometryType(a)], [0, 1, 0, 2]);
    assert.deepEqual(toGeoJSON(a), [null, GEOMETRIES[0], null, GEOMETRIES[1]]);
    assert.equal(a.get(0), null);
    assert.deepEqual(toWKT(a), [null, WKT_OF[0], null, WKT_OF[1]]);
  });

  test('accepts a FeatureCollection, a Feature, a bare Geometry, and arrays of them', () => {
    const g = GEOMETRIES[2]!;
    const w = WKT_OF[2];
    assert.deepEqual(toWKT(fromGeoJSON(collection([feature(g)]))), [w]);
    assert.deepEqual(toWKT(fromGeoJSON(feature(g))), [w]);
    assert.deepEqual(toWKT(fromGeoJSON(g)), [w]);
    assert.deepEqual(toWKT(fromGeoJSON([g, feature(GEOMETRIES[0]!), g])), [w, WKT_OF[0], w]);
    assert.deepEqual(toWKT(fromGeoJSON(collection([]))), []);
    assert.deepEqual(toWKT(fromGeoJSON([])), []);
  });

  test('a string, a Uint8Array and an object give the same array', () => {
    const fc = collection(GEOMETRIES.map((g, i) => feature(g, { i }, i)));
    const text = JSON.stringify(fc, null, 2);
    const bytes = new TextEncoder().encode(text);
    const want = toWKT(fromGeoJSON(fc));
    assert.deepEqual(want, WKT_OF);
    assert.deepEqual(toWKT(fromGeoJSON(text)), want);
    assert.deepEqual(toWKT(fromGeoJSON(bytes)), want);
    // bytes that are a view into a larger buffer
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    assert.deepEqual(toWKT(fromGeoJSON(padded.subarray(5, 5 + bytes.length))), want);
    assert.deepEqual(toWKT(fromGeoJSON(Buffer.from(text))), want);
  });

  test('{ properties: true } returns properties and ids per element', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a', geometry: GEOMETRIES[0], properties: { name: 'x', n: 1.5, nested: { list: [1, 'two', null] }, s: 'é"\\' } },
        { type: 'Feature', id: 7, geometry: null, properties: { name: 'null geometry' } },
        { type: 'Feature', geometry: GEOMETRIES[1], properties: null },
        { type: 'Feature', geometry: GEOMETRIES[3] },
        { properties: { before: true }, id: -2.5, type: 'Feature', geometry: GEOMETRIES[4] },
      ],
    });
    for (const input of [text, new TextEncoder().encode(text), JSON.parse(text)]) {
      const t = fromGeoJSON(input, { properties: true });
      assert.equal(t.geometry.length, 5);
      assert.deepEqual(toWKT(t.geometry), [WKT_OF[0], null, WKT_OF[1], WKT_OF[3], WKT_OF[4]]);
      assert.deepEqual(t.properties, [
        { name: 'x', n: 1.5, nested: { list: [1, 'two', null] }, s: 'é"\\' },
        { name: 'null geometry' },
        null,
        null,
        { before: true },
      ]);
      assert.deepEqual(t.ids, ['a', 7, undefined, undefined, -2.5]);
    }
  });

  test('bare geometries have null properties and no id', () => {
    const t = fromGeoJSON([GEOMETRIES[0]!, feature(GEOMETRIES[1]!, { k: 1 }, 'f')], { properties: true });
    assert.deepEqual(t.properties, [null, { k: 1 }]);
    assert.deepEqual(t.ids, [undefined, 'f']);
    const one = fromGeoJSON(GEOMETRIES[2]!, { properties: true });
    assert.deepEqual(one.properties, [null]);
    assert.deepEqual(one.ids, [undefined]);
  });

  test('foreign members, bbox, crs and any key order are accepted', () => {
    const text = `{"features":[{"geometry":{"coordinates":[1,2],"bbox":[1,2,1,2],"type":"Point","extra":{"type":"Polygon"}},
      "type":"Feature","properties":{"type":"LineString","coordinates":[]}}],"crs":{"type":"name","properties":{"name":"EPSG:2263"}},
      "bbox":[0,0,1,1],"type":"FeatureCollection","title":"x"}`;
    assert.deepEqual(toWKT(fromGeoJSON(text)), ['POINT (1 2)']);
    assert.deepEqual(fromGeoJSON(text, { properties: true }).properties, [{ type: 'LineString', coordinates: [] }]);
  });

  test('numbers: exponents, negative zero, many digits', () => {
    const text = '{"type":"MultiPoint","coordinates":[[1e2,-2.5E-3],[0.1,123456789.123456789],[5e-324,1.7976931348623157e308],[-0.0,0]]}';
    const g = toGeoJSON(fromGeoJSON(text))[0] as { coordinates: number[][] };
    assert.deepEqual(g.coordinates.slice(0, 3), [[100, -0.0025], [0.1, 123456789.123456789], [5e-324, 1.7976931348623157e308]]);
    assert.ok(Object.is(g.coordinates[3]![0], -0), 'negative zero keeps its sign');
  });
});

describe('GeoJSON dimensions', () => {
  test('XYZ and XYZM positions survive GeoJSON -> geovec -> GeoJSON', () => {
    const gs: Geometry[] = [
      { type: 'Point', coordinates: [1, 2, 3] },
      { type: 'Point', coordinates: [1, 2, 3, 4] },
      { type: 'LineString', coordinates: [[0, 0, 1], [1, 1, 2]] },
      { type: 'Polygon', coordinates: [[[0, 0, 1, 9], [1, 0, 1, 9], [1, 1, 1, 9], [0, 0, 1, 9]]] },
      { type: 'MultiPoint', coordinates: [[1, 2, 3]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2, 3] }, { type: 'Point', coordinates: [1, 2] }] },
    ];
    const a = fromGeoJSON(gs);
    assert.deepEqual(toGeoJSON(a), gs);
    assert.deepEqual(toWKT(a), [
      'POINT Z (1 2 3)',
      'POINT ZM (1 2 3 4)',
      'LINESTRING Z (0 0 1, 1 1 2)',
      'POLYGON ZM ((0 0 1 9, 1 0 1 9, 1 1 1 9, 0 0 1 9))',
      'MULTIPOINT Z ((1 2 3))',
      'GEOMETRYCOLLECTION Z (POINT Z (1 2 3), POINT (1 2))',
    ]);
    // and through WKB
    assert.deepEqual(toGeoJSON(fromWKB(toWKB(a))), gs);
  });

  test('XYM loses M when written as GeoJSON (a third number would read back as Z)', () => {
    const a = fromWKT(['POINT M (1 2 4)', 'LINESTRING M (0 0 1, 1 1 2)', 'POINT ZM (1 2 3 4)', 'POINT Z (1 2 3)']);
    assert.deepEqual(toGeoJSON(a), [
      { type: 'Point', coordinates: [1, 2] },
      { type: 'LineString', coordinates: [[0, 0], [1, 1]] },
      { type: 'Point', coordinates: [1, 2, 3, 4] },
      { type: 'Point', coordinates: [1, 2, 3] },
    ]);
    assert.deepEqual(toWKT(fromGeoJSON(toGeoJSON(a) as Geometry[])), ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', 'POINT ZM (1 2 3 4)', 'POINT Z (1 2 3)']);
  });
});

describe('GeoJSON text output', () => {
  test("as: 'text' writes a FeatureCollection with properties, null geometries included", () => {
    const a = fromWKT(['POINT (1 2)', null, 'LINESTRING (0 0, 1.5 1)']);
    const text = toGeoJSON(a, { as: 'text', properties: [{ a: 1 }, { b: 'x' }, null] });
    const fc = JSON.parse(text);
    assert.deepEqual(fc, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { a: 1 } },
        { type: 'Feature', geometry: null, properties: { b: 'x' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1.5, 1]] }, properties: null },
      ],
    });
    // the text reads back, properties included
    const t = fromGeoJSON(text, { properties: true });
    assert.deepEqual(toWKT(t.geometry), ['POINT (1 2)', null, 'LINESTRING (0 0, 1.5 1)']);
    assert.deepEqual(t.properties, [{ a: 1 }, { b: 'x' }, null]);
  });

  test('compact geometry text, exactly', () => {
    const a = fromWKT(['POLYGON ((0 0, 1 0, 1 1, 0 0))', 'POINT EMPTY', 'GEOMETRYCOLLECTION EMPTY']);
    const text = toGeoJSON(a, { as: 'text' });
    assert.equal(
      text,
      '{"type":"FeatureCollection","features":[' +
        '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":null},' +
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[]},"properties":null},' +
        '{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]},"properties":null}]}',
    );
  });

  test('precision applies to GeoJSON output', () => {
    const a = fromWKT(['POINT (1.23456 -2.0049)']);
    assert.deepEqual(toGeoJSON(a, { precision: 2 }), [{ type: 'Point', coordinates: [1.23, -2] }]);
    assert.ok(toGeoJSON(a, { as: 'text', precision: 3 }).includes('[1.235,-2.005]'));
    assert.throws(() => toGeoJSON(a, { precision: 99 }), GeovecError);
  });
});
