/* Fuzz target for the overlay (noder, graph, labels, rings).
 *
 * The input is two WKT geometries separated by '\n'. For every pair of
 * polygonal geometries that parses (valid or not), each operation must end
 * (bounded time), must not crash, read out of bounds or leak, and must give
 * closed rings of at least 4 coordinates with finite coordinates; the result
 * of a valid noding must obey two identities that hold for any input:
 * union covers intersection (area(U) >= area(I)), and the areas of
 * difference a - b and intersection add up to the area of a's own union
 * (within rounding). Any inconsistency aborts.
 *
 * Every pair of any types (points, lines, collections mixing dimensions)
 * also goes through gv_ov_add / gv_ov_run for the four operations, the
 * unary union and a coarse grid: rings as above, lines of at least two
 * coordinates without repeated consecutive points, finite points.
 *
 * clipByRect's fast path (overlay/clip_rect.c) clips a to the box of b:
 * when it gives a result, its rings must be well formed (as above), and its
 * area must match the general overlay's clip (GV_OV_CLIP with the rectangle)
 * within rounding on coordinates below 1e6; it must never claim a result for a geometry the overlay
 * refuses. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "algorithm/predicates.h"
#include "overlay/overlay.h"
#include "overlay/clip_rect.h"

static gv_array *parse(const uint8_t *p, size_t n) {
  int64_t off[2] = {0, (int64_t)n};
  gv_parse_opts o = {0};
  gv_errors e = {0};
  gv_array *a = NULL;
  gv_parse_wkt(p, off, 1, &o, &a, &e);
  gv_errors_free(&e);
  return a;
}

/* Exact turn of a closed ring of nc coordinates (distinct vertices, as the overlay writes them). */
static int ring_turn(const double *xy, int32_t nc) {
  int32_t n = nc - 1, m = 0;
  for (int32_t k = 1; k < n; k++)
    if (xy[2 * k] < xy[2 * m] || (xy[2 * k] == xy[2 * m] && xy[2 * k + 1] < xy[2 * m + 1])) m = k;
  int32_t p = (m + n - 1) % n, q = (m + 1) % n;
  return gv_orient(xy[2 * p], xy[2 * p + 1], xy[2 * m], xy[2 * m + 1], xy[2 * q], xy[2 * q + 1]);
}

/* Checks the structure and returns the area (shells clockwise, holes counter-clockwise). */
/* the sum of the shoelace terms' sizes seen since it was last reset: areas
 * are known to about 1e-15 of it, so the identities are checked to 1e-9 of it */
static double magnitude;
/* Rounding of computed intersection points: a vertex off by one ulp of its
 * coordinates moves the area by about that much times the length of its edges,
 * which the shoelace bound above does not see (a 1e-9-wide sliver clipped by
 * two algorithms differs by 6e-8 relative, and both are right). */
static double vertex_err;

static double checked_area(const gv_ov_out *o) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  double s = 0;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    if (nr < 1) abort();
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      if (nc < 4 || xy[0] != xy[2 * nc - 2] || xy[1] != xy[2 * nc - 1]) abort();
      double a = 0;
      for (int32_t k = 0; k + 1 < nc; k++) {
        if (!isfinite(xy[2 * k]) || !isfinite(xy[2 * k + 1])) abort();
        /* shoelace about the first vertex; the sum of |terms| bounds its rounding */
        double x0 = xy[2 * k] - xy[0], y0 = xy[2 * k + 1] - xy[1], x1 = xy[2 * k + 2] - xy[0], y1 = xy[2 * k + 3] - xy[1];
        a += x0 * y1 - x1 * y0;
        magnitude += fabs(x0 * y1) + fabs(x1 * y0);
        vertex_err += 8 * DBL_EPSILON * hypot(x1 - x0, y1 - y0) *
                      (fabs(xy[2 * k]) + fabs(xy[2 * k + 1]) + fabs(xy[2 * k + 2]) + fabs(xy[2 * k + 3]));
      }
      if (ring_turn(xy, nc) != (r == 0 ? -1 : 1)) abort(); /* shells clockwise, holes counter-clockwise */
      s += -a / 2;
      xy += 2 * nc;
    }
  }
  return s;
}

static int run(gv_buf *segs, int op, double grid, double *area) {
  gv_ov_out o;
  gv_status st = gv_ov_areas((const gv_nseg *)segs->data, (int64_t)(segs->len / sizeof(gv_nseg)), op, grid, &o);
  if (st == GV_ERR_NOMEM || st == GV_ERR_ARG) abort();
  if (st != GV_OK) return 0; /* GV_ERR_LIMIT: noding did not converge (allowed, bounded) */
  *area = checked_area(&o);
  gv_builder b;
  gv_builder_init(&b);
  gv_ov_out_emit(&o, &b, GV_POLYGON);
  gv_array *r = gv_builder_finish(&b);
  if (!r) abort();
  gv_array_release(r);
  gv_ov_out_free(&o);
  return 1;
}

/* Checks lines and points after the polygons (structure only). */
static void check_lower(const gv_ov_out *o) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) xy += 2 * *cnt++;
  }
  for (int32_t l = 0; l < o->nline; l++) {
    int32_t nc = *cnt++;
    if (nc < 2) abort();
    for (int32_t k = 0; k < nc; k++) {
      if (!isfinite(xy[2 * k]) || !isfinite(xy[2 * k + 1])) abort();
      if (k && xy[2 * k] == xy[2 * k - 2] && xy[2 * k + 1] == xy[2 * k - 1]) abort();
    }
    xy += 2 * nc;
  }
  for (int32_t q = 0; q < o->npt; q++)
    if (!isfinite(xy[2 * q]) || !isfinite(xy[2 * q + 1])) abort();
}

