/* Kernels: overlay (intersection, union, difference, symDifference), per
 * element unary union, grouped union (dissolve) and buffer (its pieces from
 * buffer/, their union by the same overlay). Pairs run on all cores;
 * results are appended to one builder afterwards, in order. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "buffer/buffer.h"
#include "overlay/overlay.h"
#include "overlay/clip_lines.h"
#include "overlay/clip_rect.h"

enum { MODE_PAIRWISE = 0, MODE_B_SINGLE = 1, MODE_A_SINGLE = 2 };

typedef struct ov_slot {
  gv_ov_out out;
  gv_status st;
  int null;
  int64_t copy; /* > 0: the result is element copy - 1 of the input, as it is */
  const char *why;
  uint8_t empty_type; /* the type of an empty result; 0: the caller's default */
} ov_slot;

typedef struct ov_job {
  const gv_array *a, *b;
  const double *rect; /* clipByRect: xmin ymin xmax ymax (4 per element when rect_each) */
  int rect_each;
  int op, mode;
  int64_t single;
  double grid;
  /* grouped union: members of group k are idx[goff[k] .. goff[k + 1]) */
  const int64_t *goff, *idx;
  ov_slot *slot;
} ov_job;

static void run_all(ov_slot *s, gv_buf *segs, gv_buf *pts, int op, double grid) {
  if (s->st != GV_OK) return;
  s->st = gv_ov_run((const gv_nseg *)segs->data, (int64_t)(segs->len / sizeof(gv_nseg)),
                    pts ? (const gv_ov_pt *)pts->data : NULL, pts ? (int64_t)(pts->len / sizeof(gv_ov_pt)) : 0, op, grid,
                    &s->out);
  if (s->st == GV_ERR_LIMIT) s->why = "noding did not converge";
  else if (s->st == GV_ERR_ARG) s->why = "bad grid size";
}

static void run_segments(ov_slot *s, gv_buf *segs, int op, double grid) { run_all(s, segs, NULL, op, grid); }

/* The type of an empty result of dimension d (-1: a collection). */
static uint8_t empty_of_dim(int d) {
  return d == 0 ? GV_POINT : d == 1 ? GV_LINESTRING : d == 2 ? GV_POLYGON : GV_GEOMETRYCOLLECTION;
}

/* OverlayNG's type of an empty result (the result dimension of the op). */
static uint8_t result_empty(int op, int da, int db) {
  switch (op) {
  case GV_OV_INTERSECTION: return empty_of_dim(da < db ? da : db);
  case GV_OV_DIFFERENCE: return empty_of_dim(da);
  default: return empty_of_dim(da > db ? da : db);
  }
}

/* The rectangle as a counter-clockwise ring labelled as input 1; nothing
 * when it does not meet the geometry's box (the result is then empty). */
static gv_status add_rect(const gv_array *a, int64_t i, const double *r, gv_buf *segs) {
  double b[4];
  gv_geom_bounds(a, i, b);
  if (!(b[0] <= r[2] && b[2] >= r[0] && b[1] <= r[3] && b[3] >= r[1])) return GV_OK;
  double x[5] = {r[0], r[2], r[2], r[0], r[0]}, y[5] = {r[1], r[1], r[3], r[3], r[1]};
  for (int k = 0; k < 4; k++) {
    gv_nseg s = {x[k], y[k], x[k + 1], y[k + 1], {0, 1}, 0};
    if (gv_buf_append(segs, &s, sizeof s) != GV_OK) return GV_ERR_NOMEM;
  }
  return GV_OK;
}

/* clipByRect of an element that is not polygonal (lines, points, mixed
 * collections), as GEOSClipByRect: the areas of its polygons by the overlay
 * as for polygonal elements, then its lines and points by clip_lines.
 * Returns 0 for a polygonal element (the caller's path). */
