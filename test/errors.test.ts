/**
 * Bad input for each parser: every error is a GeovecParseError naming the
 * element (index), where in it (offset: bytes from the start of the element
 * for WKB and WKT, of the document for GeoJSON) and why (reason). With
 * `onInvalid: 'null'` bad elements become null, the rest parse, and
 * `array.invalid` lists the problems. Then 2,000 seeded random mutations of
 * valid input per format must parse or throw GeovecParseError, nothing else.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  type ExpectedProblem,
  GeovecError,
  GeovecParseError,
  Wkb,
  assertParseError,
  assertProblem,
  concatBytes,
  fromGeoJSON,
  fromWKB,
  fromWKT,
  randInt,
  rng,
  toGeoJSON,
  toWKB,
  toWKT,
  unhex,
} from './helpers/geovec.js';

const POINT_1_2 = unhex('0101000000000000000000F03F0000000000000040');
const GOOD_WKB = [POINT_1_2, new Wkb().head(2).u32(2).f64(0, 0, 1, 1).bytes()];

/** A polygon with one ring of the given xy pairs. */
const polygonWkb = (order: 'little' | 'big', ...xy: number[]) => new Wkb(order).head(3).u32(1).u32(xy.length / 2).f64(...xy).bytes();

/** [name, bytes, expected problem (index 0: each case is parsed as [good, bad, good] and the index adjusted)]. */
const BAD_WKB: [string, Uint8Array, Omit<ExpectedProblem, 'index'>][] = [
  ['truncated coordinates', POINT_1_2.subarray(0, 15), { offset: 5, reason: /unexpected end of input.*point/i }],
  ['truncated type', POINT_1_2.subarray(0, 3), { offset: 1, reason: /unexpected end of input.*type/i }],
  ['only a byte order byte', POINT_1_2.subarray(0, 1), { offset: 1, reason: /unexpected end of input/i }],
  ['truncated count', new Wkb().head(2).u8(2, 0).bytes(), { offset: 5, reason: /unexpected end of input.*count/i }],
  ['truncated collection member', concatBytes(new Wkb().head(7).u32(2).bytes(), POINT_1_2), { offset: 30, reason: /unexpected end of input/i }],
  ['byte order 2', Uint8Array.of(2, ...POINT_1_2.subarray(1)), { offset: 0, reason: /byte order 2/i }],
  ['zero bytes (a null element is null, not empty)', new Uint8Array(0), { offset: 0, reason: /empty WKB \(0 bytes\) is not a geometry/ }],
  ['byte order 0xff on a member', concatBytes(new Wkb().head(4).u32(1).bytes(), Uint8Array.of(0xff, ...POINT_1_2.subarray(1))), { offset: 9, reason: /byte order 255/i }],
  ['type code 99', new Wkb().head(99).f64(1, 2).bytes(), { offset: 1, reason: /unknown geometry type code 99\b/i }],
  ['type code 0', new Wkb().head(0).f64(1, 2).bytes(), { offset: 1, reason: /unknown geometry type code 0\b/i }],
  ['type code 4001', new Wkb().head(4001).f64(1, 2).bytes(), { offset: 1, reason: /unknown geometry type code 4001/i }],
  ['type code 8 (big-endian)', new Wkb('big').head(8).f64(1, 2).bytes(), { offset: 1, reason: /unknown geometry type code 8\b/i }],
  ['linestring count 0xFFFFFFFF', new Wkb().head(2).u32(0xffffffff).f64(0, 0).bytes(), { offset: 5, reason: /count 4294967295 exceeds the bytes left \(16\)/ }],
  ['polygon ring count 2^31', new Wkb().head(3).u32(0x80000000).bytes(), { offset: 5, reason: /count 2147483648 exceeds the bytes left \(0\)/ }],
  ['multipoint count 1e6 with 2 points', concatBytes(new Wkb().head(4).u32(1e6).bytes(), POINT_1_2, POINT_1_2), { offset: 5, reason: /count 1000000 exceeds the bytes left \(42\)/ }],
  ['collection count 0x7FFFFFFF', new Wkb('big').head(7).u32(0x7fffffff).bytes(), { offset: 5, reason: /count 2147483647 exceeds/ }],
  ['3 trailing bytes', Uint8Array.of(...POINT_1_2, 0, 0, 0), { offset: 21, reason: /3 trailing bytes/ }],
  ['a second geometry after the first', concatBytes(POINT_1_2, POINT_1_2), { offset: 21, reason: /21 trailing bytes/ }],
  ['unclosed ring', polygonWkb('little', 0, 0, 1, 0, 1, 1, 0, 1), { offset: 9, reason: /ring 0 of polygon 0 is not closed/ }],
  ['unclosed second ring (big-endian)', new Wkb('big').head(3).u32(2).u32(4).f64(0, 0, 9, 0, 9, 9, 0, 0).u32(4).f64(1, 1, 2, 1, 2, 2, 1, 2).bytes(), { offset: 77, reason: /ring 1 of polygon 0 is not closed/ }],
  ['ring with 3 points', polygonWkb('little', 0, 0, 1, 0, 0, 0), { offset: 9, reason: /ring 0 of polygon 0 has 3 coordinates.*at least 4/ }],
  ['empty ring', new Wkb().head(3).u32(1).u32(0).bytes(), { offset: 9, reason: /ring 0 of polygon 0 has 0 coordinates/ }],
  ['ring with 3 points in polygon 1 of a multipolygon', concatBytes(new Wkb().head(6).u32(2).bytes(), polygonWkb('little', 0, 0, 1, 0, 1, 1, 0, 0), polygonWkb('little', 0, 0, 1, 0, 0, 0)), { offset: 95, reason: /ring 0 of polygon 1 has 3 coordinates/ }],
  ['one-point linestring', new Wkb().head(2).u32(1).f64(1, 2).bytes(), { offset: 5, reason: /linestring has 1 coordinate/ }],
  ['NaN x in a point', new Wkb().head(1).f64(NaN, 2).bytes(), { offset: 5, reason: /NaN or infinite/ }],
  ['Infinity y in a point', new Wkb('big').head(1).f64(1, Infinity).bytes(), { offset: 5, reason: /NaN or infinite/ }],
  ['-Infinity in coordinate 1 of a linestring', new Wkb().head(2).u32(3).f64(0, 0, -Infinity, 1, 2, 2).bytes(), { offset: 25, reason: /coordinate 1 is NaN or infinite/ }],
  ['NaN z in coordinate 2 of a linestring Z (big-endian)', new Wkb('big').head(1002).u32(3).f64(0, 0, 0, 1, 1, 1, 2, 2, NaN).bytes(), { offset: 57, reason: /coordinate 2 is NaN or infinite/ }],
  ['a linestring inside a multipoint', concatBytes(new Wkb().head(4).u32(1).bytes(), GOOD_WKB[1]!), { offset: 9, reason: /member 0 of MultiPoint is a LineString/i }],
];

