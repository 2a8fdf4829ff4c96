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
 * shell containing them (shared point location).
 *
 * Lines and points (OverlayNG's semantics, non-strict mode)
 * ---------------------------------------------------------
 * Label representation: a segment of input k's lines carries bit k in
 * gv_nseg.line (direction-free, ORed when coincident segments merge) and 0
 * in lab[k]; area segments carry their signed count in lab[k] as before.
 * So one edge can be, per input, an area boundary (lab != 0), a line (bit
 * set), both (a line along the input's own boundary), or neither; its
 * position in input k's area is the left/right depth (line edges have
 * depth delta 0, so depth propagation is unchanged). An edge is "covered"
 * by input k when it is on k's lines or in the closure of k's area (depth
 * > 0 on either side). Points are not in the graph: they are located in
 * it afterwards (a node, an edge, or a face by the exact ray count).
 *
 * Result, with in_op the operation on the two "in area" flags:
 *  - areas: edges with in_op on one side only (as for areas alone);
 *  - lines: edges not in the closure of the result area (in_op on neither
 *    side) with, for intersection, covered by both inputs; union (and
 *    unary), a line of either; difference, a line of A not covered by B;
 *    symDifference, a line of one input not covered by the other. Lines
 *    are joined through nodes where exactly two result line edges meet,
 *    except at input line endpoints and, where both inputs' edges run
 *    together through the node, unless both inputs have a vertex there
 *    (as OverlayNG's edges, which end at noding nodes: crossings and one
 *    input's vertex on the other's segment);
 *  - points: input points selected the same way (covered by the other input
 *    for intersection, by neither rule for union, ...) and not covered by
 *    the result's areas or lines, each once; for intersection also the
 *    nodes where edges of both inputs meet and no result edge or area
 *    touches (crossing lines, touching boundaries).
 * This is OverlayNG's LineBuilder / IntersectionPointBuilder /
 * OverlayMixedPoints / OverlayPoints for single-dimension inputs, and the
 * exact point-set result (by dimension) for mixed collections, where GEOS's
 * StructuredCollection composes pairwise overlays (and has known slips).
 *
 * Collapses (OverlayNG with a precision model; grid > 0, binary ops only)
 * ----------------------------------------------------------------------
 * Area segments carry their ring's role (GV_OV_SHELL / GV_OV_HOLE of their
 * input, ORed on merge), so an edge whose depth changes for input k cancel
 * after snap-rounding is kept by the noder and is a "collapse" of k. Such
 * an edge, when not in the closure of the result area, is a result line by
 * OverlayNG's LineBuilder rule: per input it is a collapse, a boundary
 * (located inside), a line or not part of it (located by the depth of its
 * face, which is OverlayNG's propagated location for valid input); a
 * collapse inside its own area is never a line; for ops other than
 * intersection neither is a collapse inside the other (non-participating)
 * input's area, nor, when the result has areas, an edge inside the first
 * area input; else the op on the "effective" locations (a collapse or a
 * line counts as inside) decides. Every node on a collapse ends result
 * lines (snap-rounding makes each vertex of a collapse a node of both
 * sides). Collapses add no points (IntersectionPointBuilder counts only
 * boundaries and lines). Without a grid, for the unary union (GEOS unions
 * polygons into polygons only) and for clipByRect, the roles are cleared
 * before noding and cancelled edges are dropped as before. */
#ifndef GEOVEC_OVERLAY_H
#define GEOVEC_OVERLAY_H

#include "geovec.h"
#include "noding/noder.h"

/* Ring roles of area segments, in gv_nseg.line above the line flags (set
 * by gv_ov_add and gv_ov_add_polygonal; ORed when coincident segments
 * merge, untouched when a segment is reversed): the segment comes from a
 * shell / a hole of input k. GV_OV_LINES masks the line flags proper. */
#define GV_OV_SHELL(k) (1u << (16 + (k)))
#define GV_OV_HOLE(k) (1u << (18 + (k)))
#define GV_OV_ROLES (GV_OV_SHELL(0) | GV_OV_SHELL(1) | GV_OV_HOLE(0) | GV_OV_HOLE(1))
#define GV_OV_LINES ((1u << GV_NODE_LABELS) - 1)

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

/* A point of input `slot` (kind 0), or an endpoint of one of its lines
 * (kind 1: a node lines are not joined through). */
typedef struct gv_ov_pt {
  double x, y;
  int32_t slot, kind;
} gv_ov_pt;

/* Appends geometry i of a, any type (collections flattened), as input
 * `slot`: polygon rings as labelled segments, lines as segments with line
 * bit `slot`, points and line endpoints to pts. Returns GV_ERR_ARG for a
 * non-finite coordinate (with *why set), GV_ERR_NOMEM on allocation failure. */
gv_status gv_ov_add(const gv_array *a, int64_t i, int slot, gv_buf *segs, gv_buf *pts, const char **why);

/* The dimension of geometry i as GEOS gives it: 0, 1 or 2 by type (also
 * when empty), a collection's largest member's (empties count), -1 for an
 * empty collection. */
int gv_ov_dim(const gv_array *a, int64_t i);

/* Overlay of areas, lines and points (see above). */
gv_status gv_ov_run(const gv_nseg *segs, int64_t n, const gv_ov_pt *pts, int64_t npts, int op, double grid,
                    gv_ov_out *out);

/* ---- faces of a planar edge set (makeValid's BuildArea) -------------------------------------
 *
 * The faces of noded edges e[0..n) (as gv_node gives them: distinct, meeting
 * only at their endpoints), as GEOS's Polygonizer sees them: only edges with
 * active[k] != 0 take part (active NULL: all); dangles (edges with an end of
 * degree 1, repeatedly) and cut edges (the same face on both sides) are left
 * out. Half-edge h = 2k runs x0,y0 -> x1,y1 of edge k, h = 2k + 1 the other
 * way. Every face boundary walk (the face on the left of each half-edge) is
 * split into simple rings at repeated nodes: shells (counter-clockwise: a
 * bounded face's outer boundary) and holes (clockwise: the outside of a
 * connected piece of the graph); each hole is assigned to the face around
 * it: the shell of its own walk, else the smallest shell containing it. */
typedef struct gv_ov_faces {
  int32_t nring;
  int32_t *off;   /* ring r: its half-edges he[off[r] .. off[r + 1]), in walking order */
  int32_t *he;
  int32_t *ring;  /* per half-edge (2n): its ring, -1 when its edge is in none */
  int32_t *shell; /* per ring: itself for a shell, the shell around a hole, -1 for a hole in none */
  uint8_t *hole;  /* per ring: 1 for a hole */
} gv_ov_faces;

gv_status gv_ov_faces_build(const gv_nseg *e, int64_t n, const uint8_t *active, gv_ov_faces *f);
void gv_ov_faces_free(gv_ov_faces *f);

#endif
