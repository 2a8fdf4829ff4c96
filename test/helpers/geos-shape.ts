/**
 * GEOS 3.13 oracle helpers for the shape operations: runs a GEOS function on
 * a WKT and gives its result in normal form (GEOSNormalize) as WKT, and
 * normalizes geovec's output the same way, so that results compare as text.
 */
import type { Geos } from './geos.js';

/** The WKT of `wkt` in GEOS normal form, or null when GEOS cannot read it. */
export function normalWKT(geos: Geos, wkt: string | null): string | null {
  if (wkt === null) return null;
  const g = geos.read(wkt);
  if (!g) return null;
  try {
    geos.fn('GEOSNormalize', g);
    return geos.toWKT(g);
  } finally {
    geos.destroy(g);
  }
}

/** GEOS's result of `name(g, ...args)` in normal form; null when GEOS fails or returns NULL. */
export function geosUnaryNormal(geos: Geos, name: string, wkt: string, ...args: number[]): string | null {
  const g = geos.read(wkt);
  if (!g) return null;
  let r = 0;
  try {
    r = geos.fn(name, g, ...args);
    if (!r) return null;
    geos.fn('GEOSNormalize', r);
    return geos.toWKT(r);
  } catch {
    return null;
  } finally {
    geos.destroy(r);
    geos.destroy(g);
  }
}

/** A GEOS function over a WKT that answers a double (GEOSArea, GEOSLength, ...). */
export function geosDouble(geos: Geos, name: string, wkt: string, ...args: number[]): number | null {
  const g = geos.read(wkt);
  if (!g) return null;
  try {
    return geos.double(name, g, ...args);
  } finally {
    geos.destroy(g);
  }
}
