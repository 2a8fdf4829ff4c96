/* The join grid: point queries against many geometries in O(1) per point
 * for most points (see rtree.h for the layout and why it is exact).
 *
 * Building, per item whose box meets the region: the cells its box reaches
 * are marked where an edge's box reaches them (through gv_grid_bucket, the
 * function lookups use); each run of unmarked cells along a row has one
 * location, found by one exact gv_locate_point at a point of the run. The
 * items are split among threads in chunks (in item order), each chunk
 * writing (cell, entry) pairs; the pairs are then counted per cell and
 * scattered in chunk order, so every cell lists its items ascending and the
 * result is the same whatever the thread count. */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "rtree.h"

int gv_point_verdict(int pred, int loc) {
  switch (pred) {
  case GV_PRED_INTERSECTS: case GV_PRED_COVERED_BY: return loc != GV_LOC_EXTERIOR;
  case GV_PRED_DISJOINT: return loc == GV_LOC_EXTERIOR;
  case GV_PRED_WITHIN: return loc == GV_LOC_INTERIOR;
  case GV_PRED_TOUCHES: return loc == GV_LOC_BOUNDARY;
  default: return -1; /* contains, covers, equals, crosses, overlaps: the general relate */
  }
}

/* Scratch cell states while classifying one item. */
enum { CELL_OPEN = 0, CELL_EDGE = 1 };

/* Items per chunk of the parallel build (items differ in size; small
 * chunks balance them). */
#define ITEM_CHUNK 16

typedef struct grid_job {
  const gv_rtree *t;
  const gv_array *g;
  int pred;
  const gv_join_grid *gr;
  const uint32_t *leaves; /* leaf positions meeting the region, by item */
  uint32_t nleaves;
  gv_buf *out;            /* per chunk: uint32 pairs (cell, entry) */
  gv_status status;
} grid_job;

/* Cell range of box b: [i0, i1] x [j0, j1]. */
static void cell_range(const gv_join_grid *gr, const double *b, int32_t r[4]) {
  r[0] = gv_grid_bucket(b[0], gr->x0, gr->sx, gr->nx);
  r[1] = gv_grid_bucket(b[1], gr->y0, gr->sy, gr->ny);
  r[2] = gv_grid_bucket(b[2], gr->x0, gr->sx, gr->nx);
  r[3] = gv_grid_bucket(b[3], gr->y0, gr->sy, gr->ny);
}

/* A coordinate that falls in bucket i, or NaN if rounding leaves none near
 * the bucket's middle (the cell then stays an edge cell). */
static double representative(int32_t i, double v0, double scale, int32_t n) {
  double v = scale > 0 ? v0 + ((double)i + 0.5) / scale : v0;
  if (!isfinite(v) || gv_grid_bucket(v, v0, scale, n) != i) return NAN;
  return v;
}

/* Marks the cells (within range r, w columns) that the boxes of the
 * item's edges reach. Returns 0 when the item cannot be classified: a
 * non-finite coordinate, or edges so long that marking would cost more
 * than testing (a star of spikes). */
