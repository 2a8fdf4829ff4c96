/**
 * Suite "shape" (workload W7, shape rows): centroid, pointOnSurface and
 * convexHull of the 3,230 US counties; simplify of the 4,596 ne-admin1
 * provinces at 0.01° with and without preserveTopology; simplify of Brazil
 * (tg-shapes) in both modes. geovec against geos-wasm (GEOSGetCentroid,
 * GEOSPointOnSurface, GEOSConvexHull, GEOSSimplify,
 * GEOSTopologyPreserveSimplify on geometries read beforehand), turf
 * (centroid, pointOnFeature, convex, simplify) and JSTS. Also lineMerge of
 * the counties' rings cut into pieces of 8 segments (GEOSLineMerge, JSTS
 * LineMerger) and concaveHull(ratio 0.2) of the counties' vertices
 * (GEOSConcaveHull; turf concave, a different rule, on the first 200).
 * Parsing is outside the clock everywhere; building the result geometries
 * is inside it.
 */
import { centroid as turfCentroid, concave as turfConcave, convex as turfConvex, explode as turfExplode, pointOnFeature, simplify as turfSimplify } from '@turf/turf';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import DouglasPeuckerSimplifier from 'jsts/org/locationtech/jts/simplify/DouglasPeuckerSimplifier.js';
import TopologyPreservingSimplifier from 'jsts/org/locationtech/jts/simplify/TopologyPreservingSimplifier.js';
import 'jsts/org/locationtech/jts/monkey.js';
import * as gv from '../../src/ts/index.js';
import { dataBytes, geojsonDataset } from '../data.js';
import type { BenchCase, Row, Suite } from '../harness.js';
import { geosRead } from './predicates.js';

const COUNTIES = 'us-counties.geojson';
const PROVINCES = 'ne-admin1-10m.geojson';
const SHAPES = 'tg-shapes.geojson';
const TOL = 0.01;
/** Samples for the slower libraries on the provinces (the first N). */
const SLOW = 500;

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function features(name: string): Feature[] {
  return (JSON.parse(new TextDecoder().decode(dataBytes(name))) as { features: Feature[] }).features;
}

/** Each county's rings cut into lines of 8 segments, as one MultiLineString per county. */
function countyPieces(fs: Feature[]): Feature[] {
  return fs.map((f) => {
    const g = f.geometry;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
    const lines: number[][][] = [];
    for (const poly of polys)
      for (const ring of poly)
        for (let k = 0; k + 1 < ring.length; k += 8) lines.push(ring.slice(k, Math.min(k + 9, ring.length)));
    return { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } };
  });
}
const HULL_RATIO = 0.2;
const TURF_CONCAVE = 200;

function brazil(): Feature {
  const f = features(SHAPES).find((x) => x.properties.name === 'Brazil');
  if (!f) throw new Error(`${SHAPES} has no Brazil`);
  return f;
}

interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array };
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  [name: string]: unknown;
}
let geosPromise: Promise<Geos> | null = null;
function loadGeos(): Promise<Geos> {
  geosPromise ??= (import('geos-wasm') as unknown as Promise<{ default: () => Promise<Geos> }>).then((m) => m.default());
  return geosPromise;
}
const GROUPS = [
  { id: 'centroid', title: 'centroid of 3,230 counties', ref: 'centroid.geovec' },
  { id: 'pos', title: 'pointOnSurface of 3,230 counties', ref: 'pos.geovec' },
  { id: 'hull', title: 'convexHull of 3,230 counties', ref: 'hull.geovec' },
  { id: 'dp', title: 'simplify(0.01°, preserveTopology: false) of 4,596 provinces', ref: 'dp.geovec' },
  { id: 'tp', title: 'simplify(0.01°) (topology-preserving) of 4,596 provinces', ref: 'tp.geovec' },
  { id: 'bdp', title: 'simplify(0.01°, preserveTopology: false) of Brazil', ref: 'bdp.geovec' },
  { id: 'btp', title: 'simplify(0.01°) (topology-preserving) of Brazil', ref: 'btp.geovec' },
  { id: 'merge', title: 'lineMerge of 3,230 counties cut into 8-segment lines', ref: 'merge.geovec' },
  { id: 'concave', title: 'concaveHull(ratio 0.2) of 3,230 counties', ref: 'concave.geovec' },
];

