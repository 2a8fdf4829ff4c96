/**
 * Apache Arrow interop with GeoArrow metadata: every native encoding in XY
 * and XYZ with interleaved and separated coordinates, nulls, promotion to
 * multi types, WKB/WKT fallbacks and forced encodings, IPC round trips,
 * hand-built Arrow data, sliced vectors, and WKB written by wkx.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Binary,
  Field,
  FixedSizeList,
  Float64,
  List,
  Schema,
  Struct,
  Table,
  Type,
  Utf8,
  Vector,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import wkx from 'wkx';

import { type GeoArrowEncoding, GeovecError, fromArrow, fromWKB, fromWKT, geometryType, toArrow, toWKT } from './helpers/geovec.js';

const EXT = 'ARROW:extension:name';

/** Per native encoding: its elements (XY), null included. */
const NATIVE: [GeoArrowEncoding, (string | null)[]][] = [
  ['geoarrow.point', ['POINT (1 2)', null, 'POINT (-3.5 40000000000)', 'POINT EMPTY', 'POINT (0 0)']],
  ['geoarrow.linestring', ['LINESTRING (0 0, 1 1, 2 0)', null, 'LINESTRING EMPTY', 'LINESTRING (5 5, 6 7)']],
  ['geoarrow.polygon', ['POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))', null, 'POLYGON EMPTY', 'POLYGON ((5 5, 6 5, 6 6, 5 5))']],
  ['geoarrow.multipoint', ['MULTIPOINT ((1 2), (3 4))', 'MULTIPOINT EMPTY', null, 'MULTIPOINT ((5 6))']],
  ['geoarrow.multilinestring', ['MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))', null, 'MULTILINESTRING EMPTY', 'MULTILINESTRING ((9 9, 8 8))']],
  ['geoarrow.multipolygon', ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5), (6 6, 7 6, 7 7, 6 6)))', null, 'MULTIPOLYGON EMPTY', 'MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)))']],
];
/** List nesting above the coordinates for each encoding. */
const DEPTH: Record<string, number> = {
  'geoarrow.point': 0, 'geoarrow.linestring': 1, 'geoarrow.polygon': 2,
  'geoarrow.multipoint': 1, 'geoarrow.multilinestring': 2, 'geoarrow.multipolygon': 3,
};

/** Adds a Z ordinate (and tag) to XY WKT: each "x y" becomes "x y k" with k counting up. */
function toZ(wkt: string | null): string | null {
  if (wkt === null) return null;
  let k = 0;
  return wkt
    .replace(/^(\w+) /, '$1 Z ')
    .replace(/(-?[\d.e]+) (-?[\d.e]+)(?=[,)])/g, (_, x, y) => `${x} ${y} ${++k}`);
}

const extName = (t: Table, col = 0) => t.schema.fields[col]!.metadata.get(EXT);

/** The coordinate type under an encoding's lists. */
function coordType(t: Table, depth: number) {
  let type = t.schema.fields[0]!.type;
  for (let k = 0; k < depth; k++) {
    assert.equal(type.typeId, Type.List, `level ${k} is a List`);
    type = (type as List).children[0]!.type;
  }
  return type;
}

