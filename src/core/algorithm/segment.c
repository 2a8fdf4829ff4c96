/* Segment intersection and distance (see segment.h). */
#include <math.h>

#include "segment.h"

/* ---- double-double arithmetic, operation for operation as GEOS's DD ---------- */

typedef struct dd {
  double hi, lo;
} dd;

static const double DD_SPLIT = 134217729.0; /* 2^27 + 1 */

static dd dd_of(double x) { return (dd){x, 0.0}; }

static dd dd_add(dd a, dd b) {
  double H, h, T, t, S, s, e, f;
  S = a.hi + b.hi;
  T = a.lo + b.lo;
  e = S - a.hi;
  f = T - a.lo;
  s = S - e;
  t = T - f;
  s = (b.hi - e) + (a.hi - s);
  t = (b.lo - f) + (a.lo - t);
  e = s + T;
  H = S + e;
  h = e + (S - H);
  e = t + h;
  double zhi = H + e;
  return (dd){zhi, e + (H - zhi)};
}

static dd dd_sub(dd a, dd b) { return dd_add(a, (dd){-b.hi, -b.lo}); }

static dd dd_mul(dd a, dd b) {
  double hx, tx, hy, ty, C, c;
  C = DD_SPLIT * a.hi;
  hx = C - a.hi;
  c = DD_SPLIT * b.hi;
  hx = C - hx;
  tx = a.hi - hx;
  hy = c - b.hi;
  C = a.hi * b.hi;
  hy = c - hy;
  ty = b.hi - hy;
  c = ((((hx * hy - C) + hx * ty) + tx * hy) + tx * ty) + (a.hi * b.lo + a.lo * b.hi);
  double zhi = C + c;
  hx = C - zhi;
  return (dd){zhi, c + hx};
}

static dd dd_div(dd a, dd b) {
  double hc, tc, hy, ty, C, c, U, u;
  C = a.hi / b.hi;
  c = DD_SPLIT * C;
  hc = c - C;
  u = DD_SPLIT * b.hi;
  hc = c - hc;
  tc = C - hc;
  hy = u - b.hi;
  U = C * b.hi;
  hy = u - hy;
  ty = b.hi - hy;
  u = (((hc * hy - U) + hc * ty) + tc * hy) + tc * ty;
  c = ((((a.hi - U) - u) + a.lo) - C * b.lo) / b.hi;
  u = C + c;
  return (dd){u, (C - u) + c};
}

/* ---- segment intersection (RobustLineIntersector) ------------------------------- */

/* q inside the box of segment p1-p2 */
static int env_has(gv_pt p1, gv_pt p2, gv_pt q) {
  return q.x >= (p1.x < p2.x ? p1.x : p2.x) && q.x <= (p1.x > p2.x ? p1.x : p2.x) &&
         q.y >= (p1.y < p2.y ? p1.y : p2.y) && q.y <= (p1.y > p2.y ? p1.y : p2.y);
}

static double dist(gv_pt a, gv_pt b) {
  double dx = a.x - b.x, dy = a.y - b.y;
  return sqrt(dx * dx + dy * dy);
}

double gv_point_segment_distance(gv_pt p, gv_pt a, gv_pt b) {
  if (a.x == b.x && a.y == b.y) return dist(p, a);
  double len2 = (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y);
  double r = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / len2;
  if (r <= 0.0) return dist(p, a);
  if (r >= 1.0) return dist(p, b);
  double s = ((a.y - p.y) * (b.x - a.x) - (a.x - p.x) * (b.y - a.y)) / len2;
  return fabs(s) * sqrt(len2);
}

static gv_pt nearest_endpoint(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2) {
  gv_pt best = p1;
  double min = gv_point_segment_distance(p1, q1, q2), d;
  if ((d = gv_point_segment_distance(p2, q1, q2)) < min) min = d, best = p2;
  if ((d = gv_point_segment_distance(q1, p1, p2)) < min) min = d, best = q1;
  if ((d = gv_point_segment_distance(q2, p1, p2)) < min) best = q2;
  return best;
}

