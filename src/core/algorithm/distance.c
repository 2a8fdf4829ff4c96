/* Planar distance from a point to a geometry (0 when the point is on or in
 * it). Used by nearest-neighbour queries. */
#include <math.h>

#include "index/rtree.h"

static double seg_dist2(double px, double py, double ax, double ay, double bx, double by) {
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  double qx = ax + t * dx - px, qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

double gv_point_distance(const gv_array *a, int64_t i, double x, double y) {
  if (gv_is_null(a, i)) return INFINITY;
  double best = INFINITY;
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++) {
    int32_t re = gv_part_end(a, p);
    for (int32_t r = gv_part_begin(a, p); r < re; r++) {
      int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
      if (e - k == 1) {
        double dx = GV_X(a, k) - x, dy = GV_Y(a, k) - y;
        if (!isnan(dx) && dx * dx + dy * dy < best) best = dx * dx + dy * dy;
        continue;
      }
      for (; k + 1 < e; k++) {
        double d = seg_dist2(x, y, GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1));
        if (d < best) best = d;
      }
    }
  }
  if (best == INFINITY) return INFINITY; /* empty */
  /* inside an area, or exactly on the geometry */
  if (best > 0 && gv_locate_point(a, i, x, y) != GV_LOC_EXTERIOR) return 0;
  return sqrt(best);
}
