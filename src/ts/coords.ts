/**
 * Coordinates, parts, affine transforms, properties and constructors,
 * computed in the C core (src/core/coords). Names and semantics follow
 * Shapely 2 (GEOS 3.13) in camelCase. Every function takes a GeometryArray
 * or a GeometryView (an array of one); null elements give null geometries,
 * NaN numbers, 0 counts and flags.
 */
import { GeometryArray, GeometryView } from './array.js';
import { bounds } from './accessors.js';
import { centroid } from './shape.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { unaryArray } from './measures.js';
import { plan, type GeometryLike } from './predicates.js';

const arr = (name: string, a: GeometryLike) => unaryArray(name, a);
const geoms = (name: string, kernel: string, a: GeometryLike, inputs: (ArrayBufferView | null)[] = [], nums: number[] = []) =>
  new GeometryArray(run(kernel, [arr(name, a).handle], inputs, nums, name).array);

function finite(name: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new GeovecError(`geovec: ${name}: ${what} must be a finite number`);
  return v;
}

/** Coordinate dimensions of the constructors: x, y (and z). */
export type CoordDims = 'xy' | 'xyz';
/** Coordinate dimensions of getCoordinates / setCoordinates: x, y, then z and / or m (GeoArrow's xy, xyz, xym, xyzm). */
export type CoordDimsM = CoordDims | 'xym' | 'xyzm';
function width(name: string, dims: CoordDims | undefined): 2 | 3 {
  if (dims === undefined || dims === 'xy') return 2;
  if (dims === 'xyz') return 3;
  throw new GeovecError(`geovec: ${name}: dims must be 'xy' or 'xyz', not ${String(dims)}`);
}
const DIMS_CODE: Record<CoordDimsM, number> = { xy: 0, xyz: 1, xym: 2, xyzm: 3 };
/** [dims code of the kernels (0 xy, 1 xyz, 2 xym, 3 xyzm), values per coordinate]. */
function dimsArg(name: string, dims: CoordDimsM | undefined): [number, number] {
  const d = dims ?? 'xy';
  const code = Object.hasOwn(DIMS_CODE, d) ? DIMS_CODE[d] : undefined;
  if (code === undefined) throw new GeovecError(`geovec: ${name}: dims must be 'xy', 'xyz', 'xym' or 'xyzm', not ${String(dims)}`);
  return [code, d.length];
}

// ---- coordinates -------------------------------------------------------------------

export interface Coordinates {
  /** Interleaved x, y (and z) of every coordinate, in order (empty points have none). */
  coords: Float64Array;
  /** The element each coordinate belongs to. */
  index: Int32Array;
}

/**
 * Every coordinate of every element, interleaved in the order of dims
 * (x, y, then z and / or m; NaN where an element has none), with its
 * element index.
 */
export function getCoordinates(a: GeometryLike, options: { dims?: CoordDimsM } = {}): Coordinates {
  const [code] = dimsArg('getCoordinates', options.dims);
  const r = run('get_coordinates', [arr('getCoordinates', a).handle], [], [code], 'getCoordinates');
  return { coords: new Float64Array(r.outs[0]!), index: new Int32Array(r.outs[1]!) };
}

/** Number of coordinates over all elements (empty points not counted). */
export function countCoordinates(a: GeometryLike): number {
  return run('count_coordinates', [arr('countCoordinates', a).handle], [], [], 'countCoordinates').nums[0]!;
}

/**
 * A new array with the same geometries and the coordinates replaced, in
 * getCoordinates order, dims values each. The dims given are replaced and
 * every element gets them ('xyz' gives every element z, 'xym' m, 'xyzm'
 * both); the others are kept as they were.
 */
export function setCoordinates(a: GeometryLike, coords: Float64Array, options: { dims?: CoordDimsM } = {}): GeometryArray {
  if (!(coords instanceof Float64Array)) throw new GeovecError('geovec: setCoordinates: coords must be a Float64Array');
  const [code] = dimsArg('setCoordinates', options.dims);
  return geoms('setCoordinates', 'set_coordinates', a, [coords], [code]);
}

