/* Coverage union and coverage validation on small hand-made cases (under
 * ASan/UBSan: no leak, no out-of-bounds access on clean, broken, empty and
 * null inputs). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "wkt_array.h"
#include "overlay/coverage.h"
#include "overlay/coverage_valid.h"

static double out_area(const gv_ov_out *o) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  double s = 0;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      double a = 0;
      for (int32_t k = 0; k + 1 < nc; k++) a += xy[2 * k] * xy[2 * k + 3] - xy[2 * k + 2] * xy[2 * k + 1];
      s += -a / 2; /* shells clockwise, holes counter-clockwise */
      xy += 2 * nc;
    }
  }
  return s;
}

/* Union of all n texts: polygons out, fallback flag, area. */
static int cov(const char *const *t, int64_t n, int *fallback, double *area, int32_t *npoly) {
  gv_array *a = test_wkt_array(t, n);
  CHECK(a != NULL);
  if (!a) return -1;
  int64_t idx[16];
  for (int64_t i = 0; i < n; i++) idx[i] = i;
  gv_ov_out o;
  const char *why = NULL;
  gv_status st = gv_cov_union(a, idx, n, &o, fallback, &why);
  *area = out_area(&o);
  *npoly = o.npoly;
  gv_ov_out_free(&o);
  gv_array_release(a);
  return st;
}

static void test_clean(void) {
  const char *grid[] = {"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))",
                        "POLYGON ((0 1, 0 2, 1 2, 1 1, 0 1))", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"};
  int fb;
  double ar;
  int32_t np;
  CHECK(cov(grid, 4, &fb, &ar, &np) == GV_OK);
  CHECK(!fb && np == 1 && fabs(ar - 4) < 1e-12);
  const char *ring[] = {"POLYGON ((0 0, 3 0, 3 1, 2 1, 1 1, 0 1, 0 0))", "POLYGON ((0 2, 1 2, 2 2, 3 2, 3 3, 0 3, 0 2))",
                        "POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1))", "POLYGON ((2 1, 3 1, 3 2, 2 2, 2 1))", NULL};
  CHECK(cov(ring, 5, &fb, &ar, &np) == GV_OK);
  CHECK(!fb && np == 1 && fabs(ar - 8) < 1e-12); /* 9 minus the hole */
  const char *pinch[] = {"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))", "POLYGON EMPTY"};
  CHECK(cov(pinch, 3, &fb, &ar, &np) == GV_OK);
  CHECK(!fb && np == 2 && fabs(ar - 2) < 1e-12);
  CHECK(cov(pinch, 0, &fb, &ar, &np) == GV_OK);
  CHECK(!fb && np == 0);
}

static void test_broken(void) {
  int fb;
  double ar;
  int32_t np;
  const char *overlap[] = {"POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))"};
  CHECK(cov(overlap, 2, &fb, &ar, &np) == GV_OK && fb);
  const char *nested[] = {"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"};
  CHECK(cov(nested, 2, &fb, &ar, &np) == GV_OK && fb);
  const char *same[] = {"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"};
  CHECK(cov(same, 2, &fb, &ar, &np) == GV_OK && fb);
  const char *tee[] = {"POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))", "POLYGON ((1 0, 2 0, 2 2, 1 2, 1 1, 1 0))"};
  CHECK(cov(tee, 2, &fb, &ar, &np) == GV_OK && fb);
  const char *line[] = {"LINESTRING (0 0, 1 1)"};
  CHECK(cov(line, 1, &fb, &ar, &np) == GV_ERR_ARG);
}

static int32_t invalid_lines(const char *const *t, int64_t n, double gap, int32_t *per) {
  gv_array *a = test_wkt_array(t, n);
  CHECK(a != NULL);
  if (!a) return -1;
  gv_cov_invalid r;
  const char *why = NULL;
  int64_t at;
  gv_status st = gv_cov_validate(a, gap, &r, &why, &at);
  int32_t total = 0;
  if (st == GV_OK)
    for (int64_t i = 0; i < n; i++) total += per[i] = r.nlines[i];
  gv_cov_invalid_free(&r);
  gv_array_release(a);
  return st == GV_OK ? total : -1;
}

static void test_validate(void) {
  int32_t per[8];
  const char *ok[] = {"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))", NULL, "POLYGON EMPTY"};
  CHECK(invalid_lines(ok, 4, 0, per) == 0);
  const char *overlap[] = {"POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))"};
  CHECK(invalid_lines(overlap, 2, 0, per) == 2 && per[0] == 1 && per[1] == 1);
  const char *gap[] = {"POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))", "POLYGON ((1.01 0, 2 0, 2 2, 1.01 2, 1.01 0))"};
  CHECK(invalid_lines(gap, 2, 0, per) == 0);
  CHECK(invalid_lines(gap, 2, 0.1, per) == 2);
  const char *same[] = {"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"};
  CHECK(invalid_lines(same, 2, 0, per) == 2); /* each ring one closed line */
  const char *line[] = {"LINESTRING (0 0, 1 1)"};
  CHECK(invalid_lines(line, 1, 0, per) == -1);
}

int main(void) {
  RUN(test_clean);
  RUN(test_broken);
  RUN(test_validate);
  return check_report("test_coverage");
}
