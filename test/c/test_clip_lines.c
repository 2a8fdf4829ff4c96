/* clipByRect of lines and points (clip_lines.c): hand cases checked against
 * GEOS 3.13's GEOSClipByRect output, under the sanitizers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "overlay/clip_lines.h"

static gv_array *wkt(const char *s) {
  int64_t off[2] = {0, (int64_t)strlen(s)};
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_parse_opts o = {0};
  gv_parse_wkt((const uint8_t *)s, off, 1, &o, &a, &err);
  gv_errors_free(&err);
  return a;
}

/* The clip of `in` to r as WKT (GEOMETRYCOLLECTION EMPTY when nothing is left). */
static char *clip(const char *in, const double r[4], double grid) {
  gv_array *a = wkt(in);
  gv_ov_out o = {0};
  const char *why = NULL;
  gv_status st = gv_clip_lines(a, 0, r, grid, &o, &why);
  gv_array_release(a);
  if (st != GV_OK) {
    gv_ov_out_free(&o);
    return NULL;
  }
  gv_builder b;
  gv_builder_init(&b);
  gv_ov_out_emit(&o, &b, GV_GEOMETRYCOLLECTION);
  gv_ov_out_free(&o);
  gv_array *res = gv_builder_finish(&b);
  gv_buf out = {0}, offs = {0};
  gv_write_opts wo = {1, 0, -1};
  gv_write_wkt(res, 0, 1, &wo, &out, &offs);
  gv_buf_append(&out, "", 1);
  gv_buf_free(&offs);
  gv_array_release(res);
  return (char *)gv_buf_take(&out);
}

static const double R[4] = {0, 0, 10, 10};

static void expect(const char *in, const char *want, double grid) {
  char *got = clip(in, R, grid);
  CHECK(got != NULL);
  if (got) CHECK_STR(got, want);
  free(got);
}

static void test_geos_cases(void) {
  expect("POINT (5 5)", "POINT (5 5)", 0);
  expect("POINT (0 5)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("POINT (0 0)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("MULTIPOINT ((1 1), (0 0))", "POINT (1 1)", 0);
  expect("MULTIPOINT ((1 1), (1 1))", "MULTIPOINT ((1 1), (1 1))", 0);
  expect("LINESTRING EMPTY", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (0 0, 10 10)", "LINESTRING (0 0, 10 10)", 0);
  expect("LINESTRING (0 0, 0 10)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (0 5, 0 8, 5 5)", "LINESTRING (0 8, 5 5)", 0);
  expect("LINESTRING (-5 5, 15 5)", "LINESTRING (0 5, 10 5)", 0);
  expect("LINESTRING (-5 0, 15 0)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (-5 5, 5 5, 5 15, 6 15, 6 5, 20 5)", "MULTILINESTRING ((0 5, 5 5, 5 10), (6 10, 6 5, 10 5))", 0);
  expect("LINESTRING (5 5, 5 5)", "LINESTRING (5 5, 5 5)", 0);
  expect("LINESTRING (0 5, 0 5)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (5 5, 5 5, 15 5)", "LINESTRING (5 5, 5 5, 10 5)", 0);
  expect("LINESTRING (-5 5, 0 0, 5 -5)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (5 5, 15 5, 5 6)", "MULTILINESTRING ((5 5, 10 5), (10 5.5, 5 6))", 0);
  expect("LINESTRING (0 0, 10 0, 10 10, 0 10, 0 0)", "GEOMETRYCOLLECTION EMPTY", 0);
  expect("LINESTRING (5 5, 0 5, 0 8, 5 8)", "MULTILINESTRING ((5 5, 0 5), (0 8, 5 8))", 0);
  expect("LINESTRING (-1 8, 4 1)", "LINESTRING (0 6.6, 4 1)", 0);
  expect("GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (2 2, 3 3))", "GEOMETRYCOLLECTION (LINESTRING (2 2, 3 3), POINT (1 1))", 0);
  expect("LINESTRING (1.2 1.2, 1.4 1.4)", "GEOMETRYCOLLECTION EMPTY", 1); /* collapses on the grid */
  expect("LINESTRING (1.2 1.2, 3.4 1.4)", "LINESTRING (1 1, 3 1)", 1);
}

static void test_bad(void) {
  const char *why = NULL;
  gv_array *a = wkt("LINESTRING (1 1, 2 2)");
  ((double *)a->x)[0] = INFINITY;
  gv_ov_out o = {0};
  CHECK(gv_clip_lines(a, 0, R, 0, &o, &why) == GV_ERR_ARG);
  gv_ov_out_free(&o);
  gv_array_release(a);
}

int main(void) {
  RUN(test_geos_cases);
  RUN(test_bad);
  return check_report("test_clip_lines");
}
