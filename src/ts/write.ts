/** The writer kernels' output, decoded: one buffer plus int64 offsets. */
import type { Handle } from './backend.js';
import { run } from './call.js';

const ascii = new TextDecoder('latin1');

function frames(out: ArrayBuffer | null): BigInt64Array {
  return new BigInt64Array(out ?? new ArrayBuffer(0));
}

/** WKT or GeoJSON text per element (ASCII, so byte offsets are string offsets); null elements give null. */
export function writeText(kernel: 'write_wkt' | 'write_geojson', h: Handle, begin: number, end: number, precision = -1, ewkt = false): (string | null)[] {
  const r = run(kernel, [h], [], [begin, end, precision, ewkt ? 1 : 0]);
  const text = ascii.decode(r.outs[0] ?? new ArrayBuffer(0));
  const off = frames(r.outs[1]);
  const out: (string | null)[] = new Array(end - begin);
  for (let i = 0; i < out.length; i++) {
    const s = Number(off[i]);
    const e = Number(off[i + 1]);
    out[i] = e > s ? text.slice(s, e) : null;
  }
  return out;
}

export function writeGeoJSONText(h: Handle, begin: number, end: number, precision = -1): (string | null)[] {
  return writeText('write_geojson', h, begin, end, precision).map((s) => (s === 'null' ? null : s));
}

export interface WKBOptions {
  /** Byte order of the output (default little). */
  byteOrder?: 'little' | 'big';
  /** Write EWKB (PostGIS) flags and SRIDs instead of ISO WKB (default false). */
  ewkb?: boolean;
}

/** The packed output: every element's bytes in one buffer, element i at data[offsets[i], offsets[i+1]). */
export function writeWKBPacked(h: Handle, begin: number, end: number, o: WKBOptions = {}): { data: Uint8Array; offsets: BigInt64Array } {
  const r = run('write_wkb', [h], [], [begin, end, o.byteOrder === 'big' ? 0 : 1, o.ewkb ? 1 : 0]);
  return { data: new Uint8Array(r.outs[0] ?? new ArrayBuffer(0)), offsets: frames(r.outs[1]) };
}

export function writeWKB(h: Handle, begin: number, end: number, o: WKBOptions = {}): (Uint8Array | null)[] {
  const { data, offsets } = writeWKBPacked(h, begin, end, o);
  const out: (Uint8Array | null)[] = new Array(end - begin);
  for (let i = 0; i < out.length; i++) {
    const s = Number(offsets[i]);
    const e = Number(offsets[i + 1]);
    out[i] = e > s ? data.subarray(s, e) : null;
  }
  return out;
}
