/* Edge intersection for the relate engine (RelateNG.computeAtEdges):
 * the edges of both inputs become segment strings (rings oriented with the
 * polygon's interior on the right, repeated points dropped), every pair of
 * segments whose boxes meet is intersected exactly, and each intersection
 * point becomes a node holding one "section" per edge through it.
 *
 * Orientation tests are exact (gv_orient). A crossing inside both segments
 * has a computed point; it is computed as GEOS does (double-double
 * arithmetic, then the nearest endpoint if rounding left the segments'
 * boxes) so that nodes land on exactly the same coordinates. Segment pairs
 * are found through the natural segment index of a string when it is long
 * (the prepared one when the array has it). */
#include <math.h>
#include <string.h>

#include "relate.h"

/* ---- double-double arithmetic, operation for operation as GEOS's DD ---------- */

typedef struct dd {
  double hi, lo;
} dd;

static const double DD_SPLIT = 134217729.0; /* 2^27 + 1 */

static dd dd_of(double x) { return (dd){x, 0.0}; }

static dd dd_add(dd a, dd b) {
  double H, h, T, t, S, s, e, f;
  S = a.hi + b.hi;
  T = a.lo + b.lo;
  e = S - a.hi;
  f = T - a.lo;
  s = S - e;
  t = T - f;
  s = (b.hi - e) + (a.hi - s);
  t = (b.lo - f) + (a.lo - t);
  e = s + T;
  H = S + e;
  h = e + (S - H);
  e = t + h;
  double zhi = H + e;
  return (dd){zhi, e + (H - zhi)};
}

static dd dd_sub(dd a, dd b) { return dd_add(a, (dd){-b.hi, -b.lo}); }

static dd dd_mul(dd a, dd b) {
  double hx, tx, hy, ty, C, c;
  C = DD_SPLIT * a.hi;
  hx = C - a.hi;
  c = DD_SPLIT * b.hi;
  hx = C - hx;
  tx = a.hi - hx;
  hy = c - b.hi;
  C = a.hi * b.hi;
  hy = c - hy;
  ty = b.hi - hy;
  c = ((((hx * hy - C) + hx * ty) + tx * hy) + tx * ty) + (a.hi * b.lo + a.lo * b.hi);
  double zhi = C + c;
  hx = C - zhi;
  return (dd){zhi, c + hx};
}

static dd dd_div(dd a, dd b) {
  double hc, tc, hy, ty, C, c, U, u;
  C = a.hi / b.hi;
  c = DD_SPLIT * C;
  hc = c - C;
  u = DD_SPLIT * b.hi;
  hc = c - hc;
  tc = C - hc;
  hy = u - b.hi;
  U = C * b.hi;
  hy = u - hy;
  ty = b.hi - hy;
  u = (((hc * hy - U) + hc * ty) + tc * hy) + tc * ty;
  c = ((((a.hi - U) - u) + a.lo) - C * b.lo) / b.hi;
  u = C + c;
  return (dd){u, (C - u) + c};
}

/* ---- segment intersection (RobustLineIntersector) ------------------------------- */

typedef struct pt {
  double x, y;
} pt;

typedef struct li_result {
  int n;      /* 0, 1 or 2 intersection points */
  int proper; /* one point, inside both segments */
  pt p[2];
} li_result;

static int pt_eq(pt a, pt b) { return a.x == b.x && a.y == b.y; }

/* q inside the box of segment p1-p2 */
static int env_has(pt p1, pt p2, pt q) {
  return q.x >= (p1.x < p2.x ? p1.x : p2.x) && q.x <= (p1.x > p2.x ? p1.x : p2.x) &&
         q.y >= (p1.y < p2.y ? p1.y : p2.y) && q.y <= (p1.y > p2.y ? p1.y : p2.y);
}

static double dist(pt a, pt b) {
  double dx = a.x - b.x, dy = a.y - b.y;
  return sqrt(dx * dx + dy * dy);
}

static double dist_to_segment(pt p, pt a, pt b) {
  if (a.x == b.x && a.y == b.y) return dist(p, a);
  double len2 = (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y);
  double r = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / len2;
  if (r <= 0.0) return dist(p, a);
  if (r >= 1.0) return dist(p, b);
  double s = ((a.y - p.y) * (b.x - a.x) - (a.x - p.x) * (b.y - a.y)) / len2;
  return fabs(s) * sqrt(len2);
}

