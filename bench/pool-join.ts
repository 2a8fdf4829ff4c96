/**
 * 1,000,000-point join against the 3,230 US counties with createWorkerPool(1)
 * vs createWorkerPool(2) (WebAssembly workers, Node worker_threads). Both
 * pools live side by side; after WARM warm-up calls each (the first call
 * sends and prepares the counties, the next ones let the engine finish
 * optimizing the WebAssembly code), the two are called in turn RUNS times
 * and the best of each is kept, so that a change in the machine's load
 * touches both alike. The load average is printed with the result: on a
 * shared machine, measure when it is low.
 *   node --import tsx bench/pool-join.ts [points] [runs]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as gv from '../src/ts/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const WARM = 4;
const counties = gv.fromGeoJSON(readFileSync(new URL('../../shared/data/us-counties.geojson', import.meta.url)));
let s = 7;
const r = () => ((s = (s * 1103515245 + 12345) >>> 0), s / 4294967296);
const xs = new Float64Array(new SharedArrayBuffer(8 * N));
const ys = new Float64Array(new SharedArrayBuffer(8 * N));
for (let i = 0; i < N; i++) {
  xs[i] = -125 + r() * 58;
  ys[i] = 24 + r() * 26;
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
const sizes = [1, 2] as const;
const pools = sizes.map((n) => gv.createWorkerPool(n));
await Promise.all(pools.map((p) => p.ready));
let pairs = -1;
const check = (res: gv.JoinResult) => {
  if (pairs >= 0 && res.left.length !== pairs) throw new Error('pair counts differ');
  pairs = res.left.length;
};
for (const p of pools) for (let k = 0; k < WARM; k++) check(await p.sjoin({ xs, ys }, counties));
const best = sizes.map(() => Infinity);
/* CPU time of the whole process (main thread and workers) per call: the work done, whatever the load */
const cpuBest = sizes.map(() => Infinity);
for (let k = 0; k < RUNS; k++) {
  for (let i = 0; i < pools.length; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const res = await pools[i]!.sjoin({ xs, ys }, counties);
    best[i] = Math.min(best[i]!, performance.now() - t);
    const u = process.cpuUsage(c);
    cpuBest[i] = Math.min(cpuBest[i]!, (u.user + u.system) / 1000);
    check(res);
  }
}
await Promise.all(pools.map((p) => p.close()));
sizes.forEach((n, i) => console.log(`${n} worker(s): ${best[i]!.toFixed(0)} ms (CPU ${cpuBest[i]!.toFixed(0)} ms, all threads), ${pairs} pairs`));
console.log(`speed-up 2 vs 1: ${(best[0]! / best[1]!).toFixed(2)}x (${N} points, best of ${RUNS}, wasm workers, Node ${process.version})`);
console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${load()}`);
