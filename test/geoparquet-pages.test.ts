/**
 * GeoParquet geometry column chunks decoded in C (src/core/io/parquet_pages.c):
 * files written by parquet-wasm (Apache Arrow's Rust writer) with snappy and
 * without compression, dictionary and plain pages, v1 and v2 data pages,
 * small pages, nulls; each read must equal the source geometries and
 * hyparquet's own decoding of the column (then fromWKB, the former path).
 * Corrupt chunks give a GeovecError naming the file and the row group.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as arrow from 'apache-arrow';

import { fromWKB, fromWKT, GeovecError, toWKB, toWKT } from './helpers/geovec.js';
import { readFile } from '../src/ts/formats/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'geovec-pqpages-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/* seeded random geometries: points, lines, polygons, multis, some repeated (dictionary), some null */
function randomWKT(n: number, seed: number): (string | null)[] {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const c = () => `${(r() * 360 - 180).toFixed(6)} ${(r() * 180 - 90).toFixed(6)}`;
  const pool = ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', 'POLYGON ((0 0, 1 0, 1 1, 0 0))'];
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 7);
    if (k === 0) out.push(null);
    else if (k === 1) out.push(pool[i % 3]!);
    else if (k === 2) out.push(`POINT (${c()})`);
    else if (k === 3) out.push(`LINESTRING (${c()}, ${c()}, ${c()})`);
    else if (k === 4) { const a = c(); out.push(`POLYGON ((${a}, ${c()}, ${c()}, ${a}))`); }
    else if (k === 5) out.push(`MULTIPOINT ((${c()}), (${c()}))`);
    else out.push(`POINT Z (${c()} ${r()})`);
  }
  return out;
}

interface WriteOpts { compression: 'SNAPPY' | 'UNCOMPRESSED' | 'ZSTD' | 'GZIP'; dictionary: boolean; v2: boolean; pageSize?: number; rowGroupSize?: number }

async function writeFileWith(wkt: (string | null)[], o: WriteOpts): Promise<Uint8Array> {
  const g = fromWKT(wkt);
  const wkb = toWKB(g);
  const geom = arrow.vectorFromArray(wkb.map((b, i) => (wkt[i] === null ? null : b)), new arrow.Binary());
  const id = arrow.vectorFromArray(wkt.map((_, i) => i), new arrow.Int32());
  const table = new arrow.Table({ geometry: geom, id });
  const m = await import('parquet-wasm');
  const geo = JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: [] } } });
  let b = new m.WriterPropertiesBuilder()
    .setCompression(m.Compression[o.compression])
    .setDictionaryEnabled(o.dictionary)
    .setWriterVersion(o.v2 ? m.WriterVersion.V2 : m.WriterVersion.V1)
    .setMaxRowGroupSize(o.rowGroupSize ?? 400)
    .setKeyValueMetadata(new Map([['geo', geo]]));
  if (o.pageSize) b = b.setDataPageSizeLimit(o.pageSize);
  return m.writeParquet(m.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), b.build());
}

async function hyparquetGeometry(bytes: Uint8Array): Promise<(Uint8Array | null)[]> {
  const { parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file: ab, columns: ['geometry'], compressors, utf8: false, geoparquet: false, parsers: { geometryFromBytes: (x: Uint8Array) => x } } as never)) as { geometry: Uint8Array | null }[];
  return rows.map((r) => r.geometry ?? null);
}

