/* The overlay noder.
 *
 * Robustness strategy
 * -------------------
 * The overlay needs a *valid noding*: a set of segments that meet only at
 * shared endpoints (no crossing, no endpoint inside another segment, no
 * partial collinear overlap). Everything after noding (the graph, the
 * labels, the rings) is then decided with exact predicates (gv_orient) on
 * those segments, so a valid noding always gives a valid result.
 *
 *  1. Floating noding (full precision). All pairs of segments whose boxes
 *     meet are intersected with the shared gv_segment_intersection (exact
 *     orientation; a proper crossing point is computed in double-double and
 *     rounded to doubles). Each segment is split at the points found on it.
 *     The same rounded point is used on both segments, so they share a node.
 *  2. Validation. Rounding a crossing point may move a piece of a segment
 *     by an ulp, which can create a crossing that was not there. The result
 *     is therefore checked exactly (gv_orient on every pair of pieces whose
 *     boxes meet). When it is valid (the usual case) the noding is used as
 *     is: no input vertex has moved.
 *  3. Snap-rounding (the fallback, and the only method when the caller gives
 *     a grid). Coordinates are scaled by the inverse of the grid (a power of
 *     two when chosen automatically, so scaling is exact). Every vertex and
 *     every intersection point gives a "hot pixel" (the half-open unit square
 *     around the nearest grid point, as in JTS/GEOS; a vertex within a
 *     hundredth of the grid of another segment is a node of it, as JTS/GEOS's
 *     snap-rounding treats near misses); every segment is replaced by the path through
 *     the centres of all the hot pixels it touches (an exact segment-square
 *     test), in order along the segment. Snap-rounded segments can only meet
 *     at pixel centres (Hobby; Guibas and Marimont); because intersection
 *     points are computed in floating point the result is validated again,
 *     and snap-rounding is iterated (the new intersections become hot pixels)
 *     up to SR_ROUNDS times per grid. The automatic grid starts at 2^-40 of
 *     the largest coordinate magnitude (about 12 significant digits) and is
 *     coarsened 8x at a time, at most SR_GRIDS times; then the noder gives
 *     up with GV_ERR_LIMIT. Time is therefore bounded on every input.
 *
 * Candidate pairs come from a sweep over segments sorted by their box's
 * lower x. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "noder.h"
#include "algorithm/segment.h"
#include "sort_impl.h"

#define SR_ROUNDS 3
#define SR_GRIDS 8
#define AUTO_GRID_BITS 46

/* ---- small helpers ---------------------------------------------------------------- */

static int pt_less(double ax, double ay, double bx, double by) { return ax < bx || (ax == bx && ay < by); }

static int seg_cmp(const void *pa, const void *pb) {
  const gv_nseg *a = pa, *b = pb;
  if (a->x0 != b->x0) return a->x0 < b->x0 ? -1 : 1;
  if (a->y0 != b->y0) return a->y0 < b->y0 ? -1 : 1;
  if (a->x1 != b->x1) return a->x1 < b->x1 ? -1 : 1;
  if (a->y1 != b->y1) return a->y1 < b->y1 ? -1 : 1;
  return 0;
}

#define SEG_LESS(p, q) (seg_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_segs, gv_nseg, SEG_LESS)

/* Canonical direction, drops zero-length segments, sorts, merges duplicates
 * (labels summed, line flags ORed), drops all-zero labels without line
 * flags unless keep_zero. In place; returns
 * the new count. */
static int64_t normalize(gv_nseg *s, int64_t n, int keep_zero) {
  int64_t m = 0;
  for (int64_t i = 0; i < n; i++) {
    gv_nseg e = s[i];
    if (e.x0 == e.x1 && e.y0 == e.y1) continue;
    if (pt_less(e.x1, e.y1, e.x0, e.y0)) {
      double t = e.x0; e.x0 = e.x1; e.x1 = t;
      t = e.y0; e.y0 = e.y1; e.y1 = t;
      for (int k = 0; k < GV_NODE_LABELS; k++) e.lab[k] = -e.lab[k];
      e.line ^= (e.line & ((1u << GV_LINE_REV) - 1)) << GV_LINE_REV;
    }
    s[m++] = e;
  }
  sort_segs(s, (size_t)m);
  int64_t w = 0;
  for (int64_t i = 0; i < m;) {
    gv_nseg e = s[i];
    int64_t j = i + 1;
    for (; j < m && seg_cmp(&s[j], &e) == 0; j++) {
      for (int k = 0; k < GV_NODE_LABELS; k++) e.lab[k] += s[j].lab[k];
      e.line |= s[j].line;
    }
    int any = keep_zero || e.line != 0;
    for (int k = 0; k < GV_NODE_LABELS; k++) any |= e.lab[k] != 0;
    if (any) s[w++] = e;
    i = j;
  }
  return w;
}

