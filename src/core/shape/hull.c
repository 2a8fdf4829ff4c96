/* Convex hull (monotone chain with exact orientation, collinear points
 * dropped), minimum-area rectangle (rotating over the hull's edges) and
 * minimum bounding circle (Welzl's algorithm over the hull's vertices). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shape.h"

/* gv_orient behind an inline floating-point filter (Shewchuk's first error
 * bound): most hull turns are decided without the call. */
static inline int orient(gv_pt a, gv_pt b, gv_pt c) {
  double l = (b.x - a.x) * (c.y - a.y), r = (b.y - a.y) * (c.x - a.x), det = l - r;
  double bound = 3.3306690738754716e-16 * (fabs(l) + fabs(r));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return gv_orient(a.x, a.y, b.x, b.y, c.x, c.y);
}

/* Lexicographic order (as sh_cmp_pt) as a "less than", inline. */
static inline int pt_less(gv_pt a, gv_pt b) { return a.x < b.x || (a.x == b.x && a.y < b.y); }

/* Sorts p[0, m) lexicographically: quicksort (median of three, the smaller
 * side recursed) down to runs of 24, finished by insertion sort. Equal
 * points are equal values, so the result is the same sequence as any
 * other sort's. */
static void sort_pts(gv_pt *p, int64_t m) {
  while (m > 24) {
    int64_t mid = m / 2;
    gv_pt a = p[0], b = p[mid], c = p[m - 1], piv;
    if (pt_less(a, b)) piv = pt_less(b, c) ? b : pt_less(a, c) ? c : a;
    else piv = pt_less(a, c) ? a : pt_less(b, c) ? c : b;
    int64_t i = 0, j = m - 1;
    for (;;) { /* Hoare partition around the pivot's value */
      while (pt_less(p[i], piv)) i++;
      while (pt_less(piv, p[j])) j--;
      if (i >= j) break;
      gv_pt t = p[i];
      p[i] = p[j], p[j] = t;
      i++, j--;
    }
    int64_t left = j + 1; /* p[0, left) <= pivot <= p[left, m) */
    if (left < m - left) {
      sort_pts(p, left);
      p += left, m -= left;
    } else {
      sort_pts(p + left, m - left);
      m = left;
    }
  }
  for (int64_t k = 1; k < m; k++) { /* insertion sort */
    gv_pt v = p[k];
    int64_t j = k;
    while (j > 0 && pt_less(v, p[j - 1])) p[j] = p[j - 1], j--;
    p[j] = v;
  }
}

/* Sorts p[0, m) as sort_pts, using tmp[0, m): the runs already in order
 * (a descending run is reversed) are merged, so a polygon's ring, made of
 * few x-monotone chains, sorts in about linear time; too many runs go to
 * sort_pts. */
#define MAX_RUNS 16
static void sort_pts_runs(gv_pt *p, int64_t m, gv_pt *tmp) {
  if (m <= 24) {
    sort_pts(p, m);
    return;
  }
  int64_t st[MAX_RUNS + 1];
  int nr = 0;
  for (int64_t k = 0; k < m;) {
    if (nr == MAX_RUNS) {
      sort_pts(p, m);
      return;
    }
    int64_t s = k++;
    if (k < m && pt_less(p[k], p[k - 1])) {
      while (k < m && pt_less(p[k], p[k - 1])) k++;
      for (int64_t i = s, j = k - 1; i < j; i++, j--) {
        gv_pt t = p[i];
        p[i] = p[j], p[j] = t;
      }
    } else {
      while (k < m && !pt_less(p[k], p[k - 1])) k++;
    }
    st[nr++] = s;
  }
  st[nr] = m;
  gv_pt *src = p, *dst = tmp;
  while (nr > 1) {
    int nn = 0;
    for (int r = 0; r < nr; r += 2) {
      int64_t a = st[r], b = st[r + 1], e = r + 1 < nr ? st[r + 2] : st[r + 1];
      int64_t i = a, j = b, o = a;
      while (i < b && j < e) dst[o++] = pt_less(src[j], src[i]) ? src[j++] : src[i++];
      while (i < b) dst[o++] = src[i++];
      while (j < e) dst[o++] = src[j++];
      st[nn++] = a;
    }
    st[nn] = m;
    nr = nn;
    gv_pt *t = src;
    src = dst, dst = t;
  }
  if (src != p) memcpy(p, src, (size_t)m * sizeof(gv_pt));
}

