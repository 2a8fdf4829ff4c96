/**
 * Buffer oracle: GEOS 3.13 BufferOp (geos-wasm) with the same parameters,
 * and the comparison JTS's BufferResultMatcher makes (area of the symmetric
 * difference relative to the expected area; Hausdorff distance between the
 * boundaries, densified by 0.25, relative to the distance), plus the counts
 * of polygons and holes.
 */
import type { Geos } from './geos.js';

export interface BufferParams {
  quadSegs?: number;
  /** 1 round, 2 flat, 3 square (GEOS's numbering, and geovec's) */
  cap?: number;
  /** 1 round, 2 mitre, 3 bevel */
  join?: number;
  mitreLimit?: number;
  singleSided?: boolean;
}

export const CAP_NAMES = { 1: 'round', 2: 'flat', 3: 'square' } as const;
export const JOIN_NAMES = { 1: 'round', 2: 'mitre', 3: 'bevel' } as const;

/** GEOS's buffer of g (a pointer; free with destroy), or 0 when GEOS throws. */
export function geosBuffer(geos: Geos, g: number, d: number, p: BufferParams = {}): number {
  const bp = geos.fn('GEOSBufferParams_create');
  try {
    geos.fn('GEOSBufferParams_setEndCapStyle', bp, p.cap ?? 1);
    geos.fn('GEOSBufferParams_setJoinStyle', bp, p.join ?? 1);
    geos.fn('GEOSBufferParams_setMitreLimit', bp, p.mitreLimit ?? 5);
    geos.fn('GEOSBufferParams_setQuadrantSegments', bp, p.quadSegs ?? 8);
    geos.fn('GEOSBufferParams_setSingleSided', bp, p.singleSided ? 1 : 0);
    return geos.fn('GEOSBufferWithParams', g, bp, d);
  } catch {
    return 0;
  } finally {
    geos.fn('GEOSBufferParams_destroy', bp);
  }
}

/** Polygons and holes of at least minArea (smaller ones are the noise of arcs drawn as chords). */
function counts(geos: Geos, g: number, minArea: number): { polygons: number; holes: number } {
  if (geos.fn('GEOSisEmpty', g) === 1) return { polygons: 0, holes: 0 };
  const n = geos.fn('GEOSGetNumGeometries', g);
  let holes = 0, polygons = 0;
  for (let i = 0; i < n; i++) {
    const p = geos.fn('GEOSGetGeometryN', g, i);
    if (geos.fn('GEOSisEmpty', p) === 1) continue; // GEOS's unions can hold EMPTY members
    if ((geos.double('GEOSArea', p) ?? 0) >= minArea) polygons++;
    for (let h = 0; h < geos.fn('GEOSGetNumInteriorRings', p); h++) {
      const ring = geos.fn('GEOSGeom_clone', geos.fn('GEOSGetInteriorRingN', p, h));
      const hole = geos.fn('GEOSGeom_createPolygon', ring, 0, 0);
      if ((geos.double('GEOSArea', hole) ?? 0) >= minArea) holes++;
      geos.destroy(hole);
    }
  }
  return { polygons, holes };
}

/** g with its holes smaller than minArea filled and its polygons smaller than that dropped (a new geometry; g itself when it has none). */
function fillSmallHoles(geos: Geos, g: number, minArea: number): number {
  let out = g;
  const n = geos.fn('GEOSisEmpty', g) === 1 ? 0 : geos.fn('GEOSGetNumGeometries', g);
  for (let i = 0; i < n; i++) {
    const p = geos.fn('GEOSGetGeometryN', g, i);
    if (geos.fn('GEOSisEmpty', p) !== 1 && (geos.double('GEOSArea', p) ?? 0) < minArea) {
      const dropped = geos.fn('GEOSDifference', out, p);
      if (out !== g) geos.destroy(out);
      out = dropped;
      continue;
    }
    for (let h = 0; h < geos.fn('GEOSGetNumInteriorRings', p); h++) {
      const hole = geos.fn('GEOSGeom_createPolygon', geos.fn('GEOSGeom_clone', geos.fn('GEOSGetInteriorRingN', p, h)), 0, 0);
      if ((geos.double('GEOSArea', hole) ?? 0) < minArea) {
        const u = geos.fn('GEOSUnion', out, hole);
        if (out !== g) geos.destroy(out);
        out = u;
      }
      geos.destroy(hole);
    }
  }
  return out;
}

