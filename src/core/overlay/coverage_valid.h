/* Coverage validity (GEOS 3.13 CoverageValidator rules; see coverage_valid.c). */
#ifndef GEOVEC_COVERAGE_VALID_H
#define GEOVEC_COVERAGE_VALID_H

#include "geovec.h"

/* The invalid edges of every element: per element nlines[i] lines, each
 * with cnt (int32) coordinates from xy (double pairs), in element order. */
typedef struct gv_cov_invalid {
  gv_buf xy, cnt;
  int32_t *nlines;
} gv_cov_invalid;

/* gap >= 0 (finite). GV_ERR_ARG with *why and *bad_elem for a
 * non-polygonal or non-finite element. Null elements have no lines. */
gv_status gv_cov_validate(const gv_array *a, double gap, gv_cov_invalid *res, const char **why, int64_t *bad_elem);
void gv_cov_invalid_free(gv_cov_invalid *r);

#endif
