/**
 * The exact bits geovec's geodesic functions give on a seeded corpus (random
 * pairs of every kind, random polygons, the US counties when ../shared is there),
 * as hex strings: the native addon and the WebAssembly build must agree on them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DATA_URL, backend, fromGeoJSON, geodesicArea, geodesicDistanceXY, geodesicLength, rng, type Geometry } from './geovec.js';

const hex = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

export function geodesicFingerprint(): Record<string, string> {
  const r = rng(4242);
  const n = 20000;
  const cols = [0, 1, 2, 3].map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const lat1 = (i % 7 === 0 ? 90 : 180) * r() - 90, lon1 = 720 * r() - 360;
    const near = i % 3 === 0, anti = i % 3 === 1;
    cols[0]![i] = lon1;
    cols[1]![i] = lat1;
    cols[2]![i] = near ? lon1 + 0.01 * (r() - 0.5) : anti ? lon1 + 180 + (r() - 0.5) : 360 * r() - 180;
    cols[3]![i] = near ? lat1 + 0.01 * (r() - 0.5) : anti ? -lat1 + (r() - 0.5) * 0.1 : 180 * r() - 90;
  }
  const out: Record<string, string> = { backend: backend() };
  out.distances = hex(geodesicDistanceXY(cols[0]!, cols[1]!, cols[2]!, cols[3]!));
  const polys: Geometry[] = [];
  for (let k = 0; k < 500; k++) {
    const lon = 360 * r() - 180, lat = 170 * r() - 85, rad = 10 ** (-3 + 4 * r()), m = 3 + Math.floor(30 * r());
    const ring: number[][] = [];
    for (let i = 0; i < m; i++) ring.push([lon + rad * Math.cos((2 * Math.PI * i) / m), Math.max(-90, Math.min(90, lat + rad * Math.sin((2 * Math.PI * i) / m)))]);
    ring.push(ring[0]!);
    polys.push({ type: 'Polygon', coordinates: [ring] });
  }
  const p = fromGeoJSON(polys);
  out.polygonAreas = hex(geodesicArea(p));
  out.polygonLengths = hex(geodesicLength(p));
  const counties = new URL('us-counties.geojson', DATA_URL);
  if (existsSync(counties)) {
    const c = fromGeoJSON(readFileSync(counties, 'utf8'));
    out.countyAreas = hex(geodesicArea(c));
    out.countyLengths = hex(geodesicLength(c));
  }
  return out;
}
