/* Point location in whole geometries (RelateNG semantics): points, lines
 * with mod-2 boundaries, polygons, collections with adjacent polygons,
 * lines ending inside polygons, empties and nulls; prepared and unprepared
 * must agree everywhere. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "wkt_array.h"
#include "kernels.h"
#include "algorithm/predicates.h"

enum { E = GV_LOC_EXTERIOR, B = GV_LOC_BOUNDARY, I = GV_LOC_INTERIOR };

static gv_array *wkt_n(const char *const *texts, int64_t n) {
  gv_array *a = test_wkt_array(texts, n);
  CHECK(a != NULL);
  return a;
}

/* A prepared twin: a borrowing copy of a (owning nothing) that holds the
 * prepared state. */
static gv_array *twin(const gv_array *a) {
  gv_array *b = gv_array_new();
  *b = *a;
  b->refcount = 1;
  for (size_t i = 0; i < sizeof b->owned / sizeof b->owned[0]; i++) b->owned[i] = NULL;
  b->host_free = NULL;
  b->prepared = NULL;
  CHECK(gv_prepare(b) == GV_OK);
  return b;
}

/* Location of (x, y) in the geometry of WKT text, unprepared and prepared. */
static int where(const char *text, double x, double y) {
  gv_array *a = wkt_n(&text, 1);
  if (!a) return -1;
  gv_array *b = twin(a);
  int l0 = gv_locate_point(a, 0, x, y), l1 = gv_locate_point(b, 0, x, y);
  if (l0 != l1) fprintf(stderr, "%s at (%g, %g): unprepared %d, prepared %d\n", text, x, y, l0, l1);
  CHECK(l0 == l1);
  gv_array_release(b);
  gv_array_release(a);
  return l0;
}

static void test_points(void) {
  const char *p = "POINT (1 2)";
  CHECK(where(p, 1, 2) == I);
  CHECK(where(p, 1, 3) == E);
  CHECK(where(p, NAN, 2) == E);
  CHECK(where("POINT EMPTY", 0, 0) == E);
  CHECK(where("POINT EMPTY", NAN, NAN) == E);
  const char *mp = "MULTIPOINT ((1 2), EMPTY, (3 4))";
  CHECK(where(mp, 1, 2) == I);
  CHECK(where(mp, 3, 4) == I);
  CHECK(where(mp, 2, 3) == E);
  CHECK(where("MULTIPOINT EMPTY", 0, 0) == E);
  CHECK(where("POINT (0.30000000000000004 0)", 0.1 + 0.2, 0) == I);
  CHECK(where("POINT (0.3 0)", 0.1 + 0.2, 0) == E);
}

static void test_lines(void) {
  const char *l = "LINESTRING (0 0, 10 0, 10 10)";
  CHECK(where(l, 0, 0) == B);
  CHECK(where(l, 10, 10) == B);
  CHECK(where(l, 10, 0) == I);
  CHECK(where(l, 5, 0) == I);
  CHECK(where(l, 10, 5) == I);
  CHECK(where(l, 5, 1) == E);
  CHECK(where(l, 11, 0) == E);
  CHECK(where(l, 10, 11) == E);
  /* exact: on (0,0)-(0.3,0.9) only at exact points */
  const char *d = "LINESTRING (0 0, 0.3 0.9)";
  CHECK(where(d, 0.15, 0.45) == I);
  CHECK(where(d, 0.075, 0.225) == I);
  CHECK(where(d, 0.1, 0.3) == E); /* 0.1 * 3 != 0.3 in binary: off the segment */
  CHECK(where(d, 0.15, nextafter(0.45, 1)) == E);
  /* a closed line has no boundary: its start is two ends */
  const char *ring = "LINESTRING (0 0, 1 0, 1 1, 0 0)";
  CHECK(where(ring, 0, 0) == I);
  CHECK(where(ring, 1, 0) == I);
  CHECK(where(ring, 0.5, 0.5) == I);
  CHECK(where(ring, 0.5, 0.25) == E);
  /* mod 2 over the lines of a multi line */
  const char *two = "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))";
  CHECK(where(two, 1, 0) == I);
  CHECK(where(two, 0, 0) == B);
  CHECK(where(two, 2, 0) == B);
  const char *three = "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 0, 1 1))";
  CHECK(where(three, 1, 0) == B);
  CHECK(where(three, 1, 0.5) == I);
  const char *four = "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 0, 1 1), (1 -1, 1 0))";
  CHECK(where(four, 1, 0) == I);
  /* a closed line (two ends) and an open one meeting it: three ends */
  const char *loop = "MULTILINESTRING ((0 0, 1 0, 1 1, 0 0), (0 0, -1 0))";
  CHECK(where(loop, 0, 0) == B);
  CHECK(where(loop, -1, 0) == B);
  CHECK(where(loop, 1, 1) == I);
  /* an end of one line in the middle of another: still one end */
  const char *tee = "MULTILINESTRING ((0 0, 2 0), (1 0, 1 1))";
  CHECK(where(tee, 1, 0) == B);
  CHECK(where("LINESTRING EMPTY", 0, 0) == E);
  CHECK(where("MULTILINESTRING (EMPTY, (0 0, 1 0))", 0, 0) == B);
  CHECK(where("MULTILINESTRING EMPTY", 0, 0) == E);
}

