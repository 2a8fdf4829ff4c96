/**
 * The geovec command line (src/ts/cli.ts): each command on real files, the
 * final line, exit codes 0 / 1 / 2, errors that name the file, and the bin
 * script run as a user would.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { main } from '../src/ts/cli.js';
import { readFile } from '../src/ts/formats/index.js';
import { bounds, sjoin, toWKT } from './helpers/geovec.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'geovec-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('geovec command line', { skip: existsSync(DATA) ? false : 'no ../shared/data' }, () => {
  const counties = join(DATA, 'us-counties.geojson');
  const states = join(DATA, 'us-states.geojson');

  test('info: format, rows, types, bbox, CRS, columns', async () => {
    const pq = join(tmp, 'c.parquet');
    assert.equal((await run('convert', counties, pq, '--quiet')).code, 0);
    const r = await run('info', pq);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /format: +geoparquet/);
    assert.match(r.out, /rows: +3,230/);
    assert.match(r.out, /geometry types: +MultiPolygon, Polygon/);
    assert.match(r.out, /columns: +id, fips, name, state_fips, state/);
    const j = await run('info', counties, '--json');
    const info = JSON.parse(j.out);
    assert.equal(info.rows, 3230);
    assert.deepEqual(info.columns, ['id', 'fips', 'name', 'state_fips', 'state']);
  });

  test('convert between every pair of formats keeps rows and geometries', async () => {
    const src = await readFile(states);
    const want = new Map((src.table.getChild('id')!.toArray() as string[]).map((id, i) => [id, toWKT(src.geometry.slice(i, i + 1))[0]]));
    let prev = states;
    for (const ext of ['parquet', 'fgb', 'geojsonl', 'arrow', 'geojson']) {
      const out = join(tmp, `conv.${ext}`);
      const r = await run('convert', prev, out);
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, new RegExp(`geovec convert: 56 rows written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in [0-9.]+ s`));
      const back = await readFile(out);
      const ids = back.table.getChild('id')!.toArray() as string[];
      const wkt = toWKT(back.geometry);
      assert.equal(ids.length, 56);
      ids.forEach((id, k) => assert.equal(wkt[k]!.replace(/^MULTIPOLYGON \(\((.*)\)\)$/, 'POLYGON ($1)'), want.get(id)!.replace(/^MULTIPOLYGON \(\((.*)\)\)$/, 'POLYGON ($1)'), `${ext} ${id}`));
      prev = out;
    }
  });

  test('filter --bbox and --within', async () => {
    const out = join(tmp, 'f.geojsonl');
    const r = await run('filter', counties, '-o', out, '--bbox', '-100,35,-95,40');
    assert.equal(r.code, 0, r.err);
    const got = await readFile(out);
    const all = await readFile(counties);
    const b = bounds(all.geometry);
    let n = 0;
    for (let i = 0; i < all.geometry.length; i++) if (b[4 * i]! <= -95 && b[4 * i + 2]! >= -100 && b[4 * i + 1]! <= 40 && b[4 * i + 3]! >= 35) n++;
    assert.equal(got.geometry.length, n);
    const w = join(tmp, 'w.geojsonl');
    const r2 = await run('filter', join(DATA, 'world-cities.geojson'), '-o', w, '--within', states);
    assert.equal(r2.code, 0, r2.err);
    const cities = await readFile(join(DATA, 'world-cities.geojson'));
    const st = await readFile(states);
    const pairs = sjoin(cities.geometry, st.geometry, { predicate: 'intersects' });
    assert.equal((await readFile(w)).geometry.length, new Set(pairs.left).size);
  });

  test('join: each left row with the right columns, inner and left', async () => {
    const out = join(tmp, 'j.parquet');
    const r = await run('join', join(DATA, 'world-cities.geojson'), states, '-o', out, '--predicate', 'within', '--batch-size', '10000');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /geovec join: 44,691 left rows, 56 right rows, [0-9,]+ rows written/);
    const got = await readFile(out);
    const cities = await readFile(join(DATA, 'world-cities.geojson'));
    const st = await readFile(states);
    const pairs = sjoin(cities.geometry, st.geometry, { predicate: 'within' });
    assert.equal(got.geometry.length, pairs.left.length);
    const names = got.table.schema.fields.map((f) => f.name);
    assert.ok(names.includes('name') && names.includes('name_right') && names.includes('fips'), names.join());
    const left = join(tmp, 'jl.geojsonl');
    const r2 = await run('join', join(DATA, 'ne-cities-110m.geojson'), states, '-o', left, '--how', 'left', '--predicate', 'within');
    assert.equal(r2.code, 0, r2.err);
    const gl = await readFile(left);
    assert.ok(gl.geometry.length >= 243);
  });

  test('area, length, centroid, simplify, validate, dissolve', async () => {
    const all = await readFile(counties);
    const a = join(tmp, 'area.parquet');
    assert.equal((await run('area', counties, '-o', a, '--geodesic')).code, 0);
    const ra = await readFile(a);
    const { geodesicArea, geodesicLength, area, centroid, isValid, simplify } = await import('./helpers/geovec.js');
    const byId = new Map((all.table.getChild('id')!.toArray() as string[]).map((id, i) => [id, i]));
    const ga = geodesicArea(all.geometry);
    (ra.table.getChild('id')!.toArray() as string[]).forEach((id, k) => assert.equal(ra.table.getChild('area')!.get(k), ga[byId.get(id)!]));
    const l = join(tmp, 'len.geojsonl');
    assert.equal((await run('length', counties, '-o', l, '--geodesic')).code, 0);
    assert.deepEqual(Array.from((await readFile(l)).table.getChild('length')!.toArray() as Float64Array), Array.from(geodesicLength(all.geometry)));
    const pa = join(tmp, 'parea.geojsonl');
    assert.equal((await run('area', counties, '-o', pa)).code, 0);
    assert.deepEqual(Array.from((await readFile(pa)).table.getChild('area')!.toArray() as Float64Array), Array.from(area(all.geometry)));
    const c = join(tmp, 'c.geojsonl');
    assert.equal((await run('centroid', counties, '-o', c)).code, 0);
    assert.deepEqual(toWKT((await readFile(c)).geometry), toWKT(centroid(all.geometry)));
    const s = join(tmp, 's.geojsonl');
    assert.equal((await run('simplify', counties, '-o', s, '--tolerance', '0.05')).code, 0);
    assert.deepEqual(toWKT((await readFile(s)).geometry), toWKT(simplify(all.geometry, 0.05)));
    const v = join(tmp, 'v.geojsonl');
    assert.equal((await run('validate', counties, '-o', v)).code, 0);
    const rv = await readFile(v);
    const valid = isValid(all.geometry);
    assert.deepEqual(Array.from({ length: rv.table.numRows }, (_, i) => rv.table.getChild('valid')!.get(i)), Array.from(valid, (x) => x === 1));
    assert.equal(Array.from(valid).filter((x) => !x).length, 21);
    const d = join(tmp, 'd.fgb');
    const rd = await run('dissolve', counties, '-o', d, '--by', 'state');
    assert.equal(rd.code, 0, rd.err);
    assert.match(rd.err, /3,230 rows into 56 groups/);
    const dd = await readFile(d);
    assert.equal(dd.geometry.length, 56);
    assert.equal(new Set(dd.table.getChild('state')!.toArray() as string[]).size, 56);
    assert.equal((await run('dissolve', counties, '-o', d, '--by', 'nope')).code, 1);
    assert.equal((await run('simplify', counties, '-o', s)).code, 2);
  });

  test('exit codes: 2 for usage, 1 for a failure naming the file', async () => {
    assert.equal((await run('bogus')).code, 2);
    assert.equal((await run('join', counties)).code, 2);
    assert.equal((await run('filter', counties, '-o', join(tmp, 'x.geojsonl'))).code, 2);
    assert.equal((await run('convert', counties, join(tmp, 'x.parquet'), '--bbox', '1,2,3')).code, 2);
    const bad = join(tmp, 'bad.fgb');
    writeFileSync(bad, new Uint8Array([0x66, 0x67, 0x62, 3, 0x66, 0x67, 0x62, 0, 255, 255, 255, 255]));
    const r = await run('info', bad);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: byte 8: header size`));
    const missing = await run('info', join(tmp, 'nope.parquet'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.parquet: ENOENT/);
    assert.equal((await run('--help')).code, 0);
  });

  test('the bin script runs as a command (compiled output or source)', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const out = join(tmp, 'bin.geojsonl');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('./src/ts/cli.ts').then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`, 'convert', states, out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /56 rows written/);
    const usage = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('./src/ts/cli.ts').then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`, 'nonsense'], { cwd: root, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
