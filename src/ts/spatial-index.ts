/**
 * SpatialIndex: a packed static R-tree over the bounding boxes of a
 * GeometryArray (Hilbert-sorted, built in C), stored as one flat buffer, so
 * that it can be saved with toBuffer() and read back anywhere with
 * fromBuffer(). Queries and joins run in C, in parallel (native backend),
 * with exact predicates on the candidates.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run, runAsync } from './call.js';
import { argError, geometryArrayArg, geometryLikeArg, numbersArg, optionsArg } from './check.js';
import { GeovecError } from './errors.js';
import { PREDICATES, prepare, type PredicateName } from './predicates.js';

/** A predicate, or 'dwithin' (distance(query, indexed) <= options.distance). */
export type QueryPredicate = PredicateName | 'dwithin';

export interface QueryOptions {
  /**
   * The exact test for each candidate, as predicate(query geometry, indexed
   * geometry). Without it only bounding boxes are compared. Mind the
   * direction: points queried against an index of polygons want 'within'
   * (point within polygon) or 'intersects'; 'contains' would ask whether the
   * point contains the polygon, and finds nothing. 'dwithin' pairs
   * geometries within options.distance of each other.
   */
  predicate?: QueryPredicate;
  /** For predicate 'dwithin': the distance (>= 0). */
  distance?: number;
}

/** Pairs of positions: `left[i]` in the query (or the left array), `right[i]` in the index (or the right array). */
export interface Pairs {
  left: Uint32Array;
  right: Uint32Array;
}

export interface NearestResult extends Pairs {
  /**
   * Planar distance of each pair (0 when the point is on or inside the
   * geometry), in coordinate units: degrees on longitude/latitude data, not
   * metres (geodesic measures are a separate set of functions).
   */
  distance: Float64Array;
}

/** The core's code for 'dwithin' (k_join.c: PRED_DWITHIN). */
const DWITHIN = PREDICATES.length;

/** [code, distance] of a query's predicate. */
function predicateArgs(options: { predicate?: QueryPredicate; distance?: number | undefined }): [number, number] {
  const d = options.distance;
  if (options.predicate !== 'dwithin') {
    if (d !== undefined) throw new GeovecError("geovec: options.distance goes with predicate 'dwithin'");
    return [predicateCode(options.predicate), 0];
  }
  if (typeof d !== 'number' || !(d >= 0)) throw new GeovecError("geovec: predicate 'dwithin' needs options.distance, a number >= 0");
  return [DWITHIN, d];
}

function predicateCode(p: QueryPredicate | undefined): number {
  if (p === undefined) return -1;
  if (p === 'dwithin') return DWITHIN;
  const code = PREDICATES.indexOf(p);
  if (code < 0) throw new GeovecError(`geovec: unknown predicate "${String(p)}"; one of ${PREDICATES.join(', ')}`);
  return code;
}

function coords(name: string, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>) {
  const x = numbersArg(name, 'xs', xs);
  const y = numbersArg(name, 'ys', ys);
  if (x.length !== y.length) throw new GeovecError(`geovec: ${name}: xs has ${x.length} values, ys ${y.length}`);
  return [x, y] as const;
}

const pairs = (outs: (ArrayBuffer | null)[]): Pairs => ({
  left: new Uint32Array(outs[0] ?? new ArrayBuffer(0)),
  right: new Uint32Array(outs[1] ?? new ArrayBuffer(0)),
});

/**
 * Point queries with these predicates are decided by the point's location
 * alone; in large batches the core answers them with a join grid built for
 * the batch, which does not use the prepared state (see k_join.c).
 */
const BY_LOCATION = new Set<PredicateName>(['intersects', 'within', 'coveredBy', 'touches']);
/** The core's rule for a join grid (k_join.c: GRID_MIN_POINTS, GRID_POINTS_PER_COORD). */
const gridFor = (points: number, coordinates: number) => points >= 1024 && points >= 0.125 * coordinates;

/** fromBuffer hands an already-checked tree to the constructor under this key. */
const ADOPT = Symbol('adopt');

export class SpatialIndex {
  readonly array: GeometryArray;
  readonly #tree: Uint8Array;