static void test_polygons(void) {
  const char *sq = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))";
  CHECK(where(sq, 0.25, 0.25) == I);
  CHECK(where(sq, 1, 1) == E);
  CHECK(where(sq, 0.5, 1) == B);
  CHECK(where(sq, 2, 1) == B);
  CHECK(where(sq, 3, 1) == E);
  /* parts touching at a corner: the corner is boundary */
  const char *mp = "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((1 1, 2 1, 2 2, 1 2, 1 1)))";
  CHECK(where(mp, 1, 1) == B);
  CHECK(where(mp, 0.5, 0.5) == I);
  CHECK(where(mp, 1.5, 1.5) == I);
  CHECK(where(mp, 1.5, 0.5) == E);
  CHECK(where(mp, 1, 0.5) == B);
  /* an island in a hole */
  const char *isl = "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)), ((4 4, 6 4, 6 6, 4 6, 4 4)))";
  CHECK(where(isl, 1, 1) == I);
  CHECK(where(isl, 3, 3) == E);
  CHECK(where(isl, 5, 5) == I);
  CHECK(where(isl, 4, 5) == B);
  CHECK(where(isl, 2, 5) == B);
  CHECK(where("POLYGON EMPTY", 0, 0) == E);
  CHECK(where("MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))", 0.75, 0.25) == I);
}