static int mark_edges(const gv_join_grid *gr, const gv_array *g, uint32_t item, const int32_t r[4], uint8_t *m) {
  int64_t w = r[2] - r[0] + 1, h = r[3] - r[1] + 1;
  int32_t p1 = gv_geom_end(g, item);
  int64_t ncoords = gv_ring_begin(g, gv_part_begin(g, p1)) - gv_ring_begin(g, gv_part_begin(g, gv_geom_begin(g, item)));
  double work = 0, budget = 4.0 * (double)(w * h) + 2.0 * (double)ncoords + 4096;
  for (int32_t p = gv_geom_begin(g, item); p < p1; p++) {
    int32_t r1 = gv_part_end(g, p);
    for (int32_t ring = gv_part_begin(g, p); ring < r1; ring++) {
      int32_t k0 = gv_ring_begin(g, ring), k1 = gv_ring_end(g, ring);
      for (int32_t k = k0; k < k1; k++) {
        double ax = GV_X(g, k), ay = GV_Y(g, k);
        if (!(fabs(ax) < INFINITY && fabs(ay) < INFINITY)) return 0;
        double bx = k + 1 < k1 ? GV_X(g, k + 1) : ax, by = k + 1 < k1 ? GV_Y(g, k + 1) : ay;
        double x0 = ax < bx ? ax : bx, x1 = ax < bx ? bx : ax;
        double y0 = ay < by ? ay : by, y1 = ay < by ? by : ay;
        int32_t i0 = gv_grid_bucket(x0, gr->x0, gr->sx, gr->nx), i1 = gv_grid_bucket(x1, gr->x0, gr->sx, gr->nx);
        int32_t j0 = gv_grid_bucket(y0, gr->y0, gr->sy, gr->ny), j1 = gv_grid_bucket(y1, gr->y0, gr->sy, gr->ny);
        /* clip to the item's range: a damaged tree's box must not send us
         * out of the scratch (a valid one always contains its edges) */
        if (i0 < r[0]) i0 = r[0];
        if (i1 > r[2]) i1 = r[2];
        if (j0 < r[1]) j0 = r[1];
        if (j1 > r[3]) j1 = r[3];
        if (i1 < i0 || j1 < j0) continue;
        work += (double)(i1 - i0 + 1) * (double)(j1 - j0 + 1);
        if (work > budget) return 0;
        for (int32_t j = j0; j <= j1; j++) memset(m + (int64_t)(j - r[1]) * w + (i0 - r[0]), CELL_EDGE, (size_t)(i1 - i0 + 1));
      }
    }
  }
  return 1;
}

/* Appends (cell, entry) at o (room was reserved for every cell of the item). */
#define EMIT(cell, entry) (o[0] = (uint32_t)(cell), o[1] = (entry), o += 2)

/* The entries of one item: sure cells, test cells; cells where the
 * predicate cannot hold are left out. */
static gv_status grid_item(const grid_job *j, uint32_t leaf, gv_buf *out, uint8_t **scratch, size_t *cap) {
  const gv_join_grid *gr = j->gr;
  const gv_array *g = j->g;
  uint32_t item = j->t->index[leaf];
  int32_t r[4];
  cell_range(gr, j->t->boxes + 4 * (size_t)leaf, r);
  if (r[2] < r[0] || r[3] < r[1]) return GV_OK;
  int64_t w = r[2] - r[0] + 1, h = r[3] - r[1] + 1;
  uint32_t test = item << 1, sure = test | 1;
  if (gv_buf_reserve(out, (size_t)(w * h) * 8)) return GV_ERR_NOMEM;
  uint32_t *o = (uint32_t *)(out->data + out->len);
  uint8_t base = GV_BASE_TYPE(gv_type_byte(g, item));
  int classify = base == GV_POLYGON || base == GV_MULTIPOLYGON;
  if (classify) {
    if ((size_t)(w * h) > *cap) {
      gv_free(*scratch);
      *cap = (size_t)(w * h) * 2;
      *scratch = gv_malloc(*cap);
      if (!*scratch) {
        *cap = 0;
        return GV_ERR_NOMEM;
      }
    }
    memset(*scratch, CELL_OPEN, (size_t)(w * h));
    classify = mark_edges(gr, g, item, r, *scratch);
  }
  if (!classify) {
    for (int32_t y = r[1]; y <= r[3]; y++)
      for (int32_t x = r[0]; x <= r[2]; x++) EMIT((int64_t)y * gr->nx + x, test);
    out->len = (size_t)((uint8_t *)o - out->data);
    return GV_OK;
  }
  const uint8_t *m = *scratch;
  for (int32_t y = r[1]; y <= r[3]; y++) {
    const uint8_t *row = m + (int64_t)(y - r[1]) * w;
    double ry = representative(y, gr->y0, gr->sy, gr->ny);
    int64_t base_cell = (int64_t)y * gr->nx;
    for (int32_t x = r[0]; x <= r[2];) {
      if (row[x - r[0]] == CELL_EDGE) {
        EMIT(base_cell + x, test);
        x++;
        continue;
      }
      /* a run of open cells: one location for all of it */
      int32_t x1 = x;
      while (x1 <= r[2] && row[x1 - r[0]] == CELL_OPEN) x1++;
      double rx = representative(x, gr->x0, gr->sx, gr->nx);
      int v = -1;
      if (!isnan(rx) && !isnan(ry)) {
        int loc = gv_locate_point(g, item, rx, ry);
        if (loc != GV_LOC_BOUNDARY) v = gv_point_verdict(j->pred, loc); /* BOUNDARY cannot happen; be safe */
      }
      if (v != 0)
        for (int32_t k = x; k < x1; k++) EMIT(base_cell + k, v > 0 ? sure : test);
      x = x1;
    }
  }
  out->len = (size_t)((uint8_t *)o - out->data);
  return GV_OK;
}