static pt nearest_endpoint(pt p1, pt p2, pt q1, pt q2) {
  pt best = p1;
  double min = dist_to_segment(p1, q1, q2), d;
  if ((d = dist_to_segment(p2, q1, q2)) < min) min = d, best = p2;
  if ((d = dist_to_segment(q1, p1, p2)) < min) min = d, best = q1;
  if ((d = dist_to_segment(q2, p1, p2)) < min) best = q2;
  return best;
}

/* The crossing point of two properly crossing segments. */
static pt proper_point(pt p1, pt p2, pt q1, pt q2) {
  dd px = dd_sub(dd_of(p1.y), dd_of(p2.y));
  dd py = dd_sub(dd_of(p2.x), dd_of(p1.x));
  dd pw = dd_sub(dd_mul(dd_of(p1.x), dd_of(p2.y)), dd_mul(dd_of(p2.x), dd_of(p1.y)));
  dd qx = dd_sub(dd_of(q1.y), dd_of(q2.y));
  dd qy = dd_sub(dd_of(q2.x), dd_of(q1.x));
  dd qw = dd_sub(dd_mul(dd_of(q1.x), dd_of(q2.y)), dd_mul(dd_of(q2.x), dd_of(q1.y)));
  dd x = dd_sub(dd_mul(py, qw), dd_mul(qy, pw));
  dd y = dd_sub(dd_mul(qx, pw), dd_mul(px, qw));
  dd w = dd_sub(dd_mul(px, qy), dd_mul(qx, py));
  dd xi = dd_div(x, w), yi = dd_div(y, w);
  pt r = {xi.hi + xi.lo, yi.hi + yi.lo};
  if (!isfinite(r.x) || !isfinite(r.y)) r = nearest_endpoint(p1, p2, q1, q2);
  if (!env_has(p1, p2, r) || !env_has(q1, q2, r)) r = nearest_endpoint(p1, p2, q1, q2);
  return r;
}

static void collinear(pt p1, pt p2, pt q1, pt q2, li_result *r) {
  int q1p = env_has(p1, p2, q1), q2p = env_has(p1, p2, q2);
  int p1q = env_has(q1, q2, p1), p2q = env_has(q1, q2, p2);
  r->n = 2;
  if (q1p && q2p) { r->p[0] = q1, r->p[1] = q2; return; }
  if (p1q && p2q) { r->p[0] = p1, r->p[1] = p2; return; }
  if (q1p && p1q) { r->p[0] = q1, r->p[1] = p1; r->n = pt_eq(q1, p1) && !q2p && !p2q ? 1 : 2; return; }
  if (q1p && p2q) { r->p[0] = q1, r->p[1] = p2; r->n = pt_eq(q1, p2) && !q2p && !p1q ? 1 : 2; return; }
  if (q2p && p1q) { r->p[0] = q2, r->p[1] = p1; r->n = pt_eq(q2, p1) && !q1p && !p2q ? 1 : 2; return; }
  if (q2p && p2q) { r->p[0] = q2, r->p[1] = p2; r->n = pt_eq(q2, p2) && !q1p && !p1q ? 1 : 2; return; }
  r->n = 0;
}

int rl_segments_meet(double p1x, double p1y, double p2x, double p2y, double q1x, double q1y, double q2x, double q2y) {
  if ((p1x < p2x ? p1x : p2x) > (q1x > q2x ? q1x : q2x)) return 0;
  if ((p1x > p2x ? p1x : p2x) < (q1x < q2x ? q1x : q2x)) return 0;
  if ((p1y < p2y ? p1y : p2y) > (q1y > q2y ? q1y : q2y)) return 0;
  if ((p1y > p2y ? p1y : p2y) < (q1y < q2y ? q1y : q2y)) return 0;
  /* NaN fails every comparison above only one way: test it outright */
  if (p1x != p1x || p1y != p1y || p2x != p2x || p2y != p2y || q1x != q1x || q1y != q1y || q2x != q2x || q2y != q2y)
    return 0;
  int o1 = gv_orient(p1x, p1y, p2x, p2y, q1x, q1y), o2 = gv_orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (o1 != 0 && o1 == o2) return 0;
  int o3 = gv_orient(q1x, q1y, q2x, q2y, p1x, p1y), o4 = gv_orient(q1x, q1y, q2x, q2y, p2x, p2y);
  return !(o3 != 0 && o3 == o4);
}

