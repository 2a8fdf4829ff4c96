/* Fuzz target for buffer and offset curves (buffer/, through the overlay).
 *
 * The input is one parameter line and one WKT geometry, separated by '\n'.
 * The parameter bytes choose the distance (a multiple of the geometry's
 * size, negative and zero included), the cap and join styles, the quadrant
 * segments and the mitre limit. Every call must end (bounded time), must
 * not crash, read out of bounds or leak, and must give closed rings of at
 * least 4 finite coordinates, shells clockwise and holes counter-clockwise;
 * a positive round buffer must not have less area than the input's
 * polygons; offset curves must be lines of at least 2 finite points. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geovec.h"
#include "algorithm/predicates.h"
#include "buffer/buffer.h"
#include "measure/measure.h"
#include "overlay/overlay.h"
#include "validity/valid.h"

static int is_valid(const gv_array *a) {
  gv_valid_work *w = gv_valid_work_new();
  gv_validity v = {GV_VALID, 0, 0};
  if (!w || gv_geom_validity(w, a, 0, &v) != GV_OK) abort();
  gv_valid_work_free(w);
  return v.code == GV_VALID;
}

static gv_array *parse(const uint8_t *p, size_t n) {
  int64_t off[2] = {0, (int64_t)n};
  gv_parse_opts o = {0};
  gv_errors e = {0};
  gv_array *a = NULL;
  gv_parse_wkt(p, off, 1, &o, &a, &e);
  gv_errors_free(&e);
  return a;
}

/* Exact turn of a closed ring of nc coordinates. */
static int ring_turn(const double *xy, int32_t nc) {
  int32_t n = nc - 1, m = 0;
  for (int32_t k = 1; k < n; k++)
    if (xy[2 * k] < xy[2 * m] || (xy[2 * k] == xy[2 * m] && xy[2 * k + 1] < xy[2 * m + 1])) m = k;
  int32_t p = (m + n - 1) % n, q = (m + 1) % n;
  return gv_orient(xy[2 * p], xy[2 * p + 1], xy[2 * m], xy[2 * m + 1], xy[2 * q], xy[2 * q + 1]);
}

/* the sum of the shoelace terms' sizes seen since it was last reset: areas
 * are known to about 1e-15 of it, so the identities are checked to 1e-9 of it */
static double magnitude;

static double checked_area(const gv_ov_out *o) {
  const int32_t *cnt = (const int32_t *)o->cnt.data;
  const double *xy = (const double *)o->xy.data;
  double s = 0;
  for (int32_t p = 0; p < o->npoly; p++) {
    int32_t nr = *cnt++;
    if (nr < 1) abort();
    for (int32_t r = 0; r < nr; r++) {
      int32_t nc = *cnt++;
      if (nc < 4 || xy[0] != xy[2 * nc - 2] || xy[1] != xy[2 * nc - 1]) abort();
      double a = 0;
      for (int32_t k = 0; k + 1 < nc; k++) {
        if (!isfinite(xy[2 * k]) || !isfinite(xy[2 * k + 1])) abort();
        /* shoelace about the first vertex; the sum of |terms| bounds its rounding */
        double x0 = xy[2 * k] - xy[0], y0 = xy[2 * k + 1] - xy[1], x1 = xy[2 * k + 2] - xy[0], y1 = xy[2 * k + 3] - xy[1];
        a += x0 * y1 - x1 * y0;
        magnitude += fabs(x0 * y1) + fabs(x1 * y0);
      }
      if (ring_turn(xy, nc) != (r == 0 ? -1 : 1)) abort();
      s += -a / 2;
      xy += 2 * nc;
    }
  }
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size);
  if (!nl || size > 4096 || nl - data < 5) return 0;
  gv_array *a = parse(nl + 1, size - (size_t)(nl - data) - 1);
  if (a && a->n == 1 && !gv_is_null(a, 0)) {
    double b[4];
    gv_geom_bounds(a, 0, b);
    double size_ = fmax(b[2] - b[0], b[3] - b[1]);
    if (!(size_ > 0) || !isfinite(size_)) size_ = 1;
    double d = ((int)data[0] - 128) / 32.0 * size_; /* -4 .. 4 sizes, 0 included */
    gv_buffer_params p = {1 + data[1] % 12, 1 + data[2] % 3, 1 + data[3] % 3, (data[4] % 40) / 4.0, data[0] & 1 ? 0 : (data[1] >> 7)};
    gv_buf segs = {0};
    int op = 0;
    const char *why = NULL;
    gv_status st = gv_buffer_pieces(a, 0, -1, d, &p, NULL, &segs, &op, &why);
    if (st == GV_ERR_NOMEM) abort();
    if (st == GV_OK) {
      gv_ov_out o;
      gv_status s2 = gv_ov_areas((const gv_nseg *)segs.data, (int64_t)(segs.len / sizeof(gv_nseg)), op, 0, &o);
      if (s2 == GV_ERR_NOMEM || s2 == GV_ERR_ARG) abort();
      if (s2 == GV_OK) {
        gv_buffer_tidy(&o);
        magnitude = 0;
        double area = checked_area(&o);
        double in = gv_geom_area(a, 0);
        /* a positive round buffer covers the input (only valid inputs: an
         * invalid polygon's area is not the area it covers) */
        if (d > 0 && p.cap == GV_CAP_ROUND && p.join == GV_JOIN_ROUND && !p.single_sided && o.nline == 0 && in > 0 &&
            is_valid(a) && area < in * (1 - 1e-9) - 1e-9 * magnitude)
          abort();
        gv_ov_out_free(&o);
      }
    }
    gv_buf_free(&segs);
    gv_ov_out oc;
    memset(&oc, 0, sizeof oc);
    st = gv_offset_curve(a, 0, d, &p, &oc, &why);
    if (st == GV_ERR_NOMEM) abort();
    const int32_t *cnt = (const int32_t *)oc.cnt.data;
    const double *xy = (const double *)oc.xy.data;
    for (int32_t k = 0; st == GV_OK && k < oc.nline; k++) {
      int32_t nc = *cnt++;
      if (nc < 2) abort();
      for (int32_t q = 0; q < 2 * nc; q++)
        if (!isfinite(xy[q])) abort();
      xy += 2 * nc;
    }
    gv_ov_out_free(&oc);
  }
  gv_array_release(a);
  return 0;
}
