/* Distance between two geometries, as GEOS DistanceOp computes it: 0 when
 * the first coordinate of any component of one lies in or on a polygon of
 * the other; else the least distance between their facets (points and
 * segments). Segment pairs are decided with the exact meet test of
 * segment.h (0 when they share a point), else as the least of the four
 * endpoint-to-segment distances (JTS Distance.segmentToSegment).
 *
 * Facet pairs are pruned by box gaps against the best distance so far; a
 * ring with a segment index (prepared, or built here for a large pair) is
 * searched branch-and-bound, nearest boxes first, for every facet of the
 * other side. */
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "algorithm/prepared.h"
#include "algorithm/segment.h"
#include "measure.h"

/* A gap this much larger (relative) than the best distance cannot hold a
 * closer pair, whatever the rounding of either computation. */
#define PRUNE_SLACK (1.0 + 1e-9)
/* Pairs of runs with more facet pairs than this, one side with at least
 * TEMP_INDEX_MIN_SEGS segments and the other at least TEMP_INDEX_MIN_QUERIES
 * facets, get a temporary index on the larger side (a point against a
 * line is a plain scan: building the index would cost as much). */
#define TEMP_INDEX_PAIRS 2048
#define TEMP_INDEX_MIN_SEGS 48
#define TEMP_INDEX_MIN_QUERIES 8

typedef struct dctx {
  double best, best2_slack; /* best distance, and the gap^2 beyond which nothing helps */
  double stop;
  int nomem;
} dctx;

static void improve(dctx *c, double d) {
  if (d < c->best) {
    c->best = d;
    c->best2_slack = d * d * PRUNE_SLACK;
  }
}

static int done(const dctx *c) { return c->best <= c->stop; }

static double gap2(gv_box p, gv_box q) {
  double gx = p.minx - q.maxx, gy = p.miny - q.maxy, hx = q.minx - p.maxx, hy = q.miny - p.maxy;
  gx = gx > hx ? gx : hx;
  gy = gy > hy ? gy : hy;
  gx = gx > 0 ? gx : 0;
  gy = gy > 0 ? gy : 0;
  return gx * gx + gy * gy;
}

static int pruned(const dctx *c, gv_box p, gv_box q) { return gap2(p, q) > c->best2_slack; }

static double pt_pt(gv_pt p, gv_pt q) {
  double dx = p.x - q.x, dy = p.y - q.y;
  return sqrt(dx * dx + dy * dy);
}

static double seg_seg(gv_pt a, gv_pt b, gv_pt c, gv_pt d) {
  if (gv_pt_eq(a, b)) return gv_point_segment_distance(a, c, d);
  if (gv_pt_eq(c, d)) return gv_point_segment_distance(d, a, b);
  if (gv_segments_meet(a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y)) return 0.0;
  double m = gv_point_segment_distance(a, c, d), t;
  if ((t = gv_point_segment_distance(b, c, d)) < m) m = t;
  if ((t = gv_point_segment_distance(c, a, b)) < m) m = t;
  if ((t = gv_point_segment_distance(d, a, b)) < m) m = t;
  return m;
}

/* One facet: a point (is_pt) or the segment p-q. */
typedef struct facet {
  int is_pt;
  gv_pt p, q;
  gv_box box;
} facet;

static facet facet_at(const gv_array *a, int32_t k, int is_pt) {
  facet f;
  f.is_pt = is_pt;
  f.p = (gv_pt){GV_X(a, k), GV_Y(a, k)};
  f.q = is_pt ? f.p : (gv_pt){GV_X(a, k + 1), GV_Y(a, k + 1)};
  f.box = (gv_box){f.p.x < f.q.x ? f.p.x : f.q.x, f.p.y < f.q.y ? f.p.y : f.q.y, f.p.x < f.q.x ? f.q.x : f.p.x,
                   f.p.y < f.q.y ? f.q.y : f.p.y};
  return f;
}

/* Distance between facet f of the first geometry and g of the second. */
static double facet_dist(const facet *f, const facet *g) {
  if (f->is_pt && g->is_pt) return pt_pt(f->p, g->p);
  if (f->is_pt) return gv_point_segment_distance(f->p, g->p, g->q);
  if (g->is_pt) return gv_point_segment_distance(g->p, f->p, f->q);
  return seg_seg(f->p, f->q, g->p, g->q);
}

/* Every segment of indexed run (b, ix) against facet q, nearest boxes
 * first; q_first: q belongs to the first geometry. */
