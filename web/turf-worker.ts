/**
 * The turf side of the page, in its own Web Worker: the same operations as
 * the geovec side, written as a turf user would (bbox pre-filter where turf
 * has no index), so the page stays responsive and the times compare.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

type Area = Feature<Polygon | MultiPolygon, { state: string }>;
let counties: Area[] = [];
let boxes: Float64Array = new Float64Array(0);

function bboxes(fs: Area[]): Float64Array {
  const out = new Float64Array(fs.length * 4);
  fs.forEach((f, i) => out.set(turf.bbox(f), 4 * i));
  return out;
}

function vertices(g: unknown): number {
  let n = 0;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') n++;
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk((g as { coordinates: unknown }).coordinates);
  return n;
}

type Msg =
  | { id: number; op: 'init'; counties: Area[] }
  | { id: number; op: 'join'; xs: Float64Array; ys: Float64Array }
  | { id: number; op: 'dissolve' }
  | { id: number; op: 'buffer'; xs: Float64Array; ys: Float64Array; km: number }
  | { id: number; op: 'simplify'; tolerance: number }
  | { id: number; op: 'intersects'; rect: [number, number, number, number] };

function run(m: Msg): Record<string, unknown> {
  switch (m.op) {
    case 'init':
      counties = m.counties;
      boxes = bboxes(counties);
      return { count: counties.length };
    case 'join': {
      let pairs = 0;
      for (let i = 0; i < m.xs.length; i++) {
        const x = m.xs[i]!;
        const y = m.ys[i]!;
        const pt = [x, y];
        for (let j = 0; j < counties.length; j++) {
          const b = 4 * j;
          if (x < boxes[b]! || y < boxes[b + 1]! || x > boxes[b + 2]! || y > boxes[b + 3]!) continue;
          if (turf.booleanPointInPolygon(pt, counties[j]!)) pairs++;
        }
      }
      return { count: pairs };
    }
    case 'dissolve': {
      const groups = new Map<string, Feature<Polygon>[]>();
      for (const f of counties) {
        const list = groups.get(f.properties.state) ?? [];
        for (const p of turf.flatten(f).features) list.push(p as Feature<Polygon>);
        groups.set(f.properties.state, list);
      }
      let count = 0;
      for (const list of groups.values()) if (list.length === 1 || turf.union(turf.featureCollection(list))) count++;
      return { count };
    }
    case 'buffer': {
      let count = 0;
      for (let i = 0; i < m.xs.length; i++) {
        const b = turf.buffer(turf.point([m.xs[i]!, m.ys[i]!]), m.km, { units: 'kilometers' });
        if (b && b.geometry.coordinates.length) count++;
      }
      return { count };
    }
    case 'simplify': {
      /* turf.simplify throws on a whole collection when one ring collapses; per feature, a collapse keeps the original */
      let v = 0;
      let count = 0;
      for (const f of counties) {
        let g: unknown = f.geometry;
        try {
          g = turf.simplify(f, { tolerance: m.tolerance, highQuality: false, mutate: false }).geometry;
        } catch {
          /* kept as is */
        }
        v += vertices(g);
        count++;
      }
      return { count, vertices: v };
    }
    case 'intersects': {
      const [x0, y0, x1, y1] = m.rect;
      const poly = turf.bboxPolygon(m.rect);
      let count = 0;
      counties.forEach((f, j) => {
        const b = 4 * j;
        if (boxes[b]! > x1 || boxes[b + 2]! < x0 || boxes[b + 1]! > y1 || boxes[b + 3]! < y0) return;
        if (turf.booleanIntersects(f, poly)) count++;
      });
      return { count };
    }
  }
}

self.onmessage = (e: MessageEvent<Msg>) => {
  const t = performance.now();
  try {
    const r = run(e.data);
    (self as unknown as Worker).postMessage({ id: e.data.id, ok: true, ms: performance.now() - t, ...r });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id: e.data.id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
