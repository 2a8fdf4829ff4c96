/**
 * createWorkerPool(n): n WebAssembly instances of geovec in Web Workers
 * (browsers) or worker_threads (Node). A batch is split into n contiguous
 * chunks, one per worker, and the chunk results are joined in order, so
 * `await pool.fn(...)` equals `gv.fn(...)` on one instance.
 *
 * Memory: under cross-origin isolation (and always in Node) the inputs are
 * written once into SharedArrayBuffers that every worker reads; otherwise
 * each worker gets a copy of its own chunk (transferred, not cloned).
 * Arrays broadcast to every chunk (the polygons of a join, the single side
 * of a predicate) are sent once per worker and cached there, prepared and
 * with the spatial index joins use, until the array is garbage-collected or
 * disposed.
 *
 * Per call the pool itself only slices and concatenates: a worker numbers a
 * join's pairs in the whole arrays, results come back in transferred
 * buffers, and packed WKB offsets convert from int64 by their low words.
 */
import { GeometryArray, GeometryView } from './array.js';
import { GeovecError } from './errors.js';
import { fromWKB, toWKB } from './io.js';
import { PREDICATES, type PredicateName, type GeometryLike } from './predicates.js';
import type { BufferOptions } from './buffer.js';
import { leftJoin, orderByKey, type JoinOptions, type JoinResult } from './spatial-index.js';
import {
  int32Offsets,
  isWireResultGeometry,
  wirePacked,
  type Reply,
  type Request,
  type WireGeometry,
  type WirePoints,
} from './pool-protocol.js';

export interface WorkerPoolOptions {
  /** The worker script (browsers: required; a bundle that imports geovec/pool-worker). Node: defaults to pool-worker next to this module. */
  worker?: URL | string;
  /** Where the workers load geovec.wasm from (URL or bytes); Node reads dist/geovec.wasm by default. */
  wasm?: string | ArrayBuffer | Uint8Array;
  /** Use SharedArrayBuffer (default: whenever the platform allows it). */
  shared?: boolean;
}

/** Points given by coordinates, accepted on the left of pool.sjoin. */
export interface XYPoints {
  xs: Float64Array;
  ys: Float64Array;
}

type Unary = (a: GeometryArray, ...rest: unknown[]) => Promise<unknown>;

