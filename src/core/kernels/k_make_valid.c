/* Kernel: makeValid (validity/make_valid.c), one geometry at a time on all
 * cores; results appended in order afterwards. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "validity/make_valid.h"

typedef struct mv_slot {
  gv_mv_result r;
  gv_status st;
} mv_slot;

typedef struct mv_job {
  const gv_array *a;
  int method, keep;
  mv_slot *slot;
} mv_job;

static void mv_range(void *ctx, int64_t begin, int64_t end) {
  const mv_job *j = ctx;
  gv_valid_work *w = gv_valid_work_new();
  for (int64_t i = begin; i < end; i++) {
    if (gv_is_null(j->a, i)) continue;
    j->slot[i].st = w ? gv_make_valid(w, j->a, i, j->method, j->keep, &j->slot[i].r) : GV_ERR_NOMEM;
  }
  gv_valid_work_free(w);
}

/* The input check of unaryUnion / unionAll: each polygon of a polygonal
 * element on its own (their parts may overlap, that is what the union
 * dissolves), other elements whole; a ring touching itself at a point (Ring
 * Self-intersection) is accepted, as the area it bounds is unambiguous. */
static gv_status part_check(gv_valid_work *w, const gv_array *a, int64_t i, gv_validity *v) {
  uint8_t t = GV_BASE_TYPE(gv_type_byte(a, i));
  v->code = GV_VALID;
  if (t != GV_POLYGON && t != GV_MULTIPOLYGON) return gv_geom_validity(w, a, i, v);
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    int32_t goff[2] = {p, p + 1};
    gv_array one = *a;
    one.n = 1;
    one.types = NULL;
    one.type = GV_POLYGON;
    one.validity = NULL;
    one.geom_off = goff;
    one.part_type = NULL;
    one.gc_off = one.gc_tok = NULL;
    one.srid = NULL;
    one.prepared = NULL;
    one.z = one.m = NULL;
    one.dims = 0;
    gv_status st = gv_geom_validity(w, &one, 0, v);
    if (st != GV_OK) return st;
    if (v->code == GV_INVALID_RING_SELF_INTERSECTION) v->code = GV_VALID;
    if (v->code != GV_VALID) break;
  }
  return GV_OK;
}

typedef struct check_job {
  const gv_array *a;
  gv_validity *v;
  gv_status *st;
} check_job;

static void check_range(void *ctx, int64_t begin, int64_t end) {
  const check_job *j = ctx;
  gv_valid_work *w = gv_valid_work_new();
  for (int64_t i = begin; i < end; i++) {
    j->v[i].code = GV_VALID;
    if (gv_is_null(j->a, i)) continue;
    j->st[i] = w ? part_check(w, j->a, i, &j->v[i]) : GV_ERR_NOMEM;
  }
  gv_valid_work_free(w);
}

/* union_check(arr0 a) -> out0 uint8 per element (1 accepted or null, 0 not),
 * out1 the reasons (GEOS text, empty when accepted) concatenated, out2 int64
 * offsets (n + 1) */
gv_status gv_k_union_check(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int64_t n = a->n;
  gv_validity *v = gv_calloc((size_t)n + 1, sizeof *v);
  gv_status *sts = gv_calloc((size_t)n + 1, sizeof *sts);
  gv_status st = v && sts ? GV_OK : GV_ERR_NOMEM;
  if (st == GV_OK) {
    check_job j = {a, v, sts};
    gv_parallel_for(n, 16, check_range, &j);
  }
  for (int64_t i = 0; i < n && st == GV_OK; i++) st = sts[i];
  gv_buf ok = {0}, text = {0}, offs = {0};
  int64_t pos = 0;
  if (st == GV_OK) st = gv_buf_append(&offs, &pos, sizeof pos);
  for (int64_t i = 0; i < n && st == GV_OK; i++) {
    uint8_t good = v[i].code == GV_VALID;
    st = gv_buf_append(&ok, &good, 1);
    if (st == GV_OK && !good) {
      char buf[128];
      int len = gv_validity_reason(&v[i], buf, sizeof buf);
      st = gv_buf_append(&text, buf, (size_t)len);
    }
    pos = (int64_t)text.len;
    if (st == GV_OK) st = gv_buf_append(&offs, &pos, sizeof pos);
  }
  if (st == GV_OK) {
    c->out[0].len = ok.len, c->out[0].data = gv_buf_take(&ok);
    c->out[1].len = text.len, c->out[1].data = gv_buf_take(&text);
    c->out[2].len = offs.len, c->out[2].data = gv_buf_take(&offs);
    for (int k = 0; k < 3 && st == GV_OK; k++)
      if (!c->out[k].data && !(c->out[k].data = gv_malloc(1))) st = GV_ERR_NOMEM;
  }
  gv_buf_free(&ok);
  gv_buf_free(&text);
  gv_buf_free(&offs);
  gv_free(v);
  gv_free(sts);
  return st;
}

/* make_valid(arr0 a; num0 method (0 linework, 1 structure), num1 keep
 * collapsed (0 / 1)) -> out_arr, null for null */
gv_status gv_k_make_valid(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  double m = c->num[0], k = c->num[1];
  if (!(m == GV_MV_LINEWORK || m == GV_MV_STRUCTURE) || !(k == 0 || k == 1)) {
    gv_errors_add(&c->err, -1, -1, "bad makeValid parameters (method %g, keepCollapsed %g)", m, k);
    return GV_ERR_ARG;
  }
  int64_t n = a->n;
  mv_slot *slot = gv_calloc((size_t)n + 1, sizeof *slot);
  if (!slot) return GV_ERR_NOMEM;
  mv_job j = {a, (int)m, (int)k, slot};
  gv_parallel_for(n, 1, mv_range, &j);
  gv_status st = GV_OK;
  for (int64_t i = 0; i < n && st == GV_OK; i++) {
    if (slot[i].st == GV_OK) continue;
    st = slot[i].st;
    if (st != GV_ERR_NOMEM)
      gv_errors_add(&c->err, i, -1, "element %lld: %s", (long long)i,
                    st == GV_ERR_LIMIT ? "noding did not converge" : "makeValid failed");
  }
  if (st == GV_OK) {
    gv_builder b;
    gv_builder_init(&b);
    for (int64_t i = 0; i < n; i++) {
      if (gv_is_null(a, i)) gv_builder_null(&b);
      else gv_mv_emit(&slot[i].r, a, i, &b);
    }
    if (b.status != GV_OK) {
      st = b.status;
      gv_builder_free(&b);
    } else {
      c->out_arr = gv_builder_finish(&b);
      if (!c->out_arr) st = GV_ERR_NOMEM;
    }
  }
  for (int64_t i = 0; i < n; i++) gv_mv_result_free(&slot[i].r);
  gv_free(slot);
  return st;
}
