/* Simplification: Douglas-Peucker (JTS DouglasPeuckerSimplifier) and a
 * topology-preserving variant in the manner of JTS
 * TopologyPreservingSimplifier: a section of a line or ring is flattened
 * only when the new segment crosses no other segment of the geometry (the
 * segments still in place and those already flattened), when no other
 * component would jump to the other side of it, and when a ring keeps at
 * least 4 points (a line 2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

/* ---- Douglas-Peucker over one run ------------------------------------------------- */

typedef struct span {
  int32_t i, j, depth;
} span;

typedef struct dp_scratch {
  uint8_t *keep;
  span *stack;
  int32_t *idx; /* the result: source coordinate indices */
  int64_t cap;
  int32_t n;
} dp_scratch;

static int scratch_reserve(dp_scratch *s, int64_t n) {
  if (n <= s->cap) return 0;
  gv_free(s->keep);
  gv_free(s->stack);
  gv_free(s->idx);
  s->keep = gv_malloc((size_t)n);
  s->stack = gv_malloc((size_t)(2 * n + 2) * sizeof(span));
  s->idx = gv_malloc((size_t)(n + 1) * sizeof(int32_t));
  s->cap = s->keep && s->stack && s->idx ? n : 0;
  return s->cap ? 0 : -1;
}

static void scratch_free(dp_scratch *s) {
  gv_free(s->keep);
  gv_free(s->stack);
  gv_free(s->idx);
}

/* The farthest of the points strictly between i and j of the run at k0
 * from the segment joining points i and j: the first of those at the
 * largest gv_point_segment_distance (*maxk = i when there are none). The
 * distances are those gv_point_segment_distance gives: where the point
 * surely projects inside the segment, its formula (the same operations in
 * the same order) is evaluated inline with the segment's constants
 * hoisted; elsewhere (endpoint cases, degenerate, huge or tiny segments,
 * NaN) the function itself. */
static double far_point(const gv_array *a, int32_t k0, int32_t i, int32_t j, int32_t *maxk) {
  gv_pt p0 = sh_pt(a, k0 + i), p1 = sh_pt(a, k0 + j);
  const double *X = a->x, *Y = a->y;
  const int64_t st = a->stride;
  double maxd = -1;
  int32_t mk = i;
  double dx = p1.x - p0.x, dy = p1.y - p0.y;
  double len2 = dx * dx + dy * dy, lo = len2 * 0x1p-900, hi = len2 * (1 - 0x1p-50);
  if (gv_pt_eq(p0, p1)) { /* the distance to p0, as the function computes it */
    for (int32_t k = i + 1; k < j; k++) {
      int64_t o = (int64_t)(k0 + k) * st;
      double ex = X[o] - p0.x, ey = Y[o] - p0.y, d = sqrt(ex * ex + ey * ey);
      if (d > maxd) maxd = d, mk = k;
    }
    *maxk = mk;
    return maxd;
  }
  if (!(lo > 0) || !(hi < INFINITY)) {
    for (int32_t k = i + 1; k < j; k++) {
      double d = gv_point_segment_distance(sh_pt(a, k0 + k), p0, p1);
      if (d > maxd) maxd = d, mk = k;
    }
    *maxk = mk;
    return maxd;
  }
  double sq = sqrt(len2);
  for (int32_t k = i + 1; k < j; k++) {
    int64_t o = (int64_t)(k0 + k) * st;
    double px = X[o], py = Y[o];
    double dot = (px - p0.x) * dx + (py - p0.y) * dy, d;
    /* lo < dot < hi: dot / len2 is surely in (0, 1) */
    if (dot > lo && dot < hi) {
      d = fabs(((p0.y - py) * dx - (p0.x - px) * dy) / len2) * sq;
    } else {
      d = gv_point_segment_distance((gv_pt){px, py}, p0, p1);
    }
    if (d > maxd) maxd = d, mk = k;
  }
  *maxk = mk;
  return maxd;
}

/* Simplifies [k0, k1) into s->idx[0, s->n) (as JTS
 * DouglasPeuckerLineSimplifier; a ring may also lose its endpoint). */
