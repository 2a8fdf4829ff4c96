// The web page (web/) in headless Chromium through playwright-core: builds
// it (web/build.mjs), serves it cross-origin isolated (web/serve.mjs) and
// drives it through its data-testid contract: loads with no console error,
// 3,231 us-atlas counties and 56 states, every operation on both sides
// (geovec counts checked against turf's brute force; an operation whose
// library function is not in this build is skipped with that reason, except
// those that have landed (all five now); the buffer goes through
// the worker pool in metres, is drawn, and its circles lie at the distance), a
// GeoJSON and a GeoParquet file through the file input, a bad file gives an
// error in words, the worker pool gives the same answers as one instance,
// and the canvas is drawn over the data's extent. Screenshots after each
// operation go to build/screenshots (kept by CI).
//
//   node test/browser/web.mjs            (CHROMIUM=/path overrides the browser)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../web/build.mjs';
import { serveIsolated } from '../../web/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = join(root, 'build', 'screenshots');
const files = join(root, 'build', 'web-test-files');
const T = 60_000;
let passed = 0;
let failed = 0;
let skipped = 0;

function result(ok, name, detail = '') {
  if (ok === 'skip') {
    skipped++;
    console.log(`ok - ${name} # SKIP ${detail}`);
  } else if (ok) {
    passed++;
    console.log(`ok - ${name}${detail ? ` (${detail})` : ''}`);
  } else {
    failed++;
    console.log(`not ok - ${name}: ${detail}`);
  }
}
function finish() {
  console.log(`web: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (!existsSync(chromiumPath)) {
  result(false, 'setup', `no Chromium at ${chromiumPath}`);
  finish();
}
const require = createRequire(join(root, 'package.json'));
const pw = await import(require.resolve('playwright-core'));
const { chromium } = pw.default ?? pw;

// --- test files: GeoJSON points, GeoParquet points (written by geovec in Node), a bad file
mkdirSync(shots, { recursive: true });
mkdirSync(files, { recursive: true });
const pts = [];
for (let i = 0; i < 500; i++) pts.push([-120 + (i % 50), 30 + Math.floor(i / 50)]);
writeFileSync(
  join(files, 'points.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: pts.map((c, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: c } })) }),
);
const gp = spawnSync(
  process.execPath,
  ['--import', 'tsx', '-e', `import('./src/ts/index.ts').then(async (gv) => {
    const xs = [], ys = [];
    for (let i = 0; i < 321; i++) { xs.push(-110 + (i % 20) * 0.7); ys.push(33 + Math.floor(i / 20) * 0.5); }
    const bytes = await gv.encodeFile('geoparquet', gv.points(xs, ys));
    require('node:fs').writeFileSync(${JSON.stringify(join(files, 'points.parquet'))}, bytes);
  })`],
  { cwd: root, encoding: 'utf8', env: { ...process.env, GEOVEC_BACKEND: 'wasm' } },
);
if (gp.status !== 0) result(false, 'write a GeoParquet test file', gp.stderr.slice(0, 400));
writeFileSync(join(files, 'broken.parquet'), Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 7), Buffer.from('PAR1')]));

const out = await build(join(root, 'build', 'web'));
const server = await serveIsolated(out);
const problems = [];
const browser = await chromium.launch({
  executablePath: chromiumPath,
  timeout: T,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  const tid = (id) => page.locator(`[data-testid="${id}"]`);
  const attr = (id, a) => tid(id).getAttribute(a);

  await page.goto(server.url, { timeout: T });
  await page.waitForSelector('[data-testid="app"][data-state="ready"]', { timeout: T });
  result(true, 'page loads and becomes ready');
  const counties = Number(await tid('count-counties').textContent());
  const states = Number(await tid('count-states').textContent());
  result(counties === 3231, 'us-atlas counties loaded', `${counties} (us-atlas 3.0.1 counties-10m has 3,231 features)`);
  result(states === 56, '56 states loaded', String(states));
  const isolated = await page.evaluate(() => crossOriginIsolated);
  result(isolated, 'the page is cross-origin isolated (shared memory for the pool)');
  await page.screenshot({ path: join(shots, '00-loaded.png') });

  // canvas drawn over the data's extent: sample a grid of the map, count non-background pixels per quadrant
  const coverage = await page.evaluate(() => {
    const c = document.getElementById('map');
    const g = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    let total = 0;
    let minX = c.width, maxX = 0, minY = c.height, maxY = 0;
    for (let y = 0; y < c.height; y += 4) for (let x = 0; x < c.width; x += 4) {
      const k = 4 * (y * c.width + x);
      total++;
      if (!(g[k] === 0xf4 && g[k + 1] === 0xf7 && g[k + 2] === 0xfb)) {
        drawn++;
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    return { drawn, total, spanX: (maxX - minX) / c.width, spanY: (maxY - minY) / c.height };
  });
  result(coverage.drawn / coverage.total > 0.03 && coverage.spanX > 0.8 && coverage.spanY > 0.5, 'canvas is not blank over the data extent', JSON.stringify(coverage));

  // fewer points for the operations, so that turf's brute force stays short
  await tid('points-n').fill('20000');
  await tid('points-n').dispatchEvent('change');
  result((await tid('count-points').textContent()) === '20000', 'points-n regenerates the cloud');

  const run = async (op, side) => {
    const suffix = side === 'turf' ? '-turf' : '';
    await tid(`run-${op}${suffix}`).click();
    await page.waitForFunction((id) => {
      const s = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state');
      return s === 'done' || s === 'error';
    }, `result-${op}${suffix}`, { timeout: 90_000 });
    return {
      state: await attr(`result-${op}${suffix}`, 'data-state'),
      count: Number(await attr(`result-${op}${suffix}`, 'data-count')),
      ms: Number(await attr(`result-${op}${suffix}`, 'data-ms')),
      vertices: Number(await attr(`result-${op}${suffix}`, 'data-vertices')),
      text: await tid(`result-${op}${suffix}`).textContent(),
    };
  };
  const expectations = {
    join: (g, t) => g.count === t.count && g.count > 10000,
    dissolve: (g, t) => g.count === 56 && t.count === 56,
    turfDissolve: (t) => t.count === 56,
    buffer: (g, t) => g.count === 2000 && t.count === 2000,
    simplify: (g, t) => g.count === counties && t.count === counties && g.vertices > 0,
    intersects: (g, t) => g.count === t.count && g.count > 50,
  };
  /** Pixels of the map in the buffer's green (#27ae60, filled at 53% over the basemap). */
  const greenPixels = () =>
    page.evaluate(() => {
      const c = document.getElementById('map');
      const g = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 0; k < g.length; k += 4) if (g[k + 1] - g[k] > 40 && g[k + 1] - g[k + 2] > 25) n++;
      return n;
    });
  let greenBefore = 0;
  /* functions that have landed in the library: their operation must run, not be skipped */
  const landed = new Set(['join', 'dissolve', 'buffer', 'simplify', 'intersects']);
  for (const op of ['join', 'dissolve', 'buffer', 'simplify', 'intersects']) {
    const t = await run(op, 'turf');
    result(t.state === 'done' && t.ms > 0, `${op}: turf runs`, `${t.count} in ${t.ms} ms ${t.state === 'error' ? t.text : ''}`);
    const available = (await attr(`run-${op}`, 'data-available')) === 'true';
    if (!available && landed.has(op)) {
      result(false, `${op}: geovec side available`, 'the page says "not available in this build" for a function the library exports');
      continue;
    }
    if (op === 'buffer') {
      /* the page's buffer goes through the worker pool: count the calls */
      await page.evaluate(async () => {
        const p = await window.geovecApp.pool();
        const orig = p.buffer;
        window.poolBufferCalls = [];
        p.buffer = (...args) => (window.poolBufferCalls.push({ n: args[0].length, distance: args[1], options: args[2] }), orig.apply(p, args));
      });
      greenBefore = await greenPixels();
    }
    if (!available) {
      const g = await run(op, 'geovec');
      result(g.state === 'error' && /not available in this build/.test(g.text), `${op}: geovec side says "not available in this build"`);
      result('skip', `${op}: geovec result`, 'not available in this build (the library function has not landed)');
      continue;
    }
    const g = await run(op, 'geovec');
    const ok = g.state === 'done' && expectations[op](g, t);
    result(ok, `${op}: geovec count`, `geovec ${g.count} in ${g.ms} ms, turf ${t.count} in ${t.ms} ms`);
    const ratio = await tid(`ratio-${op}`).textContent();
    result(/×/.test(ratio ?? ''), `${op}: ratio shown`, ratio);
    await page.screenshot({ path: join(shots, `op-${op}.png`) });
    if (op === 'buffer') await checkBuffer(g);
  }

  /** The buffer: through the pool, in metres (distance × 1000, units 'metres'), a count > 0, drawn, each circle at the distance. */
  async function checkBuffer(g) {
    const km = Number(await tid('buffer-distance').inputValue());
    result(g.state === 'done' && g.count > 0 && g.ms > 0 && /ms/.test(g.text), 'buffer: a result with a count and a time, no error state', `${g.count} in ${g.ms} ms: ${g.text}`);
    const calls = await page.evaluate(() => window.poolBufferCalls);
    result(
      calls.length === 1 && calls[0].n === 2000 && calls[0].distance === km * 1000 && calls[0].options?.units === 'metres',
      'buffer: runs through the worker pool in metres (km × 1000)',
      JSON.stringify(calls),
    );
    const geo = await page.evaluate(() => {
      const { gv, state } = window.geovecApp;
      const o = state.overlay;
      if (!o || o.geoms.length !== 2000) return { drawn: o?.geoms.length ?? null };
      /* every vertex of a few circles, by the geodesic distance from its point */
      let min = Infinity;
      let max = 0;
      for (const i of [0, 1, 999, 1999]) {
        const ring = o.geoms[i].coordinates[0];
        const lon = new Float64Array(ring.length).fill(state.xs[i]);
        const lat = new Float64Array(ring.length).fill(state.ys[i]);
        const d = gv.geodesicDistanceXY(lon, lat, Float64Array.from(ring, (c) => c[0]), Float64Array.from(ring, (c) => c[1]));
        for (const m of d) (min = Math.min(min, m)), (max = Math.max(max, m));
      }
      return { drawn: o.geoms.length, type: o.geoms[0].type, color: o.color, min, max };
    });
    geo.greenPixels = (await greenPixels()) - greenBefore;
    result(
      geo.drawn === 2000 && geo.type === 'Polygon' && geo.greenPixels > 500 && Math.abs(geo.max - km * 1000) <= km && Math.abs(geo.min - km * 1000) <= km /* 0.1% of km × 1000 m */,
      'buffer: the 2,000 circles are drawn, every vertex at the distance (within 0.1%)',
      JSON.stringify(geo),
    );
  }
  // join pairs against a brute-force count in the page (turf-free, plain ray casting on the GeoJSON)
  const brute = await page.evaluate(() => {
    const { state } = window.geovecApp;
    const inRing = (x, y, r) => {
      let c = false;
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i], [xj, yj] = r[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
      }
      return c;
    };
    const inPoly = (x, y, p) => p.reduce((c, r) => (inRing(x, y, r) ? !c : c), false);
    let pairs = 0;
    for (let i = 0; i < state.xs.length; i++) {
      for (const f of state.counties) {
        const g = f.geometry;
        const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        if (polys.some((p) => inPoly(state.xs[i], state.ys[i], p))) pairs++;
      }
      if (i >= 1999) break;
    }
    return pairs;
  });
  const pool2k = await page.evaluate(async () => {
    const { gv, state, pool } = window.geovecApp;
    const p = await pool();
    const xs = state.xs.slice(0, 2000), ys = state.ys.slice(0, 2000);
    return (await p.sjoin({ xs, ys }, state.countiesGV)).left.length;
  });
  result(brute === pool2k, 'join pairs of the first 2,000 points equal a brute-force count', `${pool2k} vs ${brute}`);

  // the pool equals one instance (page's main-thread wasm) for the join, intersects and the measures present
  const same = await page.evaluate(async () => {
    const { gv, state, pool } = window.geovecApp;
    const p = await pool();
    const eq = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    const out = {};
    const one = gv.sjoin(gv.points(state.xs, state.ys), state.countiesGV);
    const many = await p.sjoin({ xs: state.xs, ys: state.ys }, state.countiesGV);
    out.sjoin = eq(one.left, many.left) && eq(one.right, many.right);
    const rect = gv.fromWKT(['POLYGON ((-100 35, -90 35, -90 40, -100 40, -100 35))']).get(0);
    out.intersects = eq(gv.intersects(state.countiesGV, rect), await p.intersects(state.countiesGV, rect));
    out.bounds = eq(gv.bounds(state.countiesGV), await p.bounds(state.countiesGV));
    for (const f of ['area', 'length', 'isValid']) if (typeof gv[f] === 'function') out[f] = eq(gv[f](state.countiesGV), await p[f](state.countiesGV));
    /* buffer split across the workers (a per-point distance split with the chunks) equals one instance, to the last bit */
    const pts = gv.points(state.xs.slice(0, 3000), state.ys.slice(0, 3000));
    const metres = Float64Array.from({ length: 3000 }, (_, i) => 500 + (i % 40) * 250);
    out.bufferMetres = eq(gv.toWKT(gv.buffer(pts, metres, { units: 'metres' })), gv.toWKT(await p.buffer(pts, metres, { units: 'metres' })));
    const some = state.countiesGV.slice(0, 300);
    out.bufferCounties = eq(gv.toWKT(gv.buffer(some, 0.02, { joinStyle: 'mitre' })), gv.toWKT(await p.buffer(some, 0.02, { joinStyle: 'mitre' })));
    return out;
  });
  result(Object.values(same).every(Boolean), 'worker pool gives the same answers as one instance', JSON.stringify(same));

  // files
  await tid('file-input').setInputFiles(join(files, 'points.geojson'));
  await page.waitForSelector('[data-testid="file-status"][data-state="loaded"], [data-testid="file-status"][data-state="error"]', { timeout: T });
  result((await attr('file-status', 'data-count')) === '500' && (await tid('count-points').textContent()) === '500', 'a GeoJSON file of points becomes the point layer');
  await page.screenshot({ path: join(shots, 'file-geojson.png') });
  if (gp.status === 0) {
    await tid('file-input').setInputFiles(join(files, 'points.parquet'));
    await page.waitForFunction(() => document.querySelector('[data-testid="file-status"]').textContent.startsWith('points.parquet'), null, { timeout: T });
    result((await attr('file-status', 'data-state')) === 'loaded' && (await attr('file-status', 'data-count')) === '321', 'a GeoParquet file is read', await tid('file-status').textContent());
  }
  await tid('file-input').setInputFiles(join(files, 'broken.parquet'));
  await page.waitForFunction(() => document.querySelector('[data-testid="file-status"]').getAttribute('data-state') === 'error', null, { timeout: T });
  const msg = await tid('error').textContent();
  result((await tid('error').isVisible()) && /broken\.parquet/.test(msg ?? '') && (msg ?? '').length > 25, 'a bad file shows an error in words naming the file', msg);
  await page.screenshot({ path: join(shots, 'file-error.png') });
  result((await attr('app', 'data-state')) !== 'error', 'the page stays usable after a bad file');
} catch (e) {
  result(false, 'the page test ran to the end', e.message.split('\n')[0]);
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
result(problems.length === 0, 'no console error, page error or failed request', problems.join(' | '));
finish();