/* ---- the sweep: candidate pairs whose boxes meet ---------------------------------------- */

typedef struct sweep_item {
  double minx, maxx, miny, maxy;
  int64_t i;
} sweep_item;

static int item_cmp(const void *pa, const void *pb) {
  const sweep_item *a = pa, *b = pb;
  if (a->minx != b->minx) return a->minx < b->minx ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i;
}

#define ITEM_LESS(p, q) (item_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_items, sweep_item, ITEM_LESS)

typedef int (*pair_fn)(void *ctx, int64_t i, int64_t j); /* nonzero stops */

/* Calls fn for every pair of segments whose closed boxes, grown by pad, meet;
 * returns the first nonzero fn result, -1 on allocation failure, 0 otherwise. */
static int sweep(const gv_nseg *s, int64_t n, double pad, pair_fn fn, void *ctx) {
  if (n < 2) return 0;
  sweep_item *it = gv_malloc((size_t)n * sizeof *it);
  if (!it) return -1;
  for (int64_t i = 0; i < n; i++) {
    const gv_nseg *e = &s[i];
    it[i].minx = fmin(e->x0, e->x1) - pad;
    it[i].maxx = fmax(e->x0, e->x1) + pad;
    it[i].miny = fmin(e->y0, e->y1) - pad;
    it[i].maxy = fmax(e->y0, e->y1) + pad;
    it[i].i = i;
  }
  int sorted = 1; /* normalized segments (the validation pass) come sorted by x0 = minx */
  for (int64_t i = 1; i < n && sorted; i++) sorted = item_cmp(&it[i - 1], &it[i]) <= 0;
  if (!sorted) sort_items(it, (size_t)n);
  int r = 0;
  for (int64_t a = 0; a < n && !r; a++) {
    const sweep_item *p = &it[a];
    for (int64_t b = a + 1; b < n && it[b].minx <= p->maxx; b++) {
      const sweep_item *q = &it[b];
      if (q->miny > p->maxy || q->maxy < p->miny) continue;
      if ((r = fn(ctx, p->i, q->i)) != 0) break;
    }
  }
  gv_free(it);
  return r;
}

/* ---- validation ------------------------------------------------------------------------ */

static int is_end(double x, double y, const gv_nseg *e) {
  return (x == e->x0 && y == e->y0) || (x == e->x1 && y == e->y1);
}

/* 1 when two distinct canonical segments meet other than at a shared endpoint. */
static int bad_pair(const gv_nseg *p, const gv_nseg *q) {
  int o1 = gv_orient(p->x0, p->y0, p->x1, p->y1, q->x0, q->y0);
  int o2 = gv_orient(p->x0, p->y0, p->x1, p->y1, q->x1, q->y1);
  if (o1 * o2 > 0) return 0;
  int o3 = gv_orient(q->x0, q->y0, q->x1, q->y1, p->x0, p->y0);
  int o4 = gv_orient(q->x0, q->y0, q->x1, q->y1, p->x1, p->y1);
  if (o3 * o4 > 0) return 0;
  if (!o1 && !o2 && !o3 && !o4) {
    /* collinear: canonical ends are ordered along the line */
    double lox = p->x0, loy = p->y0, hix = p->x1, hiy = p->y1;
    if (pt_less(lox, loy, q->x0, q->y0)) lox = q->x0, loy = q->y0;
    if (pt_less(q->x1, q->y1, hix, hiy)) hix = q->x1, hiy = q->y1;
    return pt_less(lox, loy, hix, hiy);
  }
  if (o1 && o2 && o3 && o4) return 1; /* proper crossing */
  if (!o1 && !is_end(q->x0, q->y0, p)) return 1;
  if (!o2 && !is_end(q->x1, q->y1, p)) return 1;
  if (!o3 && !is_end(p->x0, p->y0, q)) return 1;
  if (!o4 && !is_end(p->x1, p->y1, q)) return 1;
  return 0;
}

