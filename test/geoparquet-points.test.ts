/**
 * The points fast path of the C GeoParquet decoder (src/core/io/parquet_pages.c,
 * "points mode"): columns of plain 2D WKB points (either byte order, POINT
 * EMPTY as NaN, nulls) are written straight into the coordinates; the first
 * other value (a line, a Z point, an EWKB SRID, a bad coordinate) falls back
 * to the WKB reader mid-chunk. Every read must equal fromWKB of the values
 * written (the WKB reader's own result), over snappy / uncompressed,
 * dictionary / plain, v1 / v2 pages and several row groups.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as arrow from 'apache-arrow';

import { bounds, fromWKB, fromWKT, GeovecError, isEmpty, rng, toWKB } from './helpers/geovec.js';
import { readFile } from '../src/ts/formats/index.js';

interface WriteOpts { compression: 'SNAPPY' | 'UNCOMPRESSED'; dictionary: boolean; v2: boolean; pageSize?: number; rowGroupSize?: number }

async function parquetOf(values: (Uint8Array | null)[], o: WriteOpts): Promise<Uint8Array> {
  const geom = arrow.vectorFromArray(values, new arrow.Binary());
  const table = new arrow.Table({ geometry: geom });
  const m = await import('parquet-wasm');
  const geo = JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: [] } } });
  let b = new m.WriterPropertiesBuilder()
    .setCompression(m.Compression[o.compression])
    .setDictionaryEnabled(o.dictionary)
    .setWriterVersion(o.v2 ? m.WriterVersion.V2 : m.WriterVersion.V1)
    .setMaxRowGroupSize(o.rowGroupSize ?? 500)
    .setKeyValueMetadata(new Map([['geo', geo]]));
  if (o.pageSize) b = b.setDataPageSizeLimit(o.pageSize);
  return m.writeParquet(m.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), b.build());
}

/** A 2D WKB point in either byte order. */
function wkbPoint(x: number, y: number, big = false): Uint8Array {
  const b = new Uint8Array(21);
  const v = new DataView(b.buffer);
  b[0] = big ? 0 : 1;
  v.setUint32(1, 1, !big);
  v.setFloat64(5, x, !big);
  v.setFloat64(13, y, !big);
  return b;
}

const wkbOf = (wkt: string, big = false) => toWKB(fromWKT([wkt]), { byteOrder: big ? 'big' : 'little', ewkb: true })[0]!;
const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);

/** Seeded points: random coordinates, repeats (for dictionaries), empties, nulls, both byte orders. */
function randomPoints(n: number, seed: number): (Uint8Array | null)[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const k = r();
    if (k < 0.08) return null;
    if (k < 0.12) return wkbPoint(NaN, NaN, r() < 0.5);
    if (k < 0.3) return wkbPoint(i % 5, -(i % 5));
    return wkbPoint(r() * 360 - 180, r() * 180 - 90, r() < 0.2);
  });
}

async function expectSame(values: (Uint8Array | null)[], o: WriteOpts, what: string) {
  const got = await readFile(await parquetOf(values, o), { format: 'geoparquet' });
  const want = fromWKB(values);
  assert.equal(got.geometry.length, values.length, what);
  assert.deepEqual(toWKB(got.geometry, { ewkb: true }).map(hex), toWKB(want, { ewkb: true }).map(hex), what);
  assert.equal(got.geometry.dims, want.dims, `${what}: dims`);
  const gb = bounds(got.geometry), wb = bounds(want);
  for (let i = 0; i < gb.length; i++) assert.ok(Object.is(gb[i], wb[i]), `${what}: bounds[${i}]`);
  assert.deepEqual([...isEmpty(got.geometry)], [...isEmpty(want)], `${what}: isEmpty`);
  assert.deepEqual([...got.geometry.typeCodes], [...want.typeCodes], `${what}: types`);
}

const LAYOUTS: [string, WriteOpts][] = [
  ['snappy, dictionary, v1', { compression: 'SNAPPY', dictionary: true, v2: false }],
  ['snappy, plain, v1, small pages', { compression: 'SNAPPY', dictionary: false, v2: false, pageSize: 600 }],
  ['uncompressed, plain, v2', { compression: 'UNCOMPRESSED', dictionary: false, v2: true }],
  ['uncompressed, dictionary, v2, small pages', { compression: 'UNCOMPRESSED', dictionary: true, v2: true, pageSize: 300 }],
];