describe('WKB errors', () => {
  for (const [name, bytes, want] of BAD_WKB) {
    test(`${name}: throws with index, offset and reason`, () => {
      assertParseError(() => fromWKB([bytes]), { index: 0, ...want });
      // the index is the element's position in the batch
      assertParseError(() => fromWKB([POINT_1_2, null, GOOD_WKB[1]!, bytes, POINT_1_2]), { index: 3, ...want });
      // the first bad element is the one reported
      assertParseError(() => fromWKB([POINT_1_2, bytes, bytes]), { index: 1, ...want });
    });
  }

  test("onInvalid: 'null' nulls every bad element, parses the rest and lists the problems", () => {
    const input: (Uint8Array | null)[] = [];
    const want: (string | null)[] = [];
    BAD_WKB.forEach(([, bytes]) => {
      input.push(bytes, POINT_1_2);
      want.push(null, 'POINT (1 2)');
    });
    input.push(null, GOOD_WKB[1]!);
    want.push(null, 'LINESTRING (0 0, 1 1)');
    const a = fromWKB(input, { onInvalid: 'null' });
    assert.equal(a.length, input.length);
    assert.deepEqual(toWKT(a), want);
    assert.equal(a.invalid.length, BAD_WKB.length);
    BAD_WKB.forEach(([, , w], k) => assertProblem(a.invalid[k], { index: 2 * k, ...w }));
    // a clean parse has no problems
    assert.deepEqual(fromWKB(GOOD_WKB, { onInvalid: 'null' }).invalid, []);
    assert.deepEqual(fromWKB(GOOD_WKB).invalid, []);
  });

  test("onInvalid must be 'throw' or 'null'", () => {
    assert.throws(() => fromWKB(GOOD_WKB, { onInvalid: 'skip' as never }), GeovecError);
    assert.equal(fromWKB(GOOD_WKB, { onInvalid: 'throw' }).length, 2);
  });

  test('bad framing (offsets out of order or past the data) is a GeovecError, not a parse error', () => {
    const data = concatBytes(...GOOD_WKB);
    for (const offsets of [new Int32Array([0, 21, 10]), new Int32Array([0, 21, 999]), new Int32Array([-1, 21])]) {
      assert.throws(
        () => fromWKB({ data, offsets }),
        (e: unknown) => e instanceof GeovecError && !(e instanceof GeovecParseError),
        String(offsets),
      );
    }
  });

  test('collections nested deeper than 64 levels are rejected; 64 levels are fine', () => {
    const nest = (depth: number) => {
      const parts: Uint8Array[] = [];
      for (let k = 0; k < depth; k++) parts.push(new Wkb().head(7).u32(1).bytes());
      parts.push(POINT_1_2);
      return concatBytes(...parts);
    };
    const ok = fromWKB([nest(64)]);
    assert.equal(toWKT(ok)[0], 'GEOMETRYCOLLECTION ('.repeat(64) + 'POINT (1 2)' + ')'.repeat(64));
    assertParseError(() => fromWKB([nest(65)]), { index: 0, offset: 64 * 9, reason: /nested deeper than 64/ });
    assertParseError(() => fromWKB([nest(100_000)]), { index: 0, offset: 64 * 9, reason: /nested deeper than 64/ });
  });
});