static int dp_run(dp_scratch *s, const gv_array *a, int32_t k0, int32_t k1, double tol, int ring) {
  int32_t n = k1 - k0;
  s->n = 0;
  if (n <= 0) return 0;
  if (scratch_reserve(s, n)) return -1;
  memset(s->keep, 1, (size_t)n);
  int64_t top = 0;
  s->stack[top++] = (span){0, n - 1, 0};
  while (top) {
    span sp = s->stack[--top];
    if (sp.i + 1 >= sp.j) continue;
    int32_t maxk;
    double maxd = far_point(a, k0, sp.i, sp.j, &maxk);
    if (maxd <= tol) {
      memset(s->keep + sp.i + 1, 0, (size_t)(sp.j - sp.i - 1));
    } else {
      s->stack[top++] = (span){maxk, sp.j, 0};
      s->stack[top++] = (span){sp.i, maxk, 0};
    }
  }
  int32_t m = 0;
  for (int32_t k = 0; k < n; k++) {
    s->idx[m] = k0 + k;
    m += s->keep[k];
  }
  s->n = m;
  /* a ring's endpoint goes too when it lies within the tolerance of the
   * segment joining its neighbours (triangles are kept) */
  if (ring && m >= 4 && gv_pt_eq(sh_pt(a, s->idx[0]), sh_pt(a, s->idx[m - 1]))) {
    gv_pt q0 = sh_pt(a, s->idx[1]), q1 = sh_pt(a, s->idx[m - 2]);
    if (gv_point_segment_distance(sh_pt(a, s->idx[0]), q0, q1) <= tol) {
      memmove(s->idx, s->idx + 1, (size_t)(m - 2) * sizeof(int32_t));
      s->idx[m - 2] = s->idx[0];
      s->n = m - 1;
    }
  }
  return 0;
}

/* Emits the result of dp_run as one ring (as sh_emit_pts would). */
static void dp_emit(gv_builder *b, const gv_array *a, const dp_scratch *s) {
  if (a->z || a->m) { /* through sh_emit_pts, which also fills in NaN points' Z and M */
    sh_pts t = {0};
    for (int32_t k = 0; k < s->n; k++)
      if (sh_pts_push(&t, sh_pt(a, s->idx[k]), s->idx[k])) {
        b->status = GV_ERR_NOMEM;
        sh_pts_free(&t);
        return;
      }
    sh_emit_pts(b, a, &t);
    sh_pts_free(&t);
    return;
  }
  gv_builder_begin_ring(b);
  if (b->stride != 2) {
    for (int32_t k = 0; k < s->n; k++) sh_emit(b, a, s->idx[k]);
    return;
  }
  double *d = gv_builder_coords_alloc(b, s->n);
  if (!d) return;
  const double *X = a->x, *Y = a->y;
  const int64_t st = a->stride;
  for (int32_t k = 0; k < s->n; k++) {
    int64_t o = (int64_t)s->idx[k] * st;
    d[2 * k] = X[o], d[2 * k + 1] = Y[o];
  }
}

typedef struct dp_ctx {
  double tol;
  dp_scratch s;
} dp_ctx;

static int dp_member(void *vctx, const gv_array *a, uint8_t t, int32_t p0, int32_t p1, int in_gc, gv_builder *b,
                     uint8_t *out_type) {
  dp_ctx *c = vctx;
  uint8_t base = GV_BASE_TYPE(t);
  int multi = base >= GV_MULTIPOINT;
  int32_t kept = 0;
  for (int32_t p = p0; p < p1; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    int empty = r0 >= r1 || gv_ring_end(a, r0) <= gv_ring_begin(a, r0) ||
                (kind == GV_POINT && isnan(GV_X(a, gv_ring_begin(a, r0))));
    if (empty && multi) continue; /* empty members go */
    if (kind == GV_POINT) {
      gv_builder_begin_part(b, kind);
      for (int32_t r = r0; r < r1; r++) {
        gv_builder_begin_ring(b);
        for (int32_t k = gv_ring_begin(a, r); k < gv_ring_end(a, r); k++) sh_emit(b, a, k);
      }
      kept += !empty;
      continue;
    }
    if (kind == GV_LINESTRING) {
      int32_t k0 = r0 < r1 ? gv_ring_begin(a, r0) : 0, k1 = r0 < r1 ? gv_ring_end(a, r0) : 0;
      if (dp_run(&c->s, a, k0, k1, c->tol, 0)) return -1;
      gv_builder_begin_part(b, kind);
      dp_emit(b, a, &c->s);
      kept += !empty;
      continue;
    }
    /* polygon: a ring left with fewer than 4 points goes; without its
     * shell the polygon is empty (and goes from a multi polygon) */
    int shell_ok = 0;
    if (!empty) {
      if (dp_run(&c->s, a, gv_ring_begin(a, r0), gv_ring_end(a, r0), c->tol, 1)) return -1;
      shell_ok = c->s.n >= 4;
    }
    if (!shell_ok) {
      if (!multi) gv_builder_begin_part(b, GV_POLYGON);
      continue;
    }
    gv_builder_begin_part(b, GV_POLYGON);
    kept++;
    dp_emit(b, a, &c->s);
    for (int32_t r = r0 + 1; r < r1; r++) {
      if (dp_run(&c->s, a, gv_ring_begin(a, r), gv_ring_end(a, r), c->tol, 1)) return -1;
      if (c->s.n >= 4) dp_emit(b, a, &c->s);
    }
  }
  *out_type = sh_collapse(t, kept, in_gc);
  return 0;
}

