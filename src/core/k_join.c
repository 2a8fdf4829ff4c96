/* Kernels for the array-level R-tree: build, check, queries with exact
 * predicates, and nearest neighbours. The tree is a flat buffer owned by the
 * host (see rtree.h); queries run in parallel chunks whose results are
 * concatenated in query order, so the output is deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"
#include "rtree.h"


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
 * (same length, and every leaf box equal to its geometry's bounds) */
gv_status gv_k_rtree_check(gv_call *c) {
  const gv_array *a = c->arr[0];
  gv_rtree t;
  if (!a || open_tree(c, 0, &t)) return GV_ERR_ARG;
  if (t.h->item_limit != a->n) {
    gv_errors_add(&c->err, -1, -1, "the index was built on %u geometries, this array has %lld",
                  t.h->item_limit, (long long)a->n);
    return GV_ERR_ARG;
  }
  for (uint32_t p = 0; p < t.h->num_items; p++) {
    double b[4];
    gv_geom_bounds(a, t.index[p], b);
    if (memcmp(b, t.boxes + 4 * (size_t)p, sizeof b) != 0) {
      gv_errors_add(&c->err, t.index[p], -1, "the index was built on a different array (geometry %u differs)", t.index[p]);
      return GV_ERR_ARG;
    }
  }
  return GV_OK;
}

