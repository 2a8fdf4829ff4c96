/* Kernels: coverage union (shared edges cancelled, general overlay as the
 * fallback for a group whose linework does not make valid rings),
 * intersection of all elements per group (pairwise through the overlay),
 * and coverage validity (GEOS CoverageValidator). Groups run on all cores. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "overlay/coverage.h"
#include "overlay/coverage_valid.h"

typedef struct cv_slot {
  gv_ov_out out;
  gv_status st;
  int fallback;
  const char *why;
} cv_slot;

typedef struct cv_job {
  const gv_array *a;
  const int64_t *goff, *idx; /* members of group k: idx[goff[k] .. goff[k + 1]) */
  double grid;
  cv_slot *slot;
} cv_job;

/* Groups from in0 (int32 per element, -1 = left out; empty = all in group 0) and num[gi] (count). */
static gv_status make_groups(gv_call *c, const gv_array *a, int gi, int64_t *ngp, int64_t **goffp, int64_t **idxp) {
  double ngd = c->num[gi];
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
  int64_t *fill = gv_malloc((size_t)ng * sizeof(int64_t) + 1);
  if (!goff || !idx || !fill) {
    gv_free(goff);
    gv_free(idx);
    gv_free(fill);
    return GV_ERR_NOMEM;
  }
  for (int64_t i = 0; i < a->n; i++) {
    int32_t g = len ? grp[i] : 0;
    if (g < -1 || g >= ng) {
      gv_errors_add(&c->err, i, -1, "group id %d of element %lld is outside 0 .. %lld", g, (long long)i,
                    (long long)ng - 1);
      gv_free(goff);
      gv_free(idx);
      gv_free(fill);
      return GV_ERR_ARG;
    }
    if (g >= 0) goff[g + 1]++;
  }
  for (int64_t k = 0; k < ng; k++) goff[k + 1] += goff[k];
  memcpy(fill, goff, (size_t)ng * sizeof(int64_t));
  for (int64_t i = 0; i < a->n; i++) {
    int32_t g = len ? grp[i] : 0;
    if (g >= 0) idx[fill[g]++] = i;
  }
  gv_free(fill);
  *ngp = ng;
  *goffp = goff;
  *idxp = idx;
  return GV_OK;
}

static gv_status finish(gv_call *c, cv_slot *slot, int64_t n) {
  gv_status st = GV_OK;
  for (int64_t k = 0; k < n && st == GV_OK; k++) {
    if (slot[k].st == GV_OK) continue;
    st = slot[k].st;
    if (st != GV_ERR_NOMEM)
      gv_errors_add(&c->err, k, -1, "group %lld: %s", (long long)k, slot[k].why ? slot[k].why : "overlay failed");
  }
  if (st == GV_OK) {
    gv_builder b;
    gv_builder_init(&b);
    for (int64_t k = 0; k < n; k++) gv_ov_out_emit(&slot[k].out, &b, GV_POLYGON);
    if (b.status != GV_OK) {
      st = b.status;
      gv_builder_free(&b);
    } else {
      c->out_arr = gv_builder_finish(&b);
      if (!c->out_arr) st = GV_ERR_NOMEM;
    }
  }
  if (st == GV_OK) { /* out0: uint8 per group, 1 when the general overlay was used */
    uint8_t *fb = gv_malloc((size_t)n + 1);
    if (!fb) st = GV_ERR_NOMEM;
    else {
      for (int64_t k = 0; k < n; k++) fb[k] = (uint8_t)slot[k].fallback;
      c->out[0].data = fb;
      c->out[0].len = (size_t)n;
    }
  }
  for (int64_t k = 0; k < n; k++) gv_ov_out_free(&slot[k].out);
  gv_free(slot);
  return st;
}

static void run_overlay(cv_slot *s, gv_buf *segs, int op, double grid) {
  if (s->st != GV_OK) return;
  s->st = gv_ov_areas((const gv_nseg *)segs->data, (int64_t)(segs->len / sizeof(gv_nseg)), op, grid, &s->out);
  if (s->st == GV_ERR_LIMIT) s->why = "noding did not converge";
  else if (s->st == GV_ERR_ARG) s->why = "bad grid size";
}

