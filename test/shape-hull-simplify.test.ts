/**
 * The fast paths of convexHull (points filtered by the quadrilateral of
 * the axis extremes before sorting, rings sorted by merging their monotone
 * runs, other inputs by quicksort) and of simplify, against GEOS 3.13
 * (geos-wasm) on seeded random inputs large enough to take them: simple
 * star-shaped rings (few runs), point clouds (many runs), points on a small
 * grid (collinear points and duplicates), polygons with holes and multi
 * polygons; then degenerate inputs (collinear, all equal, 1 to 3 points,
 * NaN coordinates). The convex hull must equal GEOS's after normalization;
 * orientedEnvelope and minimumBoundingCircle (built on the same hull) must
 * have GEOS's area.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { fromWKT, randInt, rng, toWKT } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { geosDouble, geosUnaryNormal, normalWKT } from './helpers/geos-shape.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

type XY = [number, number];
const ring = (ps: XY[]) => `(${[...ps, ps[0]!].map((p) => `${p[0]} ${p[1]}`).join(', ')})`;

/** A star-shaped simple ring of n vertices around (cx, cy), counter-clockwise. */
function star(r: () => number, n: number, cx: number, cy: number, rad: number, grid = 0): XY[] {
  const ps: XY[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n, d = rad * (0.3 + 0.7 * r());
    let p: XY = [cx + d * Math.cos(a), cy + d * Math.sin(a)];
    if (grid) p = [Math.round(p[0] / grid) * grid, Math.round(p[1] / grid) * grid];
    ps.push(p);
  }
  return ps;
}

function cases(seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const n = 5 + randInt(r, i % 3 === 0 ? 600 : 120);
    const rot = randInt(r, n);
    const cx = r() * 100, cy = r() * 100, rad = 1 + r() * 50;
    const ps = star(r, n, cx, cy, rad, i % 4 === 1 ? 1 : 0);
    const sh = [...ps.slice(rot), ...ps.slice(0, rot)];
    out.push(`POLYGON (${ring(i % 2 ? sh.reverse() : sh)})`);
    // the same shell with a hole, and a multi polygon of two stars
    if (i % 5 === 0) out.push(`POLYGON (${ring(sh)}, ${ring(star(r, 8, cx, cy, rad * 0.1).reverse())})`);
    if (i % 5 === 2) out.push(`MULTIPOLYGON ((${ring(sh)}), (${ring(star(r, 40 + randInt(r, 100), 300 + r() * 10, r() * 10, 5))}))`);
  }
  for (let i = 0; i < 40; i++) {
    // point clouds: random doubles, or a small grid (collinear points, duplicates)
    const n = 3 + randInt(r, i % 2 ? 2000 : 200), g = i % 3 === 0 ? 1 + randInt(r, 6) : 0;
    const ps: string[] = [];
    for (let k = 0; k < n; k++) ps.push(g ? `(${randInt(r, g + 1)} ${randInt(r, g + 1)})` : `(${r() * 10 - 5} ${r() * 10 - 5})`);
    out.push(`MULTIPOINT (${ps.join(', ')})`);
    // a line through many points, back and forth
    const ls: string[] = [];
    for (let k = 0; k < n; k++) ls.push(g ? `${randInt(r, g + 1)} ${randInt(r, g + 1)}` : `${r()} ${r() * r()}`);
    out.push(`LINESTRING (${ls.join(', ')})`);
  }
  // degenerate: collinear sets (with repeats), all points equal, 1 to 3 points
  for (const n of [1, 2, 3, 4, 25, 65, 200]) {
    const col: string[] = [], same: string[] = [], diag: string[] = [];
    for (let k = 0; k < n; k++) {
      const t = randInt(r, 50);
      col.push(`(${t * 3} 7)`);
      diag.push(`${t * 0.1} ${t * 0.1}`);
      same.push('(1.5 -2)');
    }
    out.push(`MULTIPOINT (${col.join(', ')})`, `MULTIPOINT (${same.join(', ')})`);
    if (n >= 2) out.push(`LINESTRING (${diag.join(', ')})`);
  }
  out.push('MULTIPOINT ((0 0), (1 0), (0 1))', 'MULTIPOINT ((0 0), (1 0), (0 0))', 'LINESTRING (0 0, 1 1)', 'POINT (3 4)');
  out.push(`POLYGON (${ring(Array.from({ length: 100 }, (_, k): XY => [k % 10, Math.floor(k / 10)]))})`.replace(/^POLYGON \((.*)\)$/, 'LINESTRING $1'));
  return out;
}