export type TransformFn = (xs: Float64Array, ys: Float64Array, zs?: Float64Array) => ArrayLike<number>[] | [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>?];

/**
 * Passes every coordinate through fn in one call: fn(xs, ys) (with
 * { includeZ: true }, fn(xs, ys, zs)) receives whole columns and returns the
 * new columns [xs, ys] (or [xs, ys, zs]) of the same length.
 */
export function transform(a: GeometryLike, fn: TransformFn, options: { includeZ?: boolean } = {}): GeometryArray {
  if (typeof fn !== 'function') throw new GeovecError('geovec: transform: fn must be a function (xs, ys[, zs]) => [xs, ys[, zs]]');
  const z = options.includeZ === true;
  const { coords } = getCoordinates(a, { dims: z ? 'xyz' : 'xy' });
  const w = z ? 3 : 2;
  const n = coords.length / w;
  const cols = Array.from({ length: w }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let d = 0; d < w; d++) cols[d]![i] = coords[i * w + d]!;
  const out = z ? fn(cols[0]!, cols[1]!, cols[2]!) : fn(cols[0]!, cols[1]!);
  if (!Array.isArray(out) || out.length < w || out.slice(0, w).some((c) => !c || c.length !== n)) {
    throw new GeovecError(`geovec: transform: fn must return ${w} columns of ${n} values`);
  }
  const next = new Float64Array(n * w);
  for (let d = 0; d < w; d++) {
    const c = out[d]!;
    for (let i = 0; i < n; i++) next[i * w + d] = c[i]!;
  }
  return setCoordinates(a, next, { dims: z ? 'xyz' : 'xy' });
}

// ---- affine transforms ----------------------------------------------------------------

/** [a, b, d, e, xoff, yoff]: x' = a x + b y + xoff, y' = d x + e y + yoff (z unchanged). */
export type AffineMatrix = [number, number, number, number, number, number];
/**
 * [a, b, c, d, e, f, g, h, i, xoff, yoff, zoff]: x' = a x + b y + c z + xoff,
 * y' = d x + e y + f z + yoff, z' = g x + h y + i z + zoff (elements without z
 * take the 2D part: x' = a x + b y + xoff, y' = d x + e y + yoff).
 */
export type AffineMatrix3D = [number, number, number, number, number, number, number, number, number, number, number, number];

/** Applies one affine matrix (6 values, 2D; or 12, 3D, as Shapely's affine_transform) to every element. */
export function affine(a: GeometryLike, matrix: AffineMatrix | AffineMatrix3D | ArrayLike<number>): GeometryArray {
  const len = (matrix as ArrayLike<number> | undefined)?.length;
  if (!matrix || (len !== 6 && len !== 12)) {
    throw new GeovecError('geovec: affine: matrix must be [a, b, d, e, xoff, yoff] or [a, b, c, d, e, f, g, h, i, xoff, yoff, zoff]');
  }
  const m = Float64Array.from(matrix as ArrayLike<number>, (v) => finite('affine', 'every matrix value', v));
  return geoms('affine', 'affine', a, [m], [len]);
}

/** Moves every element by (xoff, yoff, zoff); zoff moves the elements with z only. */
export function translate(a: GeometryLike, xoff = 0, yoff = 0, zoff = 0): GeometryArray {
  const [x, y, z] = [finite('translate', 'xoff', xoff), finite('translate', 'yoff', yoff), finite('translate', 'zoff', zoff)];
  return z === 0 ? affine(a, [1, 0, 0, 1, x, y]) : affine(a, [1, 0, 0, 0, 1, 0, 0, 0, 1, x, y, z]);
}

/**
 * 'center' (of each element's 2D bounds, the default), 'centroid' (each
 * element's centroid), or one point [x, y] or [x, y, z] for all. The
 * origin's z is 0 unless given (as Shapely).
 */
