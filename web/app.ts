/**
 * The geovec page: us-atlas counties and states, random points, a canvas map
 * (pan, zoom, shift-drag draws the intersects rectangle), and operations run
 * by geovec in a pool of WebAssembly workers beside the same operations in
 * turf (in a worker too). A plain 2D canvas rather than deck.gl: no network,
 * no WebGL requirement (headless Chromium, old laptops), a bundle of a few
 * hundred kB, and Path2D is fast enough for 3,231 counties and millions of
 * points written straight into ImageData.
 */
import * as gv from '../src/ts/index.js';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import atlas from 'us-atlas/counties-10m.json';
import type { Feature, MultiPolygon, Polygon, Geometry } from 'geojson';

type Area = Feature<Polygon | MultiPolygon, { state: string }>;
type Op = 'join' | 'dissolve' | 'buffer' | 'simplify' | 'intersects';
const OPS: Op[] = ['join', 'dissolve', 'buffer', 'simplify', 'intersects'];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const app = $('app');
const canvas = $<HTMLCanvasElement>('map');
const ctx = canvas.getContext('2d')!;
const lib = gv as unknown as Record<string, unknown>;
const has = (name: string) => typeof lib[name] === 'function';

const state = {
  counties: [] as Area[],
  states: [] as Area[],
  countiesGV: null as gv.GeometryArray | null,
  stateCodes: new Int32Array(0),
  xs: new Float64Array(0) as Float64Array<ArrayBufferLike>,
  ys: new Float64Array(0) as Float64Array<ArrayBufferLike>,
  pointCounty: null as Int32Array | null,
  overlay: null as { geoms: (Geometry | null)[]; fill?: boolean; color: string } | null,
  rect: null as [number, number, number, number] | null,
  pool: null as gv.WorkerPool | null,
  poolSize: 0,
  geovecMs: {} as Partial<Record<Op, number>>,
  turfMs: {} as Partial<Record<Op, number>>,
  busy: 0,
  extent: [-180, -15, 180, 72] as number[],
};

// ---- errors in words ----------------------------------------------------------------
function showError(message: string): void {
  const el = $('error');
  el.textContent = message;
  el.hidden = !message;
}
const words = (e: unknown) => String((e as Error)?.message ?? e).replace(/^geovec: /, '');

// ---- turf worker ----------------------------------------------------------------------
const turfWorker = new Worker('turf-worker.js', { type: 'module' });
let turfNext = 1;
const turfPending = new Map<number, (r: Record<string, unknown>) => void>();
turfWorker.onmessage = (e) => {
  turfPending.get(e.data.id)?.(e.data);
  turfPending.delete(e.data.id);
};
function turfCall(msg: Record<string, unknown>, transfer: Transferable[] = []): Promise<Record<string, unknown>> {
  const id = turfNext++;
  return new Promise((ok) => {
    turfPending.set(id, ok);
    turfWorker.postMessage({ id, ...msg }, transfer);
  });
}

// ---- the pool -------------------------------------------------------------------------
async function pool(): Promise<gv.WorkerPool> {
  const n = Math.max(1, Math.min(16, Math.floor(Number(($<HTMLInputElement>('workers')).value) || 1)));
  if (!state.pool || state.poolSize !== n) {
    await state.pool?.close();
    state.pool = gv.createWorkerPool(n, { worker: new URL('worker.js', location.href), wasm: new URL('geovec.wasm', location.href).href });
    state.poolSize = n;
    await state.pool.ready;
  }
  return state.pool;
}

// ---- points -----------------------------------------------------------------------------
function makePoints(n: number): void {
  const buf = (k: number) => (crossOriginIsolated ? new SharedArrayBuffer(8 * k) : new ArrayBuffer(8 * k));
  const xs = new Float64Array(buf(n));
  const ys = new Float64Array(buf(n));
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 4294967296);
  for (let i = 0; i < n; i++) {
    xs[i] = -125 + r() * 58;
    ys[i] = 24.5 + r() * 25;
  }
  state.xs = xs;
  state.ys = ys;
  state.pointCounty = null;
  $('count-points').textContent = String(n);
}

