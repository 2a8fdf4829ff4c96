/* Buffer and offset curves in the core (buffer/): pieces through the
 * overlay for every geometry kind, the GEOS parameter rules, sizes that
 * follow from the geometry (areas of flat, square and mitred shapes),
 * holes, erosion, the point fast path, tidying, simplification and the
 * offset curve's sections. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "wkt_array.h"
#include "buffer/buffer.h"
#include "measure/measure.h"
#include "overlay/overlay.h"

typedef struct result {
  double area;
  int32_t polys, rings, coords;
} result;

/* The buffer of WKT w at distance d, summarised (area by the shoelace of the rings). */
static result run(const char *w, double d, gv_buffer_params p) {
  result r = {0, 0, 0, 0};
  const char *texts[1] = {w};
  gv_array *a = test_wkt_array(texts, 1);
  CHECK(a != NULL);
  if (!a) return r;
  gv_ov_out o;
  memset(&o, 0, sizeof o);
  gv_status st = GV_OK;
  if (!gv_buffer_point(a, 0, d, &p, NULL, &o, &st)) {
    gv_buf segs = {0};
    int op = 0;
    const char *why = NULL;
    st = gv_buffer_pieces(a, 0, -1, d, &p, NULL, &segs, &op, &why);
    if (st == GV_OK) st = gv_ov_areas((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), op, 0, &o);
    if (st == GV_OK) gv_buffer_tidy(&o);
    gv_buf_free(&segs);
  }
  CHECK(st == GV_OK);
  const int32_t *cnt = (const int32_t *)o.cnt.data;
  const double *xy = (const double *)o.xy.data;
  r.polys = o.npoly;
  for (int32_t k = 0; k < o.npoly; k++) {
    int32_t nr = *cnt++;
    for (int32_t q = 0; q < nr; q++) {
      int32_t nc = *cnt++;
      double s = 0;
      for (int32_t e = 0; e + 1 < nc; e++) s += (xy[2 * e] - xy[0]) * (xy[2 * e + 3] - xy[1]) - (xy[2 * e + 2] - xy[0]) * (xy[2 * e + 1] - xy[1]);
      r.area += -s / 2; /* shells clockwise, holes counter-clockwise */
      r.rings++;
      r.coords += nc;
      xy += 2 * nc;
    }
  }
  gv_ov_out_free(&o);
  gv_array_release(a);
  return r;
}

static const gv_buffer_params ROUND8 = {8, GV_CAP_ROUND, GV_JOIN_ROUND, 5, 0};

static int near(double a, double b, double tol) { return fabs(a - b) <= tol; }

static void test_points(void) {
  result c = run("POINT (3 4)", 2, ROUND8);
  CHECK(c.polys == 1 && c.rings == 1 && c.coords == 33);
  double n = 32, want = 0.5 * n * 4 * sin(2 * 3.14159265358979323846 / n); /* the inscribed 32-gon */
  CHECK(near(c.area, want, 1e-9));
  gv_buffer_params sq = ROUND8;
  sq.cap = GV_CAP_SQUARE;
  CHECK(near(run("POINT (3 4)", 2, sq).area, 16, 1e-12));
  gv_buffer_params flat = ROUND8;
  flat.cap = GV_CAP_FLAT;
  CHECK(run("POINT (3 4)", 2, flat).polys == 0);
  CHECK(run("POINT (3 4)", -2, ROUND8).polys == 0);
  CHECK(run("POINT EMPTY", 2, ROUND8).polys == 0);
  /* two points whose circles overlap: one polygon through the overlay */
  CHECK(run("MULTIPOINT ((0 0), (1 0))", 1, ROUND8).polys == 1);
  CHECK(run("MULTIPOINT ((0 0), (5 0))", 1, ROUND8).polys == 2);
}

static void test_lines(void) {
  gv_buffer_params flat = ROUND8, square = ROUND8;
  flat.cap = GV_CAP_FLAT;
  square.cap = GV_CAP_SQUARE;
  CHECK(near(run("LINESTRING (0 0, 10 0)", 1, flat).area, 20, 1e-12));
  CHECK(near(run("LINESTRING (0 0, 10 0)", 1, square).area, 24, 1e-12));
  CHECK(run("LINESTRING (0 0, 10 0)", -1, ROUND8).polys == 0);
  gv_buffer_params mitre = flat, bevel = flat;
  mitre.join = GV_JOIN_MITRE;
  bevel.join = GV_JOIN_BEVEL;
  CHECK(near(run("LINESTRING (0 0, 10 0, 10 10)", 1, mitre).area, 40, 1e-12));
  CHECK(near(run("LINESTRING (0 0, 10 0, 10 10)", 1, bevel).area, 39.5, 1e-12));
  /* a U-shaped road keeps its gap; buffered wider it closes */
  result u = run("LINESTRING (0 0, 0 10, 4 10, 4 0)", 1, ROUND8);
  CHECK(u.polys == 1 && u.rings == 1);
  /* a closed loop has a hole while the distance is under its inner radius */
  CHECK(run("LINESTRING (0 0, 10 0, 10 10, 0 10, 0 0)", 2, ROUND8).rings == 2);
  CHECK(run("LINESTRING (0 0, 10 0, 10 10, 0 10, 0 0)", 6, ROUND8).rings == 1);
  /* a reversal with mitre joins is closed flat: the same as the straight segment */
  CHECK(near(run("LINESTRING (0 0, 10 0, 5 0)", 1, mitre).area, 20, 1e-12));
  /* single-sided: one side only, flat ends */
  gv_buffer_params one = ROUND8;
  one.single_sided = 1;
  CHECK(near(run("LINESTRING (0 0, 10 0)", 2, one).area, 20, 1e-12));
  CHECK(near(run("LINESTRING (0 0, 10 0)", -2, one).area, 20, 1e-12));
}

