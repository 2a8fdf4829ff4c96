// Browser loading through bundlers: the same small application
// (bundle-app.js, a plain `await init()`) is built with esbuild and with
// Vite, served with geovec.wasm where each bundler's users put it, and run
// in Chromium (playwright-core):
//   esbuild   bundle + geovec.wasm copied beside it (esbuild does not emit it)
//   vite      `vite build` of the package layout (dist/ts + dist/geovec.wasm,
//             compiled here into build/browser-pkg); Vite emits the asset
//   missing   the esbuild bundle without geovec.wasm: init() must reject with
//             "could not load geovec.wasm from <url> (HTTP 404); pass init({ wasm })"
// Prints "browser-bundlers: N passed, M failed" and exits non-zero on failure.
//
//   node test/browser/bundlers.mjs            (CHROMIUM=/path overrides the browser)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 60_000;
const out = join(root, 'build', 'browser-bundlers');
const wasm = join(root, 'dist', 'geovec.wasm');
const app = join(root, 'test', 'browser', 'bundle-app.js');
const require = createRequire(join(root, 'package.json'));

let passed = 0;
let failed = 0;
const report = (ok, name, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail ? `\n  ${detail.replaceAll('\n', '\n  ')}` : ''}`);
};
const finish = () => {
  console.log(`browser-bundlers: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
};

for (const dep of ['esbuild', 'vite', 'playwright-core', 'typescript']) {
  try {
    require.resolve(dep);
  } catch {
    report(false, `setup: ${dep} is missing (npm install)`);
    finish();
  }
}
if (!existsSync(chromiumPath)) {
  report(false, `setup: no Chromium at ${chromiumPath} (apt-get install chromium)`);
  finish();
}
if (!existsSync(wasm)) {
  report(false, 'setup: dist/geovec.wasm is missing (npm run build:wasm)');
  finish();
}
const load = async (name) => {
  const m = await import(pathToFileURL(require.resolve(name)).href);
  return m.default ?? m;
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const page = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module" src="${script}"></script></body></html>\n`;

// --- esbuild: bundle, wasm beside it (and a copy without it) -----------------
const esbuild = await load('esbuild');
for (const dir of ['esbuild', 'missing']) {
  const d = join(out, dir);
  await esbuild.build({
    entryPoints: [app],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(d, 'app.js'),
    alias: { geovec: join(root, 'src', 'ts', 'index.ts') },
    logLevel: 'warning',
  });
  writeFileSync(join(d, 'index.html'), page('./app.js'));
  if (dir === 'esbuild') copyFileSync(wasm, join(d, 'geovec.wasm'));
}

// --- Vite: the package layout (dist/ts + dist/geovec.wasm) -------------------
const pkg = join(out, 'pkg');
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', join(pkg, 'ts'), '--declaration', 'false'], {
  encoding: 'utf8',
});
if (tsc.status !== 0) {
  report(false, 'setup: tsc could not compile src/ts', tsc.stdout + tsc.stderr);
  finish();
}
copyFileSync(wasm, join(pkg, 'geovec.wasm'));
const viteSrc = join(out, 'vite-src');
mkdirSync(viteSrc, { recursive: true });
copyFileSync(app, join(viteSrc, 'app.js'));
writeFileSync(join(viteSrc, 'index.html'), page('./app.js'));
const vite = await import(pathToFileURL(require.resolve('vite')).href);
try {
  await vite.build({
    root: viteSrc,
    base: './',
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { geovec: join(pkg, 'ts', 'index.js') } },
    build: { outDir: join(out, 'vite'), emptyOutDir: true, target: 'es2022' },
  });
} catch (err) {
  report(false, 'setup: vite build failed', String(err?.message ?? err));
  finish();
}

// --- run the three pages ----------------------------------------------------------
const { chromium } = await load('playwright-core');
const server = await serve(root);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  timeout: TIMEOUT_MS,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
async function visit(dir) {
  const problems = [];
  const p = await browser.newPage();
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  const url = `${server.url}/build/browser-bundlers/${dir}/index.html`;
  await p.goto(url, { timeout: TIMEOUT_MS });
  await p.waitForFunction(() => window.__result !== undefined, null, { timeout: TIMEOUT_MS });
  const result = await p.evaluate(() => window.__result);
  await p.close();
  return { result, problems, url };
}
const wantBounds = [1, 2, 1, 2, 0, 0, 3, 4];
try {
  for (const dir of ['esbuild', 'vite']) {
    const { result, problems } = await visit(dir);
    const good = result.ok && result.backend === 'wasm' && JSON.stringify(result.bounds) === JSON.stringify(wantBounds) && !problems.length;
    report(good, `${dir}: init() finds geovec.wasm at its default location and computes`, good ? '' : JSON.stringify({ result, problems }));
  }
  const { result, problems, url } = await visit('missing');
  const wasmURL = new URL('geovec.wasm', url).href;
  const want = `could not load geovec.wasm from ${wasmURL} (HTTP 404); pass init({ wasm })`;
  const good = !result.ok && result.name === 'GeovecError' && result.error.includes(want) && problems.length === 1 && problems[0] === `HTTP 404 for ${wasmURL}`;
  report(good, 'missing geovec.wasm: init() rejects naming the URL and the HTTP status', good ? '' : JSON.stringify({ want, result, problems }));
} catch (err) {
  report(false, 'could not run the pages', String(err?.message ?? err));
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
finish();