// ---- WKT ----------------------------------------------------------------------------

/** [text, expected problem]; ('' is not here: a zero-length element is null, not an error). */
const BAD_WKT: [string, Omit<ExpectedProblem, 'index'>][] = [
  ['POINT (1 2', { offset: 10, reason: /unexpected end of input.*'\)'/ }],
  ['POINT (1 2))', { offset: 11, reason: /unexpected '\)' after the geometry/ }],
  ['POLYGON ((0 0, 1 0, 1 1, 0 0)', { offset: 29, reason: /unexpected end of input/ }],
  ['LINESTRING (0 0, 1 1', { offset: 20, reason: /unexpected end of input/ }],
  ['MULTIPOINT ((1 2), (3 4)', { offset: 24, reason: /unexpected end of input/ }],
  ['POINT 1 2)', { offset: 6, reason: /expected .*'\('.*found '1'/ }],
  ['FOO (1 2)', { offset: 0, reason: /unknown geometry type 'FOO'/ }],
  ['POINTS (1 2)', { offset: 0, reason: /unknown geometry type 'POINTS'/ }],
  ['LINEARRING (0 0, 1 1, 1 0, 1 1)', { offset: 11, reason: /linearring at offset 11 is not closed/ }],
  ['LINEARRING (0 0, 0 0)', { offset: 11, reason: /2 coordinates, expected 0 or at least 3/ }],
  ['', { offset: 0, reason: /empty WKT \(an empty string\) is not a geometry/ }],
  ['POINT (1 2) x', { offset: 12, reason: /unexpected 'x' after the geometry/ }],
  ['POINT (1 2), POINT (3 4)', { offset: 11, reason: /unexpected ',' after the geometry/ }],
  ['POINT (1 2 3 4 5)', { offset: 7, reason: /more than 4 numbers/ }],
  ['POINT (1)', { offset: 7, reason: /1 number, expected 2 to 4/ }],
  ['POINT Z (1 2)', { offset: 9, reason: /2 numbers, expected 3/ }],
  ['LINESTRING (0 0, 1 1 1)', { offset: 17, reason: /3 numbers, expected 2/ }],
  ['POINT (1.2.3 4)', { offset: 7, reason: /invalid number '1\.2\.3'/ }],
  ['POINT (1x 4)', { offset: 7, reason: /invalid number '1x'/ }],
  ['POINT (NaN 2)', { offset: 7, reason: /NaN and infinite coordinates are not allowed/ }],
  ['POINT (1 inf)', { offset: 9, reason: /NaN and infinite coordinates are not allowed/ }],
  ['POINT (1 NaN)', { offset: 9, reason: /NaN and infinite coordinates are not allowed/ }],
  ['POINT (Infinity 1)', { offset: 7, reason: /NaN and infinite coordinates are not allowed/ }],
  ['LINESTRING (0 0, 1 -Infinity)', { offset: 19, reason: /NaN and infinite coordinates are not allowed/ }],
  ['POINT (1e999 2)', { offset: 7, reason: /number '1e999' .*out of range/ }],
  ['LINESTRING (0 0)', { offset: 11, reason: /linestring .*1 coordinate, expected 0 or at least 2/ }],
  ['MULTILINESTRING ((0 0, 1 1), (5 5))', { offset: 29, reason: /linestring 1 .*1 coordinate/ }],
  ['POLYGON ((0 0, 1 0, 1 1, 0 1))', { offset: 9, reason: /ring 0 of polygon 0 .*not closed/ }],
  ['POLYGON ((0 0, 1 0, 0 0))', { offset: 9, reason: /ring 0 of polygon 0 .*3 coordinates, at least 4/ }],
  ['POLYGON ((0 0, 9 0, 9 9, 0 0), (1 1, 2 1, 2 2, 1 2))', { offset: 31, reason: /ring 1 of polygon 0 .*not closed/ }],
  ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((0 0, 1 0, 0 0)))', { offset: 39, reason: /ring 0 of polygon 1 .*3 coordinates/ }],
  ['POLYGON (EMPTY)', { offset: 9, reason: /ring 0 of polygon 0 .*EMPTY/ }],
  ['POINT ZM Z (1 2 3 4)', { offset: 9, reason: /expected 'EMPTY' or '\(' .*found 'Z'/ }],
  ['POINT Z M (1 2 3 4)', { offset: 8, reason: /second dimension tag|expected 'EMPTY' or '\(' .*found 'M'/ }],
  ['POINT ()', { offset: 7, reason: /expected a number.*found '\)'/ }],
  ['GEOMETRYCOLLECTION (POINT (1 2), FOO EMPTY)', { offset: 33, reason: /unknown geometry type 'FOO'/ }],
  ['SRID=abc;POINT (1 2)', { offset: 5, reason: /SRID/ }],
  ['SRID=99999999999;POINT (1 2)', { offset: 5, reason: /SRID .*32 bits/ }],
  ['POINT ((1 2)', { offset: 7, reason: /expected a number.*found '\('/ }],
];

