/* Overlay engine: noding and area overlay on small hand-made cases. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "overlay/overlay.h"

static gv_array *wkt(const char *s) {
  int64_t off[2] = {0, (int64_t)strlen(s)};
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_parse_opts o = {0};
  gv_parse_wkt((const uint8_t *)s, off, 1, &o, &a, &err);
  gv_errors_free(&err);
  return a;
}

static char *to_wkt(const gv_ov_out *o) {
  gv_builder b;
  gv_builder_init(&b);
  gv_ov_out_emit(o, &b, GV_POLYGON);
  gv_array *a = gv_builder_finish(&b);
  gv_buf out = {0}, offs = {0};
  gv_write_opts wo = {1, 0, -1};
  gv_write_wkt(a, 0, 1, &wo, &out, &offs);
  gv_buf_append(&out, "", 1);
  gv_buf_free(&offs);
  gv_array_release(a);
  return (char *)gv_buf_take(&out);
}

static double area(const gv_ov_out *o) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  double s = 0;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      double a = 0;
      for (int32_t k = 0; k + 1 < nc; k++) a += xy[2 * k] * xy[2 * k + 3] - xy[2 * k + 2] * xy[2 * k + 1];
      s += -a / 2; /* shells clockwise */
      xy += 2 * nc;
    }
  }
  return s;
}

static char *overlay(const char *a, const char *b, int op, double grid, double *ar) {
  gv_array *x = wkt(a), *y = b ? wkt(b) : NULL;
  gv_buf segs = {0};
  const char *why = NULL;
  CHECK(gv_ov_add_polygonal(x, 0, 0, &segs, &why) == GV_OK);
  if (y) CHECK(gv_ov_add_polygonal(y, 0, 1, &segs, &why) == GV_OK);
  gv_ov_out o;
  gv_status st = gv_ov_areas((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), op, grid, &o);
  CHECK(st == GV_OK);
  char *s = to_wkt(&o);
  if (ar) *ar = area(&o);
  gv_ov_out_free(&o);
  gv_buf_free(&segs);
  gv_array_release(x);
  if (y) gv_array_release(y);
  return s;
}

#define SQ1 "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"
#define SQ2 "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"
#define SQ3 "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"

static void expect(const char *a, const char *b, int op, const char *want) {
  char *s = overlay(a, b, op, 0, NULL);
  CHECK_STR(s, want);
  free(s);
}

static void expect_area(const char *a, const char *b, int op, double grid, double want) {
  double ar = NAN;
  char *s = overlay(a, b, op, grid, &ar);
  if (fabs(ar - want) > 1e-9 * fabs(want) + 1e-12) fprintf(stderr, "area %.17g want %.17g: %s\n", ar, want, s);
  CHECK(fabs(ar - want) <= 1e-9 * fabs(want) + 1e-12);
  free(s);
}

static void test_basic(void) {
  expect(SQ1, SQ2, GV_OV_INTERSECTION, "LINESTRING (1 0, 1 1)");
  expect(SQ1, SQ3, GV_OV_INTERSECTION, "POINT (1 1)");
  expect(SQ1, "POLYGON ((5 5, 6 5, 6 6, 5 5))", GV_OV_INTERSECTION, "POLYGON EMPTY");
  expect_area(SQ1, SQ2, GV_OV_UNION, 0, 2);
  expect_area(SQ1, SQ3, GV_OV_UNION, 0, 2);
  expect_area(SQ1, "POLYGON ((0.5 0.5, 3 0.5, 3 3, 0.5 3, 0.5 0.5))", GV_OV_INTERSECTION, 0, 0.25);
  expect_area(SQ1, "POLYGON ((0.5 0.5, 3 0.5, 3 3, 0.5 3, 0.5 0.5))", GV_OV_DIFFERENCE, 0, 0.75);
  expect_area(SQ1, "POLYGON ((0.5 0.5, 3 0.5, 3 3, 0.5 3, 0.5 0.5))", GV_OV_SYMDIFFERENCE, 0, 0.75 + 6.25 - 0.25);
  expect_area(SQ1, SQ1, GV_OV_INTERSECTION, 0, 1);
  expect_area(SQ1, SQ1, GV_OV_DIFFERENCE, 0, 0);
  /* holes */
  expect_area("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", "POLYGON ((4 4, 6 4, 6 6, 4 6, 4 4))",
              GV_OV_UNION, 0, 64 + 4);
  expect_area("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON ((4 4, 6 4, 6 6, 4 6, 4 4))", GV_OV_DIFFERENCE, 0, 96);
  /* hole touching the shell */
  expect_area("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON ((0 5, 5 2, 5 8, 0 5))", GV_OV_DIFFERENCE, 0, 85);
  /* unary: overlapping parts */
  expect_area("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))", NULL, GV_OV_UNARY, 0, 7);
  /* snap-rounding grid */
  expect_area("POLYGON ((0 0, 1.3 0, 1.3 1.3, 0 1.3, 0 0))", "POLYGON ((0.6 0.6, 2 0.6, 2 2, 0.6 2, 0.6 0.6))",
              GV_OV_INTERSECTION, 0.5, 1.0);
}