// ---- map ----------------------------------------------------------------------------------
const view = { cx: -96, cy: 38, scale: 1 };
const KX = Math.cos((38 * Math.PI) / 180);
function fit(): void {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  /* the first view shows all the data (the states reach from Guam to the Virgin Islands) */
  const [x0, y0, x1, y1] = state.extent;
  view.cx = (x0 + x1) / 2;
  view.cy = (y0 + y1) / 2;
  view.scale = Math.min(w / ((x1 - x0) * KX), h / (y1 - y0)) * 0.98;
}
const toPx = (x: number, y: number): [number, number] => [
  canvas.width / 2 + (x - view.cx) * KX * view.scale * devicePixelRatio,
  canvas.height / 2 - (y - view.cy) * view.scale * devicePixelRatio,
];
const toLonLat = (px: number, py: number): [number, number] => [
  view.cx + (px - canvas.clientWidth / 2) / (KX * view.scale),
  view.cy - (py - canvas.clientHeight / 2) / view.scale,
];

/** The map draws east longitudes (the western Aleutians, Guam) west of -180, so that the US is one piece. */
const wrap = (x: number) => (x > 0 ? x - 360 : x);

function pathOf(geoms: (Geometry | null)[]): Path2D {
  const p = new Path2D();
  const ring = (r: number[][]) => r.forEach(([x, y], i) => (i ? p.lineTo(wrap(x!), y!) : p.moveTo(wrap(x!), y!)));
  const add = (g: Geometry | null): void => {
    if (!g) return;
    if (g.type === 'Polygon') g.coordinates.forEach((r) => (ring(r), p.closePath()));
    else if (g.type === 'MultiPolygon') g.coordinates.forEach((q) => q.forEach((r) => (ring(r), p.closePath())));
    else if (g.type === 'LineString') ring(g.coordinates);
    else if (g.type === 'MultiLineString') g.coordinates.forEach(ring);
    else if (g.type === 'GeometryCollection') g.geometries.forEach(add);
  };
  geoms.forEach(add);
  return p;
}
let countyPath: Path2D | null = null;
let statePath: Path2D | null = null;
let overlayPath: Path2D | null = null;

