/**
 * 1,000,000-point join against the 3,230 US counties with createWorkerPool(1)
 * vs createWorkerPool(2) (WebAssembly workers, Node worker_threads), best of
 * RUNS after one warm-up. `node --import tsx bench/pool-join.ts [points]`
 */
import { readFileSync } from 'node:fs';
import * as gv from '../src/ts/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = 3;
const counties = gv.fromGeoJSON(readFileSync(new URL('../../shared/data/us-counties.geojson', import.meta.url)));
let s = 7;
const r = () => ((s = (s * 1103515245 + 12345) >>> 0), s / 4294967296);
const xs = new Float64Array(new SharedArrayBuffer(8 * N));
const ys = new Float64Array(new SharedArrayBuffer(8 * N));
for (let i = 0; i < N; i++) {
  xs[i] = -125 + r() * 58;
  ys[i] = 24 + r() * 26;
}
const times: Record<number, number> = {};
let pairs = -1;
for (const n of [1, 2]) {
  const pool = gv.createWorkerPool(n);
  await pool.ready;
  await pool.sjoin({ xs, ys }, counties);
  let best = Infinity;
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    const res = await pool.sjoin({ xs, ys }, counties);
    best = Math.min(best, performance.now() - t);
    if (pairs >= 0 && res.left.length !== pairs) throw new Error('pair counts differ');
    pairs = res.left.length;
  }
  times[n] = best;
  await pool.close();
  console.log(`${n} worker(s): ${best.toFixed(0)} ms, ${pairs} pairs`);
}
console.log(`speed-up 2 vs 1: ${(times[1]! / times[2]!).toFixed(2)}x (${N} points, wasm workers, Node ${process.version})`);
