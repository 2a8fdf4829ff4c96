/* The join grid: point queries against many geometries at about one cell
 * lookup per point (see rtree.h for the layout and why it is exact).
 *
 * Building, per item whose box meets the region (a polygonal item; other
 * kinds are listed as "test", without an edge block, in every cell their
 * box reaches):
 *  1. every edge marks the cells its box reaches (through gv_grid_bucket,
 *     the function lookups use) and joins the edge list of each row its
 *     y-range reaches (classify_part);
 *  2. each row's unmarked cells are classified inside / outside by ray
 *     crossing along the row's line (classify_part again);
 *  3. the row lists become edge blocks, with the coordinates copied
 *     (emit_blocks), and the item's entries go out as (cell, entry, block)
 *     triples: "sure" for cells where the predicate holds throughout,
 *     "test" with the row's block for marked cells; cells where the
 *     predicate cannot hold are left out (grid_item).
 * Items are split among threads in chunks, in item order, each chunk
 * writing its triples by band of rows; the bands are then counted and
 * scattered in parallel, each cell's entries in chunk order, so every cell
 * lists its items ascending and the grid is the same whatever the thread
 * count (build_cells). */
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

/* ---- exact location through the row lists ------------------------------------ */

/* Edge (x1, y1) -> (x2, y2) against the ray going right from (x, y): -1
 * when the point is on the edge, 1 when the ray crosses it, else 0. The
 * half-open rule of ray crossing (an edge counts when one end is strictly
 * above y and the other on or below), as pip.c applies it, so that both
 * give the same location. */
static inline int ray_cross(double x1, double y1, double x2, double y2, double x, double y) {
  if ((y1 > y) != (y2 > y)) {
    if (x1 < x && x2 < x) return 0;
    if (x1 > x && x2 > x) return 1;
    int o = gv_orient(x1, y1, x2, y2, x, y);
    if (o == 0) return -1;
    return (o > 0) == (y2 > y1);
  }
  if (y1 == y && y2 == y) return (x1 <= x && x <= x2) || (x2 <= x && x <= x1) ? -1 : 0;
  if ((y1 == y && x1 == x) || (y2 == y && x2 == x)) return -1;
  return 0;
}

/* An edge whose y-range misses the point's row lies wholly above or below
 * the point (bucket is monotone), so it neither holds the point nor crosses
 * its ray: the row's edges decide. Parts are united as locate.c does: the
 * interior of any part wins, then the boundary of any. */
int gv_join_grid_locate(const double *block, double x, double y) {
  int64_t n = (int64_t)block[0];
  const double *e = block + 1, *end = e + 4 * n;
  int loc = GV_LOC_EXTERIOR, parity = 0;
  for (; e < end; e += 4) {
    double x1 = e[0], y1 = e[1], x2 = e[2], y2 = e[3];
    if (isnan(x1)) { /* the next part */
      if (parity) return GV_LOC_INTERIOR;
      continue;
    }
    /* the common cases without branches: the edge does not straddle the
     * ray's line, or lies wholly left or right of the point; the rest (the
     * point level with an end, or within the edge's x-range) in full */
    int straddle = (y1 > y) ^ (y2 > y);
    int right = (x1 > x) & (x2 > x), left = (x1 < x) & (x2 < x);
    if ((straddle & !(right | left)) | (y1 == y) | (y2 == y)) {
      int c = ray_cross(x1, y1, x2, y2, x, y);
      if (c < 0) {
        /* on this part's boundary: the next parts may still hold it inside */
        loc = GV_LOC_BOUNDARY;
        parity = 0;
        while (e + 4 < end && !isnan(e[4])) e += 4;
        continue;
      }
      parity ^= c;
    } else {
      parity ^= straddle & right;
    }
  }
  return parity ? GV_LOC_INTERIOR : loc;
}

/* ---- building ------------------------------------------------------------------- */