  /**
   * Builds the index over `array` (nodeSize 2..256, default 16). Null and
   * empty geometries are left out and never returned. With a predicate,
   * queries prepare the array first when they test candidates one by one
   * (cached on it; large batches of points do not need it).
   */
  constructor(array: GeometryArray, options: { nodeSize?: number } = {}) {
    this.array = geometryArrayArg('SpatialIndex', 'array', array);
    options = optionsArg('SpatialIndex', options);
    const adopted = (options as { [ADOPT]?: Uint8Array })[ADOPT];
    if (adopted) {
      this.#tree = adopted;
      return;
    }
    const nodeSize = options.nodeSize ?? 16;
    if (!Number.isInteger(nodeSize) || nodeSize < 2 || nodeSize > 256) {
      throw new GeovecError('geovec: nodeSize must be an integer from 2 to 256');
    }
    this.#tree = new Uint8Array(run('rtree_build', [array.handle], [], [nodeSize]).outs[0]!);
  }

  /** The index as bytes (host byte order, little-endian on every platform geovec runs on). */
  toBuffer(): Uint8Array {
    return this.#tree.slice();
  }

  /** Reads an index written by toBuffer(). Throws if the buffer is damaged or was built on a different array. */
  static fromBuffer(buffer: Uint8Array | ArrayBuffer, array: GeometryArray): SpatialIndex {
    if (!(buffer instanceof Uint8Array || buffer instanceof ArrayBuffer)) argError('SpatialIndex.fromBuffer', 'buffer', 'a Uint8Array or ArrayBuffer', buffer);
    geometryArrayArg('SpatialIndex.fromBuffer', 'array', array);
    /* a fresh copy: 8-byte aligned, and safe from later changes to the caller's buffer */
    const bytes = new Uint8Array(buffer instanceof ArrayBuffer ? buffer.slice(0) : buffer.slice());
    run('rtree_check', [array.handle], [bytes], [], 'SpatialIndex.fromBuffer');
    return new SpatialIndex(array, { [ADOPT]: bytes } as { nodeSize?: number });
  }

