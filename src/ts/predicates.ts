/**
 * Vectorized binary predicates (OGC / DE-9IM, GEOS RelateNG semantics),
 * computed in the C core on all cores (native backend).
 *
 * Broadcasting follows Shapely 2: two arrays of equal length are compared
 * pairwise; an array against one geometry (a GeometryView, or an array of
 * length 1) compares every element with it, in either order. A null element
 * gives 0. Other length combinations throw.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run, runAsync } from './call.js';
import { GeovecError } from './errors.js';

export type GeometryLike = GeometryArray | GeometryView;

export const PREDICATES = [
  'intersects',
  'disjoint',
  'contains',
  'within',
  'covers',
  'coveredBy',
  'touches',
  'equals',
  'crosses',
  'overlaps',
] as const;
export type PredicateName = (typeof PREDICATES)[number];

const MODE_PAIRWISE = 0;
const MODE_B_SINGLE = 1;
const MODE_A_SINGLE = 2;

export interface Plan {
  a: GeometryArray;
  b: GeometryArray;
  mode: number;
  /** index of the single geometry (in b for MODE_B_SINGLE, in a for MODE_A_SINGLE) */
  single: number;
}

/** @internal Broadcasting of binary operations (shared with the overlay). */
export function plan(name: string, x: GeometryLike, y: GeometryLike): Plan {
  const ok = (g: GeometryLike) => g instanceof GeometryArray || g instanceof GeometryView;
  if (!ok(x) || !ok(y)) throw new GeovecError(`geovec: ${name} expects GeometryArray or GeometryView arguments`);
  if (x instanceof GeometryView && y instanceof GeometryView) {
    /* two single geometries: one pair */
    return { a: x.array.take([x.index]), b: y.array.take([y.index]), mode: MODE_PAIRWISE, single: 0 };
  }
  if (y instanceof GeometryView) return { a: x as GeometryArray, b: y.array, mode: MODE_B_SINGLE, single: y.index };
  if (x instanceof GeometryView) return { a: x.array, b: y, mode: MODE_A_SINGLE, single: x.index };
  const a = x as GeometryArray;
  const b = y;
  if (a.length === b.length) return { a, b, mode: MODE_PAIRWISE, single: 0 };
  if (b.length === 1) return { a, b, mode: MODE_B_SINGLE, single: 0 };
  if (a.length === 1) return { a, b, mode: MODE_A_SINGLE, single: 0 };
  throw new GeovecError(`geovec: ${name}: lengths ${a.length} and ${b.length} do not broadcast (equal lengths, or one side of length 1)`);
}

function predicateArgs(name: PredicateName, x: GeometryLike, y: GeometryLike) {
  const p = plan(name, x, y);
  return [[p.a.handle, p.b.handle], [], [PREDICATES.indexOf(name), p.mode, p.single]] as const;
}

function make(name: PredicateName) {
  const sync = (a: GeometryLike, b: GeometryLike): Uint8Array => {
    const [arrays, inputs, nums] = predicateArgs(name, a, b);
    return new Uint8Array(run('predicate', [...arrays], [...inputs], [...nums], name).outs[0]!);
  };
  const async = async (a: GeometryLike, b: GeometryLike): Promise<Uint8Array> => {
    const [arrays, inputs, nums] = predicateArgs(name, a, b);
    return new Uint8Array((await runAsync('predicate', [...arrays], [...inputs], [...nums], name)).outs[0]!);
  };
  return [sync, async] as const;
}

/** 1 where the geometries share at least one point. */
export const [intersects, intersectsAsync] = make('intersects');
/** 1 where the geometries share no point. */
export const [disjoint, disjointAsync] = make('disjoint');
/** 1 where no point of b lies outside a and some interior point of b lies in a's interior. */
export const [contains, containsAsync] = make('contains');
/** within(a, b) = contains(b, a). */
export const [within, withinAsync] = make('within');
/** 1 where no point of b lies outside a. */
export const [covers, coversAsync] = make('covers');
/** coveredBy(a, b) = covers(b, a). */
export const [coveredBy, coveredByAsync] = make('coveredBy');
/** 1 where the geometries intersect but their interiors do not. */
export const [touches, touchesAsync] = make('touches');
/** 1 where the geometries are topologically equal (each covers the other). */
export const [equals, equalsAsync] = make('equals');
/** 1 where the interiors meet in a lower dimension than the larger geometry, as DE-9IM defines crosses. */
export const [crosses, crossesAsync] = make('crosses');
/** 1 where the geometries have the same dimension, their interiors meet in that dimension, and neither covers the other. */
export const [overlaps, overlapsAsync] = make('overlaps');