/* Marks, in a row pair, the first edge of a polygon part within the row. */
#define NEW_PART 0x80000000u

/* Scratch bits per cell while classifying one item. */
enum {
  CELL_EDGE = 1,   /* an edge's box reaches the cell: test each point */
  CELL_TOGGLE = 2, /* an odd number of the row line's crossings start in this column */
  CELL_INSIDE = 4, /* inside some polygon part */
};

/* Items per chunk of the parallel build (items differ in size; small
 * chunks balance them). */
#define ITEM_CHUNK 16

/* Bands of rows: the cells are assembled band by band in parallel, so
 * each chunk's entries are grouped by band. The count does not depend on
 * the thread count (nor does the grid). */
#define MAX_BANDS 16

/* What one chunk of items produces. */
typedef struct chunk_out {
  gv_buf band[MAX_BANDS]; /* per band of rows: uint32 triples (cell, entry, edge
                             block in `edges` below or GV_GRID_NONE) */
  gv_buf edges;           /* double: edge blocks */
  uint32_t edge_base;     /* where its edges start in the grid's */
} chunk_out;

/* Per-thread scratch. */
typedef struct scratch {
  uint8_t *cells;   /* w * h cell bits */
  double *ry;       /* per row: the height of its line, or NaN */
  int32_t *last;    /* per row: the part that last added an edge */
  uint32_t *count;  /* per row + 1: edges */
  uint32_t *block;  /* per row: its edge block in the chunk's edges */
  size_t cells_cap, rows_cap;
  gv_buf pairs;     /* uint32 (row, edge) pairs of the item */
} scratch;