static int clip_rect_mixed(const ov_job *j, int64_t ia, const double *rect, ov_slot *s) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(j->a, ia));
  if (t == GV_POLYGON || t == GV_MULTIPOLYGON) return 0;
  s->empty_type = GV_GEOMETRYCOLLECTION;
  if (!(rect[0] < rect[2] && rect[1] < rect[3])) return 1; /* no area: nothing is left */
  double bb[4];
  gv_geom_bounds(j->a, ia, bb);
  if (j->grid == 0 && (t == GV_LINESTRING || t == GV_POINT) && bb[0] > rect[0] && bb[2] < rect[2] &&
      bb[1] > rect[1] && bb[3] < rect[3]) {
    s->copy = ia + 1; /* strictly inside: as it is (GEOS returns a copy) */
    return 1;
  }
  gv_buf all = {0}, pts = {0}, segs = {0};
  s->st = gv_ov_add(j->a, ia, 0, &all, &pts, &s->why);
  const gv_nseg *e = (const gv_nseg *)all.data;
  for (size_t k = 0; s->st == GV_OK && k < all.len / sizeof *e; k++)
    if (!(e[k].line & GV_OV_LINES)) s->st = gv_buf_append(&segs, &e[k], sizeof e[k]);
  if (s->st == GV_OK && segs.len) {
    s->st = add_rect(j->a, ia, rect, &segs);
    run_all(s, &segs, NULL, GV_OV_CLIP, j->grid);
  }
  if (s->st == GV_OK) s->st = gv_clip_lines(j->a, ia, rect, j->grid, &s->out, &s->why);
  gv_buf_free(&all);
  gv_buf_free(&pts);
  gv_buf_free(&segs);
  return 1;
}

static void pair_range(void *ctx, int64_t begin, int64_t end) {
  const ov_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    ov_slot *s = &j->slot[k];
    int64_t ia = j->mode == MODE_A_SINGLE ? j->single : k, ib = j->mode == MODE_B_SINGLE ? j->single : k;
    if (gv_is_null(j->a, ia) || (j->b && gv_is_null(j->b, ib))) {
      s->null = 1;
      continue;
    }
    gv_buf segs = {0}, pts = {0};
    const double *rect = j->rect ? j->rect + (j->rect_each ? 4 * k : 0) : NULL;
    if (rect && clip_rect_mixed(j, ia, rect, s)) continue;
    if (rect) {
      s->empty_type = GV_GEOMETRYCOLLECTION; /* GEOSClipByRect's empty result */
      int h = j->grid == 0 ? gv_clip_rect_polygonal(j->a, ia, rect, &s->out) : GV_CLIP_NOT_HANDLED; /* fast path */
      if (h == GV_CLIP_COPY) s->copy = ia + 1;
      if (h != GV_CLIP_NOT_HANDLED) {
        if (h == GV_CLIP_NOMEM) s->st = GV_ERR_NOMEM;
        continue;
      }
      s->st = gv_ov_add_polygonal(j->a, ia, 0, &segs, &s->why);
    } else {
      s->st = gv_ov_add(j->a, ia, 0, &segs, &pts, &s->why);
      if (s->st == GV_OK && j->b) s->st = gv_ov_add(j->b, ib, 1, &segs, &pts, &s->why);
      int da = gv_ov_dim(j->a, ia);
      s->empty_type = j->b ? result_empty(j->op, da, gv_ov_dim(j->b, ib)) : da == 2 ? GV_POLYGON : GV_GEOMETRYCOLLECTION;
    }
    if (s->st == GV_OK && rect) {
      if (!(rect[0] < rect[2] && rect[1] < rect[3])) { /* no area: nothing is left */
        gv_buf_free(&segs);
        continue;
      }
      double bb[4];
      gv_geom_bounds(j->a, ia, bb);
      if (j->grid == 0 && bb[0] > rect[0] && bb[2] < rect[2] && bb[1] > rect[1] && bb[3] < rect[3]) {
        s->copy = ia + 1; /* strictly inside: the polygon itself, as GEOSClipByRect gives it */
        gv_buf_free(&segs);
        continue;
      }
      s->st = add_rect(j->a, ia, rect, &segs);
    }
    run_all(s, &segs, &pts, j->b || j->rect ? j->op : GV_OV_UNARY, j->grid);
    gv_buf_free(&segs);
    gv_buf_free(&pts);
  }
}

static void group_range(void *ctx, int64_t begin, int64_t end) {
  const ov_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    ov_slot *s = &j->slot[k];
    gv_buf segs = {0}, pts = {0};
    for (int64_t m = j->goff[k]; m < j->goff[k + 1] && s->st == GV_OK; m++) {
      if (gv_is_null(j->a, j->idx[m])) continue;
      s->st = gv_ov_add(j->a, j->idx[m], 0, &segs, &pts, &s->why);
    }
    run_all(s, &segs, &pts, GV_OV_UNARY, j->grid);
    gv_buf_free(&segs);
    gv_buf_free(&pts);
  }
}

