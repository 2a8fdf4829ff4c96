import { geojsonDataset } from './data.js';
const ds = geojsonDataset('us-counties.geojson');
function pack(parts: Uint8Array[]) {
  let total = 0;
  for (let i = 0; i < parts.length; i++) total += parts[i]?.byteLength ?? 0;
  const offsets = new Int32Array(parts.length + 1);
  const data = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < parts.length; i++) { const p = parts[i]; if (p) { data.set(p, at); at += p.byteLength; } offsets[i + 1] = at; }
  return { data, offsets };
}
const enc = new TextEncoder();
const tests: Record<string, () => unknown> = {
  pack: () => pack(ds.wkb),
  encode: () => enc.encode(ds.text),
  alloc1MB: () => new Uint8Array(ds.packed.data.length),
};
const gc = (globalThis as any).gc;
for (const [k, f] of Object.entries(tests)) {
  for (let i = 0; i < 20; i++) f();
  const t: number[] = [];
  for (let i = 0; i < 200; i++) { gc(); await new Promise((r) => setImmediate(r)); const s = process.hrtime.bigint(); f(); t.push(Number(process.hrtime.bigint() - s)); }
  t.sort((a, b) => a - b);
  console.log(k, (t[100]! / 1e6).toFixed(3), 'ms');
}
