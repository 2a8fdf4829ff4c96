// The page of the bundler test (test/browser/bundlers.mjs): loads geovec as
// an application would, through a bundler, with a plain `await init()` (the
// default geovec.wasm location), and reports what it saw in window.__result.
import * as gv from 'geovec';

async function run() {
  try {
    const backend = await gv.init({ backend: 'wasm' });
    const a = gv.fromWKT(['POINT (1 2)', 'LINESTRING (0 0, 3 4)']);
    return { ok: true, backend, bounds: Array.from(gv.bounds(a)) };
  } catch (err) {
    return { ok: false, name: err?.name, error: String(err?.message ?? err) };
  }
}
run().then((r) => {
  window.__result = r;
});
