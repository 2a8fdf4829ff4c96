/**
 * The geovec command line: info, convert, filter, join, the measures and
 * the shape operations (area, length, centroid, simplify, buffer, validate,
 * dissolve) over files (GeoParquet, FlatGeobuf, GeoJSON, GeoJSONSeq, Arrow
 * IPC), each step
 * streamed in batches with a progress bar on a terminal, plain periodic
 * lines otherwise, and a final line with counts and time.
 *
 * Exit codes: 0 done, 1 failed (the message names the file, the row and
 * the reason), 2 usage error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';

import { setThreads } from './backend.js';
import { nodeBuiltin } from './node.js';
import { GeovecError } from './errors.js';
import { fileInfo, openFile, readFile } from './formats/index.js';
import { FORMATS, type FileFormat } from './formats/source.js';
import { takeRows } from './formats/table.js';
import { openWriter, type BatchWriter } from './formats/writer.js';
import { crsAuthority, crsForFormat, crsKind, crsLabel, isWgs84LonLat } from './formats/crs.js';
import type { WriteOptions } from './formats/types.js';
import { formatFromName } from './formats/source.js';
import { PREDICATES, type PredicateName } from './predicates.js';
import { geodesicArea, geodesicLength } from './geodesic.js';
import { area, length } from './measures.js';
import { centroid, pointOnSurface, simplify } from './shape.js';
import { isValidReason } from './validity.js';
import { unionAll } from './overlay.js';
import { buffer, type BufferOptions, type CapStyle, type JoinStyle } from './buffer.js';
import { bounds } from './accessors.js';
import type { GeometryArray } from './array.js';
import { sjoin, SpatialIndex } from './spatial-index.js';
import * as arrow from 'apache-arrow';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

/** A progress display that appears only once a step has run for a second. */
class Progress {
  #bar: cliProgress.SingleBar | null = null;
  #start = Date.now();
  #lastLine = Date.now();
  #value = 0;
  constructor(
    readonly label: string,
    readonly unit: string,
    readonly io: Io,
    readonly quiet: boolean,
    readonly total?: number,
  ) {}
  add(n: number) {
    this.#value += n;
    if (this.quiet) return;
    const now = Date.now();
    if (now - this.#start < 1000) return;
    if (this.io.isTTY) {
      if (!this.#bar) {
        const fmt = this.total ? `${this.label} [{bar}] {percentage}% | {value}/{total} ${this.unit}` : `${this.label} {value} ${this.unit}`;
        this.#bar = new cliProgress.SingleBar({ format: fmt, hideCursor: true, clearOnComplete: false, stream: process.stderr }, cliProgress.Presets.shades_classic);
        this.#bar.start(this.total ?? 0, this.#value);
      } else this.#bar.update(this.#value);
    } else if (now - this.#lastLine >= 5000) {
      this.#lastLine = now;
      this.io.err(`${this.label}: ${this.#value.toLocaleString('en-US')}${this.total ? ` of ${this.total.toLocaleString('en-US')}` : ''} ${this.unit}`);
    }
  }
  get value() {
    return this.#value;
  }
  stop() {
    if (this.#bar) {
      this.#bar.update(this.#value);
      this.#bar.stop();
    }
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

function parseBox(s: string): [number, number, number, number] {
  const v = s.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) throw new InvalidArgumentError('expected minX,minY,maxX,maxY');
  return v as [number, number, number, number];
}
function parsePositiveInt(s: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return v;
}
function parseNumber(s: string): number {
  const v = Number(s);
  if (!Number.isFinite(v)) throw new InvalidArgumentError('expected a number');
  return v;
}

function parseInteger(s: string): number {
  const v = Number(s);
  if (!Number.isInteger(v)) throw new InvalidArgumentError('expected an integer');
  return v;
}

export { crsKind };

const formatOption = (flag: string, what: string) => new Option(flag, what).choices(FORMATS as string[]);

/** Appends the right table's columns to the left's (a clashing name gets the suffix "_right"). */
function joinTables(left: arrow.Table, right: arrow.Table): arrow.Table {
  const cols: Record<string, arrow.Vector> = {};
  for (const f of left.schema.fields) cols[f.name] = left.getChild(f.name)!;
  for (const f of right.schema.fields) {
    let name = f.name;
    while (name in cols) name += '_right';
    cols[name] = right.getChild(f.name)!;
  }
  return Object.keys(cols).length ? new arrow.Table(cols) : left;
}

/** Metres need longitude/latitude: a coordinate out of range names its row (and how to say otherwise). */
function checkLonLat(input: string, g: GeometryArray, row: number, autoCrs: unknown): void {
  const b = bounds(g);
  for (let i = 0; i < g.length; i++) {
    const [x0, y0, x1, y1] = [b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!];
    if (Number.isNaN(x0)) continue; /* null or empty */
    if (y0 >= -90 && y1 <= 90 && x0 >= -360 && x1 <= 360) continue;
    const [x, y] = y0 < -90 || x0 < -360 ? [x0, y0] : [x1, y1];
    throw new GeovecError(
      `${input}: row ${row + i}: coordinates near (${x}, ${y}) are not longitude/latitude, so the distance cannot be in metres${
        autoCrs !== null ? ` (the file's CRS says ${crsLabel(autoCrs)}, longitude/latitude)` : ''
      }; give --units coordinates for a distance in the coordinates' units`,
    );
  }
}

/** The per-row distances of a --distance-column, as numbers (a null is allowed only where the geometry is null). */
function columnDistances(input: string, t: arrow.Table, name: string, g: GeometryArray, row: number): Float64Array {
  const col = t.getChild(name);
  if (!col) throw new GeovecError(`${input}: no column ${name} (columns: ${t.schema.fields.map((f) => f.name).join(', ')})`);
  const out = new Float64Array(t.numRows);
  for (let i = 0; i < out.length; i++) {
    const v = col.get(i) as unknown;
    const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
    if (Number.isFinite(x)) out[i] = x;
    else if ((v === null || v === undefined) && g.get(i) === null) out[i] = 0;
    else throw new GeovecError(`${input}: row ${row + i}: ${name} is ${typeof v === 'string' ? JSON.stringify(v) : String(v)}, not a finite number`);
  }
  return out;
}

let epipeHandled = false;

export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), isTTY: !!process.stderr.isTTY }): Promise<number> {
  /* `geovec info x | head` closes the pipe early: that is not an error (one listener, however often main runs) */
  if (!epipeHandled) {
    epipeHandled = true;
    process.stdout.on?.('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const program = new Command();
  let quiet = false;
  program
    .name('geovec')
    .description('Vectorized geometry on files: GeoParquet, FlatGeobuf, GeoJSON, GeoJSONSeq, Arrow IPC')
    .option('-q, --quiet', 'no progress output')
    .option('--threads <n>', 'threads for the native backend (0 = all cores)', parsePositiveInt)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .hook('preAction', (cmd) => {
      const o = cmd.opts<{ quiet?: boolean; threads?: number }>();
      quiet = !!o.quiet;
      if (o.threads !== undefined) setThreads(o.threads);
    });

  /**
   * Opens OUTPUT recording the input's CRS as far as the output format can
   * (a warning says what it cannot keep), runs the command's writing, and
   * closes it; when the command fails, the partial output is removed.
   */
  const writeOutput = async (cmd: string, output: string, crs: unknown, opts: WriteOptions, body: (w: BatchWriter) => Promise<void>): Promise<number> => {
    const format = opts.format ?? formatFromName(output);
    const rec = format ? crsForFormat(format, crs) : { crs: undefined, note: null };
    const w = await openWriter(output, { ...opts, ...(rec.crs !== undefined ? { crs: rec.crs } : {}) });
    if (rec.note) io.err(`geovec ${cmd}: warning: ${rec.note}`);
    try {
      await body(w);
    } catch (e) {
      await w.abort();
      throw e;
    }
    return w.close();
  };

  /** Two inputs in different CRSs give meaningless results: say so (when both CRSs have codes that differ). */
  const crsAuthorityOf = (c: unknown) => (isWgs84LonLat(c) ? 'OGC:CRS84' : crsAuthority(c));
  const warnCrsMismatch = (cmd: string, a: string, ca: unknown, b: string, cb: unknown) => {
    const ka = crsLabel(ca), kb = crsLabel(cb);
    if (ca !== null && cb !== null && crsAuthorityOf(ca) !== null && crsAuthorityOf(cb) !== null && crsAuthorityOf(ca) !== crsAuthorityOf(cb)) {
      io.err(`geovec ${cmd}: warning: ${a} is in ${ka} and ${b} in ${kb}; geovec does not reproject, so their coordinates are compared as they are`);
    }
  };

  program
    .command('info')
    .description('format, rows, geometry types, bbox, CRS and columns of a file')
    .argument('<file>')
    .addOption(formatOption('--format <f>', 'input format (default: from the bytes)'))
    .option('--json', 'print JSON')
    .action(async (file: string, o: { format?: FileFormat; json?: boolean }) => {
      const info = await fileInfo(file, o.format ? { format: o.format } : {});
      let rows = info.rows;
      let types = info.geometryTypes;
      if (rows === null || types.length === 0) {
        /* formats without a header: count while reading */
        const seen = new Set<string>();
        let n = 0;
        for await (const b of openFile(file, o.format ? { format: o.format } : {})) {
          if (!info.columns.length) info.columns = b.table.schema.fields.map((f) => f.name);
          n += b.geometry.length;
          for (let i = 0; i < b.geometry.length; i++) {
            const v = b.geometry.get(i);
            if (v) seen.add(v.type);
          }
          b.geometry.dispose();
        }
        rows ??= n;
        if (!types.length) types = [...seen].sort();
      }
      const out = { ...info, rows, geometryTypes: types };
      if (o.json) {
        io.out(JSON.stringify(out, null, 2));
        return;
      }
      io.out(`file:           ${file}`);
      io.out(`format:         ${out.format}`);
      io.out(`rows:           ${fmt(out.rows ?? 0)}`);
      io.out(`geometry types: ${out.geometryTypes.join(', ') || '(none)'}`);
      io.out(`bbox:           ${out.bbox ? out.bbox.join(', ') : '(not recorded)'}`);
      const crs = out.crs as { name?: string; id?: { authority?: string; code?: number } } | string | null;
      io.out(`crs:            ${crs === null ? '(none)' : typeof crs === 'string' ? crs.split('\n')[0]!.slice(0, 100) : crs.id ? `${crs.id.authority}:${crs.id.code}${crs.name ? ` (${crs.name})` : ''}` : crs.name ?? JSON.stringify(crs).slice(0, 100)}`);
      io.out(`columns:        ${out.columns.join(', ') || '(none)'}`);
      for (const [k, v] of Object.entries(out.details)) io.out(`${(k + ':').padEnd(16)}${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
    });

  program
    .command('convert')
    .description('convert between formats (streamed in batches)')
    .argument('<in>')
    .argument('<out>')
    .addOption(formatOption('--from <f>', 'input format (default: from the bytes)'))
    .addOption(formatOption('--to <f>', 'output format (default: from the extension)'))
    .option('--bbox <minX,minY,maxX,maxY>', 'only rows meeting this box', parseBox)
    .option('--columns <names>', 'property columns to keep (comma separated)', (s) => s.split(','))
    .option('--compression <c>', 'GeoParquet compression: snappy, zstd, gzip, lz4, brotli, uncompressed')
    .option('--batch-size <n>', 'rows per batch', parsePositiveInt)
    .action(async (input: string, output: string, o: { from?: FileFormat; to?: FileFormat; bbox?: [number, number, number, number]; columns?: string[]; compression?: string; batchSize?: number }) => {
      const t0 = performance.now();
      const info = await fileInfo(input, o.from ? { format: o.from } : {});
      const p = new Progress('rows converted', 'rows', io, quiet);
      const rows = await writeOutput('convert', output, info.crs, { ...(o.to ? { format: o.to } : {}), ...(o.compression ? { compression: o.compression } : {}) }, async (w) => {
        for await (const b of openFile(input, { ...(o.from ? { format: o.from } : {}), ...(o.bbox ? { bbox: o.bbox } : {}), ...(o.columns ? { columns: o.columns } : {}), ...(o.batchSize ? { batchSize: o.batchSize } : {}) })) {
          await w.write(b.geometry, b.table);
          p.add(b.geometry.length);
          b.geometry.dispose();
        }
      }).finally(() => p.stop());
      if (!quiet) io.err(`geovec convert: ${fmt(rows)} rows written to ${output} in ${seconds(t0)}`);
    });

  program
    .command('filter')
    .description('keep the rows that meet a box or lie within the geometries of another file')
    .argument('<in>')
    .requiredOption('-o, --output <file>', 'output file')
    .option('--bbox <minX,minY,maxX,maxY>', 'rows whose geometry meets this box', parseBox)
    .option('--within <file>', 'rows whose geometry intersects any geometry of this file')
    .option('--batch-size <n>', 'rows per batch', parsePositiveInt)
    .action(async (input: string, o: { output: string; bbox?: [number, number, number, number]; within?: string; batchSize?: number }) => {
      if (!o.bbox === !o.within) throw new CommanderError(2, 'geovec.usage', 'filter: give exactly one of --bbox and --within');
      const t0 = performance.now();
      const mask = o.within ? await readFile(o.within) : null;
      const index = mask ? new SpatialIndex(mask.geometry) : null;
      const info = await fileInfo(input);
      if (mask) warnCrsMismatch('filter', input, info.crs, o.within!, mask.info.crs);
      const p = new Progress('rows filtered', 'rows', io, quiet);
      let read = 0;
      const rows = await writeOutput('filter', o.output, info.crs, {}, async (w) => {
        for await (const b of openFile(input, { ...(o.bbox ? { bbox: o.bbox } : {}), ...(o.batchSize ? { batchSize: o.batchSize } : {}) })) {
          read += b.geometry.length;
          if (index && mask) {
            const pairs = index.query(b.geometry, { predicate: 'intersects' });
            const keep = [...new Set(pairs.left)].sort((x, y) => x - y);
            const g = b.geometry.take(keep);
            await w.write(g, takeRows(b.table, keep));
            g.dispose();
          } else {
            await w.write(b.geometry, b.table);
          }
          p.add(b.geometry.length);
          b.geometry.dispose();
        }
      }).finally(() => p.stop());
      if (!quiet) io.err(`geovec filter: ${fmt(rows)} rows kept${o.within ? ` of ${fmt(read)}` : ''}, written to ${o.output} in ${seconds(t0)}`);
    });

  program
    .command('join')
    .description('spatial join: each left row with the columns of the right rows it matches')
    .argument('<left>')
    .argument('<right>')
    .requiredOption('-o, --output <file>', 'output file')
    .addOption(new Option('--predicate <p>', 'predicate(left, right)').choices([...PREDICATES, 'dwithin']).default('intersects'))
    .addOption(new Option('--how <how>', 'inner: matching pairs; left: also unmatched left rows').choices(['inner', 'left']).default('inner'))
    .option('--distance <d>', 'distance for --predicate dwithin (coordinate units)', parseNumber)
    .option('--batch-size <n>', 'left rows per batch', parsePositiveInt)
    .action(async (left: string, right: string, o: { output: string; predicate: string; how: 'inner' | 'left'; distance?: number; batchSize?: number }) => {
      if (o.distance !== undefined && o.predicate === 'intersects') o.predicate = 'dwithin';
      if (o.predicate === 'dwithin' && o.distance === undefined) throw new CommanderError(2, 'geovec.usage', 'join: --predicate dwithin needs --distance');
      const t0 = performance.now();
      const r = await readFile(right);
      const index = new SpatialIndex(r.geometry);
      const info = await fileInfo(left);
      warnCrsMismatch('join', left, info.crs, right, r.info.crs);
      const p = new Progress('left rows joined', 'rows', io, quiet);
      let pairs = 0, leftRows = 0;
      const options = { predicate: o.predicate as PredicateName, how: o.how, index, ...(o.distance !== undefined ? { distance: o.distance } : {}) };
      await writeOutput('join', o.output, info.crs, {}, async (w) => {
        for await (const b of openFile(left, o.batchSize ? { batchSize: o.batchSize } : {})) {
          const j = sjoin(b.geometry, r.geometry, options);
          const table = joinTables(takeRows(b.table, j.left), takeRows(r.table, j.right));
          const g = b.geometry.take(j.left);
          await w.write(g, table);
          g.dispose();
          b.geometry.dispose();
          pairs += j.left.length;
          leftRows += b.geometry.length;
          p.add(b.geometry.length);
        }
      }).finally(() => p.stop());
      if (!quiet) io.err(`geovec join: ${fmt(leftRows)} left rows, ${fmt(r.geometry.length)} right rows, ${fmt(pairs)} rows written to ${o.output} in ${seconds(t0)}`);
    });

  /** A command that maps each batch of IN to a batch of OUT (streamed). */
  const mapCommand = (name: string, description: string, extra: (c: Command) => Command, fn: (g: GeometryArray, t: arrow.Table, o: Record<string, unknown>) => { geometry: GeometryArray; table: arrow.Table }) => {
    extra(program.command(name).description(description).argument('<in>').requiredOption('-o, --output <file>', 'output file').option('--batch-size <n>', 'rows per batch', parsePositiveInt)).action(
      async (input: string, o: { output: string; batchSize?: number } & Record<string, unknown>) => {
        const t0 = performance.now();
        const info = await fileInfo(input);
        const p = new Progress(`rows (${name})`, 'rows', io, quiet);
        const rows = await writeOutput(name, o.output, info.crs, {}, async (w) => {
          for await (const b of openFile(input, o.batchSize ? { batchSize: o.batchSize } : {})) {
            const r = fn(b.geometry, b.table, o);
            await w.write(r.geometry, r.table);
            if (r.geometry !== b.geometry) r.geometry.dispose();
            b.geometry.dispose();
            p.add(r.table.numRows);
          }
        }).finally(() => p.stop());
        if (!quiet) io.err(`geovec ${name}: ${fmt(rows)} rows written to ${o.output} in ${seconds(t0)}`);
      },
    );
  };
  const withColumn = (t: arrow.Table, name: string, v: arrow.Vector): arrow.Table => {
    const cols: Record<string, arrow.Vector> = {};
    for (const f of t.schema.fields) if (f.name !== name) cols[f.name] = t.getChild(f.name)!;
    cols[name] = v;
    return new arrow.Table(cols);
  };
  const geodesicOption = (c: Command) => c.option('--geodesic', 'on the WGS84 ellipsoid (longitude, latitude in degrees): square metres / metres');
  mapCommand('area', 'add a column "area" (planar, in squared coordinate units; --geodesic: m² on WGS84)', geodesicOption, (g, t, o) => ({
    geometry: g,
    table: withColumn(t, 'area', arrow.makeVector(o.geodesic ? geodesicArea(g) : area(g))),
  }));
  mapCommand('length', 'add a column "length" (planar, in coordinate units; --geodesic: metres on WGS84)', geodesicOption, (g, t, o) => ({
    geometry: g,
    table: withColumn(t, 'length', arrow.makeVector(o.geodesic ? geodesicLength(g) : length(g))),
  }));
  mapCommand('centroid', 'replace each geometry by its centroid (--inside: a point guaranteed on the geometry)', (c) => c.option('--inside', 'pointOnSurface instead of the centroid'), (g, t, o) => ({
    geometry: o.inside ? pointOnSurface(g) : centroid(g),
    table: t,
  }));
  mapCommand(
    'simplify',
    'simplify each geometry (topology-preserving unless --no-preserve-topology)',
    (c) => c.requiredOption('--tolerance <d>', 'distance tolerance, in coordinate units', parseNumber).option('--no-preserve-topology', 'plain Douglas-Peucker'),
    (g, t, o) => ({ geometry: simplify(g, o.tolerance as number, { preserveTopology: o.preserveTopology !== false }), table: t }),
  );
  mapCommand('validate', 'add columns "valid" and "reason" (GEOS wording, with the location)', (c) => c, (g, t) => {
    const reasons = isValidReason(g);
    const valid = reasons.map((r) => (r === null ? null : r === 'Valid Geometry'));
    return { geometry: g, table: withColumn(withColumn(t, 'valid', arrow.vectorFromArray(valid, new arrow.Bool())), 'reason', arrow.vectorFromArray(reasons, new arrow.Utf8())) };
  });

  program
    .command('buffer')
    .description('replace each geometry by its buffer, the area within a distance of it (properties kept); in metres on longitude/latitude data')
    .argument('<in>')
    .requiredOption('-o, --output <file>', 'output file')
    .option('--distance <d>', 'the distance (negative shrinks polygons), in the units of --units', parseNumber)
    .option('--distance-column <name>', "each row's distance from this numeric column, instead of --distance")
    .addOption(
      new Option(
        '--units <u>',
        "metres: the input is longitude/latitude (WGS84) and the distance is in metres (each geometry buffered in its own azimuthal equidistant projection); coordinates: the distance is in the coordinates' units (default: metres when the input's CRS is longitude/latitude, such as GeoJSON, GeoParquet without a CRS, OGC:CRS84 or EPSG:4326; coordinates when it is projected; a file that records no CRS needs --units)",
      ).choices(['metres', 'meters', 'coordinates']),
    )
    .addOption(new Option('--cap <style>', 'ends of lines and points (flat: a point gives an empty polygon)').choices(['round', 'flat', 'square']).default('round'))
    .addOption(new Option('--join <style>', 'corners').choices(['round', 'mitre', 'bevel']).default('round'))
    .option('--quad-segs <n>', 'segments per quarter circle of the arcs', parseInteger, 8)
    .option('--mitre-limit <m>', 'the longest mitre, as a multiple of the distance', parseNumber, 5)
    .option('--single-sided', 'lines: only the left side for a positive distance, the right side for a negative one (flat ends)')
    .option('--batch-size <n>', 'rows per batch', parsePositiveInt)
    .addHelpText(
      'after',
      `
Examples:
  geovec buffer roads.geojson -o near-roads.parquet --distance 500          500 m (GeoJSON is longitude/latitude)
  geovec buffer parcels.fgb -o out.fgb --distance 2.5 --units coordinates   2.5 units of the file's CRS
  geovec buffer sites.parquet -o zones.parquet --distance-column radius_m --units metres`,
    )
    .action(
      async (
        input: string,
        o: { output: string; distance?: number; distanceColumn?: string; units?: 'metres' | 'meters' | 'coordinates'; cap: CapStyle; join: JoinStyle; quadSegs: number; mitreLimit: number; singleSided?: boolean; batchSize?: number },
      ) => {
        if ((o.distance === undefined) === (o.distanceColumn === undefined)) throw new CommanderError(2, 'geovec.usage', 'buffer: give --distance or --distance-column (one of them)');
        if (o.mitreLimit < 0) throw new CommanderError(2, 'geovec.usage', 'buffer: --mitre-limit must be >= 0');
        const t0 = performance.now();
        const info = await fileInfo(input);
        let metres: boolean;
        let why: string;
        if (o.units) {
          metres = o.units !== 'coordinates';
          why = '--units';
        } else {
          const kind = crsKind(info.crs);
          if (kind === null) {
            throw new CommanderError(
              2,
              'geovec.usage',
              `buffer: ${input} does not say whether its coordinates are longitude/latitude (CRS: ${crsLabel(info.crs)}); give --units metres (longitude/latitude in degrees, distance in metres) or --units coordinates (distance in the coordinates' units)`,
            );
          }
          metres = kind === 'geographic';
          why = `CRS ${crsLabel(info.crs)} is ${metres ? 'longitude/latitude' : 'projected'}`;
        }
        const options: BufferOptions = {
          capStyle: o.cap,
          joinStyle: o.join,
          quadSegs: o.quadSegs,
          mitreLimit: o.mitreLimit,
          singleSided: !!o.singleSided,
          units: metres ? 'metres' : 'coordinates',
        };
        const p = new Progress('rows buffered', 'rows', io, quiet, info.rows ?? undefined);
        /* slices of a batch, so that the progress moves on slow inputs */
        const STEP = 4096;
        let row = 0;
        const rows = await writeOutput('buffer', o.output, info.crs, {}, async (w) => {
          for await (const b of openFile(input, o.batchSize ? { batchSize: o.batchSize } : {})) {
            const g = b.geometry;
            if (metres) checkLonLat(input, g, row, o.units ? null : info.crs);
            const d = o.distanceColumn !== undefined ? columnDistances(input, b.table, o.distanceColumn, g, row) : o.distance!;
            const parts: GeometryArray[] = [];
            for (let s = 0; s === 0 || s < g.length; s += STEP) {
              const e = Math.min(g.length, s + STEP);
              const whole = s === 0 && e === g.length;
              const part = whole ? g : g.slice(s, e);
              try {
                parts.push(buffer(part, typeof d === 'number' ? d : d.subarray(s, e), options));
              } catch (err) {
                if (!(err instanceof GeovecError)) throw err;
                /* the library counts elements of the slice; the user counts rows of the file */
                const msg = err.message.replace(/^geovec: buffer: /, '').replace(/^element (\d+): /, (_, k: string) => `row ${row + s + Number(k)}: `);
                throw new GeovecError(`${input}: ${/^row /.test(msg) ? msg : `rows ${row + s} to ${row + e - 1}: ${msg}`}`);
              } finally {
                if (!whole) part.dispose();
              }
              p.add(e - s);
            }
            const out = parts.length === 1 ? parts[0]! : parts[0]!.concat(...parts.slice(1));
            if (parts.length > 1) for (const x of parts) x.dispose();
            await w.write(out, b.table);
            out.dispose();
            g.dispose();
            row += b.table.numRows;
          }
        }).finally(() => p.stop());

        if (!quiet) {
          const dist = o.distanceColumn !== undefined ? `the distances in column ${o.distanceColumn}` : `${o.distance}`;
          io.err(`geovec buffer: ${fmt(rows)} rows buffered by ${dist} ${metres ? 'metres' : 'coordinate units'} (${why}), written to ${o.output} in ${seconds(t0)}`);
        }
      },
    );

  program
    .command('dissolve')
    .description('union the geometries of each group (rows with the same value of --by), one row per group')
    .argument('<in>')
    .requiredOption('-o, --output <file>', 'output file')
    .requiredOption('--by <column>', 'the column that names each row\'s group')
    .action(async (input: string, o: { output: string; by: string }) => {
      const t0 = performance.now();
      const r = await readFile(input);
      const col = r.table.getChild(o.by);
      if (!col) throw new GeovecError(`${input}: no column ${o.by} (columns: ${r.table.schema.fields.map((f) => f.name).join(', ')})`);
      const keys = Array.from({ length: col.length }, (_, i) => col.get(i) as unknown);
      const u = unionAll(r.geometry, { groups: keys, onInvalid: 'ignore' });
      const keyVec = arrow.vectorFromArray(u.keys.map((k) => (typeof k === 'bigint' ? Number(k) : k)) as never, col.type as arrow.DataType);
      const rows = await writeOutput('dissolve', o.output, r.info.crs, {}, (w) => w.write(u.geometry, new arrow.Table({ [o.by]: keyVec })));
      if (!quiet) io.err(`geovec dissolve: ${fmt(r.geometry.length)} rows into ${fmt(rows)} groups, written to ${o.output} in ${seconds(t0)}`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'geovec.usage') io.err(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof GeovecError) {
      io.err(`error: ${e.message.replace(/^geovec: /, '')}`);
      return 1;
    }
    io.err(`error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
