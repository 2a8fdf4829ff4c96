/**
 * Suite "measures" (workload W6, planar rows): measures on the 3,230 US
 * counties and the 44,691 world cities (../shared/data).
 *
 *  W6a  area + length of every county.
 *  W6b  distance from every city to its nearest 10m country: the nearest
 *       country found with SpatialIndex.nearest (index built outside the
 *       clock), and the pairwise distance(city, that country), unprepared.
 *  W6c  one prepared country (Brazil, 10m) against every city: distance and
 *       dwithin(d = 1 degree).
 *  W6d  transform of every county vertex through a JS function (a Web
 *       Mercator projection, whole columns in one call).
 *
 * geovec against geos-wasm (GEOSArea, GEOSLength, GEOSDistance,
 * GEOSPreparedDistance, GEOSPreparedDistanceWithin), turf (area, length,
 * pointToLineDistance; spherical, in km: not the same quantity, for speed
 * only) and JSTS (getArea, getLength, distance). Slower libraries run on
 * samples (the size is in the case name): compare per item.
 */
import { area as turfArea, coordEach, length as turfLength, lineString, pointToLineDistance, polygonToLine } from '@turf/turf';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import 'jsts/org/locationtech/jts/monkey.js'; /* Geometry.distance and the other operation methods */
import * as gv from '../../src/ts/index.js';
import { dataBytes } from '../data.js';
import type { BenchCase, Suite } from '../harness.js';

const COUNTIES = 'us-counties.geojson';
const CITIES = 'world-cities.geojson';
const COUNTRIES = 'ne-countries-10m.geojson';
const COUNTRY = 'Brazil';
const D = 1;
/** One-thread targets as ratios to geos-wasm (issue 10). */
const TARGET_AREA = 20;
const TARGET_PAIRWISE = 10;
const TARGET_PREPARED = 20;
/** Samples for the slower libraries. */
/** Every k-th city, so that the sample looks like the whole set. */
const GEOS_CITIES = 4000;
const TURF_CITIES = 20;
const JSTS_CITIES = 500;

interface Geometry {
  type: string;
  coordinates: unknown;
}
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: Geometry;
}
const features = (name: string) => (JSON.parse(new TextDecoder().decode(dataBytes(name))) as { features: Feature[] }).features;

interface Geos {
  Module: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array; HEAPF64: Float64Array };
  GEOSversion(): string;
  GEOSGeomFromWKB_buf(p: number, n: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSArea(g: number, out: number): number;
  GEOSLength(g: number, out: number): number;
  GEOSDistance(a: number, b: number, out: number): number;
  GEOSPrepare(g: number): number;
  GEOSPreparedGeom_destroy(p: number): void;
  GEOSPreparedDistance(p: number, g: number, out: number): number;
  GEOSPreparedDistanceWithin(p: number, g: number, d: number): number;
}
let geosPromise: Promise<Geos> | null = null;
const loadGeos = () => (geosPromise ??= (import('geos-wasm') as unknown as Promise<{ default: () => Promise<Geos> }>).then((m) => m.default()));

/** The shared inputs, parsed once per process with geovec (the data, not the timed work). */
interface Workload {
  counties: gv.GeometryArray;
  countyFeatures: Feature[];
  countyCoords: number;
  cities: gv.GeometryArray;
  cityXY: [Float64Array, Float64Array];
  countries: gv.GeometryArray;
  countryFeatures: Feature[];
  country: number;
  /** The nearest country of each city (SpatialIndex.nearest), and the distance. */
  nearest: Int32Array;
  /** The cities the slower libraries see: every k-th, GEOS_CITIES of them. */
  sampleIdx: Int32Array;
  nearestDistance: Float64Array;
}
let cached: Workload | null = null;
function workload(): Workload {
  if (cached) return cached;
  const countyFeatures = features(COUNTIES);
  const countryFeatures = features(COUNTRIES);
  const counties = gv.fromGeoJSON(dataBytes(COUNTIES));
  const cities = gv.fromGeoJSON(dataBytes(CITIES));
  const countries = gv.fromGeoJSON(dataBytes(COUNTRIES));
  const country = countryFeatures.findIndex((f) => f.properties.name === COUNTRY);
  if (country < 0) throw new Error(`${COUNTRIES} has no ${COUNTRY}`);
  const xs = gv.getX(cities);
  const ys = gv.getY(cities);
  const nn = new gv.SpatialIndex(countries).nearest(xs, ys);
  const nearest = new Int32Array(cities.length).fill(-1);
  const nearestDistance = new Float64Array(cities.length).fill(NaN);
  nn.left.forEach((l, k) => {
    nearest[l] = nn.right[k]!;
    nearestDistance[l] = nn.distance[k]!;
  });
  const stride = Math.max(1, Math.floor(cities.length / GEOS_CITIES));
  const sampleIdx = Int32Array.from({ length: Math.min(GEOS_CITIES, cities.length) }, (_, k) => k * stride);
  return (cached = { counties, countyFeatures, countyCoords: gv.countCoordinates(counties), cities, cityXY: [xs, ys], countries, countryFeatures, country, nearest, nearestDistance, sampleIdx });
}

