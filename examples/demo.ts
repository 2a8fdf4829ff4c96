/**
 * The geovec demo (`npm run demo`): every US county from us-atlas (npm)
 * joined with 1,000,000 random points, stage by stage, then the same join
 * done with turf + flatbush for comparison.
 *
 *   parse    the 3,230 counties from GeoJSON text and from WKB, in C
 *   prepare  segment and point-in-polygon indexes per county
 *   index    a packed Hilbert R-tree over the county boxes
 *   join     1,000,000 points against the counties (exact point-in-polygon)
 *
 * Options: --points N (default 1000000), --threads N (default all cores),
 * --no-compare (skip turf + flatbush).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/turf';
import { SingleBar, Presets } from 'cli-progress';
import Flatbush from 'flatbush';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

import * as gv from '../src/ts/index.js';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N = opt('points', 1_000_000);
gv.setThreads(opt('threads', 0));
const compare = !args.includes('--no-compare');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
const bar = (label: string) =>
  new SingleBar({ format: `  ${label.padEnd(8)} [{bar}] {percentage}% | {value}/{total} points`, hideCursor: true }, Presets.shades_classic);

// ---- data: us-atlas counties, decoded from TopoJSON -------------------------------------------
const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
const fc = feature(topo, topo.objects.counties as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
const names = fc.features.map((f) => String((f.properties as { name?: string } | null)?.name ?? f.id));
const text = new TextEncoder().encode(JSON.stringify(fc));

console.log(`geovec demo — backend ${gv.backend()}, ${gv.threads()} thread(s)`);
console.log(`us-atlas counties-10m: ${fc.features.length} counties, ${fmt(text.length / 1e6)} MB of GeoJSON; ${fmt(N)} random points\n`);

// ---- parse ------------------------------------------------------------------------------------
let t = process.hrtime.bigint();
const counties = gv.fromGeoJSON(text);
const tJson = ms(t);
const wkb = gv.toWKB(counties, { packed: true });
const packed = { data: wkb.data, offsets: Int32Array.from(wkb.offsets, Number) };
t = process.hrtime.bigint();
const fromWkb = gv.fromWKB(packed);
const tWkb = ms(t);
const vertices = gv.numPoints(counties).reduce((s, n) => s + n, 0);
console.log(`parse    GeoJSON ${fmt(tJson)} ms (${fmt(text.length / 1e3 / tJson)} MB/s), WKB ${fmt(tWkb)} ms (${fmt(wkb.data.length / 1e3 / tWkb)} MB/s); ${fmt(counties.length)} geometries, ${fmt(vertices)} vertices`);
const tb = gv.totalBounds(fromWkb);
console.log(`         total bounds [${Array.from(tb, (v) => v.toFixed(2)).join(', ')}] (the Aleutians cross the antimeridian)`);

// ---- points: uniform in the contiguous US (seeded) ---------------------------------------------
let seed = 20261125;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const xs = new Float64Array(N);
const ys = new Float64Array(N);
for (let i = 0; i < N; i++) {
  xs[i] = -124.8 + 58.0 * rand();
  ys[i] = 24.4 + 25.0 * rand();
}

// ---- prepare, index, join -----------------------------------------------------------------------
t = process.hrtime.bigint();
gv.prepare(counties);
const tPrep = ms(t);
console.log(`prepare  ${fmt(tPrep)} ms (${fmt(gv.memsize(counties) / 1e6)} MB with indexes)`);
t = process.hrtime.bigint();
const index = new gv.SpatialIndex(counties);
const tIndex = ms(t);
console.log(`index    ${fmt(tIndex)} ms (${fmt(index.toBuffer().length / 1e3)} kB R-tree)`);

/* a few large batches: each call builds its own join grid, so fewer calls are faster */
const CHUNKS = 5;
const step = Math.ceil(N / CHUNKS);
const left: Uint32Array[] = [];
const right: Uint32Array[] = [];
let tJoin = 0;
const b1 = bar('join');
b1.start(N, 0);
for (let s = 0; s < N; s += step) {
  const e = Math.min(N, s + step);
  t = process.hrtime.bigint();
  const r = index.queryXY(xs.subarray(s, e), ys.subarray(s, e), { predicate: 'intersects' });
  tJoin += ms(t);
  left.push(r.left.map((v) => v + s));
  right.push(r.right);
  b1.update(e);
}
b1.stop();
const pairs = left.reduce((n, l) => n + l.length, 0);
console.log(`join     ${fmt(tJoin)} ms: ${fmt(pairs)} (point, county) pairs, ${fmt(N - pairs)} points outside every county`);

const counts = new Uint32Array(counties.length);
for (const r of right) for (const c of r) counts[c]!++;
const top = Array.from(counts.keys()).sort((a, b) => counts[b]! - counts[a]!).slice(0, 3);
console.log(`         most points: ${top.map((c) => `${names[c]} (${counts[c]})`).join(', ')}`);
console.log(`         total geovec time (prepare + index + join): ${fmt(tPrep + tIndex + tJoin)} ms`);

// ---- the same join with turf + flatbush --------------------------------------------------------
if (compare) {
  console.log('\nturf + flatbush, same points:');
  t = process.hrtime.bigint();
  const fb = new Flatbush(fc.features.length);
  const boxes = gv.bounds(counties);
  for (let i = 0; i < fc.features.length; i++) fb.add(boxes[4 * i]!, boxes[4 * i + 1]!, boxes[4 * i + 2]!, boxes[4 * i + 3]!);
  fb.finish();
  const tFb = ms(t);
  let turfPairs = 0;
  let agree = true;
  const matched = new Int32Array(N).fill(-1);
  for (let k = 0; k < left.length; k++) left[k]!.forEach((p, j) => (matched[p] = right[k]![j]!));
  const b2 = bar('turf');
  b2.start(N, 0);
  t = process.hrtime.bigint();
  const pt: [number, number] = [0, 0];
  for (let i = 0; i < N; i++) {
    pt[0] = xs[i]!;
    pt[1] = ys[i]!;
    for (const c of fb.search(pt[0], pt[1], pt[0], pt[1])) {
      if (booleanPointInPolygon(pt, fc.features[c] as Feature<Polygon | MultiPolygon>)) {
        turfPairs++;
        if (matched[i] !== c) agree = false;
      }
    }
    if ((i & 0xffff) === 0) b2.update(i);
  }
  const tTurf = ms(t);
  b2.update(N);
  b2.stop();
  console.log(`         flatbush index ${fmt(tFb)} ms, join ${fmt(tTurf)} ms: ${fmt(turfPairs)} pairs (${agree && turfPairs === pairs ? 'the same pairs as geovec' : 'DIFFERENT from geovec'})`);
  console.log(`         geovec is ${fmt((tTurf + tFb) / (tPrep + tIndex + tJoin))}x faster end to end`);
}
