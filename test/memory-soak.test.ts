/**
 * Memory in a synchronous loop (issue 9, item 1). A batch script that never
 * yields to the event loop must get its memory back from the ordinary GC:
 * 1,000 cycles of {parse the US counties from WKB and from GeoJSON, bounds,
 * toWKB, toWKT, relate of 100 pairs, SpatialIndex + queryXY of 10,000
 * points, slice}, and RSS + arrayBuffers after cycle 1,000 (after gc())
 * exceed those after cycle 100 by less than 20 MB.
 *
 * The loop runs in a child process started with --expose-gc (so the suite
 * runner needs no flag), on the backend of this run (GEOVEC_BACKEND). On the
 * native backend a second loop disposes nothing and leaves every array to
 * the GC.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DATA_URL, backend } from './helpers/geovec.js';

const run = promisify(execFile);
/* GEOVEC_DATA points elsewhere when ../shared/data is not beside the checkout */
const dataDir = process.env.GEOVEC_DATA ? pathToFileURL(process.env.GEOVEC_DATA.replace(/\/?$/, '/')) : DATA_URL;
const counties = new URL('us-counties.geojson', dataDir);
const child = fileURLToPath(new URL('./soak/memory-child.ts', import.meta.url));
const LIMIT = 20 * 1024 * 1024;

interface Report {
  backend: string;
  cycles: number;
  readings: Record<string, number>;
  ms: number;
}

async function soak(cycles: number, readAt: number[], mode: 'dispose' | 'gc'): Promise<Report> {
  const { stdout } = await run(
    process.execPath,
    // the young generation is fixed at its largest size from the start: V8
    // otherwise grows it when it sees fit (a one-time step of up to 32 MB of
    // RSS, seen late in the loop on a loaded machine), which is not a leak
    ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16', '--import', 'tsx', child, fileURLToPath(counties), String(cycles), readAt.join(','), mode],
    { env: { ...process.env, GEOVEC_BACKEND: backend() }, maxBuffer: 1 << 20, timeout: 300_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Report;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

test('1,000 synchronous cycles with dispose(): memory after cycle 1,000 within 20 MB of cycle 100', async (t) => {
  if (!existsSync(counties)) return t.skip(`us-counties.geojson not found in ${fileURLToPath(dataDir)}`);
  const r = await soak(1000, [100, 500], 'dispose');
  assert.equal(r.backend, backend());
  const growth = r.readings[1000]! - r.readings[100]!;
  t.diagnostic(`${r.backend}: cycle 100 ${mb(r.readings[100]!)}, 500 ${mb(r.readings[500]!)}, 1000 ${mb(r.readings[1000]!)}; growth ${mb(growth)}; ${r.ms} ms`);
  assert.ok(growth < LIMIT, `RSS + arrayBuffers grew by ${mb(growth)} between cycle 100 and 1000`);
});

test('native: 300 synchronous cycles without dispose(): the GC frees the arrays by itself', async (t) => {
  if (backend() !== 'native') return t.skip('WASM arrays are released by a FinalizationRegistry, after an event-loop turn: call dispose() in such loops');
  if (!existsSync(counties)) return t.skip(`us-counties.geojson not found in ${fileURLToPath(dataDir)}`);
  const r = await soak(300, [100], 'gc');
  const growth = r.readings[300]! - r.readings[100]!;
  t.diagnostic(`native, no dispose: cycle 100 ${mb(r.readings[100]!)}, 300 ${mb(r.readings[300]!)}; growth ${mb(growth)}; ${r.ms} ms`);
  assert.ok(growth < LIMIT, `RSS + arrayBuffers grew by ${mb(growth)} between cycle 100 and 300`);
});
