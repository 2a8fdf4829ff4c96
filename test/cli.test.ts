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

import { crsKind, main } from '../src/ts/cli.js';
import { fileInfo, readFile, writeFile } from '../src/ts/formats/index.js';
import { crsAuthority } from '../src/ts/formats/crs.js';
import { inverse } from './helpers/geod-oracle.js';
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

  test('buffer: points in metres (GeoJSON is longitude/latitude), properties kept, valid, every vertex at the distance', async () => {
    const cities = join(DATA, 'ne-cities-110m.geojson');
    const out = join(tmp, 'buf-cities.parquet');
    const r = await run('buffer', cities, '-o', out, '--distance', '25000');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /geovec buffer: 243 rows buffered by 25000 metres \(CRS OGC:CRS84 is longitude\/latitude\), written to .* in [0-9.]+ s/);
    const src = await readFile(cities);
    const at = new Map((src.table.getChild('name')!.toArray() as string[]).map((name, i) => [name, src.geometry.get(i)!]));
    const got = await readFile(out);
    const { isValid, geometryType, getCoordinates, getX, getY } = await import('./helpers/geovec.js');
    assert.equal(got.geometry.length, 243);
    assert.ok(isValid(got.geometry).every((v) => v === 1), 'every buffer is valid');
    assert.ok(Array.from(geometryType(got.geometry)).every((t) => t === 3), 'every buffer is a Polygon');
    const names = got.table.getChild('name')!.toArray() as string[];
    assert.deepEqual([...names].sort(), [...at.keys()].sort(), 'the properties travel with their rows');
    let worst = 0;
    names.forEach((name, i) => {
      const p = at.get(name)!;
      const lon = getX(p.array.take([p.index]))[0]!;
      const lat = getY(p.array.take([p.index]))[0]!;
      const c = getCoordinates(got.geometry.take([i])).coords;
      assert.equal(c.length / 2, 33, `${name}: 32 segments and the closing vertex`);
      for (let k = 0; k < c.length; k += 2) {
        const d = inverse(lat, lon, c[k + 1]!, c[k]!).s12;
        worst = Math.max(worst, Math.abs(d - 25000) / 25000);
      }
    });
    assert.ok(worst <= 1e-3, `every vertex within 0.1% of 25 km (worst ${(worst * 100).toFixed(4)}%)`);
  });

  test('buffer: planar options equal the library, negative distances, a distance per row from a column', async () => {
    const { buffer, isValid } = await import('./helpers/geovec.js');
    const st = await readFile(states);
    const out = join(tmp, 'buf-states.geojsonl');
    const r = await run('buffer', states, '-o', out, '--units', 'coordinates', '--distance', '-0.05', '--join', 'mitre', '--mitre-limit', '2', '--quad-segs', '4', '--batch-size', '20');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /56 rows buffered by -0.05 coordinate units \(--units\)/);
    const got = await readFile(out);
    assert.deepEqual(toWKT(got.geometry), toWKT(buffer(st.geometry, -0.05, { joinStyle: 'mitre', mitreLimit: 2, quadSegs: 4 })));
    assert.deepEqual(got.table.getChild('id')!.toArray(), st.table.getChild('id')!.toArray());
    assert.ok(isValid(got.geometry).every((v) => v === 1));
    /* a projected CRS in the file: the distance is in its units without --units */
    const proj = join(tmp, 'proj.fgb');
    await writeFile(proj, st.geometry, st.table, { crs: 'EPSG:3857' });
    const rp = await run('buffer', proj, '-o', join(tmp, 'proj-out.fgb'), '--distance', '0.1', '--cap', 'square');
    assert.equal(rp.code, 0, rp.err);
    assert.match(rp.err, /by 0.1 coordinate units \(CRS EPSG:3857 is projected\)/);
    /* --distance-column: each row its own distance (metres on longitude/latitude) */
    const pts = join(tmp, 'radii.geojson');
    writeFileSync(pts, JSON.stringify({
      type: 'FeatureCollection',
      features: [1000, 5000, 20000, null].map((radius, i) => ({ type: 'Feature', properties: { radius, tag: `p${i}` }, geometry: i === 3 ? null : { type: 'Point', coordinates: [10 + i, 60 - i] } })),
    }));
    const rc = await run('buffer', pts, '-o', join(tmp, 'radii-out.geojsonl'), '--distance-column', 'radius');
    assert.equal(rc.code, 0, rc.err);
    assert.match(rc.err, /4 rows buffered by the distances in column radius metres/);
    const gc = await readFile(join(tmp, 'radii-out.geojsonl'));
    assert.deepEqual(gc.table.getChild('tag')!.toArray(), ['p0', 'p1', 'p2', 'p3']);
    assert.equal(gc.geometry.get(3), null, 'a null geometry stays null');
    const { getCoordinates } = await import('./helpers/geovec.js');
    [1000, 5000, 20000].forEach((d, i) => {
      const c = getCoordinates(gc.geometry.take([i])).coords;
      for (let k = 0; k < c.length; k += 2) assert.ok(Math.abs(inverse(60 - i, 10 + i, c[k + 1]!, c[k]!).s12 - d) <= 1e-3 * d, `row ${i}: ${d} m`);
    });
  });

  test('buffer: the units are explicit (a file without a CRS asks for --units; projected data is not taken for degrees)', async () => {
    /* nybb.geojson names EPSG:2263 (feet) in a legacy "crs" member: coordinates, not metres */
    const feet = await run('buffer', join(DATA, 'nybb.geojson'), '-o', join(tmp, 'nybb-ft.fgb'), '--distance', '100');
    assert.equal(feet.code, 0, feet.err);
    assert.match(feet.err, /by 100 coordinate units \(CRS EPSG:2263 is projected\)/);
    const nyc = await run('buffer', join(DATA, 'nybb.geojson'), '-o', join(tmp, 'nybb.fgb'), '--distance', '100', '--units', 'metres');
    assert.equal(nyc.code, 1);
    assert.match(nyc.err, /nybb\.geojson: row 0: coordinates near \([0-9.]+, [0-9.]+\) are not longitude\/latitude.*--units coordinates/);
    assert.ok(!existsSync(join(tmp, 'nybb.fgb')), 'no half-written output is left');
    const bare = join(tmp, 'bare.fgb');
    const st = await readFile(states);
    await writeFile(bare, st.geometry, st.table); /* no CRS recorded */
    const noCrs = await run('buffer', bare, '-o', join(tmp, 'bare-out.fgb'), '--distance', '100');
    assert.equal(noCrs.code, 2);
    assert.match(noCrs.err, /bare\.fgb does not say whether its coordinates are longitude\/latitude \(CRS: none recorded\); give --units metres .* or --units coordinates/);
    assert.equal((await run('buffer', bare, '-o', join(tmp, 'bare-out.fgb'), '--distance', '100', '--units', 'metres', '--quiet')).code, 0);
    assert.equal((await run('buffer', states, '-o', join(tmp, 'x.fgb'))).code, 2, 'no distance');
    assert.equal((await run('buffer', states, '-o', join(tmp, 'x.fgb'), '--distance', '1', '--distance-column', 'id')).code, 2, 'two distances');
    assert.equal((await run('buffer', states, '-o', join(tmp, 'x.fgb'), '--distance', '1', '--cap', 'butt')).code, 2);
    assert.equal((await run('buffer', states, '-o', join(tmp, 'x.fgb'), '--distance', 'far')).code, 2);
    const col = await run('buffer', states, '-o', join(tmp, 'x.fgb'), '--distance-column', 'name');
    assert.equal(col.code, 1);
    assert.match(col.err, /us-states\.geojson: row 0: name is "[^"]+", not a finite number/);
    const help = await run('buffer', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out.replace(/\s+/g, ' '), /default: metres when the input's CRS is longitude\/latitude/);
    assert.equal(crsKind('OGC:CRS84'), 'geographic');
    assert.equal(crsKind('urn:ogc:def:crs:OGC:1.3:CRS84'), 'geographic');
    assert.equal(crsKind('http://www.opengis.net/def/crs/EPSG/0/4326'), 'geographic');
    assert.equal(crsKind({ type: 'GeographicCRS', name: 'WGS 84' }), 'geographic');
    assert.equal(crsKind('GEOGCS["WGS 84",DATUM["WGS_1984"]]'), 'geographic');
    assert.equal(crsKind('urn:ogc:def:crs:EPSG::2263'), 'projected');
    assert.equal(crsKind('EPSG:32633'), 'projected');
    assert.equal(crsKind({ type: 'ProjectedCRS', name: 'x' }), 'projected');
    assert.equal(crsKind('PROJCRS["NAD83 / UTM zone 15N"]'), 'projected');
    assert.equal(crsKind('EPSG:4230'), null);
    assert.equal(crsKind(null), null);
  });

  test('outputs record the input CRS as far as the format can, and say what they cannot', async () => {
    const crsDir = join(DATA, 'geoarrow-data', 'example-crs');
    const utmPq = join(crsDir, 'example-crs_vermont-utm_geo.parquet');
    const utmFgb = join(crsDir, 'example-crs_vermont-utm.fgb');
    const projjson = (await fileInfo(utmPq)).crs as { type: string; id?: { code: number } };
    assert.equal(projjson.type, 'ProjectedCRS');
    const conv = async (src: string, name: string) => {
      const out = join(tmp, name);
      const r = await run('convert', src, out, '--quiet');
      assert.equal(r.code, 0, r.err);
      return { crs: (await fileInfo(out)).crs, warn: r.err };
    };
    /* PROJJSON travels whole to GeoParquet and Arrow, as its code to FlatGeobuf */
    assert.deepEqual((await conv(utmPq, 'utm.parquet')).crs, projjson);
    assert.deepEqual((await conv(utmPq, 'utm.arrow')).crs, projjson);
    assert.equal((await conv(utmPq, 'utm.fgb')).crs, 'EPSG:32618');
    /* GeoJSON is longitude/latitude: a projected CRS goes into the legacy member, with a warning */
    const gj = await conv(utmPq, 'utm.geojson');
    assert.equal(crsKind(gj.crs), 'projected');
    assert.match(String(gj.crs), /EPSG::32618$/);
    assert.match(gj.warn, /warning: GeoJSON \(RFC 7946\) is longitude\/latitude; the coordinates are kept in EPSG:32618 .*legacy "crs" member/);
    const seq = await conv(utmPq, 'utm.geojsonl');
    assert.match(seq.warn, /warning: .*kept in EPSG:32618 .*which the file cannot record/);
    /* WKT (FlatGeobuf) cannot become PROJJSON: GeoParquet says "unknown", never longitude/latitude */
    const wkt = await conv(utmFgb, 'utm-wkt.parquet');
    assert.equal(wkt.crs, null);
    assert.match(wkt.warn, /warning: the input's CRS EPSG:32618 \(WGS 84 \/ UTM zone 18N\) is not PROJJSON, the only form GeoParquet records; it is written as unknown \(crs: null\)/);
    assert.equal((await conv(utmFgb, 'utm-wkt.fgb')).crs, 'EPSG:32618');
    /* longitude/latitude: GeoParquet's default (left out), EPSG:4326 in FlatGeobuf, no warning */
    const ll = await conv(states, 'll.parquet');
    assert.equal(ll.crs, 'OGC:CRS84');
    assert.equal(ll.warn, '');
    assert.equal((await conv(states, 'll.fgb')).crs, 'EPSG:4326');
    /* a file with no CRS: unknown stays unknown (GeoParquet would otherwise claim longitude/latitude) */
    const bare = join(tmp, 'nocrs.fgb');
    const st = await readFile(states);
    await writeFile(bare, st.geometry, st.table);
    assert.equal((await conv(bare, 'nocrs.parquet')).crs, null);
    /* the legacy GeoJSON member is read back (nybb: EPSG:2263, US feet) and travels on */
    assert.equal((await fileInfo(join(DATA, 'nybb.geojson'))).crs, 'urn:ogc:def:crs:EPSG::2263');
    assert.equal((await conv(join(DATA, 'nybb.geojson'), 'nybb.fgb')).crs, 'EPSG:2263');
    /* every command that writes passes the CRS on */
    const a = await run('area', utmPq, '-o', join(tmp, 'utm-area.parquet'), '--quiet');
    assert.equal(a.code, 0, a.err);
    assert.deepEqual((await fileInfo(join(tmp, 'utm-area.parquet'))).crs, projjson);
    /* two inputs in different CRSs: a warning (geovec does not reproject) */
    const j = await run('join', utmPq, states, '-o', join(tmp, 'mixed.parquet'), '--quiet');
    assert.equal(j.code, 0, j.err);
    assert.match(j.err, /warning: .*utm_geo\.parquet is in EPSG:32618 .* and .*us-states\.geojson in OGC:CRS84; geovec does not reproject/);
    /* the library: GeoParquet takes PROJJSON or null, and refuses a code it cannot turn into PROJJSON */
    await assert.rejects(writeFile(join(tmp, 'x.parquet'), st.geometry, st.table, { crs: 'EPSG:3857' }), /GeoParquet records a CRS as PROJJSON; EPSG:3857 is not/);
    await writeFile(join(tmp, 'x4326.parquet'), st.geometry, st.table, { crs: 'EPSG:4326' });
    assert.equal((await fileInfo(join(tmp, 'x4326.parquet'))).crs, 'OGC:CRS84');
    assert.equal(crsAuthority('PROJCRS["x",BASEGEOGCRS["y",ID["EPSG",4326]],ID["EPSG",32618]]'), 'EPSG:32618');
    assert.equal(crsAuthority('PROJCS["x",GEOGCS["y",AUTHORITY["EPSG","4326"]],AUTHORITY["EPSG","2263"]]'), 'EPSG:2263');
    assert.equal(crsAuthority('PROJCRS["a \"quoted\" ID[\"X\",1]",ID["EPSG",3857]]'), 'EPSG:3857');
    assert.equal(crsAuthority({ type: 'ProjectedCRS', name: 'x' }), null);
  });

  test('a command that fails part-way leaves no output behind', async () => {
    const bad = join(tmp, 'bad.geojsonl');
    const good = JSON.stringify({ type: 'Feature', properties: { k: 1 }, geometry: { type: 'Point', coordinates: [1, 2] } });
    writeFileSync(bad, `${good}\n${good}\n${good}\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,"x"]}}\n`);
    for (const argv of [
      ['convert', bad, join(tmp, 'bad-out.parquet')],
      ['convert', bad, join(tmp, 'bad-out.arrow')],
      ['convert', bad, join(tmp, 'bad-out.geojson')],
      ['area', bad, '-o', join(tmp, 'bad-out.fgb')],
      ['filter', bad, '--bbox', '0,0,5,5', '-o', join(tmp, 'bad-out.geojsonl')],
      ['join', bad, states, '-o', join(tmp, 'bad-out2.geojsonl')],
      ['simplify', bad, '--tolerance', '1', '-o', join(tmp, 'bad-out3.geojsonl')],
    ]) {
      const r = await run(...argv, '--batch-size', '1', '--quiet');
      assert.equal(r.code, 1, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, /bad\.geojsonl/);
      const out = argv[2] === '-o' || argv.includes('-o') ? argv[argv.indexOf('-o') + 1]! : argv[2]!;
      assert.ok(!existsSync(out), `${argv[0]}: ${out} was left behind`);
    }
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
