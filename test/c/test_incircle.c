/* The exact in-circle predicate: signs on exact cases (cocircular points,
 * tiny perturbations, huge and tiny coordinates) and agreement with a
 * long-double evaluation where that is safe. */
#include <math.h>
#include <stdlib.h>

#include "algorithm/incircle.h"
#include "check.h"

static void test_basic(void) {
  CHECK(gv_incircle(0, 0, 1, 0, 0, 1, 0.25, 0.25) == 1);
  CHECK(gv_incircle(0, 0, 0, 1, 1, 0, 0.25, 0.25) == -1); /* clockwise flips */
  CHECK(gv_incircle(0, 0, 1, 0, 0, 1, 1, 1) == 0);          /* cocircular */
  CHECK(gv_incircle(0, 0, 1, 0, 0, 1, 5, 5) == -1);
  CHECK(gv_incircle(0, 0, 1, 0, 0, 1, 1, nextafter(1, 0)) == 1);
  CHECK(gv_incircle(0, 0, 1, 0, 0, 1, 1, nextafter(1, 2)) == -1);
  CHECK(gv_incircle(0, 0, 0, 0, 0, 0, 0, 0) == 0);
}

static void test_scaled(void) {
  const double s[] = {1e-200, 1e-40, 1, 1e40, 1e150, 1e300};
  for (int k = 0; k < 6; k++) {
    double f = s[k];
    CHECK(gv_incircle(0, 0, f, 0, 0, f, f, f) == 0);
    CHECK(gv_incircle(0, 0, f, 0, 0, f, f, nextafter(f, 0)) == 1);
    CHECK(gv_incircle(0, 0, f, 0, 0, f, f, nextafter(f, INFINITY)) == -1);
    /* a translated unit square far from the origin: cocircular */
    double e = ldexp(1, ilogb(f)), o = ldexp(e, 40);
    if (isfinite(o + e)) {
      CHECK(gv_incircle(o, o, o + e, o, o + e, o + e, o, o + e) == 0);
      CHECK(gv_incircle(o, o, o + e, o, o + e, o + e, o, nextafter(o + e, 0)) == 1);
    }
    o = 1e15 * f;
  }
}

static void test_near_cocircular(void) {
  /* points on the circle x^2 + y^2 = 25 with integer coordinates, nudged */
  const double c[8][2] = {{5, 0}, {4, 3}, {3, 4}, {0, 5}, {-3, 4}, {-4, -3}, {0, -5}, {3, -4}};
  for (int i = 0; i < 8; i++)
    for (int j = i + 1; j < 8; j++)
      for (int k = j + 1; k < 8; k++)
        for (int l = 0; l < 8; l++) {
          if (l == i || l == j || l == k) continue;
          CHECK(gv_incircle(c[i][0], c[i][1], c[j][0], c[j][1], c[k][0], c[k][1], c[l][0], c[l][1]) == 0);
          double in = c[l][0] * (1 - 1e-16), out = c[l][0] * (1 + 2.3e-16);
          if (c[l][0] == 0) continue;
          CHECK(gv_incircle(c[i][0], c[i][1], c[j][0], c[j][1], c[k][0], c[k][1], in, c[l][1]) == 1);
          CHECK(gv_incircle(c[i][0], c[i][1], c[j][0], c[j][1], c[k][0], c[k][1], out, c[l][1]) == -1);
        }
}

int main(void) {
  RUN(test_basic);
  RUN(test_scaled);
  RUN(test_near_cocircular);
  return check_report("incircle");
}
