/* The working set of the validity checks (see vrings.h). */
#include <string.h>

#include <math.h>

#include "vrings.h"

void vr_init(vr_set *s) {
  memset(s, 0, sizeof *s);
}

void vr_free(vr_set *s) {
  gv_free(s->xy);
  gv_free(s->segs);
  gv_free(s->keys);
  gv_free(s->runs);
  memset(s, 0, sizeof *s);
}

void vr_clear(vr_set *s) {
  s->nxy = 0;
  s->nruns = 0;
  s->status = GV_OK;
}

int vr_grow(void **p, int64_t *cap, int64_t need, size_t elem) {
  if (need <= *cap) return 1;
  int64_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  if ((uint64_t)c > SIZE_MAX / elem) return 0;
  void *q = gv_realloc(*p, (size_t)c * elem);
  if (!q) return 0;
  *p = q;
  *cap = c;
  return 1;
}

int32_t vr_add(vr_set *s, const gv_array *a, int32_t r, int32_t poly, int32_t hole) {
  int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  int64_t cap_runs = s->cap_runs;
  if (s->status || !vr_grow((void **)&s->runs, &cap_runs, (int64_t)s->nruns + 1, sizeof(vr_run)) ||
      !vr_grow((void **)&s->xy, &s->cap_xy, 2 * (s->nxy + (k1 > k0 ? k1 - k0 : 0)), sizeof(double)) ||
      s->nxy + (k1 - k0) > GV_MAX_COUNT) {
    s->status = GV_ERR_NOMEM;
    return -1;
  }
  s->cap_runs = (int32_t)cap_runs;
  vr_run *run = &s->runs[s->nruns];
  memset(run, 0, sizeof *run);
  run->k0 = (int32_t)s->nxy;
  run->src = r;
  run->poly = poly;
  run->hole = hole;
  double *o = s->xy + 2 * s->nxy;
  int64_t m = 0;
  for (int32_t k = k0; k < k1; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (m > 0 && o[2 * m - 2] == x && o[2 * m - 1] == y) continue;
    o[2 * m] = x, o[2 * m + 1] = y;
    m++;
  }
  s->nxy += m;
  run->k1 = (int32_t)s->nxy;
  return s->nruns++;
}

gv_status vr_finish(vr_set *s) {
  if (s->status) return s->status;
  memset(&s->view, 0, sizeof s->view);
  s->view.n = 1;
  s->view.type = GV_POLYGON;
  s->view.x = s->xy;
  s->view.y = s->xy ? s->xy + 1 : NULL;
  s->view.stride = 2;
  for (int32_t r = 0; r < s->nruns; r++) {
    vr_run *run = &s->runs[r];
    gv_box b = {1, 1, 0, 0}; /* empty: meets nothing */
    for (int32_t k = run->k0; k < run->k1; k++) {
      double x = s->xy[2 * k], y = s->xy[2 * k + 1];
      if (k == run->k0) b.minx = b.maxx = x, b.miny = b.maxy = y;
      if (x < b.minx) b.minx = x;
      if (x > b.maxx) b.maxx = x;
      if (y < b.miny) b.miny = y;
      if (y > b.maxy) b.maxy = y;
    }
    run->box = b;
  }
  return GV_OK;
}

/* ---- segment pairs: monotone chains swept by their boxes in x ---- */

/* A monotone chain: consecutive segments [k0, k1) of one run whose
 * directions lie in one quadrant (dx >= 0 or < 0, dy >= 0 or < 0, as
 * JTS's MonotoneChain). Its box is the box of its two end points, and so
 * is the box of any stretch of it; two segments of one chain that are not
 * consecutive never meet (each segment moves on by a nonzero step with
 * components of one sign, so a later one starts strictly past an earlier
 * one's end in x or y), and consecutive ones meet only at their shared
 * point, so no pair inside a chain is reported. */
typedef struct vr_seg {
  double minx, maxx, miny, maxy;
  int32_t k0, k1, run;
} vr_seg;

/* Sweep keys: a chain's minx and its position in the chain list (which is
 * coordinate order), a total order, so the pairs come in the same order on
 * every platform. */
typedef struct vr_key {
  double minx;
  int64_t pos;
} vr_key;

static inline int key_less(const vr_key *a, const vr_key *b) {
  return a->minx < b->minx || (a->minx == b->minx && a->pos < b->pos);
}

static void sort_keys(vr_key *g, int64_t n) {
  while (n > 24) {
    /* quicksort step: median of three as pivot, the smaller side recursively */
    vr_key *lo = g, *mid = g + n / 2, *hi = g + n - 1, t;
    if (key_less(mid, lo)) t = *mid, *mid = *lo, *lo = t;
    if (key_less(hi, mid)) {
      t = *hi, *hi = *mid, *mid = t;
      if (key_less(mid, lo)) t = *mid, *mid = *lo, *lo = t;
    }
    vr_key pivot = *mid;
    int64_t i = 0, j = n - 1;
    for (;;) {
      while (key_less(&g[i], &pivot)) i++;
      while (key_less(&pivot, &g[j])) j--;
      if (i >= j) break;
      t = g[i], g[i] = g[j], g[j] = t;
      i++, j--;
    }
    int64_t left = j + 1;
    if (left < n - left) {
      sort_keys(g, left);
      g += left, n -= left;
    } else {
      sort_keys(g + left, n - left);
      n = left;
    }
  }
  for (int64_t i = 1; i < n; i++) {
    vr_key v = g[i];
    int64_t j = i;
    while (j > 0 && key_less(&v, &g[j - 1])) g[j] = g[j - 1], j--;
    g[j] = v;
  }
}

