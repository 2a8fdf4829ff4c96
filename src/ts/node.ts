/** Node-only helpers, reached synchronously without a static import so that
 * the same modules load in browsers. */
type Builtins = {
  'node:module': typeof import('node:module');
  'node:fs': typeof import('node:fs');
  'node:fs/promises': typeof import('node:fs/promises');
  'node:url': typeof import('node:url');
};

export function nodeBuiltin<K extends keyof Builtins>(name: K): Builtins[K] | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return p?.getBuiltinModule?.(name) as Builtins[K] | undefined;
}
