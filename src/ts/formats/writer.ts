/**
 * Writers fed batch by batch, for commands that stream (geovec join,
 * convert): GeoJSONSeq, GeoJSON, GeoParquet and Arrow IPC write each batch
 * as it comes, so memory stays bounded; FlatGeobuf needs every feature
 * before it can write its index, so it keeps the batches until close.
 */
import * as arrow from 'apache-arrow';

import type { GeometryArray } from '../array.js';
import { GeovecError } from '../errors.js';
import { nodeBuiltin } from '../node.js';
import { arrowTable } from './arrowipc.js';
import { geojsonHead } from './crs.js';
import { writeFgbBytes } from './flatgeobuf.js';
import { featureTexts } from './geojson.js';
import { parquetStreamWriter } from './geoparquet.js';
import { formatFromName } from './source.js';
import { concatTables } from './table.js';
import type { WriteOptions } from './types.js';

export interface BatchWriter {
  write(geometry: GeometryArray, table: arrow.Table): Promise<void>;
  /** Finishes the file; resolves to the number of rows written. */
  close(): Promise<number>;
  /** Gives up: closes the file and removes it, so that no partial output is left behind. */
  abort(): Promise<void>;
}

const encoder = new TextEncoder();

export async function openWriter(path: string, options: WriteOptions = {}): Promise<BatchWriter> {
  const w = await formatWriter(path, options);
  let closed = false;
  return {
    write: (g, t) => w.write(g, t),
    close: async () => {
      closed = true;
      return w.close();
    },
    async abort() {
      if (!closed) await w.kill();
      closed = true;
      await nodeBuiltin('node:fs/promises')?.rm(path, { force: true });
    },
  };
}

type FormatWriter = Omit<BatchWriter, 'abort'> & { kill(): Promise<void> };

async function formatWriter(path: string, options: WriteOptions): Promise<FormatWriter> {
  const format = options.format ?? formatFromName(path);
  if (!format) throw new GeovecError(`geovec: cannot tell the format of ${path} from its extension; pass a format`);
  const fsp = nodeBuiltin('node:fs/promises');
  if (!fsp) throw new GeovecError('geovec: writing files needs Node.js');
  let fh: import('node:fs/promises').FileHandle;
  try {
    fh = await fsp.open(path, 'w');
  } catch (e) {
    throw new GeovecError(`geovec: ${path}: ${(e as Error).message}`);
  }
  let dead = false; /* after abort: writes still queued (the Arrow writer's pump) are dropped */
  const sink = async (b: Uint8Array) => {
    if (!dead) await fh.write(b);
  };
  const kill = async () => {
    dead = true;
    await fh.close().catch(() => {});
  };
  let rows = 0;
  switch (format) {
    case 'geojsonseq':
      return {
        kill,
        async write(g, t) {
          const f = featureTexts(g, t, options);
          rows += f.length;
          if (f.length) await sink(encoder.encode(f.join('\n') + '\n'));
        },
        async close() {
          await fh.close();
          return rows;
        },
      };
    case 'geojson': {
      await sink(encoder.encode(geojsonHead(options.crs)));
      return {
        kill,
        async write(g, t) {
          const f = featureTexts(g, t, options);
          if (!f.length) return;
          await sink(encoder.encode((rows ? ',\n' : '') + f.join(',\n')));
          rows += f.length;
        },
        async close() {
          await sink(encoder.encode('\n]}\n'));
          await fh.close();
          return rows;
        },
      };
    }
    case 'geoparquet': {
      const w = await parquetStreamWriter(sink, options);
      return {
        kill,
        async write(g, t) {
          rows += g.length;
          await w.write(g, t);
        },
        async close() {
          await w.close();
          await fh.close();
          return rows;
        },
      };
    }
    case 'arrow': {
      const stream = options.arrowIpc === 'stream' || (options.arrowIpc === undefined && /\.arrows$/i.test(path));
      const w = stream ? new arrow.RecordBatchStreamWriter() : new arrow.RecordBatchFileWriter();
      const pump = (async () => {
        for await (const chunk of w) await sink(chunk);
      })();
      return {
        kill,
        async write(g, t) {
          rows += g.length;
          /* WKB keeps one schema for every batch, whatever types each holds */
          for (const b of arrowTable(g, t, { ...options, arrowEncoding: 'wkb' }).batches) w.write(b);
        },
        async close() {
          w.finish();
          w.close();
          await pump;
          await fh.close();
          return rows;
        },
      };
    }
    case 'flatgeobuf': {
      const gs: GeometryArray[] = [];
      const ts: arrow.Table[] = [];
      return {
        kill,
        async write(g, t) {
          gs.push(g.slice()); /* a copy: the caller may dispose its batch */
          ts.push(t);
          rows += g.length;
        },
        async close() {
          const all = gs.length === 0 ? null : gs.length === 1 ? gs[0]! : gs[0]!.concat(...gs.slice(1));
          if (all) await sink(writeFgbBytes(all, concatTables(ts, all.length), options));
          else {
            const { fromWKB } = await import('../io.js');
            await sink(writeFgbBytes(fromWKB([]), undefined, options));
          }
          await fh.close();
          return rows;
        },
      };
    }
  }
  throw new GeovecError(`geovec: unknown format ${String(format)}`);
}
