/* The working set of the validity checks (see vrings.h). */
#include <stdlib.h>
#include <string.h>

#include "vrings.h"

/* Runs with more segments than this get a segment index; shorter ones are
 * scanned (an index over them would be one box anyway). */
#define VR_INDEX_MIN_SEGS 24

void vr_init(vr_set *s) {
  memset(s, 0, sizeof *s);
}

static void drop_indexes(vr_set *s) {
  for (int32_t r = 0; r < s->nruns; r++)
    if (s->runs[r].has_ix) gv_seg_index_free(&s->runs[r].ix), s->runs[r].has_ix = 0;
}

void vr_free(vr_set *s) {
  drop_indexes(s);
  gv_free(s->xy);
  gv_free(s->runs);
  memset(s, 0, sizeof *s);
}

void vr_clear(vr_set *s) {
  drop_indexes(s);
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
    if (run->k1 - run->k0 - 1 > VR_INDEX_MIN_SEGS) {
      gv_status st = gv_seg_index_build(&s->view, run->k0, run->k1, &run->ix);
      if (st) return s->status = st;
      run->has_ix = 1;
    }
  }
  return GV_OK;
}

/* ---- segment pairs ---- */

typedef struct pair_ctx {
  vr_set *s;
  vr_pair_fn fn;
  void *ctx;
  int32_t ra, ka, rb;
} pair_ctx;

static gv_box seg_box(const vr_set *s, int32_t k) {
  gv_pt p = vr_pt(s, k), q = vr_pt(s, k + 1);
  gv_box b = {p.x < q.x ? p.x : q.x, p.y < q.y ? p.y : q.y, p.x < q.x ? q.x : p.x, p.y < q.y ? q.y : p.y};
  return b;
}

static int visit(void *c, int32_t kb) {
  pair_ctx *p = c;
  if (p->ra == p->rb && kb <= p->ka) return 0;
  return p->fn(p->ctx, p->ra, p->ka, p->rb, kb);
}

/* Segments of run rb whose boxes meet q, through its index or a scan. */
static int query(pair_ctx *p, gv_box q) {
  const vr_run *b = &p->s->runs[p->rb];
  if (b->has_ix) return gv_seg_index_query(&p->s->view, &b->ix, q, visit, p);
  for (int32_t k = b->k0; k + 1 < b->k1; k++) {
    if (!gv_box_intersects(seg_box(p->s, k), q)) continue;
    int r = visit(p, k);
    if (r) return r;
  }
  return 0;
}

/* Every segment of ra against run rb. */
static int run_pair(pair_ctx *p) {
  const vr_run *a = &p->s->runs[p->ra], *b = &p->s->runs[p->rb];
  if (!gv_box_intersects(a->box, b->box)) return 0;
  for (int32_t k = a->k0; k + 1 < a->k1; k++) {
    gv_box q = seg_box(p->s, k);
    if (!gv_box_intersects(q, b->box)) continue;
    p->ka = k;
    int r = query(p, q);
    if (r) return r;
  }
  return 0;
}

static int by_minx(const void *x, const void *y) {
  const gv_box *a = x, *b = y;
  return a->minx < b->minx ? -1 : a->minx > b->minx ? 1 : 0;
}

int vr_pairs(vr_set *s, vr_pair_fn fn, void *ctx) {
  pair_ctx p = {s, fn, ctx, 0, 0, 0};
  /* within each run */
  for (int32_t r = 0; r < s->nruns; r++) {
    p.ra = p.rb = r;
    int res = run_pair(&p);
    if (res) return res;
  }
  if (s->nruns < 2) return 0;
  /* across runs: candidates from a sweep over the runs' boxes in x */
  if (s->nruns <= 8) {
    for (int32_t a = 0; a < s->nruns; a++)
      for (int32_t b = a + 1; b < s->nruns; b++) {
        p.ra = a, p.rb = b;
        int res = run_pair(&p);
        if (res) return res;
      }
    return 0;
  }
  /* sort (minx, run) keys, the run's index kept in miny */
  gv_box *keys = gv_malloc((size_t)s->nruns * sizeof(gv_box));
  if (!keys) {
    s->status = GV_ERR_NOMEM;
    return 0;
  }
  int32_t nk = 0;
  for (int32_t r = 0; r < s->nruns; r++) {
    if (s->runs[r].box.minx > s->runs[r].box.maxx) continue; /* empty */
    keys[nk].minx = s->runs[r].box.minx;
    keys[nk].miny = (double)r;
    nk++;
  }
  qsort(keys, (size_t)nk, sizeof(gv_box), by_minx);
  int res = 0;
  for (int32_t i = 0; i < nk && !res; i++) {
    int32_t a = (int32_t)keys[i].miny;
    for (int32_t j = i + 1; j < nk && !res; j++) {
      int32_t b = (int32_t)keys[j].miny;
      if (s->runs[b].box.minx > s->runs[a].box.maxx) break;
      p.ra = a < b ? a : b, p.rb = a < b ? b : a;
      res = run_pair(&p);
    }
  }
  gv_free(keys);
  return res;
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
