// Runs in the browser: drives the bundled public API (build/browser/geovec.js)
// on the WebAssembly backend and leaves what it saw in window.__result for
// smoke.mjs to compare. No assertions here: the page only reports, so that a
// wrong value shows up as expected-vs-got on the Node side.
import * as gv from '/build/browser/geovec.js';

const list = (typed) => Array.from(typed);
const hex = (bytes) => (bytes ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase() : null);

async function run() {
  const r = {};
  r.init = await gv.init({ backend: 'wasm', wasm: '/dist/geovec.wasm' });
  r.backend = gv.backend();

  const wkt = [
    'POINT (1 2)',
    'LINESTRING (0.1 -2.5, 3 4)',
    'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2))',
    'POINT EMPTY',
    null,
    'MULTIPOLYGON (((-5 -5, -4 -5, -4 -4, -5 -5)))',
    'GEOMETRYCOLLECTION (POINT (7 8), LINESTRING (1 1, 2 2))',
  ];
  const a = gv.fromWKT(wkt);
  r.wkt = {
    length: a.length,
    arrayBackend: a.backend,
    types: list(gv.geometryType(a)),
    numPoints: list(gv.numPoints(a)),
    bounds: list(gv.bounds(a)),
    totalBounds: list(gv.totalBounds(a)),
    toWKT: gv.toWKT(a),
  };

  const wkb = gv.toWKB(a);
  r.wkb = {
    pointHex: hex(wkb[0]),
    nullIsNull: wkb[4] === null,
    roundTrip: gv.toWKT(gv.fromWKB(wkb)),
    roundTripBounds: list(gv.bounds(gv.fromWKB(wkb))),
  };

  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [100.5, -0.25] }, properties: { name: 'a' } },
      { type: 'Feature', id: 'b', geometry: { type: 'MultiPoint', coordinates: [[-1, -2], [5, 6.5]] }, properties: null },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 0]]] }, properties: { n: 3 } },
      { type: 'Feature', geometry: null, properties: {} },
    ],
  };
  const table = gv.fromGeoJSON(JSON.stringify(fc), { properties: true });
  const g = table.geometry;
  r.geojson = {
    length: g.length,
    types: list(gv.geometryType(g)),
    bounds: list(gv.bounds(g)),
    totalBounds: list(gv.totalBounds(g)),
    properties: table.properties,
    ids: table.ids.map((id) => (id === undefined ? '(none)' : id)),
    toGeoJSON: gv.toGeoJSON(g),
    viaWKB: gv.toGeoJSON(gv.fromWKB(gv.toWKB(g))),
  };

  try {
    gv.fromWKT(['POINT (1 2)', 'POINT (1']);
    r.badWKT = 'no error';
  } catch (e) {
    r.badWKT = { name: e.name, index: e.index };
  }
  return r;
}

// An uncaught failure must still end the wait on the Node side.
run().then(
  (r) => {
    window.__result = { ok: true, result: r };
    document.getElementById('out').textContent = JSON.stringify(r, null, 2);
  },
  (e) => {
    window.__result = { ok: false, error: String(e && e.stack ? e.stack : e) };
    document.getElementById('out').textContent = window.__result.error;
  },
);
