/** Conformance-suite ops for the validity area (see test/conformance.test.ts): isValid and isSimple. */
import { argGeometry, type ConformanceCase, type ConformanceOp, type Handlers, type KnownWrong } from '../helpers/conformance.js';
import { fromWKT, isSimple, isValid, isValidDetail, type GeometryArray } from '../helpers/geovec.js';
import { onRuns, wktRuns } from '../helpers/random-invalid.js';

/** Coordinates rounded to the case's fixed precision model, as the XML tester reads them. */
function precise(wkt: string, scale: number | null): string {
  if (scale === null) return wkt;
  return wkt.replace(/[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/g, (n) => String(Math.round(Number(n) * scale) / scale));
}

const cache = new Map<string, GeometryArray | string>();
function geometry(c: ConformanceCase, op: ConformanceOp): GeometryArray | string {
  const wkt = argGeometry(c, op.arg1);
  if (wkt === undefined) return `no geometry for argument ${op.arg1}`;
  const key = `${c.scale}|${wkt}`;
  let g = cache.get(key);
  if (g === undefined) {
    try {
      g = fromWKT([precise(wkt, c.scale)]);
    } catch (e) {
      g = `geovec does not read this WKT: ${(e as Error).message}`;
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, g);
  }
  return g;
}

/** The reported location must lie on the geometry's linework. */
function locationOnGeometry(g: GeometryArray, wkt: string): boolean {
  const d = isValidDetail(g);
  if (d.valid[0]) return true;
  return onRuns(wktRuns(wkt), [d.x[0]!, d.y[0]!]);
}

export const handlers: Handlers = {
  isvalid: (c, op) => {
    // GEOS judges a LinearRing by the ring rules (closed, simple, >= 4 points);
    // geovec has no LinearRing type and reads one as the closed LineString it
    // is, whose validity is a LineString's, so these cases ask another question
    if (/^\s*LINEARRING/i.test(argGeometry(c, op.arg1) ?? '')) return 'LINEARRING is read as a LineString (no LinearRing type)';
    const g = geometry(c, op);
    if (typeof g === 'string') return g;
    const want = op.expected.toLowerCase() === 'true';
    return (isValid(g)[0] === 1) === want && locationOnGeometry(g, g.get(0)!.toWKT());
  },
  issimple: (c, op) => {
    const g = geometry(c, op);
    if (typeof g === 'string') return g;
    return (isSimple(g)[0] === 1) === (op.expected.toLowerCase() === 'true');
  },
};

/** Cases of this area that the suite itself gets wrong, each with its reason. */
export const known: KnownWrong[] = [];
