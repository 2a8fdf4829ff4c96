/* The natural segment index: boxes over runs of consecutive segments,
 * level above level, up to one root box. Ring order is already spatially
 * coherent, so no sorting is needed: building is one linear pass and the
 * index costs about 1/15 of a box per segment. The leaves are the
 * coordinates themselves (see predicates.h). */
#include <math.h>

#include "prepared.h"

static gv_box seg_box(const gv_array *a, int32_t k) {
  double x1 = GV_X(a, k), y1 = GV_Y(a, k), x2 = GV_X(a, k + 1), y2 = GV_Y(a, k + 1);
  gv_box b = {x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1};
  return b;
}

static void box_grow(gv_box *b, gv_box c) {
  if (c.minx < b->minx) b->minx = c.minx;
  if (c.miny < b->miny) b->miny = c.miny;
  if (c.maxx > b->maxx) b->maxx = c.maxx;
  if (c.maxy > b->maxy) b->maxy = c.maxy;
}

gv_status gv_seg_index_build(const gv_array *a, int32_t k0, int32_t k1, gv_seg_index *ix) {
  ix->k0 = k0;
  ix->nseg = k1 - k0 >= 2 ? k1 - k0 - 1 : 0;
  ix->nlevels = 0;
  ix->boxes = NULL;
  if (ix->nseg == 0) return GV_OK;
  /* level sizes, known up front */
  int64_t total = 0;
  int32_t count = ix->nseg;
  do {
    count = (count + GV_SEG_SPREAD - 1) / GV_SEG_SPREAD;
    if (ix->nlevels == GV_SEG_MAX_LEVELS) return GV_ERR_LIMIT; /* cannot happen below 2^64 segments */
    ix->level_start[ix->nlevels] = (int32_t)total;
    ix->level_count[ix->nlevels] = count;
    ix->nlevels++;
    total += count;
  } while (count > 1);
  ix->boxes = gv_malloc((size_t)total * sizeof(gv_box));
  if (!ix->boxes) return GV_ERR_NOMEM;
  /* level 0 from the segments: the box of segments [s0, s1) is the box of
   * coordinates s0 .. s1, each read once, with min / max that compile
   * without branches (the comparisons' outcomes are unpredictable); a NaN
   * coordinate never wins a comparison, so it is left out as before */
  gv_box *lvl = ix->boxes;
  for (int32_t b = 0; b < ix->level_count[0]; b++) {
    int32_t s0 = b * GV_SEG_SPREAD, s1 = s0 + GV_SEG_SPREAD;
    if (s1 > ix->nseg) s1 = ix->nseg;
    gv_box box = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int32_t k = k0 + s0; k <= k0 + s1; k++) {
      double x = GV_X(a, k), y = GV_Y(a, k);
      box.minx = x < box.minx ? x : box.minx;
      box.miny = y < box.miny ? y : box.miny;
      box.maxx = x > box.maxx ? x : box.maxx;
      box.maxy = y > box.maxy ? y : box.maxy;
    }
    lvl[b] = box;
  }
  /* each higher level from the one below */
  for (int32_t l = 1; l < ix->nlevels; l++) {
    const gv_box *below = ix->boxes + ix->level_start[l - 1];
    gv_box *cur = ix->boxes + ix->level_start[l];
    int32_t nbelow = ix->level_count[l - 1];
    for (int32_t b = 0; b < ix->level_count[l]; b++) {
      int32_t c0 = b * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
      if (c1 > nbelow) c1 = nbelow;
      gv_box box = below[c0];
      for (int32_t c = c0 + 1; c < c1; c++) box_grow(&box, below[c]);
      cur[b] = box;
    }
  }
  return GV_OK;
}

void gv_seg_index_free(gv_seg_index *ix) {
  gv_free(ix->boxes);
  ix->boxes = NULL;
  ix->nseg = ix->nlevels = 0;
}

size_t gv_seg_index_bytes(const gv_seg_index *ix) {
  if (!ix->nlevels) return 0;
  int32_t top = ix->nlevels - 1;
  return (size_t)(ix->level_start[top] + ix->level_count[top]) * sizeof(gv_box);
}

/* Depth-first descent with an explicit stack; children are pushed in
 * reverse so that segments are visited in ring order. At most
 * GV_SEG_SPREAD - 1 siblings wait on each level, plus the node popped. */
int gv_seg_index_query(const gv_array *a, const gv_seg_index *ix, gv_box q, gv_seg_visit fn, void *ctx) {
  if (ix->nseg <= 0 || ix->nlevels <= 0) return 0;
  struct {
    int32_t level, node;
  } stack[GV_SEG_MAX_LEVELS * GV_SEG_SPREAD + 1];
  int sp = 0;
  stack[sp].level = ix->nlevels - 1, stack[sp].node = 0, sp++;
  while (sp > 0) {
    sp--;
    int32_t l = stack[sp].level, node = stack[sp].node;
    if (!gv_box_intersects(ix->boxes[ix->level_start[l] + node], q)) continue;
    if (l == 0) {
      int32_t s0 = node * GV_SEG_SPREAD, s1 = s0 + GV_SEG_SPREAD;
      if (s1 > ix->nseg) s1 = ix->nseg;
      for (int32_t s = s0; s < s1; s++) {
        int32_t k = ix->k0 + s;
        if (!gv_box_intersects(seg_box(a, k), q)) continue;
        int r = fn(ctx, k);
        if (r) return r;
      }
      continue;
    }
    int32_t c0 = node * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
    if (c1 > ix->level_count[l - 1]) c1 = ix->level_count[l - 1];
    for (int32_t c = c1 - 1; c >= c0; c--) stack[sp].level = l - 1, stack[sp].node = c, sp++;
  }
  return 0;
}
