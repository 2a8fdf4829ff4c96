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

int main(void) {
  RUN(test_every_kernel_every_input);
  RUN(test_values);
  RUN(test_bad_arguments);
  return check_report("test_measure");
}
