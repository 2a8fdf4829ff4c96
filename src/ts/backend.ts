/**
 * Backends: the Node-API addon and the WebAssembly module expose the same
 * kernel table (src/core/kernels.def) through one calling convention, so
 * everything above this file is backend-agnostic.
 */
import { loadNative } from './native.js';
import { loadWasm, loadWasmAsync } from './wasm.js';

/** An opaque reference to a core array (an external in Node, a pointer in WASM). */
export type Handle = unknown;

export interface CallResult {
  status: number;
  array: Handle | null;
  /** Output buffers (null where the kernel gave none). */
  outs: (ArrayBuffer | null)[];
  nums: number[];
  /** Per-element errors, one "index\toffset\tmessage" line each. */
  errors: string;
  errorCount: number;
}

export type Input = ArrayBufferView | null;

export interface Backend {
  readonly name: 'native' | 'wasm';
  /** Kernel id by name (throws for an unknown name). */
  kernel(name: string): number;
  call(id: number, arrays: (Handle | null)[], inputs: Input[], nums: number[]): CallResult;
  callAsync(id: number, arrays: (Handle | null)[], inputs: Input[], nums: number[]): Promise<CallResult>;
  /** Frees an array now (buffers already returned stay valid); the GC would free it otherwise. */
  release(h: Handle): void;
  /**
   * True when the GC frees an unreachable handle's memory by itself, during
   * the collection (native: a synchronous Node-API finalizer). False when
   * the handle is a plain number that a FinalizationRegistry must release
   * (WASM), which only happens after an event-loop turn.
   */
  readonly handlesFreedByGC: boolean;
  threads(): number;
  setThreads(n: number): number;
}

export type BackendName = 'native' | 'wasm';

let current: Backend | null = null;

function requested(): BackendName | undefined {
  const env = typeof process !== 'undefined' ? process.env?.GEOVEC_BACKEND : undefined;
  if (env === undefined || env === '' || env === 'auto') return undefined;
  if (env !== 'native' && env !== 'wasm') {
    throw new Error(`geovec: GEOVEC_BACKEND must be "native" or "wasm", not "${env}"`);
  }
  return env;
}

function loadSync(want?: BackendName): Backend {
  if (want === 'wasm') return loadWasm();
  try {
    return loadNative();
  } catch (err) {
    if (want === 'native') throw err;
    return loadWasm();
  }
}

/** The backend in use, loading one on first use (synchronously in Node). */
export function getBackend(): Backend {
  if (!current) current = loadSync(requested());
  return current;
}

/**
 * Loads a backend explicitly. Browsers must call this (and await it) before
 * any other function, since they compile WebAssembly asynchronously. In Node
 * it is optional: the first call loads the native addon, or the WASM build
 * if the addon is missing. `GEOVEC_BACKEND=native|wasm` forces a choice.
 */
export async function init(options: { backend?: BackendName; wasm?: URL | string | ArrayBuffer | Uint8Array } = {}): Promise<BackendName> {
  const want = options.backend ?? requested();
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  if (current && (!want || current.name === want)) return current.name;
  if (want === 'native' || (!want && isNode)) {
    try {
      current = loadNative();
      return current.name;
    } catch (err) {
      if (want === 'native') throw err;
    }
  }
  current = await loadWasmAsync(options.wasm);
  return current.name;
}

/** The name of the backend in use: "native" or "wasm". */
export function backend(): BackendName {
  return getBackend().name;
}

/** Threads used by large batches (native backend; always 1 in WASM). */
export function threads(): number {
  return getBackend().threads();
}

/** Sets the number of threads for large batches (0 = all cores); returns the number in effect. */
export function setThreads(n: number): number {
  return getBackend().setThreads(n);
}