describe('GeoParquet: the points fast path', () => {
  for (const [name, o] of LAYOUTS) {
    test(`points with empties, nulls and both byte orders (${name})`, async () => {
      await expectSame(randomPoints(1700, name.length), o, name);
    });
  }

  test('only points, no nulls; a single point; no rows', async () => {
    const r = rng(5);
    await expectSame(Array.from({ length: 1200 }, () => wkbPoint(r() * 10, r() * 10)), LAYOUTS[0]![1], 'no nulls');
    await expectSame([wkbPoint(1, 2)], LAYOUTS[1]![1], 'one point');
    await expectSame([null, null], LAYOUTS[2]![1], 'all null');
    await expectSame([wkbPoint(NaN, NaN)], LAYOUTS[3]![1], 'one empty point');
  });

  /* the first non-point value at several places: first row, mid-page, a later page, a later row group */
  const intruders: [string, Uint8Array][] = [
    ['a linestring', wkbOf('LINESTRING (0 0, 1 1)')],
    ['a Z point', wkbOf('POINT Z (1 2 3)')],
    ['an M point (big-endian)', wkbOf('POINT M (1 2 4)', true)],
    ['an EWKB point with an SRID', Uint8Array.from(Buffer.from('0101000020E6100000000000000000F03F0000000000000040', 'hex'))],
    ['a multipoint', wkbOf('MULTIPOINT ((1 2), (3 4))')],
    ['a collection', wkbOf('GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))')],
    ['a polygon', wkbOf('POLYGON ((0 0, 1 0, 1 1, 0 0))')],
  ];
  for (const [what, bytes] of intruders) {
    test(`mixed chunks fall back to the WKB reader: ${what}`, async () => {
      for (const at of [0, 1, 137, 820, 1299]) {
        const values = randomPoints(1300, at + 11);
        values[at] = bytes;
        for (const [name, o] of [LAYOUTS[0]!, LAYOUTS[1]!, LAYOUTS[2]!]) await expectSame(values, o, `${what} at row ${at} (${name})`);
      }
    });
  }

  test('a point with one NaN or an infinite coordinate is the WKB reader\'s error, row named', async () => {
    for (const [x, y] of [[NaN, 1], [1, Infinity], [-Infinity, NaN]] as const) {
      const values = randomPoints(900, 3).map((v) => v ?? wkbPoint(0, 0));
      values[611] = wkbPoint(x, y);
      await assert.rejects(readFile(await parquetOf(values, LAYOUTS[1]![1]), { format: 'geoparquet' }), (e: Error) => {
        assert.ok(e instanceof GeovecError, e.message);
        assert.match(e.message, /row 611: point has a NaN or infinite coordinate/);
        return true;
      });
    }
  });

  test('an error in a later row group names that row group and the file row', async () => {
    const values = randomPoints(1500, 9);
    const bad = wkbPoint(1, 2);
    bad[0] = 7;
    values[1000] = bad;
    for (const o of [LAYOUTS[0]![1], LAYOUTS[2]![1]]) {
      await assert.rejects(readFile(await parquetOf(values, { ...o, rowGroupSize: 300 }), { format: 'geoparquet' }), (e: Error) => {
        assert.ok(e instanceof GeovecError, e.message);
        assert.match(e.message, /row group 3: geometry column geometry: .*row 1000: invalid byte order 7/);
        return true;
      });
    }
  });

  test('readFile (row groups decoded in one call) equals openFile batches joined', async () => {
    const values = randomPoints(2000, 21);
    values[333] = wkbOf('POLYGON ((0 0, 1 0, 1 1, 0 0))');
    const bytes = await parquetOf(values, { compression: 'SNAPPY', dictionary: true, v2: true, rowGroupSize: 128 });
    const whole = await readFile(bytes, { format: 'geoparquet' });
    const { openFile } = await import('../src/ts/formats/index.js');
    const parts: string[] = [];
    for await (const b of openFile(bytes, { format: 'geoparquet', batchSize: 100 })) parts.push(...toWKB(b.geometry, { ewkb: true }).map((x) => hex(x)!));
    assert.deepEqual(toWKB(whole.geometry, { ewkb: true }).map(hex), parts.map((x) => x));
  });

  test('several row groups of points, then points after a mixed row group, in one array', async () => {
    const values = randomPoints(2500, 77);
    values[1234] = wkbOf('LINESTRING (5 5, 6 6)');
    await expectSame(values, { compression: 'SNAPPY', dictionary: true, v2: false, rowGroupSize: 300 }, 'row groups of 300');
    await expectSame(randomPoints(2500, 78), { compression: 'SNAPPY', dictionary: false, v2: true, rowGroupSize: 256 }, 'all points, row groups of 256');
  });
});

