/**
 * Real-world data (the shared data folder, /work/shared/data): every file
 * goes GeoJSON -> geovec -> WKB -> geovec -> WKT -> geovec -> GeoJSON and
 * must come back with identical coordinates; properties and ids come back
 * as JSON.parse reads them; and geovec agrees with wkx: the same WKB bytes,
 * WKT that wkx reads to the same coordinates, and wkx's WKB and WKT read
 * by geovec to the same geometries.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import wkx from 'wkx';

import {
  type Geometry,
  DATA_URL,
  featuresOf,
  fromGeoJSON,
  fromWKB,
  fromWKT,
  hex,
  toGeoJSON,
  toWKB,
  toWKT,
} from './helpers/geovec.js';

const EXPECTED_FEATURES: Record<string, number> = {
  'us-counties.geojson': 3230,
  'us-states.geojson': 56,
  'ne-countries-10m.geojson': 254,
  'ne-admin1-10m.geojson': 4596,
  'ne-countries-110m.geojson': 177,
  'nybb.geojson': 5,
  'ne-cities-110m.geojson': 243,
  'world-cities.geojson': 44691,
  'tg-shapes.geojson': 5,
};
/** Files small enough to compare with wkx feature by feature (wkx is slow on the 10m sets). */
const WKX_FILES = ['us-counties.geojson', 'us-states.geojson', 'ne-countries-110m.geojson', 'nybb.geojson', 'ne-cities-110m.geojson', 'world-cities.geojson', 'tg-shapes.geojson'];

const haveData = existsSync(DATA_URL);
const files = haveData ? readdirSync(DATA_URL).filter((f) => f.endsWith('.geojson')).sort() : [];
const read = (name: string) => readFileSync(new URL(name, DATA_URL), 'utf8');

/** Compares two geometry lists element by element, naming the first difference. */
function assertSameGeometries(actual: (Geometry | null)[], expected: (Geometry | null)[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: count`);
  for (let i = 0; i < expected.length; i++) assert.deepStrictEqual(actual[i], expected[i], `${what}: feature ${i}`);
}

describe('round trips of the shared data', () => {
  test('the data folder is there', (t) => {
    if (!haveData) return t.skip(`no data folder at ${DATA_URL.pathname}`);
    const missing = Object.keys(EXPECTED_FEATURES).filter((name) => !files.includes(name));
    if (missing.length) t.diagnostic(`missing (their tests are skipped): ${missing.join(', ')}`);
    assert.ok(files.length > 0, 'the data folder holds GeoJSON files');
  });

  for (const name of haveData ? files : Object.keys(EXPECTED_FEATURES)) {
    test(`${name}: GeoJSON -> WKB -> WKT -> GeoJSON keeps every coordinate, properties and ids`, (t) => {
      if (!haveData || !files.includes(name)) return t.skip(`${name} not found in ${DATA_URL.pathname}`);
      const text = read(name);
      const features = featuresOf(text);
      if (name in EXPECTED_FEATURES) assert.equal(features.length, EXPECTED_FEATURES[name], 'features in the file');
      const original = features.map((f) => f.geometry);

      const table = fromGeoJSON(text, { properties: true });
      const a = table.geometry;
      assert.equal(a.length, features.length, 'geovec reads one element per feature');
      assert.deepStrictEqual(table.properties, features.map((f) => f.properties ?? null), 'properties');
      assert.deepStrictEqual(table.ids, features.map((f) => f.id), 'ids');
      assert.deepStrictEqual(a.invalid, []);

      const b = fromWKB(toWKB(a));
      const wkt = toWKT(b);
      const c = fromWKT(wkt);
      assertSameGeometries(toGeoJSON(c), original, 'after WKB and WKT');
      // every hop is lossless, so the intermediate arrays agree too
      assert.deepStrictEqual(toWKT(a), wkt);
      assert.deepStrictEqual(toWKT(c), wkt);
      // and a big-endian WKB hop changes nothing either
      assert.deepStrictEqual(toWKT(fromWKB(toWKB(c, { byteOrder: 'big' }))), wkt);
    });
  }
});

describe('the shared data agrees with wkx', () => {
  for (const name of WKX_FILES) {
    test(`${name}: geovec writes wkx's WKB bytes; each reads the other's WKB and WKT`, (t) => {
      if (!haveData || !files.includes(name)) return t.skip(`${name} not found in ${DATA_URL.pathname}`);
      const features = featuresOf(read(name));
      const original = features.map((f) => f.geometry!);
      assert.ok(original.every((g) => g !== null), 'the data has no null geometries');
      const a = fromGeoJSON(read(name));
      const ours = toWKB(a);
      const oursWkt = toWKT(a);

      // wkx writes ISO little-endian WKB. (It marks a top-level geometry from
      // GeoJSON with SRID 4326 and then writes Z/M as EWKB flags, but that
      // only matters for 3D data; every file here is 2D, so the bytes match.)
      const theirs = original.map((g) => wkx.Geometry.parseGeoJSON(g).toWkb());
      for (let i = 0; i < original.length; i++) {
        if (hex(ours[i]!) !== hex(theirs[i]!)) assert.fail(`feature ${i}: geovec WKB differs from wkx WKB`);
      }

      // wkx reads geovec's WKT to the same coordinates (wkx formats
      // numbers with String() and geovec with the shortest round-trip
      // text, so the strings may differ but the numbers must not).
      for (let i = 0; i < original.length; i++) {
        const g = wkx.Geometry.parse(oursWkt[i]!).toGeoJSON() as Geometry;
        assert.deepStrictEqual(g, original[i], `feature ${i}: wkx reading geovec's WKT`);
      }
      // wkx reads geovec's WKB too
      for (let i = 0; i < original.length; i++) {
        const g = wkx.Geometry.parse(Buffer.from(ours[i]!)).toGeoJSON() as Geometry;
        assert.deepStrictEqual(g, original[i], `feature ${i}: wkx reading geovec's WKB`);
      }

      // geovec reads what wkx writes, WKB (Node Buffers) and WKT, to the same geometries
      assertSameGeometries(toGeoJSON(fromWKB(theirs)), original, "geovec reading wkx's WKB");
      const theirWkt = original.map((g) => wkx.Geometry.parseGeoJSON(g).toWkt());
      const fromTheirWkt = fromWKT(theirWkt);
      assertSameGeometries(toGeoJSON(fromTheirWkt), original, "geovec reading wkx's WKT");
      assert.deepStrictEqual(toWKT(fromTheirWkt), oursWkt);
    });
  }
});
