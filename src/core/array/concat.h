/* Concatenation of whole arrays in one pass. */
#ifndef GEOVEC_ARRAY_CONCAT_H
#define GEOVEC_ARRAY_CONCAT_H

#include "geovec.h"

/* The k arrays one after the other, as a new array with the builder's
 * layout (type bytes per element, interleaved coordinates with the union of
 * the inputs' dimensions, NaN where an input lacked Z or M; an offset level
 * every input leaves as the identity stays the identity). Each input buffer
 * is copied once, in blocks. GV_OK with *out; GV_ERR_LIMIT when a level
 * would pass GV_MAX_COUNT; GV_ERR_NOMEM; GV_ERR_ARG for a NULL input. */
gv_status gv_array_concat(const gv_array *const *in, int k, gv_array **out);

#endif
