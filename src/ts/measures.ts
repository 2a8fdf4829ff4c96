/**
 * Planar measures, in the units of the coordinates, computed in the C core
 * (src/core/measure) with GEOS 3.13 semantics: area, length, distance,
 * dwithin, and the discrete Hausdorff and Frechet distances.
 *
 * Binary functions broadcast as the predicates do (equal lengths pairwise,
 * or one side a GeometryView / an array of length 1). Null elements give NaN
 * (numbers) or 0 (dwithin); an empty geometry gives NaN distances.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { plan, type GeometryLike } from './predicates.js';

/** The array of a unary argument (a view becomes an array of one). */
export function unaryArray(name: string, a: GeometryLike): GeometryArray {
  if (a instanceof GeometryArray) return a;
  if (a instanceof GeometryView) return a.array.take([a.index]);
  throw new GeovecError(`geovec: ${name}: a must be a GeometryArray or GeometryView`);
}

function unary(kernel: string, name: string, a: GeometryLike): Float64Array {
  return new Float64Array(run(kernel, [unaryArray(name, a).handle], [], [], name).outs[0]!);
}

/** Area per element: polygons' shells less their holes, collections summed; 0 for points and lines. NaN for null. */
export function area(a: GeometryLike): Float64Array {
  return unary('area', 'area', a);
}

/** Length per element: lines, and every ring of polygons; collections summed; 0 for points. NaN for null. */
export function length(a: GeometryLike): Float64Array {
  return unary('length', 'length', a);
}

/**
 * Minimum Euclidean distance per pair (0 when they intersect; NaN when either
 * is null or empty). One geometry against many is indexed once (prepare() the
 * array to keep its indexes across calls).
 */
export function distance(a: GeometryLike, b: GeometryLike): Float64Array {
  const p = plan('distance', a, b);
  return new Float64Array(run('distance', [p.a.handle, p.b.handle], [], [p.mode, p.single], 'distance').outs[0]!);
}

/**
 * 1 where distance(a, b) <= d (d one number, or one per pair); answered by
 * bounds without computing the distance when they suffice. Null and empty
 * elements give 0.
 */
export function dwithin(a: GeometryLike, b: GeometryLike, d: number | Float64Array): Uint8Array {
  const p = plan('dwithin', a, b);
  if (typeof d === 'number') {
    if (Number.isNaN(d)) throw new GeovecError('geovec: dwithin: d must be a number (not NaN) or a Float64Array');
    return new Uint8Array(run('dwithin', [p.a.handle, p.b.handle], [], [p.mode, p.single, d], 'dwithin').outs[0]!);
  }
  if (!(d instanceof Float64Array)) throw new GeovecError('geovec: dwithin: d must be a number or a Float64Array');
  const n = p.mode === 0 ? p.a.length : p.mode === 1 ? p.a.length : p.b.length;
  if (d.length !== n) throw new GeovecError(`geovec: dwithin: d has ${d.length} values for ${n} pairs`);
  return new Uint8Array(run('dwithin', [p.a.handle, p.b.handle], [d], [p.mode, p.single, 0], 'dwithin').outs[0]!);
}

export interface DensifyOptions {
  /** Splits every segment into round(1 / densify) equal pieces first; in [1e-6, 1]. */
  densify?: number;
}

function densifyOf(name: string, options: DensifyOptions): number {
  const d = options.densify;
  if (d === undefined) return 0;
  if (typeof d !== 'number' || !(d >= 1e-6 && d <= 1)) throw new GeovecError(`geovec: ${name}: densify must be a number in [1e-6, 1]`);
  return d;
}

/** Discrete Hausdorff distance per pair (as GEOS: vertices, or densified segments, against the other's linework). */
export function hausdorffDistance(a: GeometryLike, b: GeometryLike, options: DensifyOptions = {}): Float64Array {
  const p = plan('hausdorffDistance', a, b);
  const d = densifyOf('hausdorffDistance', options);
  return new Float64Array(run('hausdorff_distance', [p.a.handle, p.b.handle], [], [p.mode, p.single, d], 'hausdorffDistance').outs[0]!);
}

/** Discrete Frechet distance per pair between the vertex sequences (densified when asked). */
export function frechetDistance(a: GeometryLike, b: GeometryLike, options: DensifyOptions = {}): Float64Array {
  const p = plan('frechetDistance', a, b);
  const d = densifyOf('frechetDistance', options);
  return new Float64Array(run('frechet_distance', [p.a.handle, p.b.handle], [], [p.mode, p.single, d], 'frechetDistance').outs[0]!);
}