/** The DE-9IM matrix per pair, as 9-character strings such as "212101212" (broadcast like the predicates). */
export function relate(a: GeometryLike, b: GeometryLike): string[] {
  const p = plan('relate', a, b);
  const buf = new Uint8Array(run('relate', [p.a.handle, p.b.handle], [], [0, p.mode, p.single]).outs[0]!);
  const out: string[] = new Array(buf.length / 9);
  const dec = new TextDecoder('latin1');
  for (let i = 0; i < out.length; i++) out[i] = dec.decode(buf.subarray(9 * i, 9 * i + 9));
  return out;
}

// ---- coordinates against geometries ----------------------------------------------------

function xyArgs(name: string, a: GeometryLike, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>, which: number) {
  const x = xs instanceof Float64Array ? xs : Float64Array.from(xs);
  const y = ys instanceof Float64Array ? ys : Float64Array.from(ys);
  if (x.length !== y.length) throw new GeovecError(`geovec: ${name}: xs has ${x.length} values, ys ${y.length}`);
  let arr: GeometryArray;
  let mode: number;
  let single = 0;
  if (a instanceof GeometryView) {
    arr = a.array;
    mode = 1;
    single = a.index;
  } else if (a.length === x.length) {
    arr = a;
    mode = 0;
  } else if (a.length === 1) {
    arr = a;
    mode = 1;
  } else {
    throw new GeovecError(`geovec: ${name}: ${a.length} geometries and ${x.length} points do not broadcast`);
  }
  return [[arr.handle], [x, y], [which, mode, single]] as const;
}

/** 1 where point (xs[i], ys[i]) lies in the interior of the geometry (one geometry, or one per point). No point objects are made; the native backend reads xs and ys in place. */
export function containsXY(a: GeometryLike, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>): Uint8Array {
  const [arrays, inputs, nums] = xyArgs('containsXY', a, xs, ys, 0);
  return new Uint8Array(run('xy_predicate', [...arrays], [...inputs], [...nums], 'containsXY').outs[0]!);
}

/** 1 where point (xs[i], ys[i]) lies in the interior or on the boundary of the geometry. */
export function intersectsXY(a: GeometryLike, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>): Uint8Array {
  const [arrays, inputs, nums] = xyArgs('intersectsXY', a, xs, ys, 1);
  return new Uint8Array(run('xy_predicate', [...arrays], [...inputs], [...nums], 'intersectsXY').outs[0]!);
}

export async function containsXYAsync(a: GeometryLike, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>): Promise<Uint8Array> {
  const [arrays, inputs, nums] = xyArgs('containsXY', a, xs, ys, 0);
  return new Uint8Array((await runAsync('xy_predicate', [...arrays], [...inputs], [...nums], 'containsXY')).outs[0]!);
}

export async function intersectsXYAsync(a: GeometryLike, xs: Float64Array | ArrayLike<number>, ys: Float64Array | ArrayLike<number>): Promise<Uint8Array> {
  const [arrays, inputs, nums] = xyArgs('intersectsXY', a, xs, ys, 1);
  return new Uint8Array((await runAsync('xy_predicate', [...arrays], [...inputs], [...nums], 'intersectsXY')).outs[0]!);
}

// ---- prepared geometries -------------------------------------------------------------------

/** Builds segment and point-in-polygon indexes for every geometry and caches them on the array; predicates then use them. Returns the array. Idempotent. */
export function prepare(a: GeometryArray): GeometryArray {
  run('prepare', [a.handle]);
  return a;
}

/** Whether prepare(a) has run. */
export function isPrepared(a: GeometryArray): boolean {
  return run('prepared_info', [a.handle]).nums[0] === 1;
}

/** Bytes used by the array: its buffers plus the indexes prepare() built. */
export function memsize(a: GeometryArray): number {
  return run('prepared_info', [a.handle]).nums[2]!;
}
