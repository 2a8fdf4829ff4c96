// The 1,000,000-point join against the 3,231 us-atlas counties in headless
// Chromium, through the page (web/) with a 1-worker and a 2-worker pool
// side by side (shared memory, cross-origin isolated): WARM warm-up calls
// each, then the two called in turn RUNS times, best of each; the load
// average is printed with the result (measure when it is low).
//   node bench/pool-join-browser.mjs [points] [runs]
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../web/build.mjs';
import { serveIsolated } from '../web/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const WARM = 4;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const require = createRequire(join(root, 'package.json'));
const pw = await import(require.resolve('playwright-core'));
const out = await build(join(root, 'build', 'web'));
const server = await serveIsolated(out);
const browser = await (pw.default ?? pw).chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="app"][data-state="ready"]', { timeout: 60_000 });
  const loadBefore = load();
  const r = await page.evaluate(async ([n, runs, warm]) => {
    const { gv, state } = window.geovecApp;
    const xs = new Float64Array(new SharedArrayBuffer(8 * n));
    const ys = new Float64Array(new SharedArrayBuffer(8 * n));
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 4294967296);
    for (let i = 0; i < n; i++) { xs[i] = -125 + rnd() * 58; ys[i] = 24.5 + rnd() * 25; }
    const sizes = [1, 2];
    const pools = sizes.map((w) => gv.createWorkerPool(w, { worker: new URL('worker.js', location.href), wasm: new URL('geovec.wasm', location.href).href }));
    await Promise.all(pools.map((p) => p.ready));
    let pairs = -1;
    const check = (res) => {
      if (pairs >= 0 && res.left.length !== pairs) throw new Error('pair counts differ');
      pairs = res.left.length;
    };
    for (const p of pools) for (let k = 0; k < warm; k++) check(await p.sjoin({ xs, ys }, state.countiesGV));
    const best = sizes.map(() => Infinity);
    for (let k = 0; k < runs; k++) {
      for (let i = 0; i < pools.length; i++) {
        const t = performance.now();
        const res = await pools[i].sjoin({ xs, ys }, state.countiesGV);
        best[i] = Math.min(best[i], performance.now() - t);
        check(res);
      }
    }
    await Promise.all(pools.map((p) => p.close()));
    return { best, pairs };
  }, [N, RUNS, WARM]);
  console.log(`Chromium ${await browser.version()}: ${N} points x 3,231 counties, best of ${RUNS}`);
  console.log(`1 worker: ${r.best[0].toFixed(0)} ms, 2 workers: ${r.best[1].toFixed(0)} ms (${r.pairs} pairs), speed-up ${(r.best[0] / r.best[1]).toFixed(2)}x`);
  console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${load()}`);
} finally {
  await browser.close();
  await server.close();
}
