/* Linear referencing (JTS LengthIndexedLine: interpolate and project) and
 * nearest points of two geometries (JTS DistanceOp). */
#include <math.h>

#include "shape.h"

static int lineal(uint8_t t) {
  uint8_t b = GV_BASE_TYPE(t);
  return b == GV_LINESTRING || b == GV_MULTILINESTRING;
}

static double dist(gv_pt p, gv_pt q) { return sh_dist(p, q); }

static double geom_length(const gv_array *a, int64_t i) {
  double len = 0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++)
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      double part = 0; /* per line, then summed, as Geometry::getLength */
      for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k + 1 < ke; k++)
        part += dist(sh_pt(a, k), sh_pt(a, k + 1));
      len += part;
    }
  return len;
}

int sh_interpolate(const gv_array *a, int64_t i, double d, int normalized, gv_builder *b) {
  uint8_t t = gv_type_byte(a, i);
  if (!lineal(t) || isnan(d)) {
    gv_builder_null(b);
    return 0;
  }
  double total = geom_length(a, i);
  if (normalized) d *= total;
  if (d < 0) d += total;
  gv_pt out = {NAN, NAN};
  int found = 0;
  double acc = 0;
  gv_pt last = {NAN, NAN};
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe && !found; p++)
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re && !found; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      if (k1 <= k0) continue;
      if (!(d > 0.0)) { /* the start */
        out = sh_pt(a, k0);
        found = 1;
        break;
      }
      for (int32_t k = k0; k + 1 < k1; k++) {
        gv_pt p0 = sh_pt(a, k), p1 = sh_pt(a, k + 1);
        double seg = dist(p0, p1);
        if (acc + seg > d) {
          double f = (d - acc) / seg;
          if (f <= 0) out = p0;
          else if (f >= 1) out = p1;
          else out.x = (p1.x - p0.x) * f + p0.x, out.y = (p1.y - p0.y) * f + p0.y;
          found = 1;
          break;
        }
        acc += seg;
      }
      last = sh_pt(a, k1 - 1);
      if (!found && acc == d) { /* exactly the end of this line */
        out = last;
        found = 1;
      }
    }
  if (!found) out = last; /* beyond the end: the last point */
  sh_point(b, out.x, out.y);
  return b->status ? -1 : 0;
}

/* LineSegment::projectionFactor */
static double proj_factor(gv_pt p, gv_pt p0, gv_pt p1) {
  if (gv_pt_eq(p, p0)) return 0.0;
  if (gv_pt_eq(p, p1)) return 1.0;
  double dx = p1.x - p0.x, dy = p1.y - p0.y, len2 = dx * dx + dy * dy;
  if (len2 <= 0) return NAN;
  return ((p.x - p0.x) * dx + (p.y - p0.y) * dy) / len2;
}

double sh_locate(const gv_array *a, int64_t i, double x, double y, int normalized) {
  uint8_t t = gv_type_byte(a, i);
  if (!lineal(t) || isnan(x) || isnan(y)) return NAN;
  gv_pt q = {x, y};
  double min = INFINITY, at = 0, start = 0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++)
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k + 1 < ke; k++) {
        gv_pt p0 = sh_pt(a, k), p1 = sh_pt(a, k + 1);
        double d = gv_point_segment_distance(q, p0, p1), len = dist(p0, p1);
        if (d < min) {
          double f = proj_factor(q, p0, p1);
          min = d;
          at = f <= 0 ? start : f <= 1 ? start + f * len : start + len;
        }
        start += len;
      }
  if (normalized) return at / geom_length(a, i);
  return at;
}

/* ---- nearest points ------------------------------------------------------------------ */

