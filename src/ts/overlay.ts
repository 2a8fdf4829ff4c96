/**
 * Overlay: intersection, union, difference, symDifference of geometries of
 * every type (points, lines, polygons, their multi types and mixed
 * collections), unaryUnion per element and unionAll (dissolve, with groups),
 * computed in the C core (noding with floating precision checked exactly,
 * snap-rounding as the fallback, or to the `gridSize` grid when given).
 *
 * Binary operations broadcast like the predicates: equal lengths pairwise,
 * or one side a GeometryView / an array of length 1. A null element gives a
 * null result. Results follow GEOS 3.13 OverlayNG: shells clockwise, holes
 * counter-clockwise, polygon x line gives the clipped lines, line x line the
 * shared points and segments, points go by point location, an intersection
 * of areas that only touch gives the shared lines and points (a
 * GeometryCollection when dimensions mix); an empty result is empty of
 * OverlayNG's result dimension (docs/api.md, "Lines and points").
 */
import { GeometryArray } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';
import { onInvalidOf, screen, type OnInvalid } from './make-valid.js';
import { plan, type GeometryLike } from './predicates.js';

export interface OverlayOptions {
  /** Snap-round every output vertex to this grid (as Shapely 2's grid_size); 0 or absent = full precision. */
  gridSize?: number;
  /**
   * An invalid input element (isValid false): 'throw' (default) raises a
   * GeovecInvalidGeometryError naming the element and isValidReason's text;
   * 'null' gives null for it (unionAll leaves it out); 'makeValid' repairs
   * it first with makeValid(…, { method: 'structure', keepCollapsed: false });
   * 'ignore' skips the check and overlays the rings as given (a point is
   * inside an input where its rings' signed "interior on the left" counts sum
   * to more than 0, as the overlay always does), as GEOS does without a check.
   * Each input element is checked once. unaryUnion and unionAll check each
   * polygon of an element on its own (overlapping parts are what they
   * dissolve) and accept rings that touch themselves at a point.
   */
  onInvalid?: OnInvalid;
}

export interface UnionAllOptions extends OverlayOptions {
  /** One key per element (an Int32Array, or any array of keys): one union per distinct key. Null/undefined keys leave the element out. */
  groups?: Int32Array | ArrayLike<unknown>;
}

export interface UnionAllResult<K = unknown> {
  /** One union per group, in the order of `keys`. */
  geometry: GeometryArray;
  /** The group keys (first-appearance order), or [undefined] without groups. */
  keys: K[];
}

const OPS = { intersection: 0, union: 1, difference: 2, symDifference: 3 } as const;

function gridOf(name: string, opts: OverlayOptions | undefined): number {
  if (opts === undefined) return 0;
  if (typeof opts !== 'object' || opts === null) throw new GeovecError(`geovec: ${name}: options must be an object`);
  const g = opts.gridSize ?? 0;
  if (typeof g !== 'number' || !Number.isFinite(g) || g < 0)
    throw new GeovecError(`geovec: ${name}: gridSize must be a finite number >= 0, got ${String(g)}`);
  return g;
}

function binary(name: keyof typeof OPS) {
  return (a: GeometryLike, b: GeometryLike, opts?: OverlayOptions): GeometryArray => {
    const grid = gridOf(name, opts);
    const on = onInvalidOf(name, opts);
    const p = plan(name, a, b);
    /* each side checked once; a broadcast single element alone */
    const side = (x: GeometryArray, input: string, single: boolean): GeometryArray => {
      if (!single) return screen(name, input, x, on);
      const one = x.take([p.single]);
      const s = screen(name, input, one, on, p.single);
      if (s !== one) one.dispose();
      return s;
    };
    const sa = side(p.a, 'a', p.mode === 2), sb = side(p.b, 'b', p.mode === 1);
    try {
      const r = run('overlay', [sa.handle, sb.handle], [], [OPS[name], p.mode, 0, grid], name);
      return new GeometryArray(r.array!);
    } finally {
      if (sa !== p.a) sa.dispose();
      if (sb !== p.b) sb.dispose();
      if (p.temps) for (const t of p.temps) t.dispose();
    }
  };
}

/** The points shared by a and b, per pair (broadcast like the predicates). */
export const intersection = binary('intersection');
/** The points in a or b, per pair. */
export const union = binary('union');
/** The points of a not in b, per pair. */
export const difference = binary('difference');
/** The points in exactly one of a and b, per pair. */
export const symDifference = binary('symDifference');

function arrayArg(name: string, a: GeometryArray): GeometryArray {
  if (!(a instanceof GeometryArray)) throw new GeovecError(`geovec: ${name}: a must be a GeometryArray`);
  return a;
}

