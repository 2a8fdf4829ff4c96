/* Concave hull of a geometry's vertices (GEOS 3.13 ConcaveHull by edge
 * length ratio, the JTS design): the Delaunay triangulation of the distinct
 * vertices is eroded from its border, the triangle with the longest border
 * first, while that border is at least the threshold length
 *   ratio * (longest edge - shortest edge) + shortest edge
 * (ratio 1: nothing is removed, the convex hull). A triangle is removed only
 * when it has exactly one border edge and its opposite vertex is interior,
 * so that the hull stays one polygon whose boundary is a simple ring. With
 * holes allowed, interior triangles with an edge at least the threshold and
 * no vertex on the boundary start holes (smallest first, as GEOS sorts
 * them), each eroded in turn like the border while it touches nothing.
 * Fewer than 3 distinct points, or collinear ones, give the convex hull
 * (a Point or a LineString); an empty geometry gives POLYGON EMPTY. The
 * hull's vertices keep the Z and M of the first input coordinate there. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

static inline int32_t nx(int32_t e) { return e % 3 == 2 ? e - 2 : e + 1; }
static inline int32_t pv(int32_t e) { return e % 3 == 0 ? e + 2 : e - 1; }

typedef struct heap_item {
  double size, area;
  int32_t tri;
} heap_item;

typedef struct ch {
  sh_tri t;
  uint8_t *alive;
  double *size; /* GEOS HullTri size: longest side, then border length when queued */
  heap_item *heap;
  int64_t nh, cap;
} ch;

static inline double edge_len(const ch *c, int32_t e) { return sh_dist(c->t.p[c->t.V[e]], c->t.p[c->t.V[nx(e)]]); }

/* The live neighbour across half-edge e, or -1. */
static inline int32_t adj(const ch *c, int32_t e) {
  int32_t f = c->t.O[e];
  return f >= 0 && c->alive[f / 3] ? f : -1;
}
static inline int num_adj(const ch *c, int32_t k) {
  return (adj(c, 3 * k) >= 0) + (adj(c, 3 * k + 1) >= 0) + (adj(c, 3 * k + 2) >= 0);
}
static double border_len(const ch *c, int32_t k) {
  double len = 0;
  for (int j = 0; j < 3; j++)
    if (adj(c, 3 * k + j) < 0) len += edge_len(c, 3 * k + j);
  return len;
}
static double tri_area(const ch *c, int32_t k) {
  gv_pt a = c->t.p[c->t.V[3 * k]], b = c->t.p[c->t.V[3 * k + 1]], d = c->t.p[c->t.V[3 * k + 2]];
  return fabs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) / 2;
}

/* Whether the vertex at the start of half-edge e is surrounded by live
 * triangles (JTS Tri.isInteriorVertex). */
static int interior_vertex(const ch *c, int32_t e) {
  int32_t cur = e;
  int64_t guard = 3 * (int64_t)c->t.nt + 3;
  do {
    int32_t f = adj(c, cur);
    if (f < 0) return 0;
    cur = nx(f);
    if (--guard < 0) return 0;
  } while (cur != e);
  return 1;
}

/* A vertex on the boundary that is on none of the triangle's border edges. */
static int boundary_touch(const ch *c, int32_t k) {
  for (int j = 0; j < 3; j++) {
    int32_t e = 3 * k + j;
    if (adj(c, e) < 0 || adj(c, pv(e)) < 0) continue;
    if (!interior_vertex(c, e)) return 1;
  }
  return 0;
}

static int is_border(const ch *c, int32_t k) { return num_adj(c, k) < 3; }

/* With two neighbours: removing it would split the hull (its vertex
 * between the two neighbours is on the boundary). */
static int connecting(const ch *c, int32_t k) {
  for (int j = 0; j < 3; j++) {
    int32_t e = 3 * k + j;
    if (adj(c, e) >= 0 && adj(c, pv(e)) >= 0) return !interior_vertex(c, e);
  }
  return 1;
}

static int before(heap_item x, heap_item y) { /* x has lower priority than y */
  if (x.size != y.size) return x.size < y.size;
  return x.area < y.area;
}

