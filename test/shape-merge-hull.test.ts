/**
 * lineMerge and concaveHull against GEOS 3.13 (geos-wasm: GEOSLineMerge,
 * GEOSLineMergeDirected, GEOSConcaveHull).
 *
 * lineMerge: seeded random line networks on a small grid (shared end
 * points, branches, rings, reversed parts, collinear overlaps, repeated
 * points, zero-length and empty parts, points and polygons in collections),
 * both modes: the same WKT as GEOS (order and direction included).
 * concaveHull: points in general position (random doubles), every ratio and
 * both hole modes: the same polygon as GEOS after normalization; points on
 * a grid (cocircular ties, where the Delaunay triangulation itself is not
 * unique): valid, covering every input point, the convex hull's area at
 * ratio 1, at least 80% equal to GEOS's;
 * the vertices of US counties and the world's cities against GEOS.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { DATA_URL, fromGeoJSON, fromWKT, GeovecError, randInt, rng, toWKT } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { geosUnaryNormal, normalWKT } from './helpers/geos-shape.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

type XY = [number, number];
const xy = (p: XY) => `${p[0]} ${p[1]}`;
const seq = (ps: XY[]) => (ps.length ? `(${ps.map(xy).join(', ')})` : 'EMPTY');

/** A random line network on a 5 x 5 grid. */
function network(r: () => number): string {
  const pt = (): XY => [randInt(r, 5), randInt(r, 5)];
  const lines: XY[][] = [];
  const n = 1 + randInt(r, 7);
  for (let k = 0; k < n; k++) {
    const kind = randInt(r, 10);
    if (kind === 0) {
      lines.push([]); // empty
      continue;
    }
    if (kind === 1 && lines.length && lines[lines.length - 1]!.length) {
      const prev = lines[randInt(r, lines.length)]!;
      lines.push(r() < 0.5 ? [...prev] : [...prev].reverse()); // an overlapping copy
      continue;
    }
    const start = lines.length && r() < 0.7 ? (() => {
      const l = lines[randInt(r, lines.length)]!;
      return l.length ? l[r() < 0.5 ? 0 : l.length - 1]! : pt();
    })() : pt();
    const line: XY[] = [start];
    const m = 1 + randInt(r, 3);
    for (let j = 0; j < m; j++) {
      const q = pt();
      line.push(q);
      if (r() < 0.1) line.push(q); // repeated point
    }
    if (kind === 2) line.push(line[0]!); // a ring
    if (kind === 3) line.length = 2, (line[1] = line[0]!); // zero length
    lines.push(line);
  }
  const wrap = randInt(r, 5);
  if (wrap === 0 && lines.length === 1) return `LINESTRING ${seq(lines[0]!)}`;
  const mls = `MULTILINESTRING (${lines.map(seq).join(', ')})`;
  if (wrap === 1) {
    const parts = lines.map((l) => `LINESTRING ${seq(l)}`);
    parts.splice(randInt(r, parts.length + 1), 0, `POINT (${xy(pt())})`);
    if (r() < 0.5) parts.push('POLYGON ((0 0, 4 0, 4 4, 0 0))');
    return `GEOMETRYCOLLECTION (${parts.join(', ')})`;
  }
  return mls;
}

