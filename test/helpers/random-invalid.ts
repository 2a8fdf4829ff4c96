/**
 * Seeded random geometries that are invalid (or not simple) on purpose, one
 * kind at a time, for the validity tests against GEOS: bow-ties, spikes,
 * self-touching rings, holes outside or crossing their shell, nested holes,
 * nested and overlapping shells, disconnected interiors (holes touching the
 * shell twice, cycles of touching holes), repeated points, collapsed rings,
 * and self-crossing / self-touching lines. Coordinates sit on a small
 * integer grid so that exact touches and collinear overlaps are common; a
 * share of geometries is jittered off the grid (general position).
 *
 * Also: the linework of a WKT geometry, and the distance from a point to it,
 * to check that a reported location lies on the offending feature.
 */
import { rng } from './geovec.js';

export type XY = [number, number];

export const INVALID_KINDS = [
  'bowtie', 'spike', 'selfTouch', 'vertexOnEdge', 'holeOutside', 'holeCrossing', 'holeTouchTwice',
  'holeCycle', 'nestedHoles', 'nestedShells', 'overlappingShells', 'touchingShells', 'repeated',
  'collapsed', 'randomRing', 'validPolygon', 'lines', 'multiPoint', 'collection',
] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

const xy = (p: XY) => `${p[0]} ${p[1]}`;
const ring = (r: XY[]) => `(${r.map(xy).join(', ')})`;
const poly = (rs: XY[][]) => `(${rs.map(ring).join(', ')})`;
const close = (r: XY[]): XY[] => [...r, r[0]!];

