/**
 * Lossless Arrow (issue 9, item 2): toArrow -> Arrow IPC -> fromArrow keeps
 * every element's type and dimensions.
 *
 * - Every shared data file (the GeoJSON sets and every GeoArrow IPC file in
 *   geoarrow-data) survives the round trip with identical toWKT per element.
 * - Every GeoArrow example file reads to what its WKT twin (.tsv) says, read
 *   through the ES module, the CommonJS build and apache-arrow 17 (another
 *   copy, another major version), as tables, vectors and data.
 * - Seeded random arrays of every type in XY, XYZ, XYM and XYZM, homogeneous
 *   and mixed, in every encoding (native, geometry union, WKB, WKT, box),
 *   interleaved and separated, with nulls.
 * - A geoarrow.geometry union built with apache-arrow's own builders.
 * - geoarrow.box read and written; tables without GeoArrow metadata.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import * as Arrow from 'apache-arrow';

import {
  DATA_URL,
  GeovecError,
  bounds,
  fromArrow,
  fromGeoJSON,
  fromWKT,
  geometryType,
  toArrow,
  toWKT,
  type GeoArrowEncoding,
  type GeometryArray,
  type ToArrowOptions,
} from './helpers/geovec.js';
import { GEOM_TYPES, RandomGeoms, toWkt } from './helpers/random-geoms.js';

const require = createRequire(import.meta.url);
/** The CommonJS build of the same apache-arrow: other classes than the ES module geovec imports. */
const ArrowCJS = require('apache-arrow') as typeof Arrow;
/** A second copy, another major version (npm alias apache-arrow-17). */
const Arrow17 = (() => {
  try {
    return require('apache-arrow-17') as typeof Arrow;
  } catch {
    return null;
  }
})();
const LIBS: [string, typeof Arrow][] = [
  ['esm', Arrow],
  ['cjs', ArrowCJS],
  ...(Arrow17 ? ([['arrow17', Arrow17]] as [string, typeof Arrow][]) : []),
];

/** The shared data folder: GEOVEC_DATA, shared/data beside the repository, or beside its parent (worktrees). */
const DATA = [process.env.GEOVEC_DATA ? new URL(`file://${process.env.GEOVEC_DATA.replace(/\/?$/, '/')}`) : null, DATA_URL, new URL('../../../shared/data/', import.meta.url)].find(
  (u): u is URL => u !== null && existsSync(u),
);
const GEOARROW = DATA && existsSync(new URL('geoarrow-data/', DATA)) ? new URL('geoarrow-data/', DATA) : null;
const EXT = 'ARROW:extension:name';

const extName = (t: Arrow.Table) => t.schema.fields.find((f) => f.metadata.get(EXT))?.metadata.get(EXT);

/** toArrow -> IPC stream -> fromArrow; asserts identical WKT; returns the table. */
function roundTrip(a: GeometryArray, options: ToArrowOptions, what: string): Arrow.Table {
  const t = toArrow(a, options);
  const back = fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(t, 'stream')));
  assertSameWKT(toWKT(back), toWKT(a), `${what} (${extName(t)})`);
  return t;
}

function assertSameWKT(actual: (string | null)[], expected: (string | null)[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) if (actual[i] !== expected[i]) assert.equal(actual[i], expected[i], `${what}: element ${i}`);
}

// ---- dimensions of WKT ----------------------------------------------------------

const KEYWORD = /\b(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b/g;
/** XY WKT in another dimension: tags every keyword and adds z / m ordinates that count up. */
function withDims(wkt: string | null, dims: 'xy' | 'xyz' | 'xym' | 'xyzm'): string | null {
  if (wkt === null || dims === 'xy') return wkt;
  const tag = { xyz: 'Z', xym: 'M', xyzm: 'ZM' }[dims];
  let k = 0;
  return wkt.replace(KEYWORD, `$1 ${tag}`).replace(/(-?[\d.e]+) (-?[\d.e]+)(?=[,)])/g, (_, x, y) => {
    k++;
    return dims === 'xyzm' ? `${x} ${y} ${k} ${-k}` : `${x} ${y} ${k}`;
  });
}