/** Per-item agreement within 1e-12 relative (absolute below 1). */
function agree(what: string, got: ArrayLike<number>, want: ArrayLike<number>): string {
  let bad = 0;
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const g = got[i]!, w = want[i]!;
    if (!(Math.abs(g - w) <= 1e-12 * Math.max(1, Math.abs(w))) && !(Number.isNaN(g) && Number.isNaN(w))) bad++;
  }
  if (bad) throw new Error(`${what}: ${bad} of ${n} values differ from GEOS`);
  return `${n} values agree with GEOS`;
}

/** GEOS's answers (and geometries), made once per process. */
async function geosAnswers(w: Workload) {
  const geos = await loadGeos();
  const read = (wkb: Uint8Array) => {
    const p = geos.Module._malloc(wkb.length);
    geos.Module.HEAPU8.set(wkb, p);
    const g = geos.GEOSGeomFromWKB_buf(p, wkb.length);
    geos.Module._free(p);
    return g;
  };
  const out = geos.Module._malloc(8);
  const num = (f: () => number) => (f() === 1 ? geos.Module.HEAPF64[out >> 3]! : NaN);
  const counties = gv.toWKB(w.counties).map((b) => read(b!));
  const countries = gv.toWKB(w.countries).map((b) => read(b!));
  const cityWkb = gv.toWKB(w.cities.take(w.sampleIdx));
  const cities = cityWkb.map((b) => read(b!));
  const area = Float64Array.from(counties, (g) => num(() => geos.GEOSArea(g, out)));
  const length = Float64Array.from(counties, (g) => num(() => geos.GEOSLength(g, out)));
  const pairwise = Float64Array.from(cities, (g, i) => num(() => geos.GEOSDistance(g, countries[w.nearest[w.sampleIdx[i]!]!]!, out)));
  const prepared = geos.GEOSPrepare(countries[w.country]!);
  const toCountry = Float64Array.from(cities, (g) => num(() => geos.GEOSPreparedDistance(prepared, g, out)));
  const within = Uint8Array.from(cities, (g) => geos.GEOSPreparedDistanceWithin(prepared, g, D));
  return { geos, out, num, counties, countries, cities, area, length, pairwise, prepared, toCountry, within };
}

const coordBytes = (coords: number) => coords * 16;

