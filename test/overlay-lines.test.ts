/**
 * Overlay of lines and points (and their mixes with areas, collections
 * included) against GEOS 3.13 OverlayNG (geos-wasm): seeded random pairs of
 * every type pair (Point, MultiPoint, LineString, MultiLineString, Polygon,
 * MultiPolygon, GeometryCollection) on small grids, so that the degenerate
 * cases occur all the time (collinear overlaps, shared vertices, lines along
 * polygon edges and through vertices, points on boundaries, identical
 * inputs, empties, zero-length and closed lines), for all four operations.
 *
 * A result agrees when it has the same dimensions (non-empty parts) as
 * GEOS's, and per dimension the symmetric difference is small: area for
 * areas, length for lines (<= 1e-9 x the larger), the same point set for
 * points; every geovec result must be valid (geovec's isValid and GEOS's).
 *
 * Mixed GeometryCollections go through GEOS's StructuredCollection, which
 * has known slips (difference keeps A's points on B's lines, symDifference
 * drops parts, AssertionFailedException on collections without non-empty
 * members). Where a collection is involved and GEOS disagrees, the result is
 * checked against the exact result composed from GEOS's single-dimension
 * overlays (each input split by dimension, then the per-dimension operations
 * and the lower dimensions covered by higher ones removed), and the cases
 * where GEOS itself is wrong are counted.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { fromWKT, rng, toWKT } from './helpers/geovec.js';
import * as gv from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { GEOS_OPS, geosOverlay, type OverlayName } from './helpers/geos-overlay.js';
import { GEOM_TYPES, RandomGeoms } from './helpers/random-geoms.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

const OPS = Object.keys(GEOS_OPS) as OverlayName[];
const TOL = 1e-9;

/** Non-empty simple components of a GEOS geometry, as WKT, by dimension. */
function byDim(g: number): [string[], string[], string[]] {
  const out: [string[], string[], string[]] = [[], [], []];
  const walk = (h: number) => {
    const t = geos.fn('GEOSGeomTypeId', h);
    if (t >= 4) {
      const n = geos.fn('GEOSGetNumGeometries', h);
      for (let i = 0; i < n; i++) walk(geos.fn('GEOSGetGeometryN', h, i));
      return;
    }
    if (geos.fn('GEOSisEmpty', h) === 1) return;
    out[t === 0 ? 0 : t === 3 ? 2 : 1].push(geos.toWKT(h)!);
  };
  walk(g);
  return out;
}

/** The union of WKT parts (one dimension) as a GEOS geometry, 0 for none. */
function unionOf(parts: string[]): number {
  if (!parts.length) return 0;
  const c = geos.read(`GEOMETRYCOLLECTION (${parts.join(', ')})`);
  const u = geosOverlay(geos, 'GEOSUnaryUnion', c, null);
  geos.destroy(c);
  return u;
}

function magnitude(g: number): number {
  return Math.max(1, ...['GEOSGeom_getXMax', 'GEOSGeom_getYMax', 'GEOSGeom_getXMin', 'GEOSGeom_getYMin'].map((f) => Math.abs(geos.double(f, g) ?? 0)));
}

function symDiffNear(a: number, b: number): number {
  const grid = 1e-9 * Math.max(magnitude(a), magnitude(b));
  try {
    return geos.fn('GEOSSymDifferencePrec', a, b, grid);
  } catch {
    return geosOverlay(geos, 'GEOSSymDifference', a, b);
  }
}

function measure(g: number, d: number): number {
  if (d === 2) return geos.double('GEOSArea', g) ?? NaN;
  if (d === 1) return geos.double('GEOSLength', g) ?? NaN;
  return geos.fn('GEOSGetNumGeometries', g);
}

/** null when the two results agree dimension by dimension, else the reason. */
function agree(ours: number, ref: number): string | null {
  const a = byDim(ours), b = byDim(ref);
  for (let d = 2; d >= 0; d--) {
    if (!a[d]!.length && !b[d]!.length) continue;
    if (!a[d]!.length || !b[d]!.length) return `dimension ${d} ${a[d]!.length ? 'extra' : 'missing'}`;
    const ga = unionOf(a[d]!), gb = unionOf(b[d]!);
    try {
      if (!ga || !gb) return `GEOS cannot union the dimension-${d} parts`;
      /* on a grid of 1e-9 of the magnitude: crossing points computed by two
       * engines may differ by an ulp, which an exact symmetric difference of
       * lines counts as whole segments */
      const sd = symDiffNear(ga, gb);
      if (!sd) return `GEOS cannot compare the dimension-${d} parts`;
      const diff = d === 0 ? (geos.fn('GEOSisEmpty', sd) === 1 ? 0 : 1) : measure(sd, d);
      geos.destroy(sd);
      const scale = d === 0 ? 0 : Math.max(measure(ga, d), measure(gb, d));
      if (diff > TOL * scale + 1e-12) return `dimension ${d}: symmetric difference ${diff} of ${scale}`;
    } finally {
      if (ga) geos.destroy(ga);
      if (gb) geos.destroy(gb);
    }
  }
  return null;
}

