import * as gv from '../src/ts/index.js';
import { geojsonDataset } from './data.js';
import { getBackend } from '../src/ts/backend.js';
const ds = geojsonDataset('us-counties.geojson');
const what = process.argv[2] ?? 'wkb';
const N = Number(process.argv[3] ?? 2000);
const b = getBackend();
const kid = b.kernel('parse_wkb');
const fns: Record<string, () => void> = {
  wkb: () => gv.fromWKB(ds.packed).dispose(),
  rawwkb: () => { b.call(kid, [], [ds.packed.data, ds.packed.offsets], [ds.count, 4, 0]); },
  geojson: () => gv.fromGeoJSON(ds.bytes).dispose(),
  towkb: (() => { const a = gv.fromWKB(ds.packed); return () => { gv.toWKB(a, { packed: true }); }; })(),
};
const f = fns[what]!;
for (let i = 0; i < 50; i++) f();
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) f();
const dt = Number(process.hrtime.bigint() - t0) / N;
console.log(what, gv.backend(), (dt / 1e6).toFixed(3), 'ms/op', (ds.packed.data.length / dt).toFixed(2), 'GB/s(wkb bytes)');
