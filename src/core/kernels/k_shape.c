/* Kernels: shape operations (shape/): unary constructions and transforms,
 * minimum bounding radius, linear referencing and shortest lines. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "shape/shape.h"

typedef struct unary_job {
  const gv_array *a;
  int op;
  double p[2];
  const double *per; /* per-element first parameter, or NULL */
  gv_array **chunks;
  int64_t chunk;
  int failed;
} unary_job;

static gv_status run_unary(const unary_job *j, int64_t begin, int64_t end, gv_builder *b) {
  for (int64_t i = begin; i < end; i++) {
    double p[2] = {j->per ? j->per[i] : j->p[0], j->p[1]};
    if (sh_unary(j->op, j->a, i, p, b)) return GV_ERR_NOMEM;
    if (b->status) return b->status;
  }
  return GV_OK;
}

static void unary_range(void *ctx, int64_t begin, int64_t end) {
  unary_job *j = ctx;
  for (int64_t c = begin; c < end; c++) {
    int64_t s = c * j->chunk, e = s + j->chunk;
    if (e > j->a->n) e = j->a->n;
    gv_builder b;
    gv_builder_init(&b);
    if (run_unary(j, s, e, &b) == GV_OK) j->chunks[c] = gv_builder_finish(&b);
    gv_builder_free(&b);
    if (!j->chunks[c]) j->failed = 1;
  }
}

/* shape_unary(arr0; num0 operation SH_*, num1 parameter, num2 second
 * parameter; in0 optional float64 per element, replacing num1) -> out_arr:
 * one geometry per input geometry (null gives null; an element whose
 * parameter is invalid gives null) */
gv_status gv_k_shape_unary(gv_call *c) {
  const gv_array *a = c->arr[0];
  double op = c->num[0];
  if (!a || !(op >= 0 && op < SH_OP_COUNT) || op != floor(op)) return GV_ERR_ARG;
  unary_job j = {a, (int)op, {c->num[1], c->num[2]}, NULL, NULL, 0, 0};
  if (c->in[0].data) {
    if (c->in[0].len != (size_t)a->n * sizeof(double)) {
      gv_errors_add(&c->err, -1, -1, "%zu parameter bytes for %lld geometries", c->in[0].len, (long long)a->n);
      return GV_ERR_ARG;
    }
    j.per = c->in[0].data;
  }
  int threads = gv_threads();
  int cheap = j.op == SH_CENTROID || j.op == SH_ENVELOPE || j.op == SH_REVERSE || j.op == SH_BOUNDARY;
  int64_t min_chunk = cheap ? 16384 : 256;
  if (threads <= 1 || a->n < 2 * min_chunk) {
    gv_builder b;
    gv_builder_init(&b);
    gv_status st = run_unary(&j, 0, a->n, &b);
    if (st == GV_OK) {
      c->out_arr = gv_builder_finish(&b);
      if (!c->out_arr) st = GV_ERR_NOMEM;
    }
    gv_builder_free(&b);
    return st;
  }
  /* chunks built on all threads, then joined */
  int64_t nchunks = (int64_t)threads * 4;
  j.chunk = (a->n + nchunks - 1) / nchunks;
  if (j.chunk < min_chunk) j.chunk = min_chunk;
  nchunks = (a->n + j.chunk - 1) / j.chunk;
  j.chunks = gv_calloc((size_t)nchunks, sizeof(gv_array *));
  if (!j.chunks) return GV_ERR_NOMEM;
  gv_parallel_for(nchunks, 1, unary_range, &j);
  gv_status st = j.failed ? GV_ERR_NOMEM : GV_OK;
  if (st == GV_OK) {
    gv_builder b;
    gv_builder_init(&b);
    for (int64_t k = 0; k < nchunks; k++)
      for (int64_t i = 0; i < j.chunks[k]->n; i++) gv_builder_append(&b, j.chunks[k], i);
    st = b.status;
    if (st == GV_OK) {
      c->out_arr = gv_builder_finish(&b);
      if (!c->out_arr) st = GV_ERR_NOMEM;
    }
    gv_builder_free(&b);
  }
  for (int64_t k = 0; k < nchunks; k++)
    if (j.chunks[k]) gv_array_release(j.chunks[k]);
  gv_free(j.chunks);
  return st;
}

/* min_bounding_radius(arr0) -> out0: float64 per geometry (NaN for null
 * and empty) */
gv_status gv_k_min_bounding_radius(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  c->out[0].len = (size_t)a->n * sizeof(double);
  c->out[0].data = gv_malloc(c->out[0].len ? c->out[0].len : 1);
  if (!c->out[0].data) return GV_ERR_NOMEM;
  double *o = c->out[0].data;
  int nomem = 0;
  for (int64_t i = 0; i < a->n; i++) o[i] = sh_mbc_radius(a, i, &nomem);
  return nomem ? GV_ERR_NOMEM : GV_OK;
}