int sh_simplify_dp(const gv_array *a, int64_t i, double tol, gv_builder *b) {
  dp_ctx c = {tol, {0}};
  int r = sh_map_prune(a, i, b, dp_member, &c, 1);
  scratch_free(&c.s);
  return r;
}

/* ---- topology-preserving ----------------------------------------------------------- */

typedef struct tp_seg {
  gv_pt a, b;
  int32_t line; /* owner */
  int32_t i0, i1; /* vertex indices in the owner (i0 < i1) */
  int32_t stamp;
  uint8_t alive;
} tp_seg;

typedef struct tp_line {
  int32_t k0, n;  /* coordinates [k0, k0 + n) of the array */
  int32_t minsize;
  int32_t result; /* segments in the result so far */
  gv_box box;
} tp_line;

typedef struct tp_state {
  const gv_array *a;
  double tol;
  tp_line *lines;
  int32_t nlines;
  tp_seg *segs;
  int64_t nsegs, capsegs;
  /* grid of segment ids */
  double x0, y0, cs;
  int32_t gx, gy;
  int32_t **cell;
  int32_t *ncell, *capcell;
  int32_t stamp;
  int32_t *seg_base; /* per line: id of its first original segment */
  uint8_t *keep; /* per coordinate of the geometry, from coordinate base */
  int32_t base;
} tp_state;

static int cell_add(tp_state *s, int64_t c, int32_t id) {
  if (s->ncell[c] == s->capcell[c]) {
    int32_t cap = s->capcell[c] ? s->capcell[c] * 2 : 4;
    int32_t *n = gv_realloc(s->cell[c], (size_t)cap * sizeof(int32_t));
    if (!n) return -1;
    s->cell[c] = n, s->capcell[c] = cap;
  }
  s->cell[c][s->ncell[c]++] = id;
  return 0;
}

static int32_t clampi(double v, int32_t hi) {
  if (!(v > 0)) return 0;
  if (v >= hi) return hi - 1;
  return (int32_t)v;
}

/* Calls fn for every cell the segment p-q passes through (row by row). */
typedef int (*cell_fn)(tp_state *s, int64_t c, void *ctx);
static int seg_cells(tp_state *s, gv_pt p, gv_pt q, cell_fn fn, void *ctx) {
  if (p.y > q.y) {
    gv_pt t = p;
    p = q, q = t;
  }
  int32_t r0 = clampi((p.y - s->y0) / s->cs, s->gy), r1 = clampi((q.y - s->y0) / s->cs, s->gy);
  for (int32_t r = r0; r <= r1; r++) {
    double ylo = s->y0 + r * s->cs, yhi = ylo + s->cs;
    double xa, xb;
    if (q.y == p.y) xa = p.x, xb = q.x;
    else {
      double ta = (fmax(ylo, p.y) - p.y) / (q.y - p.y), tb = (fmin(yhi, q.y) - p.y) / (q.y - p.y);
      xa = p.x + ta * (q.x - p.x), xb = p.x + tb * (q.x - p.x);
    }
    if (r == r0 && r == r1) xa = p.x, xb = q.x;
    double lo = fmin(xa, xb), hi = fmax(xa, xb);
    int32_t c0 = clampi((lo - s->x0) / s->cs - 1e-9, s->gx), c1 = clampi((hi - s->x0) / s->cs + 1e-9, s->gx);
    if (c0 > 0) c0--;
    if (c1 + 1 < s->gx) c1++;
    for (int32_t c = c0; c <= c1; c++) {
      int rc = fn(s, (int64_t)r * s->gx + c, ctx);
      if (rc) return rc;
    }
  }
  return 0;
}

