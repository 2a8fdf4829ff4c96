/**
 * clipByRect of lines, points and mixed collections against GEOS 3.13's
 * GEOSClipByRect (geos-wasm): seeded random lines on a small integer grid
 * (vertices exactly on the rectangle's edges and corners, segments running
 * along the edges, crossing, touching, repeated vertices), the same with
 * floating coordinates, multipoints, multilinestrings and mixed collections,
 * all with one rectangle per element. Lines and points must agree with GEOS
 * exactly (same pieces, same order, same coordinates, same output type);
 * the polygons of a collection are compared by area (they go through the
 * overlay, GEOS clips them its own way). Plus hand-made cases and gridSize.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { fromWKT, toWKT, rng } from './helpers/geovec.js';
import * as gv from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

type Rect = [number, number, number, number];

/** GEOS's clip as WKT (GEOS's writer), or null when GEOS throws. */
function geosClip(w: string, r: Rect): string | null {
  const g = geos.read(w);
  assert.ok(g, `GEOS cannot read ${w}`);
  try {
    const c = geos.fn('GEOSClipByRect', g, ...r);
    const out = geos.toWKT(c);
    geos.destroy(c);
    return out;
  } catch {
    return null;
  } finally {
    geos.destroy(g);
  }
}

/** A geovec result written by GEOS's writer (the same text for the same geometry). */
function viaGeos(w: string): string {
  const g = geos.read(w);
  assert.ok(g, `GEOS cannot read geovec's ${w}`);
  const out = geos.toWKT(g)!;
  geos.destroy(g);
  return out;
}

/** Flat parts of a GEOS geometry: [polygonal parts as WKT, other parts as WKT]. */
function partsOf(w: string): { polys: string[]; rest: string[] } {
  const g = geos.read(w);
  const polys: string[] = [], rest: string[] = [];
  const walk = (h: number) => {
    const t = geos.fn('GEOSGeomTypeId', h);
    if (t >= 4) {
      const n = geos.fn('GEOSGetNumGeometries', h);
      for (let k = 0; k < n; k++) walk(geos.fn('GEOSGetGeometryN', h, k));
    } else if (geos.fn('GEOSisEmpty', h) !== 1) (t === 3 ? polys : rest).push(geos.toWKT(h)!);
  };
  walk(g);
  geos.destroy(g);
  return { polys, rest };
}

function areaOfUnion(ws: string[]): number {
  if (!ws.length) return 0;
  const g = geos.read(`GEOMETRYCOLLECTION (${ws.join(', ')})`);
  const u = geos.fn('GEOSUnaryUnion', g);
  const a = geos.double('GEOSArea', u)!;
  geos.destroy(u);
  geos.destroy(g);
  return a;
}

function symDiffArea(a: string[], b: string[]): number {
  const ga = geos.read(a.length ? `GEOMETRYCOLLECTION (${a.join(', ')})` : 'POLYGON EMPTY');
  const gb = geos.read(b.length ? `GEOMETRYCOLLECTION (${b.join(', ')})` : 'POLYGON EMPTY');
  const ua = geos.fn('GEOSUnaryUnion', ga), ub = geos.fn('GEOSUnaryUnion', gb);
  const d = geos.fn('GEOSSymDifference', ua, ub);
  const v = geos.double('GEOSArea', d)!;
  for (const h of [ga, gb, ua, ub, d]) geos.destroy(h);
  return v;
}

/** Clips every element with its rectangle on geovec and GEOS; returns the disagreements. */
function compareAll(ws: string[], rects: Rect[], exactPolys = true): string[] {
  const col = (k: number) => rects.map((r) => r[k]!);
  const ours = toWKT(gv.clipByRect(fromWKT(ws), col(0), col(1), col(2), col(3), { onInvalid: 'ignore' }));
  const bad: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const theirs = geosClip(ws[i]!, rects[i]!);
    const mine = viaGeos(ours[i]!);
    if (theirs === null) {
      bad.push(`GEOS failed on ${ws[i]} in ${rects[i]}`);
      continue;
    }
    if (mine === theirs) continue;
    const pm = partsOf(mine), pt = partsOf(theirs);
    if (!exactPolys && pm.rest.join('|') === pt.rest.join('|') && symDiffArea(pm.polys, pt.polys) <= 1e-9 * Math.max(1, areaOfUnion(pt.polys)))
      continue;
    bad.push(`clip(${ws[i]}, [${rects[i]}]) = ${mine}, GEOS ${theirs}`);
  }
  return bad;
}

// ---- random inputs ------------------------------------------------------------------

/** A coordinate: mostly small integers (on the rectangle's lines), sometimes fractions. */
function coord(r: () => number, floating: boolean): number {
  if (floating) return Math.round((r() * 14 - 2) * 1e6) / 1e6;
  const v = Math.floor(r() * 13) - 1;
  return r() < 0.15 ? v + 0.5 : v;
}