static int validate_pair(void *ctx, int64_t i, int64_t j) {
  const gv_nseg *s = ctx;
  return bad_pair(&s[i], &s[j]);
}

/* 1 valid, 0 not, -1 out of memory */
static int noding_valid(const gv_nseg *s, int64_t n) {
  int r = sweep(s, n, 0, validate_pair, (void *)s);
  return r < 0 ? -1 : !r;
}

/* ---- intersection points ---------------------------------------------------------------- */

typedef struct split_pt {
  int64_t seg;
  double x, y;
  double t; /* position along the segment, for sorting */
} split_pt;

typedef struct isect_ctx {
  const gv_nseg *s;
  gv_buf splits; /* split_pt */
  int nomem;
  double tol;  /* snapping tolerance (0: none) */
  double near; /* snap-rounding's nearness tolerance (0: none), see near_vertex */
} isect_ctx;

static int add_split(isect_ctx *c, int64_t i, gv_pt p) {
  const gv_nseg *e = &c->s[i];
  if (is_end(p.x, p.y, e)) return 0;
  split_pt sp = {i, p.x, p.y, 0};
  if (gv_buf_append(&c->splits, &sp, sizeof sp) != GV_OK) {
    c->nomem = 1;
    return -1;
  }
  return 0;
}

static double d2(double ax, double ay, double bx, double by) { return (ax - bx) * (ax - bx) + (ay - by) * (ay - by); }

/* With snapping: an endpoint of one segment within tol of the other splits it there. */
static int snap_ends(isect_ctx *c, int64_t i, int64_t j) {
  const gv_nseg *p = &c->s[i], *q = &c->s[j];
  gv_pt e[2] = {{q->x0, q->y0}, {q->x1, q->y1}};
  for (int k = 0; k < 2; k++) {
    if (is_end(e[k].x, e[k].y, p)) continue;
    if (gv_point_segment_distance(e[k], (gv_pt){p->x0, p->y0}, (gv_pt){p->x1, p->y1}) <= c->tol &&
        add_split(c, i, e[k]))
      return -1;
  }
  return 0;
}

/* Snap-rounding: an endpoint of q closer than the nearness tolerance to
 * segment p (and not that close to p's ends) is a node of p, as JTS/GEOS's
 * snap-rounding treats such near misses (SnapRoundingIntersectionAdder,
 * tolerance a hundredth of the grid): p then passes through that vertex's pixel. */
static int near_vertex(isect_ctx *c, int64_t i, int64_t j) {
  const gv_nseg *p = &c->s[i], *q = &c->s[j];
  gv_pt e[2] = {{q->x0, q->y0}, {q->x1, q->y1}}, a = {p->x0, p->y0}, b = {p->x1, p->y1};
  double t2 = c->near * c->near;
  for (int k = 0; k < 2; k++) {
    if (d2(e[k].x, e[k].y, a.x, a.y) < t2 || d2(e[k].x, e[k].y, b.x, b.y) < t2) continue;
    if (gv_point_segment_distance(e[k], a, b) < c->near && add_split(c, i, e[k])) return -1;
  }
  return 0;
}

