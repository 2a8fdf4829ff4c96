/**
 * A small oracle over GEOS 3.13 (npm geos-wasm 3.1.1, the GEOS C API in
 * WebAssembly): reads geometries from WKT or WKB and answers the DE-9IM
 * matrix, the ten binary predicates and validity, as GEOS computes them.
 *
 * GEOS reports some inputs as errors (e.g. relate of a point with an empty
 * GeometryCollection throws "Unknown target dimension"); those calls give
 * null here instead of throwing.
 */
import initGeosJs from 'geos-wasm';

/** The ten predicates in geovec's order (PREDICATES, GV_PRED_*), by their GEOS C names. */
export const GEOS_PREDICATES = [
  'GEOSIntersects',
  'GEOSDisjoint',
  'GEOSContains',
  'GEOSWithin',
  'GEOSCovers',
  'GEOSCoveredBy',
  'GEOSTouches',
  'GEOSEquals',
  'GEOSCrosses',
  'GEOSOverlaps',
] as const;

// The emscripten module's surface that is used here.
interface GeosModule {
  Module: {
    _malloc(n: number): number;
    _free(p: number): void;
    HEAPU8: Uint8Array;
    HEAPF64: Float64Array;
    HEAP32: Int32Array;
    stringToUTF8(s: string, p: number, max: number): void;
    UTF8ToString(p: number): string;
  };
  [name: string]: unknown;
}
type Fn = (...args: number[]) => number;

export class Geos {
  readonly #g: GeosModule;
  readonly #wkt: number;
  readonly #wkb: number;

  private constructor(g: GeosModule) {
    this.#g = g;
    this.#wkt = this.#call('GEOSWKTReader_create');
    this.#wkb = this.#call('GEOSWKBReader_create');
  }

  static async load(): Promise<Geos> {
    return new Geos((await initGeosJs()) as unknown as GeosModule);
  }

  #call(name: string, ...args: number[]): number {
    return (this.#g[name] as Fn)(...args);
  }

  /**
   * Any GEOS C API function by name (for oracles in other helper modules):
   * `geos.fn('GEOSIntersection', a, b)`. Throws what GEOS throws.
   */
  fn(name: string, ...args: number[]): number {
    return this.#call(name, ...args);
  }

  /** Calls a GEOS function whose last argument is a `double *` result; null when it fails or throws. */
  double(name: string, ...args: number[]): number | null {
    const p = this.#g.Module._malloc(8);
    try {
      const ok = this.#call(name, ...args, p);
      return ok === 1 ? this.#g.Module.HEAPF64[p >> 3]! : null;
    } catch {
      return null;
    } finally {
      this.#g.Module._free(p);
    }
  }

  /** Calls a GEOS function whose last argument is a `GEOSGeometry **` result: [return value, the geometry pointer (0 when none)]. */
  withGeomOut(name: string, ...args: number[]): [number, number] {
    const p = this.#g.Module._malloc(4);
    try {
      this.#g.Module.HEAP32[p >> 2] = 0;
      const r = this.#call(name, ...args, p);
      return [r, this.#g.Module.HEAP32[p >> 2]!];
    } finally {
      this.#g.Module._free(p);
    }
  }

  /** A C string returned by GEOS, freed after reading ('' for a null pointer). */
  string(p: number): string {
    if (!p) return '';
    const s = this.#g.Module.UTF8ToString(p);
    this.#call('GEOSFree', p);
    return s;
  }

  /** WKT of a GEOS geometry, full precision, trimmed (GEOS 3.13 writer), or null for a null pointer. */
  toWKT(g: number): string | null {
    if (!g) return null;
    const w = this.#call('GEOSWKTWriter_create');
    try {
      this.#call('GEOSWKTWriter_setTrim', w, 1);
      this.#call('GEOSWKTWriter_setRoundingPrecision', w, -1);
      this.#call('GEOSWKTWriter_setOutputDimension', w, 3);
      return this.string(this.#call('GEOSWKTWriter_write', w, g));
    } finally {
      this.#call('GEOSWKTWriter_destroy', w);
    }
  }

  /** Runs a GEOS function that returns a new geometry and gives its WKT (null when GEOS throws or returns NULL). */
  unaryWKT(name: string, wkt: string, ...args: number[]): string | null {
    const g = this.read(wkt);
    if (!g) return null;
    try {
      const r = this.#call(name, g, ...args);
      const out = this.toWKT(r);
      this.destroy(r);
      return out;
    } catch {
      return null;
    } finally {
      this.destroy(g);
    }
  }

  /** A GEOS geometry from WKT (a pointer; free with destroy), or 0 when GEOS cannot read it. */
  read(wkt: string): number {
    const n = wkt.length * 4 + 1;
    const p = this.#g.Module._malloc(n);
    this.#g.Module.stringToUTF8(wkt, p, n);
    try {
      return this.#call('GEOSWKTReader_read', this.#wkt, p);
    } catch {
      return 0;
    } finally {
      this.#g.Module._free(p);
    }
  }

  /** A GEOS geometry from WKB, or 0. */
  readWKB(wkb: Uint8Array): number {
    const p = this.#g.Module._malloc(wkb.length);
    this.#g.Module.HEAPU8.set(wkb, p);
    try {
      return this.#call('GEOSWKBReader_read', this.#wkb, p, wkb.length);
    } catch {
      return 0;
    } finally {
      this.#g.Module._free(p);
    }
  }

  destroy(g: number): void {
    if (g) this.#call('GEOSGeom_destroy', g);
  }

  /** The DE-9IM matrix, or null when GEOS throws. */
  relate(a: number, b: number): string | null {
    try {
      const s = this.#call('GEOSRelate', a, b);
      if (!s) return null;
      const m = this.#g.Module.UTF8ToString(s);
      this.#call('GEOSFree', s);
      return m;
    } catch {
      return null;
    }
  }

  /** One predicate by its index in GEOS_PREDICATES: 0 or 1, or null when GEOS throws. */
  predicate(k: number, a: number, b: number): number | null {
    try {
      const r = this.#call(GEOS_PREDICATES[k]!, a, b);
      return r === 0 || r === 1 ? r : null;
    } catch {
      return null;
    }
  }

  /** All ten predicates (null entries where GEOS throws). */
  predicates(a: number, b: number): (number | null)[] {
    return GEOS_PREDICATES.map((_, k) => this.predicate(k, a, b));
  }

  /** OGC validity (GEOSisValidDetail, which unlike GEOSisValid prints no notice). */
  isValid(g: number): boolean {
    try {
      return this.#call('GEOSisValidDetail', g, 0, 0, 0) === 1;
    } catch {
      return false;
    }
  }

  /** Validity of a WKT text (false when unreadable). */
  isValidWKT(wkt: string): boolean {
    const g = this.read(wkt);
    if (!g) return false;
    const v = this.isValid(g);
    this.destroy(g);
    return v;
  }
}
