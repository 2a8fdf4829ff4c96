/* Exact point location in simple parts: point in polygon (ray crossing
 * with the half-open rule) and point on line. A point on any ring's edge or
 * vertex is BOUNDARY, decided with gv_orient and coordinate comparisons
 * only, never an epsilon. Prepared parts answer from their raster cells and
 * y-stripes (prepared.h); others scan their rings. */
#include <math.h>

#include "prepared.h"

/* One segment (x1, y1) -> (x2, y2) against the ray going right from
 * (x, y): -1 when the point lies on the segment, 1 when the ray crosses it,
 * 0 otherwise. Half-open rule (as JTS RayCrossingCounter): a segment counts
 * when one end is strictly above y and the other on or below, and the point
 * is left of its upward direction; so a vertex on the ray is counted once
 * (or twice, which is the same mod 2) and horizontal segments never. */
static inline int seg_cross(double x1, double y1, double x2, double y2, double x, double y) {
  if ((y1 > y) != (y2 > y)) {
    if (x1 < x && x2 < x) return 0; /* wholly left: no crossing, cannot hold the point */
    if (x1 > x && x2 > x) return 1; /* wholly right: crosses, cannot hold the point */
    int o = gv_orient(x1, y1, x2, y2, x, y);
    if (o == 0) return -1;
    return (o > 0) == (y2 > y1);
  }
  /* both ends on one side; the point may still be an end at height y, or
   * lie on a horizontal segment at height y */
  if (y1 == y && y2 == y) return (x1 <= x && x <= x2) || (x2 <= x && x <= x1) ? -1 : 0;
  if ((y1 == y && x1 == x) || (y2 == y && x2 == x)) return -1;
  return 0;
}

/* The same test split for speed: most segments are clearly above, below,
 * left or right of the point, and their crossing (or not) needs no branch
 * that depends on the data; only a segment whose x-range holds the point
 * while it straddles the ray, or one touching the ray's height, takes
 * seg_cross. Returns -1 (on the segment), or the crossing 0/1. */
static inline int seg_cross_fast(double x1, double y1, double x2, double y2, double x, double y) {
  int straddles = (y1 > y) ^ (y2 > y);
  int right = (x1 > x) & (x2 > x), left = (x1 < x) & (x2 < x);
  int hard = (straddles & !(right | left)) | (y1 == y) | (y2 == y);
  if (hard) return seg_cross(x1, y1, x2, y2, x, y);
  return straddles & right;
}

/* Ray crossings over ring coordinates [k0, k1): -1 when (x, y) lies on the
 * ring, else the number of crossings mod 2. */
static int ring_parity(const gv_array *a, int32_t k0, int32_t k1, double x, double y) {
  const double *xs = a->x, *ys = a->y;
  int64_t st = a->stride;
  int parity = 0;
  if (k1 - k0 < 2) return 0;
  double x1 = xs[k0 * st], y1 = ys[k0 * st];
  for (int64_t k = k0 + 1; k < k1; k++) {
    double x2 = xs[k * st], y2 = ys[k * st];
    int c = seg_cross_fast(x1, y1, x2, y2, x, y);
    if (c < 0) return -1;
    parity ^= c;
    x1 = x2, y1 = y2;
  }
  return parity;
}

/* Parity over all rings (shell and holes, any orientation): the rule of
 * JTS IndexedPointInAreaLocator and of GEOS's prepared containsXY. */
static int scan_part(const gv_array *a, int32_t p, double x, double y) {
  int32_t r0 = gv_part_begin(a, p), r1 = gv_part_end(a, p);
  int parity = 0;
  for (int32_t r = r0; r < r1; r++) {
    int c = ring_parity(a, gv_ring_begin(a, r), gv_ring_end(a, r), x, y);
    if (c < 0) return GV_LOC_BOUNDARY;
    parity ^= c;
  }
  return parity ? GV_LOC_INTERIOR : GV_LOC_EXTERIOR;
}

int gv_pip_stripes(const gv_array *a, const gv_part_pip *pp, double x, double y) {
  int32_t s = gv_bucket(y, pp->sy0, pp->sscale, pp->nstripes);
  const int32_t *k = pp->sseg + pp->soff[s], *end = pp->sseg + pp->soff[s + 1];
  const double *xs = a->x, *ys = a->y;
  int64_t st = a->stride;
  int parity = 0;
  for (; k < end; k++) {
    int64_t i = (int64_t)*k * st;
    int c = seg_cross_fast(xs[i], ys[i], xs[i + st], ys[i + st], x, y);
    if (c < 0) return GV_LOC_BOUNDARY;
    parity ^= c;
  }
  return parity ? GV_LOC_INTERIOR : GV_LOC_EXTERIOR;
}

int gv_pip_part(const gv_array *a, int32_t p, const gv_part_pip *pp, double x, double y) {
  if (isnan(x) || isnan(y)) return GV_LOC_EXTERIOR;
  if (pp) return gv_pip_fast(a, pp, x, y);
  return scan_part(a, p, x, y);
}

int gv_locate_in_polygon(const gv_array *a, int32_t p, double x, double y) {
  const gv_part_pip *pp = gv_part_pip_of(a->prepared, p);
  if (pp) return gv_pip_fast(a, pp, x, y);
  const gv_box *box = gv_part_box_of(a->prepared, p);
  if (box && !gv_box_has(box, x, y)) return GV_LOC_EXTERIOR;
  return gv_pip_part(a, p, NULL, x, y);
}

/* ---- point on line ---- */

static int on_segment(const gv_array *a, int64_t k, double x, double y) {
  double x1 = GV_X(a, k), y1 = GV_Y(a, k), x2 = GV_X(a, k + 1), y2 = GV_Y(a, k + 1);
  if (!((x1 <= x && x <= x2) || (x2 <= x && x <= x1))) return 0;
  if (!((y1 <= y && y <= y2) || (y2 <= y && y <= y1))) return 0;
  return gv_orient(x1, y1, x2, y2, x, y) == 0;
}

typedef struct on_line_ctx {
  const gv_array *a;
  double x, y;
} on_line_ctx;

static int on_line_visit(void *ctx, int32_t k) {
  const on_line_ctx *c = ctx;
  return on_segment(c->a, k, c->x, c->y);
}

int gv_point_on_line(const gv_array *a, int32_t r, double x, double y) {
  int32_t k0 = gv_ring_begin(a, r), k1 = gv_ring_end(a, r);
  if (k1 - k0 < 1 || isnan(x) || isnan(y)) return 0;
  if (k1 - k0 == 1) return GV_X(a, k0) == x && GV_Y(a, k0) == y;
  const gv_seg_index *ix = gv_prepared_ring_index(a, r);
  if (ix) {
    on_line_ctx c = {a, x, y};
    gv_box q = {x, y, x, y};
    return gv_seg_index_query(a, ix, q, on_line_visit, &c);
  }
  for (int64_t k = k0; k + 1 < k1; k++)
    if (on_segment(a, k, x, y)) return 1;
  return 0;
}
