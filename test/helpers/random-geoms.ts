/**
 * Seeded random geometries for testing predicates against GEOS.
 *
 * Coordinates sit on a small integer grid (sometimes halves), so that the
 * degenerate cases a relate engine must get right occur all the time:
 * shared vertices, collinear overlapping edges, points on edges and
 * vertices, holes touching shells, lines along boundaries, self-crossing
 * and closed lines, zero-length lines, repeated points, and empties of
 * every type. `pair()` also derives one geometry from the other on purpose
 * (identical copies, a polygon equal to the other's hole, a line along its
 * boundary, a triangle on one of its edges, a vertex or an edge midpoint, a
 * shifted copy, ...).
 *
 * Polygonal parts are kept valid (checked with the `isValid` callback, GEOS
 * in the tests); collections may hold overlapping polygons, as OGC allows.
 */
import { randInt, rng } from './geovec.js';

export type XY = [number, number];
export type Geom =
  | { t: 'Point'; c: XY | null }
  | { t: 'LineString'; c: XY[] }
  | { t: 'Polygon'; r: XY[][] }
  | { t: 'MultiPoint'; g: (XY | null)[] }
  | { t: 'MultiLineString'; g: XY[][] }
  | { t: 'MultiPolygon'; g: XY[][][] }
  | { t: 'GeometryCollection'; g: Geom[] };

export const GEOM_TYPES = [
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
] as const;
export type GeomType = (typeof GEOM_TYPES)[number];

// ---- WKT ---------------------------------------------------------------------

const xy = (p: XY) => `${p[0]} ${p[1]}`;
const seq = (ps: XY[]) => (ps.length ? `(${ps.map(xy).join(', ')})` : 'EMPTY');
const rings = (rs: XY[][]) => (rs.length ? `(${rs.map(seq).join(', ')})` : 'EMPTY');
const list = (xs: string[]) => (xs.length ? `(${xs.join(', ')})` : 'EMPTY');

