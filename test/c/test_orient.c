/* The exact orientation predicate and the segment intersection at every
 * magnitude: tiny coordinates whose products underflow (the fast filter's
 * bound assumes they do not), huge ones whose products overflow, and the
 * crossing point of two segments, whose homogeneous terms are cubic in the
 * coordinates. */
#include <math.h>

#include "algorithm/predicates.h"
#include "algorithm/segment.h"
#include "check.h"

static void test_orient_scaled(void) {
  for (int k = -1070; k <= 1020; k += 10) {
    double f = ldexp(1, k);
    if (!(f > 0)) continue;
    /* a counter-clockwise right triangle, and the same turned over */
    CHECK(gv_orient(0, 0, f, 0, 0, f) == 1);
    CHECK(gv_orient(0, 0, 0, f, f, 0) == -1);
    CHECK(gv_orient(0, 0, f, f, 2 * f, 2 * f) == 0 || !isfinite(2 * f));
    /* a point one ulp off a diagonal, far from the origin */
    double o = ldexp(1, k < 900 ? k + 60 : k);
    if (isfinite(o + f) && o + f != o) {
      CHECK(gv_orient(o, o, o + f, o + f, o + 2 * f, nextafter(o + 2 * f, INFINITY)) == 1);
      CHECK(gv_orient(o, o, o + f, o + f, o + 2 * f, nextafter(o + 2 * f, 0)) == -1);
    }
  }
  /* products of these tiny differences underflow to 0 in double arithmetic */
  CHECK(gv_orient(0, 0, 1e-199, 0, 1e-199, 1e-199) == 1);
  CHECK(gv_orient(0, 0, 1e-199, 1e-199, 1e-199, 0) == -1);
  CHECK(gv_orient(0, 0, 0x1p-1070, 0, 0, 0x1p-1070) == 1);
}

static void test_crossing_scaled(void) {
  /* the diagonals of the square [0, 2f]^2 cross at (f, f), at every scale */
  for (int k = -1000; k <= 1000; k += 50) {
    double f = ldexp(1, k);
    gv_li_result r;
    gv_segment_intersection((gv_pt){0, 0}, (gv_pt){2 * f, 2 * f}, (gv_pt){0, 2 * f}, (gv_pt){2 * f, 0}, &r);
    CHECK(r.n == 1 && r.proper);
    CHECK(r.p[0].x == f && r.p[0].y == f);
    /* a skewed crossing: x = 3f/2 exactly, not an endpoint */
    gv_segment_intersection((gv_pt){f, 0}, (gv_pt){2 * f, 2 * f}, (gv_pt){0, f}, (gv_pt){4 * f, f}, &r);
    CHECK(r.n == 1 && r.proper);
    CHECK(r.p[0].x == 1.5 * f && r.p[0].y == f);
  }
}

int main(void) {
  RUN(test_orient_scaled);
  RUN(test_crossing_scaled);
  return check_report("orient");
}