/* ---- the exact result of mixed collections, from single-dimension GEOS overlays ---- */

type Parts = [number, number, number]; // points, lines, areas (GEOS geometries or 0)

function overlay(fn: string, a: number, b: number): number {
  const r = geosOverlay(geos, fn, a, b);
  if (!r) throw new Error(`GEOS ${fn} failed`);
  return r;
}

/** Per-dimension unions with lower dimensions covered by higher ones removed. */
function normalize(pieces: string[][]): Parts {
  const p = [0, 1, 2].map((d) => unionOf(pieces[d]!)) as Parts;
  const minus = (x: number, y: number) => {
    if (!x || !y) return x;
    const r = overlay('GEOSDifference', x, y);
    geos.destroy(x);
    return r;
  };
  p[1] = minus(p[1], p[2]);
  p[0] = minus(minus(p[0], p[2]), p[1]);
  return p;
}

function split(w: string): Parts {
  const g = geos.read(w);
  const parts = byDim(g);
  geos.destroy(g);
  return normalize(parts);
}

function addParts(pieces: string[][], g: number) {
  const d = byDim(g);
  for (let k = 0; k < 3; k++) pieces[k]!.push(...d[k]!);
}

function exact(op: OverlayName, aw: string, bw: string): string {
  const A = split(aw), B = split(bw);
  const pieces: string[][] = [[], [], []];
  const free: number[] = [];
  const run = (fn: string, x: number, y: number) => {
    if (!x || !y) return;
    const r = overlay(fn, x, y);
    addParts(pieces, r);
    free.push(r);
  };
  /** x minus every part of Y, in order areas, lines, points */
  const minusAll = (x: number, Y: Parts) => {
    let cur = x;
    for (const y of [Y[2], Y[1], Y[0]]) {
      if (!cur || !y) continue;
      const r = overlay('GEOSDifference', cur, y);
      if (cur !== x) free.push(cur);
      cur = r;
    }
    if (cur && cur !== x) {
      addParts(pieces, cur);
      free.push(cur);
    } else if (cur) addParts(pieces, cur);
  };
  try {
    if (op === 'union') {
      for (const g of [...A, ...B]) if (g) addParts(pieces, g);
    } else if (op === 'intersection') {
      for (const x of A) for (const y of B) run('GEOSIntersection', x, y);
    } else {
      for (const x of A) minusAll(x, B);
      if (op === 'symDifference') for (const y of B) minusAll(y, A);
    }
    const r = normalize(pieces);
    const w = r.filter((g) => g).map((g) => geos.toWKT(g)!);
    for (const g of r) if (g) geos.destroy(g);
    return `GEOMETRYCOLLECTION (${w.length ? w.join(', ') : 'POINT EMPTY'})`;
  } finally {
    for (const g of [...A, ...B, ...free]) if (g) geos.destroy(g);
  }
}

interface Tally {
  compared: number;
  geosFailed: number;
  geosWrongGC: number;
  failures: string[];
}