/* Appends the slots' results in order; the first failed slot gives the error. */
static gv_status finish_as(gv_call *c, const gv_array *src, ov_slot *slot, int64_t n, const int64_t *names, uint8_t empty_type) {
  gv_status st = GV_OK;
  for (int64_t k = 0; k < n && st == GV_OK; k++) {
    if (slot[k].st == GV_OK) continue;
    st = slot[k].st;
    if (st != GV_ERR_NOMEM)
      gv_errors_add(&c->err, names ? names[k] : k, -1, "element %lld: %s", (long long)(names ? names[k] : k),
                    slot[k].why ? slot[k].why : "overlay failed");
  }
  if (st == GV_OK) {
    gv_builder b;
    gv_builder_init(&b);
    for (int64_t k = 0; k < n; k++) {
      if (slot[k].null) gv_builder_null(&b);
      else if (slot[k].copy) gv_builder_append(&b, src, slot[k].copy - 1);
      else gv_ov_out_emit(&slot[k].out, &b, slot[k].empty_type ? slot[k].empty_type : empty_type);
    }
    if (b.status != GV_OK) {
      st = b.status;
      gv_builder_free(&b);
    } else {
      c->out_arr = gv_builder_finish(&b);
      if (!c->out_arr) st = GV_ERR_NOMEM;
    }
  }
  for (int64_t k = 0; k < n; k++) gv_ov_out_free(&slot[k].out);
  gv_free(slot);
  return st;
}

static gv_status finish(gv_call *c, const gv_array *src, ov_slot *slot, int64_t n, const int64_t *names) {
  return finish_as(c, src, slot, n, names, GV_POLYGON);
}

static gv_status finish_typed(gv_call *c, const gv_array *src, ov_slot *slot, int64_t n, uint8_t empty_type) {
  return finish_as(c, src, slot, n, NULL, empty_type);
}

static int grid_ok(gv_call *c, double grid) {
  if (grid >= 0 && isfinite(grid)) return 1;
  gv_errors_add(&c->err, -1, -1, "gridSize must be a finite number >= 0, got %g", grid);
  return 0;
}

/* overlay(arr0 a, arr1 b; num0 op GV_OV_*, num1 mode (as predicate), num2
 * single index, num3 grid size (0 = full precision)) -> out_arr */
gv_status gv_k_overlay(gv_call *c) {
  const gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return GV_ERR_ARG;
  double opd = c->num[0];
  if (!(opd >= 0 && opd < GV_OV_UNARY) || opd != floor(opd)) {
    gv_errors_add(&c->err, -1, -1, "unknown overlay operation %g", opd);
    return GV_ERR_ARG;
  }
  if (!grid_ok(c, c->num[3])) return GV_ERR_ARG;
  int mode = (int)c->num[1];
  int64_t n, single = 0;
  if (mode == MODE_PAIRWISE) {
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return GV_ERR_ARG;
    }
    n = a->n;
  } else if (mode == MODE_A_SINGLE || mode == MODE_B_SINGLE) {
    const gv_array *s = mode == MODE_B_SINGLE ? b : a;
    double v = c->num[2];
    if (!(v >= 0 && v < (double)s->n) || v != floor(v)) {
      gv_errors_add(&c->err, -1, -1, "geometry index %g is outside the array (%lld)", v, (long long)s->n);
      return GV_ERR_ARG;
    }
    single = (int64_t)v;
    n = mode == MODE_B_SINGLE ? a->n : b->n;
  } else {
    gv_errors_add(&c->err, -1, -1, "unknown broadcast mode %d", mode);
    return GV_ERR_ARG;
  }
  ov_slot *slot = gv_calloc((size_t)n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  ov_job j = {a, b, NULL, 0, (int)opd, mode, single, c->num[3], NULL, NULL, slot};
  gv_parallel_for(n, 1, pair_range, &j);
  return finish(c, a, slot, n, NULL);
}