/** Seeded random XY WKT of one type (nested collections allowed), with nulls. */
function randomWKT(seed: number, type: (typeof GEOM_TYPES)[number] | 'mixed', n: number): (string | null)[] {
  const g = new RandomGeoms(seed, () => true);
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (g.chance(0.08)) {
      out.push(null);
      continue;
    }
    g.newGrid();
    out.push(toWkt(g.geometry(type === 'mixed' ? g.pick(GEOM_TYPES) : type)));
  }
  return out;
}

const DIMS = ['xy', 'xyz', 'xym', 'xyzm'] as const;

describe('every type in every dimension, encoding and coordinate layout', () => {
  const encodings: ToArrowOptions['encoding'][] = ['native', 'geometry', 'wkb', 'wkt'];
  for (const dims of DIMS) {
    test(`${dims}: homogeneous arrays of each type and a mixed array round-trip through IPC`, () => {
      let checked = 0;
      for (const type of [...GEOM_TYPES, 'mixed'] as const) {
        const wkt = randomWKT(1000 + GEOM_TYPES.indexOf(type as never), type, type === 'mixed' ? 300 : 120).map((w) => withDims(w, dims));
        const a = fromWKT(wkt);
        for (const encoding of encodings) {
          for (const coords of ['interleaved', 'separated'] as const) {
            const t = roundTrip(a, { encoding, coords }, `${type} ${dims} ${encoding} ${coords}`);
            checked += a.length;
            const name = extName(t);
            if (encoding === 'native') {
              const expected = type === 'mixed' ? ['geoarrow.geometry', 'geoarrow.wkb'] : type === 'GeometryCollection' ? ['geoarrow.geometrycollection', 'geoarrow.wkb'] : [`geoarrow.${type.toLowerCase()}`];
              assert.ok(expected.includes(name!), `${type} ${dims}: ${name}`);
            }
          }
        }
        /* the union for anything but nested collections */
        const flat = wkt.map((w) => (w && /GEOMETRYCOLLECTION.*GEOMETRYCOLLECTION/.test(w) ? null : w));
        const u = toArrow(fromWKT(flat));
        if (type === 'mixed') assert.equal(extName(u), 'geoarrow.geometry');
        assertSameWKT(toWKT(fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(u)))), flat, `${type} ${dims} without nested collections`);
      }
      assert.ok(checked > 8_000, `${checked} elements checked`);
    });
  }

  test('mixed dimensions in one array (XY, Z, M, ZM rows) are a union and read back', () => {
    const base = randomWKT(77, 'mixed', 400);
    const wkt = base.map((w, i) => withDims(w, DIMS[i % 4]!));
    const flat = wkt.map((w) => (w && /GEOMETRYCOLLECTION.*GEOMETRYCOLLECTION/.test(w) ? null : w));
    for (const coords of ['interleaved', 'separated'] as const) {
      const t = roundTrip(fromWKT(flat), { coords }, `mixed dimensions ${coords}`);
      assert.equal(extName(t), 'geoarrow.geometry');
      const ids = (t.schema.fields[0]!.type as Arrow.DenseUnion).typeIds;
      for (const id of ids) assert.ok([1, 2, 3, 4, 5, 6, 7].includes(id % 10) && id < 40, `type id ${id}`);
      assert.ok(ids.some((id) => id > 30) && ids.some((id) => id < 10), 'XY and XYZM type ids');
    }
  });

  test('XYM (the issue: toArrow of example_linestring-m.arrows threw in coordinateData)', (t) => {
    const file = GEOARROW && new URL('example/example_linestring-m.arrows', GEOARROW);
    if (!file || !existsSync(file)) return t.skip('no geoarrow-data');
    const a = fromArrow(Arrow.tableFromIPC(readFileSync(file)));
    assert.equal(a.dims, 'xym');
    for (const coords of ['interleaved', 'separated'] as const) {
      const table = roundTrip(a, { coords }, `linestring-m ${coords}`);
      assert.equal(extName(table), 'geoarrow.linestring');
    }
  });

  test('union type ids follow the GeoArrow spec and the children hold the rows', () => {
    const wkt = ['POINT (1 2)', 'LINESTRING Z (0 0 1, 1 1 2)', null, 'POLYGON M ((0 0 1, 1 0 1, 1 1 1, 0 0 1))', 'MULTIPOINT ZM ((1 2 3 4))', 'GEOMETRYCOLLECTION (POINT (5 6))', 'POINT (3 4)'];
    const t = toArrow(fromWKT(wkt));
    assert.equal(extName(t), 'geoarrow.geometry');
    const d = t.getChild('geometry')!.data[0]!;
    assert.equal(d.type.typeId, Arrow.Type.Union);
    assert.equal((d.type as Arrow.DenseUnion).mode, Arrow.UnionMode.Dense);
    assert.deepEqual([...(d.type as Arrow.DenseUnion).typeIds], [1, 7, 12, 23, 34]);
    assert.deepEqual([...d.typeIds], [1, 12, 1, 23, 34, 7, 1]);
    assert.deepEqual([...d.valueOffsets!], [0, 0, 1, 0, 0, 0, 2]);
    assert.equal(t.getChild('geometry')!.isValid(2), false, 'the null row is a null in a child');
    assertSameWKT(toWKT(fromArrow(t)), wkt, 'union');
  });
});

