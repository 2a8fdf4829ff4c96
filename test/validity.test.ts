/**
 * isValid, isValidReason, isValidDetail and isSimple against GEOS 3.13
 * (geos-wasm): validity, the reason's category and simplicity must be
 * equal, and a reported location must lie on the geometry's linework.
 * Inputs: geometries made invalid on purpose, kind by kind
 * (test/helpers/random-invalid.ts), random geometries of every type
 * (test/helpers/random-geoms.ts), hand-made degenerate cases, and every
 * polygon file of ../shared/data (GEOVEC_SHARED overrides where ../shared is).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';

import { Geos } from './helpers/geos.js';
import * as gv from './helpers/geovec.js';
import { GEOM_TYPES, RandomGeoms } from './helpers/random-geoms.js';
import { INVALID_KINDS, RandomInvalid, onRuns, wktRuns, type XY } from './helpers/random-invalid.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

const SHARED = process.env.GEOVEC_SHARED ?? fileURLToPath(new URL('../../shared/', import.meta.url));
const DATA = `${SHARED.replace(/\/$/, '')}/data/`;

const category = (reason: string) => reason.replace(/\[.*$/, '');

/**
 * Problems found by the one scan over all pairs of segments. When a
 * geometry has several of them (a spike that also touches its ring, a
 * crossing beside a double touch), GEOS reports the one its noder happens
 * to meet first (a monotone-chain R-tree order); geovec may report another
 * of them. Such a disagreement is allowed, counted, and reported.
 */
const SCAN_FAMILY = new Set(['Self-intersection', 'Ring Self-intersection', 'Interior is disconnected']);
const tally = { compared: 0, sameCategory: 0, otherScanProblem: 0 };
function sameOrScanFamily(a: string, b: string): boolean {
  tally.compared++;
  if (category(a) === category(b)) {
    tally.sameCategory++;
    return true;
  }
  if (SCAN_FAMILY.has(category(a)) && SCAN_FAMILY.has(category(b))) {
    tally.otherScanProblem++;
    return true;
  }
  return false;
}

interface Oracle {
  valid: number;
  reason: string;
  simple: number;
}
function oracle(g: number): Oracle {
  return {
    valid: geos.fn('GEOSisValid', g),
    reason: geos.string(geos.fn('GEOSisValidReason', g)),
    simple: geos.fn('GEOSisSimple', g),
  };
}

/** Compares geovec with GEOS on a batch of WKT; returns [compared, skipped]. */
function compareWKT(wkts: string[], label: string): [number, number] {
  const arr = gv.fromWKT(wkts, { onInvalid: 'null' });
  const valid = gv.isValid(arr);
  const reasons = gv.isValidReason(arr);
  const detail = gv.isValidDetail(arr);
  const simple = gv.isSimple(arr);
  let compared = 0;
  let skipped = 0;
  const bad: string[] = [];
  for (let i = 0; i < wkts.length; i++) {
    const g = geos.read(wkts[i]!);
    if (!g || arr.typeCodes[i] === 0) {
      skipped++; // GEOS or geovec refuses the text (e.g. a ring of 3 coordinates)
      geos.destroy(g);
      continue;
    }
    const o = oracle(g);
    geos.destroy(g);
    compared++;
    const r = reasons[i]!;
    if (valid[i] !== o.valid || !sameOrScanFamily(r, o.reason)) bad.push(`${wkts[i]}: geovec ${r}, GEOS ${o.reason}`);
    if (simple[i] !== o.simple) bad.push(`${wkts[i]}: isSimple geovec ${simple[i]}, GEOS ${o.simple}`);
    if ((detail.valid[i] === 1) !== (r === 'Valid Geometry') || detail.reason[i] !== category(r)) bad.push(`${wkts[i]}: detail ${detail.reason[i]} vs ${r}`);
    if (!valid[i] && !onRuns(wktRuns(wkts[i]!), [detail.x[i]!, detail.y[i]!])) bad.push(`${wkts[i]}: location ${r} is not on the geometry`);
  }
  assert.deepEqual(bad.slice(0, 10), [], `${label}: ${bad.length} disagreements`);
  return [compared, skipped];
}

