/**
 * A consumer's view of geovec's published types (issue 9): type-checked by
 * scripts/test.sh (section "types") against the declarations tsc emits, with
 * `strict` and `exactOptionalPropertyTypes`, as an application would. Every
 * line must type-check; the @ts-expect-error lines must not.
 */
import type { Feature as TurfFeature, FeatureCollection as TurfFeatureCollection, Polygon as TurfPolygon } from 'geojson';
import {
  fromGeoJSON,
  fromWKB,
  fromWKT,
  GeometryArray,
  SpatialIndex,
  sjoin,
  sjoinAsync,
  toWKB,
  buffer,
  offsetCurve,
  affine,
  scale,
  rotate,
  translate,
  getCoordinates,
  setCoordinates,
  isRing,
  type WorkerPool,
  type CoordDimsM,
  type Origin,
  coverageUnion,
  coverageIsValid,
  coverageInvalidEdges,
  intersectionAll,
  type CoverageUnionResult,
  makeValid,
  intersection,
  GeovecInvalidGeometryError,
  lineMerge,
  concaveHull,
  type BufferOptions,
  type ConcaveHullOptions,
  type FeatureTable,
  type GeoJSONOptions,
  type JoinResult,
  type PackedWKB,
} from 'geovec';

declare const collection: TurfFeatureCollection;
declare const polygons: TurfFeatureCollection<TurfPolygon, { name: string }>;
declare const feature: TurfFeature;
declare const flag: boolean;
declare const bytes: Uint8Array;

// `using` disposes an array at the end of the scope (TS2850 before issue 9)
export function scoped(): number {
  using d = fromWKT(['POINT (1 2)']);
  return d.length;
}

// @types/geojson values, as turf users have them, under exactOptionalPropertyTypes
const a: GeometryArray = fromGeoJSON(collection);
const b: GeometryArray = fromGeoJSON(polygons);
const c: GeometryArray = fromGeoJSON([feature, feature]);
const t: FeatureTable = fromGeoJSON(collection, { properties: true });
const off: GeometryArray = fromGeoJSON(collection, { properties: false });

// a boolean only known at run time gives either
const either: GeometryArray | FeatureTable = fromGeoJSON(collection, { properties: flag });
const options: GeoJSONOptions = { properties: flag, onInvalid: 'null' };
const either2: GeometryArray | FeatureTable = fromGeoJSON('{"type":"FeatureCollection","features":[]}', options);
// @ts-expect-error with a boolean the result may be a FeatureTable
const wrong: GeometryArray = fromGeoJSON(collection, { properties: flag });

// one WKT string / one WKB buffer is one element
const one: GeometryArray = fromWKT('POINT (1 2)');
const oneWKB: GeometryArray = fromWKB(bytes);
const packed: PackedWKB = toWKB(one, { packed: true });
const back: GeometryArray = fromWKB(packed);
// @ts-expect-error numbers are not WKT
fromWKT([1, 2]);

// joins, sync and async
const index = new SpatialIndex(b);
const j: JoinResult = sjoin(a, b, { predicate: 'within', index });
export const pending: Promise<JoinResult> = sjoinAsync(a, b);

// buffer and offset curves: a number or one distance per element, typed options
const opts: BufferOptions = { capStyle: 'flat', joinStyle: 'mitre', mitreLimit: 2, units: 'metres' };
const buffered: GeometryArray = buffer(a, new Float64Array(a.length), opts);
const curve: GeometryArray = offsetCurve(a.get(0)!, -1, { joinStyle: 'bevel' });
// @ts-expect-error capStyle is 'round' | 'flat' | 'square'
buffer(a, 1, { capStyle: 'butt' });

// affine transforms: 6 or 12 values, origins, z factors; coordinates with m
const moved: GeometryArray = affine(translate(a, 1, 2, 3), [1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 5]);
const origin: Origin = 'centroid';
const scaled: GeometryArray = scale(rotate(a, 30, { origin }), 2, 2, 3, { origin: [0, 0, 1] });
const scaled2: GeometryArray = scale(a, 2, 2, { origin: 'center' });
// @ts-expect-error origin is 'center' | 'centroid' | [x, y] | [x, y, z]
rotate(a, 30, { origin: 'middle' });
const dims: CoordDimsM = 'xyzm';
const withM: GeometryArray = setCoordinates(a, getCoordinates(a, { dims }).coords, { dims: 'xym' });
const rings: Uint8Array = isRing(a);
declare const pool: WorkerPool;
export const near: Promise<JoinResult> = pool.sjoin({ xs: new Float64Array(1), ys: new Float64Array(1) }, b, { predicate: 'dwithin', distance: 1 });

// coverages and grouped reductions: { geometry, keys } with typed keys
const cu: CoverageUnionResult<string> = coverageUnion<string>(a, { groups: ['x'] });
const fellBack: boolean[] = cu.fallback;
const cv: boolean = coverageIsValid(a, { gapWidth: 0.1 });
const ce: GeometryArray = coverageInvalidEdges(a);
const ia: GeometryArray = intersectionAll(a, { groups: new Int32Array(a.length), gridSize: 0 }).geometry;
// @ts-expect-error gapWidth is a number
coverageIsValid(a, { gapWidth: '1' });

// makeValid and the overlay's onInvalid
const fixed: GeometryArray = makeValid(a, { method: 'structure', keepCollapsed: false });
const inter: GeometryArray = intersection(a, a, { onInvalid: 'makeValid' });
// @ts-expect-error method is 'linework' | 'structure'
makeValid(a, { method: 'buffer' });
// @ts-expect-error onInvalid is 'throw' | 'null' | 'makeValid' | 'ignore'
intersection(a, a, { onInvalid: 'skip' });
export const invalidIndex = (e: unknown): number => (e instanceof GeovecInvalidGeometryError ? e.index : -1);

// lineMerge and concaveHull: typed options
const merged: GeometryArray = lineMerge(a, { directed: true });
const hullOpts: ConcaveHullOptions = { ratio: 0.3, allowHoles: flag };
const hull: GeometryArray = concaveHull(a.get(0)!, hullOpts);
// @ts-expect-error ratio is a number
concaveHull(a, { ratio: '0.3' });

export const used = [a, b, c, t, off, either, either2, wrong, one, oneWKB, back, j, buffered, curve, moved, scaled, scaled2, withM, rings, cu, fellBack, cv, ce, ia, fixed, inter, merged, hull];
