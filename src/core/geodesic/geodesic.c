/* Geodesics on the WGS84 ellipsoid: direct and inverse problems and the
 * area term S12, after Karney (2013). Notation follows the paper: beta is
 * the reduced latitude, sigma the arc length and omega the longitude on the
 * auxiliary sphere, alpha0 the azimuth at the equator crossing, k^2 =
 * e'^2 cos^2 alpha0 and eps = (sqrt(1 + k^2) - 1) / (sqrt(1 + k^2) + 1).
 * The series coefficients were derived anew from the integrals of the paper
 * (I1, I2, I3, I4) and agree with its equations (17), (21), (25), (42) and
 * the area series of section 6. Angles are handled as (sin, cos) pairs. */
#include "geodesic.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include "algorithm/dmath.h"

/* ---- the ellipsoid (all constant expressions, folded at compile time) ---- */
#define A_ GV_WGS84_A
#define F_ GV_WGS84_F
#define F1 (1 - F_)
#define N_ (F_ / (2 - F_))
#define E2 (F_ * (2 - F_))
#define EP2 (E2 / (1 - E2))
#define B_ (A_ * F1)
/* c^2 = a^2/2 + b^2/2 atanh(e)/e, the authalic radius squared */
#define C2 40589732499314.76
#define PI_ 3.141592653589793238462643383279502884
#define DEG (PI_ / 180)

#define NSER 6 /* order of the series */

static const double tiny = 1.4916681462400413e-154; /* sqrt(DBL_MIN) */
static const double tol0 = DBL_EPSILON;
static const double tolb = DBL_EPSILON; /* bisection end */
static const double tol1 = 200 * DBL_EPSILON;
/* lines shorter than this (radians on the auxiliary sphere) are solved
 * on the sphere of the mean radius directly: the error is O(f sigma^2) */
static const double etol2 = 3.6e-8;
static const double xthresh = 1000 * 200 * DBL_EPSILON;

/* A3 = sum A3x[j] eps^j (eq. 24), coefficients as polynomials in n */
static const double A3x[6] = {
  1,
  -(1.0 / 2 - N_ / 2),
  -(1.0 / 4 + N_ / 8 - 3 * N_ * N_ / 8),
  -(1.0 / 16 + 3 * N_ / 16 + N_ * N_ / 16),
  -(3.0 / 64 + N_ / 32),
  -3.0 / 128,
};

/* C3l = sum_j C3x[l][j] eps^j, l = 1..5 (eq. 25) */
static const double C3x[5][6] = {
  {0, 1.0 / 4 - N_ / 4, 1.0 / 8 - N_ * N_ / 8, 3.0 / 64 + 3 * N_ / 64 - N_ * N_ / 64, 5.0 / 128 + N_ / 64, 3.0 / 128},
  {0, 0, 1.0 / 16 - 3 * N_ / 32 + N_ * N_ / 32, 3.0 / 64 - N_ / 32 - 3 * N_ * N_ / 64, 3.0 / 128 + N_ / 128, 5.0 / 256},
  {0, 0, 0, 5.0 / 192 - 3 * N_ / 64 + 5 * N_ * N_ / 192, 3.0 / 128 - 5 * N_ / 192, 7.0 / 512},
  {0, 0, 0, 0, 7.0 / 512 - 7 * N_ / 256, 7.0 / 512},
  {0, 0, 0, 0, 0, 21.0 / 2560},
};

/* C4l = sum_j C4x[l][j] eps^j, l = 0..5 (section 6), to order 5 in n and
 * eps together */
