/* The packed R-tree and the join built on it:
 *  - build and search on small sets of boxes (0, 1, 2, 17, 1000 items; node
 *    sizes 2, 16, 256) against a brute-force scan, NaN boxes left out;
 *  - gv_rtree_open on damaged buffers: truncated, misaligned, random byte
 *    flips (never a crash: either the open fails or searches return items
 *    in range), and rtree_check catching every flip that changes results;
 *  - the query kernel (tree path and join-grid path) against a brute-force
 *    loop over every pair with gv_locate_point, on polygons with vertices on
 *    a lattice and points on the same lattice (many exactly on edges and
 *    vertices), holes, overlapping multipolygon parts, lines, points and
 *    collections, for every location predicate;
 *  - the join grid at degenerate shapes (one cell, one row, one column);
 *  - nearest neighbours against brute-force distances. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "wkt_array.h"
#include "kernels.h"
#include "index/rtree.h"
#include "measure/measure.h"

/* ---- helpers ---- */

static uint32_t rng_state = 12345;
static uint32_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}
static double unif(void) { return (rnd() >> 8) / 16777216.0; }

static int kernel_id(const char *name) {
  for (int i = 0; i < gv_kernel_count; i++)
    if (strcmp(gv_kernels[i].name, name) == 0) return i;
  return -1;
}

