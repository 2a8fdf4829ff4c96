/* Properties of lines and rings (isClosed, isRing, isCCW) and exact
 * equality with a tolerance (equalsExact), with GEOS 3.13 semantics. */
#include <math.h>

#include "algorithm/segment.h"
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

/* ---- simplicity of one line ---- */

typedef struct simple_ctx {
  const gv_array *a;
  const int32_t *v; /* vertex coordinate indexes, repeated points removed */
  int32_t nseg;
  int closed;
  int32_t k0; /* the run's first coordinate */
} simple_ctx;

static gv_pt vpt(const simple_ctx *c, int32_t q) { return (gv_pt){GV_X(c->a, c->v[q]), GV_Y(c->a, c->v[q])}; }

/* 1 when segments s < u of the line meet where a simple line may not. */
static int bad_pair(const simple_ctx *c, int32_t s, int32_t u) {
  gv_li_result r;
  gv_segment_intersection(vpt(c, s), vpt(c, s + 1), vpt(c, u), vpt(c, u + 1), &r);
  if (r.n == 0) return 0;
  if (r.n == 2) return 1; /* overlap */
  if (u == s + 1 && gv_pt_eq(r.p[0], vpt(c, u))) return 0;
  if (c->closed && s == 0 && u == c->nseg - 1 && gv_pt_eq(r.p[0], vpt(c, 0))) return 0;
  return 1;
}

typedef struct visit_ctx {
  const simple_ctx *c;
  const int32_t *pos; /* coordinate offset (from k0) -> segment number, -1 for repeated points */
  int32_t s;
} visit_ctx;

static int visit(void *ctx, int32_t k) {
  const visit_ctx *vc = ctx;
  int32_t u = vc->pos[k - vc->c->k0];
  if (u < 0 || u <= vc->s) return 0; /* each pair once; repeated points are no segment */
  return bad_pair(vc->c, vc->s, u);
}

int gv_run_is_simple(const gv_array *a, int32_t k, int32_t e) {
  if (e - k < 2) return 1;
  int32_t *v = gv_malloc((size_t)(e - k) * sizeof(int32_t)), n = 0;
  if (!v) return -1;
  for (int32_t q = k; q < e; q++)
    if (!n || GV_X(a, q) != GV_X(a, v[n - 1]) || GV_Y(a, q) != GV_Y(a, v[n - 1])) v[n++] = q;
  simple_ctx c = {a, v, n - 1, 0, k};
  c.closed = n >= 2 && GV_X(a, v[0]) == GV_X(a, v[n - 1]) && GV_Y(a, v[0]) == GV_Y(a, v[n - 1]);
  int bad = 0;
  if (c.nseg < 2) {
    bad = 0;
  } else if (c.nseg <= 32) {
    for (int32_t s = 0; s < c.nseg && !bad; s++)
      for (int32_t u = s + 1; u < c.nseg && !bad; u++) bad = bad_pair(&c, s, u);
  } else {
    /* the index covers every coordinate run [k, e); segments with a
     * repeated point are zero-length and map to no segment of the line */
    int32_t *pos = gv_malloc((size_t)(e - k) * sizeof(int32_t));
    gv_seg_index ix;
    if (!pos || gv_seg_index_build(a, k, e, &ix) != GV_OK) {
      gv_free(pos);
      gv_free(v);
      return -1;
    }
    for (int32_t q = 0; q < e - k; q++) pos[q] = -1;
    for (int32_t s = 0; s < c.nseg; s++) {
      /* the coordinate segment that ends at v[s + 1] starts at v[s + 1] - 1 */
      pos[v[s + 1] - 1 - k] = s;
    }
    for (int32_t s = 0; s < c.nseg && !bad; s++) {
      gv_pt p = vpt(&c, s), q = vpt(&c, s + 1);
      gv_box qb = {fmin(p.x, q.x), fmin(p.y, q.y), fmax(p.x, q.x), fmax(p.y, q.y)};
      visit_ctx vc = {&c, pos, s};
      bad = gv_seg_index_query(a, &ix, qb, visit, &vc);
    }
    gv_seg_index_free(&ix);
    gv_free(pos);
  }
  gv_free(v);
  return !bad;
}

int gv_is_ring(const gv_array *a, int64_t i) {
  int32_t k, e;
  if (!line_run(a, i, &k, &e) || e - k < 1 || !run_closed(a, k, e)) return 0;
  return gv_run_is_simple(a, k, e);
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
