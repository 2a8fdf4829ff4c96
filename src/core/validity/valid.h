/* OGC validity with GEOS 3.13 IsValidOp semantics: whether a geometry is
 * valid, and if not the first problem found, as GEOS names it, with a
 * location on the offending feature.
 *
 * Checks, in GEOS's order: every coordinate finite; rings closed; rings with
 * at least 4 points and lines with at least 2 (repeated points not
 * counted); then, over all rings of a polygon or multipolygon at once, no
 * two segments crossing or overlapping (Self-intersection), no ring
 * touching itself (Ring Self-intersection), no two rings of a polygon
 * touching twice (Interior is disconnected); holes inside their shell;
 * holes not nested; shells not nested; and no cycle of touching rings
 * (Interior is disconnected). Exact throughout: segment tests use
 * gv_segment_intersection and node topology gv_orient.
 *
 * A GeometryCollection is valid when each element is (the first invalid
 * element is reported). Empty geometries are valid. */
#ifndef GEOVEC_VALID_H
#define GEOVEC_VALID_H

#include "geovec.h"

/* Problem codes (geovec's own numbering; the messages are GEOS's). */
enum {
  GV_VALID = 0,
  GV_INVALID_SELF_INTERSECTION = 1,
  GV_INVALID_RING_SELF_INTERSECTION = 2,
  GV_INVALID_HOLE_OUTSIDE_SHELL = 3,
  GV_INVALID_NESTED_HOLES = 4,
  GV_INVALID_DISCONNECTED_INTERIOR = 5,
  GV_INVALID_NESTED_SHELLS = 6,
  GV_INVALID_TOO_FEW_POINTS = 7,
  GV_INVALID_COORDINATE = 8,
  GV_INVALID_RING_NOT_CLOSED = 9,
  GV_VALID_CODES = 10,
};

typedef struct gv_validity {
  int code;    /* GV_VALID or a GV_INVALID_* */
  double x, y; /* where (NaN when valid) */
} gv_validity;

/* Reusable scratch memory for a run of calls (one per thread). */
typedef struct gv_valid_work gv_valid_work;
gv_valid_work *gv_valid_work_new(void);
void gv_valid_work_free(gv_valid_work *w);

/* Validity of geometry i of a. w may be NULL (scratch memory is then
 * allocated for this call). A null geometry gives GV_VALID; callers decide
 * what null means. Returns GV_ERR_NOMEM when scratch memory ran out (out
 * is then undefined), else GV_OK. */
gv_status gv_geom_validity(gv_valid_work *w, const gv_array *a, int64_t i, gv_validity *out);
/* Whether one element of geometry i (type byte t, parts p0..p1, as
 * vr_elements gives them) is valid: 1 valid, 0 invalid, -1 out of memory. */
int gv_element_valid(gv_valid_work *w, const gv_array *a, int64_t i, uint8_t t, int32_t p0, int32_t p1);

/* GEOS's message for a code ("Valid Geometry", "Self-intersection", ...). */
const char *gv_validity_message(int code);
/* GEOS's GEOSisValidReason text: the message, then for a problem the
 * location as "[x y]" with 15 significant digits ("Self-intersection[5 5]").
 * Writes at most cap bytes including the terminating 0; returns the length. */
int gv_validity_reason(const gv_validity *v, char *buf, size_t cap);

#endif