static int heap_push(ch *c, int32_t k) {
  if (c->nh == c->cap) {
    int64_t cap = c->cap ? 2 * c->cap : 64;
    heap_item *h = gv_realloc(c->heap, (size_t)cap * sizeof(heap_item));
    if (!h) return -1;
    c->heap = h, c->cap = cap;
  }
  heap_item it = {c->size[k], tri_area(c, k), k};
  int64_t i = c->nh++;
  while (i > 0 && before(c->heap[(i - 1) / 2], it)) {
    c->heap[i] = c->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  c->heap[i] = it;
  return 0;
}

static int32_t heap_pop(ch *c) {
  int32_t top = c->heap[0].tri;
  heap_item last = c->heap[--c->nh];
  int64_t i = 0;
  for (;;) {
    int64_t l = 2 * i + 1, r = l + 1, m = i;
    heap_item best = last;
    if (l < c->nh && before(best, c->heap[l])) m = l, best = c->heap[l];
    if (r < c->nh && before(best, c->heap[r])) m = r;
    if (m == i) break;
    c->heap[i] = c->heap[m];
    i = m;
  }
  if (c->nh > 0) c->heap[i] = last;
  return top;
}

/* GEOS addBorderTri: queued when it has exactly two neighbours. */
static int add_border(ch *c, int32_t k) {
  if (k < 0 || !c->alive[k] || num_adj(c, k) != 2) return 0;
  c->size[k] = border_len(c, k);
  return heap_push(c, k);
}

/* Removes triangle k and queues its neighbours that are now on the border. */
static int remove_tri(ch *c, int32_t k) {
  int32_t nb[3];
  for (int j = 0; j < 3; j++) {
    int32_t f = adj(c, 3 * k + j);
    nb[j] = f >= 0 ? f / 3 : -1;
  }
  c->alive[k] = 0;
  for (int j = 0; j < 3; j++)
    if (add_border(c, nb[j])) return -1;
  return 0;
}

static int erode_border(ch *c, double thr) {
  c->nh = 0;
  for (int32_t k = 0; k < c->t.nt; k++)
    if (num_adj(c, k) == 2) {
      c->size[k] = border_len(c, k);
      if (heap_push(c, k)) return -1;
    }
  while (c->nh > 0) {
    int32_t k = heap_pop(c);
    if (border_len(c, k) < thr) break;
    if (c->alive[k] && num_adj(c, k) == 2 && !connecting(c, k) && remove_tri(c, k)) return -1;
  }
  return 0;
}

static int remove_hole(ch *c, int32_t hole, double thr) {
  c->nh = 0;
  if (heap_push(c, hole)) return -1;
  while (c->nh > 0) {
    int32_t k = heap_pop(c);
    if (k != hole && border_len(c, k) < thr) break;
    if (k == hole || (c->alive[k] && num_adj(c, k) == 2 && !boundary_touch(c, k)))
      if (remove_tri(c, k)) return -1;
  }
  return 0;
}

typedef struct cand {
  double size, area;
  int32_t tri;
} cand;
static int cmp_cand(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->size != b->size) return a->size < b->size ? -1 : 1;
  if (a->area != b->area) return a->area < b->area ? -1 : 1;
  return (a->tri > b->tri) - (a->tri < b->tri);
}

static int erode_holes(ch *c, double thr) {
  cand *cs = gv_malloc((size_t)(c->t.nt > 0 ? c->t.nt : 1) * sizeof(cand));
  if (!cs) return -1;
  int32_t n = 0;
  for (int32_t k = 0; k < c->t.nt; k++) {
    if (!c->alive[k] || c->size[k] < thr) continue;
    if (is_border(c, k) || boundary_touch(c, k)) continue;
    cand x = {c->size[k], tri_area(c, k), k};
    cs[n++] = x;
  }
  qsort(cs, (size_t)n, sizeof(cand), cmp_cand);
  int rc = 0;
  for (int32_t j = 0; j < n && rc == 0; j++) {
    int32_t k = cs[j].tri;
    if (!c->alive[k] || is_border(c, k) || boundary_touch(c, k)) continue;
    rc = remove_hole(c, k, thr);
  }
  gv_free(cs);
  return rc;
}

/* Source coordinates of geometry i sorted by (x, y, index), to give the
 * hull's vertices the Z and M of the first input coordinate there. */
static int cmp_src(const gv_array *a, int32_t p, int32_t q) {
  int c = sh_cmp_pt(sh_pt(a, p), sh_pt(a, q));
  return c ? c : (p > q) - (p < q);
}

static int32_t *sorted_sources(const gv_array *a, int64_t i, int32_t *count) {
  sh_pts s;
  memset(&s, 0, sizeof s);
  if (sh_collect(a, i, &s)) {
    sh_pts_free(&s);
    return NULL;
  }
  int32_t n = (int32_t)s.n;
  int32_t *v = gv_malloc((size_t)(n > 0 ? n : 1) * sizeof(int32_t));
  int32_t *tmp = gv_malloc((size_t)(n > 0 ? n : 1) * sizeof(int32_t));
  if (v && tmp) {
    memcpy(v, s.src, (size_t)n * sizeof(int32_t));
    for (int32_t w = 1; w < n; w *= 2) { /* bottom-up merge sort */
      for (int32_t lo = 0; lo < n; lo += 2 * w) {
        int32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
        int32_t x = lo, y = mid, k = lo;
        while (x < mid && y < hi) tmp[k++] = cmp_src(a, v[y], v[x]) < 0 ? v[y++] : v[x++];
        while (x < mid) tmp[k++] = v[x++];
        while (y < hi) tmp[k++] = v[y++];
      }
      memcpy(v, tmp, (size_t)n * sizeof(int32_t));
    }
  } else {
    gv_free(v);
    v = NULL;
  }
  gv_free(tmp);
  sh_pts_free(&s);
  *count = n;
  return v;
}

/* Emits point q with the Z / M of its first source coordinate. */
static void emit_vertex(gv_builder *b, const gv_array *a, const int32_t *src, int32_t n, gv_pt q) {
  int32_t lo = 0, hi = n;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    if (sh_cmp_pt(sh_pt(a, src[mid]), q) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < n && gv_pt_eq(sh_pt(a, src[lo]), q)) sh_emit(b, a, src[lo]);
  else gv_builder_coord(b, q.x, q.y, NAN, NAN);
}