function draw(): void {
  const w = Math.round(canvas.clientWidth * devicePixelRatio);
  const h = Math.round(canvas.clientHeight * devicePixelRatio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#f4f7fb';
  ctx.fillRect(0, 0, w, h);
  const s = view.scale * devicePixelRatio;
  ctx.setTransform(KX * s, 0, 0, -s, w / 2 - view.cx * KX * s, h / 2 + view.cy * s);
  if (countyPath) {
    ctx.fillStyle = '#e3e8e0';
    ctx.fill(countyPath, 'evenodd');
    ctx.strokeStyle = '#b9c2b4';
    ctx.lineWidth = 0.6 / s;
    ctx.stroke(countyPath);
  }
  if (overlayPath && state.overlay) {
    if (state.overlay.fill) {
      ctx.fillStyle = state.overlay.color + '88';
      ctx.fill(overlayPath, 'evenodd');
    }
    ctx.strokeStyle = state.overlay.color;
    ctx.lineWidth = 1.2 / s;
    ctx.stroke(overlayPath);
  }
  if (statePath) {
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 1 / s;
    ctx.stroke(statePath);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  /* points straight into pixels */
  const n = state.xs.length;
  if (n) {
    const img = ctx.getImageData(0, 0, w, h);
    const px = new Uint32Array(img.data.buffer);
    const step = Math.max(1, Math.floor(n / 2_000_000));
    const pc = state.pointCounty;
    for (let i = 0; i < n; i += step) {
      const [x, y] = toPx(wrap(state.xs[i]!), state.ys[i]!);
      const xi = x | 0;
      const yi = y | 0;
      if (xi < 0 || yi < 0 || xi >= w || yi >= h) continue;
      let c = 0xff3c2a1e; /* ABGR: dark blue-grey */
      if (pc) {
        const k = pc[i]!;
        c = k < 0 ? 0xffbbbbbb : 0xff000000 | (((k * 2654435761) >>> 8) & 0x7f7f7f) | 0x303030;
      }
      px[yi * w + xi] = c;
    }
    ctx.putImageData(img, 0, 0);
  }
  if (state.rect) {
    const [a, b] = toPx(state.rect[0], state.rect[3]);
    const [c, d] = toPx(state.rect[2], state.rect[1]);
    ctx.strokeStyle = '#d35400';
    ctx.lineWidth = 2;
    ctx.strokeRect(a, b, c - a, d - b);
  }
}
let pendingDraw = false;
const redraw = () => {
  if (pendingDraw) return;
  pendingDraw = true;
  requestAnimationFrame(() => {
    pendingDraw = false;
    draw();
  });
};

// pan, zoom, rectangle
let drag: { x: number; y: number; cx: number; cy: number; rect: boolean } | null = null;
canvas.addEventListener('pointerdown', (e) => {
  drag = { x: e.offsetX, y: e.offsetY, cx: view.cx, cy: view.cy, rect: e.shiftKey };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag) return;
  if (drag.rect) {
    const [x0, y0] = toLonLat(drag.x, drag.y);
    const [x1, y1] = toLonLat(e.offsetX, e.offsetY);
    setRect([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
  } else {
    view.cx = drag.cx - (e.offsetX - drag.x) / (KX * view.scale);
    view.cy = drag.cy + (e.offsetY - drag.y) / view.scale;
  }
  redraw();
});
canvas.addEventListener('pointerup', () => (drag = null));
canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const [lx, ly] = toLonLat(e.offsetX, e.offsetY);
  const f = Math.exp(-e.deltaY * 0.0015);
  view.scale *= f;
  view.cx = lx - (lx - view.cx) / f;
  view.cy = ly - (ly - view.cy) / f;
  redraw();
}, { passive: false });
addEventListener('resize', redraw);

function setRect(r: [number, number, number, number]): void {
  state.rect = r;
  $<HTMLInputElement>('rect').value = r.map((v) => v.toFixed(3)).join(',');
}
function readRect(): [number, number, number, number] {
  const parts = $<HTMLInputElement>('rect').value.split(',').map((v) => Number(v.trim()));
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || parts[0]! >= parts[2]! || parts[1]! >= parts[3]!) {
    throw new Error('the rectangle must be "minLon,minLat,maxLon,maxLat" with min < max');
  }
  return parts as [number, number, number, number];
}

// ---- operations -------------------------------------------------------------------------------
/**
 * overlay: what to draw, or a function that makes it (GeoJSON for the
 * canvas), called after the clock stops: geovec's time is the operation's
 * result as a GeometryArray on this thread, as turf's is its result as
 * GeoJSON in its worker; turning geovec's result into GeoJSON to draw it is
 * the page's cost, not the operation's.
 */
interface Outcome { count: number; vertices?: number; overlay?: (Geometry | null)[] | (() => (Geometry | null)[]); fill?: boolean; color?: string }

