/**
 * Files in and out (src/ts/formats): every file of ../shared/data/geoarrow-data
 * read as its WKT twin says; round trips of real data through every format;
 * our files read by the reference readers (hyparquet, flatgeobuf, GDAL's
 * ogrinfo where installed); bbox reads that skip row groups / use the
 * FlatGeobuf index; bad files give a GeovecError naming the file and the
 * place, never a crash or a hang.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bounds, fromWKT, GeovecError, toWKT, equals, type GeometryArray } from './helpers/geovec.js';
import { encodeFile, fileInfo, openFile, readFile, writeFile, type FileFormat } from '../src/ts/formats/index.js';
import { propertiesToTable } from '../src/ts/formats/table.js';
import { fromGeoJSON } from '../src/ts/io.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const GA = join(DATA, 'geoarrow-data');
const haveData = existsSync(GA);
const tmp = mkdtempSync(join(tmpdir(), 'geovec-formats-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The .tsv twin: a "geometry" header line, then one WKT per line (empty = null). */
function twin(path: string): (string | null)[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(1).map((l) => (l.trim() === '' ? null : l.trim().replace(/^"|"$/g, '')));
}

/** The values of an Arrow vector (nulls as null; typed arrays would show whatever sits under a null). */
function values(v: { length: number; get(i: number): unknown } | null): unknown[] {
  return v ? Array.from({ length: v.length }, (_, i) => v.get(i) ?? null) : [];
}

/** WKT as geovec writes it, so that spellings of the same geometry compare equal. */
function canonical(wkt: (string | null)[]): (string | null)[] {
  return toWKT(fromWKT(wkt));
}

describe('every geoarrow-data file reads as its twin', { skip: haveData ? false : 'no ../shared/data/geoarrow-data' }, () => {
  test('example/: each encoding of each set equals the .tsv twin', async () => {
    const dir = join(GA, 'example');
    const files = readdirSync(dir).sort();
    let checked = 0;
    const skipped: string[] = [];
    for (const f of files) {
      if (f.endsWith('.tsv')) continue;
      const set = f.replace(/(_geo|_native|_interleaved|_wkb|_wkt)?\.(parquet|arrows|fgb)$/, '');
      const tsv = join(dir, `${set}.tsv`);
      if (!existsSync(tsv)) continue;
      const expected = canonical(twin(tsv));
      let got;
      try {
        got = await readFile(join(dir, f));
      } catch (e) {
        if (/geoarrow\.(box|geometry|geometrycollection)|encoding/.test((e as Error).message) && /arrows$/.test(f)) {
          skipped.push(`${f}: ${(e as Error).message}`);
          continue;
        }
        throw e;
      }
      assert.deepEqual(toWKT(got.geometry), expected, f);
      assert.equal(got.table.numRows, expected.length, f);
      checked++;
    }
    assert.ok(checked >= 200, `checked ${checked} files`);
    if (skipped.length) console.log(`formats: ${skipped.length} files use encodings fromArrow does not read yet:\n  ${skipped.join('\n  ')}`);
  });

  test('natural-earth/, quadrangles/, example-crs/: every file of a set holds the same geometries and columns', async () => {
    for (const folder of ['natural-earth', 'quadrangles', 'example-crs']) {
      const dir = join(GA, folder);
      const files = readdirSync(dir).sort();
      const sets = new Map<string, string[]>();
      for (const f of files) {
        if (f.endsWith('_box.arrows')) continue; /* bounds only, compared below */
        const set = f.replace(/(_geo|_native|_interleaved|_wkb|_wkt)?\.(parquet|arrows|fgb)$/, '');
        sets.set(set, [...(sets.get(set) ?? []), f]);
      }
      for (const [set, members] of sets) {
        let ref: { file: string; g: GeometryArray; cols: string[] } | null = null;
        for (const f of members) {
          const r = await readFile(join(dir, f));
          const cols = r.table.schema.fields.map((x) => x.name).filter((c) => c !== 'wkt');
          if (!ref) {
            ref = { file: f, g: r.geometry, cols };
            continue;
          }
          assert.equal(r.geometry.length, ref.g.length, `${folder}/${f} vs ${ref.file}`);
          assert.deepEqual(cols, ref.cols, `${folder}/${f} columns`);
          /* the FlatGeobuf files store every row as a MultiPolygon: compare as point sets */
          const same = equals(r.geometry, ref.g);
          for (let i = 0; i < same.length; i++) {
            if (r.geometry.get(i) === null && ref.g.get(i) === null) continue;
            assert.equal(same[i], 1, `${folder}/${f} row ${i} differs from ${ref.file} (${set})`);
          }
        }
      }
    }
  });
});