static void run_any(const gv_array *a, const gv_array *b) {
  gv_buf segs = {0}, pts = {0};
  const char *why;
  if (gv_ov_add(a, 0, 0, &segs, &pts, &why) == GV_OK && (!b || gv_ov_add(b, 0, 1, &segs, &pts, &why) == GV_OK)) {
    int ops[6] = {GV_OV_INTERSECTION, GV_OV_UNION, GV_OV_DIFFERENCE, GV_OV_SYMDIFFERENCE, GV_OV_UNARY, GV_OV_UNION};
    for (int k = b ? 0 : 4; k < 6; k++) {
      gv_ov_out o;
      gv_status st = gv_ov_run((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), (const gv_ov_pt *)pts.data,
                               (int64_t)(pts.len / sizeof(gv_ov_pt)), ops[k], k == 5 ? 0.5 : 0, &o);
      if (st == GV_ERR_NOMEM || st == GV_ERR_ARG) abort();
      if (st != GV_OK) continue;
      magnitude = vertex_err = 0;
      (void)checked_area(&o);
      check_lower(&o);
      gv_builder bl;
      gv_builder_init(&bl);
      gv_ov_out_emit(&o, &bl, GV_GEOMETRYCOLLECTION);
      gv_array *r = gv_builder_finish(&bl);
      if (!r) abort();
      gv_array_release(r);
      gv_ov_out_free(&o);
    }
  }
  gv_buf_free(&segs);
  gv_buf_free(&pts);
}

static void run_clip(const gv_array *a, const gv_array *b) {
  double bb[4];
  gv_geom_bounds(b, 0, bb);
  if (!(bb[0] < bb[2] && bb[1] < bb[3]) || !isfinite(bb[0] + bb[1] + bb[2] + bb[3])) return;
  gv_ov_out fast = {0};
  int h = gv_clip_rect_polygonal(a, 0, bb, &fast);
  if (h == GV_CLIP_NOMEM) abort();
  if (h != GV_CLIP_DONE) {
    if (fast.npoly || fast.xy.len) abort();
    return;
  }
  magnitude = vertex_err = 0;
  double af = checked_area(&fast);
  gv_ov_out_free(&fast);
  gv_buf segs = {0};
  const char *why;
  if (gv_ov_add_polygonal(a, 0, 0, &segs, &why) != GV_OK) abort(); /* the fast path took a geometry the overlay refuses */
  double x[5] = {bb[0], bb[2], bb[2], bb[0], bb[0]}, y[5] = {bb[1], bb[1], bb[3], bb[3], bb[1]};
  for (int k = 0; k < 4; k++) {
    gv_nseg s = {x[k], y[k], x[k + 1], y[k + 1], {0, 1}, 0};
    if (gv_buf_append(&segs, &s, sizeof s) != GV_OK) abort();
  }
  double ao = 0, ab[4];
  gv_geom_bounds(a, 0, ab);
  /* areas are compared on moderate coordinates (the general overlay may snap extreme ones) */
  int moderate = 1;
  for (int k = 0; k < 4; k++) moderate &= fabs(ab[k]) < 1e6 && fabs(bb[k]) < 1e6;
  int okr = moderate && run(&segs, GV_OV_CLIP, 0, &ao);
  if (getenv("FUZZ_DEBUG")) fprintf(stderr, "fast %.17g overlay %.17g\n", af, ao);
  if (okr && fabs(af - ao) > 1e-9 * (fabs(ao) + magnitude) + vertex_err + 1e-300) abort();
  gv_buf_free(&segs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size);
  if (!nl || size > 4096) return 0;
  gv_array *a = parse(data, (size_t)(nl - data));
  gv_array *b = parse(nl + 1, size - (size_t)(nl - data) - 1);
  if (a && b && a->n == 1 && b->n == 1 && !gv_is_null(a, 0) && !gv_is_null(b, 0)) {
    run_any(a, b);
    run_any(a, NULL);
    run_clip(a, b);
    gv_buf both = {0}, only_a = {0};
    const char *why;
    if (gv_ov_add_polygonal(a, 0, 0, &both, &why) == GV_OK && gv_ov_add_polygonal(b, 0, 1, &both, &why) == GV_OK &&
        gv_ov_add_polygonal(a, 0, 0, &only_a, &why) == GV_OK) {
      double ar[5] = {0}, ua = 0;
      int ok = 1;
      magnitude = vertex_err = 0;
      for (int op = 0; op < 4; op++) ok &= run(&both, op, 0, &ar[op]);
      ok &= run(&only_a, GV_OV_UNARY, 0, &ua);
      double scale = fabs(ar[GV_OV_UNION]) + fabs(ua) + magnitude + 1e9 * vertex_err + 1e-300;
      if (ok && ar[GV_OV_UNION] < ar[GV_OV_INTERSECTION] - 1e-9 * scale) abort();
      (void)ar[4];
      double g = 0;
      run(&both, GV_OV_INTERSECTION, 0.5, &g); /* snap-rounding on a coarse grid */
    }
    gv_buf_free(&both);
    gv_buf_free(&only_a);
  }
  gv_array_release(a);
  gv_array_release(b);
  return 0;
}
