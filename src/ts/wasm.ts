/**
 * The WebAssembly backend: dist/geovec.wasm, built from the same C core.
 * Inputs are copied into linear memory at the edge and outputs copied out,
 * so no JS view ever dangles when memory grows.
 */
import type { Backend, CallResult, Handle, Input } from './backend.js';
import { GeovecError } from './errors.js';
import { nodeBuiltin } from './node.js';

interface Exports {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  gv_alloc(n: number): number;
  gv_dealloc(p: number): void;
  gv_kernel_count(): number;
  gv_kernel_name(i: number): number;
  gv_call_new(): number;
  gv_call_free(c: number): void;
  gv_call_set_arr(c: number, i: number, a: number): void;
  gv_call_set_in(c: number, i: number, p: number, len: number): void;
  gv_call_set_num(c: number, i: number, v: number): void;
  gv_invoke(id: number, c: number): number;
  gv_call_out_ptr(c: number, i: number): number;
  gv_call_out_len(c: number, i: number): number;
  gv_call_out_num(c: number, i: number): number;
  gv_call_out_borrows(c: number): number;
  gv_call_err_ptr(c: number): number;
  gv_call_err_len(c: number): number;
  gv_call_err_count(c: number): number;
  gv_call_take_array(c: number): number;
  gv_array_release(a: number): void;
  gv_array_adopt(a: number, p: number): number;
}

const SPANS = 12;
const NUMS = 8;
/*
 * Where init() finds geovec.wasm by default.
 *  - The package layout: dist/ts/wasm.js, with the module one folder up in
 *    dist/geovec.wasm. Vite and webpack see this literal `new URL(...,
 *    import.meta.url)`, emit the file as an asset and rewrite the URL.
 *  - A bundle that no bundler rewrote (esbuild and the like): import.meta.url
 *    is the bundle's own URL, and the module is expected beside it.
 * The two spellings below are computed without a literal so that no bundler
 * rewrites them; comparing them with PACKAGE_URL tells the cases apart.
 */
const PACKAGE_URL = new URL('../geovec.wasm', import.meta.url);
const WASM_NAME = ['geovec', 'wasm'].join('.');
const WASM_URL_SRC = new URL(['..', '..', 'dist', WASM_NAME].join('/'), import.meta.url); /* running from src/ts */

/** The default URL of geovec.wasm (see above). */
export function defaultWasmURL(moduleURL: string = import.meta.url, packageURL: URL = PACKAGE_URL): URL {
  const unrewritten = new URL(`../${WASM_NAME}`, moduleURL);
  if (packageURL.href !== unrewritten.href) return packageURL; /* a bundler emitted it */
  if (/\/ts\/wasm\.[cm]?[jt]s$/.test(new URL(moduleURL).pathname)) return packageURL; /* not bundled */
  return new URL(WASM_NAME, moduleURL); /* beside the bundle */
}

/** wasi-libc's stdio is linked but never used for I/O: every import is a stub. */
function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, () => number>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    (imports[imp.module] ??= {})[imp.name] = () => 52; /* ENOSYS */
  }
  return imports;
}