function geovecCases(): BenchCase[] {
  const w = workload();
  const nCities = w.cities.length;
  const countryCoords = gv.countCoordinates(w.countries.take([w.country]));
  let answers: Awaited<ReturnType<typeof geosAnswers>> | null = null;
  let pairs: gv.GeometryArray | null = null;
  let sample: gv.GeometryArray | null = null;
  let prepared: gv.GeometryArray | null = null;
  let index: gv.SpatialIndex | null = null;
  const mercator = (xs: Float64Array, ys: Float64Array) => {
    const R = 6378137;
    const X = new Float64Array(xs.length);
    const Y = new Float64Array(ys.length);
    for (let i = 0; i < xs.length; i++) {
      X[i] = (R * xs[i]! * Math.PI) / 180;
      Y[i] = R * Math.log(Math.tan(Math.PI / 4 + (ys[i]! * Math.PI) / 360));
    }
    return [X, Y];
  };
  return [
    {
      id: 'w6a.geovec',
      label: 'area + length, 3,230 counties',
      lib: 'geovec',
      group: 'w6a',
      geovec: true,
      unit: 'MB/s',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      setup: async () => {
        answers ??= await geosAnswers(w);
      },
      run: () => [gv.area(w.counties), gv.length(w.counties)],
      check: () => `${agree('area', gv.area(w.counties), answers!.area)}; ${agree('length', gv.length(w.counties), answers!.length)}`,
    },
    {
      id: 'w6b.geovec.nearest',
      label: `SpatialIndex.nearest, ${nCities.toLocaleString('en-US')} cities -> 254 countries`,
      lib: 'geovec',
      group: 'w6b',
      geovec: true,
      unit: 'MB/s',
      bytes: nCities * 16,
      items: nCities,
      setup: () => {
        index = new gv.SpatialIndex(w.countries);
      },
      run: () => index!.nearest(w.cityXY[0], w.cityXY[1]),
      note: 'W6b nearest: the index over the country boxes is built outside the clock; each city is a best-first search refined with exact point-to-country distances.',
    },
    {
      id: 'w6b.geovec.pairwise',
      label: `distance(city, its nearest country), ${GEOS_CITIES.toLocaleString('en-US')} cities`,
      lib: 'geovec',
      group: 'w6b',
      geovec: true,
      unit: 'MB/s',
      bytes: GEOS_CITIES * 16,
      items: GEOS_CITIES,
      setup: async () => {
        answers ??= await geosAnswers(w);
        sample = w.cities.take(w.sampleIdx);
        pairs = w.countries.take(Array.from(w.sampleIdx, (i) => w.nearest[i]!));
      },
      run: () => gv.distance(sample!, pairs!),
      check: () => agree('pairwise distance', gv.distance(sample!, pairs!), answers!.pairwise),
      teardown: () => {
        pairs?.dispose();
        pairs = null;
      },
      note: 'W6b pairwise: nothing prepared; each pair is a point-in-polygon test and a scan of the country\'s segments (GEOS DistanceOp semantics); the same pairs as geos-wasm.',
    },
    {
      id: 'w6c.geovec.distance',
      label: `distance(${nCities.toLocaleString('en-US')} cities, prepared ${COUNTRY})`,
      lib: 'geovec',
      group: 'w6c',
      geovec: true,
      unit: 'MB/s',
      bytes: nCities * 16,
      items: nCities,
      setup: async () => {
        answers ??= await geosAnswers(w);
        prepared = gv.prepare(w.countries.take([w.country]));
      },
      run: () => gv.distance(w.cities, prepared!.get(0)!),
      check: () => {
        const d = gv.distance(w.cities, prepared!.get(0)!);
        return agree('prepared distance', Array.from(w.sampleIdx, (i) => d[i]!), answers!.toCountry);
      },
      note: `W6c: ${COUNTRY} (${countryCoords.toLocaleString('en-US')} vertices) prepared outside the clock; per city, point location in its raster and stripes, then a branch-and-bound search of its segment index.`,
    },
    {
      id: 'w6c.geovec.dwithin',
      label: `dwithin(${nCities.toLocaleString('en-US')} cities, prepared ${COUNTRY}, ${D}°)`,
      lib: 'geovec',
      group: 'w6c',
      geovec: true,
      unit: 'MB/s',
      bytes: nCities * 16,
      items: nCities,
      run: () => gv.dwithin(w.cities, prepared!.get(0)!, D),
      check: () => {
        const all = gv.dwithin(w.cities, prepared!.get(0)!, D);
        const bad = Array.from(w.sampleIdx, (i) => all[i]!).filter((v, k) => v !== answers!.within[k]).length;
        if (bad) throw new Error(`dwithin: ${bad} answers differ from GEOS`);
        return `${GEOS_CITIES} answers agree with GEOS`;
      },
      teardown: () => {
        prepared?.dispose();
        prepared = null;
      },
    },
    {
      id: 'w6d.geovec',
      label: 'transform(counties, Web Mercator in JS)',
      lib: 'geovec',
      group: 'w6d',
      geovec: true,
      unit: 'MB/s',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      run: () => gv.transform(w.counties, mercator),
      note: 'W6d: getCoordinates, one call of the JS function on whole columns, setCoordinates (a new array); geos-wasm has no JS-callable per-coordinate transform in its C API and is left out.',
    },
  ];
}