/* The crossing point of two properly crossing segments, in homogeneous
 * coordinates with double-double products. The terms are cubic in the
 * coordinates, so huge or tiny coordinates (beyond 2^±100) are first brought
 * near 1 by a power of two, which is exact and changes nothing else: without
 * it, coordinates of 1e150 overflow to infinity and 1e-150 underflow to 0. */
static gv_pt proper_point_scaled(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2);

static gv_pt proper_point(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2) {
  double m = fmax(fmax(fmax(fabs(p1.x), fabs(p1.y)), fmax(fabs(p2.x), fabs(p2.y))),
                  fmax(fmax(fabs(q1.x), fabs(q1.y)), fmax(fabs(q2.x), fabs(q2.y))));
  if (!(m > 0x1p100 || (m > 0 && m < 0x1p-100))) return proper_point_scaled(p1, p2, q1, q2);
  int k = -ilogb(m);
  gv_pt s1 = {ldexp(p1.x, k), ldexp(p1.y, k)}, s2 = {ldexp(p2.x, k), ldexp(p2.y, k)};
  gv_pt t1 = {ldexp(q1.x, k), ldexp(q1.y, k)}, t2 = {ldexp(q2.x, k), ldexp(q2.y, k)};
  gv_pt r = proper_point_scaled(s1, s2, t1, t2);
  r.x = ldexp(r.x, -k), r.y = ldexp(r.y, -k);
  /* the scaled-back point must still lie in both boxes (a coordinate that
   * went subnormal when scaled may have lost bits) */
  if (!isfinite(r.x) || !isfinite(r.y) || !env_has(p1, p2, r) || !env_has(q1, q2, r)) r = nearest_endpoint(p1, p2, q1, q2);
  return r;
}

static gv_pt proper_point_scaled(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2) {
  dd px = dd_sub(dd_of(p1.y), dd_of(p2.y));
  dd py = dd_sub(dd_of(p2.x), dd_of(p1.x));
  dd pw = dd_sub(dd_mul(dd_of(p1.x), dd_of(p2.y)), dd_mul(dd_of(p2.x), dd_of(p1.y)));
  dd qx = dd_sub(dd_of(q1.y), dd_of(q2.y));
  dd qy = dd_sub(dd_of(q2.x), dd_of(q1.x));
  dd qw = dd_sub(dd_mul(dd_of(q1.x), dd_of(q2.y)), dd_mul(dd_of(q2.x), dd_of(q1.y)));
  dd x = dd_sub(dd_mul(py, qw), dd_mul(qy, pw));
  dd y = dd_sub(dd_mul(qx, pw), dd_mul(px, qw));
  dd w = dd_sub(dd_mul(px, qy), dd_mul(qx, py));
  dd xi = dd_div(x, w), yi = dd_div(y, w);
  gv_pt r = {xi.hi + xi.lo, yi.hi + yi.lo};
  if (!isfinite(r.x) || !isfinite(r.y)) r = nearest_endpoint(p1, p2, q1, q2);
  if (!env_has(p1, p2, r) || !env_has(q1, q2, r)) r = nearest_endpoint(p1, p2, q1, q2);
  return r;
}

static void collinear(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2, gv_li_result *r) {
  int q1p = env_has(p1, p2, q1), q2p = env_has(p1, p2, q2);
  int p1q = env_has(q1, q2, p1), p2q = env_has(q1, q2, p2);
  r->n = 2;
  if (q1p && q2p) { r->p[0] = q1, r->p[1] = q2; return; }
  if (p1q && p2q) { r->p[0] = p1, r->p[1] = p2; return; }
  if (q1p && p1q) { r->p[0] = q1, r->p[1] = p1; r->n = gv_pt_eq(q1, p1) && !q2p && !p2q ? 1 : 2; return; }
  if (q1p && p2q) { r->p[0] = q1, r->p[1] = p2; r->n = gv_pt_eq(q1, p2) && !q2p && !p1q ? 1 : 2; return; }
  if (q2p && p1q) { r->p[0] = q2, r->p[1] = p1; r->n = gv_pt_eq(q2, p1) && !q1p && !p2q ? 1 : 2; return; }
  if (q2p && p2q) { r->p[0] = q2, r->p[1] = p2; r->n = gv_pt_eq(q2, p2) && !q1p && !p1q ? 1 : 2; return; }
  r->n = 0;
}

