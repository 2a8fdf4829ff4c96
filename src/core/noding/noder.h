/* Noding for the overlay: turns the segments of two inputs into a planar
 * set of edges that meet only at their endpoints, with the labels of
 * coincident edges combined. See noder.c for the robustness strategy. */
#ifndef GEOVEC_NODER_H
#define GEOVEC_NODER_H

#include <math.h>

#include "geovec.h"

/* A segment with one integer label per input (the overlay stores the
 * signed "interior on the left" count: +1 when the input's interior lies
 * left of x0,y0 -> x1,y1, -1 when right, 0 when the segment is not on that
 * input's boundary). Reversing a segment negates its labels. */
#define GV_NODE_LABELS 2
#define GV_LINE_REV 8
typedef struct gv_nseg {
  double x0, y0, x1, y1;
  int32_t lab[GV_NODE_LABELS];
  /* Line flags: bit k set when the segment is part of a line (a
   * 1-dimensional component) of input k; bit GV_LINE_REV + k set when that
   * line runs from x1,y1 to x0,y0 (reversing a segment toggles it).
   * Coincident segments OR them together. */
  uint32_t line;
} gv_nseg;

typedef struct gv_noding {
  gv_nseg *seg;  /* gv_malloc'd result: canonical (x0,y0) < (x1,y1) lexicographically,
                    sorted, distinct, labels summed, edges with all labels 0 dropped */
  int64_t n;
  int method;    /* GV_NODING_FLOAT, GV_NODING_SNAP_VERTEX or GV_NODING_SNAP */
  double grid;   /* the snap-rounding grid used (0 for floating noding) */
} gv_noding;

enum { GV_NODING_FLOAT = 0, GV_NODING_SNAP = 1, GV_NODING_SNAP_VERTEX = 2 };

/* Rounding to the grid as GEOS's precision model does (Java's Math.round):
 * halves go up, towards +infinity, so -2.5 rounds to -2 where C's round()
 * gives -3. Exact: for |v| < 2^52, v - round(v) is exact; beyond, v is an integer. */
static inline double gv_grid_round(double v) {
  double r = round(v);
  return v - r == 0.5 ? r + 1.0 : r;
}

/* Status GV_ERR_LIMIT: no grid up to the coarsest tried gave a valid
 * noding (never seen on finite input, kept so that time stays bounded).
 * grid > 0 snap-rounds to that grid (every output vertex a multiple of it);
 * grid == 0 tries floating noding first. Input coordinates must be finite.
 * Edges whose labels are all 0 and that carry no line flag are dropped
 * (an area edge cancelled by a coincident one) unless keep_zero. */
gv_status gv_node(const gv_nseg *in, int64_t n, double grid, int keep_zero, gv_noding *out);
void gv_noding_free(gv_noding *nd);

#endif
