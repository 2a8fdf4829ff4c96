/* GEOS normal form (Geometry::normalize): rings start at their smallest
 * coordinate, shells clockwise and holes counter-clockwise, lines run from
 * their smaller end, and the members of collections and the holes of
 * polygons are sorted in descending Geometry::compareTo order. */
#include <stdlib.h>
#include <string.h>

#include "shape.h"

typedef struct nz_node {
  uint8_t type; /* type byte */
  int32_t nchild;
  struct nz_node *child; /* multi geometries and collections */
  int32_t nrings;
  sh_pts *rings; /* simple geometries */
} nz_node;

static void nz_free(nz_node *g) {
  for (int32_t c = 0; c < g->nchild; c++) nz_free(&g->child[c]);
  gv_free(g->child);
  for (int32_t r = 0; r < g->nrings; r++) sh_pts_free(&g->rings[r]);
  gv_free(g->rings);
  memset(g, 0, sizeof *g);
}

/* A simple geometry from part p (kind `kind`, dims of `t`). */
static int nz_simple(const gv_array *a, uint8_t kind, uint8_t dims, int32_t p, nz_node *g) {
  g->type = (uint8_t)(kind | dims);
  int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
  g->nrings = r1 - r0;
  if (g->nrings <= 0) {
    g->nrings = 0;
    return 0;
  }
  g->rings = gv_calloc((size_t)g->nrings, sizeof(sh_pts));
  if (!g->rings) return -1;
  for (int32_t r = r0; r < r1; r++)
    for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k < ke; k++) {
      gv_pt q = sh_pt(a, k);
      if (isnan(q.x)) continue; /* an empty point */
      if (sh_pts_push(&g->rings[r - r0], q, k)) return -1;
    }
  return 0;
}

static int nz_multi(const gv_array *a, uint8_t t, int32_t p0, int32_t p1, nz_node *g) {
  g->type = t;
  uint8_t dims = t & (GV_HAS_Z | GV_HAS_M);
  if (GV_BASE_TYPE(t) <= GV_POLYGON) return nz_simple(a, GV_BASE_TYPE(t), dims, p0, g);
  g->nchild = p1 - p0;
  if (g->nchild <= 0) {
    g->nchild = 0;
    return 0;
  }
  g->child = gv_calloc((size_t)g->nchild, sizeof(nz_node));
  if (!g->child) return -1;
  for (int32_t p = p0; p < p1; p++)
    if (nz_simple(a, gv_part_kind(a, t, p), dims, p, &g->child[p - p0])) return -1;
  return 0;
}

typedef struct nz_reader {
  const gv_array *a;
  int32_t tok, tok_end, part, part_end;
} nz_reader;

static int nz_tree(nz_reader *s, nz_node *g, int depth) {
  if (s->tok >= s->tok_end || depth > GV_MAX_DEPTH) return 1;
  uint32_t token = (uint32_t)s->a->gc_tok[s->tok++];
  uint8_t t = (uint8_t)(token & 0xff), base = GV_BASE_TYPE(t);
  int32_t count = (int32_t)(token >> 8);
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION || count < 0) return 1;
  if (base == GV_GEOMETRYCOLLECTION) {
    g->type = t;
    if (!count) return 0;
    g->child = gv_calloc((size_t)count, sizeof(nz_node));
    if (!g->child) return -1;
    g->nchild = count;
    for (int32_t j = 0; j < count; j++) {
      int r = nz_tree(s, &g->child[j], depth + 1);
      if (r) return r;
    }
    return 0;
  }
  int32_t n = base <= GV_POLYGON ? 1 : count;
  if (s->part + n > s->part_end) return 1;
  int r = nz_multi(s->a, t, s->part, s->part + n, g);
  s->part += n;
  return r;
}

static int nz_empty(const nz_node *g) {
  for (int32_t c = 0; c < g->nchild; c++)
    if (!nz_empty(&g->child[c])) return 0;
  for (int32_t r = 0; r < g->nrings; r++)
    if (g->rings[r].n) return 0;
  return 1;
}

static int sort_index(uint8_t t) {
  static const int idx[8] = {8, 0, 2, 5, 1, 4, 6, 7};
  return idx[GV_BASE_TYPE(t) & 7];
}

/* LineString::compareToSameClass: the longer is greater, then coordinates. */
static int cmp_seq(const sh_pts *a, const sh_pts *b) {
  if (a->n != b->n) return a->n > b->n ? 1 : -1;
  for (int64_t k = 0; k < a->n; k++) {
    int c = sh_cmp_pt(a->p[k], b->p[k]);
    if (c) return c;
  }
  return 0;
}

static int nz_cmp(const nz_node *a, const nz_node *b) {
  int sa = sort_index(a->type), sb = sort_index(b->type);
  if (sa != sb) return sa - sb;
  int ea = nz_empty(a), eb = nz_empty(b);
  if (ea && eb) return 0;
  if (ea) return -1;
  if (eb) return 1;
  switch (GV_BASE_TYPE(a->type)) {
  case GV_POINT: return sh_cmp_pt(a->rings[0].p[0], b->rings[0].p[0]);
  case GV_LINESTRING: return cmp_seq(&a->rings[0], &b->rings[0]);
  case GV_POLYGON: {
    int c = cmp_seq(&a->rings[0], &b->rings[0]);
    if (c) return c;
    if (a->nrings != b->nrings) return a->nrings < b->nrings ? -1 : 1;
    for (int32_t r = 1; r < a->nrings; r++)
      if ((c = cmp_seq(&a->rings[r], &b->rings[r]))) return c;
    return 0;
  }
  default: {
    int32_t k = 0;
    for (; k < a->nchild && k < b->nchild; k++) {
      int c = nz_cmp(&a->child[k], &b->child[k]);
      if (c) return c;
    }
    if (k < a->nchild) return 1;
    if (k < b->nchild) return -1;
    return 0;
  }
  }
}

