/* Exact orientation of three points (Shewchuk's adaptive idea): a fast
 * floating-point determinant with a forward error bound, and exact
 * expansion arithmetic only when the fast result's sign is in doubt.
 *
 * Exactness depends on IEEE double arithmetic without fused multiply-add
 * contraction: every build compiles with -ffp-contract=off. */
#include "predicates.h"

#include <math.h>

/* a + b = x + y exactly, x = fl(a + b). */
static inline void two_sum(double a, double b, double *x, double *y) {
  double s = a + b;
  double bv = s - a;
  double av = s - bv;
  *x = s;
  *y = (a - av) + (b - bv);
}

/* Dekker's split of a into two halves of 26 bits. */
static inline void split(double a, double *hi, double *lo) {
  double c = 134217729.0 * a; /* 2^27 + 1 */
  double big = c - a;
  *hi = c - big;
  *lo = a - *hi;
}

/* a * b = x + y exactly, x = fl(a * b). */
static inline void two_product(double a, double b, double *x, double *y) {
  double p = a * b, ah, al, bh, bl;
  split(a, &ah, &al);
  split(b, &bh, &bl);
  *x = p;
  *y = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}

/* e (n components, increasing magnitude, non-overlapping) += b, zeros dropped. */
static int grow_expansion(int n, double *e, double b) {
  double q = b, h;
  int k = 0;
  for (int i = 0; i < n; i++) {
    two_sum(q, e[i], &q, &h);
    if (h != 0) e[k++] = h;
  }
  if (q != 0) e[k++] = q;
  return k;
}

/* The exact sign of ax*by - ax*cy - ay*bx + ay*cx + bx*cy - by*cx: each
 * product is split into two doubles exactly and the twelve terms are summed
 * into a non-overlapping expansion, whose largest component has the sign
 * of the sum. */
static int orient_exact(double ax, double ay, double bx, double by, double cx, double cy) {
  /* Splitting needs |v| < 2^996 and products must not underflow: bring huge
   * or tiny coordinates near 1 by a power of two, which changes no sign. */
  double m = fmax(fmax(fmax(fabs(ax), fabs(ay)), fmax(fabs(bx), fabs(by))), fmax(fabs(cx), fabs(cy)));
  if (m > 0x1p500 || (m > 0 && m < 0x1p-300)) {
    int k = -ilogb(m);
    ax = ldexp(ax, k), ay = ldexp(ay, k), bx = ldexp(bx, k);
    by = ldexp(by, k), cx = ldexp(cx, k), cy = ldexp(cy, k);
  }
  double terms[6][2] = {{ax, by}, {-ax, cy}, {-ay, bx}, {ay, cx}, {bx, cy}, {-by, cx}};
  double e[16];
  int n = 0;
  for (int i = 0; i < 6; i++) {
    double x, y;
    two_product(terms[i][0], terms[i][1], &x, &y);
    n = grow_expansion(n, e, y);
    n = grow_expansion(n, e, x);
  }
  if (n == 0) return 0;
  return e[n - 1] > 0 ? 1 : -1;
}

/* (3 + 16 eps) eps, with eps = 2^-53: Shewchuk's bound for the fast path. */
static const double ccw_bound = (3.0 + 16.0 * 1.1102230246251565e-16) * 1.1102230246251565e-16;

int gv_orient(double ax, double ay, double bx, double by, double cx, double cy) {
  double l1 = ax - cx, l2 = by - cy, r1 = ay - cy, r2 = bx - cx;
  double detleft = l1 * l2;
  double detright = r1 * r2;
  double det = detleft - detright, detsum;
  /* The bounds below assume the products did not underflow. When both are
   * tiny (coordinates below about 2^-450), a product of non-zero factors
   * may have lost its digits or become 0: decide exactly (orient_exact scales
   * the coordinates first). A zero factor makes its product exactly 0. */
  if (!(fabs(detleft) >= 0x1p-900 || fabs(detright) >= 0x1p-900) && ((l1 != 0 && l2 != 0) || (r1 != 0 && r2 != 0)))
    return orient_exact(ax, ay, bx, by, cx, cy);
  if (detleft > 0) {
    if (detright <= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    detsum = detleft + detright;
  } else if (detleft < 0) {
    if (detright >= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    detsum = -detleft - detright;
  } else {
    return det > 0 ? 1 : det < 0 ? -1 : 0;
  }
  double bound = ccw_bound * detsum;
  if (!(bound < 0x1p900)) return orient_exact(ax, ay, bx, by, cx, cy); /* overflow or NaN */
  if (det >= bound) return 1;
  if (-det >= bound) return -1;
  return orient_exact(ax, ay, bx, by, cx, cy);
}