export type Origin = 'center' | 'centroid' | [number, number] | [number, number, number];
export interface AffineOptions {
  origin?: Origin;
  useRadians?: boolean;
}

/**
 * Per-element matrices from a linear part L (3x3, row-major) and each
 * element's origin o: x' = L (x - o) + o. With w 6 only the 2D part is used
 * (z unchanged).
 */
function aboutOrigin(name: string, a: GeometryLike, lin: number[], origin: Origin | undefined, w: 6 | 12): GeometryArray {
  const g = arr(name, a);
  const [ma, mb, mc, md, me, mf, mg, mh, mi] = lin as [number, number, number, number, number, number, number, number, number];
  const matrix = (x0: number, y0: number, z0: number): number[] =>
    w === 6
      ? [ma, mb, md, me, x0 - ma * x0 - mb * y0, y0 - md * x0 - me * y0]
      : [ma, mb, mc, md, me, mf, mg, mh, mi, x0 - ma * x0 - mb * y0 - mc * z0, y0 - md * x0 - me * y0 - mf * z0, z0 - mg * x0 - mh * y0 - mi * z0];
  const o = origin ?? 'center';
  const bad = `geovec: ${name}: origin must be 'center', 'centroid', [x, y] or [x, y, z]`;
  if (Array.isArray(o)) {
    if (o.length !== 2 && o.length !== 3) throw new GeovecError(bad);
    const z0 = o.length === 3 ? finite(name, 'origin z', o[2]) : 0;
    return new GeometryArray(run('affine', [g.handle], [Float64Array.from(matrix(finite(name, 'origin x', o[0]), finite(name, 'origin y', o[1]), z0))], [w], name).array);
  }
  let xs: ArrayLike<number>;
  let ys: ArrayLike<number>;
  if (o === 'center') {
    const b = bounds(g);
    xs = Float64Array.from({ length: g.length }, (_, i) => (b[4 * i]! + b[4 * i + 2]!) / 2);
    ys = Float64Array.from({ length: g.length }, (_, i) => (b[4 * i + 1]! + b[4 * i + 3]!) / 2);
  } else if (o === 'centroid') {
    const c = centroid(g);
    xs = getX(c);
    ys = getY(c);
    c.dispose();
  } else throw new GeovecError(`${bad}, not ${String(o)}`);
  /* (an empty element's NaN origin meets no coordinate) */
  const m = new Float64Array(w * g.length);
  for (let i = 0; i < g.length; i++) m.set(matrix(xs[i]!, ys[i]!, 0), w * i);
  return new GeometryArray(run('affine', [g.handle], [m], [w], name).array);
}

/**
 * Scales every element by (xfact, yfact, zfact) about its origin (default:
 * the center of its bounds), as Shapely's scale(geom, xfact, yfact, zfact,
 * origin). zfact scales the elements with z only; it may be left out
 * (scale(a, xfact, yfact, { origin })).
 */
export function scale(a: GeometryLike, xfact?: number, yfact?: number, options?: AffineOptions): GeometryArray;
export function scale(a: GeometryLike, xfact?: number, yfact?: number, zfact?: number, options?: AffineOptions): GeometryArray;
export function scale(a: GeometryLike, xfact = 1, yfact = 1, zfact: number | AffineOptions = 1, options: AffineOptions = {}): GeometryArray {
  if (typeof zfact === 'object' && zfact !== null) {
    options = zfact;
    zfact = 1;
  }
  const [x, y, z] = [finite('scale', 'xfact', xfact), finite('scale', 'yfact', yfact), finite('scale', 'zfact', zfact)];
  return aboutOrigin('scale', a, [x, 0, 0, 0, y, 0, 0, 0, z], options.origin, z === 1 ? 6 : 12);
}