async function otherCases(): Promise<BenchCase[]> {
  const w = workload();
  const a = await geosAnswers(w);
  const { geos, out, num } = a;
  const geosLib = `geos-wasm 3.1.1 (GEOS ${geos.GEOSversion().split('-')[0]})`;
  const reader = new GeoJSONReader(new GeometryFactory());
  const jstsCounties = w.countyFeatures.map((f) => reader.read(f.geometry));
  const cityFeatures = features(CITIES);
  const jstsCities = Array.from(w.sampleIdx.subarray(0, JSTS_CITIES), (i) => reader.read(cityFeatures[i]!.geometry));
  const jstsCountries = w.countryFeatures.map((f) => reader.read(f.geometry));
  const jstsCountry = jstsCountries[w.country]!;
  /* turf's pointToLineDistance takes one line: the country's longest ring */
  const cg = w.countryFeatures[w.country]!.geometry;
  const countryRings = (cg.type === 'Polygon' ? cg.coordinates : (cg.coordinates as number[][][][]).flat(1)) as number[][][];
  const turfCountryLine = lineString(countryRings.reduce((a, b) => (b.length > a.length ? b : a)));
  const sample = (n: number) => Math.min(n, w.cities.length);
  const countyClone = () => structuredClone({ type: 'FeatureCollection', features: w.countyFeatures });
  let turfCounties: ReturnType<typeof countyClone> | null = null;
  const common = { geovec: false, unit: 'MB/s' } as const;
  return [
    {
      ...common,
      id: 'w6a.geos',
      group: 'w6a',
      label: 'GEOSArea + GEOSLength, 3,230 counties',
      lib: geosLib,
      backend: 'wasm',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      run: () => a.counties.map((g) => num(() => geos.GEOSArea(g, out)) + num(() => geos.GEOSLength(g, out))),
      note: 'geos-wasm: geometries read from WKB outside the clock.',
    },
    {
      ...common,
      id: 'w6a.jsts',
      group: 'w6a',
      label: 'getArea + getLength, 3,230 counties',
      lib: 'jsts 2.12',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      run: () => jstsCounties.map((g) => g.getArea() + g.getLength()),
    },
    {
      ...common,
      id: 'w6a.turf',
      group: 'w6a',
      label: 'area + length (spherical), 3,230 counties',
      lib: 'turf 7',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      run: () => w.countyFeatures.map((f) => turfArea(f as never) + turfLength(polygonToLine(f as never) as never)),
      note: 'turf W6a: spherical area (m²) and length (km) of the boundary lines (polygonToLine inside the clock): not the planar figures, shown for speed only.',
    },
    {
      ...common,
      id: 'w6b.geos',
      group: 'w6b',
      label: `GEOSDistance(city, its nearest country), ${sample(GEOS_CITIES)} cities`,
      lib: geosLib,
      backend: 'wasm',
      bytes: sample(GEOS_CITIES) * 16,
      items: sample(GEOS_CITIES),
      run: () => a.cities.map((g, i) => num(() => geos.GEOSDistance(g, a.countries[w.nearest[w.sampleIdx[i]!]!]!, out))),
    },
    {
      ...common,
      id: 'w6b.jsts',
      group: 'w6b',
      label: `Geometry.distance(city, its nearest country), ${JSTS_CITIES} pairs`,
      lib: 'jsts 2.12',
      bytes: JSTS_CITIES * 16,
      items: JSTS_CITIES,
      run: () => jstsCities.map((g, i) => g.distance(jstsCountries[w.nearest[w.sampleIdx[i]!]!]!)),
    },
    {
      ...common,
      id: 'w6c.geos.distance',
      group: 'w6c',
      label: `GEOSPreparedDistance(${COUNTRY}, city), ${sample(GEOS_CITIES)} cities`,
      lib: geosLib,
      backend: 'wasm',
      bytes: sample(GEOS_CITIES) * 16,
      items: sample(GEOS_CITIES),
      run: () => a.cities.map((g) => num(() => geos.GEOSPreparedDistance(a.prepared, g, out))),
      note: 'geos-wasm W6c: the prepared geometry is made outside the clock (its facet index is built on the first call, during warm-up).',
    },
    {
      ...common,
      id: 'w6c.geos.dwithin',
      group: 'w6c',
      label: `GEOSPreparedDistanceWithin(${COUNTRY}, city, ${D}°), ${sample(GEOS_CITIES)} cities`,
      lib: geosLib,
      backend: 'wasm',
      bytes: sample(GEOS_CITIES) * 16,
      items: sample(GEOS_CITIES),
      run: () => a.cities.map((g) => geos.GEOSPreparedDistanceWithin(a.prepared, g, D)),
    },
    {
      ...common,
      id: 'w6c.jsts',
      group: 'w6c',
      label: `Geometry.distance(${COUNTRY}, city), ${JSTS_CITIES} cities`,
      lib: 'jsts 2.12',
      bytes: JSTS_CITIES * 16,
      items: JSTS_CITIES,
      run: () => jstsCities.map((g) => jstsCountry.distance(g)),
    },
    {
      ...common,
      id: 'w6c.turf',
      group: 'w6c',
      label: `pointToLineDistance(city, ${COUNTRY}'s longest ring), ${TURF_CITIES} cities`,
      lib: 'turf 7',
      bytes: TURF_CITIES * 16,
      items: TURF_CITIES,
      run: () => Array.from(w.sampleIdx.subarray(0, TURF_CITIES), (i) => pointToLineDistance(cityFeatures[i]! as never, turfCountryLine)),
      note: 'turf W6c: geodesic distance (km) to the longest ring, not 0 inside: shown for speed only. The slower libraries run on every 11th city (4,000; JSTS and turf the first 500 and 20 of those).',
    },
    {
      ...common,
      id: 'w6d.turf',
      group: 'w6d',
      label: 'coordEach (Web Mercator in place), counties',
      lib: 'turf 7',
      bytes: coordBytes(w.countyCoords),
      items: w.counties.length,
      setup: () => {
        turfCounties = countyClone();
      },
      run: () =>
        coordEach(turfCounties as never, (c) => {
          c[0] = (6378137 * c[0]! * Math.PI) / 180;
          c[1] = 6378137 * Math.log(Math.tan(Math.PI / 4 + (c[1]! * Math.PI) / 360));
        }),
      note: 'turf W6d: mutates one cloned FeatureCollection in place (the clone is made outside the clock; later samples project projected values, the same work).',
    },
  ];
}