static void test_polygons(void) {
  const char *sq = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";
  gv_buffer_params mitre = ROUND8;
  mitre.join = GV_JOIN_MITRE;
  CHECK(near(run(sq, 1, mitre).area, 144, 1e-9));
  CHECK(near(run(sq, -1, ROUND8).area, 64, 1e-9));
  CHECK(run(sq, -5, ROUND8).polys == 0);
  CHECK(near(run(sq, 0, ROUND8).area, 100, 1e-12));
  /* the hole grows as the shell shrinks; at -1 only four corner pieces are left */
  result h = run("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", -1, ROUND8);
  CHECK(h.polys == 4);
  CHECK(h.area > 0.8 && h.area < 1.0);
  /* the outward buffer of a ring with a shallow notch (0.001 deep, under
   * 0.2% of the distance 1) drops the notch's vertex */
  result notch = run("POLYGON ((0 0, 5 0.001, 10 0, 10 10, 0 10, 0 0))", 1, mitre);
  CHECK(near(notch.area, 144, 1e-9));
  /* a collection eroded is the union of its polygons' erosions */
  int32_t *parts = NULL;
  const char *gc[1] = {"GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), POLYGON ((2 0, 6 0, 6 4, 2 4, 2 0)))"};
  gv_array *a = test_wkt_array(gc, 1);
  CHECK(gv_buffer_erode_parts(a, 0, -1, &parts) == 2);
  free(parts);
  CHECK(gv_buffer_erode_parts(a, 0, 1, &parts) == 0);
  gv_array_release(a);
}

static void test_offset_curve(void) {
  const char *texts[3] = {"LINESTRING (0 0, 10 0, 10 10)", "LINESTRING (0 0, 10 0, 10 1, 0 1)", "POINT (1 1)"};
  gv_array *a = test_wkt_array(texts, 3);
  gv_buffer_params mitre = ROUND8;
  mitre.join = GV_JOIN_MITRE;
  for (int k = 0; k < 3; k++) {
    gv_ov_out o;
    memset(&o, 0, sizeof o);
    const char *why = NULL;
    CHECK(gv_offset_curve(a, k, k == 0 ? -1 : 2, &mitre, &o, &why) == GV_OK);
    const int32_t *cnt = (const int32_t *)o.cnt.data;
    const double *xy = (const double *)o.xy.data;
    if (k == 0) { /* (0 -1) (11 -1) (11 10): the mitre corner, no collinear corners left */
      CHECK(o.nline == 1 && cnt[0] == 3);
      CHECK(xy[0] == 0 && xy[1] == -1 && xy[2] == 11 && xy[3] == -1 && xy[4] == 11 && xy[5] == 10);
    } else {
      CHECK(o.nline == 0); /* inside the U, narrower than twice the distance; and a point */
    }
    gv_ov_out_free(&o);
  }
  gv_array_release(a);
}

/* The fast path's certificate: simple, pairwise disjoint closed rings, exact. */
static void test_rings_simple(void) {
  gv_status st;
  const double sq[] = {0, 0, 10, 0, 10, 10, 0, 10, 2, 2, 2, 8, 8, 8, 8, 2};
  const int32_t n2[] = {4, 4};
  CHECK(gv_buffer_rings_simple(sq, n2, 2, &st) == 1 && st == GV_OK);
  const double bow[] = {0, 0, 10, 10, 10, 0, 0, 10}; /* a bow tie */
  const int32_t n1[] = {4};
  CHECK(gv_buffer_rings_simple(bow, n1, 1, &st) == 0);
  /* a ring touching another at one vertex, and a collinear overlap */
  const double touch[] = {0, 0, 10, 0, 10, 10, 0, 10, 10, 5, 12, 4, 12, 6};
  const int32_t n43[] = {4, 3};
  CHECK(gv_buffer_rings_simple(touch, n43, 2, &st) == 0);
  const double over[] = {0, 0, 10, 0, 10, 10, 0, 10, 2, 0, 4, 0, 3, -1};
  CHECK(gv_buffer_rings_simple(over, n43, 2, &st) == 0);
  /* a vertex going back along its segment (a spike of zero width) */
  const double spike[] = {0, 0, 10, 0, 5, 0, 5, 5};
  CHECK(gv_buffer_rings_simple(spike, n1, 1, &st) == 0);
  /* near misses stay disjoint: 1e-15 apart */
  const double near2[] = {0, 0, 1, 0, 1, 1, 1 + 1e-15, 0.5, 2, 0, 2, 1};
  const int32_t n33[] = {3, 3};
  CHECK(gv_buffer_rings_simple(near2, n33, 2, &st) == 1);
}

