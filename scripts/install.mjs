// npm install hook: build the Node-API addon with node-gyp. If that fails
// (no compiler, no headers), geovec still works on its WebAssembly build,
// which ships prebuilt in dist/geovec.wasm; say so instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.GEOVEC_SKIP_NATIVE) {
  console.log('geovec: GEOVEC_SKIP_NATIVE set, using the WebAssembly backend');
  process.exit(0);
}
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const r = spawnSync(cmd, args, { stdio: 'inherit', shell: !gyp });
if (r.status !== 0 || !existsSync('build/Release/geovec.node')) {
  console.warn('geovec: the native addon could not be built; the WebAssembly backend will be used.');
}
