/* Line merging (GEOS 3.13 LineMerger semantics, GEOSLineMerge and
 * GEOSLineMergeDirected): the linear components of a geometry (lines and
 * polygon rings; points are ignored) become the edges of a planar graph
 * whose nodes are their end points; maximal chains through nodes of degree
 * 2 are sewn into one line each.
 *
 * The order GEOS gives is reproduced: nodes are visited in (x, y) order,
 * first those whose degree is not 2, then the rest (isolated rings); at a
 * node the outgoing edges are taken counter-clockwise from the positive x
 * axis (quadrant, then exact orientation; equal directions in the order the
 * lines came); a chain whose edges run mostly against their lines'
 * direction is reversed. Repeated points are dropped; a line with fewer than
 * two distinct points is left out. In directed mode a chain only follows
 * edges in their own direction, and a node of degree 2 whose two lines both
 * leave it or both arrive at it also starts chains. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

typedef struct lm {
  const gv_array *a;
  int32_t *idx;  /* coordinate indices of every kept line, repeats dropped */
  int32_t *ls;   /* line e is idx[ls[e] .. ls[e + 1]) */
  int32_t nl;
  int32_t *node; /* node of the start of directed edge d (2e forward, 2e + 1 backward) */
  int32_t *ord;  /* directed edges grouped by node, counter-clockwise */
  int32_t *ns;   /* node v's edges are ord[ns[v] .. ns[v + 1]) */
  int32_t nn;
} lm;

static inline gv_pt de_from(const lm *m, int32_t d) {
  int32_t e = d >> 1;
  return sh_pt(m->a, m->idx[d & 1 ? m->ls[e + 1] - 1 : m->ls[e]]);
}
/* The second point of directed edge d (its direction). */
static inline gv_pt de_dir(const lm *m, int32_t d) {
  int32_t e = d >> 1;
  return sh_pt(m->a, m->idx[d & 1 ? m->ls[e + 1] - 2 : m->ls[e] + 1]);
}

static int quadrant(double dx, double dy) {
  if (dx >= 0) return dy >= 0 ? 0 : 3;
  return dy >= 0 ? 1 : 2;
}

/* Order of directed edges: by start point, then (at one node) by angle,
 * then by insertion. with_point = 0 compares edges of one node. */
static int cmp_de(const lm *m, int32_t d1, int32_t d2, int with_point) {
  gv_pt p = de_from(m, d1);
  if (with_point) {
    int c = sh_cmp_pt(p, de_from(m, d2));
    if (c) return c;
    return d1 < d2 ? -1 : d1 > d2;
  }
  gv_pt a = de_dir(m, d1), b = de_dir(m, d2);
  int q1 = quadrant(a.x - p.x, a.y - p.y), q2 = quadrant(b.x - p.x, b.y - p.y);
  if (q1 != q2) return q1 < q2 ? -1 : 1;
  int o = gv_orient(p.x, p.y, b.x, b.y, a.x, a.y);
  if (o) return o > 0 ? 1 : -1;
  return d1 < d2 ? -1 : d1 > d2;
}

/* Stable merge sort of v[0 .. n) (tmp has room for n). */
static void msort(const lm *m, int32_t *v, int32_t *tmp, int32_t n, int with_point) {
  for (int32_t w = 1; w < n; w *= 2) {
    for (int32_t lo = 0; lo < n; lo += 2 * w) {
      int32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      int32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = cmp_de(m, v[j], v[i], with_point) < 0 ? v[j++] : v[i++];
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
    }
    memcpy(v, tmp, (size_t)n * sizeof(int32_t));
  }
}

/* Collects the lines of geometry i. */
static int collect_lines(lm *m, int64_t i) {
  const gv_array *a = m->a;
  uint8_t t = gv_type_byte(a, i);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  int64_t nc = 0, nr = 0;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      nr++;
      nc += gv_ring_end(a, r) - gv_ring_begin(a, r);
    }
  }
  if (nr >= INT32_MAX / 4 || nc >= INT32_MAX) return -1;
  m->idx = gv_malloc((size_t)(nc > 0 ? nc : 1) * sizeof(int32_t));
  m->ls = gv_malloc((size_t)(nr + 1) * sizeof(int32_t));
  if (!m->idx || !m->ls) return -1;
  int32_t k = 0, nl = 0;
  m->ls[0] = 0;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int32_t s = k;
      for (int32_t c = gv_ring_begin(a, r), ce = gv_ring_end(a, r); c < ce && k < nc; c++) {
        gv_pt q = sh_pt(a, c);
        if (isnan(q.x) || isnan(q.y)) continue;
        if (k > s && gv_pt_eq(q, sh_pt(a, m->idx[k - 1]))) continue;
        m->idx[k++] = c;
      }
      if (k - s < 2) {
        k = s; /* fewer than two distinct points: left out */
        continue;
      }
      m->ls[++nl] = k;
    }
  }
  m->nl = nl;
  return 0;
}

