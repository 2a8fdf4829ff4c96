/* Kernels for the array-level R-tree: build, check, queries with exact
 * predicates, and nearest neighbours. The tree is a flat buffer owned by the
 * host (see rtree.h); queries run in parallel chunks whose results are
 * concatenated in query order, so the output is deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"
#include "index/rtree.h"
#include "measure/measure.h"


static gv_status take_buf(gv_call *c, int slot, gv_buf *b) {
  c->out[slot].len = b->len;
  c->out[slot].data = gv_buf_take(b);
  return c->out[slot].data ? GV_OK : GV_ERR_NOMEM;
}

/* rtree_build(arr0; num0 node size) -> out0 the tree buffer */
gv_status gv_k_rtree_build(gv_call *c) {
  const gv_array *a = c->arr[0];
  if (!a || a->n > 0xFFFFFFF0) return GV_ERR_ARG;
  double *boxes = gv_malloc((size_t)a->n * 32);
  if (!boxes) return GV_ERR_NOMEM;
  for (int64_t i = 0; i < a->n; i++) gv_geom_bounds(a, i, boxes + 4 * i);
  gv_buf out = {0};
  gv_status s = gv_rtree_build(boxes, (uint32_t)a->n, (uint32_t)c->num[0], &out);
  gv_free(boxes);
  if (s) {
    gv_buf_free(&out);
    if (s == GV_ERR_ARG) gv_errors_add(&c->err, -1, -1, "nodeSize must be an integer from 2 to %d", GV_RTREE_MAX_NODE);
    return s;
  }
  return take_buf(c, 0, &out);
}

static gv_status open_tree(gv_call *c, int slot, gv_rtree *t) {
  gv_status s = gv_rtree_open(c->in[slot].data, c->in[slot].len, t);
  if (s) gv_errors_add(&c->err, -1, -1, "not a geovec spatial index buffer (or a damaged one)");
  return s;
}

/* rtree_check(arr0, in0 tree): the tree must have been built on this array
 * and be intact: the same length, every geometry with a box in exactly one
 * leaf whose box is its bounds, every inner box the union of its children,
 * and the extent the root's box. Anything else a query reads is checked by
 * gv_rtree_open. */
static int same_box(const double *a, const double *b) { return memcmp(a, b, 32) == 0; }