function lineCoords(r: () => number, floating: boolean): string {
  const n = 2 + Math.floor(r() * 7);
  const pts: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const prev = pts[pts.length - 1];
    const u = r();
    if (prev && u < 0.1) pts.push([prev[0], prev[1]]); // a zero-length segment
    else if (prev && u < 0.35) pts.push([prev[0], coord(r, floating)]); // vertical: along an edge at times
    else if (prev && u < 0.6) pts.push([coord(r, floating), prev[1]]); // horizontal
    else pts.push([coord(r, floating), coord(r, floating)]);
  }
  return `(${pts.map((p) => `${p[0]} ${p[1]}`).join(', ')})`;
}

function randomRect(r: () => number, floating: boolean): Rect {
  if (floating && r() < 0.5) {
    const x0 = r() * 8, y0 = r() * 8;
    return [x0, y0, x0 + 0.5 + r() * 6, y0 + 0.5 + r() * 6];
  }
  const x0 = Math.floor(r() * 6), y0 = Math.floor(r() * 6);
  return [x0, y0, x0 + 1 + Math.floor(r() * 6), y0 + 1 + Math.floor(r() * 6)];
}

function randomPoint(r: () => number, floating: boolean): string {
  return `${coord(r, floating)} ${coord(r, floating)}`;
}

function randomGeom(r: () => number, floating: boolean, kind: string): string {
  switch (kind) {
    case 'LineString':
      return `LINESTRING ${lineCoords(r, floating)}`;
    case 'MultiLineString': {
      const n = 1 + Math.floor(r() * 4);
      return `MULTILINESTRING (${Array.from({ length: n }, () => lineCoords(r, floating)).join(', ')})`;
    }
    case 'Point':
      return `POINT (${randomPoint(r, floating)})`;
    case 'MultiPoint': {
      const n = 1 + Math.floor(r() * 6);
      return `MULTIPOINT (${Array.from({ length: n }, () => `(${randomPoint(r, floating)})`).join(', ')})`;
    }
    default: {
      const n = 1 + Math.floor(r() * 4);
      const members = Array.from({ length: n }, () => {
        const u = r();
        if (u < 0.3) return randomGeom(r, floating, 'LineString');
        if (u < 0.45) return randomGeom(r, floating, 'MultiLineString');
        if (u < 0.6) return randomGeom(r, floating, 'Point');
        if (u < 0.75) return randomGeom(r, floating, 'MultiPoint');
        // a small axis-aligned box (disjoint from lines' semantics; compared by area)
        const x = coord(r, floating), y = coord(r, floating), w = 0.5 + Math.floor(r() * 4), h = 0.5 + Math.floor(r() * 4);
        return `POLYGON ((${x} ${y}, ${x + w} ${y}, ${x + w} ${y + h}, ${x} ${y + h}, ${x} ${y}))`;
      });
      return `GEOMETRYCOLLECTION (${members.join(', ')})`;
    }
  }
}

function randomCases(seed: number, count: number, floating: boolean, kinds: string[]): [string[], Rect[]] {
  const r = rng(seed);
  const ws: string[] = [], rects: Rect[] = [];
  for (let i = 0; i < count; i++) {
    ws.push(randomGeom(r, floating, kinds[i % kinds.length]!));
    rects.push(randomRect(r, floating));
  }
  return [ws, rects];
}

describe('clipByRect of lines and points against GEOSClipByRect', () => {
  test('random lines on a grid (vertices on edges and corners, along edges, zero-length segments)', () => {
    const [ws, rects] = randomCases(8101, 3000, false, ['LineString', 'MultiLineString']);
    const bad = compareAll(ws, rects);
    assert.equal(bad.length, 0, `${bad.length} of ${ws.length} disagree:\n${bad.slice(0, 8).join('\n')}`);
  });

  test('random lines with floating coordinates and rectangles', () => {
    const [ws, rects] = randomCases(8102, 2000, true, ['LineString', 'MultiLineString']);
    const bad = compareAll(ws, rects);
    assert.equal(bad.length, 0, `${bad.length} of ${ws.length} disagree:\n${bad.slice(0, 8).join('\n')}`);
  });

  test('random points and multipoints (on the boundary, inside, outside, repeated)', () => {
    const [ws, rects] = randomCases(8103, 2000, false, ['Point', 'MultiPoint']);
    const bad = compareAll(ws, rects);
    assert.equal(bad.length, 0, `${bad.length} of ${ws.length} disagree:\n${bad.slice(0, 8).join('\n')}`);
  });

  test('random mixed collections (lines and points exact, areas by area)', () => {
    for (const floating of [false, true]) {
      const [ws, rects] = randomCases(8104 + Number(floating), 1500, floating, ['GeometryCollection']);
      const bad = compareAll(ws, rects, false);
      assert.equal(bad.length, 0, `${bad.length} of ${ws.length} disagree:\n${bad.slice(0, 8).join('\n')}`);
    }
  });
});