static void cov_range(void *ctx, int64_t begin, int64_t end) {
  const cv_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    cv_slot *s = &j->slot[k];
    const int64_t *idx = j->idx + j->goff[k];
    int64_t n = j->goff[k + 1] - j->goff[k];
    s->st = gv_cov_union(j->a, idx, n, &s->out, &s->fallback, &s->why);
    if (s->st != GV_OK || !s->fallback) continue;
    gv_buf segs = {0}; /* not a clean coverage: the general union */
    for (int64_t m = 0; m < n && s->st == GV_OK; m++) {
      if (gv_is_null(j->a, idx[m])) continue;
      s->st = gv_ov_add_polygonal(j->a, idx[m], 0, &segs, &s->why);
    }
    run_overlay(s, &segs, GV_OV_UNARY, 0);
    gv_buf_free(&segs);
  }
}

/* coverage_union(arr0 a; in0 int32 group per element (-1 leaves it out;
 * empty = all in group 0), num0 group count) -> out_arr: one polygonal
 * geometry per group (POLYGON EMPTY without members); out0 uint8 per
 * group, 1 when the group was not a clean coverage and the general union
 * was run instead. */
gv_status gv_k_coverage_union(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  int64_t ng, *goff, *idx;
  gv_status st = make_groups(c, a, 0, &ng, &goff, &idx);
  if (st != GV_OK) return st;
  cv_slot *slot = gv_calloc((size_t)ng + 1, sizeof *slot);
  if (!slot) {
    gv_free(goff);
    gv_free(idx);
    return GV_ERR_NOMEM;
  }
  cv_job j = {a, goff, idx, 0, slot};
  gv_parallel_for(ng, 1, cov_range, &j);
  st = finish(c, slot, ng);
  gv_free(goff);
  gv_free(idx);
  return st;
}

static void run_general(cv_slot *s, gv_buf *segs, gv_buf *pts, int op, double grid) {
  if (s->st != GV_OK) return;
  s->st = gv_ov_run((const gv_nseg *)segs->data, (int64_t)(segs->len / sizeof(gv_nseg)), (const gv_ov_pt *)pts->data,
                    (int64_t)(pts->len / sizeof(gv_ov_pt)), op, grid, &s->out);
  if (s->st == GV_ERR_LIMIT) s->why = "noding did not converge";
  else if (s->st == GV_ERR_ARG) s->why = "bad grid size";
}

/* The running result as a one-element array, so that it goes back into the
 * overlay as an input of any type (areas, lines and points). */
static gv_array *result_array(const gv_ov_out *o) {
  gv_builder b;
  gv_builder_init(&b);
  gv_ov_out_emit(o, &b, GV_GEOMETRYCOLLECTION);
  if (b.status != GV_OK) {
    gv_builder_free(&b);
    return NULL;
  }
  return gv_builder_finish(&b);
}

/* Per group, the members folded left to right through the general overlay
 * (any types: OverlayNG's result rules at each step). */
static void inter_range(void *ctx, int64_t begin, int64_t end) {
  const cv_job *j = ctx;
  for (int64_t k = begin; k < end; k++) {
    cv_slot *s = &j->slot[k];
    int started = 0;
    for (int64_t m = j->goff[k]; m < j->goff[k + 1] && s->st == GV_OK; m++) {
      int64_t i = j->idx[m];
      if (gv_is_null(j->a, i)) continue;
      gv_buf segs = {0}, pts = {0};
      if (!started) { /* the first member, as its own union (normalised) */
        s->st = gv_ov_add(j->a, i, 0, &segs, &pts, &s->why);
        run_general(s, &segs, &pts, GV_OV_UNARY, j->grid);
        started = 1;
      } else if (s->out.npoly || s->out.nline || s->out.npt) {
        gv_array *acc = result_array(&s->out);
        if (!acc) s->st = GV_ERR_NOMEM;
        if (s->st == GV_OK) s->st = gv_ov_add(acc, 0, 0, &segs, &pts, &s->why);
        if (s->st == GV_OK) s->st = gv_ov_add(j->a, i, 1, &segs, &pts, &s->why);
        if (acc) gv_array_release(acc);
        gv_ov_out_free(&s->out);
        run_general(s, &segs, &pts, GV_OV_INTERSECTION, j->grid);
      } else {
        m = j->goff[k + 1]; /* empty stays empty */
      }
      gv_buf_free(&segs);
      gv_buf_free(&pts);
    }
  }
}