int gv_segments_meet(double p1x, double p1y, double p2x, double p2y, double q1x, double q1y, double q2x, double q2y) {
  if ((p1x < p2x ? p1x : p2x) > (q1x > q2x ? q1x : q2x)) return 0;
  if ((p1x > p2x ? p1x : p2x) < (q1x < q2x ? q1x : q2x)) return 0;
  if ((p1y < p2y ? p1y : p2y) > (q1y > q2y ? q1y : q2y)) return 0;
  if ((p1y > p2y ? p1y : p2y) < (q1y < q2y ? q1y : q2y)) return 0;
  /* NaN fails every comparison above only one way: test it outright */
  if (p1x != p1x || p1y != p1y || p2x != p2x || p2y != p2y || q1x != q1x || q1y != q1y || q2x != q2x || q2y != q2y)
    return 0;
  int o1 = gv_orient(p1x, p1y, p2x, p2y, q1x, q1y), o2 = gv_orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (o1 != 0 && o1 == o2) return 0;
  int o3 = gv_orient(q1x, q1y, q2x, q2y, p1x, p1y), o4 = gv_orient(q1x, q1y, q2x, q2y, p2x, p2y);
  return !(o3 != 0 && o3 == o4);
}

void gv_segment_intersection(gv_pt p1, gv_pt p2, gv_pt q1, gv_pt q2, gv_li_result *r) {
  r->n = 0;
  r->proper = 0;
  if ((p1.x < p2.x ? p1.x : p2.x) > (q1.x > q2.x ? q1.x : q2.x)) return;
  if ((p1.x > p2.x ? p1.x : p2.x) < (q1.x < q2.x ? q1.x : q2.x)) return;
  if ((p1.y < p2.y ? p1.y : p2.y) > (q1.y > q2.y ? q1.y : q2.y)) return;
  if ((p1.y > p2.y ? p1.y : p2.y) < (q1.y < q2.y ? q1.y : q2.y)) return;
  int pq1 = gv_orient(p1.x, p1.y, p2.x, p2.y, q1.x, q1.y);
  int pq2 = gv_orient(p1.x, p1.y, p2.x, p2.y, q2.x, q2.y);
  if ((pq1 > 0 && pq2 > 0) || (pq1 < 0 && pq2 < 0)) return;
  int qp1 = gv_orient(q1.x, q1.y, q2.x, q2.y, p1.x, p1.y);
  int qp2 = gv_orient(q1.x, q1.y, q2.x, q2.y, p2.x, p2.y);
  if ((qp1 > 0 && qp2 > 0) || (qp1 < 0 && qp2 < 0)) return;
  if (pq1 == 0 && pq2 == 0 && qp1 == 0 && qp2 == 0) {
    collinear(p1, p2, q1, q2, r);
    return;
  }
  r->n = 1;
  if (pq1 == 0 || pq2 == 0 || qp1 == 0 || qp2 == 0) {
    /* an endpoint on the other segment: copy it, exactly */
    if (gv_pt_eq(p1, q1) || gv_pt_eq(p1, q2)) r->p[0] = p1;
    else if (gv_pt_eq(p2, q1) || gv_pt_eq(p2, q2)) r->p[0] = p2;
    else if (pq1 == 0) r->p[0] = q1;
    else if (pq2 == 0) r->p[0] = q2;
    else if (qp1 == 0) r->p[0] = p1;
    else r->p[0] = p2;
    return;
  }
  r->proper = 1;
  r->p[0] = proper_point(p1, p2, q1, q2);
}

