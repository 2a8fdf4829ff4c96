/** The Node-API backend: build/Release/geovec.node, read in place (no copies). */
import type { Backend, CallResult, Handle, Input } from './backend.js';
import { nodeBuiltin } from './node.js';

interface Addon {
  kernels: string[];
  call(id: number, arrays: (Handle | null)[], inputs: Input[], nums: number[]): CallResult;
  callAsync(id: number, arrays: (Handle | null)[], inputs: Input[], nums: number[]): Promise<CallResult>;
  setThreads(n: number): number;
  threads(): number;
  release(h: Handle): void;
}

export function loadNative(): Backend {
  const mod = nodeBuiltin('node:module');
  if (!mod) throw new Error('geovec: the native backend needs Node.js');
  const require = mod.createRequire(import.meta.url);
  const addon = require('../../build/Release/geovec.node') as Addon;
  const ids = new Map(addon.kernels.map((n, i) => [n, i]));
  return {
    name: 'native',
    handlesFreedByGC: true,
    kernel(name) {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`geovec: the native addon has no kernel "${name}"; rebuild it`);
      return id;
    },
    call: (id, arrays, inputs, nums) => addon.call(id, arrays, inputs, nums),
    callAsync: (id, arrays, inputs, nums) => addon.callAsync(id, arrays, inputs, nums),
    release: (h) => addon.release(h),
    threads: () => addon.threads(),
    setThreads: (n) => addon.setThreads(n),
  };
}
