/* Simplicity with GEOS 3.13 IsSimpleOp semantics (the mod-2 boundary rule):
 *  - points are simple; a multipoint is simple when no two points are equal;
 *  - a line or multiline is simple when its lines meet only at endpoints
 *    (ignoring repeated points), and no closed line's endpoint touches
 *    another line;
 *  - a polygon or multipolygon is simple when each of its rings is;
 *  - a collection is simple when each element is; empty is simple. */
#ifndef GEOVEC_SIMPLE_H
#define GEOVEC_SIMPLE_H

#include "geovec.h"

typedef struct gv_valid_work gv_valid_work;

/* 1 if geometry i of a is simple, 0 if not or null, -1 when memory ran
 * out. w (from gv_valid_work_new, valid.h) may be NULL. */
int gv_geom_is_simple(gv_valid_work *w, const gv_array *a, int64_t i);
/* The same without scratch reuse (0 when memory ran out). */
int gv_line_is_simple(const gv_array *a, int64_t i);

#endif
