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
  type GeoJSONInput,
  type FeatureTable,
  type PackedBinary,
  type PackedWKB,
  type TextOptions,
  type ToGeoJSONOptions,
} from './io.js';
export type { WKBOptions } from './write.js';
export { geometryType, isEmpty, numPoints, bounds, totalBounds } from './accessors.js';
export type * from './geojson-types.js';
export {
  fromArrow, toArrow, type FromArrowOptions, type ToArrowOptions, type GeoArrowEncoding, type ArrowInput,
  type ArrowTableLike, type ArrowVectorLike, type ArrowDataLike, type ArrowFieldLike, type ArrowTypeLike,
} from './arrow.js';
export {
  intersects, intersectsAsync, disjoint, disjointAsync, contains, containsAsync, within, withinAsync,
  covers, coversAsync, coveredBy, coveredByAsync, touches, touchesAsync, equals, equalsAsync,
  crosses, crossesAsync, overlaps, overlapsAsync, relate, containsXY, intersectsXY, containsXYAsync,
  intersectsXYAsync, prepare, isPrepared, memsize, PREDICATES, type PredicateName, type GeometryLike,
} from './predicates.js';
export { SpatialIndex, sjoin, sjoinAsync, type QueryOptions, type Pairs, type NearestResult, type JoinOptions, type JoinResult, type QueryPredicate } from './spatial-index.js';

// ---- measures: planar ----
export { area, length, distance, dwithin, hausdorffDistance, frechetDistance, type DensifyOptions } from './measures.js';

// ---- measures: geodesic ----
export { geodesicArea, geodesicLength, geodesicDistance, geodesicDistanceXY } from './geodesic.js';

// ---- coordinates, parts, affine transforms, constructors ----
export {
  getCoordinates, countCoordinates, setCoordinates, transform, affine, translate, scale, rotate, skew, forceXY, forceXYZ,
  getNumGeometries, getGeometry, getParts, getNumInteriorRings, getExteriorRing, getInteriorRing, getRings, getPoint,
  getX, getY, getZ, getM, getNumPoints, isClosed, isRing, isCCW, hasZ, hasM, equalsExact, linestrings, multipoints,
  polygons, box, collect, type Coordinates, type CoordDims, type CoordDimsM, type TransformFn, type AffineMatrix, type AffineMatrix3D, type Origin,
  type AffineOptions, type PartsResult, type RingsResult,
} from './coords.js';

// ---- validity ----
export {
  isValid, isValidReason, isValidDetail, isSimple, VALIDITY_PROBLEMS,
  type ValidityDetail, type ValidityProblem, type UnaryGeometryLike,
} from './validity.js';
export {
  makeValid, GeovecInvalidGeometryError,
  type MakeValidOptions, type MakeValidMethod, type OnInvalid,
} from './make-valid.js';

// ---- shape operations ----
export {
  centroid, pointOnSurface, envelope, convexHull, boundary, reverse, normalize, removeRepeatedPoints, segmentize,
  orientPolygons, extractUniquePoints, simplify, orientedEnvelope, minimumBoundingCircle, minimumBoundingRadius,
  lineInterpolatePoint, lineLocatePoint, shortestLine, delaunayTriangles, voronoiPolygons, lineMerge, concaveHull,
  type OrientOptions, type SimplifyOptions, type LinearRefOptions, type DelaunayOptions, type VoronoiOptions,
  type LineMergeOptions, type ConcaveHullOptions,
} from './shape.js';

// ---- overlay ----
export {
  intersection, union, difference, symDifference, unaryUnion, unionAll, clipByRect,
  type OverlayOptions, type UnionAllOptions, type UnionAllResult,
} from './overlay.js';
export {
  coverageUnion, intersectionAll, coverageIsValid, coverageInvalidEdges, type CoverageValidOptions,
  type CoverageUnionOptions, type CoverageUnionResult, type IntersectionAllOptions, type GroupOptions,
} from './coverage.js';

// ---- buffer ----
export { buffer, offsetCurve, type BufferOptions, type OffsetCurveOptions, type CapStyle, type JoinStyle } from './buffer.js';

// ---- files ----
export {
  readFile,
  openFile,
  writeFile,
  encodeFile,
  fileInfo,
  propertiesToTable,
  type FileBatch,
  type FileInfo,
  type ReadOptions,
  type WriteOptions,
  type FileFormat,
  type FileInput,
} from './formats/index.js';

// ---- worker pool (parallel WebAssembly) ----
export { createWorkerPool, POOL_ELEMENTWISE, type WorkerPool, type WorkerPoolOptions, type XYPoints } from './pool.js';
