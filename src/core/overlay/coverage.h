/* Polygonal coverages (sets of polygons that meet only along shared edges,
 * such as counties): their union by cancelling shared edges, and the
 * validity check of GEOS 3.13's CoverageValidator.
 *
 * Union (gv_cov_union): every ring segment is taken with the polygon's
 * interior on its left; segments equal up to direction are summed (a shared
 * edge appears once in each direction and cancels); the remaining segments
 * are linked into face rings (at a node of several edges, the next edge is
 * the first one clockwise from the arriving edge, found by an exact angular
 * sort), split into simple rings at repeated nodes, classified as shells
 * (counter-clockwise) or holes by the exact orientation at the
 * lowest-leftmost vertex, and holes are given to the smallest shell that
 * contains them (shared point location). No noding is done: the linework
 * is checked instead, and *fallback is set when it does not make a valid
 * polygonal result (an edge left twice in the same direction, a node whose
 * in and out edges do not pair up, two remaining edges that cross, overlap
 * or touch other than at a shared vertex, or rings nested the wrong way);
 * callers then run the general overlay. */
#ifndef GEOVEC_COVERAGE_H
#define GEOVEC_COVERAGE_H

#include "overlay.h"

/* Union of the polygonal geometries idx[0 .. n) of a (nulls skipped). GV_ERR_ARG with *why for a
 * non-polygonal or non-finite geometry. With *fallback set, out is empty. */
gv_status gv_cov_union(const gv_array *a, const int64_t *idx, int64_t n, gv_ov_out *out, int *fallback,
                       const char **why);


#endif