function geovecCases(): BenchCase[] {
  const counties = geojsonDataset(COUNTIES);
  const provinces = geojsonDataset(PROVINCES);
  const C = gv.fromWKB(counties.packed);
  const P = gv.fromWKB(provinces.packed);
  const B = gv.fromGeoJSON([brazil() as never]);
  const bv = gv.numPoints(B)[0]!;
  const M = gv.fromGeoJSON(countyPieces(features(COUNTIES)) as never);
  const mk = (id: string, label: string, n: number, coords: number, run: () => gv.GeometryArray): BenchCase => ({
    id: `${id}.geovec`, label, lib: 'geovec', group: id, geovec: true, bytes: coords * 16, unit: 'MB/s', items: n,
    run: () => run().dispose(),
    check: () => {
      const r = run();
      const nulls = r.typeCodes.filter((t) => t === 0).length;
      r.dispose();
      return `${n} results, ${nulls} null`;
    },
  });
  return [
    mk('centroid', 'centroid(counties)', counties.count, counties.coordinates, () => gv.centroid(C)),
    mk('pos', 'pointOnSurface(counties)', counties.count, counties.coordinates, () => gv.pointOnSurface(C)),
    mk('hull', 'convexHull(counties)', counties.count, counties.coordinates, () => gv.convexHull(C)),
    mk('dp', 'simplify(provinces, 0.01, DP)', provinces.count, provinces.coordinates, () => gv.simplify(P, TOL, { preserveTopology: false })),
    mk('tp', 'simplify(provinces, 0.01)', provinces.count, provinces.coordinates, () => gv.simplify(P, TOL)),
    mk('bdp', 'simplify(Brazil, 0.01, DP)', 1, bv, () => gv.simplify(B, TOL, { preserveTopology: false })),
    mk('btp', 'simplify(Brazil, 0.01)', 1, bv, () => gv.simplify(B, TOL)),
    mk('merge', 'lineMerge(county pieces)', counties.count, counties.coordinates, () => gv.lineMerge(M)),
    mk('concave', 'concaveHull(counties, { ratio: 0.2 })', counties.count, counties.coordinates, () => gv.concaveHull(C, { ratio: HULL_RATIO })),
  ];
}

async function otherCases(): Promise<BenchCase[]> {
  const geos = await loadGeos();
  const counties = geojsonDataset(COUNTIES);
  const provinces = geojsonDataset(PROVINCES);
  const gC = counties.wkb.map((w) => geosRead(geos, w));
  const gP = provinces.wkb.map((w) => geosRead(geos, w));
  const bf = brazil();
  const bWkb = gv.toWKB(gv.fromGeoJSON([bf as never]))[0]!;
  const gB = [geosRead(geos, bWkb)];
  const bv = gv.numPoints(gv.fromGeoJSON([bf as never]))[0]!;
  const geosLib = 'geos-wasm 3.13';
  const geosRun = (fn: string, gs: number[], ...args: number[]) => () => {
    const f = geos[fn] as (...a: number[]) => number;
    for (const g of gs) geos.GEOSGeom_destroy(f(g, ...args));
  };
  const fC = features(COUNTIES);
  const fP = features(PROVINCES);
  const gM = gv.toWKB(gv.fromGeoJSON(countyPieces(fC) as never)).map((w) => geosRead(geos, w));
  const pC = fC.slice(0, TURF_CONCAVE).map((f) => turfExplode(f as never));
  const concaveCoords = counties.wkb.slice(0, TURF_CONCAVE).reduce((n, w) => n + (w.length - 9) / 16, 0);
  const reader = new GeoJSONReader(new GeometryFactory());
  const jC = fC.map((f) => reader.read(f.geometry));
  const jP = fP.slice(0, SLOW).map((f) => reader.read(f.geometry));
  const jB = [reader.read(bf.geometry)];
  const provSlowCoords = provinces.wkb.slice(0, SLOW).reduce((n, w) => n + (w.length - 9) / 16, 0);
  type J = { getCentroid(): unknown; getInteriorPoint(): unknown; convexHull(): unknown };
  const common = (group: string, lib: string, n: number, coords: number, run: () => unknown, label: string, backend = 'js'): BenchCase => ({
    id: `${group}.${lib.split(' ')[0]}`, label, lib, group, geovec: false, backend, bytes: coords * 16, unit: 'MB/s', items: n, run,
  });
  const cc = counties.coordinates, pc = provinces.coordinates;
  return [
    common('centroid', geosLib, counties.count, cc, geosRun('GEOSGetCentroid', gC), 'GEOSGetCentroid', 'wasm'),
    common('centroid', 'turf 7.4', counties.count, cc, () => fC.forEach((f) => turfCentroid(f as never)), 'centroid (vertex mean)'),
    common('centroid', 'jsts 2.12', counties.count, cc, () => jC.forEach((g) => (g as J).getCentroid()), 'getCentroid'),
    common('pos', geosLib, counties.count, cc, geosRun('GEOSPointOnSurface', gC), 'GEOSPointOnSurface', 'wasm'),
    common('pos', 'turf 7.4', counties.count, cc, () => fC.forEach((f) => pointOnFeature(f as never)), 'pointOnFeature'),
    common('pos', 'jsts 2.12', counties.count, cc, () => jC.forEach((g) => (g as J).getInteriorPoint()), 'getInteriorPoint'),
    common('hull', geosLib, counties.count, cc, geosRun('GEOSConvexHull', gC), 'GEOSConvexHull', 'wasm'),
    common('hull', 'turf 7.4', counties.count, cc, () => fC.forEach((f) => turfConvex(f as never)), 'convex'),
    common('hull', 'jsts 2.12', counties.count, cc, () => jC.forEach((g) => (g as J).convexHull()), 'convexHull'),
    common('dp', geosLib, provinces.count, pc, geosRun('GEOSSimplify', gP, TOL), 'GEOSSimplify', 'wasm'),
    common('dp', 'turf 7.4', SLOW, provSlowCoords, () => fP.slice(0, SLOW).forEach((f) => turfSimplify(f as never, { tolerance: TOL, highQuality: true })), `simplify(highQuality), first ${SLOW}`),
    common('dp', 'jsts 2.12', SLOW, provSlowCoords, () => jP.forEach((g) => DouglasPeuckerSimplifier.simplify(g, TOL)), `DouglasPeuckerSimplifier, first ${SLOW}`),
    common('tp', geosLib, provinces.count, pc, geosRun('GEOSTopologyPreserveSimplify', gP, TOL), 'GEOSTopologyPreserveSimplify', 'wasm'),
    common('tp', 'jsts 2.12', SLOW, provSlowCoords, () => jP.forEach((g) => TopologyPreservingSimplifier.simplify(g, TOL)), `TopologyPreservingSimplifier, first ${SLOW}`),
    common('bdp', geosLib, 1, bv, geosRun('GEOSSimplify', gB, TOL), 'GEOSSimplify', 'wasm'),
    common('bdp', 'turf 7.4', 1, bv, () => turfSimplify(bf as never, { tolerance: TOL, highQuality: true }), 'simplify(highQuality)'),
    common('bdp', 'jsts 2.12', 1, bv, () => DouglasPeuckerSimplifier.simplify(jB[0], TOL), 'DouglasPeuckerSimplifier'),
    common('btp', geosLib, 1, bv, geosRun('GEOSTopologyPreserveSimplify', gB, TOL), 'GEOSTopologyPreserveSimplify', 'wasm'),
    common('btp', 'jsts 2.12', 1, bv, () => TopologyPreservingSimplifier.simplify(jB[0], TOL), 'TopologyPreservingSimplifier'),
    common('merge', geosLib, counties.count, cc, geosRun('GEOSLineMerge', gM), 'GEOSLineMerge', 'wasm'),
    common('concave', geosLib, counties.count, cc, geosRun('GEOSConcaveHull', gC, HULL_RATIO, 0), 'GEOSConcaveHull', 'wasm'),
    common('concave', 'turf 7.4', TURF_CONCAVE, concaveCoords, () => pC.forEach((p) => turfConcave(p as never, { maxEdge: 5 })), `concave (maxEdge 5 km: another rule), first ${TURF_CONCAVE}`),
  ];
}