typedef struct grid_job {
  const gv_rtree *t;
  const gv_array *g;
  int pred;
  gv_join_grid *gr;
  const uint32_t *leaves; /* leaf positions meeting the region, by item */
  uint32_t nleaves;
  chunk_out *out;
  int64_t chunks;
  int32_t nbands, band_rows; /* rows [b * band_rows, (b + 1) * band_rows) form band b */
  /* assembling the cells (build_cells) */
  uint32_t *count;           /* per cell */
  size_t band_list[MAX_BANDS + 1]; /* list words per band, then where each band's start */
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
 * the bucket's middle (the row then stays a row of edge cells). */
static double representative(int32_t i, double v0, double scale, int32_t n) {
  double v = scale > 0 ? v0 + ((double)i + 0.5) / scale : v0;
  if (!isfinite(v) || gv_grid_bucket(v, v0, scale, n) != i) return NAN;
  return v;
}

/* Classifies the cells of range r (w columns) for polygon part p: marks
 * the cells its edges' boxes reach, adds its edges to the row lists, and
 * sets CELL_INSIDE on the unmarked cells inside it. Inside is decided by ray
 * crossing along the row's line y = ry (the half-open rule of pip.c): an
 * edge that crosses that line reaches every cell of the row between the
 * buckets of its x-range, so to an unmarked cell it lies wholly left or
 * wholly right -- no orientation test needed -- and the crossings right of
 * column i are the edges whose leftmost bucket is greater than i: a suffix
 * parity per row. Returns 0 when the part cannot be classified (a
 * non-finite coordinate, or edges so long that marking would cost more than
 * testing points). */
static int classify_part(const gv_join_grid *gr, const gv_array *g, int32_t p, const int32_t r[4], scratch *sc,
                         double *work, double budget) {
  int64_t w = r[2] - r[0] + 1;
  uint8_t *m = sc->cells;
  const double *ry = sc->ry;
  int32_t rows0 = r[3] + 1, rows1 = r[1] - 1; /* rows and columns this part reaches */
  int32_t cols0 = r[2] + 1, cols1 = r[0] - 1;
  int32_t ring1 = gv_part_end(g, p);
  for (int32_t ring = gv_part_begin(g, p); ring < ring1; ring++) {
    int32_t k0 = gv_ring_begin(g, ring), k1 = gv_ring_end(g, ring);
    if (gv_buf_reserve(&sc->pairs, (size_t)(k1 - k0) * 16)) return -1;
    for (int32_t k = k0; k < k1; k++) {
      double ax = GV_X(g, k), ay = GV_Y(g, k);
      if (!(fabs(ax) < INFINITY && fabs(ay) < INFINITY)) return 0;
      int last = k + 1 == k1; /* a lone end point: marks its cell, no edge */
      double bx = last ? ax : GV_X(g, k + 1), by = last ? ay : GV_Y(g, k + 1);
      double x0 = ax < bx ? ax : bx, x1 = ax < bx ? bx : ax;
      double y0 = ay < by ? ay : by, y1 = ay < by ? by : ay;
      int32_t i0 = gv_grid_bucket(x0, gr->x0, gr->sx, gr->nx), i1 = gv_grid_bucket(x1, gr->x0, gr->sx, gr->nx);
      int32_t j0 = gv_grid_bucket(y0, gr->y0, gr->sy, gr->ny), j1 = gv_grid_bucket(y1, gr->y0, gr->sy, gr->ny);
      /* clip to the item's range: a damaged tree's box must not send us
       * out of the scratch (a valid one always contains its edges) */
      i0 = i0 < r[0] ? r[0] : i0, i1 = i1 > r[2] ? r[2] : i1;
      j0 = j0 < r[1] ? r[1] : j0, j1 = j1 > r[3] ? r[3] : j1;
      if (i1 < i0 || j1 < j0) continue;
      *work += (double)(i1 - i0 + 1) * (double)(j1 - j0 + 1);
      if (*work > budget) return 0;
      rows0 = j0 < rows0 ? j0 : rows0, rows1 = j1 > rows1 ? j1 : rows1;
      cols0 = i0 < cols0 ? i0 : cols0, cols1 = i1 > cols1 ? i1 : cols1;
      if (!last && (size_t)(j1 - j0 + 1) * 8 > sc->pairs.cap - sc->pairs.len &&
          gv_buf_reserve(&sc->pairs, (size_t)(j1 - j0 + 1) * 8 + (size_t)(k1 - k) * 16))
        return -1;
      for (int32_t j = j0; j <= j1; j++) {
        uint8_t *row = m + (int64_t)(j - r[1]) * w - r[0];
        for (int32_t i = i0; i <= i1; i++) row[i] |= CELL_EDGE;
        if (last) continue;
        int32_t jl = j - r[1];
        if ((ay > ry[jl]) != (by > ry[jl])) row[i0] ^= CELL_TOGGLE;
        uint32_t *pr = (uint32_t *)(sc->pairs.data + sc->pairs.len);
        pr[0] = (uint32_t)jl;
        pr[1] = (uint32_t)k | (sc->last[jl] != p ? NEW_PART : 0);
        sc->last[jl] = p;
        sc->pairs.len += 8;
      }
    }
  }
  /* suffix parity per row, from the rightmost column the part reaches
   * (nothing crosses further right); left of its leftmost column the parity
   * is the whole row's, 0 for closed rings */
  for (int32_t j = rows0; j <= rows1; j++) {
    uint8_t *row = m + (int64_t)(j - r[1]) * w - r[0];
    int par = 0;
    for (int32_t i = cols1; i >= cols0; i--) {
      uint8_t c = row[i];
      if (par && !(c & CELL_EDGE)) c |= CELL_INSIDE;
      par ^= (c & CELL_TOGGLE) != 0;
      row[i] = c & (uint8_t)~CELL_TOGGLE;
    }
    for (int32_t i = cols0 - 1; par && i >= r[0]; i--)
      if (!(row[i] & CELL_EDGE)) row[i] |= CELL_INSIDE;
  }
  return 1;
}

static int scratch_fit(scratch *sc, int64_t w, int64_t h) {
  if ((size_t)(w * h) > sc->cells_cap) {
    gv_free(sc->cells);
    sc->cells_cap = (size_t)(w * h) * 2;
    sc->cells = gv_malloc(sc->cells_cap);
    if (!sc->cells) return sc->cells_cap = 0, -1;
  }
  if ((size_t)h + 1 > sc->rows_cap) {
    gv_free(sc->ry), gv_free(sc->last), gv_free(sc->count), gv_free(sc->block);
    sc->rows_cap = ((size_t)h + 1) * 2;
    sc->block = gv_malloc(sc->rows_cap * sizeof(uint32_t));
    sc->ry = gv_malloc(sc->rows_cap * sizeof(double));
    sc->last = gv_malloc(sc->rows_cap * sizeof(int32_t));
    sc->count = gv_malloc(sc->rows_cap * sizeof(uint32_t));
    if (!sc->ry || !sc->last || !sc->count || !sc->block) return sc->rows_cap = 0, -1;
  }
  return 0;
}

static void scratch_free(scratch *sc) {
  gv_free(sc->cells), gv_free(sc->ry), gv_free(sc->last), gv_free(sc->count), gv_free(sc->block);
  gv_buf_free(&sc->pairs);
}

/* Classifies polygonal item `item` over range r: 1 done (cell bits in
 * sc->cells, row pairs in sc->pairs), 0 when it cannot be, -1 out of memory. */
static int classify_item(const grid_job *j, uint32_t item, uint8_t t, const int32_t r[4], scratch *sc) {
  const gv_join_grid *gr = j->gr;
  const gv_array *g = j->g;
  int64_t w = r[2] - r[0] + 1, h = r[3] - r[1] + 1;
  if (scratch_fit(sc, w, h)) return -1;
  memset(sc->cells, 0, (size_t)(w * h));
  sc->pairs.len = 0;
  for (int32_t y = 0; y < h; y++) {
    sc->last[y] = -1;
    sc->ry[y] = representative(r[1] + y, gr->y0, gr->sy, gr->ny);
    /* no usable line: the whole row is tested point by point */
    if (isnan(sc->ry[y])) memset(sc->cells + (int64_t)y * w, CELL_EDGE, (size_t)w);
  }
  int32_t p0 = gv_geom_begin(g, item), p1 = gv_geom_end(g, item);
  int64_t ncoords = gv_ring_begin(g, gv_part_begin(g, p1)) - gv_ring_begin(g, gv_part_begin(g, p0));
  double work = 0, budget = 4.0 * (double)(w * h) + 2.0 * (double)ncoords + 4096;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(g, t, p) != GV_POLYGON) return 0;
    int ok = classify_part(gr, g, p, r, sc, &work, budget);
    if (ok <= 0) return ok;
  }
  return 1;
}

