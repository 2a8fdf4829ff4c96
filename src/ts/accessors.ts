/** Vectorized accessors: one call, one typed array for the whole array. */
import type { GeometryArray } from './array.js';
import { run } from './call.js';
import { geometryArrayArg } from './check.js';

/** Type code per element (GeometryType: Point 1 ... GeometryCollection 7; 0 = null). */
export function geometryType(a: GeometryArray): Uint8Array {
  return geometryArrayArg('geometryType', 'a', a).typeCodes.slice();
}

/** 1 where the element has no coordinates (null elements give 0). */
export function isEmpty(a: GeometryArray): Uint8Array {
  return new Uint8Array(run('is_empty', [geometryArrayArg('isEmpty', 'a', a).handle]).outs[0]!);
}

/** Coordinates per element, ring-closing coordinates included (null and empty give 0). */
export function numPoints(a: GeometryArray): Int32Array {
  return new Int32Array(run('num_points', [geometryArrayArg('numPoints', 'a', a).handle]).outs[0]!);
}

/** [minX, minY, maxX, maxY] per element, 4·n values; NaN for null and empty elements. */
export function bounds(a: GeometryArray): Float64Array {
  return new Float64Array(run('bounds', [geometryArrayArg('bounds', 'a', a).handle]).outs[0]!);
}

/** [minX, minY, maxX, maxY] over all elements (NaN when none has coordinates). */
export function totalBounds(a: GeometryArray): Float64Array {
  return Float64Array.from(run('total_bounds', [geometryArrayArg('totalBounds', 'a', a).handle]).nums.slice(0, 4));
}