static int segments_meet(pt p1, pt p2, pt q1, pt q2) {
  return rl_segments_meet(p1.x, p1.y, p2.x, p2.y, q1.x, q1.y, q2.x, q2.y);
}

static void intersect(pt p1, pt p2, pt q1, pt q2, li_result *r) {
  r->n = 0;
  r->proper = 0;
  if ((p1.x < p2.x ? p1.x : p2.x) > (q1.x > q2.x ? q1.x : q2.x)) return;
  if ((p1.x > p2.x ? p1.x : p2.x) < (q1.x < q2.x ? q1.x : q2.x)) return;
  if ((p1.y < p2.y ? p1.y : p2.y) > (q1.y > q2.y ? q1.y : q2.y)) return;
  if ((p1.y > p2.y ? p1.y : p2.y) < (q1.y < q2.y ? q1.y : q2.y)) return;
  int pq1 = gv_orient(p1.x, p1.y, p2.x, p2.y, q1.x, q1.y);
  int pq2 = gv_orient(p1.x, p1.y, p2.x, p2.y, q2.x, q2.y);
  if ((pq1 > 0 && pq2 > 0) || (pq1 < 0 && pq2 < 0)) return;
  int qp1 = gv_orient(q1.x, q1.y, q2.x, q2.y, p1.x, p1.y);
  int qp2 = gv_orient(q1.x, q1.y, q2.x, q2.y, p2.x, p2.y);
  if ((qp1 > 0 && qp2 > 0) || (qp1 < 0 && qp2 < 0)) return;
  if (pq1 == 0 && pq2 == 0 && qp1 == 0 && qp2 == 0) {
    collinear(p1, p2, q1, q2, r);
    return;
  }
  r->n = 1;
  if (pq1 == 0 || pq2 == 0 || qp1 == 0 || qp2 == 0) {
    /* an endpoint on the other segment: copy it, exactly */
    if (pt_eq(p1, q1) || pt_eq(p1, q2)) r->p[0] = p1;
    else if (pt_eq(p2, q1) || pt_eq(p2, q2)) r->p[0] = p2;
    else if (pq1 == 0) r->p[0] = q1;
    else if (pq2 == 0) r->p[0] = q2;
    else if (qp1 == 0) r->p[0] = p1;
    else r->p[0] = p2;
    return;
  }
  r->proper = 1;
  r->p[0] = proper_point(p1, p2, q1, q2);
}

/* ---- segment strings ---------------------------------------------------------------- */

typedef struct rl_ss {
  const gv_array *src; /* coordinates: the input array, or a de-duplicated copy */
  int32_t k0, n;       /* coordinate run in src */
  int rev;             /* read backwards */
  uint8_t is_a, dim;
  int32_t id, ring_id, poly;
  int closed;
  gv_box env;
  int32_t ring;        /* ring index in the input array, or -1 for a copy */
  const gv_seg_index *ix;
} rl_ss;

static inline pt ss_pt(const rl_ss *s, int32_t j) {
  int64_t k = s->rev ? (int64_t)s->k0 + s->n - 1 - j : (int64_t)s->k0 + j;
  return (pt){GV_X(s->src, k), GV_Y(s->src, k)};
}

typedef struct edge_ctx {
  rl_topo *t;
  rl_arena *ar;
  rl_ss *ss;
  int32_t nss, cap;
  int32_t na; /* strings [0, na) are A's */
  gv_seg_index *owned[64]; /* temporary indexes, freed at the end */
  int nowned;
  /* intersects / disjoint between Polygons and MultiPolygons: the first
   * point two edges share answers (it would become a node, and a node of
   * an area is on its boundary), so nothing about it is computed */
  int meet_only;
} edge_ctx;