gv_status gv_k_rtree_check(gv_call *c) {
  const gv_array *a = c->arr[0];
  gv_rtree t;
  if (!a || open_tree(c, 0, &t)) return GV_ERR_ARG;
  const gv_rtree_header *h = t.h;
  if (h->item_limit != a->n) {
    gv_errors_add(&c->err, -1, -1, "the index was built on %u geometries, this array has %lld", h->item_limit,
                  (long long)a->n);
    return GV_ERR_ARG;
  }
  uint8_t *seen = gv_calloc((size_t)a->n / 8 + 1, 1);
  if (!seen) return GV_ERR_NOMEM;
  gv_status s = GV_OK;
  for (uint32_t p = 0; p < h->num_items && !s; p++) {
    uint32_t i = t.index[p];
    double b[4];
    gv_geom_bounds(a, i, b);
    if ((seen[i >> 3] >> (i & 7)) & 1 || isnan(b[0]) || !same_box(b, t.boxes + 4 * (size_t)p)) {
      gv_errors_add(&c->err, i, -1, "the index was built on a different array, or is damaged (geometry %u)", i);
      s = GV_ERR_ARG;
    }
    seen[i >> 3] |= (uint8_t)(1u << (i & 7));
  }
  /* every geometry with a box must be in the tree */
  for (int64_t i = 0; i < a->n && !s; i++) {
    if ((seen[i >> 3] >> (i & 7)) & 1) continue;
    double b[4];
    gv_geom_bounds(a, i, b);
    if (!isnan(b[0])) {
      gv_errors_add(&c->err, i, -1, "the index was built on a different array, or is damaged (geometry %lld is missing)",
                    (long long)i);
      s = GV_ERR_ARG;
    }
  }
  gv_free(seen);
  /* inner boxes and the extent */
  for (uint32_t l = 1; l < h->num_levels && !s; l++) {
    uint32_t below_end = h->level_end[l - 1];
    for (uint32_t p = h->level_end[l - 1]; p < h->level_end[l] && !s; p++) {
      double u[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
      uint32_t first = t.index[p], last = first + h->node_size < below_end ? first + h->node_size : below_end;
      for (uint32_t q = first; q < last; q++) {
        const double *cb = t.boxes + 4 * (size_t)q;
        u[0] = fmin(u[0], cb[0]), u[1] = fmin(u[1], cb[1]), u[2] = fmax(u[2], cb[2]), u[3] = fmax(u[3], cb[3]);
      }
      if (!same_box(u, t.boxes + 4 * (size_t)p)) s = GV_ERR_ARG;
    }
  }
  if (!s) {
    double e[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    if (h->num_nodes) memcpy(e, t.boxes + 4 * (size_t)(h->num_nodes - 1), 32);
    /* by value: the build folds the extent in another order, and fmin may
     * pick either zero of -0 and 0 */
    if (!(e[0] == h->extent[0] && e[1] == h->extent[1] && e[2] == h->extent[2] && e[3] == h->extent[3])) s = GV_ERR_ARG;
  }
  if (s && !c->err.count) gv_errors_add(&c->err, -1, -1, "the index buffer is damaged (its boxes do not add up)");
  return s;
}

static void sort_u32(uint32_t *v, size_t n) {
  /* insertion sort: candidate lists are short; long ones are rare */
  for (size_t i = 1; i < n; i++) {
    uint32_t x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static void sort_items(uint32_t *v, size_t n) {
  if (n < 64) sort_u32(v, n);
  else qsort(v, n, 4, cmp_u32);
}

/* rtree_query_box(in0 tree; num0..3 box) -> out0 uint32 items, ascending */
gv_status gv_k_rtree_query_box(gv_call *c) {
  gv_rtree t;
  if (open_tree(c, 0, &t)) return GV_ERR_ARG;
  gv_box q = {c->num[0], c->num[1], c->num[2], c->num[3]};
  gv_items it = {0};
  if (gv_rtree_collect(&t, q, &it)) {
    gv_free(it.v);
    return GV_ERR_NOMEM;
  }
  sort_items(it.v, it.n);
  c->out[0].data = it.v ? (void *)it.v : gv_malloc(1);
  c->out[0].len = it.n * 4;
  return c->out[0].data ? GV_OK : GV_ERR_NOMEM;
}

/* ---- queries with predicates ------------------------------------------------
 * Each query (a geometry, or a point given as x and y) gets its candidates
 * from the tree, sorted by position, and the exact predicate on each. Point
 * queries with a predicate that their location decides (intersects, within,
 * coveredBy, touches) go through point location; in large batches they
 * skip the tree and read a join grid instead (rtree.h), built for the batch
 * over the region where the points and the tree's boxes meet. Queries run
 * in parallel chunks, each with its own output, concatenated in query
 * order. */

/* Batches of at least this many points get a join grid, when they are
 * also many compared with the indexed coordinates (the grid's build reads
 * every edge of the items in its region once). spatial-index.ts mirrors
 * these two to skip preparing the array for such batches (the grid does
 * not use the prepared state; a mismatch costs time, not correctness). */
#define GRID_MIN_POINTS 1024
#define GRID_POINTS_PER_COORD 0.125
/* Grid cells per point, and the cap on cell entries per point and cell
 * (the build's cost) before the grid coarsens or is given up. */
#define GRID_CELLS_PER_POINT 0.5
#define GRID_MAX_CELLS (1 << 24)
#define GRID_BUDGET 8.0

typedef struct query_job {
  gv_rtree tree;
  const gv_array *indexed;    /* the tree's geometries */
  const gv_array *queries;    /* query geometries, or NULL for points */
  const double *xs, *ys;      /* query points when queries is NULL, or a plain point array's */
  int64_t stride;             /* of xs and ys */
  int pred;                   /* -1: boxes only; PRED_DWITHIN: within `dist` */
  double dist;                /* for PRED_DWITHIN */
  int by_location;            /* pred(point, geometry) follows from the point's location */
  const gv_join_grid *grid;   /* for point queries, or NULL */
  int64_t chunk;              /* queries per chunk */
  int64_t n;                  /* number of queries */
  gv_items *left, *right;     /* one pair of lists per chunk */
  gv_status status;           /* first failure (written once, racy but benign: any failure fails the call) */
} query_job;

static int single_point(const gv_array *a, int64_t i, double *x, double *y) {
  if (GV_BASE_TYPE(gv_type_byte(a, i)) != GV_POINT) return 0;
  int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  *x = GV_X(a, k), *y = GV_Y(a, k);
  return !isnan(*x) && !isnan(*y);
}

static inline int push_pair(gv_items *L, gv_items *R, uint32_t l, uint32_t r) {
  if ((L->n == L->cap && gv_items_grow(L)) || (R->n == R->cap && gv_items_grow(R))) return -1;
  L->v[L->n++] = l;
  R->v[R->n++] = r;
  return 0;
}

/* Matches of point (x, y), query qi, with cell word w of the grid. */
static int grid_point(const query_job *j, uint32_t qi, uint32_t w, double x, double y, gv_items *L, gv_items *R) {
  const gv_join_grid *gr = j->grid;
  if (w == GV_GRID_EMPTY) return 0;
  if (!(w & GV_GRID_LIST)) return push_pair(L, R, qi, w >> 1); /* one sure entry */
  const uint32_t *e = gr->list + (w & ~GV_GRID_LIST), *end = e + 1 + *e;
  for (e++; e < end;) {
    uint32_t v = *e++, item = v >> 1;
    if (!(v & 1)) {
      uint32_t block = *e++;
      int loc = block == GV_GRID_NONE ? gv_locate_point(j->indexed, item, x, y)
                                      : gv_join_grid_locate(gr->edges + block, x, y);
      if (gv_point_verdict(j->pred, loc) != 1) continue;
    }
    if (push_pair(L, R, qi, item)) return -1;
  }
  return 0;
}

/* Queries "within distance d" (SpatialIndex.query / sjoin with
 * predicate 'dwithin'): the query box grows by d, a little outward
 * so that rounding never loses a candidate, and each candidate is tested
 * with gv_geom_dwithin. */
#define PRED_DWITHIN GV_PRED_COUNT

static double grow_down(double v, double d) { return nextafter(nextafter(v - d, -INFINITY), -INFINITY); }
static double grow_up(double v, double d) { return nextafter(nextafter(v + d, INFINITY), INFINITY); }

/* Per-thread state of the query loops. */
typedef struct query_state {
  gv_items cand;
  double px, py;
  gv_array pt; /* a one-point array (px, py) for point queries that need the general predicate */
} query_state;

/* Query q (a point (x, y) when is_point, else query geometry q with box b)
 * through the tree. */
static int tree_query(const query_job *j, query_state *st, int64_t q, int is_point, double x, double y,
                      const double *b, gv_items *L, gv_items *R) {
  st->cand.n = 0;
  gv_box qb = {b[0], b[1], b[2], b[3]};
  if (j->pred == PRED_DWITHIN)
    qb = (gv_box){grow_down(b[0], j->dist), grow_down(b[1], j->dist), grow_up(b[2], j->dist), grow_up(b[3], j->dist)};
  if (gv_rtree_collect(&j->tree, qb, &st->cand)) return -1;
  sort_items(st->cand.v, st->cand.n);
  for (size_t k = 0; k < st->cand.n; k++) {
    uint32_t item = st->cand.v[k];
    int hit = 1;
    if (j->pred == PRED_DWITHIN) {
      st->px = x, st->py = y;
      hit = j->queries && !is_point ? gv_geom_dwithin(j->queries, q, j->indexed, item, j->dist)
                                    : gv_geom_dwithin(&st->pt, 0, j->indexed, item, j->dist);
      if (hit < 0) return -1;
    } else if (j->pred >= 0 && is_point && j->by_location) {
      hit = gv_point_verdict(j->pred, gv_locate_point(j->indexed, item, x, y));
    } else if (j->pred >= 0 && j->queries) {
      hit = gv_predicate(j->queries, q, j->indexed, item, j->pred);
    } else if (j->pred >= 0) {
      st->px = x, st->py = y;
      hit = gv_predicate(&st->pt, 0, j->indexed, item, j->pred);
    }
    if (hit == 1 && push_pair(L, R, (uint32_t)q, item)) return -1;
  }
  return 0;
}

/* Query q as a point: its coordinates, or 0 when it is not a point (a
 * geometry, or NaN / null / empty, which the caller tells apart by box). */
static int query_point(const query_job *j, int64_t q, double *x, double *y) {
  if (!j->xs) return single_point(j->queries, q, x, y);
  *x = j->xs[q * j->stride], *y = j->ys[q * j->stride];
  return !isnan(*x) && !isnan(*y);
}

/* Query q that is not a point: through the tree, unless null or empty. */
static int geometry_query(const query_job *j, query_state *st, int64_t q, gv_items *L, gv_items *R) {
  if (j->xs) return 0; /* a NaN (empty) point: matches nothing */
  double b[4];
  gv_geom_bounds(j->queries, q, b);
  if (isnan(b[0]) || isnan(b[1]) || isnan(b[2]) || isnan(b[3])) return 0;
  return tree_query(j, st, q, 0, NAN, NAN, b, L, R);
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Points through the grid, in batches: the cells, lists and edge blocks a
 * batch needs are prefetched in three passes before the points are
 * answered in order, so that their memory latencies overlap instead of
 * adding up (random points miss the cache at every step). */
#define BATCH 32
static int grid_range(const query_job *j, query_state *st, int64_t q0, int64_t q1, gv_items *L, gv_items *R) {
  const gv_join_grid *gr = j->grid;
  double bx[BATCH], by[BATCH];
  uint32_t word[BATCH];
  for (int64_t b0 = q0; b0 < q1; b0 += BATCH) {
    int nb = (int)(q1 - b0 < BATCH ? q1 - b0 : BATCH);
    for (int k = 0; k < nb; k++) {
      if (!query_point(j, b0 + k, &bx[k], &by[k])) {
        word[k] = GV_GRID_NONE; /* answered below without the grid */
        bx[k] = NAN;
        continue;
      }
      int32_t ci = gv_grid_bucket(bx[k], gr->x0, gr->sx, gr->nx), cj = gv_grid_bucket(by[k], gr->y0, gr->sy, gr->ny);
      word[k] = (uint32_t)cj * (uint32_t)gr->nx + (uint32_t)ci;
      PREFETCH(gr->cell + word[k]);
    }
    for (int k = 0; k < nb; k++) {
      if (isnan(bx[k])) continue;
      uint32_t w = word[k] = gr->cell[word[k]];
      if (w != GV_GRID_EMPTY && (w & GV_GRID_LIST)) PREFETCH(gr->list + (w & ~GV_GRID_LIST));
    }
    for (int k = 0; k < nb; k++) {
      uint32_t w = word[k];
      if (isnan(bx[k]) || w == GV_GRID_EMPTY || !(w & GV_GRID_LIST)) continue;
      const uint32_t *e = gr->list + (w & ~GV_GRID_LIST), *end = e + 1 + *e;
      for (e++; e < end; e++)
        if (!(*e & 1)) {
          e++;
          if (*e != GV_GRID_NONE) PREFETCH(gr->edges + *e);
        }
    }
    for (int k = 0; k < nb; k++) {
      int r = isnan(bx[k]) ? geometry_query(j, st, b0 + k, L, R) : grid_point(j, (uint32_t)(b0 + k), word[k], bx[k], by[k], L, R);
      if (r) return -1;
    }
  }
  return 0;
}

static void query_chunk(void *ctx, int64_t begin, int64_t end) {
  query_job *j = ctx;
  query_state st;
  memset(&st, 0, sizeof st);
  st.px = st.py = NAN;
  st.pt.n = 1, st.pt.type = GV_POINT, st.pt.x = &st.px, st.pt.y = &st.py, st.pt.stride = 1;
  for (int64_t ch = begin; ch < end && !j->status; ch++) {
    gv_items *L = &j->left[ch], *R = &j->right[ch];
    int64_t q0 = ch * j->chunk, q1 = q0 + j->chunk < j->n ? q0 + j->chunk : j->n;
    if (j->grid) {
      if (grid_range(j, &st, q0, q1, L, R)) goto nomem;
      continue;
    }
    for (int64_t q = q0; q < q1; q++) {
      double x, y;
      int r;
      if (query_point(j, q, &x, &y)) {
        double b[4] = {x, y, x, y};
        r = tree_query(j, &st, q, 1, x, y, b, L, R);
      } else {
        r = geometry_query(j, &st, q, L, R);
      }
      if (r) goto nomem;
    }
  }
  gv_free(st.cand.v);
  return;
nomem:
  j->status = GV_ERR_NOMEM;
  gv_free(st.cand.v);
}

/* Concatenates the per-chunk lists into out0 (left) and out1 (right), the
 * copies in parallel. */
typedef struct gather_job {
  const gv_items *left, *right;
  size_t *at; /* per chunk: where its pairs start */
  uint32_t *L, *R;
} gather_job;

static void gather_chunks(void *ctx, int64_t begin, int64_t end) {
  gather_job *g = ctx;
  for (int64_t k = begin; k < end; k++) {
    if (!g->left[k].n) continue;
    memcpy(g->L + g->at[k], g->left[k].v, g->left[k].n * 4);
    memcpy(g->R + g->at[k], g->right[k].v, g->right[k].n * 4);
  }
}

static gv_status gather_pairs(gv_call *c, const gv_items *left, const gv_items *right, int64_t chunks) {
  gather_job g = {left, right, gv_malloc(((size_t)chunks + 1) * sizeof(size_t)), NULL, NULL};
  if (!g.at) return GV_ERR_NOMEM;
  size_t total = 0;
  for (int64_t k = 0; k < chunks; k++) g.at[k] = total, total += left[k].n;
  g.L = gv_malloc(total * 4);
  g.R = gv_malloc(total * 4);
  gv_status s = g.L && g.R ? GV_OK : GV_ERR_NOMEM;
  if (!s) gv_parallel_for(chunks, 16, gather_chunks, &g);
  if (!s) {
    c->out[0] = (gv_span){g.L, total * 4};
    c->out[1] = (gv_span){g.R, total * 4};
  } else {
    gv_free(g.L);
    gv_free(g.R);
  }
  gv_free(g.at);
  return s;
}

/* Bounds of the query points (the finite ones) and their number, over
 * parallel chunks. */
#define BOUNDS_CHUNK 65536
typedef struct bounds_job {
  const query_job *j;
  double *box;    /* per chunk: minx, miny, maxx, maxy */
  int64_t *count; /* per chunk */
} bounds_job;

static void bounds_chunks(void *ctx, int64_t begin, int64_t end) {
  bounds_job *b = ctx;
  const query_job *j = b->j;
  for (int64_t ch = begin; ch < end; ch++) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    int64_t count = 0, q0 = ch * BOUNDS_CHUNK, q1 = q0 + BOUNDS_CHUNK < j->n ? q0 + BOUNDS_CHUNK : j->n;
    for (int64_t q = q0; q < q1; q++) {
      double x, y;
      if (!query_point(j, q, &x, &y)) continue;
      count++;
      x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
      y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
    }
    double *o = b->box + 4 * ch;
    o[0] = x0, o[1] = y0, o[2] = x1, o[3] = y1;
    b->count[ch] = count;
  }
}

static gv_status points_bounds(const query_job *j, gv_box *bb, int64_t *count) {
  int64_t chunks = (j->n + BOUNDS_CHUNK - 1) / BOUNDS_CHUNK;
  bounds_job b = {j, gv_malloc(((size_t)chunks + 1) * 32), gv_malloc(((size_t)chunks + 1) * 8)};
  gv_status s = b.box && b.count ? GV_OK : GV_ERR_NOMEM;
  *bb = (gv_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
  *count = 0;
  if (!s) gv_parallel_for(chunks, 1, bounds_chunks, &b);
  for (int64_t ch = 0; !s && ch < chunks; ch++) {
    const double *o = b.box + 4 * ch;
    bb->minx = o[0] < bb->minx ? o[0] : bb->minx, bb->miny = o[1] < bb->miny ? o[1] : bb->miny;
    bb->maxx = o[2] > bb->maxx ? o[2] : bb->maxx, bb->maxy = o[3] > bb->maxy ? o[3] : bb->maxy;
    *count += b.count[ch];
  }
  gv_free(b.box);
  gv_free(b.count);
  return s;
}

/* Builds a join grid for the point queries when that pays; 0 and no grid
 * otherwise (the tree answers). */
static gv_status maybe_grid(query_job *j, gv_join_grid *gr) {
  const gv_rtree_header *h = j->tree.h;
  if (!j->by_location || !h->num_items || j->n < GRID_MIN_POINTS) return GV_OK;
  const gv_array *g = j->indexed;
  int64_t coords = gv_ring_begin(g, gv_part_begin(g, gv_geom_begin(g, g->n)));
  if ((double)j->n < GRID_POINTS_PER_COORD * (double)coords) return GV_OK;
  gv_box pb;
  int64_t npts;
  gv_status s = points_bounds(j, &pb, &npts);
  if (s || npts < GRID_MIN_POINTS) return s;
  /* the region: where the points and the root's box meet */
  const double *root = j->tree.boxes + 4 * (size_t)(h->num_nodes - 1);
  gv_box region = {pb.minx > root[0] ? pb.minx : root[0], pb.miny > root[1] ? pb.miny : root[1],
                   pb.maxx < root[2] ? pb.maxx : root[2], pb.maxy < root[3] ? pb.maxy : root[3]};
  if (!(region.minx <= region.maxx && region.miny <= region.maxy)) return GV_OK; /* no point meets any box: the tree says so fast */
  double cells = GRID_CELLS_PER_POINT * (double)npts;
  if (cells > GRID_MAX_CELLS) cells = GRID_MAX_CELLS;
  s = gv_join_grid_build(gr, &j->tree, g, j->pred, region, (int64_t)cells, GRID_BUDGET * ((double)npts + cells));
  if (s == GV_OK) j->grid = gr;
  return s == GV_ERR_LIMIT ? GV_OK : s;
}

/* rtree_query(in0 tree, arr0 indexed geometries, arr1 query geometries or
 * NULL with in1 xs / in2 ys; num0 predicate (-1 = boxes only, GV_PRED_COUNT
 * = within distance num1), applied as predicate(query, indexed)) -> out0
 * uint32 query positions, out1 uint32 indexed positions, ordered by query
 * then indexed position */
gv_status gv_k_rtree_query(gv_call *c) {
  query_job j;
  memset(&j, 0, sizeof j);
  j.indexed = c->arr[0];
  j.queries = c->arr[1];
  j.pred = (int)c->num[0];
  if (!j.indexed || !(c->num[0] >= -1 && c->num[0] <= PRED_DWITHIN) || open_tree(c, 0, &j.tree)) return GV_ERR_ARG;
  j.dist = c->num[1];
  if (j.pred == PRED_DWITHIN && !(j.dist >= 0)) {
    gv_errors_add(&c->err, -1, -1, "dwithin needs a distance >= 0, not %g", j.dist);
    return GV_ERR_ARG;
  }
  if (j.pred == GV_PRED_DISJOINT) {
    gv_errors_add(&c->err, -1, -1, "disjoint is not an index query (it would pair every two geometries whose boxes do not meet); query intersects and take the complement");
    return GV_ERR_ARG;
  }
  if (j.tree.h->item_limit != j.indexed->n) {
    gv_errors_add(&c->err, -1, -1, "the index was built on %u geometries, this array has %lld", j.tree.h->item_limit,
                  (long long)j.indexed->n);
    return GV_ERR_ARG;
  }
  j.by_location = j.pred >= 0 && gv_point_verdict(j.pred, GV_LOC_INTERIOR) >= 0;
  if (j.queries) {
    const gv_array *q = j.queries;
    j.n = q->n;
    j.chunk = 256;
    /* a plain point array (no nulls, identity offsets): read its columns
     * directly, as coordinates */
    if (!q->types && !q->validity && GV_BASE_TYPE(q->type) == GV_POINT && !q->geom_off && !q->part_off &&
        !q->ring_off) {
      j.xs = q->x, j.ys = q->y, j.stride = q->stride;
      j.chunk = 4096;
    }
  } else {
    if (c->in[1].len != c->in[2].len || c->in[1].len % 8) {
      gv_errors_add(&c->err, -1, -1, "xs has %zu values, ys %zu", c->in[1].len / 8, c->in[2].len / 8);
      return GV_ERR_ARG;
    }
    j.xs = c->in[1].data;
    j.ys = c->in[2].data;
    j.stride = 1;
    j.n = (int64_t)(c->in[1].len / 8);
    j.chunk = 4096;
  }
  if (j.n > 0xFFFFFFF0) return GV_ERR_LIMIT;
  gv_join_grid grid;
  memset(&grid, 0, sizeof grid);
  gv_status s = maybe_grid(&j, &grid);
  if (j.grid && j.queries) j.chunk = 4096;
  int64_t chunks = (j.n + j.chunk - 1) / j.chunk;
  j.left = gv_calloc((size_t)chunks + 1, sizeof(gv_items));
  j.right = gv_calloc((size_t)chunks + 1, sizeof(gv_items));
  if (!s && !(j.left && j.right)) s = GV_ERR_NOMEM;
  if (!s) gv_parallel_for(chunks, 1, query_chunk, &j);
  if (!s) s = j.status;
  if (!s) s = gather_pairs(c, j.left, j.right, chunks);
  for (int64_t k = 0; j.left && j.right && k < chunks; k++) {
    gv_free(j.left[k].v);
    gv_free(j.right[k].v);
  }
  gv_free(j.left);
  gv_free(j.right);
  gv_join_grid_free(&grid);
  return s;
}

/* ---- nearest neighbours ------------------------------------------------------- */
/* Best-first search: a heap of tree nodes and items keyed by a lower bound
 * of their distance (box distance), refined to the exact distance for
 * items. Ties pop nodes and unrefined items first, then items by position,
 * so the k results are deterministic. */
typedef struct heap_ent {
  double d;
  uint32_t id;    /* node position, or item */
  uint8_t kind;   /* 0 node, 1 item (box distance), 2 item (exact distance) */
  uint8_t level;  /* for nodes */
} heap_ent;

static int ent_less(const heap_ent *a, const heap_ent *b) {
  if (a->d != b->d) return a->d < b->d;
  if (a->kind != b->kind) return a->kind < b->kind;
  return a->id < b->id;
}

typedef struct heap {
  heap_ent *v;
  size_t n, cap;
} heap;

static int heap_push(heap *h, heap_ent e) {
  if (h->n == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 64;
    heap_ent *v = gv_realloc(h->v, cap * sizeof *v);
    if (!v) return -1;
    h->v = v, h->cap = cap;
  }
  size_t i = h->n++;
  while (i > 0 && ent_less(&e, &h->v[(i - 1) / 2])) {
    h->v[i] = h->v[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h->v[i] = e;
  return 0;
}

static heap_ent heap_pop(heap *h) {
  heap_ent top = h->v[0], last = h->v[--h->n];
  size_t i = 0;
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    const heap_ent *best = &last;
    if (l < h->n && ent_less(&h->v[l], best)) m = l, best = &h->v[l];
    if (r < h->n && ent_less(&h->v[r], best)) m = r;
    if (m == i) break;
    h->v[i] = h->v[m];
    i = m;
  }
  if (h->n) h->v[i] = last;
  return top;
}

static double box_dist(const double *b, double x, double y) {
  double dx = x < b[0] ? b[0] - x : x > b[2] ? x - b[2] : 0;
  double dy = y < b[1] ? b[1] - y : y > b[3] ? y - b[3] : 0;
  return sqrt(dx * dx + dy * dy);
}

typedef struct nearest_job {
  gv_rtree tree;
  const gv_array *indexed;
  const double *xs, *ys;
  int64_t n, chunk;
  uint32_t k;
  gv_buf *left, *right, *dist;
  gv_status status;
} nearest_job;

static void nearest_chunk(void *ctx, int64_t begin, int64_t end) {
  nearest_job *j = ctx;
  const gv_rtree_header *h = j->tree.h;
  heap hp = {0};
  double px = NAN, py = NAN;
  gv_array pt;
  memset(&pt, 0, sizeof pt);
  pt.n = 1, pt.type = GV_POINT, pt.x = &px, pt.y = &py, pt.stride = 1;
  for (int64_t ch = begin; ch < end; ch++) {
    int64_t q0 = ch * j->chunk, q1 = q0 + j->chunk < j->n ? q0 + j->chunk : j->n;
    for (int64_t q = q0; q < q1 && !j->status; q++) {
      double x = j->xs[q], y = j->ys[q];
      if (isnan(x) || isnan(y) || !h->num_nodes) continue;
      hp.n = 0;
      uint32_t root = h->num_nodes - 1, found = 0, qi = (uint32_t)q;
      if (heap_push(&hp, (heap_ent){box_dist(j->tree.boxes + 4 * (size_t)root, x, y), root, 0,
                                    (uint8_t)(h->num_levels - 1)}))
        goto nomem;
      while (hp.n && found < j->k) {
        heap_ent e = heap_pop(&hp);
        if (e.kind == 2) {
          if (gv_buf_append(&j->left[ch], &qi, 4) || gv_buf_append(&j->right[ch], &e.id, 4) ||
              gv_buf_append(&j->dist[ch], &e.d, 8))
            goto nomem;
          found++;
        } else if (e.kind == 1) {
          /* through the measure code, which searches the prepared segment
           * indexes when the array has them */
          px = x, py = y;
          double d = gv_geom_distance(&pt, 0, j->indexed, e.id, 0.0);
          if (d == -2) goto nomem;
          if (d != d) d = INFINITY; /* empty */
          if (heap_push(&hp, (heap_ent){d, e.id, 2, 0})) goto nomem;
        } else if (e.level == 0) {
          if (heap_push(&hp, (heap_ent){e.d, j->tree.index[e.id], 1, 0})) goto nomem;
        } else {
          uint32_t first = j->tree.index[e.id], stop = h->level_end[e.level - 1];
          uint32_t last = first + h->node_size < stop ? first + h->node_size : stop;
          for (uint32_t p = first; p < last; p++) {
            double d = box_dist(j->tree.boxes + 4 * (size_t)p, x, y);
            if (heap_push(&hp, (heap_ent){d, p, 0, (uint8_t)(e.level - 1)})) goto nomem;
          }
        }
      }
    }
  }
  gv_free(hp.v);
  return;
nomem:
  j->status = GV_ERR_NOMEM;
  gv_free(hp.v);
}

/* Concatenates the per-chunk buffers into output slot `slot`. */
static gv_status gather_bufs(gv_call *c, int slot, gv_buf *parts, int64_t chunks) {
  gv_buf all = {0};
  size_t total = 0;
  for (int64_t k = 0; k < chunks; k++) total += parts[k].len;
  if (gv_buf_reserve(&all, total)) return GV_ERR_NOMEM;
  for (int64_t k = 0; k < chunks; k++) gv_buf_append(&all, parts[k].data, parts[k].len);
  return take_buf(c, slot, &all);
}

/* rtree_nearest(in0 tree, arr0 indexed, in1 xs, in2 ys; num0 k) -> out0
 * uint32 point positions, out1 uint32 geometry positions, out2 float64
 * distances; up to k per point, nearest first (ties by position) */
gv_status gv_k_rtree_nearest(gv_call *c) {
  nearest_job j = {0};
  j.indexed = c->arr[0];
  if (!j.indexed || open_tree(c, 0, &j.tree)) return GV_ERR_ARG;
  if (j.tree.h->item_limit != j.indexed->n || c->in[1].len != c->in[2].len || c->num[0] < 1) {
    gv_errors_add(&c->err, -1, -1, "nearest: the index must belong to the array, xs and ys must have equal lengths, and k >= 1");
    return GV_ERR_ARG;
  }
  j.xs = c->in[1].data;
  j.ys = c->in[2].data;
  j.n = (int64_t)(c->in[1].len / 8);
  j.k = c->num[0] > 1e9 ? 1000000000u : (uint32_t)c->num[0];
  j.chunk = 1024;
  int64_t chunks = (j.n + j.chunk - 1) / j.chunk;
  j.left = gv_calloc((size_t)chunks + 1, sizeof(gv_buf));
  j.right = gv_calloc((size_t)chunks + 1, sizeof(gv_buf));
  j.dist = gv_calloc((size_t)chunks + 1, sizeof(gv_buf));
  gv_status s = j.left && j.right && j.dist ? GV_OK : GV_ERR_NOMEM;
  if (!s) gv_parallel_for(chunks, 1, nearest_chunk, &j);
  if (!s) s = j.status;
  if (!s) s = gather_bufs(c, 0, j.left, chunks);
  if (!s) s = gather_bufs(c, 1, j.right, chunks);
  if (!s) s = gather_bufs(c, 2, j.dist, chunks);
  for (int64_t k = 0; j.left && j.right && j.dist && k < chunks; k++) {
    gv_buf_free(&j.left[k]);
    gv_buf_free(&j.right[k]);
    gv_buf_free(&j.dist[k]);
  }
  gv_free(j.left);
  gv_free(j.right);
  gv_free(j.dist);
  return s;
}
