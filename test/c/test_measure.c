/* The measure and coords kernels under the sanitizers: every kernel over
 * a corpus of awkward inputs (empties of every type, nulls, zero-length
 * and repeated segments, nested collections, Z, huge and tiny
 * coordinates), in every broadcast mode, prepared and not; plus a few
 * values and the errors for bad arguments. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "wkt_array.h"
#include "kernels.h"
#include "algorithm/predicates.h"
#include "measure/measure.h"
#include "algorithm/prepared.h"
#include <stdio.h>

static const char *const CORPUS[] = {
    "POINT (1 2)", "POINT EMPTY", NULL, "LINESTRING EMPTY", "LINESTRING (0 0, 0 0)", "LINESTRING (0 0, 1 1, 0 0)",
    "LINESTRING (0 0, 4 0, 4 4, 0 4, 0 0)", "POLYGON EMPTY", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))",
    "MULTIPOINT (EMPTY, (1 1), (1 1))", "MULTILINESTRING (EMPTY, (0 0, 1 0), (1 0, 1 0, 2 0))",
    "MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))", "GEOMETRYCOLLECTION EMPTY",
    "GEOMETRYCOLLECTION (POINT EMPTY, GEOMETRYCOLLECTION (LINESTRING (5 5, 6 6), GEOMETRYCOLLECTION EMPTY), MULTIPOINT EMPTY)",
    "POINT Z (1 2 3)", "LINESTRING Z (0 0 1, 1e300 1e300 2)", "POINT (1e-320 -1e-320)",
    "POLYGON ((1e15 1e15, 1.000000001e15 1e15, 1e15 1.000000001e15, 1e15 1e15))",
};
#define NC ((int64_t)(sizeof CORPUS / sizeof CORPUS[0]))

static gv_array *wkt_n(const char *const *texts, int64_t n) {
  gv_array *a = test_wkt_array(texts, n);
  CHECK(a != NULL);
  return a;
}

static int kernel_id(const char *name) {
  for (int k = 0; k < gv_kernel_count; k++)
    if (!strcmp(gv_kernels[k].name, name)) return k;
  return -1;
}

/* Runs a kernel; returns its status and keeps the call for inspection. */
static gv_status call(gv_call *c, const char *name) {
  int id = kernel_id(name);
  CHECK(id >= 0);
  return gv_invoke(id, c);
}

static void test_every_kernel_every_input(void) {
  gv_array *a = wkt_n(CORPUS, NC);
  const char *unary[] = {"area", "length", "get_coordinates", "count_coordinates", "force_dims", "num_geometries",
                         "get_geometry", "get_parts", "num_interior_rings", "polygon_ring", "get_rings", "get_point",
                         "point_coord", "line_num_points", "line_property", "affine"};
  for (size_t k = 0; k < sizeof unary / sizeof *unary; k++) {
    for (double v = -2; v <= 2; v++) {
      gv_call c;
      memset(&c, 0, sizeof c);
      c.arr[0] = a;
      c.num[0] = v;
      c.num[1] = v;
      gv_status s = call(&c, unary[k]);
      CHECK(s == GV_OK || s == GV_ERR_ARG);
      gv_call_dispose(&c);
    }
  }
  const char *binary[] = {"distance", "dwithin", "hausdorff_distance", "frechet_distance", "equals_exact"};
  for (int prepared = 0; prepared < 2; prepared++) {
    if (prepared) CHECK(gv_prepare(a) == GV_OK);
    for (size_t k = 0; k < sizeof binary / sizeof *binary; k++)
      for (int mode = 0; mode < 3; mode++)
        for (int64_t single = 0; single < (mode ? NC : 1); single++) {
          gv_call c;
          memset(&c, 0, sizeof c);
          c.arr[0] = a, c.arr[1] = a;
          c.num[0] = mode, c.num[1] = (double)single, c.num[2] = 0.5;
          CHECK(call(&c, binary[k]) == GV_OK);
          gv_call_dispose(&c);
        }
  }
  gv_array_release(a);
}

static double one(const char *name, const char *wa, const char *wb, double num2) {
  const char *t[2] = {wa, wb};
  gv_array *a = wkt_n(t, 1), *b = wkt_n(t + 1, 1);
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a, c.arr[1] = b, c.num[2] = num2;
  double v = NAN;
  if (call(&c, name) == GV_OK) v = strcmp(name, "dwithin") ? ((double *)c.out[0].data)[0] : ((uint8_t *)c.out[0].data)[0];
  gv_call_dispose(&c);
  gv_array_release(a);
  gv_array_release(b);
  return v;
}