describe('convexHull fast paths vs GEOS', () => {
  test('random rings, clouds, grids and degenerate sets: the same hull as GEOS', () => {
    const wkts = cases(20261206);
    const A = fromWKT(wkts);
    const hull = toWKT(gv.convexHull(A));
    const bad: string[] = [];
    for (let i = 0; i < wkts.length; i++) {
      const want = geosUnaryNormal(geos, 'GEOSConvexHull', wkts[i]!);
      const got = normalWKT(geos, hull[i]!);
      if (got !== want) bad.push(`${wkts[i]!.slice(0, 200)}\n  got  ${got?.slice(0, 200)}\n  want ${want?.slice(0, 200)}`);
    }
    assert.deepEqual(bad.slice(0, 3), [], `${bad.length} of ${wkts.length} differ`);
  });

  test('orientedEnvelope and minimumBoundingCircle on the same inputs: GEOS areas', () => {
    const wkts = cases(7);
    const A = fromWKT(wkts);
    const oe = toWKT(gv.orientedEnvelope(A)), mbc = toWKT(gv.minimumBoundingCircle(A));
    const rel = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    for (let i = 0; i < wkts.length; i++) {
      const wo = geosUnaryNormal(geos, 'GEOSMinimumRotatedRectangle', wkts[i]!)!;
      assert.ok(rel(geosDouble(geos, 'GEOSArea', wo)!, geosDouble(geos, 'GEOSArea', oe[i]!)!), `${wkts[i]!.slice(0, 100)}: ${oe[i]} vs ${wo}`);
      const wm = geosUnaryNormal(geos, 'GEOSMinimumBoundingCircle', wkts[i]!, 0, 0)!;
      assert.ok(rel(geosDouble(geos, 'GEOSArea', wm)!, geosDouble(geos, 'GEOSArea', mbc[i]!)!), `${wkts[i]!.slice(0, 100)}: ${mbc[i]} vs ${wm}`);
    }
  });

  test('NaN coordinates are left out; empty and null inputs', () => {
    const pts = Array.from({ length: 80 }, (_, k) => `(${k % 9} ${(k * 7) % 11})`).join(', ');
    const a = fromWKT([`MULTIPOINT (${pts}, EMPTY)`, 'MULTIPOINT (EMPTY, (1 1), EMPTY)', 'POLYGON EMPTY', null]);
    const out = toWKT(gv.convexHull(a));
    assert.equal(normalWKT(geos, out[0]!), geosUnaryNormal(geos, 'GEOSConvexHull', `MULTIPOINT (${pts})`));
    assert.equal(out[1], 'POINT (1 1)');
    assert.equal(out[2], 'GEOMETRYCOLLECTION EMPTY');
    assert.equal(out[3], null);
  });
});

