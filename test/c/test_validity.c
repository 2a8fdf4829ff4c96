/* Validity and simplicity in C: inputs that no parser lets through (rings
 * not closed, NaN and infinite coordinates in rings, rings of 2 and 3
 * coordinates, a polygon with a shell of 1 coordinate), built with the
 * builder; the reasons' text; the kernels' outputs and nulls. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"
#include "validity/simple.h"
#include "validity/valid.h"

gv_status gv_k_is_valid(gv_call *c); /* kernels/k_validity.c, through the table */

/* One polygon (1 part) of rings given as flat xy lists, closed or not. */
static void add_polygon(gv_builder *b, int nrings, const int *counts, const double *xy) {
  gv_builder_begin_geom(b, GV_POLYGON);
  gv_builder_begin_part(b, GV_POLYGON);
  for (int r = 0; r < nrings; r++) {
    gv_builder_begin_ring(b);
    for (int k = 0; k < counts[r]; k++, xy += 2) gv_builder_coord(b, xy[0], xy[1], NAN, NAN);
  }
  gv_builder_end_geom(b);
}

static void add_line(gv_builder *b, int n, const double *xy) {
  gv_builder_begin_geom(b, GV_LINESTRING);
  gv_builder_begin_part(b, GV_LINESTRING);
  gv_builder_begin_ring(b);
  for (int k = 0; k < n; k++, xy += 2) gv_builder_coord(b, xy[0], xy[1], NAN, NAN);
  gv_builder_end_geom(b);
}

static void reason_of(const gv_array *a, int64_t i, char *buf) {
  gv_validity v;
  CHECK(gv_geom_validity(NULL, a, i, &v) == GV_OK);
  gv_validity_reason(&v, buf, 128);
}

static void test_unparseable_inputs(void) {
  gv_builder b;
  gv_builder_init(&b);
  const double open[] = {0, 0, 10, 0, 10, 10, 0, 10};
  add_polygon(&b, 1, (int[]){4}, open); /* 0: not closed */
  const double nan_ring[] = {0, 0, 10, 0, NAN, 10, 0, 0};
  add_polygon(&b, 1, (int[]){4}, nan_ring); /* 1: NaN */
  const double inf_hole[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0, 1, 1, INFINITY, 1, 2, 2, 1, 1};
  add_polygon(&b, 2, (int[]){5, 4}, inf_hole); /* 2: infinite in a hole */
  const double three[] = {0, 0, 1, 0, 0, 0};
  add_polygon(&b, 1, (int[]){3}, three); /* 3: 3 coordinates */
  const double two[] = {5, 5, 5, 5};
  add_polygon(&b, 1, (int[]){2}, two); /* 4: 2 equal coordinates */
  const double one[] = {7, 7};
  add_polygon(&b, 1, (int[]){1}, one); /* 5: 1 coordinate */
  const double open_hole[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0, 1, 1, 2, 1, 2, 2};
  add_polygon(&b, 2, (int[]){5, 3}, open_hole); /* 6: hole not closed */
  const double nan_line[] = {0, 0, NAN, NAN, 1, 1};
  add_line(&b, 3, nan_line); /* 7: NaN in a line */
  const double one_pt_line[] = {3, 4};
  add_line(&b, 1, one_pt_line); /* 8: line of 1 coordinate */
  gv_builder_null(&b); /* 9: null */
  gv_array *a = gv_builder_finish(&b);
  CHECK(a && a->n == 10);
  char buf[128];
  reason_of(a, 0, buf);
  CHECK_STR(buf, "Ring is not closed[0 0]");
  reason_of(a, 1, buf);
  CHECK_STR(buf, "Invalid Coordinate[nan 10]");
  reason_of(a, 2, buf);
  CHECK_STR(buf, "Invalid Coordinate[inf 1]");
  reason_of(a, 3, buf);
  CHECK_STR(buf, "Too few points in geometry component[0 0]");
  reason_of(a, 4, buf);
  CHECK_STR(buf, "Too few points in geometry component[5 5]");
  reason_of(a, 5, buf);
  CHECK_STR(buf, "Too few points in geometry component[7 7]");
  reason_of(a, 6, buf);
  CHECK_STR(buf, "Ring is not closed[1 1]");
  reason_of(a, 7, buf);
  CHECK_STR(buf, "Invalid Coordinate[nan nan]");
  reason_of(a, 8, buf);
  CHECK_STR(buf, "Too few points in geometry component[3 4]");
  reason_of(a, 9, buf);
  CHECK_STR(buf, "Valid Geometry"); /* the C function reports null as valid */
  /* isSimple must not crash on any of them */
  for (int64_t i = 0; i < a->n; i++) CHECK(gv_line_is_simple(a, i) == 0 || gv_line_is_simple(a, i) == 1);
  CHECK(gv_line_is_simple(a, 9) == 0);
  CHECK(gv_line_is_simple(a, 3) == 0); /* A B A: the two segments overlap */
  /* the kernel: codes, locations and texts */
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  c.num[0] = 1;
  CHECK(gv_k_is_valid(&c) == GV_OK);
  const uint8_t *valid = c.out[0].data, *code = c.out[1].data;
  const double *xy = c.out[2].data;
  CHECK(valid[0] == 0 && code[0] == GV_INVALID_RING_NOT_CLOSED && xy[0] == 0 && xy[1] == 0);
  CHECK(code[1] == GV_INVALID_COORDINATE && isnan(xy[2]) && xy[3] == 10);
  CHECK(valid[9] == 0 && code[9] == 255);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  c.num[0] = 2;
  CHECK(gv_k_is_valid(&c) == GV_OK);
  const char *text = c.out[1].data;
  const int64_t *off = c.out[2].data;
  CHECK(off[0] == 0 && off[10] == (int64_t)c.out[1].len);
  CHECK(off[10] == off[9]); /* null: no text */
  CHECK(strncmp(text + off[0], "Ring is not closed[0 0]", (size_t)(off[1] - off[0])) == 0);
  gv_call_dispose(&c);
  memset(&c, 0, sizeof c);
  c.arr[0] = a;
  c.num[0] = 3;
  CHECK(gv_k_is_valid(&c) == GV_ERR_ARG);
  gv_call_dispose(&c);
  gv_array_release(a);
}

