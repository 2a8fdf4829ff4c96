import { readFileSync } from 'node:fs';
import * as gv from './src/ts/index.ts';
const t = gv.fromGeoJSON(readFileSync('/work/shared/data/us-counties.geojson', 'utf8'));
const cw = gv.toWKT(t);
const shift = cw.map((w) => { const xs = [...w!.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => Number(m[1])); const dx = (Math.max(...xs) - Math.min(...xs)) * 0.3; return w!.replace(/(-?[\d.e+-]+) (-?[\d.e+-]+)/g, (_, x, y) => `${Number(x) + dx} ${Number(y) + dx / 3}`); });
const B = gv.fromWKT(shift);
gv.setThreads(1);
for (let r = 0; r < 25; r++) { const t0 = performance.now(); gv.intersection(t, B); console.log('ms', (performance.now() - t0).toFixed(1)); }