/* Points kept on the stack by hull_points (larger inputs are allocated). */
#define HULL_STACK 128
#define HULL_STACK_PTS (3 * HULL_STACK + 2)
/* Inputs larger than this are filtered (Akl-Toussaint) before sorting. */
#define HULL_FILTER 64

/* The hull of geometry i, counter-clockwise from the lowest point in
 * (x, y) order, not closed, in *h (*n points: 0 empty, 1 a point, 2 a
 * segment, else a polygon; -1: one point repeated). *h is the caller's
 * stack (HULL_STACK_PTS points) or gv_malloc'd: release with hull_release.
 *
 * Akl-Toussaint: the points strictly inside the quadrilateral of the four
 * axis extremes (exact orientation) are no hull vertices and are dropped
 * before sorting; the lowest and highest points in (x, y) order are hull
 * vertices and always stay, so the monotone chain below gives the same
 * hull as over all the points. */
static int hull_points(const gv_array *a, int64_t i, gv_pt *stack, gv_pt **h, int64_t *n) {
  *h = stack;
  *n = 0;
  /* the non-empty coordinates of the geometry (one contiguous run) */
  int64_t k0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  int64_t k1 = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
  if (k1 <= k0) return 0;
  int64_t cnt = k1 - k0;
  gv_pt *p = stack;
  if (cnt > HULL_STACK) {
    p = gv_malloc((size_t)(3 * cnt + 2) * sizeof(gv_pt));
    if (!p) return -1;
    *h = p;
  }
  int64_t m = 0;
  const double *x = a->x, *y = a->y;
  const int64_t st = a->stride;
  for (int64_t k = k0; k < k1; k++) {
    gv_pt q = {x[k * st], y[k * st]};
    p[m] = q;
    m += !isnan(q.x) && !isnan(q.y);
  }
  if (!m) return 0;
  int64_t total = m;
  if (m > HULL_FILTER) {
    int64_t il = 0, ir = 0, ib = 0, it = 0;
    for (int64_t k = 1; k < m; k++) {
      if (p[k].x < p[il].x) il = k;
      if (p[k].x > p[ir].x) ir = k;
      if (p[k].y < p[ib].y) ib = k;
      if (p[k].y > p[it].y) it = k;
    }
    /* the extremes in counter-clockwise order, repeated ones once */
    gv_pt e[4];
    int ne = 0;
    int64_t ix[4] = {il, ib, ir, it};
    for (int k = 0; k < 4; k++)
      if (!ne || !gv_pt_eq(p[ix[k]], e[ne - 1])) e[ne++] = p[ix[k]];
    if (ne > 1 && gv_pt_eq(e[0], e[ne - 1])) ne--;
    if (ne >= 3) {
      int64_t u = 0;
      for (int64_t k = 0; k < m; k++) {
        gv_pt q = p[k];
        int in = orient(e[0], e[1], q) > 0 && orient(e[1], e[2], q) > 0 &&
                 (ne == 3 ? orient(e[2], e[0], q) > 0 : orient(e[2], e[3], q) > 0 && orient(e[3], e[0], q) > 0);
        if (!in) p[u++] = q;
      }
      m = u;
    }
  }
  sort_pts_runs(p, m, p + m);
  int64_t u = 0;
  for (int64_t k = 0; k < m; k++)
    if (!u || !gv_pt_eq(p[k], p[u - 1])) p[u++] = p[k];
  m = u;
  if (m <= 2) {
    *n = m;
    /* GEOS's minimum bounding circle finds no points in a hull that is one
     * point repeated (it strips the "closing" point): flagged by -1 */
    if (m == 1 && total > 1) *n = -1;
    return 0;
  }
  gv_pt *out = p + m; /* room for 2m + 1 after the m sorted points */
  int64_t k = 0;
  for (int64_t j = 0; j < m; j++) { /* lower chain */
    while (k >= 2 && orient(out[k - 2], out[k - 1], p[j]) <= 0) k--;
    out[k++] = p[j];
  }
  for (int64_t j = m - 2, lo = k + 1; j >= 0; j--) { /* upper chain */
    while (k >= lo && orient(out[k - 2], out[k - 1], p[j]) <= 0) k--;
    out[k++] = p[j];
  }
  k--; /* the first point again */
  if (k < 3) { /* collinear: the two extreme points */
    out[0] = p[0];
    out[1] = p[m - 1];
    k = 2;
  }
  memmove(*h, out, (size_t)k * sizeof(gv_pt));
  *n = k;
  return 0;
}

