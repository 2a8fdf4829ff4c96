/* lineMerge and concaveHull in the C core (shape/linemerge.c,
 * shape/concave_hull.c), under ASan/UBSan: expected WKT as GEOS 3.13 gives
 * it for small cases (order and direction of merged lines, both modes;
 * hulls with and without holes; degenerate inputs), nulls, and no leaks. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "shape/shape.h"
#include "wkt_array.h"

typedef int (*op_fn)(const gv_array *a, int64_t i, const double *p, gv_builder *b);

/* WKT of operation op (params p) on one geometry; NULL for a null result. */
static char *run(int op, const char *wkt, double p0, double p1) {
  const char *texts[1] = {wkt};
  gv_array *a = test_wkt_array(texts, 1);
  if (!a) return NULL;
  gv_builder b;
  gv_builder_init(&b);
  double p[2] = {p0, p1};
  if (sh_unary(op, a, 0, p, &b)) {
    gv_builder_free(&b);
    gv_array_release(a);
    return NULL;
  }
  gv_array *r = gv_builder_finish(&b);
  gv_builder_free(&b);
  gv_array_release(a);
  if (!r) return NULL;
  char *s = NULL;
  if (!gv_is_null(r, 0)) {
    gv_buf out = {0}, offs = {0};
    gv_write_opts wo = {1, 0, -1};
    gv_write_wkt(r, 0, 1, &wo, &out, &offs);
    gv_buf_append(&out, "", 1);
    gv_buf_free(&offs);
    s = (char *)gv_buf_take(&out);
  }
  gv_array_release(r);
  return s;
}

static void expect(int op, const char *wkt, double p0, double p1, const char *want) {
  char *got = run(op, wkt, p0, p1);
  if (want) CHECK_STR(got, want);
  else CHECK(got == NULL);
  free(got);
}

static void test_line_merge(void) {
  expect(SH_LINE_MERGE, "MULTILINESTRING ((1 1, 0 0), (1 1, 2 2))", 0, 0, "LINESTRING (0 0, 1 1, 2 2)");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((1 1, 0 0), (1 1, 2 2))", 1, 0, "MULTILINESTRING ((1 1, 2 2), (1 1, 0 0))");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2), (1 1, 3 0))", 0, 0, "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2), (1 1, 3 0))");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((1 0, 1 1), (0 0, 1 0), (1 1, 0 0))", 0, 0, "LINESTRING (0 0, 1 0, 1 1, 0 0)");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((0 0, 1 0, 1 0, 2 0), (2 0, 3 0))", 0, 0, "LINESTRING (0 0, 1 0, 2 0, 3 0)");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((5 5, 6 6), (0 0, 1 0), (2 0, 1 0))", 1, 0, "MULTILINESTRING ((0 0, 1 0), (2 0, 1 0), (5 5, 6 6))");
  expect(SH_LINE_MERGE, "MULTILINESTRING Z ((0 0 5, 1 0 6), (1 0 7, 2 0 8))", 0, 0, "LINESTRING Z (0 0 5, 1 0 6, 2 0 8)");
  expect(SH_LINE_MERGE, "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), POINT (2 2), LINESTRING (1 1, 2 2), POLYGON ((0 0, 1 0, 1 1, 0 0)))", 0, 0,
         "MULTILINESTRING ((0 0, 1 0, 1 1, 0 0), (0 0, 1 1, 2 2))");
  expect(SH_LINE_MERGE, "MULTILINESTRING ((0 0, 0 0), EMPTY)", 0, 0, "GEOMETRYCOLLECTION EMPTY");
  expect(SH_LINE_MERGE, "POINT (1 1)", 0, 0, "GEOMETRYCOLLECTION EMPTY");
  expect(SH_LINE_MERGE, NULL, 0, 0, NULL);
}

static void test_concave_hull(void) {
  const char *pts = "MULTIPOINT ((0 0), (10 0), (10 10), (0 10), (5 5), (5 9), (3 2), (7 4))";
  expect(SH_CONCAVE_HULL, pts, 0, 0, "POLYGON ((10 10, 7 4, 10 0, 0 0, 3 2, 5 5, 0 10, 5 9, 10 10))");
  expect(SH_CONCAVE_HULL, pts, 1, 0, "POLYGON ((10 10, 10 0, 0 0, 0 10, 10 10))");
  expect(SH_CONCAVE_HULL, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", 0, 1,
         "POLYGON ((2 2, 2 8, 0 10, 8 8, 10 10, 10 0, 8 2, 0 0, 2 2))"); /* GEOS's polygon, from another start */
  /* holes allowed, but the middle touches the boundary: none (as GEOS) */
  expect(SH_CONCAVE_HULL, "MULTIPOINT ((0 0), (4 0), (8 0), (8 4), (8 8), (4 8), (0 8), (0 4), (1 1), (7 1), (7 7), (1 7))", 0.5, 1,
         "POLYGON ((0 8, 4 8, 8 8, 8 4, 8 0, 4 0, 0 0, 0 4, 0 8))");
  expect(SH_CONCAVE_HULL, "MULTIPOINT ((0 0), (1 1), (2 2))", 0, 0, "LINESTRING (0 0, 2 2)");
  expect(SH_CONCAVE_HULL, "MULTIPOINT Z ((0 0 1), (10 0 2), (0 10 3), (3 3 4))", 0, 0, "POLYGON Z ((3 3 4, 10 0 2, 0 0 1, 0 10 3, 3 3 4))");
  expect(SH_CONCAVE_HULL, "POINT (1 1)", 0, 0, "POINT (1 1)");
  expect(SH_CONCAVE_HULL, "MULTIPOINT EMPTY", 0, 0, "POLYGON EMPTY");
  expect(SH_CONCAVE_HULL, pts, 1.5, 0, NULL); /* ratio out of range: null */
  expect(SH_CONCAVE_HULL, pts, NAN, 0, NULL);
  expect(SH_CONCAVE_HULL, NULL, 0, 0, NULL);
}

int main(void) {
  RUN(test_line_merge);
  RUN(test_concave_hull);
  return check_report("test_merge_hull");
}