/** The union of each element's own parts (dissolves overlapping parts of a multipolygon, nodes lines, drops parts covered by higher dimensions). */
export function unaryUnion(a: GeometryArray, opts?: OverlayOptions): GeometryArray {
  const grid = gridOf('unaryUnion', opts);
  const s = screen('unaryUnion', 'a', arrayArg('unaryUnion', a), onInvalidOf('unaryUnion', opts), 0, true);
  try {
    return new GeometryArray(run('unary_union', [s.handle], [], [grid], 'unaryUnion').array!);
  } finally {
    if (s !== a) s.dispose();
  }
}

/** Group ids (0 .. keys.length - 1, -1 = left out) and keys in first-appearance order. */
export function groupIds<K>(name: string, a: GeometryArray, groups: unknown): { ids: Int32Array | null; keys: K[] } {
  if (groups === undefined) return { ids: null, keys: [undefined as K] };
  if (groups === null || typeof (groups as ArrayLike<unknown>).length !== 'number')
    throw new GeovecError(`geovec: ${name}: groups must be an Int32Array or an array of keys`);
  const g = groups as ArrayLike<unknown>;
  if (g.length !== a.length) throw new GeovecError(`geovec: ${name}: groups has ${g.length} keys for ${a.length} geometries`);
  const ids = new Int32Array(a.length);
  const keys: K[] = [];
  const index = new Map<unknown, number>();
  for (let i = 0; i < a.length; i++) {
    const k = g[i];
    if (k === null || k === undefined) {
      ids[i] = -1;
      continue;
    }
    let id = index.get(k);
    if (id === undefined) {
      id = keys.length;
      index.set(k, id);
      keys.push(k as K);
    }
    ids[i] = id;
  }
  return { ids, keys };
}

/**
 * The union of all elements, or one union per group ("dissolve"). Null
 * elements are skipped; a group whose members are all null gives POLYGON EMPTY.
 * Members of any type: the union holds areas, then lines and points not
 * covered by them.
 */
export function unionAll<K = unknown>(a: GeometryArray, opts?: UnionAllOptions): UnionAllResult<K> {
  arrayArg('unionAll', a);
  const grid = gridOf('unionAll', opts);
  const s = screen('unionAll', 'a', a, onInvalidOf('unionAll', opts), 0, true);
  const { ids, keys } = groupIds<K>('unionAll', a, opts?.groups);
  const r = run('union_all', [s.handle], ids ? [ids] : [], [keys.length, grid], 'unionAll');
  return { geometry: new GeometryArray(r.array!), keys };
}

type Bound = number | ArrayLike<number>;

/**
 * Each element clipped to the closed rectangle [xmin, xmax] x [ymin, ymax],
 * as GEOS 3.13's GEOSClipByRect: areas by the overlay; lines cut at the
 * boundary (pieces running along it or only touching it dropped); points
 * kept when strictly inside; polygons, then lines, then points (one part,
 * its multi type, or a GEOMETRYCOLLECTION); GEOMETRYCOLLECTION EMPTY when
 * nothing is left, null for null. Lines and points are 2D; with gridSize
 * their vertices are rounded to the grid. Each bound is a number, or an array with one value per
 * element (as Shapely broadcasts). Output is valid, like every overlay result.
 */
export function clipByRect(a: GeometryArray, xmin: Bound, ymin: Bound, xmax: Bound, ymax: Bound, opts?: OverlayOptions): GeometryArray {
  arrayArg('clipByRect', a);
  const grid = gridOf('clipByRect', opts);
  const on = onInvalidOf('clipByRect', opts);
  const bounds = { xmin, ymin, xmax, ymax };
  const arrays = Object.values(bounds).some((v) => typeof v !== 'number');
  for (const [k, v] of Object.entries(bounds)) {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new GeovecError(`geovec: clipByRect: ${k} must be a finite number, got ${String(v)}`);
    } else if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number' || v.length !== a.length) {
      throw new GeovecError(`geovec: clipByRect: ${k} must be a number or an array of ${a.length} numbers`);
    }
  }
  const s = screen('clipByRect', 'a', a, on);
  if (!arrays) return new GeometryArray(run('clip_by_rect', [s.handle], [], [xmin as number, ymin as number, xmax as number, ymax as number, grid], 'clipByRect').array!);
  const packed = new Float64Array(4 * a.length);
  const at = (v: Bound, i: number) => (typeof v === 'number' ? v : v[i]!);
  for (let i = 0; i < a.length; i++) {
    packed[4 * i] = at(xmin, i);
    packed[4 * i + 1] = at(ymin, i);
    packed[4 * i + 2] = at(xmax, i);
    packed[4 * i + 3] = at(ymax, i);
    for (let k = 0; k < 4; k++) {
      if (!Number.isFinite(packed[4 * i + k]!)) throw new GeovecError(`geovec: clipByRect: bound ${k} of element ${i} is not a finite number`);
    }
  }
  return new GeometryArray(run('clip_by_rect', [s.handle], [packed], [0, 0, 0, 0, grid], 'clipByRect').array!);
}
