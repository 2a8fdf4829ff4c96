/* A packed static R-tree over boxes (Hilbert-sorted, flatbush-style), kept
 * in one flat byte buffer so that it can be stored, sent and read back
 * without any conversion. */
#ifndef GEOVEC_RTREE_H
#define GEOVEC_RTREE_H

#include "predicates.h"

#define GV_RTREE_MAGIC 0x54525647u /* "GVRT" little endian */
#define GV_RTREE_VERSION 1
#define GV_RTREE_MAX_LEVELS 32
#define GV_RTREE_MAX_NODE 256

/* The buffer: this header, then boxes (double[4] per node, leaves first,
 * root last), then indices (uint32 per node: for a leaf the item it holds,
 * for an inner node the position of its first child). */
typedef struct gv_rtree_header {
  uint32_t magic, version;
  uint32_t node_size, num_items;
  uint32_t item_limit; /* items are < item_limit (the length of the indexed array) */
  uint32_t num_nodes, num_levels;
  uint32_t level_end[GV_RTREE_MAX_LEVELS]; /* end position of each level */
  double extent[4];                        /* bounds of all items */
} gv_rtree_header;

typedef struct gv_rtree {
  const gv_rtree_header *h;
  const double *boxes;
  const uint32_t *index;
} gv_rtree;

/* Builds the tree over n boxes (minx, miny, maxx, maxy; boxes with NaN are
 * left out of the tree and never returned) into a new buffer. */
gv_status gv_rtree_build(const double *boxes, uint32_t n, uint32_t node_size, gv_buf *out);
/* Checks a buffer (sizes, levels, child positions) and maps it. */
gv_status gv_rtree_open(const void *data, size_t len, gv_rtree *t);
/* Calls fn(ctx, item) for every item whose box meets q; stops at the first
 * nonzero return and returns it. */
typedef int (*gv_rtree_visit)(void *ctx, uint32_t item);
int gv_rtree_search(const gv_rtree *t, gv_box q, gv_rtree_visit fn, void *ctx);

/* Planar distance from (x, y) to geometry i (0 on or inside it; infinity
 * for null and empty geometries). distance.c */
double gv_point_distance(const gv_array *a, int64_t i, double x, double y);

#endif
