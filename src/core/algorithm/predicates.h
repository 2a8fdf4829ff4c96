/* Internal geometry primitives shared by the predicate, index and join
 * code: exact orientation, point location, segment indexes and the prepared
 * state cached on an array. Not part of the host ABI (see kernels.h). */
#ifndef GEOVEC_PREDICATES_H
#define GEOVEC_PREDICATES_H

#include "geovec.h"

/* ---- exact orientation (orient.c) ------------------------------------------- */
/* Sign of the turn a -> b -> c: +1 counter-clockwise (c left of a->b),
 * -1 clockwise, 0 collinear. Exact for all finite doubles. */
int gv_orient(double ax, double ay, double bx, double by, double cx, double cy);

/* ---- locations (DE-9IM) ------------------------------------------------------- */
enum { GV_LOC_EXTERIOR = 0, GV_LOC_BOUNDARY = 1, GV_LOC_INTERIOR = 2 };

typedef struct gv_box {
  double minx, miny, maxx, maxy;
} gv_box;

static inline int gv_box_intersects(gv_box a, gv_box b) {
  return a.minx <= b.maxx && b.minx <= a.maxx && a.miny <= b.maxy && b.miny <= a.maxy;
}

#endif

#ifndef GEOVEC_PREDICATES_API
#define GEOVEC_PREDICATES_API

/* ---- natural segment index (seg_index.c) ----------------------------------
 * Over a run of coordinates [k0, k1) (a ring or a line; segment k joins
 * coordinates k and k+1). Level 0 holds one box per `GV_SEG_SPREAD`
 * consecutive segments, each higher level one box per GV_SEG_SPREAD boxes
 * below, up to a single root. The leaves are the coordinates themselves. */
#define GV_SEG_SPREAD 16
#define GV_SEG_MAX_LEVELS 16
typedef struct gv_seg_index {
  int32_t k0, nseg;
  int32_t nlevels;
  int32_t level_start[GV_SEG_MAX_LEVELS]; /* into boxes; level 0 first */
  int32_t level_count[GV_SEG_MAX_LEVELS];
  gv_box *boxes;
} gv_seg_index;

gv_status gv_seg_index_build(const gv_array *a, int32_t k0, int32_t k1, gv_seg_index *ix);
void gv_seg_index_free(gv_seg_index *ix);
/* Calls fn(ctx, k) for every segment k whose box meets q, in ring order;
 * stops at the first nonzero return and returns it (0 when none). */
typedef int (*gv_seg_visit)(void *ctx, int32_t k);
int gv_seg_index_query(const gv_array *a, const gv_seg_index *ix, gv_box q, gv_seg_visit fn, void *ctx);

/* ---- prepared state (prepare.c) --------------------------------------------
 * Built by gv_prepare (the `prepare` kernel) and cached on the array
 * (a->prepared); read-only afterwards, so any number of threads may use it.
 * Holds a segment index for every ring and line, and for polygons the
 * point-in-polygon accelerators (y-stripes, raster cells). */
typedef struct gv_prepared gv_prepared;
gv_status gv_prepare(gv_array *a);
void gv_prepared_free(gv_prepared *p);
size_t gv_prepared_bytes(const gv_array *a);
/* The segment index of ring r (a polygon ring or a line), or NULL. */
const gv_seg_index *gv_prepared_ring_index(const gv_array *a, int32_t r);

/* ---- point location in simple parts (pip.c) -------------------------------
 * Exact: a point on an edge or vertex is GV_LOC_BOUNDARY whatever its
 * coordinates. Uses the prepared state when present, a temporary index for
 * large rings when that pays, a plain scan otherwise. */
/* Location of (x, y) relative to polygon part p (shell and holes). */
int gv_locate_in_polygon(const gv_array *a, int32_t p, double x, double y);
/* 1 when (x, y) lies on the line (coordinate run) of ring r, else 0. */
int gv_point_on_line(const gv_array *a, int32_t r, double x, double y);

/* ---- point location in whole geometries (locate.c) -------------------------
 * Location of (x, y) relative to geometry i, with the OGC / RelateNG
 * semantics: line boundaries by the mod-2 rule, GeometryCollections as the
 * union of their elements. */
int gv_locate_point(const gv_array *a, int64_t i, double x, double y);

/* ---- binary predicates (relate.c and friends) ------------------------------ */
enum {
  GV_PRED_INTERSECTS = 0,
  GV_PRED_DISJOINT = 1,
  GV_PRED_CONTAINS = 2,
  GV_PRED_WITHIN = 3,
  GV_PRED_COVERS = 4,
  GV_PRED_COVERED_BY = 5,
  GV_PRED_TOUCHES = 6,
  GV_PRED_EQUALS = 7,
  GV_PRED_CROSSES = 8,
  GV_PRED_OVERLAPS = 9,
  GV_PRED_COUNT = 10,
};
/* The predicate for geometry i of a and j of b (0 or 1); nulls give 0. */
int gv_predicate(const gv_array *a, int64_t i, const gv_array *b, int64_t j, int pred);
/* The DE-9IM matrix as 9 characters 'F', '0', '1', '2' (row-major II IB IE BI ...). */
void gv_relate_matrix(const gv_array *a, int64_t i, const gv_array *b, int64_t j, char out[9]);

#endif
