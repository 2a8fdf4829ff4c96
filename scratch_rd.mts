import { readFileSync } from 'node:fs';
import * as gv from './src/ts/index.ts';
import { Geos } from './test/helpers/geos.ts';
import { compareResult, geosOverlay } from './test/helpers/geos-overlay.ts';
const geos = await Geos.load();
const t = gv.fromGeoJSON(readFileSync('/work/shared/data/us-counties.geojson', 'utf8'), { properties: true });
const counties = t.geometry; const st = t.properties.map((p) => (p as any).state_fips as string);
const cw = gv.toWKT(counties);
// shifted copies
const shift = cw.map((w) => { const xs = [...w.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => Number(m[1])); const dx = (Math.max(...xs) - Math.min(...xs)) * 0.3; return w.replace(/(-?[\d.e+-]+) (-?[\d.e+-]+)/g, (_, x, y) => `${Number(x) + dx} ${Number(y) + dx / 3}`); });
const B = gv.fromWKT(shift);
let t0 = performance.now();
const R = gv.intersection(counties, B);
console.log('intersection 3230 pairs ms', (performance.now() - t0).toFixed(1));
const rw = gv.toWKT(R);
let fail = 0, gfail = 0, inval = 0;
for (let i = 0; i < cw.length; i++) {
  const a = geos.read(cw[i]!), b = geos.read(shift[i]!);
  if (!geos.isValid(a) || !geos.isValid(b)) { inval++; geos.destroy(a); geos.destroy(b); continue; }
  const g = geosOverlay(geos, 'GEOSIntersection', a, b);
  const c = compareResult(geos, rw[i]!, g);
  if (c.geosFailed) gfail++;
  if (c.failure) { fail++; if (fail < 3) console.log(i, c.failure.slice(0, 300)); }
  geos.destroy(g); geos.destroy(a); geos.destroy(b);
}
console.log({ fail, gfail, inval });
t0 = performance.now();
const U = gv.unionAll(counties, { groups: st });
console.log('unionAll by state ms', (performance.now() - t0).toFixed(1), U.keys.length);
const uw = gv.toWKT(U.geometry);
let ufail = 0;
for (let k = 0; k < U.keys.length; k++) {
  const members = cw.filter((_, i) => st[i] === U.keys[k]);
  const gc = geos.read(`GEOMETRYCOLLECTION (${members.join(', ')})`);
  const g = geosOverlay(geos, 'GEOSUnaryUnion', gc, null);
  const c = compareResult(geos, uw[k]!, g);
  if (c.failure) { ufail++; if (ufail < 3) console.log(U.keys[k], c.failure.slice(0, 300)); }
  geos.destroy(g); geos.destroy(gc);
}
console.log({ ufail });