test('invalid on purpose, kind by kind: validity, reason category, simplicity and location as GEOS', () => {
  const gen = new RandomInvalid(20261204);
  let total = 0;
  for (const kind of INVALID_KINDS) {
    const wkts: string[] = [];
    for (let i = 0; i < 180; i++) wkts.push(gen.make(kind));
    const [compared] = compareWKT(wkts, kind);
    assert.ok(compared >= 100, `${kind}: only ${compared} of ${wkts.length} compared`);
    total += compared;
  }
  assert.ok(total > 3000);
});

test('the generator makes each kind of invalidity (GEOS categories seen)', () => {
  const gen = new RandomInvalid(7);
  const seen = new Set<string>();
  for (const kind of INVALID_KINDS) {
    for (let i = 0; i < 60; i++) {
      const g = geos.read(gen.make(kind));
      if (g) seen.add(category(oracle(g).reason));
      geos.destroy(g);
    }
  }
  for (const c of ['Valid Geometry', 'Self-intersection', 'Ring Self-intersection', 'Hole lies outside shell', 'Holes are nested', 'Interior is disconnected', 'Nested shells', 'Too few points in geometry component'])
    assert.ok(seen.has(c), `no ${c}`);
});

test('random geometries of every type as GEOS', () => {
  const gen = new RandomGeoms(99, () => true);
  const wkts: string[] = [];
  for (let i = 0; i < 300; i++) for (const t of GEOM_TYPES) wkts.push(gen.pair(t)[0]);
  const [compared] = compareWKT(wkts, 'random');
  assert.ok(compared > 1500);
});

test('hand-made cases: exact GEOS reasons', () => {
  const cases: [string, string, number][] = [
    ['POLYGON ((0 0, 10 0, 0 10, 10 10, 0 0))', 'Self-intersection[5 5]', 0],
    ['POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))', 'Ring Self-intersection[5 0]', 0],
    ['POLYGON ((0 0, 1 0, 1 0, 0 0))', 'Too few points in geometry component[0 0]', 0],
    ['LINESTRING (0.1 0.2, 0.1 0.2)', 'Too few points in geometry component[0.1 0.2]', 1],
    ['LINESTRING (1e20 0.333333333333333333, 1e20 0.333333333333333333)', 'Too few points in geometry component[1e+20 0.333333333333333]', 1],
    ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 20))', 'Hole lies outside shell[20 20]', 1],
    ['MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((1 1, 2 1, 2 2, 1 1)))', 'Nested shells[1 1]', 1],
    ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 5 1, 5 5, 1 5, 1 1), (2 2, 3 2, 3 3, 2 2))', 'Holes are nested[2 2]', 1],
    ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 5, 5 5, 5 0, 0 5))', 'Interior is disconnected[0 5]', 1],
    ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1), (2 2, 3 2, 3 3, 2 2), (2 1, 3 1, 3 2, 2 1))', 'Interior is disconnected[3 2]', 1],
    ['POLYGON Z ((0 0 1, 10 0 1, 0 10 1, 10 10 1, 0 0 1))', 'Self-intersection[5 5]', 0],
    ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 5 2, 2 5, 0 0))', 'Valid Geometry', 1],
    ['MULTIPOLYGON (((0 0, 5 0, 5 5, 0 5, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5)))', 'Valid Geometry', 1],
    ['MULTIPOLYGON (((0 0, 5 0, 5 5, 0 5, 0 0)), ((5 1, 9 1, 9 4, 5 4, 5 1)))', 'Self-intersection[5 4]', 1], // GEOS: [5 1], the other end of the shared edge
    ['LINESTRING (0 0, 1 1, 0 1, 1 0)', 'Valid Geometry', 0],
    ['MULTILINESTRING ((0 0, 1 1), (1 1, 2 2), (1 1, 3 0))', 'Valid Geometry', 1],
    ['MULTILINESTRING ((0 0, 1 1, 1 0, 0 0), (0 0, -1 -1))', 'Valid Geometry', 0],
    ['LINESTRING (0 0, 2 0, 1 1, 1 0)', 'Valid Geometry', 0],
    ['LINESTRING (0 0, 2 0, 2 2, 0 0)', 'Valid Geometry', 1],
    ['MULTIPOINT ((0 0), (1 1), (0 0))', 'Valid Geometry', 0],
    ['POINT EMPTY', 'Valid Geometry', 1],
    ['POLYGON EMPTY', 'Valid Geometry', 1],
    ['GEOMETRYCOLLECTION EMPTY', 'Valid Geometry', 1],
    ['GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 0 0))', 'Too few points in geometry component[0 0]', 1],
    ['GEOMETRYCOLLECTION (POINT (1 1), MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((1 1, 2 1, 2 2, 1 1))))', 'Nested shells[1 1]', 1],
    ['GEOMETRYCOLLECTION (POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)), POLYGON ((1 1, 2 1, 2 2, 1 1)))', 'Valid Geometry', 1],
  ];
  const arr = gv.fromWKT(cases.map((c) => c[0]));
  assert.deepEqual(gv.isValidReason(arr), cases.map((c) => c[1]));
  assert.deepEqual([...gv.isSimple(arr)], cases.map((c) => c[2]));
  for (const [wkt, reason, simple] of cases) {
    const g = geos.read(wkt);
    const o = oracle(g);
    geos.destroy(g);
    assert.equal(category(o.reason), category(reason), `GEOS on ${wkt}`);
    assert.equal(o.simple, simple, `GEOS isSimple on ${wkt}`);
  }
});