/** Rotates every element counter-clockwise by angle (degrees, or radians with useRadians) about its origin, in the xy plane (z unchanged). */
export function rotate(a: GeometryLike, angle: number, options: AffineOptions = {}): GeometryArray {
  const t = finite('rotate', 'angle', angle) * (options.useRadians ? 1 : Math.PI / 180);
  let c = Math.cos(t);
  let s = Math.sin(t);
  /* exact quarter turns, as Shapely */
  if (Math.abs(c) < 2.5e-16) c = 0;
  if (Math.abs(s) < 2.5e-16) s = 0;
  return aboutOrigin('rotate', a, [c, -s, 0, s, c, 0, 0, 0, 1], options.origin, 6);
}

/** Shears every element by angles xs (along x) and ys (along y), degrees unless useRadians, about its origin (z unchanged). */
export function skew(a: GeometryLike, xs = 0, ys = 0, options: AffineOptions = {}): GeometryArray {
  const k = options.useRadians ? 1 : Math.PI / 180;
  const tx = Math.tan(finite('skew', 'xs', xs) * k);
  const ty = Math.tan(finite('skew', 'ys', ys) * k);
  return aboutOrigin('skew', a, [1, tx, 0, ty, 1, 0, 0, 0, 1], options.origin, 6);
}

/** The elements without z and m. */
export function forceXY(a: GeometryLike): GeometryArray {
  return geoms('forceXY', 'force_dims', a, [], [0, 0]);
}

/** The elements with z (existing z kept, z given where missing), m dropped. */
export function forceXYZ(a: GeometryLike, z = 0): GeometryArray {
  return geoms('forceXYZ', 'force_dims', a, [], [1, finite('forceXYZ', 'z', z)]);
}

// ---- parts ---------------------------------------------------------------------------------

function indexArg(name: string, n: number, i: number | Int32Array | ArrayLike<number>): [ArrayBufferView | null, number] {
  if (typeof i === 'number') {
    if (!Number.isInteger(i) || Math.abs(i) > 0x7fffffff) throw new GeovecError(`geovec: ${name}: index must be an integer`);
    return [null, i];
  }
  const v = i instanceof Int32Array ? i : Int32Array.from(i);
  if (v.length !== n) throw new GeovecError(`geovec: ${name}: index has ${v.length} values for ${n} geometries`);
  return [v, 0];
}

/** Members of multi geometries and collections; 1 for other geometries, 0 for null. */
export function getNumGeometries(a: GeometryLike): Int32Array {
  return new Int32Array(run('num_geometries', [arr('getNumGeometries', a).handle], [], [], 'getNumGeometries').outs[0]!);
}

/** Member i of each element (a number, or one per element; negative counts from the end); a simple geometry is its own member 0; null when out of range. */
export function getGeometry(a: GeometryLike, i: number | Int32Array | ArrayLike<number>): GeometryArray {
  const g = arr('getGeometry', a);
  const [v, k] = indexArg('getGeometry', g.length, i);
  return new GeometryArray(run('get_geometry', [g.handle], [v], [k], 'getGeometry').array);
}

export interface PartsResult {
  parts: GeometryArray;
  /** The element each part came from. */
  index: Int32Array;
}

/** Every member of every element (the element itself for simple geometries), with the element each came from. */
export function getParts(a: GeometryLike): PartsResult {
  const r = run('get_parts', [arr('getParts', a).handle], [], [], 'getParts');
  return { parts: new GeometryArray(r.array), index: new Int32Array(r.outs[0]!) };
}

/** Holes of polygons; 0 for other types. */
export function getNumInteriorRings(a: GeometryLike): Int32Array {
  return new Int32Array(run('num_interior_rings', [arr('getNumInteriorRings', a).handle], [], [], 'getNumInteriorRings').outs[0]!);
}

/** The shell of each polygon as a line string (null for other types). */
export function getExteriorRing(a: GeometryLike): GeometryArray {
  return geoms('getExteriorRing', 'polygon_ring', a, [], [0, 0]);
}

