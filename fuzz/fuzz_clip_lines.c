/* Fuzz target for the line and point clipper (clip_lines.c).
 *
 * The first 4 bytes pick a rectangle with corners on a small grid (so that
 * vertices land on its edges and corners); the rest is WKT. Every parsed
 * element is clipped; each output line must have at least two points and
 * every output coordinate must lie in the closed rectangle (up to rounding
 * of computed cut points, 1e-9 of the extent). Any violation aborts. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "geovec.h"
#include "overlay/clip_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 5) return 0;
  double r[4] = {data[0] % 8, data[1] % 8, 0, 0};
  r[2] = r[0] + 1 + data[2] % 8;
  r[3] = r[1] + 1 + data[3] % 8;
  int64_t off[2] = {0, (int64_t)(size - 4)};
  gv_array *a = NULL;
  gv_errors err = {{0}, 0};
  gv_parse_opts o = {0};
  gv_parse_wkt(data + 4, off, 1, &o, &a, &err);
  gv_errors_free(&err);
  if (!a) return 0;
  for (int64_t i = 0; i < a->n; i++) {
    if (gv_is_null(a, i)) continue;
    gv_ov_out out = {0};
    const char *why = NULL;
    gv_status st = gv_clip_lines(a, i, r, (data[0] & 0x80) ? 0.5 : 0, &out, &why);
    if (st == GV_OK) {
      const int32_t *cnt = (const int32_t *)out.cnt.data;
      const double *xy = (const double *)out.xy.data;
      size_t ncoord = 0;
      for (int32_t k = 0; k < out.nline; k++) {
        if (cnt[k] < 2) abort();
        ncoord += (size_t)cnt[k];
      }
      ncoord += (size_t)out.npt;
      if (ncoord * 2 * sizeof(double) != out.xy.len) abort();
      double tol = 1e-9 * 16 + 0.5; /* the grid may move a vertex by half a cell */
      for (size_t k = 0; k < ncoord; k++) {
        double x = xy[2 * k], y = xy[2 * k + 1];
        if (!(x >= r[0] - tol && x <= r[2] + tol && y >= r[1] - tol && y <= r[3] + tol)) abort();
      }
    }
    gv_ov_out_free(&out);
  }
  gv_array_release(a);
  return 0;
}