test('invalid coordinates (Arrow coordinate buffers are the one input that may hold them)', () => {
  const xs = [Infinity, NaN, 1, -Infinity, NaN];
  const ys = [0, 1, NaN, 2, NaN];
  // the parsers and points() refuse non-finite coordinates; a GeoArrow
  // coordinate buffer is taken as it is, so write them into one
  assert.throws(() => gv.points(xs, ys), /coordinates must be finite/);
  const table = gv.toArrow(gv.points(new Float64Array(5), new Float64Array(5)));
  const values = table.getChildAt(0)!.data[0]!.children[0]!.values as Float64Array;
  for (let i = 0; i < xs.length; i++) {
    values[2 * i] = xs[i]!;
    values[2 * i + 1] = ys[i]!;
  }
  const arr = gv.fromArrow(table);
  const reasons = gv.isValidReason(arr);
  for (let i = 0; i < xs.length; i++) {
    const w = new gv.Wkb('little').head(1).f64(xs[i]!, ys[i]!).bytes();
    const g = geos.readWKB(w);
    assert.ok(g);
    assert.equal(reasons[i], geos.string(geos.fn('GEOSisValidReason', g)), `POINT (${xs[i]} ${ys[i]})`);
    geos.destroy(g);
  }
  assert.deepEqual(reasons, ['Invalid Coordinate[inf 0]', 'Invalid Coordinate[nan 1]', 'Invalid Coordinate[1 nan]', 'Invalid Coordinate[-inf 2]', 'Valid Geometry']);
  const d = gv.isValidDetail(arr);
  assert.deepEqual([...d.code], [8, 8, 8, 8, 0]);
  assert.equal(d.x[0], Infinity);
});

