/**
 * Delaunay triangulation against GEOS 3.13 (GEOSDelaunayTriangulation):
 * the same triangles and edges after normalization on seeded random point
 * sets in general position (random doubles); the same triangle count on
 * seeded random geometries of every type (grid coordinates, so cocircular
 * points where the triangulation is not unique); degenerate sets
 * (collinear, duplicates, fewer than 3 points), nulls and argument errors.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { fromWKT, toWKT, GeovecError } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { geosUnaryNormal, normalWKT } from './helpers/geos-shape.js';
import { GEOM_TYPES, RandomGeoms, toWkt } from './helpers/random-geoms.js';

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

/** Seeded point sets in general position, as MULTIPOINT / LINESTRING / POLYGON WKT. */
function pointSets(count: number, seed: number): string[] {
  const r = mulberry(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor(r() * (i % 10 === 0 ? 300 : 40));
    const scale = [1, 1000, 1e-3, 1e6][i % 4]!;
    const ox = (r() - 0.5) * scale * 10, oy = (r() - 0.5) * scale * 10;
    const pts: string[] = [];
    for (let k = 0; k < n; k++) pts.push(`${ox + r() * scale} ${oy + r() * scale}`);
    if (i % 7 === 3) pts.push(pts[0]!, pts[1]!); // repeated points
    out.push(i % 5 === 4 ? `LINESTRING (${pts.join(', ')})` : `MULTIPOINT (${pts.map((p) => `(${p})`).join(', ')})`);
  }
  return out;
}

function compare(wkts: string[], onlyEdges: boolean, tolerance = 0): void {
  const ours = toWKT(gv.delaunayTriangles(fromWKT(wkts), { onlyEdges, tolerance }));
  const bad: string[] = [];
  for (let i = 0; i < wkts.length; i++) {
    const want = geosUnaryNormal(geos, 'GEOSDelaunayTriangulation', wkts[i]!, tolerance, onlyEdges ? 1 : 0);
    const got = normalWKT(geos, ours[i] ?? null);
    if (got !== want) bad.push(`${wkts[i]!.slice(0, 200)}\n   got  ${got?.slice(0, 300)}\n   want ${want?.slice(0, 300)}`);
  }
  assert.deepEqual(bad.slice(0, 3), [], `${bad.length} of ${wkts.length} differ from GEOS`);
}

describe('delaunayTriangles', () => {
  test('random point sets in general position: triangles and edges as GEOS', () => {
    const sets = pointSets(2000, 20261204);
    compare(sets, false);
    compare(sets.slice(0, 1000), true);
  });

  test('random geometries of every type (cocircular grids): triangle count and area as GEOS', () => {
    const R = new RandomGeoms(7, (w) => geos.isValidWKT(w));
    const wkts: string[] = [];
    for (let i = 0; i < 1400; i++) {
      R.newGrid();
      wkts.push(toWkt(R.geometry(GEOM_TYPES[i % GEOM_TYPES.length]!)));
    }
    const ours = toWKT(gv.delaunayTriangles(fromWKT(wkts)));
    const areaOf = (w: string) => {
      const g = geos.read(w)!;
      try {
        return geos.double('GEOSArea', g);
      } finally {
        geos.destroy(g);
      }
    };
    const bad: string[] = [];
    for (let i = 0; i < wkts.length; i++) {
      const want = geosUnaryNormal(geos, 'GEOSDelaunayTriangulation', wkts[i]!, 0, 0);
      if (want === null) continue;
      const count = (w: string) => (w.match(/POLYGON/g) ?? []).length;
      const wantArea = areaOf(want);
      if (count(ours[i]!) !== count(want) || Math.abs(areaOf(ours[i]!) - wantArea) > 1e-9 * Math.max(1, wantArea))
        bad.push(`${wkts[i]}\n   got  ${ours[i]}\n   want ${want}`);
    }
    assert.deepEqual(bad.slice(0, 3), [], `${bad.length} differ`);
  });

  test('degenerate sets as GEOS', () => {
    const cases = [
      'POINT EMPTY', 'POINT (1 1)', 'MULTIPOINT ((0 0), (1 1))', 'MULTIPOINT ((0 0), (1 1), (2 2), (3 3))',
      'MULTIPOINT ((0 0), (0 0), (1 0))', 'MULTIPOINT ((0 0), (0 0), (0 0))', 'LINESTRING (0 0, 1 0, 1 1, 0 1, 0 0)',
      'LINESTRING (0 0, 1 0, 2 0, 3 0, 3 1)', 'LINESTRING (0 0, 0 1, 0 2, 0 3, -1 3)', 'MULTIPOINT ((0 0), (1 0), (0 1), (0.05 0.05))',
      'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 3 2, 2 2))', 'GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (1 0, 2 5), POLYGON EMPTY)',
      'GEOMETRYCOLLECTION EMPTY', 'MULTIPOINT ((5 0), (4 0), (3 0), (2 0), (1 0), (0 0), (2.5 1))',
    ];
    compare(cases, false);
    compare(cases, true);
  });

  test('tolerance merges points within it', () => {
    const got = toWKT(gv.delaunayTriangles(fromWKT(['MULTIPOINT ((0 0), (10 0), (0 10), (10 10.01))']), { tolerance: 0.1 }));
    assert.equal((got[0]!.match(/POLYGON/g) ?? []).length, 2);
  });

  test('null in, null out; argument errors', () => {
    const a = fromWKT(['MULTIPOINT ((0 0), (1 0), (0 1))', null]);
    const out = toWKT(gv.delaunayTriangles(a));
    assert.equal(out[1], null);
    assert.throws(() => gv.delaunayTriangles(a, { tolerance: -1 }), GeovecError);
    assert.throws(() => gv.delaunayTriangles(a, { tolerance: NaN }), GeovecError);
    assert.throws(() => gv.delaunayTriangles(null as never), GeovecError);
  });
});