static void test_big_counts(void) {
  /* a shell with 2,000 small holes on a grid (valid), then one hole moved
   * so that it shares an edge with another (Self-intersection) */
  gv_builder b;
  gv_builder_init(&b);
  for (int variant = 0; variant < 2; variant++) {
    gv_builder_begin_geom(&b, GV_POLYGON);
    gv_builder_begin_part(&b, GV_POLYGON);
    gv_builder_begin_ring(&b);
    const double shell[] = {0, 0, 200, 0, 200, 200, 0, 200, 0, 0};
    for (int k = 0; k < 5; k++) gv_builder_coord(&b, shell[2 * k], shell[2 * k + 1], NAN, NAN);
    for (int h = 0; h < 2000; h++) {
      double x = 2 + (h % 40) * 4.5, y = 2 + (h / 40) * 3.5;
      if (variant == 1 && h == 1) x = 2 + 2; /* sharing an edge with hole 0 */
      gv_builder_begin_ring(&b);
      const double sq[] = {x, y, x, y + 2, x + 2, y + 2, x + 2, y, x, y};
      for (int k = 0; k < 5; k++) gv_builder_coord(&b, sq[2 * k], sq[2 * k + 1], NAN, NAN);
    }
    gv_builder_end_geom(&b);
  }
  gv_array *a = gv_builder_finish(&b);
  char buf[128];
  reason_of(a, 0, buf);
  CHECK_STR(buf, "Valid Geometry");
  reason_of(a, 1, buf);
  CHECK(strncmp(buf, "Self-intersection", 17) == 0);
  CHECK(gv_line_is_simple(a, 0) == 1);
  gv_array_release(a);
}

static void test_reason_format(void) {
  char buf[128];
  gv_validity v = {GV_INVALID_SELF_INTERSECTION, 0.1, -1e20};
  gv_validity_reason(&v, buf, sizeof buf);
  CHECK_STR(buf, "Self-intersection[0.1 -1e+20]");
  v.code = GV_INVALID_NESTED_HOLES, v.x = 1.0 / 3, v.y = 123456789012345678.0;
  gv_validity_reason(&v, buf, sizeof buf);
  CHECK_STR(buf, "Holes are nested[0.333333333333333 1.23456789012346e+17]");
  v.code = GV_VALID;
  gv_validity_reason(&v, buf, sizeof buf);
  CHECK_STR(buf, "Valid Geometry");
  CHECK_STR(gv_validity_message(99), "Unknown error");
}

int main(void) {
  RUN(test_unparseable_inputs);
  RUN(test_big_counts);
  RUN(test_reason_format);
  return check_report("test_validity");
}