/* Distance.segmentToSegment */
static double seg_seg_dist(gv_pt A, gv_pt B, gv_pt C, gv_pt D) {
  if (gv_pt_eq(A, B)) return gv_point_segment_distance(A, C, D);
  if (gv_pt_eq(C, D)) return gv_point_segment_distance(D, A, B);
  int none = 0;
  if (fmax(A.x, B.x) < fmin(C.x, D.x) || fmin(A.x, B.x) > fmax(C.x, D.x) || fmax(A.y, B.y) < fmin(C.y, D.y) ||
      fmin(A.y, B.y) > fmax(C.y, D.y))
    none = 1;
  else {
    double denom = (B.x - A.x) * (D.y - C.y) - (B.y - A.y) * (D.x - C.x);
    if (denom == 0) none = 1;
    else {
      double rn = (A.y - C.y) * (D.x - C.x) - (A.x - C.x) * (D.y - C.y);
      double sn = (A.y - C.y) * (B.x - A.x) - (A.x - C.x) * (B.y - A.y);
      double s = sn / denom, r = rn / denom;
      if (r < 0 || r > 1 || s < 0 || s > 1) none = 1;
    }
  }
  if (!none) return 0.0;
  return fmin(fmin(gv_point_segment_distance(A, C, D), gv_point_segment_distance(B, C, D)),
              fmin(gv_point_segment_distance(C, A, B), gv_point_segment_distance(D, A, B)));
}

/* LineSegment::closestPoint */
static gv_pt closest_point(gv_pt p, gv_pt p0, gv_pt p1) {
  double f = proj_factor(p, p0, p1);
  if (f > 0 && f < 1) {
    if (gv_pt_eq(p, p0) || gv_pt_eq(p, p1)) return p;
    gv_pt r = {p0.x + f * (p1.x - p0.x), p0.y + f * (p1.y - p0.y)};
    return r;
  }
  return dist(p0, p) < dist(p1, p) ? p0 : p1;
}

/* LineSegment::closestPoints */
static void closest_points(gv_pt p0, gv_pt p1, gv_pt q0, gv_pt q1, gv_pt out[2]) {
  gv_li_result li;
  gv_segment_intersection(p0, p1, q0, q1, &li);
  if (li.n) {
    out[0] = out[1] = li.p[0];
    return;
  }
  gv_pt c = closest_point(q0, p0, p1);
  double min = dist(c, q0), d;
  out[0] = c, out[1] = q0;
  c = closest_point(q1, p0, p1);
  if ((d = dist(c, q1)) < min) min = d, out[0] = c, out[1] = q1;
  c = closest_point(p0, q0, q1);
  if ((d = dist(c, p0)) < min) min = d, out[0] = p0, out[1] = c;
  c = closest_point(p1, q0, q1);
  if ((d = dist(c, p1)) < min) out[0] = p1, out[1] = c;
}

typedef struct near {
  double min;
  gv_pt pts[2];
} near;

/* First coordinate of each component of (b, j) inside or on a polygon of
 * (a, i): distance 0 at that point. */
static int containment(const gv_array *a, int64_t i, const gv_array *b, int64_t j, gv_pt *at) {
  uint8_t ta = gv_type_byte(a, i), tb = gv_type_byte(b, j);
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, ta, p) != GV_POLYGON || gv_part_end(a, p) <= gv_part_begin(a, p)) continue;
    for (int32_t q = gv_geom_begin(b, j), qe = gv_geom_end(b, j); q < qe; q++) {
      (void)tb;
      int32_t r = gv_part_begin(b, q);
      if (r >= gv_part_end(b, q) || gv_ring_end(b, r) <= gv_ring_begin(b, r)) continue;
      gv_pt x = sh_pt(b, gv_ring_begin(b, r));
      if (isnan(x.x)) continue;
      if (gv_locate_in_polygon(a, p, x.x, x.y) != GV_LOC_EXTERIOR) {
        *at = x;
        return 1;
      }
    }
  }
  return 0;
}

