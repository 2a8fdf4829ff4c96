/**
 * Coverages and grouped reductions against GEOS 3.13 (geos-wasm):
 * coverageUnion of the counties by state (GEOSCoverageUnion and
 * GEOSUnaryUnion of the same counties), seeded random coverages (perturbed
 * grids of quads and triangles, cells left out to make holes, random
 * groups), broken coverages made on purpose (overlap, gap, vertex on a
 * neighbour's edge, a polygon inside another) that must fall back to the
 * general union and stay valid, and intersectionAll against a GEOS
 * reduction with GEOSIntersection on random star polygons.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import { DATA_URL, GeovecError, fromGeoJSON, fromWKT, toWKT, rng } from './helpers/geovec.js';
import * as gv from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { compareResult, geosOverlay } from './helpers/geos-overlay.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

/** GEOS's result of fn over the collection of the given WKTs (0 when it throws). */
function geosOfSet(fn: string, ws: string[]): number {
  const gc = geos.read(`GEOMETRYCOLLECTION (${ws.join(', ')})`);
  const r = geosOverlay(geos, fn, gc, null);
  geos.destroy(gc);
  return r;
}

function check(ours: string, gr: number, what: string, failures: string[]) {
  const c = compareResult(geos, ours, gr);
  geos.destroy(gr);
  if (c.failure) failures.push(`${what}: ${c.failure.slice(0, 400)}`);
}

type XY = [number, number];
const ringWKT = (r: XY[]) => `(${[...r, r[0]!].map((p) => p.join(' ')).join(', ')})`;

/** A coverage: an (nx x ny) grid with its inner vertices moved at random,
 * each cell a quad or two triangles; `drop` is the share of cells left out. */
function gridCoverage(seed: number, nx: number, ny: number, drop: number): string[] {
  const r = rng(seed);
  const v: XY[][] = [];
  for (let i = 0; i <= nx; i++) {
    v.push([]);
    for (let j = 0; j <= ny; j++) {
      const inner = i > 0 && i < nx && j > 0 && j < ny;
      v[i]!.push([i + (inner ? (r() - 0.5) * 0.6 : 0), j + (inner ? (r() - 0.5) * 0.6 : 0)]);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      if (r() < drop) continue;
      const a = v[i]![j]!, b = v[i + 1]![j]!, c = v[i + 1]![j + 1]!, d = v[i]![j + 1]!;
      const cw = r() < 0.5; // either orientation on input
      const ring = (q: XY[]) => `POLYGON (${ringWKT(cw ? [...q].reverse() : q)})`;
      if (r() < 0.3) {
        out.push(ring([a, b, c]), ring([a, c, d]));
      } else out.push(ring([a, b, c, d]));
    }
  }
  return out;
}