describe('WKT errors', () => {
  for (const [wkt, want] of BAD_WKT) {
    test(`${JSON.stringify(wkt)}: throws with index, offset and reason`, () => {
      assertParseError(() => fromWKT([wkt]), { index: 0, ...want });
      assertParseError(() => fromWKT(['POINT (1 2)', null, 'LINESTRING (0 0, 1 1)', wkt, 'garbage']), { index: 3, ...want });
    });
  }

  test("onInvalid: 'null' nulls every bad element, parses the rest and lists the problems", () => {
    const input = BAD_WKT.flatMap(([w]) => [w, 'POINT (1 2)']);
    const a = fromWKT(input, { onInvalid: 'null' });
    assert.deepEqual(toWKT(a), BAD_WKT.flatMap(() => [null, 'POINT (1 2)']));
    assert.equal(a.invalid.length, BAD_WKT.length);
    BAD_WKT.forEach(([, w], k) => assertProblem(a.invalid[k], { index: 2 * k, ...w }));
  });

  test('offsets count bytes from the start of the element, after multi-byte text', () => {
    // "é" is 2 bytes in UTF-8: the offset of the bad token is a byte offset
    assertParseError(() => fromWKT(['POINT (1 2)', 'POINT (1 2) é']), { index: 1, offset: 12, reason: /unexpected .* after the geometry/ });
    assertParseError(() => fromWKT(['POINT (é 2)']), { index: 0, offset: 7, reason: /./ });
  });

  test('collections nested deeper than 64 levels are rejected; 64 levels are fine', () => {
    const nest = (d: number) => 'GEOMETRYCOLLECTION ('.repeat(d) + 'POINT (1 2)' + ')'.repeat(d);
    assert.deepEqual(toWKT(fromWKT([nest(64)])), [nest(64)]);
    assertParseError(() => fromWKT([nest(65)]), { index: 0, offset: 64 * 20, reason: /nested deeper than 64/ });
    assertParseError(() => fromWKT([nest(100_000)]), { index: 0, offset: 64 * 20, reason: /nested deeper than 64/ });
  });
});

