/* makeValid in C (under ASan/UBSan): both methods on the classic invalid
 * shapes, with the expected result type and area, every result valid by
 * gv_geom_validity, valid inputs copied, keepCollapsed both ways. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "measure/measure.h"
#include "validity/make_valid.h"
#include "validity/valid.h"
#include "wkt_array.h"

typedef struct mv_case {
  const char *wkt;
  int method, keep;
  uint8_t type; /* expected base type */
  double area;
} mv_case;

static const mv_case CASES[] = {
    {"POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", GV_MV_LINEWORK, 1, GV_MULTIPOLYGON, 50},
    {"POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", GV_MV_STRUCTURE, 1, GV_MULTIPOLYGON, 50},
    {"MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))", GV_MV_LINEWORK, 1, GV_MULTIPOLYGON, 6},
    {"MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))", GV_MV_STRUCTURE, 1, GV_POLYGON, 7},
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 25 20, 25 25, 20 25, 20 20))", GV_MV_LINEWORK, 1, GV_MULTIPOLYGON, 125},
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 25 20, 25 25, 20 25, 20 20))", GV_MV_STRUCTURE, 1, GV_MULTIPOLYGON, 125},
    {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 8 2, 8 8, 2 8, 2 2)))", GV_MV_LINEWORK, 1, GV_POLYGON, 64},
    {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 8 2, 8 8, 2 8, 2 2)))", GV_MV_STRUCTURE, 1, GV_POLYGON, 100},
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0, 5 5, 5 15, 5 5, 0 0))", GV_MV_LINEWORK, 1, GV_GEOMETRYCOLLECTION, 100},
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0, 5 5, 5 15, 5 5, 0 0))", GV_MV_STRUCTURE, 1, GV_POLYGON, 100},
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5))", GV_MV_STRUCTURE, 0, GV_POLYGON, 75},
    {"POLYGON ((1 1, 1 1, 1 1, 1 1))", GV_MV_LINEWORK, 1, GV_POINT, 0},
    {"POLYGON ((1 1, 1 1, 1 1, 1 1))", GV_MV_STRUCTURE, 1, GV_POINT, 0},
    {"POLYGON ((1 1, 1 1, 1 1, 1 1))", GV_MV_STRUCTURE, 0, GV_POLYGON, 0},
    {"POLYGON ((0 0, 5 0, 10 0, 0 0))", GV_MV_STRUCTURE, 1, GV_LINESTRING, 0},
    {"LINESTRING (0 0, 0 0)", GV_MV_LINEWORK, 1, GV_POINT, 0},
    {"LINESTRING (0 0, 0 0)", GV_MV_STRUCTURE, 0, GV_LINESTRING, 0},
    {"MULTILINESTRING ((0 0, 0 0), (1 1, 2 2))", GV_MV_LINEWORK, 1, GV_GEOMETRYCOLLECTION, 0},
    {"GEOMETRYCOLLECTION (POINT (1 1), POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0)))", GV_MV_STRUCTURE, 1, GV_GEOMETRYCOLLECTION, 2},
    /* a multipolygon's collapsed shell kept: dissolved (one line), not the ring doubled back */
    {"MULTIPOLYGON (((0 0, 5 0, 10 0, 0 0)))", GV_MV_STRUCTURE, 1, GV_LINESTRING, 0},
    {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 5 2, 8 2, 2 2)))", GV_MV_STRUCTURE, 1, GV_POLYGON, 100},
    /* collection members: no keepCollapsed, a typed empty kept */
    {"GEOMETRYCOLLECTION (POLYGON ((0 0, 5 0, 10 0, 0 0)), POINT (1 1))", GV_MV_STRUCTURE, 1, GV_GEOMETRYCOLLECTION, 0},
    /* linework, GEOS's BuildArea iteration (results checked against GEOS 3.13) */
    /* nested squares, depths 0..3: depths 0 and 2 are areas */
    {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 8 2, 8 8, 2 8, 2 2)), ((3 3, 7 3, 7 7, 3 7, 3 3)), "
     "((4 4, 6 4, 6 6, 4 6, 4 4)))",
     GV_MV_LINEWORK, 1, GV_MULTIPOLYGON, 76},
    /* a hole on the shell's edges: the faces unioned, the hole's other edges as lines */
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 5 0, 5 5, 0 5, 0 0))", GV_MV_LINEWORK, 1, GV_GEOMETRYCOLLECTION, 100},
    /* nested shells sharing a corner and edges: one area, two lines */
    {"MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((0 0, 6 0, 6 6, 0 6, 0 0)), ((0 0, 3 0, 3 3, 0 3, 0 0)))",
     GV_MV_LINEWORK, 1, GV_GEOMETRYCOLLECTION, 100},
    /* a hole split in two faces: no face's shell equals the hole, a second iteration cuts it out */
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2), (2 2, 5 2, 5 8, 2 8, 2 2))", GV_MV_LINEWORK, 1,
     GV_GEOMETRYCOLLECTION, 64},
    /* a dangling edge (a spike inside): a line beside the area */
    {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0, 3 3, 5 5, 3 3, 0 0))", GV_MV_LINEWORK, 1, GV_GEOMETRYCOLLECTION, 100},
};

