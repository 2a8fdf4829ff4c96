/**
 * Polygonal coverages (polygons that meet only along shared edges, such as
 * counties): coverageUnion (the union by cancelling shared edges instead of
 * a general overlay), coverageIsValid / coverageInvalidEdges (GEOS 3.13
 * CoverageValidator semantics) and intersectionAll (the intersection of all
 * elements, per group, reduced pairwise through the overlay).
 */
import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { groupIds, type OverlayOptions, type UnionAllResult } from './overlay.js';

export interface GroupOptions {
  /** One key per element (an Int32Array, or any array of keys): one result per distinct key. Null/undefined keys leave the element out. */
  groups?: Int32Array | ArrayLike<unknown>;
}

export type CoverageUnionOptions = GroupOptions;
export interface IntersectionAllOptions extends GroupOptions, OverlayOptions {}

function arrayArg(name: string, a: GeometryArray): GeometryArray {
  if (!(a instanceof GeometryArray)) throw new GeovecError(`geovec: ${name}: a must be a GeometryArray`);
  return a;
}

function optionsArg(name: string, opts: unknown): Record<string, unknown> {
  if (opts === undefined) return {};
  if (typeof opts !== 'object' || opts === null) throw new GeovecError(`geovec: ${name}: options must be an object`);
  return opts as Record<string, unknown>;
}

export interface CoverageUnionResult<K = unknown> extends UnionAllResult<K> {
  /** Per group: true when its polygons did not form a clean coverage and the general union was computed instead. */
  fallback: boolean[];
}

/**
 * The union of a polygonal coverage, or one union per group: shared edges
 * (equal segments with the interiors on opposite sides) are removed and the
 * remaining edges linked into rings, without noding. A group whose linework
 * does not close into valid rings (overlaps, gaps' edges crossing, vertices
 * that do not match) is unioned by the general overlay instead (as unionAll),
 * so the result is always valid; `fallback` tells which groups.
 */
export function coverageUnion<K = unknown>(a: GeometryArray, opts?: CoverageUnionOptions): CoverageUnionResult<K> {
  arrayArg('coverageUnion', a);
  const o = optionsArg('coverageUnion', opts);
  const { ids, keys } = groupIds<K>('coverageUnion', a, o.groups);
  const r = run('coverage_union', [a.handle], ids ? [ids] : [], [keys.length], 'coverageUnion');
  const fb = new Uint8Array(r.outs[0] ?? new ArrayBuffer(0));
  return { geometry: new GeometryArray(r.array!), keys, fallback: Array.from(fb, (v) => v === 1) };
}

/**
 * The intersection of all elements, or one per group (nulls skipped; a
 * group without non-null members gives POLYGON EMPTY), reduced pairwise
 * through the overlay in element order. Members of any type (lines and points as the overlay takes them).
 */
export function intersectionAll<K = unknown>(a: GeometryArray, opts?: IntersectionAllOptions): UnionAllResult<K> {
  arrayArg('intersectionAll', a);
  const o = optionsArg('intersectionAll', opts);
  const g = o.gridSize ?? 0;
  if (typeof g !== 'number' || !Number.isFinite(g) || g < 0)
    throw new GeovecError(`geovec: intersectionAll: gridSize must be a finite number >= 0, got ${String(g)}`);
  const { ids, keys } = groupIds<K>('intersectionAll', a, o.groups);
  const r = run('intersection_all', [a.handle], ids ? [ids] : [], [keys.length, g], 'intersectionAll');
  return { geometry: new GeometryArray(r.array!), keys };
}

export interface CoverageValidOptions {
  /** Gaps narrower than this between polygons are reported as invalid (GEOS/Shapely gap_width); default 0 (no gap check). */
  gapWidth?: number;
}

function gapOf(name: string, opts: unknown): number {
  const g = optionsArg(name, opts).gapWidth ?? 0;
  if (typeof g !== 'number' || !Number.isFinite(g) || g < 0)
    throw new GeovecError(`geovec: ${name}: gapWidth must be a finite number >= 0, got ${String(g)}`);
  return g;
}

/**
 * Per element, the edges that break the coverage (GEOS 3.13
 * CoverageValidator / Shapely coverage_invalid_edges): a LineString or
 * MultiLineString of its invalid ring segments, LINESTRING EMPTY when it
 * has none, null for null. Polygonal inputs only.
 */
export function coverageInvalidEdges(a: GeometryArray, opts?: CoverageValidOptions): GeometryArray {
  arrayArg('coverageInvalidEdges', a);
  const gap = gapOf('coverageInvalidEdges', opts);
  return new GeometryArray(run('coverage_invalid', [a.handle], [], [gap], 'coverageInvalidEdges').array!);
}

/** Whether the polygons of the whole array form a valid coverage (Shapely coverage_is_valid); nulls are ignored. */
export function coverageIsValid(a: GeometryArray, opts?: CoverageValidOptions): boolean {
  arrayArg('coverageIsValid', a);
  const gap = gapOf('coverageIsValid', opts);
  const r = run('coverage_invalid', [a.handle], [], [gap], 'coverageIsValid');
  const bad = new Uint8Array(r.outs[0] ?? new ArrayBuffer(0));
  return bad.every((v) => v === 0);
}