/* gv_buffer_fast takes the simple cases (with the pieces' area) and leaves the rest. */
static double fast_area(const char *w, double d, gv_buffer_params p, int *handled) {
  const char *texts[1] = {w};
  gv_array *a = test_wkt_array(texts, 1);
  gv_ov_out o;
  memset(&o, 0, sizeof o);
  gv_status st = GV_OK;
  *handled = gv_buffer_fast(a, 0, d, &p, NULL, &o, &st);
  CHECK(st == GV_OK);
  double area = 0;
  const int32_t *cnt = (const int32_t *)o.cnt.data;
  const double *xy = (const double *)o.xy.data;
  for (int32_t k = 0; k < o.npoly; k++) {
    int32_t nr = *cnt++;
    for (int32_t q = 0; q < nr; q++) {
      int32_t nc = *cnt++;
      double s = 0;
      for (int32_t e = 0; e + 1 < nc; e++) s += xy[2 * e] * xy[2 * e + 3] - xy[2 * e + 2] * xy[2 * e + 1];
      CHECK(q == 0 ? s < 0 : s > 0); /* shells clockwise, holes counter-clockwise */
      area += -s / 2;
      xy += 2 * nc;
    }
  }
  gv_ov_out_free(&o);
  gv_array_release(a);
  return area;
}

static void test_fast_path(void) {
  gv_buffer_params mitre = ROUND8, bevel = ROUND8;
  mitre.join = GV_JOIN_MITRE;
  bevel.join = GV_JOIN_BEVEL;
  const char *sq = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";
  const char *holed = "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 5 15, 15 15, 15 5, 5 5))";
  const char *ell = "POLYGON ((0 0, 10 0, 10 4, 4 4, 4 10, 0 10, 0 0))";
  struct { const char *w; double d; gv_buffer_params p; int fast; } cs[] = {
      {sq, 1, mitre, 1}, {sq, 1, ROUND8, 1}, {sq, 1, bevel, 1}, {sq, -1, ROUND8, 1},
      {holed, 1, ROUND8, 1}, {holed, -1, mitre, 1}, {ell, 1, ROUND8, 1}, {ell, -1, ROUND8, 1},
      {"MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((10 0, 14 0, 14 4, 10 4, 10 0)))", 1, ROUND8, 1},
      /* given up: offsets of a narrow notch cross; a hole closing up; the shell eroded away */
      {"POLYGON ((0 0, 10 0, 10 10, 5.2 10, 5.2 2, 4.8 2, 4.8 10, 0 10, 0 0))", 1, ROUND8, 0},
      {holed, 5.5, ROUND8, 0}, {sq, -6, ROUND8, 0}, {ell, -2.5, ROUND8, 0},
      /* parts whose buffers meet; a tiny part inside another's buffer; a reversal */
      {"MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((5 0, 9 0, 9 4, 5 4, 5 0)))", 1, ROUND8, 0},
      {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((11 5, 11.2 5, 11.2 5.2, 11 5)))", 3, ROUND8, 0},
      {"POLYGON ((0 0, 10 0, 10 10, 10 5, 10 12, 0 10, 0 0))", 1, ROUND8, 0},
  };
  for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
    int handled = 0;
    double a = fast_area(cs[k].w, cs[k].d, cs[k].p, &handled);
    CHECK(handled == cs[k].fast);
    if (handled) CHECK(near(a, run(cs[k].w, cs[k].d, cs[k].p).area, 1e-9 * fabs(a)));
  }
  CHECK(near(fast_area(sq, 1, mitre, &(int){0}), 144, 1e-9));
  CHECK(near(fast_area(sq, -1, ROUND8, &(int){0}), 64, 1e-9));
  CHECK(near(fast_area(holed, 1, mitre, &(int){0}), 22 * 22 - 8 * 8, 1e-9));
}

int main(void) {
  RUN(test_points);
  RUN(test_lines);
  RUN(test_polygons);
  RUN(test_offset_curve);
  RUN(test_rings_simple);
  RUN(test_fast_path);
  return check_report("test_buffer");
}
