/**
 * Shape operations: centroids, interior points, hulls, simplification,
 * normal form, linear referencing and friends, computed in the C core
 * (src/core/shape) with GEOS 3.13 semantics and Shapely 2 names.
 *
 * Every function takes a GeometryArray and returns a new one (or a typed
 * array) with one element per input element; a null element gives null
 * (or NaN). Results are new arrays built by the core: nothing is shared
 * with the input.
 */
import { GeometryArray, GeometryView } from './array.js';
import { totalBounds } from './accessors.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { plan, type GeometryLike } from './predicates.js';

// operation codes of the shape_unary kernel (SH_* in src/core/shape/shape.h)
const OP = {
  centroid: 0,
  pointOnSurface: 1,
  envelope: 2,
  convexHull: 3,
  boundary: 4,
  reverse: 5,
  normalize: 6,
  removeRepeatedPoints: 7,
  segmentize: 8,
  orientPolygons: 9,
  extractUniquePoints: 10,
  simplifyDP: 11,
  simplifyTP: 12,
  orientedEnvelope: 13,
  minimumBoundingCircle: 14,
  lineInterpolatePoint: 15,
  delaunayTriangles: 16,
  lineMerge: 17,
  concaveHull: 18,
} as const;

function arrayArg(name: string, a: unknown): GeometryArray {
  if (a instanceof GeometryArray) return a;
  if (a instanceof GeometryView) return a.array.take([a.index]);
  throw new GeovecError(`geovec: ${name}: argument a must be a GeometryArray or GeometryView`);
}

/** A scalar or one value per element; per-element values go to the core as a Float64Array. */
function paramArg(name: string, arg: string, v: unknown, n: number, ok: (x: number) => boolean, what: string): { scalar: number; per: Float64Array | null } {
  if (typeof v === 'number') {
    if (!ok(v)) throw new GeovecError(`geovec: ${name}: ${arg} must be ${what}, got ${v}`);
    return { scalar: v, per: null };
  }
  if (v instanceof Float64Array || Array.isArray(v)) {
    const per = v instanceof Float64Array ? v : Float64Array.from(v as number[]);
    if (per.length !== n) throw new GeovecError(`geovec: ${name}: ${arg} has ${per.length} values for ${n} geometries`);
    return { scalar: 0, per };
  }
  throw new GeovecError(`geovec: ${name}: ${arg} must be a number or a Float64Array, got ${typeof v}`);
}

function unary(name: string, a: GeometryLike, op: number, p0 = 0, p1 = 0, per: Float64Array | null = null): GeometryArray {
  const arr = arrayArg(name, a);
  return new GeometryArray(run('shape_unary', [arr.handle], [per], [op, p0, p1], name).array);
}

const finiteNonNegative = (x: number) => Number.isFinite(x) && x >= 0;

/** The centroid of each geometry's highest-dimension components (POINT EMPTY for empty geometries). */
export function centroid(a: GeometryLike): GeometryArray {
  return unary('centroid', a, OP.centroid);
}

/** A point guaranteed to lie on each geometry: in the interior of polygons, on lines, at a point (JTS InteriorPoint). */
export function pointOnSurface(a: GeometryLike): GeometryArray {
  return unary('pointOnSurface', a, OP.pointOnSurface);
}

/** The bounding box as a geometry: a Polygon, or a Point / LineString when it is degenerate (POLYGON EMPTY for empty). */
export function envelope(a: GeometryLike): GeometryArray {
  return unary('envelope', a, OP.envelope);
}

/** The smallest convex geometry containing each geometry (Polygon, LineString or Point; GEOMETRYCOLLECTION EMPTY for empty). */
export function convexHull(a: GeometryLike): GeometryArray {
  return unary('convexHull', a, OP.convexHull);
}

/** The topological boundary: ring lines of polygons, mod-2 endpoints of lines, empty for points; null for collections (GEOS refuses them). */
export function boundary(a: GeometryLike): GeometryArray {
  return unary('boundary', a, OP.boundary);
}

/** The same geometries with the order of every line's and ring's coordinates reversed. */
export function reverse(a: GeometryLike): GeometryArray {
  return unary('reverse', a, OP.reverse);
}

/** GEOS normal form: rings start at their smallest coordinate, shells clockwise, holes counter-clockwise, lines from their smaller end, members sorted. */
export function normalize(a: GeometryLike): GeometryArray {
  return unary('normalize', a, OP.normalize);
}

/** Drops consecutive coordinates closer than `tolerance` (0: exactly equal) to the last one kept. */
export function removeRepeatedPoints(a: GeometryLike, tolerance: number | Float64Array = 0): GeometryArray {
  const arr = arrayArg('removeRepeatedPoints', a);
  const t = paramArg('removeRepeatedPoints', 'tolerance', tolerance, arr.length, finiteNonNegative, 'a finite number >= 0');
  return unary('removeRepeatedPoints', arr, OP.removeRepeatedPoints, t.scalar, 0, t.per);
}

