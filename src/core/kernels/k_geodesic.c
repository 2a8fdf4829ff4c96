/* Kernels: geodesic measures on the WGS84 ellipsoid (geodesic/geodesic.c
 * does the work): area and length per geometry, distance between points
 * (broadcast like the predicates) and between coordinate columns. */
#include <math.h>
#include <string.h>

#include "geodesic/geodesic.h"
#include "kernels.h"

static gv_status alloc_f64(gv_call *c, int slot, int64_t n) {
  c->out[slot].len = (size_t)n * sizeof(double);
  c->out[slot].data = gv_malloc(c->out[slot].len ? c->out[slot].len : 1);
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

typedef struct measure_job {
  const gv_array *a;
  double *out;
} measure_job;

/* Coordinates [k, e) of ring r of array a, as column pointers. */
#define RING_ARGS(a, k, e) &GV_X(a, k), &GV_Y(a, k), (a)->stride, (e) - (k)

static double geom_area(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return NAN;
  double total = 0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int64_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
      if (e <= k) continue;
      double ra = gv_geod_ring_area(RING_ARGS(a, k, e));
      total += r == gv_part_begin(a, p) ? ra : -ra; /* holes are subtracted */
    }
  }
  return total;
}

static double geom_length(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return NAN;
  double total = 0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, t, p) == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int64_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
      if (e - k >= 2) total += gv_geod_line_length(RING_ARGS(a, k, e));
    }
  }
  return total;
}

static void area_range(void *ctx, int64_t begin, int64_t end) {
  measure_job *j = ctx;
  for (int64_t i = begin; i < end; i++) j->out[i] = geom_area(j->a, i);
}
static void length_range(void *ctx, int64_t begin, int64_t end) {
  measure_job *j = ctx;
  for (int64_t i = begin; i < end; i++) j->out[i] = geom_length(j->a, i);
}

/* geodesic_area(arr0) -> out0: float64 per geometry, m^2 (NaN for null) */
gv_status gv_k_geodesic_area(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (alloc_f64(c, 0, a->n)) return GV_ERR_NOMEM;
  measure_job j = {a, c->out[0].data};
  gv_parallel_for(a->n, 16, area_range, &j);
  return GV_OK;
}

/* geodesic_length(arr0) -> out0: float64 per geometry, m (NaN for null) */
gv_status gv_k_geodesic_length(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (alloc_f64(c, 0, a->n)) return GV_ERR_NOMEM;
  measure_job j = {a, c->out[0].data};
  gv_parallel_for(a->n, 16, length_range, &j);
  return GV_OK;
}

/* ---- distances ---------------------------------------------------------- */

enum { MODE_PAIRWISE = 0, MODE_B_SINGLE = 1, MODE_A_SINGLE = 2 };

/* The coordinate of point geometry i, or NaN (null or empty); -1 when the
 * geometry is not a point. */
static int point_of(const gv_array *a, int64_t i, double *lon, double *lat) {
  *lon = *lat = NAN;
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return 0;
  if (GV_BASE_TYPE(t) != GV_POINT) return -1;
  int32_t p = gv_geom_begin(a, i);
  if (p >= gv_geom_end(a, i)) return 0;
  int32_t r = gv_part_begin(a, p);
  if (r >= gv_part_end(a, p)) return 0;
  int64_t k = gv_ring_begin(a, r);
  if (k >= gv_ring_end(a, r)) return 0;
  *lon = GV_X(a, k);
  *lat = GV_Y(a, k);
  return 0;
}

typedef struct dist_job {
  const gv_array *a, *b;
  int mode;
  int64_t single;
  double *out;
} dist_job;