static int add_to_cell(tp_state *s, int64_t c, void *ctx) { return cell_add(s, c, *(int32_t *)ctx); }

static int add_seg(tp_state *s, gv_pt p, gv_pt q, int32_t line, int32_t i0, int32_t i1) {
  if (s->nsegs == s->capsegs) {
    int64_t cap = s->capsegs ? s->capsegs * 2 : 64;
    tp_seg *n = gv_realloc(s->segs, (size_t)cap * sizeof(tp_seg));
    if (!n) return -1;
    s->segs = n, s->capsegs = cap;
  }
  int32_t id = (int32_t)s->nsegs++;
  s->segs[id] = (tp_seg){p, q, line, i0, i1, 0, 1};
  return seg_cells(s, p, q, add_to_cell, &id) ? -1 : 0;
}

typedef struct query {
  gv_pt p, q;
  int32_t line, i, j;
  int bad;
  int32_t ring_last; /* > 0: a ring's endpoint check (its first and last result segments go) */
} query;

/* Whether candidate p-q meets segment g other than at a shared endpoint. */
static int bad_meeting(gv_pt p, gv_pt q, const tp_seg *g) {
  if (fmax(p.x, q.x) < fmin(g->a.x, g->b.x) || fmin(p.x, q.x) > fmax(g->a.x, g->b.x) ||
      fmax(p.y, q.y) < fmin(g->a.y, g->b.y) || fmin(p.y, q.y) > fmax(g->a.y, g->b.y))
    return 0;
  gv_li_result r;
  gv_segment_intersection(p, q, g->a, g->b, &r);
  for (int k = 0; k < r.n; k++) {
    gv_pt x = r.p[k];
    int end_pq = gv_pt_eq(x, p) || gv_pt_eq(x, q), end_g = gv_pt_eq(x, g->a) || gv_pt_eq(x, g->b);
    if (!end_pq || !end_g) return 1;
  }
  return 0;
}

static int query_cell(tp_state *s, int64_t c, void *ctx) {
  query *qq = ctx;
  for (int32_t k = 0; k < s->ncell[c]; k++) {
    tp_seg *g = &s->segs[s->cell[c][k]];
    if (!g->alive || g->stamp == s->stamp) continue;
    g->stamp = s->stamp;
    if (g->line == qq->line) {
      if (qq->ring_last > 0 ? g->i0 == 0 || g->i1 == qq->ring_last : g->i0 >= qq->i && g->i1 <= qq->j)
        continue; /* the segments being replaced */
    }
    if (bad_meeting(qq->p, qq->q, g)) return qq->bad = 1;
  }
  return 0;
}

/* Whether point x lies strictly inside the region bounded by the section
 * [i, j] of line l and the segment joining its ends. */
static int inside_section(const tp_state *s, const tp_line *l, int32_t i, int32_t j, gv_pt x) {
  int wind = 0;
  for (int32_t k = i; k <= j; k++) {
    gv_pt p = sh_pt(s->a, l->k0 + k), q = k < j ? sh_pt(s->a, l->k0 + k + 1) : sh_pt(s->a, l->k0 + i);
    if (p.y <= x.y) {
      if (q.y > x.y && gv_orient(p.x, p.y, q.x, q.y, x.x, x.y) > 0) wind++;
    } else if (q.y <= x.y && gv_orient(p.x, p.y, q.x, q.y, x.x, x.y) < 0) {
      wind--;
    }
    if (gv_orient(p.x, p.y, q.x, q.y, x.x, x.y) == 0 && x.x >= fmin(p.x, q.x) && x.x <= fmax(p.x, q.x) &&
        x.y >= fmin(p.y, q.y) && x.y <= fmax(p.y, q.y))
      return 0; /* on the boundary */
  }
  return wind != 0;
}

/* Whether flattening section [i, j] of line li would put another
 * component on the other side (it lies inside the region swept). */