/* The pairs of a binary call (num1 mode: 0 pairwise, 1 b's geometry num2
 * with every a, 2 a's geometry num2 with every b); -1 on a bad call. */
static int64_t pairs(gv_call *c, int *mode, int64_t *single) {
  const gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return -1;
  *mode = (int)c->num[1];
  double v = c->num[2];
  if (*mode == 0) {
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return -1;
    }
    return a->n;
  }
  const gv_array *s = *mode == 1 ? b : a;
  if ((*mode != 1 && *mode != 2) || !(v >= 0 && v < (double)s->n) || v != floor(v)) {
    gv_errors_add(&c->err, -1, -1, "bad broadcast (mode %d, index %g)", *mode, v);
    return -1;
  }
  *single = (int64_t)v;
  return *mode == 1 ? a->n : b->n;
}

/* line_locate_point(arr0 lines, arr1 points; num0 normalized, num1/num2
 * broadcast) -> out0: float64 per pair (NaN for null, empty, non-lineal
 * or non-point elements) */
gv_status gv_k_line_locate_point(gv_call *c) {
  int mode;
  int64_t single = 0, n = pairs(c, &mode, &single);
  if (n < 0) return GV_ERR_ARG;
  const gv_array *a = c->arr[0], *b = c->arr[1];
  c->out[0].len = (size_t)n * sizeof(double);
  c->out[0].data = gv_malloc(c->out[0].len ? c->out[0].len : 1);
  if (!c->out[0].data) return GV_ERR_NOMEM;
  double *o = c->out[0].data;
  for (int64_t k = 0; k < n; k++) {
    int64_t i = mode == 2 ? single : k, j = mode == 1 ? single : k;
    o[k] = NAN;
    if (GV_BASE_TYPE(gv_type_byte(b, j)) != GV_POINT) continue;
    int32_t r = gv_part_begin(b, gv_geom_begin(b, j));
    int32_t kk = gv_ring_begin(b, r);
    o[k] = sh_locate(a, i, GV_X(b, kk), GV_Y(b, kk), c->num[0] != 0);
  }
  return GV_OK;
}

/* shortest_line(arr0, arr1; num1/num2 broadcast) -> out_arr: a two-point
 * line from a to b per pair (null when either side is null or empty) */
gv_status gv_k_shortest_line(gv_call *c) {
  int mode;
  int64_t single = 0, n = pairs(c, &mode, &single);
  if (n < 0) return GV_ERR_ARG;
  const gv_array *a = c->arr[0], *b = c->arr[1];
  gv_builder bl;
  gv_builder_init(&bl);
  for (int64_t k = 0; k < n; k++) {
    int64_t i = mode == 2 ? single : k, j = mode == 1 ? single : k;
    gv_pt p[2];
    if (sh_nearest_points(a, i, b, j, p) != 1) {
      gv_builder_null(&bl);
      continue;
    }
    gv_builder_begin_geom(&bl, GV_LINESTRING);
    gv_builder_begin_part(&bl, GV_LINESTRING);
    gv_builder_begin_ring(&bl);
    gv_builder_coord(&bl, p[0].x, p[0].y, NAN, NAN);
    gv_builder_coord(&bl, p[1].x, p[1].y, NAN, NAN);
    gv_builder_end_geom(&bl);
  }
  gv_status st = bl.status;
  if (st == GV_OK) {
    c->out_arr = gv_builder_finish(&bl);
    if (!c->out_arr) st = GV_ERR_NOMEM;
  }
  gv_builder_free(&bl);
  return st;
}

/* voronoi(arr0; num0 tolerance, num1 only edges, num2..num5 box to extend
 * the diagram to (NaN for none)) -> out_arr: the Voronoi cells or edges of
 * each geometry's vertices (null gives null) */
gv_status gv_k_voronoi(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || !(c->num[0] >= 0)) return GV_ERR_ARG;
  double box[4] = {c->num[2], c->num[3], c->num[4], c->num[5]};
  gv_builder b;
  gv_builder_init(&b);
  gv_status st = GV_OK;
  for (int64_t i = 0; i < a->n && st == GV_OK; i++) {
    if (sh_voronoi(a, i, c->num[0], c->num[1] != 0, box, &b)) st = GV_ERR_NOMEM;
    else st = b.status;
  }
  if (st == GV_OK) {
    c->out_arr = gv_builder_finish(&b);
    if (!c->out_arr) st = GV_ERR_NOMEM;
  }
  gv_builder_free(&b);
  return st;
}
