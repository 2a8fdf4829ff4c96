/* Simplicity, GEOS 3.13 IsSimpleOp semantics with the mod-2 rule (see
 * simple.h). Lines are intersected pairwise through the working set's
 * segment pairs (vrings.h), exactly, with gv_segment_intersection. */
#include <stdlib.h>

#include "simple.h"
#include "valid.h"
#include "vrings.h"

static int run_closed(const vr_set *s, int32_t r) {
  const vr_run *run = &s->runs[r];
  return run->k1 - run->k0 > 1 && gv_pt_eq(vr_pt(s, run->k0), vr_pt(s, run->k1 - 1));
}

/* Whether intersection point ip of segment k (of run r) is an endpoint of the run. */
static int run_endpoint(const vr_set *s, int32_t r, int32_t k, gv_pt ip) {
  if (gv_pt_eq(ip, vr_pt(s, k))) return k == s->runs[r].k0;
  return k + 2 == s->runs[r].k1;
}

/* 1 when the pair makes the lines non-simple (JTS NonSimpleIntersectionFinder). */
static int nonsimple_pair(void *ctx, int32_t ra, int32_t ka, int32_t rb, int32_t kb) {
  const vr_set *s = ctx;
  gv_pt p00 = vr_pt(s, ka), p01 = vr_pt(s, ka + 1), p10 = vr_pt(s, kb), p11 = vr_pt(s, kb + 1);
  gv_li_result li;
  gv_segment_intersection(p00, p01, p10, p11, &li);
  if (li.n == 0) return 0;
  for (int i = 0; i < li.n; i++) { /* a point inside either segment */
    gv_pt q = li.p[i];
    if (!gv_pt_eq(q, p00) && !gv_pt_eq(q, p01)) return 1;
    if (!gv_pt_eq(q, p10) && !gv_pt_eq(q, p11)) return 1;
  }
  if (li.n >= 2) return 1;
  int same = ra == rb;
  if (same && (kb - ka <= 1 && ka - kb <= 1)) return 0;
  gv_pt ip = li.p[0];
  if (!(run_endpoint(s, ra, ka, ip) && run_endpoint(s, rb, kb, ip))) return 1;
  return !same && (run_closed(s, ra) || run_closed(s, rb));
}

static int lines_simple(vr_set *s) {
  if (vr_finish(s)) return -1;
  int r = vr_pairs(s, nonsimple_pair, s);
  if (s->status) return -1;
  return !r;
}

/* Adds ring r; drops it again when it has fewer than 2 distinct points. */
static void add_line(vr_set *s, const gv_array *a, int32_t r) {
  int32_t k = vr_add(s, a, r, -1, -1);
  if (k >= 0 && s->runs[k].k1 - s->runs[k].k0 < 2) {
    s->nxy = s->runs[k].k0;
    s->nruns--;
  }
}

static int cmp_pt(const void *x, const void *y) {
  const gv_pt *a = x, *b = y;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  return 0;
}

typedef struct sctx {
  gv_valid_work *w;
  const gv_array *a;
  int result; /* 1 simple, 0 not, -1 out of memory */
} sctx;

static int simple_element(void *ctx, uint8_t t, int32_t p0, int32_t p1) {
  sctx *c = ctx;
  const gv_array *a = c->a;
  vr_set *s = &c->w->s;
  int r = 1;
  switch (GV_BASE_TYPE(t)) {
  case GV_MULTIPOINT: {
    gv_valid_work *w = c->w;
    if (!vr_grow((void **)&w->pts, &w->cap_pts, p1 - p0, sizeof(gv_pt))) {
      r = -1;
      break;
    }
    int64_t m = 0;
    for (int32_t p = p0; p < p1; p++) {
      if (gv_part_end(a, p) <= gv_part_begin(a, p)) continue;
      int32_t rr = gv_part_begin(a, p);
      if (gv_ring_end(a, rr) <= gv_ring_begin(a, rr)) continue;
      gv_pt q = {GV_X(a, gv_ring_begin(a, rr)), GV_Y(a, gv_ring_begin(a, rr))};
      if (q.x != q.x && q.y != q.y) continue; /* POINT EMPTY */
      w->pts[m++] = q;
    }
    if (m > 1) qsort(w->pts, (size_t)m, sizeof(gv_pt), cmp_pt);
    for (int64_t k = 1; k < m && r == 1; k++)
      if (cmp_pt(&w->pts[k - 1], &w->pts[k]) == 0) r = 0;
    break;
  }
  case GV_LINESTRING:
  case GV_MULTILINESTRING:
    vr_clear(s);
    for (int32_t p = p0; p < p1; p++)
      for (int32_t rr = gv_part_begin(a, p); rr < gv_part_end(a, p); rr++) add_line(s, a, rr);
    r = lines_simple(s);
    break;
  case GV_POLYGON:
  case GV_MULTIPOLYGON:
    for (int32_t p = p0; p < p1 && r == 1; p++)
      for (int32_t rr = gv_part_begin(a, p); rr < gv_part_end(a, p) && r == 1; rr++) {
        vr_clear(s);
        add_line(s, a, rr);
        r = lines_simple(s);
      }
    break;
  default:
    break;
  }
  c->result = r;
  return r != 1;
}

int gv_geom_is_simple(gv_valid_work *w, const gv_array *a, int64_t i) {
  if (!a || i < 0 || i >= a->n || gv_is_null(a, i)) return 0;
  gv_valid_work *own = NULL;
  if (!w) {
    w = own = gv_valid_work_new();
    if (!w) return -1;
  }
  w->s.status = GV_OK;
  sctx c = {w, a, 1};
  vr_elements(a, i, simple_element, &c);
  gv_valid_work_free(own);
  return c.result;
}

int gv_line_is_simple(const gv_array *a, int64_t i) {
  int r = gv_geom_is_simple(NULL, a, i);
  return r < 0 ? 0 : r;
}
