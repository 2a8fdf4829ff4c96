/* Discrete Hausdorff and Frechet distances, as GEOS computes them.
 *
 * Hausdorff: the larger of the two directed distances; the directed
 * distance from A to B is the largest, over A's vertices (and with densify,
 * the points that split each of A's segments into round(1 / densify) equal
 * pieces), of the distance to B's nearest point or segment (polygons by
 * their rings: a point inside a polygon is not at distance 0). A segment's
 * nearest point is the projection when it falls strictly inside, else the
 * nearer end (LineSegment.closestPoint), and the distance is measured to it.
 *
 * Frechet: the discrete Frechet distance (Eiter & Mannila) between the
 * sequences of all vertices of each geometry in order, densified the same
 * way along the whole sequence, computed one row at a time. */
#include <math.h>

#include "algorithm/segment.h"
#include "measure.h"

static double pt_dist(double ax, double ay, double bx, double by) {
  double dx = ax - bx, dy = ay - by;
  return sqrt(dx * dx + dy * dy);
}

/* Distance from p to its closest point on segment a-b. */
static double closest_dist(double px, double py, double ax, double ay, double bx, double by) {
  if (px == ax && py == ay) return 0.0;
  if (px == bx && py == by) return 0.0;
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  if (len2 > 0) {
    double r = ((px - ax) * dx + (py - ay) * dy) / len2;
    if (r > 0 && r < 1) return pt_dist(ax + r * dx, ay + r * dy, px, py);
  }
  double d0 = pt_dist(ax, ay, px, py), d1 = pt_dist(bx, by, px, py);
  return d0 < d1 ? d0 : d1;
}

/* Distance from (x, y) to geometry j of b (its points and linework);
 * gives up (returns what it has) once below `enough`. */
static double to_geom(const gv_array *b, int64_t j, double x, double y, double enough) {
  double best = INFINITY;
  int32_t r0 = gv_part_begin(b, gv_geom_begin(b, j)), r1 = gv_part_begin(b, gv_geom_end(b, j));
  for (int32_t r = r0; r < r1; r++) {
    int32_t k = gv_ring_begin(b, r), e = gv_ring_end(b, r);
    if (e - k == 1) {
      double d = pt_dist(GV_X(b, k), GV_Y(b, k), x, y);
      if (d < best) best = d; /* NaN (an empty point) never wins */
    }
    for (; k + 1 < e; k++) {
      double ax = GV_X(b, k), ay = GV_Y(b, k), bx = GV_X(b, k + 1), by = GV_Y(b, k + 1);
      /* box gap: a lower bound of the distance */
      double gx = fmax(fmax(ax, bx) < x ? x - fmax(ax, bx) : 0, fmin(ax, bx) > x ? fmin(ax, bx) - x : 0);
      double gy = fmax(fmax(ay, by) < y ? y - fmax(ay, by) : 0, fmin(ay, by) > y ? fmin(ay, by) - y : 0);
      if ((gx * gx + gy * gy) > best * best * (1 + 1e-9)) continue;
      double d = closest_dist(x, y, ax, ay, bx, by);
      if (d < best) best = d;
    }
    if (best < enough) return best;
  }
  return best;
}

static double sub_count(double densify) { return densify > 0 ? floor(1.0 / densify + 0.5) : 0; }

/* Directed distance from a_i to b_j; `floor_` is the largest distance
 * found so far (a point closer than it cannot raise the maximum). */
static double directed(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double densify, double floor_) {
  double worst = floor_;
  double subs = sub_count(densify);
  int32_t r0 = gv_part_begin(a, gv_geom_begin(a, i)), r1 = gv_part_begin(a, gv_geom_end(a, i));
  for (int32_t r = r0; r < r1; r++) {
    int32_t k0 = gv_ring_begin(a, r), e = gv_ring_end(a, r);
    for (int32_t k = k0; k < e; k++) {
      double x = GV_X(a, k), y = GV_Y(a, k);
      if (isnan(x) || isnan(y)) continue;
      double d = to_geom(b, j, x, y, worst);
      if (d > worst) worst = d;
      if (subs > 1 && k > k0) {
        double px = GV_X(a, k - 1), py = GV_Y(a, k - 1);
        double dx = (x - px) / subs, dy = (y - py) / subs;
        for (double s = 1; s < subs; s++) {
          double sx = px + s * dx, sy = py + s * dy;
          d = to_geom(b, j, sx, sy, worst);
          if (d > worst) worst = d;
        }
      }
    }
  }
  return worst;
}

