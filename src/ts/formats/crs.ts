/**
 * Coordinate reference systems as files give them, without a CRS library:
 * what kind a CRS is (longitude/latitude, projected, unknown), its
 * authority code where one can be read (from "EPSG:n", a URN or URL, a
 * PROJJSON `id`, or the top-level ID/AUTHORITY of WKT), and how to record
 * it in each output format:
 *
 *   GeoParquet  PROJJSON only (the spec's rule); longitude/latitude is the
 *               default and is left out; no CRS known is written as
 *               `crs: null` ("unknown"), never left out (that would claim
 *               longitude/latitude); a CRS given only as WKT or a code
 *               cannot become PROJJSON here, so it is written as unknown
 *               and the caller is told.
 *   FlatGeobuf  organisation + code where known, WKT where given.
 *   Arrow       as given (GeoArrow's extension metadata takes PROJJSON or a
 *               string).
 *   GeoJSON     RFC 7946 has no CRS: longitude/latitude by definition. A
 *               projected CRS with a code is written as the legacy "crs"
 *               member (GDAL reads it) and the caller is told.
 */
import { GeovecError } from '../errors.js';
import type { FileFormat } from './source.js';

/** Longitude/latitude CRSs by code (datums close enough to WGS84 for a buffer in metres). */
const GEOGRAPHIC = new Set([
  'OGC:CRS84', 'OGC:CRS83', 'OGC:CRS27', 'OGC:CRS84H',
  'EPSG:4326', 'EPSG:4979', 'EPSG:4269', 'EPSG:4258', 'EPSG:4937', 'EPSG:4283', 'EPSG:7844', 'EPSG:4617', 'EPSG:6318',
  'EPSG:4674', 'EPSG:4167', 'EPSG:4612', 'EPSG:6668', 'EPSG:4490', 'EPSG:4019', 'EPSG:4030', 'EPSG:4047',
]);
/** WGS84 longitude/latitude: the default of GeoParquet and GeoJSON. */
const WGS84 = new Set(['OGC:CRS84', 'EPSG:4326']);

/** Common projected CRSs by code (any other code is "unknown"). */
function projectedCode(code: string): boolean {
  const m = /^EPSG:(\d+)$/.exec(code);
  if (!m) return false;
  const n = Number(m[1]);
  return (
    [3857, 900913, 3395, 3035, 3034, 2154, 27700, 5070, 2056, 28992, 31370, 3067, 3006, 25833, 2263, 3310, 3577, 3111, 2193, 3413, 3031, 3976, 32662, 54009].includes(n) ||
    (n >= 32601 && n <= 32660) || (n >= 32701 && n <= 32760) || (n >= 25828 && n <= 25838) || (n >= 26901 && n <= 26923) ||
    (n >= 2001 && n <= 2999) /* mostly state plane and national grids */ || (n >= 3000 && n <= 3999 && n !== 3819 && n !== 3821 && n !== 3824 && n !== 3889 && n !== 3906)
  );
}

/** "EPSG:4326" from "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", … */
function codeOfString(s: string): string | null {
  const m = /^(?:.*\W)?(EPSG|OGC|ESRI|IAU_2015)\W+(?:[\d.]+\W+)?([A-Z0-9]+)\s*$/i.exec(s.trim());
  return m ? `${m[1]!.toUpperCase()}:${m[2]!.toUpperCase()}` : null;
}

