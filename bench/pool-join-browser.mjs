// The 1,000,000-point join against the 3,231 us-atlas counties in headless
// Chromium, through the page (web/) with 1 and then 2 pool workers (shared
// memory, cross-origin isolated); best of 3 after a warm-up.
//   node bench/pool-join-browser.mjs [points]
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../web/build.mjs';
import { serveIsolated } from '../web/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 1_000_000);
const require = createRequire(join(root, 'package.json'));
const pw = await import(require.resolve('playwright-core'));
const out = await build(join(root, 'build', 'web'));
const server = await serveIsolated(out);
const browser = await (pw.default ?? pw).chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="app"][data-state="ready"]', { timeout: 60_000 });
  const r = await page.evaluate(async (n) => {
    const { gv, state } = window.geovecApp;
    const xs = new Float64Array(new SharedArrayBuffer(8 * n));
    const ys = new Float64Array(new SharedArrayBuffer(8 * n));
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 4294967296);
    for (let i = 0; i < n; i++) { xs[i] = -125 + rnd() * 58; ys[i] = 24.5 + rnd() * 25; }
    const res = {};
    for (const w of [1, 2]) {
      const p = gv.createWorkerPool(w, { worker: new URL('worker.js', location.href), wasm: new URL('geovec.wasm', location.href).href });
      await p.ready;
      let pairs = (await p.sjoin({ xs, ys }, state.countiesGV)).left.length;
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        pairs = (await p.sjoin({ xs, ys }, state.countiesGV)).left.length;
        best = Math.min(best, performance.now() - t);
      }
      await p.close();
      res[w] = { ms: best, pairs };
    }
    return res;
  }, N);
  console.log(`Chromium ${await browser.version()}: ${N} points x 3,231 counties`);
  console.log(`1 worker: ${r[1].ms.toFixed(0)} ms, 2 workers: ${r[2].ms.toFixed(0)} ms (${r[1].pairs} pairs), speed-up ${(r[1].ms / r[2].ms).toFixed(2)}x`);
} finally {
  await browser.close();
  await server.close();
}