static void dist_range(void *ctx, int64_t begin, int64_t end) {
  dist_job *j = ctx;
  double x0 = NAN, y0 = NAN;
  if (j->mode == MODE_B_SINGLE) point_of(j->b, j->single, &x0, &y0);
  if (j->mode == MODE_A_SINGLE) point_of(j->a, j->single, &x0, &y0);
  for (int64_t k = begin; k < end; k++) {
    double x1, y1, x2, y2;
    switch (j->mode) {
    case MODE_B_SINGLE: point_of(j->a, k, &x1, &y1), x2 = x0, y2 = y0; break;
    case MODE_A_SINGLE: x1 = x0, y1 = y0, point_of(j->b, k, &x2, &y2); break;
    default: point_of(j->a, k, &x1, &y1), point_of(j->b, k, &x2, &y2); break;
    }
    gv_geod_inverse(y1, x1, y2, x2, &j->out[k], NULL, NULL);
  }
}

static int check_points(gv_call *c, const gv_array *a, const char *name, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i++) {
    double x, y;
    if (point_of(a, i, &x, &y) < 0) {
      gv_errors_add(&c->err, i, -1, "%s[%lld] is not a Point (type %d)", name, (long long)i,
                    GV_BASE_TYPE(gv_type_byte(a, i)));
      return -1;
    }
  }
  return 0;
}

/* geodesic_distance(arr0 a, arr1 b; num1 mode: 0 pairwise, 1 b's geometry
 * num2 against every a, 2 a's geometry num2 against every b) -> out0:
 * float64 metres per pair (NaN when either point is null or empty). Every
 * geometry must be a Point. */
gv_status gv_k_geodesic_distance(gv_call *c) {
  const gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return GV_ERR_ARG;
  int mode = (int)c->num[1];
  int64_t n, single = 0;
  if (mode == MODE_PAIRWISE) {
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return GV_ERR_ARG;
    }
    n = a->n;
  } else if (mode == MODE_B_SINGLE || mode == MODE_A_SINGLE) {
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
  if (check_points(c, a, "a", mode == MODE_A_SINGLE ? single : 0, mode == MODE_A_SINGLE ? single + 1 : a->n) ||
      check_points(c, b, "b", mode == MODE_B_SINGLE ? single : 0, mode == MODE_B_SINGLE ? single + 1 : b->n))
    return GV_ERR_ARG;
  if (alloc_f64(c, 0, n)) return GV_ERR_NOMEM;
  dist_job j = {a, b, mode, single, c->out[0].data};
  gv_parallel_for(n, 256, dist_range, &j);
  return GV_OK;
}

typedef struct xy_job {
  const double *col[4];
  int64_t step[4]; /* 1, or 0 for a broadcast scalar */
  double *out;
} xy_job;

static void xy_range(void *ctx, int64_t begin, int64_t end) {
  xy_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    double lon1 = j->col[0][k * j->step[0]], lat1 = j->col[1][k * j->step[1]];
    double lon2 = j->col[2][k * j->step[2]], lat2 = j->col[3][k * j->step[3]];
    gv_geod_inverse(lat1, lon1, lat2, lon2, &j->out[k], NULL, NULL);
  }
}

/* geodesic_distance_xy(in0 lon1, in1 lat1, in2 lon2, in3 lat2: float64
 * columns of one length n, or of length 1 to broadcast) -> out0: float64
 * metres per row */
gv_status gv_k_geodesic_distance_xy(gv_call *c) {
  int64_t n = 1;
  xy_job j;
  for (int k = 0; k < 4; k++) {
    if (c->in[k].len % sizeof(double) || !c->in[k].data) {
      gv_errors_add(&c->err, -1, -1, "input %d is not a float64 column", k);
      return GV_ERR_ARG;
    }
    int64_t len = (int64_t)(c->in[k].len / sizeof(double));
    if (len != 1 && n != 1 && len != n) {
      gv_errors_add(&c->err, -1, -1, "columns of %lld and %lld values do not broadcast", (long long)n, (long long)len);
      return GV_ERR_ARG;
    }
    if (len != 1) n = len;
    j.col[k] = c->in[k].data;
  }
  for (int k = 0; k < 4; k++) j.step[k] = c->in[k].len / sizeof(double) == 1 ? 0 : 1;
  if (alloc_f64(c, 0, n)) return GV_ERR_NOMEM;
  j.out = c->out[0].data;
  gv_parallel_for(n, 256, xy_range, &j);
  return GV_OK;
}