static int isect_pair(void *ctx, int64_t i, int64_t j) {
  isect_ctx *c = ctx;
  const gv_nseg *p = &c->s[i], *q = &c->s[j];
  if (c->tol > 0 && (snap_ends(c, i, j) || snap_ends(c, j, i))) return -1;
  gv_li_result r;
  gv_segment_intersection((gv_pt){p->x0, p->y0}, (gv_pt){p->x1, p->y1}, (gv_pt){q->x0, q->y0},
                          (gv_pt){q->x1, q->y1}, &r);
  if (c->near > 0) {
    int interior = 0;
    for (int k = 0; k < r.n; k++) interior |= !is_end(r.p[k].x, r.p[k].y, p) || !is_end(r.p[k].x, r.p[k].y, q);
    if (!interior) return near_vertex(c, i, j) || near_vertex(c, j, i) ? -1 : 0;
  }
  for (int k = 0; k < r.n; k++) {
    gv_pt x = r.p[k];
    if (c->tol > 0 && r.proper) { /* a crossing next to a vertex is the vertex */
      double t2 = c->tol * c->tol;
      const gv_nseg *s2[2] = {p, q};
      for (int m = 0; m < 2; m++) {
        if (d2(x.x, x.y, s2[m]->x0, s2[m]->y0) <= t2) x = (gv_pt){s2[m]->x0, s2[m]->y0};
        else if (d2(x.x, x.y, s2[m]->x1, s2[m]->y1) <= t2) x = (gv_pt){s2[m]->x1, s2[m]->y1};
      }
    }
    if (add_split(c, i, x) || add_split(c, j, x)) return -1;
  }
  return 0;
}

static int split_cmp(const void *pa, const void *pb) {
  const split_pt *a = pa, *b = pb;
  if (a->seg != b->seg) return a->seg < b->seg ? -1 : 1;
  if (a->t != b->t) return a->t < b->t ? -1 : 1;
  /* ties (points rounded to one position along the segment): a fixed order,
   * so that every qsort gives the same pieces */
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  return 0;
}

#define SPLIT_LESS(p, q) (split_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_splits, split_pt, SPLIT_LESS)

/* All intersection points of the segments (as split points per segment). */
static gv_status intersections(const gv_nseg *s, int64_t n, double tol, double near, gv_buf *out) {
  isect_ctx c = {s, {0}, 0, tol, near};
  int r = sweep(s, n, fmax(tol, near), isect_pair, &c);
  if (r < 0 || c.nomem) {
    gv_buf_free(&c.splits);
    return GV_ERR_NOMEM;
  }
  *out = c.splits;
  return GV_OK;
}

/* ---- floating noding --------------------------------------------------------------------- */

static gv_status float_node(const gv_nseg *s, int64_t n, double tol, gv_nseg **out, int64_t *nout) {
  gv_buf sp = {0};
  gv_status st = intersections(s, n, tol, 0, &sp);
  if (st != GV_OK) return st;
  split_pt *p = (split_pt *)sp.data;
  int64_t np = (int64_t)(sp.len / sizeof *p);
  for (int64_t k = 0; k < np; k++) {
    const gv_nseg *e = &s[p[k].seg];
    p[k].t = fabs(e->x1 - e->x0) >= fabs(e->y1 - e->y0) ? fabs(p[k].x - e->x0) : fabs(p[k].y - e->y0);
  }
  sort_splits(p, (size_t)np);
  gv_nseg *o = gv_malloc((size_t)(n + np + 1) * sizeof *o);
  if (!o) {
    gv_buf_free(&sp);
    return GV_ERR_NOMEM;
  }
  int64_t m = 0, k = 0;
  for (int64_t i = 0; i < n; i++) {
    const gv_nseg *e = &s[i];
    double cx = e->x0, cy = e->y0;
    for (; k < np && p[k].seg == i; k++) {
      if (p[k].x == cx && p[k].y == cy) continue;
      o[m] = *e;
      o[m].x0 = cx, o[m].y0 = cy, o[m].x1 = p[k].x, o[m].y1 = p[k].y;
      m++;
      cx = p[k].x, cy = p[k].y;
    }
    o[m] = *e;
    o[m].x0 = cx, o[m].y0 = cy;
    m++;
  }
  gv_buf_free(&sp);
  *out = o;
  *nout = m;
  return GV_OK;
}

/* ---- snap-rounding ------------------------------------------------------------------------ */

typedef struct pix {
  double i, j; /* integer pixel centre in grid units */
} pix;

static int pix_cmp(const void *pa, const void *pb) {
  const pix *a = pa, *b = pb;
  if (a->i != b->i) return a->i < b->i ? -1 : 1;
  if (a->j != b->j) return a->j < b->j ? -1 : 1;
  return 0;
}

#define PIX_LESS(p, q) (pix_cmp((p), (q)) < 0)
GV_SORT_DEFINE(sort_pix, pix, PIX_LESS)

