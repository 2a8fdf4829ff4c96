/* The packed Hilbert R-tree: build and search. */
#include "rtree.h"

#include <math.h>
#include <string.h>

/* Hilbert index of (x, y) on a 2^16 grid (the classic bit-twiddling form of
 * the curve, one branch-free step per bit pair). */
static uint32_t hilbert(uint32_t x, uint32_t y) {
  uint32_t a = x ^ y, b = 0xFFFF ^ a, c = 0xFFFF ^ (x | y), d = x & (y ^ 0xFFFF);
  uint32_t A = a | (b >> 1), B = (a >> 1) ^ a, C = ((c >> 1) ^ (b & (d >> 1))) ^ c, D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;
  a = A, b = B, c = C, d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));
  a = A, b = B, c = C, d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));
  a = A, b = B, c = C, d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));
  a = C ^ (C >> 1);
  b = D ^ (D >> 1);
  uint32_t i0 = x ^ y, i1 = b | (0xFFFF ^ (i0 | a));
  i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
  i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;
  i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
  i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;
  return (i1 << 1) | i0;
}

/* Sorts items by key with an LSD radix sort (4 passes of 8 bits): linear,
 * and stable, so equal keys keep input order and builds are deterministic. */
gv_status gv_sort_pairs_u32(uint32_t *keys, uint32_t *items, uint32_t n) {
  uint32_t *k2 = gv_malloc((size_t)n * 4), *i2 = gv_malloc((size_t)n * 4);
  if (!k2 || !i2) {
    gv_free(k2);
    gv_free(i2);
    return GV_ERR_NOMEM;
  }
  for (int shift = 0; shift < 32; shift += 8) {
    uint32_t count[257] = {0};
    for (uint32_t i = 0; i < n; i++) count[((keys[i] >> shift) & 0xFF) + 1]++;
    if (n && count[((keys[0] >> shift) & 0xFF) + 1] == n) continue; /* one bucket: nothing moves */
    for (int b = 0; b < 256; b++) count[b + 1] += count[b];
    for (uint32_t i = 0; i < n; i++) {
      uint32_t p = count[(keys[i] >> shift) & 0xFF]++;
      k2[p] = keys[i];
      i2[p] = items[i];
    }
    memcpy(keys, k2, (size_t)n * 4);
    memcpy(items, i2, (size_t)n * 4);
  }
  gv_free(k2);
  gv_free(i2);
  return GV_OK;
}

/* The shape of a tree over m items: the number of levels and where each
 * ends. Returns 0 when it would need more than GV_RTREE_MAX_LEVELS. */
static int tree_shape(uint32_t m, uint32_t node_size, uint32_t *num_levels, uint32_t level_end[GV_RTREE_MAX_LEVELS],
                      uint32_t *num_nodes) {
  uint64_t count = m, nodes = m;
  uint32_t levels = 0;
  if (m) level_end[levels++] = m;
  while (count > 1) {
    if (levels == GV_RTREE_MAX_LEVELS) return 0;
    count = (count + node_size - 1) / node_size;
    nodes += count;
    if (nodes > 0x7FFFFFFF) return 0; /* positions must fit, with room */
    level_end[levels++] = (uint32_t)nodes;
  }
  *num_levels = levels;
  *num_nodes = (uint32_t)nodes;
  return 1;
}

static size_t layout(uint32_t nodes, size_t *boxes_at, size_t *index_at) {
  *boxes_at = (sizeof(gv_rtree_header) + 7) & ~(size_t)7;
  *index_at = *boxes_at + (size_t)nodes * 32;
  return *index_at + (size_t)nodes * 4;
}