double gv_hausdorff(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double densify) {
  if (!gv_geom_has_coords(a, i) || !gv_geom_has_coords(b, j)) return NAN;
  double d = directed(a, i, b, j, densify, 0.0);
  return directed(b, j, a, i, densify, d);
}

/* ---- Frechet ---- */

typedef struct seq {
  const gv_array *a;
  int32_t *k; /* coordinate indexes of the vertices, NaN ones left out */
  int64_t n;  /* vertices */
  int64_t subs;
  int64_t size; /* densified points */
} seq;

static int seq_init(seq *s, const gv_array *a, int64_t i, double densify) {
  int32_t k0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  int32_t k1 = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
  s->a = a;
  s->k = gv_malloc((size_t)(k1 - k0 + 1) * sizeof(int32_t));
  if (!s->k) return -1;
  s->n = 0;
  for (int32_t k = k0; k < k1; k++)
    if (!isnan(GV_X(a, k)) && !isnan(GV_Y(a, k))) s->k[s->n++] = k;
  s->subs = densify > 0 ? (int64_t)sub_count(densify) : 0;
  s->size = s->subs > 0 ? s->subs * (s->n - 1) + 1 : s->n;
  return 0;
}

static void seq_at(const seq *s, int64_t idx, double *x, double *y) {
  const gv_array *a = s->a;
  if (s->subs <= 0) {
    *x = GV_X(a, s->k[idx]), *y = GV_Y(a, s->k[idx]);
    return;
  }
  int64_t v = idx / s->subs, w = idx % s->subs;
  if (v >= s->n - 1) {
    *x = GV_X(a, s->k[s->n - 1]), *y = GV_Y(a, s->k[s->n - 1]);
    return;
  }
  double x0 = GV_X(a, s->k[v]), y0 = GV_Y(a, s->k[v]), x1 = GV_X(a, s->k[v + 1]), y1 = GV_Y(a, s->k[v + 1]);
  double dx = (x1 - x0) / (double)s->subs, dy = (y1 - y0) / (double)s->subs;
  *x = x0 + (double)w * dx, *y = y0 + (double)w * dy;
}

double gv_frechet(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double densify) {
  if (!gv_geom_has_coords(a, i) || !gv_geom_has_coords(b, j)) return NAN;
  seq p, q;
  if (seq_init(&p, a, i, densify)) return -2;
  if (seq_init(&q, b, j, densify)) {
    gv_free(p.k);
    return -2;
  }
  double *row = gv_malloc((size_t)q.size * sizeof(double));
  double *qx = gv_malloc((size_t)q.size * sizeof(double)), *qy = gv_malloc((size_t)q.size * sizeof(double));
  double result = -2;
  if (row && qx && qy) {
    for (int64_t v = 0; v < q.size; v++) seq_at(&q, v, &qx[v], &qy[v]);
    for (int64_t u = 0; u < p.size; u++) {
      double px, py, diag = 0;
      seq_at(&p, u, &px, &py);
      for (int64_t v = 0; v < q.size; v++) {
        double d = pt_dist(px, py, qx[v], qy[v]), m;
        if (u == 0 && v == 0) m = d;
        else if (u == 0) m = fmax(row[v - 1], d);
        else if (v == 0) m = fmax(row[0], d);
        else {
          double up = row[v], left = row[v - 1], lo = fmin(fmin(up, diag), left);
          m = fmax(lo, d);
        }
        diag = row[v];
        row[v] = m;
      }
    }
    result = row[q.size - 1];
  }
  gv_free(row);
  gv_free(qx);
  gv_free(qy);
  gv_free(p.k);
  gv_free(q.k);
  return result;
}