const GEOVEC: Record<Op, { needs: string | null; run: () => Promise<Outcome> }> = {
  join: {
    needs: null,
    async run() {
      const p = await pool();
      const r = await p.sjoin({ xs: state.xs, ys: state.ys }, state.countiesGV!);
      const pc = new Int32Array(state.xs.length).fill(-1);
      for (let i = 0; i < r.left.length; i++) pc[r.left[i]!] = r.right[i]!;
      state.pointCounty = pc;
      return { count: r.left.length };
    },
  },
  dissolve: {
    needs: 'coverageUnion',
    async run() {
      const p = await pool();
      /* the counties are a coverage: shared edges cancel instead of a general overlay (a group that is not falls back to unionAll) */
      const r = (await p.call('coverageUnion', state.countiesGV!, { groups: state.stateCodes })) as { geometry: gv.GeometryArray };
      return { count: r.geometry.length, overlay: () => gv.toGeoJSON(r.geometry), fill: true, color: '#2e86c1' };
    },
  },
  buffer: {
    needs: 'buffer',
    async run() {
      const p = await pool();
      const [xs, ys] = bufferPoints();
      /* in metres on the ellipsoid (each point in its own azimuthal equidistant projection), as turf's kilometres; split across the workers */
      const r = await p.buffer(gv.points(xs, ys), bufferKm() * 1000, { units: 'metres' });
      const empty = gv.isEmpty(r);
      let count = 0;
      for (let i = 0; i < r.length; i++) if (!empty[i] && r.get(i)) count++;
      return { count, overlay: () => gv.toGeoJSON(r), fill: true, color: '#27ae60' };
    },
  },
  simplify: {
    needs: 'simplify',
    async run() {
      const p = await pool();
      const tol = Number($<HTMLInputElement>('simplify-tolerance').value);
      const r = (await p.simplify(state.countiesGV!, tol, { preserveTopology: false })) as gv.GeometryArray;
      const np = gv.numPoints(r);
      let v = 0;
      for (let i = 0; i < np.length; i++) v += np[i]!;
      return { count: r.length, vertices: v, overlay: () => gv.toGeoJSON(r), color: '#8e44ad' };
    },
  },
  intersects: {
    needs: null,
    async run() {
      const p = await pool();
      const [x0, y0, x1, y1] = readRect();
      state.rect = [x0, y0, x1, y1];
      const rect = gv.fromWKT([`POLYGON ((${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}))`]);
      const hit = await p.intersects(state.countiesGV!, rect.get(0)!);
      const geoms: Geometry[] = [];
      hit.forEach((h, i) => h && geoms.push(state.counties[i]!.geometry));
      return { count: geoms.length, overlay: geoms, fill: true, color: '#e67e22' };
    },
  },
};

function bufferKm(): number {
  const km = Number($<HTMLInputElement>('buffer-distance').value);
  if (!Number.isFinite(km) || km < 0 || km > 2000) throw new Error('buffer: the distance must be a number of kilometres from 0 to 2,000');
  return km;
}

function bufferPoints(): [Float64Array, Float64Array] {
  const n = Math.min(state.xs.length, 2000);
  return [state.xs.slice(0, n), state.ys.slice(0, n)];
}

async function runTurf(op: Op): Promise<Outcome & { ms: number }> {
  let r: Record<string, unknown>;
  switch (op) {
    case 'join': {
      const xs = state.xs.slice();
      const ys = state.ys.slice();
      r = await turfCall({ op, xs, ys }, [xs.buffer, ys.buffer]);
      break;
    }
    case 'buffer': {
      const [xs, ys] = bufferPoints();
      r = await turfCall({ op, xs, ys, km: bufferKm() }, [xs.buffer, ys.buffer]);
      break;
    }
    case 'simplify':
      r = await turfCall({ op, tolerance: Number($<HTMLInputElement>('simplify-tolerance').value) });
      break;
    case 'intersects':
      r = await turfCall({ op, rect: readRect() });
      break;
    default:
      r = await turfCall({ op });
  }
  if (!r.ok) throw new Error(String(r.error));
  return { count: r.count as number, ms: r.ms as number, ...(r.vertices !== undefined ? { vertices: r.vertices as number } : {}) };
}

function setBusy(delta: number): void {
  state.busy += delta;
  if (app.dataset.state !== 'error' || delta > 0) app.dataset.state = state.busy > 0 ? 'busy' : 'ready';
}

async function runOp(op: Op, side: 'geovec' | 'turf'): Promise<void> {
  const suffix = side === 'turf' ? '-turf' : '';
  const res = $(`result-${op}${suffix}`);
  const bar = $<HTMLProgressElement>(`progress-${op}${suffix}`);
  res.dataset.state = 'running';
  res.textContent = 'running…';
  bar.removeAttribute('value');
  setBusy(1);
  try {
    let out: Outcome;
    let ms: number;
    if (side === 'geovec') {
      const spec = GEOVEC[op];
      if (spec.needs && !has(spec.needs)) throw new Error(`${op}: not available in this build (geovec has no ${spec.needs}() yet)`);
      const t = performance.now();
      out = await spec.run();
      ms = performance.now() - t;
      if (out.overlay) {
        const geoms = typeof out.overlay === 'function' ? out.overlay() : out.overlay;
        state.overlay = { geoms, fill: out.fill ?? false, color: out.color ?? '#c0392b' };
        overlayPath = pathOf(geoms);
      }
      state.geovecMs[op] = ms;
    } else {
      const r = await runTurf(op);
      out = r;
      ms = r.ms;
      state.turfMs[op] = ms;
    }
    res.dataset.count = String(out.count);
    res.dataset.ms = ms.toFixed(1);
    if (out.vertices !== undefined) res.dataset.vertices = String(out.vertices);
    res.textContent = `${out.count.toLocaleString('en-US')}${out.vertices !== undefined ? ` (${out.vertices.toLocaleString('en-US')} vertices)` : ''} in ${ms.toFixed(1)} ms`;
    res.dataset.state = 'done';
    bar.value = 1;
    const g = state.geovecMs[op];
    const t = state.turfMs[op];
    if (g !== undefined && t !== undefined) {
      const ratio = $(`ratio-${op}`);
      ratio.textContent = `turf / geovec = ${(t / g).toFixed(1)}×`;
      ratio.dataset.ratio = (t / g).toFixed(3);
    }
    redraw();
  } catch (e) {
    res.dataset.state = 'error';
    res.textContent = words(e);
    bar.value = 0;
  } finally {
    setBusy(-1);
  }
}