static int has_jump(const tp_state *s, int32_t li, int32_t i, int32_t j) {
  const tp_line *l = &s->lines[li];
  gv_box bx = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (int32_t k = i; k <= j; k++) {
    gv_pt p = sh_pt(s->a, l->k0 + k);
    bx.minx = fmin(bx.minx, p.x), bx.maxx = fmax(bx.maxx, p.x);
    bx.miny = fmin(bx.miny, p.y), bx.maxy = fmax(bx.maxy, p.y);
  }
  for (int32_t o = 0; o < s->nlines; o++) {
    if (o == li) continue;
    const tp_line *m = &s->lines[o];
    if (m->box.minx < bx.minx || m->box.maxx > bx.maxx || m->box.miny < bx.miny || m->box.maxy > bx.maxy) continue;
    /* every vertex of a component the new segment does not cross is on
     * the same side: one that is not on the boundary decides */
    for (int32_t k = 0; k < m->n; k++) {
      gv_pt x = sh_pt(s->a, m->k0 + k);
      if (inside_section(s, l, i, j, x)) return 1;
      gv_pt p0 = sh_pt(s->a, l->k0 + i), p1 = sh_pt(s->a, l->k0 + j);
      if (gv_orient(p0.x, p0.y, p1.x, p1.y, x.x, x.y) != 0) break;
    }
  }
  return 0;
}

/* Whether x lies strictly inside triangle a b c (either orientation). */
static int inside_tri(gv_pt a, gv_pt b, gv_pt c, gv_pt x) {
  int o1 = gv_orient(a.x, a.y, b.x, b.y, x.x, x.y), o2 = gv_orient(b.x, b.y, c.x, c.y, x.x, x.y),
      o3 = gv_orient(c.x, c.y, a.x, a.y, x.x, x.y);
  return (o1 > 0 && o2 > 0 && o3 > 0) || (o1 < 0 && o2 < 0 && o3 < 0);
}

/* A ring's endpoint goes when it lies within the tolerance of the segment
 * joining its neighbours in the result and that segment is safe (as JTS
 * TaggedLineStringSimplifier.simplifyRingEndpoint); marked by keep == 2. */
static int tp_ring_endpoint(tp_state *s, int32_t li) {
  tp_line *l = &s->lines[li];
  if (l->minsize != 4 || l->n < 5) return 0;
  uint8_t *kp = s->keep + (l->k0 - s->base);
  int32_t count = 0, k1 = -1, km = -1;
  for (int32_t k = 0; k < l->n; k++)
    if (kp[k]) {
      count++;
      if (k > 0 && k1 < 0) k1 = k;
      if (k < l->n - 1) km = k;
    }
  if (count <= 4 || k1 < 0 || km <= 0 || k1 >= km) return 0;
  /* the ring left must keep 3 distinct vertices */
  int32_t distinct = 0;
  gv_pt last = {NAN, NAN};
  for (int32_t k = k1; k <= km; k++)
    if (kp[k]) {
      gv_pt q = sh_pt(s->a, l->k0 + k);
      if (!gv_pt_eq(q, last)) distinct++;
      last = q;
    }
  if (distinct < 3) return 0;
  gv_pt p0 = sh_pt(s->a, l->k0), pa = sh_pt(s->a, l->k0 + km), pb = sh_pt(s->a, l->k0 + k1);
  if (gv_pt_eq(pa, pb)) return 0;
  /* every input vertex the new segment replaces stays within the tolerance */
  for (int32_t k = km; k < l->n; k++)
    if (gv_point_segment_distance(sh_pt(s->a, l->k0 + k), pa, pb) > s->tol) return 0;
  for (int32_t k = 0; k <= k1; k++)
    if (gv_point_segment_distance(sh_pt(s->a, l->k0 + k), pa, pb) > s->tol) return 0;
  query q = {pa, pb, li, 0, 0, 0, l->n - 1};
  s->stamp++;
  if (seg_cells(s, pa, pb, query_cell, &q) < 0) return -1;
  if (q.bad) return 0;
  gv_box bx = {fmin(p0.x, fmin(pa.x, pb.x)), fmin(p0.y, fmin(pa.y, pb.y)), fmax(p0.x, fmax(pa.x, pb.x)), fmax(p0.y, fmax(pa.y, pb.y))};
  for (int32_t o = 0; o < s->nlines; o++) {
    if (o == li) continue;
    const tp_line *m = &s->lines[o];
    if (m->box.minx < bx.minx || m->box.maxx > bx.maxx || m->box.miny < bx.miny || m->box.maxy > bx.maxy) continue;
    for (int32_t k = 0; k < m->n; k++)
      if (inside_tri(pa, p0, pb, sh_pt(s->a, m->k0 + k))) return 0;
  }
  for (int64_t g = s->seg_base[li]; g < s->nsegs; g++)
    if (s->segs[g].line == li && (s->segs[g].i0 == 0 || s->segs[g].i1 == l->n - 1)) s->segs[g].alive = 0;
  if (add_seg(s, pa, pb, li, km, k1)) return -1;
  kp[0] = 2;
  return 0;
}