/* sign((p1 - p0) - (q1 - q0)), exactly: each difference is a rounded part
 * plus its exact error (Knuth's two-diff); rounding is monotone, so unequal
 * rounded parts decide, and equal ones leave it to the errors. */
static double two_diff_err(double a, double b, double x) {
  double bv = a - x, av = x + bv;
  return (a - av) + (bv - b);
}

static int diff_cmp(double p1, double p0, double q1, double q0) {
  double a = p1 - p0, b = q1 - q0;
  if (a != b) return a > b ? 1 : -1;
  double ea = two_diff_err(p1, p0, a), eb = two_diff_err(q1, q0, b);
  return ea > eb ? 1 : ea < eb ? -1 : 0;
}

/* Orientation of corner (px, py) shifted by -(sx, sy)·δ for an infinitesimal δ > 0. */
static int orient_shifted(double ax, double ay, double bx, double by, double px, double py, int sx, int sy) {
  int o = gv_orient(ax, ay, bx, by, px, py);
  if (o || (!sx && !sy)) return o;
  /* d/dδ of cross(b - a, p - sδ - a) = dy·sx - dx·sy */
  int ddy = by > ay ? 1 : by < ay ? -1 : 0, ddx = bx > ax ? 1 : bx < ax ? -1 : 0;
  if (sx && !sy) return ddy;
  if (!sx && sy) return -ddx;
  return diff_cmp(by, ay, bx, ax); /* sign(dy - dx) */
}

/* Whether segment (ax,ay)-(bx,by) meets the hot pixel centred on c, in grid
 * units: the half-open square [i - ½, i + ½) × [j - ½, j + ½), as JTS and GEOS
 * define it (left and bottom sides in, top and right sides out), so that the
 * plane is tiled and a segment through a corner is snapped to exactly one of
 * the pixels meeting there. Exact: the half-open square is the union of the
 * closed squares [x0, x1 - δ] × [y0, y1 - δ], δ > 0, so the closed-square test
 * (box overlap and the line's side of the four corners) runs with the top and
 * right corners moved by an infinitesimal δ (simulation of simplicity). */
static int seg_hits_pixel(double ax, double ay, double bx, double by, pix c) {
  double x0 = c.i - 0.5, x1 = c.i + 0.5, y0 = c.j - 0.5, y1 = c.j + 0.5;
  if (fmax(ax, bx) < x0 || fmin(ax, bx) >= x1 || fmax(ay, by) < y0 || fmin(ay, by) >= y1) return 0;
  int s0 = orient_shifted(ax, ay, bx, by, x0, y0, 0, 0), s1 = orient_shifted(ax, ay, bx, by, x1, y0, 1, 0);
  int s2 = orient_shifted(ax, ay, bx, by, x1, y1, 1, 1), s3 = orient_shifted(ax, ay, bx, by, x0, y1, 0, 1);
  if (s0 > 0 && s1 > 0 && s2 > 0 && s3 > 0) return 0;
  if (s0 < 0 && s1 < 0 && s2 < 0 && s3 < 0) return 0;
  return 1;
}

typedef struct hit {
  pix p;
  double t;
} hit;

