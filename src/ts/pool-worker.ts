/**
 * One worker of createWorkerPool: a WebAssembly instance of geovec that runs
 * library functions on the chunks the pool sends it. Runs as a browser
 * (module) Web Worker or a Node worker_threads worker; bundle it (or import
 * it from your own worker script) for the browser.
 */
import * as gv from './index.js';
import { GeometryArray, GeometryView } from './array.js';
import {
  int32Offsets,
  isWireGeometry,
  wirePacked,
  isWirePoints,
  isWireView,
  type InitMessage,
  type Reply,
  type Request,
  type WireGeometry,
  type WireResultGeometry,
} from './pool-protocol.js';

type Post = (msg: unknown, transfer: Transferable[]) => void;

const cache = new Map<number, GeometryArray>();
/** Spatial indexes of cached arrays (built on the first join that needs one). */
const indexes = new Map<number, gv.SpatialIndex>();
/** The cache id of each cached array. */
const cachedId = new WeakMap<GeometryArray, number>();

function indexOf(a: GeometryArray): gv.SpatialIndex | undefined {
  const id = cachedId.get(a);
  if (id === undefined) return undefined;
  let index = indexes.get(id);
  if (!index) indexes.set(id, (index = new gv.SpatialIndex(a)));
  return index;
}

/**
 * A pool join: sjoin with the index kept for the cached side (the pairs are
 * those of sjoin whichever side is indexed), positions shifted to the whole
 * arrays' numbering.
 */
function join(args: unknown[], bases: { leftBase: number; rightBase: number }): { left: Uint32Array; right: Int32Array } {
  const [left, right, options] = args as [GeometryArray, GeometryArray, gv.JoinOptions];
  const index = indexOf(right) ?? indexOf(left);
  const res = gv.sjoin(left, right, index ? { ...options, index } : options);
  const { leftBase, rightBase } = bases;
  if (leftBase) {
    const l = res.left;
    for (let i = 0; i < l.length; i++) l[i] += leftBase;
  }
  if (rightBase) {
    const r = res.right;
    for (let i = 0; i < r.length; i++) r[i] += rightBase;
  }
  return res as { left: Uint32Array; right: Int32Array };
}

function geometry(w: WireGeometry): GeometryArray {
  const held = cache.get(w.$g);
  if (held && !w.data) return held;
  if (!w.data || !w.offsets) throw new gv.GeovecError(`geovec: pool worker: array ${w.$g} is not cached here`);
  const a = gv.fromWKB(wirePacked(w.data, w.offsets));
  if (w.keep) {
    /* Broadcast arrays serve many calls: their indexes are built once here. */
    gv.prepare(a);
    cache.set(w.$g, a);
    cachedId.set(a, w.$g);
    indexes.delete(w.$g);
  }
  return a;
}

function decode(arg: unknown): unknown {
  if (isWireGeometry(arg)) return geometry(arg);
  if (isWireView(arg)) return geometry(arg.$v).get(arg.index);
  if (isWirePoints(arg)) return gv.points(arg.xs, arg.ys);
  return arg;
}

function encodeGeometry(a: GeometryArray, transfer: Transferable[]): WireResultGeometry {
  const p = gv.toWKB(a, { packed: true });
  const offsets = int32Offsets(p.offsets);
  /* toWKB's bytes own their buffer: transferred as they are */
  const data = p.data.byteOffset === 0 && p.data.byteLength === p.data.buffer.byteLength ? p.data : p.data.slice();
  transfer.push(data.buffer, offsets.buffer);
  return { $wkb: true, data, offsets };
}

function encode(v: unknown, transfer: Transferable[], depth = 0): unknown {
  if (v instanceof GeometryArray) return encodeGeometry(v, transfer);
  if (v instanceof GeometryView) return encodeGeometry(v.array.take([v.index]), transfer);
  if (ArrayBuffer.isView(v)) {
    if (!(v.buffer instanceof ArrayBuffer)) return v; /* shared: cloned as a view */
    const copy = v.byteOffset === 0 && v.byteLength === v.buffer.byteLength ? v : (v as Uint8Array).slice();
    transfer.push((copy as Uint8Array).buffer as ArrayBuffer);
    return copy;
  }
  if (depth < 2 && Array.isArray(v)) return v.map((x) => encode(x, transfer, depth + 1));
  if (depth < 2 && typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encode(x, transfer, depth + 1);
    return out;
  }
  return v;
}

async function handle(msg: Request | InitMessage, post: Post): Promise<void> {
  if ('init' in msg) {
    try {
      await gv.init({ backend: 'wasm', ...(msg.wasm !== undefined ? { wasm: msg.wasm } : {}) });
      post({ ready: true }, []);
    } catch (e) {
      post({ ready: false, error: String((e as Error)?.message ?? e) }, []);
    }
    return;
  }
  const reply: Reply = { id: msg.id, ok: true };
  const transfer: Transferable[] = [];
  try {
    if (msg.fn === 'forget') {
      for (const id of msg.args as number[]) cache.get(id)?.dispose?.();
      for (const id of msg.args as number[]) cache.delete(id);
      for (const id of msg.args as number[]) indexes.delete(id);
    } else {
      const f = (gv as unknown as Record<string, unknown>)[msg.fn];
      if (typeof f !== 'function') throw new gv.GeovecError(`geovec: ${msg.fn} is not available in this build`);
      const args = msg.args.map(decode);
      let value = msg.join && msg.fn === 'sjoin' ? join(args, msg.join) : (f as (...a: unknown[]) => unknown)(...args);
      if (value instanceof Promise) value = await value;
      reply.value = encode(value, transfer);
      /* Chunk arrays are freed now; cached ones stay. */
      for (const a of args) if (a instanceof GeometryArray && !cachedId.has(a)) a.dispose?.();
    }
  } catch (e) {
    const err = e as Error;
    reply.ok = false;
    reply.error = { name: err?.name ?? 'Error', message: String(err?.message ?? e) };
  }
  post(reply, [...new Set(transfer)]);
}

/* Wire up whichever worker flavour this is. */
const wt = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process?.getBuiltinModule?.(
  'node:worker_threads',
) as typeof import('node:worker_threads') | undefined;
if (wt?.parentPort) {
  const port = wt.parentPort;
  port.on('message', (m: Request | InitMessage) => void handle(m, (v, t) => port.postMessage(v, t as never)));
} else if (typeof self !== 'undefined' && typeof (self as { postMessage?: unknown }).postMessage === 'function') {
  const scope = self as unknown as { onmessage: (e: MessageEvent) => void; postMessage: Post };
  scope.onmessage = (e) => void handle(e.data, (v, t) => scope.postMessage(v, t));
}