// ---- GeoJSON ------------------------------------------------------------------------

/** A FeatureCollection text whose feature 1 has the given geometry text (offsets are reported from the document start). */
const PREFIX = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":null},{"type":"Feature","properties":null,"geometry":';
const inFeature1 = (geometry: string) => `${PREFIX}${geometry}},{"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]},"properties":null}]}`;

/** [geometry text, offset inside that text, reason]: GeoJSON errors in valid JSON (these become null with onInvalid: 'null'). */
const BAD_GEOJSON_GEOMETRY: [string, number, RegExp][] = [
  ['{"type":"Pointy","coordinates":[1,2]}', 8, /unknown .*type.*Pointy/i],
  ['{"type":"Point"}', -1, /coordinates/],
  ['{"type":"Point","coordinates":[1]}', 30, /position.*1 number|at least 2/i],
  ['{"type":"Point","coordinates":[1,2,3,4,5]}', 30, /position .*more than 4 numbers/i],
  ['{"type":"Point","coordinates":"1,2"}', 30, /expected/],
  ['{"type":"Point","coordinates":[1,1e999]}', 33, /out of range|infinite|finite/i],
  ['{"type":"LineString","coordinates":[[0,0]]}', 35, /linestring .*1 (coordinate|position)/i],
  ['{"type":"LineString","coordinates":[[0,0],[1,1,1]]}', 42, /position.*3 numbers|different|expected 2/i],
  ['{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}', 33, /ring 0 of (polygon 0|Polygon) .*not closed/],
  ['{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}', 33, /ring 0 of (polygon 0|Polygon) .*3 (coordinates|positions)/],
  ['{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]}', 67, /ring 0 of polygon 1 .*not closed/],
  ['{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Nope"}]}', 88, /unknown .*type.*Nope/i],
  ['{"type":"GeometryCollection"}', -1, /geometries/],
  ['{"type":"Feature","geometry":null,"properties":null}', 8, /expected a geometry.*Feature/],
];

/**
 * [document, index, offset, reason]: JSON syntax errors stop the whole parse
 * in both modes. The index is the element being read when the parse stopped
 * (after a complete document, the next one).
 */
const BAD_JSON: [string, number, number, RegExp][] = [
  ['{"type":"Point","coordinates":[1,2]', 0, 35, /unexpected end of input/],
  ['{"type":"Point","coordinates":[1,2]]', 0, 35, /expected ',' or '}'/],
  ['{"type":"Point","coordinates":[1,2],}', 0, 36, /expected/],
  ['{"type":"Point","coordinates":[NaN,2]}', 0, 31, /expected|invalid/],
  ['{"type":"Point","coordinates":[01,2]}', 0, 31, /number|expected/],
  ['{"type":"Point","coordinates":[1,2]} x', 1, 37, /unexpected data after the document/],
  ["{'type':'Point'}", 0, 1, /expected/],
  ['', 0, 0, /unexpected end of input|empty/],
  ['[{"type":"Point","coordinates":[1,2]},', 1, 38, /unexpected end of input/],
  [inFeature1('{"type":"Point","coordinates":[1,2}'), 1, PREFIX.length + 34, /expected/],
];