/** Hole i of each polygon as a line string (negative counts from the end; null when out of range or not a polygon). */
export function getInteriorRing(a: GeometryLike, i: number | Int32Array | ArrayLike<number>): GeometryArray {
  const g = arr('getInteriorRing', a);
  const [v, k] = indexArg('getInteriorRing', g.length, i);
  return new GeometryArray(run('polygon_ring', [g.handle], [v], [k, 1], 'getInteriorRing').array);
}

export interface RingsResult {
  rings: GeometryArray;
  /** The element each ring came from. */
  index: Int32Array;
}

/** Every ring of every polygon (shell first) as line strings, with the element each came from. */
export function getRings(a: GeometryLike): RingsResult {
  const r = run('get_rings', [arr('getRings', a).handle], [], [], 'getRings');
  return { rings: new GeometryArray(r.array), index: new Int32Array(r.outs[0]!) };
}

/** Point i of each line string (negative counts from the end); null for other types and out of range. */
export function getPoint(a: GeometryLike, i: number | Int32Array | ArrayLike<number>): GeometryArray {
  const g = arr('getPoint', a);
  const [v, k] = indexArg('getPoint', g.length, i);
  return new GeometryArray(run('get_point', [g.handle], [v], [k], 'getPoint').array);
}

const coordOf = (name: string, which: number) => (a: GeometryLike): Float64Array =>
  new Float64Array(run('point_coord', [arr(name, a).handle], [], [which], name).outs[0]!);
/** x of points (NaN for other types and empty points). */
export const getX = coordOf('getX', 0);
/** y of points. */
export const getY = coordOf('getY', 1);
/** z of points (NaN without z). */
export const getZ = coordOf('getZ', 2);
/** m of points (NaN without m). */
export const getM = coordOf('getM', 3);

/** Coordinates of line strings; 0 for other types. */
export function getNumPoints(a: GeometryLike): Int32Array {
  return new Int32Array(run('line_num_points', [arr('getNumPoints', a).handle], [], [], 'getNumPoints').outs[0]!);
}

// ---- properties -------------------------------------------------------------------------------

const prop = (name: string, which: number) => (a: GeometryLike): Uint8Array =>
  new Uint8Array(run('line_property', [arr(name, a).handle], [], [which], name).outs[0]!);
/** 1 for line strings (and multi line strings whose lines all) end where they start. */
export const isClosed = prop('isClosed', 0);
/** 1 for closed, simple line strings. */
export const isRing = prop('isRing', 1);
/** 1 for line strings (rings) of at least 4 coordinates running counter-clockwise. */
export const isCCW = prop('isCCW', 2);
/** 1 for elements with z. */
export const hasZ = prop('hasZ', 3);
/** 1 for elements with m. */
export const hasM = prop('hasM', 4);

/** 1 where the geometries have the same type and structure and their coordinates are within tolerance (2D), in order. Broadcasts as the predicates. */
export function equalsExact(a: GeometryLike, b: GeometryLike, tolerance = 0): Uint8Array {
  const p = plan('equalsExact', a, b);
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) throw new GeovecError('geovec: equalsExact: tolerance must be a number >= 0');
  return new Uint8Array(run('equals_exact', [p.a.handle, p.b.handle], [], [p.mode, p.single, tolerance], 'equalsExact').outs[0]!);
}

// ---- constructors -----------------------------------------------------------------------------

function offsetsArg(name: string, offsets: Int32Array | ArrayLike<number>): Int32Array {
  const o = offsets instanceof Int32Array ? offsets : Int32Array.from(offsets);
  if (o.length < 1) throw new GeovecError(`geovec: ${name}: offsets must have n + 1 values`);
  return o;
}

