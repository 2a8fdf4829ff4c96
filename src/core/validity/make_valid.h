/* makeValid: a valid geometry close to an invalid one, with GEOS 3.13's two
 * methods (GEOSMakeValidWithParams).
 *
 * GV_MV_LINEWORK (GEOS's original MakeValid, the PostGIS algorithm): a valid
 * input is returned as it is. Otherwise every ring of a polygonal element is
 * noded together with the others (coincident pieces merged) into edges E;
 * then, while BuildArea(E) is not empty, area = area symDifference
 * BuildArea(E) and E = E - boundary(BuildArea(E)). BuildArea polygonizes E
 * (dangles and cut edges left out) and unions the faces with an even number
 * of ancestors, a face's parent being the face with a hole equal to its
 * shell. What is left of E is kept as lines (split where GEOS's noding
 * splits them), and rings that collapse to one point are kept as points.
 * Lines with one distinct point become points. Non-finite coordinates are
 * dropped.
 *
 * GV_MV_STRUCTURE (JTS/GEOS GeometryFixer): each shell becomes the area its
 * ring encloses in either orientation (depth != 0), each hole likewise; holes
 * meeting the fixed shell are subtracted from it, the others become shells;
 * the parts of a multipolygon are unioned. Lines lose repeated and
 * non-finite points; a line or shell that collapses is kept as a line or
 * point when keep_collapsed, dropped otherwise (a multipolygon's collapsed
 * shells are kept as the lines of the union of its fixed parts). Collections
 * are fixed per member as GEOS does: without keep_collapsed, and a member
 * fixed to nothing stays as an empty geometry of its type.
 *
 * Both return a valid geometry (the overlay's output is valid by
 * construction). */
#ifndef GEOVEC_MAKE_VALID_H
#define GEOVEC_MAKE_VALID_H

#include "geovec.h"
#include "overlay/overlay.h"
#include "validity/valid.h"

enum { GV_MV_LINEWORK = 0, GV_MV_STRUCTURE = 1 };

/* The fixed version of one geometry, kept until it is appended in order. */
typedef struct gv_mv_result {
  int copy;         /* the input is valid: append it as it is */
  int collection;   /* a GeometryCollection: one child per part of out */
  int32_t nout;
  gv_ov_out *out;   /* per element (one unless collection) */
  uint8_t *etype;   /* per element its input type byte */
  uint8_t *in_empty; /* per element: 1 when the input element has no coordinate (kept as it is) */
  int32_t *verbatim; /* linework, per element: p0, p1 of a valid member kept as it is (p0 < 0: fixed) */
  int keep_empties; /* collection members fixed to nothing stay as empties of their type */
  uint8_t empty_type;
  int nested;       /* linework: an element mixing areas, lines and points is written as GEOS
                       does, a collection of (multi)polygon, (multi)linestring, (multi)point */
} gv_mv_result;

/* Fixes geometry i of a (not null). w: scratch for the validity check (may
 * be NULL). Returns GV_OK, GV_ERR_NOMEM, or GV_ERR_LIMIT when the noding did
 * not converge. */
gv_status gv_make_valid(gv_valid_work *w, const gv_array *a, int64_t i, int method, int keep_collapsed,
                        gv_mv_result *r);
/* Appends the result to b (geometry i of a when it is a copy). */
void gv_mv_emit(const gv_mv_result *r, const gv_array *a, int64_t i, gv_builder *b);
void gv_mv_result_free(gv_mv_result *r);

#endif