/** Long inputs for simplify: random walks (lines, some with Z), star rings with holes, multi polygons. */
function simplifyCases(seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < 50; i++) {
    const n = 3 + randInt(r, i % 4 === 0 ? 3000 : 300);
    let x = r() * 10, y = r() * 10, z = 0;
    const ps: string[] = [];
    for (let k = 0; k < n; k++) {
      x += r() - 0.5, y += r() - 0.5, z += 1;
      if (i % 7 === 3 && k % 5 === 0) ps.push(ps[ps.length - 1] ?? `${x} ${y}${i % 3 === 1 ? ` ${z}` : ''}`); // repeated points
      else ps.push(i % 3 === 1 ? `${x} ${y} ${z}` : `${x} ${y}`);
    }
    out.push(`LINESTRING${i % 3 === 1 ? ' Z' : ''} (${ps.join(', ')})`);
    const m = 4 + randInt(r, i % 4 === 0 ? 4000 : 400), cx = r() * 100, cy = r() * 100, rad = 1 + r() * 10;
    const sh = star(r, m, cx, cy, rad, i % 5 === 1 ? 0.05 : 0);
    const rot = randInt(r, m);
    const shell = [...sh.slice(rot), ...sh.slice(0, rot)];
    if (i % 3 === 0) out.push(`POLYGON (${ring(shell)}, ${ring(star(r, 20 + randInt(r, 200), cx, cy, rad * 0.25).reverse())})`);
    else if (i % 3 === 1) out.push(`MULTIPOLYGON ((${ring(shell)}), (${ring(star(r, 50 + randInt(r, 500), cx + 3 * rad, cy, rad))}))`);
    else out.push(`POLYGON (${ring(shell)})`);
  }
  out.push('POLYGON ((1 1, 1 1, 1 1, 1 1, 1 1))', 'LINESTRING (0 0, 0 0, 0 0)', 'LINESTRING (0 0, 1e-300 1e-300, 2e-300 0)', 'LINESTRING (0 0, 1e300 1, 2e300 0)');
  return out;
}

describe('simplify on long inputs vs GEOS', () => {
  const isPolygonal = (w: string) => /POLYGON/.test(w);
  test('Douglas-Peucker: the same as GEOSSimplify (valid polygonal results)', () => {
    const wkts = simplifyCases(11);
    const A = fromWKT(wkts);
    for (const tol of [0, 0.05, 0.3, 2]) {
      const out = toWKT(gv.simplify(A, tol, { preserveTopology: false }));
      const bad: string[] = [];
      let compared = 0;
      for (let i = 0; i < wkts.length; i++) {
        // GEOS repairs an invalid polygonal result with buffer(0): those are left out
        if (isPolygonal(wkts[i]!) && !geos.isValidWKT(out[i]!)) continue;
        compared++;
        const want = geosUnaryNormal(geos, 'GEOSSimplify', wkts[i]!, tol);
        const got = normalWKT(geos, out[i]!);
        if (got !== want) bad.push(`${wkts[i]!.slice(0, 150)}\n  got  ${got?.slice(0, 150)}\n  want ${want?.slice(0, 150)}`);
      }
      assert.ok(compared > wkts.length / 2, `tol ${tol}: only ${compared} compared`);
      assert.deepEqual(bad.slice(0, 3), [], `tol ${tol}: ${bad.length} of ${compared} differ`);
    }
  });

  test('topology-preserving: valid, within the tolerance, as many or more points than Douglas-Peucker', () => {
    const wkts = simplifyCases(12);
    const A = fromWKT(wkts);
    for (const tol of [0.05, 0.3, 2]) {
      const tp = gv.simplify(A, tol);
      const out = toWKT(tp);
      const np = gv.numPoints(tp), nd = gv.numPoints(gv.simplify(A, tol, { preserveTopology: false }));
      for (let i = 0; i < wkts.length; i++) {
        const w = wkts[i]!;
        if (isPolygonal(w) && geos.isValidWKT(w)) assert.ok(geos.isValidWKT(out[i]!), `simplify(${w.slice(0, 100)}, ${tol}) is not valid`);
        assert.ok(np[i]! >= nd[i]! || !isPolygonal(w), `${w.slice(0, 100)}: ${np[i]} < ${nd[i]}`);
        const a = geos.read(w), b = geos.read(out[i]!);
        const h = geos.double('GEOSHausdorffDistance', a, b);
        geos.destroy(a);
        geos.destroy(b);
        if (h !== null && Number.isFinite(h)) assert.ok(h <= tol + 1e-9, `${w.slice(0, 100)}, ${tol}: Hausdorff ${h}`);
      }
    }
  });
});