static void ix_search(const gv_array *b, const gv_seg_index *ix, const facet *q, int q_first, dctx *c) {
  if (ix->nseg <= 0 || ix->nlevels <= 0) return;
  struct {
    int32_t level, node;
    double g2;
  } st[GV_SEG_MAX_LEVELS * GV_SEG_SPREAD + 1], kid[GV_SEG_SPREAD];
  int sp = 0;
  st[0].level = ix->nlevels - 1, st[0].node = 0;
  st[0].g2 = gap2(ix->boxes[ix->level_start[ix->nlevels - 1]], q->box);
  sp = 1;
  while (sp > 0) {
    sp--;
    int32_t l = st[sp].level, node = st[sp].node;
    if (st[sp].g2 > c->best2_slack) continue;
    if (l == 0) {
      int32_t s0 = node * GV_SEG_SPREAD, s1 = s0 + GV_SEG_SPREAD;
      if (s1 > ix->nseg) s1 = ix->nseg;
      for (int32_t s = s0; s < s1; s++) {
        facet g = facet_at(b, ix->k0 + s, 0);
        if (pruned(c, g.box, q->box)) continue;
        improve(c, q_first ? facet_dist(q, &g) : facet_dist(&g, q));
        if (done(c)) return;
      }
      continue;
    }
    int32_t c0 = node * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
    if (c1 > ix->level_count[l - 1]) c1 = ix->level_count[l - 1];
    int nk = 0;
    const gv_box *below = ix->boxes + ix->level_start[l - 1];
    for (int32_t ch = c0; ch < c1; ch++) {
      double g2 = gap2(below[ch], q->box);
      if (g2 > c->best2_slack) continue;
      /* insertion by descending gap, so that the nearest is pushed last */
      int at = nk++;
      while (at > 0 && kid[at - 1].g2 < g2) kid[at] = kid[at - 1], at--;
      kid[at].level = l - 1, kid[at].node = ch, kid[at].g2 = g2;
    }
    for (int k = 0; k < nk; k++) st[sp++] = kid[k];
  }
}

/* A coordinate run [k, e) of one geometry: a point (one coordinate) or a
 * line of e - k - 1 segments, with its box and index (or NULL). */
typedef struct run {
  const gv_array *a;
  int32_t k, e;
  int is_pt;
  gv_box box;
  const gv_seg_index *ix;
} run;

static int32_t run_facets(const run *r) { return r->is_pt ? 1 : r->e - r->k - 1; }

static gv_box coords_box(const gv_array *a, int32_t k, int32_t e) {
  gv_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (; k < e; k++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (x < b.minx) b.minx = x;
    if (x > b.maxx) b.maxx = x;
    if (y < b.miny) b.miny = y;
    if (y > b.maxy) b.maxy = y;
  }
  return b;
}

/* Run of ring r; 0 when it has no facet (no coordinate, or an empty point). */
static int run_of(const gv_array *a, int32_t r, run *out) {
  int32_t k = gv_ring_begin(a, r), e = gv_ring_end(a, r);
  if (e <= k) return 0;
  out->a = a, out->k = k, out->e = e, out->is_pt = e - k == 1;
  if (out->is_pt && (isnan(GV_X(a, k)) || isnan(GV_Y(a, k)))) return 0;
  out->ix = out->is_pt ? NULL : gv_prepared_ring_index(a, r);
  if (out->ix && out->ix->nlevels > 0) out->box = out->ix->boxes[out->ix->level_start[out->ix->nlevels - 1]];
  else out->box = coords_box(a, k, e);
  return 1;
}

/* Every facet of run f (first geometry) against indexed run g, or the
 * converse (f indexed, g's facets searched) when g_indexed is 0. */
static void run_vs_index(const run *f, const run *g, const gv_seg_index *ix, int g_indexed, dctx *c) {
  const run *q = g_indexed ? f : g, *t = g_indexed ? g : f;
  int32_t n = run_facets(q);
  for (int32_t s = 0; s < n && !done(c); s++) {
    facet h = facet_at(q->a, q->k + s, q->is_pt);
    if (pruned(c, h.box, t->box)) continue;
    ix_search(t->a, ix, &h, !g_indexed, c);
  }
}