async function metadataOf(bytes: Uint8Array) {
  const { parquetMetadata } = await import('hyparquet');
  return parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

describe('GeoParquet geometry pages decoded in C', () => {
  const cases: [string, WriteOpts][] = [
    ['snappy, dictionary, v1', { compression: 'SNAPPY', dictionary: true, v2: false }],
    ['snappy, plain, v1, small pages', { compression: 'SNAPPY', dictionary: false, v2: false, pageSize: 512 }],
    ['uncompressed, plain, v1', { compression: 'UNCOMPRESSED', dictionary: false, v2: false }],
    ['uncompressed, dictionary, v2', { compression: 'UNCOMPRESSED', dictionary: true, v2: true }],
    ['snappy, plain, v2, small pages', { compression: 'SNAPPY', dictionary: false, v2: true, pageSize: 700 }],
    ['snappy, dictionary, v2, small pages', { compression: 'SNAPPY', dictionary: true, v2: true, pageSize: 300 }],
    ['zstd (hyparquet path)', { compression: 'ZSTD', dictionary: true, v2: false }],
    ['gzip, v2 (hyparquet path)', { compression: 'GZIP', dictionary: false, v2: true }],
  ];
  cases.forEach(([name, o], k) => {
    test(name, async () => {
      const wkt = randomWKT(1000 + 37 * k, 1000 + k);
      const bytes = await writeFileWith(wkt, o);
      const md = await metadataOf(bytes);
      const col = md.row_groups[0]!.columns[0]!.meta_data!;
      if (o.dictionary) assert.ok(col.encodings.includes('RLE_DICTIONARY'), `${name}: ${col.encodings}`);
      const path = join(tmp, `c${k}.parquet`);
      writeFileSync(path, bytes);
      const got = await readFile(path);
      assert.equal(got.geometry.length, wkt.length);
      assert.deepEqual(toWKT(got.geometry), toWKT(fromWKT(wkt)), name);
      assert.deepEqual(toWKT(got.geometry), toWKT(fromWKB(await hyparquetGeometry(bytes))), `${name}: as hyparquet reads it`);
      assert.deepEqual(Array.from(got.table.getChild('id')!.toArray() as Int32Array), wkt.map((_, i) => i));
    });
  });

  /* A single-page chunk (no dictionary): the page body is the last csize bytes of the chunk. */
  async function onePageFile(compression: 'SNAPPY' | 'UNCOMPRESSED') {
    const wkt = randomWKT(50, 7).map((w) => w ?? 'POINT (3 4)');
    const bytes = await writeFileWith(wkt, { compression, dictionary: false, v2: false, rowGroupSize: 50 });
    const md = await metadataOf(bytes);
    const cm = md.row_groups[0]!.columns[0]!.meta_data!;
    const start = Number(cm.data_page_offset), end = start + Number(cm.total_compressed_size);
    /* header fields 1, 2, 3: type, uncompressed size, compressed size (zigzag varints after 0x15) */
    const varint = (at: number) => {
      let v = 0, shift = 0, i = at;
      for (;;) {
        const b = bytes[i++]!;
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (!(b & 0x80)) return { v: v / 2, next: i };
      }
    };
    assert.equal(bytes[start], 0x15);
    const type = varint(start + 1);
    const usize = varint(type.next + 1);
    const csize = varint(usize.next + 1);
    return { bytes, start, end, csizeAt: usize.next + 1, csize: csize.v, body: end - csize.v };
  }

  async function expectError(bytes: Uint8Array, name: string, pattern: RegExp) {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    await assert.rejects(readFile(path), (e: Error) => {
      assert.ok(e instanceof GeovecError, `${name}: ${e.constructor.name}: ${e.message}`);
      assert.ok(e.message.includes(path), `${name}: names the file: ${e.message}`);
      assert.match(e.message, /row group 0: geometry column geometry: /, name);
      assert.match(e.message, pattern, name);
      return true;
    });
  }

  test('corrupt pages: a flipped page header, a page beyond the chunk, a bad snappy length, a bad WKB value', async () => {
    for (const c of ['SNAPPY', 'UNCOMPRESSED'] as const) {
      const f = await onePageFile(c);
      const flipped = f.bytes.slice();
      flipped[f.start] = 0xff;
      await expectError(flipped, `flip-${c}.parquet`, /page 0 \(file byte \d+, rows from 0\): bad page header/);
      const long = f.bytes.slice();
      long[f.csizeAt] = long[f.csizeAt]! | 0x7e; /* a larger compressed size, same varint length */
      await expectError(long, `long-${c}.parquet`, /runs past the column chunk/);
      const badWkb = f.bytes.slice();
      if (c === 'UNCOMPRESSED') {
        /* the body: levels length (u32), levels, then the first value's length (u32) and byte order byte */
        const levels = badWkb[f.body]! | (badWkb[f.body + 1]! << 8);
        badWkb[f.body + 4 + levels + 4] = 7;
        await expectError(badWkb, `wkb-${c}.parquet`, /row 0: invalid byte order 7/);
      } else {
        badWkb[f.body] = badWkb[f.body]! ^ 0x01; /* the snappy stream's uncompressed length */
        await expectError(badWkb, `snappy-${c}.parquet`, /snappy: the stream's uncompressed length differs/);
      }
    }
  });
});
