/* Buffer: the points within a distance of a geometry, as the union of
 * simple pieces, each a convex polygon that lies inside the buffer:
 *
 *   - per segment, the rectangle swept by its normal of length d (on both
 *     sides for lines and points, on the exterior side only for polygon
 *     rings, whose interior the polygon itself covers);
 *   - per vertex, the join that fills the gap the two rectangles leave on
 *     the outer side of the turn: a circular fan (round), the mitre point
 *     or its truncation at mitreLimit * d (mitre), a triangle (bevel);
 *   - per line end, the cap: a half disc (round), a square (square), or
 *     nothing (flat).
 *
 * Every point within d of a segment's interior lies in its rectangle, and
 * every point whose nearest boundary point is a vertex lies in that
 * vertex's join (round joins: exactly the disc sector the rectangles miss),
 * so the union of the pieces is the buffer, up to the arcs' chords.
 *
 * The pieces go to the overlay engine (overlay/overlay.h) as labelled
 * segments with the "interior on the left" count of each piece; noding and
 * the depth labelling then give the union (depth > 0) in one pass, with
 * the same exact topology and valid output as every other overlay. A
 * negative distance on polygons is the polygon minus the union of the
 * pieces on the interior side of its rings (label slot 1, difference).
 *
 * With a projection (units 'metres'), every vertex is first mapped into an
 * azimuthal equidistant projection on WGS84 centred on the geometry (Karney
 * geodesics, geodesic/geodesic.h), the buffer is built there in metres, and
 * the result is mapped back (see gv_buffer_unproject).
 *
 * Fast path for polygons (gv_buffer_fast): when the buffer's boundary is
 * simply the rings' offset curves, it is written out without the overlay.
 * Per ring (simplified as for the pieces), the raw offset curve: each
 * segment moved by |d| to the side being buffered (the exterior for
 * d > 0, the interior for d < 0), the same join as the pieces' on the
 * outer side of every turn, and at every inner turn the two offset
 * segments cut where they cross (no crossing, a reversal, or an offset
 * segment cut away entirely: not handled). The union of the pieces can
 * only have its boundary on these curves (the parts cut away lie inside a
 * neighbouring rectangle), so when an exact sweep (gv_orient) proves the
 * curves and the simplified rings simple and pairwise disjoint, every
 * curve turns the way its ring does (a hole or shell that collapses or
 * inverts does not), and the curves nest as the input (each hole's curve
 * inside its own shell's curve only, shells' curves inside none), the
 * curves are the boundary of the buffer and become the result's rings.
 * Otherwise the pieces and the overlay run as before. Collections always
 * take the pieces path (tests compare both paths by wrapping a polygon in
 * a GEOMETRYCOLLECTION); natively, GEOVEC_BUFFER_SLOW=1 in the environment
 * turns the fast path off. */
#ifndef GEOVEC_BUFFER_H
#define GEOVEC_BUFFER_H

#include "geovec.h"
#include "noding/noder.h"
#include "overlay/overlay.h"

enum { GV_CAP_ROUND = 1, GV_CAP_FLAT = 2, GV_CAP_SQUARE = 3 };
enum { GV_JOIN_ROUND = 1, GV_JOIN_MITRE = 2, GV_JOIN_BEVEL = 3 };

typedef struct gv_buffer_params {
  int quad_segs;      /* arc segments per quarter circle (>= 1) */
  int cap;            /* GV_CAP_* */
  int join;           /* GV_JOIN_* */
  double mitre_limit; /* a mitre longer than mitre_limit * d is cut there */
  int single_sided;   /* lines: the left side for d > 0, the right for d < 0; no caps */
} gv_buffer_params;

/* An azimuthal equidistant projection centred at (lon0, lat0) degrees. */
typedef struct gv_aeqd {
  double lon0, lat0;
} gv_aeqd;

/* The centre used for geometry i: the middle of its bounding box. */
gv_aeqd gv_buffer_centre(const gv_array *a, int64_t i);