static void grid_chunks(void *ctx, int64_t begin, int64_t end) {
  grid_job *j = ctx;
  uint8_t *scratch = NULL;
  size_t cap = 0;
  for (int64_t ch = begin; ch < end && !j->status; ch++) {
    uint32_t l0 = (uint32_t)ch * ITEM_CHUNK, l1 = l0 + ITEM_CHUNK < j->nleaves ? l0 + ITEM_CHUNK : j->nleaves;
    for (uint32_t l = l0; l < l1; l++) {
      gv_status s = grid_item(j, j->leaves[l], &j->out[ch], &scratch, &cap);
      if (s) {
        j->status = s;
        break;
      }
    }
  }
  gv_free(scratch);
}

/* Grid shape for about `cells` cells over the region, square-ish cells. */
static void grid_shape(gv_join_grid *gr, gv_box region, double cells) {
  double W = region.maxx - region.minx, H = region.maxy - region.miny;
  double nx = 1, ny = 1;
  if (W > 0 && H > 0) {
    nx = round(sqrt(cells * W / H));
    nx = nx < 1 ? 1 : nx > 16384 ? 16384 : nx;
    ny = round(cells / nx);
    ny = ny < 1 ? 1 : ny > 16384 ? 16384 : ny;
  } else if (W > 0) {
    nx = cells < 16384 ? cells : 16384;
  } else if (H > 0) {
    ny = cells < 16384 ? cells : 16384;
  }
  gr->nx = (int32_t)nx, gr->ny = (int32_t)ny;
  gr->x0 = region.minx, gr->y0 = region.miny;
  gr->sx = W > 0 ? nx / W : 0;
  gr->sy = H > 0 ? ny / H : 0;
  /* degenerate scales (overflow, or underflow to 0): one bucket on that axis */
  if (!(gr->sx > 0 && gr->sx < INFINITY)) gr->nx = 1, gr->sx = 0;
  if (!(gr->sy > 0 && gr->sy < INFINITY)) gr->ny = 1, gr->sy = 0;
}

/* Cells the leaves' boxes cover in all, for the budget. */
static double coverage(const gv_join_grid *gr, const gv_rtree *t, const uint32_t *leaves, uint32_t n) {
  double total = 0;
  for (uint32_t l = 0; l < n; l++) {
    int32_t r[4];
    cell_range(gr, t->boxes + 4 * (size_t)leaves[l], r);
    if (r[2] >= r[0] && r[3] >= r[1]) total += (double)(r[2] - r[0] + 1) * (double)(r[3] - r[1] + 1);
  }
  return total;
}

void gv_join_grid_free(gv_join_grid *gr) {
  gv_free(gr->cell);
  gv_free(gr->list);
  memset(gr, 0, sizeof *gr);
}

/* Leaves whose box meets the region, ordered by item. */
static gv_status region_leaves(const gv_rtree *t, gv_box q, uint32_t **out, uint32_t *n) {
  uint32_t m = t->h->num_items, k = 0;
  uint32_t *keys = gv_malloc((size_t)m * 4), *vals = gv_malloc((size_t)m * 4);
  if (!keys || !vals) {
    gv_free(keys);
    gv_free(vals);
    return GV_ERR_NOMEM;
  }
  for (uint32_t p = 0; p < m; p++) {
    const double *b = t->boxes + 4 * (size_t)p;
    if (!((q.maxx < b[0]) | (q.maxy < b[1]) | (q.minx > b[2]) | (q.miny > b[3])) && b[0] <= b[2] && b[1] <= b[3])
      keys[k] = t->index[p], vals[k++] = p;
  }
  gv_status s = gv_sort_pairs_u32(keys, vals, k);
  gv_free(keys);
  if (s) {
    gv_free(vals);
    return s;
  }
  *out = vals, *n = k;
  return GV_OK;
}