static void hull_release(gv_pt *stack, gv_pt *h) {
  if (h != stack) gv_free(h);
}

static void emit_ring(gv_builder *b, const gv_pt *h, int64_t n) {
  gv_builder_begin_ring(b);
  if (b->stride != 2) {
    for (int64_t k = 0; k < n; k++) gv_builder_coord(b, h[k].x, h[k].y, NAN, NAN);
    gv_builder_coord(b, h[0].x, h[0].y, NAN, NAN);
    return;
  }
  double *d = gv_builder_coords_alloc(b, n + 1);
  if (!d) return;
  memcpy(d, h, (size_t)n * sizeof(gv_pt));
  d[2 * n] = h[0].x, d[2 * n + 1] = h[0].y;
}

static void emit_hull_like(gv_builder *b, const gv_pt *h, int64_t n, int empty_polygon) {
  if (n == 0) {
    if (empty_polygon) {
      gv_builder_begin_geom(b, GV_POLYGON);
      gv_builder_begin_part(b, GV_POLYGON);
    } else {
      gv_builder_begin_geom(b, GV_GEOMETRYCOLLECTION);
      gv_builder_token(b, GV_GEOMETRYCOLLECTION, 0);
    }
  } else if (n == 1) {
    gv_builder_begin_geom(b, GV_POINT);
    gv_builder_begin_part(b, GV_POINT);
    gv_builder_begin_ring(b);
    gv_builder_coord(b, h[0].x, h[0].y, NAN, NAN);
  } else if (n == 2) {
    gv_builder_begin_geom(b, GV_LINESTRING);
    gv_builder_begin_part(b, GV_LINESTRING);
    gv_builder_begin_ring(b);
    gv_builder_coord(b, h[0].x, h[0].y, NAN, NAN);
    gv_builder_coord(b, h[1].x, h[1].y, NAN, NAN);
  } else {
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    emit_ring(b, h, n);
  }
  gv_builder_end_geom(b);
}

int sh_convex_hull(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  gv_pt *h;
  int64_t n;
  gv_pt stack[HULL_STACK_PTS];
  if (hull_points(a, i, stack, &h, &n)) return -1;
  emit_hull_like(b, h, n < 0 ? 1 : n, 0);
  hull_release(stack, h);
  return b->status ? -1 : 0;
}

int sh_oriented_envelope(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  gv_pt *h;
  int64_t n;
  gv_pt stack[HULL_STACK_PTS];
  if (hull_points(a, i, stack, &h, &n)) return -1;
  if (n < 0) n = 1;
  if (n < 3) {
    emit_hull_like(b, h, n, 1);
    hull_release(stack, h);
    return b->status ? -1 : 0;
  }
  /* every edge direction of the hull; the extents are found by scanning
   * (O(h^2) in the hull's size h, which is small in practice) */
  double best = INFINITY;
  gv_pt rect[4] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
  for (int64_t e = 0; e < n; e++) {
    gv_pt p0 = h[e], p1 = h[(e + 1) % n];
    double dx = p1.x - p0.x, dy = p1.y - p0.y, len = hypot(dx, dy);
    if (!(len > 0)) continue;
    double ux = dx / len, uy = dy / len; /* along the edge */
    double vx = -uy, vy = ux;             /* inwards (the hull is CCW) */
#define U(k) ((h[k].x - p0.x) * ux + (h[k].y - p0.y) * uy)
#define V(k) ((h[k].x - p0.x) * vx + (h[k].y - p0.y) * vy)
    double area;
    {
      double u0 = INFINITY, u1 = -INFINITY, v1 = -INFINITY;
      for (int64_t k = 0; k < n; k++) {
        double uu = U(k), vv = V(k);
        if (uu < u0) u0 = uu;
        if (uu > u1) u1 = uu;
        if (vv > v1) v1 = vv;
      }
      area = (u1 - u0) * v1;
      if (area < best) {
        best = area;
        rect[0] = (gv_pt){p0.x + ux * u0, p0.y + uy * u0};
        rect[1] = (gv_pt){p0.x + ux * u1, p0.y + uy * u1};
        rect[2] = (gv_pt){p0.x + ux * u1 + vx * v1, p0.y + uy * u1 + vy * v1};
        rect[3] = (gv_pt){p0.x + ux * u0 + vx * v1, p0.y + uy * u0 + vy * v1};
      }
    }
#undef U
#undef V
  }
  hull_release(stack, h);
  gv_builder_begin_geom(b, GV_POLYGON);
  gv_builder_begin_part(b, GV_POLYGON);
  emit_ring(b, rect, 4);
  gv_builder_end_geom(b);
  return b->status ? -1 : 0;
}

