/**
 * makeValid (GEOS 3.13 GEOSMakeValidWithParams, both methods) and the
 * `onInvalid` screening of the overlay operations' inputs.
 */
import { GeometryArray, GeometryView } from './array.js';
import { run } from './call.js';
import { GeovecError } from './errors.js';

export type MakeValidMethod = 'linework' | 'structure';

export interface MakeValidOptions {
  /**
   * 'linework' (default, as GEOS and Shapely): GEOS's original MakeValid, which
   * keeps every piece of the input's linework (areas by the even-odd rule over
   * the noded rings, left-over edges as lines, collapsed rings as points).
   * 'structure': JTS/GEOS GeometryFixer (shells and holes fixed as the areas
   * they enclose in either orientation, holes subtracted, parts unioned).
   */
  method?: MakeValidMethod;
  /** 'structure' only: keep parts that collapse (a zero-area shell, a one-point line) as lines or points. Default true, as GEOS. */
  keepCollapsed?: boolean;
}

/**
 * A valid geometry per element (null for null). A valid element is returned
 * unchanged (as GEOS's MakeValid returns its input); an invalid one is
 * repaired by `method`. The output is always valid.
 */
export function makeValid(a: GeometryArray | GeometryView, opts: MakeValidOptions = {}): GeometryArray {
  const name = 'makeValid';
  const arr = a instanceof GeometryArray ? a : a instanceof GeometryView ? a.array.take([a.index]) : null;
  if (!arr) throw new GeovecError(`geovec: ${name}: a must be a GeometryArray or a GeometryView`);
  if (typeof opts !== 'object' || opts === null) throw new GeovecError(`geovec: ${name}: options must be an object`);
  const method = opts.method ?? 'linework';
  if (method !== 'linework' && method !== 'structure')
    throw new GeovecError(`geovec: ${name}: method must be 'linework' or 'structure', got ${JSON.stringify(method)}`);
  const keep = opts.keepCollapsed ?? true;
  if (typeof keep !== 'boolean') throw new GeovecError(`geovec: ${name}: keepCollapsed must be a boolean`);
  const r = run('make_valid', [arr.handle], [], [method === 'linework' ? 0 : 1, keep ? 1 : 0], name);
  return new GeometryArray(r.array!);
}

/** What an operation does with an invalid input element. */
export type OnInvalid = 'throw' | 'null' | 'makeValid' | 'ignore';

/** Thrown for an invalid input element under `onInvalid: 'throw'` (the default of the overlay operations). */
export class GeovecInvalidGeometryError extends GeovecError {
  override name = 'GeovecInvalidGeometryError';
  /** The element's index in its input. */
  readonly index: number;
  /** Which input: 'a' or 'b'. */
  readonly input: string;
  /** The reason as isValidReason gives it, e.g. "Self-intersection[5 5]". */
  readonly reason: string;
  constructor(fn: string, input: string, index: number, reason: string) {
    super(`geovec: ${fn}: element ${index} of ${input} is invalid: ${reason} (onInvalid: 'null' or 'makeValid' to go on)`);
    this.index = index;
    this.input = input;
    this.reason = reason;
  }
}

export function onInvalidOf(fn: string, opts: { onInvalid?: OnInvalid } | undefined): OnInvalid {
  const v = opts?.onInvalid ?? 'throw';
  if (v !== 'throw' && v !== 'null' && v !== 'makeValid' && v !== 'ignore')
    throw new GeovecError(`geovec: ${fn}: onInvalid must be 'throw', 'null', 'makeValid' or 'ignore', got ${JSON.stringify(v)}`);
  return v;
}

const latin1 = new TextDecoder('latin1');

/**
 * Checks every element of x once. Returns x itself when all are valid (or
 * null); under 'makeValid' the repaired array ('structure', collapsed parts
 * dropped: an area stays an area); under 'null' a copy with the invalid
 * elements made null (so that the operation gives null for them, and
 * unionAll leaves them out); under 'throw' raises for the first invalid one.
 * `base` is added to the index reported (a broadcast single element).
 * `union` (unaryUnion, unionAll): each polygon of an element is checked on
 * its own, as their parts may overlap (what the union dissolves), and rings
 * touching themselves at a point are accepted.
 */
export function screen(fn: string, input: string, x: GeometryArray, on: OnInvalid, base = 0, union = false): GeometryArray {
  if (on === 'ignore') return x;
  if (on === 'makeValid') return new GeometryArray(run('make_valid', [x.handle], [], [1, 0], fn).array!);
  const r = union ? run('union_check', [x.handle], [], [], fn) : run('is_valid', [x.handle], [], [on === 'throw' ? 2 : 0], fn);
  const ok = new Uint8Array(r.outs[0]!);
  const codes = x.typeCodes;
  let idx: Int32Array | null = null;
  for (let i = 0; i < ok.length; i++) {
    if (ok[i] || codes[i] === 0) continue;
    if (on === 'throw') {
      const text = latin1.decode(r.outs[1] ?? new ArrayBuffer(0));
      const off = new BigInt64Array(r.outs[2] ?? new ArrayBuffer(0));
      throw new GeovecInvalidGeometryError(fn, input, base + i, text.slice(Number(off[i]), Number(off[i + 1])));
    }
    if (!idx) idx = Int32Array.from({ length: ok.length }, (_, k) => k);
    idx[i] = -1;
  }
  return idx ? x.take(idx) : x;
}
