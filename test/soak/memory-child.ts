/**
 * Child process of test/memory-soak.test.ts (run with --expose-gc): one
 * synchronous loop of parse + bounds + toWKB + toWKT + relate + SpatialIndex
 * + queryXY + slice over the US counties, never yielding to the event loop.
 * Prints one JSON line: the memory readings (RSS + arrayBuffers, after gc())
 * at the cycles asked for. A reading "at cycle c" is the least of the
 * readings after cycles c-4 .. c: RSS moves by tens of MB from one GC to the
 * next as V8 and malloc take and return pages, and the least of five is a
 * steady measure of what stays (a leak raises every one of them).
 *
 *   GEOVEC_BACKEND=native node --expose-gc --import tsx test/soak/memory-child.ts FILE CYCLES [READ_AT] [MODE]
 *
 * MODE "dispose" (default) disposes every array; "gc" disposes none and
 * leaves them to the GC (native backend only: WASM needs dispose() in a
 * loop that never yields, see docs/api.md).
 */
import { readFileSync } from 'node:fs';
import * as gv from '../../src/ts/index.js';

const [file, cyclesArg, readAtArg, mode = 'dispose'] = process.argv.slice(2);
const dispose = mode === 'dispose';
const cycles = Number(cyclesArg ?? 1000);
const readAt = new Set((readAtArg ?? '100').split(',').map(Number).concat([cycles]));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const text = readFileSync(file!, 'utf8');
const base = gv.fromGeoJSON(text);
const wkb = gv.toWKB(base).map((b) => (b ? b.slice() : null));
const box = gv.totalBounds(base);
base.dispose();

/* 10,000 seeded points in the counties' bounds */
let s = 12345;
const rnd = () => {
  s = (s * 1103515245 + 12345) >>> 0;
  return s / 4294967296;
};
const xs = new Float64Array(10_000);
const ys = new Float64Array(10_000);
for (let i = 0; i < xs.length; i++) {
  xs[i] = box[0]! + rnd() * (box[2]! - box[0]!);
  ys[i] = box[1]! + rnd() * (box[3]! - box[1]!);
}

function reading(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  if (process.env.SOAK_DEBUG) console.error(JSON.stringify({ rss: m.rss >> 20, ab: m.arrayBuffers >> 20, heap: m.heapTotal >> 20, ext: m.external >> 20 }));
  return m.rss + m.arrayBuffers;
}

let checksum = 0;
const readings: Record<number, number> = {};
const t0 = performance.now();
for (let cycle = 1; cycle <= cycles; cycle++) {
  const a = gv.fromWKB(wkb);
  const g = gv.fromGeoJSON(text);
  checksum += gv.bounds(a)[0]!;
  checksum += gv.toWKB(g).length;
  checksum += gv.toWKT(a).length;
  const left = a.slice(0, 100);
  const right = g.slice(100, 200);
  checksum += gv.relate(left, right).length;
  const index = new gv.SpatialIndex(a);
  checksum += index.queryXY(xs, ys, { predicate: 'intersects' }).left.length;
  if (dispose) {
    left.dispose();
    right.dispose();
    a.dispose();
    g.dispose();
  }
  for (const at of readAt) {
    if (cycle > at - 5 && cycle <= at) readings[at] = Math.min(readings[at] ?? Infinity, reading());
  }
}
console.log(JSON.stringify({ backend: gv.backend(), cycles, readings, checksum, ms: Math.round(performance.now() - t0) }));