export class RandomInvalid {
  readonly #r: () => number;
  #jitter = false;
  constructor(seed: number) {
    this.#r = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.#r() * n);
  }
  chance(p: number): boolean {
    return this.#r() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  #p(x: number, y: number): XY {
    if (!this.#jitter) return [x, y];
    return [x + (this.#r() - 0.5) * 1e-3, y + (this.#r() - 0.5) * 1e-3];
  }
  /** An axis-aligned box ring (counter-clockwise, closed) at (x, y) of size w x h. */
  #box(x: number, y: number, w: number, h: number, cw = false): XY[] {
    const r: XY[] = [this.#p(x, y), this.#p(x + w, y), this.#p(x + w, y + h), this.#p(x, y + h)];
    return close(cw ? r.reverse() : r);
  }
  /** A star-shaped (simple) ring of k vertices around (cx, cy). */
  #star(cx: number, cy: number, rad: number, k: number): XY[] {
    const pts: XY[] = [];
    const a0 = this.#r() * Math.PI * 2;
    for (let i = 0; i < k; i++) {
      const a = a0 + (i / k) * Math.PI * 2;
      const d = rad * (0.5 + 0.5 * this.#r());
      pts.push(this.#p(Math.round(cx + d * Math.cos(a)), Math.round(cy + d * Math.sin(a))));
    }
    const out: XY[] = [];
    for (const p of pts) if (!out.length || out[out.length - 1]![0] !== p[0] || out[out.length - 1]![1] !== p[1]) out.push(p);
    while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
    if (out.length < 3) return this.#box(cx, cy, 2, 2);
    return close(out);
  }

  /** One geometry (WKT) of the given kind. */
  make(kind: InvalidKind): string {
    this.#jitter = this.chance(0.15);
    const n = 10 + this.int(20);
    const P = (x: number, y: number) => this.#p(x, y);
    switch (kind) {
      case 'bowtie': {
        const a = this.int(n), b = this.int(n);
        const w = 2 + this.int(n), h = 2 + this.int(n);
        const r: XY[] = this.chance(0.5)
          ? [P(a, b), P(a + w, b + h), P(a + w, b), P(a, b + h)]
          : [P(a, b), P(a + w, b), P(a, b + h), P(a + w, b + h), P(a + this.int(w + 1), b - 1 - this.int(3))];
        return `POLYGON ${poly([close(r)])}`;
      }
      case 'spike': {
        const s = this.#box(this.int(n), this.int(n), 4 + this.int(6), 4 + this.int(6));
        const i = 1 + this.int(s.length - 2);
        const base = s[i]!;
        const out: XY = [base[0] + this.int(5) - 2, base[1] + this.int(5) - 2];
        const spike = this.chance(0.5) ? [base, out, base] : [base, out];
        const r = [...s.slice(0, i), ...spike, ...s.slice(i + 1)];
        return `POLYGON ${poly([r])}`;
      }
      case 'selfTouch': {
        // figure of eight through a shared vertex, or a loop touching back
        const c: XY = P(this.int(n), this.int(n));
        const d = 2 + this.int(4);
        const r: XY[] = this.chance(0.5)
          ? [c, P(c[0] + d, c[1] - d), P(c[0] + d, c[1] + d), c, P(c[0] - d, c[1] + d), P(c[0] - d, c[1] - d), c]
          : [c, P(c[0] + d, c[1]), P(c[0] + d, c[1] + d), c, P(c[0], c[1] + 2 * d), P(c[0] - d, c[1] + d), c];
        return `POLYGON ${poly([r])}`;
      }
      case 'vertexOnEdge': {
        // a vertex of the ring lying exactly on one of its own edges (inverted hole)
        const x = this.int(n), y = this.int(n), w = 4 + 2 * this.int(4), h = 4 + 2 * this.int(4);
        const m: XY = [x + w / 2, y];
        const r: XY[] = [[x, y], m, [x + w / 2 - 1, y + 1 + this.int(h - 2)], [x + w / 2 + 1, y + 1 + this.int(h - 2)], m, [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
        const r2: XY[] = [[x, y], [x + w, y], [x + w, y + h], [x + w / 2, y], [x, y + h], [x, y]];
        return `POLYGON ${poly([this.chance(0.5) ? r : r2])}`;
      }
      case 'holeOutside': {
        const x = this.int(n), y = this.int(n), w = 4 + this.int(6), h = 4 + this.int(6);
        const shell = this.#box(x, y, w, h);
        const k = this.int(3);
        const hole = k === 0 ? this.#box(x + w + 1 + this.int(3), y + this.int(h), 1 + this.int(3), 1 + this.int(3), true)
          : k === 1 ? this.#box(x + w, y + 1, 2, 1, true) // touching the shell from outside
          : this.#box(x - 1, y - 1, w + 2, h + 2, true); // around the shell
        return `POLYGON ${poly([shell, hole])}`;
      }
      case 'holeCrossing': {
        const x = this.int(n), y = this.int(n), w = 4 + this.int(6), h = 4 + this.int(6);
        const hx = x + 1 + this.int(w), hy = y + 1 + this.int(h - 1);
        return `POLYGON ${poly([this.#box(x, y, w, h), this.#box(hx, hy, 1 + this.int(4), 1 + this.int(3), true)])}`;
      }
      case 'holeTouchTwice': {
        const x = this.int(n), y = this.int(n), w = 6 + 2 * this.int(4), h = 6 + 2 * this.int(4);
        const shell = this.#box(x, y, w, h);
        const k = this.int(3);
        const hole: XY[] = k === 0
          ? close([[x, y + h / 2], [x + w / 2, y + 1], [x + w, y + h / 2], [x + w / 2, y + h - 1]]) // splits the polygon
          : k === 1 ? close([[x, y + h / 2], [x + w / 2, y], [x + w / 2, y + h / 2]]) // cuts off a corner
          : close([[x + 1, y], [x + 3, y], [x + 2, y + 2]]); // touches along an edge
        return `POLYGON ${poly([shell, hole])}`;
      }
      case 'holeCycle': {
        const x = this.int(n), y = this.int(n);
        const shell = this.#box(x, y, 10, 10);
        const holes: XY[][] = [
          close([[x + 2, y + 2], [x + 5, y + 2], [x + 5, y + 5]]),
          close([[x + 5, y + 5], [x + 5, y + 2], [x + 8, y + 5]]),
        ];
        if (this.chance(0.5)) holes.push(close([[x + 2, y + 2], [x + 5, y + 5], [x + 2, y + 6]]));
        else holes[1] = close([[x + 5, y + 2], [x + 8, y + 2], [x + 5, y + 5], [x + 8, y + 6]]).slice(0, 4).concat([[x + 5, y + 2]]);
        if (this.chance(0.3)) holes.push(close([[x, y + 5], [x + 2, y + 2], [x + 1, y + 7]]));
        return `POLYGON ${poly([shell, ...holes])}`;
      }
      case 'nestedHoles': {
        const x = this.int(n), y = this.int(n);
        const shell = this.#box(x, y, 12, 12);
        const outer = this.#box(x + 2, y + 2, 8, 8, true);
        const inner = this.chance(0.5) ? this.#box(x + 4, y + 4, 2, 2, true) : this.#box(x + 2, y + 4, 3, 2, true);
        return `POLYGON ${poly(this.chance(0.5) ? [shell, outer, inner] : [shell, inner, outer])}`;
      }
      case 'nestedShells': {
        const x = this.int(n), y = this.int(n);
        const outer = this.#box(x, y, 10, 10);
        const k = this.int(4);
        const inner = k === 0 ? this.#box(x + 2, y + 2, 3, 3)
          : k === 1 ? this.#box(x, y + 2, 3, 3) // touching the outer shell along an edge
          : k === 2 ? this.#star(x + 5, y + 5, 3, 3 + this.int(5))
          : this.#box(x + 3, y + 3, 2, 2); // inside a hole: valid
        const parts = k === 3 ? [[outer, this.#box(x + 2, y + 2, 6, 6, true)], [inner]] : [[outer], [inner]];
        if (this.chance(0.5)) parts.reverse();
        return `MULTIPOLYGON (${parts.map(poly).join(', ')})`;
      }
      case 'overlappingShells': {
        const a = this.#box(this.int(n), this.int(n), 3 + this.int(5), 3 + this.int(5));
        const b = this.#box(a[0]![0] + this.int(6) - 1, a[0]![1] + this.int(6) - 1, 2 + this.int(5), 2 + this.int(5));
        return `MULTIPOLYGON (${poly([a])}, ${poly([b])})`;
      }
      case 'touchingShells': {
        const x = this.int(n), y = this.int(n), w = 2 + this.int(4);
        const a = this.#box(x, y, w, w);
        const b = this.chance(0.5) ? this.#box(x + w, y + w, 2, 2) : this.#box(x + w, y + this.int(w), 2, 2);
        return `MULTIPOLYGON (${poly([a])}, ${poly([b])})`;
      }
      case 'repeated': {
        const s = this.#star(this.int(n), this.int(n), 4 + this.int(4), 4 + this.int(6));
        const out: XY[] = [];
        for (const p of s) {
          out.push(p);
          if (this.chance(0.3)) out.push(p);
        }
        if (this.chance(0.3)) return `LINESTRING (${xy(s[0]!)}, ${xy(s[0]!)}${this.chance(0.5) ? `, ${xy(s[0]!)}` : ''})`;
        return this.chance(0.7) ? `POLYGON ${poly([out])}` : `LINESTRING ${ring(out)}`;
      }
      case 'collapsed': {
        const a = P(this.int(n), this.int(n)), b = P(this.int(n), this.int(n)), c = P(this.int(n), this.int(n));
        const k = this.int(4);
        const r: XY[] = k === 0 ? [a, b, b, a] : k === 1 ? [a, b, a, a] : k === 2 ? [a, b, a, b, a] : [a, b, c, a]; // the last: collinear or not
        const shell = this.#box(-40, -40, 100, 100);
        return this.chance(0.5) ? `POLYGON ${poly([r])}` : `POLYGON ${poly([shell, r])}`;
      }
      case 'randomRing': {
        const k = 4 + this.int(6);
        const pts: XY[] = [];
        for (let i = 0; i < k; i++) pts.push(P(this.int(8), this.int(8)));
        const holes = this.chance(0.3) ? [close([P(2, 2), P(3, 2), P(3, 3)])] : [];
        return `POLYGON ${poly([close(pts), ...holes])}`;
      }
      case 'validPolygon': {
        const x = this.int(n), y = this.int(n);
        const s = this.#star(x + 6, y + 6, 6, 5 + this.int(20));
        const holes = this.chance(0.5) ? [this.#box(x + 5, y + 5, 1, 1, true)] : [];
        return `POLYGON ${poly([s, ...holes])}`;
      }
      case 'lines': {
        const parts: XY[][] = [];
        for (let k = 1 + this.int(3); k > 0; k--) {
          const pts: XY[] = [];
          for (let i = 2 + this.int(5); i > 0; i--) pts.push(P(this.int(6), this.int(6)));
          if (this.chance(0.3)) pts.push(pts[0]!);
          parts.push(pts);
        }
        return parts.length === 1 && this.chance(0.5) ? `LINESTRING ${ring(parts[0]!)}` : `MULTILINESTRING (${parts.map(ring).join(', ')})`;
      }
      case 'multiPoint': {
        const pts: XY[] = [];
        for (let i = 1 + this.int(6); i > 0; i--) pts.push([this.int(4), this.int(4)]);
        return `MULTIPOINT (${pts.map((p) => `(${xy(p)})`).join(', ')})`;
      }
      case 'collection': {
        const kinds = INVALID_KINDS.filter((k) => k !== 'collection');
        const parts: string[] = [];
        for (let i = 1 + this.int(3); i > 0; i--) parts.push(this.make(this.pick(kinds)));
        return `GEOMETRYCOLLECTION (${parts.join(', ')})`;
      }
    }
  }
}

// ---- linework ------------------------------------------------------------------

/** Every coordinate run of a WKT geometry (points are runs of one). */
export function wktRuns(wkt: string): XY[][] {
  const out: XY[][] = [];
  for (const m of wkt.matchAll(/\(([^()]*)\)/g)) {
    const run: XY[] = [];
    for (const c of m[1]!.split(',')) {
      const v = c.trim().split(/\s+/).map(Number);
      if (v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1])) run.push([v[0]!, v[1]!]);
    }
    if (run.length) out.push(run);
  }
  return out;
}

function segDist(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from p to the nearest segment or point of the runs. */
export function distanceToRuns(runs: XY[][], p: XY): number {
  let d = Infinity;
  for (const r of runs) {
    if (r.length === 1) d = Math.min(d, Math.hypot(p[0] - r[0]![0], p[1] - r[0]![1]));
    for (let i = 0; i + 1 < r.length; i++) d = Math.min(d, segDist(p, r[i]!, r[i + 1]!));
  }
  return d;
}

/** Whether p lies on the runs, within a tolerance relative to their extent. */
export function onRuns(runs: XY[][], p: XY): boolean {
  let m = 1;
  for (const r of runs) for (const q of r) m = Math.max(m, Math.abs(q[0]), Math.abs(q[1]));
  return distanceToRuns(runs, p) <= 1e-9 * m;
}