/* intersection_all(arr0 a; in0 int32 groups as coverage_union; num0 group
 * count, num1 grid size) -> out_arr: per group the intersection of its
 * non-null members (POLYGON EMPTY without any). */
gv_status gv_k_intersection_all(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  double grid = c->num[1];
  if (!(grid >= 0 && isfinite(grid))) {
    gv_errors_add(&c->err, -1, -1, "gridSize must be a finite number >= 0, got %g", grid);
    return GV_ERR_ARG;
  }
  int64_t ng, *goff, *idx;
  gv_status st = make_groups(c, a, 0, &ng, &goff, &idx);
  if (st != GV_OK) return st;
  cv_slot *slot = gv_calloc((size_t)ng + 1, sizeof *slot);
  if (!slot) {
    gv_free(goff);
    gv_free(idx);
    return GV_ERR_NOMEM;
  }
  cv_job j = {a, goff, idx, grid, slot};
  gv_parallel_for(ng, 1, inter_range, &j);
  st = finish(c, slot, ng);
  gv_free(goff);
  gv_free(idx);
  return st;
}

/* coverage_invalid(arr0 a; num0 gap width >= 0) -> out_arr: per element the
 * lines of its invalid edges (LINESTRING EMPTY when none, null for null);
 * out0 uint8 per element, 1 when it has invalid edges. */
gv_status gv_k_coverage_invalid(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a) return GV_ERR_ARG;
  double gap = c->num[0];
  if (!(gap >= 0 && isfinite(gap))) {
    gv_errors_add(&c->err, -1, -1, "gapWidth must be a finite number >= 0, got %g", gap);
    return GV_ERR_ARG;
  }
  gv_cov_invalid r;
  const char *why = NULL;
  int64_t at = -1;
  gv_status st = gv_cov_validate(a, gap, &r, &why, &at);
  if (st == GV_ERR_ARG) gv_errors_add(&c->err, at, -1, "element %lld: %s", (long long)at, why ? why : "bad input");
  if (st != GV_OK) return st;
  uint8_t *flag = gv_malloc((size_t)a->n + 1);
  if (!flag) {
    gv_cov_invalid_free(&r);
    return GV_ERR_NOMEM;
  }
  gv_builder b;
  gv_builder_init(&b);
  const int32_t *cnt = (const int32_t *)r.cnt.data;
  const double *xy = (const double *)r.xy.data;
  for (int64_t i = 0; i < a->n; i++) {
    flag[i] = r.nlines[i] > 0;
    if (gv_is_null(a, i)) {
      gv_builder_null(&b);
      continue;
    }
    int32_t nl = r.nlines[i];
    gv_builder_begin_geom(&b, nl > 1 ? GV_MULTILINESTRING : GV_LINESTRING);
    if (nl == 0) {
      gv_builder_begin_part(&b, GV_LINESTRING);
      gv_builder_begin_ring(&b);
    }
    for (int32_t l = 0; l < nl; l++) {
      int32_t nc = *cnt++;
      gv_builder_begin_part(&b, GV_LINESTRING);
      gv_builder_begin_ring(&b);
      for (int32_t k = 0; k < nc; k++) gv_builder_coord(&b, xy[2 * k], xy[2 * k + 1], NAN, NAN);
      xy += 2 * nc;
    }
    gv_builder_end_geom(&b);
  }
  gv_cov_invalid_free(&r);
  if (b.status != GV_OK) {
    st = b.status;
    gv_builder_free(&b);
    gv_free(flag);
    return st;
  }
  c->out_arr = gv_builder_finish(&b);
  if (!c->out_arr) {
    gv_free(flag);
    return GV_ERR_NOMEM;
  }
  c->out[0].data = flag;
  c->out[0].len = (size_t)a->n;
  return GV_OK;
}