/* Writes the item's edge blocks (from sc->pairs) to the chunk's edges,
 * and each row's block position to sc->block. */
static gv_status emit_blocks(const gv_array *g, chunk_out *o, const int32_t r[4], scratch *sc) {
  uint32_t h = (uint32_t)(r[3] - r[1] + 1), npairs = (uint32_t)(sc->pairs.len / 8);
  /* counting sort of the pairs by row, into room after them; stable, so
   * each row keeps ring order (and so part order) */
  if (gv_buf_reserve(&sc->pairs, (size_t)npairs * 4)) return GV_ERR_NOMEM;
  const uint32_t *pr = (const uint32_t *)sc->pairs.data;
  uint32_t *sorted = (uint32_t *)(sc->pairs.data + sc->pairs.len), *cnt = sc->count;
  memset(cnt, 0, ((size_t)h + 1) * 4);
  uint32_t seps = 0;
  for (uint32_t k = 0; k < npairs; k++) cnt[pr[2 * k] + 1]++;
  for (uint32_t y = 0; y < h; y++) cnt[y + 1] += cnt[y];
  for (uint32_t k = 0; k < npairs; k++) {
    uint32_t y = pr[2 * k];
    sorted[cnt[y]++] = pr[2 * k + 1];
  }
  /* cnt[y] is now the end of row y; a separator goes before each part of
   * a row but its first */
  for (uint32_t y = 0, b = 0; y < h; y++) {
    for (uint32_t k = b + 1; k < cnt[y]; k++) seps += (sorted[k] & NEW_PART) != 0;
    b = cnt[y];
  }
  size_t doubles = (size_t)h + 4 * ((size_t)npairs + seps);
  if (gv_buf_reserve(&o->edges, doubles * sizeof(double))) return GV_ERR_NOMEM;
  double *e = (double *)(o->edges.data + o->edges.len);
  uint32_t at = (uint32_t)(o->edges.len / sizeof(double)), pos = 0;
  for (uint32_t y = 0, b = 0; y < h; y++) {
    sc->block[y] = at + pos;
    uint32_t head = pos++;
    for (uint32_t k = b; k < cnt[y]; k++) {
      uint32_t v = sorted[k];
      if ((v & NEW_PART) && k > b) {
        e[pos] = NAN, e[pos + 1] = e[pos + 2] = e[pos + 3] = 0;
        pos += 4;
      }
      int32_t i = (int32_t)(v & ~NEW_PART);
      e[pos] = GV_X(g, i), e[pos + 1] = GV_Y(g, i), e[pos + 2] = GV_X(g, i + 1), e[pos + 3] = GV_Y(g, i + 1);
      pos += 4;
    }
    e[head] = (double)((pos - head - 1) / 4);
    b = cnt[y];
  }
  o->edges.len += (size_t)pos * sizeof(double);
  return GV_OK;
}