#define P5(c0, c1, c2, c3, c4, c5) ((c0) + N_ * ((c1) + N_ * ((c2) + N_ * ((c3) + N_ * ((c4) + N_ * (c5))))))
static const double C4x[6][6] = {
  {P5(2.0 / 3, -4.0 / 15, 8.0 / 105, 4.0 / 315, 16.0 / 3465, 20.0 / 9009),
   P5(-1.0 / 5, 16.0 / 35, -32.0 / 105, 16.0 / 385, 64.0 / 15015, 0),
   P5(-2.0 / 105, -32.0 / 315, 1088.0 / 3465, -1184.0 / 5005, 0, 0),
   P5(11.0 / 315, -368.0 / 3465, -32.0 / 6435, 0, 0, 0),
   P5(4.0 / 1155, 1088.0 / 45045, 0, 0, 0, 0),
   97.0 / 15015},
  {0,
   P5(1.0 / 45, -16.0 / 315, 32.0 / 945, -16.0 / 3465, -64.0 / 135135, 0),
   P5(-2.0 / 105, 64.0 / 945, -128.0 / 1485, 1984.0 / 45045, 0, 0),
   P5(-1.0 / 105, 16.0 / 2079, 5792.0 / 135135, 0, 0, 0),
   P5(4.0 / 1155, -2944.0 / 135135, 0, 0, 0, 0),
   1.0 / 9009},
  {0, 0,
   P5(4.0 / 525, -32.0 / 1575, 64.0 / 3465, -32.0 / 5005, 0, 0),
   P5(-8.0 / 1575, 128.0 / 5775, -256.0 / 6825, 0, 0, 0),
   P5(-8.0 / 1925, 1856.0 / 225225, 0, 0, 0, 0),
   8.0 / 10725},
  {0, 0, 0,
   P5(8.0 / 2205, -256.0 / 24255, 512.0 / 45045, 0, 0, 0),
   P5(-16.0 / 8085, 1024.0 / 105105, 0, 0, 0, 0),
   -136.0 / 63063},
  {0, 0, 0, 0,
   P5(64.0 / 31185, -512.0 / 81081, 0, 0, 0, 0),
   -128.0 / 135135},
  {0, 0, 0, 0, 0, 128.0 / 99099},
};

static double sq(double x) { return x * x; }

static double poly6(const double *c, double eps) {
  return c[0] + eps * (c[1] + eps * (c[2] + eps * (c[3] + eps * (c[4] + eps * c[5]))));
}

static void norm2(double *s, double *c) {
  double h = sqrt(*s * *s + *c * *c);
  *s /= h;
  *c /= h;
}

/* ---- the series ---------------------------------------------------------- */

/* A1 - 1 (eq. 17) */
static double a1m1(double eps) {
  double e2 = eps * eps, t = e2 * (1.0 / 4 + e2 * (1.0 / 64 + e2 / 256));
  return (t + eps) / (1 - eps);
}
/* C1l, l = 1..6 (eq. 18), into c[1..6] */
static void c1f(double eps, double c[NSER + 1]) {
  double e2 = eps * eps, d = eps;
  c[1] = d * (-1.0 / 2 + e2 * (3.0 / 16 - e2 / 32)); d *= eps;
  c[2] = d * (-1.0 / 16 + e2 * (1.0 / 32 - 9 * e2 / 2048)); d *= eps;
  c[3] = d * (-1.0 / 48 + 3 * e2 / 256); d *= eps;
  c[4] = d * (-5.0 / 512 + 3 * e2 / 512); d *= eps;
  c[5] = d * (-7.0 / 1280); d *= eps;
  c[6] = d * (-7.0 / 2048);
}
/* C'1l, l = 1..6 (eq. 21): the reverted series, sigma from tau */
static void c1pf(double eps, double c[NSER + 1]) {
  double e2 = eps * eps, d = eps;
  c[1] = d * (1.0 / 2 + e2 * (-9.0 / 32 + 205 * e2 / 1536)); d *= eps;
  c[2] = d * (5.0 / 16 + e2 * (-37.0 / 96 + 1335 * e2 / 4096)); d *= eps;
  c[3] = d * (29.0 / 96 - 75 * e2 / 128); d *= eps;
  c[4] = d * (539.0 / 1536 - 2391 * e2 / 2560); d *= eps;
  c[5] = d * (3467.0 / 7680); d *= eps;
  c[6] = d * (38081.0 / 61440);
}
/* A2 - 1 (eq. 42) */
static double a2m1(double eps) {
  double e2 = eps * eps, t = e2 * (1.0 / 4 + e2 * (9.0 / 64 + 25 * e2 / 256));
  return t * (1 - eps) - eps;
}
/* C2l, l = 1..6 (eq. 43) */
static void c2f(double eps, double c[NSER + 1]) {
  double e2 = eps * eps, d = eps;
  c[1] = d * (1.0 / 2 + e2 * (1.0 / 16 + e2 / 32)); d *= eps;
  c[2] = d * (3.0 / 16 + e2 * (1.0 / 32 + 35 * e2 / 2048)); d *= eps;
  c[3] = d * (5.0 / 48 + 5 * e2 / 256); d *= eps;
  c[4] = d * (35.0 / 512 + 7 * e2 / 512); d *= eps;
  c[5] = d * (63.0 / 1280); d *= eps;
  c[6] = d * (77.0 / 2048);
}
static double a3f(double eps) { return poly6(A3x, eps); }
static void c3f(double eps, double c[NSER]) {
  for (int l = 1; l < NSER; l++) c[l] = poly6(C3x[l - 1], eps);
}
static void c4f(double eps, double c[NSER]) {
  for (int l = 0; l < NSER; l++) c[l] = poly6(C4x[l], eps);
}