export function toWkt(g: Geom): string {
  switch (g.t) {
    case 'Point':
      return g.c ? `POINT (${xy(g.c)})` : 'POINT EMPTY';
    case 'LineString':
      return `LINESTRING ${seq(g.c)}`;
    case 'Polygon':
      return `POLYGON ${rings(g.r)}`;
    case 'MultiPoint':
      return `MULTIPOINT ${list(g.g.map((p) => (p ? `(${xy(p)})` : 'EMPTY')))}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${list(g.g.map(seq))}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON ${list(g.g.map(rings))}`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION ${list(g.g.map(toWkt))}`;
  }
}

/** The base type of a geometry's WKT text (its first word). */
export function wktType(wkt: string): GeomType {
  const w = wkt.slice(0, wkt.search(/[ (]|$/)).toUpperCase();
  const t = GEOM_TYPES.find((n) => n.toUpperCase() === w);
  if (!t) throw new Error(`not a WKT geometry: ${wkt}`);
  return t;
}

// ---- the generator ---------------------------------------------------------------

const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const same = (a: XY, b: XY) => a[0] === b[0] && a[1] === b[1];

export class RandomGeoms {
  readonly #r: () => number;
  readonly #isValid: (wkt: string) => boolean;
  /** grid size of the geometry being made */
  #g = 6;

  constructor(seed: number, isValid: (wkt: string) => boolean) {
    this.#r = rng(seed);
    this.#isValid = isValid;
  }

  int(n: number): number {
    return randInt(this.#r, n);
  }
  chance(p: number): boolean {
    return this.#r() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Picks the grid for the next geometry (small grids make more coincidences). */
  newGrid(): number {
    this.#g = this.pick([2, 3, 4, 4, 6, 6, 6, 8, 10]);
    return this.#g;
  }

  point(): XY {
    return [this.int(this.#g + 1), this.int(this.#g + 1)];
  }

  // ---- coordinate shapes ----

  lineCoords(): XY[] {
    const v = this.int(20);
    if (v === 0) {
      const p = this.point();
      return [p, [p[0], p[1]]]; // zero length
    }
    const n = 2 + this.int(4);
    const c: XY[] = [];
    for (let i = 0; i < n; i++) {
      let p = this.point();
      for (let k = 0; k < 5 && c.length && same(p, c[c.length - 1]!); k++) p = this.point();
      c.push(p);
    }
    if (v === 1) c.splice(1, 0, [c[0]![0], c[0]![1]]); // a repeated point
    if (v <= 4 && c.length >= 3) c.push([c[0]![0], c[0]![1]]); // closed
    return c;
  }

  #rect(): XY[] {
    const g = this.#g;
    const x0 = this.int(g), y0 = this.int(g);
    const x1 = x0 + 1 + this.int(g - x0), y1 = y0 + 1 + this.int(g - y0);
    const r: XY[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
    return this.chance(0.5) ? r.reverse() : r;
  }

  #triangle(): XY[] {
    for (let k = 0; k < 20; k++) {
      const a = this.point(), b = this.point(), c = this.point();
      if (cross(a, b, c) !== 0) return [a, b, c, a];
    }
    return [[0, 0], [1, 0], [0, 1], [0, 0]];
  }

  /** A star-shaped ring around a center: vertices sorted by angle. */
  #star(): XY[] {
    const c = this.point();
    const n = 4 + this.int(4);
    const pts: { p: XY; a: number }[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.point();
      if (same(p, c)) continue;
      const a = Math.atan2(p[1] - c[1], p[0] - c[0]);
      if (pts.some((q) => q.a === a)) continue;
      pts.push({ p, a });
    }
    pts.sort((u, v) => u.a - v.a);
    const r = pts.map((q) => q.p);
    if (r.length < 3) return this.#triangle();
    r.push(r[0]!);
    return this.chance(0.5) ? r.reverse() : r;
  }

  ring(): XY[] {
    const v = this.int(10);
    const r = v < 4 ? this.#rect() : v < 7 ? this.#triangle() : this.#star();
    if (this.chance(0.05)) {
      const i = this.int(r.length - 1);
      r.splice(i, 0, [r[i]![0], r[i]![1]]); // a repeated vertex (valid)
    }
    return r;
  }

  /** A valid polygon: a shell and up to two holes (often touching it). */
  polygonRings(): XY[][] {
    let shell = this.ring();
    for (let k = 0; k < 10 && !this.#isValid(toWkt({ t: 'Polygon', r: [shell] })); k++) shell = this.ring();
    if (!this.#isValid(toWkt({ t: 'Polygon', r: [shell] }))) shell = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    const rs = [shell];
    const holes = this.chance(0.4) ? 1 + this.int(2) : 0;
    for (let h = 0; h < holes; h++) {
      for (let k = 0; k < 12; k++) {
        const cand = [...rs, this.#holeIn(shell)];
        if (this.#isValid(toWkt({ t: 'Polygon', r: cand }))) {
          rs.push(cand[cand.length - 1]!);
          break;
        }
      }
    }
    return rs;
  }

  /** A triangle or box inside the shell's box, on the half grid, sometimes
   * with a vertex on the shell (a hole touching it). */
  #holeIn(shell: XY[]): XY[] {
    const xs = shell.map((p) => p[0]);
    const ys = shell.map((p) => p[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const nx = Math.round((x1 - x0) * 2), ny = Math.round((y1 - y0) * 2);
    const inner = (): XY => [x0 + (1 + this.int(Math.max(1, nx - 1))) / 2, y0 + (1 + this.int(Math.max(1, ny - 1))) / 2];
    let r: XY[];
    if (this.chance(0.5)) {
      const a = inner(), b = inner();
      const lx = Math.min(a[0], b[0]), hx = Math.max(a[0], b[0]), ly = Math.min(a[1], b[1]), hy = Math.max(a[1], b[1]);
      r = [[lx, ly], [hx, ly], [hx, hy], [lx, hy], [lx, ly]];
    } else {
      r = [inner(), inner(), inner()];
      r.push(r[0]!);
    }
    if (this.chance(0.35)) {
      // move a vertex onto the shell: one of its vertices or edge midpoints
      const i = this.int(shell.length - 1);
      const p: XY = this.chance(0.5) ? shell[i]! : [(shell[i]![0] + shell[i + 1]![0]) / 2, (shell[i]![1] + shell[i + 1]![1]) / 2];
      r[0] = p;
      r[r.length - 1] = p;
    }
    return r;
  }

  // ---- geometries ----

  geometry(type: GeomType, depth = 0): Geom {
    this.newGrid();
    const empty = this.chance(0.05);
    switch (type) {
      case 'Point':
        return { t: 'Point', c: empty ? null : this.point() };
      case 'LineString':
        return { t: 'LineString', c: empty ? [] : this.lineCoords() };
      case 'Polygon':
        return { t: 'Polygon', r: empty ? [] : this.polygonRings() };
      case 'MultiPoint': {
        if (empty) return { t: 'MultiPoint', g: [] };
        const n = 1 + this.int(4);
        const g: (XY | null)[] = [];
        for (let i = 0; i < n; i++) g.push(this.chance(0.05) ? null : this.point());
        return { t: 'MultiPoint', g };
      }
      case 'MultiLineString': {
        if (empty) return { t: 'MultiLineString', g: [] };
        const n = 1 + this.int(3);
        const g: XY[][] = [];
        for (let i = 0; i < n; i++) g.push(this.chance(0.05) ? [] : this.lineCoords());
        return { t: 'MultiLineString', g };
      }
      case 'MultiPolygon':
        return empty ? { t: 'MultiPolygon', g: [] } : this.#multiPolygon();
      case 'GeometryCollection': {
        if (empty) return { t: 'GeometryCollection', g: [] };
        const n = 1 + this.int(4);
        const g: Geom[] = [];
        for (let i = 0; i < n; i++) {
          const t = depth < 2 ? this.pick(GEOM_TYPES) : this.pick(GEOM_TYPES.slice(0, 6));
          g.push(this.geometry(t, depth + 1));
        }
        return { t: 'GeometryCollection', g };
      }
    }
  }

  /** Valid multipolygons: parts that touch at points, nest in holes, or lie apart. */
  #multiPolygon(): Geom {
    const parts: XY[][][] = [this.polygonRings()];
    const n = 1 + this.int(3);
    for (let i = 1; i < n; i++) {
      for (let k = 0; k < 8; k++) {
        let cand = this.polygonRings();
        // inside a hole of an earlier part, now and then
        const withHole = parts.find((p) => p.length > 1);
        if (withHole && this.chance(0.3)) cand = [this.#shrink(withHole[1]!)];
        const mp = { t: 'MultiPolygon' as const, g: [...parts, cand] };
        if (this.#isValid(toWkt(mp))) {
          parts.push(cand);
          break;
        }
      }
    }
    return { t: 'MultiPolygon', g: parts };
  }

  /** A ring pulled towards its centroid by half a unit (on the half grid). */
  #shrink(r: XY[]): XY[] {
    const cx = r.slice(0, -1).reduce((s, p) => s + p[0], 0) / (r.length - 1);
    const cy = r.slice(0, -1).reduce((s, p) => s + p[1], 0) / (r.length - 1);
    const step = (v: number, c: number) => (v < c ? v + 0.5 : v > c ? v - 0.5 : v);
    return r.map((p) => [step(p[0], cx), step(p[1], cy)] as XY);
  }

  // ---- derived geometries (the hard cases) ----

  /** Every coordinate run of g (lines and rings). */
  runs(g: Geom): XY[][] {
    switch (g.t) {
      case 'Point':
        return g.c ? [[g.c]] : [];
      case 'LineString':
        return g.c.length ? [g.c] : [];
      case 'Polygon':
        return g.r;
      case 'MultiPoint':
        return g.g.filter((p): p is XY => p !== null).map((p) => [p]);
      case 'MultiLineString':
        return g.g.filter((l) => l.length);
      case 'MultiPolygon':
        return g.g.flat();
      case 'GeometryCollection':
        return g.g.flatMap((m) => this.runs(m));
    }
  }

  polygonsOf(g: Geom): XY[][][] {
    switch (g.t) {
      case 'Polygon':
        return g.r.length ? [g.r] : [];
      case 'MultiPolygon':
        return g.g.filter((p) => p.length);
      case 'GeometryCollection':
        return g.g.flatMap((m) => this.polygonsOf(m));
      default:
        return [];
    }
  }

  /** A geometry of the given type built from a's coordinates, or null when a has none that fit. */
  derive(a: Geom, type: GeomType): Geom | null {
    const runs = this.runs(a);
    if (!runs.length) return null;
    const run = this.pick(runs);
    const vertex = (): XY => this.pick(run);
    const midpoint = (): XY => {
      if (run.length < 2) return run[0]!;
      const i = this.int(run.length - 1);
      return [(run[i]![0] + run[i + 1]![0]) / 2, (run[i]![1] + run[i + 1]![1]) / 2];
    };
    const onA = (): XY => (this.chance(0.5) ? vertex() : midpoint());
    const subpath = (): XY[] => {
      if (run.length < 2) return [run[0]!, this.point()];
      const i = this.int(run.length - 1);
      const j = i + 1 + this.int(run.length - 1 - i);
      const p = run.slice(i, j + 1);
      return this.chance(0.3) ? p.reverse() : p;
    };
    const polys = this.polygonsOf(a);
    switch (type) {
      case 'Point':
        return { t: 'Point', c: onA() };
      case 'MultiPoint':
        return { t: 'MultiPoint', g: [onA(), this.chance(0.5) ? onA() : this.point()] };
      case 'LineString':
        return { t: 'LineString', c: this.chance(0.7) ? subpath() : [onA(), this.chance(0.5) ? onA() : this.point()] };
      case 'MultiLineString':
        return { t: 'MultiLineString', g: [subpath(), this.chance(0.5) ? subpath() : this.lineCoords()] };
      case 'Polygon': {
        if (!polys.length) return null;
        const p = this.pick(polys);
        const v = this.int(4);
        if (v === 0 && p.length > 1) return { t: 'Polygon', r: [this.pick(p.slice(1))] }; // a hole as a polygon
        if (v === 1) return { t: 'Polygon', r: [p[0]!] }; // the shell alone
        if (v === 2) {
          // a triangle on one of the edges
          const r = this.pick(p);
          const i = this.int(r.length - 1);
          const q: XY[] = [r[i]!, r[i + 1]!, this.point(), r[i]!];
          if (cross(q[0]!, q[1]!, q[2]!) !== 0 && this.#isValid(toWkt({ t: 'Polygon', r: [q] }))) return { t: 'Polygon', r: [q] };
          return null;
        }
        // shifted by a unit: shares or touches edges
        const [dx, dy] = this.pick([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]] as XY[]);
        return { t: 'Polygon', r: p.map((ring) => ring.map((c) => [c[0] + dx, c[1] + dy] as XY)) };
      }
      case 'MultiPolygon': {
        if (!polys.length) return null;
        const p = this.pick(polys);
        const mp = { t: 'MultiPolygon' as const, g: [p, this.polygonRings()] };
        return this.#isValid(toWkt(mp)) ? mp : { t: 'MultiPolygon', g: [p] };
      }
      case 'GeometryCollection': {
        const parts: Geom[] = [];
        for (const t of [this.pick(GEOM_TYPES.slice(0, 6)), this.pick(GEOM_TYPES.slice(0, 6))]) {
          const d = this.derive(a, t);
          if (d) parts.push(d);
        }
        if (polys.length && this.chance(0.5)) parts.push({ t: 'Polygon', r: [this.pick(polys)[0]!] });
        return parts.length ? { t: 'GeometryCollection', g: parts } : null;
      }
    }
  }

  /** A pair of the given types (random types when omitted), often one derived from the other. */
  pair(ta: GeomType = this.pick(GEOM_TYPES), tb: GeomType = this.pick(GEOM_TYPES)): [string, string] {
    if (this.chance(0.5)) {
      const [b, a] = this.#pair(tb, ta);
      return [a, b];
    }
    return this.#pair(ta, tb);
  }

  #pair(ta: GeomType, tb: GeomType): [string, string] {
    const a = this.geometry(ta);
    let b: Geom | null = null;
    const v = this.int(100);
    if (v < 4 && ta === tb) b = a; // identical
    else if (v < 40) b = this.derive(a, tb);
    b ??= this.geometry(tb);
    return [toWkt(a), toWkt(b)];
  }
}
