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

function counts(geos: Geos, g: number): { polygons: number; holes: number } {
  if (geos.fn('GEOSisEmpty', g) === 1) return { polygons: 0, holes: 0 };
  const n = geos.fn('GEOSGetNumGeometries', g);
  let holes = 0, polygons = 0;
  for (let i = 0; i < n; i++) {
    const p = geos.fn('GEOSGetGeometryN', g, i);
    if (geos.fn('GEOSisEmpty', p) === 1) continue; // GEOS's unions can hold EMPTY members
    polygons++;
    holes += geos.fn('GEOSGetNumInteriorRings', p);
  }
  return { polygons, holes };
}

export interface MatchOptions {
  /** largest area of the symmetric difference, as a fraction of the expected area (JTS: 1e-3) */
  areaTol: number;
  /** largest Hausdorff distance between the boundaries, as a fraction of |distance| (JTS: 0.01) */
  hausdorffTol: number;
  /** also require the same numbers of polygons and holes */
  sameCounts?: boolean;
}

/** null when `got` matches `want` for a buffer at `distance`, else why not. Both are GEOS pointers. */
export function bufferMismatch(geos: Geos, got: number, want: number, distance: number, o: MatchOptions): string | null {
  if (!geos.isValid(got)) return 'invalid result';
  const ge = geos.fn('GEOSisEmpty', got) === 1, we = geos.fn('GEOSisEmpty', want) === 1;
  if (ge && we) return null;
  if (o.sameCounts) {
    const a = counts(geos, got), b = counts(geos, want);
    if (a.polygons !== b.polygons || a.holes !== b.holes) return `${a.polygons} polygons / ${a.holes} holes, GEOS ${b.polygons} / ${b.holes}`;
  }
  const area = geos.double('GEOSArea', want) ?? 0;
  const sd = geos.fn('GEOSSymDifference', got, want);
  const diff = geos.double('GEOSArea', sd) ?? Infinity;
  geos.destroy(sd);
  if (diff > 0 && !(area > 0 && diff / area < o.areaTol)) return `symmetric difference ${diff} of area ${area}`;
  const bg = geos.fn('GEOSBoundary', got), bw = geos.fn('GEOSBoundary', want);
  const h = geos.double('GEOSHausdorffDistanceDensify', bg, bw, 0.25) ?? Infinity;
  geos.destroy(bg);
  geos.destroy(bw);
  const tol = Math.max(Math.abs(distance) * o.hausdorffTol, 1e-8);
  if (h > tol) return `Hausdorff distance ${h} > ${tol}`;
  return null;
}
