/**
 * Where geovec's DE-9IM matrix may differ from GEOS 3.13's: GEOS's RelateNG
 * skips the line ends of parts that lie far from the other geometry once
 * one end of an earlier part was found in its exterior, so it can miss a
 * boundary point of a multi-part line (JTS issue 1175, fixed in JTS;
 * geovec follows the fix). The matrix then differs in one cell only,
 * exterior(other) x boundary(line): geovec 0, GEOS F.
 *
 * `mod2Explains` proves such a difference independently of both relate
 * engines: it takes the line ends of every LineString of the geometry
 * (through GEOS's accessors), keeps those that end an odd number of parts
 * (the mod-2 rule) and are not covered by a polygon of the same collection,
 * and checks that one of them is disjoint from the other geometry: then
 * boundary x exterior is a non-empty set of points, so '0' is right and
 * 'F' is wrong.
 */
import type { Geos } from './geos.js';

/* GEOSGeomTypeId */
const LINESTRING = 1;
const LINEARRING = 2;
const POLYGON = 3;
const MULTIPOLYGON = 6;

function collect(geos: Geos, g: number, ends: Map<string, { x: number; y: number; n: number }>, polys: number[]): void {
  const t = geos.fn('GEOSGeomTypeId', g);
  if (geos.fn('GEOSisEmpty', g) === 1) return;
  if (t === LINESTRING || t === LINEARRING) {
    for (const getter of ['GEOSGeomGetStartPoint', 'GEOSGeomGetEndPoint']) {
      const p = geos.fn(getter, g);
      const x = geos.double('GEOSGeomGetX', p)!;
      const y = geos.double('GEOSGeomGetY', p)!;
      geos.destroy(p);
      /* -0 and 0 are one point */
      const key = `${x === 0 ? 0 : x} ${y === 0 ? 0 : y}`;
      const e = ends.get(key) ?? { x, y, n: 0 };
      e.n++;
      ends.set(key, e);
    }
  } else if (t === POLYGON || t === MULTIPOLYGON) {
    polys.push(g);
  } else if (t > POLYGON) {
    const n = geos.fn('GEOSGetNumGeometries', g);
    for (let k = 0; k < n; k++) collect(geos, geos.fn('GEOSGetGeometryN', g, k), ends, polys);
  }
}

/** The mod-2 boundary points of the lines of a geometry, as WKT points. */
export function mod2Boundary(geos: Geos, wkt: string): string[] {
  const g = geos.read(wkt);
  if (!g) throw new Error(`GEOS cannot read ${wkt}`);
  try {
    const ends = new Map<string, { x: number; y: number; n: number }>();
    const polys: number[] = [];
    collect(geos, g, ends, polys);
    const out: string[] = [];
    for (const e of ends.values()) {
      if (e.n % 2 === 0) continue;
      const w = `POINT (${e.x} ${e.y})`;
      const p = geos.read(w);
      const inArea = polys.some((q) => geos.fn('GEOSIntersects', p, q) === 1);
      geos.destroy(p);
      if (!inArea) out.push(w);
    }
    return out;
  } finally {
    geos.destroy(g);
  }
}

/**
 * null when the difference between geovec's matrix `ours` and GEOS's
 * `theirs` for (a, b) is the JTS 1175 case, shown by the mod-2 rule;
 * otherwise why it is not.
 */
export function mod2Explains(geos: Geos, a: string, b: string, ours: string, theirs: string): string | null {
  const cells = [...Array(9).keys()].filter((k) => ours[k] !== theirs[k]);
  if (cells.length !== 1) return `differs in cells ${cells.join(', ')}`;
  const k = cells[0]!;
  /* 5: boundary(a) x exterior(b); 7: exterior(a) x boundary(b) */
  if (k !== 5 && k !== 7) return `differs in cell ${k}, not boundary x exterior`;
  if (ours[k] !== '0' || theirs[k] !== 'F') return `cell ${k} is ${ours[k]} (GEOS ${theirs[k]}), not 0 (GEOS F)`;
  const [line, other] = k === 7 ? [b, a] : [a, b];
  const o = geos.read(other);
  try {
    const outside = mod2Boundary(geos, line).filter((w) => {
      const p = geos.read(w);
      const d = geos.fn('GEOSDisjoint', p, o) === 1;
      geos.destroy(p);
      return d;
    });
    return outside.length ? null : 'no mod-2 boundary point of the line lies outside the other geometry';
  } finally {
    geos.destroy(o);
  }
}
