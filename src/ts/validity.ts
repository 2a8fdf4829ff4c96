/**
 * Validity and simplicity, with GEOS 3.13 semantics (IsValidOp, IsSimpleOp
 * with the mod-2 boundary rule), computed exactly in the C core.
 *
 * Nulls follow Shapely 2: `isValid(null)` and `isSimple(null)` are false,
 * `isValidReason(null)` is null, and `isValidDetail` reports a null element
 * as not valid with a null reason and NaN location.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';

/** A GeometryArray, or one geometry of one. */
export type UnaryGeometryLike = GeometryArray | GeometryView;

function handleOf(name: string, a: UnaryGeometryLike): GeometryArray {
  if (a instanceof GeometryArray) return a;
  if (a instanceof GeometryView) return a.array.take([a.index]);
  throw new GeovecError(`geovec: ${name}: argument a must be a GeometryArray or a GeometryView`);
}

/** The problem codes of isValidDetail, in GEOS's numbering (0 = valid). */
export const VALIDITY_PROBLEMS = [
  'Valid Geometry',
  'Self-intersection',
  'Ring Self-intersection',
  'Hole lies outside shell',
  'Holes are nested',
  'Interior is disconnected',
  'Nested shells',
  'Too few points in geometry component',
  'Invalid Coordinate',
  'Ring is not closed',
] as const;
export type ValidityProblem = (typeof VALIDITY_PROBLEMS)[number];

/** 1 where the geometry is valid (OGC rules as GEOS checks them), 0 where it is not or is null. */
export function isValid(a: UnaryGeometryLike): Uint8Array {
  return new Uint8Array(run('is_valid', [handleOf('isValid', a).handle], [], [0], 'isValid').outs[0]!);
}

const ascii = new TextDecoder('latin1');

/**
 * GEOS's reason per geometry: "Valid Geometry", or the problem and where it
 * is, e.g. "Self-intersection[5 5]" (the location printed with 15
 * significant digits, as GEOSisValidReason does); null for a null element.
 */
export function isValidReason(a: UnaryGeometryLike): (string | null)[] {
  const g = handleOf('isValidReason', a);
  const r = run('is_valid', [g.handle], [], [2], 'isValidReason');
  const text = ascii.decode(r.outs[1] ?? new ArrayBuffer(0));
  const off = new BigInt64Array(r.outs[2] ?? new ArrayBuffer(0));
  const codes = g.typeCodes;
  const out: (string | null)[] = new Array(g.length);
  for (let i = 0; i < out.length; i++) out[i] = codes[i] === 0 ? null : text.slice(Number(off[i]), Number(off[i + 1]));
  return out;
}

/** Columns of isValidDetail: one entry per geometry. */
export interface ValidityDetail {
  /** 1 valid, 0 invalid or null. */
  valid: Uint8Array;
  /** The problem (VALIDITY_PROBLEMS), without location; "Valid Geometry" when valid, null for null. */
  reason: (ValidityProblem | null)[];
  /** The problem's code (index in VALIDITY_PROBLEMS; 0 valid, 255 null). */
  code: Uint8Array;
  /** Where the problem is (NaN when valid or null). */
  x: Float64Array;
  y: Float64Array;
}

/** Validity, problem and location per geometry, as columns. */
export function isValidDetail(a: UnaryGeometryLike): ValidityDetail {
  const g = handleOf('isValidDetail', a);
  const r = run('is_valid', [g.handle], [], [1], 'isValidDetail');
  const code = new Uint8Array(r.outs[1]!);
  const xy = new Float64Array(r.outs[2]!);
  const n = code.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const reason: (ValidityProblem | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xy[2 * i]!;
    y[i] = xy[2 * i + 1]!;
    reason[i] = VALIDITY_PROBLEMS[code[i]!] ?? null;
  }
  return { valid: new Uint8Array(r.outs[0]!), reason, code, x, y };
}

/**
 * 1 where the geometry is simple (GEOS semantics: lines meet only at
 * endpoints, a closed line's endpoint is interior by the mod-2 rule,
 * multipoints have no repeated point, polygons by their rings); 0 where it
 * is not or is null.
 */
export function isSimple(a: UnaryGeometryLike): Uint8Array {
  return new Uint8Array(run('is_simple', [handleOf('isSimple', a).handle], [], [], 'isSimple').outs[0]!);
}
