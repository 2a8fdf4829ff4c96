/**
 * Buffer against GEOS 3.13 BufferOp (geos-wasm) with the same parameters:
 * seeded random geometries of every type (on small grids: shared vertices,
 * collinear runs, lines that double back, closed lines, holes touching
 * shells) with random cap and join styles, quadrant segments and mitre
 * limits; US counties; and the semantics GEOS defines (negative and zero
 * distances, caps, joins, single-sided, per-element distances, nulls),
 * holes where the shape makes them, metres on longitude/latitude checked
 * with GeographicLib, and argument errors.
 *
 * Agreement: area of the symmetric difference <= 0.5% of GEOS's area,
 * Hausdorff distance between the boundaries <= 2% of |distance|, the same
 * numbers of polygons and holes; every result valid (geovec and GEOS).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { DATA_URL, GeovecError, fromGeoJSON, fromWKT, randInt, rng, toWKT } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { bufferMismatch, geosBuffer, type BufferParams } from './helpers/geos-buffer.js';
import { inverse } from './helpers/geod-oracle.js';
import { GEOM_TYPES, RandomGeoms, toWkt, type Geom, type XY } from './helpers/random-geoms.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

const CAPS = ['round', 'flat', 'square'] as const;
const JOINS = ['round', 'mitre', 'bevel'] as const;
const MATCH = { areaTol: 5e-3, hausdorffTol: 0.02, sameCounts: true };

/** The members of a collection, nested collections flattened. */
function members(g: Geom): Geom[] {
  return g.t === 'GeometryCollection' ? g.g.flatMap(members) : [g];
}

/**
 * GEOS's buffer of g. For a collection eroded (d < 0), the union of its
 * members' buffers: geovec's definition (a collection's polygons may
 * overlap; GEOS's depth counting over all their curves at once is not the
 * union of their erosions, and gives results that depend on the overlap).
 */
function oracle(g: Geom, d: number, p: BufferParams): number {
  if (g.t !== 'GeometryCollection' || d >= 0) {
    const in0 = geos.read(toWkt(g));
    const r = geosBuffer(geos, in0, d, p);
    geos.destroy(in0);
    return r;
  }
  let u = geos.read('POLYGON EMPTY');
  for (const m of members(g)) {
    const in0 = geos.read(toWkt(m));
    const b = geosBuffer(geos, in0, d, p);
    const v = geos.fn('GEOSUnion', u, b);
    geos.destroy(in0);
    geos.destroy(b);
    geos.destroy(u);
    u = v;
  }
  return u;
}

const same = (a: XY, b: XY) => a[0] === b[0] && a[1] === b[1];
const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const dot = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[0] - o[0]) + (a[1] - o[1]) * (b[1] - o[1]);

/**
 * Whether a line of g doubles back on itself: a vertex where it reverses,
 * or two of its segments overlapping collinearly. There GEOS's offset
 * curves follow heuristics (a reversal closed flat, overlapping offset
 * segments cancelling), and its result can miss points of the line itself.
 */
function doublesBack(r: RandomGeoms, g: Geom): boolean {
  for (const run0 of r.runs(g)) {
    const run = run0.filter((p, i) => i === 0 || !same(p, run0[i - 1]!));
    if (run.length < 3) continue;
    const closed = run.length >= 4 && same(run[0]!, run[run.length - 1]!);
    const n = run.length;
    for (let i = 1; i < n; i++) {
      const u = run[i - 1]!, v = run[i]!;
      const w = i + 1 < n ? run[i + 1]! : closed ? run[1]! : null;
      if (w && cross(u, v, w) === 0 && dot(v, u, w) > 0) return true;
    }
    for (let i = 0; i + 1 < n; i++) {
      for (let j = i + 2; j + 1 < n; j++) {
        const [a, b, c, e] = [run[i]!, run[i + 1]!, run[j]!, run[j + 1]!];
        if (cross(a, b, c) !== 0 || cross(a, b, e) !== 0) continue;
        const t = (p: XY) => dot(a, b, p) / dot(a, b, b);
        const lo = Math.max(0, Math.min(t(c), t(e))), hi = Math.min(1, Math.max(t(c), t(e)));
        if (hi > lo) return true;
      }
    }
  }
  return false;
}

/**
 * Whether a flat or square cap lies near a turn of its line (an end segment
 * shorter than 2|d|): GEOS's offset curve then trims the next segment's
 * offset at the cap line, where geovec keeps every point of that segment's
 * rectangle (the points within d of the segment).
 */