describe('geoarrow.box', () => {
  test('writes the bounds in every dimension and reads back as polygons', () => {
    const wkt = ['POLYGON ((0 0, 4 0, 4 3, 0 0))', null, 'POINT EMPTY', 'LINESTRING (-1 -2, 5 7)', 'POINT (1 1)'];
    const t = toArrow(fromWKT(wkt), { encoding: 'box' });
    assert.equal(extName(t), 'geoarrow.box');
    const d = t.getChild('geometry')!.data[0]!;
    assert.deepEqual(d.type.children.map((f) => f.name), ['xmin', 'ymin', 'xmax', 'ymax']);
    assert.deepEqual([...(d.children[0]!.values as Float64Array)].slice(0, 5), [0, NaN, Infinity, -1, 1]);
    assert.deepEqual(toWKT(fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(t)))), [
      'POLYGON ((0 0, 4 0, 4 3, 0 3, 0 0))',
      null,
      'POLYGON EMPTY',
      'POLYGON ((-1 -2, 5 -2, 5 7, -1 7, -1 -2))',
      'POLYGON ((1 1, 1 1, 1 1, 1 1, 1 1))',
    ]);
    for (const dims of ['xyz', 'xym', 'xyzm'] as const) {
      const z = toArrow(fromWKT(['LINESTRING (0 0, 1 1)', null].map((w) => withDims(w, dims))), { encoding: 'box' });
      const names = z.getChild('geometry')!.data[0]!.type.children.map((f) => f.name);
      const extra = [...dims.slice(2)];
      assert.deepEqual(names, ['xmin', 'ymin', ...extra.map((c) => `${c}min`), 'xmax', 'ymax', ...extra.map((c) => `${c}max`)]);
      const cols = z.getChild('geometry')!.data[0]!.children.map((c) => (c.values as Float64Array)[0]);
      assert.deepEqual(cols, dims === 'xyzm' ? [0, 0, 1, -2, 1, 1, 2, -1] : [0, 0, 1, 1, 1, 2]);
      assert.deepEqual(toWKT(fromArrow(z)), ['POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))', null]);
    }
  });

  test('a box crossing the antimeridian (xmin > xmax) reads as two boxes split at 180', () => {
    const type = new Arrow.Struct(['xmin', 'ymin', 'xmax', 'ymax'].map((n) => new Arrow.Field(n, new Arrow.Float64(), false)));
    const col = (v: number) => Arrow.makeData({ type: new Arrow.Float64(), length: 1, data: Float64Array.of(v) });
    const d = Arrow.makeData({ type, length: 1, children: [col(170), col(-10), col(-170), col(10)] });
    assert.deepEqual(toWKT(fromArrow(d, { encoding: 'geoarrow.box' })), ['MULTIPOLYGON (((170 -10, 180 -10, 180 10, 170 10, 170 -10)), ((-180 -10, -170 -10, -170 10, -180 10, -180 -10)))']);
  });

  test('quadrangles_100k_box.arrows and countries-bounds_box.arrows agree with their polygon twins', (t) => {
    if (!GEOARROW) return t.skip('no geoarrow-data');
    for (const [box, poly, crossing] of [
      ['quadrangles/quadrangles_100k_box.arrows', 'quadrangles/quadrangles_100k.arrows', 0],
      ['natural-earth/natural-earth_countries-bounds_box.arrows', 'natural-earth/natural-earth_countries-bounds.arrows', 2],
    ] as const) {
      const b = fromArrow(Arrow.tableFromIPC(readFileSync(new URL(box, GEOARROW))));
      const p = fromArrow(Arrow.tableFromIPC(readFileSync(new URL(poly, GEOARROW))));
      assert.equal(b.length, p.length);
      const [bb, pb] = [bounds(b), bounds(p)];
      /* the box files were computed separately: the values agree to the last bits (some differ by an ulp) */
      let differ = 0;
      for (let i = 0; i < b.length; i++) if ([0, 1, 2, 3].some((k) => Math.abs(bb[4 * i + k]! - pb[4 * i + k]!) > 1e-12)) differ++;
      assert.equal(differ, 0, `${box}: boxes whose bounds differ from the polygons'`);
      /* boxes crossing the antimeridian read as two boxes, like the countries they bound */
      assert.equal([...geometryType(b)].filter((c) => c === 6).length, crossing, `${box}: boxes crossing the antimeridian`);
      /* writing the boxes again gives the same struct values */
      const again = toArrow(p, { encoding: 'box' }).getChild('geometry')!.data[0]!;
      assert.equal(again.length, p.length);
    }
  });
});