function wrap(instance: WebAssembly.Instance): Backend {
  const ex = instance.exports as unknown as Exports;
  ex._initialize?.();
  const decoder = new TextDecoder();
  const u8 = () => new Uint8Array(ex.memory.buffer);
  const cstr = (p: number) => {
    const m = u8();
    let e = p;
    while (m[e] !== 0) e++;
    return decoder.decode(m.subarray(p, e));
  };
  const ids = new Map<string, number>();
  for (let i = 0; i < ex.gv_kernel_count(); i++) ids.set(cstr(ex.gv_kernel_name(i)), i);

  function call(id: number, arrays: (Handle | null)[], inputs: Input[], nums: number[]): CallResult {
    const c = ex.gv_call_new();
    if (!c) throw new RangeError('geovec: out of WebAssembly memory');
    const ptrs: number[] = [];
    try {
      arrays.forEach((h, i) => {
        if (h) ex.gv_call_set_arr(c, i, h as number);
      });
      inputs.forEach((v, i) => {
        if (!v) return;
        const n = v.byteLength;
        const p = ex.gv_alloc(n);
        if (!p) throw new RangeError('geovec: out of WebAssembly memory');
        ptrs[i] = p;
        u8().set(new Uint8Array(v.buffer, v.byteOffset, n), p);
        ex.gv_call_set_in(c, i, p, n);
      });
      nums.forEach((x, i) => ex.gv_call_set_num(c, i, x));
      const status = ex.gv_invoke(id, c);
      const outs: (ArrayBuffer | null)[] = [];
      for (let i = 0; i < SPANS; i++) {
        const p = ex.gv_call_out_ptr(c, i);
        const len = ex.gv_call_out_len(c, i);
        outs.push(status === 0 && p ? ex.memory.buffer.slice(p, p + len) : null);
      }
      const outNums: number[] = [];
      for (let i = 0; i < NUMS; i++) outNums.push(ex.gv_call_out_num(c, i));
      const errPtr = ex.gv_call_err_ptr(c);
      const errors = errPtr ? decoder.decode(u8().subarray(errPtr, errPtr + ex.gv_call_err_len(c))) : '';
      const errorCount = ex.gv_call_err_count(c);
      const array = status === 0 ? ex.gv_call_take_array(c) : 0;
      if (array) {
        /* Inputs the new array borrows become the array's to free. */
        const borrows = ex.gv_call_out_borrows(c);
        ptrs.forEach((p, i) => {
          if (p && borrows & (1 << i) && ex.gv_array_adopt(array, p) === 0) ptrs[i] = 0;
        });
      }
      return { status, array: array || null, outs, nums: outNums, errors, errorCount };
    } finally {
      for (const p of ptrs) if (p) ex.gv_dealloc(p);
      ex.gv_call_free(c);
    }
  }

  return {
    name: 'wasm',
    handlesFreedByGC: false,
    kernel(name) {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`geovec: the WebAssembly module has no kernel "${name}"`);
      return id;
    },
    call,
    callAsync: async (id, arrays, inputs, nums) => call(id, arrays, inputs, nums),
    release: (h) => ex.gv_array_release(h as number),
    threads: () => 1,
    setThreads: () => 1,
  };
}

function readWasmFile(): Uint8Array {
  const fs = nodeBuiltin('node:fs');
  const url = nodeBuiltin('node:url');
  if (!fs || !url) throw new Error('geovec: call `await init()` before using geovec outside Node.js');
  for (const u of [PACKAGE_URL, WASM_URL_SRC]) {
    const path = url.fileURLToPath(u);
    if (fs.existsSync(path)) return fs.readFileSync(path);
  }
  throw new Error('geovec: dist/geovec.wasm not found; run `npm run build:wasm`');
}

/** Synchronous load (Node only). */
export function loadWasm(): Backend {
  const module = new WebAssembly.Module(readWasmFile() as BufferSource);
  return wrap(new WebAssembly.Instance(module, stubImports(module)));
}

function describeSource(v: unknown): string {
  return v === null ? 'null' : typeof v === 'object' ? ((v as object).constructor?.name ?? 'an object') : typeof v;
}

/** Fetches geovec.wasm, with a message that says what failed and what to do. */
async function fetchWasm(url: URL | string): Promise<ArrayBuffer> {
  const hint = 'pass init({ wasm }) with the URL or the bytes of geovec.wasm';
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new GeovecError(`geovec: could not load geovec.wasm from ${String(url)} (${(err as Error).message}); ${hint}`);
  }
  if (!res.ok) throw new GeovecError(`geovec: could not load geovec.wasm from ${String(url)} (HTTP ${res.status}); ${hint}`);
  return res.arrayBuffer();
}

/** Asynchronous load (browsers, Deno, Bun, Node). */
export async function loadWasmAsync(source?: URL | string | ArrayBuffer | Uint8Array): Promise<Backend> {
  let bytes: ArrayBuffer | Uint8Array;
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) bytes = source;
  else if (!source && nodeBuiltin('node:fs')) bytes = readWasmFile();
  else if (source === undefined || typeof source === 'string' || source instanceof URL) bytes = await fetchWasm(source ?? defaultWasmURL());
  else throw new GeovecError(`geovec: init: options.wasm must be a URL, a string, an ArrayBuffer or a Uint8Array, not ${describeSource(source)}`);
  const module = await WebAssembly.compile(bytes as BufferSource).catch((err: Error) => {
    throw new GeovecError(`geovec: the bytes given as geovec.wasm are not a WebAssembly module (${err.message}); pass init({ wasm }) with the URL or bytes of dist/geovec.wasm`);
  });
  return wrap(await WebAssembly.instantiate(module, stubImports(module)));
}
