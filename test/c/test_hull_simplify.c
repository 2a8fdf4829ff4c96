/* convexHull and simplify in the C core (shape/hull.c, shape/simplify.c)
 * under ASan/UBSan/LSan: hulls of point sets on both sides of the stack
 * buffer's size and of the Akl-Toussaint filter's threshold, in orders that
 * take the run-merging sort and the quicksort; collinear, repeated and
 * single points; simplify of long rings in both modes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "shape/shape.h"
#include "wkt_array.h"

static char *run(int op, const char *wkt, double p0) {
  const char *texts[1] = {wkt};
  gv_array *a = test_wkt_array(texts, 1);
  if (!a) return NULL;
  gv_builder b;
  gv_builder_init(&b);
  double p[2] = {p0, 0};
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

static void expect(int op, const char *wkt, double p0, const char *want) {
  char *got = run(op, wkt, p0);
  CHECK_STR(got, want);
  free(got);
}

/* "MULTIPOINT (...)" of the points of a k x k grid in a scrambled order
 * (order 0), row by row (1), or as a closed ring around the grid (2). */
static char *grid(int k, int order) {
  size_t cap = (size_t)k * k * 24 + 64, len = 0;
  char *s = malloc(cap);
  len += (size_t)snprintf(s + len, cap - len, order == 2 ? "LINESTRING (" : "MULTIPOINT (");
  int n = order == 2 ? 4 * (k - 1) + 1 : k * k;
  for (int t = 0; t < n; t++) {
    int x, y;
    if (order == 2) {
      int e = t % (4 * (k - 1)), side = e / (k - 1), o = e % (k - 1);
      x = side == 0 ? o : side == 1 ? k - 1 : side == 2 ? k - 1 - o : 0;
      y = side == 0 ? 0 : side == 1 ? o : side == 2 ? k - 1 : k - 1 - o;
    } else {
      int u = order == 0 ? (int)(((long long)t * 7919) % (k * k)) : t;
      x = u % k, y = u / k;
    }
    len += (size_t)snprintf(s + len, cap - len, order == 2 ? "%s%d %d" : "%s(%d %d)", t ? ", " : "", x, y);
  }
  snprintf(s + len, cap - len, ")");
  return s;
}

static void test_hull(void) {
  const int sizes[] = {3, 5, 8, 9, 11, 12, 33};
  char want[128];
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    int k = sizes[i];
    snprintf(want, sizeof want, "POLYGON ((0 0, %d 0, %d %d, 0 %d, 0 0))", k - 1, k - 1, k - 1, k - 1);
    for (int order = 0; order < 3; order++) {
      char *w = grid(k, order);
      expect(SH_CONVEX_HULL, w, 0, want);
      free(w);
    }
  }
  /* collinear, with repeats, on both sides of the thresholds */
  for (int n = 1; n <= 300; n += 37) {
    size_t cap = (size_t)n * 24 + 32, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s + len, cap - len, "MULTIPOINT (");
    for (int t = 0; t < n; t++) len += (size_t)snprintf(s + len, cap - len, "%s(%d %d)", t ? ", " : "", (t * 13) % 17, (t * 13) % 17 * 2);
    snprintf(s + len, cap - len, ")");
    expect(SH_CONVEX_HULL, s, 0, n == 1 ? "POINT (0 0)" : "LINESTRING (0 0, 16 32)");
    free(s);
  }
  expect(SH_CONVEX_HULL, "MULTIPOINT ((2 2), (2 2), (2 2))", 0, "POINT (2 2)");
  expect(SH_CONVEX_HULL, "MULTIPOINT ((0 0), (1 0), (0 1))", 0, "POLYGON ((0 0, 1 0, 0 1, 0 0))");
  expect(SH_CONVEX_HULL, "MULTIPOINT ((0 0), (1 0), (0 0))", 0, "LINESTRING (0 0, 1 0)");
  expect(SH_CONVEX_HULL, "POINT EMPTY", 0, "GEOMETRYCOLLECTION EMPTY");
}

/* A ring of n vertices on a circle of radius 10 with a bump every 7th
 * vertex, and a hole near the shell; simplified in both modes. */
static void test_simplify(void) {
  for (int n = 8; n <= 4000; n *= 3) {
    size_t cap = (size_t)n * 60 + 256, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s + len, cap - len, "POLYGON ((");
    for (int k = 0; k <= n; k++) {
      double a = 6.283185307179586 * (k % n) / n, r = 10 + ((k % n) % 7 == 0 ? 0.3 : 0);
      len += (size_t)snprintf(s + len, cap - len, "%s%.6f %.6f", k ? ", " : "", r * cos(a), r * sin(a));
    }
    snprintf(s + len, cap - len, "), (9.5 -0.2, 9.5 0.2, 9.8 0, 9.5 -0.2))");
    for (int op = SH_SIMPLIFY_DP; op <= SH_SIMPLIFY_TP; op++) {
      char *got = run(op, s, 0.5);
      CHECK(got != NULL);
      if (got) {
        CHECK(strncmp(got, "POLYGON ((", 10) == 0);
        /* the topology-preserving result keeps the hole, which the shell
         * must not cross: it keeps vertices around it */
        if (op == SH_SIMPLIFY_TP) CHECK(strstr(got, "), (") != NULL);
      }
      free(got);
    }
    free(s);
  }
  expect(SH_SIMPLIFY_TP, "LINESTRING (0 0, 1 0.1, 2 0, 3 0.1, 4 0)", 0.5, "LINESTRING (0 0, 4 0)");
  expect(SH_SIMPLIFY_DP, "LINESTRING (0 0, 1 0.1, 2 0, 3 0.1, 4 0)", 0.5, "LINESTRING (0 0, 4 0)");
  expect(SH_SIMPLIFY_DP, "LINESTRING (0 0, 0 0, 0 0)", 0.5, "LINESTRING (0 0, 0 0)");
}

int main(void) {
  RUN(test_hull);
  RUN(test_simplify);
  return check_report("test_hull_simplify");
}
