/**
 * Binary predicates and the DE-9IM matrix against GEOS 3.13 (geos-wasm):
 * over ten thousand seeded random pairs on a small integer grid (every one of
 * the 49 type pairs, empties, holes, collections, and the degenerate cases
 * the generator makes on purpose), all ten predicates and the full matrix
 * must equal GEOS's. Then hand-picked hard cases, broadcasting (pairwise,
 * array x one geometry, one geometry x array, GeometryView arguments),
 * nulls, length errors and the Async forms.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import * as gv from './helpers/geovec.js';
import { GeometryView, GeovecError, PREDICATES, fromWKT, relate, type GeometryArray } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { mod2Explains } from './helpers/geos-relate.js';
import { GEOM_TYPES, RandomGeoms, wktType } from './helpers/random-geoms.js';

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

interface Comparison {
  failures: string[];
  /** pairs for which GEOS throws in relate (no matrix to compare) */
  geosThrows: number;
  /** predicate answers compared */
  answers: number;
  /** matrices that differ from GEOS's only where GEOS misses a mod-2
   * boundary point of a multi-part line (JTS issue 1175), proven by
   * mod2Explains; every other difference is a failure */
  mod2: string[];
}

/** geovec's ten predicates and matrix for the pairs (as[i], bs[i]) against GEOS's. */
function compareWithGeos(as: string[], bs: string[]): Comparison {
  const A = fromWKT(as);
  const B = fromWKT(bs);
  const ours = PREDICATES.map((p) => gv[p](A, B));
  const mats = relate(A, B);
  const out: Comparison = { failures: [], geosThrows: 0, answers: 0, mod2: [] };
  for (let i = 0; i < as.length; i++) {
    const ga = geos.read(as[i]!);
    const gb = geos.read(bs[i]!);
    assert.ok(ga && gb, `GEOS reads ${as[i]} and ${bs[i]}`);
    const m = geos.relate(ga, gb);
    const bad: string[] = [];
    if (m === null) out.geosThrows++;
    else if (m !== mats[i]) {
      const why = mod2Explains(geos, as[i]!, bs[i]!, mats[i]!, m);
      if (why === null) out.mod2.push(`${as[i]} | ${bs[i]}: ${mats[i]} (GEOS ${m})`);
      else bad.push(`relate ${mats[i]} (GEOS ${m}; ${why})`);
    }
    PREDICATES.forEach((name, k) => {
      const g = geos.predicate(k, ga, gb);
      if (g === null) return;
      out.answers++;
      if (g !== ours[k]![i]) bad.push(`${name} ${ours[k]![i]} (GEOS ${g})`);
    });
    geos.destroy(ga);
    geos.destroy(gb);
    if (bad.length) out.failures.push(`${as[i]} | ${bs[i]}: ${bad.join(', ')}`);
  }
  return out;
}

function assertAgrees(c: Comparison, what: string) {
  assert.equal(c.failures.length, 0, `${c.failures.length} ${what} disagree with GEOS:\n${c.failures.slice(0, 25).join('\n')}`);
}

