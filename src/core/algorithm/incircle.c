/* Exact in-circle predicate (Shewchuk's adaptive idea): a floating-point
 * determinant with a forward error bound, and exact expansion arithmetic
 * from the raw coordinates when the sign is in doubt. See incircle.h. */
#include "incircle.h"

#include <math.h>

static inline void ic_two_sum(double a, double b, double *x, double *y) {
  double s = a + b, bv = s - a, av = s - bv;
  *x = s;
  *y = (a - av) + (b - bv);
}

static inline void ic_two_diff(double a, double b, double *x, double *y) {
  double s = a - b, bv = a - s, av = s + bv;
  *x = s;
  *y = (a - av) + (bv - b);
}

static inline void ic_split(double a, double *hi, double *lo) {
  double c = 134217729.0 * a, big = c - a;
  *hi = c - big;
  *lo = a - *hi;
}

static inline void ic_two_product(double a, double b, double *x, double *y) {
  double p = a * b, ah, al, bh, bl;
  ic_split(a, &ah, &al);
  ic_split(b, &bh, &bl);
  *x = p;
  *y = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}

/* e (n components, increasing magnitude, non-overlapping) += v, zeros dropped. */
static int ic_grow(int n, double *e, double v) {
  double q = v, h;
  int k = 0;
  for (int i = 0; i < n; i++) {
    ic_two_sum(q, e[i], &q, &h);
    if (h != 0) e[k++] = h;
  }
  if (q != 0) e[k++] = q;
  return k;
}

/* out += a * b (expansions; out must have room for n + 2 * na * nb). */
static int ic_mul_add(int n, double *out, const double *a, int na, const double *b, int nb, double sign) {
  for (int i = 0; i < na; i++)
    for (int j = 0; j < nb; j++) {
      double x, y;
      ic_two_product(a[i], sign * b[j], &x, &y);
      n = ic_grow(n, out, y);
      n = ic_grow(n, out, x);
    }
  return n;
}

/* Sizes: a difference has <= 2 components, a lift or cross product <= 16. */
static int incircle_exact(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
  double m = 0;
  const double v[8] = {ax, ay, bx, by, cx, cy, dx, dy};
  for (int i = 0; i < 8; i++) m = fmax(m, fabs(v[i]));
  if (m > 0x1p120 || (m > 0 && m < 0x1p-120)) { /* keep 4th powers in range */
    int k = -ilogb(m);
    ax = ldexp(ax, k), ay = ldexp(ay, k), bx = ldexp(bx, k), by = ldexp(by, k);
    cx = ldexp(cx, k), cy = ldexp(cy, k), dx = ldexp(dx, k), dy = ldexp(dy, k);
  }
  double d[6][2];
  int nd[6];
  const double p[6][2] = {{ax, dx}, {ay, dy}, {bx, dx}, {by, dy}, {cx, dx}, {cy, dy}};
  for (int i = 0; i < 6; i++) {
    double x, y;
    ic_two_diff(p[i][0], p[i][1], &x, &y);
    nd[i] = 0;
    if (y != 0) d[i][nd[i]++] = y;
    if (x != 0) d[i][nd[i]++] = x;
  }
  /* rows (adx, ady), (bdx, bdy), (cdx, cdy) */
  double lift[3][16], cross[3][16];
  int nl[3], nc[3];
  for (int r = 0; r < 3; r++) {
    const double *px = d[2 * r], *py = d[2 * r + 1];
    nl[r] = ic_mul_add(0, lift[r], px, nd[2 * r], px, nd[2 * r], 1);
    nl[r] = ic_mul_add(nl[r], lift[r], py, nd[2 * r + 1], py, nd[2 * r + 1], 1);
    int s = (r + 1) % 3, t = (r + 2) % 3; /* cross = s.x * t.y - s.y * t.x */
    nc[r] = ic_mul_add(0, cross[r], d[2 * s], nd[2 * s], d[2 * t + 1], nd[2 * t + 1], 1);
    nc[r] = ic_mul_add(nc[r], cross[r], d[2 * s + 1], nd[2 * s + 1], d[2 * t], nd[2 * t], -1);
  }
  double e[3 * 2 * 16 * 16 + 8];
  int n = 0;
  for (int r = 0; r < 3; r++) n = ic_mul_add(n, e, lift[r], nl[r], cross[r], nc[r], 1);
  if (n == 0) return 0;
  return e[n - 1] > 0 ? 1 : -1;
}

/* (10 + 96 eps) eps: Shewchuk's iccerrboundA. */
static const double ic_bound = (10.0 + 96.0 * 1.1102230246251565e-16) * 1.1102230246251565e-16;

int gv_incircle(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
  double adx = ax - dx, bdx = bx - dx, cdx = cx - dx;
  double ady = ay - dy, bdy = by - dy, cdy = cy - dy;
  double bdxcdy = bdx * cdy, cdxbdy = cdx * bdy;
  double alift = adx * adx + ady * ady;
  double cdxady = cdx * ady, adxcdy = adx * cdy;
  double blift = bdx * bdx + bdy * bdy;
  double adxbdy = adx * bdy, bdxady = bdx * ady;
  double clift = cdx * cdx + cdy * cdy;
  double det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady);
  double perm = (fabs(bdxcdy) + fabs(cdxbdy)) * alift + (fabs(cdxady) + fabs(adxcdy)) * blift +
                (fabs(adxbdy) + fabs(bdxady)) * clift;
  double bound = ic_bound * perm;
  if (bound < 0x1p900 && bound > 0x1p-900) {
    if (det > bound) return 1;
    if (-det > bound) return -1;
  }
  return incircle_exact(ax, ay, bx, by, cx, cy, dx, dy);
}