static void test_collections(void) {
  /* adjacent squares: their shared edge is interior of the union
   * (AdjacentEdgeLocator), its ends are boundary */
  const char *adj = "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))";
  CHECK(where(adj, 1, 0.5) == I);
  CHECK(where(adj, 1, 0) == B);
  CHECK(where(adj, 1, 1) == B);
  CHECK(where(adj, 0.5, 0.5) == I);
  CHECK(where(adj, 0, 0.5) == B);
  CHECK(where(adj, 3, 3) == E);
  /* the same with opposite ring orientations and a nested collection */
  const char *adj2 = "GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))";
  CHECK(where(adj2, 1, 0.5) == I);
  CHECK(where(adj2, 1, 0.25) == I);
  CHECK(where(adj2, 1, 1) == B);
  /* four squares around a point: the point is interior */
  const char *four = "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)),"
                     " POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1)), POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1)))";
  CHECK(where(four, 1, 1) == I);
  CHECK(where(four, 1, 0) == B);
  CHECK(where(four, 0.5, 1) == I);
  /* three of the four: the centre is boundary */
  const char *three = "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)),"
                      " POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1)))";
  CHECK(where(three, 1, 1) == B);
  CHECK(where(three, 1, 0.5) == I);
  CHECK(where(three, 1.5, 1.5) == E);
  /* a polygon filling another's hole: the hole's ring is interior */
  const char *fill = "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1)),"
                     " POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1)))";
  CHECK(where(fill, 1, 2) == I);
  CHECK(where(fill, 1, 1) == I);
  CHECK(where(fill, 2, 2) == I);
  CHECK(where(fill, 4, 2) == B);
  /* a smaller polygon inside another, touching its boundary from inside */
  const char *inner = "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), POLYGON ((0 1, 2 1, 2 3, 0 3, 0 1)))";
  CHECK(where(inner, 0, 2) == B);
  CHECK(where(inner, 1, 2) == I);
  CHECK(where(inner, 2, 2) == I); /* in the big one's interior */
  /* touching at a corner only */
  const char *corner = "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1)))";
  CHECK(where(corner, 1, 1) == B);
  /* a multipolygon member and a polygon member sharing an edge */
  const char *mixed = "GEOMETRYCOLLECTION (MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))),"
                      " POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0)))";
  CHECK(where(mixed, 1, 0.5) == I);
  CHECK(where(mixed, 5.5, 5.25) == I);
  CHECK(where(mixed, 5, 5) == B);
  /* lines with polygons: an end inside the polygon is interior, on its
   * boundary boundary, outside it by mod 2 */
  const char *lp = "GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), LINESTRING (1 1, 3 1, 3 3), LINESTRING (2 2, 4 4))";
  CHECK(where(lp, 1, 1) == I);
  CHECK(where(lp, 3, 3) == B);
  CHECK(where(lp, 2, 2) == B); /* a polygon corner: the polygon decides */
  CHECK(where(lp, 4, 4) == B);
  CHECK(where(lp, 3, 2) == I);
  CHECK(where(lp, 2.5, 1) == I);
  CHECK(where(lp, 2, 1) == B); /* on the polygon's edge */
  CHECK(where(lp, 3.5, 3.5) == I);
  CHECK(where(lp, 5, 5) == E);
  /* lines of different members share ends: mod 2 over the collection */
  const char *ll = "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 0), MULTILINESTRING ((1 0, 2 0)), POINT (1 0))";
  CHECK(where(ll, 1, 0) == I);
  CHECK(where(ll, 0, 0) == B);
  const char *lll = "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 0), MULTILINESTRING ((1 0, 2 0), (1 0, 1 1)))";
  CHECK(where(lll, 1, 0) == B);
  /* points: interior, unless a line's boundary or a polygon says more */
  const char *pts = "GEOMETRYCOLLECTION (POINT (5 5), POINT EMPTY, MULTIPOINT ((6 6), (7 7)), LINESTRING (0 0, 1 0), POINT (0 0))";
  CHECK(where(pts, 5, 5) == I);
  CHECK(where(pts, 7, 7) == I);
  CHECK(where(pts, 0, 0) == B);
  CHECK(where(pts, 8, 8) == E);
  const char *pin = "GEOMETRYCOLLECTION (POINT (1 1), POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), POINT (2 1))";
  CHECK(where(pin, 1, 1) == I);
  CHECK(where(pin, 2, 1) == B);
  /* empties */
  CHECK(where("GEOMETRYCOLLECTION EMPTY", 0, 0) == E);
  CHECK(where("GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING EMPTY, POLYGON EMPTY)", 0, 0) == E);
  CHECK(where("GEOMETRYCOLLECTION (POLYGON EMPTY, POINT (0 0))", 0, 0) == I);
  CHECK(where("GEOMETRYCOLLECTION (GEOMETRYCOLLECTION EMPTY, LINESTRING (0 0, 1 1))", 0, 0) == B);
}

static void test_nulls_and_range(void) {
  const char *texts[] = {"POINT (1 1)", NULL, "POLYGON ((0 0, 1 0, 1 1, 0 0))"};
  gv_array *a = wkt_n(texts, 3);
  CHECK(gv_locate_point(a, 0, 1, 1) == I);
  CHECK(gv_locate_point(a, 1, 1, 1) == E);
  CHECK(gv_locate_point(a, 2, 1, 1) == B);
  CHECK(gv_locate_point(a, 3, 1, 1) == E);
  CHECK(gv_locate_point(a, -1, 1, 1) == E);
  CHECK(gv_locate_point(NULL, 0, 1, 1) == E);
  gv_array_release(a);
}