static void test_near_degenerate(void) {
  /* edges 1e-12 apart, thin triangles */
  expect_area("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1e-12 0, 1 1e-12, 1 1, 1e-12 1, 1e-12 0))",
              GV_OV_UNION, 0, 1.0);
  for (int k = 0; k < 200; k++) {
    double t = k * 0.1234567;
    char a[256], b[256];
    snprintf(a, sizeof a, "POLYGON ((0 0, 10 %.17g, 3 7, 0 0))", sin(t) * 1e-9);
    snprintf(b, sizeof b, "POLYGON ((0.1 %.17g, 9 %.17g, 9 5, 0.1 %.17g))", cos(t) * 1e-10, sin(t) * 1e-10, cos(t) * 1e-10);
    double ar;
    free(overlay(a, b, GV_OV_INTERSECTION, 0, &ar));
    CHECK(ar > 0);
    free(overlay(a, b, GV_OV_SYMDIFFERENCE, 0, &ar));
    CHECK(ar > 0);
  }
}

/* Any types through gv_ov_add / gv_ov_run; the empty result as a polygon. */
static char *overlay_any(const char *a, const char *b, int op, double grid) {
  gv_array *x = wkt(a), *y = b ? wkt(b) : NULL;
  gv_buf segs = {0}, pts = {0};
  const char *why = NULL;
  CHECK(x != NULL);
  CHECK(gv_ov_add(x, 0, 0, &segs, &pts, &why) == GV_OK);
  if (y) CHECK(gv_ov_add(y, 0, 1, &segs, &pts, &why) == GV_OK);
  gv_ov_out o;
  gv_status st = gv_ov_run((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), (const gv_ov_pt *)pts.data,
                           (int64_t)(pts.len / sizeof(gv_ov_pt)), op, grid, &o);
  CHECK(st == GV_OK);
  char *s = to_wkt(&o);
  gv_ov_out_free(&o);
  gv_buf_free(&segs);
  gv_buf_free(&pts);
  gv_array_release(x);
  if (y) gv_array_release(y);
  return s;
}

static void expect_any(const char *a, const char *b, int op, const char *want) {
  char *s = overlay_any(a, b, op, 0);
  CHECK_STR(s, want);
  free(s);
}

