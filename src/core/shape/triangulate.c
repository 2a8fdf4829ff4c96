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

/* The distinct finite vertices of geometry i, sorted, merged within tol,
 * and their triangulation; 0, or -1 when out of memory (t freed). */
static void dt_free(dt *t, sh_pts *s) {
  gv_free(t->V);
  gv_free(t->O);
  gv_free(t->hnext);
  gv_free(t->stack);
  sh_pts_free(s);
  memset(t, 0, sizeof *t);
}

static int dt_build(const gv_array *a, int64_t i, double tol, dt *t, sh_pts *s) {
  memset(t, 0, sizeof *t);
  memset(s, 0, sizeof *s);
  if (sh_collect(a, i, s)) {
    sh_pts_free(s);
    return -1;
  }
  gv_pt *p = s->p;
  int64_t n = 0;
  for (int64_t k = 0; k < s->n; k++) /* infinite coordinates are left out */
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
  n = u > INT32_MAX / 6 ? 0 : u;
  t->p = p;
  t->n = (int32_t)n;
  size_t nn = (size_t)(n > 0 ? n : 1);
  t->V = gv_malloc(6 * nn * sizeof(int32_t));
  t->O = gv_malloc(6 * nn * sizeof(int32_t));
  t->hnext = gv_malloc(3 * nn * sizeof(int32_t));
  if (!t->V || !t->O || !t->hnext || (t->hprev = t->hnext + nn, t->hedge = t->hnext + 2 * nn, triangulate(t))) {
    dt_free(t, s);
    return -1;
  }
  return 0;
}

