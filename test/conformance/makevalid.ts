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
    /* GEOS's iterated BuildArea unions faces where rings overlap and keeps the
     * rest of the linework as lines; geovec's even-odd rule differs there
     * (docs/api.md, makeValid, known differences). Reported, not hidden. */
    if (!ok && c.desc === 'makevalid/multipolygon/first_part_crossing_second_part_overlapping')
      return 'known difference: overlapping rings (GEOS BuildArea iteration, geovec even-odd)';
    return ok;
  } finally {
    geos.destroy(expected);
  }
}

export const handlers: Handlers = { makevalid };

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [];
