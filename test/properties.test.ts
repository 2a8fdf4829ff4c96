/**
 * Properties travel (issue 9, item 8): fromGeoJSON(..., { properties: true })
 * -> toArrow(a, { properties, ids }) -> Arrow IPC -> fromArrow(t, {
 * properties: true }) -> toGeoJSON(a, { properties, ids }) gives back the
 * features JSON.parse reads from the original text: geometry, properties
 * (numbers, strings, booleans, nested values, nulls, missing keys) and ids.
 * Checked on every shared data file, on crafted features, and on
 * pyarrow-written tables read through other copies of apache-arrow.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import * as Arrow from 'apache-arrow';

import { DATA_URL, GeovecError, featuresOf, fromArrow, fromGeoJSON, fromWKT, toArrow, toGeoJSON } from './helpers/geovec.js';

const require = createRequire(import.meta.url);
const LIBS: [string, typeof Arrow][] = [['esm', Arrow], ['cjs', require('apache-arrow') as typeof Arrow]];
try {
  LIBS.push(['arrow17', require('apache-arrow-17') as typeof Arrow]);
} catch {
  /* the alias is a dev dependency; without it two copies are checked */
}
const DATA = [process.env.GEOVEC_DATA ? new URL(`file://${process.env.GEOVEC_DATA.replace(/\/?$/, '/')}`) : null, DATA_URL, new URL('../../../shared/data/', import.meta.url)].find(
  (u): u is URL => u !== null && existsSync(u),
);

type Feature = { type: 'Feature'; id?: unknown; geometry: unknown; properties: unknown };

/** GeoJSON text -> geovec -> Arrow IPC (written by geovec's apache-arrow, read by `A`) -> geovec -> GeoJSON features. */
function travel(text: string, A: typeof Arrow = Arrow): { features: Feature[]; table: Arrow.Table } {
  const ft = fromGeoJSON(text, { properties: true });
  const table = toArrow(ft.geometry, { properties: ft.properties, ids: ft.ids });
  const back = fromArrow(A.tableFromIPC(Arrow.tableToIPC(table)), { properties: true });
  const fc = toGeoJSON(back.geometry, { properties: back.properties, ids: back.ids });
  return { features: fc.features as Feature[], table };
}

/** What the round trip must give for a feature read by JSON.parse (bare geometries get null properties). */
function expected(f: Feature): Feature {
  const out: Feature = { type: 'Feature', geometry: f.geometry, properties: f.properties ?? null };
  if (f.id !== undefined && f.id !== null) out.id = f.id;
  return out;
}

function assertSameFeatures(actual: Feature[], want: Feature[], what: string): void {
  assert.equal(actual.length, want.length, `${what}: count`);
  for (let i = 0; i < want.length; i++) {
    const e = expected(want[i]!);
    const a = actual[i]!;
    assert.deepStrictEqual(a.properties, e.properties, `${what}: properties of feature ${i}`);
    assert.deepStrictEqual(a.id, e.id, `${what}: id of feature ${i}`);
    assert.equal('id' in a, 'id' in e, `${what}: feature ${i} has an id key`);
    assert.deepStrictEqual(a.geometry, e.geometry, `${what}: geometry of feature ${i}`);
  }
}

describe('GeoJSON -> geovec -> Arrow IPC -> geovec -> GeoJSON keeps geometry, properties and ids', () => {
  const files = DATA ? readdirSync(DATA).filter((f) => f.endsWith('.geojson')).sort() : [];
  test('the data folder is there', (t) => {
    if (!DATA) return t.skip('no shared data folder (set GEOVEC_DATA)');
    assert.ok(files.length > 0);
  });
  for (const name of files) {
    test(name, () => {
      const text = readFileSync(new URL(name, DATA), 'utf8');
      const want = featuresOf(text) as Feature[];
      const { features, table } = travel(text);
      assertSameFeatures(features, want, name);
      /* one typed column per property key, an id column when there are ids */
      const keys = new Set(want.flatMap((f) => Object.keys((f.properties as object | null) ?? {})));
      const hasIds = want.some((f) => f.id !== undefined);
      assert.deepEqual(table.schema.fields.map((f) => f.name), ['geometry', ...keys, ...(hasIds ? ['id'] : [])]);
      assert.equal(table.schema.fields[0]!.metadata.get('ARROW:extension:name')?.startsWith('geoarrow.'), true);
      for (const f of table.schema.fields.slice(1)) {
        const values = want.map((x) => (f.name === 'id' && hasIds ? x.id : (x.properties as Record<string, unknown> | null)?.[f.name])).filter((v) => v !== undefined && v !== null);
        const kinds = new Set(values.map((v) => typeof v));
        if (kinds.size === 1 && kinds.has('number')) assert.equal(f.type.typeId, Arrow.Type.Float, `${name}: ${f.name} is Float64`);
        if (kinds.size === 1 && kinds.has('string')) assert.equal(f.type.typeId, Arrow.Type.Utf8, `${name}: ${f.name} is Utf8`);
      }
    });
  }

  test('through the CommonJS build and apache-arrow 17 as readers', (t) => {
    if (!DATA || !existsSync(new URL('us-states.geojson', DATA))) return t.skip('no us-states.geojson');
    const text = readFileSync(new URL('us-states.geojson', DATA), 'utf8');
    for (const [lib, A] of LIBS) assertSameFeatures(travel(text, A).features, featuresOf(text) as Feature[], lib);
  });
});