static void test_lines_points(void) {
  /* line x line: shared points and segments (each OverlayNG edge one line) */
  expect_any("LINESTRING (0 0, 2 2)", "LINESTRING (0 2, 2 0)", GV_OV_INTERSECTION, "POINT (1 1)");
  expect_any("LINESTRING (0 0, 2 0)", "LINESTRING (1 0, 3 0)", GV_OV_INTERSECTION, "LINESTRING (1 0, 2 0)");
  expect_any("LINESTRING (0 0, 2 0)", "LINESTRING (1 0, 3 0)", GV_OV_UNION, "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 3 0))");
  expect_any("LINESTRING (0 0, 2 0)", "LINESTRING (1 0, 3 0)", GV_OV_DIFFERENCE, "LINESTRING (0 0, 1 0)");
  expect_any("LINESTRING (0 0, 2 0)", "LINESTRING (1 0, 3 0)", GV_OV_SYMDIFFERENCE, "MULTILINESTRING ((0 0, 1 0), (2 0, 3 0))");
  /* a line through its own vertices is one line; repeated points dropped */
  expect_any("LINESTRING (0 0, 1 0, 1 0, 2 0, 2 1)", NULL, GV_OV_UNARY, "LINESTRING (0 0, 1 0, 2 0, 2 1)");
  /* polygon x line: clipped lines, the polygon keeps the crossing nodes */
  expect_any(SQ1, "LINESTRING (-1 0.5, 2 0.5)", GV_OV_INTERSECTION, "LINESTRING (0 0.5, 1 0.5)");
  expect_any(SQ1, "LINESTRING (-1 0.5, 2 0.5)", GV_OV_DIFFERENCE, "POLYGON ((0 0.5, 0 1, 1 1, 1 0.5, 1 0, 0 0, 0 0.5))");
  expect_any("LINESTRING (-1 0.5, 2 0.5)", SQ1, GV_OV_DIFFERENCE, "MULTILINESTRING ((-1 0.5, 0 0.5), (1 0.5, 2 0.5))");
  expect_any(SQ1, "LINESTRING (-1 0.5, 2 0.5)", GV_OV_UNION,
             "GEOMETRYCOLLECTION (POLYGON ((0 0.5, 0 1, 1 1, 1 0.5, 1 0, 0 0, 0 0.5)), LINESTRING (-1 0.5, 0 0.5), LINESTRING (1 0.5, 2 0.5))");
  /* lines keep their input's direction */
  expect_any(SQ1, "LINESTRING (2 0.5, -1 0.5)", GV_OV_INTERSECTION, "LINESTRING (1 0.5, 0 0.5)");
  expect_any("LINESTRING (2 0, 0 0)", "LINESTRING (3 0, 1 0)", GV_OV_DIFFERENCE, "LINESTRING (1 0, 0 0)");
  /* a line along the boundary is covered by the polygon */
  expect_any("LINESTRING (0 0, 1 0)", SQ1, GV_OV_DIFFERENCE, "POLYGON EMPTY");
  expect_any("LINESTRING (0 0, 1 0)", SQ1, GV_OV_INTERSECTION, "LINESTRING (0 0, 1 0)");
  /* a line touching a polygon at a vertex: a point */
  expect_any("LINESTRING (1 1, 2 2)", SQ1, GV_OV_INTERSECTION, "POINT (1 1)");
  /* points: by location, boundary included; duplicates once */
  expect_any(SQ1, "MULTIPOINT ((0.5 0.5), (1 0.5), (5 5), (5 5))", GV_OV_INTERSECTION, "MULTIPOINT ((0.5 0.5), (1 0.5))");
  expect_any("MULTIPOINT ((0.5 0.5), (1 0.5), (5 5))", SQ1, GV_OV_DIFFERENCE, "POINT (5 5)");
  expect_any(SQ1, "MULTIPOINT ((0.5 0.5), (5 5))", GV_OV_UNION, "GEOMETRYCOLLECTION (POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1)), POINT (5 5))");
  expect_any("MULTIPOINT ((0 0), (1 1))", "MULTIPOINT ((1 1), (2 2))", GV_OV_SYMDIFFERENCE, "MULTIPOINT ((0 0), (2 2))");
  expect_any("POINT (0.5 0)", "LINESTRING (0 0, 1 0)", GV_OV_INTERSECTION, "POINT (0.5 0)");
  /* a mixed collection: its line inside its polygon is covered */
  expect_any("GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), LINESTRING (1 1, 3 1), POINT (1.5 1.5), POINT (5 5))", NULL,
             GV_OV_UNARY, "GEOMETRYCOLLECTION (POLYGON ((0 2, 2 2, 2 1, 2 0, 0 0, 0 2)), LINESTRING (2 1, 3 1), POINT (5 5))");
  /* a grid moves points too */
  char *s = overlay_any("LINESTRING (0 0, 2.2 2.2)", "LINESTRING (0.1 2.1, 2.1 0.1)", GV_OV_INTERSECTION, 0.5);
  CHECK_STR(s, "POINT (1 1)");
  free(s);
}

