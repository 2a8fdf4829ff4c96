/** Hilbert order of geometry centres, for writing files that readers can skip through by bbox. */
import { bounds } from '../accessors.js';
import type { GeometryArray } from '../array.js';

/** Index along a Hilbert curve of order 16 of (x, y), both in [0, 65535]. */
export function hilbert16(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** Element order by the Hilbert index of each bounding-box centre (null and empty elements last, in order). */
export function hilbertOrder(a: GeometryArray): Int32Array {
  const b = bounds(a);
  const n = a.length;
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (let i = 0; i < n; i++) {
    const cx = (b[4 * i]! + b[4 * i + 2]!) / 2, cy = (b[4 * i + 1]! + b[4 * i + 3]!) / 2;
    if (cx < minx) minx = cx;
    if (cx > maxx) maxx = cx;
    if (cy < miny) miny = cy;
    if (cy > maxy) maxy = cy;
  }
  const sx = maxx > minx ? 65535 / (maxx - minx) : 0, sy = maxy > miny ? 65535 / (maxy - miny) : 0;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cx = (b[4 * i]! + b[4 * i + 2]!) / 2, cy = (b[4 * i + 1]! + b[4 * i + 3]!) / 2;
    keys[i] = Number.isNaN(cx) ? Infinity : hilbert16(Math.round((cx - minx) * sx), Math.round((cy - miny) * sy));
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((p, q) => keys[p]! - keys[q]! || p - q);
  return order;
}