/** Adds vertices so that no segment is longer than `maxSegmentLength` (GEOS Densifier). */
export function segmentize(a: GeometryLike, maxSegmentLength: number | Float64Array): GeometryArray {
  const arr = arrayArg('segmentize', a);
  const t = paramArg('segmentize', 'maxSegmentLength', maxSegmentLength, arr.length, (x) => Number.isFinite(x) && x > 0, 'a finite number > 0');
  return unary('segmentize', arr, OP.segmentize, t.scalar, 0, t.per);
}

export interface OrientOptions {
  /** Shells clockwise and holes counter-clockwise (default false: the reverse, as RFC 7946). */
  exteriorCW?: boolean;
}

/** Orients every polygon ring: shells counter-clockwise and holes clockwise, or the reverse with `exteriorCW`. */
export function orientPolygons(a: GeometryLike, options: OrientOptions = {}): GeometryArray {
  return unary('orientPolygons', a, OP.orientPolygons, options.exteriorCW ? 1 : 0);
}

/** A MultiPoint of each geometry's distinct coordinates, in order of first appearance. */
export function extractUniquePoints(a: GeometryLike): GeometryArray {
  return unary('extractUniquePoints', a, OP.extractUniquePoints);
}

export interface SimplifyOptions {
  /** Keep the topology (no self-intersections, rings keep 4 points, no ring crosses another); default true. False: plain Douglas-Peucker. */
  preserveTopology?: boolean;
}

/** Simplifies every line and ring within `tolerance` (a number, or one per geometry). */
export function simplify(a: GeometryLike, tolerance: number | Float64Array, options: SimplifyOptions = {}): GeometryArray {
  const arr = arrayArg('simplify', a);
  const t = paramArg('simplify', 'tolerance', tolerance, arr.length, finiteNonNegative, 'a finite number >= 0');
  const op = options.preserveTopology === false ? OP.simplifyDP : OP.simplifyTP;
  return unary('simplify', arr, op, t.scalar, 0, t.per);
}

/** The minimum-area rectangle enclosing each geometry (a Point or LineString when degenerate). */
export function orientedEnvelope(a: GeometryLike): GeometryArray {
  return unary('orientedEnvelope', a, OP.orientedEnvelope);
}

/** The smallest circle enclosing each geometry, as a 32-segment polygon (a Point when the radius is 0). */
export function minimumBoundingCircle(a: GeometryLike): GeometryArray {
  return unary('minimumBoundingCircle', a, OP.minimumBoundingCircle);
}

/** The radius of minimumBoundingCircle (NaN for null and empty). */
export function minimumBoundingRadius(a: GeometryLike): Float64Array {
  const arr = arrayArg('minimumBoundingRadius', a);
  return new Float64Array(run('min_bounding_radius', [arr.handle], [], [], 'minimumBoundingRadius').outs[0]!);
}

export interface LinearRefOptions {
  /** Distances as fractions of each line's length. */
  normalized?: boolean;
}

/** The point at `distance` along each line (negative: from the end; clamped to the ends). Null for non-lineal elements. */
export function lineInterpolatePoint(a: GeometryLike, distance: number | Float64Array, options: LinearRefOptions = {}): GeometryArray {
  const arr = arrayArg('lineInterpolatePoint', a);
  const t = paramArg('lineInterpolatePoint', 'distance', distance, arr.length, (x) => !Number.isNaN(x), 'a number');
  return unary('lineInterpolatePoint', arr, OP.lineInterpolatePoint, t.scalar, options.normalized ? 1 : 0, t.per);
}

/** The distance along each line to the point of it nearest each point (broadcast like the predicates). NaN for null, empty or non-lineal elements. */
export function lineLocatePoint(a: GeometryLike, points: GeometryLike, options: LinearRefOptions = {}): Float64Array {
  const p = plan('lineLocatePoint', a, points);
  return new Float64Array(run('line_locate_point', [p.a.handle, p.b.handle], [], [options.normalized ? 1 : 0, p.mode, p.single], 'lineLocatePoint').outs[0]!);
}

/** The shortest line from a to b, per pair (broadcast like the predicates); null when either is null or empty. */
export function shortestLine(a: GeometryLike, b: GeometryLike): GeometryArray {
  const p = plan('shortestLine', a, b);
  return new GeometryArray(run('shortest_line', [p.a.handle, p.b.handle], [], [0, p.mode, p.single], 'shortestLine').array);
}

export interface DelaunayOptions {
  /** Snapping tolerance: points closer than this to a kept point are merged (default 0: exact duplicates only). */
  tolerance?: number;
  /** Return the edges as a MultiLineString instead of the triangles (default false). */
  onlyEdges?: boolean;
}