/* A copy without repeated points, in reading order, as an array of its own. */
static const gv_array *dedup_copy(rl_arena *ar, const gv_array *a, int32_t k0, int32_t k1, int rev, int32_t *n) {
  int32_t m = k1 - k0;
  double *x = rl_alloc(ar, (size_t)m * sizeof(double)), *y = rl_alloc(ar, (size_t)m * sizeof(double));
  gv_array *c = rl_alloc(ar, sizeof(gv_array));
  if (!x || !y || !c) return NULL;
  int32_t u = 0;
  for (int32_t j = 0; j < m; j++) {
    int32_t k = rev ? k1 - 1 - j : k0 + j;
    double px = GV_X(a, k), py = GV_Y(a, k);
    if (u > 0 && x[u - 1] == px && y[u - 1] == py) continue;
    x[u] = px, y[u] = py, u++;
  }
  memset(c, 0, sizeof *c);
  c->x = x;
  c->y = y;
  c->stride = 1;
  *n = u;
  return c;
}

static rl_ss *add_ss(edge_ctx *c, const gv_array *a, int32_t ring, gv_box env, int repeats, int rev) {
  int32_t k0 = gv_ring_begin(a, ring), k1 = gv_ring_end(a, ring);
  if (rl_reserve(c->ar, (void **)&c->ss, &c->cap, c->nss + 1, sizeof(rl_ss))) return NULL;
  rl_ss *s = &c->ss[c->nss];
  memset(s, 0, sizeof *s);
  if (repeats) {
    s->src = dedup_copy(c->ar, a, k0, k1, rev, &s->n);
    if (!s->src) return NULL;
    s->k0 = 0;
    s->ring = -1;
  } else {
    s->src = a;
    s->k0 = k0;
    s->n = k1 - k0;
    s->rev = rev;
    s->ring = ring;
  }
  s->closed = s->n > 0 && pt_eq(ss_pt(s, 0), ss_pt(s, s->n - 1));
  s->env = env;
  c->nss++;
  return s;
}

/* RelateGeometry.extractSegmentStrings: the non-empty elements whose
 * envelope meets env, numbered from 1 in order; polygon rings whose
 * envelope meets env, shells clockwise and holes counter-clockwise.
 * Looking only for a shared point (meet_only), neither the direction nor
 * repeated points matter, and the rings are taken as they are. */
static int extract(edge_ctx *c, rl_geom *g, int is_a, gv_box env) {
  const gv_array *a = g->a;
  int32_t id = 0;
  for (int32_t e = 0; e < g->nelem; e++) {
    const rl_elem *el = &g->elem[e];
    if (el->empty || el->kind == GV_POINT || !gv_box_intersects(env, el->env)) continue;
    id++;
    int32_t r0 = gv_part_begin(a, el->part), r1 = gv_part_end(a, el->part);
    for (int32_t r = r0; r < r1; r++) {
      if (gv_ring_end(a, r) <= gv_ring_begin(a, r)) continue;
      rl_ss *s;
      if (c->meet_only) {
        gv_box renv = rl_geom_ring_env(g, r);
        if (el->kind == GV_POLYGON && !gv_box_intersects(env, renv)) continue;
        s = add_ss(c, a, r, renv, 0, 0);
      } else {
        const rl_ring *info = rl_geom_ring(g, r);
        int rev = 0;
        if (el->kind == GV_POLYGON) {
          if (!gv_box_intersects(env, info->env)) continue;
          int want_cw = r == r0;
          rev = want_cw == info->ccw;
        }
        s = add_ss(c, a, r, info->env, info->repeats, rev);
      }
      if (!s) return -1;
      s->is_a = (uint8_t)is_a;
      s->dim = el->kind == GV_POLYGON ? RL_DIM_A : RL_DIM_L;
      s->id = id;
      s->ring_id = el->kind == GV_POLYGON ? r - r0 : -1;
      s->poly = el->kind == GV_POLYGON ? el->unit : -1;
      if (el->kind != GV_POLYGON) break; /* a line has one coordinate run */
    }
  }
  return 0;
}

/* ---- sections --------------------------------------------------------------------------- */

/* RelateSegmentString.isContainingSegment: a vertex belongs to the segment
 * it starts, except the last point of an open string. */
static int containing(const rl_ss *s, int32_t seg, pt p) {
  if (pt_eq(p, ss_pt(s, seg))) return 1;
  if (pt_eq(p, ss_pt(s, seg + 1))) return !s->closed && seg == s->n - 2;
  return 1;
}