/* Consecutive segments of a run (or the last and first of a closed run)
 * that are not collinear: they share one point and nothing else. */
static int trivially_adjacent(const vr_set *s, int32_t r, int32_t ka, int32_t kb) {
  const vr_run *run = &s->runs[r];
  gv_pt a, b, c;
  if (kb == ka + 1) {
    a = vr_pt(s, ka), b = vr_pt(s, kb), c = vr_pt(s, kb + 1);
  } else if (ka == run->k0 && kb == run->k1 - 2 && run->k1 - run->k0 > 3 && gv_pt_eq(vr_pt(s, run->k0), vr_pt(s, run->k1 - 1))) {
    a = vr_pt(s, kb), b = vr_pt(s, ka), c = vr_pt(s, ka + 1);
  } else {
    return 0;
  }
  return gv_orient(a.x, a.y, b.x, b.y, c.x, c.y) != 0;
}

static int quadrant_of(const vr_set *s, int32_t k) {
  double dx = s->xy[2 * (int64_t)k + 2] - s->xy[2 * (int64_t)k];
  double dy = s->xy[2 * (int64_t)k + 3] - s->xy[2 * (int64_t)k + 1];
  return (dx >= 0 ? 0 : 1) | (dy >= 0 ? 0 : 2);
}

static int seg_nan(const vr_set *s, int32_t k) {
  const double *c = s->xy + 2 * (int64_t)k;
  return c[0] != c[0] || c[1] != c[1] || c[2] != c[2] || c[3] != c[3];
}

/* Boxes of the stretches: points k0 and k1 of a chain bound every point between. */
static int stretches_meet(const vr_set *s, int32_t a0, int32_t a1, int32_t b0, int32_t b1) {
  const double *p = s->xy + 2 * (int64_t)a0, *q = s->xy + 2 * (int64_t)a1;
  const double *u = s->xy + 2 * (int64_t)b0, *v = s->xy + 2 * (int64_t)b1;
  double aminx = p[0] < q[0] ? p[0] : q[0], amaxx = p[0] < q[0] ? q[0] : p[0];
  double bminx = u[0] < v[0] ? u[0] : v[0], bmaxx = u[0] < v[0] ? v[0] : u[0];
  if (aminx > bmaxx || bminx > amaxx) return 0;
  double aminy = p[1] < q[1] ? p[1] : q[1], amaxy = p[1] < q[1] ? q[1] : p[1];
  double bminy = u[1] < v[1] ? u[1] : v[1], bmaxy = u[1] < v[1] ? v[1] : u[1];
  return !(aminy > bmaxy || bminy > amaxy);
}

/* Pairs of segments of stretches [a0, a1) of run ra and [b0, b1) of run rb
 * (segment indexes) whose boxes meet, by halving the longer stretch. */
static int chain_pairs(vr_set *s, int32_t ra, int32_t a0, int32_t a1, int32_t rb, int32_t b0, int32_t b1, vr_pair_fn fn, void *ctx) {
  if (!stretches_meet(s, a0, a1, b0, b1)) return 0;
  if (a1 - a0 == 1 && b1 - b0 == 1) {
    int32_t ka = a0, kb = b0;
    if (ra > rb || (ra == rb && ka > kb)) {
      int32_t t = ra;
      ra = rb, rb = t, t = ka, ka = kb, kb = t;
    }
    if (ra == rb && trivially_adjacent(s, ra, ka, kb)) return 0;
    return fn(ctx, ra, ka, rb, kb);
  }
  if (a1 - a0 >= b1 - b0) {
    int32_t m = a0 + (a1 - a0) / 2;
    int res = chain_pairs(s, ra, a0, m, rb, b0, b1, fn, ctx);
    return res ? res : chain_pairs(s, ra, m, a1, rb, b0, b1, fn, ctx);
  }
  int32_t m = b0 + (b1 - b0) / 2;
  int res = chain_pairs(s, ra, a0, a1, rb, b0, m, fn, ctx);
  return res ? res : chain_pairs(s, ra, a0, a1, rb, m, b1, fn, ctx);
}

