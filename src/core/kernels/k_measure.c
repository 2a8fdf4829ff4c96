/* Kernels: planar measures (measure/): area, length, distance, dwithin,
 * Hausdorff and Frechet distances, run on all cores. Binary kernels take
 * the predicates' broadcast modes (k_predicate.c): 0 pairwise, 1 b's
 * geometry `single` against every a, 2 a's geometry against every b. The
 * single geometry gets a prepared state of its own (segment indexes,
 * point-in-polygon accelerators) unless its array is prepared already. */
#include <math.h>
#include <string.h>

#include "algorithm/prepared.h"
#include "kernels.h"
#include "measure/measure.h"

static gv_status alloc_out(gv_call *c, int slot, size_t bytes) {
  c->out[slot].data = gv_malloc(bytes ? bytes : 1);
  c->out[slot].len = bytes;
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

/* ---- unary ---- */

typedef struct unary_job {
  const gv_array *a;
  double (*fn)(const gv_array *, int64_t);
  double *out;
} unary_job;

static void unary_range(void *ctx, int64_t begin, int64_t end) {
  unary_job *j = ctx;
  for (int64_t i = begin; i < end; i++) j->out[i] = j->fn(j->a, i);
}

static gv_status run_unary(gv_call *c, double (*fn)(const gv_array *, int64_t)) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  if (alloc_out(c, 0, (size_t)a->n * 8)) return GV_ERR_NOMEM;
  unary_job j = {a, fn, c->out[0].data};
  gv_parallel_for(a->n, 4096, unary_range, &j);
  return GV_OK;
}

/* area(arr0) -> out0 float64 per geometry (NaN for null) */
gv_status gv_k_area(gv_call *c) { return run_unary(c, gv_geom_area); }
/* length(arr0) -> out0 float64 per geometry (NaN for null) */
gv_status gv_k_length(gv_call *c) { return run_unary(c, gv_geom_length); }

/* ---- binary ---- */

enum { MODE_PAIRWISE = 0, MODE_B_SINGLE = 1, MODE_A_SINGLE = 2 };
enum { OP_DISTANCE, OP_DWITHIN, OP_HAUSDORFF, OP_FRECHET };

typedef struct pair_job {
  const gv_array *a, *b; /* b (or a) may be a view carrying a private prepared state */
  int mode, op;
  int64_t single;
  const double *dv; /* dwithin: per-pair distances, or NULL */
  double d;         /* dwithin: the one distance; Hausdorff / Frechet: densify */
  gv_box sbox;      /* dwithin: bounds of the single geometry (NaN: null or empty) */
  void *out;
  int nomem;
  const gv_flat_index *flat; /* of the single geometry, or NULL */
} pair_job;

static void pair_range(void *ctx, int64_t begin, int64_t end) {
  pair_job *j = ctx;
  /* the flat index's search queue, one per range (without it, the general path) */
  const gv_flat_index *flat = j->flat;
  gv_flat_node *heap = flat ? gv_malloc((size_t)flat->nnodes * sizeof *heap) : NULL;
  if (!heap) flat = NULL;
  int a_single = j->mode == MODE_A_SINGLE;
  for (int64_t k = begin; k < end; k++) {
    int64_t i = a_single ? j->single : k, jj = j->mode == MODE_B_SINGLE ? j->single : k;
    if (j->op == OP_DWITHIN) {
      const gv_box *sb = j->mode == MODE_PAIRWISE ? NULL : &j->sbox;
      int v = gv_geom_dwithin_flat(j->a, i, a_single ? sb : NULL, j->b, jj, j->mode == MODE_B_SINGLE ? sb : NULL,
                                   j->dv ? j->dv[k] : j->d, flat, a_single, heap);
      if (v < 0) j->nomem = 1;
      ((uint8_t *)j->out)[k] = v > 0;
      continue;
    }
    double v = -3;
    if (j->op == OP_DISTANCE && flat)
      v = a_single ? gv_point_distance_flat(j->b, jj, j->a, i, flat, heap, 0.0)
                   : gv_point_distance_flat(j->a, i, j->b, jj, flat, heap, 0.0);
    if (v == -3)
      v = j->op == OP_DISTANCE    ? gv_geom_distance(j->a, i, j->b, jj, 0.0)
          : j->op == OP_HAUSDORFF ? gv_hausdorff(j->a, i, j->b, jj, j->d)
                                  : gv_frechet(j->a, i, j->b, jj, j->d);
    if (v == -2) j->nomem = 1;
    ((double *)j->out)[k] = v;
  }
  gv_free(heap);
}