const OP_TITLES: Record<Op, string> = {
  join: 'Point-in-polygon join (points × counties)',
  dissolve: 'Dissolve counties by state',
  buffer: 'Buffer the first 2,000 points (in metres on the ellipsoid)',
  simplify: 'Simplify the counties',
  intersects: 'Counties intersecting the rectangle',
};
function buildOps(): void {
  const box = $('ops');
  for (const op of OPS) {
    const div = document.createElement('div');
    div.className = 'op';
    const input =
      op === 'simplify'
        ? '<label>tolerance (degrees) <input data-testid="simplify-tolerance" id="simplify-tolerance" type="number" min="0" step="0.005" value="0.02"></label>'
        : op === 'buffer'
          ? '<label>distance (km) <input data-testid="buffer-distance" id="buffer-distance" type="number" min="0" step="1" value="10"></label>'
          : op === 'intersects'
            ? '<label>rectangle <input data-testid="rect" id="rect" type="text" value="-100,35,-90,40" size="22"></label>'
            : '';
    const missing = GEOVEC[op].needs && !has(GEOVEC[op].needs!);
    div.innerHTML = `<h2>${OP_TITLES[op]}</h2>${input}
      <div class="row"><button data-testid="run-${op}" id="run-${op}" data-available="${missing ? 'false' : 'true'}">geovec</button>
      <progress id="progress-${op}" max="1" value="0"></progress><span class="res" data-testid="result-${op}" id="result-${op}">${missing ? 'not available in this build' : ''}</span></div>
      <div class="row"><button data-testid="run-${op}-turf" id="run-${op}-turf">turf</button>
      <progress id="progress-${op}-turf" max="1" value="0"></progress><span class="res" data-testid="result-${op}-turf" id="result-${op}-turf"></span></div>
      <div class="row"><span class="ratio" data-testid="ratio-${op}" id="ratio-${op}"></span></div>`;
    box.appendChild(div);
    div.querySelector(`#run-${op}`)!.addEventListener('click', () => void runOp(op, 'geovec'));
    div.querySelector(`#run-${op}-turf`)!.addEventListener('click', () => void runOp(op, 'turf'));
  }
  $('rect').addEventListener('change', () => {
    try {
      state.rect = readRect();
      redraw();
    } catch (e) {
      showError(words(e));
    }
  });
}

