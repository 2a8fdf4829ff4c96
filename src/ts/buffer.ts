/**
 * Buffer: the points within a distance of each geometry, computed in the C
 * core as the union of simple pieces (a rectangle per segment, a join per
 * vertex, a cap per line end) by the overlay engine, so the output is
 * always valid. See src/core/buffer/buffer.h for the method and
 * docs/api.md for the parameters.
 */
import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { geometryLikeArg } from './check.js';
import type { GeometryLike } from './predicates.js';

export type CapStyle = 'round' | 'flat' | 'square';
export type JoinStyle = 'round' | 'mitre' | 'bevel';

export interface BufferOptions {
  /** Arc segments per quarter circle (default 8). As in GEOS, 0 gives bevel joins and a negative value mitre joins limited at its absolute value. */
  quadSegs?: number;
  /** The end of lines (and points): 'round' (default), 'flat' (none: points give POLYGON EMPTY) or 'square'. */
  capStyle?: CapStyle;
  /** Corners: 'round' (default), 'mitre' (sharp, cut at mitreLimit x distance) or 'bevel'. */
  joinStyle?: JoinStyle;
  /** The longest mitre, as a multiple of the distance (default 5). */
  mitreLimit?: number;
  /** Lines: buffer one side only (left for a positive distance, right for a negative one), flat ends. Polygons are buffered as usual. */
  singleSided?: boolean;
  /** 'metres': the input is longitude/latitude (degrees, WGS84) and the distance in metres; each geometry is buffered in an azimuthal equidistant projection centred on it. Default: the units of the coordinates. */
  units?: 'metres' | 'meters' | 'coordinates';
  /** Snap-round every output vertex to this grid (as the overlay's gridSize); 0 or absent = full precision. */
  gridSize?: number;
}

const CAPS: Record<CapStyle, number> = { round: 1, flat: 2, square: 3 };
const JOINS: Record<JoinStyle, number> = { round: 1, mitre: 2, bevel: 3 };

function optionOf<T extends string>(fn: string, name: string, v: unknown, table: Record<T, number>, dflt: T): number {
  if (v === undefined) return table[dflt];
  if (typeof v !== 'string' || !(v in table)) {
    throw new GeovecError(`geovec: ${fn}: ${name} must be ${Object.keys(table).map((k) => `'${k}'`).join(', ')}; got ${JSON.stringify(v)}`);
  }
  return table[v as T];
}

function distanceArg(fn: string, distance: unknown, n: number): { scalar: number; per: Float64Array | null } {
  if (typeof distance === 'number') {
    if (!Number.isFinite(distance)) throw new GeovecError(`geovec: ${fn}: distance must be a finite number, got ${distance}`);
    return { scalar: distance, per: null };
  }
  if (distance instanceof Float64Array || Array.isArray(distance)) {
    const per = distance instanceof Float64Array ? distance : Float64Array.from(distance as number[]);
    if (per.length !== n) throw new GeovecError(`geovec: ${fn}: distance has ${per.length} values for ${n} geometries`);
    for (let i = 0; i < per.length; i++) {
      if (!Number.isFinite(per[i]!)) throw new GeovecError(`geovec: ${fn}: distance ${i} is not a finite number (${per[i]})`);
    }
    return { scalar: 0, per };
  }
  throw new GeovecError(`geovec: ${fn}: distance must be a number or a Float64Array, got ${distance === null ? 'null' : typeof distance}`);
}

/**
 * The buffer of each geometry at `distance` (a number, or a Float64Array
 * with one distance per element): Polygons and MultiPolygons, POLYGON EMPTY
 * when nothing is left (a negative distance on lines and points, or one
 * that erodes a polygon away). Zero gives the polygonal part as it is
 * (unioned). A null element gives null.
 */
