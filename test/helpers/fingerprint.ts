/**
 * A deterministic summary of what the loaded backend writes and reports for
 * a fixed, seeded corpus: WKT, WKB hex, GeoJSON text, accessors and parse
 * errors. Two backends must produce the same fingerprint; array.test.ts
 * compares the one in process with one computed in a child process on the
 * other backend.
 */
import {
  GeovecParseError,
  bounds,
  fromGeoJSON,
  fromWKB,
  fromWKT,
  isEmpty,
  numPoints,
  rng,
  toGeoJSON,
  toHex,
  toWKT,
  totalBounds,
  backend,
} from './geovec.js';

export interface Fingerprint {
  backend: string;
  wkt: (string | null)[];
  wktPrecision3: (string | null)[];
  hexLittle: (string | null)[];
  hexBigEwkb: (string | null)[];
  geojson: string;
  numPoints: number[];
  isEmpty: number[];
  bounds: (number | null)[];
  totalBounds: (number | null)[];
  errors: string[];
}

function corpus(): string[] {
  const r = rng(424242);
  const view = new DataView(new ArrayBuffer(8));
  const num = () => {
    const k = r();
    if (k < 0.3) return String(Math.round(r() * 2e6 - 1e6) / 1000);
    if (k < 0.6) return String((r() - 0.5) * 10 ** Math.floor(r() * 40 - 20));
    for (;;) {
      view.setUint32(0, Math.floor(r() * 2 ** 32));
      view.setUint32(4, Math.floor(r() * 2 ** 32));
      const v = view.getFloat64(0);
      if (Number.isFinite(v)) return String(v);
    }
  };
  const out = [
    'POINT EMPTY',
    'POINT (5e-324 -5e-324)',
    'POINT (1.7976931348623157e308 2.2250738585072014e-308)',
    'GEOMETRYCOLLECTION (POINT Z (1 2 3), MULTIPOINT M ((1 2 3), EMPTY), POLYGON EMPTY)',
  ];
  for (let i = 0; i < 400; i++) {
    const k = i % 4;
    if (k === 0) out.push(`POINT (${num()} ${num()})`);
    else if (k === 1) out.push(`LINESTRING Z (${num()} ${num()} ${num()}, ${num()} ${num()} ${num()})`);
    else if (k === 2) {
      const a = num(), b = num();
      out.push(`POLYGON ((${a} ${b}, ${num()} ${num()}, ${num()} ${num()}, ${a} ${b}))`);
    } else out.push(`MULTIPOINT ZM ((${num()} ${num()} ${num()} ${num()}))`);
  }
  return out;
}

const BAD = [
  'POINT (1 2',
  'POLYGON ((0 0, 1 0, 1 1, 0 1))',
  'LINESTRING (0 0)',
  'FOO (1)',
  'POINT (1 2) x',
];
const BAD_JSON = ['{"type":"Point","coordinates":[1]}', '{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}', '{"type":"Point"', '[1,2]'];
const BAD_HEX = ['0101000000000000000000F03F', '02', '0102000000FFFFFFFF', '0101000000000000000000F87F0000000000000040'];

const nan = (v: number) => (Number.isNaN(v) ? null : v);

export function fingerprint(): Fingerprint {
  const a = fromWKT(corpus());
  const errors: string[] = [];
  const record = (fn: () => unknown) => {
    try {
      fn();
      errors.push('ok');
    } catch (e) {
      errors.push(e instanceof GeovecParseError ? `${e.index}|${e.offset}|${e.reason}` : `other: ${String(e)}`);
    }
  };
  for (const w of BAD) record(() => fromWKT([w]));
  for (const j of BAD_JSON) record(() => fromGeoJSON(j));
  for (const h of BAD_HEX) record(() => fromWKB([Buffer.from(h, 'hex')]));
  return {
    backend: backend(),
    wkt: toWKT(a),
    wktPrecision3: toWKT(a, { precision: 3 }),
    hexLittle: toHex(a),
    hexBigEwkb: toHex(a, { byteOrder: 'big', ewkb: true }),
    geojson: toGeoJSON(a, { as: 'text' }),
    numPoints: [...numPoints(a)],
    isEmpty: [...isEmpty(a)],
    bounds: [...bounds(a)].map(nan),
    totalBounds: [...totalBounds(a)].map(nan),
    errors,
  };
}