int sh_delaunay(const gv_array *a, int64_t i, double tol, int only_edges, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  dt t;
  sh_pts s;
  if (dt_build(a, i, tol, &t, &s)) return -1;
  const gv_pt *p = t.p;
  int32_t n = t.n;
  if (only_edges) {
    gv_builder_begin_geom(b, GV_MULTILINESTRING);
    if (t.nt == 0) { /* collinear: the chain of sorted points */
      for (int32_t k = 0; k + 1 < n; k++) {
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
  dt_free(&t, &s);
  return 0;
}

/* ---- Voronoi diagram ------------------------------------------------------ */
typedef struct vx {
  gv_pt p;
  int32_t label; /* the neighbour whose bisector carries the edge from here, -1 the frame */
} vx;

/* Clips the convex cell of site pi (n vertices in c, room in tmp) by the
 * bisector with site qi; returns the new count (kept in c). */
static int32_t clip_cell(vx *c, int32_t n, vx *tmp, const gv_pt *p, int32_t pi, int32_t qi) {
  gv_pt a = p[pi], q = p[qi];
  double ux = q.x - a.x, uy = q.y - a.y, mx = (a.x + q.x) / 2, my = (a.y + q.y) / 2;
  int32_t m = 0;
  for (int32_t k = 0; k < n; k++) {
    vx cur = c[k], nxt = c[(k + 1) % n];
    double sc = (cur.p.x - mx) * ux + (cur.p.y - my) * uy, sn = (nxt.p.x - mx) * ux + (nxt.p.y - my) * uy;
    if (sc <= 0) {
      tmp[m++] = cur;
      if (sn > 0 && sc < 0) {
        double f = sc / (sc - sn);
        vx x = {{cur.p.x + f * (nxt.p.x - cur.p.x), cur.p.y + f * (nxt.p.y - cur.p.y)}, qi};
        tmp[m++] = x;
      } else if (sn > 0) {
        tmp[m - 1].label = qi;
      }
    } else if (sn <= 0) {
      double f = sc / (sc - sn);
      vx x = {{cur.p.x + f * (nxt.p.x - cur.p.x), cur.p.y + f * (nxt.p.y - cur.p.y)}, cur.label};
      if (sn < 0) tmp[m++] = x;
    }
  }
  memcpy(c, tmp, (size_t)m * sizeof(vx));
  return m;
}

int sh_voronoi(const gv_array *a, int64_t i, double tol, int only_edges, const double *extend, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  dt t;
  sh_pts s;
  if (dt_build(a, i, tol, &t, &s)) return -1;
  const gv_pt *p = t.p;
  int32_t n = t.n;
  if (n < 2) {
    gv_builder_begin_geom(b, only_edges ? GV_MULTILINESTRING : GV_GEOMETRYCOLLECTION);
    if (!only_edges) gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
    gv_builder_end_geom(b);
    dt_free(&t, &s);
    return 0;
  }
  /* the frame: the sites' envelope grown by its larger side (GEOS), and
   * the extent asked for */
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int32_t k = 0; k < n; k++) {
    x0 = fmin(x0, p[k].x), y0 = fmin(y0, p[k].y), x1 = fmax(x1, p[k].x), y1 = fmax(y1, p[k].y);
  }
  double grow = fmax(x1 - x0, y1 - y0);
  x0 -= grow, y0 -= grow, x1 += grow, y1 += grow;
  if (extend && !isnan(extend[0])) {
    x0 = fmin(x0, extend[0]), y0 = fmin(y0, extend[1]), x1 = fmax(x1, extend[2]), y1 = fmax(y1, extend[3]);
  }
  /* neighbours of every site: Delaunay edges, or the sorted chain */
  int32_t *deg = gv_calloc((size_t)n + 1, sizeof(int32_t));
  int32_t ne = t.nt ? 6 * t.nt : 2 * (n - 1);
  int32_t *nb = gv_malloc((size_t)(ne > 0 ? ne : 1) * sizeof(int32_t));
  int32_t maxdeg = 0;
  vx *cell = NULL, *tmp = NULL;
  int rc = -1;
  if (!deg || !nb) goto done;
  /* counting pass then fill (CSR) */
  for (int32_t e = 0; e < 3 * t.nt; e++) {
    deg[t.V[e] + 1]++;
    if (t.O[e] < 0) deg[t.V[nx(e)] + 1]++;
  }
  if (!t.nt)
    for (int32_t k = 0; k + 1 < n; k++) deg[k + 1]++, deg[k + 2]++;
  for (int32_t k = 0; k < n; k++) {
    if (deg[k + 1] > maxdeg) maxdeg = deg[k + 1];
    deg[k + 1] += deg[k];
  }
  {
    int32_t *fill = gv_malloc((size_t)n * sizeof(int32_t));
    if (!fill) goto done;
    memcpy(fill, deg, (size_t)n * sizeof(int32_t));
    for (int32_t e = 0; e < 3 * t.nt; e++) {
      int32_t u = t.V[e], v = t.V[nx(e)];
      nb[fill[u]++] = v;
      if (t.O[e] < 0) nb[fill[v]++] = u;
    }
    if (!t.nt)
      for (int32_t k = 0; k + 1 < n; k++) nb[fill[k]++] = k + 1, nb[fill[k + 1]++] = k;
    gv_free(fill);
  }
  cell = gv_malloc((size_t)(2 * maxdeg + 8) * sizeof(vx));
  tmp = gv_malloc((size_t)(2 * maxdeg + 8) * sizeof(vx));
  if (!cell || !tmp) goto done;
  gv_builder_begin_geom(b, only_edges ? GV_MULTILINESTRING : GV_GEOMETRYCOLLECTION);
  size_t tok = 0;
  if (!only_edges) {
    tok = gv_builder_token_pos(b);
    gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
  }
  int32_t count = 0;
  for (int32_t k = 0; k < n; k++) {
    vx frame[4] = {{{x0, y0}, -1}, {{x1, y0}, -1}, {{x1, y1}, -1}, {{x0, y1}, -1}};
    memcpy(cell, frame, sizeof frame);
    int32_t m = 4;
    for (int32_t j = deg[k]; j < deg[k + 1] && m > 0; j++) m = clip_cell(cell, m, tmp, p, k, nb[j]);
    if (m < 3) continue;
    if (only_edges) {
      for (int32_t v = 0; v < m; v++) {
        vx c0 = cell[v], c1 = cell[(v + 1) % m];
        if (c0.label <= k || gv_pt_eq(c0.p, c1.p)) continue; /* each edge once, from its lower site */
        gv_builder_begin_part(b, GV_LINESTRING);
        gv_builder_begin_ring(b);
        emit_pt(b, c0.p);
        emit_pt(b, c1.p);
      }
      continue;
    }
    gv_builder_token(b, GV_POLYGON, 1);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_begin_ring(b);
    for (int32_t v = 0; v <= m; v++) emit_pt(b, cell[v % m].p);
    count++;
  }
  if (!only_edges) gv_builder_patch_token(b, tok, GV_GEOMETRYCOLLECTION, count);
  gv_builder_end_geom(b);
  rc = 0;
done:
  gv_free(deg);
  gv_free(nb);
  gv_free(cell);
  gv_free(tmp);
  dt_free(&t, &s);
  return rc;
}

/* ---- the triangulation for other operations ------------------------------- */
int sh_triangulate(const gv_array *a, int64_t i, sh_tri *out) {
  memset(out, 0, sizeof *out);
  dt t;
  sh_pts s;
  if (dt_build(a, i, 0, &t, &s)) return -1;
  out->p = s.p;
  out->n = t.n;
  out->nt = t.nt;
  out->V = t.V;
  out->O = t.O;
  gv_free(t.hnext);
  gv_free(t.stack);
  gv_free(s.src);
  return 0;
}

void sh_tri_free(sh_tri *t) {
  gv_free(t->p);
  gv_free(t->V);
  gv_free(t->O);
  memset(t, 0, sizeof *t);
}
