import * as gv from './src/ts/index.js';
const a = gv.fromWKT(['POINT (0 0)', 'LINESTRING (0 0, 10 0, 10 10)', 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))', 'POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))', null]);
for (const d of [1, -1, 0]) {
  const b = gv.buffer(a, d);
  console.log(d, gv.area(b), gv.isValid(b));
}
console.log(gv.toWKT(gv.buffer(a, 1, {quadSegs: 2}))[1]);