static void run_pair(const run *f, const run *g, dctx *c) {
  int32_t nf = run_facets(f), ng = run_facets(g);
  if (g->ix && (!f->ix || ng >= nf)) return run_vs_index(f, g, g->ix, 1, c);
  if (f->ix) return run_vs_index(f, g, f->ix, 0, c);
  if ((int64_t)nf * ng > TEMP_INDEX_PAIRS && (nf >= TEMP_INDEX_MIN_SEGS || ng >= TEMP_INDEX_MIN_SEGS) &&
      nf >= TEMP_INDEX_MIN_QUERIES && ng >= TEMP_INDEX_MIN_QUERIES) {
    const run *big = ng >= nf ? g : f;
    gv_seg_index ix;
    gv_status s = gv_seg_index_build(big->a, big->k, big->e, &ix);
    if (s == GV_OK) {
      run_vs_index(f, g, &ix, big == g, c);
      gv_seg_index_free(&ix);
      return;
    }
    if (s == GV_ERR_NOMEM) c->nomem = 1;
    /* else fall through to the plain scan */
  }
  for (int32_t s = 0; s < nf && !done(c); s++) {
    facet h = facet_at(f->a, f->k + s, f->is_pt);
    if (pruned(c, h.box, g->box)) continue;
    for (int32_t u = 0; u < ng; u++) {
      facet w = facet_at(g->a, g->k + u, g->is_pt);
      if (pruned(c, h.box, w.box)) continue;
      improve(c, facet_dist(&h, &w));
      if (done(c)) return;
    }
  }
}

/* 1 when the first coordinate of some component of a_i lies in or on a
 * polygon of b_j. */
static int contained(const gv_array *a, int64_t i, const gv_array *b, int64_t j) {
  uint8_t tb = gv_type_byte(b, j), ta = gv_type_byte(a, i);
  int32_t qb = gv_geom_begin(b, j), qe = gv_geom_end(b, j);
  int any = 0;
  for (int32_t q = qb; q < qe && !any; q++) any = gv_part_kind(b, tb, q) == GV_POLYGON;
  if (!any) return 0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    (void)ta;
    int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p);
    while (r < re && gv_ring_end(a, r) == gv_ring_begin(a, r)) r++;
    if (r == re) continue;
    int32_t k = gv_ring_begin(a, r);
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (isnan(x) || isnan(y)) continue;
    for (int32_t q = qb; q < qe; q++) {
      /* a prepared part whose box excludes the point is skipped without a call */
      const gv_box *pbox = gv_part_box_of(b->prepared, q);
      if (pbox && !gv_box_has(pbox, x, y)) continue;
      if (gv_part_kind(b, tb, q) == GV_POLYGON && gv_locate_in_polygon(b, q, x, y) != GV_LOC_EXTERIOR) return 1;
    }
  }
  return 0;
}

/* Box of part p: the prepared one when there is one, else from its
 * coordinates (empty parts get an inverted box, which every gap test
 * prunes once a distance is known). */
static gv_box part_box(const gv_array *a, int32_t p) {
  const gv_box *pb = gv_part_box_of(a->prepared, p);
  if (pb) return *pb;
  return coords_box(a, gv_ring_begin(a, gv_part_begin(a, p)), gv_ring_begin(a, gv_part_end(a, p)));
}

/* Every ring of part pa of a against every ring of part pb of b. */
static void part_pair(const gv_array *a, int32_t pa, const gv_array *b, int32_t pb, dctx *c) {
  for (int32_t r = gv_part_begin(a, pa), re = gv_part_end(a, pa); r < re && !done(c) && !c->nomem; r++) {
    run f;
    if (!run_of(a, r, &f)) continue;
    for (int32_t q = gv_part_begin(b, pb), qe = gv_part_end(b, pb); q < qe && !done(c) && !c->nomem; q++) {
      run g;
      if (!run_of(b, q, &g) || pruned(c, f.box, g.box)) continue;
      run_pair(&f, &g, c);
    }
  }
}

static double point_scan(const gv_array *s, int64_t j, const gv_array *q, int64_t i, double x, double y);
static int plain_point(const gv_array *q, int64_t i, double *x, double *y);

