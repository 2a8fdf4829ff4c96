/**
 * Where file bytes come from (a path, a URL, bytes or a Blob), read by range
 * so that large files are never loaded whole unless a format needs it, and
 * the format of a file from its extension or its first bytes.
 */
import { GeovecError } from '../errors.js';
import { nodeBuiltin } from '../node.js';

export type FileFormat = 'geoparquet' | 'flatgeobuf' | 'geojson' | 'geojsonseq' | 'arrow';
export const FORMATS: readonly FileFormat[] = ['geoparquet', 'flatgeobuf', 'geojson', 'geojsonseq', 'arrow'];

export type FileInput = string | URL | Uint8Array | ArrayBuffer | Blob;

/** Random access to a file's bytes. */
export interface Source {
  /** A name for messages: the path, the URL, or "bytes". */
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The whole file, when it is in memory (bytes given to the reader). */
  readonly bytes?: Uint8Array;
  /** The whole file as a Blob (for readers that take one). */
  blob(): Promise<Blob>;
  close(): Promise<void>;
}

function bytesSource(bytes: Uint8Array, name: string): Source {
  return {
    name,
    size: bytes.byteLength,
    bytes,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)),
    blob: async () => new Blob([bytes as Uint8Array<ArrayBuffer>]),
    close: async () => {},
  };
}

async function pathSource(path: string): Promise<Source> {
  const fsp = nodeBuiltin('node:fs/promises');
  const fs = nodeBuiltin('node:fs');
  if (!fsp || !fs) throw new GeovecError(`geovec: reading ${path}: file paths need Node.js (pass bytes or a Blob in a browser)`);
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fsp.open(path, 'r');
  } catch (e) {
    throw new GeovecError(`geovec: ${path}: ${(e as Error).message}`);
  }
  const size = (await handle.stat()).size;
  return {
    name: path,
    size,
    async read(offset, length) {
      const len = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await handle.read(buf, got, len - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === len ? buf : buf.subarray(0, got);
    },
    blob: async () => (fs as unknown as { openAsBlob(p: string): Promise<Blob> }).openAsBlob(path),
    close: () => handle.close(),
  };
}

/** Opens any FileInput for reading. */
export async function openSource(input: FileInput): Promise<Source> {
  if (typeof input === 'string' && /^https?:\/\//.test(input)) input = new URL(input);
  if (input instanceof URL) {
    if (input.protocol === 'file:') {
      const url = nodeBuiltin('node:url');
      if (!url) throw new GeovecError(`geovec: ${input.href}: file URLs need Node.js`);
      return pathSource(url.fileURLToPath(input));
    }
    const res = await fetch(input);
    if (!res.ok) throw new GeovecError(`geovec: ${input.href}: HTTP ${res.status}`);
    return bytesSource(new Uint8Array(await res.arrayBuffer()), input.href);
  }
  if (typeof input === 'string') return pathSource(input);
  if (input instanceof Uint8Array) return bytesSource(input, 'bytes');
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input), 'bytes');
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const name = (input as { name?: string }).name ?? 'blob';
    return bytesSource(new Uint8Array(await input.arrayBuffer()), name);
  }
  throw new GeovecError('geovec: expected a file path, a URL, a Uint8Array, an ArrayBuffer or a Blob');
}

const EXTENSIONS: Record<string, FileFormat> = {
  parquet: 'geoparquet',
  geoparquet: 'geoparquet',
  fgb: 'flatgeobuf',
  geojson: 'geojson',
  json: 'geojson',
  geojsonl: 'geojsonseq',
  geojsons: 'geojsonseq',
  geojsonseq: 'geojsonseq',
  ndjson: 'geojsonseq',
  jsonl: 'geojsonseq',
  arrow: 'arrow',
  arrows: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
};

/** The format a file name's extension names, or undefined. */
export function formatFromName(name: string): FileFormat | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

/** The format from the file's first bytes (and the name when the bytes cannot tell). */
export async function detectFormat(src: Source): Promise<FileFormat> {
  const head = await src.read(0, 4096);
  const ascii = (a: number, b: number) => String.fromCharCode(...head.subarray(a, b));
  if (ascii(0, 4) === 'PAR1') return 'geoparquet';
  if (head[0] === 0x66 && head[1] === 0x67 && head[2] === 0x62) return 'flatgeobuf'; /* "fgb" */
  if (ascii(0, 6) === 'ARROW1') return 'arrow';
  if (head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  const byName = formatFromName(src.name);
  if (byName === 'geojson' || byName === 'geojsonseq') return byName;
  /* text: one JSON object per line (GeoJSONSeq, possibly RS-prefixed) or one document */
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09 || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i++;
  if (head[i] === 0x1e) return 'geojsonseq';
  if (head[i] === 0x7b || head[i] === 0x5b) {
    const text = new TextDecoder().decode(head);
    if (/"type"\s*:\s*"FeatureCollection"/.test(text)) return 'geojson';
    const nl = text.indexOf('\n', i);
    if (nl > 0 && nl < text.length - 1) {
      const first = text.slice(i, nl).trim();
      try {
        JSON.parse(first);
        return 'geojsonseq';
      } catch {
        /* a multi-line document */
      }
    }
    return 'geojson';
  }
  if (byName) return byName;
  throw new GeovecError(`geovec: ${src.name}: unknown file format (not GeoParquet, FlatGeobuf, Arrow IPC, GeoJSON or GeoJSONSeq); pass { format }`);
}