describe('coverageUnion', () => {
  test('seeded random coverages, with and without groups, against GEOSUnaryUnion and GEOSCoverageUnion', () => {
    const failures: string[] = [];
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(1000 + seed);
      const ws = gridCoverage(seed, 3 + (seed % 7), 2 + (seed % 5), seed % 3 === 0 ? 0.25 : 0);
      const A = fromWKT(ws);
      // without groups
      const all = gv.coverageUnion(A);
      assert.equal(all.geometry.length, 1);
      assert.deepEqual(all.fallback, [false], `seed ${seed}: a clean coverage must not fall back`);
      const ours = toWKT(all.geometry)[0]!;
      check(ours, geosOfSet('GEOSUnaryUnion', ws), `seed ${seed} (unary union)`, failures);
      check(ours, geosOfSet('GEOSCoverageUnion', ws), `seed ${seed} (coverage union)`, failures);
      compared += 2;
      // random groups (some with holes, some disconnected), and a left-out element
      const ng = 1 + Math.floor(r() * 4);
      const keys = ws.map((_, i) => (i === 0 ? null : `g${Math.floor(r() * ng)}`));
      const res = gv.coverageUnion(A, { groups: keys });
      const wkts = toWKT(res.geometry);
      res.keys.forEach((k, gi) => {
        assert.equal(res.fallback[gi], false);
        const members = ws.filter((_, i) => keys[i] === k);
        check(wkts[gi]!, geosOfSet('GEOSUnaryUnion', members), `seed ${seed} group ${String(k)}`, failures);
        compared++;
      });
    }
    assert.equal(failures.length, 0, `${failures.length} of ${compared} differ:\n${failures.slice(0, 5).join('\n')}`);
    console.log(`random coverages: ${compared} results agree with GEOS`);
  });

  test('degenerate coverages: holes touching shells, pinched shells, islands in holes, shared vertex only', () => {
    const cases: string[][] = [
      // a ring of four squares around a hole (the hole is the square 1..2)
      ['POLYGON ((0 0, 3 0, 3 1, 2 1, 1 1, 0 1, 0 0))', 'POLYGON ((0 2, 1 2, 2 2, 3 2, 3 3, 0 3, 0 2))', 'POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1))', 'POLYGON ((2 1, 3 1, 3 2, 2 2, 2 1))'],
      // the same with an island inside the hole
      ['POLYGON ((0 0, 3 0, 3 1, 2 1, 1 1, 0 1, 0 0))', 'POLYGON ((0 2, 1 2, 2 2, 3 2, 3 3, 0 3, 0 2))', 'POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1))', 'POLYGON ((2 1, 3 1, 3 2, 2 2, 2 1))', 'POLYGON ((1.2 1.2, 1.8 1.2, 1.8 1.8, 1.2 1.8, 1.2 1.2))'],
      // two squares meeting at one vertex
      ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))'],
      // an L of three squares whose union leaves a hole touching the shell at one point
      ['POLYGON ((0 0, 2 0, 2 1, 1 1, 1 2, 0 2, 0 0))', 'POLYGON ((1 2, 2 2, 2 1, 3 1, 3 3, 1 3, 1 2))'],
      // a polygon with a hole and the polygon filling the hole
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 'POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))'],
      // a multipolygon member and a disjoint polygon
      ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))', 'POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))'],
      // empty and unclosed-free inputs
      ['POLYGON EMPTY', 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))'],
    ];
    const failures: string[] = [];
    for (const ws of cases) {
      const r = gv.coverageUnion(fromWKT(ws));
      assert.deepEqual(r.fallback, [false], ws.join(' ; '));
      check(toWKT(r.geometry)[0]!, geosOfSet('GEOSUnaryUnion', ws), ws.join(' ; '), failures);
    }
    assert.equal(failures.length, 0, failures.join('\n'));
    const hole = gv.coverageUnion(fromWKT(cases[0]!));
    assert.equal(gv.getNumInteriorRings(hole.geometry)[0], 1);
  });

  test('broken coverages fall back to the general union and stay valid', () => {
    const cases: [string, string[]][] = [
      ['overlap', ['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))']],
      ['polygon inside another', ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))']],
      ['identical polygons', ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))']],
      ['vertex on a neighbour edge', ['POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))', 'POLYGON ((1 0, 2 0, 2 2, 1 2, 1 1, 1 0))']],
      ['mismatched vertices', ['POLYGON ((0 0, 1 0, 1.000001 1, 1 2, 0 2, 0 0))', 'POLYGON ((1 0, 2 0, 2 2, 1 2, 0.999999 1, 1 0))']],
      ['collinear overlap along part of an edge', ['POLYGON ((0 0, 1 0, 1 3, 0 3, 0 0))', 'POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))']],
    ];
    const failures: string[] = [];
    for (const [what, ws] of cases) {
      const r = gv.coverageUnion(fromWKT(ws));
      assert.deepEqual(r.fallback, [true], what);
      check(toWKT(r.geometry)[0]!, geosOfSet('GEOSUnaryUnion', ws), what, failures);
    }
    // a gap (the coverage is still clean linework): no fallback, the gap is a hole or a notch
    const gap = ['POLYGON ((0 0, 1 0, 1 1, 1 2, 1 3, 0 3, 0 0))', 'POLYGON ((1.5 0, 3 0, 3 3, 1.5 3, 1.5 2, 1.5 1, 1.5 0))', 'POLYGON ((1 0, 1.5 0, 1.5 1, 1 1, 1 0))', 'POLYGON ((1 2, 1.5 2, 1.5 3, 1 3, 1 2))'];
    const g = gv.coverageUnion(fromWKT(gap));
    assert.deepEqual(g.fallback, [false]);
    check(toWKT(g.geometry)[0]!, geosOfSet('GEOSUnaryUnion', gap), 'gap', failures);
    assert.equal(failures.length, 0, failures.join('\n'));
  });

  test('nulls, empty groups, Int32Array groups and argument errors', () => {
    const a = fromWKT(['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', null, 'POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))', 'LINESTRING (0 0, 1 1)']);
    const r = gv.coverageUnion(a.take([0, 1, 2]), { groups: new Int32Array([5, 5, 7]) });
    assert.deepEqual(r.keys, [5, 7]);
    assert.deepEqual(gv.area(r.geometry), new Float64Array([1, 1]));
    const n = gv.coverageUnion(a.take([1]));
    assert.deepEqual(toWKT(n.geometry), ['POLYGON EMPTY']);
    assert.throws(() => gv.coverageUnion(a), GeovecError);
    assert.throws(() => gv.coverageUnion(a, { groups: [1] }), GeovecError);
    assert.throws(() => gv.coverageUnion([] as unknown as gv.GeometryArray), GeovecError);
    assert.throws(() => gv.intersectionAll(a.take([0, 2]), { gridSize: -1 }), GeovecError);
  });
});