/* Appends (cell, entry, block) at o (room was reserved for every cell of the item). */
#define EMIT(cell, entry, block) (o[0] = (uint32_t)(cell), o[1] = (entry), o[2] = (block), o += 3)

/* The entries of one item: sure cells, test cells; cells where the
 * predicate cannot hold are left out. Rows go to their band's buffer. */
static gv_status grid_item(const grid_job *j, uint32_t leaf, chunk_out *co, scratch *sc) {
  const gv_join_grid *gr = j->gr;
  uint32_t item = j->t->index[leaf];
  int32_t r[4];
  cell_range(gr, j->t->boxes + 4 * (size_t)leaf, r);
  if (r[2] < r[0] || r[3] < r[1]) return GV_OK;
  int64_t w = r[2] - r[0] + 1;
  uint32_t test = item << 1, sure = test | 1;
  uint8_t t = gv_type_byte(j->g, item);
  int classified = 0;
  if (GV_BASE_TYPE(t) == GV_POLYGON || GV_BASE_TYPE(t) == GV_MULTIPOLYGON) {
    classified = classify_item(j, item, t, r, sc);
    if (classified < 0 || (classified && emit_blocks(j->g, co, r, sc))) return GV_ERR_NOMEM;
  }
  /* what a whole cell gets: its location's verdict (1: sure, 0: left out) */
  int in = gv_point_verdict(j->pred, GV_LOC_INTERIOR), ex = gv_point_verdict(j->pred, GV_LOC_EXTERIOR);
  for (int32_t y = r[1]; y <= r[3];) {
    int32_t band = y / j->band_rows, last = (band + 1) * j->band_rows - 1;
    if (last > r[3]) last = r[3];
    gv_buf *buf = &co->band[band];
    if (gv_buf_reserve(buf, (size_t)(w * (last - y + 1)) * 12)) return GV_ERR_NOMEM;
    uint32_t *o = (uint32_t *)(buf->data + buf->len);
    for (; y <= last; y++) {
      int64_t base = (int64_t)y * gr->nx;
      if (!classified) {
        for (int32_t x = r[0]; x <= r[2]; x++) EMIT(base + x, test, GV_GRID_NONE);
        continue;
      }
      const uint8_t *row = sc->cells + (int64_t)(y - r[1]) * w - r[0];
      uint32_t block = sc->block[y - r[1]];
      for (int32_t x = r[0]; x <= r[2]; x++) {
        uint8_t c = row[x];
        if (c & CELL_EDGE) EMIT(base + x, test, block);
        else if (c & CELL_INSIDE ? in : ex) EMIT(base + x, sure, 0);
      }
    }
    buf->len = (size_t)((uint8_t *)o - buf->data);
  }
  return GV_OK;
}