int vr_pairs(vr_set *s, vr_pair_fn fn, void *ctx) {
  int64_t n = 0;
  for (int32_t r = 0; r < s->nruns; r++) n += s->runs[r].k1 - s->runs[r].k0 > 1 ? s->runs[r].k1 - s->runs[r].k0 - 1 : 0;
  if (n < 2) return 0;
  if (!vr_grow((void **)&s->segs, &s->cap_segs, n, sizeof(vr_seg)) ||
      !vr_grow((void **)&s->keys, &s->cap_keys, n, sizeof(vr_key))) {
    s->status = GV_ERR_NOMEM;
    return 0;
  }
  vr_seg *g = s->segs;
  vr_key *o = s->keys;
  int64_t m = 0;
  for (int32_t r = 0; r < s->nruns; r++) {
    int32_t k = s->runs[r].k0, kend = s->runs[r].k1 - 1; /* segments k0 .. k1 - 2 */
    while (k < kend) {
      if (seg_nan(s, k)) { /* NaN meets nothing */
        k++;
        continue;
      }
      int32_t k0 = k, q = quadrant_of(s, k);
      k++;
      while (k < kend && !seg_nan(s, k) && quadrant_of(s, k) == q) k++;
      vr_seg *e = &g[m];
      gv_pt p = vr_pt(s, k0), t = vr_pt(s, k);
      e->minx = p.x < t.x ? p.x : t.x, e->maxx = p.x < t.x ? t.x : p.x;
      e->miny = p.y < t.y ? p.y : t.y, e->maxy = p.y < t.y ? t.y : p.y;
      e->k0 = k0, e->k1 = k, e->run = r;
      o[m].minx = e->minx, o[m].pos = m;
      m++;
    }
  }
  /* sweep along the longer side of the whole box: fewer chains overlap
   * there for a tall, thin shape (Chile swept in x meets itself all along) */
  double bx0 = INFINITY, bx1 = -INFINITY, by0 = INFINITY, by1 = -INFINITY;
  for (int64_t i = 0; i < m; i++) {
    if (g[i].minx < bx0) bx0 = g[i].minx;
    if (g[i].maxx > bx1) bx1 = g[i].maxx;
    if (g[i].miny < by0) by0 = g[i].miny;
    if (g[i].maxy > by1) by1 = g[i].maxy;
  }
  int in_y = by1 - by0 > bx1 - bx0;
  if (in_y)
    for (int64_t i = 0; i < m; i++) o[i].minx = g[o[i].pos].miny;
  sort_keys(o, m);
  for (int64_t i = 0; i < m; i++) {
    const vr_seg *a = &g[o[i].pos];
    double amax = in_y ? a->maxy : a->maxx;
    for (int64_t j = i + 1; j < m && o[j].minx <= amax; j++) {
      const vr_seg *b = &g[o[j].pos];
      if (in_y ? (b->minx > a->maxx || b->maxx < a->minx) : (b->miny > a->maxy || b->maxy < a->miny)) continue;
      int res = chain_pairs(s, a->run, a->k0, a->k1, b->run, b->k0, b->k1, fn, ctx);
      if (res) return res;
    }
  }
  return 0;
}

int vr_locate_in_run(const vr_set *s, int32_t r, double x, double y) {
  /* a one-ring polygon over the run, located by the shared point-in-polygon */
  gv_array v = s->view;
  int32_t off[2] = {s->runs[r].k0, s->runs[r].k1};
  v.ring_off = off;
  v.part_off = NULL;
  v.geom_off = NULL;
  v.prepared = NULL;
  return gv_locate_in_polygon(&v, 0, x, y);
}

/* ---- elements ---- */

static int walk(const gv_array *a, int32_t *tok, int32_t te, int32_t *p, int32_t pe, int depth, vr_elem_fn fn, void *ctx) {
  if (*tok >= te || depth > GV_MAX_DEPTH) return 0;
  uint32_t token = (uint32_t)a->gc_tok[(*tok)++];
  uint8_t t = (uint8_t)(token & 0xff), base = GV_BASE_TYPE(t);
  int64_t count = (int64_t)(token >> 8);
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) return 0;
  if (base != GV_GEOMETRYCOLLECTION) {
    int64_t np = base <= GV_POLYGON ? 1 : count;
    if (np > pe - *p) np = pe - *p;
    int32_t p0 = *p;
    *p += (int32_t)np;
    return fn(ctx, t, p0, *p);
  }
  for (int64_t j = 0; j < count; j++) {
    int r = walk(a, tok, te, p, pe, depth + 1, fn, ctx);
    if (r) return r;
  }
  return 0;
}

int vr_elements(const gv_array *a, int64_t i, vr_elem_fn fn, void *ctx) {
  uint8_t t = gv_type_byte(a, i), base = GV_BASE_TYPE(t);
  if (base == GV_NULL || base > GV_GEOMETRYCOLLECTION) return 0;
  int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i);
  if (base != GV_GEOMETRYCOLLECTION) return fn(ctx, t, p, pe);
  if (a->gc_off && a->gc_tok) {
    int32_t tok = a->gc_off[i], te = a->gc_off[i + 1];
    return walk(a, &tok, te, &p, pe, 1, fn, ctx);
  }
  /* no tree: every part is an element of its own */
  for (; p < pe; p++) {
    int r = fn(ctx, (uint8_t)(gv_part_kind(a, t, p) | (t & (GV_HAS_Z | GV_HAS_M))), p, p + 1);
    if (r) return r;
  }
  return 0;
}