/** Per element, whether geovec's invalid edges equal GEOSCoverageIsValid's (topologically; both empty counts as equal). */
function compareInvalid(ws: (string | null)[], gap: number, what: string, failures: string[]): number {
  const ours = toWKT(gv.coverageInvalidEdges(fromWKT(ws), { gapWidth: gap }));
  const valid = gv.coverageIsValid(fromWKT(ws), { gapWidth: gap });
  const gc = geos.read(`GEOMETRYCOLLECTION (${ws.filter((w) => w !== null).join(', ')})`);
  const [ok, out] = geos.withGeomOut('GEOSCoverageIsValid', gc, gap);
  geos.destroy(gc);
  if (valid !== (ok === 1)) failures.push(`${what}: coverageIsValid ${valid}, GEOS ${ok}`);
  let k = 0, bad = 0;
  for (let i = 0; i < ws.length; i++) {
    if (ws[i] === null) {
      if (ours[i] !== null) failures.push(`${what}: null element gave ${ours[i]}`);
      continue;
    }
    const theirs = geos.fn('GEOSGetGeometryN', out, k++);
    const mine = geos.read(ours[i]!);
    const bothEmpty = geos.fn('GEOSisEmpty', mine) === 1 && geos.fn('GEOSisEmpty', theirs) === 1;
    if (!bothEmpty) bad++;
    if (!bothEmpty && geos.fn('GEOSEquals', mine, theirs) !== 1) failures.push(`${what} element ${i}: ${ours[i]}, GEOS ${geos.toWKT(theirs)}`);
    geos.destroy(mine);
  }
  geos.destroy(out);
  return bad;
}