/* ---- minimum bounding circle ------------------------------------------------------- */

typedef struct circle {
  gv_pt c;
  double r;
} circle;

static circle circle2(gv_pt a, gv_pt b) {
  circle c = {{(a.x + b.x) / 2, (a.y + b.y) / 2}, 0};
  c.r = fmax(hypot(a.x - c.c.x, a.y - c.c.y), hypot(b.x - c.c.x, b.y - c.c.y));
  return c;
}

static circle circle3(gv_pt a, gv_pt b, gv_pt c) {
  double bx = b.x - a.x, by = b.y - a.y, cx = c.x - a.x, cy = c.y - a.y;
  double d = 2 * (bx * cy - by * cx);
  if (gv_orient(a.x, a.y, b.x, b.y, c.x, c.y) == 0 || d == 0) {
    circle s = circle2(a, b), t = circle2(a, c), u = circle2(b, c);
    circle m = s.r >= t.r ? s : t;
    return m.r >= u.r ? m : u;
  }
  double b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
  circle o = {{a.x + (cy * b2 - by * c2) / d, a.y + (bx * c2 - cx * b2) / d}, 0};
  o.r = fmax(hypot(a.x - o.c.x, a.y - o.c.y), fmax(hypot(b.x - o.c.x, b.y - o.c.y), hypot(c.x - o.c.x, c.y - o.c.y)));
  return o;
}

static int in_circle(circle c, gv_pt p) { return hypot(p.x - c.c.x, p.y - c.c.y) <= c.r * (1 + 1e-14); }

/* Welzl's algorithm, iterative form, over the hull vertices in a fixed
 * pseudo-random order (expected linear time). */
static int mbc_of(const gv_array *a, int64_t i, circle *out) {
  gv_pt *h;
  int64_t n;
  gv_pt stack[HULL_STACK_PTS];
  if (hull_points(a, i, stack, &h, &n)) return -1;
  if (n <= 0) {
    hull_release(stack, h);
    if (n < 0) { /* as GEOS: no circle, radius 0 */
      out->c.x = out->c.y = NAN;
      out->r = 0;
      return 2;
    }
    return 0;
  }
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  for (int64_t k = n - 1; k > 0; k--) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    int64_t j = (int64_t)((seed >> 33) % (uint64_t)(k + 1));
    gv_pt t = h[k];
    h[k] = h[j];
    h[j] = t;
  }
  circle c = {h[0], 0};
  for (int64_t p = 1; p < n; p++) {
    if (in_circle(c, h[p])) continue;
    c = (circle){h[p], 0};
    for (int64_t q = 0; q < p; q++) {
      if (in_circle(c, h[q])) continue;
      c = circle2(h[p], h[q]);
      for (int64_t s = 0; s < q; s++)
        if (!in_circle(c, h[s])) c = circle3(h[p], h[q], h[s]);
    }
  }
  hull_release(stack, h);
  *out = c;
  return 1;
}

double sh_mbc_radius(const gv_array *a, int64_t i, int *nomem) {
  if (gv_is_null(a, i)) return NAN;
  circle c;
  int r = mbc_of(a, i, &c);
  if (r < 0) *nomem = 1;
  return r >= 1 ? c.r : NAN;
}

int sh_mbc(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  circle c;
  int r = mbc_of(a, i, &c);
  if (r < 0) return -1;
  if (r == 0 || r == 2) {
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_end_geom(b);
  } else if (c.r == 0) {
    sh_point(b, c.c.x, c.c.y);
  } else {
    /* the circle as GEOS buffers a point: 32 segments, clockwise from east */
    gv_builder_begin_geom(b, GV_POLYGON);
    gv_builder_begin_part(b, GV_POLYGON);
    gv_builder_begin_ring(b);
    const double inc = 2.0 * 3.14159265358979323846 / 32;
    for (int k = 0; k < 32; k++) {
      double ang = -(double)k * inc;
      gv_builder_coord(b, c.c.x + c.r * cos(ang), c.c.y + c.r * sin(ang), NAN, NAN);
    }
    gv_builder_coord(b, c.c.x + c.r, c.c.y, NAN, NAN);
    gv_builder_end_geom(b);
  }
  return b->status ? -1 : 0;
}