/* Emits the boundary of the live triangles: one shell (counter-clockwise
 * cycle of border half-edges) and the holes (clockwise ones). */
static int emit_hull(ch *c, const gv_array *a, int64_t i, gv_builder *b) {
  int32_t ne = 3 * c->t.nt, nv = c->t.n;
  int32_t *out = gv_malloc((size_t)(nv > 0 ? nv : 1) * sizeof(int32_t));
  uint8_t *used = gv_calloc((size_t)ne + 1, 1);
  int32_t *ring = gv_malloc((size_t)(ne + 1) * sizeof(int32_t));
  int32_t *ring_start = gv_malloc((size_t)(ne + 2) * sizeof(int32_t));
  double *area = gv_malloc((size_t)(ne + 1) * sizeof(double));
  uint8_t dims = a->z || a->m ? gv_type_byte(a, i) & (GV_HAS_Z | GV_HAS_M) : 0;
  int32_t nsrc = 0, *src = dims ? sorted_sources(a, i, &nsrc) : NULL;
  int rc = -1;
  if (!out || !used || !ring || !ring_start || !area || (dims && !src)) goto done;
  for (int32_t v = 0; v < nv; v++) out[v] = -1;
  for (int32_t e = 0; e < ne; e++)
    if (c->alive[e / 3] && adj(c, e) < 0) out[c->t.V[e]] = e;
  int32_t nr = 0, len = 0, shell = -1;
  for (int32_t e0 = 0; e0 < ne; e0++) {
    if (!c->alive[e0 / 3] || adj(c, e0) >= 0 || used[e0]) continue;
    ring_start[nr] = len;
    double a2 = 0;
    int32_t e = e0;
    gv_pt o = c->t.p[c->t.V[e0]];
    while (e >= 0 && !used[e] && len < ne) {
      used[e] = 1;
      ring[len++] = c->t.V[e];
      gv_pt p = c->t.p[c->t.V[e]], q = c->t.p[c->t.V[nx(e)]];
      a2 += (p.x - o.x) * (q.y - o.y) - (q.x - o.x) * (p.y - o.y);
      e = out[c->t.V[nx(e)]];
    }
    area[nr] = a2;
    if (shell < 0 || a2 > area[shell]) shell = nr;
    nr++;
  }
  ring_start[nr] = len;
  gv_builder_begin_geom(b, (uint8_t)(GV_POLYGON | dims));
  gv_builder_begin_part(b, GV_POLYGON);
  for (int pass = 0; pass < 2; pass++)
    for (int32_t r = 0; r < nr; r++) {
      if ((r == shell) != (pass == 0)) continue;
      if (pass == 1 && !(area[r] < 0)) continue;
      gv_builder_begin_ring(b);
      /* GEOS gives the shell clockwise and holes counter-clockwise */
      for (int32_t j = ring_start[r + 1] - 1; j >= ring_start[r]; j--) emit_vertex(b, a, src, nsrc, c->t.p[ring[j]]);
      emit_vertex(b, a, src, nsrc, c->t.p[ring[ring_start[r + 1] - 1]]);
    }
  gv_builder_end_geom(b);
  rc = b->status ? -1 : 0;
done:
  gv_free(out);
  gv_free(used);
  gv_free(ring);
  gv_free(ring_start);
  gv_free(area);
  gv_free(src);
  return rc;
}

int sh_concave_hull(const gv_array *a, int64_t i, double ratio, int allow_holes, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  ch c;
  memset(&c, 0, sizeof c);
  if (sh_triangulate(a, i, &c.t)) return -1;
  int rc = -1;
  if (c.t.n == 0) {
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_end_geom(b);
    rc = b->status ? -1 : 0;
    goto done;
  }
  if (c.t.nt == 0) {
    rc = sh_convex_hull(a, i, b);
    goto done;
  }
  int32_t nt = c.t.nt;
  c.alive = gv_malloc((size_t)nt);
  c.size = gv_malloc((size_t)nt * sizeof(double));
  if (!c.alive || !c.size) goto done;
  double lmin = -1, lmax = -1;
  for (int32_t k = 0; k < nt; k++) {
    c.alive[k] = 1;
    double longest = 0;
    for (int j = 0; j < 3; j++) {
      double l = edge_len(&c, 3 * k + j);
      if (l > lmax) lmax = l;
      if (lmin < 0 || l < lmin) lmin = l;
      if (l > longest) longest = l;
    }
    c.size[k] = longest;
  }
  double thr = ratio == 0 ? 0 : ratio == 1 ? 2 * lmax : ratio * (lmax - lmin) + lmin;
  if (erode_border(&c, thr)) goto done;
  if (allow_holes && erode_holes(&c, thr)) goto done;
  rc = emit_hull(&c, a, i, b);
done:
  gv_free(c.alive);
  gv_free(c.size);
  gv_free(c.heap);
  sh_tri_free(&c.t);
  return rc;
}