/**
 * Delaunay triangulation of each geometry's vertices (GEOSDelaunayTriangulation):
 * a GeometryCollection of triangles (polygons), or with `onlyEdges` a
 * MultiLineString of the edges. Fewer than 3 distinct points (or collinear
 * points) give an empty collection; their edges are the chain of sorted points.
 */
export function delaunayTriangles(a: GeometryLike, options: DelaunayOptions = {}): GeometryArray {
  const tol = options.tolerance ?? 0;
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) throw new GeovecError(`geovec: delaunayTriangles: tolerance must be a finite number >= 0, got ${String(tol)}`);
  if (options.onlyEdges !== undefined && typeof options.onlyEdges !== 'boolean') throw new GeovecError('geovec: delaunayTriangles: onlyEdges must be a boolean');
  return unary('delaunayTriangles', a, OP.delaunayTriangles, tol, options.onlyEdges ? 1 : 0);
}

export interface VoronoiOptions {
  /** Grow the diagram's frame to cover this geometry's envelope (GEOS `env`). */
  extendTo?: GeometryLike | null;
  /** Snapping tolerance of the underlying triangulation (default 0). */
  tolerance?: number;
  /** Return the cell edges as a MultiLineString instead of the cells (default false). */
  onlyEdges?: boolean;
}

/**
 * Voronoi diagram of each geometry's vertices (GEOSVoronoiDiagram): a
 * GeometryCollection of cells (polygons), clipped to the vertices' envelope
 * grown by its larger side (and to extendTo's envelope when that is larger),
 * or with `onlyEdges` a MultiLineString of the cell edges. Fewer than 2
 * distinct points give an empty collection.
 */
export function voronoiPolygons(a: GeometryLike, options: VoronoiOptions = {}): GeometryArray {
  const arr = arrayArg('voronoiPolygons', a);
  const tol = options.tolerance ?? 0;
  if (typeof tol !== 'number' || !(tol >= 0) || !Number.isFinite(tol)) throw new GeovecError(`geovec: voronoiPolygons: tolerance must be a finite number >= 0, got ${String(tol)}`);
  if (options.onlyEdges !== undefined && typeof options.onlyEdges !== 'boolean') throw new GeovecError('geovec: voronoiPolygons: onlyEdges must be a boolean');
  let box = [NaN, NaN, NaN, NaN];
  if (options.extendTo !== undefined && options.extendTo !== null) {
    if (!(options.extendTo instanceof GeometryArray) && !(options.extendTo instanceof GeometryView)) throw new GeovecError('geovec: voronoiPolygons: extendTo must be a GeometryArray or GeometryView');
    box = Array.from(totalBounds(arrayArg('voronoiPolygons', options.extendTo)));
  }
  return new GeometryArray(run('voronoi', [arr.handle], [], [tol, options.onlyEdges ? 1 : 0, ...box], 'voronoiPolygons').array);
}

export interface LineMergeOptions {
  /** Only join lines end to start, keeping their direction (GEOSLineMergeDirected); default false. */
  directed?: boolean;
}

/**
 * Sews the linear components of each geometry (lines and polygon rings;
 * points are ignored) into maximal lines through nodes where exactly two
 * lines meet (GEOS LineMerger, GEOSLineMerge / GEOSLineMergeDirected): a
 * LineString, a MultiLineString, or GEOMETRYCOLLECTION EMPTY when there are
 * no lines. Repeated points are dropped.
 */
export function lineMerge(a: GeometryLike, options: LineMergeOptions = {}): GeometryArray {
  if (options.directed !== undefined && typeof options.directed !== 'boolean') throw new GeovecError('geovec: lineMerge: directed must be a boolean');
  return unary('lineMerge', a, OP.lineMerge, options.directed ? 1 : 0);
}

export interface ConcaveHullOptions {
  /** Edge length ratio in [0, 1]: 1 gives the convex hull, 0 the most concave hull (default 0). */
  ratio?: number;
  /** Allow holes in the hull (default false). */
  allowHoles?: boolean;
}

/**
 * The concave hull of each geometry's vertices (GEOSConcaveHull, JTS
 * ConcaveHull by edge length ratio): their Delaunay triangulation eroded
 * from the border while the border edge is at least
 * `ratio * (longest - shortest edge) + shortest edge`, keeping one polygon.
 * Fewer than 3 distinct or collinear points give the convex hull (a Point
 * or LineString); empty geometries give POLYGON EMPTY.
 */
export function concaveHull(a: GeometryLike, options: ConcaveHullOptions = {}): GeometryArray {
  const ratio = options.ratio ?? 0;
  if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) throw new GeovecError(`geovec: concaveHull: ratio must be a number in [0, 1], got ${String(ratio)}`);
  if (options.allowHoles !== undefined && typeof options.allowHoles !== 'boolean') throw new GeovecError('geovec: concaveHull: allowHoles must be a boolean');
  return unary('concaveHull', a, OP.concaveHull, ratio, options.allowHoles ? 1 : 0);
}
