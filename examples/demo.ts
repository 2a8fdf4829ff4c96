/**
 * The geovec demo: every US county from us-atlas (npm), parsed from GeoJSON
 * and from WKB in one call each, with counts, bounds and throughput.
 *
 *   npm run demo
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

import * as gv from '../src/ts/index.js';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
const counties = feature(topo, topo.objects.counties as GeometryCollection);
const text = new TextEncoder().encode(JSON.stringify(counties));

/** Median wall time of `runs` calls, in seconds. */
function time<T>(runs: number, fn: () => T): { result: T; seconds: number } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { result, seconds: times[Math.floor(runs / 2)]! };
}

const fmt = (bytes: number, s: number) => `${(bytes / s / 1e6).toFixed(0)} MB/s`;
const box = (b: Float64Array) => `[${Array.from(b, (v) => v.toFixed(3)).join(', ')}]`;

console.log(`geovec demo — backend: ${gv.backend()}, threads: ${gv.threads()}`);
console.log(`us-atlas counties-10m: ${counties.features.length} features, ${(text.length / 1e6).toFixed(2)} MB of GeoJSON\n`);

const fromJson = time(9, () => gv.fromGeoJSON(text));
const a = fromJson.result;
const types = gv.geometryType(a);
const count = (code: number) => types.filter((t) => t === code).length;
console.log(`fromGeoJSON: ${a.length} geometries (${count(gv.GeometryType.Polygon)} Polygon, ${count(gv.GeometryType.MultiPolygon)} MultiPolygon), ` +
  `${gv.numPoints(a).reduce((s, n) => s + n, 0)} vertices in ${(fromJson.seconds * 1e3).toFixed(2)} ms (${fmt(text.length, fromJson.seconds)})`);

const wkb = gv.toWKB(a, { packed: true });
const fromWkb = time(9, () => gv.fromWKB({ data: wkb.data, offsets: Int32Array.from(wkb.offsets, Number) }));
const b = fromWkb.result;
console.log(`fromWKB:     ${b.length} geometries from ${(wkb.data.length / 1e6).toFixed(2)} MB of WKB in ${(fromWkb.seconds * 1e3).toFixed(2)} ms (${fmt(wkb.data.length, fromWkb.seconds)})`);

console.log(`totalBounds: ${box(gv.totalBounds(a))}  (the Aleutians cross the antimeridian)`);
const names = counties.features.map((f) => (f.properties as { name?: string } | null)?.name ?? String(f.id));
const bounds = gv.bounds(a);
for (const i of [0, 1, 2]) console.log(`  ${names[i]}: bounds ${box(bounds.subarray(4 * i, 4 * i + 4))}`);

const wktB = gv.toWKT(b);
const same = gv.toWKT(a).every((w, i) => w === wktB[i]);
console.log(`\nGeoJSON → geovec → WKB → geovec gives identical WKT for every county: ${same}`);
if (!same) process.exitCode = 1;
