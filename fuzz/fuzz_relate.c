/* Fuzz target for the relate engine, point location and the predicates.
 *
 * The input is two WKT geometries separated by '\n'. For every pair that
 * parses, the engine must not crash, read out of bounds or leak, and the
 * answers must agree wherever they must for any input, valid or not:
 * disjoint is not intersects, and prepared arrays answer exactly as
 * unprepared ones. (On invalid input, e.g. a collapsed shell or a zero-length
 * line, GEOS 3.13 is not even symmetric under transposition, and geovec
 * follows GEOS; the GEOS differential tests check valid input.) Any
 * inconsistency aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "algorithm/predicates.h"

static gv_array *parse(const uint8_t *p, size_t n) {
  int64_t off[2] = {0, (int64_t)n};
  gv_parse_opts o = {0};
  gv_errors e = {0};
  gv_array *a = NULL;
  gv_parse_wkt(p, off, 1, &o, &a, &e);
  gv_errors_free(&e);
  return a;
}

static void check_consistent(const gv_array *a, const gv_array *b) {
  char m[9];
  gv_relate_matrix(a, 0, b, 0, m);
  for (int k = 0; k < 9; k++)
    if (m[k] != 'F' && (m[k] < '0' || m[k] > '2')) abort();
  if (gv_predicate(a, 0, b, 0, GV_PRED_INTERSECTS) == gv_predicate(a, 0, b, 0, GV_PRED_DISJOINT)) abort();
}

/* Locating every vertex of a in b must give one of the three locations. */
static void check_vertices(const gv_array *a, const gv_array *b) {
  int64_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, 0)));
  int64_t e = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, 0)));
  for (int n = 0; k < e && n < 64; k++, n++) {
    double x = GV_X(a, k), y = GV_Y(a, k);
    if (x != x) continue;
    int loc = gv_locate_point(b, 0, x, y);
    if (loc < GV_LOC_EXTERIOR || loc > GV_LOC_INTERIOR) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size);
  if (!nl) return 0;
  gv_array *a = parse(data, (size_t)(nl - data));
  gv_array *b = parse(nl + 1, size - (size_t)(nl - data) - 1);
  if (a && b && a->n == 1 && b->n == 1 && !gv_is_null(a, 0) && !gv_is_null(b, 0)) {
    char before[GV_PRED_COUNT], m[9], m2[9];
    for (int p = 0; p < GV_PRED_COUNT; p++) before[p] = (char)gv_predicate(a, 0, b, 0, p);
    gv_relate_matrix(a, 0, b, 0, m);
    check_consistent(a, b);
    check_consistent(b, a);
    check_vertices(a, b);
    check_vertices(b, a);
    if (gv_prepare(a) == GV_OK && gv_prepare(b) == GV_OK) {
      for (int p = 0; p < GV_PRED_COUNT; p++)
        if (gv_predicate(a, 0, b, 0, p) != before[p]) abort();
      gv_relate_matrix(a, 0, b, 0, m2);
      if (memcmp(m, m2, 9) != 0) abort();
    }
  }
  gv_array_release(a);
  gv_array_release(b);
  return 0;
}
