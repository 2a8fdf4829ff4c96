/* Coordinates, parts, affine transforms, properties and constructors
 * (coords/). Not part of the host ABI (see kernels.h). */
#ifndef GEOVEC_COORDS_H
#define GEOVEC_COORDS_H

#include "algorithm/predicates.h"
#include "validity/simple.h"

/* ---- structure-preserving copies (rebuild.c) -------------------------------
 * Appends geometry i of a to b with the same structure (parts, rings,
 * collection tree, SRID); every coordinate goes through fn (when not NULL)
 * as xyzm[4] (z and m NaN where the geometry has none; an empty point's NaN
 * coordinate is passed too, with empty = 1). The type bytes (the geometry's
 * and its collection tokens') get dims_set added and dims_clear removed. */
typedef void (*gv_coord_fn)(void *ctx, int64_t geom, int empty, double xyzm[4]);
void gv_append_mapped(gv_builder *b, const gv_array *a, int64_t i, uint8_t dims_set, uint8_t dims_clear,
                      gv_coord_fn fn, void *ctx);

/* ---- top-level members of a geometry (children.c) --------------------------
 * A multi geometry's members are its parts; a collection's are the nodes
 * of its tree just below the root (each a simple geometry, a multi geometry
 * or a collection); a simple geometry is its own single member. */
typedef struct gv_member {
  uint8_t type;   /* type byte of the member */
  int32_t p0, p1; /* its parts */
  int32_t t0, t1; /* its collection tokens (a collection member), else t0 == t1 */
} gv_member;
typedef struct gv_member_iter {
  const gv_array *a;
  int64_t i;
  uint8_t type; /* of the geometry */
  int32_t p, pe, t, te;
  int32_t left; /* members left */
  int bad;      /* a damaged tree */
} gv_member_iter;
/* Number of members (0 for null); starts the iteration. */
int32_t gv_members_begin(gv_member_iter *it, const gv_array *a, int64_t i);
/* The next member; 0 when there is none. */
int gv_members_next(gv_member_iter *it, gv_member *m);
/* Appends the parts [p0, p1) of a geometry of a with type byte t (their
 * kinds), keeping z and m where both t and the output type byte ot have them. */
void gv_append_parts(gv_builder *b, const gv_array *a, uint8_t t, uint8_t ot, int32_t p0, int32_t p1);
/* Appends member m of geometry i of a to b as a geometry of its own. */
void gv_append_member(gv_builder *b, const gv_array *a, int64_t i, const gv_member *m);
/* Appends ring r of a as a line string with the dims of type byte t. */
void gv_append_ring_as_line(gv_builder *b, const gv_array *a, int64_t i, uint8_t t, int32_t r);

/* ---- properties (props.c) ---------------------------------------------------- */
/* Line string or multi line string whose lines all end where they start
 * (2D; empty lines are not closed); 0 for other types. */
int gv_is_closed(const gv_array *a, int64_t i);
/* A closed line string that is simple (validity/simple.h, the test behind
 * isSimple): 1, 0, or -1 when memory ran out. w (gv_valid_work_new) may be
 * NULL. */
int gv_is_ring(gv_valid_work *w, const gv_array *a, int64_t i);
/* Whether coordinates [k, e) (a ring: first == last) run counter-clockwise
 * (JTS Orientation.isCCW: the turn at the highest point, or the direction
 * of a flat top); 0 for fewer than 4 coordinates and flat rings. */
int gv_ring_is_ccw(const gv_array *a, int32_t k, int32_t e);
/* GEOS equalsExact: same type and structure, coordinates within tolerance
 * (2D distance; exactly equal when tolerance is 0). */
int gv_equals_exact(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double tolerance);

/* ---- constructors (construct.c) ----------------------------------------------
 * Each appends to b; GV_ERR_ARG with a message in err for bad input. */
/* One geometry per group (group[i] in 0..ngroups-1, -1 leaves element i
 * out; nulls are left out): a MultiPoint, MultiLineString or MultiPolygon
 * when every member is a Point, LineString or Polygon, else a
 * GeometryCollection of the members (empty groups give
 * GEOMETRYCOLLECTION EMPTY). */
gv_status gv_collect(const gv_array *a, const int32_t *group, int64_t ngroups, gv_builder *b, gv_errors *err);
/* n line strings (type GV_LINESTRING) or multipoints (GV_MULTIPOINT) from
 * ncoords coordinates of `width` (2 or 3) doubles and n + 1 offsets. */
gv_status gv_from_coords(const double *xy, int64_t ncoords, int width, const int32_t *off, int64_t n, int type,
                         gv_builder *b, gv_errors *err);
/* One polygon per shell (closed line strings of at least 4 coordinates;
 * empty gives POLYGON EMPTY, null gives null), with the holes whose owner
 * is its index, in order. holes may be NULL. */
gv_status gv_polygons(const gv_array *shells, const gv_array *holes, const int32_t *owner, gv_builder *b, gv_errors *err);
/* The box as a polygon, counter-clockwise (or clockwise) from (x1, y0), as
 * Shapely; NaN bounds give null. */
void gv_box_polygon(gv_builder *b, double x0, double y0, double x1, double y1, int ccw);

#endif
