import * as gv from '../src/ts/index.js';
import { getBackend } from '../src/ts/backend.js';
import { geojsonDataset } from './data.js';
const ds = geojsonDataset('us-counties.geojson');
const b = getBackend();
const kwkb = b.kernel('parse_wkb'), kinfo = b.kernel('array_info'), kgj = b.kernel('parse_geojson');
const small = gv.fromWKB([ds.wkb[0]!]);
const off64 = new BigInt64Array(Array.from(ds.packed.offsets, (x) => BigInt(x)));
const tests: Record<string, () => unknown> = {
  'raw call parse_wkb': () => { const r = b.call(kwkb, [], [ds.packed.data, ds.packed.offsets], [ds.count, 4, 0]); if (r.array) b.release(r.array); },
  'raw call parse_wkb int64 offsets': () => { const r = b.call(kwkb, [], [ds.packed.data, off64], [ds.count, 8, 0]); if (r.array) b.release(r.array); },
  'fromWKB packed': () => gv.fromWKB(ds.packed).dispose(),
  'raw call array_info (tiny)': () => b.call(kinfo, [small.handle], [], []),
  'raw call parse_geojson': () => { const r = b.call(kgj, [], [ds.bytes], [0, 0]); if (r.array) b.release(r.array); },
  'fromGeoJSON bytes': () => gv.fromGeoJSON(ds.bytes).dispose(),
};
const gc = (globalThis as any).gc;
for (const [k, f] of Object.entries(tests)) {
  for (let i = 0; i < 30; i++) f();
  const t: number[] = [];
  for (let i = 0; i < 300; i++) { gc(); await new Promise((r) => setImmediate(r)); const s = process.hrtime.bigint(); f(); t.push(Number(process.hrtime.bigint() - s)); }
  t.sort((a, c) => a - c);
  console.log(b.name.padEnd(7), k.padEnd(34), 'median', (t[150]! / 1e6).toFixed(3), 'ms  p10', (t[30]! / 1e6).toFixed(3), 'ms');
}
