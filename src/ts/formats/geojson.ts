/**
 * GeoJSON (one document) and GeoJSONSeq (one feature per line, RFC 8142's
 * record separators allowed) files. GeoJSONSeq is read in chunks with
 * bounded memory; a GeoJSON document is parsed whole (in C, from the bytes).
 */
import type * as arrow from 'apache-arrow';

import type { GeometryArray } from '../array.js';
import { GeovecError, GeovecParseError } from '../errors.js';
import { fromGeoJSON, toGeoJSON } from '../io.js';
import type { Source } from './source.js';
import { emptyTable, propertiesToTable, rowObject } from './table.js';
import type { FileBatch, ReadOptions, WriteOptions } from './types.js';

const CHUNK = 4 << 20;

export async function readGeoJSONWhole(src: Source): Promise<FileBatch> {
  const bytes = await src.read(0, src.size);
  let ft;
  try {
    ft = fromGeoJSON(bytes, { properties: true });
  } catch (e) {
    if (e instanceof GeovecParseError) throw new GeovecError(`geovec: ${src.name}: feature ${e.index}, byte ${e.offset}: ${e.reason}`);
    throw new GeovecError(`geovec: ${src.name}: ${(e as Error).message}`);
  }
  return { geometry: ft.geometry, table: propertiesToTable(ft.properties, ft.ids) };
}

function parseLines(src: Source, lines: string[], firstLine: number[]): FileBatch {
  let ft;
  try {
    ft = fromGeoJSON(`[${lines.join(',')}]`, { properties: true });
  } catch (e) {
    /* name the line: the element index is the line's position in this batch */
    const k = e instanceof GeovecParseError ? e.index : -1;
    if (k >= 0 && k < lines.length) throw new GeovecError(`geovec: ${src.name}: line ${firstLine[k]}: ${(e as GeovecParseError).reason}`);
    for (let i = 0; i < lines.length; i++) {
      try {
        JSON.parse(lines[i]!);
      } catch (err) {
        throw new GeovecError(`geovec: ${src.name}: line ${firstLine[i]}: not JSON (${(err as Error).message})`);
      }
    }
    throw new GeovecError(`geovec: ${src.name}: lines ${firstLine[0]}-${firstLine[lines.length - 1]}: ${(e as Error).message}`);
  }
  if (ft.geometry.length !== lines.length) throw new GeovecError(`geovec: ${src.name}: lines ${firstLine[0]}-${firstLine[lines.length - 1]}: expected one feature per line`);
  return { geometry: ft.geometry, table: propertiesToTable(ft.properties, ft.ids) };
}

export async function* readGeoJSONSeqBatches(src: Source, o: ReadOptions): AsyncGenerator<FileBatch> {
  const batchSize = o.batchSize ?? 65536;
  const decoder = new TextDecoder();
  let carry = '';
  let lineNo = 0;
  let lines: string[] = [];
  let numbers: number[] = [];
  for (let at = 0; at < src.size || carry; ) {
    const last = at >= src.size;
    let text = carry;
    if (!last) {
      const chunk = await src.read(at, CHUNK);
      at += chunk.byteLength;
      text += decoder.decode(chunk, { stream: at < src.size });
    }
    const parts = text.split('\n');
    carry = at < src.size ? parts.pop()! : '';
    for (const raw of parts) {
      lineNo++;
      const line = raw.replace(/^[\u001e\ufeff\s]+/, '').trimEnd();
      if (!line) continue;
      lines.push(line);
      numbers.push(lineNo);
      if (lines.length >= batchSize) {
        yield parseLines(src, lines, numbers);
        lines = [];
        numbers = [];
      }
    }
    if (last) break;
  }
  if (lines.length) yield parseLines(src, lines, numbers);
}

function idColumnOf(table: arrow.Table, o: WriteOptions): string | null {
  if (o.idColumn === null) return null;
  const name = o.idColumn ?? 'id';
  return table.schema.fields.some((f) => f.name === name) ? name : null;
}

/** One Feature's JSON text per element. */
export function featureTexts(geometry: GeometryArray, table: arrow.Table | undefined, o: WriteOptions): string[] {
  const n = geometry.length;
  const t = table ?? emptyTable(n);
  if (t.numRows !== n) throw new GeovecError(`geovec: writeFile: the table has ${t.numRows} rows for ${n} geometries`);
  const geoms = toGeoJSON(geometry);
  const idCol = idColumnOf(t, o);
  const ids = idCol ? t.getChild(idCol)! : null;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const f: Record<string, unknown> = { type: 'Feature' };
    const id = ids?.get(i);
    if (id !== null && id !== undefined) f.id = typeof id === 'bigint' ? Number(id) : id;
    f.properties = t.schema.fields.length ? rowObject(t, i, idCol ?? undefined) : {};
    f.geometry = geoms[i] ?? null;
    out[i] = JSON.stringify(f);
  }
  return out;
}
