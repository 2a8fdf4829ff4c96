/* The overlay engine (OverlayNG's design: noding -> planar graph with
 * sorted edge stars -> labelling -> result extraction).
 *
 * Area inputs are given as segments labelled with their "interior on the
 * left" count per input (see noding/noder.h). After noding, every edge
 * knows, per input, how the depth (number of shells minus holes around a
 * point) changes across it; depths are propagated around the sorted stars
 * of the graph from one anchor per connected component (the depth left of
 * its lowest-leftmost node, counted exactly with a ray), so labelling is
 * exact and cannot fail. A side is inside an input when its depth is > 0.
 * The result's boundary edges are the edges with the result inside on one
 * side only; they are linked into face rings (interior on the left), split
 * into simple rings at repeated nodes, classified as shells (CCW) or holes
 * (CW) by an exact orientation test, and holes are assigned to the smallest
 * shell containing them (shared point location). */
#ifndef GEOVEC_OVERLAY_H
#define GEOVEC_OVERLAY_H

#include "geovec.h"
#include "noding/noder.h"

enum {
  GV_OV_INTERSECTION = 0,
  GV_OV_UNION = 1,
  GV_OV_DIFFERENCE = 2,
  GV_OV_SYMDIFFERENCE = 3,
  GV_OV_UNARY = 4, /* the union of everything labelled as input 0 */
  GV_OV_CLIP = 5,  /* intersection, areas only (clipByRect) */
  GV_OV_ODD = 6,     /* makeValid: inside where input 0's depth is odd (even-odd rule) */
  GV_OV_NONZERO = 7, /* makeValid: inside where input 0's depth is not 0 (both orientations) */
  GV_OV_OPS = 8,
};

/* A result: polygons, then lines, then points.
 * cnt (int32): per polygon its ring count then each ring's coordinate
 * count (closed rings); then per line its coordinate count.
 * xy (double pairs): the coordinates in the same order, then the points. */
typedef struct gv_ov_out {
  gv_buf cnt, xy;
  int32_t npoly, nline, npt;
} gv_ov_out;

void gv_ov_out_free(gv_ov_out *o);
/* Appends the result to a builder as one geometry: POLYGON / MULTIPOLYGON,
 * LINESTRING / ..., or a GEOMETRYCOLLECTION when dimensions mix; an empty
 * result is an empty geometry of type empty_type. */
void gv_ov_out_emit(const gv_ov_out *o, gv_builder *b, uint8_t empty_type);

/* Appends the rings of polygonal geometry i of a as labelled segments (label
 * slot `slot`). Returns GV_ERR_ARG for a non-polygonal or non-finite
 * geometry (with *why set), GV_ERR_NOMEM on allocation failure. */
gv_status gv_ov_add_polygonal(const gv_array *a, int64_t i, int slot, gv_buf *segs, const char **why);

/* Overlay of the labelled area segments with operation op; grid 0 for full
 * precision, else the snap-rounding grid. */
gv_status gv_ov_areas(const gv_nseg *segs, int64_t n, int op, double grid, gv_ov_out *out);

#endif