describe('GeoParquet: property columns built straight from the column values', () => {
  test('text (UTF-8 as is, empty, null), Int32, Int64, Float32, Float64 (NaN, null), binary, dates, booleans', async () => {
    const n = 5;
    const g = arrow.vectorFromArray([wkbPoint(1, 2), wkbPoint(3, 4), null, wkbPoint(NaN, NaN), wkbPoint(5, 6)], new arrow.Binary());
    const table = new arrow.Table({
      geometry: g,
      s: arrow.vectorFromArray(['a', 'é"\\ 日本', null, '', '🙂'], new arrow.Utf8()),
      i: arrow.vectorFromArray([1, null, -2147483648, 2147483647, 0], new arrow.Int32()),
      l: arrow.vectorFromArray([1n, -(2n ** 62n), null, 9007199254740993n, 0n], new arrow.Int64()),
      f: arrow.vectorFromArray([1.5, null, -0.25, 3, 0], new arrow.Float32()),
      d: arrow.vectorFromArray([0.1, NaN, null, -1e300, 5e-324], new arrow.Float64()),
      b: arrow.vectorFromArray([Uint8Array.of(0, 255), null, new Uint8Array(0), Uint8Array.of(7), Uint8Array.of(1, 2, 3)], new arrow.Binary()),
      t: arrow.vectorFromArray([true, false, null, true, false], new arrow.Bool()),
      day: arrow.vectorFromArray([new Date(Date.UTC(2020, 0, 2)), null, new Date(0), new Date(Date.UTC(1969, 11, 31)), new Date(Date.UTC(2038, 5, 1))], new arrow.DateDay()),
    });
    const m = await import('parquet-wasm');
    const geo = JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: [] } } });
    const props = new m.WriterPropertiesBuilder().setCompression(m.Compression.SNAPPY).setKeyValueMetadata(new Map([['geo', geo]])).build();
    const bytes = m.writeParquet(m.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
    const got = await readFile(bytes, { format: 'geoparquet' });
    const col = (name: string) => Array.from({ length: n }, (_, k) => got.table.getChild(name)!.get(k));
    assert.deepEqual(col('s'), ['a', 'é"\\ 日本', null, '', '🙂']);
    assert.deepEqual(col('i'), [1, null, -2147483648, 2147483647, 0]);
    assert.deepEqual(col('l'), [1n, -(2n ** 62n), null, 9007199254740993n, 0n]);
    assert.deepEqual(col('f'), [1.5, null, -0.25, 3, 0]);
    assert.deepEqual(col('d'), [0.1, NaN, null, -1e300, 5e-324]);
    assert.deepEqual(col('b').map((v) => (v ? Array.from(v as Uint8Array) : v)), [[0, 255], null, [], [7], [1, 2, 3]]);
    assert.deepEqual(col('t'), [true, false, null, true, false]);
    assert.equal(got.table.getChild('s')!.type.typeId, arrow.Type.Utf8);
    assert.equal(got.table.getChild('l')!.type.typeId, arrow.Type.Int);
    const days = col('day');
    assert.equal(days[1], null);
    assert.match(String(days[0]), /^2020-01-02/);
    assert.match(String(days[3]), /^1969-12-31/);
    assert.equal(got.table.numRows, n);
    assert.deepEqual([...got.geometry.typeCodes], [1, 1, 0, 1, 1]);
  });
});