export const suite: Suite = {
  name: 'shape',
  title: 'W7: shape operations (centroid, pointOnSurface, convexHull, simplify, lineMerge, concaveHull)',
  description: [
    `Inputs: the 3,230 US counties (\`${COUNTIES}\`), the 4,596 Natural Earth provinces (\`${PROVINCES}\`, 1.3M vertices) and Brazil (39,914 vertices, \`${SHAPES}\`).`,
    'geovec runs one call over the whole array; geos-wasm runs the GEOS C function per geometry on geometries read beforehand (results destroyed inside the clock);',
    `turf and JSTS run per feature on objects read beforehand (turf and JSTS simplify on the first ${SLOW} provinces: compare per geometry).`,
    "turf's centroid is the mean of the vertices, not the area centroid; turf's simplify is Douglas-Peucker (highQuality) without topology.",
    "lineMerge input: each county's rings cut into lines of 8 segments (one MultiLineString per county). turf's concave (maxEdge 5 km) is a different rule from GEOS's ConcaveHull, on the first 200 counties.",
    'Throughput counts 16 bytes per input vertex. Targets (one thread): centroid, pointOnSurface, convexHull ≥ 20× geos-wasm; simplify ≥ 10× geos-wasm in both modes and ≥ 5× turf.',
  ].join('\n'),
  groups: GROUPS,
  variants: [{ backend: 'native', threads: 1 }, { backend: 'native' }, { backend: 'wasm' }],
  summary: (rows: Row[]) => {
    const out: string[] = [];
    for (const g of GROUPS) {
      const ours = rows.find((r) => r.group === g.id && r.lib === 'geovec' && r.backend === 'native' && r.threads === 1);
      for (const lib of ['geos-wasm 3.13', 'turf 7.4']) {
        const other = rows.find((r) => r.group === g.id && r.lib === lib);
        if (ours?.nsPerItem && other?.nsPerItem) out.push(`${g.title}: geovec (native, 1 thread) is ${(other.nsPerItem / ours.nsPerItem).toFixed(1)}× ${lib} per geometry`);
      }
    }
    return out;
  },
  cases: (ctx) => (ctx.geovec ? geovecCases() : otherCases()),
};