// ---- files ------------------------------------------------------------------------------------
async function loadFile(file: File): Promise<void> {
  const status = $('file-status');
  status.dataset.state = 'loading';
  status.textContent = `reading ${file.name}…`;
  showError('');
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await gv.readFile(bytes);
    const g = r.geometry;
    const types = gv.geometryType(g);
    let allPoints = g.length > 0;
    for (let i = 0; i < types.length; i++) if (types[i] !== 1) allPoints = false;
    if (allPoints) {
      const b = gv.bounds(g);
      const xs = new Float64Array(g.length);
      const ys = new Float64Array(g.length);
      for (let i = 0; i < g.length; i++) {
        xs[i] = b[4 * i]!;
        ys[i] = b[4 * i + 1]!;
      }
      state.xs = xs;
      state.ys = ys;
      state.pointCounty = null;
      $('count-points').textContent = String(g.length);
    } else {
      state.overlay = { geoms: gv.toGeoJSON(g), fill: false, color: '#c0392b' };
      overlayPath = pathOf(state.overlay.geoms);
    }
    status.dataset.state = 'loaded';
    status.dataset.count = String(g.length);
    status.textContent = `${file.name}: ${g.length.toLocaleString('en-US')} ${allPoints ? 'points (now the point layer)' : 'geometries (drawn in red)'}`;
    redraw();
  } catch (e) {
    status.dataset.state = 'error';
    status.dataset.count = '0';
    status.textContent = `${file.name}: not loaded`;
    showError(`Could not read "${file.name}": ${words(e)}`);
  }
}

function extentOf(fs: Area[]): number[] {
  const e = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const x = wrap(c[0] as number);
      const y = c[1] as number;
      e[0] = Math.min(e[0]!, x);
      e[1] = Math.min(e[1]!, y);
      e[2] = Math.max(e[2]!, x);
      e[3] = Math.max(e[3]!, y);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  fs.forEach((f) => walk(f.geometry.coordinates));
  return e;
}

/** topojson-client can leave a ring's last point a hair off its first (quantized arcs); close it exactly. */
function closeRings(f: Area): void {
  const fix = (r: number[][]) => {
    const a = r[0];
    const b = r[r.length - 1];
    if (a && b && (a[0] !== b[0] || a[1] !== b[1])) r.push([a[0]!, a[1]!]);
  };
  const g = f.geometry;
  if (g.type === 'Polygon') g.coordinates.forEach(fix);
  else g.coordinates.forEach((p) => p.forEach(fix));
}

// ---- start ------------------------------------------------------------------------------------
async function start(): Promise<void> {
  await gv.init({ backend: 'wasm', wasm: new URL('geovec.wasm', location.href).href });
  const topo = atlas as unknown as Topology<{ counties: GeometryCollection; states: GeometryCollection }>;
  const cs = feature(topo, topo.objects.counties) as unknown as { features: Area[] };
  const ss = feature(topo, topo.objects.states) as unknown as { features: Area[] };
  cs.features.forEach(closeRings);
  ss.features.forEach(closeRings);
  state.counties = cs.features.map((f) => ({ ...f, properties: { state: String(f.id).slice(0, 2) } }));
  state.states = ss.features;
  state.countiesGV = gv.fromGeoJSON(state.counties.map((f) => f.geometry));
  state.stateCodes = Int32Array.from(state.counties, (f) => Number(f.properties.state));
  state.extent = extentOf(state.states);
  countyPath = pathOf(state.counties.map((f) => f.geometry));
  statePath = pathOf(state.states.map((f) => f.geometry));
  $('count-counties').textContent = String(state.counties.length);
  $('count-states').textContent = String(state.states.length);
  buildOps();
  const nInput = $<HTMLInputElement>('points-n');
  makePoints(Number(nInput.value));
  nInput.addEventListener('change', () => {
    const n = Math.floor(Number(nInput.value));
    if (!Number.isFinite(n) || n < 1 || n > 10_000_000) {
      showError('points: give a whole number from 1 to 10,000,000');
      return;
    }
    showError('');
    makePoints(n);
    redraw();
  });
  $<HTMLInputElement>('file-input').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void loadFile(f);
  });
  $('mapbox').addEventListener('dragover', (e) => e.preventDefault());
  $('mapbox').addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) void loadFile(f);
  });
  $('env').textContent = `backend ${gv.backend()} · ${crossOriginIsolated ? 'cross-origin isolated: workers share memory' : 'not isolated: chunks are copied to workers'} · ${navigator.hardwareConcurrency ?? '?'} cores`;
  setRect(readRect());
  fit();
  draw();
  await turfCall({ op: 'init', counties: state.counties });
  await pool();
  (window as unknown as { geovecApp: unknown }).geovecApp = { gv, state, pool, draw };
  app.dataset.state = 'ready';
}

start().catch((e) => {
  app.dataset.state = 'error';
  showError(`The page could not start: ${words(e)}`);
});