export interface WorkerPool {
  /** Number of workers. */
  readonly size: number;
  /** Whether inputs travel in SharedArrayBuffers. */
  readonly shared: boolean;
  /** Resolves once every worker has loaded WebAssembly. */
  readonly ready: Promise<void>;
  intersects(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  disjoint(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  contains(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  within(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  covers(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  coveredBy(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  touches(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  equals(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  crosses(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  overlaps(a: GeometryLike, b: GeometryLike): Promise<Uint8Array>;
  containsXY(a: GeometryLike, xs: Float64Array, ys: Float64Array): Promise<Uint8Array>;
  intersectsXY(a: GeometryLike, xs: Float64Array, ys: Float64Array): Promise<Uint8Array>;
  /** Spatial join (as sjoin); the left side may also be points as { xs, ys }. */
  sjoin(left: GeometryArray | XYPoints, right: GeometryArray, options?: Omit<JoinOptions, 'index'>): Promise<JoinResult>;
  /** Element-wise functions, split across the workers (those the build exports). */
  area: Unary;
  length: Unary;
  isValid: Unary;
  centroid: Unary;
  pointOnSurface: Unary;
  simplify: Unary;
  /** As buffer(a, distance, options); a per-element distance (Float64Array) is split with the chunks. */
  buffer(a: GeometryArray, distance: number | Float64Array | readonly number[], options?: BufferOptions): Promise<GeometryArray>;
  bounds: Unary;
  numPoints: Unary;
  geometryType: Unary;
  isEmpty: Unary;
  /** Runs any library function whole on one worker (e.g. unionAll, coverageUnion). */
  call(fn: string, ...args: unknown[]): Promise<unknown>;
  /** Ends the workers; pending calls reject. */
  close(): Promise<void>;
}

/** Functions the pool splits element-wise (array first argument, one result per element). */
export const POOL_ELEMENTWISE = [
  'area',
  'length',
  'isValid',
  'centroid',
  'pointOnSurface',
  'simplify',
  'buffer',
  'bounds',
  'numPoints',
  'geometryType',
  'isEmpty',
] as const;

/**
 * Arguments that may hold one value per element (a Float64Array or an array
 * of numbers): position in the call (0 is the geometry array) and name.
 * They are split with the chunks; a number goes whole to every worker.
 */
const PER_ELEMENT_ARGS: Partial<Record<(typeof POOL_ELEMENTWISE)[number], [number, string]>> = {
  simplify: [1, 'tolerance'],
  buffer: [1, 'distance'],
};

interface Endpoint {
  post(msg: unknown, transfer: Transferable[]): void;
  on(fn: (msg: unknown) => void, fail: (err: Error) => void): void;
  terminate(): Promise<unknown> | void;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

function nodeWorkerThreads(): typeof import('node:worker_threads') | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return p?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
}

function spawn(script: URL | string): Endpoint {
  const wt = isNode ? nodeWorkerThreads() : undefined;
  if (wt) {
    const url = script instanceof URL ? script : new URL(script);
    /* A TypeScript worker (running from the sources) loads through tsx. */
    const w = url.pathname.endsWith('.ts')
      ? new wt.Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
      : new wt.Worker(url);
    w.unref();
    return {
      post: (m, t) => w.postMessage(m, t as never),
      on: (fn, fail) => {
        w.on('message', fn);
        w.on('error', fail);
      },
      terminate: () => w.terminate(),
    };
  }
  if (typeof Worker === 'undefined') throw new GeovecError('geovec: createWorkerPool: this platform has no Web Workers');
  const w = new Worker(script, { type: 'module' });
  return {
    post: (m, t) => w.postMessage(m, t),
    on: (fn, fail) => {
      w.onmessage = (e) => fn(e.data);
      w.onerror = (e) => fail(new Error(e.message || 'worker failed to load'));
    },
    terminate: () => w.terminate(),
  };
}

function defaultWorker(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./pool-worker.${ext}`, import.meta.url);
}

const sharedAllowed = (): boolean =>
  typeof SharedArrayBuffer !== 'undefined' &&
  (isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);

/** [start, end) of chunk k of n items split in `parts`. */
function chunk(n: number, parts: number, k: number): [number, number] {
  return [Math.floor((n * k) / parts), Math.floor((n * (k + 1)) / parts)];
}

let nextArrayId = 1;
const arrayIds = new WeakMap<GeometryArray, number>();

interface Packed {
  data: Uint8Array;
  offsets: Int32Array;
}

/** Creates a pool of n workers (n >= 1). Methods return Promises of the single-instance results. */
export function createWorkerPool(n: number, options: WorkerPoolOptions = {}): WorkerPool {
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new GeovecError('geovec: createWorkerPool: n must be an integer from 1 to 256');
  if (typeof options !== 'object' || options === null) throw new GeovecError('geovec: createWorkerPool: options must be an object');
  if (!isNode && options.worker === undefined) {
    throw new GeovecError('geovec: createWorkerPool: options.worker (the URL of a worker script that imports pool-worker) is required in browsers');
  }
  const shared = options.shared ?? sharedAllowed();
  if (shared && !sharedAllowed()) throw new GeovecError('geovec: createWorkerPool: SharedArrayBuffer is not available (the page is not cross-origin isolated)');
  const script = options.worker ?? defaultWorker();

  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  let nextId = 1;
  let closed = false;
  const workers: Endpoint[] = [];
  const cachedIn: Set<number>[] = [];
  const readies: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const w = spawn(script);
    workers.push(w);
    cachedIn.push(new Set());
    readies.push(
      new Promise<void>((ok, fail) => {
        let ready = false;
        w.on(
          (m) => {
            const msg = m as Reply & { ready?: boolean; error?: unknown };
            if (!ready && 'ready' in msg) {
              ready = true;
              if (msg.ready) ok();
              else fail(new GeovecError(`geovec: pool worker could not load WebAssembly: ${String(msg.error)}`));
              return;
            }
            const p = pending.get(msg.id);
            if (!p) return;
            pending.delete(msg.id);
            if (msg.ok) p.ok(msg.value);
            else p.fail(new GeovecError(msg.error?.message ?? 'geovec: pool worker failed'));
          },
          (err) => {
            const e = new GeovecError(`geovec: pool worker failed: ${err.message}`);
            fail(e);
            for (const p of pending.values()) p.fail(e);
            pending.clear();
          },
        );
      }),
    );
    w.post({ init: true, ...(options.wasm !== undefined ? { wasm: options.wasm } : {}) }, []);
  }
  const ready = Promise.all(readies).then(() => undefined);
  ready.catch(() => {});

  /* Cached arrays are forgotten by the workers when the array goes away. */
  const forget = new FinalizationRegistry<number>((id) => {
    if (closed) return;
    workers.forEach((w, i) => {
      if (cachedIn[i]!.delete(id)) w.post({ id: 0, fn: 'forget', args: [id] }, []);
    });
  });

  async function send(k: number, fn: string, args: unknown[], transfer: Transferable[] = [], join?: Request['join']): Promise<unknown> {
    if (closed) throw new GeovecError('geovec: the worker pool is closed');
    await ready;
    const id = nextId++;
    return new Promise((ok, fail) => {
      pending.set(id, { ok, fail });
      const req: Request = join ? { id, fn, args, join } : { id, fn, args };
      workers[k]!.post(req, transfer);
    });
  }

  function toShared<T extends Float64Array | Uint8Array | Int32Array>(v: T): T {
    if (!shared || v.buffer instanceof SharedArrayBuffer) return v;
    const C = v.constructor as new (b: SharedArrayBuffer) => T;
    const out = new C(new SharedArrayBuffer(v.byteLength));
    (out as unknown as { set(x: T): void }).set(v);
    return out;
  }

  /* Arrays are immutable: their packed WKB is made once per pool. */
  const packedOf = new WeakMap<GeometryArray, Packed>();
  function packed(a: GeometryArray): Packed {
    let hit = packedOf.get(a);
    if (!hit) packedOf.set(a, (hit = pack(a)));
    return hit;
  }
  function pack(a: GeometryArray): Packed {
    const p = toWKB(a, { packed: true });
    if (p.data.byteLength > 0x7fffffff) throw new RangeError('geovec: pool: arrays over 2 GB of WKB are not split');
    return { data: toShared(p.data), offsets: toShared(int32Offsets(p.offsets)) };
  }

  /** A whole array broadcast to worker k: data the first time, then only its id. */
  function whole(a: GeometryArray, k: number, memo: Map<GeometryArray, Packed>): WireGeometry {
    let id = arrayIds.get(a);
    if (id === undefined) {
      id = nextArrayId++;
      arrayIds.set(a, id);
      forget.register(a, id);
    }
    if (cachedIn[k]!.has(id)) return { $g: id };
    let p = memo.get(a);
    if (!p) memo.set(a, (p = packed(a)));
    cachedIn[k]!.add(id);
    return { $g: id, data: p.data, offsets: p.offsets, keep: true };
  }

  /** Elements [s, e) of a packed array, as a chunk for one worker. */
  function piece(p: Packed, s: number, e: number, transfer: Transferable[]): WireGeometry {
    const o0 = p.offsets[s]!;
    const o1 = p.offsets[e]!;
    if (shared && o0 === 0) return { $g: 0, data: p.data.subarray(0, o1), offsets: p.offsets.subarray(s, e + 1) };
    /* one pass: the chunk's offsets, from 0, written straight into their (shared or transferred) buffer */
    const offsets = new Int32Array(shared ? new SharedArrayBuffer(4 * (e - s + 1)) : new ArrayBuffer(4 * (e - s + 1)));
    for (let i = s; i <= e; i++) offsets[i - s] = p.offsets[i]! - o0;
    let data: Uint8Array;
    if (shared) {
      data = p.data.subarray(o0, o1);
    } else {
      data = p.data.slice(o0, o1);
      transfer.push(data.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer);
    }
    return { $g: 0, data, offsets };
  }

  function xyPiece(xs: Float64Array, ys: Float64Array, s: number, e: number, transfer: Transferable[]): [Float64Array, Float64Array] {
    if (shared) return [xs.subarray(s, e), ys.subarray(s, e)];
    const x = xs.slice(s, e);
    const y = ys.slice(s, e);
    transfer.push(x.buffer, y.buffer);
    return [x, y];
  }

  /** How many chunks for m items (no empty chunks). */
  const parts = (m: number) => Math.max(1, Math.min(n, m));

  function concat(list: Uint8Array[], make: (len: number) => Uint8Array): Uint8Array {
    if (list.length === 1) return list[0]!;
    const out = make(list.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of list) {
      out.set(x, at);
      at += x.length;
    }
    return out;
  }

  function joinResults(values: unknown[]): unknown {
    const first = values[0];
    if (isWireResultGeometry(first)) {
      const list = values as { data: Uint8Array; offsets: Int32Array }[];
      if (list.length === 1) return fromWKB(wirePacked(list[0]!.data, list[0]!.offsets));
      const bytes = concat(list.map((v) => v.data), (len) => new Uint8Array(len));
      const count = list.reduce((s, v) => s + v.offsets.length - 1, 0);
      const offsets = new Int32Array(count + 1);
      let at = 0;
      let base = 0;
      for (const v of list) {
        for (let i = 1; i < v.offsets.length; i++) offsets[++at] = v.offsets[i]! + base;
        base += v.data.byteLength;
      }
      return fromWKB(wirePacked(bytes, offsets));
    }
    if (ArrayBuffer.isView(first)) {
      const C = (first as unknown as { constructor: new (n: number) => Uint8Array }).constructor;
      return concat(values as Uint8Array[], (len) => new C(len));
    }
    if (Array.isArray(first)) return (values as unknown[][]).flat();
    return first;
  }

  function decodeWhole(v: unknown): unknown {
    if (isWireResultGeometry(v)) return fromWKB(wirePacked(v.data, v.offsets));
    if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = decodeWhole(x);
      return out;
    }
    return v;
  }

  /** Elements [s, e) of a per-element Float64Array, for one worker. */
  function valuesPiece(v: Float64Array, s: number, e: number, transfer: Transferable[]): Float64Array {
    if (shared) return v.subarray(s, e);
    const x = v.slice(s, e);
    transfer.push(x.buffer);
    return x;
  }

  /**
   * Splits array `a` (argument `at`); the arguments at `perElement` (one
   * value per element, already Float64Arrays of a's length) are split
   * alike; the others go whole to every worker.
   */
  async function split(fn: string, a: GeometryArray, at: number, args: unknown[], perElement: number[] = []): Promise<unknown> {
    if (!(a instanceof GeometryArray)) throw new GeovecError(`geovec: pool.${fn}: expected a GeometryArray`);
    const m = parts(a.length);
    const p = packed(a);
    const memo = new Map<GeometryArray, Packed>();
    const jobs: Promise<unknown>[] = [];
    const values = new Map<number, Float64Array>();
    for (const i of perElement) values.set(i, toShared(args[i] as Float64Array));
    for (let k = 0; k < m; k++) {
      const [s, e] = chunk(a.length, m, k);
      const transfer: Transferable[] = [];
      const wire = args.map((x, i) => {
        if (i === at) return piece(p, s, e, transfer);
        const per = values.get(i);
        if (per) return valuesPiece(per, s, e, transfer);
        if (x instanceof GeometryArray) return whole(x, k, memo);
        if (x instanceof GeometryView) return { $v: whole(x.array, k, memo), index: x.index };
        return x;
      });
      jobs.push(send(k, fn, wire, transfer));
    }
    return joinResults(await Promise.all(jobs));
  }

  function predicate(name: PredicateName) {
    return async (a: GeometryLike, b: GeometryLike): Promise<Uint8Array> => {
      const ok = (g: unknown) => g instanceof GeometryArray || g instanceof GeometryView;
      if (!ok(a) || !ok(b)) throw new GeovecError(`geovec: pool.${name} expects GeometryArray or GeometryView arguments`);
      if (a instanceof GeometryArray && b instanceof GeometryArray && a.length !== b.length && a.length !== 1 && b.length !== 1) {
        throw new GeovecError(`geovec: ${name}: lengths ${a.length} and ${b.length} do not broadcast (equal lengths, or one side of length 1)`);
      }
      if (a instanceof GeometryArray && b instanceof GeometryArray && a.length === b.length && a.length > 1) {
        /* pairwise: both sides split alike */
        const pa = packed(a);
        const pb = packed(b);
        const m = parts(a.length);
        const jobs: Promise<unknown>[] = [];
        for (let k = 0; k < m; k++) {
          const [s, e] = chunk(a.length, m, k);
          const transfer: Transferable[] = [];
          jobs.push(send(k, name, [piece(pa, s, e, transfer), piece(pb, s, e, transfer)], transfer));
        }
        return joinResults(await Promise.all(jobs)) as Uint8Array;
      }
      const aMany = a instanceof GeometryArray && !(b instanceof GeometryArray && b.length > a.length);
      if (aMany) return (await split(name, a as GeometryArray, 0, [a, b])) as Uint8Array;
      return (await split(name, b as GeometryArray, 1, [a, b])) as Uint8Array;
    };
  }

  function xy(name: 'containsXY' | 'intersectsXY') {
    return async (a: GeometryLike, xs: Float64Array, ys: Float64Array): Promise<Uint8Array> => {
      if (!(xs instanceof Float64Array) || !(ys instanceof Float64Array)) throw new GeovecError(`geovec: pool.${name}: xs and ys must be Float64Arrays`);
      if (xs.length !== ys.length) throw new GeovecError(`geovec: ${name}: xs has ${xs.length} values, ys ${ys.length}`);
      if (!(a instanceof GeometryArray || a instanceof GeometryView)) throw new GeovecError(`geovec: pool.${name}: a must be a GeometryArray or GeometryView`);
      if (a instanceof GeometryArray && a.length === xs.length && a.length > 1) {
        const pa = packed(a);
        const sx = toShared(xs);
        const sy = toShared(ys);
        const m = parts(xs.length);
        const jobs: Promise<unknown>[] = [];
        for (let k = 0; k < m; k++) {
          const [s, e] = chunk(xs.length, m, k);
          const transfer: Transferable[] = [];
          const [x, y] = xyPiece(sx, sy, s, e, transfer);
          jobs.push(send(k, name, [piece(pa, s, e, transfer), x, y], transfer));
        }
        return joinResults(await Promise.all(jobs)) as Uint8Array;
      }
      if (a instanceof GeometryArray && a.length !== 1) {
        throw new GeovecError(`geovec: ${name}: ${a.length} geometries and ${xs.length} points do not broadcast`);
      }
      const sx = toShared(xs);
      const sy = toShared(ys);
      const m = parts(xs.length);
      const memo = new Map<GeometryArray, Packed>();
      const jobs: Promise<unknown>[] = [];
      for (let k = 0; k < m; k++) {
        const [s, e] = chunk(xs.length, m, k);
        const transfer: Transferable[] = [];
        const [x, y] = xyPiece(sx, sy, s, e, transfer);
        const g = a instanceof GeometryView ? { $v: whole(a.array, k, memo), index: a.index } : whole(a, k, memo);
        jobs.push(send(k, name, [g, x, y], transfer));
      }
      return joinResults(await Promise.all(jobs)) as Uint8Array;
    };
  }

  async function sjoin(left: GeometryArray | XYPoints, right: GeometryArray, options: Omit<JoinOptions, 'index'> = {}): Promise<JoinResult> {
    if (!(right instanceof GeometryArray)) throw new GeovecError('geovec: pool.sjoin: right must be a GeometryArray');
    const isXY = !(left instanceof GeometryArray);
    if (isXY && !(left && left.xs instanceof Float64Array && left.ys instanceof Float64Array && left.xs.length === left.ys.length)) {
      throw new GeovecError('geovec: pool.sjoin: left must be a GeometryArray or { xs, ys } Float64Arrays of equal length');
    }
    if (typeof options !== 'object' || options === null) throw new GeovecError('geovec: pool.sjoin: options must be an object');
    if ('index' in options && options.index !== undefined) throw new GeovecError('geovec: pool.sjoin: options.index cannot cross to the workers');
    const predicate = options.predicate ?? 'intersects';
    if (predicate !== 'dwithin' && !PREDICATES.includes(predicate)) throw new GeovecError(`geovec: sjoin: unknown predicate "${String(predicate)}"`);
    const distance = options.distance;
    if (predicate === 'dwithin') {
      if (typeof distance !== 'number' || !(distance >= 0)) throw new GeovecError("geovec: pool.sjoin: predicate 'dwithin' needs options.distance, a number >= 0");
    } else if (distance !== undefined) throw new GeovecError("geovec: pool.sjoin: options.distance goes with predicate 'dwithin'");
    const how = options.how ?? 'inner';
    if (how !== 'inner' && how !== 'left') throw new GeovecError(`geovec: sjoin: how must be 'inner' or 'left', not "${String(how)}"`);
    const rows = isXY ? (left as XYPoints).xs.length : (left as GeometryArray).length;
    /* dwithin is symmetric: each worker's sjoin indexes whichever side it likes and gives the same pairs */
    const inner = predicate === 'dwithin' ? { predicate, distance, how: 'inner' as const } : { predicate, how: 'inner' as const };
    const memo = new Map<GeometryArray, Packed>();
    const jobs: Promise<unknown>[] = [];
    /* Split the bigger side; the other goes whole (cached in the workers). */
    const splitLeft = rows >= right.length;
    if (splitLeft) {
      const m = parts(rows);
      let pl: Packed | undefined;
      let sx: Float64Array | undefined;
      let sy: Float64Array | undefined;
      if (isXY) {
        sx = toShared((left as XYPoints).xs);
        sy = toShared((left as XYPoints).ys);
      } else pl = packed(left as GeometryArray);
      for (let k = 0; k < m; k++) {
        const [s, e] = chunk(rows, m, k);
        const transfer: Transferable[] = [];
        let l: unknown;
        if (isXY) {
          const [x, y] = xyPiece(sx!, sy!, s, e, transfer);
          l = { $xy: true, xs: x, ys: y } satisfies WirePoints;
        } else l = piece(pl!, s, e, transfer);
        jobs.push(send(k, 'sjoin', [l, whole(right, k, memo), inner], transfer, { leftBase: s, rightBase: 0 }));
      }
    } else {
      const m = parts(right.length);
      const pr = packed(right);
      const leftWire = (k: number, transfer: Transferable[]) => {
        if (!isXY) return whole(left as GeometryArray, k, memo);
        const [x, y] = xyPiece((left as XYPoints).xs, (left as XYPoints).ys, 0, rows, transfer);
        return { $xy: true, xs: x, ys: y } satisfies WirePoints;
      };
      for (let k = 0; k < m; k++) {
        const [s, e] = chunk(right.length, m, k);
        const transfer: Transferable[] = [];
        jobs.push(send(k, 'sjoin', [leftWire(k, transfer), piece(pr, s, e, transfer), inner], transfer, { leftBase: 0, rightBase: s }));
      }
    }
    /* The workers number the pairs in the whole arrays: the chunks are only concatenated. */
    const results = (await Promise.all(jobs)) as { left: Uint32Array; right: Int32Array }[];
    let l: Uint32Array;
    let r: Uint32Array;
    if (results.length === 1) {
      l = results[0]!.left;
      r = new Uint32Array(results[0]!.right.buffer, results[0]!.right.byteOffset, results[0]!.right.length);
    } else {
      const total = results.reduce((s, x) => s + x.left.length, 0);
      l = new Uint32Array(total);
      r = new Uint32Array(total);
      let at = 0;
      for (const res of results) {
        l.set(res.left, at);
        r.set(new Uint32Array(res.right.buffer, res.right.byteOffset, res.right.length), at);
        at += res.left.length;
      }
    }
    /* Split on the right: each chunk is ordered by left; a stable sort by left keeps right ascending. */
    if (!splitLeft && results.length > 1) [l, r] = orderByKey(l, r, rows);
    if (how === 'left') return leftJoin(l, r, rows);
    return { left: l, right: new Int32Array(r.buffer, r.byteOffset, r.length) };
  }

  const pool: Record<string, unknown> = {
    size: n,
    shared,
    ready,
    sjoin,
    containsXY: xy('containsXY'),
    intersectsXY: xy('intersectsXY'),
    async call(fn: string, ...args: unknown[]) {
      if (typeof fn !== 'string') throw new GeovecError('geovec: pool.call: fn must be a function name');
      const memo = new Map<GeometryArray, Packed>();
      const wire = args.map((x) => {
        if (x instanceof GeometryArray) {
          const p = packed(x);
          return { $g: 0, data: p.data, offsets: p.offsets };
        }
        if (x instanceof GeometryView) return { $v: whole(x.array, 0, memo), index: x.index };
        return x;
      });
      return decodeWhole(await send(0, fn, wire));
    },
    async close() {
      if (closed) return;
      closed = true;
      const e = new GeovecError('geovec: the worker pool was closed');
      for (const p of pending.values()) p.fail(e);
      pending.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
  for (const name of PREDICATES) pool[name] = predicate(name);
  for (const name of POOL_ELEMENTWISE) {
    const perArg = PER_ELEMENT_ARGS[name];
    pool[name] = async (a: GeometryArray, ...rest: unknown[]) => {
      if (!(a instanceof GeometryArray)) throw new GeovecError(`geovec: pool.${name}: expected a GeometryArray as the first argument`);
      const args: unknown[] = [a, ...rest];
      const perElement: number[] = [];
      if (perArg) {
        /* one value per element: split with the chunks (checked here, so that the message counts the whole array) */
        const [at, label] = perArg;
        const v = args[at];
        if (v instanceof Float64Array || Array.isArray(v)) {
          const per = v instanceof Float64Array ? v : Float64Array.from(v as number[]);
          if (per.length !== a.length) throw new GeovecError(`geovec: ${name}: ${label} has ${per.length} values for ${a.length} geometries`);
          args[at] = per;
          perElement.push(at);
        }
      }
      if (a.length === 0) return decodeWhole(await send(0, name, [{ $g: 0, data: new Uint8Array(0), offsets: new Int32Array(1) }, ...args.slice(1)]));
      return split(name, a, 0, args, perElement);
    };
  }
  return pool as unknown as WorkerPool;
}
