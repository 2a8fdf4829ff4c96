/* Centroid (JTS Centroid: the centroid of the highest-dimension
 * components, areas by triangles from a base point) and interior point
 * (JTS InteriorPointArea / Line / Point). */
#include <math.h>
#include <stdlib.h>

#include "shape.h"

typedef struct cent {
  int has_base;
  gv_pt base;
  double area2, cx3, cy3; /* sums of signed double areas and area-weighted centroids * 3 */
  double len, lx, ly;     /* total length and length-weighted midpoints */
  double npt, px, py;
} cent;

static void add_point(cent *c, gv_pt p) {
  c->npt += 1;
  c->px += p.x;
  c->py += p.y;
}

static void add_segments(cent *c, const gv_array *a, int32_t k0, int32_t k1) {
  double line_len = 0;
  for (int32_t k = k0; k + 1 < k1; k++) {
    gv_pt p = sh_pt(a, k), q = sh_pt(a, k + 1);
    double d = sh_dist(p, q);
    if (d == 0.0) continue;
    line_len += d;
    c->lx += d * ((p.x + q.x) / 2.0);
    c->ly += d * ((p.y + q.y) / 2.0);
  }
  c->len += line_len;
  if (line_len == 0.0 && k1 > k0) add_point(c, sh_pt(a, k0));
}

static void add_ring(cent *c, const gv_array *a, int32_t k0, int32_t k1, int hole) {
  if (k1 <= k0) return;
  if (!c->has_base) c->has_base = 1, c->base = sh_pt(a, k0);
  int ccw = sh_ring_is_ccw(a, k0, k1);
  int positive = hole ? ccw : !ccw;
  double sign = positive ? 1.0 : -1.0;
  gv_pt p0 = c->base;
  for (int32_t k = k0; k + 1 < k1; k++) {
    gv_pt p1 = sh_pt(a, k), p2 = sh_pt(a, k + 1);
    double tx = p0.x + p1.x + p2.x, ty = p0.y + p1.y + p2.y;
    double area2 = (p1.x - p0.x) * (p2.y - p0.y) - (p2.x - p0.x) * (p1.y - p0.y);
    c->cx3 += sign * area2 * tx;
    c->cy3 += sign * area2 * ty;
    c->area2 += sign * area2;
  }
  add_segments(c, a, k0, k1);
}

int sh_centroid_xy(const gv_array *a, int64_t i, gv_pt *out) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return 0;
  cent c = {0};
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++) {
    uint8_t kind = gv_part_kind(a, t, p);
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    if (r0 >= r1) continue;
    if (kind == GV_POINT) {
      gv_pt q = sh_pt(a, gv_ring_begin(a, r0));
      if (!isnan(q.x)) add_point(&c, q);
    } else if (kind == GV_LINESTRING) {
      add_segments(&c, a, gv_ring_begin(a, r0), gv_ring_end(a, r0));
    } else {
      if (gv_ring_end(a, r0) <= gv_ring_begin(a, r0)) continue; /* empty polygon */
      c.has_base = 0; /* each polygon from its own first point, as GEOS 3.13 */
      for (int32_t r = r0; r < r1; r++) add_ring(&c, a, gv_ring_begin(a, r), gv_ring_end(a, r), r > r0);
    }
  }
  if (fabs(c.area2) > 0.0) {
    out->x = c.cx3 / 3.0 / c.area2;
    out->y = c.cy3 / 3.0 / c.area2;
  } else if (c.len > 0.0) {
    out->x = c.lx / c.len;
    out->y = c.ly / c.len;
  } else if (c.npt > 0) {
    out->x = c.px / c.npt;
    out->y = c.py / c.npt;
  } else {
    return 0;
  }
  return 1;
}

int sh_centroid(const gv_array *a, int64_t i, gv_builder *b) {
  if (gv_is_null(a, i)) {
    gv_builder_null(b);
    return 0;
  }
  gv_pt c;
  if (!sh_centroid_xy(a, i, &c)) c.x = c.y = NAN;
  sh_point(b, c.x, c.y);
  return b->status ? -1 : 0;
}

/* ---- interior point --------------------------------------------------------------- */

static int cmp_double(const void *x, const void *y) {
  double u = *(const double *)x, v = *(const double *)y;
  return (u > v) - (u < v);
}

typedef struct ipa {
  int found;
  gv_pt pt;
  double width;
  double *xs;
  size_t nxs, cap;
} ipa;

