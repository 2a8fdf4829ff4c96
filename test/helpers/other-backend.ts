/**
 * Runs a script in a child process on the other backend (native <-> wasm), so
 * that tests can check that both give the same results.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backend } from './geovec.js';

export interface OtherBackend {
  /** 'native' or 'wasm': the backend this process does not run. */
  name: string;
  /** Runs `script` (TypeScript, as with `node --import tsx -e`) from the repository root on it. */
  run(script: string): SpawnSyncReturns<string>;
  /** Why it cannot be used here, or null when it loads. */
  unavailable(): string | null;
}

export function otherBackend(): OtherBackend {
  const name = backend() === 'native' ? 'wasm' : 'native';
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const run = (script: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { ...process.env, GEOVEC_BACKEND: name },
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
  const unavailable = () => {
    const index = JSON.stringify(new URL('../../src/ts/index.ts', import.meta.url).href);
    const probe = run(`import(${index}).then((g) => process.stdout.write(g.backend()))`);
    return probe.status !== 0 || probe.stdout !== name ? `the ${name} backend does not load here: ${probe.stderr.split('\n')[0]}` : null;
  };
  return { name, run, unavailable };
}
