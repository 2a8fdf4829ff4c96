/**
 * The geodesic oracle: GeographicLib's own JavaScript (npm geographiclib-geodesic),
 * by C. F. F. Karney, on WGS84. Areas and lengths of GeoJSON geometries computed the
 * way geovec defines them: each ring's area is |signed area| (the smaller region),
 * polygons subtract their holes, collections and multi geometries sum their members.
 */
import * as glns from 'geographiclib-geodesic';
import type { Geometry } from './geovec.js';

/** The module (a CommonJS bundle: its exports arrive as the default export under ESM). */
export const gl = ((glns as unknown as { default?: typeof glns }).default ?? glns) as typeof glns;
export const WGS84 = gl.Geodesic.WGS84;

type Pos = number[];

/** |area| of one ring of [lon, lat] positions (GeographicLib Polygon, signed, then abs). */
export function ringArea(ring: Pos[]): number {
  const p = WGS84.Polygon(false);
  const n = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) p.AddPoint(ring[i]![1]!, ring[i]![0]!);
  return Math.abs(p.Compute(false, true).area!);
}

/** Length of an open line of [lon, lat] positions. */
export function lineLength(line: Pos[]): number {
  if (line.length < 2) return 0;
  const p = WGS84.Polygon(true);
  for (const c of line) p.AddPoint(c[1]!, c[0]!);
  return p.Compute(false, true).perimeter;
}

function polygonArea(rings: Pos[][]): number {
  let a = 0;
  rings.forEach((r, k) => {
    if (r.length === 0) return;
    a += k === 0 ? ringArea(r) : -ringArea(r);
  });
  return a;
}

/** Geodesic area of a GeoJSON geometry (NaN for null). */
export function geometryArea(g: Geometry | null): number {
  if (!g) return NaN;
  switch (g.type) {
    case 'Polygon': return polygonArea(g.coordinates as Pos[][]);
    case 'MultiPolygon': return (g.coordinates as Pos[][][]).reduce((s, p) => s + polygonArea(p), 0);
    case 'GeometryCollection': return g.geometries.reduce((s, m) => s + geometryArea(m), 0);
    default: return 0;
  }
}

/** Geodesic length of a GeoJSON geometry: lines, and every ring of polygons (NaN for null). */
export function geometryLength(g: Geometry | null): number {
  if (!g) return NaN;
  switch (g.type) {
    case 'LineString': return lineLength(g.coordinates as Pos[]);
    case 'MultiLineString': return (g.coordinates as Pos[][]).reduce((s, l) => s + lineLength(l), 0);
    case 'Polygon': return (g.coordinates as Pos[][]).reduce((s, l) => s + lineLength(l), 0);
    case 'MultiPolygon': return (g.coordinates as Pos[][][]).reduce((s, p) => s + p.reduce((t, l) => t + lineLength(l), 0), 0);
    case 'GeometryCollection': return g.geometries.reduce((s, m) => s + geometryLength(m), 0);
    default: return 0;
  }
}

/** Inverse problem: distance in metres and azimuths in degrees. */
export function inverse(lat1: number, lon1: number, lat2: number, lon2: number): { s12: number; azi1: number; azi2: number } {
  const r = WGS84.Inverse(lat1, lon1, lat2, lon2);
  return { s12: r.s12!, azi1: r.azi1!, azi2: r.azi2! };
}
