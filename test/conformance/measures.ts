/** Conformance-suite ops for the measures area (see test/conformance.test.ts): distance, isWithinDistance, equalsExact. */
import { argGeometry, type ConformanceCase, type ConformanceOp, type Handlers, type KnownWrong } from '../helpers/conformance.js';
import { distance, dwithin, equalsExact, fromWKT, isEmpty, type GeometryArray } from '../helpers/geovec.js';

/** The op's two geometry arguments as arrays of one, or a reason to skip. */
function pair(c: ConformanceCase, op: ConformanceOp): [GeometryArray, GeometryArray] | string {
  const a = argGeometry(c, op.arg1);
  const b = argGeometry(c, op.arg2);
  if (a === undefined || b === undefined) return `arguments ${op.arg1}, ${op.arg2} are not geometries`;
  return [fromWKT([a]), fromWKT([b])];
}

const EMPTY = 'geovec gives NaN (distance) and false (dwithin) for empty inputs, as Shapely does; the suite expects what JTS gives';

export const handlers: Handlers = {
  distance(c, op) {
    const p = pair(c, op);
    if (typeof p === 'string') return p;
    const [a, b] = p;
    const d = distance(a, b)[0]!;
    if (isEmpty(a)[0] || isEmpty(b)[0]) return Number.isNaN(d) ? EMPTY : false;
    const want = Number(op.expected);
    return Math.abs(d - want) <= 1e-12 * Math.max(1, Math.abs(want));
  },
  iswithindistance(c, op) {
    const p = pair(c, op);
    if (typeof p === 'string') return p;
    const [a, b] = p;
    const d = Number(op.arg3);
    const got = dwithin(a, b, d)[0] === 1;
    if ((isEmpty(a)[0] || isEmpty(b)[0]) && !got) return op.expected.toLowerCase() === 'false' ? true : EMPTY;
    return got === (op.expected.toLowerCase() === 'true');
  },
  equalsexact(c, op) {
    const p = pair(c, op);
    if (typeof p === 'string') return p;
    const tol = op.arg3 === undefined ? 0 : Number(op.arg3);
    return (equalsExact(p[0], p[1], tol)[0] === 1) === (op.expected.toLowerCase() === 'true');
  },
};

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [];
