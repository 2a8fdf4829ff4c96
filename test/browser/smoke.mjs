// Browser smoke test: bundles the public API with esbuild, serves the repo on
// 127.0.0.1 and loads test/browser/index.html in Debian's Chromium through
// playwright-core. The page (page.js) runs the WebAssembly backend and
// reports what it computed; this side compares it with the exact expected
// values and fails on any page error, console error or failed request.
//
//   node test/browser/smoke.mjs            (CHROMIUM=/path overrides the browser)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, inspect } from 'node:util';
import { serve } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 60_000;

function fail(message) {
  console.log(`browser: ${message}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}

// playwright-core and esbuild are devDependencies; a tree installed with
// --omit=dev, or before they were added, lacks them.
const require = createRequire(join(root, 'package.json'));
const has = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};
if (!has('playwright-core') || !has('esbuild')) {
  console.log('browser: installing devDependencies (npm install --ignore-scripts)');
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !has('playwright-core') || !has('esbuild')) fail('playwright-core or esbuild is missing and npm install failed');
}
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
if (!existsSync(join(root, 'dist', 'geovec.wasm'))) fail('dist/geovec.wasm is missing (npm run build:wasm)');

// Both are CommonJS: take the module object whichever way Node exposes it.
const load = async (name) => {
  const m = await import(require.resolve(name));
  return m.default ?? m;
};
const esbuild = await load('esbuild');
const { chromium } = await load('playwright-core');

// --- bundle -----------------------------------------------------------------
const bundle = join(root, 'build', 'browser', 'geovec.js');
try {
  await esbuild.build({
    entryPoints: [join(root, 'src', 'ts', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    outfile: bundle,
    logLevel: 'warning',
  });
} catch (err) {
  fail(`esbuild could not bundle src/ts/index.ts: ${err.message}`);
}

// --- expected values ---------------------------------------------------------
const N = NaN;
const wktIn = [
  'POINT (1 2)',
  'LINESTRING (0.1 -2.5, 3 4)',
  'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2))',
  'POINT EMPTY',
  null,
  'MULTIPOLYGON (((-5 -5, -4 -5, -4 -4, -5 -5)))',
  'GEOMETRYCOLLECTION (POINT (7 8), LINESTRING (1 1, 2 2))',
];
const wktBounds = [1, 2, 1, 2, 0.1, -2.5, 3, 4, 0, 0, 10, 10, N, N, N, N, N, N, N, N, -5, -5, -4, -4, 1, 1, 7, 8];
const geojsonGeoms = [
  { type: 'Point', coordinates: [100.5, -0.25] },
  { type: 'MultiPoint', coordinates: [[-1, -2], [5, 6.5]] },
  { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 0]]] },
  null,
];
const expected = {
  init: 'wasm',
  backend: 'wasm',
  wkt: {
    length: 7,
    arrayBackend: 'wasm',
    types: [1, 2, 3, 1, 0, 6, 7],
    numPoints: [1, 2, 9, 0, 0, 4, 3],
    bounds: wktBounds,
    totalBounds: [-5, -5, 10, 10],
    toWKT: wktIn,
  },
  wkb: {
    // Little-endian ISO WKB of POINT (1 2): 1.0 = 3FF0..., 2.0 = 4000...
    pointHex: '0101000000000000000000F03F0000000000000040',
    nullIsNull: true,
    roundTrip: wktIn,
    roundTripBounds: wktBounds,
  },
  geojson: {
    length: 4,
    types: [1, 4, 3, 0],
    bounds: [100.5, -0.25, 100.5, -0.25, -1, -2, 5, 6.5, 0, 0, 4, 3, N, N, N, N],
    totalBounds: [-1, -2, 100.5, 6.5],
    properties: [{ name: 'a' }, null, { n: 3 }, {}],
    ids: [1, 'b', '(none)', '(none)'],
    toGeoJSON: geojsonGeoms,
    viaWKB: geojsonGeoms,
  },
  badWKT: { name: 'GeovecParseError', index: 1 },
};

/** Every leaf of `want` that `got` does not match, as "path: expected ..., got ...". */
function differences(want, got, path = '') {
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(want) && isObj(got) && path.split('.').length < 3) {
    const out = [];
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
      out.push(...differences(want[k], got[k], path ? `${path}.${k}` : k));
    }
    return out;
  }
  if (isDeepStrictEqual(want, got)) return [];
  const show = (v) => inspect(v, { depth: 6, breakLength: Infinity, maxArrayLength: 50 });
  return [`${path}: expected ${show(want)}, got ${show(got)}`];
}

// --- run ---------------------------------------------------------------------
const problems = [];
const server = await serve(root);
let browser;
let outcome;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: PAGE_TIMEOUT_MS,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  const url = `${server.url}/${relative(root, join(root, 'test', 'browser', 'index.html'))}`;
  await page.goto(url, { timeout: PAGE_TIMEOUT_MS });
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: PAGE_TIMEOUT_MS });
  outcome = await page.evaluate(() => window.__result);
  console.log(`browser: ${await browser.version()} ran ${url}`);
} catch (err) {
  problems.push(`could not run the page: ${err.message.split('\n')[0]}`);
} finally {
  await browser?.close().catch(() => {});
  await server.close();
}

if (outcome && !outcome.ok) problems.push(`the page threw: ${outcome.error}`);
if (outcome?.ok) problems.push(...differences(expected, outcome.result));

if (problems.length) {
  console.log('not ok - browser smoke test (wasm backend in Chromium)');
  for (const p of problems) console.log(`  ${p}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}
console.log('ok - browser smoke test (wasm backend in Chromium)');
console.log('browser: 1 passed, 0 failed');
