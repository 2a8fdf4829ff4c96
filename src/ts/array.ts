/**
 * GeometryArray: n geometries in columnar (GeoArrow) buffers owned by the
 * core. No per-geometry JavaScript object exists unless get(i) asks for a
 * view, and a view is only (array, index).
 */
import { getBackend, type Backend, type BackendName, type Handle } from './backend.js';
import { run } from './call.js';
import type { ParseProblem } from './errors.js';
import { GeovecError } from './errors.js';
import { writeGeoJSONText, writeText, writeWKB } from './write.js';
import type { Geometry } from './geojson-types.js';

export type GeometryTypeName =
  | 'Point'
  | 'LineString'
  | 'Polygon'
  | 'MultiPoint'
  | 'MultiLineString'
  | 'MultiPolygon'
  | 'GeometryCollection';

/** Type codes as geometryType() returns them (the WKB codes); 0 is a null element. */
export const GeometryType = {
  Null: 0,
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const;

export const TYPE_NAMES: readonly (GeometryTypeName | null)[] = [
  null,
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
];

export type Dimensions = 'xy' | 'xyz' | 'xym' | 'xyzm';
const HAS_Z = 0x10;
const HAS_M = 0x20;

/** What array_info reports. */
export interface ArrayInfo {
  length: number;
  /** The type byte shared by every non-null element: 0 all null, 255 mixed. */
  commonType: number;
  dims: number;
  stride: number;
  hasCollections: boolean;
  hasSrid: boolean;
  separated: boolean;
  coordinates: number;
}

const finalizers = new FinalizationRegistry<{ backend: Backend; handle: Handle }>(({ backend, handle }) =>
  backend.release(handle),
);

/* Symbol.dispose where the runtime lacks it (older browsers), so that the
 * method below has its standard key and `using` works wherever the
 * language feature does (TypeScript's recommended polyfill). */
(Symbol as { dispose?: symbol }).dispose ??= Symbol.for('Symbol.dispose');

export class GeometryArray implements Iterable<GeometryView | null>, Disposable {
  #handle: Handle | null;
  #backend: Backend;
  #info: ArrayInfo | undefined;
  #types: Uint8Array | undefined;
  /** Elements that failed to parse and became null (with `onInvalid: 'null'`). */
  readonly invalid: readonly ParseProblem[];
  readonly length: number;

  /** @internal Arrays are made by the constructors (fromWKB, fromWKT, ...), not with `new`. */
  constructor(handle: Handle, invalid: readonly ParseProblem[] = []) {
    this.#handle = handle;
    this.#backend = getBackend();
    this.invalid = invalid;
    /* A registry entry holds the handle strongly until its callback runs,
     * after an event-loop turn: only WASM handles (plain numbers) need it. */
    if (!this.#backend.handlesFreedByGC) finalizers.register(this, { backend: this.#backend, handle }, this);
    this.length = this.info.length;
  }

  /** @internal The core handle (throws once disposed). */
  get handle(): Handle {
    if (this.#handle === null) throw new GeovecError('geovec: this GeometryArray has been disposed');
    return this.#handle;
  }

  /** The backend this array lives in. */
  get backend(): BackendName {
    return this.#backend.name;
  }

  /** @internal Layout facts, computed once. */
  get info(): ArrayInfo {
    if (!this.#info) {
      const n = run('array_info', [this.handle]).nums;
      this.#info = {
        length: n[0]!,
        commonType: n[1]!,
        dims: n[2]!,
        stride: n[3]!,
        hasCollections: n[4] === 1,
        hasSrid: n[5] === 1,
        separated: n[6] === 1,
        coordinates: n[7]!,
      };
    }
    return this.#info;
  }

  /** Coordinate dimensions present in the array (a geometry may use fewer). */
  get dims(): Dimensions {
    const d = this.info.dims;
    return d & HAS_Z ? (d & HAS_M ? 'xyzm' : 'xyz') : d & HAS_M ? 'xym' : 'xy';
  }

  /** @internal Type codes (1..7, 0 = null), computed once. */
  get typeCodes(): Uint8Array {
    this.#types ??= new Uint8Array(run('geometry_type', [this.handle]).outs[0]!);
    return this.#types;
  }

  /** EWKB SRIDs per element (0 = none), or null when the input had none. */
  get srids(): Int32Array | null {
    if (!this.info.hasSrid) return null;
    const buf = run('array_buffers', [this.handle]).outs[9];
    return buf ? new Int32Array(buf.slice(0)) : null;
  }

  /** A light view of element i (null for a null element). Negative i counts from the end. */
  get(i: number): GeometryView | null {
    const k = i < 0 ? this.length + i : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.length) {
      throw new RangeError(`geovec: index ${i} is out of range for ${this.length} geometries`);
    }
    return this.typeCodes[k] === 0 ? null : new GeometryView(this, k);
  }

  /** Elements [start, end) as a new array (copied), with negative indices counting from the end. */
  slice(start = 0, end = this.length): GeometryArray {
    const n = this.length;
    const s = Math.max(0, Math.min(n, start < 0 ? n + start : start));
    const e = Math.max(s, Math.min(n, end < 0 ? n + end : end));
    const idx = new Int32Array(e - s);
    for (let i = 0; i < idx.length; i++) idx[i] = s + i;
    return this.take(idx);
  }

  /** The elements at `indices` (copied); -1 gives a null element. */
  take(indices: ArrayLike<number>): GeometryArray {
    if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
      throw new GeovecError(`geovec: take: indices must be an array of integers or an Int32Array, not ${indices === null ? 'null' : typeof indices}`);
    }
    const idx = indices instanceof Int32Array ? indices : Int32Array.from(indices);
    return new GeometryArray(run('take', [this.handle], [idx]).array);
  }

  /** This array followed by the others (copied). */
  concat(...others: GeometryArray[]): GeometryArray {
    others.forEach((o, i) => {
      if (!(o instanceof GeometryArray)) throw new GeovecError(`geovec: concat: argument ${i + 1} must be a GeometryArray, not ${o === null ? 'null' : typeof o === 'object' ? 'a non-GeometryArray object' : typeof o}`);
    });
    return concatArrays([this, ...others]);
  }

  /** Frees the core memory now (buffers already returned stay valid); idempotent. Without it the GC frees the array. */
  dispose(): void {
    if (this.#handle === null) return;
    if (!this.#backend.handlesFreedByGC) finalizers.unregister(this);
    this.#backend.release(this.#handle);
    this.#handle = null;
  }

  /** `using a = fromWKT([...])` disposes the array at the end of the scope. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  *[Symbol.iterator](): Iterator<GeometryView | null> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  toString(): string {
    return `GeometryArray(${this.length}, ${this.dims}, ${this.#backend.name})`;
  }
}

/**
 * The arrays one after the other, as a new array. The core concatenates up
 * to four arrays per call, copying each buffer once in blocks; more inputs
 * are joined four at a time in a balanced tree, so each element is copied
 * ceil(log4(n)) times at most (not once per input, as a running total
 * would). Intermediate arrays are freed as soon as they are joined.
 */
export function concatArrays(arrays: readonly GeometryArray[]): GeometryArray {
  if (arrays.length === 0) throw new GeovecError('geovec: concat: no arrays');
  let level: GeometryArray[] = arrays.slice();
  let owned = false;
  do {
    const next: GeometryArray[] = [];
    for (let i = 0; i < level.length; i += 4) {
      const group = level.slice(i, i + 4);
      next.push(new GeometryArray(run('concat', group.map((g) => g.handle)).array));
      if (owned) for (const g of group) g.dispose();
    }
    level = next;
    owned = true;
  } while (level.length > 1);
  return level[0]!;
}

/** One element of a GeometryArray: a position, not a copy. */
export class GeometryView {
  constructor(
    readonly array: GeometryArray,
    readonly index: number,
  ) {}

  get type(): GeometryTypeName {
    return TYPE_NAMES[this.array.typeCodes[this.index]!]!;
  }

  toWKT(options: { precision?: number } = {}): string {
    return writeText('write_wkt', this.array.handle, this.index, this.index + 1, options.precision)[0]!;
  }

  toGeoJSON(): Geometry {
    return JSON.parse(writeGeoJSONText(this.array.handle, this.index, this.index + 1)[0]!) as Geometry;
  }

  toWKB(options: { byteOrder?: 'little' | 'big'; ewkb?: boolean } = {}): Uint8Array {
    return writeWKB(this.array.handle, this.index, this.index + 1, options)[0]!;
  }

  toString(): string {
    return this.toWKT();
  }
}