static int push_x(ipa *s, double x) {
  if (s->nxs == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 32;
    double *n = gv_realloc(s->xs, cap * sizeof(double));
    if (!n) return -1;
    s->xs = n, s->cap = cap;
  }
  s->xs[s->nxs++] = x;
  return 0;
}

/* One polygon part (InteriorPointArea.processPolygon). */
static int ipa_polygon(ipa *s, const gv_array *a, int32_t p) {
  int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
  if (r0 >= r1 || gv_ring_end(a, r0) <= gv_ring_begin(a, r0)) return 0;
  int32_t s0 = gv_ring_begin(a, r0), s1 = gv_ring_end(a, r0);
  double miny = INFINITY, maxy = -INFINITY, minx = INFINITY, maxx = -INFINITY;
  for (int32_t k = s0; k < s1; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
  }
  /* the scan line: halfway between the vertex ordinates nearest the
   * middle of the shell's height, so that it passes through no vertex */
  double centre = (miny + maxy) / 2.0, hi = maxy, lo = miny;
  (void)minx, (void)maxx;
  for (int32_t r = r0; r < r1; r++)
    for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k < ke; k++) {
      double y = GV_Y(a, k);
      if (y <= centre) {
        if (y > lo) lo = y;
      } else if (y < hi) {
        hi = y;
      }
    }
  double sy = (hi + lo) / 2.0;
  s->nxs = 0;
  for (int32_t r = r0; r < r1; r++)
    for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k + 1 < ke; k++) {
      gv_pt q0 = sh_pt(a, k), q1 = sh_pt(a, k + 1);
      if (q0.y == q1.y) continue;
      if (q0.y == sy && q1.y < sy) continue;
      if (q1.y == sy && q0.y < sy) continue;
      if (sy < fmin(q0.y, q1.y) || sy > fmax(q0.y, q1.y)) continue;
      double x;
      if (q0.x == q1.x) x = q0.x;
      else {
        double m = (q1.y - q0.y) / (q1.x - q0.x);
        x = q0.x + (sy - q0.y) / m;
      }
      if (push_x(s, x)) return -1;
    }
  /* the middle of the widest interior section (the first vertex when the
   * polygon has no height) */
  gv_pt pt = sh_pt(a, s0);
  double width = 0;
  if (s->nxs) qsort(s->xs, s->nxs, sizeof(double), cmp_double);
  for (size_t k = 0; k + 1 < s->nxs; k += 2) {
    double w = s->xs[k + 1] - s->xs[k];
    if (w > width) {
      width = w;
      pt.x = (s->xs[k] + s->xs[k + 1]) / 2.0;
      pt.y = sy;
    }
  }
  if (!s->found || width > s->width) {
    s->found = 1;
    s->pt = pt;
    s->width = width;
  }
  return 0;
}

int sh_point_on_surface(const gv_array *a, int64_t i, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) {
    gv_builder_null(b);
    return 0;
  }
  /* the dimension counts empty components, as Geometry::getDimension */
  int dim = sh_dimension_all(a, i);
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  gv_pt best = {NAN, NAN};
  if (dim == 2) {
    ipa s = {0};
    for (int32_t p = p0; p < p1; p++)
      if (gv_part_kind(a, t, p) == GV_POLYGON && ipa_polygon(&s, a, p)) {
        gv_free(s.xs);
        return -1;
      }
    gv_free(s.xs);
    if (s.found) best = s.pt;
  } else if (dim >= 0) {
    gv_pt c = {NAN, NAN};
    sh_centroid_xy(a, i, &c);
    double min = INFINITY;
    int found = 0;
    /* lines: interior vertices first, else endpoints; points: every point */
    for (int pass = 0; pass < 2 && !found; pass++)
      for (int32_t p = p0; p < p1; p++) {
        uint8_t kind = gv_part_kind(a, t, p);
        if ((dim == 1) != (kind == GV_LINESTRING) || kind == GV_POLYGON) continue;
        int32_t r = gv_part_begin(a, p);
        if (r >= gv_part_end(a, p)) continue;
        int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
        for (int32_t k = k0; k < k1; k++) {
          int interior = k > k0 && k < k1 - 1;
          if (dim == 1 && (pass == 0) != interior) continue;
          if (dim == 0 && pass == 1) continue;
          gv_pt q = sh_pt(a, k);
          if (isnan(q.x)) continue;
          double d = sh_dist(q, c);
          if (!found || d < min) min = d, best = q, found = 1;
        }
      }
  }
  sh_point(b, best.x, best.y);
  return b->status ? -1 : 0;
}