describe('coverageIsValid and coverageInvalidEdges', () => {
  test('broken coverages made on purpose against GEOSCoverageIsValid', () => {
    const cases: Record<string, string[]> = {
      valid: ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))'],
      overlap: ['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))'],
      mismatch: ['POLYGON ((0 0, 1 0, 1.000001 1, 1 2, 0 2, 0 0))', 'POLYGON ((1 0, 2 0, 2 2, 1 2, 0.999999 1, 1 0))'],
      vertexOnEdge: ['POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))', 'POLYGON ((1 0, 2 0, 2 2, 1 2, 1 1, 1 0))'],
      gap: ['POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))', 'POLYGON ((1.01 0, 2 0, 2 2, 1.01 2, 1.01 0))'],
      gapEndToEnd: ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((1.01 0, 2 0, 2 1, 1.01 1, 1.01 0))', 'POLYGON ((0 1, 1 1, 1.01 1, 2 1, 2 2, 0 2, 0 1))'],
      wideGap: ['POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))', 'POLYGON ((1.5 0, 2 0, 2 2, 1.5 2, 1.5 0))'],
      inside: ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))'],
      same: ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))'],
      holeFilled: ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 'POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))'],
      holeOverfilled: ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 'POLYGON ((1 1, 3.5 1, 3.5 3, 1 3, 1 1))'],
      cornerInside: ['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POLYGON ((2 2, 1 1.5, 3 1, 3 3, 2 2))'],
      multi: ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))', 'POLYGON ((0.5 0.5, 2 0.5, 2 2, 0.5 2, 0.5 0.5))'],
    };
    const failures: string[] = [];
    for (const [what, ws] of Object.entries(cases)) for (const gap of [0, 0.1]) compareInvalid(ws, gap, `${what} gap ${gap}`, failures);
    assert.equal(failures.length, 0, failures.join('\n'));
    assert.equal(gv.coverageIsValid(fromWKT(cases.valid!)), true);
    assert.equal(gv.coverageIsValid(fromWKT(cases.gap!)), true);
    assert.equal(gv.coverageIsValid(fromWKT(cases.gap!), { gapWidth: 0.1 }), false);
    assert.deepEqual(toWKT(gv.coverageInvalidEdges(fromWKT([...cases.valid!, null]))), ['LINESTRING EMPTY', 'LINESTRING EMPTY', null]);
    assert.throws(() => gv.coverageIsValid(fromWKT(['LINESTRING (0 0, 1 1)'])), GeovecError);
    assert.throws(() => gv.coverageInvalidEdges(fromWKT(cases.valid!), { gapWidth: -1 }), GeovecError);
  });

  test('random grid coverages, clean and with one vertex moved, against GEOSCoverageIsValid', () => {
    const failures: string[] = [];
    let compared = 0, invalid = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(500 + seed);
      const ws = gridCoverage(seed, 3 + (seed % 5), 3 + (seed % 4), seed % 4 === 0 ? 0.2 : 0);
      compareInvalid(ws, 0, `seed ${seed} clean`, failures);
      // move one vertex of one element a little (a near-match or an overlap), or shift a whole element
      const i = Math.floor(r() * ws.length);
      const eps = r() < 0.5 ? 1e-7 : 0.2;
      let n = 0;
      const pick = Math.floor(r() * 3);
      const broken = ws.slice();
      broken[i] = ws[i]!.replace(/(-?[\d.e+-]+) (-?[\d.e+-]+)/g, (m, x: string, y: string) => (n++ === pick ? `${Number(x) + eps} ${Number(y) - eps}` : m));
      // keep the ring closed when the first vertex moved
      if (pick === 0) broken[i] = broken[i]!.replace(/, (-?[\d.e+-]+ -?[\d.e+-]+)\)\)$/, `, ${broken[i]!.match(/\(\((-?[\d.e+-]+ -?[\d.e+-]+)/)![1]})`);
      if (!geos.isValidWKT(broken[i]!)) continue;
      for (const gap of [0, 0.05]) {
        invalid += compareInvalid(broken, gap, `seed ${seed} broken gap ${gap}`, failures);
        compared++;
      }
    }
    assert.equal(failures.length, 0, `${failures.length} differ:\n${failures.slice(0, 5).join('\n')}`);
    assert.ok(invalid > 10, `only ${invalid} elements with invalid edges`);
    console.log(`coverage validity: ${compared} broken coverages agree with GEOS (${invalid} elements with invalid edges)`);
  });
});

