// Builds the page into a static folder (default dist/web) that works offline
// from any static host: index.html, style.css, app.js (the page, with the
// us-atlas data bundled in), worker.js (a geovec WebAssembly worker),
// turf-worker.js and geovec.wasm. `npm run web:build [outdir]`
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

export async function build(outdir = join(root, 'dist', 'web')) {
  const require = createRequire(join(root, 'package.json'));
  const m = await import(require.resolve('esbuild'));
  const esbuild = m.default ?? m;
  const wasm = join(root, 'dist', 'geovec.wasm');
  if (!existsSync(wasm)) throw new Error('dist/geovec.wasm is missing: run `make wasm` first');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: { app: join(here, 'app.ts'), worker: join(here, 'worker.ts'), 'turf-worker': join(here, 'turf-worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir,
    logLevel: 'warning',
    loader: { '.json': 'json' },
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(here, f), join(outdir, f));
  copyFileSync(wasm, join(outdir, 'geovec.wasm'));
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await build(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`web: built ${out} (serve it from any static host; open index.html over http)`);
}