/* sum_{l=1}^{n} c[l] sin(2 l sigma), by Clenshaw's recurrence */
static double sin_series(double ssig, double csig, const double *c, int n) {
  double ar = 2 * (csig - ssig) * (csig + ssig); /* 2 cos 2 sigma */
  double y0 = 0, y1 = 0;
  for (int l = n; l >= 1; l--) {
    double t = c[l] + ar * y0 - y1;
    y1 = y0;
    y0 = t;
  }
  return 2 * ssig * csig * y0; /* sin 2 sigma * b_1 */
}
/* sum_{l=0}^{n-1} c[l] cos((2l+1) sigma) */
static double cos_series(double ssig, double csig, const double *c, int n) {
  double ar = 2 * (csig - ssig) * (csig + ssig);
  double y0 = 0, y1 = 0;
  for (int l = n - 1; l >= 0; l--) {
    double t = c[l] + ar * y0 - y1;
    y1 = y0;
    y0 = t;
  }
  return csig * (y0 - y1);
}

static double eps_of(double k2) { return k2 / (2 * (1 + sqrt(1 + k2)) + k2); }

/* Distance s12 / b and reduced length m12 / b along a geodesic with
 * parameter eps between sigma1 and sigma2 (eq. 7 and 38). */
static void lengths(double eps, double sig12, double ssig1, double csig1, double dn1, double ssig2,
                    double csig2, double dn2, double *s12b, double *m12b) {
  double c1[NSER + 1], c2[NSER + 1];
  double a1 = a1m1(eps), a2 = a2m1(eps);
  c1f(eps, c1);
  double b1 = sin_series(ssig2, csig2, c1, NSER) - sin_series(ssig1, csig1, c1, NSER);
  if (s12b) *s12b = (1 + a1) * (sig12 + b1);
  if (m12b) {
    c2f(eps, c2);
    double b2 = sin_series(ssig2, csig2, c2, NSER) - sin_series(ssig1, csig1, c2, NSER);
    double j12 = (a1 - a2) * sig12 + ((1 + a1) * b1 - (1 + a2) * b2);
    *m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12;
  }
}

/* ---- the astroid (section 5) -------------------------------------------- */

/* The positive root mu of mu^4 + 2 mu^3 + (1 - x^2 - y^2) mu^2 - 2 y^2 mu
 * - y^2 = 0, i.e. of x^2/(1+mu)^2 + y^2/mu^2 = 1 (eq. 55), y != 0. The
 * left side decreases in mu, so the root is unique; it lies between
 * max(|y|, |x| - 1) and |x| + |y|. Safeguarded Newton on the quartic. */
static double astroid(double x, double y) {
  double p = x * x, q = y * y, r = 1 - p - q;
  double lo = fmax(fabs(y), fabs(x) - 1), hi = fabs(x) + fabs(y);
  if (!(lo > 0)) lo = 0;
  double mu = hi;
  for (int it = 0; it < 200; it++) {
    double f = (((mu + 2) * mu + r) * mu - 2 * q) * mu - q;
    if (f > 0) hi = mu;
    else if (f < 0) lo = mu;
    else return mu;
    double df = ((4 * mu + 6) * mu + 2 * r) * mu - 2 * q;
    double next = df > 0 ? mu - f / df : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (fabs(next - mu) <= 4 * DBL_EPSILON * mu || hi - lo <= 4 * DBL_EPSILON * hi) return next;
    mu = next;
  }
  return mu;
}

/* ---- the inverse problem ------------------------------------------------- */

typedef struct inv_result {
  double s12b;          /* distance / b */
  double salp1, calp1;  /* azimuths at both ends, in the canonical frame */
  double salp2, calp2;
  double S12;           /* area term, original frame */
} inv_result;

/* The point reached when leaving point 1 at azimuth alp1: v = lambda12 -
 * lam12 (the longitude error), its derivative, and the auxiliary-sphere
 * quantities needed afterwards (section 4). */
typedef struct lam_state {
  double salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, domg12;
  double dn1, dn2, sbet1, cbet2; /* for the derivative */
} lam_state;