double gv_geom_distance(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double stop) {
  /* a plain point against an unprepared geometry: one scan (point_scan) */
  double px, py, v = -3;
  if (plain_point(a, i, &px, &py)) v = point_scan(b, j, a, i, px, py);
  else if (plain_point(b, j, &px, &py)) v = point_scan(a, i, b, j, px, py);
  if (v != -3) return v;
  if (!gv_geom_has_coords(a, i) || !gv_geom_has_coords(b, j)) return NAN;
  if (contained(a, i, b, j) || contained(b, j, a, i)) return 0.0;
  dctx c = {INFINITY, INFINITY, stop, 0};
  /* with a stop distance, nothing farther than it matters: prune by it from
   * the start (a "no" then ends as soon as every box is beyond stop) */
  if (stop > 0) c.best2_slack = stop * stop * PRUNE_SLACK;
  int32_t pa0 = gv_geom_begin(a, i), pa1 = gv_geom_end(a, i), pb0 = gv_geom_begin(b, j), pb1 = gv_geom_end(b, j);
  /* the second geometry's part boxes, read once (the prepared ones in place) */
  gv_box stack_boxes[16], *bb = stack_boxes;
  const gv_box *pbb = gv_part_box_of(b->prepared, pb0);
  if (pb1 > pb0 && pbb && gv_part_box_of(b->prepared, pb1 - 1)) {
    bb = (gv_box *)pbb;
  } else {
    if (pb1 - pb0 > 16) {
      bb = gv_malloc((size_t)(pb1 - pb0) * sizeof(gv_box));
      if (!bb) return -2;
    }
    for (int32_t q = pb0; q < pb1; q++) bb[q - pb0] = part_box(b, q);
  }
  for (int32_t p = pa0; p < pa1 && !done(&c) && !c.nomem; p++) {
    gv_box ab = part_box(a, p);
    /* the nearest part first, so that the others meet a tight bound */
    int32_t first = -1;
    double g0 = INFINITY;
    for (int32_t q = pb0; q < pb1; q++) {
      double g = gap2(ab, bb[q - pb0]);
      if (g < g0) g0 = g, first = q;
    }
    if (first >= 0) part_pair(a, p, b, first, &c);
    for (int32_t q = pb0; q < pb1 && !done(&c) && !c.nomem; q++)
      if (q != first && !pruned(&c, ab, bb[q - pb0])) part_pair(a, p, b, q, &c);
  }
  if (bb != stack_boxes && bb != pbb) gv_free(bb);
  return c.nomem ? -2 : c.best;
}

/* Bounds of geometry i as a box, 0 when it has none: from the prepared
 * part boxes when there are, else from its coordinates. */
static int geom_box(const gv_array *a, int64_t i, gv_box *out) {
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  if (a->prepared && p1 > p0 && gv_part_box_of(a->prepared, p0) && gv_part_box_of(a->prepared, p1 - 1)) {
    gv_box u = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int32_t p = p0; p < p1; p++) {
      const gv_box *b = gv_part_box_of(a->prepared, p);
      u.minx = b->minx < u.minx ? b->minx : u.minx, u.miny = b->miny < u.miny ? b->miny : u.miny;
      u.maxx = b->maxx > u.maxx ? b->maxx : u.maxx, u.maxy = b->maxy > u.maxy ? b->maxy : u.maxy;
    }
    /* no part with coordinates, or NaN coordinates (an infinite box): ask the coordinates */
    if (u.minx <= u.maxx && u.miny <= u.maxy && isfinite(u.minx) && isfinite(u.maxx) && isfinite(u.miny) && isfinite(u.maxy)) {
      *out = u;
      return 1;
    }
  }
  double bb[4];
  gv_geom_bounds(a, i, bb);
  if (isnan(bb[0])) return 0;
  *out = (gv_box){bb[0], bb[1], bb[2], bb[3]};
  return 1;
}

int gv_geom_dwithin(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double d) {
  return gv_geom_dwithin_boxed(a, i, NULL, b, j, NULL, d);
}

int gv_geom_dwithin_boxed(const gv_array *a, int64_t i, const gv_box *abox, const gv_array *b, int64_t j,
                          const gv_box *bbox, double d) {
  return gv_geom_dwithin_flat(a, i, abox, b, j, bbox, d, NULL, 0, NULL);
}