describe('the shared data survives toArrow -> IPC -> fromArrow', () => {
  const geojson = DATA ? readdirSync(DATA).filter((f) => f.endsWith('.geojson')).sort() : [];
  test('the data folder is there', (t) => {
    if (!DATA) return t.skip('no shared data folder (set GEOVEC_DATA)');
    assert.ok(geojson.length > 0);
  });
  for (const name of geojson) {
    test(`${name}: identical toWKT, lossless by default and with promote`, () => {
      const a = fromGeoJSON(readFileSync(new URL(name, DATA)));
      const t = roundTrip(a, {}, name);
      const codes = new Set(geometryType(a));
      if (codes.size > 1) assert.equal(extName(t), 'geoarrow.geometry', `${name} mixes types`);
      roundTrip(a, { coords: 'separated' }, `${name} separated`);
      /* promote writes one multi encoding; reading it back changes only single -> multi */
      if (codes.has(3) && codes.has(6) && codes.size === 2) {
        const p = toArrow(a, { promote: true });
        assert.equal(extName(p), 'geoarrow.multipolygon');
        const back = fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(p)));
        assert.ok([...geometryType(back)].every((c) => c === 6));
      }
    });
  }
  if (name_counties()) {
    test('us-counties: 3,120 Polygons and 110 MultiPolygons come back as such (the issue)', () => {
      const a = fromGeoJSON(readFileSync(new URL('us-counties.geojson', DATA)));
      const back = fromArrow(Arrow.tableFromIPC(Arrow.tableToIPC(toArrow(a))));
      const codes = [...geometryType(back)];
      assert.equal(codes.filter((c) => c === 3).length, 3120);
      assert.equal(codes.filter((c) => c === 6).length, 110);
    });
  }

  const arrows = GEOARROW ? readdirSync(GEOARROW, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.arrows')).sort() : [];
  test(`every GeoArrow IPC file (${arrows.length}) round-trips, in every encoding`, (t) => {
    if (!GEOARROW) return t.skip('no geoarrow-data');
    assert.ok(arrows.length >= 140, `${arrows.length} files`);
    for (const f of arrows) {
      const a = fromArrow(Arrow.tableFromIPC(readFileSync(new URL(f, GEOARROW))));
      assert.ok(a.length > 0, f);
      for (const options of [{}, { coords: 'separated' }, { encoding: 'geometry' }, { encoding: 'wkb' }, { encoding: 'wkt' }] as ToArrowOptions[]) {
        roundTrip(a, options, `${f} ${JSON.stringify(options)}`);
      }
    }
  });
});