static double lambda12(double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2,
                       double salp1, double calp1, double slam120, double clam120, lam_state *st) {
  if (sbet1 == 0 && calp1 == 0) calp1 = -tiny; /* break the equatorial degeneracy */
  double salp0 = salp1 * cbet1, calp0 = sqrt(sq(calp1) + sq(salp1 * sbet1));
  double ssig1 = sbet1, somg1 = salp0 * sbet1, csig1 = calp1 * cbet1, comg1 = csig1;
  norm2(&ssig1, &csig1);
  /* the point where the geodesic reaches latitude beta2 (first time, going north) */
  double salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
  double calp2 = cbet2 != cbet1 || fabs(sbet2) != -sbet1
                     ? sqrt(sq(calp1 * cbet1) + (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2)
                                                                 : (sbet1 - sbet2) * (sbet1 + sbet2))) /
                           cbet2
                     : fabs(calp1);
  double ssig2 = sbet2, somg2 = salp0 * sbet2, csig2 = calp2 * cbet2, comg2 = csig2;
  norm2(&ssig2, &csig2);
  double sig12 = gv_atan2(fmax(0.0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2);
  /* not clamped to [0, pi]: near the antipode omega12 may pass pi, and the
   * rotation below keeps eta continuous there */
  double somg12 = comg1 * somg2 - somg1 * comg2, comg12 = comg1 * comg2 + somg1 * somg2;
  /* omega12 - lam12, as one angle to keep its digits */
  double eta = gv_atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);
  double k2 = sq(calp0) * EP2, eps = eps_of(k2);
  double c3[NSER];
  c3f(eps, c3);
  double b312 = sin_series(ssig2, csig2, c3, NSER - 1) - sin_series(ssig1, csig1, c3, NSER - 1);
  double domg12 = -F_ * a3f(eps) * salp0 * (sig12 + b312); /* lambda12 - omega12 (eq. 23) */
  double v = eta + domg12;
  st->dn1 = dn1, st->dn2 = dn2, st->sbet1 = sbet1, st->cbet2 = cbet2;
  st->salp2 = salp2, st->calp2 = calp2, st->sig12 = sig12;
  st->ssig1 = ssig1, st->csig1 = csig1, st->ssig2 = ssig2, st->csig2 = csig2;
  st->eps = eps, st->domg12 = domg12;
  return v;
}

/* d lambda12 / d alpha1 at the state lambda12 left (eq. 46), computed
 * only when another Newton step is needed. */
static double dlambda12(const lam_state *st) {
  if (st->calp2 == 0) return -2 * F1 * st->dn1 / st->sbet1;
  double m12b;
  lengths(st->eps, st->sig12, st->ssig1, st->csig1, st->dn1, st->ssig2, st->csig2, st->dn2, NULL, &m12b);
  return m12b * F1 / (st->calp2 * st->cbet2);
}

/* A vertex: its latitude and reduced latitude beta as (sin, cos), a pole
 * kept off by `tiny` so that it is the limit along its meridian. Computed
 * once per vertex when walking rings. */
typedef struct geod_pt {
  double lat, sbet, cbet;
} geod_pt;

static void point_of_lat(double lat, geod_pt *p) {
  double s, c;
  gv_sincosd(lat, &s, &c);
  s *= F1;
  norm2(&s, &c);
  p->lat = lat;
  p->sbet = s;
  p->cbet = fmax(tiny, c);
}

/* longitude difference lon2 - lon1 in (-180, 180], exact for the usual inputs */
static double lon_diff(double lon1, double lon2) {
  return gv_angnormalize(gv_angnormalize(lon2) - gv_angnormalize(lon1));
}

enum { WANT_S12 = 1, WANT_AREA = 2 };

/* Solves the inverse problem between two valid points lon12 apart (in
 * (-180, 180]); `want` says which of the distance and the area term to
 * compute. */
