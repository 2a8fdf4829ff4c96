/* Delaunay triangulation of a geometry's vertices (GEOS
 * DelaunayTriangulationBuilder semantics): a lexicographic sweep builds a
 * triangulation (each new point joined to the hull edges it sees), and
 * Lawson's edge flips with the exact in-circle predicate make it Delaunay
 * after every insertion. Triangles are kept counter-clockwise in flat
 * arrays of half-edges: half-edge e of triangle e / 3 runs from V[e] to
 * V[nx(e)], O[e] is its twin (-1 on the hull). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "algorithm/incircle.h"
#include "shape.h"

static inline int32_t nx(int32_t e) { return e % 3 == 2 ? e - 2 : e + 1; }
static inline int32_t pv(int32_t e) { return e % 3 == 0 ? e + 2 : e - 1; }

typedef struct dt {
  const gv_pt *p;
  int32_t n, nt;
  int32_t *V, *O;
  int32_t *hnext, *hprev, *hedge; /* hull, counter-clockwise, by vertex */
  int32_t *stack;
  int64_t ns, cap;
} dt;

static inline int orient_v(const dt *t, int32_t a, int32_t b, int32_t c) {
  return gv_orient(t->p[a].x, t->p[a].y, t->p[b].x, t->p[b].y, t->p[c].x, t->p[c].y);
}

static inline void link(dt *t, int32_t a, int32_t b) {
  t->O[a] = b;
  if (b >= 0) t->O[b] = a;
}

static int push(dt *t, int32_t e) {
  if (t->ns == t->cap) {
    int64_t cap = t->cap ? 2 * t->cap : 64;
    int32_t *s = gv_realloc(t->stack, (size_t)cap * sizeof(int32_t));
    if (!s) return -1;
    t->stack = s, t->cap = cap;
  }
  t->stack[t->ns++] = e;
  return 0;
}

static int32_t add_tri(dt *t, int32_t a, int32_t b, int32_t c) {
  int32_t k = t->nt++, e = 3 * k;
  t->V[e] = a, t->V[e + 1] = b, t->V[e + 2] = c;
  t->O[e] = t->O[e + 1] = t->O[e + 2] = -1;
  return k;
}

/* Flips illegal edges from the stack until none is left. */
static int legalize(dt *t) {
  while (t->ns > 0) {
    int32_t e = t->stack[--t->ns], f = t->O[e];
    if (f < 0) continue;
    int32_t a = t->V[e], b = t->V[nx(e)], c = t->V[pv(e)], d = t->V[pv(f)];
    const gv_pt *p = t->p;
    if (gv_incircle(p[a].x, p[a].y, p[b].x, p[b].y, p[c].x, p[c].y, p[d].x, p[d].y) <= 0) continue;
    int32_t o_bc = t->O[nx(e)], o_ca = t->O[pv(e)], o_ad = t->O[nx(f)], o_db = t->O[pv(f)];
    int32_t b0 = e - e % 3, b1 = f - f % 3;
    /* t0 = (c, a, d), t1 = (d, b, c) */
    t->V[b0] = c, t->V[b0 + 1] = a, t->V[b0 + 2] = d;
    t->V[b1] = d, t->V[b1 + 1] = b, t->V[b1 + 2] = c;
    link(t, b0, o_ca);
    link(t, b0 + 1, o_ad);
    link(t, b1, o_db);
    link(t, b1 + 1, o_bc);
    link(t, b0 + 2, b1 + 2);
    const int32_t outer[4] = {b0, b0 + 1, b1, b1 + 1};
    for (int k = 0; k < 4; k++) {
      int32_t h = outer[k];
      if (t->O[h] < 0) t->hedge[t->V[h]] = h; /* a hull edge moved */
      else if (push(t, h)) return -1;
    }
  }
  return 0;
}