gv_status gv_rtree_build(const double *boxes, uint32_t n, uint32_t node_size, gv_buf *out) {
  if (node_size < 2 || node_size > GV_RTREE_MAX_NODE) return GV_ERR_ARG;
  /* items with a NaN box (null or empty geometries) stay out of the tree */
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    const double *b = boxes + 4 * (size_t)i;
    m += !(isnan(b[0]) || isnan(b[1]) || isnan(b[2]) || isnan(b[3]));
  }
  gv_rtree_header h;
  memset(&h, 0, sizeof h); /* padding too: the buffer's bytes must be deterministic */
  h.magic = GV_RTREE_MAGIC;
  h.version = GV_RTREE_VERSION;
  h.node_size = node_size;
  h.num_items = m;
  h.item_limit = n;
  /* levels: the leaves, then parents until a single root (a lone leaf is its own root) */
  uint32_t nodes;
  if (!tree_shape(m, node_size, &h.num_levels, h.level_end, &nodes)) return GV_ERR_LIMIT;
  h.num_nodes = nodes;
  size_t boxes_at, index_at, total = layout(nodes, &boxes_at, &index_at);
  out->len = 0;
  if (gv_buf_reserve(out, total)) return GV_ERR_NOMEM;
  memset(out->data, 0, total);
  out->len = total;
  double *nb = (double *)(out->data + boxes_at);
  uint32_t *ni = (uint32_t *)(out->data + index_at);
  double ext[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  uint32_t *keys = gv_malloc((size_t)m * 4 + 4), *items = gv_malloc((size_t)m * 4 + 4);
  if (!keys || !items) {
    gv_free(keys);
    gv_free(items);
    return GV_ERR_NOMEM;
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++) {
    const double *b = boxes + 4 * (size_t)i;
    if (isnan(b[0]) || isnan(b[1]) || isnan(b[2]) || isnan(b[3])) continue;
    items[k++] = i;
    ext[0] = fmin(ext[0], b[0]), ext[1] = fmin(ext[1], b[1]);
    ext[2] = fmax(ext[2], b[2]), ext[3] = fmax(ext[3], b[3]);
  }
  double w = ext[2] - ext[0], hgt = ext[3] - ext[1];
  for (uint32_t i = 0; i < m; i++) {
    const double *b = boxes + 4 * (size_t)items[i];
    double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    uint32_t hx = w > 0 ? (uint32_t)fmin(65535.0, floor(65535.0 * (cx - ext[0]) / w)) : 0;
    uint32_t hy = hgt > 0 ? (uint32_t)fmin(65535.0, floor(65535.0 * (cy - ext[1]) / hgt)) : 0;
    keys[i] = hilbert(hx, hy);
  }
  gv_status s = gv_sort_pairs_u32(keys, items, m);
  gv_free(keys);
  if (s) {
    gv_free(items);
    return s;
  }
  for (uint32_t i = 0; i < m; i++) {
    memcpy(nb + 4 * (size_t)i, boxes + 4 * (size_t)items[i], 32);
    ni[i] = items[i];
  }
  gv_free(items);
  /* upper levels, bottom-up */
  uint32_t begin = 0, end = m, pos = m;
  for (uint32_t level = 0; level + 1 < h.num_levels; level++) {
    for (uint32_t c = begin; c < end; c += node_size) {
      double b[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
      uint32_t ce = c + node_size < end ? c + node_size : end;
      for (uint32_t j = c; j < ce; j++) {
        const double *cb = nb + 4 * (size_t)j;
        b[0] = fmin(b[0], cb[0]), b[1] = fmin(b[1], cb[1]);
        b[2] = fmax(b[2], cb[2]), b[3] = fmax(b[3], cb[3]);
      }
      memcpy(nb + 4 * (size_t)pos, b, 32);
      ni[pos++] = c;
    }
    begin = end;
    end = pos;
  }
  memcpy(h.extent, ext, sizeof ext);
  memcpy(out->data, &h, sizeof h);
  return GV_OK;
}

gv_status gv_rtree_open(const void *data, size_t len, gv_rtree *t) {
  if (!data || len < sizeof(gv_rtree_header) || ((uintptr_t)data & 7)) return GV_ERR_ARG;
  const gv_rtree_header *h = data;
  if (h->magic != GV_RTREE_MAGIC || h->version != GV_RTREE_VERSION || h->node_size < 2 ||
      h->node_size > GV_RTREE_MAX_NODE || h->num_items > h->item_limit)
    return GV_ERR_ARG;
  /* The whole structure follows from num_items and node_size; a buffer
   * whose levels or child positions differ from it is damaged (this also
   * bounds every position a search can reach). */
  uint32_t levels, nodes, level_end[GV_RTREE_MAX_LEVELS];
  if (!tree_shape(h->num_items, h->node_size, &levels, level_end, &nodes)) return GV_ERR_ARG;
  if (h->num_levels != levels || h->num_nodes != nodes) return GV_ERR_ARG;
  for (uint32_t l = 0; l < levels; l++)
    if (h->level_end[l] != level_end[l]) return GV_ERR_ARG;
  size_t boxes_at, index_at;
  if (layout(h->num_nodes, &boxes_at, &index_at) != len) return GV_ERR_ARG;
  t->h = h;
  t->boxes = (const double *)((const uint8_t *)data + boxes_at);
  t->index = (const uint32_t *)((const uint8_t *)data + index_at);
  for (uint32_t p = 0; p < h->num_items; p++)
    if (t->index[p] >= h->item_limit) return GV_ERR_ARG;
  /* node k of level l (l >= 1) starts at child k * node_size of level l - 1 */
  for (uint32_t l = 1; l < levels; l++) {
    uint32_t below = l < 2 ? 0 : level_end[l - 2];
    for (uint32_t p = level_end[l - 1]; p < level_end[l]; p++)
      if (t->index[p] != below + (p - level_end[l - 1]) * h->node_size) return GV_ERR_ARG;
  }
  return GV_OK;
}

/* Depth-first search with an explicit stack of (node position, level).
 * Valid trees (gv_rtree_open checks the shape) push at most node_size
 * entries per level, so the stack is bounded. The box test uses
 * non-short-circuit operators: one well-predicted branch per box instead of
 * up to four data-dependent ones. */
#define SEARCH_BODY(EMIT)                                                                                \
  const gv_rtree_header *h = t->h;                                                                      \
  if (!h->num_nodes || !(q.minx <= q.maxx && q.miny <= q.maxy)) return 0;                               \
  uint32_t stack[2 * GV_RTREE_MAX_NODE * GV_RTREE_MAX_LEVELS];                                          \
  int sp = 0;                                                                                           \
  uint32_t node = h->num_nodes - 1, level = h->num_levels - 1, ns = h->node_size;                       \
  for (;;) {                                                                                            \
    uint32_t end = node + ns < h->level_end[level] ? node + ns : h->level_end[level];                   \
    for (uint32_t p = node; p < end; p++) {                                                             \
      const double *b = t->boxes + 4 * (size_t)p;                                                       \
      if ((q.maxx < b[0]) | (q.maxy < b[1]) | (q.minx > b[2]) | (q.miny > b[3])) continue;              \
      if (level == 0) {                                                                                 \
        EMIT                                                                                            \
      } else {                                                                                          \
        stack[sp++] = t->index[p];                                                                      \
        stack[sp++] = level - 1;                                                                        \
      }                                                                                                 \
    }                                                                                                   \
    if (sp == 0) return 0;                                                                              \
    level = stack[--sp];                                                                                \
    node = stack[--sp];                                                                                 \
  }

int gv_rtree_search(const gv_rtree *t, gv_box q, gv_rtree_visit fn, void *ctx) {
  SEARCH_BODY({
    int r = fn(ctx, t->index[p]);
    if (r) return r;
  })
}

int gv_rtree_collect(const gv_rtree *t, gv_box q, gv_items *out) {
  SEARCH_BODY({
    if (out->n == out->cap && gv_items_grow(out)) return -1;
    out->v[out->n++] = t->index[p];
  })
}

int gv_items_grow(gv_items *it) {
  size_t cap = it->cap ? it->cap * 2 : 64;
  uint32_t *v = gv_realloc(it->v, cap * sizeof *v);
  if (!v) return -1;
  it->v = v, it->cap = cap;
  return 0;
}