static gv_array *parse_wkt(char **texts, int64_t n) {
  gv_array *a = test_wkt_array((const char *const *)texts, n);
  CHECK(a != NULL);
  return a;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static int collect_cb(void *ctx, uint32_t item) {
  gv_items *it = ctx;
  if (it->n == it->cap && gv_items_grow(it)) return -1;
  it->v[it->n++] = item;
  return 0;
}

/* ---- build and search ---- */

static void random_boxes(double *b, uint32_t n, int with_nan) {
  for (uint32_t i = 0; i < n; i++) {
    double x = unif() * 100, y = unif() * 100, w = unif() * 10, h = unif() * 10;
    b[4 * i] = x, b[4 * i + 1] = y, b[4 * i + 2] = x + w, b[4 * i + 3] = y + h;
    if (with_nan && rnd() % 7 == 0) b[4 * i + rnd() % 4] = NAN;
    if (rnd() % 11 == 0) b[4 * i + 2] = x, b[4 * i + 3] = y; /* a point box */
  }
}

static int box_has_nan(const double *b) { return isnan(b[0]) || isnan(b[1]) || isnan(b[2]) || isnan(b[3]); }

/* Searches with both entry points and compares with a scan. */
static void check_search(const gv_rtree *t, const double *boxes, uint32_t n, gv_box q) {
  gv_items a = {0}, b = {0};
  CHECK(gv_rtree_search(t, q, collect_cb, &a) == 0);
  CHECK(gv_rtree_collect(t, q, &b) == 0);
  if (a.n) qsort(a.v, a.n, 4, cmp_u32);
  if (b.n) qsort(b.v, b.n, 4, cmp_u32);
  uint32_t want = 0, *w = malloc((size_t)n * 4 + 4);
  for (uint32_t i = 0; i < n; i++) {
    const double *x = boxes + 4 * (size_t)i;
    if (!box_has_nan(x) && x[0] <= q.maxx && q.minx <= x[2] && x[1] <= q.maxy && q.miny <= x[3]) w[want++] = i;
  }
  CHECK(a.n == want && b.n == want);
  if (a.n == want && b.n == want) {
    CHECK(want == 0 || memcmp(a.v, w, want * 4) == 0);
    CHECK(want == 0 || memcmp(b.v, w, want * 4) == 0);
  }
  free(w);
  free(a.v);
  free(b.v);
}

static void test_build_search(void) {
  const uint32_t sizes[] = {0, 1, 2, 17, 1000};
  const uint32_t nodes[] = {2, 16, 256};
  for (int si = 0; si < 5; si++)
    for (int ni = 0; ni < 3; ni++) {
      uint32_t n = sizes[si];
      double *boxes = malloc((size_t)n * 32 + 32);
      random_boxes(boxes, n, 1);
      gv_buf buf = {0};
      CHECK(gv_rtree_build(boxes, n, nodes[ni], &buf) == GV_OK);
      gv_rtree t;
      CHECK(gv_rtree_open(buf.data, buf.len, &t) == GV_OK);
      uint32_t with_box = 0;
      for (uint32_t i = 0; i < n; i++) with_box += !box_has_nan(boxes + 4 * (size_t)i);
      CHECK(t.h->num_items == with_box);
      CHECK(t.h->item_limit == n);
      for (int k = 0; k < 60; k++) {
        double x = unif() * 110 - 5, y = unif() * 110 - 5, w = k % 3 ? unif() * 30 : 0, h = k % 3 ? unif() * 30 : 0;
        check_search(&t, boxes, n, (gv_box){x, y, x + w, y + h});
      }
      check_search(&t, boxes, n, (gv_box){-INFINITY, -INFINITY, INFINITY, INFINITY});
      /* NaN and inverted query boxes find nothing */
      gv_items none = {0};
      CHECK(gv_rtree_collect(&t, (gv_box){NAN, 0, 100, 100}, &none) == 0 && none.n == 0);
      CHECK(gv_rtree_collect(&t, (gv_box){50, 50, 40, 40}, &none) == 0 && none.n == 0);
      free(none.v);
      /* the build is deterministic */
      gv_buf again = {0};
      CHECK(gv_rtree_build(boxes, n, nodes[ni], &again) == GV_OK);
      CHECK(again.len == buf.len && memcmp(again.data, buf.data, buf.len) == 0);
      gv_buf_free(&again);
      gv_buf_free(&buf);
      free(boxes);
    }
  gv_buf buf = {0};
  double one[4] = {0, 0, 1, 1};
  CHECK(gv_rtree_build(one, 1, 1, &buf) == GV_ERR_ARG);
  CHECK(gv_rtree_build(one, 1, 257, &buf) == GV_ERR_ARG);
  gv_buf_free(&buf);
}

/* ---- damaged buffers ---- */

static void test_damaged(void) {
  uint32_t n = 300;
  double *boxes = malloc((size_t)n * 32);
  random_boxes(boxes, n, 0);
  gv_buf buf = {0};
  CHECK(gv_rtree_build(boxes, n, 8, &buf) == GV_OK);
  gv_rtree t;
  /* sizes and alignment */
  CHECK(gv_rtree_open(buf.data, buf.len - 1, &t) == GV_ERR_ARG);
  CHECK(gv_rtree_open(buf.data, buf.len + 8, &t) == GV_ERR_ARG);
  CHECK(gv_rtree_open(buf.data, 10, &t) == GV_ERR_ARG);
  CHECK(gv_rtree_open(NULL, buf.len, &t) == GV_ERR_ARG);
  uint8_t *shifted = malloc(buf.len + 8);
  memcpy(shifted + 4, buf.data, buf.len);
  CHECK(gv_rtree_open(shifted + 4, buf.len, &t) == GV_ERR_ARG);
  free(shifted);
  /* random flips: never a crash; an open tree returns items in range */
  uint8_t *copy = malloc(buf.len);
  int opened = 0, rejected = 0;
  for (int trial = 0; trial < 3000; trial++) {
    memcpy(copy, buf.data, buf.len);
    int flips = 1 + (int)(rnd() % 3);
    for (int f = 0; f < flips; f++) {
      /* half of the flips hit the header and the index, where damage is structural */
      size_t at = trial & 1 ? rnd() % buf.len : rnd() % (sizeof(gv_rtree_header) + 64);
      if (trial % 4 == 3) at = buf.len - 1 - rnd() % (n * 4); /* the leaf items */
      copy[at] ^= (uint8_t)(1u << (rnd() % 8));
    }
    if (gv_rtree_open(copy, buf.len, &t) != GV_OK) {
      rejected++;
      continue;
    }
    opened++;
    gv_items it = {0};
    for (int k = 0; k < 4; k++) {
      double x = unif() * 100, y = unif() * 100;
      it.n = 0;
      CHECK(gv_rtree_collect(&t, (gv_box){x, y, x + 20, y + 20}, &it) == 0);
      for (size_t i = 0; i < it.n; i++) CHECK(it.v[i] < t.h->item_limit);
    }
    free(it.v);
  }
  CHECK(opened > 0 && rejected > 0);
  free(copy);
  gv_buf_free(&buf);
  free(boxes);
}

/* ---- the query kernel against brute force ---- */

/* Random simple polygons with vertices on the integer lattice: star-shaped
 * around a center, some with a hole, some multipolygons whose parts
 * overlap, plus lines, points and collections. */
static gv_array *lattice_geometries(int n, int span) {
  char **texts = calloc((size_t)n, sizeof *texts);
  for (int i = 0; i < n; i++) {
    gv_buf w = {0};
    char tmp[128];
    int cx = (int)(rnd() % (uint32_t)span), cy = (int)(rnd() % (uint32_t)span), r = 2 + (int)(rnd() % 6);
    int kind = (int)(rnd() % 10);
    if (kind < 6) { /* a star-shaped polygon, maybe with a hole */
      int m = 5 + (int)(rnd() % 12), vx[17], vy[17];
      for (int k = 0; k < m; k++) {
        double ang = 6.283185307179586 * k / m;
        int rr = r + (int)(rnd() % 3);
        vx[k] = cx + (int)lround(rr * cos(ang)), vy[k] = cy + (int)lround(rr * sin(ang));
      }
      gv_buf_append(&w, "POLYGON((", 9);
      for (int k = 0; k <= m; k++) {
        snprintf(tmp, sizeof tmp, "%s%d %d", k ? "," : "", vx[k % m], vy[k % m]);
        gv_buf_append(&w, tmp, strlen(tmp));
      }
      gv_buf_append(&w, ")", 1);
      if (kind < 2 && r >= 4) {
        snprintf(tmp, sizeof tmp, ",(%d %d,%d %d,%d %d,%d %d)", cx - 1, cy - 1, cx - 1, cy + 1, cx + 1, cy + 1, cx - 1, cy - 1);
        gv_buf_append(&w, tmp, strlen(tmp));
      }
      gv_buf_append(&w, ")", 1);
    } else if (kind < 8) { /* two overlapping or touching squares */
      int d = (int)(rnd() % 5);
      snprintf(tmp, sizeof tmp, "MULTIPOLYGON(((%d %d,%d %d,%d %d,%d %d,%d %d)),", cx, cy, cx + r, cy, cx + r, cy + r, cx,
               cy + r, cx, cy);
      gv_buf_append(&w, tmp, strlen(tmp));
      snprintf(tmp, sizeof tmp, "((%d %d,%d %d,%d %d,%d %d,%d %d)))", cx + d, cy + d, cx + d + r, cy + d, cx + d + r,
               cy + d + r, cx + d, cy + d + r, cx + d, cy + d);
      gv_buf_append(&w, tmp, strlen(tmp));
    } else if (kind == 8) {
      snprintf(tmp, sizeof tmp, "LINESTRING(%d %d,%d %d,%d %d)", cx, cy, cx + r, cy, cx + r, cy + r);
      gv_buf_append(&w, tmp, strlen(tmp));
    } else {
      snprintf(tmp, sizeof tmp, "GEOMETRYCOLLECTION(POINT(%d %d),POLYGON((%d %d,%d %d,%d %d,%d %d)))", cx, cy, cx, cy,
               cx + r, cy, cx, cy + r, cx, cy);
      gv_buf_append(&w, tmp, strlen(tmp));
    }
    gv_buf_append(&w, "", 1);
    texts[i] = (char *)w.data;
  }
  gv_array *a = parse_wkt(texts, n);
  for (int i = 0; i < n; i++) free(texts[i]);
  free(texts);
  return a;
}

typedef struct pairs {
  uint32_t *l, *r;
  size_t n;
} pairs;

static gv_status run_query(gv_array *g, gv_span tree, const double *xs, const double *ys, size_t n, int pred,
                           pairs *out, gv_errors *err_out) {
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = g;
  c.in[0] = tree;
  c.in[1] = (gv_span){(void *)xs, n * 8};
  c.in[2] = (gv_span){(void *)ys, n * 8};
  c.num[0] = pred;
  gv_status s = gv_invoke(kernel_id("rtree_query"), &c);
  if (!s) {
    out->n = c.out[0].len / 4;
    out->l = c.out[0].data, out->r = c.out[1].data;
    c.out[0].data = c.out[1].data = NULL;
  }
  if (err_out) {
    *err_out = c.err;
    memset(&c.err, 0, sizeof c.err);
  }
  gv_call_dispose(&c);
  return s;
}

static gv_span build_tree(gv_array *g, int node_size) {
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = g;
  c.num[0] = node_size;
  CHECK(gv_invoke(kernel_id("rtree_build"), &c) == GV_OK);
  gv_span t = c.out[0];
  c.out[0].data = NULL;
  gv_call_dispose(&c);
  return t;
}

/* Every (point, geometry) pair by brute force, in (point, geometry) order. */
static pairs brute(const gv_array *g, const double *xs, const double *ys, size_t n, int pred) {
  pairs p = {malloc(64), malloc(64), 0};
  size_t cap = 16;
  for (size_t i = 0; i < n; i++)
    for (int64_t j = 0; j < g->n; j++) {
      if (isnan(xs[i]) || isnan(ys[i])) continue;
      if (gv_point_verdict(pred, gv_locate_point(g, j, xs[i], ys[i])) != 1) continue;
      if (p.n == cap) {
        cap *= 2;
        p.l = realloc(p.l, cap * 4), p.r = realloc(p.r, cap * 4);
      }
      p.l[p.n] = (uint32_t)i, p.r[p.n++] = (uint32_t)j;
    }
  return p;
}

static int same_pairs(const pairs *a, const pairs *b) {
  if (a->n != b->n) {
    fprintf(stderr, "  %zu pairs, expected %zu\n", a->n, b->n);
    return 0;
  }
  for (size_t k = 0; k < a->n; k++)
    if (a->l[k] != b->l[k] || a->r[k] != b->r[k]) {
      fprintf(stderr, "  pair %zu: (%u, %u), expected (%u, %u)\n", k, a->l[k], a->r[k], b->l[k], b->r[k]);
      return 0;
    }
  return 1;
}

static void free_pairs(pairs *p) {
  free(p->l);
  free(p->r);
}

static void lattice_points(double *xs, double *ys, size_t n, int span) {
  for (size_t i = 0; i < n; i++) {
    /* most on the half lattice (so on vertices and edges of the lattice
     * polygons), some anywhere, a few NaN */
    if (i % 5 == 4) xs[i] = unif() * span, ys[i] = unif() * span;
    else xs[i] = (rnd() % (uint32_t)(2 * span + 4)) * 0.5 - 1, ys[i] = (rnd() % (uint32_t)(2 * span + 4)) * 0.5 - 1;
    if (i % 97 == 13) xs[i] = NAN;
    if (i % 89 == 7) ys[i] = NAN;
  }
}

static void test_query_vs_brute(int prepared) {
  const int preds[] = {GV_PRED_INTERSECTS, GV_PRED_WITHIN, GV_PRED_COVERED_BY, GV_PRED_TOUCHES};
  int span = 40;
  gv_array *g = lattice_geometries(120, span);
  if (prepared) CHECK(gv_prepare(g) == GV_OK);
  gv_span tree = build_tree(g, 16);
  size_t n = 6000; /* enough for the join grid */
  double *xs = malloc(n * 8), *ys = malloc(n * 8);
  lattice_points(xs, ys, n, span);
  for (int pi = 0; pi < 4; pi++) {
    pairs want = brute(g, xs, ys, n, preds[pi]);
    pairs got = {0};
    /* all at once (the join grid), and in small batches (the tree) */
    CHECK(run_query(g, tree, xs, ys, n, preds[pi], &got, NULL) == GV_OK);
    CHECK(same_pairs(&got, &want));
    free_pairs(&got);
    pairs small = {malloc(want.n * 4 + 4), malloc(want.n * 4 + 4), 0};
    int ok = 1;
    for (size_t b = 0; b < n && ok; b += 500) {
      pairs part = {0};
      size_t m = n - b < 500 ? n - b : 500;
      CHECK(run_query(g, tree, xs + b, ys + b, m, preds[pi], &part, NULL) == GV_OK);
      for (size_t k = 0; k < part.n && small.n < want.n + 1; k++) {
        if (small.n == want.n) {
          ok = 0;
          break;
        }
        small.l[small.n] = part.l[k] + (uint32_t)b, small.r[small.n++] = part.r[k];
      }
      free_pairs(&part);
    }
    CHECK(ok && same_pairs(&small, &want));
    free_pairs(&small);
    free_pairs(&want);
  }
  /* the general relate for the other predicates, points as coordinates */
  pairs got = {0};
  CHECK(run_query(g, tree, xs, ys, 300, GV_PRED_CONTAINS, &got, NULL) == GV_OK);
  for (size_t k = 0; k < got.n; k++) CHECK(GV_BASE_TYPE(gv_type_byte(g, got.r[k])) == GV_GEOMETRYCOLLECTION ||
                                            GV_BASE_TYPE(gv_type_byte(g, got.r[k])) == GV_POINT);
  free_pairs(&got);
  /* disjoint is refused */
  gv_errors err = {0};
  CHECK(run_query(g, tree, xs, ys, 10, GV_PRED_DISJOINT, &got, &err) == GV_ERR_ARG);
  CHECK(err.count == 1);
  gv_errors_free(&err);
  free(xs);
  free(ys);
  gv_free(tree.data);
  gv_array_release(g);
}

static void test_query_prepared(void) { test_query_vs_brute(1); }
static void test_query_unprepared(void) { test_query_vs_brute(0); }

/* The grid directly, at degenerate shapes and cell counts: its answers
 * must equal gv_locate_point for every point. */
static void test_grid_shapes(void) {
  int span = 30;
  gv_array *g = lattice_geometries(60, span);
  CHECK(gv_prepare(g) == GV_OK);
  gv_span tb = build_tree(g, 4);
  gv_rtree t;
  CHECK(gv_rtree_open(tb.data, tb.len, &t) == GV_OK);
  size_t n = 3000;
  double *xs = malloc(n * 8), *ys = malloc(n * 8);
  lattice_points(xs, ys, n, span);
  const gv_box regions[] = {
      {-1, -1, 45, 45}, {10, 10, 10, 10}, {5, 12, 25, 12}, {12, 5, 12, 25}, {0, 0, 1e-300, 1e-300}, {-1e300, -1e300, 1e300, 1e300},
  };
  const int64_t cells[] = {1, 7, 100, 5000, 200000};
  for (int ri = 0; ri < 6; ri++)
    for (int ci = 0; ci < 5; ci++) {
      gv_join_grid gr;
      gv_status s = gv_join_grid_build(&gr, &t, g, GV_PRED_INTERSECTS, regions[ri], cells[ci], 1e9);
      CHECK(s == GV_OK);
      if (s) continue;
      for (size_t i = 0; i < n; i++) {
        if (isnan(xs[i]) || isnan(ys[i])) continue;
        /* what the grid says for each geometry */
        uint8_t *said = calloc((size_t)g->n, 1);
        uint32_t w = gv_join_grid_at(&gr, xs[i], ys[i]);
        if (w != GV_GRID_EMPTY && !(w & GV_GRID_LIST)) said[w >> 1] = 1;
        if (w != GV_GRID_EMPTY && (w & GV_GRID_LIST)) {
          const uint32_t *e = gr.list + (w & ~GV_GRID_LIST), *end = e + 1 + *e;
          for (e++; e < end;) {
            uint32_t v = *e++;
            if (v & 1) {
              said[v >> 1] = 1;
              continue;
            }
            uint32_t block = *e++;
            int loc = block == GV_GRID_NONE ? gv_locate_point(g, v >> 1, xs[i], ys[i])
                                            : gv_join_grid_locate(gr.edges + block, xs[i], ys[i]);
            CHECK(loc == gv_locate_point(g, v >> 1, xs[i], ys[i]));
            said[v >> 1] = loc != GV_LOC_EXTERIOR;
          }
        }
        for (int64_t j = 0; j < g->n; j++) {
          int want = gv_locate_point(g, j, xs[i], ys[i]) != GV_LOC_EXTERIOR;
          /* a point outside the region may be missed only if no box of the
           * region's leaves holds it; inside the region the grid is exact */
          int inside = xs[i] >= regions[ri].minx && xs[i] <= regions[ri].maxx && ys[i] >= regions[ri].miny &&
                       ys[i] <= regions[ri].maxy;
          if (inside) CHECK(said[j] == want);
          else CHECK(!said[j] || want);
        }
        free(said);
      }
      gv_join_grid_free(&gr);
    }
  /* the budget: too many entries gives GV_ERR_LIMIT, and nothing leaks */
  gv_join_grid gr;
  CHECK(gv_join_grid_build(&gr, &t, g, GV_PRED_INTERSECTS, regions[0], 100000, 10) == GV_ERR_LIMIT);
  CHECK(gv_join_grid_build(&gr, &t, g, GV_PRED_CONTAINS, regions[0], 1000, 1e9) == GV_ERR_LIMIT);
  free(xs);
  free(ys);
  gv_free(tb.data);
  gv_array_release(g);
}

/* rtree_check: a flip anywhere that changes what queries return is caught. */
static void test_check_kernel(void) {
  gv_array *g = lattice_geometries(50, 30);
  gv_span tb = build_tree(g, 4);
  gv_call c;
  memset(&c, 0, sizeof c);
  c.arr[0] = g;
  c.in[0] = tb;
  CHECK(gv_invoke(kernel_id("rtree_check"), &c) == GV_OK);
  gv_call_dispose(&c);
  uint8_t *copy = malloc(tb.len);
  gv_rtree t0;
  CHECK(gv_rtree_open(tb.data, tb.len, &t0) == GV_OK);
  size_t body = (size_t)((const uint8_t *)t0.boxes - (const uint8_t *)tb.data);
  int caught = 0, trials = 0;
  for (int trial = 0; trial < 400; trial++) {
    memcpy(copy, tb.data, tb.len);
    size_t at = body + rnd() % (tb.len - body); /* boxes and indices */
    copy[at] ^= (uint8_t)(1u << (rnd() % 8));
    memset(&c, 0, sizeof c);
    c.arr[0] = g;
    c.in[0] = (gv_span){copy, tb.len};
    gv_status s = gv_invoke(kernel_id("rtree_check"), &c);
    trials++;
    caught += s == GV_ERR_ARG;
    CHECK(s == GV_ERR_ARG || s == GV_OK);
    if (s) CHECK(c.err.count >= 1);
    gv_call_dispose(&c);
  }
  /* flips in box bits below a double's last place can leave the same
   * value... but every flip changes the bytes, and boxes are compared by
   * bytes: all are caught */
  CHECK(caught == trials);
  /* another array of the same length */
  gv_array *other = lattice_geometries(50, 30);
  memset(&c, 0, sizeof c);
  c.arr[0] = other;
  c.in[0] = tb;
  CHECK(gv_invoke(kernel_id("rtree_check"), &c) == GV_ERR_ARG);
  gv_call_dispose(&c);
  gv_array_release(other);
  free(copy);
  gv_free(tb.data);
  gv_array_release(g);
}

/* ---- nearest ---- */
/* An independent brute force: every segment and vertex, then inside. */
static double seg_dist2(double px, double py, double ax, double ay, double bx, double by) {
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  double qx = ax + t * dx - px, qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

static double brute_distance(const gv_array *a, int64_t i, double x, double y) {
  if (gv_is_null(a, i)) return INFINITY;
  double best = INFINITY;
  int32_t pe = gv_geom_end(a, i);
  for (int32_t p = gv_geom_begin(a, i); p < pe; p++) {
    int32_t re = gv_part_end(a, p);
    for (int32_t r = gv_part_begin(a, p); r < re; r++) {
      int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
      if (e - k == 1) {
        double dx = GV_X(a, k) - x, dy = GV_Y(a, k) - y;
        if (!isnan(dx) && dx * dx + dy * dy < best) best = dx * dx + dy * dy;
        continue;
      }
      for (; k + 1 < e; k++) {
        double d = seg_dist2(x, y, GV_X(a, k), GV_Y(a, k), GV_X(a, k + 1), GV_Y(a, k + 1));
        if (d < best) best = d;
      }
    }
  }
  if (best == INFINITY) return INFINITY; /* empty */
  /* inside an area, or exactly on the geometry */
  if (best > 0 && gv_locate_point(a, i, x, y) != GV_LOC_EXTERIOR) return 0;
  return sqrt(best);
}

static void test_nearest(void) {
  gv_array *g = lattice_geometries(80, 40);
  gv_span tb = build_tree(g, 8);
  size_t n = 200;
  double *xs = malloc(n * 8), *ys = malloc(n * 8);
  lattice_points(xs, ys, n, 40);
  for (int k = 1; k <= 5; k++) {
    gv_call c;
    memset(&c, 0, sizeof c);
    c.arr[0] = g;
    c.in[0] = tb;
    c.in[1] = (gv_span){xs, n * 8};
    c.in[2] = (gv_span){ys, n * 8};
    c.num[0] = k;
    CHECK(gv_invoke(kernel_id("rtree_nearest"), &c) == GV_OK);
    const uint32_t *L = c.out[0].data, *R = c.out[1].data;
    const double *D = c.out[2].data;
    size_t m = c.out[0].len / 4, at = 0;
    double *d = malloc((size_t)g->n * 8);
    uint32_t *order = malloc((size_t)g->n * 4);
    for (size_t i = 0; i < n; i++) {
      if (isnan(xs[i]) || isnan(ys[i])) continue;
      double px = xs[i], py = ys[i];
      gv_array pt;
      memset(&pt, 0, sizeof pt);
      pt.n = 1, pt.type = GV_POINT, pt.x = &px, pt.y = &py, pt.stride = 1;
      for (int64_t j = 0; j < g->n; j++) {
        /* the kernel's distances are the measure code's (exactly); they
         * agree with the brute force to rounding */
        d[j] = gv_geom_distance(&pt, 0, g, j, 0.0), order[j] = (uint32_t)j;
        if (d[j] != d[j]) d[j] = INFINITY;
        double b = brute_distance(g, j, px, py);
        CHECK(d[j] == b || fabs(d[j] - b) <= 1e-12 * (1 + b));
      }
      /* selection by (distance, position) */
      for (int s = 0; s < k; s++) {
        int64_t best = s;
        for (int64_t j = s + 1; j < g->n; j++)
          if (d[order[j]] < d[order[best]] || (d[order[j]] == d[order[best]] && order[j] < order[best])) best = j;
        uint32_t tmp = order[s];
        order[s] = order[best], order[best] = tmp;
        CHECK(at < m && L[at] == i && R[at] == order[s] && D[at] == d[order[s]]);
        at++;
      }
    }
    CHECK(at == m);
    free(d);
    free(order);
    gv_call_dispose(&c);
  }
  free(xs);
  free(ys);
  gv_free(tb.data);
  gv_array_release(g);
}

int main(void) {
  RUN(test_build_search);
  RUN(test_damaged);
  RUN(test_query_prepared);
  RUN(test_query_unprepared);
  RUN(test_grid_shapes);
  RUN(test_check_kernel);
  RUN(test_nearest);
  return check_report("test_rtree");
}