int gv_geom_dwithin_flat(const gv_array *a, int64_t i, const gv_box *abox, const gv_array *b, int64_t j,
                         const gv_box *bbox, double d, const gv_flat_index *f, int f_on_a, gv_flat_node *heap) {
  gv_box ba, bb;
  if (!(d >= 0)) return 0;
  if (abox) ba = *abox;
  else if (!geom_box(a, i, &ba)) return 0;
  if (bbox) bb = *bbox;
  else if (!geom_box(b, j, &bb)) return 0;
  if (isnan(ba.minx) || isnan(bb.minx)) return 0;
  double d2 = d * d;
  /* boxes too far apart: no pair of points is within d */
  if (gap2(ba, bb) > d2 * PRUNE_SLACK) return 0;
  /* boxes so close that every pair of points is within d */
  double fx = (ba.maxx > bb.maxx ? ba.maxx : bb.maxx) - (ba.minx < bb.minx ? ba.minx : bb.minx);
  double fy = (ba.maxy > bb.maxy ? ba.maxy : bb.maxy) - (ba.miny < bb.miny ? ba.miny : bb.miny);
  if (fx * fx + fy * fy < d2 * (1.0 - 1e-9)) return 1;
  double dist = -3;
  if (f) dist = f_on_a ? gv_point_distance_flat(b, j, a, i, f, heap, d) : gv_point_distance_flat(a, i, b, j, f, heap, d);
  if (dist == -3) dist = gv_geom_distance(a, i, b, j, d);
  if (dist == -2) return -1;
  return dist <= d;
}

/* ---- one geometry against many points: the flat index ----
 *
 * All coordinates of the geometry, rings back to back, under one natural
 * segment index; the segments that join one ring's last coordinate to the
 * next ring's first are not facets and are skipped (their boxes only make
 * the index's boxes larger, which keeps them lower bounds). A point's
 * distance is then one best-first search: a queue of index nodes by box
 * gap, the nearest first, pruned by the best distance so far, ending when
 * the nearest box left is beyond it (or, with a stop distance, as soon as
 * a segment is within it). The facets and their distances are those of
 * the general path above, so the least distance is the same number. */

gv_status gv_flat_index_build(const gv_array *a, int64_t i, gv_flat_index *f) {
  memset(f, 0, sizeof *f);
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return GV_OK;
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  if (p1 <= p0) return GV_OK;
  int32_t k0 = gv_ring_begin(a, gv_part_begin(a, p0)), k1 = gv_ring_begin(a, gv_part_begin(a, p1));
  /* lines and rings of two or more coordinates only (a point facet, or a
   * NaN coordinate, takes the general path) */
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(a, t, p) == GV_POINT) return GV_OK;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      if (gv_ring_end(a, r) - gv_ring_begin(a, r) == 1) return GV_OK;
  }
  for (int32_t k = k0; k < k1; k++)
    if (isnan(GV_X(a, k)) || isnan(GV_Y(a, k))) return GV_OK;
  if (k1 - k0 - 1 <= GV_INDEX_MIN_SEGS) return GV_OK;
  gv_status st = gv_seg_index_build(a, k0, k1, &f->ix);
  if (st) return st == GV_ERR_LIMIT ? GV_OK : st;
  f->real = gv_malloc((size_t)f->ix.nseg);
  if (!f->real) {
    gv_seg_index_free(&f->ix);
    return GV_ERR_NOMEM;
  }
  memset(f->real, 1, (size_t)f->ix.nseg);
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++) {
      int32_t e = gv_ring_end(a, r);
      if (e > k0 && e < k1) f->real[e - 1 - k0] = 0; /* from the last coordinate of ring r onwards */
    }
  int32_t top = f->ix.nlevels - 1;
  f->box = f->ix.boxes[f->ix.level_start[top]];
  f->nnodes = f->ix.level_start[top] + f->ix.level_count[top];
  f->built = 1;
  return GV_OK;
}

void gv_flat_index_free(gv_flat_index *f) {
  if (f->built) gv_seg_index_free(&f->ix);
  gv_free(f->real);
  memset(f, 0, sizeof *f);
}

/* The queue: a binary min-heap of nodes by squared box gap. */
static void heap_push(gv_flat_node *h, int32_t *n, gv_flat_node v) {
  int32_t at = (*n)++;
  while (at > 0) {
    int32_t up = (at - 1) >> 1;
    if (h[up].g2 <= v.g2) break;
    h[at] = h[up];
    at = up;
  }
  h[at] = v;
}

static gv_flat_node heap_pop(gv_flat_node *h, int32_t *n) {
  gv_flat_node top = h[0], last = h[--(*n)];
  int32_t at = 0, m = *n;
  for (;;) {
    int32_t c = 2 * at + 1;
    if (c >= m) break;
    if (c + 1 < m && h[c + 1].g2 < h[c].g2) c++;
    if (h[c].g2 >= last.g2) break;
    h[at] = h[c];
    at = c;
  }
  if (m > 0) h[at] = last;
  return top;
}

/* Least distance from (x, y) to the facets of the flat index (exact as
 * gv_point_segment_distance), or some distance <= stop, or INFINITY. */