static void test_cases(void) {
  size_t n = sizeof CASES / sizeof CASES[0];
  gv_valid_work *w = gv_valid_work_new();
  CHECK(w != NULL);
  for (size_t k = 0; k < n; k++) {
    const mv_case *c = &CASES[k];
    gv_array *a = test_wkt_array(&c->wkt, 1);
    CHECK(a != NULL);
    if (!a) continue;
    gv_mv_result r;
    CHECK(gv_make_valid(w, a, 0, c->method, c->keep, &r) == GV_OK);
    CHECK(!r.copy);
    gv_builder b;
    gv_builder_init(&b);
    gv_mv_emit(&r, a, 0, &b);
    gv_mv_result_free(&r);
    gv_array *out = gv_builder_finish(&b);
    CHECK(out && out->n == 1);
    if (out) {
      gv_validity v;
      CHECK(gv_geom_validity(w, out, 0, &v) == GV_OK && v.code == GV_VALID);
      uint8_t t = GV_BASE_TYPE(gv_type_byte(out, 0));
      if (t != c->type) fprintf(stderr, "case %zu (%s): type %d, expected %d\n", k, c->wkt, t, c->type);
      CHECK(t == c->type);
      double ar = gv_geom_area(out, 0);
      if (fabs(ar - c->area) > 1e-9) fprintf(stderr, "case %zu (%s): area %g, expected %g\n", k, c->wkt, ar, c->area);
      CHECK(fabs(ar - c->area) <= 1e-9);
      gv_array_release(out);
    }
    gv_array_release(a);
  }
  gv_valid_work_free(w);
}

static void test_valid_copied(void) {
  const char *ws[] = {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))", "LINESTRING (0 0, 1 1, 0 1, 1 0)",
                      "POINT (1 2)", "POLYGON EMPTY"};
  gv_array *a = test_wkt_array(ws, 4);
  CHECK(a != NULL);
  for (int64_t i = 0; a && i < 4; i++) {
    for (int m = 0; m < 2; m++) {
      gv_mv_result r;
      CHECK(gv_make_valid(NULL, a, i, m, 1, &r) == GV_OK);
      CHECK(r.copy == 1);
      gv_mv_result_free(&r);
    }
  }
  gv_mv_result r;
  CHECK(a && gv_make_valid(NULL, a, 0, 7, 1, &r) == GV_ERR_ARG);
  CHECK(a && gv_make_valid(NULL, a, 9, 0, 1, &r) == GV_ERR_ARG);
  gv_array_release(a);
}

/* gv_ov_faces_build: a square cut by its diagonal, with a dangling edge
 * and a separate square (a cut edge joins nothing here). */
static void test_faces(void) {
  const gv_nseg e[] = {
      {0, 0, 4, 0, {1, 0}, 0}, {4, 0, 4, 4, {1, 0}, 0}, {0, 4, 4, 4, {1, 0}, 0}, {0, 0, 0, 4, {1, 0}, 0},
      {0, 0, 4, 4, {1, 0}, 0}, /* the diagonal */
      {4, 4, 6, 6, {1, 0}, 0}, /* a dangle */
      {10, 0, 12, 0, {1, 0}, 0}, {12, 0, 12, 2, {1, 0}, 0}, {10, 2, 12, 2, {1, 0}, 0}, {10, 0, 10, 2, {1, 0}, 0},
  };
  gv_ov_faces f;
  CHECK(gv_ov_faces_build(e, 10, NULL, &f) == GV_OK);
  int shells = 0, holes = 0, shell_he = 0;
  for (int32_t r = 0; r < f.nring; r++) {
    if (f.hole[r]) {
      holes++;
      CHECK(f.shell[r] == -1); /* the outsides of the two pieces lie in no face */
    } else {
      shells++;
      CHECK(f.shell[r] == r);
      shell_he += f.off[r + 1] - f.off[r];
    }
  }
  CHECK(shells == 3 && holes == 2);
  CHECK(shell_he == 3 + 3 + 4); /* two triangles and the separate square */
  CHECK(f.ring[10] == -1 && f.ring[11] == -1); /* the dangle */
  CHECK(f.ring[8] >= 0 && f.ring[9] >= 0 && f.ring[8] != f.ring[9]); /* the diagonal: a face on each side */
  gv_ov_faces_free(&f);
  /* only the separate square active: one shell, one hole */
  uint8_t act[10] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  CHECK(gv_ov_faces_build(e, 10, act, &f) == GV_OK);
  CHECK(f.nring == 2);
  CHECK(f.ring[0] == -1);
  gv_ov_faces_free(&f);
}

int main(void) {
  RUN(test_cases);
  RUN(test_faces);
  RUN(test_valid_copied);
  return check_report("test_make_valid");
}
