/* Kernels: the binary predicates and the DE-9IM matrix over pairs of
 * geometries (relate.c does the work), run on all cores. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "relate/relate.h"

enum { MODE_PAIRWISE = 0, MODE_B_SINGLE = 1, MODE_A_SINGLE = 2 };

typedef struct pair_job {
  const gv_array *a, *b;
  int kind;        /* GV_PRED_* or RL_PRED_MATRIX */
  int mode;
  const rl_shared *shared; /* the single geometry of modes 1 and 2 */
  uint8_t *out;    /* 1 byte per pair (predicate) or 9 (matrix) */
} pair_job;

static int one_pair(const pair_job *j, int64_t k, char *m) {
  switch (j->mode) {
  case MODE_B_SINGLE: return rl_evaluate_shared(j->a, k, j->shared, 1, j->kind, m);
  case MODE_A_SINGLE: return rl_evaluate_shared(j->b, k, j->shared, 0, j->kind, m);
  default: return rl_evaluate(j->a, k, j->b, k, j->kind, m);
  }
}

/* Pairs per thread, at least, when every pair is cheap. */
#define CHEAP_GRAIN 4096

/* Pairs ahead whose first reads are prefetched (one geometry against many). */
#define PREFETCH_AHEAD 8

static void pair_range(void *ctx, int64_t begin, int64_t end) {
  const pair_job *j = ctx;
  const gv_array *many = j->mode == MODE_B_SINGLE ? j->a : j->b;
  for (int64_t k = begin; k < end; k++) {
    if (j->mode != MODE_PAIRWISE && k + PREFETCH_AHEAD < end) rl_shared_prefetch(j->shared, many, k + PREFETCH_AHEAD);
    if (j->kind == RL_PRED_MATRIX) {
      char *m = (char *)j->out + 9 * k;
      if (one_pair(j, k, m) < 0) m[0] = 0; /* out of memory */
    } else {
      int v = one_pair(j, k, NULL);
      j->out[k] = v < 0 ? 0xff : (uint8_t)v;
    }
  }
}

static int polygonal(uint8_t t) { return GV_BASE_TYPE(t) == GV_POLYGON || GV_BASE_TYPE(t) == GV_MULTIPOLYGON; }

/* Whether evaluations against the single geometry may need its rings'
 * orientation and repeated points: not for intersects and disjoint between
 * areas, where the edge stage only looks for a shared point. Computing
 * them costs a pass over the geometry's coordinates. */
static int needs_ring_topology(int kind, const gv_array *s, int64_t single, const gv_array *others) {
  if (kind != GV_PRED_INTERSECTS && kind != GV_PRED_DISJOINT) return 1;
  if (!polygonal(gv_type_byte(s, single))) return 1;
  for (int64_t i = 0; i < others->n; i++) {
    uint8_t t = gv_type_byte(others, i);
    if (GV_BASE_TYPE(t) != GV_NULL && !polygonal(t)) return 1;
  }
  return 0;
}

/* Shared by both kernels: checks the arguments, runs the pairs. */
static gv_status run_pairs(gv_call *c, int kind) {
  const gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return GV_ERR_ARG;
  int mode = (int)c->num[1];
  int64_t n, single = -1;
  switch (mode) {
  case MODE_PAIRWISE:
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return GV_ERR_ARG;
    }
    n = a->n;
    break;
  case MODE_B_SINGLE:
  case MODE_A_SINGLE: {
    const gv_array *s = mode == MODE_B_SINGLE ? b : a;
    double v = c->num[2];
    if (!(v >= 0 && v < (double)s->n) || v != floor(v)) {
      gv_errors_add(&c->err, -1, -1, "geometry index %g is outside the array (%lld)", v, (long long)s->n);
      return GV_ERR_ARG;
    }
    single = (int64_t)v;
    n = mode == MODE_B_SINGLE ? a->n : b->n;
    break;
  }
  default:
    gv_errors_add(&c->err, -1, -1, "unknown broadcast mode %d", mode);
    return GV_ERR_ARG;
  }
  size_t width = kind == RL_PRED_MATRIX ? 9 : 1;
  c->out[0].len = (size_t)n * width;
  c->out[0].data = gv_malloc(c->out[0].len ? c->out[0].len : 1);
  if (!c->out[0].data) return GV_ERR_NOMEM;
  /* the single geometry is analysed (and indexed) once for all pairs */
  rl_shared shared;
  memset(&shared, 0, sizeof shared);
  if (mode != MODE_PAIRWISE) {
    const gv_array *s = mode == MODE_B_SINGLE ? b : a, *others = mode == MODE_B_SINGLE ? a : b;
    if (rl_shared_init(&shared, s, single, n, needs_ring_topology(kind, s, single, others)) != GV_OK)
      return GV_ERR_NOMEM;
  }
  pair_job j = {a, b, kind, mode, &shared, c->out[0].data};
  /* pairs the prepared fast path answers cost about 0.1 us: waking the
   * other threads only pays for many of them */
  int cheap = mode != MODE_PAIRWISE && shared.fast && (kind == GV_PRED_INTERSECTS || kind == GV_PRED_DISJOINT);
  gv_parallel_for(n, cheap ? CHEAP_GRAIN : 64, pair_range, &j);
  rl_shared_free(&shared);
  /* a pair that ran out of memory left a mark */
  const uint8_t *o = j.out;
  for (int64_t k = 0; k < n; k++)
    if (width == 1 ? o[k] == 0xff : o[9 * k] == 0) return GV_ERR_NOMEM;
  return GV_OK;
}

/* predicate(arr0 a, arr1 b; num0 predicate code GV_PRED_*, num1 mode: 0
 * pairwise (equal lengths), 1 b's geometry num2 against every a, 2 a's
 * geometry num2 against every b) -> out0: uint8 per pair (null gives 0) */
gv_status gv_k_predicate(gv_call *c) {
  double p = c->num[0];
  if (!(p >= 0 && p < GV_PRED_COUNT) || p != floor(p)) {
    gv_errors_add(&c->err, -1, -1, "unknown predicate %g", p);
    return GV_ERR_ARG;
  }
  return run_pairs(c, (int)p);
}

/* relate(arr0 a, arr1 b; num1 mode, num2 as for predicate) -> out0: 9 ASCII
 * characters per pair, 'F' '0' '1' '2', row-major II IB IE BI BB BE EI EB
 * EE. A pair with a null geometry gives "FFFFFFFFF" (no real pair has an
 * F in EE). */
gv_status gv_k_relate(gv_call *c) { return run_pairs(c, RL_PRED_MATRIX); }