/* The segments of leaf `leaf` against (x, y); 1 when the search is done.
 * Two passes: the squared distance of every segment estimated without a
 * square root (the cases gv_point_segment_distance distinguishes, with its
 * very cross product: a few ulps from the square of what it computes),
 * then the exact distance only for the segments whose estimate is within
 * PRUNE_SLACK of the least one and of the best so far. An estimate that
 * overflows, or a degenerate segment, is NaN: always computed exactly. */
/* The estimate: NaN for a degenerate segment or an overflow (take the
 * exact distance then). */
static inline double seg_est(double x, double y, double ax, double ay, double bx, double by) {
  double ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
  double px = x - ax, py = y - ay, dot = px * ex + py * ey;
  double qx = x - bx, qy = y - by, cr = (ay - y) * ex - (ax - x) * ey;
  double ta = px * px + py * py, tb = qx * qx + qy * qy, tp = cr * cr / len2;
  double q2 = dot <= 0 ? ta : dot >= len2 ? tb : tp;
  return len2 >= 0x1p-1022 && len2 < INFINITY && q2 < INFINITY ? q2 : NAN;
}
#define EST_FLOOR 1e-280 /* below it (subnormal squares) estimates are coarse */
static int flat_leaf(const gv_array *s, const gv_flat_index *f, int32_t leaf, double x, double y, dctx *c) {
  const gv_seg_index *ix = &f->ix;
  gv_pt p = {x, y};
  int32_t s0 = leaf * GV_SEG_SPREAD, s1 = s0 + GV_SEG_SPREAD;
  if (s1 > ix->nseg) s1 = ix->nseg;
  double est[GV_SEG_SPREAD], least = INFINITY;
  int any_nan = 0;
  for (int32_t q = s0; q < s1; q++) {
    int32_t k = ix->k0 + q;
    double q2 = seg_est(x, y, GV_X(s, k), GV_Y(s, k), GV_X(s, k + 1), GV_Y(s, k + 1));
    q2 = f->real[q] ? q2 : INFINITY; /* a joint between rings: never */
    est[q - s0] = q2;
    least = q2 < least ? q2 : least;
    any_nan |= q2 != q2;
  }
  double thr = (least > EST_FLOOR ? least : EST_FLOOR) * PRUNE_SLACK;
  if (thr > c->best2_slack) thr = c->best2_slack;
  if (!(least <= thr) && !any_nan) return 0;
  for (int32_t q = s0; q < s1; q++) {
    if (est[q - s0] > thr) continue; /* NaN is never above */
    int32_t k = ix->k0 + q;
    improve(c, gv_point_segment_distance(p, (gv_pt){GV_X(s, k), GV_Y(s, k)}, (gv_pt){GV_X(s, k + 1), GV_Y(s, k + 1)}));
    if (done(c)) return 1;
  }
  return 0;
}

static double flat_search(const gv_array *s, const gv_flat_index *f, double x, double y, double stop,
                          gv_flat_node *heap) {
  const gv_seg_index *ix = &f->ix;
  gv_box pb = {x, y, x, y};
  dctx c = {INFINITY, INFINITY, stop, 0};
  if (stop > 0) c.best2_slack = stop * stop * PRUNE_SLACK;
  int32_t n = 0, top = ix->nlevels - 1;
  /* a first bound: down the nearest child at every level to one leaf,
   * keeping the gaps of the children seen on the way */
  int32_t first = 0, lo[GV_SEG_MAX_LEVELS], pick[GV_SEG_MAX_LEVELS], cnt[GV_SEG_MAX_LEVELS];
  double gaps[GV_SEG_MAX_LEVELS][GV_SEG_SPREAD];
  for (int32_t l = top; l > 0; l--) {
    int32_t c0 = first * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
    if (c1 > ix->level_count[l - 1]) c1 = ix->level_count[l - 1];
    const gv_box *below = ix->boxes + ix->level_start[l - 1];
    double g0 = INFINITY;
    for (int32_t ch = c0; ch < c1; ch++) {
      double g2 = gap2(below[ch], pb);
      gaps[l][ch - c0] = g2;
      if (g2 < g0) g0 = g2, first = ch;
    }
    lo[l] = c0, cnt[l] = c1 - c0, pick[l] = first;
  }
  if (flat_leaf(s, f, first, x, y, &c)) return c.best;
  /* then the siblings of that path, within the bound, into the queue (the
   * nodes on the path are searched already) */
  for (int32_t l = top; l > 0; l--)
    for (int32_t u = 0; u < cnt[l]; u++)
      if (lo[l] + u != pick[l] && gaps[l][u] <= c.best2_slack) heap_push(heap, &n, (gv_flat_node){gaps[l][u], l - 1, lo[l] + u});
  if (top == 0) n = 0; /* one leaf: searched */
  while (n > 0) {
    gv_flat_node v = heap_pop(heap, &n);
    if (v.g2 > c.best2_slack) break; /* every box left is at least as far */
    if (v.level == 0) {
      if (flat_leaf(s, f, v.node, x, y, &c)) return c.best;
      continue;
    }
    int32_t c0 = v.node * GV_SEG_SPREAD, c1 = c0 + GV_SEG_SPREAD;
    if (c1 > ix->level_count[v.level - 1]) c1 = ix->level_count[v.level - 1];
    const gv_box *below = ix->boxes + ix->level_start[v.level - 1];
    for (int32_t ch = c0; ch < c1; ch++) {
      double g2 = gap2(below[ch], pb);
      if (g2 <= c.best2_slack) heap_push(heap, &n, (gv_flat_node){g2, v.level - 1, ch});
    }
  }
  return c.best;
}