describe('toArrow / fromArrow, native encodings', () => {
  for (const [encoding, xy] of NATIVE) {
    for (const dims of ['xy', 'xyz'] as const) {
      for (const coords of ['interleaved', 'separated'] as const) {
        test(`${encoding} ${dims} ${coords}`, () => {
          const wkt = dims === 'xy' ? xy : xy.map(toZ);
          const a = fromWKT(wkt);
          const t = toArrow(a, { coords });
          assert.ok(t instanceof Table);
          assert.equal(t.numRows, wkt.length);
          assert.equal(t.schema.fields.length, 1);
          assert.equal(t.schema.fields[0]!.name, 'geometry');
          assert.equal(extName(t), encoding);
          assert.equal(t.schema.fields[0]!.metadata.get('ARROW:extension:metadata'), '{}');
          const ct = coordType(t, DEPTH[encoding]!);
          const n = dims.length;
          if (coords === 'interleaved') {
            assert.equal(ct.typeId, Type.FixedSizeList);
            assert.equal((ct as FixedSizeList).listSize, n);
            assert.equal((ct as FixedSizeList).children[0]!.name, dims);
          } else {
            assert.equal(ct.typeId, Type.Struct);
            assert.deepEqual((ct as Struct).children.map((f) => f.name), [...dims]);
          }
          // nulls are Arrow nulls
          const col = t.getChild('geometry')!;
          assert.deepEqual(
            Array.from({ length: wkt.length }, (_, i) => col.isValid(i)),
            wkt.map((w) => w !== null),
          );
          assert.equal(col.nullCount, wkt.filter((w) => w === null).length);
          // and it reads back
          const back = fromArrow(t);
          assert.deepEqual(toWKT(back), wkt);
          assert.equal(back.dims, dims);
          // also from the Vector and the Data with the encoding given
          assert.deepEqual(toWKT(fromArrow(col, { encoding })), wkt);
          assert.deepEqual(toWKT(fromArrow(col.data[0]!, { encoding })), wkt);
        });
      }
    }
  }

  test('the buffers hold GeoArrow values: linestring offsets and interleaved coordinates', () => {
    const t = toArrow(fromWKT(['LINESTRING (0 1, 2 3)', null, 'LINESTRING (4 5, 6 7, 8 9)']));
    const d = t.getChild('geometry')!.data[0]!;
    assert.deepEqual([...d.valueOffsets], [0, 2, 2, 5]);
    const coords = d.children[0]!;
    assert.deepEqual([...(coords.children[0]!.values as Float64Array)].slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(d.nullCount, 1);
  });

  test('the buffers hold GeoArrow values: points in separated columns', () => {
    const t = toArrow(fromWKT(['POINT (1 2)', 'POINT Z (3 4 5)']), { coords: 'separated' });
    assert.equal(extName(t), 'geoarrow.geometry', 'XY and XYZ points differ in dimensions: a union');
    assert.deepEqual(toWKT(fromArrow(t)), ['POINT (1 2)', 'POINT Z (3 4 5)']);
    const u = toArrow(fromWKT(['POINT Z (1 2 0)', 'POINT Z (3 4 5)']), { coords: 'separated' });
    const d = u.getChild('geometry')!.data[0]!;
    assert.deepEqual(d.children.map((c) => [...(c.values as Float64Array)]), [[1, 3], [2, 4], [0, 5]]);
  });

  test('the column name is configurable', () => {
    const t = toArrow(fromWKT(['POINT (1 2)']), { name: 'geom' });
    assert.equal(t.schema.fields[0]!.name, 'geom');
    assert.deepEqual(toWKT(fromArrow(t)), ['POINT (1 2)']);
  });
});

describe('toArrow: promotion and fallbacks', () => {
  const P = { promote: true } as const;
  const cases: [string, (string | null)[], GeoArrowEncoding, (string | null)[], Parameters<typeof toArrow>[1]][] = [
    [
      'Polygon + MultiPolygon become multipolygon with promote: true',
      ['POLYGON ((0 0, 1 0, 1 1, 0 0))', null, 'MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((0 0, 1 0, 1 1, 0 0)))', 'POLYGON EMPTY'],
      'geoarrow.multipolygon',
      ['MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))', null, 'MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((0 0, 1 0, 1 1, 0 0)))', 'MULTIPOLYGON (EMPTY)'],
      P,
    ],
    [
      'Polygon + MultiPolygon stay themselves by default (geoarrow.geometry)',
      ['POLYGON ((0 0, 1 0, 1 1, 0 0))', null, 'MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((0 0, 1 0, 1 1, 0 0)))', 'POLYGON EMPTY'],
      'geoarrow.geometry',
      ['POLYGON ((0 0, 1 0, 1 1, 0 0))', null, 'MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((0 0, 1 0, 1 1, 0 0)))', 'POLYGON EMPTY'],
      {},
    ],
    [
      'Point + MultiPoint become multipoint with promote: true',
      ['POINT (1 2)', 'MULTIPOINT ((3 4), (5 6))'],
      'geoarrow.multipoint',
      ['MULTIPOINT ((1 2))', 'MULTIPOINT ((3 4), (5 6))'],
      P,
    ],
    [
      'LineString + MultiLineString in two dimensions cannot be promoted: geoarrow.geometry',
      ['MULTILINESTRING ((0 0, 1 1))', 'LINESTRING Z (0 0 0, 1 1 1)', 'LINESTRING (2 2, 3 3)'],
      'geoarrow.geometry',
      ['MULTILINESTRING ((0 0, 1 1))', 'LINESTRING Z (0 0 0, 1 1 1)', 'LINESTRING (2 2, 3 3)'],
      P,
    ],
    [
      'LineString + MultiLineString (same dimensions) become multilinestring with promote: true',
      ['MULTILINESTRING ((0 0, 1 1))', 'LINESTRING (2 2, 3 3)'],
      'geoarrow.multilinestring',
      ['MULTILINESTRING ((0 0, 1 1))', 'MULTILINESTRING ((2 2, 3 3))'],
      P,
    ],
    [
      'mixed types go through geoarrow.geometry, unchanged',
      ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', null, 'POLYGON ((0 0, 1 0, 1 1, 0 0))'],
      'geoarrow.geometry',
      ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', null, 'POLYGON ((0 0, 1 0, 1 1, 0 0))'],
      {},
    ],
    [
      'nested collections go through WKB, unchanged',
      ['GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1)))', 'GEOMETRYCOLLECTION EMPTY', null],
      'geoarrow.wkb',
      ['GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1)))', 'GEOMETRYCOLLECTION EMPTY', null],
      {},
    ],
    [
      'flat collections are geoarrow.geometrycollection',
      ['GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))', 'GEOMETRYCOLLECTION EMPTY', null],
      'geoarrow.geometrycollection',
      ['GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))', 'GEOMETRYCOLLECTION EMPTY', null],
      {},
    ],
    ['M dimensions go through native encodings too', ['POINT M (1 2 3)', 'POINT M (4 5 6)'], 'geoarrow.point', ['POINT M (1 2 3)', 'POINT M (4 5 6)'], {}],
    ['an all-null array goes through WKB', [null, null], 'geoarrow.wkb', [null, null], {}],
  ];
  for (const [name, wkt, encoding, back, opts] of cases) {
    test(name, () => {
      const t = toArrow(fromWKT(wkt), opts);
      assert.equal(extName(t), encoding);
      assert.deepEqual(toWKT(fromArrow(t)), back);
      assert.deepEqual(toWKT(fromArrow(tableFromIPC(tableToIPC(t)))), back, 'through IPC');
      if (encoding === 'geoarrow.wkb') assert.equal(t.schema.fields[0]!.type.typeId, Type.Binary);
    });
  }

  test("forced 'wkb' and 'wkt' encodings", () => {
    const wkt = ['POINT (1 2)', null, 'POINT Z (1 2 3)', 'POLYGON ((0 0, 1 0, 1 1, 0 0))'];
    const a = fromWKT(wkt);
    const tb = toArrow(a, { encoding: 'wkb' });
    assert.equal(extName(tb), 'geoarrow.wkb');
    assert.equal(tb.schema.fields[0]!.type.typeId, Type.Binary);
    assert.deepEqual(toWKT(fromArrow(tb)), wkt);
    const tt = toArrow(a, { encoding: 'wkt' });
    assert.equal(extName(tt), 'geoarrow.wkt');
    assert.equal(tt.schema.fields[0]!.type.typeId, Type.Utf8);
    assert.deepEqual(tt.getChild('geometry')!.toArray(), wkt);
    assert.deepEqual(toWKT(fromArrow(tt)), wkt);
    // even a homogeneous array can be forced to WKB
    const pts = toArrow(fromWKT(['POINT (1 2)', 'POINT (3 4)']), { encoding: 'wkb' });
    assert.equal(extName(pts), 'geoarrow.wkb');
    const bytes = pts.getChild('geometry')!.get(0) as Uint8Array;
    assert.equal(Buffer.from(bytes).toString('hex').toUpperCase(), '0101000000000000000000F03F0000000000000040');
  });

  test("'native' is the default", () => {
    assert.equal(extName(toArrow(fromWKT(['POINT (1 2)']), { encoding: 'native' })), 'geoarrow.point');
  });
});

describe('Arrow IPC', () => {
  const inputs: [string, (string | null)[], Parameters<typeof toArrow>[1]][] = [
    ['point xyz separated', ['POINT Z (1 2 3)', null, 'POINT Z (4 5 6)'], { coords: 'separated' }],
    ['multipolygon', NATIVE[5]![1], {}],
    ['polygon xyz', NATIVE[2]![1].map(toZ), {}],
    ['wkb (mixed)', ['POINT (1 2)', 'GEOMETRYCOLLECTION M (LINESTRING M (0 0 1, 1 1 2))', null], {}],
    // an even length without nulls: the offsets buffer (n + 1 int32) gets padded in IPC
    ['wkb, 2 elements, no nulls', ['POINT (1 2)', 'LINESTRING (0 0, 1 1)'], {}],
    ['point, 2 elements', ['POINT (1 2)', 'POINT (3 4)'], {}],
    ['linestring, 2 elements, no nulls', ['LINESTRING (0 0, 1 1)', 'LINESTRING (2 2, 3 3)'], {}],
    ['wkt', ['POINT (1 2)', null, 'LINESTRING (0 0, 1 1)'], { encoding: 'wkt' }],
  ];
  for (const [name, wkt, opts] of inputs) {
    test(`tableToIPC / tableFromIPC keeps geometry and metadata: ${name}`, () => {
      const t = toArrow(fromWKT(wkt), opts);
      for (const format of ['stream', 'file'] as const) {
        const bytes = tableToIPC(t, format);
        const back = tableFromIPC(bytes);
        assert.equal(extName(back), extName(t));
        assert.equal(back.schema.fields[0]!.metadata.get('ARROW:extension:metadata'), '{}');
        assert.deepEqual(toWKT(fromArrow(back)), wkt, format);
      }
    });
  }

  test('a table with several columns: the GeoArrow column is found by its metadata, or by name', () => {
    const geom = toArrow(fromWKT(['POINT (1 2)', 'POINT (3 4)'])).getChild('geometry')!;
    const other = toArrow(fromWKT(['LINESTRING (0 0, 1 1)', null]), { encoding: 'wkt' }).getChild('geometry')!;
    const ids = makeVector(Float64Array.of(10, 20));
    const schema = new Schema([
      new Field('id', new Float64(), false),
      new Field('geom', geom.type, true, new Map([[EXT, 'geoarrow.point']])),
      new Field('other', other.type, true, new Map([[EXT, 'geoarrow.wkt']])),
    ]);
    const t = new Table(schema, { id: ids, geom, other } as never);
    const back = tableFromIPC(tableToIPC(t));
    assert.deepEqual(toWKT(fromArrow(back)), ['POINT (1 2)', 'POINT (3 4)']);
    assert.deepEqual(toWKT(fromArrow(back, { column: 'other' })), ['LINESTRING (0 0, 1 1)', null]);
    assert.throws(() => fromArrow(back, { column: 'nope' }), GeovecError);
  });
});

describe('fromArrow of Arrow data built by hand', () => {
  const xy = () => new FixedSizeList(2, new Field('xy', new Float64(), false));
  const coordsData = (values: number[]) =>
    makeData({ type: xy(), length: values.length / 2, child: makeData({ type: new Float64(), length: values.length, data: Float64Array.from(values) }) });

  test('a linestring List<FixedSizeList<2>> with an explicit encoding, and the inferred one', () => {
    const coords = coordsData([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const lines = makeData({ type: new List(new Field('vertices', xy(), false)), length: 2, valueOffsets: Int32Array.of(0, 2, 5), child: coords });
    const v = new Vector([lines]);
    assert.deepEqual(toWKT(fromArrow(v, { encoding: 'geoarrow.linestring' })), ['LINESTRING (0 0, 1 1)', 'LINESTRING (2 2, 3 3, 4 4)']);
    // as multipoint: the same buffers, another meaning
    assert.deepEqual(toWKT(fromArrow(v, { encoding: 'geoarrow.multipoint' })), ['MULTIPOINT ((0 0), (1 1))', 'MULTIPOINT ((2 2), (3 3), (4 4))']);
    // without an encoding one level of lists reads as linestring
    assert.deepEqual(toWKT(fromArrow(v)), ['LINESTRING (0 0, 1 1)', 'LINESTRING (2 2, 3 3, 4 4)']);
  });

  test('List<List<coords>> as multilinestring (explicit) or polygon (inferred)', () => {
    const coords = coordsData([0, 0, 1, 0, 1, 1, 0, 0, 5, 5, 6, 6]);
    const inner = makeData({ type: new List(new Field('vertices', xy(), false)), length: 2, valueOffsets: Int32Array.of(0, 4, 6), child: coords });
    const outer = makeData({ type: new List(new Field('x', inner.type, false)), length: 2, valueOffsets: Int32Array.of(0, 1, 2), child: inner });
    assert.deepEqual(toWKT(fromArrow(outer, { encoding: 'geoarrow.multilinestring' })), ['MULTILINESTRING ((0 0, 1 0, 1 1, 0 0))', 'MULTILINESTRING ((5 5, 6 6))']);
    assert.deepEqual(toWKT(fromArrow(outer.slice(0, 1))), ['POLYGON ((0 0, 1 0, 1 1, 0 0))']);
  });

  test('points in a Struct of x, y, z with a validity bitmap', () => {
    const col = (v: number[]) => makeData({ type: new Float64(), length: v.length, data: Float64Array.from(v) });
    const type = new Struct([new Field('x', new Float64(), false), new Field('y', new Float64(), false), new Field('z', new Float64(), false)]);
    const d = makeData({ type, length: 3, nullCount: 1, nullBitmap: Uint8Array.of(0b101), children: [col([1, 0, 7]), col([2, 0, 8]), col([3, 0, 9])] });
    assert.deepEqual(toWKT(fromArrow(d, { encoding: 'geoarrow.point' })), ['POINT Z (1 2 3)', null, 'POINT Z (7 8 9)']);
  });

  test('an encoding that does not fit the data is a GeovecError', () => {
    const coords = coordsData([0, 0, 1, 1]);
    const lines = makeData({ type: new List(new Field('vertices', xy(), false)), length: 1, valueOffsets: Int32Array.of(0, 2), child: coords });
    assert.throws(() => fromArrow(lines, { encoding: 'geoarrow.polygon' }), GeovecError);
    assert.throws(() => fromArrow(lines, { encoding: 'geoarrow.wkb' }), GeovecError);
    assert.throws(() => fromArrow(makeVector(Float64Array.of(1, 2))), GeovecError);
  });

  test('a Binary column of WKB written by wkx, with nulls, read as geoarrow.wkb', () => {
    const wkt = ['POINT (1 2)', 'LINESTRING (0 0, 1 1)', null, 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 'MULTIPOINT Z ((1 2 3))'];
    const wkbs = wkt.map((w) => (w ? wkx.Geometry.parse(w).toWkb() : null));
    const offsets = new Int32Array(wkt.length + 1);
    const data = Buffer.concat(wkbs.filter((b): b is Buffer => b !== null));
    wkbs.forEach((b, i) => (offsets[i + 1] = offsets[i]! + (b?.length ?? 0)));
    const valid = wkbs.reduce((m, b, i) => (b ? m | (1 << i) : m), 0);
    const d = makeData({ type: new Binary(), length: wkt.length, nullCount: 1, nullBitmap: Uint8Array.of(valid), valueOffsets: offsets, data: new Uint8Array(data) });
    const v = new Vector([d]);
    assert.deepEqual(toWKT(fromArrow(v)), wkt, 'a Binary column is inferred as WKB');
    assert.deepEqual(toWKT(fromArrow(v, { encoding: 'geoarrow.wkb' })), wkt);
    // and as a table column with metadata, through IPC
    const schema = new Schema([new Field('wkb', new Binary(), true, new Map([[EXT, 'geoarrow.wkb']]))]);
    const t = tableFromIPC(tableToIPC(new Table(schema, { wkb: v } as never)));
    assert.deepEqual(toWKT(fromArrow(t)), wkt);
    // a Utf8 column reads as WKT
    const texts = new Vector([makeData({ type: new Utf8(), length: 1, valueOffsets: Int32Array.of(0, 11), data: new TextEncoder().encode('POINT (1 2)') })]);
    assert.deepEqual(toWKT(fromArrow(texts)), ['POINT (1 2)']);
  });
});

describe('sliced Arrow vectors', () => {
  const WKT = ['POINT (0 0)', null, 'POINT (2 2)', 'POINT (3 3)', null, 'POINT (5 5)', 'POINT (6 6)', 'POINT (7 7)', null, 'POINT (9 9)', 'POINT (10 10)'];
  const sliceCases: [string, (string | null)[], Parameters<typeof toArrow>[1]][] = [
    ['point interleaved', WKT, {}],
    ['point separated', WKT, { coords: 'separated' }],
    ['linestring', WKT.map((w, i) => (w ? `LINESTRING (${i} 0, ${i} 1)` : null)), {}],
    ['polygon', WKT.map((w, i) => (w ? `POLYGON ((${i} 0, ${i + 1} 0, ${i + 1} 1, ${i} 0))` : null)), {}],
    ['multipolygon xyz separated', WKT.map((w, i) => (w ? `MULTIPOLYGON Z (((${i} 0 1, ${i + 1} 0 1, ${i + 1} 1 1, ${i} 0 1)))` : null)), { coords: 'separated' }],
    ['wkb', WKT.map((w, i) => (w ? (i % 2 ? w : `LINESTRING (${i} 0, 0 ${i})`) : null)), {}],
    ['wkt', WKT, { encoding: 'wkt' }],
  ];
  for (const [name, wkt, opts] of sliceCases) {
    test(`vector.slice reads the right elements: ${name}`, () => {
      const v = toArrow(fromWKT(wkt), opts).getChild('geometry')!;
      const encoding = toArrow(fromWKT(wkt), opts).schema.fields[0]!.metadata.get(EXT) as GeoArrowEncoding;
      for (const [s, e] of [[1, 4], [3, 11], [9, 10], [5, 5], [0, 11], [4, 9]] as const) {
        const sliced = v.slice(s, e);
        assert.equal(sliced.length, e - s);
        assert.deepEqual(toWKT(fromArrow(sliced, { encoding })), wkt.slice(s, e), `slice(${s}, ${e})`);
      }
    });
  }

  test('a multi-chunk vector (concatenated record batches) reads every chunk in order', () => {
    const a = toArrow(fromWKT(['POINT (1 2)', null])).getChild('geometry')!;
    const b = toArrow(fromWKT(['POINT (3 4)'])).getChild('geometry')!;
    const v = a.concat(b);
    assert.equal(v.data.length, 2);
    const back = fromArrow(v, { encoding: 'geoarrow.point' });
    assert.deepEqual(toWKT(back), ['POINT (1 2)', null, 'POINT (3 4)']);
    assert.deepEqual([...geometryType(back)], [1, 0, 1]);
  });
});

describe('Arrow and the other formats agree', () => {
  test('fromArrow(toArrow(a)) equals a for arrays parsed from WKB', () => {
    const a = fromWKB(
      ['POINT (1 2)', 'POINT (3 4)'].map((w) => wkx.Geometry.parse(w).toWkb()),
    );
    const t = toArrow(a);
    assert.equal(extName(t), 'geoarrow.point');
    assert.deepEqual(toWKT(fromArrow(t)), ['POINT (1 2)', 'POINT (3 4)']);
  });

  test('a large random multipolygon array round-trips through Arrow IPC', () => {
    let seed = 12345;
    const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const wkt: (string | null)[] = [];
    for (let i = 0; i < 500; i++) {
      if (r() < 0.05) {
        wkt.push(null);
        continue;
      }
      const polys: string[] = [];
      for (let p = 0; p < 1 + Math.floor(r() * 3); p++) {
        const x = Math.round(r() * 1000) / 10;
        const y = Math.round(r() * 1000) / 10;
        polys.push(`((${x} ${y}, ${x + 1} ${y}, ${x + 1} ${y + 1}, ${x} ${y + 1}, ${x} ${y}))`);
      }
      wkt.push(`MULTIPOLYGON (${polys.join(', ')})`);
    }
    const t = toArrow(fromWKT(wkt), { coords: 'separated' });
    assert.equal(extName(t), 'geoarrow.multipolygon');
    assert.deepEqual(toWKT(fromArrow(tableFromIPC(tableToIPC(t)))), wkt);
  });
});