function capMeetsTurn(r: RandomGeoms, g: Geom, d: number, p: BufferParams): boolean {
  if ((p.cap ?? 1) === 1) return false;
  return members(g).some((m) => (m.t === 'LineString' || m.t === 'MultiLineString') && r.runs(m).some((run) => {
    const n = run.length;
    if (n < 3) return false;
    const len = (a: XY, b: XY) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    return len(run[0]!, run[1]!) < 2 * Math.abs(d) || len(run[n - 2]!, run[n - 1]!) < 2 * Math.abs(d);
  }));
}

describe('buffer against GEOS BufferOp', () => {
  test('seeded random geometries of every type, random caps, joins, quadrant segments and mitre limits', () => {
    const r = new RandomGeoms(20261205, (w) => geos.isValidWKT(w));
    const inputs: Geom[] = [], dist: number[] = [], params: BufferParams[] = [];
    for (let i = 0; i < 2100; i++) {
      inputs.push(r.geometry(GEOM_TYPES[i % GEOM_TYPES.length]!));
      dist.push(r.pick([0.25, 0.5, 1, 1, 2.5, -0.25, -0.5, -1, 0]));
      params.push({ cap: 1 + r.int(3), join: 1 + r.int(3), quadSegs: r.pick([8, 8, 8, 2, 4, 16]), mitreLimit: r.pick([5, 5, 2, 1.2]) });
    }
    const arr = fromWKT(inputs.map(toWkt));
    // one call per parameter set, each over every element with its own distance
    const ours: (string | null)[] = new Array(inputs.length).fill(null);
    const valid: number[] = new Array(inputs.length).fill(0);
    const groups = new Map<string, number[]>();
    params.forEach((p, i) => {
      const k = `${p.cap}|${p.join}|${p.quadSegs}|${p.mitreLimit}`;
      groups.set(k, [...(groups.get(k) ?? []), i]);
    });
    for (const idx of groups.values()) {
      const p = params[idx[0]!]!;
      const sub = arr.take(idx);
      const out = gv.buffer(sub, Float64Array.from(idx, (i) => dist[i]!), {
        capStyle: CAPS[p.cap! - 1], joinStyle: JOINS[p.join! - 1], quadSegs: p.quadSegs!, mitreLimit: p.mitreLimit!,
      });
      const w = toWKT(out), v = gv.isValid(out);
      idx.forEach((i, k) => {
        ours[i] = w[k]!;
        valid[i] = v[k]!;
      });
    }
    const failures: string[] = [], excused: string[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const wkt = toWkt(inputs[i]!);
      assert.equal(valid[i], 1, `geovec calls its own buffer of ${wkt} invalid: ${ours[i]}`);
      const want = oracle(inputs[i]!, dist[i]!, params[i]!);
      assert.ok(want, `GEOS failed on ${wkt}`);
      const got = geos.read(ours[i]!);
      const why = bufferMismatch(geos, got, want, dist[i]!, { ...MATCH, quadSegs: params[i]!.quadSegs! });
      const what = `buffer(${wkt}, ${dist[i]}, ${JSON.stringify(params[i])}) = ${ours[i]!.slice(0, 160)}: ${why}\n  GEOS ${geos.toWKT(want)!.slice(0, 160)}`;
      geos.destroy(got);
      geos.destroy(want);
      if (!why) continue;
      assert.doesNotMatch(why, /invalid/, what);
      if (doublesBack(r, inputs[i]!) || capMeetsTurn(r, inputs[i]!, dist[i]!, params[i]!)) excused.push(what);
      else failures.push(what);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${inputs.length} disagree with GEOS`);
    // where a line doubles back, or a flat or square cap meets a turn, GEOS's heuristics may differ; few may
    assert.ok(excused.length <= inputs.length * 0.01, `${excused.length} disagreements on lines that double back:\n${excused.slice(0, 5).join('\n')}`);
  });

  test('every geometry type buffered at the same distances agrees, as one array per distance', () => {
    const r = new RandomGeoms(7, (w) => geos.isValidWKT(w));
    const inputs = Array.from({ length: 700 }, (_, i) => r.geometry(GEOM_TYPES[i % GEOM_TYPES.length]!)).filter((g) => !doublesBack(r, g));
    const arr = fromWKT(inputs.map(toWkt));
    for (const d of [0.4, 1.5, -0.3]) {
      const out = toWKT(gv.buffer(arr, d));
      out.forEach((w, i) => {
        const want = oracle(inputs[i]!, d, {});
        const got = geos.read(w!);
        const why = bufferMismatch(geos, got, want, d, MATCH);
        assert.equal(why, null, `buffer(${toWkt(inputs[i]!)}, ${d}) = ${w}\n  GEOS ${geos.toWKT(want)}`);
        geos.destroy(got);
        geos.destroy(want);
      });
    }
  });

  // every dataset of ../shared/data: all features of the small ones, every
  // k-th of the large ones; inputs GEOS calls invalid are buffered (and
  // must give valid output) but not compared (buffers of invalid polygons
  // are not defined)
  const DATASETS: [file: string, every: number, distances: number[]][] = [
    ['us-counties.geojson', 1, [0.05, -0.02]],
    ['us-states.geojson', 1, [0.1, -0.05]],
    ['ne-countries-110m.geojson', 1, [0.5, -0.2]],
    ['nybb.geojson', 1, [500, -200]],
    ['tg-shapes.geojson', 1, [0.05, -0.02]],
    ['ne-countries-10m.geojson', 10, [0.05]],
    ['ne-admin1-10m.geojson', 40, [0.05, -0.02]],
    ['ne-cities-110m.geojson', 1, [0.5]],
    ['world-cities.geojson', 20, [0.1]],
  ];
  for (const [file, every, distances] of DATASETS) {
    const url = new URL(file, DATA_URL);
    test(`${file}${every > 1 ? ` (every ${every}th feature)` : ''}, buffered by ${distances.join(' and ')}`, { skip: existsSync(url) ? false : 'no ../shared/data' }, () => {
      const all = fromGeoJSON(readFileSync(url, 'utf8'));
      const idx = Array.from({ length: Math.ceil(all.length / every) }, (_, k) => k * every);
      const data = all.take(idx);
      const wkt = toWKT(data);
      const valid = wkt.map((w) => geos.isValidWKT(w!));
      let compared = 0;
      for (const d of distances) {
        const out = gv.buffer(data, d);
        const ok = gv.isValid(out);
        toWKT(out).forEach((w, i) => {
          assert.equal(ok[i], 1, `${file} feature ${idx[i]} buffered ${d}: invalid result`);
          if (!valid[i]) return;
          const in0 = geos.read(wkt[i]!);
          const want = geosBuffer(geos, in0, d);
          const got = geos.read(w!);
          // (the Hausdorff check is quadratic: left out for the few results of tens of thousands of vertices)
          const why = bufferMismatch(geos, got, want, d, { ...MATCH, maxHausdorffCoords: 30_000 });
          for (const g of [in0, want, got]) geos.destroy(g);
          compared++;
          assert.equal(why, null, `${file} feature ${idx[i]} buffered ${d}`);
        });
      }
      assert.ok(compared > 0);
    });
  }
});

describe('buffer semantics', () => {
  test('nulls, empties, zero and negative distances', () => {
    const a = fromWKT([null, 'POINT EMPTY', 'POINT (1 1)', 'LINESTRING (0 0, 4 0)', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'GEOMETRYCOLLECTION EMPTY']);
    const eroded = gv.buffer(a, -1);
    assert.deepEqual(toWKT(eroded), [null, 'POLYGON EMPTY', 'POLYGON EMPTY', 'POLYGON EMPTY', toWKT(eroded)[4], 'POLYGON EMPTY']);
    assert.equal(gv.equals(eroded.take([4]), fromWKT(['POLYGON ((1 1, 1 3, 3 3, 3 1, 1 1))']))[0], 1);
    const zero = gv.buffer(a, 0);
    assert.deepEqual(toWKT(zero).slice(0, 4), [null, 'POLYGON EMPTY', 'POLYGON EMPTY', 'POLYGON EMPTY']);
    assert.equal(gv.area(zero)[4], 16);
    assert.equal(gv.equals(zero.take([4]), a.take([4]))[0], 1);
    assert.equal(toWKT(gv.buffer(a, -2))[4], 'POLYGON EMPTY'); // eroded away
  });

  test('a point is a circle of 4 x quadSegs segments; caps and joins have the sizes they should', () => {
    for (const q of [1, 2, 8, 20]) {
      const c = gv.buffer(fromWKT(['POINT (10 20)']), 3, { quadSegs: q });
      const coords = gv.getCoordinates(c).coords;
      assert.equal(coords.length / 2, 4 * q + 1);
      for (let k = 0; k < coords.length; k += 2) assert.ok(Math.abs(Math.hypot(coords[k]! - 10, coords[k + 1]! - 20) - 3) < 1e-12);
    }
    const seg = fromWKT(['LINESTRING (0 0, 10 0)']);
    assert.ok(Math.abs(gv.area(gv.buffer(seg, 1, { capStyle: 'flat' }))[0]! - 20) < 1e-12);
    assert.ok(Math.abs(gv.area(gv.buffer(seg, 1, { capStyle: 'square' }))[0]! - 24) < 1e-12);
    const round = gv.area(gv.buffer(seg, 1, { quadSegs: 64 }))[0]!;
    assert.ok(round < 20 + Math.PI && round > 20 + Math.PI - 1e-3, `round caps: ${round}`);
    assert.equal(toWKT(gv.buffer(fromWKT(['POINT (0 0)']), 1, { capStyle: 'flat' }))[0], 'POLYGON EMPTY');
    const square = gv.buffer(fromWKT(['POINT (0 0)']), 1, { capStyle: 'square' });
    assert.equal(gv.equals(square, fromWKT(['POLYGON ((-1 -1, -1 1, 1 1, 1 -1, -1 -1))']))[0], 1);
    // a right-angle corner: the mitre reaches the corner of the offsets, the bevel cuts it
    const corner = fromWKT(['LINESTRING (0 0, 10 0, 10 10)']);
    const mitre = gv.buffer(corner, 1, { joinStyle: 'mitre', capStyle: 'flat' });
    assert.equal(gv.intersects(mitre, fromWKT(['POINT (10.999 -0.999)']))[0], 1);
    const bevel = gv.buffer(corner, 1, { joinStyle: 'bevel', capStyle: 'flat' });
    assert.equal(gv.intersects(bevel, fromWKT(['POINT (10.9 -0.9)']))[0], 0);
    assert.ok(Math.abs(gv.area(mitre)[0]! - 40) < 1e-12);
    assert.ok(Math.abs(gv.area(bevel)[0]! - 39.5) < 1e-12);
    // a 10-degree spike: the mitre is cut at mitreLimit x distance
    // (the reach along the outward bisector: the full mitre 1 / sin(5 deg) or the limit)
    const spike = fromWKT(['LINESTRING (0 0, 10 0, 0 1.7632698070846497)']);
    const t2 = [-10, 1.7632698070846497].map((v) => v / Math.hypot(10, 1.7632698070846497));
    const u = [1 - t2[0]!, -t2[1]!].map((v, _, a) => v / Math.hypot(a[0]!, a[1]!));
    for (const limit of [2, 5, 20]) {
      const b = gv.buffer(spike, 1, { joinStyle: 'mitre', mitreLimit: limit, capStyle: 'flat' });
      const c = gv.getCoordinates(b).coords;
      let reach = 0;
      for (let k = 0; k < c.length; k += 2) reach = Math.max(reach, (c[k]! - 10) * u[0]! + c[k + 1]! * u[1]!);
      const want = Math.min(limit, 1 / Math.sin((5 * Math.PI) / 180));
      assert.ok(Math.abs(reach - want) < 1e-9, `mitre limit ${limit}: reach ${reach}, want ${want}`);
    }
  });

  test('holes where the shape makes them: a U-shaped road keeps its gap, a closed loop has a hole', () => {
    const road = fromWKT(['LINESTRING (0 0, 0 10, 4 10, 4 0)']);
    const b = gv.buffer(road, 1);
    assert.equal(gv.intersects(b, fromWKT(['POINT (2 2)']))[0], 0);
    assert.equal(gv.intersects(b, fromWKT(['POINT (2 9.5)']))[0], 1);
    assert.equal(gv.intersects(gv.buffer(road, 2.5), fromWKT(['POINT (2 2)']))[0], 1);
    const loop = fromWKT(['LINESTRING (0 0, 10 0, 10 10, 0 10, 0 0)']);
    const ring = gv.buffer(loop, 2);
    assert.equal(gv.getNumInteriorRings(ring)[0], 1);
    // 14 x 14 with rounded corners, minus the 6 x 6 hole (arcs as chords lose a little)
    assert.ok(Math.abs(gv.area(ring)[0]! - (196 - 4 * (4 - Math.PI) - 36)) < 0.2);
    assert.equal(gv.getNumInteriorRings(gv.buffer(loop, 6))[0], 0);
  });

  test('single-sided: the left side for a positive distance, the right for a negative one', () => {
    const l = fromWKT(['LINESTRING (0 0, 10 0)']);
    const left = gv.buffer(l, 2, { singleSided: true });
    const right = gv.buffer(l, -2, { singleSided: true });
    assert.equal(gv.area(left)[0], 20);
    assert.equal(gv.area(right)[0], 20);
    assert.deepEqual([...gv.bounds(left)], [0, 0, 10, 2]);
    assert.deepEqual([...gv.bounds(right)], [0, -2, 10, 0]);
    const want = geosBuffer(geos, geos.read('LINESTRING (0 0, 10 0, 10 10)'), 2, { singleSided: true });
    const got = geos.read(toWKT(gv.buffer(fromWKT(['LINESTRING (0 0, 10 0, 10 10)']), 2, { singleSided: true }))[0]!);
    assert.equal(bufferMismatch(geos, got, want, 2, MATCH), null);
  });

  test('per-element distances, views, gridSize', () => {
    const pts = gv.points([0, 10, 20], [0, 0, 0]);
    const b = gv.buffer(pts, new Float64Array([1, 2, 3]), { quadSegs: 32 });
    const r = gv.area(b).map((x) => Math.sqrt(x / Math.PI));
    [1, 2, 3].forEach((want, i) => assert.ok(Math.abs(r[i]! - want) < 0.01 * want));
    assert.deepEqual(toWKT(gv.buffer(pts.get(1)!, 1)), toWKT(gv.buffer(pts.take([1]), 1)));
    // an array of points only (written straight out) gives the vertices the general path gives each point
    const only = fromWKT(['POINT (1.5 2.25)', 'POINT (-3 7)', null as unknown as string, 'POINT (1e6 -2e5)']);
    const mixed = fromWKT(['POINT (1.5 2.25)', 'POINT (-3 7)', null as unknown as string, 'POINT (1e6 -2e5)', 'LINESTRING (0 0, 1 1)']);
    for (const opts of [{}, { quadSegs: 3 }, { capStyle: 'square' as const }]) {
      const d = new Float64Array([0.7, 2, 1, 0.013]);
      assert.deepEqual(toWKT(gv.buffer(only, d, opts)), toWKT(gv.buffer(mixed, new Float64Array([...d, 1]), opts)).slice(0, 4));
    }
    const g = gv.buffer(fromWKT(['LINESTRING (0.3 0.3, 7.1 4.2)']), 1.3, { gridSize: 0.25 });
    const c = gv.getCoordinates(g).coords;
    assert.ok(c.length > 8);
    for (const v of c) assert.equal(Math.round(v * 4) / 4, v);
    assert.equal(gv.isValid(g)[0], 1);
  });

  test("units 'metres': every vertex of a point's buffer lies within 0.1% of the distance (GeographicLib), up to 80 degrees", () => {
    const lon = [10.75, -78.5, 0, 179.9, -120, 30, 0], lat = [59.91, -0.22, 80, -80, 45, -60, 0];
    for (const d of [50, 5000, 50_000, 500_000]) {
      const b = gv.buffer(gv.points(lon, lat), d, { units: 'metres' });
      assert.ok(gv.isValid(b).every((v) => v === 1));
      for (let i = 0; i < lon.length; i++) {
        const c = gv.getCoordinates(b.take([i])).coords;
        assert.equal(c.length / 2, 33);
        for (let k = 0; k < c.length; k += 2) {
          const s = inverse(lat[i]!, lon[i]!, c[k + 1]!, c[k]!).s12;
          assert.ok(Math.abs(s - d) <= 1e-3 * d, `point ${lon[i]} ${lat[i]}, ${d} m: vertex at ${s} m`);
        }
      }
    }
    // a line in metres: the distance from every output vertex to the line is about d
    const road = fromWKT(['LINESTRING (10.70 59.90, 10.80 59.95)']);
    const rb = gv.buffer(road, 1000, { units: 'metres' });
    assert.equal(gv.isValid(rb)[0], 1);
    assert.throws(() => gv.buffer(fromWKT(['POINT (0 95)']), 10, { units: 'metres' }), /latitudes/);
  });

  test('argument errors name the argument', () => {
    const a = fromWKT(['POINT (0 0)', 'POINT (1 1)']);
    assert.throws(() => gv.buffer(a, NaN), GeovecError);
    assert.throws(() => gv.buffer(a, new Float64Array([1])), /2 geometries/);
    assert.throws(() => gv.buffer(a, new Float64Array([1, Infinity])), /distance 1/);
    assert.throws(() => gv.buffer(a, 1, { capStyle: 'butt' as never }), /capStyle/);
    assert.throws(() => gv.buffer(a, 1, { joinStyle: 'miter' as never }), /joinStyle/);
    assert.throws(() => gv.buffer(a, 1, { quadSegs: 2.5 }), /quadSegs/);
    assert.throws(() => gv.buffer(a, 1, { mitreLimit: -1 }), /mitreLimit/);
    assert.throws(() => gv.buffer(a, 1, { units: 'feet' as never }), /units/);
    assert.throws(() => gv.buffer({} as never, 1), /buffer/);
  });
});

describe('offsetCurve against GEOS OffsetCurve', () => {
  /** GEOS's offset curve (GEOS 3.13 uses 8 quadrant segments whatever it is given, and round joins for polygons). */
  function geosOffset(wkt: string, d: number, join: number): number {
    const g = geos.read(wkt);
    try {
      return geos.fn('GEOSOffsetCurve', g, d, 8, join, 5);
    } finally {
      geos.destroy(g);
    }
  }

  function mismatch(ours: string, gr: number, d: number): string | null {
    const go = geos.read(ours);
    try {
      const e1 = geos.fn('GEOSisEmpty', go), e2 = geos.fn('GEOSisEmpty', gr);
      if (e1 !== e2) return `empty ${e1}, GEOS ${e2}`;
      if (e1) return null;
      const h = geos.double('GEOSHausdorffDistance', go, gr)!;
      const l1 = geos.double('GEOSLength', go)!, l2 = geos.double('GEOSLength', gr)!;
      if (h > 0.02 * Math.abs(d) || Math.abs(l1 - l2) > 0.01 * l2) return `Hausdorff ${h}, length ${l1}, GEOS ${l2}`;
      return null;
    } finally {
      geos.destroy(go);
    }
  }

  test('seeded random lines (simple, open) and polygons: the same curves', () => {
    const r = new RandomGeoms(424242, (w) => geos.isValidWKT(w));
    const joins = ['round', 'mitre', 'bevel'] as const;
    let compared = 0;
    const failures: string[] = [];
    for (let i = 0; i < 1600; i++) {
      const type = (['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const)[i % 4];
      const w = toWkt(r.geometry(type));
      const g = geos.read(w);
      const simple = geos.fn('GEOSisSimple', g) === 1;
      geos.destroy(g);
      const closed = /^LINESTRING \((\S+ \S+),.*, \1\)$/.test(w) || /^MULTILINESTRING/.test(w);
      if (type.endsWith('LineString') && (!simple || closed)) continue;
      const d = r.pick([0.3, 1, -0.5, 2, -1.5]);
      const join = type.endsWith('Polygon') ? 1 : 1 + r.int(3);
      const ours = toWKT(gv.offsetCurve(fromWKT([w]), d, { joinStyle: joins[join - 1] }))[0]!;
      const gr = geosOffset(w, d, join);
      compared++;
      const why = mismatch(ours, gr, d);
      if (why) failures.push(`offsetCurve(${w}, ${d}, ${joins[join - 1]}) = ${ours.slice(0, 200)}: ${why}\n  GEOS ${geos.toWKT(gr)!.slice(0, 200)}`);
      geos.destroy(gr);
    }
    assert.ok(compared > 600, `${compared} compared`);
    assert.deepEqual(failures, []);
  });

  test('lines that cross themselves or close: sections as GEOS cuts them, nearly always', () => {
    const r = new RandomGeoms(99, (w) => geos.isValidWKT(w));
    let compared = 0;
    const failures: string[] = [];
    for (let i = 0; i < 600; i++) {
      const w = toWkt(r.geometry('LineString'));
      const d = r.pick([0.3, 1, -0.5]);
      const ours = toWKT(gv.offsetCurve(fromWKT([w]), d))[0]!;
      const gr = geosOffset(w, d, 1);
      compared++;
      const why = mismatch(ours, gr, d);
      if (why) failures.push(`offsetCurve(${w}, ${d}) = ${ours.slice(0, 200)}: ${why}\n  GEOS ${geos.toWKT(gr)!.slice(0, 200)}`);
      geos.destroy(gr);
    }
    // GEOS's sections of self-crossing lines follow its own heuristics ("best effort", its docs say)
    assert.ok(failures.length <= 0.03 * compared, `${failures.length} of ${compared}:\n${failures.slice(0, 5).join('\n')}`);
  });

  test('semantics: sides, joins, points, polygons, collections, zero, nulls, errors', () => {
    const a = fromWKT(['LINESTRING (0 0, 10 0, 10 10)', 'POINT (1 1)', null, 'MULTILINESTRING ((0 0, 10 0), (0 5, 10 5))', 'LINESTRING (0 0, 10 0, 10 1, 0 1)']);
    assert.deepEqual(toWKT(gv.offsetCurve(a, 1)), ['LINESTRING (0 1, 9 1, 9 10)', 'LINESTRING EMPTY', null, 'MULTILINESTRING ((0 1, 10 1), (0 6, 10 6))', 'LINESTRING EMPTY']);
    assert.deepEqual(toWKT(gv.offsetCurve(a.take([0]), -1, { joinStyle: 'mitre' })), ['LINESTRING (0 -1, 11 -1, 11 10)']);
    assert.deepEqual(toWKT(gv.offsetCurve(a.take([0]), -1, { joinStyle: 'bevel' })), ['LINESTRING (0 -1, 10 -1, 11 0, 11 10)']);
    const arc = gv.getCoordinates(gv.offsetCurve(a.take([0]), -1, { quadSegs: 2 })).coords;
    assert.equal(arc.length / 2, 5); // two arc segments in the quarter turn
    assert.deepEqual(toWKT(gv.offsetCurve(a.take([0]), 0)), ['LINESTRING (0 0, 10 0, 10 10)']);
    const square = fromWKT(['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))']);
    assert.equal(gv.length(gv.offsetCurve(square, -1))[0], 32);
    assert.equal(gv.equals(gv.offsetCurve(square, -1), gv.boundary(gv.buffer(square, -1)))[0], 1);
    assert.throws(() => gv.offsetCurve(a, NaN), /distance/);
    assert.throws(() => gv.offsetCurve(a, 1, { joinStyle: 'miter' as never }), /joinStyle/);
  });
});

/**
 * The polygon fast path (buffer.h, gv_buffer_fast: the rings' offset
 * curves written out when an exact sweep proves them simple, disjoint and
 * nested as the input) against the pieces + overlay path on the same
 * input. A GEOMETRYCOLLECTION always takes the pieces path and buffers as
 * its single polygon does, so wrapping each polygon in one gives the slow
 * path's answer to compare with.
 */
describe('buffer fast path for polygons', () => {
  const wrap = (a: gv.GeometryArray) => fromWKT(toWKT(a).map((w) => (w == null ? null : `GEOMETRYCOLLECTION (${w})`)));
  type Opts = NonNullable<Parameters<typeof gv.buffer>[2]>;

  /** Fast and slow paths agree: both valid, areas within 1e-9 relative, symmetric difference tiny. */
  function sameAsSlow(a: gv.GeometryArray, d: number, o: Opts = {}, what = ''): string[] {
    const fast = gv.buffer(a, d, o), slow = gv.buffer(wrap(a), d, o);
    const vf = gv.isValid(fast), vs = gv.isValid(slow);
    const af = gv.area(fast), as = gv.area(slow), sd = gv.area(gv.symDifference(fast, slow));
    const wf = toWKT(fast), wi = toWKT(a);
    const bad: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const scale = Math.max(Math.abs(as[i]!), 1e-300);
      if (vf[i] !== 1 || vs[i] !== 1) bad.push(`${what} ${i}: invalid (${vf[i]}, ${vs[i]}) ${wi[i]!.slice(0, 200)}`);
      else if ((as[i] === 0) !== (af[i] === 0) || Math.abs(af[i]! - as[i]!) > 1e-9 * scale || sd[i]! > 1e-9 * scale)
        bad.push(`${what} ${i}: area ${af[i]} vs ${as[i]}, symdiff ${sd[i]} for ${wi[i]!.slice(0, 200)} -> ${wf[i]!.slice(0, 200)}`);
    }
    return bad;
  }

  /** A random star-shaped ring around (cx, cy): n vertices, radius r with relative jitter j, counter-clockwise when ccw. */
  function star(rand: () => number, cx: number, cy: number, r: number, n: number, j: number, ccw = true): XY[] {
    const pts: XY[] = [];
    for (let k = 0; k < n; k++) {
      const t = ((ccw ? 1 : -1) * 2 * Math.PI * k) / n;
      const rr = r * (1 - j + j * rand());
      pts.push([cx + rr * Math.cos(t), cy + rr * Math.sin(t)]);
    }
    pts.push(pts[0]!);
    return pts;
  }
  const ringWkt = (p: XY[]) => `(${p.map(([x, y]) => `${x} ${y}`).join(', ')})`;

  test('seeded random polygons (holes, multipolygons, every join) give what the pieces give, and agree with GEOS', () => {
    const rand = rng(424242);
    const wkts: string[] = [];
    for (let i = 0; i < 240; i++) {
      const n = 5 + randInt(rand, 60), j = [0.05, 0.2, 0.5][i % 3]!;
      const shell = star(rand, 0, 0, 10, n, j);
      const kind = i % 4;
      if (kind === 0) wkts.push(`POLYGON (${ringWkt(shell)})`);
      else if (kind === 1) wkts.push(`POLYGON (${ringWkt(shell)}, ${ringWkt(star(rand, 0.5, -0.3, 3 + 2 * rand(), 4 + randInt(rand, 20), 0.2, false))})`);
      else if (kind === 2) wkts.push(`MULTIPOLYGON ((${ringWkt(shell)}), (${ringWkt(star(rand, 30 + 10 * rand(), 5, 6, 3 + randInt(rand, 30), j))}))`);
      else wkts.push(`POLYGON (${ringWkt(star(rand, 0, 0, 10, 4 + randInt(rand, 12), 0.6))})`); // spiky, often concave
    }
    const a = fromWKT(wkts);
    const bad: string[] = [];
    const cases: [number, Opts, BufferParams][] = [
      [0.3, {}, {}], [1, {}, {}], [2.5, {}, {}], [-0.3, {}, {}], [-1, {}, {}], [-2.5, {}, {}],
      [0.7, { joinStyle: 'mitre', mitreLimit: 2 }, { join: 2, mitreLimit: 2 }], [-0.7, { joinStyle: 'mitre' }, { join: 2 }],
      [0.7, { joinStyle: 'bevel' }, { join: 3 }], [-0.7, { joinStyle: 'bevel' }, { join: 3 }],
      [1, { quadSegs: 2 }, { quadSegs: 2 }], [-1, { quadSegs: 20 }, { quadSegs: 20 }],
    ];
    for (const [d, o, gp] of cases) {
      bad.push(...sameAsSlow(a, d, o, `d ${d} ${JSON.stringify(o)}`));
      const out = toWKT(gv.buffer(a, d, o));
      // every third against GEOS (the full set runs in the pieces' tests)
      for (let i = 0; i < wkts.length; i += 3) {
        const in0 = geos.read(wkts[i]!), want = geosBuffer(geos, in0, d, gp), got = geos.read(out[i]!);
        const why = bufferMismatch(geos, got, want, d, { ...MATCH, quadSegs: gp.quadSegs ?? 8 });
        for (const g of [in0, want, got]) geos.destroy(g);
        if (why) bad.push(`GEOS: buffer(${wkts[i]!.slice(0, 120)}, ${d}, ${JSON.stringify(o)}): ${why}`);
      }
    }
    assert.deepEqual(bad.slice(0, 10), []);
  });

  test('the cases the fast path must leave to the pieces give the same as the pieces and as GEOS', () => {
    const cases: [string, number][] = [
      // a deep narrow notch: the offsets of its sides cross
      ['POLYGON ((0 0, 10 0, 10 10, 5.2 10, 5.2 2, 4.8 2, 4.8 10, 0 10, 0 0))', 1],
      // a spike: the inner offsets cross when eroding
      ['POLYGON ((0 0, 10 0, 10 5, 30 5.5, 10 6, 10 10, 0 10, 0 0))', -1],
      // a hole that vanishes under erosion... and one that closes up outwards
      ['POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (9 9, 11 9, 11 11, 9 11, 9 9))', 1.5],
      ['POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (9 9, 11 9, 11 11, 9 11, 9 9))', -3],
      // the shell eroded away, and split in two
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', -2.5],
      ['POLYGON ((0 0, 10 0, 10 4, 6 4, 6 1, 4 1, 4 4, 0 4, 0 0))', -0.6],
      // two parts whose buffers meet; a part inside another's buffer
      ['MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((5 0, 9 0, 9 4, 5 4, 5 0)))', 1],
      ['MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((11 5, 11.2 5, 11.2 5.2, 11 5)))', 3],
      // a hole near the shell: their offsets meet eroding
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))', -0.6],
      // an island in a hole, and short segments at an inner turn
      ['MULTIPOLYGON (((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5)), ((9 9, 11 9, 11 11, 9 11, 9 9)))', 1],
      ['POLYGON ((0 0, 10 0, 10 10, 5.1 10, 5 9.9, 4.9 10, 0 10, 0 0))', 1],
      // a ring touching itself (a hole touching the shell at a vertex)
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 4 2, 2 4, 0 0))', 0.5],
    ];
    const bad: string[] = [];
    for (const [w, d] of cases) {
      const a = fromWKT([w]);
      bad.push(...sameAsSlow(a, d, {}, `${w} by ${d}`));
      const in0 = geos.read(w), want = geosBuffer(geos, in0, d), got = geos.read(toWKT(gv.buffer(a, d))[0]!);
      const why = bufferMismatch(geos, got, want, d, MATCH);
      for (const g of [in0, want, got]) geos.destroy(g);
      if (why) bad.push(`GEOS: buffer(${w}, ${d}): ${why}`);
    }
    assert.deepEqual(bad, []);
  });

  const counties = new URL('us-counties.geojson', DATA_URL);
  test('US counties buffered by 0.01 and -0.005 (every 2nd): the same as the pieces', { skip: existsSync(counties) ? false : 'no ../shared/data' }, () => {
    const all = fromGeoJSON(readFileSync(counties, 'utf8'));
    const a = all.take(Array.from({ length: Math.ceil(all.length / 2) }, (_, k) => 2 * k));
    const bad = [...sameAsSlow(a, 0.01, {}, 'counties 0.01'), ...sameAsSlow(a, -0.005, {}, 'counties -0.005')];
    assert.deepEqual(bad.slice(0, 10), []);
  });
});