const FORMATS: [FileFormat, string][] = [
  ['geoparquet', 'parquet'],
  ['flatgeobuf', 'fgb'],
  ['geojson', 'geojson'],
  ['geojsonseq', 'geojsonl'],
  ['arrow', 'arrow'],
  ['arrow', 'arrows'],
];

describe('round trips of real data through every format', { skip: existsSync(DATA) ? false : 'no ../shared/data' }, () => {
  for (const name of ['us-counties.geojson', 'us-states.geojson', 'ne-cities-110m.geojson']) {
    test(name, async () => {
      const src = await readFile(join(DATA, name));
      const key = src.table.getChild('id') ? 'id' : 'name';
      const ids = values(src.table.getChild(key)) as string[];
      const wkt = toWKT(src.geometry);
      const byId = new Map(ids.map((id, i) => [String(id), i]));
      for (const [format, ext] of FORMATS) {
        const path = join(tmp, `rt.${ext}`);
        await writeFile(path, src.geometry, src.table);
        const back = await readFile(path);
        assert.equal(back.info.format, format);
        assert.equal(back.geometry.length, src.geometry.length, `${format}: rows`);
        const backIds = values(back.table.getChild(key)) as string[];
        const backWkt = toWKT(back.geometry);
        const names = src.table.schema.fields.map((f) => f.name);
        assert.deepEqual(back.table.schema.fields.map((f) => f.name), names, `${format}: columns`);
        for (let k = 0; k < backIds.length; k++) {
          const i = byId.get(String(backIds[k]))!;
          assert.ok(i !== undefined, `${format}: unknown id ${backIds[k]}`);
          /* Arrow's native encodings write a Polygon / MultiPolygon mix as multipolygon until lossless Arrow lands */
          const w = format === 'arrow' ? backWkt[k]!.replace(/^MULTIPOLYGON \(\((.*)\)\)$/, 'POLYGON ($1)') : backWkt[k];
          const e = format === 'arrow' ? wkt[i]!.replace(/^MULTIPOLYGON \(\((.*)\)\)$/, 'POLYGON ($1)') : wkt[i];
          if (w !== e) assert.equal(equals(back.geometry.slice(k, k + 1), src.geometry.slice(i, i + 1))[0], 1, `${format}: ${backIds[k]}`);
          for (const c of names) assert.deepEqual(back.table.getChild(c)!.get(k), src.table.getChild(c)!.get(i), `${format}: ${c} of ${backIds[k]}`);
        }
      }
    });
  }

  test('properties of every type survive, nulls included', async () => {
    const g = fromWKT(['POINT (1 2)', 'LINESTRING (0 0, 1 1)', null, 'POLYGON ((0 0, 1 0, 1 1, 0 0))']);
    const props = [
      { i: 1, f: 1.5, s: 'a', b: true, j: { x: [1, 2] } },
      { i: -7, f: null, s: 'é"\\', b: false, j: null },
      { i: null, f: 2.25, s: null, b: null, j: [1] },
      { i: 2147483647, f: -0.5, s: '', b: true, j: 'text' },
    ];
    const table = propertiesToTable(props);
    for (const [format, ext] of FORMATS) {
      const path = join(tmp, `p.${ext}`);
      await writeFile(path, g, table, { sort: false, index: false });
      const back = await readFile(path);
      assert.deepEqual(toWKT(back.geometry), toWKT(g), format);
      for (const c of ['i', 'f', 's', 'b']) assert.deepEqual(values(back.table.getChild(c)), props.map((p) => (p as Record<string, unknown>)[c] ?? null), `${format} ${c}`);
      assert.deepEqual(values(back.table.getChild('j')).map((v) => (v === null ? null : JSON.parse(v as string))), props.map((p) => p.j ?? null), `${format} j`);
    }
  });
});

