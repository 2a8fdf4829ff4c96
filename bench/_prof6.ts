import * as gv from '../src/ts/index.js';
import { getBackend } from '../src/ts/backend.js';
import { writeGeoJSONText } from '../src/ts/write.js';
import { geojsonDataset } from './data.js';
const ds = geojsonDataset('us-counties.geojson');
const b = getBackend();
const a = gv.fromWKB(ds.packed);
const k = b.kernel('write_geojson');
const tests: Record<string, () => unknown> = {
  'raw call write_geojson': () => b.call(k, [a.handle], [], [0, a.length, -1]),
  'writeGeoJSONText (per-element strings)': () => writeGeoJSONText(a.handle, 0, a.length, -1),
  "toGeoJSON as text": () => gv.toGeoJSON(a, { as: 'text' }),
};
const gc = (globalThis as any).gc;
for (const [name, f] of Object.entries(tests)) {
  for (let i = 0; i < 10; i++) f();
  const t: number[] = [];
  for (let i = 0; i < 60; i++) { gc(); await new Promise((r) => setImmediate(r)); const s = process.hrtime.bigint(); f(); t.push(Number(process.hrtime.bigint() - s)); }
  t.sort((x, y) => x - y);
  console.log(b.name.padEnd(7), name.padEnd(40), 'median', (t[30]! / 1e6).toFixed(3), 'ms  min', (t[0]! / 1e6).toFixed(3));
}
