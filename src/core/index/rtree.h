/* A packed static R-tree over boxes (Hilbert-sorted, flatbush-style), kept
 * in one flat byte buffer so that it can be stored, sent and read back
 * without any conversion. */
#ifndef GEOVEC_RTREE_H
#define GEOVEC_RTREE_H

#include "algorithm/predicates.h"

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
/* Checks a buffer and maps it. The whole structure (levels, child
 * positions, size) must be the one num_items and node_size imply, and every
 * leaf item below item_limit, so searches stay in bounds whatever the bytes;
 * boxes and which items the leaves hold are checked against the array by
 * the rtree_check kernel. */
gv_status gv_rtree_open(const void *data, size_t len, gv_rtree *t);
/* Calls fn(ctx, item) for every item whose box meets q (closed boxes; a
 * query box with NaN or min > max meets nothing); stops at the first
 * nonzero return and returns it. */
typedef int (*gv_rtree_visit)(void *ctx, uint32_t item);
int gv_rtree_search(const gv_rtree *t, gv_box q, gv_rtree_visit fn, void *ctx);

/* A growable list of items (what a search collects). */
typedef struct gv_items {
  uint32_t *v;
  size_t n, cap;
} gv_items;
/* Doubles the capacity; -1 on allocation failure. */
int gv_items_grow(gv_items *it);
/* Appends the items whose box meets q, in tree order (no callback per
 * item); -1 on allocation failure, else 0. */
int gv_rtree_collect(const gv_rtree *t, gv_box q, gv_items *out);

/* Sorts n (key, value) pairs by key, stably (LSD radix). */
gv_status gv_sort_pairs_u32(uint32_t *keys, uint32_t *vals, uint32_t n);

/* ---- the join grid for point queries (join_grid.c) --------------------------
 * A uniform grid over a region of the plane, built per query batch from
 * the tree's leaves: each cell lists the items whose box reaches it, each
 * marked "sure" (the predicate holds for every point that falls in the
 * cell) or "test" (ask the exact predicate). Polygonal items are
 * classified cell by cell as in the raster approximation: a cell that no
 * edge reaches has one location throughout, found with one exact point
 * location; cells outside an item's polygons are left out of its list.
 * Most points then cost one cell lookup and no geometry at all.
 *
 * Exactness rests on gv_grid_bucket being a monotone function of the
 * coordinate, used both to mark the cells an edge's box reaches and to find
 * a point's cell: every point of an edge lands in a marked cell, so the set
 * of points that land in an unmarked cell (a rectangle, whatever the
 * rounding) holds no boundary point and has one location. */
#define GV_GRID_EMPTY 0xFFFFFFFFu /* a cell without items */
#define GV_GRID_LIST 0x80000000u  /* the cell's entries are at list[word & ~GV_GRID_LIST] */
#define GV_GRID_NONE 0xFFFFFFFFu
/* An entry is item << 1 | sure. A cell whose only entry is sure holds it
 * directly; other cells hold a list: the number of words that follow, then
 * each entry, a test entry followed by the position of its edge block in
 * `edges` (or GV_GRID_NONE: use gv_locate_point). */
#define GV_GRID_MAX_ITEM 0x3FFFFFFFu

typedef struct gv_join_grid {
  int32_t nx, ny;
  double x0, y0, sx, sy; /* bucket origin and scale per axis */
  uint32_t *cell;        /* nx * ny words, row-major */
  uint32_t *list;
  /* Edge blocks: per polygonal item and grid row, the edges whose y-range
   * reaches the row (y-stripes aligned with the grid), copied so that a
   * test reads one contiguous block: the number of edges, then x1, y1, x2,
   * y2 per edge; an edge with x1 = NaN separates polygon parts. */
  double *edges;
  size_t bytes;
} gv_join_grid;

/* Bucket of v: fl(fl(v - v0) * scale) truncated and clamped to [0, n - 1];
 * NaN gives 0. Monotone non-decreasing in v. */
static inline int32_t gv_grid_bucket(double v, double v0, double scale, int32_t n) {
  double t = (v - v0) * scale;
  t = t > 0 ? t : 0;
  double top = (double)(n - 1);
  t = t < top ? t : top;
  return (int32_t)t;
}

static inline uint32_t gv_join_grid_at(const gv_join_grid *gr, double x, double y) {
  int32_t i = gv_grid_bucket(x, gr->x0, gr->sx, gr->nx), j = gv_grid_bucket(y, gr->y0, gr->sy, gr->ny);
  return gr->cell[(int64_t)j * gr->nx + i];
}

/* Location of (x, y) through the edge block at `block` (the point's row
 * of one item), exactly as gv_locate_point gives it. */
int gv_join_grid_locate(const double *block, double x, double y);

/* Whether pred(point, geometry) holds for a point at location loc in the
 * geometry: 1 or 0; -1 when the location alone does not decide it. */
int gv_point_verdict(int pred, int loc);

/* Builds the grid over `region` for the items of tree t (geometries of g)
 * whose boxes meet it, with about `cells` cells (fewer when the items'
 * boxes would cover more than `budget` cell entries). pred must be decided
 * by location (gv_point_verdict >= 0). GV_ERR_LIMIT when no grid fits the
 * budget (the caller then searches the tree). */
gv_status gv_join_grid_build(gv_join_grid *gr, const gv_rtree *t, const gv_array *g, int pred, gv_box region,
                             int64_t cells, double budget);
void gv_join_grid_free(gv_join_grid *gr);

#endif