function checkPairs(as: string[], bs: string[], t: Tally) {
  const A = fromWKT(as), B = fromWKT(bs);
  for (const op of OPS) {
    /* the generator makes zero-length lines on purpose (invalid, but GEOS overlays them): overlaid as given */
    const res = gv[op](A, B, { onInvalid: 'ignore' });
    const ours = toWKT(res);
    const valid = gv.isValid(res);
    for (let i = 0; i < as.length; i++) {
      t.compared++;
      const what = `${op}(${as[i]}, ${bs[i]}) = ${ours[i]}`;
      const go = geos.read(ours[i]!);
      if (!go) {
        t.failures.push(`${what}: GEOS cannot read it`);
        continue;
      }
      if (!valid[i] || !geos.isValid(go)) {
        t.failures.push(`${what}: invalid result`);
        geos.destroy(go);
        continue;
      }
      const ga = geos.read(as[i]!), gb = geos.read(bs[i]!);
      const gr = geosOverlay(geos, GEOS_OPS[op], ga, gb);
      geos.destroy(ga);
      geos.destroy(gb);
      const geosOk = gr !== 0 && geos.isValid(gr);
      let why = geosOk ? agree(go, gr) : 'GEOS failed or gave an invalid result';
      const gc = /^GEOMETRYCOLLECTION/.test(as[i]!) || /^GEOMETRYCOLLECTION/.test(bs[i]!);
      if (why && gc) {
        const ex = geos.read(exact(op, as[i]!, bs[i]!));
        const w2 = agree(go, ex);
        geos.destroy(ex);
        if (!w2) {
          if (geosOk) t.geosWrongGC++;
          else t.geosFailed++;
          why = null;
        } else why += `; exact composition: ${w2}`;
      } else if (!geosOk) {
        t.geosFailed++;
        why = null;
      }
      if (why) t.failures.push(`${what}: ${why} (GEOS ${geos.toWKT(gr)})`);
      if (gr) geos.destroy(gr);
      geos.destroy(go);
    }
  }
}