function fromCoords(name: string, type: number, coords: Float64Array, offsets: Int32Array | ArrayLike<number>, dims: CoordDims | undefined): GeometryArray {
  if (!(coords instanceof Float64Array)) throw new GeovecError(`geovec: ${name}: coords must be a Float64Array`);
  const w = width(name, dims);
  if (coords.length % w) throw new GeovecError(`geovec: ${name}: coords has ${coords.length} values, not a multiple of ${w}`);
  return new GeometryArray(run('from_coords', [], [coords, offsetsArg(name, offsets)], [w, type], name).array);
}

/** Line strings from interleaved coordinates and n + 1 offsets (in coordinates): line i is coordinates offsets[i] .. offsets[i + 1]. */
export function linestrings(coords: Float64Array, offsets: Int32Array | ArrayLike<number>, options: { dims?: CoordDims } = {}): GeometryArray {
  return fromCoords('linestrings', 2, coords, offsets, options.dims);
}

/** Multipoints from interleaved coordinates and n + 1 offsets. */
export function multipoints(coords: Float64Array, offsets: Int32Array | ArrayLike<number>, options: { dims?: CoordDims } = {}): GeometryArray {
  return fromCoords('multipoints', 4, coords, offsets, options.dims);
}

/** Polygons from closed line strings: one per shell, with the holes whose index names it (as getRings gives them). */
export function polygons(shells: GeometryArray, holes?: { rings: GeometryArray; index: Int32Array | ArrayLike<number> }): GeometryArray {
  if (!(shells instanceof GeometryArray)) throw new GeovecError('geovec: polygons: shells must be a GeometryArray of closed line strings');
  if (holes === undefined) return new GeometryArray(run('polygons', [shells.handle, null], [], [], 'polygons').array);
  if (!(holes.rings instanceof GeometryArray)) throw new GeovecError('geovec: polygons: holes.rings must be a GeometryArray');
  const idx = holes.index instanceof Int32Array ? holes.index : Int32Array.from(holes.index);
  return new GeometryArray(run('polygons', [shells.handle, holes.rings.handle], [idx], [], 'polygons').array);
}

type Num = number | Float64Array | ArrayLike<number>;
/** Rectangles (vectorized: numbers or arrays of one length), counter-clockwise from (xmax, ymin) unless ccw is false. NaN bounds give null. */
export function box(xmin: Num, ymin: Num, xmax: Num, ymax: Num, options: { ccw?: boolean } = {}): GeometryArray {
  const args = [xmin, ymin, xmax, ymax];
  const first = args.find((v) => typeof v !== 'number');
  const n = first === undefined ? 1 : (first as ArrayLike<number>).length;
  const cols = args.map((v, k) => {
    if (typeof v === 'number') return new Float64Array(n).fill(v);
    if (v.length !== n) throw new GeovecError(`geovec: box: ${['xmin', 'ymin', 'xmax', 'ymax'][k]} has ${v.length} values, the first array ${n}`);
    return v instanceof Float64Array ? v : Float64Array.from(v);
  });
  return new GeometryArray(run('box', [], cols, [options.ccw === false ? 0 : 1], 'box').array);
}

/** One geometry per group (groups[i] the group of element i, -1 to leave it out): a multi geometry when all its members have one simple type, else a collection; empty groups give GEOMETRYCOLLECTION EMPTY. */
export function collect(a: GeometryLike, groups: Int32Array | ArrayLike<number>, options: { count?: number } = {}): GeometryArray {
  const g = arr('collect', a);
  const v = groups instanceof Int32Array ? groups : Int32Array.from(groups);
  if (v.length !== g.length) throw new GeovecError(`geovec: collect: groups has ${v.length} values for ${g.length} geometries`);
  let max = -1;
  for (let i = 0; i < v.length; i++) if (v[i]! > max) max = v[i]!;
  const count = options.count ?? max + 1;
  if (!Number.isInteger(count) || count < max + 1) throw new GeovecError(`geovec: collect: count must be an integer > every group (${max})`);
  return new GeometryArray(run('collect', [g.handle], [v], [count], 'collect').array);
}