describe('files geovec writes are read by the reference readers', { skip: existsSync(DATA) ? false : 'no ../shared/data' }, () => {
  test('GeoParquet: hyparquet reads the rows, the WKB and the geo metadata (covering bbox, types, bbox)', async () => {
    const src = await readFile(join(DATA, 'us-counties.geojson'));
    const bytes = await encodeFile('geoparquet', src.geometry, src.table, { rowGroupSize: 500 });
    const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const md = parquetMetadata(ab);
    assert.equal(Number(md.num_rows), 3230);
    assert.equal(md.row_groups.length, 7);
    const geo = JSON.parse(md.key_value_metadata!.find((k) => k.key === 'geo')!.value!);
    assert.equal(geo.version, '1.1.0');
    assert.deepEqual(geo.columns.geometry.geometry_types, ['MultiPolygon', 'Polygon']);
    assert.deepEqual(geo.columns.geometry.covering.bbox.xmin, ['bbox', 'xmin']);
    assert.equal(geo.columns.geometry.bbox.length, 4);
    const rows = (await parquetReadObjects({ file: ab, columns: ['id', 'geometry'], utf8: false, geoparquet: false } as never)) as { id: string; geometry: Uint8Array }[];
    assert.ok(rows[0]!.geometry instanceof Uint8Array, 'the geometry column is WKB bytes');
    const ours = await readFile(bytes);
    const wkt = toWKT(ours.geometry);
    assert.equal(rows.length, 3230);
    const fromRef = toWKT((await import('../src/ts/io.js')).fromWKB(rows.map((r) => r.geometry)));
    assert.deepEqual(fromRef, wkt);
    assert.deepEqual(rows.map((r) => r.id), values(ours.table.getChild('id')));
    /* row-group statistics of the covering column are there for bbox readers */
    const stat = md.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema.join('.') === 'bbox.xmin')!.meta_data!.statistics!;
    assert.equal(typeof (stat.min_value ?? stat.min), 'number');
  });

  test('FlatGeobuf: the flatgeobuf package reads features, properties and the index', async () => {
    const src = await readFile(join(DATA, 'us-counties.geojson'));
    const bytes = await encodeFile('flatgeobuf', src.geometry, src.table);
    const fgb = await import('flatgeobuf/lib/mjs/geojson.js');
    const feats: { properties: Record<string, unknown>; geometry: unknown }[] = [];
    for await (const f of fgb.deserialize(bytes) as AsyncGenerator<never>) feats.push(f);
    assert.equal(feats.length, 3230);
    const ours = await readFile(bytes);
    const refGeoms = fromGeoJSON(feats.map((f) => f.geometry) as never);
    assert.deepEqual(toWKT(refGeoms), toWKT(ours.geometry));
    assert.deepEqual(feats.map((f) => f.properties.name), values(ours.table.getChild('name')));
  });

  let ogr = false;
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    ogr = true;
  } catch {
    ogr = false;
  }
  test('GDAL (ogrinfo) reads geovec FlatGeobuf and GeoJSONSeq files', { skip: ogr ? false : 'ogrinfo not installed (apt-get install gdal-bin)' }, async () => {
    const src = await readFile(join(DATA, 'us-states.geojson'));
    for (const ext of ['fgb', 'geojsonl']) {
      const path = join(tmp, `gdal.${ext}`);
      await writeFile(path, src.geometry, src.table);
      const out = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
      assert.match(out, /Feature Count: 56/, ext);
      assert.match(out, /name: String/, ext);
      const full = execFileSync('ogrinfo', ['-ro', '-al', '-q', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal((full.match(/OGRFeature\(/g) ?? []).length, 56, ext);
    }
  });
});

describe('bbox reads skip what they can', { skip: existsSync(DATA) ? false : 'no ../shared/data' }, () => {
  test('GeoParquet row groups are skipped by the covering statistics; the rows equal a full scan', async () => {
    const src = await readFile(join(DATA, 'world-cities.geojson'));
    const path = join(tmp, 'cities.parquet');
    await writeFile(path, src.geometry, src.table, { rowGroupSize: 1000 });
    const box: [number, number, number, number] = [5, 45, 15, 55];
    const hit = await readFile(path, { bbox: box });
    const all = await readFile(path);
    const b = bounds(all.geometry);
    const expected: string[] = [];
    for (let i = 0; i < all.geometry.length; i++) if (b[4 * i]! >= box[0] && b[4 * i]! <= box[2] && b[4 * i + 1]! >= box[1] && b[4 * i + 1]! <= box[3]) expected.push(toWKT(all.geometry.slice(i, i + 1))[0]!);
    assert.deepEqual(toWKT(hit.geometry), expected);
    assert.ok(expected.length > 100);
    const info = hit.info.details as { rowGroups: number; rowGroupsRead: number };
    assert.equal(info.rowGroups, 45);
    const read = (await fileInfo(path)).details.rowGroups as number;
    assert.equal(read, 45);
    let groups = 0;
    for await (const bt of openFile(path, { bbox: box, batchSize: 100000 })) if (bt.geometry.length) groups++;
    assert.ok(groups > 0 && groups < 10, `read ${groups} of 45 row groups`);
  });

  test('FlatGeobuf bbox reads use the index and equal a full scan', async () => {
    const src = await readFile(join(DATA, 'us-counties.geojson'));
    const path = join(tmp, 'counties.fgb');
    await writeFile(path, src.geometry, src.table);
    for (const box of [[-100, 35, -95, 40], [-180, -90, 180, 90], [0, 0, 1, 1], [-122.5, 37.7, -122.4, 37.8]] as [number, number, number, number][]) {
      const hit = await readFile(path, { bbox: box });
      const all = await readFile(path);
      const b = bounds(all.geometry);
      const expected: number[] = [];
      for (let i = 0; i < all.geometry.length; i++) if (b[4 * i]! <= box[2] && b[4 * i + 2]! >= box[0] && b[4 * i + 1]! <= box[3] && b[4 * i + 3]! >= box[1]) expected.push(i);
      assert.deepEqual(toWKT(hit.geometry), toWKT(all.geometry.take(expected)), box.join(','));
      assert.deepEqual(values(hit.table.getChild('id')), values(all.table.getChild('id')).filter((_, i) => expected.includes(i)));
    }
  });
});

describe('streaming', () => {
  test('openFile yields batches of batchSize in every format', async () => {
    const n = 2500;
    const wkt = Array.from({ length: n }, (_, i) => `POINT (${i} ${-i})`);
    const g = fromWKT(wkt);
    const table = propertiesToTable(Array.from({ length: n }, (_, i) => ({ k: i })));
    for (const [format, ext] of FORMATS) {
      const path = join(tmp, `s.${ext}`);
      await writeFile(path, g, table, { sort: false, index: false, rowGroupSize: 1000 });
      const sizes: number[] = [];
      const ks: number[] = [];
      for await (const b of openFile(path, { batchSize: 1000 })) {
        sizes.push(b.geometry.length);
        ks.push(...(values(b.table.getChild('k')) as number[]));
      }
      assert.equal(sizes.reduce((a, c) => a + c, 0), n, format);
      assert.ok(Math.max(...sizes) <= 1000, `${format}: ${sizes}`);
      assert.deepEqual(ks, Array.from({ length: n }, (_, i) => i), format);
    }
  });
});

describe('bad files: a GeovecError naming the file and the place', () => {
  const good = fromWKT(['POINT (1 2)', 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'LINESTRING (0 0, 5 5)']);
  const table = propertiesToTable([{ a: 'x' }, { a: 'y' }, { a: 'z' }]);

  async function expectError(bytes: Uint8Array, name: string, pattern: RegExp) {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    await assert.rejects(readFile(path), (e: Error) => {
      assert.ok(e instanceof GeovecError, `${name}: ${e.constructor.name}: ${e.message}`);
      assert.ok(e.message.includes(path), `${name}: the message names the file: ${e.message}`);
      assert.match(e.message, pattern, name);
      return true;
    });
  }

  test('unknown magic and empty files', async () => {
    await expectError(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'junk.bin', /unknown file format/);
    await expectError(new Uint8Array(0), 'empty.bin', /unknown file format/);
  });

  test('truncated and corrupt GeoParquet', async () => {
    const bytes = await encodeFile('geoparquet', good, table);
    await expectError(bytes.subarray(0, bytes.length - 20), 't1.parquet', /Parquet/);
    await expectError(bytes.subarray(0, 100), 't2.parquet', /Parquet/);
    const corrupt = bytes.slice();
    for (let i = 8; i < 200; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    await expectError(corrupt, 'corrupt.parquet', /row group|Parquet|geometry/);
  });

  test('GeoParquet metadata that contradicts the data', async () => {
    const bytes = await encodeFile('geoparquet', good, table);
    const text = Buffer.from(bytes).toString('latin1');
    const lied = Buffer.from(text.replace('"primary_column":"geometry"', '"primary_column":"geomxtry"').replace('"columns":{"geometry"', '"columns":{"geomxtry"'), 'latin1');
    await expectError(lied, 'lied.parquet', /geomxtry/);
    /* a geometry column that is not WKB: the metadata points at a text column (same name length, so the footer stays intact) */
    const notWkb = await encodeFile('geoparquet', good, propertiesToTable([{ aaaaaaaa: 'x' }, { aaaaaaaa: 'y' }, { aaaaaaaa: 'z' }]));
    const swapped = Buffer.from(Buffer.from(notWkb).toString('latin1').replace('"primary_column":"geometry"', '"primary_column":"aaaaaaaa"').replace('"columns":{"geometry"', '"columns":{"aaaaaaaa"'), 'latin1');
    await expectError(swapped, 'notwkb.parquet', /row group 0: geometry column aaaaaaaa: row 0: .*not WKB/);
  });

  test('truncated and corrupt FlatGeobuf', async () => {
    const bytes = encodeFileSync('flatgeobuf');
    await expectError((await bytes).subarray(0, 10), 't1.fgb', /header/);
    await expectError((await bytes).subarray(0, (await bytes).length - 7), 't2.fgb', /feature \d+ \(byte \d+\): truncated/);
    const bad = (await bytes).slice();
    bad[8] = 0xff, bad[9] = 0xff, bad[10] = 0xff;
    await expectError(bad, 't3.fgb', /header size/);
  });

  test('GeoJSONSeq: a bad line is named', async () => {
    const text = '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1]}}\n';
    await expectError(new TextEncoder().encode(text), 'bad.geojsonl', /line 2/);
    await expectError(new TextEncoder().encode(text.replace('[1]}}', '[1,')), 'bad2.geojsonl', /line 2/);
  });

  async function encodeFileSync(format: FileFormat) {
    return encodeFile(format, good, table);
  }
});