describe('the WKT twins (.tsv) of the GeoArrow examples survive the round trip', () => {
  test('every .tsv: nested collections, mixed dimensions, empties and nulls', (t) => {
    const dir = GEOARROW && new URL('example/', GEOARROW);
    if (!dir) return t.skip('no geoarrow-data');
    const files = readdirSync(dir).filter((f) => f.endsWith('.tsv'));
    assert.equal(files.length, 37);
    for (const f of files) {
      const a = fromWKT(twin(new URL(f, dir)));
      for (const options of [{}, { coords: 'separated' }, { encoding: 'geometry' }] as ToArrowOptions[]) roundTrip(a, options, `${f} ${JSON.stringify(options)}`);
    }
  });
});

function name_counties(): boolean {
  return !!DATA && existsSync(new URL('us-counties.geojson', DATA));
}

// ---- GeoArrow example files, through three copies of apache-arrow ------------------

/** The .tsv twin: a header line, then one WKT per line (empty = null). */
function twin(path: URL): (string | null)[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines[0], 'geometry');
  const rows = lines.slice(1);
  if (rows[rows.length - 1] === '') rows.pop();
  return rows.map((l) => (l === '' ? null : l));
}

describe('GeoArrow example files read like their WKT twins', () => {
  const dir = GEOARROW && new URL('example/', GEOARROW);
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.arrows')).sort() : [];
  for (const [lib, A] of LIBS) {
    test(`${lib}: all ${files.length || ''} example .arrows files, as tables, record batches, vectors and data`, (t) => {
      if (!dir) return t.skip('no geoarrow-data');
      assert.equal(files.length, 122);
      const kinds = new Map<string, number>();
      for (const f of files) {
        const tsv = new URL(f.replace(/(_interleaved|_wkb|_wkt)?\.arrows$/, '.tsv'), dir);
        const expected = toWKT(fromWKT(twin(tsv)));
        const table = A.tableFromIPC(readFileSync(new URL(f, dir)));
        const field = table.schema.fields.find((x) => x.metadata.get(EXT))!;
        const encoding = field.metadata.get(EXT) as GeoArrowEncoding;
        kinds.set(encoding, (kinds.get(encoding) ?? 0) + 1);
        assertSameWKT(toWKT(fromArrow(table)), expected, `${lib} ${f} table`);
        assertSameWKT(toWKT(fromArrow(table.batches[0]!)), expected, `${lib} ${f} record batch`);
        const vector = table.getChild(field.name)!;
        assertSameWKT(toWKT(fromArrow(vector, { encoding })), expected, `${lib} ${f} vector`);
        assertSameWKT(toWKT(fromArrow(vector.data[0]!, { encoding })), expected, `${lib} ${f} data`);
        /* the `wkt` column of the same file agrees too */
        assertSameWKT(toWKT(fromArrow(table, { column: 'wkt', encoding: 'geoarrow.wkt' })), expected, `${lib} ${f} wkt column`);
        /* sliced vectors of another copy */
        if (vector.length > 2) assertSameWKT(toWKT(fromArrow(vector.slice(1, vector.length - 1), { encoding })), expected.slice(1, -1), `${lib} ${f} slice`);
        /* and what geovec writes reads back through this copy */
        const written = toArrow(fromArrow(table));
        assertSameWKT(toWKT(fromArrow(A.tableFromIPC(Arrow.tableToIPC(written)))), expected, `${lib} ${f} written by geovec`);
      }
      t.diagnostic(`encodings read: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    });
  }

  test('a table built with another copy of apache-arrow (makeTable / vectorFromArray)', () => {
    for (const [lib, A] of LIBS) {
      const wkt = ['POINT (1 2)', null, 'LINESTRING (0 0, 1 1)'];
      const table = new A.Table({ id: A.vectorFromArray([1, 2, 3], new A.Float64()), geometry: A.vectorFromArray(wkt, new A.Utf8()) });
      assertSameWKT(toWKT(fromArrow(table)), wkt, `${lib}: a Utf8 column named geometry is found without metadata`);
      const coords = A.makeData({ type: new A.FixedSizeList(2, new A.Field('xy', new A.Float64(), false)), length: 2, child: A.makeData({ type: new A.Float64(), length: 4, data: Float64Array.of(1, 2, 3, 4) }) });
      assertSameWKT(toWKT(fromArrow(coords, { encoding: 'geoarrow.point' })), ['POINT (1 2)', 'POINT (3 4)'], `${lib}: point Data`);
      assertSameWKT(toWKT(fromArrow(new A.Vector([coords]))), ['POINT (1 2)', 'POINT (3 4)'], `${lib}: point Vector`);
    }
  });
});

describe('geoarrow.geometry built with apache-arrow builders', () => {
  for (const [lib, A] of LIBS.filter(([l]) => l !== 'arrow17')) {
    test(`${lib}: makeBuilder over a DenseUnion of point, linestring, polygon and multipoint (XY) and point Z`, () => {
      const xy = () => new A.FixedSizeList(2, new A.Field('xy', new A.Float64(), false));
      const xyz = () => new A.FixedSizeList(3, new A.Field('xyz', new A.Float64(), false));
      const type = new A.DenseUnion(
        [1, 2, 3, 4, 11],
        [
          new A.Field('Point', xy(), true),
          new A.Field('LineString', new A.List(new A.Field('vertices', xy(), false)), true),
          new A.Field('Polygon', new A.List(new A.Field('rings', new A.List(new A.Field('vertices', xy(), false)), false)), true),
          new A.Field('MultiPoint', new A.List(new A.Field('points', xy(), false)), true),
          new A.Field('Point Z', xyz(), true),
        ],
      );
      const values: [number, unknown, string][] = [
        [1, [1, 2], 'POINT (1 2)'],
        [2, [[0, 0], [1, 1], [2, 0]], 'LINESTRING (0 0, 1 1, 2 0)'],
        [3, [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]], 'POLYGON ((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1))'],
        [11, [1, 2, 3], 'POINT Z (1 2 3)'],
        [4, [[5, 6], [7, 8]], 'MULTIPOINT ((5 6), (7 8))'],
        [2, [], 'LINESTRING EMPTY'],
        [1, [3, 4], 'POINT (3 4)'],
        [3, [], 'POLYGON EMPTY'],
      ];
      let k = 0;
      const b = A.makeBuilder({ type, valueToChildTypeId: () => values[k]![0] } as never) as Arrow.Builder;
      for (; k < values.length; k++) b.append(values[k]![1] as never);
      const vector = b.finish().toVector();
      assert.equal(vector.length, values.length);
      const want = values.map((v) => v[2]);
      assertSameWKT(toWKT(fromArrow(vector)), want, `${lib}: inferred from the union type`);
      assertSameWKT(toWKT(fromArrow(vector, { encoding: 'geoarrow.geometry' })), want, `${lib}: explicit`);
      /* in a table with metadata, through IPC */
      const field = new A.Field('geom', vector.type, true, new Map([[EXT, 'geoarrow.geometry']]));
      const table = new A.Table(new A.Schema([field]), { geom: vector } as never);
      assertSameWKT(toWKT(fromArrow(Arrow.tableFromIPC(A.tableToIPC(table)))), want, `${lib}: through IPC`);
    });
  }
});

describe('tables without GeoArrow metadata', () => {
  test('the error says so and names the option; a geometry / geom column of Binary or Utf8 is tried first', () => {
    const dict = Arrow.vectorFromArray(['a', 'b'], new Arrow.Dictionary(new Arrow.Utf8(), new Arrow.Int32()));
    const t = new Arrow.Table({ name: dict, value: Arrow.vectorFromArray([1, 2], new Arrow.Float64()) });
    assert.throws(() => fromArrow(t), (e: unknown) => e instanceof GeovecError && /no column carries GeoArrow metadata/.test(e.message) && /pass \{ column \}/.test(e.message) && /name \(Dictionary/.test(e.message));
    const wkb = toArrow(fromWKT(['POINT (1 2)', 'POINT (3 4)']), { encoding: 'wkb' }).getChild('geometry')!;
    const g = new Arrow.Table({ name: dict, geom: new Arrow.Vector(wkb.data) });
    assert.equal(g.schema.fields[1]!.metadata.size, 0);
    assert.deepEqual(toWKT(fromArrow(g)), ['POINT (1 2)', 'POINT (3 4)']);
    assert.deepEqual(toWKT(fromArrow(g, { column: 'geom' })), ['POINT (1 2)', 'POINT (3 4)']);
    assert.throws(() => fromArrow(g, { column: 'nope' }), /no column "nope" \(columns: name, geom\)/);
  });

  test('inputs that are not Arrow objects are refused with a GeovecError', () => {
    for (const bad of [null, 42, 'POINT (1 2)', {}, [], { schema: {} }]) {
      assert.throws(() => fromArrow(bad as never), GeovecError);
    }
    assert.throws(() => fromArrow(toArrow(fromWKT(['POINT (1 2)'])), { encoding: 'geoarrow.nope' as never }), GeovecError);
    assert.throws(() => toArrow({} as never), /toArrow: a must be a GeometryArray/);
    assert.throws(() => toArrow(fromWKT(['POINT (1 2)']), { encoding: 'x' as never }), GeovecError);
  });
});

describe('unions made by hand', () => {
  const xy = () => new Arrow.FixedSizeList(2, new Arrow.Field('xy', new Arrow.Float64(), false));
  const coords = (v: number[]) => Arrow.makeData({ type: xy(), length: v.length / 2, child: Arrow.makeData({ type: new Arrow.Float64(), length: v.length, data: Float64Array.from(v) }) });
  const lines = (offsets: number[], v: number[]) =>
    Arrow.makeData({ type: new Arrow.List(new Arrow.Field('vertices', xy(), false)), length: offsets.length - 1, valueOffsets: Int32Array.from(offsets), child: coords(v) });

  test('a sparse union reads row i from every child at i', () => {
    const points = coords([1, 2, 0, 0, 5, 6]);
    const ls = lines([0, 0, 2, 2], [0, 0, 1, 1]);
    const type = new Arrow.SparseUnion([1, 2], [new Arrow.Field('Point', points.type), new Arrow.Field('LineString', ls.type)]);
    const d = Arrow.makeData({ type, length: 3, typeIds: Int8Array.of(1, 2, 1), children: [points, ls] } as never);
    assert.deepEqual(toWKT(fromArrow(d as never)), ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', 'POINT (5 6)']);
  });

  test('hostile unions and collections are GeovecErrors, not crashes', () => {
    const points = coords([1, 2]);
    const dense = (ids: number[], codes: number[], offsets: number[]) =>
      Arrow.makeData({ type: new Arrow.DenseUnion(ids, ids.map((id) => new Arrow.Field(`c${id}`, points.type))), length: codes.length, typeIds: Int8Array.from(codes), valueOffsets: Int32Array.from(offsets), children: ids.map(() => points) } as never);
    assert.deepEqual(toWKT(fromArrow(dense([1], [1, 1], [0, 0]) as never)), ['POINT (1 2)', 'POINT (1 2)']);
    assert.throws(() => fromArrow(dense([1], [2], [0]) as never), /type id 2, which the union does not declare/);
    assert.throws(() => fromArrow(dense([1], [1], [1]) as never), /points past its union child/);
    assert.throws(() => fromArrow(dense([8], [8], [0]) as never), /not a GeoArrow geometry type id/);
    assert.throws(() => fromArrow(dense([41], [41], [0]) as never), /not a GeoArrow geometry type id/);
    const union = dense([1], [1], [0]);
    const gc = (offsets: number[]) => Arrow.makeData({ type: new Arrow.List(new Arrow.Field('geometries', union.type, true)), length: offsets.length - 1, valueOffsets: Int32Array.from(offsets), child: union } as never);
    assert.deepEqual(toWKT(fromArrow(gc([0, 1, 1]) as never, { encoding: 'geoarrow.geometrycollection' })), ['GEOMETRYCOLLECTION (POINT (1 2))', 'GEOMETRYCOLLECTION EMPTY']);
    assert.throws(() => fromArrow(gc([0, 2]) as never, { encoding: 'geoarrow.geometrycollection' }), GeovecError);
    assert.throws(() => fromArrow(gc([1, 0]) as never, { encoding: 'geoarrow.geometrycollection' }), GeovecError);
    assert.throws(() => fromArrow(points, { encoding: 'geoarrow.geometry' }), /must be a Union/);
    assert.throws(() => fromArrow(points, { encoding: 'geoarrow.geometrycollection' }), /must be a List of a Union/);
  });
});

test('types: tables, batches, vectors and data of apache-arrow 17 are accepted by fromArrow (tsc, strict, exactOptionalPropertyTypes)', (t) => {
  if (!Arrow17) return t.skip('apache-arrow-17 is not installed');
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const file = fileURLToPath(new URL('types-arrow/consumer.ts', import.meta.url));
  const args = [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--lib', 'es2022,dom,esnext.disposable', '--types', 'node', file];
  try {
    execFileSync(process.execPath, args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc found errors:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
});

test('degenerate arrays (empty, all null, empty collections and points) in every encoding and layout', () => {
  const cases: (string | null)[][] = [
    [],
    [null],
    [null, null],
    ['GEOMETRYCOLLECTION EMPTY'],
    ['POINT EMPTY', 'POINT EMPTY'],
    ['GEOMETRYCOLLECTION Z EMPTY', null],
    ['MULTIPOINT (EMPTY, (1 2))'],
    ['POLYGON EMPTY', 'POINT EMPTY'],
    ['GEOMETRYCOLLECTION (POINT EMPTY)', 'GEOMETRYCOLLECTION (GEOMETRYCOLLECTION EMPTY)'],
    ['GEOMETRYCOLLECTION M (POINT M (1 2 3))', 'GEOMETRYCOLLECTION M EMPTY'],
  ];
  for (const wkt of cases) {
    for (const encoding of ['native', 'geometry', 'wkb', 'wkt'] as const) {
      for (const coords of ['interleaved', 'separated'] as const) roundTrip(fromWKT(wkt), { encoding, coords }, `${JSON.stringify(wkt)} ${encoding} ${coords}`);
    }
    const box = toArrow(fromWKT(wkt), { encoding: 'box' });
    assert.equal(box.numRows, wkt.length);
    assert.deepEqual(toWKT(fromArrow(box)).map((w) => w === null), wkt.map((w) => w === null));
  }
});