static void make_section(const rl_ss *s, int32_t seg, pt p, rl_section *ns) {
  pt c0 = ss_pt(s, seg), c1 = ss_pt(s, seg + 1);
  memset(ns, 0, sizeof *ns);
  ns->is_a = s->is_a;
  ns->dim = s->dim;
  ns->id = s->id;
  ns->ring_id = s->ring_id;
  ns->poly = s->poly;
  ns->at_vertex = pt_eq(p, c0) || pt_eq(p, c1);
  ns->nx = p.x, ns->ny = p.y;
  pt v;
  int has = 1;
  if (!pt_eq(c0, p)) v = c0;
  else if (seg > 0) v = ss_pt(s, seg - 1);
  else if (s->closed) v = ss_pt(s, s->n - 2);
  else has = 0;
  ns->has_v0 = (uint8_t)has;
  if (has) ns->v0x = v.x, ns->v0y = v.y;
  has = 1;
  if (!pt_eq(c1, p)) v = c1;
  else if (seg < s->n - 2) v = ss_pt(s, seg + 2);
  else if (s->closed) v = ss_pt(s, 1);
  else has = 0;
  ns->has_v1 = (uint8_t)has;
  if (has) ns->v1x = v.x, ns->v1y = v.y;
}

/* EdgeSegmentIntersector: segment j of s against segment k of t, s being
 * A's when the strings come from different inputs. */
static void segment_pair(edge_ctx *c, const rl_ss *s, int32_t j, const rl_ss *t, int32_t k) {
  if (c->meet_only) {
    if (segments_meet(ss_pt(s, j), ss_pt(s, j + 1), ss_pt(t, k), ss_pt(t, k + 1)))
      rl_topo_update(c->t, RL_B, RL_B, RL_DIM_P);
    return;
  }
  li_result r;
  intersect(ss_pt(s, j), ss_pt(s, j + 1), ss_pt(t, k), ss_pt(t, k + 1), &r);
  for (int i = 0; i < r.n; i++) {
    if (!r.proper && !(containing(s, j, r.p[i]) && containing(t, k, r.p[i]))) continue;
    rl_section a, b;
    make_section(s, j, r.p[i], &a);
    make_section(t, k, r.p[i], &b);
    rl_topo_add_intersection(c->t, &a, &b);
  }
}

static gv_box seg_box(const rl_ss *s, int32_t j) {
  pt a = ss_pt(s, j), b = ss_pt(s, j + 1);
  return (gv_box){a.x < b.x ? a.x : b.x, a.y < b.y ? a.y : b.y, a.x > b.x ? a.x : b.x, a.y > b.y ? a.y : b.y};
}

/* Strings with more segments than this are searched through an index. */
#define INDEX_MIN_SEGMENTS 48

static const gv_seg_index *ss_index(edge_ctx *c, rl_ss *s) {
  if (s->ix) return s->ix;
  if (s->ring >= 0 && s->src->prepared) {
    s->ix = gv_prepared_ring_index(s->src, s->ring);
    if (s->ix) return s->ix;
  }
  if (c->nowned == (int)(sizeof c->owned / sizeof c->owned[0])) return NULL;
  gv_seg_index *ix = rl_alloc(c->ar, sizeof *ix);
  if (!ix) return NULL;
  if (gv_seg_index_build(s->src, s->k0, s->k0 + s->n, ix) != GV_OK) return NULL;
  c->owned[c->nowned++] = ix;
  s->ix = ix;
  return ix;
}

typedef struct visit_ctx {
  edge_ctx *c;
  const rl_ss *s, *t; /* s's segment j against t's segments found in the index */
  int32_t j;
  int t_first;        /* t goes first (it is A's) */
  int same;           /* s == t: each unordered pair once */
} visit_ctx;

static int visit(void *ctx, int32_t raw) {
  visit_ctx *v = ctx;
  const rl_ss *t = v->t;
  int32_t k = raw - t->k0;
  if (t->rev) k = t->n - 2 - k;
  if (v->same && k <= v->j) return 0;
  if (v->t_first) segment_pair(v->c, t, k, v->s, v->j);
  else segment_pair(v->c, v->s, v->j, t, k);
  return rl_pred_known(v->c->t->pred) || v->c->ar->failed;
}

/* The string's segment for a raw segment (coordinate) index of its source. */
static inline int32_t ss_seg(const rl_ss *s, int32_t raw) {
  int32_t k = raw - s->k0;
  return s->rev ? s->n - 2 - k : k;
}