/* Big rings and lines (indexed when prepared) inside a collection: random
 * points, every vertex and every edge midpoint agree prepared and not. */
static void test_big_collection(void) {
  gv_buf t = {0};
  const char *head = "GEOMETRYCOLLECTION (POLYGON ((";
  gv_buf_append(&t, head, strlen(head));
  char buf[96];
  int n = 200;
  for (int k = 0; k <= n; k++) {
    double ang = 2 * 3.141592653589793 * (k % n) / n, rad = k % 2 ? 10 : 8;
    int len = snprintf(buf, sizeof buf, "%s%.17g %.17g", k ? ", " : "", round(rad * cos(ang) * 16) / 16,
                       round(rad * sin(ang) * 16) / 16);
    gv_buf_append(&t, buf, (size_t)len);
  }
  gv_buf_append(&t, ")), LINESTRING (", 16);
  for (int k = 0; k <= n; k++) {
    int len = snprintf(buf, sizeof buf, "%s%d %d", k ? ", " : "", k - 100, (k % 3) * 4 - 4);
    gv_buf_append(&t, buf, (size_t)len);
  }
  gv_buf_append(&t, "), POLYGON ((10 -1, 20 -1, 20 1, 10 1, 10 -1)))", 48);
  gv_buf_append(&t, "", 1);
  const char *text = (const char *)t.data;
  gv_array *a = wkt_n(&text, 1);
  gv_buf_free(&t);
  gv_array *b = twin(a);
  CHECK(gv_prepared_bytes(b) > 0);
  int bad = 0;
  uint64_t r = 12345;
  enum { N = 20000 };
  static double xs[N], ys[N];
  static uint8_t ref[2][N];
  for (int k = 0; k < N; k++) {
    r ^= r << 13, r ^= r >> 7, r ^= r << 17;
    double x = (double)(r % 4001) / 16 - 125, y = (double)((r >> 20) % 481) / 16 - 15;
    int l = gv_locate_point(a, 0, x, y);
    if (l != gv_locate_point(b, 0, x, y)) bad++;
    xs[k] = x, ys[k] = y, ref[0][k] = l == I, ref[1][k] = l != E;
  }
  /* the xy kernel on the unprepared array (it builds the collection's
   * accelerators for the call) and on the prepared one */
  int kid = -1;
  for (int k = 0; k < gv_kernel_count; k++)
    if (strcmp(gv_kernels[k].name, "xy_predicate") == 0) kid = k;
  for (int which = 0; which < 2; which++) {
    for (int prepared = 0; prepared < 2; prepared++) {
      gv_call c;
      memset(&c, 0, sizeof c);
      c.arr[0] = prepared ? b : a;
      c.in[0].data = xs, c.in[0].len = sizeof xs;
      c.in[1].data = ys, c.in[1].len = sizeof ys;
      c.num[0] = which, c.num[1] = 1, c.num[2] = 0;
      CHECK(gv_invoke(kid, &c) == GV_OK);
      const uint8_t *got = c.out[0].data;
      for (int k = 0; k < N; k++) bad += got[k] != ref[which][k];
      gv_call_dispose(&c);
    }
  }
  /* the line's vertices and midpoints */
  for (int k = 0; k <= n; k++) {
    double x = k - 100, y = (k % 3) * 4 - 4;
    int want = k == 0 || k == n ? B : I;
    int la = gv_locate_point(a, 0, x, y), lb = gv_locate_point(b, 0, x, y);
    if (la != lb) bad++;
    /* inside the star polygon the polygon decides */
    if (fabs(x) > 21 && la != want) bad++;
  }
  CHECK(bad == 0);
  CHECK(gv_locate_point(b, 0, 15, 0) == I); /* in the second polygon */
  CHECK(gv_locate_point(b, 0, 0, 0) == I);
  CHECK(gv_locate_point(b, 0, -100, -4) == B);
  gv_array_release(b);
  gv_array_release(a);
}

int main(void) {
  RUN(test_points);
  RUN(test_lines);
  RUN(test_polygons);
  RUN(test_collections);
  RUN(test_nulls_and_range);
  RUN(test_big_collection);
  return check_report("test_locate");
}
