/* Planar measures of geometries (in the units of the coordinates), with
 * GEOS 3.13 semantics: area (shells minus holes, collections summed),
 * length (every ring of a polygon), the minimum Euclidean distance between
 * two geometries (DistanceOp: containment of a component's first point,
 * then the closest pair of facets) and the discrete Hausdorff and Frechet
 * distances. Not part of the host ABI (see kernels.h). */
#ifndef GEOVEC_MEASURE_H
#define GEOVEC_MEASURE_H

#include "algorithm/predicates.h"

/* Area of geometry i; 0 for points, lines and empties, NaN for null. */
double gv_geom_area(const gv_array *a, int64_t i);
/* Length of geometry i; NaN for null. */
double gv_geom_length(const gv_array *a, int64_t i);
/* 1 when geometry i has at least one (non-NaN) coordinate. */
int gv_geom_has_coords(const gv_array *a, int64_t i);

/* Minimum distance between geometry i of a and j of b: NaN when either is
 * null or empty, 0 when they intersect. The search stops as soon as it
 * finds a distance <= stop (pass 0 for the exact minimum): the result is
 * then some distance <= stop, not necessarily the least; when none is
 * within stop the result is some value > stop (INFINITY when every box is
 * beyond it), not necessarily the least either. Uses the arrays'
 * prepared segment indexes when present, and temporary ones for large
 * pairs. -2 on allocation failure. */
double gv_geom_distance(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double stop);
/* Whether distance(a_i, b_j) <= d, answered by bounds when they suffice;
 * 0 for null and empty; -1 on allocation failure. Agrees exactly with
 * gv_geom_distance(...) <= d. */
int gv_geom_dwithin(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double d);
/* The same with either geometry's bounds given (NULL: computed here; NaN
 * bounds: null or empty), for one geometry against many. */
int gv_geom_dwithin_boxed(const gv_array *a, int64_t i, const gv_box *abox, const gv_array *b, int64_t j,
                          const gv_box *bbox, double d);

/* One geometry against many points: an index over all of its segments
 * (rings back to back) for a best-first nearest-segment search. built is 0
 * when the geometry does not qualify (null, empty, points, NaN
 * coordinates, few segments): callers then take gv_geom_distance. */
typedef struct gv_flat_index {
  int built;
  gv_seg_index ix;
  uint8_t *real; /* per segment of ix: 0 where it joins two rings */
  gv_box box;    /* of every coordinate */
  int32_t nnodes; /* boxes of ix: the queue a search needs */
} gv_flat_index;
typedef struct gv_flat_node {
  double g2;
  int32_t level, node;
} gv_flat_node;
/* Builds the index of geometry i of a (GV_OK with built = 0 when it does
 * not qualify); GV_ERR_NOMEM on allocation failure. */
gv_status gv_flat_index_build(const gv_array *a, int64_t i, gv_flat_index *f);
void gv_flat_index_free(gv_flat_index *f);
/* gv_geom_distance(q, i, s, j, stop) (either order: the distance is
 * symmetric) when q_i is a plain point and f is the index of s_j, with
 * heap room for f->nnodes nodes; -3 when q_i is not a plain point or f was
 * not built (take gv_geom_distance then). */
double gv_point_distance_flat(const gv_array *q, int64_t i, const gv_array *s, int64_t j, const gv_flat_index *f,
                              gv_flat_node *heap, double stop);

/* gv_geom_dwithin_boxed with the flat index f of a_i (f_on_a) or of b_j,
 * used when the other geometry is a plain point; f may be NULL. */
int gv_geom_dwithin_flat(const gv_array *a, int64_t i, const gv_box *abox, const gv_array *b, int64_t j,
                         const gv_box *bbox, double d, const gv_flat_index *f, int f_on_a, gv_flat_node *heap);

/* Discrete Hausdorff distance (GEOS DiscreteHausdorffDistance): the larger
 * of the two directed distances from every vertex (and, with densify in
 * (0, 1], every point that splits a segment into round(1 / densify) equal
 * pieces) of one geometry to the other's points and linework. densify <= 0
 * means none. NaN when either is null or empty; -2 on allocation failure. */
double gv_hausdorff(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double densify);
/* Discrete Frechet distance between the vertex sequences of the two
 * geometries (densified as above). NaN for null or empty; -2 on
 * allocation failure. */
double gv_frechet(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double densify);

#endif
