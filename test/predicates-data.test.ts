/**
 * Predicates and the DE-9IM matrix on real data (the shared data folder)
 * against GEOS 3.13 (geos-wasm): US counties x US states, Natural Earth
 * admin-1 provinces x cities (ne-cities-110m and a sample of world-cities),
 * and pairs of ne-countries-110m. Candidate pairs come from bounding boxes,
 * plus a sample of pairs whose boxes do not meet. Features GEOS reports as
 * invalid are skipped (the data README lists which files have them); on
 * the valid ones, every answer must be GEOS's.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import Flatbush from 'flatbush';

import * as gv from './helpers/geovec.js';
import { DATA_URL, PREDICATES, bounds, fromGeoJSON, relate, rng, toWKB, type GeometryArray } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

interface Layer {
  arr: GeometryArray;
  /** GEOS geometries (pointers), one per feature */
  g: number[];
  valid: boolean[];
  box: Float64Array;
}

const hasData = (name: string) => existsSync(new URL(name, DATA_URL));
const layers = new Map<string, Layer>();

function layer(name: string): Layer {
  let l = layers.get(name);
  if (l) return l;
  const arr = fromGeoJSON(readFileSync(new URL(name, DATA_URL)));
  const g = toWKB(arr).map((w) => (w ? geos.readWKB(w) : 0));
  l = { arr, g, valid: g.map((p) => p !== 0 && geos.isValid(p)), box: bounds(arr) };
  layers.set(name, l);
  return l;
}

const boxesMeet = (a: Float64Array, i: number, b: Float64Array, j: number) =>
  a[4 * i]! <= b[4 * j + 2]! && b[4 * j]! <= a[4 * i + 2]! && a[4 * i + 1]! <= b[4 * j + 3]! && b[4 * j + 1]! <= a[4 * i + 3]!;

/** Pairs (i, j) of valid features whose boxes meet, plus `far` random valid pairs whose boxes do not. */
function candidates(A: Layer, B: Layer, far: number, seed: number, limitA = Infinity): [number[], number[]] {
  const index = new Flatbush(B.arr.length);
  for (let j = 0; j < B.arr.length; j++) index.add(B.box[4 * j]!, B.box[4 * j + 1]!, B.box[4 * j + 2]!, B.box[4 * j + 3]!);
  index.finish();
  const ia: number[] = [];
  const ib: number[] = [];
  const n = Math.min(A.arr.length, limitA);
  for (let i = 0; i < n; i++) {
    if (!A.valid[i]) continue;
    for (const j of index.search(A.box[4 * i]!, A.box[4 * i + 1]!, A.box[4 * i + 2]!, A.box[4 * i + 3]!)) {
      if (B.valid[j]) ia.push(i), ib.push(j);
    }
  }
  const r = rng(seed);
  for (let k = 0, tries = 0; k < far && tries < far * 50; tries++) {
    const i = Math.floor(r() * n);
    const j = Math.floor(r() * B.arr.length);
    if (!A.valid[i] || !B.valid[j] || boxesMeet(A.box, i, B.box, j)) continue;
    ia.push(i), ib.push(j), k++;
  }
  return [ia, ib];
}

/** geovec's answers for the pairs against GEOS's; returns failure descriptions. */
function compare(A: Layer, B: Layer, ia: number[], ib: number[], withMatrix = true): { failures: string[]; counts: number[] } {
  const a = A.arr.take(ia);
  const b = B.arr.take(ib);
  const ours = PREDICATES.map((p) => gv[p](a, b));
  const mats = withMatrix ? relate(a, b) : [];
  const failures: string[] = [];
  const counts = PREDICATES.map(() => 0);
  for (let k = 0; k < ia.length; k++) {
    const ga = A.g[ia[k]!]!;
    const gb = B.g[ib[k]!]!;
    const bad: string[] = [];
    if (withMatrix) {
      const m = geos.relate(ga, gb);
      if (m !== mats[k]) bad.push(`relate ${mats[k]} (GEOS ${m})`);
    }
    PREDICATES.forEach((name, p) => {
      const g = geos.predicate(p, ga, gb);
      if (g === 1) counts[p]!++;
      if (g !== ours[p]![k]) bad.push(`${name} ${ours[p]![k]} (GEOS ${g})`);
    });
    if (bad.length) failures.push(`features ${ia[k]} x ${ib[k]}: ${bad.join(', ')}`);
  }
  return { failures, counts };
}

