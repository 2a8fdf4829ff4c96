/* Coverage validity with the rules of GEOS 3.13's CoverageValidator /
 * CoveragePolygonValidator (JTS design): each polygon (the target) is
 * checked against the polygons whose box meets its box grown by gapWidth
 * (the adjacent ones). A target ring segment is
 *  - valid when it equals an adjacent segment with the adjacent interior on
 *    the other side (a shared edge);
 *  - invalid when it equals an adjacent segment with the adjacent interior
 *    on the same side (an overlap), when it meets an adjacent segment other
 *    than at a vertex of both (crossing, touching an edge's interior,
 *    partial collinear overlap: edges that nearly but not exactly match),
 *    when it lies in the interior of an adjacent polygon (tested at its
 *    midpoint), or, with gapWidth > 0, when it is unmatched and lies closer
 *    than gapWidth to an unmatched adjacent segment it does not touch (a
 *    narrow gap).
 * The invalid segments of each ring are joined into lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coverage_valid.h"
#include "algorithm/predicates.h"
#include "algorithm/segment.h"
#include "index/rtree.h"

typedef struct vseg {
  double ax, ay, bx, by; /* canonical: (ax, ay) < (bx, by) */
  int32_t left;          /* +1: the polygon's interior is left of a -> b, -1 right */
  int32_t geom;          /* element, for the adjacent segments */
  int32_t part;          /* polygon part (for point location) */
} vseg;

static int pcmp(double ax, double ay, double bx, double by) {
  if (ax != bx) return ax < bx ? -1 : 1;
  if (ay != by) return ay < by ? -1 : 1;
  return 0;
}

static int vkey_cmp(const void *pa, const void *pb) {
  const vseg *a = pa, *b = pb;
  int c = pcmp(a->ax, a->ay, b->ax, b->ay);
  return c ? c : pcmp(a->bx, a->by, b->bx, b->by);
}