static void inverse_pts(const geod_pt *p1, const geod_pt *p2, double lon12, int want, inv_result *r) {
  double lonsign = signbit(lon12) ? -1 : 1;
  lon12 = fabs(lon12);
  double slam12, clam12;
  gv_sincosd(lon12, &slam12, &clam12);
  double lam12 = lon12 * DEG;

  /* canonical frame: |lat1| >= |lat2|, lat1 <= 0, lon12 >= 0 */
  double swapp = fabs(p1->lat) < fabs(p2->lat) ? -1 : 1;
  if (swapp < 0) {
    lonsign = -lonsign;
    const geod_pt *t = p1;
    p1 = p2;
    p2 = t;
  }
  double latsign = p1->lat < 0 ? 1 : -1;
  double lat1 = p1->lat * latsign;
  double sbet1 = p1->sbet * latsign, cbet1 = p1->cbet, sbet2 = p2->sbet * latsign, cbet2 = p2->cbet;
  /* keep |beta2| <= |beta1| exactly after rounding */
  if (cbet1 < -sbet1) {
    if (cbet2 == cbet1) sbet2 = copysign(sbet1, sbet2);
  } else if (fabs(sbet2) == -sbet1) {
    cbet2 = cbet1;
  }
  if (cbet2 < cbet1) {
    cbet2 = cbet1;
    sbet2 = copysign(sbet1, sbet2);
  }
  double dn1 = sqrt(1 + EP2 * sq(sbet1)), dn2 = sqrt(1 + EP2 * sq(sbet2));

  double salp1 = 0, calp1 = 1, salp2 = 0, calp2 = 1, sig12 = 0, s12b = 0;
  double somg12 = 2, comg12 = 0; /* somg12 > 1: not known (meridians) */
  double ssig1 = 0, csig1 = 1, ssig2 = 0, csig2 = 1, eps = 0;
  int meridian = lat1 == -90 || slam12 == 0, done = 0, newton = 0;

  if (meridian) {
    /* along the meridian (or through the pole): alpha1 = lam12, alpha2 = 0 */
    calp1 = clam12, salp1 = slam12, calp2 = 1, salp2 = 0;
    ssig1 = sbet1, csig1 = calp1 * cbet1;
    ssig2 = sbet2, csig2 = calp2 * cbet2;
    sig12 = gv_atan2(fmax(0.0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2);
    double m12b;
    eps = eps_of(EP2);
    lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, &s12b, &m12b);
    /* beyond the conjugate point the meridian is not the shortest path */
    if (sig12 < 1 || m12b >= 0) {
      if (sig12 < 3 * tiny || (sig12 < tol0 && (s12b < 0 || m12b < 0))) sig12 = s12b = 0;
      done = 1;
    } else {
      meridian = 0;
    }
  }

  if (!done && sbet1 == 0 && lon12 <= 180 * F1) {
    /* along the equator (eq. 1 with alpha0 = 90 degrees) */
    calp1 = calp2 = 0, salp1 = salp2 = 1;
    s12b = lam12 / F1; /* a lam12 / b */
    sig12 = lam12 / F1;
    gv_sincos(sig12, &somg12, &comg12);
    done = 1;
  }

  if (!done) {
    /* the starting guess (section 4, and section 5 near the antipode) */
    double sbet12 = sbet2 * cbet1 - cbet2 * sbet1, cbet12 = cbet2 * cbet1 + sbet2 * sbet1;
    double sbet12a = sbet2 * cbet1 + cbet2 * sbet1;
    int shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
    double omg12 = lam12, dnm = 1;
    if (shortline) {
      double sbetm2 = sq(sbet1 + sbet2);
      sbetm2 /= sbetm2 + sq(cbet1 + cbet2);
      dnm = sqrt(1 + EP2 * sbetm2);
      omg12 /= F1 * dnm; /* omega12 = lambda12 / w-bar */
    }
    double so, co;
    gv_sincos(omg12, &so, &co);
    salp1 = cbet2 * so;
    calp1 = co >= 0 ? sbet12 + cbet2 * sbet1 * sq(so) / (1 + co) : sbet12a - cbet2 * sbet1 * sq(so) / (1 - co);
    double ssig12 = sqrt(sq(salp1) + sq(calp1)), csig12 = sbet1 * sbet2 + cbet1 * cbet2 * co;
    if (shortline && ssig12 < etol2) {
      /* very short: the great circle on the sphere of radius a w-bar */
      salp2 = cbet1 * so;
      calp2 = sbet12 - cbet1 * sbet2 * (co >= 0 ? sq(so) / (1 + co) : 1 - co);
      norm2(&salp2, &calp2);
      sig12 = gv_atan2(ssig12, csig12);
      s12b = sig12 * dnm;
      somg12 = so, comg12 = co;
      norm2(&salp1, &calp1);
      done = 1;
    } else if (co < 0 && ssig12 < 6 * N_ * PI_ * sq(cbet1)) {
      /* nearly antipodal: the astroid (eqs. 53-57) */
      double k2 = sq(sbet1) * EP2, e = eps_of(k2);
      double lamscale = F_ * cbet1 * a3f(e) * PI_, betscale = lamscale * cbet1;
      double x = gv_atan2(-slam12, -clam12) / lamscale; /* (lam12 - pi) / lamscale */
      double y = sbet12a / betscale;
      if (y > -tol1 && x > -1 - xthresh) {
        salp1 = fmin(1.0, -x);
        calp1 = -sqrt(1 - sq(salp1));
      } else {
        double mu = astroid(x, y);
        salp1 = -x / (1 + mu);
        calp1 = y / mu;
      }
    }
    if (!done) {
      if (salp1 > 0) norm2(&salp1, &calp1);
      else salp1 = 1, calp1 = 0;
      /* Newton's method on alpha1 (eq. 46), bisection as a safeguard:
       * lambda12 increases with alpha1 on [0, pi] */
      double sa = tiny, ca = 1, sb = tiny, cb = -1; /* bracket */
      int tripn = 0, tripb = 0;
      lam_state st = {0};
      for (int it = 0; it < 100; it++) {
        double v = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12, &st);
        if (tripb || !(fabs(v) >= (tripn ? 8 : 1) * tol0)) break;
        double dv = it < 20 ? dlambda12(&st) : 0;
        if (v > 0 && (it > 20 || calp1 / salp1 > cb / sb)) sb = salp1, cb = calp1;
        else if (v < 0 && (it > 20 || calp1 / salp1 < ca / sa)) sa = salp1, ca = calp1;
        if (it < 20 && dv > 0) {
          double dalp1 = -v / dv;
          if (fabs(dalp1) < PI_) {
            double sd, cd;
            gv_sincos(dalp1, &sd, &cd);
            double ns = salp1 * cd + calp1 * sd;
            if (ns > 0) {
              calp1 = calp1 * cd - salp1 * sd;
              salp1 = ns;
              norm2(&salp1, &calp1);
              tripn = fabs(v) <= 16 * tol0;
              continue;
            }
          }
        }
        /* bisection (the Newton step failed or left [0, pi]) */
        salp1 = (sa + sb) / 2;
        calp1 = (ca + cb) / 2;
        norm2(&salp1, &calp1);
        tripn = 0;
        tripb = fabs(sa - salp1) + (ca - calp1) < tolb || fabs(salp1 - sb) + (calp1 - cb) < tolb;
      }
      salp2 = st.salp2, calp2 = st.calp2, sig12 = st.sig12;
      ssig1 = st.ssig1, csig1 = st.csig1, ssig2 = st.ssig2, csig2 = st.csig2, eps = st.eps;
      /* omega12 = lambda12 - (lambda12 - omega12): from the exact lam12
       * rather than from the iteration, whose residual would cost the
       * area term digits on short edges */
      double sd, cd;
      gv_sincos(st.domg12, &sd, &cd);
      somg12 = slam12 * cd - clam12 * sd;
      comg12 = clam12 * cd + slam12 * sd;
      if (want & WANT_S12) lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, &s12b, NULL);
      done = newton = 1;
    }
  }

  r->s12b = s12b;
  if (want & WANT_AREA) {
    /* S12 = c^2 (alpha2 - alpha1) + e^2 a^2 cos(alpha0) sin(alpha0) (I4(sigma2) - I4(sigma1)) */
    double salp0 = salp1 * cbet1, calp0 = sqrt(sq(calp1) + sq(salp1 * sbet1)), S12 = 0;
    if (calp0 != 0 && salp0 != 0) {
      double s1 = ssig1, c1 = csig1, s2 = ssig2, c2 = csig2, e = eps, c4[NSER];
      if (!newton) { /* Newton's last state has them already */
        s1 = sbet1, c1 = calp1 * cbet1, s2 = sbet2, c2 = calp2 * cbet2;
        norm2(&s1, &c1);
        norm2(&s2, &c2);
        e = eps_of(sq(calp0) * EP2);
      }
      c4f(e, c4);
      S12 = A_ * A_ * E2 * calp0 * salp0 * (cos_series(s2, c2, c4, NSER) - cos_series(s1, c1, c4, NSER));
    }
    double alp12;
    if (!meridian && somg12 <= 1 && comg12 > -0.7071 && sbet2 - sbet1 < 1.75) {
      /* short lines: alpha2 - alpha1 as the excess of the quadrilateral
       * with the equator (tan of half the excess), keeping its digits */
      double domg12 = 1 + comg12, dbet1 = 1 + cbet1, dbet2 = 1 + cbet2;
      alp12 = 2 * gv_atan2(somg12 * (sbet1 * dbet2 + sbet2 * dbet1), domg12 * (sbet1 * sbet2 + dbet1 * dbet2));
    } else {
      double salp12 = salp2 * calp1 - calp2 * salp1, calp12 = calp2 * calp1 + salp2 * salp1;
      if (salp12 == 0 && calp12 < 0) {
        salp12 = tiny * calp1;
        calp12 = -1;
      }
      alp12 = gv_atan2(salp12, calp12);
    }
    S12 += C2 * alp12;
    r->S12 = S12 * swapp * lonsign * latsign;
  } else {
    r->S12 = 0;
  }
  /* back to the original frame */
  if (swapp < 0) {
    double t = salp1;
    salp1 = salp2, salp2 = t;
    t = calp1, calp1 = calp2, calp2 = t;
  }
  r->salp1 = salp1 * swapp * lonsign;
  r->calp1 = calp1 * swapp * latsign;
  r->salp2 = salp2 * swapp * lonsign;
  r->calp2 = calp2 * swapp * latsign;
}

