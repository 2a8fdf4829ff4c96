/* Fuzz target for makeValid (validity/make_valid.c).
 *
 * The input is one WKT geometry of any type, valid or not. For both methods
 * and keepCollapsed both ways, makeValid must end (bounded time), must not
 * crash, read out of bounds or leak, and its result must be valid by
 * geovec's own check (gv_geom_validity); a valid input must come back as it
 * is. Anything else aborts. GV_ERR_LIMIT (noding that did not converge) is
 * allowed: bounded and reported. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "validity/make_valid.h"
#include "validity/valid.h"

static gv_array *parse(const uint8_t *p, size_t n) {
  int64_t off[2] = {0, (int64_t)n};
  gv_parse_opts o = {0};
  gv_errors e = {0};
  gv_array *a = NULL;
  gv_parse_wkt(p, off, 1, &o, &a, &e);
  gv_errors_free(&e);
  return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  gv_array *a = parse(data, size);
  if (!a || a->n != 1 || gv_is_null(a, 0)) {
    gv_array_release(a);
    return 0;
  }
  gv_valid_work *w = gv_valid_work_new();
  if (!w) abort();
  gv_validity vin;
  if (gv_geom_validity(w, a, 0, &vin) != GV_OK) abort();
  for (int method = 0; method < 2; method++) {
    for (int keep = 0; keep < 2; keep++) {
      gv_mv_result r;
      gv_status st = gv_make_valid(w, a, 0, method, keep, &r);
      if (st == GV_ERR_LIMIT) continue;
      if (st != GV_OK) abort();
      if ((vin.code == GV_VALID) != (r.copy != 0)) abort();
      gv_builder b;
      gv_builder_init(&b);
      gv_mv_emit(&r, a, 0, &b);
      gv_mv_result_free(&r);
      gv_array *out = gv_builder_finish(&b);
      if (!out || out->n != 1) abort();
      gv_validity v;
      if (gv_geom_validity(w, out, 0, &v) != GV_OK) abort();
      if (v.code != GV_VALID) abort();
      gv_array_release(out);
    }
  }
  gv_valid_work_free(w);
  gv_array_release(a);
  return 0;
}
