/* One entry point for the unary shape operations (see sh_unary). */
#include "shape.h"

int sh_unary(int op, const gv_array *a, int64_t i, const double *p, gv_builder *b) {
  switch (op) {
  case SH_CENTROID: return sh_centroid(a, i, b);
  case SH_POINT_ON_SURFACE: return sh_point_on_surface(a, i, b);
  case SH_ENVELOPE: return sh_envelope(a, i, b);
  case SH_CONVEX_HULL: return sh_convex_hull(a, i, b);
  case SH_BOUNDARY: return sh_boundary(a, i, b);
  case SH_REVERSE: return sh_reverse(a, i, b);
  case SH_NORMALIZE: return sh_normalize(a, i, b);
  case SH_REMOVE_REPEATED:
    if (!(p[0] >= 0)) break;
    return sh_remove_repeated(a, i, p[0], b);
  case SH_SEGMENTIZE:
    if (!(p[0] > 0)) break;
    return sh_segmentize(a, i, p[0], b);
  case SH_ORIENT_POLYGONS: return sh_orient_polygons(a, i, p[0] != 0, b);
  case SH_UNIQUE_POINTS: return sh_unique_points(a, i, b);
  case SH_SIMPLIFY_DP:
    if (!(p[0] >= 0)) break;
    return sh_simplify_dp(a, i, p[0], b);
  case SH_SIMPLIFY_TP:
    if (!(p[0] >= 0)) break;
    return sh_simplify_tp(a, i, p[0], b);
  case SH_ORIENTED_ENVELOPE: return sh_oriented_envelope(a, i, b);
  case SH_MBC: return sh_mbc(a, i, b);
  case SH_INTERPOLATE: return sh_interpolate(a, i, p[0], p[1] != 0, b);
  case SH_DELAUNAY:
    if (!(p[0] >= 0)) break;
    return sh_delaunay(a, i, p[0], p[1] != 0, b);
  case SH_LINE_MERGE: return sh_line_merge(a, i, p[0] != 0, b);
  case SH_CONCAVE_HULL:
    if (!(p[0] >= 0 && p[0] <= 1)) break;
    return sh_concave_hull(a, i, p[0], p[1] != 0, b);
  default: break;
  }
  /* a parameter this element cannot use: null */
  gv_builder_null(b);
  return 0;
}
