import * as gv from '../src/ts/index.js';
import { geojsonDataset } from './data.js';
const ds = geojsonDataset('us-counties.geojson');
const gcEvery = Number(process.argv[2] ?? 0);
const N = 1000;
const f = () => gv.fromWKB(ds.packed).dispose();
for (let i = 0; i < 50; i++) f();
const r0 = process.memoryUsage().rss;
let maxRss = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) { f(); if (gcEvery && i % gcEvery === 0) (globalThis as any).gc(); if (i % 50 === 0) maxRss = Math.max(maxRss, process.memoryUsage().rss); }
const dt = Number(process.hrtime.bigint() - t0) / N;
console.log(`gcEvery=${gcEvery}`, (dt / 1e6).toFixed(3), 'ms/op', (ds.packed.data.length / dt).toFixed(2), 'GB/s', 'rss MB start', (r0/1e6).toFixed(0), 'max', (maxRss/1e6).toFixed(0));