export interface MatchOptions {
  /** largest area of the symmetric difference, as a fraction of the expected area (JTS: 1e-3) */
  areaTol: number;
  /** largest Hausdorff distance between the boundaries, as a fraction of |distance| (JTS: 0.01) */
  hausdorffTol: number;
  /**
   * also require the same numbers of polygons and holes, not counting those
   * smaller than the square of the arcs' sag d (1 - cos(pi / 4q)): where
   * three arcs almost meet, chords placed differently open or close a hole
   * of that size (GEOS leaves a 0.6 ft² hole 497.7 ft from a borough it
   * buffers by 500 ft, under the 2.4 ft sag of its 8-segment arcs)
   */
  sameCounts?: boolean;
  /** the quadrant segments both sides used (default 8) */
  quadSegs?: number;
  /** skip the (quadratic) Hausdorff check above this many coordinates in both results together */
  maxHausdorffCoords?: number;
}

/** null when `got` matches `want` for a buffer at `distance`, else why not. Both are GEOS pointers. */
export function bufferMismatch(geos: Geos, got: number, want: number, distance: number, o: MatchOptions): string | null {
  if (!geos.isValid(got)) return 'invalid result';
  const ge = geos.fn('GEOSisEmpty', got) === 1, we = geos.fn('GEOSisEmpty', want) === 1;
  if (ge && we) return null;
  if (o.sameCounts) {
    const sag = Math.abs(distance) * (1 - Math.cos(Math.PI / (4 * Math.max(1, o.quadSegs ?? 8))));
    const a = counts(geos, got, sag * sag), b = counts(geos, want, sag * sag);
    if (a.polygons !== b.polygons || a.holes !== b.holes) return `${a.polygons} polygons / ${a.holes} holes, GEOS ${b.polygons} / ${b.holes}`;
    // the shapes are then compared without those chord-sized holes and slivers
    const g2 = fillSmallHoles(geos, got, sag * sag), w2 = fillSmallHoles(geos, want, sag * sag);
    if (g2 !== got || w2 !== want) {
      try {
        return bufferMismatch(geos, g2, w2, distance, { ...o, sameCounts: false });
      } finally {
        if (g2 !== got) geos.destroy(g2);
        if (w2 !== want) geos.destroy(w2);
      }
    }
  }
  const area = geos.double('GEOSArea', want) ?? 0;
  const sd = geos.fn('GEOSSymDifference', got, want);
  const diff = geos.double('GEOSArea', sd) ?? Infinity;
  geos.destroy(sd);
  if (diff > 0 && !(area > 0 && diff / area < o.areaTol)) return `symmetric difference ${diff} of area ${area}`;
  const coords = geos.fn('GEOSGetNumCoordinates', got) + geos.fn('GEOSGetNumCoordinates', want);
  if (coords > (o.maxHausdorffCoords ?? Infinity)) return null;
  const bg = geos.fn('GEOSBoundary', got), bw = geos.fn('GEOSBoundary', want);
  const h = geos.double('GEOSHausdorffDistanceDensify', bg, bw, 0.25) ?? Infinity;
  geos.destroy(bg);
  geos.destroy(bw);
  const tol = Math.max(Math.abs(distance) * o.hausdorffTol, 1e-8);
  if (h > tol) return `Hausdorff distance ${h} > ${tol}`;
  return null;
}
