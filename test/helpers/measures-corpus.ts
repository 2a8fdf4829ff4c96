/**
 * Seeded pairs of random geometries for the measure tests: every type pair,
 * on the generator's small grid, scaled off the grid, and moved far from
 * the origin; plus a digest of every planar measure over them, which two
 * backends must give bit for bit (measures.test.ts runs it in a child
 * process on the other backend).
 */
import { GEOM_TYPES, RandomGeoms } from './random-geoms.js';
import {
  area,
  backend,
  distance,
  dwithin,
  frechetDistance,
  fromWKT,
  hausdorffDistance,
  length,
} from './geovec.js';

/** Applies x' = x * s + dx, y' = y * s + dy to every coordinate of a WKT text. */
export function moveWkt(wkt: string, s: number, dx: number, dy: number): string {
  return wkt.replace(/(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)/g, (_, x: string, y: string) => `${Number(x) * s + dx} ${Number(y) * s + dy}`);
}

export type Variant = 'grid' | 'scaled' | 'far';
export const VARIANTS: Record<Variant, [number, number, number]> = {
  grid: [1, 0, 0],
  scaled: [0.7310000000000001, 0.1234567, -0.3],
  far: [0.731, 3456789.125, -5123456.5],
};

/** `perTypePair` pairs of each of the 49 type pairs, in one variant. */
export function corpus(seed: number, perTypePair: number, variant: Variant, isValid: (w: string) => boolean = () => true): [string[], string[]] {
  const gen = new RandomGeoms(seed, isValid);
  const [s, dx, dy] = VARIANTS[variant];
  const as: string[] = [];
  const bs: string[] = [];
  for (const ta of GEOM_TYPES)
    for (const tb of GEOM_TYPES)
      for (let k = 0; k < perTypePair; k++) {
        const [a, b] = gen.pair(ta, tb);
        as.push(moveWkt(a, s, dx, dy));
        bs.push(moveWkt(b, s, dx, dy));
      }
  return [as, bs];
}

const hexOf = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

/** Every planar measure over a fixed corpus, as hex digests of the result bytes. */
export function measuresDigest(): Record<string, string> {
  const out: Record<string, string> = { backend: backend() };
  for (const v of Object.keys(VARIANTS) as Variant[]) {
    const [as, bs] = corpus(99, 6, v);
    const A = fromWKT(as);
    const B = fromWKT(bs);
    out[`${v} area`] = hexOf(area(A));
    out[`${v} length`] = hexOf(length(A));
    out[`${v} distance`] = hexOf(distance(A, B));
    out[`${v} distance one`] = hexOf(distance(A, B.get(7)!));
    out[`${v} dwithin`] = hexOf(dwithin(A, B, 1.5));
    out[`${v} hausdorff`] = hexOf(hausdorffDistance(A, B));
    out[`${v} hausdorff densify`] = hexOf(hausdorffDistance(A, B, { densify: 0.25 }));
    out[`${v} frechet`] = hexOf(frechetDistance(A, B));
  }
  return out;
}
