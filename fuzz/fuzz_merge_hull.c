/* Fuzz target for lineMerge and concaveHull (shape/linemerge.c,
 * shape/concave_hull.c).
 *
 * The input is one parameter byte and one WKT geometry, separated by '\n'.
 * The byte chooses the concave hull's ratio (0 .. 1, out of range too) and
 * whether holes are allowed. Every call must end, must not crash, read out
 * of bounds or leak; merged lines must have at least 2 points, no two
 * consecutive equal, and no more points than the input; a concave hull
 * polygon must have closed rings of at least 4 finite points, and use only
 * input vertices. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "shape/shape.h"

static gv_array *parse(const uint8_t *p, size_t n) {
  int64_t off[2] = {0, (int64_t)n};
  gv_parse_opts o = {0};
  gv_errors e = {0};
  gv_array *a = NULL;
  gv_parse_wkt(p, off, 1, &o, &a, &e);
  gv_errors_free(&e);
  return a;
}

static gv_array *run(int op, const gv_array *a, double p0, double p1) {
  gv_builder b;
  gv_builder_init(&b);
  double p[2] = {p0, p1};
  if (sh_unary(op, a, 0, p, &b)) abort(); /* no memory: not expected here */
  gv_array *r = gv_builder_finish(&b);
  gv_builder_free(&b);
  if (!r || r->n != 1) abort();
  return r;
}

static int64_t ncoords(const gv_array *a) {
  int32_t p0 = gv_geom_begin(a, 0), p1 = gv_geom_end(a, 0);
  if (p1 <= p0) return 0;
  return gv_ring_end(a, gv_part_end(a, p1 - 1) - 1) - gv_ring_begin(a, gv_part_begin(a, p0));
}

static int is_input_vertex(const gv_array *a, double x, double y) {
  int32_t p0 = gv_geom_begin(a, 0), p1 = gv_geom_end(a, 0);
  for (int32_t p = p0; p < p1; p++)
    for (int32_t r = gv_part_begin(a, p); r < gv_part_end(a, p); r++)
      for (int32_t k = gv_ring_begin(a, r); k < gv_ring_end(a, r); k++)
        if (GV_X(a, k) == x && GV_Y(a, k) == y) return 1;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size);
  if (!nl || size > 4096 || nl - data < 1) return 0;
  gv_array *a = parse(nl + 1, size - (size_t)(nl - data) - 1);
  if (a && a->n == 1) {
    int64_t nin = ncoords(a);
    for (int directed = 0; directed < 2; directed++) {
      gv_array *r = run(SH_LINE_MERGE, a, directed, 0);
      if (!gv_is_null(r, 0)) {
        uint8_t t = GV_BASE_TYPE(gv_type_byte(r, 0));
        if (t != GV_LINESTRING && t != GV_MULTILINESTRING && t != GV_GEOMETRYCOLLECTION) abort();
        if (ncoords(r) > nin) abort();
        for (int32_t p = gv_geom_begin(r, 0); p < gv_geom_end(r, 0); p++)
          for (int32_t q = gv_part_begin(r, p); q < gv_part_end(r, p); q++) {
            int32_t k0 = gv_ring_begin(r, q), k1 = gv_ring_end(r, q);
            if (k1 - k0 < 2) abort();
            for (int32_t k = k0 + 1; k < k1; k++)
              if (GV_X(r, k) == GV_X(r, k - 1) && GV_Y(r, k) == GV_Y(r, k - 1)) abort();
          }
      } else if (!gv_is_null(a, 0)) {
        abort();
      }
      gv_array_release(r);
    }
    double ratio = data[0] >= 250 ? (data[0] - 248) * 0.5 : data[0] / 249.0; /* 1 .. 3.5 out of range */
    gv_array *h = run(SH_CONCAVE_HULL, a, ratio, data[0] & 1);
    if (!gv_is_null(h, 0) && GV_BASE_TYPE(gv_type_byte(h, 0)) == GV_POLYGON) {
      int32_t p = gv_geom_begin(h, 0);
      for (int32_t q = gv_part_begin(h, p); q < gv_part_end(h, p); q++) {
        int32_t k0 = gv_ring_begin(h, q), k1 = gv_ring_end(h, q);
        if (k1 - k0 < 4 || GV_X(h, k0) != GV_X(h, k1 - 1) || GV_Y(h, k0) != GV_Y(h, k1 - 1)) abort();
        for (int32_t k = k0; k < k1; k++)
          if (!isfinite(GV_X(h, k)) || !isfinite(GV_Y(h, k)) || !is_input_vertex(a, GV_X(h, k), GV_Y(h, k))) abort();
      }
    }
    gv_array_release(h);
  }
  gv_array_release(a);
  return 0;
}