static int tp_line_simplify(tp_state *s, int32_t li, span *stack) {
  tp_line *l = &s->lines[li];
  if (l->n < 3) {
    for (int32_t k = 0; k < l->n; k++) s->keep[l->k0 - s->base + k] = 1;
    return 0;
  }
  int64_t top = 0;
  stack[top++] = (span){0, l->n - 1, 0};
  s->keep[l->k0 - s->base] = s->keep[l->k0 - s->base + l->n - 1] = 1;
  while (top) {
    span sp = stack[--top];
    int32_t depth = sp.depth + 1;
    if (sp.i + 1 == sp.j) {
      l->result++;
      continue;
    }
    int ok = 1;
    int32_t rsize = l->result ? l->result + 1 : 0;
    if (rsize < l->minsize && depth + 1 < l->minsize) ok = 0;
    gv_pt p0 = sh_pt(s->a, l->k0 + sp.i), p1 = sh_pt(s->a, l->k0 + sp.j);
    int32_t maxk;
    double maxd = far_point(s->a, l->k0, sp.i, sp.j, &maxk);
    if (maxd > s->tol) ok = 0;
    if (ok && !gv_pt_eq(p0, p1)) {
      query q = {p0, p1, li, sp.i, sp.j, 0, 0};
      s->stamp++;
      if (seg_cells(s, p0, p1, query_cell, &q) < 0) return -1;
      if (q.bad) ok = 0;
    } else if (ok) {
      ok = 0; /* a ring's whole section */
    }
    if (ok && has_jump(s, li, sp.i, sp.j)) ok = 0;
    if (ok) {
      /* retire the section's segments, add the new one */
      for (int32_t k = sp.i; k < sp.j; k++) s->segs[s->seg_base[li] + k].alive = 0;
      l->result++;
      if (add_seg(s, p0, p1, li, sp.i, sp.j)) return -1;
      continue;
    }
    s->keep[l->k0 - s->base + maxk] = 1;
    stack[top++] = (span){maxk, sp.j, depth};
    stack[top++] = (span){sp.i, maxk, depth};
  }
  return 0;
}

static int tp_keep_member(void *vctx, const gv_array *a, uint8_t t, int32_t p0, int32_t p1, int in_gc,
                          gv_builder *b, uint8_t *out_type) {
  const tp_state *s = vctx;
  int multi = GV_BASE_TYPE(t) >= GV_MULTIPOINT;
  int32_t kept = 0;
  for (int32_t p = p0; p < p1; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    int empty = r0 >= r1 || gv_ring_end(a, r0) <= gv_ring_begin(a, r0) ||
                (kind == GV_POINT && isnan(GV_X(a, gv_ring_begin(a, r0))));
    if (empty && multi) continue;
    kept += !empty;
    gv_builder_begin_part(b, kind);
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      gv_builder_begin_ring(b);
      int32_t kb = gv_ring_begin(a, r), ke = gv_ring_end(a, r);
      if (kind != GV_POINT && ke - kb >= 3 && s->keep[kb - s->base] == 2) {
        /* the endpoint went: start at the next vertex kept */
        int32_t first = -1;
        for (int32_t k = kb + 1; k < ke - 1; k++)
          if (s->keep[k - s->base]) {
            if (first < 0) first = k;
            sh_emit(b, a, k);
          }
        if (first >= 0) sh_emit(b, a, first);
        continue;
      }
      for (int32_t k = kb; k < ke; k++)
        if (kind == GV_POINT || ke - kb < 3 || s->keep[k - s->base]) sh_emit(b, a, k);
    }
  }
  *out_type = sh_collapse(t, kept, in_gc);
  return 0;
}

static void tp_free(tp_state *s) {
  if (s->cell)
    for (int64_t c = 0; c < (int64_t)s->gx * s->gy; c++) gv_free(s->cell[c]);
  gv_free(s->cell);
  gv_free(s->ncell);
  gv_free(s->capcell);
  gv_free(s->segs);
  gv_free(s->lines);
  gv_free(s->seg_base);
  gv_free(s->keep);
}

