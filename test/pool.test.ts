/**
 * createWorkerPool in Node (worker_threads, WebAssembly instances): every
 * pooled function gives exactly what one instance gives, on seeded random
 * geometries of every type, on the US counties (../shared/data) and on
 * degenerate inputs (empty arrays, nulls, fewer elements than workers);
 * shared memory and copied chunks alike; bad arguments throw GeovecError.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as gv from '../src/ts/index.js';
import { toWkt, RandomGeoms, GEOM_TYPES } from './helpers/random-geoms.js';

const DATA = new URL('../../shared/data/us-counties.geojson', import.meta.url);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArray(seed: number, n: number): gv.GeometryArray {
  const gen = new RandomGeoms(seed, () => true);
  const wkt: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 5) wkt.push(null);
    else {
      gen.newGrid();
      wkt.push(toWkt(gen.geometry(GEOM_TYPES[i % GEOM_TYPES.length]!)));
    }
  }
  return gv.fromWKT(wkt);
}

const pools: gv.WorkerPool[] = [];
let shared: gv.WorkerPool;
let copied: gv.WorkerPool;
let one: gv.WorkerPool;

before(async () => {
  shared = gv.createWorkerPool(2);
  copied = gv.createWorkerPool(3, { shared: false });
  one = gv.createWorkerPool(1);
  pools.push(shared, copied, one);
  await Promise.all(pools.map((p) => p.ready));
});
after(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('createWorkerPool', () => {
  it('reports its size and memory mode', () => {
    assert.equal(shared.size, 2);
    assert.equal(shared.shared, true);
    assert.equal(copied.shared, false);
  });

  it('predicates: pairwise and one-vs-many equal one instance, on 3,000 random pairs of every type', async () => {
    const a = randomArray(11, 3000);
    const b = randomArray(12, 3000);
    for (const name of ['intersects', 'contains', 'within', 'touches', 'crosses', 'overlaps', 'covers', 'coveredBy', 'disjoint', 'equals'] as const) {
      const want = gv[name](a, b);
      for (const p of pools) assert.deepEqual(await p[name](a, b), want, `${name} pairwise, ${p.size} workers`);
    }
    const single = b.get(3)!;
    const want1 = gv.intersects(a, single);
    const want2 = gv.contains(single, a);
    for (const p of pools) {
      assert.deepEqual(await p.intersects(a, single), want1, 'intersects one-vs-many');
      assert.deepEqual(await p.contains(single, a), want2, 'contains many-vs-one');
      assert.deepEqual(await p.intersects(a, b.slice(3, 4)), want1, 'length-1 array');
    }
  });

  it('sjoin: random arrays, both orders and both hows, equal one instance', async () => {
    const a = randomArray(21, 500);
    const b = randomArray(22, 80);
    for (const predicate of ['intersects', 'contains', 'within'] as const) {
      for (const how of ['inner', 'left'] as const) {
        const w1 = gv.sjoin(a, b, { predicate, how });
        const w2 = gv.sjoin(b, a, { predicate, how });
        for (const p of pools) {
          assert.deepEqual(await p.sjoin(a, b, { predicate, how }), w1, `${predicate} ${how} big-left`);
          assert.deepEqual(await p.sjoin(b, a, { predicate, how }), w2, `${predicate} ${how} big-right`);
        }
      }
    }
  });

  it("sjoin with predicate 'dwithin': random arrays and points, both orders and both hows, equal one instance", async () => {
    const a = randomArray(23, 400);
    const b = randomArray(24, 70);
    const r = rng(9);
    const n = 5_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = r() * 12 - 1;
      ys[i] = r() * 12 - 1;
    }
    const pts = gv.points(xs, ys);
    let pairs = 0;
    /* 0: touching only; a distance between grid steps; a large one (many pairs per row) */
    for (const distance of [0, 0.37, 2.5]) {
      for (const how of ['inner', 'left'] as const) {
        const o = { predicate: 'dwithin' as const, distance, how };
        const w1 = gv.sjoin(a, b, o);
        const w2 = gv.sjoin(b, a, o);
        const w3 = gv.sjoin(pts, b, o);
        pairs += w1.left.length + w3.left.length;
        for (const p of pools) {
          assert.deepEqual(await p.sjoin(a, b, o), w1, `dwithin ${distance} ${how} big-left`);
          assert.deepEqual(await p.sjoin(b, a, o), w2, `dwithin ${distance} ${how} big-right`);
          assert.deepEqual(await p.sjoin({ xs, ys }, b, o), w3, `dwithin ${distance} ${how} xy points`);
        }
      }
      /* the pairs are those of the pairwise dwithin */
      const { left, right } = gv.sjoin(a, b, { predicate: 'dwithin', distance });
      const got = new Set<number>();
      for (let k = 0; k < left.length; k++) got.add(left[k]! * b.length + right[k]!);
      let want = 0;
      for (let j = 0; j < b.length; j++) {
        const d = gv.dwithin(a, b.slice(j, j + 1), distance);
        for (let i = 0; i < a.length; i++) {
          if (d[i]) want++;
          assert.equal(got.has(i * b.length + j), d[i] === 1, `pair ${i}, ${j} at ${distance}`);
        }
      }
      assert.equal(got.size, want);
    }
    assert.ok(pairs > 1000, `the joins find pairs (${pairs})`);
    await assert.rejects(shared.sjoin(a, b, { predicate: 'dwithin' }), /distance/);
    await assert.rejects(shared.sjoin(a, b, { predicate: 'dwithin', distance: -1 }), /distance/);
    await assert.rejects(shared.sjoin(a, b, { predicate: 'intersects', distance: 1 }), /distance/);
  });

  it('sjoin of points given as xs/ys and xy predicates equal one instance', async () => {
    const polys = randomArray(31, 200);
    const r = rng(5);
    const n = 20_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = Math.floor(r() * 44) / 4 - 0.5;
      ys[i] = Math.floor(r() * 44) / 4 - 0.5;
    }
    const pts = gv.points(xs, ys);
    const want = gv.sjoin(pts, polys);
    assert.ok(want.left.length > 100, 'the join finds pairs');
    for (const p of pools) {
      assert.deepEqual(await p.sjoin({ xs, ys }, polys), want);
      assert.deepEqual(await p.sjoin(pts, polys), want);
      assert.deepEqual(await p.containsXY(polys.get(7)!, xs, ys), gv.containsXY(polys.get(7)!, xs, ys));
      assert.deepEqual(await p.intersectsXY(polys.slice(9, 10), xs, ys), gv.intersectsXY(polys.slice(9, 10), xs, ys));
    }
  });

  it('element-wise functions (those exported) equal one instance, with geometry results', async () => {
    const a = randomArray(41, 2500);
    const reg = gv as unknown as Record<string, unknown>;
    let ran = 0;
    for (const name of gv.POOL_ELEMENTWISE) {
      const f = reg[name] as ((x: gv.GeometryArray, ...r: unknown[]) => unknown) | undefined;
      if (typeof f !== 'function') continue;
      /* buffer has its own tests below (its arcs use libm, so native and WebAssembly differ in the last bits) */
      if (name === 'buffer') continue;
      const args = name === 'simplify' ? [0.5] : [];
      const want = f(a, ...args);
      for (const p of pools) {
        const got = await (p[name] as (x: gv.GeometryArray, ...r: unknown[]) => Promise<unknown>)(a, ...args);
        if (want instanceof gv.GeometryArray) {
          assert.ok(got instanceof gv.GeometryArray);
          assert.deepEqual(gv.toWKT(got), gv.toWKT(want), name);
        } else assert.deepEqual(got, want, name);
      }
      ran++;
    }
    assert.ok(ran >= 4, 'bounds, numPoints, geometryType, isEmpty at least');
  });

  /**
   * What one instance gives: gv.buffer itself on the WebAssembly backend; on
   * the native backend gv.buffer run whole (unsplit) in one WebAssembly
   * worker, because the arcs go through sin/cos, and the native libm and
   * WebAssembly's differ in the last bits (a few hundred of 2,500 random
   * geometries). The native result is then checked to the last few ulps of area.
   */
  async function bufferReference(a: gv.GeometryArray, d: number | Float64Array | number[], o: gv.BufferOptions): Promise<(string | null)[]> {
    const here = gv.buffer(a, d, o);
    if (gv.backend() === 'wasm') return gv.toWKT(here);
    const wasm = (await one.call('buffer', a, d, o)) as gv.GeometryArray;
    const ah = gv.area(here);
    const aw = gv.area(wasm);
    const nh = gv.toWKT(here);
    const nw = gv.toWKT(wasm);
    for (let i = 0; i < a.length; i++) {
      assert.equal(nh[i] === null, nw[i] === null, `null ${i}`);
      if (nh[i] !== null) assert.ok(Math.abs(ah[i]! - aw[i]!) <= 1e-9 * Math.max(1, Math.abs(ah[i]!)), `area ${i}: native ${ah[i]}, wasm ${aw[i]}`);
    }
    return nw;
  }

  it('buffer: a scalar and a per-element distance (split with the chunks), with nulls, equal one instance', async () => {
    const a = randomArray(61, 1200);
    assert.ok(a.get(5) === null, 'the input holds nulls');
    const r = rng(62);
    /* positive, zero and negative distances, one per element */
    const per = Float64Array.from({ length: a.length }, (_, i) => (i % 11 === 0 ? 0 : i % 7 === 0 ? -0.2 : 0.05 + r() * 0.6));
    const cases: [number | Float64Array | number[], gv.BufferOptions][] = [
      [0.4, {}],
      [per, {}],
      [Array.from(per), { quadSegs: 3, capStyle: 'square', joinStyle: 'mitre', mitreLimit: 2 }],
      [-0.25, { joinStyle: 'bevel' }],
    ];
    for (const [d, o] of cases) {
      const want = await bufferReference(a, d, o);
      assert.ok(want.filter((w) => w === null).length >= 12, 'nulls stay null');
      assert.ok(want.filter((w) => w !== null && !w.endsWith('EMPTY')).length > 300, 'buffers are made');
      for (const p of pools) {
        const got = await p.buffer(a, d, o);
        assert.ok(got instanceof gv.GeometryArray);
        assert.deepEqual(gv.toWKT(got), want, `${typeof d === 'number' ? d : 'per-element'} ${JSON.stringify(o)}, ${p.size} workers${p.shared ? ', shared' : ''}`);
      }
    }
    /* a per-element distance really is split: each chunk gets its own values (not the first chunk's) */
    const pts = gv.points(Float64Array.from({ length: 9 }, (_, i) => i * 10), new Float64Array(9));
    const radii = Float64Array.from({ length: 9 }, (_, i) => i + 1);
    for (const p of pools) {
      const b = gv.bounds(await p.buffer(pts, radii, { quadSegs: 4 }));
      for (let i = 0; i < 9; i++) assert.ok(Math.abs(b[4 * i + 2]! - b[4 * i]! - 2 * (i + 1)) < 1e-9, `point ${i} buffered by ${i + 1}, ${p.size} workers`);
    }
  });

  it('buffer in metres on longitude/latitude, per-element distances, equals one instance', async () => {
    const r = rng(71);
    const n = 400;
    const wkt: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      const x = -170 + r() * 340;
      const y = -75 + r() * 150;
      if (i % 50 === 3) wkt.push(null);
      else if (i % 3 === 0) wkt.push(`POINT (${x} ${y})`);
      else if (i % 3 === 1) wkt.push(`LINESTRING (${x} ${y}, ${x + r()} ${y + r() * 0.5}, ${x + 1.5 * r()} ${y - 0.3})`);
      else wkt.push(`POLYGON ((${x} ${y}, ${x + 0.4} ${y}, ${x + 0.4} ${y + 0.3}, ${x} ${y + 0.3}, ${x} ${y}))`);
    }
    const a = gv.fromWKT(wkt);
    const metres = Float64Array.from({ length: n }, () => 100 + r() * 50_000);
    const want = await bufferReference(a, metres, { units: 'metres' });
    for (const p of pools) assert.deepEqual(gv.toWKT(await p.buffer(a, metres, { units: 'metres' })), want, `${p.size} workers`);
  });

  it('call() runs a function whole on one worker', async () => {
    const a = randomArray(51, 100);
    assert.deepEqual(await shared.call('totalBounds', a), gv.totalBounds(a));
  });

  it('degenerate inputs: empty arrays, fewer elements than workers, all nulls', async () => {
    const empty = gv.fromWKT([]);
    const nulls = gv.fromWKT([null, null, null]);
    const tiny = gv.fromWKT(['POINT (1 1)']);
    for (const p of pools) {
      assert.deepEqual(await p.intersects(empty, tiny), new Uint8Array(0));
      assert.deepEqual(await p.intersects(nulls, tiny), gv.intersects(nulls, tiny));
      assert.deepEqual(await p.sjoin(empty, tiny), gv.sjoin(empty, tiny));
      assert.deepEqual(await p.sjoin({ xs: new Float64Array(0), ys: new Float64Array(0) }, tiny), gv.sjoin(gv.points([], []), tiny));
      assert.deepEqual(await p.bounds(empty), gv.bounds(empty));
      assert.deepEqual(await p.numPoints(nulls), gv.numPoints(nulls));
      assert.deepEqual(gv.toWKT(await p.buffer(empty, new Float64Array(0))), []);
      assert.deepEqual(gv.toWKT(await p.buffer(nulls, new Float64Array([1, 2, 3]))), [null, null, null]);
      assert.deepEqual(gv.toWKT(await p.buffer(tiny, 1, { capStyle: 'flat' })), gv.toWKT(gv.buffer(tiny, 1, { capStyle: 'flat' })));
      assert.deepEqual(await p.intersectsXY(tiny, new Float64Array([1, 2, NaN]), new Float64Array([1, 2, 1])), gv.intersectsXY(tiny, [1, 2, NaN], [1, 2, 1]));
    }
  });

  it('bad arguments throw GeovecError naming the argument', async () => {
    assert.throws(() => gv.createWorkerPool(0), gv.GeovecError);
    assert.throws(() => gv.createWorkerPool(1.5), gv.GeovecError);
    const a = gv.fromWKT(['POINT (1 1)', 'POINT (2 2)']);
    const b = gv.fromWKT(['POINT (1 1)', 'POINT (2 2)', 'POINT (3 3)']);
    await assert.rejects(shared.intersects(a, b), gv.GeovecError);
    await assert.rejects(shared.intersects(a, 5 as never), /GeometryArray/);
    await assert.rejects(shared.sjoin({ xs: new Float64Array(2), ys: new Float64Array(3) }, a), /left/);
    await assert.rejects(shared.sjoin(a, a, { predicate: 'near' as never }), /predicate/);
    await assert.rejects(shared.containsXY(a.get(0)!, [1] as never, [1] as never), /Float64Array/);
    await assert.rejects(shared.call('noSuchFunction', a), /not available in this build/);
    await assert.rejects(shared.buffer(a, new Float64Array(3)), /distance has 3 values for 2 geometries/);
    await assert.rejects(copied.simplify(a, [1, 2, 3] as never), /tolerance has 3 values for 2 geometries/);
    await assert.rejects(shared.buffer(a, 1, { capStyle: 'pointy' as never }), /capStyle/);
  });

  it('a closed pool rejects', async () => {
    const p = gv.createWorkerPool(1);
    await p.ready;
    await p.close();
    await assert.rejects(p.bounds(gv.fromWKT(['POINT (1 1)'])), /closed/);
  });

  it('sjoin of 90,000 points given as coordinates: repeated x values, empty points, every predicate and how, 1 to 3 workers, equal one instance', async () => {
    const polys = randomArray(41, 300);
    const r = rng(17);
    const n = 90_000;
    const xs = new Float64Array(new SharedArrayBuffer(8 * n));
    const ys = new Float64Array(new SharedArrayBuffer(8 * n));
    for (let i = 0; i < n; i++) {
      /* a third of the points on a few x values, some empty (NaN, NaN) */
      xs[i] = i % 3 === 0 ? Math.floor(r() * 4) * 2.5 : r() * 12 - 1;
      ys[i] = r() * 12 - 1;
      if (i % 1009 === 7) xs[i] = ys[i] = NaN;
    }
    const pts = gv.points(xs, ys);
    const three = gv.createWorkerPool(3);
    pools.push(three);
    await three.ready;
    for (const o of [{}, { predicate: 'within' as const }, { predicate: 'touches' as const, how: 'left' as const }, { predicate: 'dwithin' as const, distance: 0.2 }, { how: 'left' as const }]) {
      const want = gv.sjoin(pts, polys, o);
      assert.ok(want.left.length > 1000);
      for (const p of [shared, three, one, copied]) assert.deepEqual(await p.sjoin({ xs, ys }, polys, o), want, `${JSON.stringify(o)}, ${p.size} workers`);
    }
    /* all points on one x */
    const same = new Float64Array(new SharedArrayBuffer(8 * n)).map((_, i) => (Number.isNaN(ys[i]) ? NaN : 3.25));
    assert.deepEqual(await three.sjoin({ xs: same, ys }, polys), gv.sjoin(gv.points(same, ys), polys));
    /* a bad point rejects */
    const bad = Float64Array.from(xs);
    bad[n - 5] = Infinity;
    await assert.rejects(shared.sjoin({ xs: bad, ys }, polys), /coordinates must be finite/);
  });

  it('US counties: join of 200,000 points and intersects with a rectangle equal one instance', { skip: !existsSync(DATA) && 'needs ../shared/data/us-counties.geojson' }, async () => {
    const counties = gv.fromGeoJSON(readFileSync(DATA));
    const r = rng(9);
    const n = 200_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = -125 + r() * 58;
      ys[i] = 24 + r() * 26;
    }
    const want = gv.sjoin(gv.points(xs, ys), counties);
    assert.ok(want.left.length > 100_000);
    const rect = gv.fromWKT(['POLYGON ((-100 35, -90 35, -90 40, -100 40, -100 35))']);
    for (const p of [shared, copied]) {
      assert.deepEqual(await p.sjoin({ xs, ys }, counties), want);
      assert.deepEqual(await p.intersects(counties, rect.get(0)!), gv.intersects(counties, rect.get(0)!));
    }
  });
});