test('nulls follow Shapely 2; views; argument checks', () => {
  const arr = gv.fromWKT(['POINT (1 1)', null as unknown as string, 'POLYGON ((0 0, 10 0, 0 10, 10 10, 0 0))'], { onInvalid: 'null' });
  assert.deepEqual([...gv.isValid(arr)], [1, 0, 0]);
  assert.deepEqual(gv.isValidReason(arr), ['Valid Geometry', null, 'Self-intersection[5 5]']);
  assert.deepEqual([...gv.isSimple(arr)], [1, 0, 0]);
  const d = gv.isValidDetail(arr);
  assert.deepEqual([...d.valid], [1, 0, 0]);
  assert.deepEqual(d.reason, ['Valid Geometry', null, 'Self-intersection']);
  assert.deepEqual([...d.code], [0, 255, 1]);
  assert.ok(Number.isNaN(d.x[1]) && Number.isNaN(d.x[0]));
  assert.deepEqual([d.x[2], d.y[2]], [5, 5]);
  assert.deepEqual(gv.isValidReason(arr.get(2)!), ['Self-intersection[5 5]']);
  assert.deepEqual([...gv.isValid(arr.slice(0, 0))], []);
  for (const f of [gv.isValid, gv.isValidReason, gv.isValidDetail, gv.isSimple] as ((a: unknown) => unknown)[]) {
    assert.throws(() => f(null), gv.GeovecError);
    assert.throws(() => f([1, 2]), /argument a must be a GeometryArray/);
  }
});

test('big rings: exact on vertices lying on edges, and fast on long valid rings', () => {
  // a 20,000-vertex star, valid; then the same with one vertex moved onto a non-adjacent edge
  const n = 20000;
  const pts: XY[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const r = i % 2 ? 1000 : 900;
    pts.push([Math.round(r * Math.cos(a) * 1000) / 1000, Math.round(r * Math.sin(a) * 1000) / 1000]);
  }
  const ring = (p: XY[]) => `POLYGON ((${[...p, p[0]!].map((q) => `${q[0]} ${q[1]}`).join(', ')}))`;
  const touched = pts.slice();
  touched[500] = [(pts[1000]![0] + pts[1001]![0]) / 2, (pts[1000]![1] + pts[1001]![1]) / 2];
  const wkts = [ring(pts), ring(touched)];
  const t0 = performance.now();
  compareWKT(wkts, 'big rings');
  assert.ok(performance.now() - t0 < 20000);
});

const DATA_FILES: [string, number | null][] = [
  ['us-counties.geojson', 21],
  ['us-states.geojson', 1],
  ['ne-countries-10m.geojson', 51],
  ['ne-admin1-10m.geojson', 1],
  ['ne-countries-110m.geojson', 0],
  ['nybb.geojson', 0],
  ['tg-shapes.geojson', 0],
];

for (const [file, invalid] of DATA_FILES) {
  const path = DATA + file;
  test(`../shared/data/${file}: isValid and reason category as GEOS`, { skip: existsSync(path) ? false : `no ${path}` }, () => {
    const text = readFileSync(path, 'utf8');
    const arr = gv.fromGeoJSON(text);
    const valid = gv.isValid(arr);
    const reasons = gv.isValidReason(arr);
    const d = gv.isValidDetail(arr);
    const wkb = gv.toWKB(arr) as (Uint8Array | null)[];
    const bad: string[] = [];
    let nInvalid = 0;
    for (let i = 0; i < arr.length; i++) {
      const g = geos.readWKB(wkb[i]!);
      const o = oracle(g);
      geos.destroy(g);
      if (!o.valid) nInvalid++;
      if (valid[i] !== o.valid || !sameOrScanFamily(reasons[i]!, o.reason)) bad.push(`${file} #${i}: geovec ${reasons[i]}, GEOS ${o.reason}`);
      if (!valid[i] && !onRuns(wktRuns(arr.get(i)!.toWKT()), [d.x[i]!, d.y[i]!])) bad.push(`${file} #${i}: location ${reasons[i]} not on the geometry`);
    }
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} disagreements`);
    if (invalid !== null) assert.equal(nInvalid, invalid, 'invalid features (README)');
    assert.equal(valid.reduce((s, v) => s + (v ? 0 : 1), 0), nInvalid);
  });
}

test('report: share of exact reason categories', () => {
  console.log(`validity: ${tally.compared} compared with GEOS, ${tally.sameCategory} same reason category, ${tally.otherScanProblem} another problem of the segment scan`);
  assert.ok(tally.sameCategory >= 0.97 * tally.compared);
});
