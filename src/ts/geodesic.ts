/**
 * Geodesic measures on the WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563),
 * computed in the C core with the algorithms of C. F. F. Karney, "Algorithms for
 * geodesics", J. Geodesy 87 (2013): coordinates are longitude, latitude in degrees.
 * Results agree with GeographicLib to about 1e-8 m and are identical on both backends.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { plan, type GeometryLike } from './predicates.js';

function checkArray(name: string, arg: string, a: unknown): GeometryArray {
  if (!(a instanceof GeometryArray)) throw new GeovecError(`geovec: ${name}: ${arg} must be a GeometryArray`);
  return a;
}

/**
 * Area of each geometry on the WGS84 ellipsoid, in square metres, with geodesic edges.
 * Polygons: shell minus holes, whatever the ring orientation (each ring's area is the
 * smaller of the two regions it bounds); rings around a pole and across the antimeridian
 * are handled. Collections sum their members; points and lines give 0; null gives NaN.
 */
export function geodesicArea(a: GeometryArray): Float64Array {
  checkArray('geodesicArea', 'a', a);
  return new Float64Array(run('geodesic_area', [a.handle]).outs[0]!);
}

/**
 * Length of each geometry on the WGS84 ellipsoid, in metres, with geodesic edges: lines
 * their length, polygons the length of all their rings, collections the sum; points 0,
 * null NaN.
 */
export function geodesicLength(a: GeometryArray): Float64Array {
  checkArray('geodesicLength', 'a', a);
  return new Float64Array(run('geodesic_length', [a.handle]).outs[0]!);
}

/**
 * Length in metres of the shortest geodesic between points, broadcast like the
 * predicates (equal lengths pairwise, or one side a GeometryView / an array of length 1).
 * Every element must be a Point; null or empty points give NaN.
 */
export function geodesicDistance(a: GeometryLike, b: GeometryLike): Float64Array {
  const ok = (g: unknown) => g instanceof GeometryArray || g instanceof GeometryView;
  if (!ok(a)) throw new GeovecError('geovec: geodesicDistance: a must be a GeometryArray or GeometryView');
  if (!ok(b)) throw new GeovecError('geovec: geodesicDistance: b must be a GeometryArray or GeometryView');
  const p = plan('geodesicDistance', a, b);
  return new Float64Array(run('geodesic_distance', [p.a.handle, p.b.handle], [], [0, p.mode, p.single], 'geodesicDistance').outs[0]!);
}

type Column = Float64Array | ArrayLike<number> | number;

function column(name: string, arg: string, v: Column): Float64Array {
  if (typeof v === 'number') return Float64Array.of(v);
  if (v instanceof Float64Array) return v;
  if (v && typeof v === 'object' && typeof (v as ArrayLike<number>).length === 'number') return Float64Array.from(v as ArrayLike<number>);
  throw new GeovecError(`geovec: ${name}: ${arg} must be a Float64Array, an array of numbers or a number`);
}

/**
 * Geodesic distance in metres from (lon1[i], lat1[i]) to (lon2[i], lat2[i]) on the WGS84
 * ellipsoid, in degrees, without making point geometries. Each argument is a column of
 * one common length n, or a number (or a column of length 1) that applies to every row.
 * Latitudes outside [-90, 90] and non-finite values give NaN.
 */
export function geodesicDistanceXY(lon1: Column, lat1: Column, lon2: Column, lat2: Column): Float64Array {
  const name = 'geodesicDistanceXY';
  const cols = [column(name, 'lon1', lon1), column(name, 'lat1', lat1), column(name, 'lon2', lon2), column(name, 'lat2', lat2)];
  const args = ['lon1', 'lat1', 'lon2', 'lat2'];
  let n = 1;
  cols.forEach((c, k) => {
    if (c.length === 1) return;
    if (n !== 1 && c.length !== n) throw new GeovecError(`geovec: ${name}: ${args[k]} has ${c.length} values where the other columns have ${n}`);
    n = c.length;
  });
  if (cols.some((c) => c.length === 0)) return new Float64Array(0);
  return new Float64Array(run('geodesic_distance_xy', [], cols, [], name).outs[0]!);
}