static inline gv_box raw_seg_box(const gv_array *a, int32_t k) {
  double x1 = GV_X(a, k), y1 = GV_Y(a, k), x2 = GV_X(a, k + 1), y2 = GV_Y(a, k + 1);
  return (gv_box){x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1};
}

static inline const gv_box *ix_box(const gv_seg_index *ix, int32_t level, int32_t node) {
  return &ix->boxes[ix->level_start[level] + node];
}

static inline double box_area(const gv_box *b) { return (b->maxx - b->minx) * (b->maxy - b->miny); }

/* Leaf against leaf: the segments of two level-0 nodes. Returns 1 to stop. */
static int leaf_pairs(edge_ctx *c, const rl_ss *s, const gv_seg_index *is, int32_t ns, const rl_ss *t,
                      const gv_seg_index *it, int32_t nt, const gv_box *tbox) {
  int32_t j0 = ns * GV_SEG_SPREAD, j1 = j0 + GV_SEG_SPREAD < is->nseg ? j0 + GV_SEG_SPREAD : is->nseg;
  int32_t k0 = nt * GV_SEG_SPREAD, k1 = k0 + GV_SEG_SPREAD < it->nseg ? k0 + GV_SEG_SPREAD : it->nseg;
  for (int32_t j = j0; j < j1; j++) {
    gv_box bj = raw_seg_box(s->src, is->k0 + j);
    if (!gv_box_intersects(bj, *tbox)) continue;
    for (int32_t k = k0; k < k1; k++) {
      if (!gv_box_intersects(bj, raw_seg_box(t->src, it->k0 + k))) continue;
      segment_pair(c, s, ss_seg(s, is->k0 + j), t, ss_seg(t, it->k0 + k));
      if (rl_pred_known(c->t->pred) || c->ar->failed) return 1;
    }
  }
  return 0;
}

/* Every pair of segments of two different strings whose boxes meet, by a
 * descent of both indexes together: a pair of nodes whose boxes meet is
 * split on the side with more levels left (the bigger box on a tie), so
 * only the parts of the two boundaries that come near each other are
 * visited. Returns 1 when the predicate became known. */
static int dual_pairs(edge_ctx *c, const rl_ss *s, const gv_seg_index *is, const rl_ss *t, const gv_seg_index *it) {
  struct {
    int8_t ls, lt;
    int32_t ns, nt;
  } stack[2 * GV_SEG_MAX_LEVELS * GV_SEG_SPREAD + 1];
  if (is->nlevels <= 0 || it->nlevels <= 0) return 0;
  int sp = 0;
  stack[0].ls = (int8_t)(is->nlevels - 1), stack[0].lt = (int8_t)(it->nlevels - 1);
  stack[0].ns = stack[0].nt = 0;
  sp = 1;
  while (sp > 0) {
    sp--;
    int ls = stack[sp].ls, lt = stack[sp].lt;
    int32_t ns = stack[sp].ns, nt = stack[sp].nt;
    const gv_box *bs = ix_box(is, ls, ns), *bt = ix_box(it, lt, nt);
    if (!gv_box_intersects(*bs, *bt)) continue;
    if (ls == 0 && lt == 0) {
      if (leaf_pairs(c, s, is, ns, t, it, nt, bt)) return 1;
      continue;
    }
    int split_s = ls > lt || (ls == lt && box_area(bs) >= box_area(bt));
    if (split_s) {
      int32_t c0 = ns * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
      if (c1 > is->level_count[ls - 1]) c1 = is->level_count[ls - 1];
      for (int32_t k = c1 - 1; k >= c0; k--) {
        if (!gv_box_intersects(*ix_box(is, ls - 1, k), *bt)) continue;
        stack[sp].ls = (int8_t)(ls - 1), stack[sp].lt = (int8_t)lt, stack[sp].ns = k, stack[sp].nt = nt, sp++;
      }
    } else {
      int32_t c0 = nt * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
      if (c1 > it->level_count[lt - 1]) c1 = it->level_count[lt - 1];
      for (int32_t k = c1 - 1; k >= c0; k--) {
        if (!gv_box_intersects(*bs, *ix_box(it, lt - 1, k))) continue;
        stack[sp].ls = (int8_t)ls, stack[sp].lt = (int8_t)(lt - 1), stack[sp].ns = ns, stack[sp].nt = k, sp++;
      }
    }
  }
  return 0;
}

