/* clipByRect for lines and points: GEOS 3.13's GEOSClipByRect
 * (RectangleIntersection) semantics, found by experiment and matched exactly.
 *
 * The rectangle is closed, with area (xmin < xmax, ymin < ymax).
 *  - A point is kept only when strictly inside (a point on the boundary is
 *    dropped).
 *  - A line is cut where it leaves the rectangle; the cut points are
 *    computed from the segment (the clipped coordinate is the boundary value
 *    exactly, the other one interpolated). A line piece that runs along the
 *    boundary (two consecutive vertices or cut points on the same edge) is
 *    dropped, and the line is split there; a piece that only touches the
 *    boundary at a point is dropped. A line whose vertices are all in the
 *    closed rectangle, with no segment along an edge, is kept as it is
 *    (repeated vertices included).
 * Vertices are classified by exact comparisons (no tolerance).
 *
 * Output is appended to a gv_ov_out after whatever polygons it holds: the
 * kept lines in input order, then the kept points, 2D. With grid > 0 every
 * output vertex is rounded to the grid (round(x / grid) * grid, as the
 * overlay rounds), consecutive repeats are removed and lines that collapse
 * to a point are dropped. */
#ifndef GEOVEC_CLIP_LINES_H
#define GEOVEC_CLIP_LINES_H

#include "geovec.h"
#include "overlay/overlay.h"

/* Whether geometry i of a has a line or point part (empty or not). */
int gv_clip_has_lines(const gv_array *a, int64_t i);

/* Clips the line and point parts of geometry i of a (any type; polygons
 * are skipped) to rectangle r = {xmin, ymin, xmax, ymax}, which must have
 * area, and appends the result to out (lines, then points). Returns
 * GV_ERR_ARG for a non-finite coordinate (with *why set), GV_ERR_NOMEM on
 * allocation failure. */
gv_status gv_clip_lines(const gv_array *a, int64_t i, const double r[4], double grid, gv_ov_out *out,
                        const char **why);

#endif