/* The inverse problem from coordinates; 0 (and NaN results) for invalid ones. */
static int inverse(double lat1, double lon1, double lat2, double lon2, int want, inv_result *r) {
  if (!(fabs(lat1) <= 90 && fabs(lat2) <= 90 && isfinite(lon1) && isfinite(lon2))) {
    r->s12b = r->salp1 = r->calp1 = r->salp2 = r->calp2 = r->S12 = NAN;
    return 0;
  }
  geod_pt p1, p2;
  point_of_lat(lat1, &p1);
  point_of_lat(lat2, &p2);
  inverse_pts(&p1, &p2, lon_diff(lon1, lon2), want, r);
  return 1;
}

void gv_geod_inverse(double lat1, double lon1, double lat2, double lon2, double *s12, double *azi1, double *azi2) {
  inv_result r;
  int ok = inverse(lat1, lon1, lat2, lon2, WANT_S12, &r);
  if (s12) *s12 = ok ? r.s12b * B_ : NAN;
  if (azi1) *azi1 = ok ? gv_atan2d(r.salp1, r.calp1) : NAN;
  if (azi2) *azi2 = ok ? gv_atan2d(r.salp2, r.calp2) : NAN;
}

void gv_geod_inverse_area(double lat1, double lon1, double lat2, double lon2, double *s12, double *S12) {
  inv_result r;
  int ok = inverse(lat1, lon1, lat2, lon2, (s12 ? WANT_S12 : 0) | WANT_AREA, &r);
  if (s12) *s12 = ok ? r.s12b * B_ : NAN;
  if (S12) *S12 = ok ? r.S12 : NAN;
}

