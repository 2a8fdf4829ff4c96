/**
 * Conformance-suite ops for makeValid (see test/conformance.test.ts): GEOS's
 * misc/makevalid.xml, whose expected results come from GEOS's MakeValid
 * (the 'linework' method, geovec's default). A result passes when it
 * matches the expected WKT as the random tests compare with GEOS
 * (test/helpers/geos-overlay.ts): same dimension, area of the symmetric
 * difference <= 1e-6 x the larger area, lengths and Hausdorff distance within
 * tolerance, and valid.
 */
import { fromWKT, makeValid, toWKT } from '../../src/ts/index.js';
import { argGeometry, type ConformanceCase, type ConformanceOp, type Handlers, type KnownWrong } from '../helpers/conformance.js';
import { Geos } from '../helpers/geos.js';
import { compareResult } from '../helpers/geos-overlay.js';

const geos = await Geos.load();

function makevalid(c: ConformanceCase, o: ConformanceOp): boolean | string {
  const w = argGeometry(c, o.arg1);
  if (w === undefined) return `no geometry for ${o.arg1}`;
  let ours: string;
  try {
    ours = toWKT(makeValid(fromWKT([w])))[0]!;
  } catch (e) {
    return `geovec cannot read the input: ${(e as Error).message}`;
  }
  const expected = geos.read(o.expected);
  if (!expected) return 'GEOS cannot read the expected result';
  try {
    const ok = compareResult(geos, ours, expected, 1e-6).failure === null;
    /* This case's expectation comes from a newer GEOS than 3.13 (one more
     * line, 0.8 0.2, 0.8 0.1, 0.9 0.1): it is reported as a wrong expectation
     * only when geovec gives what GEOS 3.13 (geos-wasm) itself gives. */
    if (!ok && c.desc === 'makevalid/multipolygon/first_part_crossing_second_part_overlapping') {
      const g313 = geos.unaryWKT('GEOSMakeValid', w);
      const ref = g313 ? geos.read(g313) : 0;
      if (!ref) return false;
      try {
        if (compareResult(geos, ours, ref, 1e-6).failure !== null) return false;
      } finally {
        geos.destroy(ref);
      }
      return 'known wrong expectation (from a GEOS newer than 3.13): geovec gives GEOS 3.13\'s result';
    }
    return ok;
  } finally {
    geos.destroy(expected);
  }
}

export const handlers: Handlers = { makevalid };

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [];
