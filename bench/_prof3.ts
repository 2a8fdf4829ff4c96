import * as gv from '../src/ts/index.js';
import { geojsonDataset } from './data.js';
const ds = geojsonDataset('us-counties.geojson');
const mode = process.argv[2] ?? 'none';
const what = process.argv[3] ?? 'wkb';
const N = Number(process.env.N ?? 500);
const f = what === 'wkb' ? () => gv.fromWKB(ds.packed).dispose() : () => gv.fromGeoJSON(ds.bytes).dispose();
const gc = (globalThis as any).gc;
const tick = () => new Promise((r) => setImmediate(r));
for (let i = 0; i < 50; i++) f();
let maxRss = 0, total = 0n;
const times: number[] = [];
for (let i = 0; i < N; i++) {
  const t = process.hrtime.bigint(); f(); const d = process.hrtime.bigint() - t; total += d; times.push(Number(d));
  if (mode === 'gc+tick') { gc(); await tick(); }
  if (mode === 'tick') await tick();
  if (i % 50 === 0) maxRss = Math.max(maxRss, process.memoryUsage().rss);
}
times.sort((a, b) => a - b);
const med = times[N >> 1]!;
console.log(what, mode, 'median', (med / 1e6).toFixed(3), 'ms', (ds.packed.data.length / med).toFixed(2), 'GB/s(wkb)', (ds.bytes.length/med*1000).toFixed(0), 'MB/s(json)', 'max rss MB', (maxRss / 1e6).toFixed(0));
