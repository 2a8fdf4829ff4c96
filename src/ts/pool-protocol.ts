/**
 * The messages between createWorkerPool (pool.ts) and its workers
 * (pool-worker.ts). Geometry travels as packed WKB (one buffer plus int32
 * offsets), points as x and y columns; buffers are SharedArrayBuffer-backed
 * when the platform allows it (the workers then read the same memory), and
 * copied chunks transferred to the worker otherwise.
 */

/** A GeometryArray argument: packed WKB, or only an id the worker already holds. */
export interface WireGeometry {
  $g: number;
  /** Absent when the worker has this array cached under $g. */
  data?: Uint8Array;
  offsets?: Int32Array;
  /** Keep in the worker's cache under $g (whole arrays broadcast to every chunk). */
  keep?: boolean;
}

/** A GeometryView argument: element `index` of a wire array. */
export interface WireView {
  $v: WireGeometry;
  index: number;
}

/** Points given as coordinates (pool.sjoin accepts them on the left). */
export interface WirePoints {
  $xy: true;
  xs: Float64Array;
  ys: Float64Array;
}

export type WireArg = WireGeometry | WireView | WirePoints | unknown;

export interface Request {
  id: number;
  /** A library function name, or 'forget' (drop cached ids in `args`). */
  fn: string;
  args: WireArg[];
  /**
   * A pool join (fn 'sjoin'): the worker joins with the index it keeps for
   * the cached side and adds these to the pair positions (the chunk's start
   * in the whole left or right), so that the pool only concatenates.
   */
  join?: { leftBase: number; rightBase: number };
}

/** A geometry result: packed WKB. */
export interface WireResultGeometry {
  $wkb: true;
  data: Uint8Array;
  offsets: Int32Array;
}

export interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

export interface InitMessage {
  init: true;
  wasm?: string | ArrayBuffer | Uint8Array;
}

export const isWireGeometry = (v: unknown): v is WireGeometry => typeof v === 'object' && v !== null && '$g' in v;
export const isWireView = (v: unknown): v is WireView => typeof v === 'object' && v !== null && '$v' in v;
export const isWirePoints = (v: unknown): v is WirePoints => typeof v === 'object' && v !== null && '$xy' in v;
export const isWireResultGeometry = (v: unknown): v is WireResultGeometry =>
  typeof v === 'object' && v !== null && '$wkb' in v;

/**
 * Packed WKB as the wire carries it: a null element is a zero-length entry
 * (no geometry has an empty WKB), so the validity bitmap is rebuilt from the
 * offsets instead of being sent.
 */
export function wirePacked(data: Uint8Array, offsets: Int32Array): { data: Uint8Array; offsets: Int32Array; validity: Uint8Array | null } {
  const n = offsets.length - 1;
  let validity: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1]! !== offsets[i]!) continue;
    if (!validity) {
      validity = new Uint8Array((n + 7) >> 3).fill(0xff);
      if (n & 7) validity[validity.length - 1] = (1 << (n & 7)) - 1;
    }
    validity[i >> 3]! &= ~(1 << (i & 7));
  }
  return { data, offsets, validity };
}

/**
 * toWKB's int64 offsets as int32 (the wire's): the low words, read as one
 * Int32Array (little-endian, as everywhere geovec runs) instead of a BigInt
 * conversion per element. Offsets past 2 GB throw.
 */
export function int32Offsets(o: BigInt64Array): Int32Array {
  const n = o.length;
  if (n > 0 && o[n - 1]! > 0x7fffffffn) throw new RangeError('geovec: pool: arrays over 2 GB of WKB are not split');
  const words = new Int32Array(o.buffer, o.byteOffset, 2 * n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = words[2 * i]!;
  return out;
}