/* One round of snap-rounding of s (world coordinates) to grid g (inv = 1/g). */
static gv_status snap_round(const gv_nseg *s, int64_t n, double g, double inv, gv_nseg **out, int64_t *nout) {
  gv_buf sp = {0};
  gv_status st = intersections(s, n, 0, g / 100, &sp);
  if (st != GV_OK) return st;
  split_pt *ip = (split_pt *)sp.data;
  int64_t nip = (int64_t)(sp.len / sizeof *ip);
  for (int64_t k = 0; k < nip; k++) ip[k].t = 0;
  sort_splits(ip, (size_t)nip); /* by segment: a segment passes through the pixels of its nodes */
  int64_t nh = 2 * n + nip;
  pix *hp = gv_malloc((size_t)(nh + 1) * sizeof *hp);
  if (!hp) {
    gv_buf_free(&sp);
    return GV_ERR_NOMEM;
  }
  int64_t h = 0;
  for (int64_t i = 0; i < n; i++) {
    hp[h++] = (pix){gv_grid_round(s[i].x0 * inv), gv_grid_round(s[i].y0 * inv)};
    hp[h++] = (pix){gv_grid_round(s[i].x1 * inv), gv_grid_round(s[i].y1 * inv)};
  }
  for (int64_t k = 0; k < nip; k++) hp[h++] = (pix){gv_grid_round(ip[k].x * inv), gv_grid_round(ip[k].y * inv)};
  sort_pix(hp, (size_t)h);
  int64_t u = 0;
  for (int64_t k = 0; k < h; k++)
    if (!u || pix_cmp(&hp[u - 1], &hp[k])) hp[u++] = hp[k];
  gv_buf o = {0}, hits = {0};
  int64_t ks = 0;
  st = GV_OK;
  for (int64_t i = 0; i < n && st == GV_OK; i++) {
    const gv_nseg *e = &s[i];
    double ax = e->x0 * inv, ay = e->y0 * inv, bx = e->x1 * inv, by = e->y1 * inv;
    pix first = {gv_grid_round(ax), gv_grid_round(ay)}, last = {gv_grid_round(bx), gv_grid_round(by)};
    double ilo = floor(fmin(ax, bx) - 0.5), ihi = ceil(fmax(ax, bx) + 0.5);
    double jlo = floor(fmin(ay, by) - 0.5), jhi = ceil(fmax(ay, by) + 0.5);
    /* first pixel column >= ilo */
    int64_t lo = 0, hi = u;
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (hp[mid].i < ilo) lo = mid + 1;
      else hi = mid;
    }
    hits.len = 0;
    double dx = bx - ax, dy = by - ay;
    for (int64_t k = lo; k < u && hp[k].i <= ihi; k++) {
      if (hp[k].j < jlo || hp[k].j > jhi) continue;
      if (!pix_cmp(&hp[k], &first) || !pix_cmp(&hp[k], &last)) continue;
      if (!seg_hits_pixel(ax, ay, bx, by, hp[k])) continue;
      hit ht = {hp[k], (hp[k].i - ax) * dx + (hp[k].j - ay) * dy};
      if ((st = gv_buf_append(&hits, &ht, sizeof ht)) != GV_OK) break;
    }
    /* the pixels of the segment's nodes (crossings, near vertices), even
     * when a computed crossing lies a rounding error outside the segment */
    for (; ks < nip && ip[ks].seg < i; ks++) {}
    for (; ks < nip && ip[ks].seg == i && st == GV_OK; ks++) {
      pix q = {gv_grid_round(ip[ks].x * inv), gv_grid_round(ip[ks].y * inv)};
      if (!pix_cmp(&q, &first) || !pix_cmp(&q, &last)) continue;
      hit ht = {q, (q.i - ax) * dx + (q.j - ay) * dy};
      st = gv_buf_append(&hits, &ht, sizeof ht);
    }
    if (st != GV_OK) break;
    hit *hv = (hit *)hits.data;
    int64_t nhv = (int64_t)(hits.len / sizeof *hv);
    for (int64_t a = 1; a < nhv; a++) { /* insertion sort: few hits per segment */
      hit x = hv[a];
      int64_t b = a - 1;
      while (b >= 0 && (hv[b].t > x.t || (hv[b].t == x.t && pix_cmp(&hv[b].p, &x.p) > 0))) hv[b + 1] = hv[b], b--;
      hv[b + 1] = x;
    }
    pix cur = first;
    for (int64_t a = 0; a <= nhv && st == GV_OK; a++) {
      pix nx = a < nhv ? hv[a].p : last;
      if (!pix_cmp(&nx, &cur)) continue;
      gv_nseg piece = *e;
      piece.x0 = cur.i * g, piece.y0 = cur.j * g, piece.x1 = nx.i * g, piece.y1 = nx.j * g;
      st = gv_buf_append(&o, &piece, sizeof piece);
      cur = nx;
    }
  }
  gv_free(hp);
  gv_buf_free(&hits);
  gv_buf_free(&sp);
  if (st != GV_OK) {
    gv_buf_free(&o);
    return st;
  }
  *nout = (int64_t)(o.len / sizeof(gv_nseg));
  *out = gv_buf_take(&o);
  if (!*out) *out = gv_malloc(sizeof(gv_nseg));
  return *out ? GV_OK : GV_ERR_NOMEM;
}

