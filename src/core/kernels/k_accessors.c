/* Vectorized accessors: type codes, emptiness, coordinate counts, bounds. */
#include <math.h>

#include "kernels.h"

/* Coordinates of geometry i are the contiguous run [first, end). */
static void coord_range(const gv_array *a, int64_t i, int64_t *first, int64_t *end) {
  *first = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  *end = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
}

static gv_status alloc_out(gv_call *c, int slot, size_t bytes) {
  c->out[slot].data = gv_malloc(bytes);
  c->out[slot].len = bytes;
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

/* geometry_type(arr0) -> out0: uint8 per geometry, type code 1..7, 0 = null */
gv_status gv_k_geometry_type(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  uint8_t *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) o[i] = GV_BASE_TYPE(gv_type_byte(a, i));
  return GV_OK;
}

/* is_empty(arr0) -> out0: uint8 per geometry (1 when it has no coordinate;
 * an empty point's NaN coordinate does not count; null gives 0) */
gv_status gv_k_is_empty(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  uint8_t *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) {
    int64_t k, e;
    coord_range(a, i, &k, &e);
    while (k < e && isnan(GV_X(a, k))) k++;
    o[i] = !gv_is_null(a, i) && k == e;
  }
  return GV_OK;
}

/* num_points(arr0) -> out0: int32 per geometry, its coordinates (ring
 * closing coordinates included, empty points excluded; null gives 0) */
gv_status gv_k_num_points(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n * 4)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  int32_t *o = c->out[0].data;
  for (int64_t i = 0; i < a->n; i++) {
    int64_t k, e, count = 0;
    coord_range(a, i, &k, &e);
    for (; k < e; k++) count += !isnan(GV_X(a, k));
    o[i] = gv_is_null(a, i) ? 0 : (int32_t)count;
  }
  return GV_OK;
}

/* Bounds of a coordinate run; NaN coordinates (empty points) never win a
 * comparison, so they are skipped without a branch of their own. */
static void run_bounds(const gv_array *a, int64_t k, int64_t e, double *b) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (; k < e; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) x0 = y0 = x1 = y1 = NAN;
  b[0] = x0, b[1] = y0, b[2] = x1, b[3] = y1;
}

void gv_geom_bounds(const gv_array *a, int64_t i, double b[4]) {
  int64_t k, e;
  coord_range(a, i, &k, &e);
  if (gv_is_null(a, i)) k = e;
  run_bounds(a, k, e, b);
}

typedef struct bounds_job {
  const gv_array *a;
  double *out;
} bounds_job;

static void bounds_range(void *ctx, int64_t begin, int64_t end) {
  bounds_job *j = ctx;
  for (int64_t i = begin; i < end; i++) gv_geom_bounds(j->a, i, j->out + 4 * i);
}

/* bounds(arr0) -> out0: float64 [minx, miny, maxx, maxy] per geometry, NaN
 * for null and empty geometries */
gv_status gv_k_bounds(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || alloc_out(c, 0, (size_t)a->n * 32)) return a ? GV_ERR_NOMEM : GV_ERR_ARG;
  bounds_job j = {a, c->out[0].data};
  gv_parallel_for(a->n, 4096, bounds_range, &j);
  return GV_OK;
}

/* total_bounds(arr0) -> out_num[0..3]: bounds of all non-null geometries */
gv_status gv_k_total_bounds(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  double t[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY}, b[4];
  for (int64_t i = 0; i < a->n; i++) {
    if (gv_is_null(a, i)) continue;
    int64_t k, e;
    coord_range(a, i, &k, &e);
    run_bounds(a, k, e, b);
    if (b[0] < t[0]) t[0] = b[0];
    if (b[1] < t[1]) t[1] = b[1];
    if (b[2] > t[2]) t[2] = b[2];
    if (b[3] > t[3]) t[3] = b[3];
  }
  if (t[0] > t[2]) t[0] = t[1] = t[2] = t[3] = NAN;
  for (int k = 0; k < 4; k++) c->out_num[k] = t[k];
  return GV_OK;
}
