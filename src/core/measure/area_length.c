/* Area and length, summed as GEOS sums them: a ring's signed area by the
 * shoelace formula with the first vertex's x subtracted (so a ring far from
 * the origin keeps its digits: the y differences are translation-free
 * already), |shell| - sum |holes| per polygon; a line's length as the sum
 * of its segment lengths. */
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "measure.h"

/* Twice-free signed area of coordinates [k, e) (GEOS Area::ofRingSigned). */
static double ring_area(const gv_array *a, int32_t k, int32_t e) {
  if (e - k < 3) return 0.0;
  double x0 = GV_X(a, k);
  double p0y, p1x, p1y = GV_Y(a, k), p2x = GV_X(a, k + 1) - x0, p2y = GV_Y(a, k + 1);
  double sum = 0.0;
  for (int32_t q = k + 1; q < e - 1; q++) {
    p0y = p1y;
    p1x = p2x, p1y = p2y;
    p2x = GV_X(a, q + 1) - x0, p2y = GV_Y(a, q + 1);
    sum += p1x * (p0y - p2y);
  }
  return fabs(sum / 2.0);
}

/* Sum of segment lengths, in order. The square roots bound the speed (the
 * adds are one chain either way): with SSE2 two are taken at once, which
 * gives the same correctly rounded values, added in the same order. */
static double run_length(const gv_array *a, int32_t k, int32_t e) {
  if (e - k < 2) return 0.0;
  double len = 0.0, x0 = GV_X(a, k), y0 = GV_Y(a, k);
  int32_t q = k + 1;
#ifdef __SSE2__
  for (; q + 3 < e; q += 4) {
    double x1 = GV_X(a, q), y1 = GV_Y(a, q), x2 = GV_X(a, q + 1), y2 = GV_Y(a, q + 1);
    double x3 = GV_X(a, q + 2), y3 = GV_Y(a, q + 2), x4 = GV_X(a, q + 3), y4 = GV_Y(a, q + 3);
    __m128d dx = _mm_set_pd(x2 - x1, x1 - x0), dy = _mm_set_pd(y2 - y1, y1 - y0);
    __m128d ex = _mm_set_pd(x4 - x3, x3 - x2), ey = _mm_set_pd(y4 - y3, y3 - y2);
    __m128d s = _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(dx, dx), _mm_mul_pd(dy, dy)));
    __m128d t = _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(ex, ex), _mm_mul_pd(ey, ey)));
    len += _mm_cvtsd_f64(s);
    len += _mm_cvtsd_f64(_mm_unpackhi_pd(s, s));
    len += _mm_cvtsd_f64(t);
    len += _mm_cvtsd_f64(_mm_unpackhi_pd(t, t));
    x0 = x4, y0 = y4;
  }
  for (; q + 1 < e; q += 2) {
    double x1 = GV_X(a, q), y1 = GV_Y(a, q), x2 = GV_X(a, q + 1), y2 = GV_Y(a, q + 1);
    __m128d dx = _mm_set_pd(x2 - x1, x1 - x0), dy = _mm_set_pd(y2 - y1, y1 - y0);
    __m128d s = _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(dx, dx), _mm_mul_pd(dy, dy)));
    len += _mm_cvtsd_f64(s);
    len += _mm_cvtsd_f64(_mm_unpackhi_pd(s, s));
    x0 = x2, y0 = y2;
  }
#endif
  for (; q < e; q++) {
    double x1 = GV_X(a, q), y1 = GV_Y(a, q), dx = x1 - x0, dy = y1 - y0;
    len += sqrt(dx * dx + dy * dy);
    x0 = x1, y0 = y1;
  }
  return len;
}

double gv_geom_area(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return NAN;
  double area = 0.0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, t, p) != GV_POLYGON) continue;
    double part = 0.0;
    for (int32_t r = gv_part_begin(a, p), r0 = r, re = gv_part_end(a, p); r < re; r++) {
      double ra = ring_area(a, gv_ring_begin(a, r), gv_ring_end(a, r));
      part += r == r0 ? ra : -ra;
    }
    area += part;
  }
  return area;
}

double gv_geom_length(const gv_array *a, int64_t i) {
  uint8_t t = gv_type_byte(a, i);
  if (GV_BASE_TYPE(t) == GV_NULL) return NAN;
  double len = 0.0;
  for (int32_t p = gv_geom_begin(a, i), pe = gv_geom_end(a, i); p < pe; p++) {
    if (gv_part_kind(a, t, p) == GV_POINT) continue;
    double part = 0.0;
    for (int32_t r = gv_part_begin(a, p), re = gv_part_end(a, p); r < re; r++)
      part += run_length(a, gv_ring_begin(a, r), gv_ring_end(a, r));
    len += part;
  }
  return len;
}

int gv_geom_has_coords(const gv_array *a, int64_t i) {
  if (gv_is_null(a, i)) return 0;
  int32_t k = gv_ring_begin(a, gv_part_begin(a, gv_geom_begin(a, i)));
  int32_t e = gv_ring_begin(a, gv_part_begin(a, gv_geom_end(a, i)));
  for (; k < e; k++)
    if (!isnan(GV_X(a, k))) return 1;
  return 0;
}