static gv_status run_pairs(gv_call *c, int op) {
  gv_array *a = c->arr[0], *b = c->arr[1];
  if (!a || !b) return GV_ERR_ARG;
  pair_job j;
  memset(&j, 0, sizeof j);
  j.op = op;
  j.mode = (int)c->num[0];
  int64_t n;
  if (c->num[0] != j.mode || j.mode < 0 || j.mode > 2) {
    gv_errors_add(&c->err, -1, -1, "unknown broadcast mode %g", c->num[0]);
    return GV_ERR_ARG;
  }
  if (j.mode == MODE_PAIRWISE) {
    if (a->n != b->n) {
      gv_errors_add(&c->err, -1, -1, "%lld and %lld geometries do not pair up", (long long)a->n, (long long)b->n);
      return GV_ERR_ARG;
    }
    n = a->n;
  } else {
    const gv_array *s = j.mode == MODE_B_SINGLE ? b : a;
    double v = c->num[1];
    if (!(v >= 0 && v < (double)s->n) || v != floor(v)) {
      gv_errors_add(&c->err, -1, -1, "geometry index %g is outside the array (%lld)", v, (long long)s->n);
      return GV_ERR_ARG;
    }
    j.single = (int64_t)v;
    n = j.mode == MODE_B_SINGLE ? a->n : b->n;
  }
  j.d = c->num[2];
  /* densify splits every segment into round(1 / densify) pieces: a floor
   * keeps the work bounded */
  if ((op == OP_HAUSDORFF || op == OP_FRECHET) && j.d > 0 && j.d < 1e-6) {
    gv_errors_add(&c->err, -1, -1, "densify %g is below the supported 1e-6 (a million pieces per segment)", j.d);
    return GV_ERR_LIMIT;
  }
  if (op == OP_DWITHIN && c->in[0].data) {
    if (c->in[0].len != (size_t)n * 8) {
      gv_errors_add(&c->err, -1, -1, "distance has %zu values for %lld pairs", c->in[0].len / 8, (long long)n);
      return GV_ERR_ARG;
    }
    j.dv = c->in[0].data;
  }
  if (alloc_out(c, 0, (size_t)n * (op == OP_DWITHIN ? 1 : 8))) return GV_ERR_NOMEM;
  j.out = c->out[0].data;
  /* the single geometry: a prepared state of its own when its array has none */
  gv_array view;
  gv_prepared *own = NULL;
  j.a = a, j.b = b;
  if (j.mode != MODE_PAIRWISE && (op == OP_DISTANCE || op == OP_DWITHIN) && n > 1) {
    gv_array *s = j.mode == MODE_B_SINGLE ? b : a;
    if (!s->prepared && !gv_is_null(s, j.single)) {
      gv_status st = gv_prepared_build(s, j.single, j.single + 1, 1, &own);
      if (st == GV_ERR_NOMEM) return st;
      if (st == GV_OK) {
        view = *s;
        view.prepared = own;
        if (j.mode == MODE_B_SINGLE) j.b = &view;
        else j.a = &view;
      }
    }
  }
  /* the single geometry against points: its flat index (measure.h) */
  gv_flat_index flat;
  memset(&flat, 0, sizeof flat);
  if (j.mode != MODE_PAIRWISE && (op == OP_DISTANCE || op == OP_DWITHIN) && n > 1) {
    gv_status st = gv_flat_index_build(j.mode == MODE_B_SINGLE ? b : a, j.single, &flat);
    if (st == GV_ERR_NOMEM) {
      if (own) gv_prepared_free(own);
      return st;
    }
    if (flat.built) j.flat = &flat;
  }
  if (j.mode != MODE_PAIRWISE) {
    double bb[4];
    gv_geom_bounds(j.mode == MODE_B_SINGLE ? b : a, j.single, bb);
    j.sbox = (gv_box){bb[0], bb[1], bb[2], bb[3]};
  }
  gv_parallel_for(n, op == OP_DISTANCE || op == OP_DWITHIN ? 256 : 16, pair_range, &j);
  if (own) gv_prepared_free(own);
  gv_flat_index_free(&flat);
  return j.nomem ? GV_ERR_NOMEM : GV_OK;
}

/* distance(arr0 a, arr1 b; num0 mode, num1 single) -> out0 float64 per
 * pair: NaN for null or empty, 0 when they intersect */
gv_status gv_k_distance(gv_call *c) { return run_pairs(c, OP_DISTANCE); }
/* dwithin(arr0 a, arr1 b; num0 mode, num1 single, num2 distance, or in0
 * float64 distance per pair) -> out0 uint8 per pair (null, empty: 0) */
gv_status gv_k_dwithin(gv_call *c) { return run_pairs(c, OP_DWITHIN); }
/* hausdorff_distance(arr0, arr1; num0 mode, num1 single, num2 densify
 * (<= 0: none)) -> out0 float64 per pair */
gv_status gv_k_hausdorff_distance(gv_call *c) { return run_pairs(c, OP_HAUSDORFF); }
/* frechet_distance(as hausdorff_distance) -> out0 float64 per pair */
gv_status gv_k_frechet_distance(gv_call *c) { return run_pairs(c, OP_FRECHET); }
