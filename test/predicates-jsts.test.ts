/**
 * JSTS 2.12 as a second opinion. JSTS runs JTS's older relate (a full
 * geometry graph) rather than RelateNG, and it is known to differ from GEOS
 * 3.13 on a few percent of random pairs (collections, self-crossing lines,
 * empties). The rule checked here: wherever geovec and JSTS disagree, GEOS
 * must side with geovec, i.e. the disagreement is JSTS's. Pairs JSTS cannot
 * evaluate (it throws on some collections) are counted and skipped.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import WKTReader from 'jsts/org/locationtech/jts/io/WKTReader.js';
import 'jsts/org/locationtech/jts/monkey.js';

import * as gv from './helpers/geovec.js';
import { PREDICATES, fromWKT } from './helpers/geovec.js';
import { Geos } from './helpers/geos.js';
import { GEOM_TYPES, RandomGeoms } from './helpers/random-geoms.js';

/* JSTS geometry methods in geovec's predicate order */
const JSTS_METHODS = ['intersects', 'disjoint', 'contains', 'within', 'covers', 'coveredBy', 'touches', 'equalsTopo', 'crosses', 'overlaps'] as const;

type JstsGeometry = Record<(typeof JSTS_METHODS)[number], (other: JstsGeometry) => boolean>;

let geos: Geos;
before(async () => {
  geos = await Geos.load();
});

describe('predicates: JSTS as a second opinion', () => {
  test('10,290 random pairs: every disagreement with JSTS is one where GEOS sides with geovec', (t) => {
    const gen = new RandomGeoms(977, (w) => geos.isValidWKT(w));
    const as: string[] = [];
    const bs: string[] = [];
    for (const ta of GEOM_TYPES)
      for (const tb of GEOM_TYPES)
        for (let k = 0; k < 210; k++) {
          const [a, b] = gen.pair(ta, tb);
          as.push(a);
          bs.push(b);
        }
    const A = fromWKT(as);
    const B = fromWKT(bs);
    const ours = PREDICATES.map((p) => gv[p](A, B));
    const reader = new WKTReader();
    let compared = 0;
    let jstsThrows = 0;
    let unreadable = 0;
    let jstsDiffers = 0;
    const differingPairs = new Set<number>();
    const failures: string[] = [];
    for (let i = 0; i < as.length; i++) {
      let ja: JstsGeometry;
      let jb: JstsGeometry;
      try {
        /* JSTS's WKT reader refuses some valid WKT, e.g. EMPTY members of a MULTIPOINT */
        ja = reader.read(as[i]!) as unknown as JstsGeometry;
        jb = reader.read(bs[i]!) as unknown as JstsGeometry;
      } catch {
        unreadable++;
        continue;
      }
      let ga = 0;
      let gb = 0;
      JSTS_METHODS.forEach((m, k) => {
        let j: number;
        try {
          j = ja[m](jb) ? 1 : 0;
        } catch {
          jstsThrows++;
          return;
        }
        compared++;
        const mine = ours[k]![i]!;
        if (j === mine) return;
        jstsDiffers++;
        differingPairs.add(i);
        ga ||= geos.read(as[i]!);
        gb ||= geos.read(bs[i]!);
        const g = geos.predicate(k, ga, gb);
        if (g !== mine) failures.push(`${PREDICATES[k]}(${as[i]}, ${bs[i]}): geovec ${mine}, JSTS ${j}, GEOS ${g}`);
      });
      geos.destroy(ga);
      geos.destroy(gb);
    }
    t.diagnostic(`${compared} answers compared; JSTS could not read ${unreadable} pairs and threw on ${jstsThrows} answers; JSTS differs on ${jstsDiffers} answers in ${differingPairs.size} of ${as.length} pairs (${((100 * differingPairs.size) / as.length).toFixed(1)}%), GEOS sides with geovec on all of them`);
    assert.ok(compared > 90_000, 'most answers were compared');
    assert.equal(failures.length, 0, `${failures.length} disagreements where GEOS does not side with geovec:\n${failures.slice(0, 20).join('\n')}`);
  });
});