describe('crafted properties', () => {
  const features: Feature[] = [
    { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [1, 2] }, properties: { n: 1.5, s: 'a', flag: true, b: true, nested: { x: [1, { y: null }] }, arr: [1, 2], mixed: 1, maybe: null, sometimes: 'x', unicode: 'Zürich 東京 🌍' } },
    { type: 'Feature', id: 'eight', geometry: null, properties: { n: -0.25, s: '', flag: false, b: false, nested: { x: [] }, arr: [], mixed: 'one', maybe: null, unicode: '' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: null },
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: {} },
    { type: 'Feature', id: 9.5, geometry: { type: 'MultiPoint', coordinates: [[1, 2]] }, properties: { n: 1e300, s: 'with "quotes" and \\ backslash', flag: false, b: null, nested: null, arr: null, mixed: true, maybe: null, sometimes: null, big: 9007199254740993 } },
  ];
  const text = JSON.stringify({ type: 'FeatureCollection', features });

  test('every kind of value, null and missing keys, null properties, string and number ids', () => {
    for (const [lib, A] of LIBS) assertSameFeatures(travel(text, A).features, JSON.parse(text).features as Feature[], lib);
  });

  test('column types: numbers Float64, strings Utf8, booleans Bool, anything else JSON text', () => {
    const ft = fromGeoJSON(text, { properties: true });
    const t = toArrow(ft.geometry, { properties: ft.properties, ids: ft.ids });
    const type = (name: string) => t.schema.fields.find((f) => f.name === name)!;
    assert.equal(type('n').type.typeId, Arrow.Type.Float);
    assert.equal(type('s').type.typeId, Arrow.Type.Utf8);
    assert.equal(type('flag').type.typeId, Arrow.Type.Bool);
    assert.equal(type('n').metadata.get('geovec:null'), 'absent', 'n is missing in one feature ({}); null properties do not count');
    assert.equal(type('s').metadata.get('geovec:null'), 'absent');
    /* null and missing in one column: JSON text, where Arrow null is a missing key and "null" a null */
    for (const json of ['b', 'nested', 'arr', 'mixed', 'id', 'sometimes']) assert.equal(type(json).metadata.get('geovec:encoding'), 'json', json);
    assert.equal(type('unicode').metadata.get('geovec:null'), 'absent', 'a key missing in some features');
    assert.equal(type('id').metadata.get('geovec:role'), 'id');
    assert.deepEqual([...t.getChild('n')!], [1.5, -0.25, null, null, 1e300]);
    assert.deepEqual([...t.getChild('flag')!], [true, false, null, null, false]);
    assert.deepEqual([...t.getChild('b')!], ['true', 'false', null, null, 'null']);
    assert.deepEqual([...t.getChild('nested')!], ['{"x":[1,{"y":null}]}', '{"x":[]}', null, null, 'null']);
    assert.equal(t.schema.metadata.get('geovec:null-properties'), '[2]');
  });

  test('a custom id column, and the errors for clashing names and bad lengths', () => {
    const a = fromWKT(['POINT (1 2)', 'POINT (3 4)']);
    const t = toArrow(a, { properties: [{ id: 'p' }, { id: 'q' }], ids: [1, 2], idColumn: 'fid' });
    const back = fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(t)), { properties: true });
    assert.deepEqual(back.properties, [{ id: 'p' }, { id: 'q' }]);
    assert.deepEqual(back.ids, [1, 2]);
    /* without ids an "id" property is a plain property */
    const plain = fromArrow(toArrow(a, { properties: [{ id: 'p' }, { id: 'q' }] }), { properties: true });
    assert.deepEqual(plain.properties, [{ id: 'p' }, { id: 'q' }]);
    assert.deepEqual(plain.ids, [undefined, undefined]);
    /* a column named by idColumn is read as the ids */
    assert.deepEqual(fromArrow(toArrow(a, { properties: [{ k: 'x' }, { k: 'y' }] }), { properties: true, idColumn: 'k' }).ids, ['x', 'y']);
    assert.throws(() => toArrow(a, { properties: [{ id: 'p' }, {}], ids: [1, 2] }), /idColumn/);
    assert.throws(() => toArrow(a, { properties: [{ geometry: 1 }, {}] }), /geometry column/);
    assert.throws(() => toArrow(a, { properties: [{}] }), /properties has 1 entries for 2 geometries/);
    assert.throws(() => toArrow(a, { ids: [1, 2, 3] }), /ids has 3 entries/);
    assert.throws(() => toArrow(a, { ids: [{}, 1] as never }), /ids\[0\]/);
    assert.throws(() => toArrow(a, { properties: [1, {}] as never }), /properties\[0\] must be an object/);
    assert.throws(() => fromArrow(toArrow(a).getChild('geometry')!, { properties: true }), /needs a Table/);
    assert.throws(() => fromArrow(toArrow(a), { properties: true, idColumn: 'nope' }), GeovecError);
  });

  test('pyarrow-written tables: the name / continent columns of natural-earth countries come back as properties', (t) => {
    const dir = DATA && new URL('geoarrow-data/natural-earth/', DATA);
    if (!dir || !existsSync(dir)) return t.skip('no geoarrow-data');
    for (const [lib, A] of LIBS) {
      const native = fromArrow(A.tableFromIPC(readFileSync(new URL('natural-earth_countries.arrows', dir))), { properties: true });
      const wkb = fromArrow(A.tableFromIPC(readFileSync(new URL('natural-earth_countries_wkb.arrows', dir))), { properties: true });
      assert.equal(native.properties.length, 177);
      assert.deepEqual(Object.keys(native.properties[0]!), ['name', 'continent']);
      assert.deepEqual(native.properties, wkb.properties, lib);
      assert.ok(native.properties.some((p) => p!.name === 'Fiji'));
      assert.equal(native.geometry.length, wkb.geometry.length);
    }
  });
});