/* The point of geometry i (1), or 0 when it is not one plain point. */
static int plain_point(const gv_array *q, int64_t i, double *x, double *y) {
  uint8_t t = gv_type_byte(q, i);
  if (GV_BASE_TYPE(t) != GV_POINT || q->part_type) return 0;
  int32_t r = gv_part_begin(q, gv_geom_begin(q, i));
  int32_t k = gv_ring_begin(q, r);
  if (gv_ring_end(q, r) - k != 1) return 0;
  *x = GV_X(q, k), *y = GV_Y(q, k);
  return !isnan(*x) && !isnan(*y);
}

double gv_point_distance_flat(const gv_array *q, int64_t i, const gv_array *s, int64_t j, const gv_flat_index *f,
                              gv_flat_node *heap, double stop) {
  double x, y;
  if (!f->built || !plain_point(q, i, &x, &y)) return -3;
  /* in or on a polygon: 0 (outside the box it cannot be) */
  if (gv_box_has(&f->box, x, y) && contained(q, i, s, j)) return 0.0;
  return flat_search(s, f, x, y, stop, heap);
}

/* ---- a point against an unprepared geometry ----
 * Without indexes the work is linear; it is done in few passes: a quick
 * point-in-polygon parity of the polygon parts, in order, until one holds
 * the point, then the squared-distance
 * estimates of every segment (as flat_leaf) and the exact distance of the
 * candidates within PRUNE_SLACK of the least. Same facets, same exact
 * distances, same answer as the general path. -3: not applicable (prepared,
 * null, points among the facets, NaN coordinates). */
#define SCAN_STACK 2048

/* Ray-crossing parity of ring [c0, c1) for (x, y) (the half-open rule of
 * pip.c): only the segments that straddle the ray's height can cross it,
 * so the loop looks at one comparison per coordinate; a straddling segment
 * wholly left or right of the point decides at once. -1 when some segment
 * needs the exact test (a vertex at the point's height, a segment whose
 * x-range holds the point, NaN). */
static int ring_parity_quick(const gv_array *s, int32_t c0, int32_t c1, double x, double y) {
  if (c1 - c0 < 2) return 0;
  double y0 = GV_Y(s, c0);
  if (!(y0 != y)) return -1;
  int parity = 0, above0 = y0 > y;
  int32_t k = c0 + 1;
#define QUICK_STEP(k)                                               \
  do {                                                              \
    double y1 = GV_Y(s, k);                                         \
    int above1 = y1 > y;                                            \
    if ((above1 != above0) | !(y1 != y)) {                          \
      if (!(y1 != y)) return -1;                                    \
      double xa = GV_X(s, (k) - 1), xb = GV_X(s, k);                \
      if (xa > x && xb > x) parity ^= 1;                            \
      else if (!(xa < x && xb < x)) return -1;                      \
    }                                                               \
    above0 = above1;                                                \
  } while (0)
#if defined(__SSE2__)
  if (s->stride == 2 && s->y == s->x + 1) {
    /* two heights per step; the step is looked at closer only when one of
     * them is on the other side of the ray or at its height */
    const double *c = s->x;
    __m128d yy = _mm_set1_pd(y);
    for (; k + 1 < c1; k += 2) {
      __m128d ys = _mm_unpackhi_pd(_mm_loadu_pd(c + 2 * (int64_t)k), _mm_loadu_pd(c + 2 * (int64_t)k + 2));
      int gt = _mm_movemask_pd(_mm_cmpgt_pd(ys, yy)), ne = _mm_movemask_pd(_mm_cmpneq_pd(ys, yy));
      if (gt == (above0 ? 3 : 0) && ne == 3) continue;
      QUICK_STEP(k);
      QUICK_STEP(k + 1);
    }
  }
#endif
  for (; k < c1; k++) QUICK_STEP(k);
#undef QUICK_STEP
  return parity;
}