/* ---- the direct problem (section 3) -------------------------------------- */

void gv_geod_direct(double lat1, double lon1, double azi1, double s12, double *lat2, double *lon2, double *azi2) {
  if (!(fabs(lat1) <= 90 && isfinite(lon1) && isfinite(azi1) && isfinite(s12))) {
    if (lat2) *lat2 = NAN;
    if (lon2) *lon2 = NAN;
    if (azi2) *azi2 = NAN;
    return;
  }
  double salp1, calp1, sbet1, cbet1;
  gv_sincosd(azi1, &salp1, &calp1);
  gv_sincosd(lat1, &sbet1, &cbet1);
  sbet1 *= F1;
  norm2(&sbet1, &cbet1);
  cbet1 = fmax(tiny, cbet1);
  double salp0 = salp1 * cbet1, calp0 = sqrt(sq(calp1) + sq(salp1 * sbet1));
  double ssig1 = sbet1, somg1 = salp0 * sbet1;
  double csig1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1, comg1 = csig1;
  norm2(&ssig1, &csig1);
  double eps = eps_of(sq(calp0) * EP2);
  double a1 = a1m1(eps), c1[NSER + 1], c1p[NSER + 1], c3[NSER];
  c1f(eps, c1);
  c1pf(eps, c1p);
  c3f(eps, c3);
  double b11 = sin_series(ssig1, csig1, c1, NSER);
  double sb, cb;
  gv_sincos(b11, &sb, &cb);
  double stau1 = ssig1 * cb + csig1 * sb, ctau1 = csig1 * cb - ssig1 * sb; /* tau1 = sigma1 + B11 */
  double tau12 = s12 / (B_ * (1 + a1)), st, ct;
  gv_sincos(tau12, &st, &ct);
  /* sigma2 = tau2 + sum C'1l sin 2 l tau2 (eq. 20) */
  double b12 = -sin_series(stau1 * ct + ctau1 * st, ctau1 * ct - stau1 * st, c1p, NSER);
  double sig12 = tau12 - (b12 - b11), ssig12, csig12;
  gv_sincos(sig12, &ssig12, &csig12);
  double ssig2 = ssig1 * csig12 + csig1 * ssig12, csig2 = csig1 * csig12 - ssig1 * ssig12;
  double sbet2 = calp0 * ssig2, cbet2 = sqrt(sq(salp0) + sq(calp0 * csig2));
  if (cbet2 == 0) cbet2 = csig2 = tiny;
  double somg2 = salp0 * ssig2, comg2 = csig2;
  double omg12 = gv_atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
  double b31 = sin_series(ssig1, csig1, c3, NSER - 1), b32 = sin_series(ssig2, csig2, c3, NSER - 1);
  double lam12 = omg12 - F_ * a3f(eps) * salp0 * (sig12 + (b32 - b31));
  if (lat2) *lat2 = gv_atan2d(sbet2, F1 * cbet2);
  if (lon2) *lon2 = gv_angnormalize(gv_angnormalize(lon1) + gv_angnormalize(lam12 / DEG));
  if (azi2) *azi2 = gv_atan2d(salp0, calp0 * csig2);
}