static int nz_cmp_desc(const void *x, const void *y) { return -nz_cmp(x, y); }
static int seq_cmp_desc(const void *x, const void *y) { return -cmp_seq(x, y); }

static void reverse_pts(sh_pts *s, int64_t from, int64_t to) {
  for (int64_t i = from, j = to - 1; i < j; i++, j--) {
    gv_pt p = s->p[i];
    s->p[i] = s->p[j];
    s->p[j] = p;
    int32_t k = s->src[i];
    s->src[i] = s->src[j];
    s->src[j] = k;
  }
}

/* Rotates a closed ring to start at its first smallest coordinate, then
 * orients it (clockwise or not) as Polygon::normalize(ring, clockwise). */
static void normalize_ring(sh_pts *s, int clockwise) {
  if (s->n == 0) return;
  int64_t n = s->n - 1; /* without the closing point */
  if (n >= 1) {
    int64_t m = 0;
    for (int64_t k = 1; k < n; k++)
      if (sh_cmp_pt(s->p[m], s->p[k]) > 0) m = k;
    if (m > 0) {
      reverse_pts(s, 0, m);
      reverse_pts(s, m, n);
      reverse_pts(s, 0, n);
    }
    s->p[n] = s->p[0];
    s->src[n] = s->src[0];
  }
  if (s->n >= 4 && sh_pts_is_ccw(s->p, (int32_t)s->n) == clockwise) reverse_pts(s, 0, s->n);
}

static void nz_normalize(nz_node *g) {
  switch (GV_BASE_TYPE(g->type)) {
  case GV_POINT: return;
  case GV_LINESTRING: {
    if (!g->nrings || !g->rings[0].n) return;
    sh_pts *s = &g->rings[0];
    if (gv_pt_eq(s->p[0], s->p[s->n - 1])) {
      normalize_ring(s, 1);
      return;
    }
    for (int64_t i = 0, n = s->n; i < n / 2; i++) {
      int64_t j = n - 1 - i;
      if (!gv_pt_eq(s->p[i], s->p[j])) {
        if (sh_cmp_pt(s->p[i], s->p[j]) > 0) reverse_pts(s, 0, n);
        return;
      }
    }
    return;
  }
  case GV_POLYGON:
    for (int32_t r = 0; r < g->nrings; r++) normalize_ring(&g->rings[r], r == 0);
    if (g->nrings > 2) qsort(g->rings + 1, (size_t)g->nrings - 1, sizeof(sh_pts), seq_cmp_desc);
    return;
  default:
    for (int32_t c = 0; c < g->nchild; c++) nz_normalize(&g->child[c]);
    if (g->nchild > 1) qsort(g->child, (size_t)g->nchild, sizeof(nz_node), nz_cmp_desc);
  }
}

static void emit_parts(gv_builder *b, const gv_array *a, const nz_node *g) {
  if (GV_BASE_TYPE(g->type) <= GV_POLYGON) {
    gv_builder_begin_part(b, GV_BASE_TYPE(g->type));
    for (int32_t r = 0; r < g->nrings; r++) {
      if (GV_BASE_TYPE(g->type) == GV_POINT && g->rings[r].n == 0) {
        gv_builder_begin_ring(b);
        gv_builder_coord(b, NAN, NAN, NAN, NAN);
        continue;
      }
      sh_emit_pts(b, a, &g->rings[r]);
    }
    return;
  }
  for (int32_t c = 0; c < g->nchild; c++) emit_parts(b, a, &g->child[c]);
}

static void emit_tokens(gv_builder *b, const nz_node *g) {
  uint8_t base = GV_BASE_TYPE(g->type);
  gv_builder_token(b, g->type, base <= GV_POLYGON ? 1 : g->nchild);
  if (base == GV_GEOMETRYCOLLECTION)
    for (int32_t c = 0; c < g->nchild; c++) emit_tokens(b, &g->child[c]);
}

int sh_normalize(const gv_array *a, int64_t i, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return 0;
  }
  nz_node g;
  memset(&g, 0, sizeof g);
  int r;
  if (GV_BASE_TYPE(t) == GV_GEOMETRYCOLLECTION) {
    if (!a->gc_off || !a->gc_tok) r = 1;
    else {
      nz_reader s = {a, a->gc_off[i], a->gc_off[i + 1], gv_geom_begin(a, i), gv_geom_end(a, i)};
      r = nz_tree(&s, &g, 1);
    }
  } else {
    r = nz_multi(a, t, gv_geom_begin(a, i), gv_geom_end(a, i), &g);
  }
  if (r) {
    nz_free(&g);
    if (r < 0) return -1;
    gv_builder_null(b);
    return 0;
  }
  nz_normalize(&g);
  gv_builder_begin_geom(b, t);
  if (a->srid) gv_builder_set_srid(b, a->srid[i]);
  emit_parts(b, a, &g);
  if (GV_BASE_TYPE(t) == GV_GEOMETRYCOLLECTION) emit_tokens(b, &g);
  gv_builder_end_geom(b);
  nz_free(&g);
  return b->status ? -1 : 0;
}