function report(t: { diagnostic(s: string): void }, what: string, n: number, r: { failures: string[]; counts: number[] }) {
  t.diagnostic(`${what}: ${n} pairs; true answers: ${PREDICATES.map((p, k) => `${p} ${r.counts[k]}`).join(', ')}`);
  assert.equal(r.failures.length, 0, `${r.failures.length} of ${n} pairs disagree with GEOS:\n${r.failures.slice(0, 20).join('\n')}`);
}

describe('predicates on real data: agreement with GEOS 3.13', () => {
  test('US counties x US states', { skip: !hasData('us-counties.geojson') }, (t) => {
    const A = layer('us-counties.geojson');
    const B = layer('us-states.geojson');
    t.diagnostic(`invalid features skipped: ${A.valid.filter((v) => !v).length} counties, ${B.valid.filter((v) => !v).length} states`);
    const [ia, ib] = candidates(A, B, 500, 1);
    report(t, 'counties x states', ia.length, compare(A, B, ia, ib));
  });

  test('US counties x US counties (shared boundaries)', { skip: !hasData('us-counties.geojson') }, (t) => {
    const A = layer('us-counties.geojson');
    const [ia, ib] = candidates(A, A, 300, 6);
    report(t, 'counties x counties', ia.length, compare(A, A, ia, ib));
  });

  test('ne-admin1-10m provinces x provinces (large shared boundaries)', { skip: !hasData('ne-admin1-10m.geojson') }, (t) => {
    const P = layer('ne-admin1-10m.geojson');
    /* a seeded sample of provinces, each against the provinces whose boxes meet its own */
    const r = rng(8);
    const picked = new Set<number>();
    while (picked.size < 250) picked.add(Math.floor(r() * P.arr.length));
    const [ia0, ib0] = candidates(P, P, 0, 9);
    const ia: number[] = [];
    const ib: number[] = [];
    ia0.forEach((i, k) => {
      if (picked.has(i)) ia.push(i), ib.push(ib0[k]!);
    });
    report(t, 'provinces x provinces', ia.length, compare(P, P, ia, ib));
  });

  test('ne-countries-110m x ne-countries-110m', { skip: !hasData('ne-countries-110m.geojson') }, (t) => {
    const A = layer('ne-countries-110m.geojson');
    const [ia, ib] = candidates(A, A, 300, 2);
    report(t, 'countries x countries', ia.length, compare(A, A, ia, ib));
  });

  test('ne-admin1-10m provinces x ne-cities-110m and world-cities', { skip: !hasData('ne-admin1-10m.geojson') }, (t) => {
    const P = layer('ne-admin1-10m.geojson');
    t.diagnostic(`invalid provinces skipped: ${P.valid.filter((v) => !v).length}`);
    const C = layer('ne-cities-110m.geojson');
    const [ic, ip] = candidates(C, P, 300, 3);
    report(t, 'ne-cities-110m x provinces', ic.length, compare(C, P, ic, ip));
    /* a seeded sample of world-cities (each city against every province whose box holds it) */
    const W = layer('world-cities.geojson');
    const r = rng(4);
    const sample = new Set<number>();
    while (sample.size < 3000) sample.add(Math.floor(r() * W.arr.length));
    const picked = [...sample].sort((x, y) => x - y);
    const sub: Layer = {
      arr: W.arr.take(picked),
      g: picked.map((i) => W.g[i]!),
      valid: picked.map((i) => W.valid[i]!),
      box: Float64Array.from(picked.flatMap((i) => [...W.box.subarray(4 * i, 4 * i + 4)])),
    };
    const [iw, iq] = candidates(sub, P, 300, 5);
    /* provinces against cities too (the polygon as A) */
    report(t, 'world-cities sample x provinces', iw.length, compare(sub, P, iw, iq, true));
    report(t, 'provinces x world-cities sample', iw.length, compare(P, sub, iq, iw, false));
  });
});
