/* Properties of lines and rings (isClosed, isRing, isCCW) and exact
 * equality with a tolerance (equalsExact), with GEOS 3.13 semantics. */
#include <math.h>

#include "coords.h"

static int run_closed(const gv_array *a, int32_t k, int32_t e) {
  return e - k >= 1 && GV_X(a, k) == GV_X(a, e - 1) && GV_Y(a, k) == GV_Y(a, e - 1);
}

/* The one line of a line string geometry: its coordinates [k, e). */
static int line_run(const gv_array *a, int64_t i, int32_t *k, int32_t *e) {
  if (GV_BASE_TYPE(gv_type_byte(a, i)) != GV_LINESTRING) return 0;
  int32_t r = gv_part_begin(a, gv_geom_begin(a, i));
  *k = gv_ring_begin(a, r), *e = gv_ring_end(a, r);
  return 1;
}

int gv_is_closed(const gv_array *a, int64_t i) {
  uint8_t base = GV_BASE_TYPE(gv_type_byte(a, i));
  if (base != GV_LINESTRING && base != GV_MULTILINESTRING) return 0;
  int32_t p0 = gv_geom_begin(a, i), p1 = gv_geom_end(a, i);
  if (p0 == p1) return 0;
  for (int32_t p = p0; p < p1; p++) {
    int32_t r = gv_part_begin(a, p);
    if (!run_closed(a, gv_ring_begin(a, r), gv_ring_end(a, r))) return 0;
  }
  return 1;
}

int gv_ring_is_ccw(const gv_array *a, int32_t k, int32_t e) {
  int32_t n = e - k - 1; /* vertices without the closing one */
  if (n < 3) return 0;
#define RX(q) GV_X(a, k + (q))
#define RY(q) GV_Y(a, k + (q))
  /* the last rising segment's top among the highest points */
  int32_t hi = 0;
  double prev = RY(0), top = RY(0);
  for (int32_t q = 1; q <= n; q++) {
    double y = RY(q);
    if (y > prev && y >= top) hi = q, top = y;
    prev = y;
  }
  if (hi == 0) return 0; /* flat */
  int32_t lo_up = hi - 1;
  /* the first point below the top after it */
  int32_t down = hi;
  do down = (down + 1) % n;
  while (down != hi && RY(down) == top);
  int32_t down_hi = down > 0 ? down - 1 : n - 1;
  double hx = RX(hi), hy = RY(hi);
  if (hx == RX(down_hi) && hy == RY(down_hi)) {
    /* a pointed cap: the turn low-up -> top -> low-down */
    double ux = RX(lo_up), uy = RY(lo_up), dx = RX(down), dy = RY(down);
    if ((ux == hx && uy == hy) || (dx == hx && dy == hy) || (ux == dx && uy == dy)) return 0;
    return gv_orient(ux, uy, hx, hy, dx, dy) > 0;
  }
  /* a flat top: its direction */
  return RX(down_hi) - hx < 0;
#undef RX
#undef RY
}

/* isRing, as GEOS LineString::isRing: closed and simple, with the core's
 * simplicity test (validity/simple.c, the one behind isSimple). */
int gv_is_ring(gv_valid_work *w, const gv_array *a, int64_t i) {
  int32_t k, e;
  if (!line_run(a, i, &k, &e) || e - k < 1 || !run_closed(a, k, e)) return 0;
  return gv_geom_is_simple(w, a, i);
}

/* ---- equalsExact ---- */

static int coord_eq(const gv_array *a, int32_t k, const gv_array *b, int32_t q, double tol) {
  double ax = GV_X(a, k), ay = GV_Y(a, k), bx = GV_X(b, q), by = GV_Y(b, q);
  if (isnan(ax) && isnan(ay) && isnan(bx) && isnan(by)) return 1; /* two empty points */
  if (tol == 0) return ax == bx && ay == by;
  double dx = ax - bx, dy = ay - by;
  return sqrt(dx * dx + dy * dy) <= tol;
}

int gv_equals_exact(const gv_array *a, int64_t i, const gv_array *b, int64_t j, double tol) {
  uint8_t ta = gv_type_byte(a, i), tb = gv_type_byte(b, j);
  if (GV_BASE_TYPE(ta) == GV_NULL || GV_BASE_TYPE(ta) != GV_BASE_TYPE(tb)) return 0;
  int32_t pa = gv_geom_begin(a, i), pae = gv_geom_end(a, i), pb = gv_geom_begin(b, j), pbe = gv_geom_end(b, j);
  if (pae - pa != pbe - pb) return 0;
  /* collections: the same tree */
  if (GV_BASE_TYPE(ta) == GV_GEOMETRYCOLLECTION) {
    if (!a->gc_off || !b->gc_off) return 0;
    int32_t t = a->gc_off[i], te = a->gc_off[i + 1], u = b->gc_off[j], ue = b->gc_off[j + 1];
    if (te - t != ue - u) return 0;
    for (; t < te; t++, u++)
      if (((uint32_t)a->gc_tok[t] >> 8) != ((uint32_t)b->gc_tok[u] >> 8) ||
          GV_BASE_TYPE((uint8_t)(a->gc_tok[t] & 0xff)) != GV_BASE_TYPE((uint8_t)(b->gc_tok[u] & 0xff)))
        return 0;
  }
  for (; pa < pae; pa++, pb++) {
    if (gv_part_kind(a, ta, pa) != gv_part_kind(b, tb, pb)) return 0;
    int32_t ra = gv_part_begin(a, pa), rae = gv_part_end(a, pa), rb = gv_part_begin(b, pb);
    if (rae - ra != gv_part_end(b, pb) - rb) return 0;
    for (; ra < rae; ra++, rb++) {
      int32_t k = gv_ring_begin(a, ra), ke = gv_ring_end(a, ra), q = gv_ring_begin(b, rb);
      if (ke - k != gv_ring_end(b, rb) - q) return 0;
      for (; k < ke; k++, q++)
        if (!coord_eq(a, k, b, q, tol)) return 0;
    }
  }
  return 1;
}
