/**
 * Conformance-suite ops for the shape area (see test/conformance.test.ts):
 * getCentroid, getInteriorPoint, convexhull, getboundary, simplifyDP,
 * simplifyTP, densify, linemerge. Results are compared with the expected geometry
 * after both are put in normal form (as JTS's runner does), coordinates
 * equal within 1e-9 relative (on the file's grid when it has a fixed
 * precision model).
 */
import type { ConformanceCase, ConformanceOp, Handlers, KnownWrong } from '../helpers/conformance.js';
import { argGeometry } from '../helpers/conformance.js';
import { Geos } from '../helpers/geos.js';
import { normalWKT } from '../helpers/geos-shape.js';
import * as gv from '../helpers/geovec.js';

const geos = await Geos.load();

/** Same text once numbers are compared with a tolerance (both in normal form). */
export function sameGeometry(got: string | null, want: string | null, scale: number | null): boolean {
  if (got === null || want === null) return got === want;
  const num = /-?\d+(\.\d+)?(e[-+]?\d+)?/gi;
  if (got.replace(num, '#') !== want.replace(num, '#')) return false;
  const a = got.match(num) ?? [];
  const b = want.match(num) ?? [];
  return a.every((s, k) => {
    let x = Number(s);
    const y = Number(b[k]);
    if (scale) x = Math.round(x * scale) / scale;
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)) + (scale ? 0.5 / scale : 0);
  });
}

/** A LineString or MultiLineString as the GeometryCollection of its lines. */
function asCollection(w: string): string {
  if (w.startsWith('LINESTRING (')) return `GEOMETRYCOLLECTION (${w})`;
  const m = /^MULTILINESTRING \((.*)\)$/.exec(w);
  if (!m) return w;
  return `GEOMETRYCOLLECTION (${m[1]!.split('), (').map((l) => `LINESTRING (${l.replace(/^\(|\)$/g, '')})`).join(', ')})`;
}

function unary(f: (a: gv.GeometryArray, p: number) => gv.GeometryArray, repairs = false) {
  return (c: ConformanceCase, op: ConformanceOp): boolean | string => {
    // geovec has no LinearRing type: a ring is read as the closed LineString it is
    const ring = (x: string) => x.replace(/^\s*LINEARRING/i, 'LINESTRING');
    const w0 = argGeometry(c, op.arg1);
    if (w0 === undefined) return 'no geometry argument';
    const w = ring(w0);
    let a: gv.GeometryArray;
    try {
      a = gv.fromWKT([w]);
    } catch {
      return 'input geovec does not read';
    }
    const r = gv.toWKT(f(a, Number(op.arg2)))[0] ?? null;
    if (op.expected.toLowerCase() === 'exception') return r === null;
    // GEOS's Douglas-Peucker repairs an invalid polygonal result with
    // buffer(0), an overlay geovec's simplify does not run
    if (repairs && r !== null && /POLYGON/.test(r) && !geos.isValidWKT(r)) return 'result needs the buffer(0) repair (not done)';
    const want = normalWKT(geos, ring(op.expected));
    if (want === null) return 'expected result GEOS cannot read';
    return sameGeometry(normalWKT(geos, r), want, c.scale);
  };
}

export const handlers: Handlers = {
  getcentroid: unary((a) => gv.centroid(a)),
  getinteriorpoint: unary((a) => gv.pointOnSurface(a)),
  convexhull: unary((a) => gv.convexHull(a)),
  getboundary: unary((a) => gv.boundary(a)),
  simplifydp: unary((a, t) => gv.simplify(a, t, { preserveTopology: false }), true),
  simplifytp: unary((a, t) => gv.simplify(a, t)),
  densify: unary((a, t) => (t > 0 ? gv.segmentize(a, t) : gv.fromWKT([null]))),
  // GEOS's XML tester gives the merged lines as a GeometryCollection of LineStrings
  linemerge: unary((a) => gv.fromWKT(gv.toWKT(gv.lineMerge(a)).map((w) => (w === null ? null : asCollection(w))))),
};

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [
  ...[22, 23].map((desc) => ({
    file: 'jts/modules/tests/src/test/resources/testxml/general/TestInteriorPoint.xml',
    desc,
    op: 'getinteriorpoint',
    reason: 'JTS skips the empty polygon; GEOS 3.13 (whose semantics geovec follows) takes the dimension of the collection, 2, and answers POINT EMPTY',
  })),
];