static void expect_grid(const char *a, const char *b, int op, double grid, const char *want) {
  char *s = overlay(a, b, op, grid, NULL);
  CHECK_STR(s, want);
  free(s);
}

/* Areas that collapse on the grid become lines as OverlayNG makes them (issue #12). */
static void test_grid_collapses(void) {
  const char *strip = "POLYGON ((0 0, 10 0, 10 0.2, 0 0.2, 0 0))", *around = "POLYGON ((-1 -1, 11 -1, 11 11, -1 11, -1 -1))",
             *far = "POLYGON ((20 20, 21 20, 21 21, 20 21, 20 20))";
  expect_grid(strip, around, GV_OV_INTERSECTION, 1, "LINESTRING (0 0, 10 0)");
  expect_grid(around, strip, GV_OV_INTERSECTION, 1, "LINESTRING (0 0, 10 0)");
  expect_grid(strip, around, GV_OV_UNION, 1, "POLYGON ((-1 11, 11 11, 11 -1, -1 -1, -1 11))");
  expect_grid(strip, around, GV_OV_SYMDIFFERENCE, 1, "POLYGON ((-1 11, 11 11, 11 -1, -1 -1, -1 11))");
  expect_grid(strip, around, GV_OV_DIFFERENCE, 1, "POLYGON EMPTY");
  expect_grid(strip, far, GV_OV_UNION, 1, "GEOMETRYCOLLECTION (POLYGON ((20 21, 21 21, 21 20, 20 20, 20 21)), LINESTRING (0 0, 10 0))");
  expect_grid(strip, far, GV_OV_DIFFERENCE, 1, "LINESTRING (0 0, 10 0)");
  expect_grid(strip, far, GV_OV_SYMDIFFERENCE, 1,
              "GEOMETRYCOLLECTION (POLYGON ((20 21, 21 21, 21 20, 20 20, 20 21)), LINESTRING (0 0, 10 0))");
  expect_grid(far, strip, GV_OV_DIFFERENCE, 1, "POLYGON ((20 21, 21 21, 21 20, 20 20, 20 21))");
  /* a vertex on the collapse is a node */
  expect_grid("POLYGON ((0 0, 5 0, 10 0, 10 0.2, 0 0.2, 0 0))", around, GV_OV_INTERSECTION, 1,
              "MULTILINESTRING ((0 0, 5 0), (5 0, 10 0))");
  /* a spike beside its polygon; a collapsed hole inside it */
  expect_grid("POLYGON ((0 0, 4 0, 4 4, 5 4, 5 4.2, 4 4.2, 4 5, 0 5, 0 0))", around, GV_OV_INTERSECTION, 1,
              "GEOMETRYCOLLECTION (POLYGON ((0 5, 4 5, 4 4, 4 0, 0 0, 0 5)), LINESTRING (4 4, 5 4))");
  expect_grid("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 1.2, 1 1.2, 1 1))", around, GV_OV_INTERSECTION, 1,
              "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))");
  /* unary union drops collapses (GEOS unions polygons into polygons); no grid: nothing collapses */
  expect_grid("MULTIPOLYGON (((0 0, 10 0, 10 0.2, 0 0.2, 0 0)), ((20 20, 21 20, 21 21, 20 21, 20 20)))", NULL, GV_OV_UNARY, 1,
              "POLYGON ((20 21, 21 21, 21 20, 20 20, 20 21))");
  expect_grid(strip, around, GV_OV_INTERSECTION, 0, "POLYGON ((0 0.2, 10 0.2, 10 0, 0 0, 0 0.2))");
  /* two strips collapsing onto the same line */
  expect_grid(strip, "POLYGON ((0 0.1, 10 0.1, 10 0.3, 0 0.3, 0 0.1))", GV_OV_INTERSECTION, 1, "LINESTRING (0 0, 10 0)");
}

int main(void) {
  RUN(test_basic);
  RUN(test_grid_collapses);
  RUN(test_lines_points);
  RUN(test_near_degenerate);
  return check_report("test_overlay");
}