describe('GeoJSON errors', () => {
  for (const [geometry, at, reason] of BAD_GEOJSON_GEOMETRY) {
    test(`${geometry}: throws with index, offset and reason`, () => {
      // alone (offset from the document start = from the geometry start)
      // (a Feature is fine alone; it is only wrong as a Feature's geometry)
      const offsetAlone = at < 0 ? (o: number) => o >= 0 && o <= geometry.length : at;
      if (!geometry.includes('"Feature"')) assertParseError(() => fromGeoJSON(geometry), { index: 0, offset: offsetAlone, reason });
      // as feature 1 of a collection: the offset is from the start of the document
      const offsetIn = at < 0 ? (o: number) => o >= PREFIX.length && o <= PREFIX.length + geometry.length : PREFIX.length + at;
      assertParseError(() => fromGeoJSON(inFeature1(geometry)), { index: 1, offset: offsetIn, reason });
    });
  }

  test("onInvalid: 'null' nulls bad features, keeps their properties and ids, parses the rest", () => {
    const features = BAD_GEOJSON_GEOMETRY.map(([g], k) => `{"type":"Feature","id":${k},"geometry":${g},"properties":{"k":${k}}},{"type":"Feature","geometry":{"type":"Point","coordinates":[${k},0]},"properties":null}`);
    const text = `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
    const t = fromGeoJSON(text, { onInvalid: 'null', properties: true });
    const n = BAD_GEOJSON_GEOMETRY.length;
    assert.equal(t.geometry.length, 2 * n);
    assert.deepEqual(toWKT(t.geometry), BAD_GEOJSON_GEOMETRY.flatMap((_, k) => [null, `POINT (${k} 0)`]));
    assert.deepEqual(t.ids, BAD_GEOJSON_GEOMETRY.flatMap((_, k) => [k, undefined]));
    assert.deepEqual(t.properties, BAD_GEOJSON_GEOMETRY.flatMap((_, k) => [{ k }, null]));
    const invalid = t.geometry.invalid;
    assert.equal(invalid.length, n);
    let docAt = '{"type":"FeatureCollection","features":['.length;
    BAD_GEOJSON_GEOMETRY.forEach(([g, at, reason], k) => {
      const head = `{"type":"Feature","id":${k},"geometry":`;
      const start = docAt + head.length;
      assertProblem(invalid[k], { index: 2 * k, offset: at < 0 ? (o) => o >= start && o <= start + g.length : start + at, reason });
      docAt += features[k]!.length + 1;
    });
    // the same with a bare array of geometries
    const bare = fromGeoJSON(`[${BAD_GEOJSON_GEOMETRY.filter(([g]) => !g.includes('Feature')).map(([g]) => g).join(',')},{"type":"Point","coordinates":[1,2]}]`, { onInvalid: 'null' });
    assert.deepEqual(toWKT(bare), [...Array(n - 1).fill(null), 'POINT (1 2)']);
    assert.equal(bare.invalid.length, n - 1);
  });

  for (const [doc, index, at, reason] of BAD_JSON) {
    test(`malformed JSON ${JSON.stringify(doc.length > 60 ? '…' + doc.slice(-40) : doc)} throws in both modes`, () => {
      assertParseError(() => fromGeoJSON(doc), { index, offset: at, reason });
      assertParseError(() => fromGeoJSON(doc, { onInvalid: 'null' }), { index, offset: at, reason });
      assertParseError(() => fromGeoJSON(new TextEncoder().encode(doc)), { index, offset: at, reason });
    });
  }

  test('FeatureCollection-level errors stop the parse', () => {
    assertParseError(() => fromGeoJSON('{"type":"FeatureCollection"}', { onInvalid: 'null' }), { index: 0, reason: /features/ });
    assertParseError(() => fromGeoJSON('{"type":"FeatureCollection","features":{}}', { onInvalid: 'null' }), { index: 0, offset: 39, reason: /array|expected/ });
  });

  test('collections nested deeper than 64 levels are rejected', () => {
    const nest = (d: number) => '{"type":"GeometryCollection","geometries":['.repeat(d) + '{"type":"Point","coordinates":[1,2]}' + ']}'.repeat(d);
    assert.equal(toWKT(fromGeoJSON(nest(64)))[0], 'GEOMETRYCOLLECTION ('.repeat(64) + 'POINT (1 2)' + ')'.repeat(64));
    // the offset points into the opening of the 65th collection
    const in65th = (o: number) => o >= 64 * 43 && o < 65 * 43;
    assertParseError(() => fromGeoJSON(nest(65)), { index: 0, offset: in65th, reason: /nested deeper than 64/ });
    assertParseError(() => fromGeoJSON(nest(50_000)), { index: 0, offset: in65th, reason: /nested deeper than 64/ });
  });
});

// ---- robustness ---------------------------------------------------------------------

/** Applies 1 to 4 random edits: bit flips, truncations, insertions, deletions, byte swaps. */
function mutate(r: () => number, src: Uint8Array, alphabet?: Uint8Array): Uint8Array {
  let b = Array.from(src);
  const edits = 1 + randInt(r, 4);
  for (let e = 0; e < edits; e++) {
    const at = randInt(r, b.length + 1);
    const byte = () => (alphabet && r() < 0.8 ? alphabet[randInt(r, alphabet.length)]! : randInt(r, 256));
    switch (randInt(r, 6)) {
      case 0: // bit flip
        if (b.length) b[at % b.length]! ^= 1 << randInt(r, 8);
        break;
      case 1: // truncation
        b = b.slice(0, at);
        break;
      case 2: // insertion of 1 to 8 bytes
        b.splice(at, 0, ...Array.from({ length: 1 + randInt(r, 8) }, byte));
        break;
      case 3: // deletion
        b.splice(at, 1 + randInt(r, 8));
        break;
      case 4: // overwrite with a random byte
        if (b.length) b[at % b.length] = byte();
        break;
      default: // duplicate a slice
        b.splice(at, 0, ...b.slice(randInt(r, b.length + 1), randInt(r, b.length + 1)));
    }
  }
  return Uint8Array.from(b);
}

const SEEDS_WKT = [
  'POINT (1 2)',
  'POINT ZM (1 2 3 4)',
  'LINESTRING (0 0, 1.5 1e3, -2 2)',
  'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))',
  'MULTIPOINT ((1 2), EMPTY, (3 4))',
  'MULTILINESTRING ((0 0, 1 1), EMPTY, (2 2, 3 3))',
  'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))',
  'GEOMETRYCOLLECTION (POINT Z (1 2 3), GEOMETRYCOLLECTION (LINESTRING M (0 0 1, 1 1 2)), POLYGON EMPTY)',
  'SRID=4326;POINT (1 2)',
];

/** Runs fn: it must return normally or throw GeovecParseError; anything else fails the test. */
function parsesOrParseError(fn: () => unknown, what: () => string): 'ok' | 'error' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof GeovecParseError) {
      assert.ok(Number.isInteger(e.index) && e.index >= 0, `index ${e.index} for ${what()}`);
      assert.ok(Number.isInteger(e.offset) && e.offset >= -1, `offset ${e.offset} for ${what()}`);
      assert.ok(e.reason.length > 0, `empty reason for ${what()}`);
      return 'error';
    }
    assert.fail(`not a GeovecParseError (${String((e as Error)?.stack ?? e)}) for ${what()}`);
  }
}

describe('robustness: 2,000 seeded random mutations per format', () => {
  const seedArray = fromWKT(SEEDS_WKT);
  const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

  test('WKB', () => {
    const seeds = [...toWKB(seedArray), ...toWKB(seedArray, { byteOrder: 'big', ewkb: true })] as Uint8Array[];
    const r = rng(0x5eed_0001);
    const tally = { ok: 0, error: 0 };
    let zeroLength = 0; // a mutation truncated to nothing is an error too (zero bytes are not WKB)
    const batch: Uint8Array[] = [];
    for (let i = 0; i < 2000; i++) {
      const m = mutate(r, seeds[randInt(r, seeds.length)]!);
      batch.push(m);
      if (m.length === 0) zeroLength++;
      const result = parsesOrParseError(() => {
        const a = fromWKB([m]);
        // whatever parsed must also write and read back the same
        const wkb = toWKB(a)[0];
        if (wkb) assert.deepEqual(toWKT(fromWKB([wkb])), toWKT(a), `rewrite of ${hexOf(m)}`);
        toGeoJSON(a);
      }, () => hexOf(m));
      tally[result]++;
    }
    assert.ok(tally.error > 500, `most mutations should be errors: ${JSON.stringify(tally)}`);
    // the same inputs in one batch with onInvalid: 'null' never throw
    const all = fromWKB(batch, { onInvalid: 'null' });
    assert.equal(all.length, batch.length);
    assert.equal(all.invalid.length, Math.min(tally.error, 1000), 'one problem per bad element (at most 1000 kept)');
    let nulls = 0;
    for (const g of all) if (g === null) nulls++;
    assert.equal(nulls, tally.error);
    assert.ok(zeroLength === 0 || tally.error >= zeroLength);
  });

  test('WKT', () => {
    const seeds = SEEDS_WKT.map((s) => new TextEncoder().encode(s));
    const alphabet = new TextEncoder().encode('0123456789.-+eE ,()ZMEMPTYNaINFpointLINESTRGOYC;=\t\n');
    const r = rng(0x5eed_0002);
    const tally = { ok: 0, error: 0 };
    const decoder = new TextDecoder();
    for (let i = 0; i < 2000; i++) {
      const text = decoder.decode(mutate(r, seeds[randInt(r, seeds.length)]!, alphabet));
      tally[
        parsesOrParseError(() => {
          const a = fromWKT([text]);
          const w = toWKT(a);
          if (w[0] !== null) assert.deepEqual(toWKT(fromWKT(w)), w, `rewrite of ${JSON.stringify(text)}`);
        }, () => JSON.stringify(text))
      ]++;
    }
    assert.ok(tally.error > 500 && tally.ok > 50, JSON.stringify(tally));
  });

  test('GeoJSON', () => {
    const doc = new TextEncoder().encode(
      toGeoJSON(seedArray, { as: 'text', properties: SEEDS_WKT.map((_, i) => ({ i, name: `f${i}`, list: [1, null, true] })) }),
    );
    const small = SEEDS_WKT.map((w) => new TextEncoder().encode(JSON.stringify(toGeoJSON(fromWKT([w]))[0])));
    const alphabet = new TextEncoder().encode('0123456789.-+eE ,[]{}":typecoordinatesPointLineStringPolygonMultiGeometryCollectionFeaturenulltruefalse');
    const r = rng(0x5eed_0003);
    const tally = { ok: 0, error: 0 };
    for (let i = 0; i < 2000; i++) {
      const src = i % 4 === 0 ? doc : small[randInt(r, small.length)]!;
      const m = mutate(r, src, alphabet);
      const what = () => JSON.stringify(new TextDecoder().decode(m).slice(0, 400));
      tally[
        parsesOrParseError(() => {
          const t = fromGeoJSON(m, { properties: true, onInvalid: i % 2 ? 'null' : 'throw' });
          assert.equal(t.properties.length, t.geometry.length);
          const back = toGeoJSON(t.geometry, { as: 'text' });
          assert.deepEqual(toWKT(fromGeoJSON(back)), toWKT(t.geometry), `rewrite of ${what()}`);
        }, what)
      ]++;
    }
    assert.ok(tally.error > 500 && tally.ok > 50, JSON.stringify(tally));
  });
});
