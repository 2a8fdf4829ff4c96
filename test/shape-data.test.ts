/**
 * Shape operations on every file of the shared real-world data folder
 * against GEOS 3.13 (geos-wasm): centroid within 1e-12 relative; envelope,
 * convex hull and Douglas-Peucker simplify equal to GEOS's after
 * normalization (simplify on GEOS-valid features whose result is valid:
 * GEOS repairs the others with buffer(0)); topology-preserving simplify
 * valid wherever the input is, and within the tolerance (Hausdorff, on
 * features small enough for GEOS's quadratic discrete Hausdorff);
 * pointOnSurface on every feature. The 1:10m files are checked on every
 * 4th feature. Set GEOVEC_SHARED_DATA to
 * point at the data folder when it is not at ../shared/data.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { DATA_URL, fromGeoJSON, toWKT, type GeometryArray } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { geosUnaryNormal, normalWKT } from './helpers/geos-shape.js';

const DIR = process.env.GEOVEC_SHARED_DATA ? new URL(`file://${process.env.GEOVEC_SHARED_DATA.replace(/\/?$/, '/')}`) : DATA_URL;
const FILES: [string, number][] = [
  // file, simplify tolerance (degrees, or feet for nybb)
  ['us-counties.geojson', 0.01],
  ['us-states.geojson', 0.01],
  ['ne-countries-110m.geojson', 0.5],
  ['ne-countries-10m.geojson', 0.01],
  ['ne-admin1-10m.geojson', 0.01],
  ['nybb.geojson', 100],
  ['tg-shapes.geojson', 0.01],
  ['ne-cities-110m.geojson', 0.01],
  ['world-cities.geojson', 0.01],
];

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

function load(name: string, step: number): { arr: GeometryArray; wkt: string[]; valid: boolean[] } {
  const arr = fromGeoJSON(readFileSync(new URL(name, DIR)));
  const wkt = toWKT(arr).map((w) => w ?? 'GEOMETRYCOLLECTION EMPTY');
  const valid = wkt.map((w, i) => i % step === 0 && geos.isValidWKT(w));
  return { arr, wkt, valid };
}

describe('shape operations on the shared data vs GEOS', () => {
  for (const [name, tol] of FILES) {
    test(name, { skip: existsSync(new URL(name, DIR)) ? false : `no ${name} in ${DIR.pathname}` }, () => {
      const step = name.endsWith('-10m.geojson') ? 4 : 1;
      const { arr, wkt, valid } = load(name, step);
      const n = arr.length;
      const cen = toWKT(gv.centroid(arr));
      const pos = gv.pointOnSurface(arr);
      const inside = gv.intersects(arr, pos);
      const env = toWKT(gv.envelope(arr));
      const hull = toWKT(gv.convexHull(arr));
      const dp = toWKT(gv.simplify(arr, tol, { preserveTopology: false }));
      const tp = toWKT(gv.simplify(arr, tol));
      let dpCompared = 0, hausdorff = 0;
      for (let i = 0; i < n; i += step) {
        const w = wkt[i]!;
        const wc = geos.unaryWKT('GEOSGetCentroid', w)!;
        const [wx, wy] = wc.slice(7, -1).split(' ').map(Number) as [number, number];
        const [gx, gy] = cen[i]!.slice(7, -1).split(' ').map(Number) as [number, number];
        const scale = Math.max(1, Math.abs(wx), Math.abs(wy));
        assert.ok(Math.abs(gx - wx) <= 1e-12 * scale && Math.abs(gy - wy) <= 1e-12 * scale, `${name} ${i}: centroid ${cen[i]} vs ${wc}`);
        assert.equal(inside[i], 1, `${name} ${i}: pointOnSurface`);
        assert.equal(normalWKT(geos, env[i]!), geosUnaryNormal(geos, 'GEOSEnvelope', w), `${name} ${i}: envelope`);
        assert.equal(normalWKT(geos, hull[i]!), geosUnaryNormal(geos, 'GEOSConvexHull', w), `${name} ${i}: convexHull`);
        if (valid[i] && geos.isValidWKT(dp[i]!)) {
          assert.equal(normalWKT(geos, dp[i]!), geosUnaryNormal(geos, 'GEOSSimplify', w, tol), `${name} ${i}: simplify DP`);
          dpCompared++;
        }
        if (valid[i]) assert.ok(geos.isValidWKT(tp[i]!), `${name} ${i}: simplify TP result invalid`);
        if (w.length < 20000) {
          const a = geos.read(w), b = geos.read(tp[i]!);
          const h = geos.double('GEOSHausdorffDistance', a, b);
          geos.destroy(a);
          geos.destroy(b);
          if (h !== null && !Number.isNaN(h)) {
            assert.ok(h <= tol * (1 + 1e-12), `${name} ${i}: Hausdorff ${h} > ${tol}`);
            hausdorff++;
          }
        }
      }
      console.log(`${name}: ${n} features (every ${step}th checked), DP compared ${dpCompared}, Hausdorff checked ${hausdorff}`);
    });
  }
});