static void grid_chunks(void *ctx, int64_t begin, int64_t end) {
  grid_job *j = ctx;
  scratch sc;
  memset(&sc, 0, sizeof sc);
  for (int64_t ch = begin; ch < end && !j->status; ch++) {
    uint32_t l0 = (uint32_t)ch * ITEM_CHUNK, l1 = l0 + ITEM_CHUNK < j->nleaves ? l0 + ITEM_CHUNK : j->nleaves;
    gv_status s = GV_OK;
    for (uint32_t l = l0; l < l1 && !s; l++) s = grid_item(j, j->leaves[l], &j->out[ch], &sc);
    if (s) j->status = s;
  }
  scratch_free(&sc);
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
  gv_free(gr->edges);
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

/* Cell words and lists from the chunks' (cell, entry, block) triples,
 * band by band (bands are disjoint sets of cells, so threads never share
 * a cell): count words per cell (1 per sure entry, 2 per test entry),
 * remembering the last entry (the only one of a cell holding one sure
 * entry); then, once every band's list length is known, lay out the lists
 * of the other cells and scatter the entries in chunk order, which keeps
 * each cell's items ascending. Block positions are shifted by their
 * chunk's start in the grid's edges. */
static void count_bands(void *ctx, int64_t begin, int64_t end) {
  grid_job *j = ctx;
  gv_join_grid *gr = j->gr;
  for (int64_t b = begin; b < end; b++) {
    for (int64_t ch = 0; ch < j->chunks; ch++) {
      const gv_buf *buf = &j->out[ch].band[b];
      if (!buf->len) continue;
      const uint32_t *e = (const uint32_t *)buf->data, *end = e + buf->len / 4;
      for (; e < end; e += 3) j->count[e[0]] += 2 - (e[1] & 1), gr->cell[e[0]] = e[1];
    }
    int64_t c0 = b * j->band_rows * (int64_t)gr->nx, c1 = (b + 1) * j->band_rows * (int64_t)gr->nx;
    if (c1 > (int64_t)gr->nx * gr->ny) c1 = (int64_t)gr->nx * gr->ny;
    size_t len = 0;
    for (int64_t c = c0; c < c1; c++) {
      if (j->count[c] == 0) gr->cell[c] = GV_GRID_EMPTY;
      else if (j->count[c] > 1) len += 1 + (size_t)j->count[c];
    }
    j->band_list[b] = len;
  }
}

static void fill_bands(void *ctx, int64_t begin, int64_t end) {
  grid_job *j = ctx;
  gv_join_grid *gr = j->gr;
  for (int64_t b = begin; b < end; b++) {
    int64_t c0 = b * j->band_rows * (int64_t)gr->nx, c1 = (b + 1) * j->band_rows * (int64_t)gr->nx;
    if (c1 > (int64_t)gr->nx * gr->ny) c1 = (int64_t)gr->nx * gr->ny;
    uint32_t at = (uint32_t)j->band_list[b];
    for (int64_t c = c0; c < c1; c++) {
      if (j->count[c] < 2) continue;
      gr->list[at] = j->count[c];
      gr->cell[c] = GV_GRID_LIST | at;
      j->count[c] = at + 1; /* now the write position */
      at += 1 + gr->list[at];
    }
    for (int64_t ch = 0; ch < j->chunks; ch++) {
      const gv_buf *buf = &j->out[ch].band[b];
      if (!buf->len) continue;
      const uint32_t *e = (const uint32_t *)buf->data, *end = e + buf->len / 4;
      uint32_t base = j->out[ch].edge_base;
      for (; e < end; e += 3) {
        uint32_t c = e[0];
        if (!(gr->cell[c] & GV_GRID_LIST)) continue;
        gr->list[j->count[c]++] = e[1];
        if (!(e[1] & 1)) gr->list[j->count[c]++] = e[2] == GV_GRID_NONE ? e[2] : e[2] + base;
      }
    }
  }
}

static void copy_edges(void *ctx, int64_t begin, int64_t end) {
  grid_job *j = ctx;
  for (int64_t ch = begin; ch < end; ch++)
    if (j->out[ch].edges.len) memcpy(j->gr->edges + j->out[ch].edge_base, j->out[ch].edges.data, j->out[ch].edges.len);
}

static gv_status build_cells(grid_job *j) {
  gv_join_grid *gr = j->gr;
  int64_t ncells = (int64_t)gr->nx * gr->ny;
  size_t nedges = 0;
  for (int64_t ch = 0; ch < j->chunks; ch++) {
    j->out[ch].edge_base = (uint32_t)nedges;
    nedges += j->out[ch].edges.len / sizeof(double);
    if (nedges >= GV_GRID_NONE) return GV_ERR_LIMIT;
  }
  j->count = gv_calloc((size_t)ncells, sizeof(uint32_t));
  gr->cell = gv_malloc((size_t)ncells * sizeof(uint32_t));
  gr->edges = gv_malloc(nedges * sizeof(double));
  if (!j->count || !gr->cell || !gr->edges) return GV_ERR_NOMEM;
  gv_parallel_for(j->nbands, 1, count_bands, j);
  size_t list_len = 0;
  for (int32_t b = 0; b < j->nbands; b++) {
    size_t len = j->band_list[b];
    j->band_list[b] = list_len;
    list_len += len;
  }
  if (list_len >= GV_GRID_LIST) return GV_ERR_LIMIT;
  gr->list = gv_malloc(list_len * sizeof(uint32_t));
  if (!gr->list) return GV_ERR_NOMEM;
  gv_parallel_for(j->nbands, 1, fill_bands, j);
  gv_parallel_for(j->chunks, 1, copy_edges, j);
  gr->bytes += (size_t)ncells * 4 + list_len * 4 + nedges * sizeof(double);
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
  grid_job j;
  memset(&j, 0, sizeof j);
  j.t = t, j.g = g, j.pred = pred, j.gr = gr, j.leaves = leaves, j.nleaves = nleaves;
  j.chunks = ((int64_t)nleaves + ITEM_CHUNK - 1) / ITEM_CHUNK;
  j.nbands = gr->ny < MAX_BANDS ? gr->ny : MAX_BANDS;
  j.band_rows = (gr->ny + j.nbands - 1) / j.nbands;
  j.nbands = (gr->ny + j.band_rows - 1) / j.band_rows;
  j.out = gv_calloc((size_t)j.chunks + 1, sizeof(chunk_out));
  s = j.out ? GV_OK : GV_ERR_NOMEM;
  if (!s) {
    gv_parallel_for(j.chunks, 1, grid_chunks, &j);
    s = j.status;
  }
  if (!s) s = build_cells(&j);
  for (int64_t ch = 0; j.out && ch < j.chunks; ch++) {
    for (int b = 0; b < MAX_BANDS; b++) gv_buf_free(&j.out[ch].band[b]);
    gv_buf_free(&j.out[ch].edges);
  }
  gv_free(j.out);
  gv_free(j.count);
  gv_free(leaves);
  if (s) gv_join_grid_free(gr);
  return s;
}