/* ---- the driver ---------------------------------------------------------------------------- */

static double max_abs(const gv_nseg *s, int64_t n) {
  double m = 0;
  for (int64_t i = 0; i < n; i++) {
    m = fmax(m, fmax(fmax(fabs(s[i].x0), fabs(s[i].y0)), fmax(fabs(s[i].x1), fabs(s[i].y1))));
  }
  return m;
}

static gv_nseg *copy_segs(const gv_nseg *s, int64_t n) {
  gv_nseg *c = gv_malloc((size_t)(n + 1) * sizeof *c);
  if (c && n) memcpy(c, s, (size_t)n * sizeof *c);
  return c;
}

/* Snap-rounds to grid g, iterating; *ok = 1 with the noding in *out when valid. */
static gv_status try_grid(const gv_nseg *in, int64_t n, double g, int keep_zero, gv_nseg **out, int64_t *nout,
                          int *ok) {
  double inv = 1.0 / g;
  gv_nseg *cur = copy_segs(in, n);
  if (!cur) return GV_ERR_NOMEM;
  int64_t m = n;
  *ok = 0;
  for (int round_ = 0; round_ < SR_ROUNDS; round_++) {
    gv_nseg *next;
    int64_t nn;
    gv_status st = snap_round(cur, m, g, inv, &next, &nn);
    gv_free(cur);
    if (st != GV_OK) return st;
    cur = next;
    m = normalize(cur, nn, keep_zero);
    int v = noding_valid(cur, m);
    if (v < 0) {
      gv_free(cur);
      return GV_ERR_NOMEM;
    }
    if (v) {
      *ok = 1;
      break;
    }
  }
  if (!*ok) {
    gv_free(cur);
    return GV_OK;
  }
  *out = cur;
  *nout = m;
  return GV_OK;
}

gv_status gv_node(const gv_nseg *in, int64_t n, double grid, int keep_zero, gv_noding *out) {
  memset(out, 0, sizeof *out);
  if (n < 0 || (in == NULL && n > 0)) return GV_ERR_ARG;
  for (int64_t i = 0; i < n; i++)
    if (!isfinite(in[i].x0) || !isfinite(in[i].y0) || !isfinite(in[i].x1) || !isfinite(in[i].y1)) return GV_ERR_ARG;
  double mag = max_abs(in, n);
  gv_status st;
  if (!(grid > 0)) {
    /* identical and overlapping input segments need no merging first: they
     * are split at each other's ends and merged after noding */
    const gv_nseg *c = in;
    int64_t nc = n;
    /* floating noding,
     * then with snapping (tolerance 1e-12 of the magnitude, then 1e-10) */
    double tols[3] = {0, mag * 1e-12, mag * 1e-10};
    for (int t = 0; t < 3; t++) {
      gv_nseg *s;
      int64_t m;
      st = float_node(c, nc, tols[t], &s, &m);
      if (st != GV_OK) return st;
      m = normalize(s, m, keep_zero);
      int v = noding_valid(s, m);
      if (v < 0) {
        gv_free(s);
        return GV_ERR_NOMEM;
      }
      if (v) {
        out->seg = s;
        out->n = m;
        out->method = t ? GV_NODING_SNAP_VERTEX : GV_NODING_FLOAT;
        return GV_OK;
      }
      gv_free(s);
    }
    int e;
    frexp(mag > 0 ? mag : 1, &e);
    grid = ldexp(1.0, e - AUTO_GRID_BITS);
  } else if (mag / grid > 0x1p50) {
    return GV_ERR_LIMIT; /* the grid is too fine for doubles to hold */
  }
  for (int k = 0; k < SR_GRIDS; k++, grid *= 8) {
    int ok;
    gv_nseg *s;
    int64_t m;
    st = try_grid(in, n, grid, keep_zero, &s, &m, &ok);
    if (st != GV_OK) return st;
    if (ok) {
      out->seg = s;
      out->n = m;
      out->method = GV_NODING_SNAP;
      out->grid = grid;
      return GV_OK;
    }
  }
  return GV_ERR_LIMIT;
}

void gv_noding_free(gv_noding *nd) {
  gv_free(nd->seg);
  memset(nd, 0, sizeof *nd);
}