describe('predicates: agreement with GEOS 3.13', () => {
  test('10,290 seeded random pairs, 210 for each of the 49 type pairs', (t) => {
    const gen = new RandomGeoms(20240917, (w) => geos.isValidWKT(w));
    const as: string[] = [];
    const bs: string[] = [];
    for (const ta of GEOM_TYPES)
      for (const tb of GEOM_TYPES)
        for (let k = 0; k < 210; k++) {
          const [a, b] = gen.pair(ta, tb);
          as.push(a);
          bs.push(b);
        }
    const c = compareWithGeos(as, bs);
    /* per type pair: how many pairs were compared and how many failed */
    const table = new Map<string, [number, number]>();
    for (let i = 0; i < as.length; i++) {
      const key = `${wktType(as[i]!)}/${wktType(bs[i]!)}`;
      table.set(key, [(table.get(key)?.[0] ?? 0) + 1, 0]);
    }
    for (const f of c.failures) {
      const [a, b] = f.split(' | ') as [string, string];
      const key = `${wktType(a)}/${wktType(b.split(':')[0]!)}`;
      const e = table.get(key)!;
      e[1]++;
    }
    t.diagnostic(`${as.length} pairs, ${c.answers} predicate answers, GEOS throws in relate for ${c.geosThrows}`);
    t.diagnostic(`${c.mod2.length} matrices differ from GEOS's where GEOS misses a mod-2 line boundary point (JTS 1175), e.g. ${c.mod2[0]}`);
    /* the generator makes such multi-part lines: the case must be exercised */
    assert.ok(c.mod2.length > 0, 'some random pairs hit JTS issue 1175');
    for (const [k, [n, f]] of table) t.diagnostic(`${k}: ${n} pairs, ${f} failed`);
    assert.equal(table.size, 49, 'every type pair occurs');
    assertAgrees(c, 'random pairs');
  });

  test('the generator makes the hard cases on purpose', () => {
    const gen = new RandomGeoms(7, (w) => geos.isValidWKT(w));
    const pairs: [string, string][] = [];
    for (let i = 0; i < 2000; i++) pairs.push(gen.pair());
    const texts = pairs.flat();
    const count = (re: RegExp) => texts.filter((w) => re.test(w)).length;
    assert.ok(pairs.filter(([a, b]) => a === b).length > 5, 'identical pairs');
    assert.ok(count(/EMPTY/) > 50, 'empties');
    assert.ok(count(/\.5/) > 50, 'points on edge midpoints (half coordinates)');
    assert.ok(count(/POLYGON \(\([^)]*\), \(/) > 50, 'polygons with holes');
    assert.ok(count(/\((-?[\d.]+ -?[\d.]+), \1[,)]/) > 10, 'repeated points and zero-length lines');
    assert.ok(count(/LINESTRING \((-?[\d.]+ -?[\d.]+), [^()]*, \1\)/) > 20, 'closed lines');
    assert.ok(count(/^GEOMETRYCOLLECTION \(.*GEOMETRYCOLLECTION/) > 20, 'nested collections');
  });

  test('hand-picked hard cases', () => {
    const cases: [string, string][] = [
      // shared edges, touching and overlapping squares
      ['POLYGON ((1 1, 2 1, 2 3, 1 3, 1 1))', 'POLYGON ((2 1, 3 1, 3 3, 2 3, 2 1))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((2 2, 6 2, 6 6, 2 6, 2 2))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((4 4, 6 4, 6 6, 4 6, 4 4))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POLYGON ((0 0, 2 0, 4 0, 4 4, 0 4, 0 0))'],
      // a polygon equal to the other's hole, and nested in it
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))', 'POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))'],
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))', 'POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))'],
      ['MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)), ((3 3, 7 3, 7 7, 3 7, 3 3)))', 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))'],
      // holes touching the shell and each other at one point
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 0, 8 3, 6 3, 5 0), (5 0, 4 3, 2 3, 5 0))', 'POLYGON ((4 -2, 6 -2, 5 0, 4 -2))'],
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 0, 8 3, 6 3, 5 0), (5 0, 4 3, 2 3, 5 0))', 'LINESTRING (5 0, 5 5)'],
      ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 5, 8 3, 8 8, 5 5), (5 5, 2 3, 2 8, 5 5), (5 5, 3 9, 7 9, 5 5))', 'MULTILINESTRING ((5 5, 9 5), (5 5, 5 1))'],
      // a ring vertex inside another ring's edge (GEOS 3.13 answers these wrongly; see relate_node.c tests)
      ['MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 2, 2 3, 0 3, 1 2)))', 'POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (2 0, 3 1, 1 1, 2 0))', 'POLYGON ((0 -1, 4 -1, 4 0, 0 0, 0 -1))'],
      // lines: along boundaries, self-crossing, closed, zero-length, mod-2 boundaries
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (0 0, 4 0, 4 4)'],
      ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'LINESTRING (0 0, 4 0, 4 4, 0 4, 0 0)'],
      ['LINESTRING (0 0, 4 4, 4 0, 0 4)', 'LINESTRING (0 0, 4 4)'],
      ['LINESTRING (0 0, 4 4, 4 0, 0 4)', 'POINT (2 2)'],
      ['LINESTRING (0 0, 1 0, 1 1, 0 0)', 'POINT (0 0)'],
      ['MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))', 'POINT (1 0)'],
      ['MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 0, 1 1))', 'POINT (1 0)'],
      ['LINESTRING (1 1, 1 1)', 'POINT (1 1)'],
      ['LINESTRING (1 1, 1 1)', 'LINESTRING (0 1, 2 1)'],
      ['LINESTRING (0 0, 0 0, 2 2, 2 2)', 'LINESTRING (0 2, 2 0)'],
      ['LINESTRING (0 0, 3 3)', 'LINESTRING (1 1, 2 2)'],
      ['LINESTRING (0 0, 3 3)', 'LINESTRING (3 3, 1 1)'],
      // crossings at non-representable points
      ['LINESTRING (0 0, 3 1)', 'LINESTRING (0 1, 3 0)'],
      ['LINESTRING (0 0, 3 1, 0 2)', 'LINESTRING (1 0, 1 3)'],
      ['POLYGON ((0 0, 3 1, 1 3, 0 0))', 'POLYGON ((1 0, 3 2, 0 2, 1 0))'],
      // collections: union semantics, adjacent and overlapping polygons, lines inside polygons
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0)))', 'POINT (1 1)'],
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))', 'POINT (1 0.5)'],
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))', 'POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))'],
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)), LINESTRING (5 5, 20 5))', 'LINESTRING (5 5, 5 6)'],
      ['GEOMETRYCOLLECTION (LINESTRING (2 2, 2 1), POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)))', 'POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))'],
      ['GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), POINT (1 1), LINESTRING (0 0, 3 3))', 'MULTIPOINT ((1 1), (3 3))'],
      ['GEOMETRYCOLLECTION (MULTIPOINT ((0 0), (1 1)), LINESTRING (0 0, 2 0))', 'POINT (0 0)'],
      // empties and their dimensions
      ['POINT EMPTY', 'POINT EMPTY'],
      ['POINT EMPTY', 'LINESTRING EMPTY'],
      ['POLYGON EMPTY', 'GEOMETRYCOLLECTION EMPTY'],
      ['GEOMETRYCOLLECTION (POLYGON EMPTY, POINT (1 1))', 'POINT EMPTY'],
      ['GEOMETRYCOLLECTION (LINESTRING EMPTY, POINT (1 1))', 'POINT EMPTY'],
      ['GEOMETRYCOLLECTION (POLYGON EMPTY, LINESTRING (1 1, 1 1))', 'POINT (1 1)'],
      ['MULTIPOINT ((0 0), EMPTY)', 'POINT (0 0)'],
      ['POLYGON ((0 0, 1 0, 1 1, 0 0))', 'MULTIPOLYGON EMPTY'],
    ];
    const c = compareWithGeos(
      cases.map((p) => p[0]),
      cases.map((p) => p[1]),
    );
    const swapped = compareWithGeos(
      cases.map((p) => p[1]),
      cases.map((p) => p[0]),
    );
    assertAgrees(c, 'hard cases');
    assertAgrees(swapped, 'swapped hard cases');
  });

  test('prepared arrays give the same answers', () => {
    const gen = new RandomGeoms(4242, (w) => geos.isValidWKT(w));
    const as: string[] = [];
    const bs: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const [a, b] = gen.pair();
      as.push(a);
      bs.push(b);
    }
    const A = fromWKT(as);
    const B = fromWKT(bs);
    const before = PREDICATES.map((p) => gv[p](A, B));
    const mats = relate(A, B);
    gv.prepare(A);
    gv.prepare(B);
    PREDICATES.forEach((p, k) => assert.deepEqual([...gv[p](A, B)], [...before[k]!], p));
    assert.deepEqual(relate(A, B), mats);
    assertAgrees(compareWithGeos(as, bs), 'pairs of prepared arrays');
  });

  test('one large geometry against many (analysed and indexed once)', () => {
    /* a 360-gon with a 120-gon hole on the integer grid, and a long zigzag line */
    const ring = (n: number, r: number, rev: boolean) => {
      const pts: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = (2 * Math.PI * (rev ? n - i : i)) / n;
        const p = `${Math.round(50 + r * Math.cos(t))} ${Math.round(50 + r * Math.sin(t))}`;
        if (pts[pts.length - 1] !== p && pts[0] !== p) pts.push(p);
      }
      return `(${[...pts, pts[0]].join(', ')})`;
    };
    const big = `POLYGON (${ring(360, 45, false)}, ${ring(120, 15, true)})`;
    const zig = `LINESTRING (${Array.from({ length: 200 }, (_, i) => `${i / 2} ${i % 2 ? 60 : 40}`).join(', ')})`;
    assert.ok(geos.isValidWKT(big));
    const gen = new RandomGeoms(77, (w) => geos.isValidWKT(w));
    const others: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const [a] = gen.pair();
      /* scale the small grid up to the big one: vertices land on multiples of 5 */
      others.push(a.replace(/-?\d+(\.\d+)?/g, (v) => String(Number(v) * 5 + 25)));
    }
    for (const one of [big, zig]) {
      const single = fromWKT([one]);
      const many = fromWKT(others);
      const c1 = compareWithGeos(others, others.map(() => one));
      const c2 = compareWithGeos(others.map(() => one), others);
      assertAgrees(c1, 'pairs (many, one)');
      assertAgrees(c2, 'pairs (one, many)');
      /* broadcasting reaches the same answers as pairwise */
      const pairA = fromWKT(others.map(() => one));
      for (const p of PREDICATES) {
        assert.deepEqual([...gv[p](many, single.get(0)!)], [...gv[p](many, pairA)], `${p}(many, one)`);
        assert.deepEqual([...gv[p](single.get(0)!, many)], [...gv[p](pairA, many)], `${p}(one, many)`);
      }
      assert.deepEqual(relate(many, single.get(0)!), relate(many, pairA));
      assert.deepEqual(relate(single, many), relate(pairA, many));
    }
  });

  test('multi-part lines: the mod-2 boundary whatever the order of the parts (JTS issue 1175)', () => {
    /* (0 0) and (1 0) end two parts each: the boundary is {(-1 0), (2 0)} */
    const parts = [['0 0', '1 0'], ['1 0', '2 0'], ['-1 0', '0 0']] as const;
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const lines: string[] = [];
    for (const p of perms)
      for (let rev = 0; rev < 8; rev++)
        lines.push(`MULTILINESTRING (${p.map((q, k) => { const [s, e] = (rev >> k) & 1 ? [parts[q]![1], parts[q]![0]] : parts[q]!; return `(${s}, ${e})`; }).join(', ')})`);
    const targets: [string, string, string][] = [
      ['LINESTRING (10 10, 20 20)', 'FF1FF0102', 'FF1FF0102'],
      ['POINT (10 10)', 'FF0FFF102', 'FF1FF00F2'],
      ['POLYGON ((10 10, 20 10, 20 20, 10 10))', 'FF2FF1102', 'FF1FF0212'],
      ['LINESTRING (0.5 -1, 0.5 1)', '0F1FF0102', '0F1FF0102'],
      ['POINT (0 0)', '0FFFFF102', '0F1FF0FF2'],
      ['POINT (2 0)', 'F0FFFF102', 'FF10F0FF2'],
    ];
    let differs = 0;
    for (const [t, ab, ba] of targets) {
      const T = fromWKT(lines.map(() => t));
      const L = fromWKT(lines);
      assert.deepEqual(relate(T, L), lines.map(() => ab), `${t} x lines`);
      assert.deepEqual(relate(L, T), lines.map(() => ba), `lines x ${t}`);
      /* against GEOS: the predicates agree, and each matrix either agrees or is the mod-2 case */
      const c1 = compareWithGeos(lines.map(() => t), lines);
      const c2 = compareWithGeos(lines, lines.map(() => t));
      assertAgrees(c1, `${t} x lines`);
      assertAgrees(c2, `lines x ${t}`);
      differs += c1.mod2.length + c2.mod2.length;
    }
    /* GEOS 3.13 is wrong for the orders that list an inner part first */
    assert.ok(differs > 0);
  });

  test('where GEOS throws, geovec answers', () => {
    /* GEOS 3.13 throws "Unknown target dimension: -1" when a point or a line
     * end is located in an empty GeometryCollection; the entries it has
     * already recorded at that moment are the answer. */
    const a = fromWKT(['POINT (1 1)', 'LINESTRING (0 0, 1 1)', 'GEOMETRYCOLLECTION EMPTY']);
    const b = fromWKT(['GEOMETRYCOLLECTION EMPTY', 'GEOMETRYCOLLECTION EMPTY', 'MULTIPOINT ((1 1), (2 2))']);
    assert.deepEqual(relate(a, b), ['FF0FFFFF2', 'FF1FF0FF2', 'FFFFFF0F2']);
    for (const k of [0, 1]) assert.equal(geos.relate(geos.read(['POINT (1 1)', 'LINESTRING (0 0, 1 1)'][k]!), geos.read('GEOMETRYCOLLECTION EMPTY')), null);
  });
});