/* Every pair of segments of s and t whose boxes meet (s before t in the
 * pair; s == t gives the pairs of distinct segments of one string). */
static void string_pair(edge_ctx *c, rl_ss *s, rl_ss *t) {
  int same = s == t;
  int32_t ns = s->n - 1, nt = t->n - 1;
  if (ns <= 0 || nt <= 0 || !gv_box_intersects(s->env, t->env)) return;
  rl_pred *pred = c->t->pred;
  if (!same && ns > INDEX_MIN_SEGMENTS && nt > INDEX_MIN_SEGMENTS) {
    const gv_seg_index *is = ss_index(c, s), *it = is ? ss_index(c, t) : NULL;
    if (is && it) {
      dual_pairs(c, s, is, t, it);
      return;
    }
  }
  /* search the longer string's index with the shorter one's segments */
  rl_ss *big = nt >= ns ? t : s, *small = big == t ? s : t;
  if (big->n - 1 > INDEX_MIN_SEGMENTS) {
    const gv_seg_index *ix = ss_index(c, big);
    if (ix) {
      visit_ctx v = {c, small, big, 0, big == s && !same, same};
      for (int32_t j = 0; j < small->n - 1; j++) {
        gv_box q = seg_box(small, j);
        if (!gv_box_intersects(q, big->env)) continue;
        v.j = j;
        if (gv_seg_index_query(big->src, ix, q, visit, &v)) return;
      }
      return;
    }
  }
  for (int32_t j = 0; j < ns; j++) {
    gv_box q = seg_box(s, j);
    if (!gv_box_intersects(q, t->env)) continue;
    for (int32_t k = same ? j + 1 : 0; k < nt; k++) {
      if (!gv_box_intersects(q, seg_box(t, k))) continue;
      segment_pair(c, s, j, t, k);
      if (rl_pred_known(pred) || c->ar->failed) return;
    }
  }
}

void rl_compute_at_edges(rl_topo *t) {
  rl_geom *ga = t->ga, *gb = t->gb;
  if (!ga->has_env || !gb->has_env || !gv_box_intersects(ga->env, gb->env)) return;
  gv_box env = {fmax(ga->env.minx, gb->env.minx), fmax(ga->env.miny, gb->env.miny),
                fmin(ga->env.maxx, gb->env.maxx), fmin(ga->env.maxy, gb->env.maxy)};
  edge_ctx c;
  memset(&c, 0, sizeof c);
  c.t = t;
  c.ar = t->ar;
  c.meet_only = (t->pred->kind == GV_PRED_INTERSECTS || t->pred->kind == GV_PRED_DISJOINT) &&
                (ga->type == GV_POLYGON || ga->type == GV_MULTIPOLYGON) &&
                (gb->type == GV_POLYGON || gb->type == GV_MULTIPOLYGON);
  if (extract(&c, ga, 1, env)) goto done;
  c.na = c.nss;
  if (extract(&c, gb, 0, env)) goto done;
  /* GEOS 3.13.0: self-noding when the predicate needs it and either input
   * may cross itself (3.13.1 changed this rule) */
  int self = rl_pred_require_self_noding(t->pred) && (rl_geom_self_noding(ga) || rl_geom_self_noding(gb));
  for (int32_t i = 0; i < c.na; i++)
    for (int32_t j = c.na; j < c.nss; j++) {
      string_pair(&c, &c.ss[i], &c.ss[j]);
      if (rl_pred_known(t->pred) || c.ar->failed) goto done;
    }
  if (self) {
    /* self-noding: the intersections of each input with itself join the
     * nodes too (they add sections, never matrix entries) */
    for (int side = 0; side < 2; side++) {
      int32_t lo = side ? c.na : 0, hi = side ? c.nss : c.na;
      for (int32_t i = lo; i < hi; i++)
        for (int32_t j = i; j < hi; j++) {
          string_pair(&c, &c.ss[i], &c.ss[j]);
          if (c.ar->failed) goto done;
        }
    }
  }
  rl_topo_evaluate_nodes(t);
done:
  for (int k = 0; k < c.nowned; k++) gv_seg_index_free(c.owned[k]);
}
