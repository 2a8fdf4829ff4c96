/* The fast rectangle clipper (overlay/clip_rect.c): hand-made cases, what
 * it handles and what it leaves to the overlay, and the area it gives. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "overlay/clip_rect.h"

static gv_array *wkt(const char *s) {
  int64_t off[2] = {0, (int64_t)strlen(s)};
  gv_array *a = NULL;
  gv_errors err = {0};
  gv_parse_opts o = {0};
  gv_parse_wkt((const uint8_t *)s, off, 1, &o, &a, &err);
  gv_errors_free(&err);
  return a;
}

/* Area with shells clockwise (positive), holes counter-clockwise; -1 on a bad orientation. */
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
      if (nc < 4 || xy[0] != xy[2 * nc - 2] || xy[1] != xy[2 * nc - 1]) return -1;
      if ((r == 0) != (a < 0)) return -1;
      s += -a / 2;
      xy += 2 * nc;
    }
  }
  return s;
}

static int clip(const char *w, double x0, double y0, double x1, double y1, double *ar, int32_t *npoly) {
  gv_array *a = wkt(w);
  double r[4] = {x0, y0, x1, y1};
  gv_ov_out o = {0};
  int h = gv_clip_rect_polygonal(a, 0, r, &o);
  if (ar) *ar = h == GV_CLIP_DONE ? area(&o) : NAN;
  if (npoly) *npoly = o.npoly;
  if (h != GV_CLIP_DONE) CHECK(o.npoly == 0 && o.xy.len == 0);
  gv_ov_out_free(&o);
  gv_array_release(a);
  return h;
}

static void test_basic(void) {
  double ar;
  int32_t np;
  /* a square across the right edge, either orientation */
  CHECK(clip("POLYGON ((0.5 0.5, 2 0.5, 2 1.5, 0.5 1.5, 0.5 0.5))", 0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - 0.25) < 1e-15 && np == 1);
  CHECK(clip("POLYGON ((0.5 0.5, 0.5 1.5, 2 1.5, 2 0.5, 0.5 0.5))", 0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - 0.25) < 1e-15 && np == 1);
  /* strictly inside: the element as it is */
  CHECK(clip("POLYGON ((0.2 0.2, 0.8 0.2, 0.5 0.8, 0.2 0.2))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_COPY);
  /* far away: empty */
  CHECK(clip("POLYGON ((5 5, 6 5, 6 6, 5 5))", 0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE && np == 0);
  /* the rectangle inside the polygon: the rectangle */
  CHECK(clip("POLYGON ((-1 -1, 3 -1, 3 3, -1 3, -1 -1))", 0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - 1) < 1e-15 && np == 1);
  /* the rectangle inside a hole: empty */
  CHECK(clip("POLYGON ((-5 -5, 5 -5, 5 5, -5 5, -5 -5), (-2 -2, -2 3, 3 3, 3 -2, -2 -2))", 0, 0, 1, 1, &ar, &np) ==
        GV_CLIP_DONE && np == 0);
  /* a hole inside the rectangle, the shell around it */
  CHECK(clip("POLYGON ((-5 -5, 5 -5, 5 5, -5 5, -5 -5), (0.25 0.25, 0.25 0.75, 0.75 0.75, 0.75 0.25, 0.25 0.25))", 0, 0,
             1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - 0.75) < 1e-15 && np == 1);
  /* a U shape cut into two pieces */
  CHECK(clip("POLYGON ((0.1 -1, 0.4 -1, 0.4 0.5, 0.6 0.5, 0.6 -1, 0.9 -1, 0.9 2, 0.1 2, 0.1 -1))", 0, 0.6, 1, 1, &ar, &np) ==
        GV_CLIP_DONE);
  CHECK(fabs(ar - 0.32) < 1e-12 && np == 1);
  CHECK(clip("POLYGON ((0.1 -1, 0.4 -1, 0.4 0.5, 0.6 0.5, 0.6 -1, 0.9 -1, 0.9 2, 0.1 2, 0.1 -1))", 0, 0, 1, 0.4, &ar, &np) ==
        GV_CLIP_DONE);
  CHECK(fabs(ar - 0.24) < 1e-12 && np == 2);
  /* a segment passing through, cutting a corner */
  CHECK(clip("POLYGON ((-1 -0.5, 1.5 2, -1 2, -1 -0.5))", 0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - 0.125) < 1e-15 && np == 1);
  /* a multipolygon: an island inside a lake inside the rectangle */
  CHECK(clip("MULTIPOLYGON (((-1 -1, 2 -1, 2 2, -1 2, -1 -1), (0.2 0.2, 0.2 0.8, 0.8 0.8, 0.8 0.2, 0.2 0.2)), "
             "((0.4 0.4, 0.6 0.4, 0.6 0.6, 0.4 0.6, 0.4 0.4)))",
             0, 0, 1, 1, &ar, &np) == GV_CLIP_DONE);
  CHECK(fabs(ar - (1 - 0.36 + 0.04)) < 1e-12 && np == 2);
}

static void test_left_to_overlay(void) {
  /* a vertex on the boundary, an edge along it, a segment through a corner */
  CHECK(clip("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))", 0, 0, 2, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("POLYGON ((0.5 0.5, 1 0.5, 1 0.8, 0.5 0.5))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("POLYGON ((-1 -1, 2 2, -1 2, -1 -1))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  /* invalid: a self-intersection inside, overlapping shells, a hole outside its shell */
  CHECK(clip("POLYGON ((0.2 0.2, 0.8 0.8, 0.8 0.2, 0.2 0.8, 0.2 0.2))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_COPY);
  CHECK(clip("POLYGON ((-1 0.2, 0.8 0.8, 0.8 0.2, -1 0.8, -1 0.2))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("MULTIPOLYGON (((-1 -1, 2 -1, 2 2, -1 2, -1 -1)), ((0.2 0.2, 0.8 0.2, 0.8 0.8, 0.2 0.2)))", 0, 0, 1, 1, NULL,
             NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("MULTIPOLYGON (((-1 -1, 2 -1, 2 0.5, -1 0.5, -1 -1)), ((-1 0.3, 2 0.3, 2 2, -1 2, -1 0.3)))", 0, 0, 1, 1, NULL,
             NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("POLYGON ((0.1 0.1, 0.3 0.1, 0.3 0.3, 0.1 0.3, 0.1 0.1), (0.5 -1, 2 -1, 2 2, 0.5 2, 0.5 -1))", 0, 0, 1, 1,
             NULL, NULL) == GV_CLIP_NOT_HANDLED);
  /* a spike, a non-finite coordinate, not a polygon, no area */
  CHECK(clip("POLYGON ((-1 0.5, 0.5 0.5, 0.8 0.5, 0.5 0.5, -1 0.7, -1 0.5))", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("LINESTRING (0 0, 2 2)", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("POLYGON ((0.2 0.2, 3 0.2, 3 3, 0.2 0.2))", 0, 0, 0, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
  CHECK(clip("POLYGON EMPTY", 0, 0, 1, 1, NULL, NULL) == GV_CLIP_NOT_HANDLED);
}

int main(void) {
  RUN(test_basic);
  RUN(test_left_to_overlay);
  return check_report("clip_rect");
}