static void test_values(void) {
  CHECK(one("distance", "POINT (0 0)", "POINT (3 4)", 0) == 5);
  CHECK(one("distance", "POINT (2 2)", "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))", 0) == 1);
  CHECK(one("distance", "LINESTRING (0 0, 10 10)", "LINESTRING (0 10, 10 0)", 0) == 0);
  CHECK(isnan(one("distance", "POINT EMPTY", "POINT (1 1)", 0)));
  CHECK(one("dwithin", "POINT (0 0)", "POINT (3 4)", 5) == 1);
  CHECK(one("dwithin", "POINT (0 0)", "POINT (3 4)", 4.999) == 0);
  CHECK(one("dwithin", "POINT (0 0)", "POINT (3 4)", NAN) == 0);
  CHECK(one("hausdorff_distance", "LINESTRING (0 0, 2 0)", "LINESTRING (0 1, 2 1)", 0) == 1);
  CHECK(one("frechet_distance", "LINESTRING (0 0, 2 0)", "LINESTRING (2 1, 0 1)", 0) == sqrt(5));
}

static void test_bad_arguments(void) {
  const char *t[2] = {"POINT (1 1)", "POINT (2 2)"};
  gv_array *a = wkt_n(t, 2), *b = wkt_n(t, 1);
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a, c.arr[1] = b; /* lengths 2 and 1, pairwise */
  CHECK(call(&c, "distance") == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = a, c.arr[1] = b, c.num[0] = 1, c.num[1] = 5; /* single out of range */
  CHECK(call(&c, "dwithin") == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  double xy[4] = {0, 0, 1, 1};
  int32_t off[3] = {0, 1, 2};
  c.in[0] = (gv_span){xy, sizeof xy}, c.in[1] = (gv_span){off, sizeof off}, c.num[1] = GV_LINESTRING;
  CHECK(call(&c, "from_coords") == GV_ERR_ARG); /* lines of 1 coordinate */
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  int32_t bad_off[2] = {0, 7};
  c.in[0] = (gv_span){xy, sizeof xy}, c.in[1] = (gv_span){bad_off, sizeof bad_off}, c.num[1] = GV_MULTIPOINT;
  CHECK(call(&c, "from_coords") == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  int32_t groups[2] = {0, 3};
  c.arr[0] = a, c.in[0] = (gv_span){groups, sizeof groups}, c.num[0] = 2;
  CHECK(call(&c, "collect") == GV_ERR_ARG);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = a, c.in[0] = (gv_span){xy, 8};
  CHECK(call(&c, "set_coordinates") == GV_ERR_ARG);
  gv_call_dispose(&c);
  gv_array_release(a);
  gv_array_release(b);
}

/* Affine matrices of 6 and 12 values (one, or one per geometry), get /
 * set coordinates in every dims code with round trips, and isRing, over the
 * corpus plus geometries with m. */
static void test_affine_dims_and_rings(void) {
  static const char *const extra[] = {"POINT ZM (1 2 3 4)", "POINT M (1 2 4)", "LINESTRING M (0 0 1, 1 1 2)", "POINT M EMPTY",
                                      "POLYGON ZM ((0 0 1 2, 1 0 1 3, 1 1 1 4, 0 0 1 2))",
                                      "GEOMETRYCOLLECTION M (POINT M (1 1 5), LINESTRING M (0 0 1, 1 1 2))"};
  const char *texts[NC + 6];
  for (int64_t i = 0; i < NC; i++) texts[i] = CORPUS[i];
  for (int i = 0; i < 6; i++) texts[NC + i] = extra[i];
  int64_t n = NC + 6;
  gv_array *a = wkt_n(texts, n);
  double *per = calloc((size_t)n * 12, sizeof(double));
  CHECK(per != NULL);
  for (int64_t k = 0; k < n * 12; k++) per[k] = (double)(k % 7) - 3;
  double m12[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  for (int w = 5; w <= 13; w++)
    for (int each = 0; each < 2; each++) {
      gv_call c;
      memset(&c, 0, sizeof c);
      c.arr[0] = a, c.num[0] = w;
      c.in[0] = each ? (gv_span){per, (size_t)n * (size_t)(w > 12 ? 12 : w) * 8} : (gv_span){m12, (size_t)(w > 12 ? 12 : w) * 8};
      gv_status s = call(&c, "affine");
      CHECK(s == ((w == 6 || w == 12) ? GV_OK : GV_ERR_ARG));
      if (s == GV_OK) CHECK(c.out_arr && c.out_arr->n == n);
      gv_call_dispose(&c);
    }
  /* POINT ZM (1 2 3 4) through the 12 values: (24 43 62), m 4 */
  {
    gv_call c;
    memset(&c, 0, sizeof c);
    c.arr[0] = a, c.num[0] = 12, c.in[0] = (gv_span){m12, sizeof m12};
    CHECK(call(&c, "affine") == GV_OK);
    gv_call g;
    memset(&g, 0, sizeof g);
    g.arr[0] = c.out_arr, g.num[0] = 3;
    CHECK(call(&g, "get_coordinates") == GV_OK);
    const int32_t *ix = g.out[1].data;
    const double *v = g.out[0].data;
    int64_t at = 0;
    while (at < (int64_t)(g.out[1].len / 4) && ix[at] != NC) at++;
    CHECK(v[4 * at] == 24 && v[4 * at + 1] == 43 && v[4 * at + 2] == 62 && v[4 * at + 3] == 4);
    gv_call_dispose(&g);
    gv_call_dispose(&c);
  }
  /* every dims code: get, set back, get again gives the same values */
  for (int code = 0; code < 4; code++) {
    gv_call g;
    memset(&g, 0, sizeof g);
    g.arr[0] = a, g.num[0] = code;
    CHECK(call(&g, "get_coordinates") == GV_OK);
    gv_call s;
    memset(&s, 0, sizeof s);
    s.arr[0] = a, s.num[0] = code, s.in[0] = (gv_span){g.out[0].data, g.out[0].len};
    CHECK(call(&s, "set_coordinates") == GV_OK);
    gv_call g2;
    memset(&g2, 0, sizeof g2);
    g2.arr[0] = s.out_arr, g2.num[0] = code;
    CHECK(call(&g2, "get_coordinates") == GV_OK);
    CHECK(g2.out[0].len == g.out[0].len && g2.out[1].len == g.out[1].len);
    const double *x = g.out[0].data, *y = g2.out[0].data;
    for (size_t k = 0; k < g.out[0].len / 8; k++) CHECK(x[k] == y[k] || (isnan(x[k]) && isnan(y[k])));
    /* one value short */
    gv_call bad;
    memset(&bad, 0, sizeof bad);
    bad.arr[0] = a, bad.num[0] = code, bad.in[0] = (gv_span){g.out[0].data, g.out[0].len - 8};
    CHECK(call(&bad, "set_coordinates") == GV_ERR_ARG);
    gv_call_dispose(&bad);
    gv_call_dispose(&g2);
    gv_call_dispose(&s);
    gv_call_dispose(&g);
  }
  free(per);
  gv_array_release(a);
  /* isRing: the core's simplicity */
  static const char *const lines[] = {"LINESTRING (0 0, 1 0, 1 1, 0 1, 0 0)", "LINESTRING (0 0, 2 0, 2 2, 1 0, 0 2, 0 0)",
                                      "LINESTRING (0 0, 2 2, 2 0, 0 2, 0 0)", "LINESTRING (0 0, 1 0, 0 0)",
                                      "LINESTRING (0 0, 1 0, 1 1)", "LINESTRING EMPTY", NULL, "POLYGON ((0 0, 1 0, 1 1, 0 0))"};
  const uint8_t want[] = {1, 0, 0, 0, 0, 0, 0, 0};
  gv_array *l = wkt_n(lines, 8);
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = l, c.num[0] = 1;
  CHECK(call(&c, "line_property") == GV_OK);
  for (int i = 0; i < 8; i++) CHECK(((uint8_t *)c.out[0].data)[i] == want[i]);
  gv_call_dispose(&c);
  gv_array_release(l);
}

/* Appends "x y" for n points of a wobbly circle, closed, to buf. */
static size_t ring_text(char *buf, size_t at, double cx, double cy, double rad, int n, int cw, unsigned *seed) {
  at += (size_t)sprintf(buf + at, "(");
  double x0 = 0, y0 = 0;
  for (int i = 0; i < n; i++) {
    *seed = *seed * 1103515245u + 12345u;
    double rr = rad * (0.6 + 0.4 * ((*seed >> 8) & 1023) / 1023.0), t = (cw ? -1 : 1) * 6.283185307179586 * i / n;
    double x = round((cx + rr * cos(t)) * 8) / 8, y = round((cy + rr * sin(t)) * 8) / 8;
    if (!i) x0 = x, y0 = y;
    at += (size_t)sprintf(buf + at, "%.17g %.17g, ", x, y);
  }
  return at + (size_t)sprintf(buf + at, "%.17g %.17g)", x0, y0);
}

/* The best-first search over the flat index against the general path:
 * the same distance bits for points inside, outside, on vertices and in
 * holes, and the same dwithin answers (under the sanitizers: the queue and
 * the leaf reads stay in bounds). */
static void test_flat_index(void) {
  static char poly[200000];
  unsigned seed = 7;
  size_t at = (size_t)sprintf(poly, "MULTIPOLYGON ((");
  at = ring_text(poly, at, 0, 0, 50, 300, 0, &seed);
  at += (size_t)sprintf(poly + at, ", ");
  at = ring_text(poly, at, -15, 0, 7, 24, 1, &seed);
  at += (size_t)sprintf(poly + at, "), (");
  at = ring_text(poly, at, 120, 10, 20, 90, 0, &seed);
  at += (size_t)sprintf(poly + at, "), (");
  at = ring_text(poly, at, 60, 70, 3, 5, 0, &seed);
  sprintf(poly + at, "))");
  const char *texts[] = {poly, "LINESTRING (0 0, 1 1)", "POINT (1 1)"};
  gv_array *g = wkt_n(texts, 3);
  gv_flat_index f;
  CHECK(gv_flat_index_build(g, 0, &f) == GV_OK && f.built);
  gv_flat_index small;
  CHECK(gv_flat_index_build(g, 1, &small) == GV_OK && !small.built);
  CHECK(gv_flat_index_build(g, 2, &small) == GV_OK && !small.built);
  gv_flat_node *heap = malloc((size_t)f.nnodes * sizeof *heap);
  /* the general path: g prepared (indexed rings, no point scan) */
  gv_prepared *prep = NULL;
  CHECK(gv_prepared_build(g, 0, 3, 1, &prep) == GV_OK);
  gv_array gp = *g;
  gp.prepared = prep;
  static char pt[64];
  const char *pts[1] = {pt};
  int zeros = 0;
  for (int k = 0; k < 3000; k++) {
    seed = seed * 1103515245u + 12345u;
    double x = -80 + 240.0 * ((seed >> 8) & 65535) / 65535.0;
    seed = seed * 1103515245u + 12345u;
    double y = -80 + 180.0 * ((seed >> 8) & 65535) / 65535.0;
    if (k % 7 == 0) x = GV_X(g, k % 300), y = GV_Y(g, k % 300); /* on a vertex */
    if (k % 11 == 0) x = -15, y = 0;                            /* in the hole */
    snprintf(pt, sizeof pt, "POINT (%.17g %.17g)", x, y);
    gv_array *q = wkt_n(pts, 1);
    double want = gv_geom_distance(q, 0, g, 0, 0), got = gv_point_distance_flat(q, 0, g, 0, &f, heap, 0);
    CHECK(got == want);
    CHECK(gv_geom_distance(q, 0, &gp, 0, 0) == want);
    CHECK(gv_geom_distance(&gp, 0, q, 0, 0) == want);
    CHECK(gv_geom_distance(g, 0, q, 0, 0) == want);
    zeros += got == 0;
    for (double d = 0; d < 4; d += 0.5) {
      double dd = d ? d : want;
      CHECK(gv_geom_dwithin_flat(q, 0, NULL, g, 0, NULL, dd, &f, 0, heap) == gv_geom_dwithin(q, 0, g, 0, dd));
      CHECK(gv_geom_dwithin_flat(g, 0, NULL, q, 0, NULL, dd, &f, 1, heap) == gv_geom_dwithin(q, 0, g, 0, dd));
    }
    gv_array_release(q);
  }
  CHECK(zeros > 300);
  /* not a plain point: -3 */
  const char *other[] = {"MULTIPOINT ((1 1), (2 2))", "POINT EMPTY"};
  gv_array *o = wkt_n(other, 2);
  CHECK(gv_point_distance_flat(o, 0, g, 0, &f, heap, 0) == -3);
  CHECK(gv_point_distance_flat(o, 1, g, 0, &f, heap, 0) == -3);
  gv_array_release(o);
  free(heap);
  gv_prepared_free(prep);
  gv_flat_index_free(&f);
  gv_array_release(g);
}

int main(void) {
  RUN(test_every_kernel_every_input);
  RUN(test_values);
  RUN(test_bad_arguments);
  RUN(test_affine_dims_and_rings);
  RUN(test_flat_index);
  return check_report("test_measure");
}
