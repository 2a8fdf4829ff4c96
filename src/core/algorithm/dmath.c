/* Deterministic sin, cos and atan2 (see dmath.h). Taylor polynomials on
 * reduced ranges, evaluated by Horner's rule; the coefficients are the
 * exact reciprocals of factorials and odd integers. */
#include "dmath.h"

#include <math.h>

#define PI_D 3.141592653589793238462643383279502884
/* pi/2 in three parts: the first two have 33 significant bits, so q * part
 * is exact for |q| < 2^20. */
#define PIO2_A 1.5707963267341256
#define PIO2_B 6.077100506303966e-11
#define PIO2_C 2.0222662487959506e-21

/* sin and cos of r, |r| <= pi/4 (plus a little). */
static void sincos_kernel(double r, double *s, double *c) {
  double z = r * r;
  /* sin: r - r^3/3! + ... - r^19/19! (truncation below 1e-22) */
  double ps = -1.0 / 121645100408832000.0;           /* -1/19! */
  ps = 1.0 / 355687428096000.0 + z * ps;             /* 1/17! */
  ps = -1.0 / 1307674368000.0 + z * ps;              /* -1/15! */
  ps = 1.0 / 6227020800.0 + z * ps;                  /* 1/13! */
  ps = -1.0 / 39916800.0 + z * ps;                   /* -1/11! */
  ps = 1.0 / 362880.0 + z * ps;                      /* 1/9! */
  ps = -1.0 / 5040.0 + z * ps;                       /* -1/7! */
  ps = 1.0 / 120.0 + z * ps;                         /* 1/5! */
  ps = -1.0 / 6.0 + z * ps;                          /* -1/3! */
  *s = r + r * z * ps;
  /* cos: 1 - r^2/2 + r^4/4! - ... + r^20/20! */
  double pc = 1.0 / 2432902008176640000.0;           /* 1/20! */
  pc = -1.0 / 6402373705728000.0 + z * pc;           /* -1/18! */
  pc = 1.0 / 20922789888000.0 + z * pc;              /* 1/16! */
  pc = -1.0 / 87178291200.0 + z * pc;                /* -1/14! */
  pc = 1.0 / 479001600.0 + z * pc;                   /* 1/12! */
  pc = -1.0 / 3628800.0 + z * pc;                    /* -1/10! */
  pc = 1.0 / 40320.0 + z * pc;                       /* 1/8! */
  pc = -1.0 / 720.0 + z * pc;                        /* -1/6! */
  pc = 1.0 / 24.0 + z * pc;                          /* 1/4! */
  double hz = 0.5 * z;
  *c = 1.0 - (hz - z * z * pc);
}

/* Rotates (s, c) of the reduced angle by q quarter turns. */
static void quadrant(long q, double s, double c, double *so, double *co) {
  switch ((unsigned long)q & 3u) {
  case 0: *so = s; *co = c; break;
  case 1: *so = c; *co = -s; break;
  case 2: *so = -s; *co = -c; break;
  default: *so = -c; *co = s; break;
  }
}

void gv_sincos(double x, double *s, double *c) {
  if (!isfinite(x)) {
    *s = *c = NAN;
    return;
  }
  if (fabs(x) < 0.0625) {
    /* small angles (Newton steps, flattening corrections): shorter series,
     * truncation below 1e-20 relative */
    double z = x * x;
    *s = x + x * z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880))));
    *c = 1.0 - (0.5 * z - z * z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320 + z * (-1.0 / 3628800)))));
    return;
  }
  /* beyond 2^19 quarter turns the three-part reduction loses exactness:
   * such angles never occur here, reduce them modulo 2 pi (deterministic) */
  if (fabs(x) > 8.0e5) x = fmod(x, 2 * PI_D);
  /* nearest integer without a libm call (round is one on baseline x86-64) */
  long qi = (long)(x * (2 / PI_D) + (x < 0 ? -0.5 : 0.5));
  double q = (double)qi;
  double r = ((x - q * PIO2_A) - q * PIO2_B) - q * PIO2_C;
  double s0, c0;
  sincos_kernel(r, &s0, &c0);
  quadrant(qi, s0, c0, s, c);
}

void gv_sincosd(double x, double *s, double *c) {
  if (!isfinite(x)) {
    *s = *c = NAN;
    return;
  }
  double r = fabs(x) < 360 ? x : fmod(x, 360.0); /* exact */
  long qi = (long)(r * (1.0 / 90) + (r < 0 ? -0.5 : 0.5));
  r -= 90.0 * (double)qi; /* exact: |r| <= 45 (plus rounding of the quotient) */
  double s0, c0;
  sincos_kernel(r * (PI_D / 180.0), &s0, &c0);
  if (r == 0) s0 = r; /* keep the sign of zero */
  quadrant(qi, s0, c0, s, c);
  if (*s == 0) *s = copysign(0.0, x);
  if (*c == 0) *c = 0.0;
}

/* atan(t) for 0 <= t <= 1, in radians. */
static double atan_unit(double t) {
  /* reduce about tan(k pi/12) so that |u| <= tan(pi/24) = 0.1317 */
  static const double tk[4] = {0.0, 0.2679491924311227, 0.5773502691896257, 1.0};
  int k = t < 0.13165249758739586 ? 0 : t < 0.41421356237309503 ? 1 : t < 0.7673269879789604 ? 2 : 3;
  double u = k == 0 ? t : (t - tk[k]) / (1.0 + t * tk[k]);
  double z = u * u;
  /* u - u^3/3 + ... - u^23/23 (truncation below 1e-22 for |u| <= 0.132) */
  double p = -1.0 / 23;
  p = 1.0 / 21 + z * p;
  p = -1.0 / 19 + z * p;
  p = 1.0 / 17 + z * p;
  p = -1.0 / 15 + z * p;
  p = 1.0 / 13 + z * p;
  p = -1.0 / 11 + z * p;
  p = 1.0 / 9 + z * p;
  p = -1.0 / 7 + z * p;
  p = 1.0 / 5 + z * p;
  p = -1.0 / 3 + z * p;
  double a = u + u * z * p;
  return k == 0 ? a : k * (PI_D / 12) + a;
}

/* atan2 with the quadrant arithmetic done in `half` units (pi/2 or 90). */
static double atan2_units(double y, double x, double scale, double quarter) {
  if (isnan(x) || isnan(y)) return NAN;
  double ax = fabs(x), ay = fabs(y), a;
  if (isinf(ax) && isinf(ay)) {
    a = quarter / 2;
  } else if (ay > ax) {
    a = quarter - atan_unit(ax / ay) * scale;
  } else {
    a = ax == 0 ? 0 : atan_unit(ay / ax) * scale;
  }
  if (signbit(x)) a = 2 * quarter - a;
  return copysign(a, y);
}

double gv_atan2(double y, double x) { return atan2_units(y, x, 1.0, PI_D / 2); }
double gv_atan2d(double y, double x) { return atan2_units(y, x, 180 / PI_D, 90.0); }

double gv_angnormalize(double x) {
  if (x > -180 && x <= 180) return x == 0 ? 0.0 : x;
  double r = fabs(x) < 360 ? x : fmod(x, 360.0);
  if (r > 180) r -= 360;
  else if (r <= -180) r += 360;
  return r == 0 ? 0.0 : r;
}