/* Location of (x, y) in polygon part p: the quick parity over its rings,
 * or the exact scan when a ring needs it. */
static int part_location(const gv_array *s, int32_t p, double x, double y) {
  int parity = 0;
  for (int32_t r = gv_part_begin(s, p), re = gv_part_end(s, p); r < re; r++) {
    int c = ring_parity_quick(s, gv_ring_begin(s, r), gv_ring_end(s, r), x, y);
    if (c < 0) return gv_locate_in_polygon(s, p, x, y);
    parity ^= c;
  }
  return parity ? GV_LOC_INTERIOR : GV_LOC_EXTERIOR;
}
static double point_scan(const gv_array *s, int64_t j, const gv_array *q, int64_t i, double x, double y) {
  uint8_t t = gv_type_byte(s, j);
  if (GV_BASE_TYPE(t) == GV_NULL) return -3;
  int32_t p0 = gv_geom_begin(s, j), p1 = gv_geom_end(s, j);
  if (p1 <= p0 || gv_part_box_of(s->prepared, p0)) return -3;
  for (int32_t p = p0; p < p1; p++) {
    if (gv_part_kind(s, t, p) == GV_POINT) return -3;
    for (int32_t r = gv_part_begin(s, p), re = gv_part_end(s, p); r < re; r++)
      if (gv_ring_end(s, r) - gv_ring_begin(s, r) == 1) return -3;
  }
  int32_t k0 = gv_ring_begin(s, gv_part_begin(s, p0)), k1 = gv_ring_begin(s, gv_part_begin(s, p1));
  if (k1 - k0 < 2) return -3;
  /* in or on a polygon part: 0 (the quick parity reads a part about as
   * fast as its box would be computed, so no boxes first) */
  int nan = 0;
  for (int32_t p = p0; p < p1; p++)
    if (gv_part_kind(s, t, p) == GV_POLYGON && part_location(s, p, x, y) != GV_LOC_EXTERIOR) return 0.0;
  (void)q, (void)i;
  /* estimates of every segment; the joints between rings are not facets */
  int32_t n = k1 - k0 - 1;
  double stack_est[SCAN_STACK], *est = n <= SCAN_STACK ? stack_est : gv_malloc((size_t)n * sizeof *est);
  if (!est) return -2;
  for (int32_t k = k0; k < k1 - 1; k++) {
    double ax = GV_X(s, k), ay = GV_Y(s, k);
    nan |= (ax != ax) | (ay != ay);
    est[k - k0] = seg_est(x, y, ax, ay, GV_X(s, k + 1), GV_Y(s, k + 1));
  }
  nan |= GV_X(s, k1 - 1) != GV_X(s, k1 - 1) || GV_Y(s, k1 - 1) != GV_Y(s, k1 - 1);
  if (nan) {
    if (est != stack_est) gv_free(est);
    return -3;
  }
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(s, p), re = gv_part_end(s, p); r < re; r++) {
      int32_t e = gv_ring_end(s, r);
      if (e > k0 && e < k1) est[e - 1 - k0] = INFINITY;
    }
  double least = INFINITY;
  for (int32_t u = 0; u < n; u++) least = est[u] < least ? est[u] : least;
  double thr = (least > EST_FLOOR ? least : EST_FLOOR) * PRUNE_SLACK, best = INFINITY;
  gv_pt pt = {x, y};
  for (int32_t u = 0; u < n; u++) {
    if (est[u] > thr) continue; /* NaN (and the joints' +inf when all are +inf) never above */
    if (est[u] == INFINITY) continue;
    int32_t k = k0 + u;
    double d = gv_point_segment_distance(pt, (gv_pt){GV_X(s, k), GV_Y(s, k)}, (gv_pt){GV_X(s, k + 1), GV_Y(s, k + 1)});
    if (d < best) best = d;
  }
  if (est != stack_est) gv_free(est);
  return best;
}
