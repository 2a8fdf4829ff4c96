/**
 * geovec: vectorized, columnar geometry for JavaScript and TypeScript.
 * One call works on a whole GeometryArray; the work runs in a C core,
 * through a Node-API addon or a WebAssembly build with the same results.
 */
export { backend, init, setThreads, threads, type BackendName } from './backend.js';
export { GeometryArray, GeometryView, GeometryType, type GeometryTypeName, type Dimensions } from './array.js';
export { GeovecError, GeovecParseError, type ParseProblem } from './errors.js';
export {
  fromWKB,
  fromHex,
  fromWKT,
  fromGeoJSON,
  points,
  toWKB,
  toHex,
  toWKT,
  toGeoJSON,
  type ParseOptions,
  type GeoJSONOptions,
  type FeatureTable,
  type PackedBinary,
  type TextOptions,
  type ToGeoJSONOptions,
} from './io.js';
export type { WKBOptions } from './write.js';
export { geometryType, isEmpty, numPoints, bounds, totalBounds } from './accessors.js';
export type * from './geojson-types.js';
export { fromArrow, toArrow, type FromArrowOptions, type ToArrowOptions, type GeoArrowEncoding } from './arrow.js';
export {
  intersects, intersectsAsync, disjoint, disjointAsync, contains, containsAsync, within, withinAsync,
  covers, coversAsync, coveredBy, coveredByAsync, touches, touchesAsync, equals, equalsAsync,
  crosses, crossesAsync, overlaps, overlapsAsync, relate, containsXY, intersectsXY, containsXYAsync,
  intersectsXYAsync, prepare, isPrepared, memsize, PREDICATES, type PredicateName, type GeometryLike,
} from './predicates.js';
export { SpatialIndex, sjoin, type QueryOptions, type Pairs, type NearestResult, type JoinOptions, type JoinResult } from './spatial-index.js';

// ---- measures: planar ----

// ---- measures: geodesic ----

// ---- coordinates, parts, affine transforms, constructors ----

// ---- validity ----

// ---- shape operations ----
export {
  centroid, pointOnSurface, envelope, convexHull, boundary, reverse, normalize, removeRepeatedPoints, segmentize,
  orientPolygons, extractUniquePoints, simplify, orientedEnvelope, minimumBoundingCircle, minimumBoundingRadius,
  lineInterpolatePoint, lineLocatePoint, shortestLine, delaunayTriangles, voronoiPolygons,
  type OrientOptions, type SimplifyOptions, type LinearRefOptions, type DelaunayOptions, type VoronoiOptions,
} from './shape.js';

// ---- overlay ----

// ---- buffer ----