/* Runs of one geometry's linework (lines and rings) or of its points. */
static void facet_lines_lines(const gv_array *a, int64_t i, const gv_array *b, int64_t j, near *n) {
  uint8_t ta = gv_type_byte(a, i), tb = gv_type_byte(b, j);
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, ta, p) == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      for (int32_t q = gv_geom_begin(b, j), qe = gv_geom_end(b, j); q < qe; q++) {
        if (gv_part_kind(b, tb, q) == GV_POINT) continue;
        for (int32_t s = gv_part_begin(b, q), se = gv_part_end(b, q); s < se; s++)
          for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k + 1 < ke; k++) {
            gv_pt p0 = sh_pt(a, k), p1 = sh_pt(a, k + 1);
            for (int32_t m = gv_ring_begin(b, s), me = gv_ring_end(b, s); m + 1 < me; m++) {
              gv_pt q0 = sh_pt(b, m), q1 = sh_pt(b, m + 1);
              double d = seg_seg_dist(p0, p1, q0, q1);
              if (d < n->min) {
                n->min = d;
                closest_points(p0, p1, q0, q1, n->pts);
              }
            }
          }
      }
  }
}

static void facet_lines_points(const gv_array *a, int64_t i, const gv_array *b, int64_t j, near *n, int swap) {
  uint8_t ta = gv_type_byte(a, i), tb = gv_type_byte(b, j);
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, ta, p) == GV_POINT) continue;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      for (int32_t q = gv_geom_begin(b, j), qe = gv_geom_end(b, j); q < qe; q++) {
        if (gv_part_kind(b, tb, q) != GV_POINT) continue;
        int32_t s = gv_part_begin(b, q);
        if (s >= gv_part_end(b, q) || gv_ring_end(b, s) <= gv_ring_begin(b, s)) continue;
        gv_pt x = sh_pt(b, gv_ring_begin(b, s));
        if (isnan(x.x)) continue;
        for (int32_t k = gv_ring_begin(a, r), ke = gv_ring_end(a, r); k + 1 < ke; k++) {
          gv_pt p0 = sh_pt(a, k), p1 = sh_pt(a, k + 1);
          double d = gv_point_segment_distance(x, p0, p1);
          if (d < n->min) {
            n->min = d;
            gv_pt c = closest_point(x, p0, p1);
            n->pts[swap] = c;
            n->pts[1 - swap] = x;
          }
        }
      }
  }
}

static void points_points(const gv_array *a, int64_t i, const gv_array *b, int64_t j, near *n) {
  uint8_t ta = gv_type_byte(a, i), tb = gv_type_byte(b, j);
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, ta, p) != GV_POINT) continue;
    gv_pt x = sh_pt(a, gv_ring_begin(a, gv_part_begin(a, p)));
    if (isnan(x.x)) continue;
    for (int32_t q = gv_geom_begin(b, j), qe = gv_geom_end(b, j); q < qe; q++) {
      if (gv_part_kind(b, tb, q) != GV_POINT) continue;
      gv_pt y = sh_pt(b, gv_ring_begin(b, gv_part_begin(b, q)));
      if (isnan(y.x)) continue;
      double d = dist(x, y);
      if (d < n->min) n->min = d, n->pts[0] = x, n->pts[1] = y;
    }
  }
}

int sh_nearest_points(const gv_array *a, int64_t i, const gv_array *b, int64_t j, gv_pt out[2]) {
  if (gv_is_null(a, i) || gv_is_null(b, j) || sh_dimension(a, i) < 0 || sh_dimension(b, j) < 0) return 0;
  gv_pt at;
  if (containment(a, i, b, j, &at) || containment(b, j, a, i, &at)) {
    out[0] = out[1] = at;
    return 1;
  }
  near n = {INFINITY, {{NAN, NAN}, {NAN, NAN}}};
  facet_lines_lines(a, i, b, j, &n);
  if (n.min > 0) facet_lines_points(a, i, b, j, &n, 0);
  if (n.min > 0) facet_lines_points(b, j, a, i, &n, 1);
  if (n.min > 0) points_points(a, i, b, j, &n);
  if (isnan(n.pts[0].x)) return 0;
  out[0] = n.pts[0], out[1] = n.pts[1];
  return 1;
}