describe('lineMerge vs GEOS', () => {
  const r = rng(20261205);
  const wkts: string[] = [];
  for (let i = 0; i < 3000; i++) wkts.push(network(r));
  wkts.push('LINESTRING EMPTY', 'MULTILINESTRING EMPTY', 'POINT (1 1)', 'GEOMETRYCOLLECTION EMPTY', 'MULTIPOINT ((0 0), (1 1))',
    'POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))', 'MULTILINESTRING ((0 0, 0 0), (1 0, 1 0))');
  for (const directed of [false, true]) {
    test(`${directed ? 'directed' : 'undirected'}: same WKT as GEOS (order and direction)`, () => {
      const A = fromWKT(wkts);
      const out = toWKT(gv.lineMerge(A, { directed }));
      const fn = directed ? 'GEOSLineMergeDirected' : 'GEOSLineMerge';
      const bad: string[] = [];
      for (let i = 0; i < wkts.length; i++) {
        const want = geos.unaryWKT(fn, wkts[i]!);
        if (out[i] !== want) bad.push(`${wkts[i]}\n   got  ${out[i]}\n   want ${want}`);
      }
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${wkts.length} differ`);
    });
  }
  test('Z kept, null gives null, merged lines', () => {
    const out = toWKT(gv.lineMerge(fromWKT(['MULTILINESTRING Z ((0 0 5, 1 0 6), (1 0 7, 2 0 8))', null, 'MULTILINESTRING ((2 0, 1 0), (0 0, 1 0))'])));
    assert.deepEqual(out, ['LINESTRING Z (0 0 5, 1 0 6, 2 0 8)', null, 'LINESTRING (0 0, 1 0, 2 0)']);
    assert.equal(toWKT(gv.lineMerge(fromWKT(['MULTILINESTRING ((2 0, 1 0), (0 0, 1 0))']), { directed: true }))[0], 'MULTILINESTRING ((0 0, 1 0), (2 0, 1 0))');
    assert.equal(toWKT(gv.lineMerge(fromWKT(['MULTILINESTRING ((1 0, 2 0), (0 0, 1 0))']), { directed: true }))[0], 'LINESTRING (0 0, 1 0, 2 0)');
    assert.throws(() => gv.lineMerge(fromWKT(['POINT (0 0)']), { directed: 1 as unknown as boolean }), GeovecError);
  });
});

const RATIOS = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1];

function multipoint(ps: XY[]): string {
  return `MULTIPOINT (${ps.map((p) => `(${xy(p)})`).join(', ')})`;
}

/** Every input point covered by the hull (GEOS covers). */
function coversAll(hull: string, pts: string): boolean {
  const h = geos.read(hull);
  const p = geos.read(pts);
  try {
    return geos.fn('GEOSCovers', h, p) === 1;
  } finally {
    geos.destroy(h);
    geos.destroy(p);
  }
}

describe('concaveHull vs GEOS', () => {
  test('points in general position: same polygon as GEOS (normalized), every ratio, with and without holes', () => {
    const r = rng(11052026);
    const wkts: string[] = [];
    const args: [number, number][] = [];
    for (let i = 0; i < 2400; i++) {
      const n = 3 + randInt(r, i % 10 === 0 ? 300 : 40);
      const ps: XY[] = [];
      const shape = randInt(r, 3);
      for (let k = 0; k < n; k++) {
        if (shape === 0) ps.push([r() * 100, r() * 100]);
        else if (shape === 1) { // a ring of points: deep concavities and holes
          const t = r() * 2 * Math.PI, rad = 30 + r() * 20 * (r() < 0.5 ? 1 : 0.2);
          ps.push([50 + rad * Math.cos(t), 50 + rad * Math.sin(t)]);
        } else ps.push([r() * 100, (r() * 100) ** 2 / 100]); // clustered
      }
      wkts.push(multipoint(ps));
      args.push([i < 200 ? RATIOS[i % RATIOS.length]! : r() < 0.5 ? RATIOS[randInt(r, RATIOS.length)]! : r(), randInt(r, 2)]);
    }
    const bad: string[] = [];
    let holes = 0;
    for (let i = 0; i < wkts.length; i++) {
      const [ratio, h] = args[i]!;
      const got = toWKT(gv.concaveHull(fromWKT([wkts[i]!]), { ratio, allowHoles: h === 1 }))[0]!;
      const want = geosUnaryNormal(geos, 'GEOSConcaveHull', wkts[i]!, ratio, h);
      if (normalWKT(geos, got) !== want) bad.push(`${wkts[i]} ratio ${ratio} holes ${h}\n   got  ${got}\n   want ${want}`);
      if (/\), \(/.test(got)) holes++;
    }
    assert.deepEqual(bad.slice(0, 3), [], `${bad.length} of ${wkts.length} differ`);
    assert.ok(holes > 20, `only ${holes} hulls with holes`);
  });

  test('grid points (ties): valid, covering every point, convex hull at ratio 1; most equal to GEOS', () => {
    const r = rng(51120261);
    let same = 0, total = 0;
    const bad: string[] = [];
    for (let i = 0; i < 600; i++) {
      const n = 3 + randInt(r, 30);
      const ps: XY[] = [];
      for (let k = 0; k < n; k++) ps.push([randInt(r, 8), randInt(r, 8)]);
      const w = multipoint(ps);
      const ratio = RATIOS[i % RATIOS.length]!;
      const h = randInt(r, 2);
      const got = toWKT(gv.concaveHull(fromWKT([w]), { ratio, allowHoles: h === 1 }))[0]!;
      total++;
      if (normalWKT(geos, got) === geosUnaryNormal(geos, 'GEOSConcaveHull', w, ratio, h)) same++;
      if (/POLYGON/.test(got) && !geos.isValidWKT(got)) bad.push(`invalid: ${w} ${ratio} ${h} -> ${got}`);
      if (!coversAll(got, w)) bad.push(`not covering: ${w} ${ratio} ${h} -> ${got}`);
      // ratio 1: the convex hull's area (collinear boundary points stay as vertices)
      if (ratio === 1 && Math.abs(gv.area(fromWKT([got]))[0]! - gv.area(gv.convexHull(fromWKT([w])))[0]!) > 1e-9) bad.push(`ratio 1 not convex: ${w} -> ${got}`);
    }
    console.log(`concaveHull on grid points: ${same} of ${total} equal to GEOS`);
    assert.deepEqual(bad.slice(0, 3), []);
    assert.ok(same >= 0.8 * total, `only ${same} of ${total} equal to GEOS`);
  });

  test('degenerate input as GEOS, nulls, argument errors', () => {
    const wkts = ['MULTIPOINT EMPTY', 'POINT (1 1)', 'MULTIPOINT ((0 0), (1 1))', 'MULTIPOINT ((0 0), (1 1), (2 2), (1 1))', 'LINESTRING (0 0, 3 0, 1 0)',
      'MULTIPOINT ((0 0), (0 0), (0 0))', 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))', 'GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (1 0, 2 1), POLYGON ((5 5, 6 5, 6 6, 5 5)))',
      'MULTIPOINT ((0 0), (1 0), (0 1))', 'MULTIPOINT Z ((0 0 1), (10 0 2), (0 10 3), (3 3 4), (9 8 5))'];
    for (const ratio of [0, 0.5, 1])
      for (const h of [0, 1]) {
        const out = toWKT(gv.concaveHull(fromWKT(wkts), { ratio, allowHoles: h === 1 }));
        wkts.forEach((w, i) => assert.equal(normalWKT(geos, out[i]!), geosUnaryNormal(geos, 'GEOSConcaveHull', w, ratio, h), `${w} ${ratio} ${h}`));
      }
    assert.deepEqual(toWKT(gv.concaveHull(fromWKT([null]))), [null]);
    assert.throws(() => gv.concaveHull(fromWKT(['POINT (0 0)']), { ratio: 1.5 }), GeovecError);
    assert.throws(() => gv.concaveHull(fromWKT(['POINT (0 0)']), { ratio: -0.1 }), GeovecError);
    assert.throws(() => gv.concaveHull(fromWKT(['POINT (0 0)']), { ratio: NaN }), GeovecError);
  });

  const file = (name: string) => new URL(name, process.env.GEOVEC_SHARED_DATA ? `file://${process.env.GEOVEC_SHARED_DATA.replace(/\/?$/, '/')}` : DATA_URL);
  test('US counties (every 16th) and world cities (one hull) against GEOS', { skip: !existsSync(file('us-counties.geojson')) }, () => {
    const counties = fromGeoJSON(readFileSync(file('us-counties.geojson'), 'utf8'));
    const cw = toWKT(counties);
    const idx: number[] = [];
    for (let i = 0; i < cw.length; i += 16) idx.push(i);
    const sub = fromWKT(idx.map((i) => cw[i]!));
    const cases: { w: string; got: (string | null)[]; ratio: number; h: number }[] = [];
    for (const [ratio, h] of [[0, 0], [0.1, 1], [0.3, 0]] as const)
      cases.push({ w: '', got: toWKT(gv.concaveHull(sub, { ratio, allowHoles: h === 1 })), ratio, h });
    let bad = 0, total = 0;
    const first: string[] = [];
    for (const c of cases)
      idx.forEach((ci, k) => {
        const want = geosUnaryNormal(geos, 'GEOSConcaveHull', cw[ci]!, c.ratio, c.h);
        total++;
        if (normalWKT(geos, c.got[k]!) !== want) {
          bad++;
          if (first.length < 2) first.push(`county ${ci} ratio ${c.ratio} holes ${c.h}`);
        }
      });
    console.log(`concaveHull of counties: ${total - bad} of ${total} equal to GEOS`);
    assert.deepEqual(first, [], `${bad} of ${total} county hulls differ`);
    const cities = toWKT(fromGeoJSON(readFileSync(file('world-cities.geojson'), 'utf8')));
    const all = `GEOMETRYCOLLECTION (${cities.filter((w) => w && w !== 'POINT EMPTY').join(', ')})`;
    for (const [ratio, h] of [[0, 0], [0.05, 1], [0.2, 0]] as const) {
      const got = toWKT(gv.concaveHull(fromWKT([all]), { ratio, allowHoles: h === 1 }))[0]!;
      assert.equal(normalWKT(geos, got), geosUnaryNormal(geos, 'GEOSConcaveHull', all, ratio, h), `cities ratio ${ratio} holes ${h}`);
    }
  });
});