gv_status gv_join_grid_build(gv_join_grid *gr, const gv_rtree *t, const gv_array *g, int pred, gv_box region,
                             int64_t cells, double budget) {
  memset(gr, 0, sizeof *gr);
  if (t->h->item_limit > GV_GRID_MAX_ITEM + 1 || gv_point_verdict(pred, GV_LOC_INTERIOR) < 0 ||
      !(region.minx <= region.maxx && region.miny <= region.maxy))
    return GV_ERR_LIMIT;
  uint32_t *leaves, nleaves;
  gv_status s = region_leaves(t, region, &leaves, &nleaves);
  if (s) return s;
  /* fewer, bigger cells while the boxes cover too many */
  double want = cells < 1 ? 1 : (double)cells;
  for (;;) {
    grid_shape(gr, region, want);
    if (coverage(gr, t, leaves, nleaves) <= budget) break;
    if (want <= 64) {
      gv_free(leaves);
      return GV_ERR_LIMIT;
    }
    want /= 4;
  }
  int64_t ncells = (int64_t)gr->nx * gr->ny;
  int64_t chunks = ((int64_t)nleaves + ITEM_CHUNK - 1) / ITEM_CHUNK;
  grid_job j = {t, g, pred, gr, leaves, nleaves, gv_calloc((size_t)chunks + 1, sizeof(gv_buf)), GV_OK};
  uint32_t *count = gv_calloc((size_t)ncells, sizeof(uint32_t));
  gr->cell = gv_malloc((size_t)ncells * sizeof(uint32_t));
  s = j.out && count && gr->cell ? GV_OK : GV_ERR_NOMEM;
  if (!s) {
    gv_parallel_for(chunks, 1, grid_chunks, &j);
    s = j.status;
  }
  /* count per cell, remembering the last entry (the only one of a cell
   * with one); then lay out the lists of the cells with several */
  size_t list_len = 0;
  if (!s) {
    for (int64_t ch = 0; ch < chunks; ch++) {
      const uint32_t *e = (const uint32_t *)j.out[ch].data;
      size_t n = j.out[ch].len / 8;
      for (size_t k = 0; k < n; k++) count[e[2 * k]]++, gr->cell[e[2 * k]] = e[2 * k + 1];
    }
    for (int64_t c = 0; c < ncells; c++) {
      if (count[c] == 0) gr->cell[c] = GV_GRID_EMPTY;
      else if (count[c] > 1) list_len += 1 + (size_t)count[c];
    }
    if (list_len >= GV_GRID_LIST) s = GV_ERR_LIMIT;
  }
  if (!s) {
    gr->list = gv_malloc(list_len * sizeof(uint32_t));
    if (!gr->list) s = GV_ERR_NOMEM;
  }
  if (!s) {
    uint32_t at = 0;
    for (int64_t c = 0; c < ncells; c++) {
      if (count[c] < 2) continue;
      gr->list[at] = count[c];
      gr->cell[c] = GV_GRID_LIST | at;
      count[c] = at + 1; /* now the write position */
      at += 1 + gr->list[at];
    }
    for (int64_t ch = 0; ch < chunks; ch++) {
      const uint32_t *e = (const uint32_t *)j.out[ch].data;
      size_t n = j.out[ch].len / 8;
      for (size_t k = 0; k < n; k++) {
        uint32_t c = e[2 * k];
        if (gr->cell[c] & GV_GRID_LIST) gr->list[count[c]++] = e[2 * k + 1];
      }
    }
    gr->bytes = (size_t)ncells * 4 + list_len * 4;
  }
  for (int64_t ch = 0; j.out && ch < chunks; ch++) gv_buf_free(&j.out[ch]);
  gv_free(j.out);
  gv_free(count);
  gv_free(leaves);
  if (s) gv_join_grid_free(gr);
  return s;
}