describe('intersectionAll', () => {
  /** A star polygon around (cx, cy) with radii in [rmin, rmax]. */
  function star(r: () => number, cx: number, cy: number, n: number): string {
    const pts: XY[] = [];
    const rot = r() * Math.PI;
    for (let k = 0; k < n; k++) {
      const t = rot + (2 * Math.PI * k) / n, rad = 1 + r() * 2;
      pts.push([cx + rad * Math.cos(t), cy + rad * Math.sin(t)]);
    }
    return `POLYGON (${ringWKT(pts)})`;
  }

  test('random star polygons, with groups, against a GEOSIntersection reduction', () => {
    const failures: string[] = [];
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const n = 2 + Math.floor(r() * 5);
      const ws = Array.from({ length: n }, () => star(r, (r() - 0.5) * 1.5, (r() - 0.5) * 1.5, 5 + Math.floor(r() * 12)));
      const keys = ws.map((_, i) => (i % 2 ? 'odd' : 'even'));
      const whole = toWKT(gv.intersectionAll(fromWKT(ws)).geometry)[0]!;
      const grouped = gv.intersectionAll(fromWKT(ws), { groups: keys });
      const gw = toWKT(grouped.geometry);
      const reduce = (members: string[]) => {
        let acc = geos.read(members[0]!);
        for (const w of members.slice(1)) {
          const b = geos.read(w);
          const next = geosOverlay(geos, 'GEOSIntersection', acc, b);
          geos.destroy(acc);
          geos.destroy(b);
          acc = next;
          if (!acc) break;
        }
        return acc;
      };
      check(whole, reduce(ws), `seed ${seed}`, failures);
      compared++;
      grouped.keys.forEach((k, gi) => {
        check(gw[gi]!, reduce(ws.filter((_, i) => keys[i] === k)), `seed ${seed} ${String(k)}`, failures);
        compared++;
      });
    }
    assert.equal(failures.length, 0, `${failures.length} of ${compared} differ:\n${failures.slice(0, 5).join('\n')}`);
    console.log(`intersectionAll: ${compared} results agree with GEOS`);
  });

  test('members of any type (touching squares, lines, points on a grid) against a GEOSIntersection reduction', () => {
    const failures: string[] = [];
    let compared = 0, lower = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(1000 + seed);
      const cell = () => Math.floor(r() * 3);
      const member = (): string => {
        const k = r();
        if (k < 0.5) {
          const x = cell(), y = cell(), w = 1 + cell(), h = 1 + cell();
          return `POLYGON ((${x} ${y}, ${x + w} ${y}, ${x + w} ${y + h}, ${x} ${y + h}, ${x} ${y}))`;
        }
        if (k < 0.85) return `LINESTRING (${cell()} ${cell()}, ${cell() + 0.5} ${cell()}, ${cell()} ${cell() + 1})`;
        return `POINT (${cell()} ${cell()})`;
      };
      const ws = Array.from({ length: 2 + Math.floor(r() * 3) }, member);
      const ours = toWKT(gv.intersectionAll(fromWKT(ws)).geometry)[0]!;
      let acc = geos.read(ws[0]!);
      for (const w of ws.slice(1)) {
        const b = geos.read(w);
        const next = geosOverlay(geos, 'GEOSIntersection', acc, b);
        geos.destroy(acc);
        geos.destroy(b);
        acc = next;
        if (!acc) break;
      }
      if (!acc) continue;
      if (/EMPTY$/.test(ours) && (geos.toWKT(acc) ?? '').endsWith('EMPTY')) {
        geos.destroy(acc);
        compared++;
        continue;
      }
      if (!/^POLYGON|^MULTIPOLYGON/.test(ours)) lower++;
      check(ours, acc, `seed ${seed}: ${ws.join('; ')}`, failures);
      compared++;
    }
    assert.equal(failures.length, 0, `${failures.length} of ${compared} differ:\n${failures.slice(0, 5).join('\n')}`);
    assert.ok(lower >= 30, `only ${lower} results with lines or points`);
    console.log(`intersectionAll of mixed members: ${compared} agree with GEOS (${lower} with lines or points)`);
  });

  test('disjoint members give POLYGON EMPTY; a single member is itself; nulls are skipped', () => {
    const a = fromWKT(['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', null, 'POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))']);
    assert.deepEqual(toWKT(gv.intersectionAll(a).geometry), ['POLYGON EMPTY']);
    assert.deepEqual(gv.area(gv.intersectionAll(a.take([0, 1])).geometry), new Float64Array([1]));
    assert.deepEqual(toWKT(gv.intersectionAll(a.take([1])).geometry), ['POLYGON EMPTY']);
  });
});

const DATA = new URL('us-counties.geojson', DATA_URL);
describe('real data', { skip: !existsSync(DATA) && 'no ../shared/data' }, () => {
  test('counties by state: coverageUnion against GEOSCoverageUnion and GEOSUnaryUnion', () => {
    const text = readFileSync(DATA, 'utf8');
    const { geometry: counties, properties } = fromGeoJSON(text, { properties: true }) as unknown as {
      geometry: gv.GeometryArray;
      properties: Record<string, unknown>[];
    };
    const cw = toWKT(counties);
    const state = properties.map((p) => String(p.state_fips));
    const { geometry, keys, fallback } = gv.coverageUnion(counties, { groups: state });
    const ours = toWKT(geometry);
    const failures: string[] = [];
    keys.forEach((k, gi) => {
      const members = cw.filter((_, i) => state[i] === k) as string[];
      check(ours[gi]!, geosOfSet('GEOSUnaryUnion', members), `state ${String(k)} (unary union)`, failures);
      const gc = geosOfSet('GEOSCoverageUnion', members);
      if (gc && geos.isValid(gc)) check(ours[gi]!, gc, `state ${String(k)} (coverage union)`, failures);
      else geos.destroy(gc);
    });
    console.log(`counties by state: ${keys.length} states, ${fallback.filter(Boolean).length} fell back to the general union`);
    const bad = compareInvalid(cw, 0, 'counties', failures);
    console.log(`counties: ${bad} with invalid edges, as GEOSCoverageIsValid`);
    assert.equal(failures.length, 0, failures.slice(0, 5).join('\n'));
    assert.ok(gv.isValid(geometry).every(Boolean));
  });
});