export const suite: Suite = {
  name: 'measures',
  title: 'W6 planar measures: area, length, distance, dwithin, transform',
  description:
    'Planar measures on the 3,230 US counties and the 44,691 world cities (../shared/data). W6a: area and length of every county. W6b: the distance from every city to its nearest 10m country, found with `SpatialIndex.nearest`, and the pairwise `distance(city, that country)` with nothing prepared. W6c: one prepared country (Brazil, 10m) against every city, `distance` and `dwithin`. W6d: every county vertex through a JS function (`transform`, whole columns in one call). Targets (issue 10, one thread): area/length at least 20× geos-wasm, pairwise distance 10×, prepared distance 20×.',
  groups: [
    { id: 'w6a', title: 'W6a: area + length of 3,230 counties', ref: 'w6a.geovec' },
    { id: 'w6b', title: 'W6b: distance from each city to its nearest country', ref: 'w6b.geovec.pairwise' },
    { id: 'w6c', title: `W6c: one prepared country (${COUNTRY}) against 44,691 cities`, ref: 'w6c.geovec.distance' },
    { id: 'w6d', title: 'W6d: transform of every county vertex through a JS function', ref: 'w6d.geovec' },
  ],
  variants: [{ backend: 'native', threads: 1 }, { backend: 'native' }, { backend: 'wasm' }],
  summary: (rows) => {
    const median = (id: string, threads: number | null = 1) =>
      rows.find((r) => r.id === id && (r.backend !== 'native' || r.threads === threads))?.nsPerItem ?? null;
    const line = (what: string, ours: string, theirs: string, target: number) => {
      const a = median(ours), b = median(theirs, null);
      if (a === null || b === null) return null;
      const ratio = b / a;
      return `${what}: geovec (native, 1 thread) ${ratio.toFixed(1)}× geos-wasm per item (target ${target}×: ${ratio >= target ? 'met' : 'not met'}).`;
    };
    return [
      line('area + length', 'w6a.geovec', 'w6a.geos', TARGET_AREA),
      line('pairwise distance', 'w6b.geovec.pairwise', 'w6b.geos', TARGET_PAIRWISE),
      line('prepared distance', 'w6c.geovec.distance', 'w6c.geos.distance', TARGET_PREPARED),
      line('prepared dwithin', 'w6c.geovec.dwithin', 'w6c.geos.dwithin', TARGET_PREPARED),
    ].filter((x): x is string => x !== null);
  },
  cases: (ctx) => (ctx.geovec ? geovecCases() : otherCases()),
};
