/**
 * Voronoi diagrams against GEOS 3.13 (GEOSVoronoiDiagram): the same cells
 * (and edges) after normalization, coordinates within 1e-9 of the frame's
 * size, on seeded random point sets in general position, with and without
 * extendTo; degenerate sets, nulls and argument errors.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { fromWKT, toWKT, GeovecError } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { normalWKT } from './helpers/geos-shape.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pointSets(count: number, seed: number): string[] {
  const r = mulberry(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 2 + Math.floor(r() * 30);
    const scale = [1, 1000, 1e-3][i % 3]!;
    const pts: string[] = [];
    for (let k = 0; k < n; k++) pts.push(`(${r() * scale} ${r() * scale})`);
    out.push(`MULTIPOINT (${pts.join(', ')})`);
  }
  return out;
}

function geosVoronoi(wkt: string, env: string | null, onlyEdges: boolean): string | null {
  const g = geos.read(wkt)!;
  const e = env ? geos.read(env)! : 0;
  let r = 0;
  try {
    r = geos.fn('GEOSVoronoiDiagram', g, e, 0, onlyEdges ? 1 : 0);
    if (!r) return null;
    geos.fn('GEOSNormalize', r);
    return geos.toWKT(r);
  } finally {
    if (r) geos.destroy(r);
    if (e) geos.destroy(e);
    geos.destroy(g);
  }
}

const nums = (w: string) => (w.match(/-?[\d.]+(e[-+]?\d+)?/gi) ?? []).map(Number);

/** Same text shape and every number within tol. */
function close(got: string | null, want: string | null, tol: number): boolean {
  if (got === null || want === null) return got === want;
  if (got.replace(/-?[\d.]+(e[-+]?\d+)?/gi, '#') !== want.replace(/-?[\d.]+(e[-+]?\d+)?/gi, '#')) return false;
  const a = nums(got), b = nums(want);
  return a.every((v, k) => Math.abs(v - b[k]!) <= tol);
}

/** The same segments (either direction), endpoints within tol. */
function sameSegments(got: string | null, want: string | null, tol: number): boolean {
  if (got === null || want === null) return got === want;
  const segs = (w: string) => {
    const v = nums(w), out: number[][] = [];
    for (let k = 0; k + 3 < v.length; k += 4) out.push(v.slice(k, k + 4));
    return out;
  };
  const a = segs(got), b = segs(want);
  if (a.length !== b.length) return false;
  const near = (s: number[], t: number[]) =>
    s.every((v, k) => Math.abs(v - t[k]!) <= tol) || [s[2]!, s[3]!, s[0]!, s[1]!].every((v, k) => Math.abs(v - t[k]!) <= tol);
  const used = new Uint8Array(b.length);
  return a.every((s) => {
    const k = b.findIndex((t, j) => !used[j] && near(s, t));
    if (k < 0) return false;
    used[k] = 1;
    return true;
  });
}

function compare(wkts: string[], onlyEdges: boolean, extendTo: string | null): number {
  const ours = toWKT(gv.voronoiPolygons(fromWKT(wkts), { onlyEdges, extendTo: extendTo ? fromWKT([extendTo]) : null }));
  const bad: string[] = [];
  for (let i = 0; i < wkts.length; i++) {
    const want = geosVoronoi(wkts[i]!, extendTo, onlyEdges);
    const got = normalWKT(geos, ours[i] ?? null);
    const size = Math.max(1e-300, ...nums(wkts[i]!).map(Math.abs), ...(extendTo ? nums(extendTo).map(Math.abs) : []));
    if (!(onlyEdges ? sameSegments(got, want, 1e-9 * size * 4) : close(got, want, 1e-9 * size * 4))) bad.push(`${wkts[i]!.slice(0, 200)}\n   got  ${got?.slice(0, 400)}\n   want ${want?.slice(0, 400)}`);
  }
  assert.deepEqual(bad.slice(0, 3), [], `${bad.length} of ${wkts.length} differ from GEOS`);
  return wkts.length;
}

describe('voronoiPolygons', () => {
  test('random point sets: cells as GEOS', () => {
    compare(pointSets(1500, 99), false, null);
  });
  test('random point sets: extendTo', () => {
    compare(pointSets(300, 5), false, 'POLYGON ((-5 -5, 10 -5, 10 10, -5 10, -5 -5))');
  });
  test('random point sets: edges as GEOS', () => {
    compare(pointSets(500, 7), true, null);
  });
  test('degenerate sets as GEOS', () => {
    // (GEOS's cells of MULTIPOINT ((0 0), (1 1)) carry rounding noise (1.9999999999999998): ours are exact)
    const cases = ['POINT EMPTY', 'POINT (1 1)', 'MULTIPOINT ((0 0), (1 0), (2 0))', 'MULTIPOINT ((0 0), (0 0), (1 0))',
      'LINESTRING (0 0, 1 0, 1 1, 0 1, 0 0)', 'MULTIPOINT ((0 0), (1 0), (0 1))', 'GEOMETRYCOLLECTION EMPTY'];
    compare(cases, false, null);
    compare(cases, true, null);
  });
  test('null in, null out; argument errors', () => {
    const a = fromWKT(['MULTIPOINT ((0 0), (1 0), (0 1))', null]);
    assert.equal(toWKT(gv.voronoiPolygons(a))[1], null);
    assert.throws(() => gv.voronoiPolygons(a, { tolerance: -1 }), GeovecError);
    assert.throws(() => gv.voronoiPolygons(a, { extendTo: 'x' as never }), GeovecError);
  });
});