export function buffer(a: GeometryLike, distance: number | Float64Array | readonly number[], options: BufferOptions = {}): GeometryArray {
  const fn = 'buffer';
  const like = geometryLikeArg(fn, 'a', a);
  const arr = like instanceof GeometryArray ? like : like.array.take([like.index]);
  if (typeof options !== 'object' || options === null) throw new GeovecError(`geovec: ${fn}: options must be an object`);
  const d = distanceArg(fn, distance, arr.length);
  const q = options.quadSegs ?? 8;
  if (typeof q !== 'number' || !Number.isInteger(q) || Math.abs(q) > 1e6) throw new GeovecError(`geovec: ${fn}: quadSegs must be an integer, got ${String(q)}`);
  const cap = optionOf(fn, 'capStyle', options.capStyle, CAPS, 'round');
  const join = optionOf(fn, 'joinStyle', options.joinStyle, JOINS, 'round');
  const mitre = options.mitreLimit ?? 5;
  if (typeof mitre !== 'number' || !Number.isFinite(mitre) || mitre < 0) throw new GeovecError(`geovec: ${fn}: mitreLimit must be a finite number >= 0, got ${String(mitre)}`);
  const units = options.units ?? 'coordinates';
  if (units !== 'metres' && units !== 'meters' && units !== 'coordinates') throw new GeovecError(`geovec: ${fn}: units must be 'metres' or 'coordinates', got ${JSON.stringify(units)}`);
  const metres = units !== 'coordinates' ? 1 : 0;
  const grid = options.gridSize ?? 0;
  if (typeof grid !== 'number' || !Number.isFinite(grid) || grid < 0) throw new GeovecError(`geovec: ${fn}: gridSize must be a finite number >= 0, got ${String(grid)}`);
  const r = run('buffer', [arr.handle], [d.per], [d.scalar, q, cap, join, mitre, options.singleSided ? 1 : 0, metres, grid], fn);
  return new GeometryArray(r.array!);
}

export interface OffsetCurveOptions {
  /** Arc segments per quarter circle (default 8); 0 and negative values as in buffer. */
  quadSegs?: number;
  /** Corners on the outer side of turns: 'round' (default), 'mitre' or 'bevel'. */
  joinStyle?: JoinStyle;
  /** The longest mitre, as a multiple of the distance (default 5). */
  mitreLimit?: number;
}

/**
 * The offset curve of each geometry (GEOS 3.13 OffsetCurve): a line at
 * `distance` on the left of each line (positive) or on its right
 * (negative), no caps: the sections of the line's buffer boundary that lie
 * on its raw offset curve, in the direction of the input and ordered along
 * it (a LineString, or a MultiLineString when the curve is cut, e.g. where
 * the input comes closer to itself than the distance). Polygons give the
 * rings of their buffer, points LINESTRING EMPTY, collections the curves of
 * their members; zero copies the lines. Null in, null out.
 */
export function offsetCurve(a: GeometryLike, distance: number | Float64Array | readonly number[], options: OffsetCurveOptions = {}): GeometryArray {
  const fn = 'offsetCurve';
  const like = geometryLikeArg(fn, 'a', a);
  const arr = like instanceof GeometryArray ? like : like.array.take([like.index]);
  if (typeof options !== 'object' || options === null) throw new GeovecError(`geovec: ${fn}: options must be an object`);
  const d = distanceArg(fn, distance, arr.length);
  const q = options.quadSegs ?? 8;
  if (typeof q !== 'number' || !Number.isInteger(q) || Math.abs(q) > 1e6) throw new GeovecError(`geovec: ${fn}: quadSegs must be an integer, got ${String(q)}`);
  const join = optionOf(fn, 'joinStyle', options.joinStyle, JOINS, 'round');
  const mitre = options.mitreLimit ?? 5;
  if (typeof mitre !== 'number' || !Number.isFinite(mitre) || mitre < 0) throw new GeovecError(`geovec: ${fn}: mitreLimit must be a finite number >= 0, got ${String(mitre)}`);
  return new GeometryArray(run('offset_curve', [arr.handle], [d.per], [d.scalar, q, join, mitre], fn).array!);
}