/* rtree_query_box(in0 tree; num0..3 box) -> out0 uint32 items, ascending */
static int collect(void *ctx, uint32_t item) {
  gv_buf *b = ctx;
  return gv_buf_append(b, &item, 4) ? -1 : 0;
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

gv_status gv_k_rtree_query_box(gv_call *c) {
  gv_rtree t;
  if (open_tree(c, 0, &t)) return GV_ERR_ARG;
  gv_box q = {c->num[0], c->num[1], c->num[2], c->num[3]};
  gv_buf out = {0};
  if (!(isnan(q.minx) || isnan(q.miny) || isnan(q.maxx) || isnan(q.maxy)) &&
      gv_rtree_search(&t, q, collect, &out) < 0) {
    gv_buf_free(&out);
    return GV_ERR_NOMEM;
  }
  sort_items((uint32_t *)out.data, out.len / 4);
  return take_buf(c, 0, &out);
}

/* ---- queries with predicates ------------------------------------------------ */
typedef struct query_job {
  gv_rtree tree;
  const gv_array *indexed;   /* the tree's geometries */
  const gv_array *queries;   /* query geometries, or NULL for points */
  const double *xs, *ys;     /* query points when queries is NULL */
  int pred;                  /* -1: boxes only */
  int64_t chunk;             /* queries per chunk */
  int64_t n;                 /* number of queries */
  gv_buf *left, *right;      /* one pair of buffers per chunk */
  gv_status status;          /* first failure (written once, racy but benign: any failure fails the call) */
} query_job;

/* The predicate for a query point against indexed geometry j, by location. */
static int point_predicate(const gv_array *g, uint32_t j, double x, double y, int pred) {
  int loc = gv_locate_point(g, j, x, y);
  switch (pred) {
  case GV_PRED_INTERSECTS: case GV_PRED_COVERED_BY: return loc != GV_LOC_EXTERIOR;
  case GV_PRED_DISJOINT: return loc == GV_LOC_EXTERIOR;
  case GV_PRED_WITHIN: return loc == GV_LOC_INTERIOR;
  case GV_PRED_TOUCHES: return loc == GV_LOC_BOUNDARY;
  default: return -1; /* needs the general relate */
  }
}

static int single_point(const gv_array *a, int64_t i, double *x, double *y) {
  if (GV_BASE_TYPE(gv_type_byte(a, i)) != GV_POINT) return 0;
  int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  *x = GV_X(a, k), *y = GV_Y(a, k);
  return !isnan(*x);
}

static void query_chunk(void *ctx, int64_t begin, int64_t end) {
  query_job *j = ctx;
  for (int64_t ch = begin; ch < end; ch++) {
    gv_buf cand = {0};
    gv_buf *L = &j->left[ch], *R = &j->right[ch];
    int64_t q0 = ch * j->chunk, q1 = q0 + j->chunk < j->n ? q0 + j->chunk : j->n;
    for (int64_t q = q0; q < q1; q++) {
      double x = NAN, y = NAN, b[4];
      int is_point;
      if (j->queries) {
        gv_geom_bounds(j->queries, q, b);
        is_point = single_point(j->queries, q, &x, &y);
      } else {
        x = j->xs[q], y = j->ys[q];
        b[0] = b[2] = x, b[1] = b[3] = y;
        is_point = 1;
      }
      if (isnan(b[0])) continue; /* null, empty or NaN: matches nothing */
      cand.len = 0;
      if (gv_rtree_search(&j->tree, (gv_box){b[0], b[1], b[2], b[3]}, collect, &cand) < 0) {
        j->status = GV_ERR_NOMEM;
        break;
      }
      uint32_t *items = (uint32_t *)cand.data;
      size_t nc = cand.len / 4;
      sort_items(items, nc);
      uint32_t qi = (uint32_t)q;
      for (size_t k = 0; k < nc; k++) {
        int hit = 1;
        if (j->pred >= 0) {
          hit = is_point ? point_predicate(j->indexed, items[k], x, y, j->pred) : -1;
          if (hit < 0) hit = gv_predicate(j->queries, q, j->indexed, items[k], j->pred);
        }
        if (hit && (gv_buf_append(L, &qi, 4) || gv_buf_append(R, &items[k], 4))) j->status = GV_ERR_NOMEM;
      }
    }
    gv_buf_free(&cand);
  }
}

/* Concatenates the per-chunk results into out0 (left) and out1 (right). */
static gv_status gather(gv_call *c, gv_buf *left, gv_buf *right, int64_t chunks) {
  size_t total = 0;
  for (int64_t k = 0; k < chunks; k++) total += left[k].len;
  gv_buf L = {0}, R = {0};
  gv_status s = gv_buf_reserve(&L, total) || gv_buf_reserve(&R, total) ? GV_ERR_NOMEM : GV_OK;
  for (int64_t k = 0; k < chunks && !s; k++) {
    gv_buf_append(&L, left[k].data, left[k].len);
    gv_buf_append(&R, right[k].data, right[k].len);
  }
  if (!s) s = take_buf(c, 0, &L);
  if (!s) s = take_buf(c, 1, &R);
  gv_buf_free(&L);
  gv_buf_free(&R);
  return s;
}

/* rtree_query(in0 tree, arr0 indexed geometries, arr1 query geometries or
 * NULL with in1 xs / in2 ys; num0 predicate (-1 = boxes only), applied as
 * predicate(query, indexed)) -> out0 uint32 query positions, out1 uint32
 * indexed positions, ordered by query then indexed position */
gv_status gv_k_rtree_query(gv_call *c) {
  query_job j = {0};
  j.indexed = c->arr[0];
  j.queries = c->arr[1];
  j.pred = (int)c->num[0];
  if (!j.indexed || j.pred < -1 || j.pred >= GV_PRED_COUNT || open_tree(c, 0, &j.tree)) return GV_ERR_ARG;
  if (j.tree.h->item_limit != j.indexed->n) {
    gv_errors_add(&c->err, -1, -1, "the index does not belong to this array");
    return GV_ERR_ARG;
  }
  if (j.queries) {
    j.n = j.queries->n;
    j.chunk = 256;
  } else {
    if (c->in[1].len != c->in[2].len) {
      gv_errors_add(&c->err, -1, -1, "xs has %zu values, ys %zu", c->in[1].len / 8, c->in[2].len / 8);
      return GV_ERR_ARG;
    }
    j.xs = c->in[1].data;
    j.ys = c->in[2].data;
    j.n = (int64_t)(c->in[1].len / 8);
    j.chunk = 2048;
  }
  if (j.n > 0xFFFFFFF0) return GV_ERR_LIMIT;
  int64_t chunks = (j.n + j.chunk - 1) / j.chunk;
  j.left = gv_calloc((size_t)chunks + 1, sizeof(gv_buf));
  j.right = gv_calloc((size_t)chunks + 1, sizeof(gv_buf));
  gv_status s = j.left && j.right ? GV_OK : GV_ERR_NOMEM;
  if (!s) gv_parallel_for(chunks, 1, query_chunk, &j);
  if (!s) s = j.status;
  if (!s) s = gather(c, j.left, j.right, chunks);
  for (int64_t k = 0; j.left && j.right && k < chunks; k++) {
    gv_buf_free(&j.left[k]);
    gv_buf_free(&j.right[k]);
  }
  gv_free(j.left);
  gv_free(j.right);
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
          double d = gv_point_distance(j->indexed, e.id, x, y);
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
  if (!s) s = gather(c, j.left, j.right, chunks);
  if (!s) {
    gv_buf D = {0};
    for (int64_t k = 0; k < chunks && !s; k++)
      if (gv_buf_append(&D, j.dist[k].data, j.dist[k].len)) s = GV_ERR_NOMEM;
    if (!s) s = take_buf(c, 2, &D);
    gv_buf_free(&D);
  }
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