/* Triangulates the sorted distinct points; t->nt = 0 when they are collinear. */
static int triangulate(dt *t) {
  int32_t n = t->n, k = 2;
  if (n < 3) return 0;
  while (k < n && orient_v(t, 0, 1, k) == 0) k++;
  if (k == n) return 0;
  int s = orient_v(t, 0, 1, k);
  for (int32_t j = 0; j + 1 < k; j++) { /* a fan from p[k] over the collinear run */
    int32_t tr = s > 0 ? add_tri(t, j, j + 1, k) : add_tri(t, j + 1, j, k);
    if (j > 0) {
      if (s > 0) link(t, 3 * (tr - 1) + 1, 3 * tr + 2);
      else link(t, 3 * (tr - 1) + 2, 3 * tr + 1);
    }
  }
  for (int32_t e = 0; e < 3 * t->nt; e++)
    if (t->O[e] < 0) {
      t->hedge[t->V[e]] = e;
      t->hnext[t->V[e]] = t->V[nx(e)];
      t->hprev[t->V[nx(e)]] = t->V[e];
    }
  for (int32_t e = 0; e < 3 * t->nt; e++)
    if (t->O[e] > e && push(t, e)) return -1;
  if (legalize(t)) return -1;
  int32_t hn = k + 1; /* hull size bound for the walks */
  for (int32_t m = k + 1; m < n; m++, hn++) {
    /* a hull edge that sees m: near the previous point, else anywhere */
    int32_t v = m - 1, seen = 0;
    if (orient_v(t, v, t->hnext[v], m) < 0) seen = 1;
    else if (orient_v(t, t->hprev[v], v, m) < 0) v = t->hprev[v], seen = 1;
    for (int32_t w = t->hnext[v], c = 0; !seen && c < hn; w = t->hnext[w], c++)
      if (orient_v(t, w, t->hnext[w], m) < 0) v = w, seen = 1;
    if (!seen) return 0; /* cannot happen with exact predicates */
    for (int32_t c = 0; c < hn && orient_v(t, t->hprev[v], v, m) < 0; c++) v = t->hprev[v];
    int32_t w = v, first = -1, last = -1;
    for (int32_t c = 0; c < hn && orient_v(t, w, t->hnext[w], m) < 0; c++) {
      int32_t nw = t->hnext[w], he = t->hedge[w];
      int32_t tr = add_tri(t, w, m, nw);
      link(t, 3 * tr + 2, he);
      if (last >= 0) link(t, 3 * tr, 3 * last + 1);
      else first = tr;
      last = tr;
      w = nw;
    }
    t->hnext[v] = m, t->hprev[m] = v, t->hnext[m] = w, t->hprev[w] = m;
    t->hedge[v] = 3 * first, t->hedge[m] = 3 * last + 1;
    for (int32_t tr = first; tr <= last; tr++)
      if (push(t, 3 * tr + 2)) return -1;
    if (legalize(t)) return -1;
  }
  return 0;
}

static int cmp_pt_q(const void *x, const void *y) { return sh_cmp_pt(*(const gv_pt *)x, *(const gv_pt *)y); }

static void emit_pt(gv_builder *b, gv_pt q) { gv_builder_coord(b, q.x, q.y, NAN, NAN); }

int sh_delaunay(const gv_array *a, int64_t i, double tol, int only_edges, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  sh_pts s = {0};
  if (sh_collect(a, i, &s)) {
    sh_pts_free(&s);
    return -1;
  }
  gv_pt *p = s.p;
  int64_t n = 0;
  for (int64_t k = 0; k < s.n; k++) /* infinite coordinates are left out */
    if (isfinite(p[k].x) && isfinite(p[k].y)) p[n++] = p[k];
  if (n > 1) qsort(p, (size_t)n, sizeof(gv_pt), cmp_pt_q);
  int64_t u = 0;
  for (int64_t k = 0; k < n; k++) {
    int dup = u > 0 && gv_pt_eq(p[k], p[u - 1]);
    /* with a tolerance, a point within it of a kept point is merged */
    for (int64_t j = u - 1; !dup && tol > 0 && j >= 0 && p[k].x - p[j].x <= tol; j--)
      if (sh_dist(p[k], p[j]) <= tol) dup = 1;
    if (!dup) p[u++] = p[k];
  }
  n = u;
  int rc = -1;
  dt t = {0};
  t.p = p;
  t.n = n > INT32_MAX / 6 ? 0 : (int32_t)n;
  size_t nn = (size_t)(n > 0 ? n : 1);
  t.V = gv_malloc(6 * nn * sizeof(int32_t));
  t.O = gv_malloc(6 * nn * sizeof(int32_t));
  t.hnext = gv_malloc(3 * nn * sizeof(int32_t));
  if (!t.V || !t.O || !t.hnext) goto done;
  t.hprev = t.hnext + nn, t.hedge = t.hnext + 2 * nn;
  if (triangulate(&t)) goto done;
  if (only_edges) {
    gv_builder_begin_geom(b, GV_MULTILINESTRING);
    if (t.nt == 0) { /* collinear: the chain of sorted points */
      for (int64_t k = 0; k + 1 < n; k++) {
        gv_builder_begin_part(b, GV_LINESTRING);
        gv_builder_begin_ring(b);
        emit_pt(b, p[k]);
        emit_pt(b, p[k + 1]);
      }
    }
    for (int32_t e = 0; e < 3 * t.nt; e++)
      if (t.O[e] < e) {
        gv_builder_begin_part(b, GV_LINESTRING);
        gv_builder_begin_ring(b);
        emit_pt(b, p[t.V[e]]);
        emit_pt(b, p[t.V[nx(e)]]);
      }
  } else {
    gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
    gv_builder_token(b, GV_GEOMETRYCOLLECTION, t.nt);
    for (int32_t k = 0; k < t.nt; k++) {
      gv_builder_token(b, GV_POLYGON, 1);
      gv_builder_begin_part(b, GV_POLYGON);
      gv_builder_begin_ring(b);
      for (int j = 0; j < 4; j++) emit_pt(b, p[t.V[3 * k + j % 3]]);
    }
  }
  gv_builder_end_geom(b);
  rc = 0;
done:
  gv_free(t.V);
  gv_free(t.O);
  gv_free(t.hnext);
  gv_free(t.stack);
  sh_pts_free(&s);
  return rc;
}
