/* The geodesic core under sanitizers: direct and inverse problems agree
 * with each other (round trips over seeded random cases, antipodal and
 * polar ones included), the published examples of Karney (2013), the
 * deterministic trigonometry, and hostile input (NaN, infinities,
 * latitudes beyond 90, huge longitudes and distances) gives NaN or a
 * finite answer without hanging. */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "algorithm/dmath.h"
#include "check.h"
#include "geodesic/geodesic.h"

static uint64_t seed = 88172645463325252ull;
static double uni(double a, double b) {
  seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
  return a + (b - a) * (double)(seed >> 11) / 9007199254740992.0;
}

static double angdiff(double a, double b) {
  double d = fmod(fabs(a - b), 360);
  return d > 180 ? 360 - d : d;
}

static void test_trig(void) {
  double s, c;
  gv_sincosd(90, &s, &c);
  CHECK(s == 1 && c == 0);
  gv_sincosd(-180, &s, &c);
  CHECK(s == 0 && c == -1);
  gv_sincosd(30, &s, &c);
  CHECK(fabs(s - 0.5) < 1e-16);
  CHECK(gv_atan2d(1, 0) == 90 && gv_atan2d(0, -1) == 180 && gv_atan2d(-1, -1) == -135);
  double worst = 0;
  for (int i = 0; i < 100000; i++) {
    double x = uni(-20, 20);
    gv_sincos(x, &s, &c);
    worst = fmax(worst, fabs(s - sin(x)) + fabs(c - cos(x)));
    double y = uni(-3, 3);
    worst = fmax(worst, fabs(gv_atan2(y, x) - atan2(y, x)));
  }
  CHECK(worst < 1e-15);
  gv_sincos(NAN, &s, &c);
  CHECK(isnan(s) && isnan(c));
  gv_sincosd(INFINITY, &s, &c);
  CHECK(isnan(s) && isnan(c));
  CHECK(isnan(gv_atan2(NAN, 1)));
  CHECK(gv_angnormalize(-180) == 180 && gv_angnormalize(540) == 180 && gv_angnormalize(-190) == 170);
}

/* Direct then inverse: the inverse gives the distance back. */
static void test_round_trip(void) {
  double worst_s = 0, worst_a = 0;
  for (int i = 0; i < 20000; i++) {
    double lat1 = uni(-90, 90), lon1 = uni(-180, 180), azi1 = uni(-180, 180), s12 = uni(0, 1.99e7);
    if (i % 5 == 1) lat1 = i % 2 ? 90 : -90;
    if (i % 5 == 2) s12 = uni(0, 1000);
    double lat2, lon2, azi2, s, a1, a2;
    gv_geod_direct(lat1, lon1, azi1, s12, &lat2, &lon2, &azi2);
    CHECK(fabs(lat2) <= 90 && fabs(lon2) <= 180);
    gv_geod_inverse(lat1, lon1, lat2, lon2, &s, &a1, &a2);
    /* a geodesic is the shortest path only up to its first conjugate point */
    if (s12 < 1.9e7 && fabs(lat1) < 90) {
      worst_s = fmax(worst_s, fabs(s - s12) > 1e-6 && s < s12 ? fabs(s - s12) : 0);
      if (fabs(s - s12) < 1e-6 && s12 > 1e4 && s12 < 1e7) worst_a = fmax(worst_a, angdiff(a1, azi1));
    }
  }
  CHECK(worst_s == 0); /* never longer than the path the direct problem took */
  if (!(worst_a < 1e-9)) fprintf(stderr, "worst azimuth %g\n", worst_a);
  CHECK(worst_a < 1e-9);
}

static void test_published(void) {
  /* Karney (2013), table 2: phi1 = 40, alpha1 = 30, s12 = 10 000 km */
  double lat2, lon2, azi2;
  gv_geod_direct(40, 0, 30, 1e7, &lat2, &lon2, &azi2);
  CHECK(fabs(lat2 - 41.79331020506) < 1e-11);
  CHECK(fabs(lon2 - 137.84490004377) < 1e-11);
  CHECK(fabs(azi2 - 149.09016931807) < 1e-11);
  /* table 4: the nearly antipodal inverse problem */
  double s12, azi1;
  gv_geod_inverse(-30, 0, 29.9, 179.8, &s12, &azi1, &azi2);
  CHECK(fabs(s12 - 19989832.82761) < 1e-5);
  CHECK(fabs(azi1 - 161.890524736) < 1e-9);
  CHECK(fabs(azi2 - 18.090737246) < 1e-9);
  /* the equator and a meridian */
  gv_geod_inverse(0, 0, 0, 90, &s12, &azi1, &azi2);
  CHECK(fabs(s12 - GV_WGS84_A * 3.141592653589793 / 2) < 1e-6 && azi1 == 90 && azi2 == 90);
  gv_geod_inverse(-90, 0, 90, 0, &s12, &azi1, &azi2);
  CHECK(fabs(s12 - 20003931.4586255) < 1e-6);
}

static void test_hostile(void) {
  double s, a1, a2, lat2, lon2;
  const double bad[] = {NAN, INFINITY, -INFINITY, 91, -90.0000001, 1e308};
  for (int i = 0; i < 6; i++) {
    gv_geod_inverse(bad[i], 0, 0, 0, &s, &a1, &a2);
    CHECK(isnan(s) && isnan(a1) && isnan(a2));
    gv_geod_direct(bad[i], 0, 0, 1000, &lat2, &lon2, &a2);
    CHECK(isnan(lat2) && isnan(lon2) && isnan(a2));
  }
  gv_geod_inverse(0, 1e300, 0, -1e300, &s, NULL, NULL);
  CHECK(s >= 0 && s < 2.1e7);
  gv_geod_direct(10, 20, 30, 1e15, &lat2, &lon2, &a2);
  CHECK(fabs(lat2) <= 90 && fabs(lon2) <= 180);
  gv_geod_direct(10, 20, 30, NAN, &lat2, &lon2, &a2);
  CHECK(isnan(lat2));
  gv_geod_inverse(45, 10, 45, 10, &s, &a1, &a2);
  CHECK(s == 0);
  gv_geod_inverse(90, 10, 90, -170, &s, NULL, NULL);
  CHECK(s == 0);
  /* rings: degenerate and invalid */
  double xs[5] = {0, 1, 1, 0, 0}, ys[5] = {0, 0, 1, 1, 0};
  CHECK(gv_geod_ring_area(xs, ys, 1, 2) == 0);
  double a = gv_geod_ring_area(xs, ys, 1, 5), b = gv_geod_ring_area(xs, ys, 1, 4);
  CHECK(a > 1.2e10 && a < 1.3e10 && a == b);
  ys[2] = NAN;
  CHECK(isnan(gv_geod_ring_area(xs, ys, 1, 5)) && isnan(gv_geod_line_length(xs, ys, 1, 5)));
  double same[4] = {3, 3, 3, 3};
  CHECK(gv_geod_ring_area(same, same, 1, 4) == 0 && gv_geod_line_length(same, same, 1, 4) == 0);
}

int main(void) {
  RUN(test_trig);
  RUN(test_round_trip);
  RUN(test_published);
  RUN(test_hostile);
  return check_report("test_geodesic");
}