int sh_simplify_tp(const gv_array *a, int64_t i, double tol, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return 0;
  }
  tp_state s;
  memset(&s, 0, sizeof s);
  s.a = a;
  s.tol = tol;
  int32_t pb = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  int32_t cb = gv_ring_begin(a, gv_part_begin(a, pb)), ce = gv_ring_begin(a, gv_part_begin(a, pe));
  s.base = cb;
  int rc = -1;
  int32_t nl = 0;
  for (int32_t p = pb; p < pe; p++)
    if (gv_part_kind(a, t, p) != GV_POINT) nl += gv_part_end(a, p) - gv_part_begin(a, p);
  s.lines = gv_calloc((size_t)nl + 1, sizeof(tp_line));
  s.seg_base = gv_calloc((size_t)nl + 1, sizeof(int32_t));
  s.keep = gv_calloc((size_t)(ce - cb) + 1, 1);
  span *stack = NULL;
  if (!s.lines || !s.seg_base || !s.keep) goto done;
  gv_box all = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  int64_t total = 0;
  int32_t maxn = 0;
  for (int32_t p = pb; p < pe; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    if (kind == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (k1 - k0 < 2) continue;
      tp_line *l = &s.lines[s.nlines++];
      l->k0 = k0, l->n = k1 - k0, l->minsize = kind == GV_POLYGON ? 4 : 2;
      l->box = (gv_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
      for (int32_t k = k0; k < k1; k++) {
        double x = GV_X(a, k), y = GV_Y(a, k);
        if (!isfinite(x) || !isfinite(y)) { /* no simplification of non-finite input */
          memset(s.keep, 1, (size_t)(ce - cb));
          rc = sh_map(a, i, b, tp_keep_member, &s);
          goto done;
        }
        l->box.minx = fmin(l->box.minx, x), l->box.maxx = fmax(l->box.maxx, x);
        l->box.miny = fmin(l->box.miny, y), l->box.maxy = fmax(l->box.maxy, y);
      }
      all.minx = fmin(all.minx, l->box.minx), all.maxx = fmax(all.maxx, l->box.maxx);
      all.miny = fmin(all.miny, l->box.miny), all.maxy = fmax(all.maxy, l->box.maxy);
      total += l->n - 1;
      if (l->n > maxn) maxn = l->n;
    }
  }
  if (s.nlines) {
    double w = all.maxx - all.minx, h = all.maxy - all.miny, ext = fmax(w, h);
    double cells = (double)total < 4 ? 4 : (double)total;
    s.cs = ext > 0 ? ext / sqrt(cells) : 1;
    if (w > 0 && h > 0) s.cs = sqrt(w * h / cells);
    s.x0 = all.minx, s.y0 = all.miny;
    s.gx = (int32_t)fmin(floor(w / s.cs) + 1, 4096), s.gy = (int32_t)fmin(floor(h / s.cs) + 1, 4096);
    if (s.gx < 1) s.gx = 1;
    if (s.gy < 1) s.gy = 1;
    s.cs = fmax(s.cs, fmax(w / s.gx, h / s.gy)) * (1 + 1e-12);
    size_t nc = (size_t)s.gx * (size_t)s.gy;
    s.cell = gv_calloc(nc, sizeof(int32_t *));
    s.ncell = gv_calloc(nc, sizeof(int32_t));
    s.capcell = gv_calloc(nc, sizeof(int32_t));
    stack = gv_malloc((size_t)(2 * maxn + 2) * sizeof(span));
    if (!s.cell || !s.ncell || !s.capcell || !stack) goto done;
    for (int32_t l = 0; l < s.nlines; l++) {
      s.seg_base[l] = (int32_t)s.nsegs;
      for (int32_t k = 0; k + 1 < s.lines[l].n; k++)
        if (add_seg(&s, sh_pt(a, s.lines[l].k0 + k), sh_pt(a, s.lines[l].k0 + k + 1), l, k, k + 1)) goto done;
    }
    for (int32_t l = 0; l < s.nlines; l++)
      if (tp_line_simplify(&s, l, stack) || tp_ring_endpoint(&s, l)) goto done;
  }
  rc = sh_map_prune(a, i, b, tp_keep_member, &s, 1);
done:
  gv_free(stack);
  tp_free(&s);
  return rc;
}