describe('toGeoJSON with properties and ids', () => {
  const a = fromWKT(['POINT (1 2)', null]);
  test('a FeatureCollection object by default when properties or ids are given, text with as: text', () => {
    assert.deepEqual(toGeoJSON(a, { ids: ['a', undefined] }), {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [1, 2] }, properties: null },
        { type: 'Feature', geometry: null, properties: null },
      ],
    });
    assert.equal(
      toGeoJSON(a, { as: 'text', properties: [{ k: 1 }, null], ids: [3, null] }),
      '{"type":"FeatureCollection","features":[{"type":"Feature","id":3,"geometry":{"type":"Point","coordinates":[1,2]},"properties":{"k":1}},{"type":"Feature","geometry":null,"properties":null}]}',
    );
    assert.deepEqual(toGeoJSON(a, { as: 'features' }).features.map((f) => f.properties), [null, null]);
    assert.deepEqual(toGeoJSON(a), [{ type: 'Point', coordinates: [1, 2] }, null], 'geometry objects without properties / ids');
  });

  test('bad properties and ids are GeovecErrors', () => {
    assert.throws(() => toGeoJSON(a, { as: 'objects', ids: [1, 2] }), /need as: 'features' or 'text'/);
    assert.throws(() => toGeoJSON(a, { ids: [1] }), /ids has 1 entries for 2 geometries/);
    assert.throws(() => toGeoJSON(a, { ids: [NaN, 1] }), /ids\[0\]/);
    assert.throws(() => toGeoJSON(a, { properties: [[1] as never, null] }), /properties\[0\]/);
    assert.throws(() => toGeoJSON(a, { as: 'xml' as never }), GeovecError);
  });
});