static int ring_sense(const gv_array *a, int32_t k0, int32_t k1) {
  double s = 0; /* the sign of the area is enough here: rings of a coverage have area */
  double x0 = GV_X(a, k0), y0 = GV_Y(a, k0);
  for (int32_t k = k0 + 1; k + 1 < k1; k++)
    s += (GV_X(a, k) - x0) * (GV_Y(a, k + 1) - y0) - (GV_X(a, k + 1) - x0) * (GV_Y(a, k) - y0);
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

/* Segments of element i in ring order (ringid != NULL: also the ring and first coordinate of each). */
static gv_status segments_of(const gv_array *a, int64_t i, gv_buf *out, gv_buf *ringid) {
  for (int32_t p = gv_geom_begin(a, i); p < gv_geom_end(a, i); p++) {
    int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
    for (int32_t r = r0; r < r1; r++) {
      int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
      int sense = ring_sense(a, k0, k1);
      int32_t left = (r == r0) == (sense >= 0) ? 1 : -1; /* interior left of the stored direction */
      for (int32_t k = k0; k + 1 < k1; k++) {
        double x0 = GV_X(a, k), y0 = GV_Y(a, k), x1 = GV_X(a, k + 1), y1 = GV_Y(a, k + 1);
        if (x0 == x1 && y0 == y1) continue;
        vseg s = pcmp(x0, y0, x1, y1) < 0 ? (vseg){x0, y0, x1, y1, left, (int32_t)i, p}
                                          : (vseg){x1, y1, x0, y0, -left, (int32_t)i, p};
        if (gv_buf_append(out, &s, sizeof s) != GV_OK) return GV_ERR_NOMEM;
        if (ringid) {
          int32_t v[3] = {r, k, 0};
          if (gv_buf_append(ringid, v, sizeof v) != GV_OK) return GV_ERR_NOMEM;
        }
      }
    }
  }
  return GV_OK;
}

static double seg_dist(const vseg *p, const vseg *q) {
  gv_pt p0 = {p->ax, p->ay}, p1 = {p->bx, p->by}, q0 = {q->ax, q->ay}, q1 = {q->bx, q->by};
  double d = gv_point_segment_distance(p0, q0, q1);
  d = fmin(d, gv_point_segment_distance(p1, q0, q1));
  d = fmin(d, gv_point_segment_distance(q0, p0, p1));
  return fmin(d, gv_point_segment_distance(q1, p0, p1));
}

/* The part of segment q's projection on segment p's line that falls on p (JTS LineSegment.project); 0 when none. */
static int project(const vseg *p, const vseg *q, double out[4]) {
  double dx = p->bx - p->ax, dy = p->by - p->ay, len2 = dx * dx + dy * dy;
  if (len2 == 0) return 0;
  double f0 = ((q->ax - p->ax) * dx + (q->ay - p->ay) * dy) / len2;
  double f1 = ((q->bx - p->ax) * dx + (q->by - p->ay) * dy) / len2;
  if ((f0 >= 1 && f1 >= 1) || (f0 <= 0 && f1 <= 0)) return 0;
  f0 = fmin(1, fmax(0, f0));
  f1 = fmin(1, fmax(0, f1));
  out[0] = p->ax + f0 * dx, out[1] = p->ay + f0 * dy, out[2] = p->ax + f1 * dx, out[3] = p->ay + f1 * dy;
  return 1;
}

/* Segments nearly parallel over a length beyond tol (GEOS InvalidSegmentDetector's gap rule). */
static int nearly_parallel(const vseg *p, const vseg *q, double tol) {
  double a[4], b[4];
  if (!project(p, q, a) || !project(q, p, b)) return 0;
  if (hypot(a[2] - a[0], a[3] - a[1]) <= tol || hypot(b[2] - b[0], b[3] - b[1]) <= tol) return 0;
  if (hypot(a[0] - b[2], a[1] - b[3]) < hypot(a[0] - b[0], a[1] - b[1])) {
    double t0 = b[0], t1 = b[1];
    b[0] = b[2], b[1] = b[3], b[2] = t0, b[3] = t1;
  }
  return hypot(a[0] - b[0], a[1] - b[1]) <= tol && hypot(a[2] - b[2], a[3] - b[3]) <= tol;
}

static int is_end(gv_pt x, const vseg *s) { return (x.x == s->ax && x.y == s->ay) || (x.x == s->bx && x.y == s->by); }

/* Invalid flags for the target segments of element i. */
static gv_status check_one(const gv_array *a, const gv_rtree *tree, int64_t i, double gap, gv_buf *tseg, gv_buf *tring,
                           uint8_t **badp, gv_items *cand) {
  tseg->len = tring->len = 0;
  gv_status st = segments_of(a, i, tseg, tring);
  if (st != GV_OK) return st;
  int32_t nt = (int32_t)(tseg->len / sizeof(vseg));
  vseg *t = (vseg *)tseg->data;
  uint8_t *bad = gv_calloc((size_t)nt + 1, 1);
  if (!bad) return GV_ERR_NOMEM;
  *badp = bad;
  double bb[4];
  gv_geom_bounds(a, i, bb);
  gv_box q = {bb[0] - gap, bb[1] - gap, bb[2] + gap, bb[3] + gap};
  cand->n = 0;
  if (gv_rtree_collect(tree, q, cand) != 0) return GV_ERR_NOMEM;
  gv_buf adj = {0};
  for (size_t c = 0; c < cand->n && st == GV_OK; c++) {
    int64_t j = cand->v[c];
    if (j == i || gv_is_null(a, j)) continue;
    st = segments_of(a, j, &adj, NULL);
  }
  int32_t na = (int32_t)(adj.len / sizeof(vseg));
  vseg *s = (vseg *)adj.data;
  vseg *tsorted = NULL;
  if (st == GV_OK && na) {
    qsort(s, (size_t)na, sizeof *s, vkey_cmp);
    tsorted = gv_malloc((size_t)nt * sizeof *tsorted + 1);
    if (!tsorted) st = GV_ERR_NOMEM;
    else {
      memcpy(tsorted, t, (size_t)nt * sizeof *t);
      qsort(tsorted, (size_t)nt, sizeof *t, vkey_cmp);
    }
  }
  for (int32_t k = 0; k < nt && st == GV_OK && na; k++) {
    const vseg *p = &t[k];
    const vseg *m = bsearch(p, s, (size_t)na, sizeof *s, vkey_cmp);
    if (m) { /* matched: any equal adjacent segment with the interior on the same side is an overlap */
      const vseg *lo = m;
      while (lo > s && vkey_cmp(lo - 1, p) == 0) lo--;
      for (const vseg *x = lo; x < s + na && vkey_cmp(x, p) == 0; x++)
        if (x->left == p->left) bad[k] = 1;
      continue;
    }
    double pminx = fmin(p->ax, p->bx), pmaxx = fmax(p->ax, p->bx), pminy = fmin(p->ay, p->by), pmaxy = fmax(p->ay, p->by);
    gv_pt p0 = {p->ax, p->ay}, p1 = {p->bx, p->by};
    for (int32_t u = 0; u < na && !bad[k]; u++) {
      const vseg *x = &s[u];
      if (fmin(x->ax, x->bx) > pmaxx + gap || fmax(x->ax, x->bx) < pminx - gap || fmin(x->ay, x->by) > pmaxy + gap ||
          fmax(x->ay, x->by) < pminy - gap)
        continue;
      if (gv_segments_meet(p->ax, p->ay, p->bx, p->by, x->ax, x->ay, x->bx, x->by)) {
        gv_li_result r;
        gv_segment_intersection(p0, p1, (gv_pt){x->ax, x->ay}, (gv_pt){x->bx, x->by}, &r);
        if (r.n == 2 || r.proper || (r.n == 1 && (!is_end(r.p[0], p) || !is_end(r.p[0], x)))) {
          bad[k] = 1;
          continue;
        }
      }
      if (gap > 0 && seg_dist(p, x) <= gap && nearly_parallel(p, x, gap)) bad[k] = 1;
    }
    if (!bad[k]) { /* inside an adjacent polygon? */
      double mx = (p->ax + p->bx) / 2, my = (p->ay + p->by) / 2;
      for (size_t c = 0; c < cand->n && !bad[k]; c++) {
        int64_t j = cand->v[c];
        if (j == i || gv_is_null(a, j)) continue;
        double jb[4];
        gv_geom_bounds(a, j, jb);
        if (mx < jb[0] || mx > jb[2] || my < jb[1] || my > jb[3]) continue;
        for (int32_t pp = gv_geom_begin(a, j); pp < gv_geom_end(a, j) && !bad[k]; pp++)
          if (gv_locate_in_polygon(a, pp, mx, my) == GV_LOC_INTERIOR) bad[k] = 1;
      }
    }
  }
  gv_free(tsorted);
  gv_buf_free(&adj);
  return st;
}

gv_status gv_cov_validate(const gv_array *a, double gap, gv_cov_invalid *res, const char **why, int64_t *bad_elem) {
  memset(res, 0, sizeof *res);
  int64_t n = a->n;
  *bad_elem = -1;
  if (n > INT32_MAX) return GV_ERR_LIMIT;
  double *boxes = gv_malloc((size_t)n * 4 * sizeof(double) + 1);
  res->nlines = gv_calloc((size_t)n + 1, sizeof(int32_t));
  if (!boxes || !res->nlines) {
    gv_free(boxes);
    return GV_ERR_NOMEM;
  }
  for (int64_t i = 0; i < n; i++) {
    uint8_t ty = GV_BASE_TYPE(gv_type_byte(a, i));
    if (ty == GV_NULL) {
      for (int k = 0; k < 4; k++) boxes[4 * i + k] = NAN;
      continue;
    }
    if (ty != GV_POLYGON && ty != GV_MULTIPOLYGON) {
      *why = "coverage validation takes polygons and multipolygons only";
      *bad_elem = i;
      gv_free(boxes);
      return GV_ERR_ARG;
    }
    int32_t k0 = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
    int32_t k1 = gv_ring_end(a, gv_part_end(a, gv_geom_end(a, i) - 1) - 1);
    int empty = gv_geom_begin(a, i) == gv_geom_end(a, i) || k1 <= k0;
    for (int32_t k = k0; k < k1 && !empty; k++)
      if (!isfinite(GV_X(a, k)) || !isfinite(GV_Y(a, k))) {
        *why = "non-finite coordinate";
        *bad_elem = i;
        gv_free(boxes);
        return GV_ERR_ARG;
      }
    if (empty) {
      for (int k = 0; k < 4; k++) boxes[4 * i + k] = NAN;
      continue;
    }
    gv_geom_bounds(a, i, boxes + 4 * i);
  }
  gv_buf tb = {0};
  gv_rtree tree;
  gv_status st = gv_rtree_build(boxes, (uint32_t)n, 16, &tb);
  gv_free(boxes);
  if (st == GV_OK) st = gv_rtree_open(tb.data, tb.len, &tree);
  gv_buf tseg = {0}, tring = {0};
  gv_items cand = {0};
  for (int64_t i = 0; i < n && st == GV_OK; i++) {
    if (gv_is_null(a, i)) continue;
    uint8_t *bad = NULL;
    st = check_one(a, &tree, i, gap, &tseg, &tring, &bad, &cand);
    int32_t nt = (int32_t)(tseg.len / sizeof(vseg));
    const int32_t *rk = (const int32_t *)tring.data; /* per segment: ring, coordinate index */
    /* lines: runs of invalid segments, consecutive in a ring; the run that
     * ends a ring is joined to the one that starts it */
    int32_t *seq = st == GV_OK ? gv_malloc((size_t)nt * sizeof(int32_t) + 1) : NULL;
    if (st == GV_OK && !seq) st = GV_ERR_NOMEM;
    for (int32_t first = 0; first < nt && st == GV_OK;) {
      int32_t last = first;
      while (last + 1 < nt && rk[3 * (last + 1)] == rk[3 * first]) last++;
      int32_t head = -1; /* end of a run starting the ring, joined to the tail run */
      if (bad[first] && bad[last]) {
        head = first;
        while (head + 1 <= last && bad[head + 1]) head++;
        if (head == last) head = -1; /* the whole ring */
      }
      for (int32_t k = head >= 0 ? head + 1 : first; k <= last && st == GV_OK; k++) {
        if (!bad[k]) continue;
        int32_t ns = 0, re = k;
        while (re + 1 <= last && bad[re + 1]) re++;
        for (int32_t m = k; m <= re; m++) seq[ns++] = m;
        if (re == last && head >= 0)
          for (int32_t m = first; m <= head; m++) seq[ns++] = m;
        int32_t count = ns + 1;
        st = gv_buf_append(&res->cnt, &count, sizeof count);
        for (int32_t m = 0; m < ns && st == GV_OK; m++) {
          int32_t c = rk[3 * seq[m] + 1];
          double xy[2] = {GV_X(a, c), GV_Y(a, c)};
          st = gv_buf_append(&res->xy, xy, sizeof xy);
        }
        int32_t c = rk[3 * seq[ns - 1] + 1] + 1;
        double xy[2] = {GV_X(a, c), GV_Y(a, c)};
        if (st == GV_OK) st = gv_buf_append(&res->xy, xy, sizeof xy);
        res->nlines[i]++;
        k = re;
      }
      first = last + 1;
    }
    gv_free(seq);
    gv_free(bad);
  }
  gv_free(cand.v);
  gv_buf_free(&tseg);
  gv_buf_free(&tring);
  gv_buf_free(&tb);
  if (st != GV_OK) gv_cov_invalid_free(res);
  return st;
}

void gv_cov_invalid_free(gv_cov_invalid *r) {
  gv_buf_free(&r->xy);
  gv_buf_free(&r->cnt);
  gv_free(r->nlines);
  memset(r, 0, sizeof *r);
}
