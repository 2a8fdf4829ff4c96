/**
 * Argument checks shared by the public functions: each names the function,
 * the argument and what it expected, and says what it got, so that a wrong
 * input never reaches a kernel (where it would fail with a bare status) or,
 * worse, gives a silently wrong result.
 */
import { GeometryArray, GeometryView } from './array.js';
import { GeovecError } from './errors.js';

/** A short description of a value, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v.length > 30 ? `a string ("${v.slice(0, 27)}...")` : `a string ("${v}")`;
  if (typeof v !== 'object') return `${typeof v === 'number' ? 'the number' : `a ${typeof v}`} ${String(v)}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of ${v.byteLength} bytes`;
  if (v instanceof ArrayBuffer) return `an ArrayBuffer of ${v.byteLength} bytes`;
  const o = v as Record<string, unknown>;
  if (o.geometry instanceof GeometryArray && Array.isArray(o.properties)) return 'a FeatureTable (its geometries are table.geometry)';
  if (typeof o.type === 'string' && ('features' in o || 'coordinates' in o || 'geometry' in o || 'geometries' in o)) {
    return `a GeoJSON ${o.type} object (parse it with fromGeoJSON first)`;
  }
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Throws the standard message: "geovec: fn: arg must be what, not <description>". */
export function argError(fn: string, arg: string, what: string, got: unknown): never {
  throw new GeovecError(`geovec: ${fn}: ${arg} must be ${what}, not ${describe(got)}`);
}

/** `v` as a GeometryArray, or a GeovecError naming the argument. */
export function geometryArrayArg(fn: string, arg: string, v: unknown): GeometryArray {
  if (v instanceof GeometryArray) return v;
  return argError(fn, arg, 'a GeometryArray', v);
}

/** `v` as a GeometryArray or GeometryView, or a GeovecError naming the argument. */
export function geometryLikeArg(fn: string, arg: string, v: unknown): GeometryArray | GeometryView {
  if (v instanceof GeometryArray || v instanceof GeometryView) return v;
  return argError(fn, arg, 'a GeometryArray or GeometryView', v);
}

/** An options argument: undefined or a plain object. */
export function optionsArg<T extends object>(fn: string, v: T | undefined): T {
  if (v === undefined) return {} as T;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return argError(fn, 'options', 'an object', v);
  return v;
}

/** Coordinates: a Float64Array (used as is) or an array of numbers (copied). */
export function numbersArg(fn: string, arg: string, v: unknown): Float64Array {
  if (v instanceof Float64Array) return v;
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array))) {
    const out = Float64Array.from(v as ArrayLike<number>);
    const list = v as ArrayLike<unknown>;
    for (let i = 0; i < list.length; i++) {
      if (typeof list[i] !== 'number') argError(fn, `${arg}[${i}]`, 'a number', list[i]);
    }
    return out;
  }
  return argError(fn, arg, 'a Float64Array or an array of numbers', v);
}