const isWkt = (s: string) => /^[A-Z][A-Z0-9_]*\s*[[(]/i.test(s.trim());

/** The ID["EPSG",n] / AUTHORITY["EPSG","n"] directly inside a WKT's outermost keyword, if any. */
function codeOfWkt(s: string): string | null {
  let depth = 0, i = 0, found: string | null = null;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      i++;
      while (i < s.length && !(s[i] === '"' && s[i + 1] !== '"')) i += s[i] === '"' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 1 && /[A-Z]/i.test(c) && (i === 0 || /[\s,[(]/.test(s[i - 1]!))) {
      const m = /^(ID|AUTHORITY)\s*[[(]\s*"([^"]+)"\s*,\s*"?([^",\])]+)"?/i.exec(s.slice(i));
      if (m) found = `${m[2]!.toUpperCase()}:${m[3]!.trim().toUpperCase()}`;
    }
    i++;
  }
  return found;
}

function parseJsonCrs(crs: unknown): unknown {
  if (typeof crs !== 'string' || !crs.trim().startsWith('{')) return crs;
  try {
    return JSON.parse(crs) as unknown;
  } catch {
    return crs;
  }
}

interface ProjJson {
  type?: string;
  name?: string;
  id?: { authority?: string; code?: number | string };
  ids?: { authority?: string; code?: number | string }[];
  coordinate_system?: { subtype?: string };
  components?: unknown[];
  source_crs?: unknown;
}

/** The CRS's authority code ("EPSG:32618", "OGC:CRS84"), or null where none can be read. */
export function crsAuthority(crs: unknown): string | null {
  crs = parseJsonCrs(crs);
  if (crs === null || crs === undefined) return null;
  if (typeof crs === 'string') return isWkt(crs) ? codeOfWkt(crs) : codeOfString(crs);
  if (typeof crs === 'object') {
    const o = crs as ProjJson;
    const id = o.id ?? o.ids?.[0];
    if (id?.authority && id.code !== undefined) return `${String(id.authority).toUpperCase()}:${String(id.code).toUpperCase()}`;
  }
  return null;
}

/** Whether a CRS as a file gives it (PROJJSON, WKT, "EPSG:n", a URN) is longitude/latitude, projected, or unknown. */
export function crsKind(crs: unknown): 'geographic' | 'projected' | null {
  crs = parseJsonCrs(crs);
  if (crs === null || crs === undefined) return null;
  if (typeof crs === 'string') {
    const t = crs.trim();
    if (/^(GEOGCS|GEOGCRS|GEOGRAPHICCRS)\s*\[/i.test(t)) return 'geographic';
    if (/^(PROJCS|PROJCRS|PROJECTEDCRS)\s*\[/i.test(t)) return 'projected';
    const code = crsAuthority(t);
    if (!code) return null;
    if (GEOGRAPHIC.has(code)) return 'geographic';
    return projectedCode(code) ? 'projected' : null;
  }
  if (typeof crs === 'object') {
    const o = crs as ProjJson;
    if (o.type === 'GeographicCRS') return 'geographic';
    if (o.type === 'ProjectedCRS') return 'projected';
    if (o.type === 'GeodeticCRS') return o.coordinate_system?.subtype === 'ellipsoidal' ? 'geographic' : null;
    if (o.type === 'CompoundCRS' && Array.isArray(o.components)) return crsKind(o.components[0]);
    if (o.type === 'BoundCRS') return crsKind(o.source_crs);
    const code = crsAuthority(o);
    if (code) return crsKind(code);
  }
  return null;
}

/** Whether the CRS is WGS84 longitude/latitude (OGC:CRS84 or EPSG:4326: GeoParquet's and GeoJSON's default). */
export function isWgs84LonLat(crs: unknown): boolean {
  const code = crsAuthority(crs);
  return code !== null && WGS84.has(code);
}

/** The CRS in a few words, for messages. */
export function crsLabel(crs: unknown): string {
  crs = parseJsonCrs(crs);
  if (crs === null || crs === undefined) return 'none recorded';
  const code = crsAuthority(crs);
  const name = typeof crs === 'object' ? (crs as ProjJson).name : typeof crs === 'string' && isWkt(crs) ? /^\s*\w+\s*[[(]\s*"([^"]*)"/.exec(crs)?.[1] : undefined;
  if (code) return name ? `${code} (${name})` : code;
  if (name) return name;
  return typeof crs === 'string' ? crs.split('\n')[0]!.slice(0, 80) : JSON.stringify(crs).slice(0, 80);
}

/** The fields of FlatGeobuf's Crs table for a CRS, or null for none. */
export interface FgbCrs {
  org?: string;
  code?: number;
  name?: string;
  wkt?: string;
  codeString?: string;
}

export function fgbCrs(crs: unknown): FgbCrs | null {
  crs = parseJsonCrs(crs);
  if (crs === null || crs === undefined) return null;
  const out: FgbCrs = {};
  const code0 = crsAuthority(crs);
  const code = code0 === 'OGC:CRS84' ? 'EPSG:4326' : code0; /* what GDAL writes for WGS84 longitude/latitude */
  if (code) {
    const [org, c] = code.split(':') as [string, string];
    if (/^\d+$/.test(c)) {
      out.org = org;
      out.code = Number(c);
    } else out.codeString = code;
  }
  if (typeof crs === 'string' && isWkt(crs)) out.wkt = crs;
  else if (typeof crs === 'object' && typeof (crs as ProjJson).name === 'string') out.name = (crs as ProjJson).name!;
  else if (typeof crs === 'string' && !code) out.name = crs;
  return out;
}

/** How a source CRS is recorded in an output format: the value for WriteOptions.crs, and a note when it cannot be kept whole. */
export function crsForFormat(format: FileFormat, crs: unknown): { crs: unknown; note: string | null } {
  crs = parseJsonCrs(crs);
  const known = crs !== null && crs !== undefined;
  switch (format) {
    case 'geoparquet':
      if (!known) return { crs: null, note: null };
      if (isWgs84LonLat(crs)) return { crs: undefined, note: null };
      if (typeof crs === 'object') return { crs, note: null };
      return {
        crs: null,
        note: `the input's CRS ${crsLabel(crs)} is not PROJJSON, the only form GeoParquet records; it is written as unknown (crs: null), not as longitude/latitude`,
      };
    case 'flatgeobuf': {
      if (!known) return { crs: undefined, note: null };
      const f = fgbCrs(crs);
      const lost = f && f.org === undefined && f.codeString === undefined && f.wkt === undefined;
      return { crs, note: lost ? `the input's CRS ${crsLabel(crs)} has no code and no WKT; FlatGeobuf records only its name` : null };
    }
    case 'arrow':
      return { crs: known ? crs : undefined, note: null };
    case 'geojson':
    case 'geojsonseq': {
      if (!known || isWgs84LonLat(crs) || crsKind(crs) === 'geographic') return { crs: undefined, note: null };
      const code = crsAuthority(crs);
      if (format === 'geojson' && code) {
        return { crs: code, note: `GeoJSON (RFC 7946) is longitude/latitude; the coordinates are kept in ${crsLabel(crs)}, recorded in the legacy "crs" member (GDAL reads it)` };
      }
      return { crs: undefined, note: `GeoJSON (RFC 7946) is longitude/latitude; the coordinates are kept in ${crsLabel(crs)}, which the file cannot record` };
    }
  }
  return { crs: known ? crs : undefined, note: null };
}

/** The start of a GeoJSON FeatureCollection, with the legacy "crs" member when the CRS is not longitude/latitude and has a code ("EPSG:3857" -> urn:ogc:def:crs:EPSG::3857). */
export function geojsonHead(crs: unknown): string {
  crs = parseJsonCrs(crs);
  const code = crs === null || crs === undefined || crsKind(crs) === 'geographic' ? null : crsAuthority(crs);
  if (!code || WGS84.has(code)) return '{"type":"FeatureCollection","features":[\n';
  const [org, c] = code.split(':') as [string, string];
  return `{"type":"FeatureCollection","crs":${JSON.stringify({ type: 'name', properties: { name: `urn:ogc:def:crs:${org}::${c}` } })},"features":[\n`;
}

/** WriteOptions.crs for GeoParquet: PROJJSON (object or its text), null (unknown), or a WGS84 longitude/latitude code (left out: the default). */
export function parquetCrs(crs: unknown): unknown {
  if (crs === undefined || crs === null) return crs;
  const c = parseJsonCrs(crs);
  if (typeof c === 'object') return c;
  if (isWgs84LonLat(c)) return undefined;
  throw new GeovecError(
    `geovec: writeFile: GeoParquet records a CRS as PROJJSON; ${crsLabel(c)} is not (pass the PROJJSON object, or null for an unknown CRS)`,
  );
}