/* unary_union(arr0 a; num0 grid size) -> out_arr: the union of each element's parts */
gv_status gv_k_unary_union(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (!grid_ok(c, c->num[0])) return GV_ERR_ARG;
  ov_slot *slot = gv_calloc((size_t)a->n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  ov_job j = {a, NULL, NULL, 0, GV_OV_UNARY, MODE_PAIRWISE, 0, c->num[0], NULL, NULL, slot};
  gv_parallel_for(a->n, 1, pair_range, &j);
  return finish(c, a, slot, a->n, NULL);
}

/* union_all(arr0 a; in0 int32 group per element (0 .. num0 - 1, -1 leaves the
 * element out; empty = every element in group 0), num0 group count, num1
 * grid size) -> out_arr: one union per group (an empty polygon for a group
 * without members) */
gv_status gv_k_union_all(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (!grid_ok(c, c->num[1])) return GV_ERR_ARG;
  double ngd = c->num[0];
  const int32_t *grp = c->in[0].data;
  int64_t len = (int64_t)(c->in[0].len / sizeof(int32_t));
  if (!(ngd >= 0 && ngd <= GV_MAX_COUNT) || ngd != floor(ngd) || (len && len != a->n) || (!len && ngd != 1)) {
    gv_errors_add(&c->err, -1, -1, "groups: %lld ids for %lld geometries in %g groups", (long long)len,
                  (long long)a->n, ngd);
    return GV_ERR_ARG;
  }
  int64_t ng = (int64_t)ngd;
  int64_t *goff = gv_calloc((size_t)ng + 2, sizeof(int64_t));
  int64_t *idx = gv_malloc((size_t)a->n * sizeof(int64_t) + 1);
  if (!goff || !idx) {
    gv_free(goff);
    gv_free(idx);
    return GV_ERR_NOMEM;
  }
  for (int64_t i = 0; i < a->n; i++) {
    int32_t g = len ? grp[i] : 0;
    if (g < -1 || g >= ng) {
      gv_errors_add(&c->err, i, -1, "group id %d of element %lld is outside 0 .. %lld", g, (long long)i,
                    (long long)ng - 1);
      gv_free(goff);
      gv_free(idx);
      return GV_ERR_ARG;
    }
    if (g >= 0) goff[g + 1]++;
  }
  for (int64_t k = 0; k < ng; k++) goff[k + 1] += goff[k];
  int64_t *fill = gv_malloc((size_t)ng * sizeof(int64_t) + 1);
  ov_slot *slot = gv_calloc((size_t)ng + 1, sizeof *slot);
  if (!fill || !slot) {
    gv_free(goff);
    gv_free(idx);
    gv_free(fill);
    gv_free(slot);
    return GV_ERR_NOMEM;
  }
  memcpy(fill, goff, (size_t)ng * sizeof(int64_t));
  for (int64_t i = 0; i < a->n; i++) {
    int32_t g = len ? grp[i] : 0;
    if (g >= 0) idx[fill[g]++] = i;
  }
  gv_free(fill);
  ov_job j = {a, NULL, NULL, 0, GV_OV_UNARY, MODE_PAIRWISE, 0, c->num[1], goff, idx, slot};
  gv_parallel_for(ng, 1, group_range, &j);
  gv_status st = finish(c, a, slot, ng, NULL);
  gv_free(goff);
  gv_free(idx);
  return st;
}

/* clip_by_rect(arr0 a; in0 float64 bounds, 4 per element (xmin ymin xmax
 * ymax), or empty to use num0..num3 for every element; num4 grid size) ->
 * out_arr: the areas of each element inside its rectangle (as GEOSClipByRect
 * for polygons: an empty polygon when nothing of area is left) */
gv_status gv_k_clip_by_rect(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (!grid_ok(c, c->num[4])) return GV_ERR_ARG;
  const double *each = c->in[0].data;
  size_t nb = c->in[0].len / sizeof(double);
  if (nb && nb != (size_t)(4 * a->n)) {
    gv_errors_add(&c->err, -1, -1, "%zu bounds for %lld geometries (4 per geometry)", nb, (long long)a->n);
    return GV_ERR_ARG;
  }
  double one[4] = {c->num[0], c->num[1], c->num[2], c->num[3]};
  const double *rect = nb ? each : one;
  for (size_t k = 0; k < (nb ? nb : 4); k++) {
    if (!isfinite(rect[k])) {
      gv_errors_add(&c->err, -1, -1, "the rectangle's bounds must be finite");
      return GV_ERR_ARG;
    }
  }
  ov_slot *slot = gv_calloc((size_t)a->n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  ov_job j = {a, NULL, rect, nb > 0, GV_OV_CLIP, MODE_PAIRWISE, 0, c->num[4], NULL, NULL, slot};
  gv_parallel_for(a->n, 1, pair_range, &j);
  return finish(c, a, slot, a->n, NULL);
}

typedef struct buf_job {
  const gv_array *a;
  const double *each; /* one distance per element, or NULL */
  double d;
  gv_buffer_params p;
  int metres;
  double grid;
  ov_slot *slot;
} buf_job;

static void buffer_range(void *ctx, int64_t begin, int64_t end) {
  const buf_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    ov_slot *s = &j->slot[k];
    if (gv_is_null(j->a, k)) {
      s->null = 1;
      continue;
    }
    double d = j->each ? j->each[k] : j->d;
    if (!isfinite(d)) {
      s->st = GV_ERR_ARG;
      s->why = "the distance is not a finite number";
      continue;
    }
    gv_aeqd centre, *proj = NULL;
    if (j->metres) {
      double b[4];
      gv_geom_bounds(j->a, k, b);
      if (b[1] < -90 || b[3] > 90) {
        s->st = GV_ERR_ARG;
        s->why = "units 'metres' needs latitudes in [-90, 90]";
        continue;
      }
      centre = gv_buffer_centre(j->a, k);
      proj = &centre;
    }
    if (j->grid == 0 && gv_buffer_point(j->a, k, d, &j->p, proj, &s->out, &s->st)) {
      if (s->st == GV_OK && proj) gv_buffer_unproject(proj, (double *)s->out.xy.data, (int64_t)(s->out.xy.len / (2 * sizeof(double))));
      continue;
    }
    if (j->grid == 0 && gv_buffer_fast(j->a, k, d, &j->p, proj, &s->out, &s->st)) {
      if (s->st == GV_OK && proj) gv_buffer_unproject(proj, (double *)s->out.xy.data, (int64_t)(s->out.xy.len / (2 * sizeof(double))));
      continue;
    }
    gv_buf segs = {0};
    int op = GV_OV_UNARY;
    int32_t *parts = NULL;
    int32_t np = gv_buffer_erode_parts(j->a, k, d, &parts);
    if (np < 0) s->st = GV_ERR_NOMEM;
    for (int32_t m = 0; m < np && s->st == GV_OK; m++) { /* eroded one polygon at a time, then unioned */
      gv_buf one = {0};
      ov_slot part = {0};
      part.st = gv_buffer_pieces(j->a, k, parts[m], d, &j->p, proj, &one, &op, &part.why);
      run_segments(&part, &one, op, j->grid);
      gv_buf_free(&one);
      if (part.st == GV_OK) part.st = gv_buffer_add_result(&part.out, &segs);
      gv_ov_out_free(&part.out);
      s->st = part.st;
      s->why = part.why;
    }
    gv_free(parts);
    op = GV_OV_UNARY;
    if (s->st == GV_OK && np == 0) s->st = gv_buffer_pieces(j->a, k, -1, d, &j->p, proj, &segs, &op, &s->why);
    run_segments(s, &segs, op, j->grid);
    gv_buf_free(&segs);
    if (s->st == GV_OK && j->grid == 0) gv_buffer_tidy(&s->out);
    if (s->st == GV_OK && proj) gv_buffer_unproject(proj, (double *)s->out.xy.data, (int64_t)(s->out.xy.len / (2 * sizeof(double))));
  }
}

/* buffer(arr0 a; in0 float64 distances, one per element, or empty to use
 * num0 for all; num0 distance, num1 quadSegs (GEOS: 0 = bevel joins, < 0 =
 * mitre joins limited at |quadSegs|), num2 cap GV_CAP_*, num3 join
 * GV_JOIN_*, num4 mitre limit, num5 single-sided, num6 metres (lon/lat
 * input buffered in an azimuthal equidistant projection), num7 grid size
 * (0 = full precision)) -> out_arr:
 * polygons, POLYGON EMPTY when nothing is left */
gv_status gv_k_buffer(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  size_t ne = c->in[0].len / sizeof(double);
  if (ne && ne != (size_t)a->n) {
    gv_errors_add(&c->err, -1, -1, "%zu distances for %lld geometries", ne, (long long)a->n);
    return GV_ERR_ARG;
  }
  double q = c->num[1], ml = c->num[4];
  int cap = (int)c->num[2], join = (int)c->num[3];
  if (q != floor(q) || fabs(q) > 1e6 || cap < GV_CAP_ROUND || cap > GV_CAP_SQUARE || join < GV_JOIN_ROUND ||
      join > GV_JOIN_BEVEL || !(ml >= 0) || !isfinite(ml)) {
    gv_errors_add(&c->err, -1, -1, "bad buffer parameters (quadSegs %g, cap %d, join %d, mitreLimit %g)", q, cap,
                  join, ml);
    return GV_ERR_ARG;
  }
  if (!grid_ok(c, c->num[7])) return GV_ERR_ARG;
  if (q == 0) join = GV_JOIN_BEVEL;
  if (q < 0) join = GV_JOIN_MITRE, ml = -q;
  if (q <= 0) q = 8;
  gv_buffer_params bp = {(int)q, cap, join, ml, c->num[5] != 0};
  if (c->num[6] == 0 && c->num[7] == 0) { /* planar points: straight into the result */
    gv_builder b;
    gv_status st;
    if (gv_buffer_points(a, ne ? c->in[0].data : NULL, c->num[0], &bp, &b, &st)) {
      if (st != GV_OK) return st;
      c->out_arr = gv_builder_finish(&b);
      return c->out_arr ? GV_OK : GV_ERR_NOMEM;
    }
  }
  ov_slot *slot = gv_calloc((size_t)a->n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  buf_job j = {a, ne ? c->in[0].data : NULL, c->num[0], {(int)q, cap, join, ml, c->num[5] != 0}, c->num[6] != 0, c->num[7], slot};
  gv_parallel_for(a->n, 1, buffer_range, &j);
  return finish(c, a, slot, a->n, NULL);
}

typedef struct oc_job {
  const gv_array *a;
  const double *each;
  double d;
  gv_buffer_params p;
  ov_slot *slot;
} oc_job;

static void offset_range(void *ctx, int64_t begin, int64_t end) {
  const oc_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    ov_slot *s = &j->slot[k];
    if (gv_is_null(j->a, k)) {
      s->null = 1;
      continue;
    }
    double d = j->each ? j->each[k] : j->d;
    if (!isfinite(d)) {
      s->st = GV_ERR_ARG;
      s->why = "the distance is not a finite number";
      continue;
    }
    s->st = gv_offset_curve(j->a, k, d, &j->p, &s->out, &s->why);
  }
}

/* offset_curve(arr0 a; in0 float64 distances, one per element, or empty to
 * use num0; num0 distance, num1 quadSegs, num2 join GV_JOIN_*, num3 mitre
 * limit) -> out_arr: lines (LINESTRING EMPTY when there is no curve) */
gv_status gv_k_offset_curve(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  size_t ne = c->in[0].len / sizeof(double);
  if (ne && ne != (size_t)a->n) {
    gv_errors_add(&c->err, -1, -1, "%zu distances for %lld geometries", ne, (long long)a->n);
    return GV_ERR_ARG;
  }
  double q = c->num[1], ml = c->num[3];
  int join = (int)c->num[2];
  if (q != floor(q) || fabs(q) > 1e6 || join < GV_JOIN_ROUND || join > GV_JOIN_BEVEL || !(ml >= 0) || !isfinite(ml)) {
    gv_errors_add(&c->err, -1, -1, "bad offset curve parameters (quadSegs %g, join %d, mitreLimit %g)", q, join, ml);
    return GV_ERR_ARG;
  }
  if (q == 0) join = GV_JOIN_BEVEL;
  if (q < 0) join = GV_JOIN_MITRE, ml = -q;
  if (q <= 0) q = 8;
  ov_slot *slot = gv_calloc((size_t)a->n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  oc_job j = {a, ne ? c->in[0].data : NULL, c->num[0], {(int)q, GV_CAP_ROUND, join, ml, 0}, slot};
  gv_parallel_for(a->n, 1, offset_range, &j);
  return finish_typed(c, a, slot, a->n, GV_LINESTRING);
}
