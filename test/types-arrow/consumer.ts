/**
 * Type-level check (tsc, strict + exactOptionalPropertyTypes), run by
 * test/arrow-lossless.test.ts: fromArrow accepts tables, record batches,
 * vectors and data typed by another major version of apache-arrow, and the
 * properties / ids options type-check along the GeoJSON -> Arrow -> GeoJSON path.
 */
import * as A17 from 'apache-arrow-17';
import * as A from 'apache-arrow';
import { fromArrow, toArrow, fromWKT, toGeoJSON, fromGeoJSON, type FeatureTable, type GeometryArray } from '../../src/ts/index.js';
declare const t17: A17.Table;
declare const v17: A17.Vector;
declare const d17: A17.Data;
declare const rb17: A17.RecordBatch;
declare const t: A.Table;
const g1: GeometryArray = fromArrow(t17);
const g2: GeometryArray = fromArrow(v17, { encoding: 'geoarrow.wkb' });
const g3: GeometryArray = fromArrow(d17);
const g4: GeometryArray = fromArrow(rb17);
const f: FeatureTable = fromArrow(t, { properties: true });
const tb: A.Table = toArrow(fromWKT(['POINT (1 2)']), { properties: f.properties, ids: f.ids, promote: true, encoding: 'box' });
const fc = toGeoJSON(f.geometry, { properties: f.properties, ids: f.ids });
const n: number = fc.features.length;
const s: string = toGeoJSON(f.geometry, { as: 'text', ids: f.ids });
const ft = fromGeoJSON('{}', { properties: true });
const back = toArrow(ft.geometry, { properties: ft.properties, ids: ft.ids });
void [g1, g2, g3, g4, tb, n, s, back];

import type { ArrowTableLike, ArrowDataLike, ArrowFieldLike, ArrowTypeLike } from '../../src/ts/index.js';
const x1: ArrowTableLike = t17;
const x2: ArrowTableLike = rb17;
const x3: ArrowFieldLike = t17.schema.fields[0]!;
const x4: ArrowTypeLike = t17.schema.fields[0]!.type;
const x5: ArrowDataLike = d17;
void [x1, x2, x3, x4, x5];