describe('predicates: broadcasting, nulls and errors', () => {
  const A = () => fromWKT(['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))', 'POINT (1 1)', null, 'LINESTRING (0 0, 4 4)', 'POINT EMPTY']);
  const B = () => fromWKT(['POINT (2 2)', 'POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))', 'POINT (0 0)', null, 'POINT (9 9)']);

  test('pairwise over equal lengths; a null on either side gives 0', () => {
    const a = A();
    const b = B();
    assert.deepEqual([...gv.intersects(a, b)], [1, 1, 0, 0, 0]);
    assert.deepEqual([...gv.disjoint(a, b)], [0, 0, 0, 0, 1]);
    assert.deepEqual([...gv.contains(a, b)], [1, 0, 0, 0, 0]);
    assert.deepEqual([...gv.within(a, b)], [0, 1, 0, 0, 0]);
    assert.deepEqual(relate(a, b), ['0F2FF1FF2', '0FFFFF212', 'FFFFFFFFF', 'FFFFFFFFF', 'FFFFFF0F2']);
  });

  test('an array against one geometry, in either order, as a view or a length-1 array', () => {
    const a = A();
    const b = B();
    for (const name of PREDICATES) {
      const f = gv[name];
      for (let j = 0; j < b.length; j++) {
        const view = b.get(j);
        if (!view) continue;
        const one = b.take([j]);
        const want = Uint8Array.from({ length: a.length }, (_, i) => {
          const x = a.get(i);
          return x ? f(x, view)[0]! : 0;
        });
        assert.deepEqual([...f(a, view)], [...want], `${name}(array, view ${j})`);
        assert.deepEqual([...f(a, one)], [...want], `${name}(array, length-1 array ${j})`);
        const back = Uint8Array.from({ length: a.length }, (_, i) => {
          const x = a.get(i);
          return x ? f(view, x)[0]! : 0;
        });
        assert.deepEqual([...f(view, a)], [...back], `${name}(view ${j}, array)`);
        assert.deepEqual([...f(one, a)], [...back], `${name}(length-1 array ${j}, array)`);
      }
    }
    const view = b.get(1)!;
    assert.deepEqual(relate(a, view), [0, 1, 2, 3, 4].map((i) => (a.get(i) ? relate(a.get(i)!, view)[0] : 'FFFFFFFFF')));
    assert.deepEqual(relate(view, a), [0, 1, 2, 3, 4].map((i) => (a.get(i) ? relate(view, a.get(i)!)[0] : 'FFFFFFFFF')));
  });

  test('two views give one answer', () => {
    const a = A();
    const b = B();
    assert.ok(a.get(0) instanceof GeometryView);
    assert.deepEqual([...gv.contains(a.get(0)!, b.get(0)!)], [1]);
    assert.deepEqual([...gv.within(b.get(0)!, a.get(0)!)], [1]);
    assert.deepEqual(relate(a.get(0)!, b.get(0)!), ['0F2FF1FF2']);
  });

  test('lengths that do not broadcast throw', () => {
    const a = A();
    const b = fromWKT(['POINT (0 0)', 'POINT (1 1)']);
    for (const name of PREDICATES) assert.throws(() => gv[name](a, b), GeovecError, name);
    assert.throws(() => relate(a, b), GeovecError);
    assert.throws(() => gv.intersects(a, {} as GeometryArray), GeovecError);
  });

  test('empty arrays give empty results', () => {
    const e = fromWKT([]);
    assert.equal(gv.intersects(e, e).length, 0);
    assert.deepEqual(relate(e, e), []);
  });

  test('the Async forms resolve to the same results', async () => {
    const gen = new RandomGeoms(99, (w) => geos.isValidWKT(w));
    const as: string[] = [];
    const bs: string[] = [];
    for (let i = 0; i < 500; i++) {
      const [x, y] = gen.pair();
      as.push(x);
      bs.push(y);
    }
    const a = fromWKT(as);
    const b = fromWKT(bs);
    for (const name of PREDICATES) {
      const sync = gv[name](a, b);
      const async = await gv[`${name}Async` as const](a, b);
      assert.deepEqual([...async], [...sync], name);
      assert.deepEqual([...(await gv[`${name}Async` as const](a, b.get(3)!))], [...gv[name](a, b.get(3)!)], `${name} broadcast`);
    }
  });
});
