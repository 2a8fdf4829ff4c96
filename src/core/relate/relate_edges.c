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
#include "algorithm/segment.h"


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

static inline gv_pt ss_pt(const rl_ss *s, int32_t j) {
  int64_t k = s->rev ? (int64_t)s->k0 + s->n - 1 - j : (int64_t)s->k0 + j;
  return (gv_pt){GV_X(s->src, k), GV_Y(s->src, k)};
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
  s->closed = s->n > 0 && gv_pt_eq(ss_pt(s, 0), ss_pt(s, s->n - 1));
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
static int containing(const rl_ss *s, int32_t seg, gv_pt p) {
  if (gv_pt_eq(p, ss_pt(s, seg))) return 1;
  if (gv_pt_eq(p, ss_pt(s, seg + 1))) return !s->closed && seg == s->n - 2;
  return 1;
}

static void make_section(const rl_ss *s, int32_t seg, gv_pt p, rl_section *ns) {
  gv_pt c0 = ss_pt(s, seg), c1 = ss_pt(s, seg + 1);
  memset(ns, 0, sizeof *ns);
  ns->is_a = s->is_a;
  ns->dim = s->dim;
  ns->id = s->id;
  ns->ring_id = s->ring_id;
  ns->poly = s->poly;
  ns->at_vertex = gv_pt_eq(p, c0) || gv_pt_eq(p, c1);
  ns->nx = p.x, ns->ny = p.y;
  gv_pt v;
  int has = 1;
  if (!gv_pt_eq(c0, p)) v = c0;
  else if (seg > 0) v = ss_pt(s, seg - 1);
  else if (s->closed) v = ss_pt(s, s->n - 2);
  else has = 0;
  ns->has_v0 = (uint8_t)has;
  if (has) ns->v0x = v.x, ns->v0y = v.y;
  has = 1;
  if (!gv_pt_eq(c1, p)) v = c1;
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
    gv_pt p1 = ss_pt(s, j), p2 = ss_pt(s, j + 1), q1 = ss_pt(t, k), q2 = ss_pt(t, k + 1);
    if (gv_segments_meet(p1.x, p1.y, p2.x, p2.y, q1.x, q1.y, q2.x, q2.y))
      rl_topo_update(c->t, RL_B, RL_B, RL_DIM_P);
    return;
  }
  gv_li_result r;
  gv_segment_intersection(ss_pt(s, j), ss_pt(s, j + 1), ss_pt(t, k), ss_pt(t, k + 1), &r);
  for (int i = 0; i < r.n; i++) {
    if (!r.proper && !(containing(s, j, r.p[i]) && containing(t, k, r.p[i]))) continue;
    rl_section a, b;
    make_section(s, j, r.p[i], &a);
    make_section(t, k, r.p[i], &b);
    rl_topo_add_intersection(c->t, &a, &b);
  }
}

static gv_box seg_box(const rl_ss *s, int32_t j) {
  gv_pt a = ss_pt(s, j), b = ss_pt(s, j + 1);
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
