/* A fast exact rectangle clipper for polygons (clipByRect's fast path).
 *
 * Each ring is walked once: the pieces inside the rectangle are kept with
 * exact boundary points (the boundary coordinate set exactly, the other one
 * computed), the pieces are joined along the rectangle's boundary in
 * boundary order (each exit to the next entry counter-clockwise, corners
 * inserted), rings that stay inside are kept and holes go to the shell that
 * immediately encloses them.
 *
 * The result is given only when it is certified to be the overlay's result
 * {depth > 0} inside the rectangle (the same depth the overlay counts: per
 * ring its lowest-leftmost turn, shells +, holes -) and valid:
 *  - no vertex on the rectangle's boundary, no segment through a corner,
 *    every boundary point strictly inside an edge and all distinct;
 *  - the output linework inside the rectangle is simple: no two segments
 *    meet except consecutive ones at their shared vertex, no spikes (exact
 *    sweep over the output coordinates, crossing points included);
 *  - the depth at the corner (xmin, ymin), counted exactly over all rings,
 *    is 0 or 1, and exits and entries alternate along the boundary from it
 *    (so every boundary face has depth 0 or 1, depth 1 left of each piece);
 *  - every ring that stays inside has the depth its role needs around it
 *    (0 for a shell, 1 for a hole), found from the ring that immediately
 *    encloses it.
 * Anything else (vertices or edges on the boundary, touching rings,
 * self-intersections, invalid nesting, non-finite coordinates, other types)
 * is "not handled" and the caller runs the general overlay. */
#ifndef GEOVEC_CLIP_RECT_H
#define GEOVEC_CLIP_RECT_H

#include "overlay/overlay.h"

enum {
  GV_CLIP_NOMEM = -1,
  GV_CLIP_NOT_HANDLED = 0,
  GV_CLIP_DONE = 1, /* *out holds the result (no polygon: empty) */
  GV_CLIP_COPY = 2, /* the element is strictly inside: the result is the element as it is */
};

/* Clips the polygonal element i of a (POLYGON or MULTIPOLYGON) to rect
 * (xmin ymin xmax ymax, finite). *out must be zeroed; it is left empty
 * unless GV_CLIP_DONE. Rings are written as the overlay writes them: shells
 * clockwise, holes counter-clockwise, closed. Thread-safe. */
int gv_clip_rect_polygonal(const gv_array *a, int64_t i, const double rect[4], gv_ov_out *out);

#endif
