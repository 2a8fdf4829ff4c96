/**
 * Shared helpers for the TypeScript tests: the library under test, a seeded
 * random generator, a hand-rolled WKB writer for crafting (bad) inputs, and
 * an assertion for GeovecParseError.
 */
import assert from 'node:assert/strict';
import * as gv from '../../src/ts/index.js';

export * from '../../src/ts/index.js';

/** The backend the run asked for (GEOVEC_BACKEND), or undefined when it picked one itself. */
export const REQUESTED_BACKEND = process.env.GEOVEC_BACKEND === 'native' || process.env.GEOVEC_BACKEND === 'wasm'
  ? process.env.GEOVEC_BACKEND
  : undefined;

// ---- data ---------------------------------------------------------------------

/** The shared real-world data folder (shared/data beside the repository). */
export const DATA_URL = new URL('../../../shared/data/', import.meta.url);

// ---- seeded randomness --------------------------------------------------------

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export const randInt = (r: () => number, n: number) => Math.floor(r() * n);

// ---- bytes ----------------------------------------------------------------------

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).toUpperCase().padStart(2, '0');
  return s;
}

export function unhex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A minimal WKB writer for crafting inputs by hand (valid or not):
 * `new Wkb('little').u8(1).u32(1).f64(1, 2).bytes()`.
 */
export class Wkb {
  #bytes: number[] = [];
  readonly little: boolean;
  constructor(order: 'little' | 'big' = 'little') {
    this.little = order === 'little';
  }
  /** The byte-order byte this writer's order calls for. */
  order(): this {
    return this.u8(this.little ? 1 : 0);
  }
  u8(...vs: number[]): this {
    for (const v of vs) this.#bytes.push(v & 0xff);
    return this;
  }
  u32(...vs: number[]): this {
    for (const v of vs) {
      const b = new DataView(new ArrayBuffer(4));
      b.setUint32(0, v >>> 0, this.little);
      this.#bytes.push(...new Uint8Array(b.buffer));
    }
    return this;
  }
  f64(...vs: number[]): this {
    for (const v of vs) {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, v, this.little);
      this.#bytes.push(...new Uint8Array(b.buffer));
    }
    return this;
  }
  /** A geometry header: byte order and type code. */
  head(code: number): this {
    return this.order().u32(code);
  }
  get length(): number {
    return this.#bytes.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

// ---- errors -----------------------------------------------------------------------

export interface ExpectedProblem {
  index: number;
  /** Exact byte offset, or a predicate on it. */
  offset?: number | ((o: number) => boolean);
  reason: RegExp;
}

/** Runs fn, which must throw a GeovecParseError with the given index, offset and reason. */
export function assertParseError(fn: () => unknown, want: ExpectedProblem): gv.GeovecParseError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected a GeovecParseError (${want.reason}), but nothing was thrown`);
  assert.ok(caught instanceof gv.GeovecParseError, `expected a GeovecParseError, got ${String((caught as Error)?.stack ?? caught)}`);
  assert.ok(caught instanceof gv.GeovecError, 'GeovecParseError is a GeovecError');
  const e = caught;
  assert.equal(e.name, 'GeovecParseError');
  assert.equal(e.index, want.index, `index of "${e.reason}"`);
  if (typeof want.offset === 'number') assert.equal(e.offset, want.offset, `offset of "${e.reason}"`);
  else if (want.offset) assert.ok(want.offset(e.offset), `offset ${e.offset} of "${e.reason}" is not as expected`);
  assert.match(e.reason, want.reason);
  assert.ok(e.message.includes(e.reason), 'the message includes the reason');
  return e;
}

/** Checks a ParseProblem list entry like assertParseError does. */
export function assertProblem(p: gv.ParseProblem | undefined, want: ExpectedProblem): void {
  assert.ok(p, `expected a problem for element ${want.index}`);
  assert.equal(p.index, want.index);
  if (typeof want.offset === 'number') assert.equal(p.offset, want.offset, `offset of "${p.reason}"`);
  else if (want.offset) assert.ok(want.offset(p.offset), `offset ${p.offset} of "${p.reason}" is not as expected`);
  assert.match(p.reason, want.reason);
}

// ---- data helpers -------------------------------------------------------------------

/** Parses the features of a FeatureCollection text with JSON.parse (the reference reading). */
export function featuresOf(text: string): { type: 'Feature'; geometry: gv.Geometry | null; properties: unknown; id?: unknown }[] {
  return (JSON.parse(text) as { features: never[] }).features;
}