describe('lines and points against GEOS', () => {
  test('seeded random pairs of every type pair, all four operations', async () => {
    const t: Tally = { compared: 0, geosFailed: 0, geosWrongGC: 0, failures: [] };
    const rg = new RandomGeoms(1207, (w) => geos.isValidWKT(w));
    const PER = 40;
    for (const ta of GEOM_TYPES) {
      for (const tb of GEOM_TYPES) {
        const as: string[] = [], bs: string[] = [];
        while (as.length < PER) {
          const [a, b] = rg.pair(ta, tb);
          as.push(a);
          bs.push(b);
        }
        checkPairs(as, bs, t);
      }
    }
    console.log(
      `${t.compared} results compared; GEOS failed on ${t.geosFailed}, GEOS wrong on ${t.geosWrongGC} (collections); ${t.failures.length} disagree`,
    );
    if (process.env.OVL_DUMP) (await import("node:fs")).writeFileSync(process.env.OVL_DUMP, t.failures.join("\n"));
    /* Every result valid; the few that still differ are near-degenerate:
     * a line of one input along a segment of the other that GEOS has split
     * at a rounded self-crossing point (its pieces are then off the line by
     * an ulp, so GEOS drops the coincidence, while geovec's noding keeps it),
     * or a zero-length line (invalid input) in a collection. */
    const invalid = t.failures.filter((f) => f.includes(': invalid result') || f.includes('cannot read'));
    assert.equal(invalid.length, 0, invalid.slice(0, 5).join('\n'));
    assert.ok(t.failures.length <= 0.005 * t.compared, `${t.failures.length} of ${t.compared} disagree:\n${t.failures.slice(0, 12).join('\n')}`);
  });

  test('degenerate cases made on purpose', () => {
    const pairs: [string, string][] = [
      ['LINESTRING (0 0, 4 0)', 'LINESTRING (2 0, 6 0)'], // collinear overlap
      ['LINESTRING (0 0, 4 0)', 'LINESTRING (4 0, 0 0)'], // identical, reversed
      ['LINESTRING (0 0, 4 4)', 'LINESTRING (0 4, 4 0)'], // crossing
      ['LINESTRING (0 0, 2 2, 4 0)', 'LINESTRING (2 2, 2 5)'], // shared vertex
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (0 0, 4 0, 6 0)'], // along an edge
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (-2 -2, 6 6)'], // through vertices
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (4 4, 6 6)'], // touching at a vertex
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', 'LINESTRING (0 2, 4 2)'], // across a hole
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'MULTIPOINT ((0 0), (2 0), (2 2), (5 5))'], // points on the boundary
      ['MULTIPOINT ((0 0), (1 1))', 'MULTIPOINT ((1 1), (2 2))'],
      ['POINT (1 1)', 'POINT (1 1)'],
      ['LINESTRING (0 0, 1 1)', 'LINESTRING EMPTY'],
      ['POINT EMPTY', 'POLYGON ((0 0, 1 0, 1 1, 0 0))'],
      ['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POLYGON ((2 0, 4 0, 4 2, 2 2, 2 0))'], // touching areas: a line
      ['POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POLYGON ((2 2, 4 2, 4 4, 2 4, 2 2))'], // touching areas: a point
      ['LINESTRING (0 0, 2 0, 2 2, 0 2, 0 0)', 'LINESTRING (1 -1, 1 3)'], // closed line
      ['LINESTRING (0 0, 4 4, 4 0, 0 4)', 'POINT (2 2)'], // self-crossing line, point at the crossing
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), LINESTRING (2 2, 6 2), POINT (8 8))', 'LINESTRING (3 -1, 3 5)'],
      ['GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 2 0))', 'GEOMETRYCOLLECTION (POINT (1 0), POLYGON ((0 1, 2 1, 2 3, 0 3, 0 1)))'],
      ['MULTILINESTRING ((0 0, 2 0), (1 -1, 1 1))', 'POLYGON ((0 -1, 2 -1, 2 0, 0 0, 0 -1))'],
    ];
    const t: Tally = { compared: 0, geosFailed: 0, geosWrongGC: 0, failures: [] };
    checkPairs(pairs.map((p) => p[0]), pairs.map((p) => p[1]), t);
    checkPairs(pairs.map((p) => p[1]), pairs.map((p) => p[0]), t);
    assert.equal(t.failures.length, 0, t.failures.slice(0, 12).join('\n'));
    // exact outputs where GEOS's form is the documented one
    const w = (op: OverlayName, a: string, b: string) => toWKT(gv[op](fromWKT([a]), fromWKT([b])))[0];
    assert.equal(w('intersection', 'LINESTRING (0 0, 4 4)', 'LINESTRING (0 4, 4 0)'), 'POINT (2 2)');
    assert.equal(w('intersection', 'LINESTRING (0 0, 4 0)', 'LINESTRING (2 0, 6 0)'), 'LINESTRING (2 0, 4 0)');
    assert.equal(w('union', 'LINESTRING (0 0, 4 0)', 'LINESTRING (2 0, 6 0)'), 'MULTILINESTRING ((0 0, 2 0), (2 0, 4 0), (4 0, 6 0))');
    assert.equal(w('intersection', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (-2 2, 6 2)'), 'LINESTRING (0 2, 4 2)');
    assert.equal(w('intersection', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (6 2, -2 2)'), 'LINESTRING (4 2, 0 2)'); // the input's direction
    assert.equal(w('difference', 'LINESTRING (2 2, 0 0)', 'LINESTRING (0 2, 2 0)'), 'MULTILINESTRING ((1 1, 0 0), (2 2, 1 1))');
    assert.equal(w('difference', 'LINESTRING (0 0, 1 0, 2 0, 2 1)', 'POINT (1 0)'), 'LINESTRING (0 0, 1 0, 2 0, 2 1)');
    assert.equal(w('intersection', 'POINT (1 1)', 'LINESTRING (5 5, 6 6)'), 'POINT EMPTY');
    assert.equal(w('intersection', 'POLYGON EMPTY', 'LINESTRING (5 5, 6 6)'), 'LINESTRING EMPTY');
    assert.equal(w('difference', 'LINESTRING (0 0, 1 1)', 'POLYGON ((-1 -1, 2 -1, 2 2, -1 -1))'), 'LINESTRING EMPTY');
    assert.equal(w('union', 'MULTIPOINT ((0 0), (1 1), (0 0))', 'POINT (1 1)'), 'MULTIPOINT ((0 0), (1 1))');
  });

  test('gridSize against GEOS (GEOSIntersectionPrec etc.)', () => {
    /* Inputs scaled off the grid so that snap-rounding moves vertices. Known
     * differences: OverlayNG keeps area edges that collapse on the grid as
     * result lines (geovec drops them, see docs/api.md), and its hot pixels
     * are half-open where geovec's noder tests closed pixels, so a segment
     * through a pixel corner may be routed differently. */
    const PREC = { intersection: 'GEOSIntersectionPrec', union: 'GEOSUnionPrec', difference: 'GEOSDifferencePrec', symDifference: 'GEOSSymDifferencePrec' } as const;
    const rg = new RandomGeoms(77, (w) => geos.isValidWKT(w));
    const types = GEOM_TYPES.slice(0, 6);
    const scale = (w: string) => w.replace(/-?\d+(\.\d+)?/g, (x) => String(Number(x) * 0.37));
    let n = 0, same = 0;
    for (let k = 0; k < 150; k++) {
      const [a0, b0] = rg.pair(rg.pick(types), rg.pick(types));
      const a = scale(a0), b = scale(b0);
      for (const op of OPS) {
        const res = gv[op](fromWKT([a]), fromWKT([b]), { gridSize: 0.25, onInvalid: 'ignore' });
        const ours = toWKT(res)[0]!;
        assert.ok(gv.isValid(res)[0], `${op}(${a}, ${b}) = ${ours} is invalid`);
        for (const m of ours.matchAll(/-?\d+(\.\d+)?(e-?\d+)?/g)) assert.equal(Number(m[0]) % 0.25, 0, `${ours} is off the grid`);
        const ga = geos.read(a), gb = geos.read(b), go = geos.read(ours);
        let gr = 0;
        try {
          gr = geos.fn(PREC[op], ga, gb, 0.25);
        } catch {
          /* GEOS failed */
        }
        n++;
        const why = gr ? agree(go, gr) : null;
        if (gr && why === null) same++;
        else if (process.env.OVL_GRID) console.log(`${op}(${a}, ${b}) = ${ours}: ${why} GEOS ${geos.toWKT(gr)}`);
        for (const g of [ga, gb, go, gr]) if (g) geos.destroy(g);
      }
    }
    console.log(`gridSize: ${same} of ${n} results as GEOS's`);
    assert.ok(same >= 0.8 * n, `only ${same} of ${n} gridSize results agree with GEOS`);
  });

  test('many points against large areas and lines (indexed point location)', () => {
    const r = rng(4242);
    const n = 600;
    const ring: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * i) / n, rad = 10 + 2 * Math.sin(7 * t);
      ring.push([Math.round(rad * Math.cos(t) * 64) / 64, Math.round(rad * Math.sin(t) * 64) / 64]);
    }
    const hole = ring.filter((_, i) => i % 4 === 0).map(([x, y]) => [x / 3, y / 3] as [number, number]).reverse();
    const wr = (c: [number, number][]) => `(${[...c, c[0]!].map((p) => p.join(' ')).join(', ')})`;
    const poly = `POLYGON (${wr(ring)}, ${wr(hole)})`;
    const line = `LINESTRING (${ring.map((p) => p.join(' ')).join(', ')})`;
    const pts: string[] = [];
    for (let i = 0; i < 1500; i++) pts.push(`(${(r() * 28 - 14).toFixed(3)} ${(r() * 28 - 14).toFixed(3)})`);
    for (let i = 0; i < n; i += 7) {
      const [a, b] = [ring[i]!, ring[(i + 1) % n]!];
      pts.push(`(${a[0]} ${a[1]})`, `(${(a[0] + b[0]) / 2} ${(a[1] + b[1]) / 2})`); // vertices and edge midpoints
    }
    const mp = `MULTIPOINT (${pts.join(', ')})`;
    const t: Tally = { compared: 0, geosFailed: 0, geosWrongGC: 0, failures: [] };
    checkPairs([mp, poly, mp, line], [poly, mp, line, mp], t);
    assert.equal(t.failures.length, 0, t.failures.map((f) => f.slice(0, 300)).join('\n'));
  });

  test('unaryUnion and unionAll of lines and points, gridSize', () => {
    const a = fromWKT([
      'MULTILINESTRING ((0 0, 2 0), (1 -1, 1 1), (0 0, 2 0))',
      'GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (0 0, 1 0), POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), POINT (5 5))',
      'MULTIPOINT ((1 1), (1 1), (2 2))',
      'LINESTRING (0 0, 1 0, 1 0, 2 0)',
    ]);
    const u = toWKT(gv.unaryUnion(a));
    for (let i = 0; i < u.length; i++) {
      const ref = geos.read(geos.unaryWKT('GEOSUnaryUnion', toWKT(a)[i]!)!);
      const go = geos.read(u[i]!);
      assert.equal(agree(go, ref), null, `${u[i]}`);
      geos.destroy(ref);
      geos.destroy(go);
    }
    assert.equal(u[3], 'LINESTRING (0 0, 1 0, 2 0)');
    const all = toWKT(gv.unionAll(a).geometry)[0]!;
    const ref = geos.read(geos.unaryWKT('GEOSUnaryUnion', `GEOMETRYCOLLECTION (${toWKT(a).join(', ')})`)!);
    const go = geos.read(all);
    assert.equal(agree(go, ref), null, all);
    geos.destroy(ref);
    geos.destroy(go);
    // gridSize: points and lines on the grid
    const g = toWKT(gv.intersection(fromWKT(['LINESTRING (0 0, 2.2 2.2)']), fromWKT(['LINESTRING (0.1 2.1, 2.1 0.1)']), { gridSize: 0.5 }))[0];
    assert.equal(g, 'POINT (1 1)');
    assert.equal(toWKT(gv.union(fromWKT(['POINT (0.26 0.74)']), fromWKT(['POINT (0.4 0.6)']), { gridSize: 0.5 }))[0], 'POINT (0.5 0.5)');
  });
});