static int build_graph(lm *m) {
  int32_t nd = 2 * m->nl;
  m->node = gv_malloc((size_t)(nd > 0 ? nd : 1) * sizeof(int32_t));
  m->ord = gv_malloc((size_t)(nd > 0 ? nd : 1) * sizeof(int32_t));
  m->ns = gv_malloc((size_t)(nd + 1) * sizeof(int32_t));
  int32_t *tmp = gv_malloc((size_t)(nd > 0 ? nd : 1) * sizeof(int32_t));
  if (!m->node || !m->ord || !m->ns || !tmp) {
    gv_free(tmp);
    return -1;
  }
  for (int32_t d = 0; d < nd; d++) m->ord[d] = d;
  msort(m, m->ord, tmp, nd, 1);
  int32_t nn = 0;
  for (int32_t k = 0; k < nd; k++) {
    if (k == 0 || !gv_pt_eq(de_from(m, m->ord[k]), de_from(m, m->ord[k - 1]))) m->ns[nn++] = k;
    m->node[m->ord[k]] = nn - 1;
  }
  m->ns[nn] = nd;
  m->nn = nn;
  for (int32_t v = 0; v < nn; v++) {
    int32_t s = m->ns[v], n = m->ns[v + 1] - s;
    if (n > 1) msort(m, m->ord + s, tmp, n, 0);
  }
  gv_free(tmp);
  return 0;
}

/* The edge a chain takes after directed edge d, or -1. */
static int32_t next_de(const lm *m, int32_t d, int directed) {
  int32_t v = m->node[d ^ 1];
  if (m->ns[v + 1] - m->ns[v] != 2) return -1;
  int32_t o0 = m->ord[m->ns[v]], o1 = m->ord[m->ns[v] + 1];
  int32_t nxt = o0 == (d ^ 1) ? o1 : o0;
  if (directed && (nxt & 1)) return -1;
  return nxt;
}

typedef struct chains {
  int32_t *de, *start; /* chain c is de[start[c] .. start[c + 1]) */
  int32_t n, len;
} chains;

static void chains_from(const lm *m, int32_t v, int directed, uint8_t *marked, chains *ch) {
  for (int32_t k = m->ns[v]; k < m->ns[v + 1]; k++) {
    int32_t d0 = m->ord[k];
    if ((directed && (d0 & 1)) || marked[d0 >> 1]) continue;
    ch->start[ch->n++] = ch->len;
    int32_t d = d0;
    do {
      ch->de[ch->len++] = d;
      marked[d >> 1] = 1;
      d = next_de(m, d, directed);
    } while (d >= 0 && d != d0 && !marked[d >> 1]);
    ch->start[ch->n] = ch->len;
  }
}

static void lm_free(lm *m) {
  gv_free(m->idx);
  gv_free(m->ls);
  gv_free(m->node);
  gv_free(m->ord);
  gv_free(m->ns);
}

int sh_line_merge(const gv_array *a, int64_t i, int directed, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return 0;
  }
  lm m;
  memset(&m, 0, sizeof m);
  m.a = a;
  chains ch = {NULL, NULL, 0, 0};
  uint8_t *marked = NULL, *vmark = NULL;
  int32_t *pts = NULL;
  int rc = -1;
  if (collect_lines(&m, i) || build_graph(&m)) goto done;
  marked = gv_calloc((size_t)m.nl + 1, 1);
  vmark = gv_calloc((size_t)m.nn + 1, 1);
  ch.de = gv_malloc((size_t)(m.nl + 1) * sizeof(int32_t));
  ch.start = gv_malloc((size_t)(m.nl + 2) * sizeof(int32_t));
  pts = gv_malloc((size_t)(m.ls[m.nl] + 1) * sizeof(int32_t));
  if (!marked || !vmark || !ch.de || !ch.start || !pts) goto done;
  ch.start[0] = 0;
  for (int32_t v = 0; v < m.nn; v++) {
    int start = m.ns[v + 1] - m.ns[v] != 2;
    /* directed: also a node whose two edges both leave or both arrive */
    if (!start && directed) start = (m.ord[m.ns[v]] & 1) == (m.ord[m.ns[v] + 1] & 1);
    if (start) {
      chains_from(&m, v, directed, marked, &ch);
      vmark[v] = 1;
    }
  }
  for (int32_t v = 0; v < m.nn; v++)
    if (!vmark[v]) chains_from(&m, v, directed, marked, &ch);

  uint8_t dims = t & (GV_HAS_Z | GV_HAS_M);
  if (ch.n == 0) {
    gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
    gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
  } else {
    gv_builder_begin_geom(b, (uint8_t)((ch.n == 1 ? GV_LINESTRING : GV_MULTILINESTRING) | dims));
  }
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  for (int32_t c = 0; c < ch.n; c++) {
    int32_t np = 0, fwd = 0, rev = 0;
    for (int32_t k = ch.start[c]; k < ch.start[c + 1]; k++) {
      int32_t d = ch.de[k], e = d >> 1, s = m.ls[e], f = m.ls[e + 1];
      if (d & 1) rev++;
      else fwd++;
      for (int32_t j = 0; j < f - s; j++) {
        int32_t q = m.idx[d & 1 ? f - 1 - j : s + j];
        if (np > 0 && gv_pt_eq(sh_pt(a, q), sh_pt(a, pts[np - 1]))) continue;
        pts[np++] = q;
      }
    }
    gv_builder_begin_part(b, GV_LINESTRING);
    gv_builder_begin_ring(b);
    for (int32_t j = 0; j < np; j++) sh_emit(b, a, pts[rev > fwd ? np - 1 - j : j]);
  }
  gv_builder_end_geom(b);
  rc = b->status ? -1 : 0;
done:
  gv_free(marked);
  gv_free(vmark);
  gv_free(ch.de);
  gv_free(ch.start);
  gv_free(pts);
  lm_free(&m);
  return rc;
}