/* ---- polygons and lines --------------------------------------------------- */

/* Error-free running sum (Knuth's two-sum), so long rings keep their digits. */
typedef struct acc {
  double s, t;
} acc;
static void acc_add(acc *a, double y) {
  double s = a->s + y, bp = s - a->s, e = (a->s - (s - bp)) + (y - bp);
  a->s = s;
  a->t += e;
}

double gv_geod_ring_area(const double *x, const double *y, int64_t stride, int64_t n) {
  if (n < 3) return 0;
  for (int64_t i = 0; i < n; i++)
    if (!(fabs(y[i * stride]) <= 90 && isfinite(x[i * stride]))) return NAN;
  acc sum = {0, 0};
  int cross = 0;
  geod_pt p1, p2;
  point_of_lat(y[0], &p1);
  double lon1 = gv_angnormalize(x[0]);
  for (int64_t i = 0; i < n; i++) {
    int64_t j = i + 1 < n ? i + 1 : 0;
    double lon2 = gv_angnormalize(x[j * stride]), lat2 = y[j * stride];
    if (lat2 == p1.lat && lon2 == lon1) continue; /* a repeated vertex */
    point_of_lat(lat2, &p2);
    double lon12 = gv_angnormalize(lon2 - lon1);
    inv_result r;
    inverse_pts(&p1, &p2, lon12, WANT_AREA, &r);
    acc_add(&sum, r.S12);
    /* +1 when the edge crosses the meridian 0 eastwards, -1 westwards; the
     * meridian is half-open so that a vertex on it counts once */
    cross += lon1 <= 0 && lon2 > 0 && lon12 > 0 ? 1 : lon2 <= 0 && lon1 > 0 && lon12 < 0 ? -1 : 0;
    p1 = p2;
    lon1 = lon2;
  }
  /* minus the sum is the area to the left of the ring, modulo the whole
   * ellipsoid, plus half of it when the ring goes round a pole (an odd
   * number of crossings of a meridian) */
  double area = -(sum.s + sum.t);
  if (cross & 1) area += area < 0 ? GV_WGS84_AREA / 2 : -GV_WGS84_AREA / 2;
  /* into (-A/2, A/2] without touching small areas (A costs digits) */
  if (fabs(area) > GV_WGS84_AREA) area = fmod(area, GV_WGS84_AREA);
  if (area > GV_WGS84_AREA / 2) area -= GV_WGS84_AREA;
  else if (area <= -GV_WGS84_AREA / 2) area += GV_WGS84_AREA;
  /* the smaller of the two regions */
  return fabs(area);
}

double gv_geod_line_length(const double *x, const double *y, int64_t stride, int64_t n) {
  acc sum = {0, 0};
  for (int64_t i = 0; i + 1 < n; i++) {
    double lon1 = x[i * stride], lat1 = y[i * stride], lon2 = x[(i + 1) * stride], lat2 = y[(i + 1) * stride];
    double s12;
    gv_geod_inverse(lat1, lon1, lat2, lon2, &s12, NULL, NULL);
    acc_add(&sum, s12);
  }
  if (n == 1 && !(fabs(y[0]) <= 90 && isfinite(x[0]))) return NAN;
  return sum.s + sum.t;
}