/* Appends the labelled segments whose overlay *op (GV_OV_UNARY or
 * GV_OV_DIFFERENCE) is the buffer of geometry i at distance d; with
 * part >= 0, of that part only (a part index of the array). Nothing is
 * appended when the buffer is empty. proj: NULL for planar coordinates.
 * Returns GV_ERR_ARG with *why for a non-finite coordinate, GV_ERR_NOMEM. */
gv_status gv_buffer_pieces(const gv_array *a, int64_t i, int32_t part, double d, const gv_buffer_params *p,
                           const gv_aeqd *proj, gv_buf *segs, int *op, const char **why);

/* The buffer of a single point straight into out (a circle of 4 x
 * quad_segs vertices, or a square), without the overlay; returns 0 (out
 * untouched) when geometry i is not a non-empty point buffered outwards
 * with round or square caps. *st: GV_ERR_NOMEM when out of memory. */
/* The buffers of a whole array of points (nulls allowed), planar, written
 * straight into b with one table of circle directions for the call: the
 * same vertices as gv_buffer_point gives one at a time. Returns 0 (b
 * untouched) unless every element is null or a non-empty point with a
 * finite, positive distance (each: one per element, or NULL for d) and the
 * caps are round or square, not single-sided. *st: GV_ERR_NOMEM. */
int gv_buffer_points(const gv_array *a, const double *each, double d, const gv_buffer_params *p, gv_builder *b,
                     gv_status *st);
int gv_buffer_point(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, const gv_aeqd *proj,
                    gv_ov_out *out, gv_status *st);

/* The buffer of a polygon or multipolygon straight from its offset curves
 * (see above) into out, with d != 0 and not single-sided; returns 0 (out
 * untouched) when that is not proven right, 1 when out holds the result
 * (tidied as gv_buffer_tidy) or *st is GV_ERR_NOMEM. */
int gv_buffer_fast(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, const gv_aeqd *proj,
                   gv_ov_out *out, gv_status *st);

/* The fast path's certificate: 1 when each of the nrings closed rings
 * (n[k] distinct vertices, x y pairs one ring after another in pts, the
 * first vertex not repeated) is simple and no two rings meet, by exact
 * tests; 0 otherwise (or with *st GV_ERR_NOMEM). */
int gv_buffer_rings_simple(const double *pts, const int32_t *n, int32_t nrings, gv_status *st);

/* A collection's polygons may overlap, and eroding their union is not
 * what GEOS computes (the union of each polygon's erosion): for d < 0 on
 * a collection with more than one polygon, the polygon parts' indexes go
 * to *parts (gv_malloc'd) and their count is returned; 0 otherwise (or
 * -1 when out of memory). */
int32_t gv_buffer_erode_parts(const gv_array *a, int64_t i, double d, int32_t **parts);

/* Drops the ring vertices of an overlay result's polygons that lie exactly
 * on the segment between their neighbours (the pieces' corners along a
 * straight stretch of the boundary); rings of 3 vertices are kept. */
void gv_buffer_tidy(gv_ov_out *o);

/* Appends the polygons of an overlay result as area segments of slot 0
 * (for the union of several results). */
gv_status gv_buffer_add_result(const gv_ov_out *o, gv_buf *segs);

/* Maps n projected (x, y) pairs back to (lon, lat) in place; longitudes are
 * continued from the centre's (a result across the antimeridian keeps
 * values beyond +-180 instead of being cut). */
void gv_buffer_unproject(const gv_aeqd *proj, double *xy, int64_t n);

/* The offset curve of geometry i at distance d (left for d > 0, right for
 * d < 0; GEOS 3.13 OffsetCurve): for each line, the sections of its
 * buffer's boundary that lie on its raw offset curve, oriented and ordered
 * along it; for each polygon, the rings of its buffer; nothing for points.
 * Lines are appended to out (nline, cnt, xy); d == 0 copies the lines. */
gv_status gv_offset_curve(const gv_array *a, int64_t i, double d, const gv_buffer_params *p, gv_ov_out *out,
                          const char **why);

#endif