  /**
   * Prepares the indexed array when the query will test candidates one by
   * one (cached on the array); a large batch of points that goes through a
   * join grid does not need it, and skips its cost. Speed only: the answers
   * are the same either way.
   */
  #prepareFor(predicate: QueryPredicate | undefined, points: number): void {
    if (predicate === undefined) return;
    if (predicate !== 'dwithin' && BY_LOCATION.has(predicate) && gridFor(points, this.array.info.coordinates)) return;
    prepare(this.array);
  }

  /** The query's arguments; `temp` is a one-element copy of a GeometryView, disposed after the call. */
  #queryArgs(fn: string, other: GeometryArray | GeometryView, options: QueryOptions) {
    geometryLikeArg(fn, 'other', other);
    options = optionsArg(fn, options);
    const [pred, dist] = predicateArgs(options);
    const temp = other instanceof GeometryView ? other.array.take([other.index]) : null;
    const q = temp ?? (other as GeometryArray);
    const allPoints = (q.info.commonType & 0x0f) === 1;
    this.#prepareFor(options.predicate, allPoints ? q.length : 0);
    return { arrays: [this.array.handle, q.handle], inputs: [this.#tree], nums: [pred, dist], temp };
  }

  /** Pairs (position in `other`, position in the index) whose boxes meet and, with a predicate, predicate(other[i], indexed[j]) holds; ordered by left, then right. */
  query(other: GeometryArray | GeometryView, options: QueryOptions = {}): Pairs {
    const q = this.#queryArgs('query', other, options);
    try {
      return pairs(run('rtree_query', q.arrays, q.inputs, q.nums, 'query').outs);
    } finally {
      q.temp?.dispose();
    }
  }

  async queryAsync(other: GeometryArray | GeometryView, options: QueryOptions = {}): Promise<Pairs> {
    const q = this.#queryArgs('queryAsync', other, options);
    try {
      return pairs((await runAsync('rtree_query', q.arrays, q.inputs, q.nums, 'query')).outs);
    } finally {
      q.temp?.dispose();
    }
  }

  #xyArgs(xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>, options: QueryOptions) {
    const [x, y] = coords('queryXY', xs, ys);
    options = optionsArg('queryXY', options);
    const [pred, dist] = predicateArgs(options);
    this.#prepareFor(options.predicate, x.length);
    return [[this.array.handle, null], [this.#tree, x, y], [pred, dist]] as const;
  }

  /** Like query() for points given as coordinates (no point geometries are made). NaN points match nothing. */
  queryXY(xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>, options: QueryOptions = {}): Pairs {
    const [arrays, inputs, nums] = this.#xyArgs(xs, ys, options);
    return pairs(run('rtree_query', [...arrays], [...inputs], [...nums], 'queryXY').outs);
  }

  async queryXYAsync(xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>, options: QueryOptions = {}): Promise<Pairs> {
    const [arrays, inputs, nums] = this.#xyArgs(xs, ys, options);
    return pairs((await runAsync('rtree_query', [...arrays], [...inputs], [...nums], 'queryXY')).outs);
  }

  /** Positions of the geometries whose boxes meet the box, ascending. */
  queryBox(minX: number, minY: number, maxX: number, maxY: number): Uint32Array {
    const box = { minX, minY, maxX, maxY };
    for (const [k, v] of Object.entries(box)) if (typeof v !== 'number') argError('queryBox', k, 'a number', v);
    return new Uint32Array(run('rtree_query_box', [], [this.#tree], [minX, minY, maxX, maxY]).outs[0]!);
  }

  /** The k nearest geometries to each point by true planar distance (nearest first, ties by position). */
  nearest(xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>, options: { k?: number } = {}): NearestResult {
    const [x, y] = coords('nearest', xs, ys);
    options = optionsArg('nearest', options);
    const k = options.k ?? 1;
    if (!Number.isInteger(k) || k < 1) throw new GeovecError('geovec: nearest: k must be a positive integer');
    /* large geometries: their segment indexes make each exact distance a search, not a scan */
    if (this.array.info.coordinates > 64 * this.array.length) prepare(this.array);
    const outs = run('rtree_nearest', [this.array.handle], [this.#tree, x, y], [k], 'nearest').outs;
    return { ...pairs(outs), distance: new Float64Array(outs[2] ?? new ArrayBuffer(0)) };
  }
}

export interface JoinOptions {
  /**
   * predicate(left[i], right[j]); default 'intersects', which is symmetric
   * and the natural choice for a point-in-polygon join in either order.
   * With a directed predicate the order of the arguments matters: for
   * sjoin(points, polygons) use 'within' (point within polygon); 'contains'
   * would ask whether a point contains a polygon and finds nothing (for
   * sjoin(polygons, points) it is the other way round). 'dwithin' pairs
   * geometries within options.distance.
   */
  predicate?: QueryPredicate;
  /** For predicate 'dwithin': the distance (>= 0). */
  distance?: number;
  /** 'inner' (default): matching pairs only. 'left': also every unmatched left row, with right = -1. */
  how?: 'inner' | 'left';
  /** Reuse an index built on the right array (or the left one). */
  index?: SpatialIndex;
}

export interface JoinResult {
  left: Uint32Array;
  /** Int32Array so that 'left' joins can mark unmatched rows with -1. */
  right: Int32Array;
}

/** Swaps the roles of a predicate: predicate(a, b) === converse(b, a). */
const CONVERSE: Record<QueryPredicate, QueryPredicate> = {
  dwithin: 'dwithin',
  intersects: 'intersects',
  disjoint: 'disjoint',
  contains: 'within',
  within: 'contains',
  covers: 'coveredBy',
  coveredBy: 'covers',
  touches: 'touches',
  equals: 'equals',
  crosses: 'crosses',
  overlaps: 'overlaps',
};

/**
 * Pairs (key[i], other[i]) reordered by key (a stable counting sort, so pairs
 * with equal keys keep their order): O(n + keys), no comparator calls.
 */
export function orderByKey(key: Uint32Array, other: Uint32Array, keys: number): [Uint32Array, Uint32Array] {
  const start = new Uint32Array(keys + 1);
  for (let i = 0; i < key.length; i++) start[key[i]! + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const k2 = new Uint32Array(key.length);
  const o2 = new Uint32Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const at = start[key[i]!]!++;
    k2[at] = key[i]!;
    o2[at] = other[i]!;
  }
  return [k2, o2];
}

/** Every left row in order: its pairs, or one (row, -1) when it has none. */
export function leftJoin(l: Uint32Array, r: Uint32Array, rows: number): JoinResult {
  let matched = 0;
  for (let k = 0; k < l.length; k++) if (k === 0 || l[k] !== l[k - 1]) matched++;
  const n = l.length + rows - matched;
  const outL = new Uint32Array(n);
  const outR = new Int32Array(n);
  let k = 0;
  let at = 0;
  for (let i = 0; i < rows; i++) {
    if (k < l.length && l[k] === i) {
      while (k < l.length && l[k] === i) {
        outL[at] = i;
        outR[at++] = r[k++]!;
      }
    } else {
      outL[at] = i;
      outR[at++] = -1;
    }
  }
  return { left: outL, right: outR };
}

interface JoinPlan {
  index: SpatialIndex;
  other: GeometryArray;
  predicate: QueryPredicate;
  distance: number | undefined;
  /** the left array is the one indexed: pairs come back as (right, left) */
  swapped: boolean;
  how: 'inner' | 'left';
  rows: number;
}

function joinPlan(fn: string, left: GeometryArray, right: GeometryArray, options: JoinOptions): JoinPlan {
  geometryArrayArg(fn, 'left', left);
  geometryArrayArg(fn, 'right', right);
  options = optionsArg(fn, options);
  const predicate = options.predicate ?? 'intersects';
  const distance = options.distance;
  predicateArgs({ predicate, distance });
  const how = options.how ?? 'inner';
  if (how !== 'inner' && how !== 'left') throw new GeovecError(`geovec: ${fn}: how must be 'inner' or 'left', not "${String(how)}"`);
  const given = options.index;
  if (given !== undefined && !(given instanceof SpatialIndex)) argError(fn, 'options.index', 'a SpatialIndex', given);
  if (given && given.array !== left && given.array !== right) {
    throw new GeovecError(`geovec: ${fn}: options.index was built on neither the left nor the right array`);
  }
  const swapped = !(given ? given.array === right : right.length <= left.length);
  const index = given ?? new SpatialIndex(swapped ? left : right);
  return { index, other: swapped ? right : left, predicate: swapped ? CONVERSE[predicate] : predicate, distance, swapped, how, rows: left.length };
}

function queryOptionsOf(plan: JoinPlan): QueryOptions {
  return plan.distance === undefined ? { predicate: plan.predicate } : { predicate: plan.predicate, distance: plan.distance };
}

function joinResult(plan: JoinPlan, p: Pairs): JoinResult {
  const [l, r] = plan.swapped ? orderByKey(p.right, p.left, plan.rows) : [p.left, p.right];
  if (plan.how === 'left') return leftJoin(l, r, plan.rows);
  return { left: l, right: new Int32Array(r.buffer, r.byteOffset, r.length) };
}

/**
 * Spatial join: every pair (i, j) with predicate(left[i], right[j]), ordered
 * by left then right. The smaller side is indexed (or the given index is
 * used) and the other side streams through it; with the left side indexed,
 * the converse predicate is queried and the pairs are reordered.
 *
 * The default predicate, 'intersects', finds points in polygons whichever
 * side the points are on. With 'within' / 'contains' the direction matters:
 * sjoin(points, polygons, { predicate: 'within' }), or
 * sjoin(polygons, points, { predicate: 'contains' }).
 */
export function sjoin(left: GeometryArray, right: GeometryArray, options: JoinOptions = {}): JoinResult {
  const plan = joinPlan('sjoin', left, right, options);
  return joinResult(plan, plan.index.query(plan.other, queryOptionsOf(plan)));
}

/**
 * sjoin on a worker thread (native backend): the same result, and the event
 * loop stays free while the join runs. (On WebAssembly it runs at once, on
 * the calling thread.)
 */
export async function sjoinAsync(left: GeometryArray, right: GeometryArray, options: JoinOptions = {}): Promise<JoinResult> {
  const plan = joinPlan('sjoinAsync', left, right, options);
  return joinResult(plan, await plan.index.queryAsync(plan.other, queryOptionsOf(plan)));
}
