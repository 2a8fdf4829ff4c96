/**
 * Overlay oracle: compares a geovec overlay result (WKT) with GEOS 3.13
 * OverlayNG's for the same inputs: same dimension, area of the symmetric
 * difference <= 1e-9 x the larger area (length for lines), Hausdorff
 * distance within tolerance (catches missing lower-dimension parts), and
 * geovec's result valid by GEOSisValidDetail.
 */
import type { Geos } from './geos.js';

export const GEOS_OPS = {
  intersection: 'GEOSIntersection',
  union: 'GEOSUnion',
  difference: 'GEOSDifference',
  symDifference: 'GEOSSymDifference',
} as const;
export type OverlayName = keyof typeof GEOS_OPS;

export interface OverlayCheck {
  /** null when geovec agrees with GEOS (or GEOS failed and geovec's result is valid) */
  failure: string | null;
  /** GEOS threw (TopologyException) or gave an invalid result */
  geosFailed: boolean;
}

function measure(geos: Geos, g: number): { area: number; length: number; dim: number; empty: boolean } {
  const empty = geos.fn('GEOSisEmpty', g) === 1;
  return {
    area: geos.double('GEOSArea', g) ?? NaN,
    length: geos.double('GEOSLength', g) ?? NaN,
    dim: empty ? -1 : geos.fn('GEOSGeom_getDimensions', g),
    empty,
  };
}

/** Whether a GEOS result holds a line shorter than 1e-9 of its coordinates' magnitude (a collapse GEOS leaves in). */
function degenerate(geos: Geos, g: number): boolean {
  const n = geos.fn('GEOSGetNumGeometries', g);
  const mag = Math.max(1, ...['GEOSGeom_getXMax', 'GEOSGeom_getYMax', 'GEOSGeom_getXMin', 'GEOSGeom_getYMin'].map((f) => Math.abs(geos.double(f, g) ?? 0)));
  for (let i = 0; i < n; i++) {
    const c = geos.fn('GEOSGetGeometryN', g, i);
    const t = geos.fn('GEOSGeomTypeId', c);
    if ((t === 1 || t === 5) && (geos.double('GEOSLength', c) ?? 1) < 1e-9 * mag) return true;
  }
  return false;
}

/** GEOS's result of op(a, b) as a geometry pointer, or 0 when GEOS throws. */
export function geosOverlay(geos: Geos, fn: string, ga: number, gb: number | null): number {
  try {
    return gb === null ? geos.fn(fn, ga) : geos.fn(fn, ga, gb);
  } catch {
    return 0;
  }
}

/** Compares geovec's result `ours` (WKT) with GEOS's result pointer `gr` (0 when GEOS failed). */
export function compareResult(geos: Geos, ours: string, gr: number, tol = 1e-9): OverlayCheck {
  const go = geos.read(ours);
  if (!go) return { failure: `GEOS cannot read geovec's result ${ours}`, geosFailed: false };
  try {
    if (!geos.isValid(go)) return { failure: `invalid result ${ours}`, geosFailed: !gr };
    if (!gr || !geos.isValid(gr) || degenerate(geos, gr)) return { failure: null, geosFailed: true };
    const mo = measure(geos, go), mr = measure(geos, gr);
    if (mo.dim !== mr.dim) return { failure: `dimension ${mo.dim}, GEOS ${mr.dim} (${geos.toWKT(gr)})`, geosFailed: false };
    if (mo.empty) return { failure: null, geosFailed: false };
    const scale = Math.max(mo.area, mr.area);
    let diff: number | null = null;
    const sd = geosOverlay(geos, 'GEOSSymDifference', go, gr);
    if (sd) {
      diff = geos.double('GEOSArea', sd);
      geos.destroy(sd);
    }
    if (diff === null) diff = Math.abs(mo.area - mr.area);
    if (diff > tol * scale + 1e-12)
      return { failure: `symmetric difference area ${diff} of ${scale} (GEOS ${geos.toWKT(gr)})`, geosFailed: false };
    if (Math.abs(mo.length - mr.length) > tol * Math.max(mo.length, mr.length) + 1e-12)
      return { failure: `boundary length ${mo.length}, GEOS ${mr.length} (GEOS ${geos.toWKT(gr)})`, geosFailed: false };
    const hd = geos.double('GEOSHausdorffDistance', go, gr);
    if (hd !== null && hd > 1e-7) return { failure: `Hausdorff distance ${hd} (GEOS ${geos.toWKT(gr)})`, geosFailed: false };
    return { failure: null, geosFailed: false };
  } finally {
    geos.destroy(go);
  }
}
